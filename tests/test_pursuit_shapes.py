"""Shapes found by the eighth probe round (36 longer instruments of our own drafting, written blind to the rules),
each as a generated family with its traps:

- a limit denied: "Borrower's liability ... is not confined to the Property" is recourse said outright;
- a carve-out whose liability word and "for losses" stand apart ("liable, jointly and severally, for",
  "answerable with all of its assets for"), and an exception naming the limit as "this waiver";
- a clause ending a negation's reach: "this waiver shall not extend to, and Borrower shall remain liable for,";
- caps in other words ("answerable ... only up to") and against a defined amount ("the Recourse Amount");
- an exculpation beside a clause that lets the lender pursue the borrower (for the interest, on named assets):
  limited-recourse, held below 0.8, unless the exculpation overrides everything else.
"""

from __future__ import annotations

import itertools

import pytest

from analyzer import Analyzer
from analyzer.classify import decide
from analyzer.nlp.pipeline import find_clauses

PROMISE = ('FOR VALUE RECEIVED, Larch Hollow Holdings LLC ("Borrower") promises to pay to Bayview Savings Bank '
           '("Lender") the principal sum of $4,750,000 with interest at 6.1% per annum. ')
LIMIT = "Lender shall look only to the Mortgaged Property for repayment of the Loan"


def judged(body: str):
    text = PROMISE + body
    findings = find_clauses(text)
    return decide(findings, text), findings


def label(body: str) -> str:
    return judged(body)[0].label


@pytest.mark.parametrize("whose,neg,verb,asset", list(itertools.product(
    ["Borrower's liability for the Loan", "The obligations of Borrower under this Note",
     "Lender's recourse against Borrower"],
    ["is not", "shall in no way be", "is by no means", "shall not be deemed"],
    ["confined to", "limited to", "restricted to"],
    ["the Mortgaged Property", "the Collateral"])))
def test_a_limit_denied_is_recourse_said_outright(whose: str, neg: str, verb: str, asset: str) -> None:
    decision, findings = judged(f"{whose} {neg} {verb} {asset}.")
    assert decision.label == "recourse"
    assert any(f.kind == "personal_liability" for f in findings)  # evidence, not the default


@pytest.mark.parametrize("sentence", [
    "Borrower's liability for any amount not paid when due shall be limited to the Mortgaged Property.",
    "Borrower's obligations, which are not assignable, are limited to the Collateral."])
def test_a_negation_that_does_not_reach_the_limit_leaves_it(sentence: str) -> None:
    assert label(sentence) == "non-recourse"


@pytest.mark.parametrize("who,how,loss,cause", list(itertools.product(
    ["Borrower shall be liable", "Borrower shall remain answerable", "Borrower will be responsible"],
    ["in full", ", jointly and severally,", "with all of its assets", "out of its own funds",
     "personally and without limit"],
    ["losses", "damages", "costs"],
    ["Borrower's fraud", "waste of the Mortgaged Property", "the misapplication of insurance proceeds"])))
def test_a_carve_out_with_words_between_liable_and_losses(who: str, how: str, loss: str, cause: str) -> None:
    sep = "" if how.startswith(",") else " "
    body = f"{LIMIT}; provided that {who}{sep}{how} for {loss} arising from {cause}."
    assert label(body.replace(" ,", ",")) == "limited-recourse"


@pytest.mark.parametrize("sentence", [
    "Lender shall not be liable to Borrower, in any event, for losses arising from the fraud of a third party.",
    "Borrower shall be liable for all taxes on the Mortgaged Property."])
def test_other_liabilities_beside_the_limit_keep_it_whole(sentence: str) -> None:
    assert label(f"{LIMIT}. {sentence}") == "non-recourse"


@pytest.mark.parametrize("limit,named,verb,cause", list(itertools.product(
    ["Lender waives any claim against Borrower's assets other than the Collateral for repayment of the Loan",
     "Lender releases Borrower from personal liability for the Loan",
     "Lender covenants not to sue Borrower for the Loan"],
    ["this waiver", "this release", "this covenant not to sue", "the foregoing"],
    ["shall not extend to", "does not apply to", "will not cover"],
    ["losses arising from Borrower's fraud", "damages caused by intentional misrepresentation"])))
def test_an_exception_naming_the_limit_in_other_words(limit: str, named: str, verb: str, cause: str) -> None:
    assert label(f"{limit}; provided that {named} {verb} {cause}.") == "limited-recourse"


@pytest.mark.parametrize("neg_clause,who", list(itertools.product(
    ["this waiver shall not extend to", "the foregoing limitation shall not apply to",
     "Lender's waiver does not reach"],
    ["Borrower shall remain liable for", "Borrower will be answerable for", "the Borrower shall be responsible for"])))
