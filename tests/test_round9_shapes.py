"""Shapes found by the ninth probe round (36 instruments of our own drafting, written blind to the rules; 31/36 at
first, two misses at 0.99), each as a generated family with its traps:

- a creditor's bar on suing for a time (a subordination standstill) limits nothing;
- "even though that loan is non-recourse": another debt, named by anaphora;
- "will not be permitted to obtain a deficiency" is a bar, not a "permitted debt" definition;
- a balance owed only when a sale leaves it ("thirty days to pay the balance, sell the home" owes nothing more);
- "I promise to pay you": in such a note "you" is the lender and "I", "me", "my" the borrower;
- consumer goods as collateral (the boat, the car, the ring);
- a cap against a defined amount made of another ("Recourse Amount" = the Recourse Percentage x principal);
- recourse confined to a defined pool of assets that takes in the collateral and more ("Recourse Assets");
- the obligor named in a cover block of parties ("Borrower: PECAN GROVE L.P. (\"Pecan Grove\")").
"""

from __future__ import annotations

import itertools

import pytest

from analyzer import Analyzer
from analyzer.classify import decide
from analyzer.nlp.pipeline import find_clauses
from analyzer.nlp.roles import obligor_names

PROMISE = ('FOR VALUE RECEIVED, Tamarack Mill Co. ("Company") promises to pay to Keel Harbor Fund LP ("Noteholder") '
           "the principal sum of $3,000,000 with interest at 9% per annum. ")


def label(body: str, promise: str = PROMISE) -> str:
    text = promise + body
    return decide(find_clauses(text), text).label


@pytest.mark.parametrize("when,bar", list(itertools.product(
    ["During a Blockage Period", "Until the Senior Debt is paid in full", "For a period of 179 days after notice",
     "So long as any Senior Debt is outstanding"],
    ["the Noteholder shall not sue the Company for payment of this Note",
     "the Noteholder shall not bring any action against the Company to collect this Note"])))
def test_a_standstill_on_suing_is_no_limit(when: str, bar: str) -> None:
    assert label(f"{when}, {bar}.") == "recourse"


@pytest.mark.parametrize("bar", ["The Noteholder shall not sue the Company for payment of this Note.",
                                 "No action shall be brought against the Company to collect this Note."])
def test_the_same_bar_without_a_time_is_an_exculpation(bar: str) -> None:
    assert label(bar) == "non-recourse"


@pytest.mark.parametrize("anaphor", ["that loan is", "such loan is", "that loan was", "that financing is"])
def test_another_loan_named_by_anaphora_is_other_debt(anaphor: str) -> None:
    body = ("An Event of Default occurs if any Property-Level Loan is accelerated, even though "
            f"{anaphor} non-recourse to the Company.")
    assert label(body) == "recourse"


@pytest.mark.parametrize("verb", ["will not be permitted to obtain", "shall not be permitted to seek",
                                  "is not permitted to obtain"])
def test_a_creditor_not_permitted_a_deficiency(verb: str) -> None:
    assert label(f"The Noteholder {verb} a deficiency judgment against the Company if the proceeds of sale are less "
                 "than the amount due.") == "non-recourse"


@pytest.mark.parametrize("sentence,owed", [
    ("The Company will have thirty days to pay the balance, sell the Property, or deliver a deed in lieu of "
     "foreclosure.", False),
    ("The Company may pay the balance or sell the Property within ninety days.", False),
    ("The Company will owe the Noteholder any balance left after the Property is sold.", True),
    ("If the Property is sold and the proceeds are less than the amount due, the Company will pay the difference.",
     True),
    ("The Company will pay any shortfall between the sale proceeds and the amount due.", True)])
def test_a_balance_is_owed_only_when_a_sale_leaves_it(sentence: str, owed: bool) -> None:
    found = [f.kind for f in find_clauses(PROMISE + sentence)]
    assert ("deficiency_allowed" in found) is owed


