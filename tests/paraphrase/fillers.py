"""Neutral paragraphs (interest, payments, notices, governing law...) so a document is not one sentence long.

None of them says anything about recourse, liability or deficiency: they must never change the label.
"""

from __future__ import annotations

# (heading, template) pairs per register; {state} is the governing-law state of the document.
INSTITUTIONAL = [
    ("Interest", "The unpaid principal balance [shall|will] bear interest at [a fixed rate of|the rate of] "
     "[six and one-quarter percent (6.25%)|7.10%|five percent (5.00%)|the Term SOFR Rate plus 2.75%] per annum, "
     "computed on the basis of a [360-day year and the actual number of days elapsed|365-day year]."),
    ("Payments", "[Monthly installments of principal and interest are due on the first day of each month|"
     "Payments of interest only are due on the first day of each calendar quarter], and the entire unpaid "
     "balance is due on the "
     "Maturity Date, which is [June 1, 2031|December 15, 2029|the tenth anniversary of the date of this Note]."),
    ("Prepayment", "{Subj} may prepay the principal balance in whole or in part [at any time|on any payment "
     "date] [without premium or penalty|upon thirty (30) days' prior written notice and payment of a premium "
     "of one percent (1%) of the amount prepaid]."),
    ("Late Charge", "Any installment not received within [ten (10)|fifteen (15)] days after its due date "
     "[shall|will] incur a late charge of [four percent (4%)|five percent (5%)] of the overdue amount, to cover "
     "the extra cost of handling late payments."),
    ("Notices", "All notices [under this Note|hereunder] [shall|must] be in writing and [shall be|are] "
     "effective when delivered by hand, by overnight courier or by certified mail to the address of the "
     "recipient stated above, or to any other address a party designates by notice."),
    ("Application of Payments", "Payments [shall|will] be applied first to fees and costs then due, next to "
     "accrued interest, and then to principal, unless {lend} elects another order while a default exists."),
    ("Maximum Rate", "No provision of this instrument requires the payment of interest above the highest "
     "rate permitted by applicable law; any excess received [shall|will] be credited to principal."),
    ("Severability", "If any provision of this instrument is held invalid or unenforceable, the remaining "
     "provisions [shall|will] remain in full force and effect."),
    ("Counterparts", "This instrument may be executed in counterparts, and signatures delivered by electronic "
     "transmission [shall be|are] as effective as originals."),
    ("Time of Essence", "Time is of the essence of each payment and each other obligation under this instrument."),
    ("Financial Statements", "{Subj} [shall|will] deliver to {lend_obj} annual financial statements within "
     "[ninety (90)|one hundred twenty (120)] days after the end of each fiscal year."),
    ("Insurance", "{Subj} [shall|will] keep {asset} insured against fire and other casualty in an amount not "
     "less than its full replacement cost, with {lend} named as loss payee."),
]
MUNICIPAL = [
    ("Interest", "This Note bears interest at [4.25%|3.875%|five percent (5%)] per annum, payable "
     "semiannually on [June 1 and December 1|March 15 and September 15] of each year."),
    ("Registration", "This Note is transferable only on the registration books kept for that purpose by the "
     "[Finance Director|Treasurer|Registrar], upon surrender of this Note with a written instrument of transfer."),
    ("Tax Covenant", "{Subj} [shall|will] not take any action that would cause the interest on this Note to be "
     "included in the gross income of the holder for federal income tax purposes."),
    ("Redemption", "This Note may be redeemed in whole or in part on any interest payment date at a price of "
     "par plus accrued interest, upon [fifteen (15)|thirty (30)] days' notice to the holder."),
    ("Authorization", "This Note is issued under a resolution adopted by the governing body of {obj} on "
     "{date}, and under the laws of the State of {state}."),
    ("Notices", "Notices to the holder [shall|will] be mailed to the address shown on the registration books."),
]
CONSUMER = [
    ("Payments", "[Payments are due|You will make a payment] on the [first|fifteenth] day of each month "
     "until everything owed under this [contract|agreement|note] is paid."),
    ("Late Charge", "If a payment is more than [10|15] days late, a late charge of [$25|5% of the payment] "
     "will be added."),
    ("Prepayment", "[{Subj}|The borrower] may pay early, in full or in part, without a prepayment penalty."),
    ("Notices", "Notices will be sent to the most recent address on file, and it is up to the borrower to "
     "report any change of address."),
    ("Finance Charge", "The annual percentage rate is [9.9%|14.25%|6.5%|24%], and the finance charge is shown "
     "in the disclosure box above."),
    ("Insurance", "Property insurance is required, and it may be bought from any insurer reasonably "
     "acceptable to the lender."),
]
GOVERNING = [
    "This [Note|instrument|Agreement] [shall be|is] governed by the laws of the State of {state}[?, without "
    "regard to its conflict-of-laws principles].",
    "The laws of the State of {state} govern this [Note|instrument|Agreement] and its interpretation.",
    "{State} law governs this [Note|instrument|Agreement].",
]
CONSUMER_GOVERNING = ["{State} law and applicable federal law govern this [contract|agreement|note].",
                      "This [contract|agreement|note] is governed by federal law and the law of {state}."]