def test_a_new_clause_ends_the_reach_of_a_negation(neg_clause: str, who: str) -> None:
    body = (f"{LIMIT}; provided that {neg_clause}, and {who}, losses incurred by Lender arising from: (i) fraud; "
            "or (ii) waste.")
    assert label(body) == "limited-recourse"


def test_a_shared_predicate_keeps_its_negation() -> None:
    assert label("Borrower shall not, and Borrower's members shall not, be personally liable for the Loan.") \
        == "non-recourse"


@pytest.mark.parametrize("liable,cap", list(itertools.product(
    ["Borrower shall be answerable for the Loan only up to", "Borrower shall be accountable for the Debt only up to",
     "Borrower shall be answerable out of its assets other than the Collateral only up to",
     "Borrower shall be liable beyond the Collateral for no more than"],
    ["$1,250,000", "20% of the original principal amount"])))
def test_a_cap_in_other_words(liable: str, cap: str) -> None:
    assert label(f"Lender's claims for the Loan are to be satisfied from the Collateral, and {liable} {cap}.") \
        == "limited-recourse"


@pytest.mark.parametrize("definition,term", [
    ('"Recourse Amount" means $1,250,000.', "the Recourse Amount"),
    ('"Recourse Cap" shall mean an amount equal to 15% of the original principal amount of the Loan.',
     "the Recourse Cap"),
    ('Borrower\'s liability beyond the Collateral is fixed at $900,000 (the "Capped Amount").', "the Capped Amount"),
    ('"Base Liability" means one-third of the principal.', "the Base Liability")])
@pytest.mark.parametrize("verb", ["shall not exceed", "shall be limited to", "shall in no event be more than"])
def test_a_cap_against_a_defined_amount(definition: str, term: str, verb: str) -> None:
    decision, findings = judged(f"{definition} Borrower's personal liability for the Loan {verb} {term}.")
    assert decision.label == "limited-recourse"
    caps = [f.cap for f in findings if f.kind == "recourse_cap"]
    assert caps and (caps[0]["amount"] or caps[0]["percent"])


def test_a_defined_amount_that_is_no_cap() -> None:
    assert label('"Minimum Balance" means $50,000. Borrower shall maintain the Minimum Balance in the Reserve Account, '
                 "and Borrower's liability for the Loan shall be full recourse.") == "recourse"


PURSUITS = [
    "Lender may sue Borrower for any unpaid interest, obtain a money judgment for it and enforce that judgment against "
    "any of Borrower's assets.",
    "Lender may levy execution upon the Reserve Account and the Sawmill Assets of Borrower for any deficiency "
    "remaining after foreclosure.",
    "Lender may recover from Borrower any deficiency in the taxes and insurance premiums Lender advances.",
]
EXCULPATIONS = [
    "The principal of this Note is recoverable only out of the Mortgaged Property.",
    "Lender's recourse for the principal of the Loan is limited to the Collateral.",
    "No deficiency judgment for principal shall be sought against Borrower.",
]


@pytest.mark.parametrize("limit,pursuit", list(itertools.product(EXCULPATIONS, PURSUITS)))
def test_an_exculpation_beside_a_pursuit_of_the_borrower(limit: str, pursuit: str) -> None:
    r = Analyzer().analyze("PROMISSORY NOTE\n\n" + PROMISE + f"\n\n5. LIMITS. {limit}\n\n6. REMEDIES. {pursuit}\n")
    assert r.label == "limited-recourse"
    assert r.confidence is not None and r.confidence <= 0.75
    assert any("pursue the borrower" in w for w in r.warnings)


def test_an_exculpation_that_overrides_a_general_remedy_stays_non_recourse_but_held() -> None:
    body = ("\n\n6. REMEDIES. Upon default, Lender may recover any deficiency from Borrower.\n\n"
            "12. EXCULPATION. Notwithstanding anything to the contrary in this Note, Lender shall look solely to the "
            "Mortgaged Property for repayment, and Borrower shall have no personal liability for the Loan.\n")
    r = Analyzer().analyze("PROMISSORY NOTE\n\n" + PROMISE + body)
    assert r.label == "non-recourse" and r.confidence is not None and r.confidence <= 0.75


def test_a_pursuit_inside_the_exculpation_itself_does_not_contest_it() -> None:
    body = ("\n\n5. Borrower shall have no personal liability for the Loan or for any deficiency judgment, and Lender "
            "shall look solely to the Mortgaged Property.\n")
    r = Analyzer().analyze("PROMISSORY NOTE\n\n" + PROMISE + body)
    assert r.label == "non-recourse" and not any("pursue the borrower" in w for w in r.warnings)