I_PROMISE = "MARINE NOTE\n\nI promise to pay you $84,500 with interest at 8% per year. "


@pytest.mark.parametrize("goods", ["the boat", "the car", "the motorcycle", "the camper", "the ring"])
@pytest.mark.parametrize("collect", ["you agree to collect what I owe only by taking and selling",
                                     "you will collect this debt only by repossessing and selling"])
def test_i_promise_to_pay_you_and_you_collect_only_from_the_goods(goods: str, collect: str) -> None:
    assert label(f"{collect.capitalize()} {goods}.", I_PROMISE) == "non-recourse"


def test_in_such_a_note_i_and_me_are_the_borrower() -> None:
    text = I_PROMISE + "You may sue me for any amount the sale of the boat does not cover."
    assert decide(find_clauses(text), text).label == "recourse"
    text = I_PROMISE + "You will not sue me or try to collect from my other property."
    assert decide(find_clauses(text), text).label == "non-recourse"


def test_in_a_note_where_you_promise_you_are_still_the_borrower() -> None:
    text = "NOTE\n\nYou promise to pay us $9,000. We will look only to the car for repayment."
    assert decide(find_clauses(text), text).label == "non-recourse"


@pytest.mark.parametrize("percent", ["100%", "50%", "25%"])
def test_a_cap_made_of_another_defined_amount(percent: str) -> None:
    body = (f'"Recourse Percentage" means {percent} of the principal, stepping down on Completion. "Recourse Amount" '
            "means, on any date, the Recourse Percentage then in effect multiplied by the outstanding principal. "
            "Apart from the Collateral, the Noteholder may recover from the Company only an amount not exceeding "
            "the Recourse Amount.")
    assert label(body) == "limited-recourse"


def test_a_defined_term_that_only_starts_like_the_amount_is_no_cap() -> None:
    body = ('"Cap" means $100,000. The Company\'s liability for the Loan shall not exceed the Cap Rate Agreement '
            "payments due to it.")
    assert label(body) == "recourse"


POOL = ('"Recourse Assets" means, collectively: (a) the Collateral; (b) the Company\'s interests in Olympic Holdings '
        'LLC; and (c) the Operating Reserve Account. ')


@pytest.mark.parametrize("limit", [
    "The Obligations may be satisfied only out of the Recourse Assets.",
    "The Noteholder shall look solely to the Recourse Assets for repayment of this Note.",
    "Recourse for the Obligations is limited to the Recourse Assets."])
def test_recourse_confined_to_assets_beyond_the_collateral_is_limited(limit: str) -> None:
    assert label(POOL + limit) == "limited-recourse"


def test_a_defined_pool_that_is_only_the_collateral_is_non_recourse() -> None:
    pool = '"Recourse Assets" means the Mortgaged Property and the rents from it. '
    assert label(pool + "The Obligations may be satisfied only out of the Recourse Assets.") == "non-recourse"


@pytest.mark.parametrize("role", ["Borrower", "BORROWER", "Maker", "Obligor", "Mortgagor"])
def test_the_obligor_named_in_a_cover_block(role: str) -> None:
    text = (f"LOAN AGREEMENT\n\nDate: March 18, 2024 {role}: PECAN GROVE MULTIFAMILY, L.P., a Texas limited "
            'partnership ("Pecan Grove") Lender: BRAZOS BANK ("Lender")\n\n')
    assert "Pecan Grove" in obligor_names(text)


def test_a_named_obligor_in_the_cover_block_binds_its_limits() -> None:
    text = ('LOAN AGREEMENT\n\nBorrower: PECAN GROVE MULTIFAMILY, L.P. ("Pecan Grove")\nLender: BRAZOS BANK '
            '("Lender")\n\nLender shall make the Loan, and Pecan Grove shall repay it with interest. Apart from the '
            "Collateral, Lender may recover from Pecan Grove only an amount not exceeding $2,000,000.\n")
    r = Analyzer().analyze(text)
    assert r.label.value == "limited-recourse"
