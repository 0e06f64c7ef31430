"""`assign_category` and `assess_modules`: a library's category, and a status per indicator and module.

Indicator status compares the value, as the report shows it, with the category norm (see docs/inhoud.md for the
three directions; a value exactly at the norm is robust, exactly at the kwetsbaar limit is an aandachtspunt). A
module's status is the mean score of its indicators with data (robuust 2, aandachtspunt 1, kwetsbaar 0): robuust
from 1,5, kwetsbaar below 0,75, else aandachtspunt; "geen gegevens" when no indicator has data.

Knock-out: an indicator marked `kritiek` in the content that is kwetsbaar keeps its building block from being
robuust (an aandachtspunt at best), however well the other indicators do. An indicator whose `toon_als` condition
does not hold for the library (volwaardige vestigingen per gemeente, for a library of one municipality) is neither
shown nor counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from robuust_docs import fmt
from robuust_docs.content import Category, Content, Norm
from robuust_docs.status import Status

ROBUST_FROM, WEAK_BELOW = 1.5, 0.75  # module score limits


@dataclass(frozen=True)
class IndicatorResult:
    indicator: str
    value: float | None
    status: Status
    median: float | None  # of the other libraries of the category
    applicable: bool = True  # False: its `toon_als` condition does not hold here (not shown, not counted)
    knockout: bool = False  # a critical indicator that is kwetsbaar: its building block is not robuust


@dataclass(frozen=True)
class ModuleResult:
    module: str
    status: Status
    indicators: tuple[IndicatorResult, ...]
    capped_by: tuple[str, ...] = ()  # ids of the indicators or findings that keep it from being robuust

    @property
    def shown(self) -> tuple[IndicatorResult, ...]:
        """The indicators that apply to this library, in content order."""
        return tuple(r for r in self.indicators if r.applicable)


def assign_category(inwoners: float | None, content: Content) -> Category | None:
    """The first category whose rule matches the service area's inhabitants (None without inhabitants)."""
    if inwoners is None:
        return None
    return next((c for c in content.categories if c.matches(inwoners)), None)


def indicator_status(value: float | None, norm: Norm | None, direction: str) -> Status:
    if value is None or norm is None:
        return Status.NO_DATA
    if direction == "hoger":
        return Status.ROBUST if value >= norm.robuust else Status.WEAK if value < norm.kwetsbaar else Status.ATTENTION
    if direction == "lager":
        return Status.ROBUST if value <= norm.robuust else Status.WEAK if value > norm.kwetsbaar else Status.ATTENTION
    low, high = norm.robuust
    weak_low, weak_high = norm.kwetsbaar
    if low <= value <= high:
        return Status.ROBUST
    return Status.WEAK if value < weak_low or value > weak_high else Status.ATTENTION


def shown(value: float | None, decimals: int) -> float | None:
    """The value as the report shows it: a status is decided on what the reader sees, so '2,5 km' never reads as
    above a norm of '2,5 km'."""
    return None if value is None else fmt.rounded(value, decimals)


def module_status(statuses: list[Status]) -> Status:
    scores = [s.score for s in statuses if s.score is not None]
    if not scores:
        return Status.NO_DATA
    mean = sum(scores) / len(scores)
    return Status.ROBUST if mean >= ROBUST_FROM else Status.WEAK if mean < WEAK_BELOW else Status.ATTENTION


def assess_modules(
    values: dict[str, float | None],
    category_id: str,
    content: Content,
    medians: dict[str, float | None],
    variables: dict[str, float | None] | None = None,
) -> tuple[ModuleResult, ...]:
    """Status of every indicator and module of one library against its category's norms."""
    results = []
    for module in content.modules:
        rows = tuple(
            _indicator_result(ind, values, category_id, medians, variables or {}) for ind in module.indicatoren
        )
        status = module_status([r.status for r in rows if r.applicable])
        results.append(capped(ModuleResult(module.id, status, rows), tuple(r.indicator for r in rows if r.knockout)))
    return tuple(results)


def _indicator_result(ind, values, category_id: str, medians, variables) -> IndicatorResult:
    value = values.get(ind.id)
    status = indicator_status(shown(value, ind.decimalen), ind.normen.get(category_id), ind.richting)
    applicable = ind.toon_als is None or ind.toon_als.holds(variables)
    return IndicatorResult(
        ind.id, value, status, medians.get(ind.id), applicable, applicable and ind.kritiek and status is Status.WEAK
    )


def capped(result: ModuleResult, by: tuple[str, ...]) -> ModuleResult:
    """The module capped at aandachtspunt when it would be robust and `by` (knock-outs) is not empty."""
    if not by or result.status is not Status.ROBUST:
        return result  # only a block that would be robust is held back (and says why)
    return ModuleResult(result.module, Status.ATTENTION, result.indicators, (*result.capped_by, *by))
