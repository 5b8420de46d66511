"""Document kinds: which documents are loans. Short documents in our own wording, several variants each
(title styles, role names, clause order), so that a rule which fits one phrasing fails here."""

from __future__ import annotations

import io
import itertools

import pytest
from conftest import needs_shared, shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.kinds import document_kind
from analyzer.results import DocumentKind, Label
from analyzer.words import readable

CORPUS = shared_path("corpus", "dev")


def variants(titles: list[str], roles: list[tuple[str, str]], body: str, cover: bool = True) -> list[str]:
    """Every title with every pair of role names; every other one behind an exhibit cover line."""
    out = []
    for i, (title, (a, b)) in enumerate(itertools.product(titles, roles)):
        head = f"Exhibit 10.{i}\n\n" if cover and i % 2 else ""
        out.append(head + title + "\n\n" + body.format(a=a, b=b, title=title.title()))
    return out


LEASE = variants(
    ["LEASE AGREEMENT", "Office Lease", "COMMERCIAL SUBLEASE", "GROUND LEASE", "Sublease Agreement"],
    [("Landlord", "Tenant"), ("Lessor", "Lessee"), ("Sublandlord", "Subtenant")],
    'This {title} (this "Lease") is made by Harbor Row LLC ("{a}") and Nine Pines Inc. ("{b}").\n'
    "1. Demise. {a} hereby leases to {b}, and {b} takes from {a}, the Premises on the third floor of the Building.\n"
    "2. Rent. {b} shall pay Base Rent of $12,000 on the first day of each month.\n"
    "3. Limitation. {a}'s liability is limited to its interest in the Building, and {b} shall have no recourse "
    "against any other property of {a}; {a} shall not be personally liable for any deficiency.\n",
)
GUARANTY = variants(
    ["GUARANTY", "Continuing Guaranty Agreement", "GUARANTEE", "Unconditional Guaranty of Payment"],
    [("Guarantor", "Lender"), ("Guarantor", "Bank"), ("Guarantor", "Beneficiary")],
    'FOR VALUE RECEIVED, Marta Quell, an individual (the "{a}"), hereby absolutely and unconditionally guarantees '
    'to West Fork Bank ("{b}") the prompt payment when due of all Obligations of Cedar Mill LLC (the "Borrower") '
    "under the Loan Agreement and the Note. {b} may proceed against {a} without first suing the Borrower, and {a} "
    "shall be liable as a primary obligor and not merely as a surety.\n",
)
CARVE_OUT_GUARANTY = variants(
    ["LIMITED GUARANTY", "Guaranty of Recourse Obligations", "Carve-Out Guaranty"],
    [("Guarantor", "Lender"), ("Indemnitor", "Lender")],
    'This Guaranty is given by Oren Baptiste (the "Guarantor") to Alder Capital ("{b}"). The Loan is non-recourse '
    "to the Borrower except for the Guaranteed Recourse Obligations. The Guarantor hereby guarantees to {b} the "
    "payment of the Guaranteed Recourse Obligations, being the losses {b} suffers from fraud, waste or the "
    "misapplication of rents.\n",
)
PLEDGE = variants(
    ["PLEDGE AGREEMENT", "Stock Pledge Agreement", "SECURITY AGREEMENT", "Pledge and Security Agreement"],
    [("Pledgor", "Secured Party"), ("Debtor", "Secured Party"), ("Grantor", "Collateral Agent")],
    'This agreement is made by Lumen Holdings Inc. (the "{a}") in favour of Keel Bank (the "{b}").\n'
    "1. Grant. The {a} hereby pledges to the {b}, and grants to the {b} a continuing security interest in, the "
    "Pledged Shares, to secure the Obligations under the Credit Agreement.\n"
    "2. Recourse. The {b}'s recourse under this agreement is limited to the Pledged Shares.\n",
)
AMENDMENT = variants(
    ["FIRST AMENDMENT TO LOAN AGREEMENT", "Amendment No. 3 to Credit Agreement", "LOAN MODIFICATION AGREEMENT",
     "Second Amendment to Promissory Note", "AMENDMENT NO. 2"],
    [("Borrower", "Lender"), ("Company", "Bank")],
    'This amendment is made between Tern Foods LLC (the "{a}") and Ridge Bank (the "{b}"). Reference is made to '
    "the Credit Agreement between the {a} and the {b}, under which the {b} made loans to the {a}. The maturity "
    "date is extended to June 30, 2031, and the interest rate is reduced to 6% per annum. All other terms remain "
    "in effect.\n",
)
SERVICES = variants(
    ["MASTER SERVICES AGREEMENT", "Consulting Agreement", "PROFESSIONAL SERVICES AGREEMENT",
     "Management Services Agreement"],
    [("Provider", "Client"), ("Consultant", "Company"), ("Contractor", "Customer")],
    'This agreement is made by Bright Desk LLC ("{a}") and Osprey Corp. ("{b}").\n'
    "1. Services. {a} shall perform the Services described in each Statement of Work.\n"
    "2. Fees. {b} shall pay the service fees within 30 days of invoice.\n"
    "3. No Recourse. {b} shall have no recourse against any officer, member or employee of {a}, and no such "
    "person shall be personally liable for any obligation of {a}.\n",
)
EMPLOYMENT = variants(
    ["EMPLOYMENT AGREEMENT", "Executive Employment Agreement", "AMENDED AND RESTATED EMPLOYMENT AGREEMENT"],
    [("Company", "Executive"), ("Employer", "Employee")],
    'This agreement is between Quarry Labs Inc. (the "{a}") and Dana Whit (the "{b}").\n'
    "1. Position. The {b} shall serve as Chief Financial Officer during the Employment Term.\n"
    "2. Base Salary. The {a} shall pay the {b} a base salary of $310,000 a year.\n"
    "3. Insurance. The {a} will lend the {b} the premiums on the split-dollar policy on a non-recourse basis, "
    "secured only by the policy, and the {b} shall have no personal liability for that loan.\n",
)
CONFIRMATION = variants(
    ["CONFIRMATION", "Interest Rate Cap Confirmation", "CONFIRMATION OF SWAP TRANSACTION"],
    [("Party A", "Party B"), ("Cap Provider", "Counterparty")],
    "The purpose of this letter is to confirm the terms of the Transaction entered into between {a} and {b} on "
    "the Trade Date below.\nNotional Amount: USD 40,000,000\nCap Rate: 4.50%\nThe obligations of {b} are limited "
    "recourse obligations payable solely from the Trust Estate, and no recourse shall be had against {b} "
    "otherwise.\n",
)
NDA = variants(
    ["MUTUAL NON-DISCLOSURE AGREEMENT", "Confidentiality Agreement", "NONDISCLOSURE AGREEMENT"],
    [("Disclosing Party", "Receiving Party"), ("Discloser", "Recipient")],
    "Each party may act as {a} or {b}. The {b} shall hold the Confidential Information of the {a} in strict "
    "confidence and shall not disclose it except to its advisers. No recourse may be had against any director of "
    "either party.\n",
)
NOTE = variants(
    ["PROMISSORY NOTE", "Secured Promissory Note", "INSTALLMENT NOTE", "Non-Recourse Note"],
    [("Borrower", "Lender"), ("Maker", "Holder"), ("Company", "Payee")],
    'FOR VALUE RECEIVED, Pell Street LLC (the "{a}") promises to pay to the order of Vance Trust (the "{b}") the '
    "principal sum of $250,000, with interest on the unpaid principal balance at 7% per annum, in monthly "
    "installments until the Maturity Date.\n",
)
CREDIT = variants(
    ["CREDIT AGREEMENT", "Revolving Credit Agreement", "TERM LOAN AGREEMENT", "Loan Agreement"],
    [("Borrower", "Lenders"), ("Company", "Banks")],
    'This agreement is among Garnet Mills Inc. (the "{a}"), the Guarantors party hereto, the {b} party hereto and '
    "Elm Bank, as Administrative Agent.\nARTICLE II. THE LOANS. Each of the {b} severally agrees to make Loans to "
    "the {a} from time to time, and the {a} shall repay the Loans on the Maturity Date.\nARTICLE X. GUARANTY. Each "
    "Guarantor hereby unconditionally guarantees the punctual payment of the Obligations.\n",
)
SECURITY_INSTRUMENT = variants(
    ["DEED OF TRUST", "Mortgage", "DEED OF TRUST, ASSIGNMENT OF LEASES AND RENTS AND SECURITY AGREEMENT",
     "Mortgage and Security Agreement"],
    [("Trustor", "Beneficiary"), ("Mortgagor", "Mortgagee"), ("Borrower", "Lender")],
    'Sable Court LLC (the "{a}") hereby grants, bargains and conveys to Trustee, with power of sale, the Property '
    "described in Exhibit A, to secure the Note of even date in the principal amount of $3,100,000 payable to "
    "North Bank (the \"{b}\"). The {b} may collect the rents of the Property, which are absolutely assigned to it.\n",
)
INDENTURE = variants(
    ["INDENTURE", "Trust Indenture", "NOTE PURCHASE AGREEMENT", "First Supplemental Indenture"],
    [("Issuer", "Trustee"), ("Company", "Purchasers")],
    'This instrument is between Corvid Energy Inc. (the "{a}") and Mast Trust Company (the "{b}"). The {a} will '
    "issue its 5.25% Senior Notes due 2034, and shall pay the principal of and interest on the Notes to the "
    "Holders of the Notes when due.\n",
)

