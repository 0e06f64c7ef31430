"""The building blocks of a handreiking: per block its status, a short text composed from its indicators AND the
findings, its table and its chart.

The text is composed so that no two sentences contradict: it opens with what the figures add up to (and, when a
knock-out holds the block back, why), then gives the sentences of the indicators that miss their norm — never the
reassuring sentence of a robust indicator beside a finding that says otherwise — and ends with what the findings
about this block mean. Where the content has a sentence for the side a band is missed on, or for a figure that
cannot be computed because there is nothing to divide by (no volwaardige vestiging), that sentence is used, so the
text says what the tool knows instead of hedging.
"""

from __future__ import annotations

from collections.abc import Collection

from robuust_docs import fmt, wording
from robuust_docs.analysis import IndicatorResult, LibraryAnalysis, ModuleResult
from robuust_docs.content import Content, Indicator, Module, TextError, fill, sentence_context
from robuust_docs.content.variables import missing_inputs
from robuust_docs.findings import Findings
from robuust_docs.report.figures import module_figure
from robuust_docs.report.model import Bouwsteen, IndicatorRij, ModuleProfiel
from robuust_docs.report.norms import norm_text, threshold_text
from robuust_docs.report.years import change_text, trend_figure
from robuust_docs.status import Status

MAX_SENTENCES = 3  # indicator sentences per building block; the others are named in the opening sentence
MAX_FINDINGS = 3  # findings told per building block


class ReportError(ValueError):
    """A content text could not be filled for this library (message in Dutch)."""


def fill_text(text: str, context: dict, where: str, one_paragraph: bool = True) -> str:
    """A content text filled with `context`, its first letter a capital (and, for one paragraph, its white space
    folded); raises ReportError naming `where` when it cannot be filled."""
    try:
        filled = fill(text, context)
    except TextError as exc:
        raise ReportError(f"{where}: {exc}") from None
    return wording.capitalise(" ".join(filled.split()) if one_paragraph else filled.strip())


def build_modules(
    lib: LibraryAnalysis, content: Content, findings: Findings, summarized: Collection[tuple[str, str | None]] = ()
) -> tuple[Bouwsteen, ...]:
    """The building blocks; `summarized` are the (rule, municipality) cases "In het kort" names."""
    results = {m.module: m for m in findings.modules}
    return tuple(_module(lib, module, results[module.id], content, findings, summarized) for module in content.modules)


def _module(
    lib, module: Module, result: ModuleResult, content: Content, findings: Findings, summarized=()
) -> Bouwsteen:
    indicators = {i.id: i for i in module.indicatoren}
    shown = result.shown
    rows = tuple(_row(lib, indicators[r.indicator], r) for r in shown)
    text = _text(lib, module, result, indicators, content, findings, summarized)
    return Bouwsteen(
        module.id,
        module.naam,
        result.status,
        text,
        rows,
        module_figure(module, result, rows, lib.category.id),
        trend_figure(lib, module, result),
        any(r.verandering for r in rows),
    )


def _row(lib, ind: Indicator, res: IndicatorResult) -> IndicatorRij:
    norm = ind.normen.get(lib.category.id)
    return IndicatorRij(
        ind.naam,
        fmt.by_unit(res.value, ind.eenheid, ind.decimalen),
        norm_text(ind, norm),
        fmt.by_unit(res.median, ind.eenheid, ind.decimalen),
        res.status,
        change_text(lib.history, ind),
    )


def _text(lib, module: Module, result: ModuleResult, indicators, content: Content, findings: Findings, summarized=()):
    shown = result.shown
    known = [r for r in shown if r.status is not Status.NO_DATA]
    paragraphs = [" ".join(filter(None, [_opening(known, indicators), _capped(result, indicators, findings)]))]
    # a finding is told in the first building block it touches (at most MAX_FINDINGS there), those that "In het
    # kort" did not name first, and then its indicator's sentence is left out
    candidates = [f for f in findings.touching(module.id) if not f.check and f.modules[0] == module.id]
    candidates.sort(key=lambda f: (f.rule, f.municipality) in summarized)  # stable: by weight within each
    own = candidates[:MAX_FINDINGS]
    covered = set().union(*(f.indicators for f in own))
    missing = sorted(
        (r for r in shown if r.status in (Status.WEAK, Status.ATTENTION) and r.indicator not in covered),
        key=lambda r: r.status.order,
        reverse=True,
    )
    no_data = [r for r in shown if r.status is Status.NO_DATA]
    sentences = [_sentence(lib, indicators[r.indicator], r) for r in (missing + no_data)[:MAX_SENTENCES]]
    paragraphs.append(" ".join([*sentences, *_told(own)]))
    return tuple(p for p in paragraphs if p)


