"""The ten constructions issue 11 found broken on unseen loans (plus the carve-out twin of family 2).

Each family is data: templates in the grammar of grammar.py, and the label LABELING.md gives them.
"""

from __future__ import annotations

from .document import OPENINGS, Family

NR, LR, R = "non-recourse", "limited-recourse", "recourse"

# Family 2 sentences: liability confined to a named asset, never saying "recourse".
ASSET_LIMITS = [
    "{Poss} liability [under this Note|hereunder|for {debt}] is limited to {poss} interest in {asset}[ and the "
    "proceeds of it].",
    "{Lend} [shall|will] satisfy {debt} only out of {asset} and its rents and proceeds, and [shall not|will not] "
    "seek [any|a] money judgment against {obj} [personally|for any shortfall].",
    "Any judgment obtained on this Note [shall be|is] enforceable only against {asset}, and not against any "
    "other property of {obj}.",
    "The obligations of {obj} under this Note [shall be|are] payable only from, and limited to the value of, "
    "{asset}.",
    "[Enforcement of this Note is|{Lend_poss} remedies are] limited to foreclosure of the lien on {asset}, and "
    "{lend} [shall|will] not pursue {obj} for any amount the sale of {asset} does not yield.",
    "{Subj} [shall|will] not be [required|obligated] to pay {debt} from any property other than {asset}.",
    "In no event [shall|will] {lend} levy on any asset of {obj} other than {asset} to collect {debt}.",
    "{Lend} [agrees|acknowledges] that {asset} is the only source from which {debt} may be collected.",
]