INSURANCE = variants(
    ["COMMERCIAL PROPERTY COVERAGE PART", "Homeowners Insurance Policy", "POLICY DECLARATIONS",
     "Builders Risk Coverage Form", "Commercial General Liability Policy"],
    [("Insurer", "Named Insured"), ("Company", "Insured"), ("Insurer", "Policyholder")],
    "The {a} will pay for direct physical loss to Covered Property caused by a Covered Cause of Loss during the "
    "Policy Period, less the Deductible. Limit of Insurance: $4,000,000. Any loss payable to a Mortgagee holding a "
    "loan on the property is paid as its interest may appear, and where the {a} pays the Mortgagee but denies the "
    "{b}'s claim, the {a} has recourse against the {b} for the sum paid, up to the balance of that loan.\n",
)
INSURED_LOAN = variants(
    ["LOAN AGREEMENT", "Promissory Note"],
    [("Borrower", "Lender")],
    'Pell Street LLC (the "{a}") promises to pay to Vance Bank (the "{b}") the principal sum of $900,000 with '
    "interest at 6% per annum. The {a} shall keep the Property insured under a policy with a deductible of no more "
    "than $25,000 and a limit of insurance not less than its replacement cost, naming the {b} as mortgagee.\n",
)


def _check(texts: list[str], kind: DocumentKind, is_loan: bool) -> None:
    wrong = [(t[:60], document_kind(t).kind.value) for t in texts if
             document_kind(t).kind != kind or document_kind(t).is_loan != is_loan]
    assert not wrong, wrong


