"""Constructions the analyzer already handles, reworded: they guard against regressions in the rewrite."""

from __future__ import annotations

from .document import Family

NR, LR, R = "non-recourse", "limited-recourse", "recourse"

PLAIN_PAY = [
    "{Subj} [shall|will] pay the entire unpaid balance of {debt} on the Maturity Date[, together with all "
    "accrued interest].",
    "[Each payment|All payments] [shall|will] be made in lawful money of the United States at the address "
    "{lend} designate{ls} in writing.",
    "{Subj} will make every payment when due until {debt} is paid in full.",
]
EXCULPATIONS = [
    "{Subj} [shall have|{have}] no personal liability for {debt}, and {lend_poss} sole recourse [shall be|is] "
    "{asset}.",
    "Notwithstanding anything to the contrary [in this Note|herein], this Note is non-recourse[ to {obj}], and "
    "{lend} [shall|will] look solely to {asset} for payment of {debt}.",
    "In no event [shall|will] {obj} be personally liable for {debt}; {lend} [may|shall] enforce this Note only "
    "against {asset}[ and shall not seek a deficiency judgment].",
    "Neither {subj} nor any [member|partner] of {obj} [shall be|is] personally liable for {debt}, [which is "
    "payable only from|and recovery is limited to] {asset}.",
    "[The recourse of {lend}|{Lend_poss} recourse] for {debt} [is|shall be] limited [solely ]to {asset}, "
    "without any personal liability of {obj}.",
    "No deficiency judgment [shall|may] be sought or obtained against {obj}, and {debt} [shall be|is] "
    "satisfied solely from {asset}.",
    "{Lend} [agrees to|shall|will] look to {asset} [alone|exclusively] for {debt}[, and not to {obj}].",
    "{Subj} [shall not be|{be} not] [liable|responsible] for {debt} beyond [its interest in ]{asset}; {lend_poss} "
    "[remedies lie|recourse lies] against {asset} alone.",
]
EXC_HEADINGS = ["Non-Recourse", "Exculpation", "Limitation of Liability", "Nonrecourse Obligation", ""]

