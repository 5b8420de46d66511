"""Sentence boundaries in legal text, plain-text clean-up, unknown-glyph repair, sections, chunking."""

from __future__ import annotations

import pytest

from analyzer.nlp.pipeline import chunks
from analyzer.nlp.sentences import SentenceIndex
from analyzer.readers import read_text
from analyzer.readers.clean import clean_text, normalize_chars
from analyzer.readers.glyphs import repair_unknown_glyphs


def sentences(text: str) -> list[str]:
    idx = SentenceIndex(text)
    return [text[s:e].strip() for s, e in zip(idx.starts, idx.starts[1:] + [len(text)], strict=True)
            if text[s:e].strip()]


@pytest.mark.parametrize("text", [
    "Payments are due under Section 9.4. of this Agreement.",
    "Wells Fargo Bank, N.A. shall act as agent for the Lenders.",
    "The Borrower is organized in the U.S. and shall pay all taxes.",
    "The Company, i.e. the Borrower, shall pay the Loan.",
    "Acme Holdings, Inc. shall guarantee the Loan.",
    "See Sec. 4 for the payment terms.",
    "The notice shall be sent to J. Smith at the address above.",
])
def test_abbreviations_and_numbering_do_not_split(text: str) -> None:
    assert sentences(text) == [text]


def test_real_boundaries_split() -> None:
    text = "Borrower shall pay the Loan. Lender may accelerate.\n\n(a) Each payment is due monthly."
    assert sentences(text) == ["Borrower shall pay the Loan.", "Lender may accelerate.",
                               "(a) Each payment is due monthly."]


@pytest.mark.parametrize("lead,runs_on", [
    ("Except for any loss the Holder suffers because of", True),
    ("The Maker is liable, despite the foregoing, for", True),
    ("Other than claims arising from", True),
    ("Save for damages resulting from the following:", False),  # a colon may close a heading-like lead
    ("Carve-outs", False),
])
@pytest.mark.parametrize("joint", ["; and", "; or", ";", ","])
def test_an_item_list_set_out_one_item_per_paragraph_stays_one_sentence(lead: str, runs_on: bool,
                                                                           joint: str) -> None:
    text = (f"{lead}\n\n(i) misapplied deposits{joint}\n\n(ii) waste of the Land, for which the Maker is "
            "personally liable, the Holder looks only to the Land.\n\nPayments are due monthly.")
    got = sentences(text)
    if runs_on:
        assert len(got) == 2 and got[0].startswith(lead) and got[0].endswith("only to the Land.")
    else:
        assert got[0] == lead and got[1].startswith("(i) misapplied") and got[1].endswith("only to the Land.")


def test_a_paragraph_ending_a_sentence_still_splits_before_an_item() -> None:
    text = "The Holder may accelerate.\n\n(a) Each payment is due monthly.\n\nSection 3. Interest accrues daily."
    assert sentences(text) == ["The Holder may accelerate.", "(a) Each payment is due monthly.",
                               "Section 3. Interest accrues daily."]


def test_enumerated_heading_stays_whole() -> None:
    text = "9.4. Exculpation. Lender shall look solely to the Property."
    assert sentences(text)[0].startswith("9.4. Exculpation.")


def test_hard_wrapped_paragraphs_are_joined_and_hyphens_repaired() -> None:
    raw = ("Borrower shall not be per-\nsonally liable for the pay-\nment of this Note, and Lender shall\n"
           "look solely to the Property.\n\nSection 2. Governing Law.\nThis Note is governed by Ohio law.")
    out = clean_text(raw)
    assert "personally liable for the payment of this Note, and Lender shall look solely" in out
    assert "\n\nSection 2. Governing Law." in out


def test_normalize_quotes_ligatures_and_invisible_characters() -> None:
    s = "\u201cBorrower\u201d shall \ufb01le \u2018notice\u2019\u00a0now\u200b\u00ad."
    assert normalize_chars(s) == "\"Borrower\" shall file 'notice' now."


def test_unknown_glyphs_repaired_to_vocabulary_words() -> None:
    s = "the Note shal\ufffd impose n\ufffdpersonal lial\ufffdility and wi11 n\ufffdt seek any defi\ufffdiency"
    out = repair_unknown_glyphs(s)
    assert "no personal liability" in out and "not seek" in out and "deficiency" in out
    assert "\ufffd" not in out


def test_question_marks_glued_to_letters_are_lost_glyphs() -> None:
    out = repair_unknown_glyphs("Except for persanal ?iability expressly pro?ided. Is it due? Yes.")
    assert "liability" in out and "provided" in out and "due? Yes." in out


def test_pages_from_form_feeds_and_edgar_markers() -> None:
    doc = read_text("First page text.\fSecond page: Borrower shall pay.\n<PAGE> 3\nThird page.")
    assert len(doc.pages) == 3
    assert doc.page_at(doc.text.index("Borrower")) == 2
    assert doc.page_at(doc.text.index("Third")) == 3


def test_sections_found_for_offsets() -> None:
    doc = read_text("ARTICLE IX\n\nSection 9.4 Exculpation.\n\nLender shall look solely to the Property.")
    assert doc.section_at(doc.text.index("Lender")) == "Section 9.4 Exculpation"


def test_chunks_cover_text_and_cut_at_paragraphs() -> None:
    text = ("A paragraph of words. " * 50 + "\n\n") * 200
    pieces = list(chunks(text, size=5000))
    assert "".join(p for _, p in pieces) == text
    assert all(p.startswith("A") for _, p in pieces)
    assert all(off == sum(len(q) for _, q in pieces[:i]) for i, (off, _) in enumerate(pieces))