@pytest.mark.parametrize(("texts", "kind", "is_loan"), [
    (LEASE, DocumentKind.lease, False),
    (GUARANTY, DocumentKind.guaranty, False),
    (CARVE_OUT_GUARANTY, DocumentKind.guaranty, False),
    (PLEDGE, DocumentKind.pledge_or_security_agreement, False),
    (SERVICES, DocumentKind.other_contract, False),
    (EMPLOYMENT, DocumentKind.other_contract, False),
    (CONFIRMATION, DocumentKind.other_contract, False),
    (NDA, DocumentKind.other_contract, False),
    (AMENDMENT, DocumentKind.loan_amendment, True),
    (NOTE, DocumentKind.promissory_note, True),
    (CREDIT, DocumentKind.loan_agreement, True),
    (SECURITY_INSTRUMENT, DocumentKind.security_instrument, True),
    (INDENTURE, DocumentKind.note_purchase_or_indenture, True),
    (INSURANCE, DocumentKind.other_contract, False),
    (INSURED_LOAN[:1], DocumentKind.loan_agreement, True),
    (INSURED_LOAN[1:], DocumentKind.promissory_note, True),
], ids=["lease", "guaranty", "carve-out-guaranty", "pledge", "services", "employment", "confirmation", "nda",
        "amendment", "note", "credit", "security-instrument", "indenture", "insurance", "insured-loan-agreement",
        "insured-note"])
