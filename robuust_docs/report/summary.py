""" "In het kort": the page an alderman reads when they read nothing else. Who the library is; the three to five
findings that matter most, each with its figure and what it means; what the library asks of the municipality,
with an indicative amount per year and what happens without it; its real strengths; and what the advisor should
check with the library first. Everything here comes from the findings stage; nothing is a fixed text.
"""

from __future__ import annotations

import dataclasses
import math

from robuust_docs import fmt, wording
from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.content import Content
from robuust_docs.findings import Ask, Finding, Findings
from robuust_docs.report.model import Bevinding, Bibliotheek, InHetKort, Voorstel
from robuust_docs.report.municipalities import population_share
from robuust_docs.status import Status

MAX_FINDINGS = 5
MAX_ASKS = 4
# "In het kort" fits on one page: an estimate in lines of body text (a heading counts two, a paragraph or bullet
# its characters over the characters of a line plus its spacing), trimmed to the page by leaving out the last
# strengths and then the last findings (which the chapters still give): first down to two strengths and three
# findings, then to no strengths, then to two findings. The asks and the checks always stay. The estimate is off
# by up to two lines either way (the 40 sample summaries against their PDFs: a page holds 47 lines there, and
# summaries estimated at 48,3 and 49,7 took 48 and 47), so the budget keeps that margin below the 50 the page
# would hold if the estimate were exact: one estimated at 48,3 spilled its checks onto the next page.
PAGE_LINES = 48
LINE_CHARS, BULLET_CHARS, SMALL_CHARS = 100, 92, 112
MIN_FINDINGS, MIN_STRENGTHS, LAST_FINDINGS = 3, 2, 2


def build_summary(
    lib: LibraryAnalysis, info: Bibliotheek, content: Content, findings: Findings, focus: str | None = None
) -> InHetKort:
    """The first page; with `focus` (a municipality code) the findings and asks of that municipality come first."""
    items = _decisive(findings.items, focus)
    asks = shown_asks(findings, focus)
    introduction = f"{_introduction(lib, info)} {verdict(lib, content)}".strip()
    kort = InHetKort(
        inleiding=(_focus_introduction(lib, focus), introduction) if focus else (introduction,),
        bevindingen=tuple(_finding(f, others, focus) for f, others in items),
        voorstellen=tuple(_ask(a, lib, focus) for a in asks),
        voorstellen_inleiding=_asks_introduction(asks, lib, bool(items)),
        sterk=tuple(_strength(s, lib, content) for s in findings.strengths),
        controle=tuple(f"{f.text} {f.consequence}".strip() for f in findings.items if f.check),
    )
    return fit_on_a_page(kort)


def fit_on_a_page(kort: InHetKort) -> InHetKort:
    """The summary without its last strengths, then its last findings, until its estimate fits on a page (or
    only the asks, the checks and the last two findings are left)."""
    for strengths, found in ((MIN_STRENGTHS, MIN_FINDINGS), (0, MIN_FINDINGS), (0, LAST_FINDINGS)):
        while estimated_lines(kort) > PAGE_LINES:
            if len(kort.sterk) > strengths:
                kort = dataclasses.replace(kort, sterk=kort.sterk[:-1])
            elif len(kort.bevindingen) > found:
                kort = dataclasses.replace(kort, bevindingen=kort.bevindingen[:-1])
            else:
                break
    return kort


def estimated_lines(kort: InHetKort) -> float:
    """The height of the summary in lines of body text, as the PDF and the Word template set it."""

    def lines(text: str, chars: int, spacing: float) -> float:
        return math.ceil(len(text) / chars) + spacing

    total = 3 + sum(lines(p, LINE_CHARS, 0.5) for p in kort.inleiding)
    if kort.bevindingen:
        total += 2 + sum(lines(f"{b.titel}. {b.tekst}", BULLET_CHARS, 0.3) for b in kort.bevindingen)
    total += 2 + lines(kort.voorstellen_inleiding, SMALL_CHARS, 0.5)
    for v in kort.voorstellen:
        total += lines(f"Voor {v.gemeente}: {v.tekst}", LINE_CHARS, 0)
        total += lines(f"Kosten: {v.bedrag}. {v.verdeling} {v.zonder}", LINE_CHARS, 0.5)
    for part in (kort.sterk, kort.controle):
        if part:
            total += 2 + sum(lines(t, BULLET_CHARS, 0.3) for t in part)
    return total


