"""Apply the table to a document's facts: the rule that decides, its citation, each condition and a plain outcome.

Rules are tried in the table's order. A rule whose every condition is found decides ("likely barred"); a rule
blocked only by unknowns makes the outcome "depends on facts not in the document"; otherwise fair-value limits
and the default (deficiency allowed) follow. Federal overlays are read first: a federally insured reverse
mortgage is non-recourse whatever the state, and VA, FHA and SBA claims are named beside the state's answer.
"""

from __future__ import annotations

from analyzer.law.facts import FOUND, NOT_FOUND, UNKNOWN, Fact, read_facts
from analyzer.law.jurisdiction import find_jurisdiction
from analyzer.law.table import federal_overlays, load_table, lookup
from analyzer.results import DeficiencyLaw, LawCondition

LABELS = {
    "purchase_money": "purchase money", "seller_financed": "seller-financed", "owner_occupied": "owner occupancy",
    "dwelling": "dwelling", "max_units": "number of units", "max_acres": "acreage", "power_of_sale": "power of sale",
    "institutional_lender": "lender is a financial institution",
    "home_equity_50a6": "Texas home-equity loan (art. XVI, 50(a)(6))",
    "reverse_mortgage": "federally insured reverse mortgage (HECM)",
    "va_guaranteed": "VA guaranty", "fha_insured": "FHA insurance",
    "sba": "SBA loan", "lien_position": "lien position", "collateral": "collateral",
}
# shown on every record, whatever rule applies: the facts the issue names
ALWAYS = ("purchase_money", "owner_occupied", "units", "lien_position", "power_of_sale")


def _condition(key: str, want: object, facts: dict[str, Fact]) -> tuple[str, LawCondition]:
    """Status of one table condition ("max_units": 4 means at most four units) with its evidence."""
    if key in ("max_units", "max_acres"):
        fact = facts["units" if key == "max_units" else "acres"]
        name = f"{LABELS[key]} at most {want:g}"
        if fact.status != FOUND:
            return UNKNOWN, LawCondition(name=name, status=UNKNOWN, evidence=None)
        status = FOUND if fact.value <= want else NOT_FOUND
        return status, LawCondition(name=f"{name} ({fact.value:g})", status=status, evidence=fact.evidence)
    fact = facts[key]
    status = fact.status if want else {FOUND: NOT_FOUND, NOT_FOUND: FOUND}.get(fact.status, UNKNOWN)
    return status, LawCondition(name=LABELS.get(key, key), status=status, evidence=fact.evidence)


def _evaluate(when: dict, facts: dict[str, Fact]) -> tuple[list[str], list[LawCondition]]:
    pairs = [_condition(k, v, facts) for k, v in when.items()]
    return [s for s, _ in pairs], [c for _, c in pairs]


def _fact_condition(key: str, facts: dict[str, Fact]) -> LawCondition:
    fact = facts[key]
    name = LABELS.get(key, key)
    if key in ("units", "lien_position") and fact.status == FOUND:
        name = f"{'number of units' if key == 'units' else 'lien position'}: {fact.value}"
    elif key == "units":
        name = "number of units"
    return LawCondition(name=name, status=fact.status, evidence=fact.evidence)


def _topic(name: str) -> str:
    return name.split(" at most")[0].split(" (")[0].split(":")[0]


def _merge(conditions: list[LawCondition], extra: list[LawCondition]) -> list[LawCondition]:
    """The rule's own conditions first, then the always-shown facts that the rule did not already cover."""
    seen = {_topic(c.name) for c in conditions}
    return conditions + [c for c in extra if _topic(c.name) not in seen]


def _unknown_names(conds: list[LawCondition]) -> str:
    return ", ".join(c.name.split(" at most")[0] for c in conds if c.status == UNKNOWN)


def _federal_claims(facts: dict[str, Fact]) -> list[dict]:
    return [o for o in federal_overlays() if o["effect"] == "federal claim"
            and all(facts[k].status == FOUND for k in o["when"])]


def deficiency_law(text: str, governing_law: tuple[str, str] | None = None) -> DeficiencyLaw:
    """The deficiency-law overlay for one document's text; never raises on odd text. `governing_law`: the
    (place, sentence) the analysis read from the governing-law clause, when it found one."""
    facts = read_facts(text)
    coll = facts["collateral"]
    real = coll.value == "real property"
    where = find_jurisdiction(text, real, governing_law)
    conds = [LawCondition(name=f"collateral: {coll.value}", status=coll.status, evidence=coll.evidence),
             LawCondition(name=f"jurisdiction: {where.name or 'unknown'} ({where.source})",
                          status=FOUND if where.code else UNKNOWN, evidence=where.evidence)]
    general = [_fact_condition(k, facts) for k in ALWAYS]
    if facts["reverse_mortgage"].status == FOUND and real:
        hecm = lookup("HECM")
        conds.append(LawCondition(name=LABELS["reverse_mortgage"], status=FOUND,
                                  evidence=facts["reverse_mortgage"].evidence))
        return DeficiencyLaw(jurisdiction=where.name, rule=f"{hecm['name']}: {hecm['summary']}",
                             citation=hecm["citation"],
                             outcome="a deficiency judgment is barred: the debt is collected only from the home",
                             conditions=_merge(conds, general))
    row = lookup(where.code) if where.code else None
    if not real:
        return _personal(where, row, facts, conds)
    if row is None:
        return DeficiencyLaw(jurisdiction=None, rule=None, citation=None, conditions=_merge(conds, general),
                             outcome="depends on facts not in the document: the state where the property lies")
    result = _real(row, facts, conds, general)
    claims = _federal_claims(facts)
    if claims:
        result.outcome += "".join(f"; but {o['code']}: {o['summary'][0].lower()}{o['summary'][1:-1]}" for o in claims)
        result.citation = "; ".join([result.citation or "", *(o["citation"] for o in claims)]).strip("; ")
    return result