def test_kind_of_each_variant(texts: list[str], kind: DocumentKind, is_loan: bool) -> None:
    _check(texts, kind, is_loan)


def test_explanation_names_roles_and_clause() -> None:
    k = document_kind(LEASE[0])
    assert k.explanation.startswith("a lease:"), k.explanation
    assert "Landlord and Tenant" in k.explanation and "demise of the premises" in k.explanation
    assert k.certainty >= 0.9


def test_amendment_of_a_lease_is_a_lease_and_of_a_note_a_loan_amendment() -> None:
    lease = "AMENDMENT NO. 4 TO MASTER EQUIPMENT LEASE\n\n" + LEASE[0].split("\n\n", 1)[1]
    assert document_kind(lease).kind == DocumentKind.lease and not document_kind(lease).is_loan
    note = document_kind("SECOND AMENDMENT TO PROMISSORY NOTE\n\n" + NOTE[0].split("\n\n", 1)[1])
    assert note.kind == DocumentKind.loan_amendment and note.is_loan and "promissory note" in note.explanation


@pytest.mark.parametrize("tail", [GUARANTY[0], PLEDGE[0], "EXHIBIT C\nFORM OF GUARANTY\n" + GUARANTY[1]])
@pytest.mark.parametrize("head", [CREDIT[0], NOTE[0], CREDIT[5]])
def test_loan_package_stays_a_loan(head: str, tail: str) -> None:
    k = document_kind(head + "\n\n" + tail)
    assert k.is_loan and k.kind in (DocumentKind.loan_agreement, DocumentKind.promissory_note), k.explanation


def test_edgar_exhibit_cover_and_package() -> None:
    text = ("<DOCUMENT>\n<TYPE>EX-10.1\n<FILENAME>ex10-1.txt\n\n" + NOTE[3] + "\n\n" + "GUARANTY\n\n"
            + GUARANTY[2] + "\n\nSECURITY AGREEMENT\n\n" + PLEDGE[1])
    k = document_kind(text)
    assert k.is_loan and k.kind == DocumentKind.promissory_note, k.explanation


def test_body_decides_without_title() -> None:
    excerpt = LEASE[0].split("\n\n", 1)[1].split("\n", 1)[1]  # no title, no self-naming clause
    k = document_kind(excerpt * 2)
    assert k.kind == DocumentKind.lease and not k.is_loan
    assert document_kind(NOTE[0].split("\n\n", 1)[1]).is_loan


def test_unknown_stays_a_loan_with_low_certainty() -> None:
    k = document_kind("Section 9. Notices. All notices shall be in writing and delivered by hand.")
    assert k.kind == DocumentKind.unknown and k.is_loan and k.certainty < 0.5


def test_guaranty_reports_guarantor_and_scope() -> None:
    whole = document_kind(GUARANTY[0])
    assert whole.guarantors == ["Marta Quell"], whole.guarantors
    assert whole.guaranteed.startswith("the whole debt")
    carve = document_kind(CARVE_OUT_GUARANTY[0])
    assert carve.guarantors == ["Oren Baptiste"] and carve.guaranteed.startswith("only the recourse carve-outs")


