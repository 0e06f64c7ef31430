"""The cost model applied: a finding with a proposal becomes an `Ask` with an indicative amount per year, computed
from its formula in `bevindingen.yaml` and the assumptions of `kosten.yaml`, with the computation written out with
the figures filled in (for the appendix), and with each municipality's share.

A library-level ask is split over the municipalities: by their own figures when the proposal says `per_gemeente`
(each municipality's own gap to the norm), else pro rata to their inhabitants. Of two asks of one group (more
subsidy, say) for the same addressee only the larger is made. Amounts are rounded to three significant figures and
presented as an indication.
"""

from __future__ import annotations

import ast
import math

from robuust_docs import fmt
from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.content import Content, FindingRule
from robuust_docs.content.formula import evaluate_node
from robuust_docs.content.reasoning import AMOUNT
from robuust_docs.content.variables import MUNICIPALITY_VARIABLES, VARIABLES
from robuust_docs.findings.context import library_variables, municipality_variables
from robuust_docs.findings.model import Ask, Finding, Share
from robuust_docs.findings.rules import fill_rule_text, format_fact, rule_context

SIGNIFICANT = 3  # an indicative amount keeps three significant figures: € 597.223 → € 597.000
_OPERATORS = {ast.Add: (" + ", 1), ast.Sub: (" − ", 1), ast.Mult: (" × ", 2), ast.Div: (" ÷ ", 2)}
_UNIT_FORMAT = {
    "euro": lambda v: fmt.money(v, 2 if abs(v) < 100 else 0),
    "procent": lambda v: fmt.percent(v),
    "uren": lambda v: fmt.hours(v),
    "km": lambda v: fmt.km(v),
}


def indicative(amount: float) -> float:
    """`amount` rounded to three significant figures, half away from zero (€ 49.650 → € 49.700: Python's round
    would give € 49.600, ties to even)."""
    if amount == 0:
        return 0.0
    digits = SIGNIFICANT - int(math.floor(math.log10(abs(amount)))) - 1
    return fmt.rounded(amount, digits)


def derive_asks(lib: LibraryAnalysis, content: Content, findings: tuple[Finding, ...]) -> tuple[Ask, ...]:
    """The asks that follow from `findings`, in the findings' order, one per group and addressee."""
    rules = {r.id: r for r in content.findings}
    asks = [
        ask
        for f in findings
        if rules[f.rule].proposal is not None
        if (ask := _ask(lib, content, rules[f.rule], f)) is not None
    ]
    best: dict[tuple[str, str | None], Ask] = {}
    for ask in asks:
        key = (ask.group or ask.finding, ask.municipality)
        if key not in best or ask.exact > best[key].exact:
            best[key] = ask
    # a municipality's own ask that a library-wide ask of its group already computes from its own figures (its
    # part) is not asked twice
    for group, muni in list(best):
        wide = best.get((group, None)) if muni is not None and group else None
        if wide is not None and wide.split == "eigen" and any(s.code == muni for s in wide.shares):
            del best[(group, muni)]
    kept = set(map(id, best.values()))
    return tuple(a for a in asks if id(a) in kept)


def _ask(lib: LibraryAnalysis, content: Content, rule: FindingRule, finding: Finding) -> Ask | None:
    proposal = rule.proposal
    muni = next((m for m in lib.municipalities if m.code == finding.municipality), None)
    variables = municipality_variables(lib, muni, content) if muni else library_variables(lib, content)
    if proposal.condition is not None and not proposal.condition.holds(variables):
        return None
    if muni is None and proposal.per_municipality:
        parts = [(m, municipality_variables(lib, m, content)) for m in lib.municipalities]
        amounts = [(m, proposal.amount.evaluate(v)) for m, v in parts]
        known = [(m, a) for m, a in amounts if a is not None]
        total = sum(a for _, a in known) if known else None
        shares = tuple(Share(m.code, m.name, indicative(a)) for m, a in known if a > 0)
        worked = tuple(
            f"{m.name}: {render(proposal.amount, v, lib, content)}"
            for (m, v), (_, a) in zip(parts, amounts, strict=True)
            if a is not None and a > 0
        )
        split = "eigen"
    else:
        total = proposal.amount.evaluate(variables)
        worked = (render(proposal.amount, variables, lib, content),) if total is not None else ()
        shares = _pro_rata(lib, total) if muni is None and total is not None and len(lib.municipalities) > 1 else ()
        split = "inwoners" if shares else ""
    if total is None or total <= 0:
        return None
    if shares:  # the parts are what the guide shows: the whole is their sum, so the figures always add up
        total = sum(s.amount for s in shares)
        if len(shares) > 1:
            how = "naar inwoners verdeeld en per gemeente afgerond" if split == "inwoners" else "per gemeente afgerond"
            parts_text = fmt.join([f"{s.name} {fmt.money(s.amount, 0)}" for s in shares])
            worked = (*worked, f"Het bedrag, {how}: {parts_text}; samen {fmt.money(total, 0)}.")
    context = rule_context(rule, lib, muni, variables)
    if proposal.facts:
        known = {**variables, AMOUNT: total}
        for fact in proposal.facts:
            value = fact.formula.evaluate(known)
            context[fact.name] = format_fact(value, fact.unit, fact.decimals)
            context["getal"][fact.name] = value

    def text(key: str, value: str) -> str:
        return fill_rule_text(value, context, rule, f"voorstel.{key}")

    return Ask(
        rule.id,
        proposal.group,
        muni.code if muni else None,
        muni.name if muni else "",
        text("tekst", proposal.text),
        total if shares else indicative(total),
        total,
        text("zonder", proposal.without),
        text("berekening", proposal.calculation),
        worked,
        shares,
        split,
        proposal.covers_others,
    )