def _asks_introduction(asks: list[Ask], lib: LibraryAnalysis, findings: bool) -> str:
    if not asks:
        if lib.modules and all(m.status is Status.ROBUST for m in lib.modules):
            return (
                "Uit de cijfers volgt geen vraag om extra geld: met de huidige subsidie haalt de bibliotheek de "
                "normen van haar categorie. Dat blijft zo als de subsidie meegroeit met lonen en prijzen; een "
                "gelijk bedrag is elk jaar minder waard."
            )
        text = "Uit de cijfers volgt geen voorstel met een bedrag"
        return f"{text}: wat hierboven opvalt, is een onderwerp voor het gesprek." if findings else f"{text}."
    text = (
        "De bedragen zijn een indicatie per jaar, berekend met de aannames in de bijlage; daar staat ook hoe elk "
        "bedrag is berekend."
    )
    wide = next((a for a in asks if a.covers_others), None)
    others = [a for a in asks if a is not wide]
    if wide is not None and others and wide.exact >= sum(a.exact for a in others):
        text += (
            " Met de subsidie op de norm kan de bibliotheek ook de andere voorstellen betalen: tel de bedragen dus "
            "niet op."
        )
    return text


def _finding(finding: Finding, others: list[Finding], focus: str | None) -> Bevinding:
    """One finding with its figure and meaning; other municipalities where the same rule holds are named after it
    (in a report for one municipality they are left to the findings chapter)."""
    also = [o.municipality_name for o in others] if focus is None else []
    text = f"{finding.text} {finding.consequence}".strip()
    if also:
        text += f" Hetzelfde geldt voor {fmt.join(also)}."
    return Bevinding(finding.title, text, finding.severity, finding.municipality_name)


def shown_cases(
    items: tuple[Finding, ...], focus: str | None, shown: int = MAX_FINDINGS
) -> set[tuple[str, str | None]]:
    """(rule, municipality) of every finding "In het kort" names (its first `shown`), also those it names after
    "Hetzelfde geldt"."""
    return {(f.rule, f.municipality) for first, others in _decisive(items, focus)[:shown] for f in (first, *others)}


def _decisive(items: tuple[Finding, ...], focus: str | None) -> list[tuple[Finding, list[Finding]]]:
    """The most severe findings, one per rule (its weightiest case, the focus municipality's first), each with the
    other municipalities' cases of that rule."""
    chosen: dict[str, tuple[Finding, list[Finding]]] = {}
    ranked = sorted(
        items,
        key=lambda f: (
            focus is not None and f.municipality not in (None, focus),
            focus is not None and f.municipality != focus,
        ),
    )
    for finding in ranked:
        if finding.check or (focus is not None and finding.municipality not in (None, focus)):
            continue  # another municipality's finding belongs in its own guide
        if finding.rule in chosen:
            chosen[finding.rule][1].append(finding)
        else:
            chosen[finding.rule] = (finding, [])
    return list(chosen.values())[:MAX_FINDINGS]


def _introduction(lib: LibraryAnalysis, info: Bibliotheek) -> str:
    """'Bibliotheek X is een compacte bibliotheek voor 25.194 inwoners in drie gemeenten: A, B en C, met drie
    locaties, waarvan twee volwaardige vestigingen.'"""
    locations, full = lib.access.count, lib.access.full_count
    where = (
        f"de gemeente {info.gemeenten}"
        if len(lib.municipalities) == 1
        else f"{wording.in_words(len(lib.municipalities))} gemeenten: {info.gemeenten}"
    )

    def n(k: int, singular: str, plural: str) -> str:
        return wording.count(k, singular, plural, words=True)

    if full and full < locations:
        full_ones = n(full, "volwaardige vestiging", "volwaardige vestigingen")
        branches = f"{n(locations, 'locatie', 'locaties')}, waarvan {full_ones}"
    elif full:
        branches = n(full, "volwaardige vestiging", "volwaardige vestigingen")
    elif locations == 1:
        branches = "één locatie, die geen volwaardige vestiging is"
    else:
        branches = f"{n(locations, 'locatie', 'locaties')}, waarvan geen enkele een volwaardige vestiging is"
    return (
        f"{info.naam} is een {info.categorie.lower()} voor {info.inwoners} inwoners in {where}, met "
        f"{branches}. Deze handreiking zet de cijfers over {info.jaar} naast de normen voor deze categorie en "
        f"naast {info.vergelijking}."
    )


# What a building block of each status is, worst first (the order of the verdict's clauses).
_IS = {
    Status.WEAK: "kwetsbaar",
    Status.ATTENTION: "een aandachtspunt",
    Status.ROBUST: "robuust",
    Status.NO_DATA: "zonder gegevens",
}