def test_guarantor_named_with_as_guarantor() -> None:
    text = ("CONTINUING GUARANTY\n\nThis Guaranty is made by Pike Holdings Inc., as Guarantor, in favour of Lark "
            "Bank. The Guarantor hereby guarantees the full and punctual payment of all indebtedness of Tallow LLC.")
    assert document_kind(text).guarantors == ["Pike Holdings Inc."]


def test_speed_reads_only_the_opening() -> None:
    import time

    big = CREDIT[0] + ("Section 5. The Borrower shall keep books of record and account. " * 40_000)
    t0 = time.perf_counter()
    k = document_kind(big)
    assert k.kind == DocumentKind.loan_agreement
    assert time.perf_counter() - t0 < 1.0


# ---- through the analyzer: label, reasons, evidence, confidence --------------------------------------------


@pytest.fixture(scope="module")
def analyzer():
    from analyzer import Analyzer

    return Analyzer()


@pytest.mark.parametrize("text", [LEASE[0], LEASE[7], SERVICES[0], EMPLOYMENT[1], CONFIRMATION[0], NDA[0],
                                  PLEDGE[0]])
def test_non_loan_gets_not_a_loan(analyzer, text: str) -> None:
    r = analyzer.analyze(text)
    k = document_kind(text)
    assert r.label == Label.not_a_loan and r.document_kind == k.kind
    assert r.reasons[0] == readable(k.explanation) and r.confidence == k.certainty  # reasons read as words
    assert not any(e.decisive for e in r.evidence)
    assert not r.details.carve_outs and not r.details.springing_triggers and not r.details.caps


def test_lease_exculpation_is_listed_not_counted(analyzer) -> None:
    r = analyzer.analyze(LEASE[0])
    assert r.label == Label.not_a_loan and r.reasons[0].startswith("a lease")
    assert r.evidence, "the landlord's exculpation should still be shown to a reviewer"


def test_guaranty_record_reports_guarantor_and_what(analyzer) -> None:
    r = analyzer.analyze(CARVE_OUT_GUARANTY[1])
    assert r.label == Label.not_a_loan and r.document_kind == DocumentKind.guaranty
    assert any("Oren Baptiste" in x and "carve-outs" in x for x in r.reasons), r.reasons
    assert r.details.guarantors == ["Oren Baptiste"]


@pytest.mark.parametrize("text", [NOTE[0], CREDIT[2], AMENDMENT[0], SECURITY_INSTRUMENT[1]])
def test_loans_keep_a_recourse_label_and_their_kind(analyzer, text: str) -> None:
    r = analyzer.analyze(text)
    assert r.label != Label.not_a_loan and r.document_kind == document_kind(text).kind
    assert r.reasons[-1].startswith("document: ")


@needs_shared("corpus", "dev", "manifest.csv")
def test_dev_corpus_loans_and_non_loans() -> None:
    from analyzer.kinds_eval import evaluate_kinds

    out = io.StringIO()
    s = evaluate_kinds(CORPUS, out=out)
    assert s["loans_as_not_a_loan"] == 0, out.getvalue()
    assert s["non_loans_found"] >= 0.9 * s["non_loans"], out.getvalue()


@pytest.mark.parametrize("legend", [
    "THIS NOTE AND THE INDEBTEDNESS EVIDENCED HEREBY ARE SUBJECT TO THE TERMS OF THE SUBORDINATION AGREEMENT",
    "THE RIGHTS OF THE HOLDER ARE GOVERNED BY THE INTERCREDITOR AGREEMENT DATED AS OF MAY 1",
    "Payment of this instrument is subject to the Subordination and Intercreditor Agreement dated June 2.",
])
def test_legend_citing_another_agreement_is_not_the_title(legend: str) -> None:
    k = document_kind(legend + "\n\n" + NOTE[1])
    assert k.is_loan and k.kind == DocumentKind.promissory_note, k.explanation


