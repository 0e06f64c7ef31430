"""The reasoning as content: `bevindingen.yaml` (the rules that say what matters, with their facts, texts, questions
and asks) and `kosten.yaml` (the cost model's assumptions, each with its source and year). Loaded into
`FindingRule` and `CostAssumption` records; every problem is reported with its file and key.
"""

from __future__ import annotations

from pathlib import Path

from robuust_docs.content.fill import TextError, fill
from robuust_docs.content.formula import Formula, FormulaError, parse_formula
from robuust_docs.content.reader import FieldReader
from robuust_docs.content.records import (
    FACT_UNITS,
    LEVELS,
    SEVERITIES,
    CostAssumption,
    Fact,
    FindingRule,
    Proposal,
)
from robuust_docs.content.variables import rule_names
from robuust_docs.errors import Problem
from robuust_docs.files import read_yaml

COST_KINDS = ("bron", "afgeleid", "aanname")
FINDINGS_FILE = "bevindingen.yaml"
AMOUNT = "bedrag"  # in the facts of a proposal: the amount the proposal asks for, per year
COSTS_FILE = "kosten.yaml"


def formula_field(r: FieldReader, data: dict, key: str, path: str, kind: str, required: bool = True) -> Formula | None:
    """The formula of `kind` under `key`, or None (a Problem when it is required or does not parse)."""
    text = r.text(data, key, path, required=required)
    if not text:
        return None
    try:
        return parse_formula(text, kind)
    except FormulaError as exc:
        r.problem(f"{path}.{key}", str(exc))
        return None


def load_costs(content_dir: Path, problems: list[Problem]) -> tuple[CostAssumption, ...]:
    data = read_yaml(content_dir / COSTS_FILE, problems)
    if data is None:
        return ()
    r = FieldReader(COSTS_FILE, problems)
    costs, paths = [], []
    for path, item in r.items(data, "kosten"):
        paths.append(path)
        amount = r.number(item, "bedrag", path)
        year = r.number(item, "jaar", path, required=False)
        costs.append(
            CostAssumption(
                r.text(item, "id", path),
                r.text(item, "naam", path),
                amount if amount is not None else 0.0,
                r.text(item, "eenheid", path),
                int(year) if year is not None else None,
                r.text(item, "bron", path),
                r.text(item, "toelichting", path, required=False),
                _choice(r, item, "soort", path, COST_KINDS),
                _cost_ids(r, item, path),
            )
        )
    known = {c.id for c in costs}
    for path, cost in zip(paths, costs, strict=True):
        for other in cost.afgeleid_uit:
            if other not in known or other == cost.id:
                r.problem(f"{path}.afgeleid_uit", "verwacht de id van een andere kostenaanname", other)
    return tuple(costs)


