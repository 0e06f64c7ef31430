"""Aggregates and statistics for the overview reports: pure functions on analysed libraries, no text.

Quartiles are numpy's default ('linear') percentiles, the same as `statistics.quantiles(method='inclusive')`;
correlation and the fitted line come from `scipy.stats.linregress` (Pearson r, two-sided p-value, least-squares
line). A correlation needs at least `MIN_PAIRS` libraries with both figures and some spread in each; otherwise
`Fit.reason` says why there is none. `overview_report.py` turns every number here into Dutch.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from robuust_docs.analysis.analyse import LibraryAnalysis, MunicipalityAnalysis
from robuust_docs.status import Status

MIN_PAIRS = 3  # fewer pairs give no correlation
MIN_FOR_SIGNAL = 3  # a norm that nobody or everybody meets is flagged only with this many libraries with data
STATUS_ORDER = tuple(Status)


@dataclass(frozen=True)
class Distribution:
    """Five-number summary of the known values (all None when n is 0)."""

    n: int
    minimum: float | None
    q1: float | None
    median: float | None
    q3: float | None
    maximum: float | None
    values: tuple[float, ...]


@dataclass(frozen=True)
class Fit:
    """Pearson correlation and least-squares line of y on x; `reason` is 'te_weinig' or 'geen_spreiding' when
    there is no statistic, else ''."""

    n: int
    r: float | None
    p: float | None
    slope: float | None
    intercept: float | None
    reason: str
    xs: tuple[float, ...]
    ys: tuple[float, ...]


@dataclass(frozen=True)
class Totals:
    libraries: int
    municipalities: int
    inhabitants: float
    locations: int
    full: int


@dataclass(frozen=True)
class DistanceBands:
    """Residents (in neighbourhoods with coordinates) by straight-line distance to the nearest location.

    Shares are percentages of `population`: up to 1 km, 1–2 km, 2–5 km and over 5 km (or no location at all).
    `mean_km` is the resident-weighted mean over libraries that have locations; `missing` counts libraries
    without neighbourhood data, which are left out.
    """

    population: int
    mean_km: float | None
    bands: tuple[float, float, float, float] | None
    within_2: float | None
    within_5: float | None
    missing: int


@dataclass(frozen=True)
class Attainment:
    """How many libraries have data for an indicator, and how many are robust, attention, weak."""

    with_data: int
    robust: int
    attention: int
    weak: int

    @property
    def signal(self) -> str:
        """'niemand' or 'iedereen' when nobody or everybody with data meets the norm (enough libraries), else ''."""
        if self.with_data < MIN_FOR_SIGNAL:
            return ""
        if self.robust == 0:
            return "niemand"
        return "iedereen" if self.robust == self.with_data else ""


# --- distributions and correlation -----------------------------------------------------------------------------


def _known(values: Iterable[float | None]) -> list[float]:
    return [float(v) for v in values if v is not None and math.isfinite(v)]


def describe(values: Iterable[float | None]) -> Distribution:
    """Minimum, quartiles, median and maximum of the known values (None and NaN left out)."""
    known = _known(values)
    if not known:
        return Distribution(0, None, None, None, None, None, ())
    q = np.percentile(np.asarray(known), [0, 25, 50, 75, 100])
    return Distribution(len(known), *(float(v) for v in q), tuple(sorted(known)))


def fit_line(pairs: Iterable[tuple[float | None, float | None]]) -> Fit:
    """Correlation and fitted line over the pairs where both values are known."""
    both = [
        (float(x), float(y))
        for x, y in pairs
        if x is not None and y is not None and math.isfinite(x) and math.isfinite(y)
    ]
    xs, ys = tuple(p[0] for p in both), tuple(p[1] for p in both)
    if len(both) < MIN_PAIRS:
        return Fit(len(both), None, None, None, None, "te_weinig", xs, ys)
    if np.ptp(xs) == 0 or np.ptp(ys) == 0:
        return Fit(len(both), None, None, None, None, "geen_spreiding", xs, ys)
    from scipy import stats  # here, not at the top: scipy.stats costs a library's render time at start-up

    result = stats.linregress(xs, ys)
    return Fit(
        len(both), float(result.rvalue), float(result.pvalue), float(result.slope), float(result.intercept), "", xs, ys
    )


def nice_ticks(low: float, high: float, count: int = 5) -> tuple[float, ...]:
    """Round axis ticks (steps of 1, 2, 2.5 or 5 times a power of ten) covering low..high."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return (0.0, 1.0)
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(1, count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start, stop = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
    n = round((stop - start) / step)
    return tuple(float(round(start + i * step, 10)) for i in range(n + 1))


# --- groups and aggregates -------------------------------------------------------------------------------------


def group_by(
    libraries: Iterable[LibraryAnalysis], key: Callable[[LibraryAnalysis], str], order: Iterable[str] = ()
) -> dict[str, list[LibraryAnalysis]]:
    """Libraries per key, keys in `order` first (only those present), then the rest in order of appearance."""
    groups: dict[str, list[LibraryAnalysis]] = {k: [] for k in order}
    for lib in libraries:
        groups.setdefault(key(lib), []).append(lib)
    return {k: v for k, v in groups.items() if v}


def totals(libraries: Iterable[LibraryAnalysis]) -> Totals:
    """Libraries, municipalities, inhabitants (known ones summed), locations and full vestigingen."""
    libs = list(libraries)
    return Totals(
        len(libs),
        sum(len(lib.municipalities) for lib in libs),
        sum(lib.variables["inwoners"] or 0 for lib in libs),
        sum(lib.access.count for lib in libs),
        sum(lib.access.full_count for lib in libs),
    )


def distance_bands(libraries: Iterable[LibraryAnalysis]) -> DistanceBands:
    """Residents' straight-line distance to the nearest location, summed over the libraries' neighbourhoods."""
    libs = list(libraries)
    known = [lib.proximity for lib in libs if lib.proximity is not None and lib.proximity.population > 0]
    population = sum(p.population for p in known)
    if population == 0:
        return DistanceBands(0, None, None, None, None, len(libs) - len(known))
    within = {km: sum(p.population * p.share_within[km] for p in known) / population for km in (1, 2, 5)}
    bands = (within[1], within[2] - within[1], within[5] - within[2], 100.0 - within[5])
    located = [p for p in known if p.mean_km is not None]
    weight = sum(p.population for p in located)
    mean = sum(p.population * p.mean_km for p in located) / weight if weight else None
    return DistanceBands(population, mean, bands, within[2], within[5], len(libs) - len(known))


def status_counts(libraries: Iterable[LibraryAnalysis], module_id: str) -> dict[str, int]:
    """Number of libraries per status of one building block."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for lib in libraries:
        status = next((m.status for m in lib.modules if m.module == module_id), Status.NO_DATA)
        counts[status] += 1
    return counts


def attainment(libraries: Iterable[LibraryAnalysis], indicator_id: str) -> Attainment:
    """Norm attainment of one indicator, from the statuses the assessment gave each library."""
    statuses = [r.status for lib in libraries for m in lib.modules for r in m.indicators if r.indicator == indicator_id]
    return Attainment(
        sum(s != Status.NO_DATA for s in statuses),
        statuses.count(Status.ROBUST),
        statuses.count(Status.ATTENTION),
        statuses.count(Status.WEAK),
    )


def hours_per_1000(libraries: Iterable[LibraryAnalysis]) -> float | None:
    """Staffed opening hours per week per 1,000 inhabitants, over the libraries together."""
    libs = [lib for lib in libraries if lib.variables["inwoners"]]
    inhabitants = sum(lib.variables["inwoners"] for lib in libs)
    return sum(lib.access.hours for lib in libs) / inhabitants * 1000 if inhabitants else None


def without_full_branch(libraries: Iterable[LibraryAnalysis]) -> list[tuple[LibraryAnalysis, MunicipalityAnalysis]]:
    """Every municipality without a full vestiging within its borders, with its library."""
    return [(lib, m) for lib in libraries for m in lib.municipalities if m.access.full_count == 0]


def programme_count(libraries: Iterable[LibraryAnalysis], programme_id: str) -> int:
    """How many of the libraries run the programme (as listed in their `programmas`)."""
    return sum(programme_id in lib.rows.programmes for lib in libraries)


def share(part: int | float, whole: int | float) -> float | None:
    """part / whole as a percentage, None when whole is 0."""
    return 100.0 * part / whole if whole else None


# --- what proximity yields --------------------------------------------------------------------------------------


def _ratio(numerator: str, denominator: str, factor: float = 1.0) -> Callable[[dict], float | None]:
    def measure(variables: dict) -> float | None:
        top, bottom = variables.get(numerator), variables.get(denominator)
        return top / bottom * factor if top is not None and bottom else None

    return measure


# Proximity and opening hours (x) against reach (y), from the formula variables of `content.VARIABLES`.
CAUSES: dict[str, Callable[[dict], float | None]] = {
    "afstand": lambda v: v.get("gem_afstand_km"),
    "uren": _ratio("openingsuren", "inwoners", 1000),
}
REACH: dict[str, Callable[[dict], float | None]] = {
    "leden": _ratio("leden", "inwoners", 100),
    "jeugdleden": _ratio("jeugdleden", "inwoners_0_17", 100),
    "bezoeken": _ratio("bezoeken", "inwoners"),
    "deelnemers": _ratio("deelnemers", "inwoners", 1000),
}


def measure_pairs(libraries: Iterable[LibraryAnalysis], x_id: str, y_id: str) -> list[tuple[float | None, ...]]:
    """(x, y) per library for one cause and one reach measure."""
    return [(CAUSES[x_id](lib.variables), REACH[y_id](lib.variables)) for lib in libraries]