@pytest.mark.parametrize(("title", "kind"), [
    ("CREDIT AGREEMENT AND GUARANTY", DocumentKind.loan_agreement),
    ("Loan Guaranty Agreement", DocumentKind.guaranty),
    ("GUARANTY OF PAYMENT AND PERFORMANCE", DocumentKind.guaranty),
    ("INDENTURE OF LEASE", DocumentKind.lease),
    ("Receivables Purchase Agreement", DocumentKind.other_contract),
    ("LOAN SALE AGREEMENT", DocumentKind.other_contract),
    ("Mortgage Loan Servicing Agreement", DocumentKind.other_contract),
    ("INTERCREDITOR AGREEMENT", DocumentKind.other_contract),
    ("Loan Participation Agreement", DocumentKind.other_contract),
    ("ISDA MASTER AGREEMENT", DocumentKind.other_contract),
    ("MASTER REPURCHASE AGREEMENT", DocumentKind.loan_agreement),
    ("Leasehold Deed of Trust", DocumentKind.security_instrument),
    ("PROMISSORY NOTE SECURED BY DEED OF TRUST", DocumentKind.promissory_note),
    ("Retail Installment Sale Contract", DocumentKind.loan_agreement),
    ("JOINDER TO CREDIT AGREEMENT", DocumentKind.loan_amendment),
    ("Stock Purchase Agreement", DocumentKind.other_contract),
    ("Note Purchase Agreement", DocumentKind.note_purchase_or_indenture),
])
def test_title_rules(title: str, kind: DocumentKind) -> None:
    text = f"{title}\n\nThis document is made on March 3 between the parties named below. Section 1 applies."
    assert document_kind(text).kind == kind, document_kind(text).explanation


@pytest.mark.parametrize("title", [
    "Confidentiality Undertaking", "INDEPENDENT CONTRACTOR AGREEMENT", "Separation Agreement and General Release",
    "RETENTION BONUS AGREEMENT", "Agreement of Purchase and Sale", "Exclusive Patent License Agreement",
    "Manufacturing and Supply Agreement", "Sale and Servicing Agreement", "Note Exchange Agreement",
    "Subordination, Non-Disturbance and Attornment Agreement", "Guarantee and Collateral Agreement",
    "Account Control Agreement", "Residential Tenancy Agreement",
])
def test_other_titles_are_not_loans(title: str) -> None:
    k = document_kind(f"{title}\n\nThis agreement is dated as of April 9 and is made by the parties signing below.")
    assert not k.is_loan, k.explanation


@pytest.mark.parametrize("title", [
    "Forbearance Agreement", "BUSINESS LOAN AGREEMENT", "Revolving Credit and Security Agreement",
    "Promissory Note and Security Agreement", "HOME EQUITY LINE OF CREDIT AGREEMENT", "Construction Loan Agreement",
    "Senior Secured Notes Indenture", "Mortgage Note", "Reimbursement Agreement", "Loan Assumption Agreement",
])
def test_loan_titles_are_loans(title: str) -> None:
    body = ('Pell Street LLC (the "Borrower") and Vance Bank (the "Lender") refer to the Loan Agreement under which '
            "the Lender made a loan to the Borrower, which the Borrower shall repay with interest.")
    k = document_kind(f"{title}\n\n{body}")
    assert k.is_loan and k.kind != DocumentKind.unknown, k.explanation


def test_confirmation_letter_without_a_heading() -> None:
    text = ("Re: Interest Rate Cap Transaction\n\nDear Sirs,\nThe purpose of this letter agreement is to confirm the "
            "terms of the Transaction entered into between Party A and Party B on the Trade Date specified below.\n"
            "Trade Date: May 2\nNotional Amount: USD 25,000,000\nCap Rate: 5.00%\nFloating Rate Payer: Party A\n")
    k = document_kind(text)
    assert not k.is_loan and k.family == "derivative", k.explanation
    no_heading = text.split("\n\n", 1)[1]
    assert not document_kind(no_heading).is_loan, document_kind(no_heading).explanation


