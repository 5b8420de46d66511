"""One generated document: a seeded context (who, what, where), then title, opening, sections, signature."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import fillers, vocab
from .grammar import render
from .lists import carve_list, trigger_list, xref

REGISTERS = ("institutional", "municipal", "consumer_you", "consumer_i")


@dataclass(frozen=True)
class Family:
    """A recourse construction: its wording as templates, and the label the labeling guide gives it."""

    name: str
    label: str
    why: str                       # the labeling-guide rule that decides, in a line
    # the sentences that carry the construction: a template, or (template, registers it is written for)
    constructions: list[str | tuple[str, tuple[str, ...]]]
    registers: tuple[str, ...] = ("institutional",)
    headings: list[str] = field(default_factory=lambda: [""])   # "" = merged into another section
    titles: list[str] | None = None        # override of the register's titles
    openings: list[str] | None = None      # override of the register's opening paragraph
    extra: list[tuple[str, str]] = field(default_factory=list)  # sections every document of the family has
    trailers: list[str] = field(default_factory=list)           # text after the signature (allonge...)
    co_signer: bool = False                # a second signer joins the obligor
    conduit: bool = False                  # a public issuer lends to the obligor
    fixed: dict[str, str] = field(default_factory=dict)         # context values the family pins (a state)
    roles: list[tuple[str, str]] | None = None         # (defined term, article) of the obligor, if not the default
    lender_roles: list[tuple[str, str]] | None = None  # the same for the lender


@dataclass
class Generated:
    family: str
    label: str
    text: str
    construction: str
    seed: str
    variant: int = -1          # index of the construction template in the family (-1: none, title only)
    register: str = ""         # institutional, municipal, consumer_you or consumer_i


TITLES = {
    "institutional": ["PROMISSORY NOTE", "SECURED PROMISSORY NOTE", "LOAN AGREEMENT", "TERM NOTE",
                      "MORTGAGE NOTE", "DEED OF TRUST NOTE", "CREDIT AGREEMENT", "PURCHASE MONEY NOTE"],
    "municipal": ["TAX INCREMENT REVENUE NOTE", "DEVELOPMENT REVENUE NOTE", "SPECIAL REVENUE NOTE",
                  "LIMITED TAX REVENUE NOTE, SERIES 2025", "SUBORDINATE REVENUE NOTE"],
    "consumer_you": ["RETAIL INSTALLMENT SALE CONTRACT", "PERSONAL LOAN AGREEMENT", "LOAN AGREEMENT",
                     "CONSUMER CREDIT CONTRACT", "HOME LOAN AGREEMENT"],
    "consumer_i": ["NOTE", "FIXED RATE NOTE", "HOME EQUITY NOTE", "ADJUSTABLE RATE NOTE", "LOAN NOTE"],
}
OPENINGS = {
    "institutional": [
        "FOR VALUE RECEIVED, {party_full} ({obl_def}) promises to pay to the order of {lender_full} "
        "({lend_def}) the principal sum of {amount}, together with interest on the unpaid balance as provided "
        "[below|in this Note].",
        "{party_full} ({obl_def}), for value received, [hereby ]promises to pay to {lender_full} ({lend_def}), "
        "or order, {amount}, with interest[ at the rate stated below].",
        "This [Loan Agreement|Agreement] is made as of {date} between {party_full} ({obl_def}) and "
        "{lender_full} ({lend_def}). {Lend} agrees to lend {amount} to {obj}, and {subj} agrees to repay "
        "that sum with interest on the terms below.",
    ],
    "municipal": [
        "{party_full} ({obl_def}), for value received, promises to pay to {lender_full} ({lend_def}), or "
        "registered assigns, the principal amount of {amount}, with interest, in the manner and from the "
        "sources described below.",
        "KNOW ALL PERSONS BY THESE PRESENTS that {party_full} ({obl_def}) acknowledges itself indebted and, "
        "for value received, promises to pay to {lender_full} ({lend_def}) the sum of {amount}, with "
        "interest, as provided in this Note.",
    ],
    "consumer_you": [
        "In this contract, \"you\" and \"your\" mean each buyer or borrower who signs it, and \"we\", \"us\" "
        "and \"our\" mean {lender_full} and anyone to whom it transfers this contract. You promise to pay us "
        "{amount}, plus the finance charge, on the schedule shown below.",
        "You, the borrower named below, agree to repay the amount financed of {amount}, plus interest, to "
        "{lender_full} (\"we\" or \"us\").",
    ],
    "consumer_i": [
        "I received a loan of {amount} from {lender_full} ({lend_def}). I agree to repay it, with interest, "
        "on the terms of this Note.",
        "For a loan of {amount} that I have received from {lender_full} ({lend_def}), I promise to pay that "
        "amount, plus interest, to {lend_obj} or to anyone who takes this Note by transfer.",
    ],
}
HEADING_STYLES = ["Section {n}. {h}.\n{body}", "{n}. {h}. {body}", "{H}\n\n{body}", "Section {n}  {h}\n\n{body}"]


def _obligor(rng: random.Random, fam: Family, register: str) -> dict[str, str]:
    """Who owes: a role, a short name defined in the parties line, or a consumer pronoun."""
    if register == "consumer_you":
        return dict(subj="you", obj="you", poss="your", be="are", have="have", s="", does="do",
                    party_full="the customer named below", obl_def='"you"', lend="we", lend_obj="us",
                    lend_poss="our", lbe="are", ls="", lhave="have",
                    lender_full=rng.choice(vocab.LENDER_NAMES), lend_def='"we"')
    if register == "consumer_i":
        lrole = rng.choice(["Lender", "the Lender", "the Note Holder", "Lender"])
        return dict(subj="I", obj="me", poss="my", be="am", have="have", s="", does="do", party_full="I",
                    obl_def='"I"', lend=lrole, lend_obj=lrole, lend_poss=lrole + "'s", lbe="is", ls="s",
                    lhave="has", lender_full=rng.choice(vocab.LENDER_NAMES),
                    lend_def=f'"{lrole.removeprefix("the ")}"')
    legal, short = rng.choice(vocab.PARTY_NAMES)
    if register == "municipal":
        role, art = rng.choice(vocab.MUNICIPAL_ROLES)
        if role not in ("Developer", "Company"):      # a developer's note in a public financing keeps its name
            legal = rng.choice(vocab.MUNICIPAL_NAMES)
    elif fam.roles:
        role, art = rng.choice(fam.roles)
    elif rng.random() < 0.15:
        role, art = short, ""
    else:
        role, art = rng.choice(vocab.INSTITUTIONAL_ROLES)
    if fam.co_signer:
        legal = f"{legal}, and {rng.choice(vocab.SECOND_SIGNERS)}"
        obl_def = f'individually and collectively, {art}"{role}"'
    else:
        obl_def = f'{art}"{role}"'
    if fam.conduit:
        lrole, lart = rng.choice(vocab.CONDUIT_ISSUERS)
        lender_full = rng.choice(vocab.MUNICIPAL_NAMES)
    else:
        lrole, lart = rng.choice(fam.lender_roles or vocab.LENDER_ROLES)
        lender_full = rng.choice(vocab.LENDER_NAMES)
    subj = art + role
    lend = lart + lrole
    return dict(subj=subj, obj=subj, poss=subj + "'s", be="is", have="has", s="s", does="does", party_full=legal,
                obl_def=obl_def, lend=lend, lend_obj=lend, lend_poss=lend + "'s", lbe="is", ls="s", lhave="has",
                lender_full=lender_full, lend_def=f'{lart}"{lrole}"')


def context(rng: random.Random, fam: Family, register: str) -> dict:
    """Everything a template may name, drawn once per document (lists and cross-references per use)."""
    ctx: dict = _obligor(rng, fam, register)
    ctx.update(
        asset=rng.choice(vocab.ASSETS), rev=rng.choice(vocab.REVENUES), home=rng.choice(vocab.HOMES),
        vehicle=rng.choice(vocab.VEHICLES), goods=rng.choice(vocab.GOODS), debt=rng.choice(vocab.DEBT),
        state=rng.choice(vocab.STATES), date=rng.choice(vocab.DATES), cap=rng.choice(vocab.CAPS),
        amount=rng.choice(vocab.CONSUMER_AMOUNTS if register.startswith("consumer") else vocab.AMOUNTS),
        payments=rng.choice(vocab.CONDUIT_PAYMENTS), shall="[shall|will]",
        carveouts=carve_list, triggers=trigger_list, xref=xref,
        lead=rng.choice(vocab.CARVE_LEADS),
    )
    ctx.update(fam.fixed)
    return ctx


def template_of(construction: str | tuple[str, tuple[str, ...]]) -> str:
    return construction if isinstance(construction, str) else construction[0]


def _section(rng: random.Random, style: str, n: int, heading: str, body: str) -> str:
    if not heading:
        return body
    return style.format(n=n, h=heading, H=heading.upper(), body=body)


def generate_one(fam: Family, seed: str) -> Generated:
    """One document of a family; the same seed always gives the same text."""
    rng = random.Random(seed)
    register = rng.choice(fam.registers)
    ctx = context(rng, fam, register)
    pool = {"institutional": fillers.INSTITUTIONAL, "municipal": fillers.MUNICIPAL}.get(
        register, fillers.CONSUMER)
    chosen = rng.sample(pool, rng.randint(2, min(5, len(pool))))
    eligible = [k for k, c in enumerate(fam.constructions) if isinstance(c, str) or register in c[1]]
    variant = rng.choice(eligible) if eligible else -1
    construction = render(template_of(fam.constructions[variant]), ctx, rng) if eligible else ""
    sections: list[tuple[str, str]] = [(h, render(t, ctx, rng)) for h, t in chosen]
    sections += [(h, render(t, ctx, rng)) for h, t in fam.extra]
    rng.shuffle(sections)
    if construction:
        heading = render(rng.choice(fam.headings), ctx, rng)
        at = rng.randint(0, len(sections))
        if heading or not sections:
            sections.insert(at, (heading or "Payment Terms", construction))
        else:       # merged: the construction closes another section's paragraph
            h, body = sections[min(at, len(sections) - 1)]
            sections[min(at, len(sections) - 1)] = (h, body + " " + construction)
    gov = fillers.CONSUMER_GOVERNING if register.startswith("consumer") else fillers.GOVERNING
    sections.append(("Governing Law", render(rng.choice(gov), ctx, rng)))
    style = rng.choice(HEADING_STYLES)
    title = render(rng.choice(fam.titles or TITLES[register]), ctx, rng)
    opening = render(rng.choice(fam.openings or OPENINGS[register]), ctx, rng)
    head = [title]
    if fam.titles is None and rng.random() < 0.5:   # a title-only family keeps its title just before the promise
        head.append(f"{ctx['amount']}\n\n{ctx['date']}")
    body = [_section(rng, style, k + 1, h, b) for k, (h, b) in enumerate(sections)]
    sign = _signature(rng, register, ctx)
    trailer = [render(rng.choice(fam.trailers), ctx, rng)] if fam.trailers else []
    text = "\n\n".join(head + [opening] + body + [sign] + trailer) + "\n"
    return Generated(fam.name, fam.label, text, construction or title, seed, variant, register)


def _signature(rng: random.Random, register: str, ctx: dict) -> str:
    if register.startswith("consumer"):
        return "Signature of borrower: ______________________   Date: ____________"
    name = ctx["party_full"].split(",")[0]
    return f"{ctx['subj'].removeprefix('the ').upper()}:\n\n{name}\n\nBy: ______________________\nName:\nTitle:"
