"""Sixth probe round (our own drafting): a limit that falls away on a trigger ("this limitation shall be null
and void if ..."), carve-outs that say "answerable" or "accountable", and springing recourse with no limit to
spring from (the label stays recourse, but the confidence is held and a review warning says why)."""

from __future__ import annotations

import itertools

import pytest

from analyzer import Analyzer
from analyzer.classify import decide
from analyzer.nlp.pipeline import find_clauses

PROMISE = ('Cedar Point Partners LP ("Borrower") promises to pay the Loan to Northgate Bank ("Lender"). '
           "Recourse against Borrower shall be limited to the Premises. ")


def label(body: str) -> str:
    text = PROMISE + body
    return decide(find_clauses(text), text).label


SUBJECTS = ["this limitation", "the foregoing limitation", "the limitations of liability in this Section",
            "the exculpation above", "the non-recourse provisions of this Note"]
VOIDS = ["shall be null and void", "shall become void", "shall be inoperative", "shall be of no effect and void",
         "shall be inapplicable"]
TRIGGERS = ["if Borrower transfers the Premises without Lender's consent", "upon any voluntary bankruptcy filing by "
            "Borrower", "in the event Borrower incurs additional debt secured by the Premises"]


@pytest.mark.parametrize("subject,void,trigger", list(itertools.product(SUBJECTS, VOIDS, TRIGGERS)))
def test_a_limit_void_on_a_trigger_springs_recourse(subject: str, void: str, trigger: str) -> None:
    assert label(f"{subject[0].upper()}{subject[1:]} {void} {trigger}.") == "limited-recourse"
    assert label(f"{trigger[0].upper()}{trigger[1:]}, {subject} {void}.") == "limited-recourse"


@pytest.mark.parametrize("sentence", [
    "If any provision of this Note is held void or unenforceable, the remaining provisions remain in effect.",
    "If the limitations on interest in Section 4 are held void, interest shall accrue at the maximum lawful rate.",
    "Any transfer of the Premises without Lender's consent shall be void.",
    "If Borrower pledges the Premises again, such pledge shall be void as against Lender.",
    "This limitation shall not be void if Borrower transfers the Premises to an affiliate.",
    "If any provision hereof is prohibited by law, such provision shall be ineffective to the extent of the "
    "prohibition."])
def test_severability_and_void_transfers_spring_nothing(sentence: str) -> None:
    assert label(sentence) == "non-recourse"


@pytest.mark.parametrize("word,losses", list(itertools.product(
    ["remains answerable", "shall be accountable", "shall remain answerable", "is accountable"],
    ["for any loss caused by its fraud or by waste of the Premises",
     "for losses arising from the misapplication of rents"])))
def test_answerable_for_named_losses_is_a_carve_out(word: str, losses: str) -> None:
    assert label(f"However, Borrower {word} {losses}.") == "limited-recourse"


def test_springing_recourse_with_no_limit_read_holds_the_confidence() -> None:
    text = ('Cedar Point Partners LP ("Borrower") promises to pay the Loan to Northgate Bank. The Loan shall be '
            "with full recourse to Borrower should Borrower commence a case under the Bankruptcy Code.")
    result = Analyzer().analyze(text)
    assert result.label.value == "recourse"
    assert result.confidence <= 0.75
    assert any("springing recourse" in w and "no limit" in w for w in result.warnings)


@pytest.mark.parametrize("sentence", [
    "The Loan shall become recourse solely to the Pledged Accounts if Borrower defaults.",
    "Upon any default the Note is recourse only to the Collateral."])
def test_recourse_confined_to_an_asset_is_no_springing(sentence: str) -> None:
    found = [f.kind for f in find_clauses(f"Borrower promises to pay the Loan. {sentence}")]
    assert "springing_recourse" not in found
    assert decide(find_clauses(f"Borrower promises to pay the Loan. {sentence}"),
                  f"Borrower promises to pay the Loan. {sentence}").label == "non-recourse"
