"""The library's real strengths: robust indicators where more is better that beat both their norm and the peers'
median by a clear margin, ranked by the smaller of the two margins. A pass at the norm is not a strength; nor is
staying under a ceiling or inside a band, nor a figure marked `sterkte: false`, nor a figure of a building block
that a knock-out holds back.
"""

from __future__ import annotations

from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.content import Content
from robuust_docs.findings.model import Strength
from robuust_docs.status import Status

MIN_MARGIN = 0.15  # 15% better than the norm and than the median of the other libraries
LIMIT = 3


def derive_strengths(lib: LibraryAnalysis, content: Content, modules, limit: int = LIMIT) -> tuple[Strength, ...]:
    """The strengths of `lib`, from its building blocks after the knock-outs (`modules`)."""
    indicators = {i.id: i for i in content.indicators}
    found = []
    for module in modules:
        if module.capped_by:
            continue  # a building block held back by a knock-out does not show off its other figures
        for result in module.shown:
            ind = indicators[result.indicator]
            norm = ind.normen.get(lib.category.id)
            if not _may_shine(ind, result) or norm is None:
                continue
            margins = [_margin(result.value, norm.robuust, ind.richting)]
            if result.median is not None:
                margins.append(_margin(result.value, result.median, ind.richting))
            margin = min(margins)
            if margin >= MIN_MARGIN:
                found.append(Strength(ind.id, result.value, norm.robuust, result.median, margin))
    found.sort(key=lambda s: -s.margin)
    return tuple(found[:limit])


def _may_shine(ind, result) -> bool:
    """Only a robust figure where more is better can be a strength: staying under a ceiling (housing costs, hours
    without staff) is keeping within bounds, not an achievement to show an alderman."""
    return result.status is Status.ROBUST and ind.richting == "hoger" and ind.sterkte and result.value is not None


def _margin(value: float, reference: float, direction: str) -> float:
    """How much better than `reference`, as a fraction of it (0 when the reference is 0 and the value is too)."""
    if reference == 0:
        return float("inf") if (value > 0 if direction == "hoger" else value < 0) else 0.0
    better = value - reference if direction == "hoger" else reference - value
    return better / abs(reference)