def test_llc_agreement_and_receivables_transfer_are_not_loans() -> None:
    llc = ("AMENDED AND RESTATED LIMITED LIABILITY COMPANY AGREEMENT OF HARBOR VIEW LLC\n\nAllocations of "
           "Nonrecourse Deductions follow the Members' shares of Partner Nonrecourse Debt.")
    transfer = ("RECEIVABLES TRANSFER AGREEMENT\n\nThe Seller hereby sells, assigns and transfers to the Buyer, "
                "without recourse, all of its right, title and interest in the Receivables, for the Purchase Price.")
    assert not document_kind(llc).is_loan and not document_kind(transfer).is_loan


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_gets_a_kind(text: str) -> None:
    k = document_kind(text)
    assert isinstance(k.kind, DocumentKind) and 0 <= k.certainty <= 1 and k.explanation


@pytest.mark.parametrize("text", [
    "Landlord's liability under this Lease is limited to its interest in the Building, and Tenant shall look "
    "solely to that interest for the recovery of any judgment against Landlord.",
    "The Lessor shall have no personal liability, and the Lessee's sole recourse shall be to the Equipment. The "
    "Lessee shall pay Base Rent when due.",
])
def test_short_lease_excerpt_is_a_lease(text: str) -> None:
    k = document_kind(text)
    assert k.kind == DocumentKind.lease and not k.is_loan, k.explanation


@pytest.mark.parametrize("text", [
    "Borrower shall have no personal liability, and Lender shall look solely to the Property.",
    "The Reimbursement Obligation is a special and limited obligation of the Financing Entity payable solely from "
    "the Pledged Revenues, which the Financing Entity hereby irrevocably pledges to its payment.",
    "Maker's liability hereunder is limited to its interest in the Pledged Units, and Payee shall not seek any "
    "deficiency judgment against Maker.",
])
def test_short_loan_excerpt_stays_a_loan(text: str) -> None:
    assert document_kind(text).is_loan, document_kind(text).explanation


@pytest.mark.parametrize(("title", "kind"), [
    ("MASTER\nLEASE AGREEMENT", DocumentKind.lease),
    ("LOAN\nAGREEMENT", DocumentKind.loan_agreement),
    ("EXECUTIVE\nEMPLOYMENT\nAGREEMENT", DocumentKind.other_contract),
    ("EXHIBIT 10.4\nEXECUTION VERSION\nPLEDGE AGREEMENT", DocumentKind.pledge_or_security_agreement),
])
def test_title_broken_over_lines(title: str, kind: DocumentKind) -> None:
    text = f"{title}\n\nMade on June 1 by the parties who sign below, each of them acting for itself."
    assert document_kind(text).kind == kind, document_kind(text).explanation


@pytest.mark.parametrize(("sentence", "start"), [
    ("The Guarantor hereby guarantees the lien-free completion of the Improvements by the Completion Date.",
     "completion of the project"),
    ("The Guarantor hereby guarantees the prompt payment of the Obligations; its liability shall not exceed "
     "$2,500,000 in the aggregate.", "the debt up to a cap (shall not exceed $2,500,000"),
    ("The Guarantor hereby guarantees the prompt payment of the Obligations, provided that its maximum liability "
     "is 25% of the principal.", "the debt up to a cap (maximum liability is 25%"),
])
def test_guaranty_scope_completion_and_cap(sentence: str, start: str) -> None:
    k = document_kind('GUARANTY\n\nThis Guaranty is made by Ivo Marsh (the "Guarantor") for Pier Bank. ' + sentence)
    assert k.kind == DocumentKind.guaranty and k.guaranteed.startswith(start), k.guaranteed
