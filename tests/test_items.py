"""Each item of a carve-out or springing list is quoted on its own, in every list style a drafter uses."""

from __future__ import annotations

import itertools

import pytest

from analyzer import Analyzer
from analyzer.items import list_items

ITEMS = ["fraud or intentional misrepresentation by the Maker", "physical waste of the Land",
         "misapplication of rents received after a default", "any breach of the environmental indemnity"]
STYLES = {"letters": lambda i: f"({'abcd'[i]})", "romans": lambda i: f"({['i', 'ii', 'iii', 'iv'][i]})",
          "numbers": lambda i: f"{i + 1}.", "dashes": lambda i: "-", "bullets": lambda i: "\u2022"}
JOINTS = [(";", "; and", "."), (",", ", or", "."), (";", ";", ".")]
LEADS = ["the Maker shall be personally liable for losses arising out of any of the following:",
         "the Holder may recover from the Maker the losses it suffers as follows:"]


def _document(style: str, joint: tuple[str, str, str], lead: str, gap: str) -> str:
    mark = STYLES[style]
    lines = [f"{mark(i)} {text}{joint[0] if i < len(ITEMS) - 2 else joint[1] if i == len(ITEMS) - 2 else joint[2]}"
             for i, text in enumerate(ITEMS)]
    return (f"PROMISSORY NOTE\n\nThe Maker promises to pay the Holder $2,000,000.\n\n7. Recourse. The Maker shall "
            f"not be personally liable for this Note, and the Holder shall look only to the Land. Despite the "
            f"foregoing, {lead}{gap}" + gap.join(lines) + "\n\n8. Notices. Notices shall be in writing.\n")


@pytest.mark.parametrize("style,joint,lead,gap", list(itertools.product(STYLES, JOINTS, LEADS, ["\n", "\n\n"])))
def test_a_set_out_list_gives_one_item_each(style: str, joint: tuple, lead: str, gap: str) -> None:
    r = Analyzer().analyze(_document(style, joint, lead, gap))
    assert r.label.value == "limited-recourse"
    carve = [e for e in r.evidence if e.kind == "carve_out"]
    assert carve, [e.kind for e in r.evidence]
    items = carve[0].items
    assert [i.text.split(" ", 1)[1].rstrip(".;, ").removesuffix(" and").removesuffix(" or") for i in items] == ITEMS
    assert all(i.page == 1 for i in items)
    assert "Notices" not in items[-1].text
    assert [i.categories for i in items][:2] == [["fraud", "misrepresentation"], ["waste"]]


def test_a_run_in_list_is_split_inside_its_sentence() -> None:
    text = ("The Debt shall be fully recourse to the Maker if (i) the Maker files a voluntary petition, (ii) the "
            "Maker transfers the Land without consent or (iii) the Maker grants a second lien on the Land.")
    got = [text[a:b] for a, b in list_items(text, 0, len(text))]
    assert got == ["(i) the Maker files a voluntary petition", "(ii) the Maker transfers the Land without consent",
                   "(iii) the Maker grants a second lien on the Land."]


@pytest.mark.parametrize("text", [
    "The Maker shall be liable for losses arising out of the following: fraud and waste.",  # no enumerated items
    "The Maker shall be liable for losses arising from fraud (as defined in Section 1.1).",  # one parenthesis
])
def test_no_list_no_items(text: str) -> None:
    assert list_items(text, 0, len(text)) == []


def test_a_lead_in_followed_by_prose_has_no_items() -> None:
    text = "The Maker is liable as follows:\nThe Holder shall first apply the rents.\n(a) not an item of it"
    assert list_items(text, 0, text.index(":") + 1) == []
