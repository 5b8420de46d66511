"""Constructions the eighth and ninth probe rounds (instruments drafted blind to the rules) found missing.

Each family is data: templates in the grammar of grammar.py, and the label LABELING.md gives them.
"""

from __future__ import annotations

from .document import Family

NR, LR, R = "non-recourse", "limited-recourse", "recourse"

FAMILIES_DRAFTED = [
    Family(
        "creditor_bars_suit", NR,
        "the creditor may not sue the obligor for the debt, only enforce the collateral (LABELING.md, "
        "non-recourse: 'recovery is limited solely to the collateral')",
        [
            "{Lend} [covenants|agrees] not to sue {obj} for {debt}[, and {lend} will enforce {debt} only by "
            "foreclosure of its lien on {asset}].",
            "{Lend} [shall not|will not] [bring|commence|institute] any [action|suit|proceeding] against {obj} to "
            "[collect|recover] {debt}, other than an action to foreclose its lien on {asset}.",
            "No [action|suit|proceeding] [shall|may] be brought against {obj} for the [payment|recovery] of {debt}"
            "[; {lend} may foreclose its lien on {asset}].",
            "{Lend} [irrevocably |hereby ]waives any right [it may have ]to hold {obj} personally liable for {debt}.",
        ],
        headings=["Limitation on Remedies", "Covenant Not to Sue", "Enforcement", ""],
    ),
    Family(
        "pursuit_for_part", LR,
        "recovery of the principal confined to the collateral while the lender may pursue the obligor for "
        "another part of the debt (LABELING.md, limited-recourse: 'partial recourse')",
        [
            "The principal of this Note is recoverable only out of {asset}. {Lend} may sue {obj} for any unpaid "
            "interest[, obtain a money judgment for it] and enforce that judgment against any of {poss} assets.",
            "{Lend_poss} recourse for the principal of {debt} is limited to {asset}. {Lend} may [recover|collect] "
            "from {obj} any taxes and insurance premiums {lend} advances, and may enforce [any|a] judgment for "
            "them against all assets of {obj}.",
            "No deficiency judgment for principal [shall|will] be sought against {obj}. {Lend} may, however, bring "
            "suit against {obj} to collect [the interest|unpaid interest and late charges] on {debt}.",
        ],
        headings=["Recovery of Principal and Interest", "Limited Recourse", ""],
    ),
    Family(
        "cap_defined_amount", LR,
        "the obligor's liability beyond the collateral capped at a defined amount (LABELING.md, limited-recourse: "
        "'recourse capped at an amount or percentage')",
        [
            '"Recourse Amount" means [$1,500,000|twenty percent (20%) of the original principal amount]. Apart '
            "from {asset}, {lend} may recover from {obj} only an amount not exceeding the Recourse Amount.",
            '"Recourse Percentage" means [50%|25%] until Stabilization. "Recourse Amount" means the Recourse '
            "Percentage then in effect multiplied by the unpaid principal. {Poss} liability for {debt} beyond "
            "{asset} [shall not exceed|shall in no event be more than] the Recourse Amount.",
            "{Subj} [shall be|is] answerable out of {poss} assets other than {asset} only up to [$2,000,000|the "
            "Recourse Cap][, which is $2,000,000].",
        ],
        headings=["Extent of Liability", "Recourse Cap", "Limitation on Recovery", ""],
    ),
    Family(
        "pool_beyond_collateral", LR,
        "recourse confined to a defined pool of assets that takes in the collateral and more (LABELING.md, "
        "limited-recourse: 'recourse limited to named assets beyond the collateral')",
        [
            '"Recourse Assets" means (a) {asset}; (b) the [Operating|Debt Service] Reserve Account; and (c) '
            "[{poss} membership interests in its operating subsidiary|the equipment at {poss} plant]. {Debt} "
            "[may be|shall be] satisfied only out of the Recourse Assets.",
            '"Recourse Property" means, collectively, (a) {asset} and (b) [the Reserve Account|the Sawmill], '
            "whether or not subject to any lien. {Lend} shall look solely to the Recourse Property for "
            "repayment of {debt}.",
        ],
        headings=["Extent of Recovery", "Recourse Assets", ""],
    ),
]
