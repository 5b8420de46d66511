"""Short agreements drafted by us, one construction each, written to probe wordings the paraphrase grammar did
not have when they were written (six rounds; each miss became a general rule and a paraphrase template).
They are a regression set now: the rules were fixed on them. tests/drafted/round8 and round9 hold the eighth
and ninth rounds: 36 longer instruments each, with distractors, written blind to the rules by a drafter who did
not read the code."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analyzer import Analyzer

DOCS = [
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Lender\'s sole remedy upon '
     'a default shall be foreclosure of the Mortgage, and Lender waives any right to a judgment against '
     'Borrower for any deficiency.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Borrower\'s obligations '
     'under this Note are enforceable only against the Mortgaged Property and the rents from '
     'it.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. No judgment for money '
     "damages shall be entered against Borrower in any action on this Note; Lender's remedies are "
     'limited to the collateral.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Lender shall satisfy any '
     "judgment on this Note solely out of Borrower's interest in the Property.\n\nGOVERNING LAW. This "
     'Note is governed by Ohio law.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Recourse under this Note is '
     'limited to the Collateral, and Borrower assumes no personal obligation to pay it.\n\nGOVERNING '
     'LAW. This Note is governed by Ohio law.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. The indebtedness is secured '
     'by the Aircraft, and the holder agrees to look to the Aircraft alone for repayment.\n\nGOVERNING '
     'LAW. This Note is governed by Ohio law.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Nothing in this Note '
     'obligates Borrower to pay any amount from its own funds; the Note is payable exclusively from the '
     'Project Revenues.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Lender\'s recourse is '
     "limited to the Property, but this limitation does not apply to losses caused by Borrower's fraud "
     'or its misapplication of insurance proceeds.\n\nGOVERNING LAW. This Note is governed by Ohio '
     'law.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Borrower shall not be '
     "personally liable for the Loan; the foregoing shall not limit Lender's claims for waste, fraud, or "
     'unpaid taxes.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Borrower\'s personal '
     'liability for the Loan shall not exceed twenty-five percent (25%) of the original principal '
     'amount.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Borrower is not personally '
     'liable for this Note. This exculpation shall be null and void if Borrower files a voluntary '
     'bankruptcy petition, and the entire debt shall then be recourse to Borrower.\n\nGOVERNING LAW. '
     'This Note is governed by Ohio law.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Except as provided in '
     'Section 12, Lender shall look only to the Property for payment of this Note.\n\nGOVERNING LAW. '
     'This Note is governed by Ohio law.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Lender\'s recourse against '
     'Borrower shall be limited to $500,000, and Lender shall otherwise look solely to the '
     'Collateral.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Borrower has no personal '
     "liability hereunder, save and except for damages arising from Borrower's fraud, gross negligence "
     'or willful misconduct.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Borrower shall remain '
     'liable for any deficiency remaining after the sale of the Collateral.\n\nGOVERNING LAW. This Note '
     'is governed by Ohio law.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. This Note is a full '
     'recourse obligation of Borrower.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Lender may proceed against '
     'Borrower personally without first resorting to the Collateral.\n\nGOVERNING LAW. This Note is '
     'governed by Ohio law.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Nothing in the Mortgage '
     "limits Borrower's personal liability for the full amount of this Note.\n\nGOVERNING LAW. This Note "
     'is governed by Ohio law.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. The members and managers of '
     'Borrower shall have no personal liability for this Note, but Borrower itself is fully liable for '
     'it.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Any transferee of this Note '
     'takes it without recourse against Lender. Borrower waives presentment and notice of '
     'dishonor.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. Borrower\'s liability '
     'hereunder is absolute and unconditional, and Lender may obtain a judgment against Borrower for any '
     'amount unpaid.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. If Lender forecloses and '
     'the proceeds are insufficient, Borrower will pay Lender the difference on demand.\n\nGOVERNING '
     'LAW. This Note is governed by Ohio law.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. This loan is not a '
     'non-recourse loan.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. The guarantor\'s liability '
     'is limited to $1,000,000. The Guarantor shall not be personally liable for any amount above '
     'that.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. In the event of default, '
     "Lender's only remedy is to take possession of and sell the Equipment; Borrower shall owe nothing "
     'further.\n\nGOVERNING LAW. This Note is governed by Ohio law.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. You will not owe us any '
     'amount that the sale of your home does not cover.\n\nGOVERNING LAW. This Note is governed by Ohio '
     'law.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Juniper Ridge LLC ("Borrower") promises to pay to Keystone '
     'Bank ("Lender") $4,500,000 with interest at 6% per year.\n\nLIABILITY. If the sale of the vehicle '
     'brings less than you owe, you must pay us the rest.\n\nGOVERNING LAW. This Note is governed by '
     'Ohio law.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Payee\'s '
     'recovery on this Note is restricted to the Mortgaged Premises and the proceeds '
     'thereof.\n\nNOTICES. Notices go to the addresses above.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Maker '
     'shall not have any personal obligation to pay this Note; Payee shall enforce this Note solely by '
     'foreclosure.\n\nNOTICES. Notices go to the addresses above.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Payee '
     'waives any right to seek a personal judgment against Maker and agrees that the Premises are its '
     'only security and source of repayment.\n\nNOTICES. Notices go to the addresses above.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. No partner '
     'of Maker and not Maker itself shall be answerable in damages for any failure to pay this Note; '
     "Payee's remedies lie against the Premises alone.\n\nNOTICES. Notices go to the addresses above.\n"),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. The Payee '
     'may not levy execution on any asset of Maker other than the Premises.\n\nNOTICES. Notices go to '
     'the addresses above.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. This is a '
     'nonrecourse obligation and Maker has no liability for the debt beyond its interest in the '
     'Premises.\n\nNOTICES. Notices go to the addresses above.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Maker\'s '
     'liability is limited to the Premises, provided, however, that Maker shall be fully liable for any '
     'loss resulting from fraud or environmental contamination.\n\nNOTICES. Notices go to the addresses '
     'above.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Payee '
     "shall not seek a deficiency judgment against Maker, except in the case of Maker's waste of the "
     'Premises or misappropriation of tenant security deposits.\n\nNOTICES. Notices go to the addresses '
     'above.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. The Note '
     'is non-recourse, save that Maker is liable without limit if Maker or any general partner becomes '
     'the subject of a voluntary bankruptcy case.\n\nNOTICES. Notices go to the addresses above.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Maker is '
     'personally liable for this Note only up to an amount equal to 10% of the principal balance; beyond '
     'that Payee looks to the Premises.\n\nNOTICES. Notices go to the addresses above.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Payee '
     'agrees to look only to the Premises, except as stated in Exhibit C (Recourse '
     'Obligations).\n\nNOTICES. Notices go to the addresses above.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. The '
     'Premises secure this Note, but Payee may also sue Maker on this Note and collect any judgment from '
     "Maker's other assets.\n\nNOTICES. Notices go to the addresses above.\n"),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Maker is '
     'and shall remain personally obligated to pay the full amount of this Note regardless of the value '
     'of the Premises.\n\nNOTICES. Notices go to the addresses above.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Each '
     'general partner of Maker is jointly and severally liable with Maker for this Note.\n\nNOTICES. '
     'Notices go to the addresses above.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. The '
     'limited partners of Maker shall have no personal liability for this Note.\n\nNOTICES. Notices go '
     'to the addresses above.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Payee may '
     'endorse this Note to a third party without recourse, warranty or representation.\n\nNOTICES. '
     'Notices go to the addresses above.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Maker '
     'waives the benefit of any anti-deficiency statute.\n\nNOTICES. Notices go to the addresses '
     'above.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. The '
     'non-recourse provisions of the Existing Loan do not apply to this Note.\n\nNOTICES. Notices go to '
     'the addresses above.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. The '
     'Trustee executes this Note solely as trustee and not individually, and shall have no personal '
     'liability hereunder; the Maker remains liable.\n\nNOTICES. Notices go to the addresses above.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Payee '
     'shall have recourse only to the Premises for payment of this Note and no other assets of '
     'Maker.\n\nNOTICES. Notices go to the addresses above.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Copper Falls Partners, L.P. ("Maker") promises to pay to '
     'the order of Tidewater Capital LLC ("Payee") $12,000,000 with interest.\n\n8. RECOURSE. Maker '
     'shall not be liable for the Note beyond the Premises, except that Maker shall be liable for the '
     'first $2,000,000 of principal.\n\nNOTICES. Notices go to the addresses above.\n'),
    ('non-recourse',
     'TAX INCREMENT NOTE\n\nThe Village of Fernhill (the "Village") promises to pay to Orchard '
     'Development LLC the principal sum of $3,100,000.\n\n3. SOURCE OF PAYMENT. This Note is payable '
     "from, and secured by, the Increment Fund only; the Village's general revenues and taxing power are "
     'not pledged to its payment.'),
    ('non-recourse',
     'PAWN TICKET\n\nPledgor: Sam Ortiz. Item: gold watch. Amount financed: $240.\n\nYou are not '
     'required to repay this loan. If you do not redeem the item by the maturity date, we will keep and '
     'sell it, and you will owe us nothing more.'),
    ('limited-recourse',
     'NOTE PURCHASE AGREEMENT\n\nHarbor Funding Trust 2024-1 (the "Issuer") shall pay the Notes.\n\n9. '
     'LIMITED RECOURSE. The obligations of the Issuer under the Notes are payable solely from the Trust '
     'Estate; once the Trust Estate is exhausted, any remaining claims of the Noteholders shall be '
     'extinguished. No Noteholder shall institute any bankruptcy proceeding against the Issuer.'),
    ('recourse',
     'PROMISSORY NOTE\n\nFor value received, Elm Street Bakery LLC ("Borrower") promises to pay to First '
     'Valley Bank $150,000.\n\n6. OTHER DEBT. Borrower may incur purchase-money debt on a non-recourse '
     'basis to acquire delivery vans, provided the aggregate amount does not exceed $80,000.'),
    ('recourse',
     'PROMISSORY NOTE\n\nFor value received, Elm Street Bakery LLC ("Borrower") promises to pay to First '
     'Valley Bank $150,000.\n\nALLONGE. Pay to the order of Ridge Capital LLC, without recourse. FIRST '
     'VALLEY BANK, by its Vice President.'),
    ('recourse',
     'LOAN AGREEMENT\n\nThe Lender agrees to lend Bluebird Inc. ("Borrower") $2,000,000 and Borrower '
     'agrees to repay it.\n\n11. LIMITATION OF LIABILITY. In no event shall the Lender be liable to the '
     "Borrower for any special, indirect or consequential damages, and the Lender's liability is limited "
     'to direct damages actually incurred.'),
    ('recourse',
     'LOAN AGREEMENT\n\nThe Lender agrees to lend Bluebird Inc. ("Borrower") $2,000,000 and Borrower '
     'agrees to repay it.\n\n12. PARTICIPATIONS. Any participant shall look solely to the Lender, and '
     'not to the Borrower, for payment of its share.'),
    ('non-recourse',
     'SECURED NOTE\n\nRiverbend Holdings LLC ("Obligor") promises to pay to Crest Bank $7,400,000.\n\n5. '
     "NO PERSONAL LIABILITY. Crest Bank's claims under this Note may be satisfied only out of the "
     'Collateral. Obligor and its members shall not be personally liable for any deficiency.'),
    ('limited-recourse',
     'SECURED NOTE\n\nRiverbend Holdings LLC ("Obligor") promises to pay to Crest Bank $7,400,000.\n\n5. '
     "NO PERSONAL LIABILITY. Crest Bank's claims under this Note may be satisfied only out of the "
     'Collateral, except as set forth in the Recourse Guaranty and in Section 5.2.'),
    ('recourse',
     'AMENDED AND RESTATED NOTE\n\nFor value received, Cobalt Partners LLC ("Borrower") promises to pay '
     'to Union Bank $9,000,000. This note amends and restates a non-recourse note dated 2019; from the '
     'date hereof the indebtedness shall be full recourse to Borrower.'),
    ('recourse',
     'CONSUMER CREDIT CONTRACT\n\nYou (the buyer) agree to pay us the Amount Financed of $18,400 for the '
     'vehicle described above.\n\nIf we repossess and sell the vehicle, the money from the sale will be '
     'subtracted from what you owe. You will still be responsible for any amount left over.'),
    ('non-recourse',
     'REVERSE MORTGAGE NOTE\n\nBorrower promises to pay Lender the principal advanced plus '
     'interest.\n\n7. Lender may enforce this Note only through sale of the Property. Borrower shall not '
     'be liable for any shortfall if the sale proceeds are less than the debt.'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFor value received, Stonebridge LLC ("Maker") promises to pay Harbor Bank '
     '$5,000,000.\n\n9. Holder shall look only to the Property; however, Maker shall be personally '
     "liable for the Debt in full if Maker fails to obtain Holder's consent to any transfer of the "
     'Property.'),
    ('recourse',
     'PROMISSORY NOTE\n\nFor value received, Stonebridge LLC ("Maker") promises to pay Harbor Bank '
     '$5,000,000.\n\n9. The obligations of Maker are secured by the Mortgage, and Holder may pursue its '
     'remedies under the Mortgage and this Note in any order it chooses.'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Larkspur Storage LLC ("Borrower") promises to pay to '
     'Meridian Savings Bank ("Lender") $2,750,000 with interest.\n\n4. Borrower and each Guarantor are '
     'jointly and severally liable for all amounts due under this Note.'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Larkspur Storage LLC ("Borrower") promises to pay to '
     'Meridian Savings Bank ("Lender") $2,750,000 with interest.\n\n4. Lender may assign this Note, in '
     'whole or in part, without recourse to Lender and without notice to Borrower.'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Larkspur Storage LLC ("Borrower") promises to pay to '
     'Meridian Savings Bank ("Lender") $2,750,000 with interest.\n\n4. Lender shall look only to the '
     'Property for repayment; provided, however, Borrower shall be liable for the Debt in full upon any '
     "voluntary transfer of the Property without Lender's consent."),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Larkspur Storage LLC ("Borrower") promises to pay to '
     'Meridian Savings Bank ("Lender") $2,750,000 with interest.\n\n4. The liability of Borrower under '
     'this Note is limited to the Property, subject to the exceptions in the Guaranty of Recourse '
     'Obligations and Section 4.2 below.'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Larkspur Storage LLC ("Borrower") promises to pay to '
     'Meridian Savings Bank ("Lender") $2,750,000 with interest.\n\n4. Lender\'s sole source of '
     'repayment is the Property; Borrower has no personal liability, and no deficiency shall be sought '
     'or collected from Borrower.'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Larkspur Storage LLC ("Borrower") promises to pay to '
     'Meridian Savings Bank ("Lender") $2,750,000 with interest.\n\n4. Borrower\'s obligations are not '
     'limited to the Property: Lender may sue Borrower on this Note before, after or instead of '
     'foreclosing.'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Larkspur Storage LLC ("Borrower") promises to pay to '
     'Meridian Savings Bank ("Lender") $2,750,000 with interest.\n\n4. Upon default the Lender may '
     'foreclose, and the foreclosure sale proceeds shall be accepted in full satisfaction of the Debt; '
     'Borrower shall not be liable for any remaining balance.'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Larkspur Storage LLC ("Borrower") promises to pay to '
     'Meridian Savings Bank ("Lender") $2,750,000 with interest.\n\n4. NON-RECOURSE. Borrower shall not '
     'be personally liable for the Debt.\n\n4.2 EXCEPTIONS. Notwithstanding Section 4, Borrower shall be '
     'liable for all losses Lender suffers from: (a) fraud; (b) waste; (c) misapplication of rents.'),
    ('recourse',
     'CONSUMER LOAN AGREEMENT\n\nYou agree to repay us $6,500 in 36 monthly payments.\n\nSECURITY. Your '
     'loan is secured by your 2019 boat. If you default and we sell the boat, you still must pay us '
     'whatever you owe after the sale.'),
    ('non-recourse',
     'PLEDGE LOAN RECEIPT\n\nYou pledged one guitar for a loan of $300. You may redeem the guitar by '
     'paying $345 within 60 days. If you do not redeem it, the guitar becomes our property and you owe '
     'us nothing.'),
    ('limited-recourse',
     'INDENTURE\n\nThe Issuer shall pay the Notes.\n\nSection 12.1 Limited Recourse. The obligations of '
     'the Issuer under the Notes are limited recourse obligations, payable solely from the Collateral, '
     'and following realization of the Collateral all claims against the Issuer shall be extinguished '
     'and shall not thereafter revive.'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Larkspur Storage LLC ("Borrower") promises to pay to '
     'Meridian Savings Bank ("Lender") $2,750,000 with interest.\n\n4. Nothing in the Mortgage shall be '
     "deemed to limit Lender's recourse to the Property, and Lender may exercise its remedies in any "
     'order.'),
]


# fifth round (2026-12-07): 20 agreements; 15 right at first (0.75), every miss made a rule and a generated
# family (tests/test_limit_shapes.py, tests/test_creditor_side.py)
DOCS += [
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. The obligations of Borrower under this Note are without recourse t'
     'o Borrower, except to the extent of its interest in the Mortgaged Estate.\n\nGOVERNING LAW. This '
     'Note is governed by the laws of Colorado.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. Recourse under this Note is restricted to the Pledged Shares.\n\nGOV'
     'ERNING LAW. This Note is governed by the laws of Colorado.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     "ly installments.\n\nLIABILITY. Upon any default, Lender's sole remedy shall be foreclosure of the"
     ' Deed of Trust.\n\nGOVERNING LAW. This Note is governed by the laws of Colorado.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     "ly installments.\n\nLIABILITY. Borrower's liability for the Loan shall not exceed $500,000 in the"
     ' aggregate.\n\nGOVERNING LAW. This Note is governed by the laws of Colorado.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. Lender waives any right to a deficiency judgment against Borrower,'
     " save for Losses caused by Borrower's fraud.\n\nGOVERNING LAW. This Note is governed by the laws "
     'of Colorado.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. Borrower shall have no personal liability for the Loan. The Loan w'
     'ill become fully recourse to Borrower if Borrower files a voluntary bankruptcy petition.\n\nGOVER'
     'NING LAW. This Note is governed by the laws of Colorado.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. Lender agrees that it will satisfy any judgment on this Note solel'
     'y out of the Collateral.\n\nGOVERNING LAW. This Note is governed by the laws of Colorado.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. This Note is a full recourse obligation of Borrower.\n\nGOVERNING LA'
     'W. This Note is governed by the laws of Colorado.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. In no event shall Borrower be required to pay any amount in excess'
     ' of the net proceeds of the Project.\n\nGOVERNING LAW. This Note is governed by the laws of Color'
     'ado.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     "ly installments.\n\nLIABILITY. Lender's recovery hereunder shall be confined to the Property and "
     'the rents therefrom.\n\nGOVERNING LAW. This Note is governed by the laws of Colorado.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. Pay to the order of Harbor Federal Savings, without recourse.\nLake'
     'side Bank, by its Vice President\n\nGOVERNING LAW. This Note is governed by the laws of Colorado.'
     '\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. Neither Borrower nor any partner of Borrower shall have any person'
     'al liability for the Debt; provided, however, that Borrower shall be personally liable for the '
     "entire Debt if Borrower transfers the Property without Lender's consent.\n\nGOVERNING LAW. This N"
     'ote is governed by the laws of Colorado.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. Lender shall enforce this Note only against the Collateral and not'
     ' against Borrower personally.\n\nGOVERNING LAW. This Note is governed by the laws of Colorado.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. Borrower acknowledges that it is fully and personally liable for t'
     'he Debt, and that Lender may obtain a deficiency judgment after any foreclosure.\n\nGOVERNING LAW'
     '. This Note is governed by the laws of Colorado.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     "ly installments.\n\nLIABILITY. Borrower's personal liability is limited to twenty-five percent (2"
     '5%) of the outstanding principal balance.\n\nGOVERNING LAW. This Note is governed by the laws of '
     'Colorado.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. Lender will look exclusively to the Aircraft and its proceeds for '
     'payment of this Note.\n\nGOVERNING LAW. This Note is governed by the laws of Colorado.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. No deficiency shall be sought against Borrower after foreclosure, '
     "other than for damages resulting from waste or from Borrower's misappropriation of tenant secur"
     'ity deposits.\n\nGOVERNING LAW. This Note is governed by the laws of Colorado.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     "ly installments.\n\nLIABILITY. Nothing in this Note limits Lender's right to recover the full Deb"
     't from Borrower personally.\n\nGOVERNING LAW. This Note is governed by the laws of Colorado.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. The sole source of repayment of this Note shall be the Receivables'
     '.\n\nGOVERNING LAW. This Note is governed by the laws of Colorado.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Birchwood Holdings LLC ("Borrower") promises to pay to Lak'
     'eside Bank ("Lender") the principal sum of $2,400,000 with interest at 6.1% per annum, in month'
     'ly installments.\n\nLIABILITY. Borrower shall not be personally liable for the Debt, but this lim'
     "itation shall not apply to Losses arising from Borrower's gross negligence or willful misconduc"
     't.\n\nGOVERNING LAW. This Note is governed by the laws of Colorado.\n'),
]


# sixth round (2026-12-07): 20 agreements; 17 right at first (0.85); the misses made rules and families
# (tests/test_springing_shapes.py); one (springing with no exculpation drafted) stays recourse, held at 0.75
DOCS += [
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     "IABILITY. Lender's rights against Borrower upon default are restricted to the enforcement of th"
     'e Mortgage against the Premises.\n\nGOVERNING LAW. This Note is governed by the laws of Oregon.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     "IABILITY. Lender's rights against Borrower upon default are restricted to the enforcement of th"
     'e Mortgage against the Premises; however, Borrower remains answerable for any loss caused by it'
     's fraud or by waste of the Premises.\n\nGOVERNING LAW. This Note is governed by the laws of Orego'
     'n.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. Borrower is and shall remain personally obligated to pay the full amount of this Note'
     ', whatever the value of the Premises.\n\nGOVERNING LAW. This Note is governed by the laws of Oreg'
     'on.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. Lender may not enter a judgment against Borrower for any amount owed under this Note;'
     " Lender's remedy is limited to foreclosure of the Mortgage.\n\nGOVERNING LAW. This Note is govern"
     'ed by the laws of Oregon.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. Borrower waives the benefit of any anti-deficiency statute, and Lender may recover fr'
     'om Borrower any amount remaining unpaid after foreclosure.\n\nGOVERNING LAW. This Note is governe'
     'd by the laws of Oregon.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. Borrower shall not be personally liable for the Debt, except for the following, for w'
     'hich Borrower shall be liable: (a) misappropriated rents; (b) environmental losses; and (c) unp'
     'aid real estate taxes.\n\nGOVERNING LAW. This Note is governed by the laws of Oregon.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     "IABILITY. Borrower's obligation to pay this Note is limited to amounts available from the Trust"
     ' Estate.\n\nGOVERNING LAW. This Note is governed by the laws of Oregon.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. The limitation of liability in Section 8 does not apply to this Note, which is a gene'
     'ral obligation of Borrower.\n\nGOVERNING LAW. This Note is governed by the laws of Oregon.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. Notwithstanding anything to the contrary, Lender shall have recourse only to the Coll'
     'ateral and no deficiency or personal judgment shall be sought against Borrower.\n\nGOVERNING LAW.'
     ' This Note is governed by the laws of Oregon.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. The personal liability of Borrower for payment of this Note shall be limited to Two M'
     'illion Dollars ($2,000,000), plus costs of collection.\n\nGOVERNING LAW. This Note is governed by'
     ' the laws of Oregon.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. Each of the undersigned is jointly and severally liable for the whole of the indebted'
     'ness.\n\nGOVERNING LAW. This Note is governed by the laws of Oregon.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     "IABILITY. This is a non-recourse note: the holder's recovery is limited to the property that se"
     'cures it.\n\nGOVERNING LAW. This Note is governed by the laws of Oregon.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. This is a non-recourse note, save that Borrower is personally responsible for losses '
     "caused by Borrower's gross negligence, fraud or willful misconduct.\n\nGOVERNING LAW. This Note i"
     's governed by the laws of Oregon.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. Lender shall not be required to exhaust its remedies against the Premises before seek'
     'ing payment from Borrower personally.\n\nGOVERNING LAW. This Note is governed by the laws of Oreg'
     'on.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. Any judgment obtained by Lender in an action on this Note shall be enforced only agai'
     'nst the Premises and the rents from them.\n\nGOVERNING LAW. This Note is governed by the laws of '
     'Oregon.\n'),
    ('limited-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. Recourse against Borrower shall be limited to the Premises; this limitation shall be '
     "null and void if Borrower transfers the Premises without Lender's prior written consent.\n\nGOVER"
     'NING LAW. This Note is governed by the laws of Oregon.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     "IABILITY. Borrower's liability hereunder is unconditional and is not limited to the value of th"
     'e Collateral.\n\nGOVERNING LAW. This Note is governed by the laws of Oregon.\n'),
    ('non-recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. Borrower shall be under no personal obligation to repay the Loan; the Loan shall be r'
     'epaid exclusively from the sale or refinancing proceeds of the Premises.\n\nGOVERNING LAW. This N'
     'ote is governed by the laws of Oregon.\n'),
    ('recourse',
     'PROMISSORY NOTE\n\nFOR VALUE RECEIVED, Millbrook Terrace LLC ("Borrower") promises to pay to Summ'
     'it Trust Company ("Lender") the principal sum of $6,750,000 with interest at 5.4% per annum.\n\nL'
     'IABILITY. Lender may sue Borrower for the entire unpaid balance without first proceeding agains'
     't the Premises.\n\nGOVERNING LAW. This Note is governed by the laws of Oregon.\n'),
]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.mark.parametrize("expected,text", DOCS, ids=[f"{i:02d}-{e}" for i, (e, _t) in enumerate(DOCS)])
def test_drafted_construction(analyzer: Analyzer, expected: str, text: str) -> None:
    r = analyzer.analyze(text)
    assert r.label.value == expected, (r.reasons, text[-300:])


DRAFTED = Path(__file__).parent / "drafted"  # longer instruments (250-1,000 words) with distractors, by round
ROUND_ROWS = [(d.name, row) for d in sorted(DRAFTED.iterdir()) if (d / "manifest.csv").exists()
              for row in csv.DictReader((d / "manifest.csv").open(encoding="utf-8"))]
FIRST_SCORES = {"round8": "30/36 at first, four misses at 0.99", "round9": "31/36 at first, two misses at 0.99"}


@pytest.mark.parametrize("round_name,row", ROUND_ROWS, ids=[f"{n}/{r['file']}" for n, r in ROUND_ROWS])
def test_drafted_instrument(analyzer: Analyzer, round_name: str, row: dict) -> None:
    """Rounds written blind to the rules (FIRST_SCORES: how each round scored before its misses became rules)."""
    r = analyzer.analyze(DRAFTED / round_name / row["file"])
    assert r.label.value == row["label"], (row["construction"], r.reasons)
