"""Limits in shapes found by the fifth probe round (our own drafting), each as a generated family with its traps.

- a cap on the obligor's liability for this debt that names no "personal" or "recourse": "Borrower's
  liability for the Loan shall not exceed $500,000";
- a bar on paying more than an asset yields: "in no event shall Borrower be required to pay any amount in
  excess of the net proceeds of the Project" (but a usury savings clause limits nothing);
- a deficiency barred in the passive: "no deficiency shall be sought against Borrower";
- the sole source named after the debt: "the sole source of repayment of this Note shall be the Revenues";
- "without recourse to Borrower, except to the extent of its interest in the Mortgaged Estate": the asset is
  the limit itself, not an exception that keeps liability.
"""

from __future__ import annotations

import itertools

import pytest

from analyzer.classify import decide
from analyzer.nlp.pipeline import find_clauses

PROMISE = ('FOR VALUE RECEIVED, Cedar Point Partners LP ("Borrower") promises to pay to Northgate Bank ("Lender") '
           "the principal sum of $3,100,000 with interest. ")


def label(body: str) -> str:
    text = PROMISE + body
    return decide(find_clauses(text), text).label


@pytest.mark.parametrize("whose,verb,amount", list(itertools.product(
    ["Borrower's liability for the Loan", "The liability of Borrower under this Note",
     "Borrower's obligations hereunder", "Borrower's liability for the Debt"],
    ["shall not exceed", "shall in no event exceed", "will not be more than"],
    ["$500,000", "25% of the original principal amount", "one-third of the Loan"])))
def test_a_cap_on_the_obligors_liability_for_this_debt(whose: str, verb: str, amount: str) -> None:
    assert label(f"{whose} {verb} {amount}.") == "limited-recourse"


@pytest.mark.parametrize("sentence", [
    "Borrower's liability for transfer taxes shall not exceed $5,000.",
    "Borrower's liability for any single repair under Section 6 shall not exceed $25,000 without Lender's consent.",
    "Lender's liability to Borrower shall not exceed $10,000."])
def test_a_limit_on_some_other_liability_is_no_cap(sentence: str) -> None:
    assert label(sentence) == "recourse"


@pytest.mark.parametrize("lead,asset", list(itertools.product(
    ["In no event shall Borrower be required to pay any amount", "Borrower shall not be liable for any sum",
     "Borrower shall have no obligation to pay any amount"],
    ["the net proceeds of the Project", "the value of the Collateral",
     "the rents and proceeds of the Mortgaged Property", "the Pledged Revenues"])))
def test_no_payment_beyond_what_an_asset_yields_is_non_recourse(lead: str, asset: str) -> None:
    assert label(f"{lead} in excess of {asset}.") == "non-recourse"


@pytest.mark.parametrize("sentence", [
    "In no event shall Borrower be required to pay interest in excess of the Maximum Lawful Rate.",
    "Borrower shall not be obligated to pay any amount in excess of the amount permitted by applicable law.",
    "In no event shall the interest payable hereunder be in excess of the highest rate permitted by law.",
    "Borrower shall not pay any fee in excess of the rate allowed under the Usury Laws."])
def test_a_usury_savings_clause_limits_nothing(sentence: str) -> None:
    assert label(sentence) == "recourse"


@pytest.mark.parametrize("neg,verb,tail,want", [
    (neg, verb, tail, want) for neg, verb in itertools.product(
        ["No deficiency shall be", "No deficiency judgment shall be", "In no event shall any deficiency be"],
        ["sought", "entered", "recovered", "pursued"])
    for tail, want in [
        ("against Borrower after foreclosure.", "non-recourse"),
        ("against Borrower, other than for damages resulting from waste or fraud.", "limited-recourse")]])
def test_a_deficiency_barred_in_the_passive(neg: str, verb: str, tail: str, want: str) -> None:
    assert label(f"{neg} {verb} {tail}") == want


@pytest.mark.parametrize("sentence", ["A deficiency may be recovered from Borrower after any foreclosure sale.",
                                      "Any deficiency shall be owed by Borrower on demand."])
def test_a_deficiency_allowed_in_the_passive_keeps_recourse(sentence: str) -> None:
    assert label(sentence) == "recourse"


@pytest.mark.parametrize("source,what,verb,asset", list(itertools.product(
    ["The sole source", "The only source", "The exclusive source"],
    ["of repayment of this Note", "of payment for the Loan", "of recovery under this Note"],
    ["shall be", "is"],
    ["the Pledged Revenues", "the Receivables", "the Mortgaged Property"])))
def test_the_sole_source_named_after_the_debt(source: str, what: str, verb: str, asset: str) -> None:
    assert label(f"{source} {what} {verb} {asset}.") == "non-recourse"


@pytest.mark.parametrize("lead,asset", list(itertools.product(
    ["The obligations of Borrower under this Note are without recourse to Borrower",
     "This Note is non-recourse to Borrower", "Borrower shall have no personal liability for the Loan"],
    ["its interest in the Mortgaged Estate", "the Collateral", "the value of the Property",
     "its right, title and interest in the Aircraft"])))
def test_except_to_the_extent_of_an_asset_is_the_limit_not_an_exception(lead: str, asset: str) -> None:
    assert label(f"{lead}, except to the extent of {asset}.") == "non-recourse"


def test_except_to_the_extent_provided_elsewhere_is_still_an_exception() -> None:
    assert label("Borrower shall have no personal liability for the Loan, except to the extent provided in "
                 "Section 9.3.") == "limited-recourse"