def verdict(lib: LibraryAnalysis, content: Content) -> str:
    """The building blocks' statuses in one sentence, so the first page says how the library stands before the
    findings: 'Van de vijf bouwstenen zijn er twee kwetsbaar (Financiën, Bereik en gebruik), is er één een
    aandachtspunt (Personeel) en zijn er twee robuust (…).' (the count keeps names with 'en' apart); '' without
    building blocks."""
    names = {m.id: m.naam for m in content.modules}
    modules = [(names.get(m.module, m.module), m.status) for m in lib.modules]
    if not modules:
        return ""
    total = wording.in_words(len(modules))
    statuses = {status for _, status in modules}
    if len(statuses) == 1:
        status = next(iter(statuses))
        if len(modules) == 1:
            return f"De bouwsteen {modules[0][0]} is {_IS[status]}."
        return f"Alle {total} bouwstenen zijn {_IS[status]}."
    clauses = []
    for status, predicate in _IS.items():
        named = [name for name, s in modules if s is status]
        if named:
            verb = wording.agree(len(named), "is", "zijn")
            clauses.append(f"{verb} er {wording.in_words(len(named))} {predicate} ({', '.join(named)})")
    return f"Van de {total} bouwstenen {', '.join(clauses[:-1])} en {clauses[-1]}."


def shown_asks(findings: Findings, focus: str | None) -> list[Ask]:
    """The asks "In het kort" makes (the appendix works out exactly these): the weightiest first."""
    return [a for a in findings.asks if _concerns(a, focus)][:MAX_ASKS]


def _concerns(ask: Ask, focus: str | None) -> bool:
    """Whether an ask belongs in the guide: all of them for the library; for one municipality its own asks and
    the library's asks in which it has a share."""
    if focus is None or ask.municipality == focus:
        return True
    return ask.municipality is None and (not ask.shares or any(s.code == focus for s in ask.shares))


def _ask(ask: Ask, lib: LibraryAnalysis, focus: str | None = None) -> Voorstel:
    who = ask.municipality_name or ("de gemeente" if len(lib.municipalities) == 1 else "alle gemeenten")
    amount = f"ongeveer {indicative_amount(ask.amount)} per jaar"
    share = next((s for s in ask.shares if s.code == focus), None) if focus else None
    if share is not None:
        # the municipality's own part first; the whole and every other part below, the same in every guide
        who = share.name
        whole = indicative_amount(ask.amount)
        amount = f"ongeveer {indicative_amount(share.amount)} per jaar, van {whole} voor alle gemeenten samen"
    parts = [f"{s.name} {fmt.money(s.amount, 0)}" for s in ask.shares]
    split = {"eigen": "naar hun eigen cijfers", "inwoners": "naar inwoners verdeeld"}.get(ask.split, "")
    spread = f"Per gemeente ({split}): {fmt.join(parts)}." if len(parts) > 1 else ""
    return Voorstel(who, ask.text, amount, spread, ask.without)


def _focus_introduction(lib: LibraryAnalysis, focus: str) -> str:
    """'Deze handreiking is voor het gesprek met de gemeente Wâldsicht (24.310 inwoners, 29% van het werkgebied).'"""
    m = next(x for x in lib.municipalities if x.code == focus)
    v = m.variables
    others = len(lib.municipalities) - 1
    return (
        f"Deze handreiking is voor het gesprek met de gemeente {m.name} ({fmt.number(v['inwoners'])} inwoners, "
        f"{population_share(lib, m)} van het werkgebied). {lib.name} werkt ook voor "
        f"{wording.count(others, 'andere gemeente', 'andere gemeenten', words=True)}; elke gemeente krijgt haar "
        "eigen handreiking, met dezelfde vergelijking van alle gemeenten."
    )


def indicative_amount(amount: float) -> str:
    """'€ 597.000'; from a million: '€ 1,74 miljoen'."""
    if abs(amount) >= 1_000_000:
        return f"€ {fmt.number(amount / 1_000_000, 2)} miljoen"
    return fmt.money(amount, 0)


def _strength(strength, lib: LibraryAnalysis, content: Content) -> str:
    """'Uitleningen per inwoner: 5,26 (norm 2,60; vergelijkbare bibliotheken 2,33).'"""
    ind = next(i for i in content.indicators if i.id == strength.indicator)

    def shown(value: float) -> str:
        return fmt.by_unit(value, ind.eenheid, ind.decimalen)

    median = f"; vergelijkbare bibliotheken {shown(strength.median)}" if strength.median is not None else ""
    return f"{ind.naam}: {shown(strength.value)} (norm {shown(strength.norm)}{median})."