@pytest.mark.parametrize("creditor,verb,hold", list(itertools.product(
    ["Lender", "The Holder", "Bayview Savings Bank"],
    ["waives any right to", "hereby waives the right to", "irrevocably waives any right it may have to"],
    ["hold Borrower personally liable for the Loan", "hold Borrower personally liable for the payment of the Debt"])))
def test_the_creditor_waiving_personal_liability_is_a_limit(creditor: str, verb: str, hold: str) -> None:
    assert label(f"{creditor} {verb} {hold}.") == "non-recourse"


@pytest.mark.parametrize("sentence", [
    "Borrower waives any defense that it has no personal liability for the Loan.",
    "Borrower waives any claim that it is not personally liable for the Loan.",
    "Borrower waives all suretyship defenses, including any based on a lack of personal liability."])
def test_the_obligor_waiving_a_defense_limits_nothing(sentence: str) -> None:
    assert label(sentence) == "recourse"


@pytest.mark.parametrize("lead", ["No default, transfer or other event shall", "No Event of Default or transfer will",
                                  "No act or omission of Borrower shall"])
def test_a_negated_subject_that_names_a_default_still_negates(lead: str) -> None:
    decision, findings = judged(f"{LIMIT}. {lead} convert the Loan into a full recourse obligation of Borrower.")
    assert decision.label == "non-recourse"
    kept = [f for f in findings if f.kind in ("personal_liability", "springing_recourse") and f.polarity == "asserted"]
    assert not kept


@pytest.mark.parametrize("cond", ["So long as no default exists,", "Provided that no Event of Default has occurred,",
                                  "If there is no default,"])
def test_no_default_as_a_condition_negates_nothing(cond: str) -> None:
    assert label(f"{cond} Borrower shall have no personal liability for the Loan.") == "non-recourse"
    assert label(f"{cond} Borrower shall be personally liable for the Loan.") == "recourse"


@pytest.mark.parametrize("bar,purpose", list(itertools.product(
    ["Lender covenants not to sue Borrower", "Lender shall not sue Borrower",
     "Lender agrees that it will not bring any action against Borrower",
     "No suit or proceeding shall be brought against Borrower",
     "The Holder shall not institute any proceeding against the Borrower"],
    ["for the payment of the Loan", "to collect the Loan, other than an action to foreclose the Mortgage",
     "for the recovery of any amount due under this Note"])))
def test_a_bar_on_suing_the_obligor_for_the_debt_is_an_exculpation(bar: str, purpose: str) -> None:
    assert label(f"{bar} {purpose}.") == "non-recourse"


@pytest.mark.parametrize("sentence", [
    "Lender may bring an action against Borrower to foreclose the Mortgage.",
    "Borrower shall not bring any action against Lender for damages.",
    "Lender shall not sue any tenant of the Property for the rent.",
    "No action shall be brought against Borrower for specific performance of its covenants to repair."])
def test_suits_that_are_not_for_this_debt_against_the_obligor_limit_nothing(sentence: str) -> None:
    assert label(sentence) == "recourse"


@pytest.mark.parametrize("sentence", [
    "Lender may bring suit against Borrower to collect the Loan.",
    "Lender may enforce any judgment on this Note against all assets of Borrower.",
    "Lender shall be entitled to levy upon any of Borrower's assets to collect any sum due under this Note."])
def test_a_creditor_allowed_to_pursue_the_obligor_is_recourse_said(sentence: str) -> None:
    decision, findings = judged(sentence)
    assert decision.label == "recourse"
    assert any(f.kind == "personal_liability" and f.polarity == "asserted" for f in findings)


@pytest.mark.parametrize("other", [
    "Borrower's managing member has separately borrowed from Lender under a personal line of credit, which is a "
    "full recourse obligation of hers.",
    "No officer, employee or agent of Lender shall be personally liable on this Note, and no recourse shall be had "
    "against any of them for its payment.",
    "Borrower would in any event have the protection of the purchase-money anti-deficiency statute, and Borrower "
    "does not waive that protection."])
def test_liability_read_from_other_shapes_does_not_contest_an_exculpation(other: str) -> None:
    r = Analyzer().analyze("PROMISSORY NOTE\n\n" + PROMISE + f"\n\n5. LIMITS. {LIMIT}, and Borrower shall have no "
                           f"personal liability for the Loan.\n\n7. OTHER MATTERS. {other}\n")
    assert r.label == "non-recourse"
    assert not any("pursue the borrower" in w for w in r.warnings)
