"""The appendix of a handreiking: how the statuses are decided, how every amount was computed (in words, with the
figures, and the cost assumptions with their sources), the indicators with their definitions and norms in words,
the chosen practices in full, the sources and the colophon."""

from __future__ import annotations

import ast
import datetime as _dt
from dataclasses import dataclass

from robuust_docs import fmt, wording
from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.content import Content, CostAssumption, Indicator
from robuust_docs.content.variables import COST_PREFIX
from robuust_docs.findings import Findings
from robuust_docs.report.model import Berekening, Bijlage, Definitie, Kostenaanname
from robuust_docs.report.norms import norm_text, weak_text
from robuust_docs.report.summary import indicative_amount

TITLE = "Handreiking voor het gesprek met de gemeente"
INDICATIVE_FROM = 8  # with fewer peers the comparison with the median is called indicative
_OPERATOR_WORDS = {ast.Add: "plus", ast.Sub: "min", ast.Mult: "maal", ast.Div: "gedeeld door"}
_COST_KINDS = {"bron": "uit bron", "afgeleid": "afgeleid", "aanname": "aanname"}


@dataclass(frozen=True)
class ReportSettings:
    """What a report needs beyond one library: the date, the dataset's description and the version."""

    today: _dt.date
    dataset_note: str
    version: str


def _per_unit(unit: str) -> str:
    """'euro per fte per jaar' → 'per fte per jaar': the amount already carries the euro sign."""
    return unit.removeprefix("euro").strip() or unit


def comparison(lib: LibraryAnalysis) -> str:
    """'de mediaan van de 11 andere compacte bibliotheken', called indicative when there are fewer than eight."""
    category = lib.category.naam.lower().replace("bibliotheek", "bibliotheken")
    if lib.peers == 0:
        return f"geen andere {category}: er is geen mediaan om mee te vergelijken"
    if lib.peers == 1:
        return f"die van de enige andere {lib.category.naam.lower()} (een indicatie, geen maatstaf)"
    text = f"de mediaan van de {wording.in_words(lib.peers)} andere {category}"
    return text + (" (met zo weinig bibliotheken is dat een indicatie)" if lib.peers < INDICATIVE_FROM else "")


def build_appendix(
    lib: LibraryAnalysis,
    content: Content,
    findings: Findings,
    settings: ReportSettings,
    asks,
) -> Bijlage:
    costs = tuple(
        Kostenaanname(
            c.naam,
            f"{fmt.money(c.bedrag, 2 if c.bedrag < 100 else 0)} {_per_unit(c.eenheid)}"
            + (f" ({c.jaar})" if c.jaar else ""),
            _COST_KINDS.get(c.soort, c.soort),
            c.bron,
            c.toelichting.strip(),  # how a derived amount is worked out: under the table, at full width
        )
        for c in costs_used(content, asks)
    )
    return Bijlage(
        werkwijze=_method(lib, content, bool(asks)),
        berekeningen=tuple(_calculation(ask) for ask in asks),
        kosten=costs,
        kosten_uitleg=tuple(c for c in costs if c.toelichting),
        definities=tuple(_definition(lib, ind, content) for ind in content.indicators if _applies(lib, ind)),
        bronnen=tuple(
            sorted({i.bron for i in content.indicators if i.bron} | {f.bron for f in content.impact if f.bron})
        ),
        colofon=(
            f"Handreiking van {lib.name}, gemaakt op {fmt.date(settings.today)} met robuust-docs {settings.version}.",
            f"Cijfers over {lib.rows.record['jaar']}. {settings.dataset_note}",
        ),
    )


def costs_used(content: Content, asks) -> tuple[CostAssumption, ...]:
    """The cost assumptions the asks' amounts use, in the order of kosten.yaml: those in a proposal's amount or
    facts (`kosten.<id>`), and those they are derived from (`afgeleid_uit`), so every amount in the document can
    be recomputed from the table and no assumption stands there that none of its amounts needs."""
    proposals = {r.id: r.proposal for r in content.findings if r.proposal is not None}
    wanted: set[str] = set()
    for ask in asks:
        proposal = proposals.get(ask.finding)
        if proposal is None:
            continue
        for formula in (proposal.amount, *(f.formula for f in proposal.facts)):
            wanted |= {n.removeprefix(f"{COST_PREFIX}.") for n in formula.names if n.startswith(f"{COST_PREFIX}.")}
    by_id = {c.id: c for c in content.costs}
    todo = list(wanted)
    while todo:
        cost = by_id.get(todo.pop())
        for source in cost.afgeleid_uit if cost else ():
            if source not in wanted:
                wanted.add(source)
                todo.append(source)
    return tuple(c for c in content.costs if c.id in wanted)