def _real(row: dict, facts: dict[str, Fact], conds: list[LawCondition], general: list[LawCondition]) -> DeficiencyLaw:
    rp = row["real_property"]
    pending = None
    for bar in rp["bars"]:
        statuses, bar_conds = _evaluate(bar["when"], facts)
        if all(s == FOUND for s in statuses):
            outcome = "a deficiency judgment is likely barred"
            if set(bar["when"]) == {"power_of_sale"}:
                outcome += " if the lender sells under the power of sale (a non-judicial sale)"
                if rp["fair_value"]:
                    outcome += "; after a judicial foreclosure it is limited to the difference from fair value"
            if bar.get("uncertain"):
                outcome += " (the table marks this rule uncertain)"
            return DeficiencyLaw(jurisdiction=row["name"], rule=f"{bar['name']}: {bar['summary']}",
                                 citation=bar["citation"],
                                 outcome=outcome, conditions=_merge(conds + bar_conds, general))
        if pending is None and NOT_FOUND not in statuses:
            pending = (bar, bar_conds)
    if pending is not None:
        bar, bar_conds = pending
        return DeficiencyLaw(jurisdiction=row["name"], rule=f"{bar['name']}: {bar['summary']}",
                                 citation=bar["citation"],
                             outcome="depends on facts not in the document: " + _unknown_names(bar_conds),
                             conditions=_merge(conds + bar_conds, general))
    fv = rp["fair_value"]
    deadline = f" ({rp['deadline']['text']}, {rp['deadline']['citation']})" if rp["deadline"] else ""
    if fv:
        statuses, fv_conds = _evaluate(fv.get("when", {}), facts)
        if all(s == FOUND for s in statuses):
            return DeficiencyLaw(jurisdiction=row["name"], rule=fv["summary"], citation=fv["citation"],
                                 outcome="a deficiency judgment is allowed but limited to the difference from "
                                 "fair value" + deadline, conditions=_merge(conds + fv_conds, general))
        if NOT_FOUND not in statuses:
            return DeficiencyLaw(jurisdiction=row["name"], rule=fv["summary"], citation=fv["citation"],
                                 outcome="a deficiency judgment is allowed; whether it is limited to fair value "
                                 "depends on facts not in the document: " + _unknown_names(fv_conds),
                                 conditions=_merge(conds + fv_conds, general))
    return DeficiencyLaw(jurisdiction=row["name"], rule=rp["summary"], citation="; ".join(row["citations"]),
                         outcome="a deficiency judgment is allowed" + deadline, conditions=_merge(conds, general))


def _personal(where, row: dict | None, facts: dict[str, Fact], conds: list[LawCondition]) -> DeficiencyLaw:
    kind = facts["collateral"].value
    if facts["collateral"].status == UNKNOWN:
        return DeficiencyLaw(jurisdiction=where.name, rule=None, citation=None, conditions=conds,
                             outcome="depends on facts not in the document: what, if anything, secures the loan")
    if kind == "none":
        return DeficiencyLaw(jurisdiction=where.name, rule=None, citation=None, conditions=conds,
                             outcome="not applicable: the loan is unsecured, so there is no sale and no deficiency; "
                             "the lender may sue for the unpaid balance")
    ucc = load_table()["ucc_article_9"]
    pp = row["personal_property"] if row else None
    citation = pp["citation"] if pp else ucc["citation"]
    forfeit = facts["forfeiture_only"]
    conds = conds + [LawCondition(name="agreement limits the lender to the goods", status=forfeit.status,
                                  evidence=forfeit.evidence)]
    if forfeit.status == FOUND:
        rule = ucc["rule"] + f" The agreement itself confines the lender to the {kind}."
        return DeficiencyLaw(jurisdiction=where.name, rule=rule, citation=citation, conditions=conds,
                             outcome="no deficiency is owed under this agreement: giving up the "
                             f"{kind} ends the debt")
    outcome = ("a deficiency is allowed: the borrower owes what is left after a commercially reasonable sale of the "
               f"{kind}")
    rule = ucc["rule"]
    if pp and pp.get("consumer_limits"):
        outcome += "; consumer limits may apply"
        rule += " " + pp["consumer_limits"]
    if row is None:
        outcome += "; the state whose law applies is not in the document"
    return DeficiencyLaw(jurisdiction=where.name, rule=rule, citation=citation, outcome=outcome, conditions=conds)