def _cost_ids(r: FieldReader, item: dict, path: str) -> tuple[str, ...]:
    value = item.get("afgeleid_uit", [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        r.problem(f"{path}.afgeleid_uit", "verwacht een lijst van ids van kostenaannames", value)
        return ()
    return tuple(value)


def load_findings(content_dir: Path, problems: list[Problem]) -> tuple[FindingRule, ...]:
    data = read_yaml(content_dir / FINDINGS_FILE, problems)
    if data is None:
        return ()
    r = FieldReader(FINDINGS_FILE, problems)
    return tuple(rule for path, item in r.items(data, "bevindingen") if (rule := _rule(r, path, item)) is not None)


def _choice(r: FieldReader, item: dict, key: str, path: str, choices: tuple[str, ...]) -> str:
    value = r.text(item, key, path)
    if value and value not in choices:
        r.problem(f"{path}.{key}", f"verwacht een van: {', '.join(choices)}", value)
    return value


def _flag(r: FieldReader, item: dict, key: str, path: str) -> bool:
    value = item.get(key, False)
    if not isinstance(value, bool):
        r.problem(f"{path}.{key}", "verwacht true of false", value)
        return False
    return value


def _rule(r: FieldReader, path: str, item: dict) -> FindingRule | None:
    condition = formula_field(r, item, "voorwaarde", path, "condition")
    proposal = _proposal(r, item.get("voorstel"), f"{path}.voorstel") if "voorstel" in item else None
    rule = FindingRule(
        id=r.text(item, "id", path),
        level=_choice(r, item, "niveau", path, LEVELS),
        severity=_choice(r, item, "ernst", path, SEVERITIES),
        modules=r.texts(item, "bouwstenen", path, required=False),
        knockout=_flag(r, item, "knock_out", path),
        check=_flag(r, item, "controle", path),
        condition=condition or parse_formula("0", "condition"),
        weight=formula_field(r, item, "gewicht", path, "expression", required=False),
        facts=_facts(r, item.get("feiten"), f"{path}.feiten"),
        title=r.text(item, "titel", path),
        text=r.text(item, "tekst", path),
        reason=r.text(item, "reden", path),
        consequence=r.text(item, "gevolg", path, required=False),
        question=r.text(item, "vraag", path),
        proposal=proposal,
    )
    return rule if condition is not None else None


def _facts(r: FieldReader, data: object, path: str) -> tuple[Fact, ...]:
    if data is None:
        return ()
    if not isinstance(data, dict):
        r.problem(path, "verwacht per feit een blok met formule en eenheid", type(data).__name__)
        return ()
    facts = []
    for name, spec in data.items():
        key = f"{path}.{name}"
        if not isinstance(spec, dict):
            r.problem(key, "verwacht een blok met formule en eenheid", spec)
            continue
        formula = formula_field(r, spec, "formule", key, "expression")
        unit = _choice(r, spec, "eenheid", key, FACT_UNITS)
        decimals = r.number(spec, "decimalen", key, required=False)
        if formula is not None:
            facts.append(Fact(str(name), formula, unit, int(decimals) if decimals is not None else 0))
    return tuple(facts)


def _proposal(r: FieldReader, data: object, path: str) -> Proposal | None:
    if not isinstance(data, dict):
        r.problem(path, "verwacht een blok met tekst, bedrag, zonder en berekening", data)
        return None
    amount = formula_field(r, data, "bedrag", path, "expression")
    if amount is None:
        return None
    return Proposal(
        r.text(data, "tekst", path),
        amount,
        r.text(data, "zonder", path),
        r.text(data, "berekening", path),
        r.text(data, "groep", path, required=False),
        _flag(r, data, "per_gemeente", path),
        formula_field(r, data, "voorwaarde", path, "condition", required=False),
        _flag(r, data, "dekt_andere", path),
        _facts(r, data.get("feiten"), f"{path}.feiten"),
    )


# --- cross-checks -----------------------------------------------------------------------------------------------

TEXT_NAMES = (
    "bibliotheek",
    "gemeente",
    "gemeenten",
    "gemeenten_zonder_volwaardig",
    "verre_buurten",
    "locaties",
    "locaties_op_school",
    "jaar",
    "eerste_jaar",
)


def text_context(facts: dict[str, str], numbers: dict[str, float | None], names: dict[str, str]) -> dict:
    """What a finding's texts may use: each fact formatted, `getal.<fact>` as a number, and the names."""
    return {**{n: names.get(n, "") for n in TEXT_NAMES}, **facts, "getal": dict(numbers)}


def sample_text_context(rule: FindingRule) -> dict:
    own = rule.proposal.facts if rule.proposal is not None else ()
    facts = {f.name: "1" for f in (*rule.facts, *own)}
    return text_context(facts, dict.fromkeys(facts, 1.0), {n: n.capitalize() for n in TEXT_NAMES})


def check_reasoning(content, unreadable: set[str] = frozenset()) -> list[Problem]:
    """Unknown names in formulas, unknown building blocks and practices' targets, duplicate ids, texts that do not
    fill. References into a file that could not be read are not checked: each would only repeat its problem."""
    if FINDINGS_FILE in unreadable:
        return []
    names_checked = not ({"modules.yaml", COSTS_FILE, "programmas.yaml"} & set(unreadable))
    problems = _duplicates(FINDINGS_FILE, "bevindingen.id", [r.id for r in content.findings])
    problems += _duplicates(COSTS_FILE, "kosten.id", [c.id for c in content.costs])
    for rule in content.findings:
        problems += _rule_texts(rule)
        if names_checked:
            problems += _rule_names(rule, content)
    if names_checked:
        problems += _practice_targets(content)
    return problems


def _duplicates(file: str, key: str, ids: list[str]) -> list[Problem]:
    return [
        Problem(file, "id komt meer dan één keer voor", key=key, value=i)
        for i in sorted({i for i in ids if ids.count(i) > 1})
    ]


def _rule_names(rule: FindingRule, content) -> list[Problem]:
    where = rule.id or "?"
    modules = {m.id for m in content.modules}
    known = rule_names(rule.level, *_ids(content))
    problems = [
        Problem(FINDINGS_FILE, "onbekende bouwsteen", key=f"{where}.bouwstenen", value=m)
        for m in rule.modules
        if m not in modules
    ]
    for key, formula in _formulas(rule):
        problems += [
            Problem(
                FINDINGS_FILE,
                "formule noemt een onbekende variabele (zie docs/inhoud.md)",
                key=f"{where}.{key}",
                value=name,
            )
            for name in sorted(formula.names - known - ({AMOUNT} if key.startswith("voorstel.feiten.") else set()))
        ]
    return problems


def _ids(content) -> tuple[list[str], list[str], list[str]]:
    """The indicator, cost and programme ids a formula may name (see `rule_names`)."""
    return [i.id for i in content.indicators], [c.id for c in content.costs], [p.id for p in content.programmes]


def _rule_texts(rule: FindingRule) -> list[Problem]:
    context = sample_text_context(rule)
    problems = []
    for key, text in _texts(rule):
        try:
            fill(text, context)
        except TextError as exc:
            problems.append(Problem(FINDINGS_FILE, str(exc), key=f"{rule.id or '?'}.{key}"))
    return problems


def _practice_targets(content) -> list[Problem]:
    ids = {r.id for r in content.findings} | {i.id for i in content.indicators}
    known = rule_names("bibliotheek", *_ids(content))
    problems = []
    for practice in content.practices:
        file = practice.file or "praktijken/"
        problems += [
            Problem(file, "onbekende indicator of bevinding", key="verbetert", value=t)
            for t in practice.verbetert
            if t not in ids
        ]
        if practice.voorwaarde is not None:
            problems += [
                Problem(file, "formule noemt een onbekende variabele", key="voorwaarde", value=n)
                for n in sorted(practice.voorwaarde.names - known)
            ]
    return problems


def _formulas(rule: FindingRule):
    yield "voorwaarde", rule.condition
    if rule.weight is not None:
        yield "gewicht", rule.weight
    for fact in rule.facts:
        yield f"feiten.{fact.name}", fact.formula
    if rule.proposal is not None:
        yield "voorstel.bedrag", rule.proposal.amount
        if rule.proposal.condition is not None:
            yield "voorstel.voorwaarde", rule.proposal.condition
        for fact in rule.proposal.facts:
            yield f"voorstel.feiten.{fact.name}", fact.formula


RULE_TEXTS = (
    ("titel", "title"),
    ("tekst", "text"),
    ("reden", "reason"),
    ("gevolg", "consequence"),
    ("vraag", "question"),
)
PROPOSAL_TEXTS = (("tekst", "text"), ("zonder", "without"), ("berekening", "calculation"))


def _texts(rule: FindingRule):
    for key, field in RULE_TEXTS:
        yield key, getattr(rule, field)
    if rule.proposal is not None:
        for key, field in PROPOSAL_TEXTS:
            yield f"voorstel.{key}", getattr(rule.proposal, field)