def _applies(lib: LibraryAnalysis, ind: Indicator) -> bool:
    return any(r.indicator == ind.id and r.applicable for m in lib.modules for r in m.indicators)


def _method(lib: LibraryAnalysis, content: Content, asks: bool) -> tuple[str, ...]:
    rule = lib.category
    size = (
        f"minder dan {fmt.number(rule.tot)}"
        if rule.van == 0
        else f"{fmt.number(rule.van)} of meer"
        if rule.tot is None
        else f"{fmt.number(rule.van)} tot {fmt.number(rule.tot)}"
    )
    critical = [i.naam.lower() for i in content.indicators if i.kritiek]
    knockouts = (
        f" Sommige cijfers wegen zwaarder: is {fmt.join(critical)} kwetsbaar, of geldt een kritieke "
        "bevinding (zoals geen volwaardige vestiging), dan is de bouwsteen die het raakt niet robuust, hoe "
        "goed de andere indicatoren ook zijn."
        if critical
        else ""
    )
    return (
        f"De categorie volgt uit het aantal inwoners van het werkgebied (de som van de gemeenten): een "
        f"{rule.naam.lower()} heeft een werkgebied van {size} inwoners.",
        "Elke indicator wordt vergeleken met twee grenzen van de categorie: wie de norm haalt, is robuust; wie "
        "voorbij de kwetsbaarheidsgrens zit, is kwetsbaar; daartussen ligt een aandachtspunt. Een bouwsteen krijgt de "
        "gemiddelde score van zijn indicatoren met cijfers (robuust 2, aandachtspunt 1, kwetsbaar 0): vanaf 1,5 "
        "robuust, onder 0,75 kwetsbaar, daartussen een aandachtspunt." + knockouts,
        f"De mediaan is {comparison(lib)}; de bibliotheek zelf telt daarin niet mee. De normen zijn een beredeneerde "
        "standaard; het programma Robuuste lokale bibliotheek kan ze vervangen door de officiële normen.",
        "De bevindingen volgen uit vaste regels over de cijfers, die het programma kan aanpassen."
        + (
            " De bedragen volgen uit een kostenmodel met de aannames hieronder. Een bedrag is een orde van grootte, "
            "geen begroting: lokale cijfers gaan voor. Bedragen zijn in euro's van het jaar van de cijfers."
            if asks
            else ""
        ),
    )


def _calculation(ask) -> Berekening:
    who = f" ({ask.municipality_name})" if ask.municipality_name else ""
    return Berekening(
        f"{ask.text}{who}",
        f"{ask.calculation} Uitkomst, afgerond: {indicative_amount(ask.amount)} per jaar.",
        ask.worked,
    )


def _definition(lib: LibraryAnalysis, ind: Indicator, content: Content) -> Definitie:
    names = {m.id: m.naam for m in content.modules}
    norm = ind.normen.get(lib.category.id)
    return Definitie(
        names[ind.module],
        ind.naam,
        ind.definitie,
        formula_in_words(ind.formule.tree),
        norm_text(ind, norm),
        weak_text(ind, norm),
        ind.bron or "eigen berekening",
    )


def formula_in_words(node: ast.AST, outer: int = 0) -> str:
    """'jeugdleden ÷ inwoners van 0 tot en met 17 jaar × 100' → in words: 'jeugdleden gedeeld door inwoners 0–17
    jaar, maal 100', with the variables' own meanings."""
    from robuust_docs.content import VARIABLES

    if isinstance(node, ast.BinOp):
        level = 1 if isinstance(node.op, ast.Add | ast.Sub) else 2
        text = (
            f"{formula_in_words(node.left, level)} {_OPERATOR_WORDS[type(node.op)]} "
            f"{formula_in_words(node.right, level + 1)}"
        )
        return f"({text})" if level < outer else text
    if isinstance(node, ast.UnaryOp):
        return f"min {formula_in_words(node.operand, 3)}"
    if isinstance(node, ast.Call):
        word = {"min": "het kleinste van", "max": "het grootste van", "abs": "de absolute waarde van"}[node.func.id]
        return f"{word} {fmt.join([formula_in_words(a) for a in node.args])}"
    if isinstance(node, ast.Constant):
        return fmt.number(node.value, 0 if float(node.value).is_integer() else 2)
    name = node.id if isinstance(node, ast.Name) else f"{node.value.id}.{node.attr}"
    meaning = VARIABLES[name].meaning if name in VARIABLES else name.replace("_", " ")
    return meaning[:1].lower() + meaning[1:]