FAMILIES_KNOWN = [
    Family("plain_promise", R, "a promise to pay and no exculpation (LABELING.md, recourse: 'loans are "
           "recourse by default')", PLAIN_PAY, registers=("institutional", "consumer_you", "consumer_i"),
           headings=["Payment", "Maturity", "Place of Payment", ""]),
    Family(
        "personal_liability", R, "personal liability for the whole debt (LABELING.md, recourse: 'personal "
        "liability', 'full recourse')",
        [
            "{Subj} [shall be|{be}] personally liable for [the full amount of|all of] {debt}.",
            "This Note is a full recourse obligation of {obj}[, and {lend} may enforce it against any of "
            "{poss} property].",
            "[Each person who signs this Note|Everyone who signs this Note] is [fully and personally "
            "responsible|personally obligated] for [the whole amount owed|all amounts due].",
            "{Lend} may [enforce|collect] {debt} against {obj} personally and against any of {poss} property, in "
            "addition to {asset}.",
            "{Lend_poss} rights are not limited to {asset}: {subj} [remain{s}|{be}] personally responsible for "
            "[repaying|the whole of] {debt}.",
        ],
        registers=("institutional", "institutional", "consumer_i", "consumer_you"),
        headings=["Personal Liability", "Full Recourse", "Obligations", ""],
    ),
    Family(
        "deficiency_allowed", R, "deficiency judgment allowed (LABELING.md, recourse: 'deficiency judgment "
        "allowed', 'waiver of anti-deficiency protections')",
        [
            "If the proceeds of [a foreclosure sale|the sale] of {asset} are less than {debt}, {lend} may obtain "
            "a deficiency judgment against {obj} for the balance.",
            "{Subj} [shall remain|remain{s}] liable for any deficiency after {asset} is sold.",
            "{Subj} waive{s} the benefit of any [anti-deficiency|appraisement or valuation] law that would limit "
            "a deficiency judgment against {obj}.",
            "After applying the proceeds of {asset}, {lend} may sue {obj} for any amount still unpaid.",
            "{Asset} is not the sole source of repayment; {subj} [shall remain|remain{s}] liable for any "
            "deficiency after a foreclosure sale.",
            "{Lend_poss} remedies are not limited to {asset}, and {lend} may recover from {obj} any deficiency "
            "that remains after {asset} is sold.",
        ],
        headings=["Deficiency", "Remedies", "Foreclosure", ""],
    ),
    Family(
        "joint_several", R, "joint and several liability of the signers (LABELING.md, recourse: 'joint and "
        "several liability')",
        [
            "The obligations of [each person signing this Note|the persons comprising {subj}] are joint and "
            "several.",
            "Each person comprising {subj} is jointly and severally liable for the entire amount of {debt}.",
            "{Lend} may sue any one or more of the persons comprising {subj} for the whole of {debt}, without "
            "first proceeding against the others, because their liability is joint and several.",
            "Each person comprising {subj} is liable for all of {debt}, jointly and severally with the others; "
            "no one's liability is limited to a share of {debt} or to {asset}.",
            ("If more than one person signs this Note, each of us is [fully and personally obligated|personally "
             "responsible] for [all of {debt}|the full amount owed], and {lend} may [collect|enforce this Note] "
             "against any one of us alone.", ("consumer_i",)),
        ],
        headings=["Joint and Several Liability", "Co-Makers", "Several Signers", ""],
        registers=("institutional", "institutional", "consumer_i"),
        co_signer=True,
    ),
    Family("plain_exculpation", NR, "exculpation with no carve-out (LABELING.md, non-recourse: 'no personal "
           "liability and no carve-out')", EXCULPATIONS, headings=EXC_HEADINGS),
    Family(
        "exculpation_carveouts", LR, "exculpation with carve-outs (LABELING.md, limited-recourse: "
        "'exculpation/non-recourse clause with carve-outs')",
        [e + " [Notwithstanding the foregoing|However], {subj} [shall be|is] personally liable for {lead} "
         "{carveouts}." for e in EXCULPATIONS[:4]]
        + ["Except for {lead} {carveouts}, for which {subj} [shall be|is] personally liable, {lend_poss} "
           "recourse for {debt} [shall be|is] limited to {asset}.",
           "{Lend} [shall|will] look solely to {asset} for {debt}; [however|but], {subj} [shall|will] be liable "
           "to {lend_obj} for {lead} {carveouts}."]
        # the same carve-outs told from the creditor's side, or as a duty to make good a loss
        + [e + " [Despite|Notwithstanding] the foregoing, {lend} may [recover|collect|seek to recover] from {obj} "
           "[any loss|the losses|the damages] it [suffers|incurs] [because of|arising from|as a result of] "
           "{carveouts}." for e in EXCULPATIONS[:2]]
        + [e + " The foregoing [shall|will] not [limit|impair] {lend_poss} [claims|rights of recovery] against {obj} "
           "for {lead} {carveouts}." for e in EXCULPATIONS[2:4]]
        + ["{Lend} [shall|will] look solely to {asset} for {debt}, except that {subj} [shall|will] [indemnify|"
           "reimburse|compensate] {lend_obj} for [any loss|all losses|the damages] [arising from|caused by] "
           "{carveouts}."],
        headings=EXC_HEADINGS,
    ),
    Family(
        "springing", LR, "exculpation that springs to full recourse on bankruptcy or transfer (LABELING.md, "
        "limited-recourse: springing events such as voluntary bankruptcy or unpermitted transfer)",
        [e + " The limitation [in this Section|above] [shall be void|shall cease to apply], and {debt} [shall "
         "be|becomes] fully recourse to {obj}, if {triggers}." for e in EXCULPATIONS[:3]]
        + ["{Subj} [shall have|has] no personal liability for {debt} unless {triggers}, in which event {subj} "
           "[shall be|becomes] personally liable for the full amount of {debt}.",
           "{Lend_poss} recourse is limited to {asset}; provided that {debt} [shall|will] be a full recourse "
           "obligation of {obj} [if|in the event that] {triggers}.",
           "{Debt} [is|shall be] non-recourse, save that {subj} [is|shall be] liable without limit if {triggers}.",
           "{Lend} shall look only to {asset} for repayment; provided, however, {subj} shall be liable for {debt} "
           "in full [if|upon the occurrence of any of the following:] {triggers}.",
           "If {triggers}, the limitation on {poss} liability [in this Section ]shall [not apply|be void] and "
           "{subj} [shall be|is] personally liable for {debt}. Otherwise {lend} [shall|will] look solely to "
           "{asset} and [shall|will] not seek a deficiency judgment against {obj}."],
        headings=EXC_HEADINGS + ["Springing Recourse"],
    ),
    Family(
        "cap", LR, "recourse capped at an amount or percentage (LABELING.md, limited-recourse: 'recourse "
        "capped')",
        [
            "{Poss} personal liability for {debt} [shall not exceed|is limited to] {cap}[, and {lend} shall "
            "otherwise look only to {asset}].",
            "{Lend_poss} recourse against {obj} [shall be|is] limited to {cap}; beyond that amount, {lend} "
            "[shall|will] look solely to {asset}.",
            "[In no event|Under no circumstances] [shall|will] {obj} be personally liable for more than {cap}.",
            "{Subj} [shall be|is] personally liable for {debt} only up to {cap}.",
            "{Lend} may recover from {obj} personally no more than {cap}; any remaining balance [shall be|is] "
            "recoverable only from {asset}.",
            "Recourse to {obj} for {debt} is capped at {cap}[, and the rest is payable only from {asset}].",
            "{Subj} [shall not be|{be} not] liable for {debt} beyond {asset}, except that {subj} [shall be|is] "
            "liable for [the first|up to] {cap}.",
        ],
        headings=["Limited Recourse", "Limitation of Liability", "Recourse Cap", ""],
    ),
    Family(
        "structured_limited", LR, "structured-finance limited recourse with non-petition (LABELING.md, "
        "limited-recourse: 'the document itself names them so')",
        [
            "The obligations of {obj} under this [Note|instrument] are limited recourse obligations, payable "
            "solely from the [Collateral|Charged Assets|Portfolio] and its proceeds. [No holder shall|The holders "
            "shall not] institute against {obj} any bankruptcy, reorganization or insolvency proceeding until one "
            "year and one day after the notes are paid in full.",
            "Claims against {obj} are limited recourse claims, limited to the proceeds of {asset}; once those "
            "proceeds are exhausted, any remaining claim is extinguished. Each [Noteholder|secured creditor] "
            "agrees not to petition for the winding-up or bankruptcy of {obj}.",
            "{Lend} agrees that this is a limited recourse [obligation|instrument]: its recourse against {obj} is "
            "limited to [the Trust Estate|the Collateral], and it [shall|will] not take any step to place {obj} "
            "in bankruptcy or insolvency until one year and one day after payment of all notes.",
            "The notes are obligations of {obj} only and are limited in recourse to the [Collateral|Trust "
            "Estate]. If its proceeds fall short, the holders [shall|will] have no further claim against {obj}, "
            "and none of them may start insolvency proceedings against {obj}.",
        ],
        titles=["INDENTURE", "NOTE PURCHASE AGREEMENT", "SECURED NOTE", "LOAN NOTE INSTRUMENT"],
        headings=["Limited Recourse; Non-Petition", "Limited Recourse", "Non-Petition and Limited Recourse"],
        roles=[("Issuer", "the "), ("Issuer", ""), ("Company", "the "), ("Borrower", "")],
    ),
    Family(
        "without_recourse_endorsement", R, "a 'without recourse' endorsement concerns the endorser "
        "(LABELING.md, recourse: 'does NOT make the loan non-recourse')",
        PLAIN_PAY[:2] + ["{Lend} may [sell|assign|transfer] this Note, in whole or in part, without "
                         "recourse[, representation or warranty], and {subj} [shall|will] then pay the assignee.",
                         "No payment by a check marked \"without recourse\" or \"paid in full\" [shall "
                         "discharge|discharges] {debt} unless {lend} agrees in writing."],
        headings=["Payment", "Transfer", ""],
        trailers=[
            "ALLONGE\n\nThis allonge forms part of the note in the original principal amount of {amount} made "
            "by {obj}.\n\nPay to the order of [Sable Point Capital LLC|Meridian Note Acquisition Trust|Crestline "
            "Funding II, LLC], without recourse.\n\n{lender_full}",
            "ENDORSEMENT\n\nPay to the order of [Sable Point Capital LLC|Bellwether Loan Fund, L.P.], without "
            "recourse, representation or warranty.",
            "ASSIGNMENT\n\nFor value received, {lend} assigns this Note and its rights under it to [Harrow Street "
            "Credit LLC|Bellwether Loan Fund, L.P.], without recourse to {lend}.",
        ],
    ),
    Family(
        "negated_negation", R, "a clause denying any limit on personal liability (LABELING.md, recourse: "
        "'personal liability')",
        [
            "Nothing in this Note [or in the Mortgage|or in any other loan document] [shall|will] [limit|impair|be "
            "construed to limit] {poss} personal liability for {debt}.",
            "No provision of [the loan documents|this Note] [shall|will] [release|relieve] {obj} from personal "
            "liability for {debt}[, and no sale of {asset} releases {obj}].",
            "[The existence of|Taking] a lien on {asset} [does not|shall not] limit {lend_poss} recourse against "
            "{obj}, and {lend} need not resort to {asset} before suing {obj}.",
            "{Subj} [shall not be|{be} not] [released|discharged] from personal liability for {debt} by any "
            "transfer of {asset} or extension of the maturity date.",
            "[This Note|This loan|{Debt}] [is|shall be] not a [non-recourse|nonrecourse] [loan|obligation][ of {obj}].",
        ],
        headings=["Personal Liability", "No Release", "Security Not a Limit", ""],
    ),
    Family(
        "consumer_deficiency", R, "the buyer owes what the sale of the collateral does not cover (LABELING.md, "
        "recourse: 'deficiency judgment allowed')",
        [
            "If you default, we may repossess {vehicle} and sell it. [If the sale brings less than you owe|If the "
            "money from the sale does not cover what you owe], you will owe us the [difference|remaining balance]"
            "[, plus our costs of repossession and sale].",
            "You will [still ]owe us any balance after we sell {vehicle}.",
            "Selling {vehicle} does not end your obligation: any amount left unpaid after the sale [is still owed "
            "by you|remains your debt], and we may sue you to collect it.",
            "[After|Once] we apply the proceeds from selling {vehicle} to your account, you must pay us whatever "
            "remains due[ within 10 days of our notice].",
            "Our rights are not limited to {vehicle}: if selling it does not pay off this contract, you will "
            "[still owe us the rest|have to pay the rest yourself].",
            "You will [pay us|owe us|be responsible for] any amount that the sale of {vehicle} does not cover.",
        ],
        registers=("consumer_you",),
        headings=["If You Default", "Repossession", "What Happens After a Sale", ""],
    ),
    Family(
        "consumer_home_only", NR, "the lender can look only to the home, no deficiency (LABELING.md, "
        "non-recourse: 'e.g. reverse-mortgage notes')",
        [
            "{Lend} can only look to {home} to repay this loan; {subj} will not owe any deficiency if the sale "
            "of {home} brings less than the amount owed.",
            "{Subj} will not [be personally liable for|have to pay] any amount the sale of {home} does not "
            "cover. {Lend} may enforce this [loan|Note] only by selling {home}.",
            "{Lend} will not seek a deficiency judgment against {obj}; {lend_poss} only right if the loan is not "
            "repaid is to sell {home} and keep the proceeds up to the amount owed.",
            "{Subj} {have} no personal [responsibility|obligation] to repay this loan beyond the value of {home}.",
            "Repayment of this loan comes only from {home}. When {home} is sold, {lend} will accept the sale "
            "proceeds as full payment, even if they are less than the loan balance.",
            "{Subj} will not owe {lend_obj} any [amount|part of the balance] that the sale of {home} does not "
            "cover.",
        ],
        registers=("consumer_you", "consumer_i"),
        titles=["REVERSE MORTGAGE NOTE", "HOME EQUITY CONVERSION NOTE", "LOAN AGREEMENT (HOME-SECURED)"],
        headings=["Repayment Limited to the Home", "No Deficiency", "Your Liability", ""],
    ),
    Family(
        "texas_home_equity", LR, "no personal liability unless the loan was obtained by actual fraud "
        "(LABELING.md, limited-recourse: an exculpation with a carve-out, fraud)",
        [
            "This loan is [made|given] without recourse for personal liability against {obj} or {poss} spouse, "
            "unless [{subj} obtained|the owner or spouse obtained] this extension of credit by actual fraud.",
            "{Lend} may [enforce this Note|collect the debt] only [through foreclosure of the lien on|against] "
            "{home}; {subj} {be} not personally liable for {debt} unless {subj} [obtained|procured] this loan "
            "by actual fraud.",
            "Except in the case of actual fraud in obtaining this loan, {lend} [has|shall have] no recourse "
            "against {obj} personally, and {lend_poss} only remedy is against {home}.",
            "{Subj} {be} not personally liable for {debt}, and {lend} may not obtain a deficiency judgment "
            "against {obj}, unless {subj} or {poss} spouse obtained this loan by actual fraud; otherwise "
            "{lend_poss} remedy is foreclosure of the lien on {home}.",
            "[Neither {subj} nor {poss} spouse|No owner or spouse] will be personally liable for this loan; "
            "however, that protection does not apply [if there was actual fraud in obtaining this loan|where "
            "the borrower obtained the credit by actual fraud].",
        ],
        registers=("consumer_i", "consumer_i", "consumer_you"),
        titles=["TEXAS HOME EQUITY NOTE", "HOME EQUITY NOTE (Cash-Out Refinance)", "HOME EQUITY ADJUSTABLE "
                "RATE NOTE"],
        headings=["Limitation on Personal Liability", "Non-Recourse Except for Fraud", "Your Liability", ""],
        fixed={"state": "Texas"},
    ),
]
