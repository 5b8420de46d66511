"""The creditor's side: barred from the obligor's other assets ("Lender may not look to any other assets of
Borrower"), or keeping a claim on the obligor for named losses ("Holder may proceed against Maker for fraud").

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


HEADS = ["No personal liability shall be asserted against Maker for the unpaid balance of this Note",
         "Maker shall not be personally liable for the payment of this Note"]
KEEPS = ["shall be entitled to proceed against Maker personally", "may proceed against Maker", "may recover from Maker",
         "may seek recovery from Maker personally", "may pursue Maker", "shall have the right to proceed against Maker",
         "may collect from Maker", "may sue Maker"]
LOSSES = ["for claims arising out of fraud, waste and the misapplication of rents",
          "for losses caused by fraud or intentional misrepresentation",
          "for damages arising from the misapplication of insurance proceeds"]


@pytest.mark.parametrize("head,keep,losses", list(itertools.product(HEADS, KEEPS, LOSSES)))
def test_a_creditor_keeping_a_claim_on_the_obligor_for_named_losses_is_a_carve_out(head, keep, losses):
    assert label(f"{head}; provided that Holder {keep} {losses}.") == "limited-recourse"


@pytest.mark.parametrize("head,losses", list(itertools.product(HEADS, LOSSES)))
def test_a_creditor_proceeding_against_the_property_or_barred_keeps_no_claim(head, losses):
    assert label(f"{head}. Holder may proceed against the Property {losses}.") == "non-recourse"
    assert label(f"{head}; provided that Holder shall not proceed against Maker {losses}.") == "non-recourse"


@pytest.mark.parametrize("waiver", [
    "Each Borrower waives notice of default and any right to proceed against any other Borrower for losses arising "
    "from fraud.",
    "Maker waives any right to require Holder to proceed against Maker's guarantor for damages from waste.",
    "Holder may recover from any other Borrower the losses caused by fraud.",
    "Lender may at any time proceed against or exhaust any security held from any other Borrower for losses from "
    "fraud."])
def test_a_suretyship_waiver_is_no_carve_out(waiver: str):
    found = [f for f in find_clauses(f"{PROMISE}{waiver}") if f.kind == "carve_out"]
    assert found == []