FAMILIES_NEW = [
    Family(
        "revenue_only", NR,
        "payment confined to a revenue source with no other obligation of the obligor (LABELING.md, "
        "non-recourse: 'payment confined to a revenue source')",
        [
            "This Note is payable only out of and to the extent of {rev}, and {subj} [shall have|has] no "
            "[duty|obligation] to pay it from any other funds[ or revenues] of {obj}.",
            "The principal of and interest on this Note are payable solely from {rev}[, which {subj} pledge{s} "
            "to that purpose]; {subj} [is not obligated|shall not be required] to pay them from any other source.",
            "{Subj} [shall|will] pay this Note only from {rev} and only to the extent {rev} are "
            "[received|available]; no other money of {obj} [shall|may] be applied to it.",
            "Neither the general fund nor any other money of {obj} is [pledged to|available for] the payment of "
            "this Note, which is payable [exclusively|only] from {rev}.",
            "{Subj} [shall|will] pay this Note from {rev} [alone|and from no other source]. If {rev} are "
            "insufficient to pay this Note in full by its final maturity, the unpaid balance [shall be "
            "cancelled|is forgiven] and {subj} [shall have|has] no further obligation to pay it.",
            "Payment of this Note [shall|will] be made [solely|only] from {rev}, and no [claim|demand] for "
            "payment [shall|may] be made against any other funds or property of {obj}.",
            "{Subj} [does not|shall not] [pledge|commit] its general credit to this Note: the holder [shall|will] "
            "be paid only out of {rev}, as and when they are collected.",
            "This Note is payable from[, and secured by,] {rev} [only|alone]; {poss} general [revenues|fund] and "
            "taxing power [are|is] not pledged to its payment.",
        ],
        registers=("municipal", "municipal", "institutional"),
        headings=["Source of Payment", "Limited Obligation", "Special Obligation", "Pledged Sources",
                  "Security for this Note", ""],
    ),
    Family(
        "asset_limited", NR,
        "liability limited to the collateral, no carve-out (LABELING.md, non-recourse: 'recovery is limited "
        "solely to the collateral')",
        ASSET_LIMITS,
        headings=["Limitation on Liability", "Enforcement", "Limited Liability", "Satisfaction of Judgments", ""],
    ),
    Family(
        "asset_limited_carveouts", LR,
        "liability limited to the collateral with carve-outs (LABELING.md, limited-recourse: 'exculpation ... "
        "with carve-outs')",
        [s + " [Notwithstanding the foregoing|However|Even so], {subj} [shall|will] be [personally ]liable for "
         "{lead} {carveouts}." for s in ASSET_LIMITS[:6]]
        + ["Except for {lead} {carveouts}, for which {subj} [shall remain|remains] liable, {lend} [shall|will] "
           "satisfy {debt} only out of {asset}.",
           "{Subj} [shall|will] be liable for {lead} {carveouts}. Apart from those matters, any judgment on "
           "this Note [shall be|is] enforceable only against {asset}."],
        headings=["Limitation on Liability", "Enforcement", "Limited Liability", ""],
    ),
    Family(
        "proviso_full_recourse", LR,
        "exculpation whose carve-outs are a proviso of full recourse (LABELING.md, limited-recourse: "
        "'exculpation ... with carve-outs')",
        [
            "{Subj} [shall not be|is not] personally liable for {debt}, and {lend} [shall|will] look solely to "
            "{asset} for repayment; provided, however, that {lend} [shall|will] have full recourse against {obj} "
            "for {lead} {carveouts}.",
            "{Lend_poss} recourse for {debt} is limited to {asset}[, and no deficiency judgment shall be sought "
            "against {obj}], provided that {lend} shall have full recourse against {obj} [and its other assets ]"
            "for {carveouts}.",
            "No personal liability shall be asserted against {obj} for {debt}; provided that {lend} [may|shall "
            "be entitled to] [proceed|recover] against {obj} [personally|with full recourse] for {lead} "
            "{carveouts}.",
            "[In no event|Under no circumstances] [shall|will] {obj} be personally liable for {debt}, provided, "
            "however, that [the foregoing shall not limit|nothing in this Section limits] {lend_poss} full "
            "recourse against {obj} for {carveouts}.",
            "This Note is [non-recourse|without recourse to {obj}] as to {debt}, provided that {obj} [shall be|is] "
            "fully liable for {lead} {carveouts}.",
        ],
        headings=["Exculpation", "Limitation on Recourse", "Non-Recourse; Exceptions", "Limited Liability", ""],
    ),
    Family(
        "crossref_exception", LR,
        "exculpation announcing its exceptions by cross-reference, their text absent (LABELING.md: "
        "'Exceptions stated by reference count')",
        [
            "Except as [set forth|provided] in {xref}, {subj} [shall not be|is not] personally liable for {debt}, "
            "and {lend} [shall|will] look solely to {asset} for its repayment.",
            "Subject to {xref}, no personal liability [shall be asserted|may be enforced] against {obj} for "
            "{debt}[, and no deficiency judgment shall be sought].",
            "{Subj} [shall have|has] no personal liability for {debt}, except as hereinafter provided.",
            "[Other than|Except] as [stated|expressly provided] in {xref}, {lend_poss} [sole recourse|recourse] "
            "for {debt} [shall be|is] limited to {asset}.",
            "Except as hereinafter provided, {lend} [shall not|will not] seek any judgment against {obj} "
            "personally, and {debt} [shall be|is] enforceable only against {asset}.",
            "Notwithstanding anything to the contrary in this Note, but subject to {xref}, {subj} [shall not|will "
            "not] be personally liable for {debt}.",
            "{Lend} agrees that, except to the extent set out in {xref}, it [shall|will] have recourse only to "
            "{asset} and [shall|will] not sue {obj} for any deficiency.",
        ],
        headings=["Exculpation", "Non-Recourse", "Limitation of Liability", "Recourse Limited", ""],
    ),
    Family(
        "pawn_forfeiture", NR,
        "pledge loan whose only remedy is forfeiture (LABELING.md, non-recourse: 'pledge (pawn) loans')",
        [
            "{Subj} {be} not obligated to redeem {goods}. If {subj} {does} not redeem {goods} by the maturity "
            "date, {goods} is forfeited to {lend_obj}, and {lend} cannot [collect|recover] any "
            "[deficiency|remaining balance] from {obj}.",
            "[{Subj} {be} under no obligation to repay this loan|Repaying this loan is {poss} choice]. If {goods} "
            "is not redeemed within [30|60] days after the maturity date, ownership passes to {lend_obj}, "
            "and that forfeiture is {lend_poss} only remedy.",
            "Failure to redeem {goods} by the end of the grace period results in forfeiture of {goods} to "
            "{lend_obj}. Forfeiture satisfies the loan in full: {subj} will owe nothing more, and {lend} will not "
            "[sue {obj}|seek a deficiency from {obj}].",
            "{Lend_poss} only remedy if the loan is not repaid is to keep {goods}. {Subj} [will|shall] not be "
            "[personally liable|liable] for any shortfall if the sale of {goods} brings less than the amount owed.",
            "This is a pawn loan: {subj} may redeem {goods} by paying the amount shown, but {be} not required to "
            "do so. If {subj} {does} not, {lend} [keep{ls}|take{ls}] {goods} in full satisfaction of the loan "
            "and {lbe} not entitled to recover any deficiency.",
        ],
        registers=("consumer_you", "consumer_you", "institutional"),
        titles=["PAWN TICKET", "PLEDGE LOAN AGREEMENT", "PAWN LOAN CONTRACT", "PAWN TRANSACTION RECORD"],
        openings=["{Party_full} ({obl_def}) pledges {goods} to {lender_full} ({lend_def}) as security for a loan "
                  "of {amount}, to be repaid with a pawn charge of [$40.00|$95.00|$18.50] by the maturity date "
                  "shown below.",
                  "Loan amount: {amount}. Pawn charge: [$40.00|$95.00|$18.50]. Maturity date: [30|60|90] days "
                  "from today. {Lender_full} ({lend_def}) holds {goods} as the only security for this loan."],
        headings=["Redemption and Forfeiture", "If the Loan Is Not Repaid", "Forfeiture", "Notice to Pledgor", ""],
        roles=[("Pledgor", ""), ("Customer", "the "), ("Pledgor", "the "), ("Borrower", "")],
        fixed={"amount": "[$75.00|$150.00|$320.00|$1,200.00|$2,450.00]",
               "lender_full": "[BRIGHTWATER PAWN & LOAN, INC.|CORNER STREET PAWN SHOP LLC|GOLD RIVER "
                              "PAWNBROKERS, a Nevada corporation|MAIN AND FIFTH LOAN COMPANY]"},
        lender_roles=[("Pawnbroker", ""), ("Shop", "the "), ("Pledgee", ""), ("Lender", "")],
    ),
    Family(
        "principal_shield", R,
        "recourse pointed at the borrower and away from its principals; the borrower stays liable (LABELING.md, "
        "recourse: promise to pay with no exculpation of the borrower)",
        [
            "{Lend} may look only to {obj}, and to no [member|manager|partner|shareholder] of {obj}, for payment "
            "of {debt}[; {subj} itself remains fully liable].",
            "Recourse for {debt} [shall be|is] had only against {obj} and its assets, and not against any "
            "[member, manager or officer|shareholder, director or employee|partner or affiliate] of {obj}.",
            "No [member|partner|shareholder|officer] of {obj} [shall|will] be personally liable for {debt}; "
            "{lend} [shall|will] look to {obj} alone for payment.",
            "{Lend} [shall|will] have recourse solely against {obj}[ and its property] for {debt}, and waives any "
            "claim against the [members|partners|principals] of {obj}.",
            "{Lend_poss} sole recourse for {debt} [shall be|is] against {obj}, and no [principal|owner|manager] "
            "of {obj} [shall|will] have any personal obligation for it.",
            "[The Guarantor's|Each guarantor's|The Sponsor's] liability [under the Guaranty|for {debt}] [is|shall "
            "be] limited to {cap}[; no guarantor shall be personally liable for more]."
        ],
        headings=["Recourse", "Persons Liable", "No Liability of Principals", "Obligations of Borrower", ""],
    ),
    Family(
        "officer_only_titled", R,
        "a 'Limited Recourse' clause protecting only officers or members; the borrower stays liable "
        "(LABELING.md, recourse: judged from the borrower's liability)",
        [
            "No [officer, director|member, manager|partner, employee|incorporator, shareholder] or agent of {obj} "
            "[shall|will] be personally liable for {debt} or for any claim based on it[; this Section does not "
            "limit the liability of {obj} itself].",
            "The obligations under this Note are obligations of {obj} alone. No recourse [shall|may] be had "
            "against any [past, present or future ]officer, director or employee of {obj} for payment of {debt}.",
            "[Neither any member nor any manager|None of the officers or directors] of {obj} [shall have|has] "
            "any personal liability for {debt}, [but|and] nothing in this Section [releases|limits] {obj}.",
            "{Lend} [agrees|acknowledges] that the [officers|trustees|managers] of {obj} sign this Note only in "
            "their representative capacity and [shall|will] not be personally liable for {debt}.",
            "No past, present or future member of {obj} [shall have|has] personal liability for {debt} by reason "
            "of being a member; {subj} alone is liable for it.",
            "The obligations of {obj} under this Note are not personal obligations of its [trustees|officers|"
            "directors] or employees, and no such person [shall|will] be liable for them.",
        ],
        headings=["Limited Recourse", "Limited Recourse Obligations", "Limitation of Recourse",
                  "Limited Recourse Provisions"],
    ),
    Family(
        "title_only", NR,
        "a title saying non-recourse just before the promise to pay, no other clause (LABELING.md, "
        "non-recourse: 'simple non-recourse promissory notes')",
        [],
        titles=["NON-RECOURSE PROMISSORY NOTE", "NON-RECOURSE NOTE", "Nonrecourse Promissory Note",
                "NON-RECOURSE SECURED PROMISSORY NOTE", "NON-RECOURSE PURCHASE MONEY NOTE",
                "Non-Recourse Mortgage Note", "NONRECOURSE TERM NOTE", "NON-RECOURSE DEED OF TRUST NOTE"],
        openings=OPENINGS["institutional"][:2],
    ),
    # Our reading of LABELING.md for a conduit loan agreement: the document is judged "from the borrower's
    # (primary obligor's) liability as written". In a conduit financing the public issuer lends bond proceeds
    # and its own "special limited obligation" (payable solely from the loan payments) is the bonds' limit,
    # not the borrower's. The revenue-source rule of the guide speaks of "the obligor of that instrument": the
    # obligor of this loan agreement is the borrower, whose promise to repay is unconditional, so the loan
    # agreement is recourse. A document whose only obligor is the issuer (the bond itself) would be
    # non-recourse under the revenue-source rule; that is family revenue_only, not this one.
    Family(
        "conduit", R,
        "the issuer's special limited obligation limits the bonds, not the borrower, whose promise to repay is "
        "unconditional (LABELING.md: judged from the borrower's liability; revenue rule names the obligor of "
        "that instrument)",
        [
            "The Bonds are special limited obligations of {lend_obj}, payable solely from {payments} and the "
            "other funds pledged under the Indenture, and [shall never|do not] constitute a debt of the State or "
            "of any political subdivision. The obligation of {obj} to make the Loan Payments is absolute and "
            "unconditional[ and is a general obligation of {obj}].",
            "{Subj} [shall|will] pay, as Loan Payments, amounts sufficient to pay the principal of, premium, if "
            "any, and interest on the Bonds when due. The Bonds [are|shall be] special, limited obligations of "
            "{lend_obj} payable solely from {payments}, and {lend} [shall have|has] no obligation to pay them "
            "from any other source.",
            "Any obligation of {lend_obj} under this Agreement (which is a limited obligation payable solely "
            "from {payments}) [shall|will] not be a charge against its general credit. {Subj} [shall|will] make "
            "each Loan Payment in full when due, whether or not any other party performs.",
            "[No recourse shall be had|No personal liability shall attach] against any member, officer or "
            "employee of {lend_obj} for the Bonds, which are payable only from {payments}. {Subj} [promises|agrees]"
            " to repay the loan, with interest, on the dates the Bonds fall due.",
            "Each party [shall|will] perform its obligations under this Agreement (except that the obligations of "
            "{lend_obj} are special limited obligations payable solely from {payments}), and {subj} [shall|will] "
            "make each Loan Payment when due.",
            "The obligations of {lend_obj} under the Bonds and this Agreement are limited obligations payable "
            "solely from the Trust Estate, and no holder may look to its general funds. The obligations of {obj} "
            "under this Agreement are general obligations of {obj}, payable from any funds available to it.",
        ],
        titles=["LOAN AGREEMENT", "LOAN AGREEMENT (CONDUIT REVENUE BONDS)", "FINANCING AGREEMENT"],
        openings=["This [Loan|Financing] Agreement is made as of {date} between {lender_full} ({lend_def}) and "
                  "{party_full} ({obl_def}). {Lend} [will|shall] lend the proceeds of its [Revenue Bonds, Series "
                  "2025|Industrial Development Revenue Bonds|Health Facilities Revenue Bonds] (the \"Bonds\") to "
                  "{obj}, and {subj} [agrees to repay|promises to repay|shall repay] the loan [as provided "
                  "below|with interest]."],
        headings=["Loan Payments", "Limited Obligation of the Issuer", "Payment Obligations", ""],
        conduit=True,
    ),
    Family(
        "amendment", R,
        "an amendment that keeps the obligations alive; nothing limits recourse (LABELING.md, recourse by "
        "default; amendments are loan instruments)",
        [
            "This Amendment [shall not|does not] extinguish the Obligations [outstanding under|evidenced by] the "
            "Loan Agreement[, and it does not constitute a novation of them]; the Obligations remain in full force "
            "and effect, as modified by this Amendment.",
            "Nothing in this Amendment [shall be construed to|shall] [extinguish, discharge or release|release or "
            "extinguish] the Obligations, which continue unimpaired[, and {subj} ratifies the Loan Agreement as "
            "amended].",
            "The parties intend this Amendment to modify, and not to extinguish, the Obligations[, and the liens "
            "securing them continue].",
            "{Subj} [acknowledges|confirms] that its Obligations under the Loan Agreement are [valid and ]"
            "enforceable and are not extinguished by this Amendment.",
            "Except as expressly amended by this Amendment, the Loan Agreement remains unchanged, and this "
            "Amendment [shall not be deemed to|does not] extinguish or satisfy the Obligations.",
            "The Obligations are continuing obligations of {obj}; this Amendment amends them and does not "
            "extinguish or replace them.",
            "This Amendment [amends|amends and restates] a [non-recourse|nonrecourse] note dated {date}; [from the "
            "date hereof|from now on] the Obligations [shall be|are] full recourse to {obj}.",
        ],
        titles=["FIRST AMENDMENT TO LOAN AGREEMENT", "SECOND AMENDMENT TO PROMISSORY NOTE",
                "THIRD MODIFICATION AGREEMENT", "AMENDMENT NO. 2 TO CREDIT AGREEMENT"],
        openings=["This [First|Second|Third] Amendment (this \"Amendment\") is made as of {date} between "
                  "{party_full} ({obl_def}) and {lender_full} ({lend_def}), and amends the [Loan "
                  "Agreement|Promissory Note|Credit Agreement] dated as of [May 1, 2021|September 15, 2020] (as "
                  "amended, the \"Loan Agreement\") under which {lend} made a loan of {amount} to {obj}."],
        extra=[("Amendments", "The Maturity Date in the Loan Agreement is extended to [June 1, 2030|December 31, "
                "2028], and the interest rate is changed to [6.75%|SOFR plus 3.10%] per annum."),
               ("Conditions", "This Amendment becomes effective when each party has signed it and {subj} has paid "
                "{lend_poss} reasonable legal fees.")],
        headings=["No Novation", "Continuing Obligations", "Effect of Amendment", "Ratification", ""],
    ),
    Family(
        "other_debt", R,
        "recourse words about other debt in covenants and definitions; this loan is plain (LABELING.md, "
        "recourse by default)",
        [
            "{Subj} [shall|will] not incur any other indebtedness, whether recourse or nonrecourse, [secured or "
            "unsecured, ]other than Permitted Debt.",
            "\"Non-Recourse Indebtedness\" means Indebtedness [of {obj} or any Subsidiary ]for which the holder's "
            "only recourse is the [asset|property] financed with it[ and the proceeds of that asset].",
            "{Subj} [may|shall be permitted to] incur Non-Recourse Indebtedness to finance [equipment|vehicles|"
            "solar installations] only if the lender of that debt [agrees to look solely to|has recourse only to]"
            " the financed asset and the aggregate principal does not exceed [$500,000|$2,000,000].",
            "\"Permitted Debt\" includes [purchase-money indebtedness|Indebtedness] that is [nonrecourse|"
            "non-recourse] to {obj} and secured only by the asset it finances.",
            "[So long as|While] any amount under this Note is unpaid, {subj} [shall|will] not guarantee or become "
            "liable for any obligation of another person, whether that obligation is with or without recourse.",
            "{Subj} [shall|will] not permit any Subsidiary to [incur|have outstanding] Non-Recourse Debt[ in excess "
            "of $5,000,000]. A debt is non-recourse for this purpose if its holder has agreed that its sole "
            "recourse is the asset the debt finances and that no owner of the debtor is personally liable for it.",
            "\"Excluded Project Debt\" means limited recourse financing of a project company whose lenders have "
            "agreed not to petition for its bankruptcy; {subj} [shall|will] not guarantee any Excluded Project Debt.",
        ],
        extra=[("Financial Covenants", "{Subj} [shall|will] maintain a debt service coverage ratio of at least "
                "[1.25|1.20] to 1.00, tested at the end of each fiscal quarter.")],
        headings=["Negative Covenants", "Definitions", "Indebtedness", "Limitation on Debt", ""],
    ),
]
