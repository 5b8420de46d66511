"""The creditor's side of a non-recourse clause: "Lender may not look to any other assets of Borrower".

A drafter can bar the creditor from the obligor's other assets instead of freeing the obligor from liability;
a creditor freed from a duty to go there first ("need not proceed against other assets") is the opposite, a
waiver in the creditor's favour. Both are generated here in many wordings of our own.
"""

from __future__ import annotations

import itertools
import random

import pytest

from analyzer.classify import decide
from analyzer.nlp.pipeline import find_clauses

PROMISE = "Borrower promises to pay the Loan, with interest, as set out herein. "
CREDITORS = ["Lender", "The Holder", "Payee", "The Bank"]
BARS = ["shall not", "may not", "will not", "shall have no right to"]
VERBS = ["look to", "resort to", "proceed against", "seek payment from"]
ASSETS = ["any other assets of Borrower", "any other property or funds of Borrower", "the general funds of Borrower",
          "Borrower's other assets"]
PURPOSES = ["for repayment of the Loan", "for payment of the Loan", "to satisfy the Loan", "to reduce the Loan"]
NO_DUTY = ["shall not be required to", "need not", "shall not be obligated to", "shall have no obligation to", "may"]
TRAP_ENDS = ["before enforcing its rights against Borrower", "for payment of this Note"]


def label(text: str) -> str:
    return decide(find_clauses(text), text).label


BARRED = sorted(random.Random(17).sample(list(itertools.product(CREDITORS, BARS, VERBS, ASSETS, PURPOSES)), 120))


@pytest.mark.parametrize("creditor,bar,verb,assets,purpose", BARRED)
def test_a_creditor_barred_from_the_obligors_other_assets_is_non_recourse(creditor, bar, verb, assets, purpose):
    assert label(f"{PROMISE}{creditor} {bar} {verb} {assets} {purpose}.") == "non-recourse"


@pytest.mark.parametrize("creditor,free,verb,assets,end", list(itertools.product(
    CREDITORS[:2], NO_DUTY, VERBS[:3], ["any other assets of Borrower", "any other collateral"], TRAP_ENDS)))
def test_a_creditor_freed_from_a_duty_to_go_there_first_keeps_recourse(creditor, free, verb, assets, end):
    assert label(f"{PROMISE}{creditor} {free} {verb} {assets} {end}.") == "recourse"


@pytest.mark.parametrize("verb", ["satisfy", "reduce", "discharge"])
def test_a_purpose_infinitive_after_no_right_to_preserves_nothing(verb: str):
    # "no right to ... to satisfy" is not "nothing ... shall satisfy": the bar still limits recourse
    assert label(f"{PROMISE}Lender shall have no right to look to any other assets of Borrower to {verb} the "
                 "Loan.") == "non-recourse"


@pytest.mark.parametrize("lead", ["Nothing herein is intended to limit", "Nothing in this Section shall operate to "
                                  "release", "No provision of this Note shall be construed to limit"])
def test_preservation_after_a_verb_of_purpose_still_keeps_liability(lead: str):
    text = (f"{PROMISE}Borrower shall not be personally liable for the Loan, except that {lead.lower()[0]}"
            f"{lead[1:]} the personal liability of Borrower for fraud.")
    assert label(text) == "limited-recourse"