def _pro_rata(lib: LibraryAnalysis, total: float) -> tuple[Share, ...]:
    inhabitants = [(m, m.variables.get("inwoners") or 0.0) for m in lib.municipalities]
    whole = sum(n for _, n in inhabitants)
    if whole <= 0:
        return ()
    return tuple(Share(m.code, m.name, indicative(total * n / whole)) for m, n in inhabitants if n > 0)


# --- the computation in words and figures -------------------------------------------------------------------------


def render(formula, variables: dict, lib: LibraryAnalysis, content: Content) -> str:
    """'(18,0 × 25.194 ÷ 10.000 − 13,5 uur) × € 4.300 = € 136.748': the formula with its figures and its outcome."""
    value = formula.evaluate(variables)
    units = _units(lib, content)
    return f"{_render(formula.tree, variables, units, 0)} = {fmt.money(value, 0)}"


def _units(lib: LibraryAnalysis, content: Content) -> dict[str, tuple[str, int]]:
    units = {n: (v.unit, 1) for n, v in {**VARIABLES, **MUNICIPALITY_VARIABLES}.items()}
    units.update({f"bibliotheek.{n}": (v.unit, 1) for n, v in VARIABLES.items()})
    for ind in content.indicators:
        for prefix in ("indicator", "norm", "kwetsbaar", "mediaan"):
            units[f"{prefix}.{ind.id}"] = (ind.eenheid, ind.decimalen)
    units.update({f"kosten.{c.id}": ("euro", 0) for c in content.costs})
    units["overige.subsidie_per_inwoner"] = ("euro", 2)
    return units


def _render(node: ast.AST, variables: dict, units: dict, outer: int) -> str:
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Add | ast.Sub)
        and evaluate_node(node.right, variables) == 0
    ):
        return _render(node.left, variables, units, outer)  # '… − 0' says nothing: the term is left out
    if isinstance(node, ast.BinOp):
        symbol, level = _OPERATORS[type(node.op)]
        text = (
            _render(node.left, variables, units, level)
            + symbol
            + _render(node.right, variables, units, level + (type(node.op) in (ast.Sub, ast.Div)))
        )
        return f"({text})" if level < outer else text
    if isinstance(node, ast.UnaryOp):
        return "−" + _render(node.operand, variables, units, 3)
    if isinstance(node, ast.Call) and node.func.id in ("min", "max"):
        # written out, only the argument that decides counts: max(0, 15 − 6) × … reads as (15 − 6) × …
        values = [evaluate_node(a, variables) for a in node.args]
        if all(v is not None for v in values):
            pick = (max if node.func.id == "max" else min)(range(len(values)), key=lambda i: values[i])
            return _render(node.args[pick], variables, units, outer)
    if isinstance(node, ast.Call):
        return f"{node.func.id}({'; '.join(_render(a, variables, units, 0) for a in node.args)})"
    if isinstance(node, ast.Constant):
        return fmt.number(node.value, 0 if float(node.value).is_integer() else 2)
    name = node.id if isinstance(node, ast.Name) else f"{node.value.id}.{node.attr}"
    value = variables.get(name)
    unit, decimals = units.get(name, ("aantal", 1))
    if value is None:
        return fmt.NO_DATA
    formatter = _UNIT_FORMAT.get(unit)
    return formatter(value) if formatter else fmt.number(value, 0 if float(value).is_integer() else decimals)
