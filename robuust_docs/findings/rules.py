"""Applying the rules of `bevindingen.yaml` to one library: every rule whose condition holds, for the library or
for one of its municipalities, becomes a `Finding` with its facts formatted and its texts filled; the findings
are ranked by severity and weight, and the knock-outs cap the building blocks they touch.
"""

from __future__ import annotations

from robuust_docs import fmt, wording
from robuust_docs.analysis import LibraryAnalysis, ModuleResult, MunicipalityAnalysis
from robuust_docs.analysis.assess import capped
from robuust_docs.content import Content, FindingRule, TextError, fill
from robuust_docs.content.reasoning import text_context
from robuust_docs.findings.context import library_variables, municipality_variables, text_names
from robuust_docs.findings.model import SEVERITY_ORDER, Finding


class FindingError(ValueError):
    """A finding's text could not be filled for this library (message in Dutch, naming the rule)."""


def apply_rules(lib: LibraryAnalysis, content: Content) -> tuple[Finding, ...]:
    """Every finding for `lib`, ranked: kritiek before belangrijk before ter informatie; within a severity in the
    order of the rules in bevindingen.yaml (the content decides what weighs more), and cases of one rule by weight."""
    found = []
    places = {
        "bibliotheek": [(None, library_variables(lib, content))],
        "gemeente": [(m, municipality_variables(lib, m, content)) for m in lib.municipalities],
    }
    names = _Names(lib)
    for order, rule in enumerate(content.findings):
        for muni, variables in places[rule.level]:
            if rule.condition.holds(variables):
                found.append((order, _finding(rule, lib, muni, variables, names)))
    found.sort(key=lambda pair: (SEVERITY_ORDER[pair[1].severity], pair[0], -pair[1].weight))
    return tuple(f for _, f in found)


def fact_values(rule: FindingRule, variables: dict) -> dict[str, float | None]:
    return {f.name: f.formula.evaluate(variables) for f in rule.facts}


def format_fact(value: float | None, unit: str, decimals: int) -> str:
    if unit == "jaren":
        return fmt.NO_DATA if value is None else f"{fmt.number(value, decimals)} jaar"
    if unit == "euro":
        return fmt.money(value, decimals)
    return fmt.by_unit(value, unit, decimals)


class _Names:
    """The text names of a library and of each of its municipalities, made once per library."""

    def __init__(self, lib: LibraryAnalysis):
        self.lib, self.made = lib, {}

    def of(self, muni: MunicipalityAnalysis | None) -> dict[str, str]:
        key = muni.code if muni else None
        if key not in self.made:
            self.made[key] = text_names(self.lib, muni)
        return self.made[key]


def rule_context(
    rule: FindingRule,
    lib: LibraryAnalysis,
    muni: MunicipalityAnalysis | None,
    variables: dict,
    names: _Names | None = None,
) -> dict:
    numbers = fact_values(rule, variables)
    facts = {f.name: format_fact(numbers[f.name], f.unit, f.decimals) for f in rule.facts}
    return text_context(facts, numbers, (names or _Names(lib)).of(muni))


def fill_rule_text(text: str, context: dict, rule: FindingRule, key: str, sentence: bool = True) -> str:
    """A rule's text filled; a sentence gets a capital first letter (a reason, used after "omdat", does not)."""
    try:
        filled = " ".join(fill(text, context).split())
    except TextError as exc:
        raise FindingError(f"bevindingen.yaml, {rule.id}.{key}: {exc}") from None
    if not sentence:
        return filled
    return wording.capitalise(filled)


def _finding(
    rule: FindingRule, lib: LibraryAnalysis, muni: MunicipalityAnalysis | None, variables: dict, names: _Names
) -> Finding:
    context = rule_context(rule, lib, muni, variables, names)
    weight = rule.weight.evaluate(variables) if rule.weight is not None else None

    def text(key: str, value: str, sentence: bool = True) -> str:
        filled = fill_rule_text(value, context, rule, key, sentence)
        if fmt.NO_DATA in filled:
            raise FindingError(_missing_fact(rule, key, context, muni))
        return filled

    return Finding(
        rule=rule.id,
        severity=rule.severity,
        municipality=muni.code if muni else None,
        municipality_name=muni.name if muni else "",
        modules=rule.modules,
        knockout=rule.knockout,
        check=rule.check,
        weight=weight or 0.0,
        title=text("titel", rule.title),
        text=text("tekst", rule.text),
        reason=text("reden", rule.reason, sentence=False),
        consequence=text("gevolg", rule.consequence),
        question=text("vraag", rule.question),
        facts=tuple((f.name, context[f.name]) for f in rule.facts),
        indicators=rule.indicators,
    )


def _missing_fact(rule: FindingRule, key: str, context: dict, muni: MunicipalityAnalysis | None) -> str:
    """The Dutch message for a text that would print a missing figure: which facts, where, and the way out."""
    missing = [f.name for f in rule.facts if context["getal"].get(f.name) is None]
    where = f"voor {muni.name}" if muni else "voor deze bibliotheek"
    facts = ", ".join(f"'{name}'" for name in missing) or "een cijfer"
    example = missing[0] if missing else "naam"
    return (
        f"bevindingen.yaml, {rule.id}.{key}: de tekst gebruikt {facts}, maar dat cijfer ontbreekt {where}. Zet dat "
        f"deel van de tekst tussen {{% if getal.{example} is not none %}} en {{% endif %}}, of laat de voorwaarde "
        f"van de bevinding het cijfer eisen."
    )


def apply_knockouts(modules: tuple[ModuleResult, ...], findings: tuple[Finding, ...]) -> tuple[ModuleResult, ...]:
    """Each building block touched by a knock-out finding capped at aandachtspunt."""
    return tuple(
        capped(m, tuple(dict.fromkeys(f.rule for f in findings if f.knockout and m.module in f.modules)))
        for m in modules
    )
