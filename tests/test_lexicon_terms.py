"""Each lexicon term that occurs in only one real document of the dev corpus earns its place here, in a
sentence of our own, doing the job its list says it does (otherwise it would be fitted to that document)."""

from __future__ import annotations

import pytest

from analyzer.nlp.pipeline import find_clauses

NOTE = "PROMISSORY NOTE\n\nFOR VALUE RECEIVED, the Maker promises to pay the Holder $50,000.\n\n"


def frames(sentence: str):
    return [f for f in find_clauses(NOTE + sentence) if f.start >= len(NOTE)]


@pytest.mark.parametrize("sentence", [
    "The pawner shall not be personally liable for any part of the loan the sale of the goods does not repay.",
    "This Note is payable solely from tax increments collected within the District.",
    "This Bond is payable solely from the Pledged Revenues and from no other source.",
])
def test_terms_that_name_the_obligor_or_its_collateral_make_a_limit(sentence: str) -> None:
    assert any(f.limits_borrower for f in frames(sentence)), frames(sentence)


@pytest.mark.parametrize("sentence", [
    "No recourse shall be had against the equityholders of the Maker for the payment of this Note.",
    "None of the pledgors of equity in the Maker shall have any personal liability for this Note.",
    "The L/C Issuer shall not be personally liable for any error in a drawing under a Letter of Credit.",
    "The Swing Line Lender shall not be personally liable for any error in a borrowing notice.",
    "The Maker may incur Nonrecourse Indebtedness of its subsidiaries in an amount up to $1,000,000.",
    "Indebtedness for which the holder's only recourse is the financed equipment is permitted indebtedness.",
])
def test_terms_that_name_other_parties_or_other_debt_limit_nothing(sentence: str) -> None:
    assert not any(f.limits_borrower for f in frames(sentence)), frames(sentence)


@pytest.mark.parametrize("sentence", [
    "The Holder may indorse this Note without recourse to any later holder.",
    "Any indorsement of this Note without recourse binds only the indorser.",
    "This Note may be negotiated as a bill of exchange, without recourse to the transferor.",
])
def test_transfer_words_set_a_without_recourse_aside(sentence: str) -> None:
    found = frames(sentence)
    assert found and all(not f.limits_borrower for f in found), found


def test_trigger_and_category_words_are_recognised() -> None:
    spring = frames("Notwithstanding the foregoing, this Note shall be fully recourse to the Maker upon the filing "
                    "of a petition by the Maker under the Bankruptcy Code or if the Maker should acquiesce in an "
                    "involuntary petition against it.")
    assert any(f.triggers for f in spring), spring
    carve = frames("Notwithstanding the foregoing, the Maker shall be liable for losses arising from "
                   "misrepresentations in the loan application or rents misappropriated by the Maker.")
    cats = {c for f in carve for c in f.categories}
    assert {"misrepresentation", "misapplication_of_rents"} <= cats, cats