def _told(found: list) -> list[str]:
    """Each finding's text and what it means; a rule that holds for several municipalities says what it means
    once, after its first case, and gives the other cases their figures alone (not "Daarmee betaalt X ..." for
    every municipality again)."""
    told, rules = [], set()
    for f in found:
        told.append(f.text if f.rule in rules else f"{f.text} {f.consequence}".strip())
        rules.add(f.rule)
    return told


def _opening(known: list[IndicatorResult], indicators) -> str:
    """'Drie van de vijf indicatoren halen de norm; ... is kwetsbaar.'"""
    if not known:
        return "Voor geen van de indicatoren zijn cijfers bekend."
    robust = sum(1 for r in known if r.status is Status.ROBUST)
    text = _norms_met(robust, len(known))
    weak = [wording.in_sentence(indicators[r.indicator].naam) for r in known if r.status is Status.WEAK]
    if weak:
        text += f"; kwetsbaar: {fmt.join(weak)}"
    return text + "."


def _capped(result: ModuleResult, indicators, findings: Findings) -> str:
    """Why a knock-out holds the block back, when it would otherwise be robust."""
    if not result.capped_by:
        return ""
    reasons = []
    for cause in result.capped_by:
        if cause in indicators:
            reasons.append(f"{wording.in_sentence(indicators[cause].naam)} kwetsbaar is")
        else:
            finding = next((f for f in findings.items if f.rule == cause), None)
            if finding is not None:
                reasons.append(finding.reason)
    reasons = list(dict.fromkeys(reasons))
    return f"Omdat {fmt.join(reasons)}, is deze bouwsteen niet robuust, hoe de andere cijfers ook uitvallen."


def _sentence(lib: LibraryAnalysis, ind: Indicator, res: IndicatorResult) -> str:
    norm = ind.normen.get(lib.category.id)
    context = sentence_context(
        fmt.by_unit(res.value, ind.eenheid, ind.decimalen),
        threshold_text(ind, norm, "robuust"),
        threshold_text(ind, norm, "kwetsbaar"),
        fmt.by_unit(res.median, ind.eenheid, ind.decimalen),
        ind.naam,
        lib.category.naam,
        "de bibliotheek",
    )
    key = sentence_key(ind, res, lib.variables, lib.category.id)
    return fill_text(ind.zinnen[key], context, f"modules.yaml, {ind.id}.zinnen.{key}")


def sentence_key(ind: Indicator, res: IndicatorResult, variables: dict, category_id: str) -> str:
    """The content sentence for this result: per side of a missed band, or for a division by zero, where given."""
    code = res.status.code
    if res.status is Status.NO_DATA and not missing_inputs(ind.formule, variables) and "deling_door_nul" in ind.zinnen:
        return "deling_door_nul"
    norm = ind.normen.get(category_id)
    if ind.richting == "band" and res.status in (Status.WEAK, Status.ATTENTION) and res.value is not None and norm:
        side = "laag" if res.value < norm.robuust[0] else "hoog"
        if f"{code}_{side}" in ind.zinnen:
            return f"{code}_{side}"
    return code


def profile(modules: tuple[Bouwsteen, ...]) -> tuple[ModuleProfiel, ...]:
    """One line per building block for the profile table."""
    lines = []
    for m in modules:
        known = [r for r in m.rijen if r.status is not Status.NO_DATA]
        robust = sum(1 for r in known if r.status is Status.ROBUST)
        summary = _norms_met(robust, len(known)) if known else "Geen cijfers bekend"
        lines.append(ModuleProfiel(m.naam, m.status, summary))
    return tuple(lines)


def _norms_met(robust: int, known: int) -> str:
    """'Drie van de vijf indicatoren halen de norm', 'De enige indicator haalt de norm', 'Geen van de vier …'."""
    phrase = wording.of_total(robust, known, "indicator", "indicatoren", verb=("haalt", "halen"))
    return wording.capitalise(f"{phrase} de norm")
