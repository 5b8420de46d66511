"""The deficiency-law table and overlay: completeness, well-known states against their statutes, fact reading,
the California-versus-Texas acceptance point, and the `--law` option."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyzer.api import analyze
from analyzer.cli import app
from analyzer.law import deficiency_law, describe, load_table, lookup
from analyzer.law.facts import FOUND, NOT_FOUND, UNKNOWN, read_facts

CONSUMER = Path(__file__).resolve().parents[1] / "samples" / "consumer"
STATES = ("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH "
          "OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY").split()
CITATION = re.compile(r"\d")  # every citation names a section, rule or reporter page


def _bar(code: str, citation_part: str) -> dict:
    row = lookup(code)
    found = [b for b in row["real_property"]["bars"] if citation_part in b["citation"]]
    assert found, f"{code}: no bar citing {citation_part}"
    return found[0]


# ------------------------------------------------------------------------------------------------ the table
def test_table_covers_50_states_dc_and_federal_overlays() -> None:
    table = load_table()
    codes = [r["code"] for r in table["jurisdictions"]]
    assert len(STATES) == 50
    assert sorted(codes) == sorted([*STATES, "DC"])
    assert {o["code"] for o in table["federal"]} == {"HECM", "VA", "FHA", "SBA"}


@pytest.mark.parametrize("row", load_table()["jurisdictions"] + load_table()["federal"], ids=lambda r: r["code"])
def test_every_row_is_cited_and_dated(row: dict) -> None:
    assert row["reviewed"] == "2026-12-07"
    assert row["citations"] and all(CITATION.search(c) for c in row["citations"])
    if row["kind"] == "federal":
        assert CITATION.search(row["citation"])
        return
    rp = row["real_property"]
    for rule in rp["bars"] + [x for x in (rp["fair_value"], rp["one_action"], rp["deadline"]) if x]:
        assert CITATION.search(rule["citation"]), rule  # no rule without its citation
    assert CITATION.search(row["personal_property"]["citation"]) or "UCC" in row["personal_property"]["citation"]


def test_california_purchase_money_and_trustee_sale_bars() -> None:
    pm = _bar("CA", "580b(a)(3)")
    assert pm["when"] == {"purchase_money": True, "dwelling": True, "owner_occupied": True, "max_units": 4}
    assert _bar("CA", "580b(a)(2)")["when"] == {"seller_financed": True, "purchase_money": True}
    assert _bar("CA", "580d")["when"] == {"power_of_sale": True}
    assert "726" in lookup("CA")["real_property"]["one_action"]["citation"]


def test_arizona_small_dwelling_rule() -> None:
    small = {"dwelling": True, "max_units": 2, "max_acres": 2.5}
    assert _bar("AZ", "33-814(G)")["when"] == {"power_of_sale": True, **small}
    assert _bar("AZ", "33-729(A)")["when"] == {"purchase_money": True, **small}
    assert lookup("AZ")["real_property"]["deadline"]["citation"] == "A.R.S. 33-814(A)"


@pytest.mark.parametrize("code,citation", [("WA", "RCW 61.24.100"), ("OR", "ORS 86.797"), ("MN", "582.30"),
                                           ("AK", "34.20.100")])
def test_no_deficiency_after_a_trustees_sale(code: str, citation: str) -> None:
    assert _bar(code, citation)["when"].get("power_of_sale") is True


def test_nevada_fair_value_and_institutional_purchase_money_bar() -> None:
    nv = lookup("NV")["real_property"]
    assert nv["fair_value"]["citation"] == "NRS 40.459"
    assert nv["deadline"]["citation"] == "NRS 40.455(1)"
    assert _bar("NV", "40.455(3)")["when"]["institutional_lender"] is True


def test_north_carolina_seller_financed_purchase_money() -> None:
    assert _bar("NC", "45-21.38")["when"] == {"seller_financed": True, "purchase_money": True}


def test_texas_fair_value_two_years_and_home_equity() -> None:
    tx = lookup("TX")["real_property"]
    assert "51.003" in tx["fair_value"]["citation"] and tx["deadline"]["citation"] == "Tex. Prop. Code 51.003(a)"
    assert _bar("TX", "50(a)(6)(C)")["when"] == {"home_equity_50a6": True}


def test_new_york_and_florida() -> None:
    ny, fl = lookup("NY")["real_property"], lookup("FL")["real_property"]
    assert ny["foreclosure"] == "judicial" and not ny["bars"]
    assert "RPAPL 1371" in ny["fair_value"]["citation"] and "90 days" in ny["deadline"]["text"]
    assert fl["fair_value"]["citation"] == "Fla. Stat. 702.06" and fl["fair_value"]["when"]["owner_occupied"]
    assert fl["deadline"]["citation"] == "Fla. Stat. 95.11(5)(h)"


def test_hecm_overlay_bars_deficiency() -> None:
    hecm = lookup("hecm")
    assert hecm["effect"] == "barred" and "206.27" in hecm["citation"]


# ------------------------------------------------------------------------------------------------ facts
HOME = ("The Borrower used this loan to pay part of the purchase price of the Property, a single-family residence. "
        "Borrower shall occupy the Property as Borrower's principal residence. Trustor grants to Trustee, in trust, "
        "with power of sale, the real property located in the County of Marin, State of California. "
        "This Deed of Trust is a first lien on the Property.")


def test_facts_found_with_their_evidence() -> None:
    f = read_facts(HOME)
    assert f["collateral"].value == "real property"
    for key in ("purchase_money", "owner_occupied", "dwelling", "power_of_sale"):
        assert f[key].status == FOUND and f[key].evidence, key
    assert "principal residence" in f["owner_occupied"].evidence
    assert f["units"].value == 1 and f["lien_position"].value == "first"


def test_facts_not_found_and_unknown() -> None:
    f = read_facts("The Borrower will not occupy the Property; it is investment property. The real property is "
                   "vacant land in the State of Ohio.")
    assert f["owner_occupied"].status == NOT_FOUND and f["dwelling"].status == NOT_FOUND
    assert f["purchase_money"].status == UNKNOWN and f["purchase_money"].evidence is None


@pytest.mark.parametrize("text,kind", [
    ("You give us a security interest in the vehicle. If you default we may repossess it.", "vehicle"),
    ("Pawn ticket: the pledged goods are forfeited if not redeemed.", "pledged goods"),
    ("This account is unsecured.", "none"),
])
def test_collateral_kind(text: str, kind: str) -> None:
    assert read_facts(text)["collateral"].value == kind


# ------------------------------------------------------------------------------------------------ outcomes
def test_unknown_occupancy_is_reported_as_such() -> None:
    law = deficiency_law(HOME.replace("Borrower shall occupy the Property as Borrower's principal residence. ", "")
                         .replace(" with power of sale,", ""))
    assert law.outcome == "depends on facts not in the document: owner occupancy"
    assert law.citation == "Cal. Code Civ. Proc. 580b(a)(3)"


def test_arizona_small_dwelling_needs_acreage() -> None:
    text = ("Trustor grants to Trustee, with power of sale, the real property located in Maricopa County, State of "
            "Arizona, a single-family residence on {} acres.")
    assert deficiency_law(text.format("0.3")).citation == "A.R.S. 33-814(G)"
    assert deficiency_law(text.format("40")).citation != "A.R.S. 33-814(G)"


def test_pawn_and_unsecured_outcomes() -> None:
    pawn = deficiency_law("Pawn ticket. You are not obligated to redeem the pledged goods. This agreement is "
                          "governed by the laws of the State of Texas.")
    assert pawn.jurisdiction == "Texas" and pawn.outcome.startswith("no deficiency is owed")
    card = deficiency_law("Your account is unsecured. This agreement is governed by the laws of the State of Utah.")
    assert card.outcome.startswith("not applicable") and card.rule is None


def test_california_versus_texas_acceptance_point() -> None:
    """The CA purchase-money home note is recourse with a likely barred deficiency; the same note in Texas is not."""
    ca = analyze(str(CONSUMER / "recourse_california_purchase_money_note.pdf"))
    tx = analyze(str(CONSUMER / "recourse_texas_purchase_money_note.pdf"))
    assert ca.label.value == tx.label.value == "recourse"  # the overlay never changes the label
    law = ca.deficiency_law
    assert law.jurisdiction == "California" and law.outcome == "a deficiency judgment is likely barred"
    assert law.citation == "Cal. Code Civ. Proc. 580b(a)(3)"
    shown = {c.name.split(" (")[0]: c for c in law.conditions}
    for name in ("purchase money", "dwelling", "owner occupancy", "number of units at most 4"):
        assert shown[name].status == "found" and shown[name].evidence, name
    assert "purchase price" in shown["purchase money"].evidence
    assert "not legal advice" in law.note.lower()
    other = tx.deficiency_law
    assert other.jurisdiction == "Texas" and "barred" not in other.outcome
    assert "fair value" in other.outcome and "51.003" in other.citation


def test_overlay_in_json_record() -> None:
    record = analyze(str(CONSUMER / "recourse_seller_financed_note.txt")).model_dump(mode="json")
    assert record["deficiency_law"]["citation"] == "N.C. Gen. Stat. 45-21.38"


# ------------------------------------------------------------------------------------------------ CLI
def test_cli_law_prints_one_entry() -> None:
    result = CliRunner().invoke(app, ["--law", "CA"])
    assert result.exit_code == 0
    assert result.stdout.startswith("California (CA), reviewed 2026-12-07")
    assert "580b(a)(3)" in result.stdout and "Not legal advice" in result.stdout
    assert result.stdout == describe("ca")


def test_cli_law_unknown_code_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["--law", "ZZ"])
    assert result.exit_code == 2 and "no deficiency-law entry for 'ZZ'" in result.stderr


def test_federal_claim_is_named_beside_the_state_rule() -> None:
    text = HOME + " This loan is guaranteed by the Department of Veterans Affairs under 38 U.S.C. chapter 37."
    law = deficiency_law(text)
    assert law.outcome.startswith("a deficiency judgment is likely barred; but VA: ")
    assert "580b(a)(3)" in law.citation and "Shimer" in law.citation


def test_proprietary_reverse_mortgage_is_not_treated_as_hecm() -> None:
    hecm = deficiency_law(HOME + " This is a Home Equity Conversion Mortgage insured by the Secretary.")
    assert hecm.citation.startswith("24 CFR 206.27")
    private = deficiency_law(HOME + " This is a proprietary reverse mortgage not insured by any agency.")
    assert "206.27" not in (private.citation or "")


def test_text_whose_lower_case_changes_length_still_reads() -> None:
    # 'İ' lower-cases to two characters, so offsets would shift; the reader must fall back, not misquote
    text = "İstanbul Holdings. " + HOME
    f = read_facts(text)
    assert f["owner_occupied"].status == FOUND and "principal residence" in f["owner_occupied"].evidence
    assert deficiency_law(text).citation == "Cal. Code Civ. Proc. 580b(a)(3)"


@pytest.mark.parametrize("key", ["ca", "California", " new  york ", "hecm"])
def test_lookup_by_code_or_name(key: str) -> None:
    assert lookup(key) is not None


def test_virginia_is_a_state_and_the_va_overlay_has_its_own_key() -> None:
    """'VA' once returned the federal overlay, which has no real-property rules, and crashed the analysis."""
    assert lookup("VA")["name"] == "Virginia" and "real_property" in lookup("VA")
    assert lookup("federal VA")["code"] == "VA" and lookup("federal VA") is not lookup("VA")


def test_a_virginia_deed_of_trust_note_is_analyzed() -> None:
    from analyzer import analyze

    text = ("FOR VALUE RECEIVED, the undersigned promises to pay Lender $100,000. This Note is secured by a deed of "
            "trust on real property located in the Commonwealth of Virginia. This Note is governed by the laws of "
            "the Commonwealth of Virginia.")
    result = analyze(text)
    assert result.label.value == "recourse" and result.deficiency_law is not None
