"""`library_history`: a library's figures year by year, with the same indicator formulas as the report year.

Locations and neighbourhoods are known for now only, so only indicators whose formula uses yearly figures alone
(the library's own columns and the service area's inhabitants and subsidy) get a history. The service area is
today's: a year's inhabitants and subsidy are the sums over today's municipalities, and unknown when one of them
has no row for that year (a partial sum would mislead). Money is nominal, as delivered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from robuust_docs.analysis.indicators import LIBRARY_COLUMNS
from robuust_docs.content import Content

MUNICIPAL_YEARLY = ("inwoners", "inwoners_0_17", "subsidie")
YEARLY = frozenset((*LIBRARY_COLUMNS, *MUNICIPAL_YEARLY, "aantal_programmas", "aantal_gemeenten"))
# The figures whose change the findings' rules may use besides the indicators (verandering.leden, …).
TREND_VARIABLES = (*LIBRARY_COLUMNS, *MUNICIPAL_YEARLY)


@dataclass(frozen=True)
class Change:
    """A figure in two years."""

    start: int
    end: int
    before: float
    after: float

    @property
    def relative(self) -> float | None:
        """The change in percent of the first value; None from zero (no percentage from nothing)."""
        return (self.after - self.before) / abs(self.before) * 100 if self.before else None

    @property
    def difference(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class YearFigures:
    jaar: int
    variables: dict[str, float | None]  # the yearly variables
    values: dict[str, float | None]  # the indicators with a history


@dataclass(frozen=True)
class History:
    years: tuple[YearFigures, ...]  # the years with a row of the library, oldest first; the last is the report year
    missing: tuple[int, ...] = ()  # years between the first and the last without a row
    indicators: tuple[str, ...] = ()  # the indicators that have a history

    @property
    def first(self) -> int:
        return self.years[0].jaar

    @property
    def last(self) -> int:
        return self.years[-1].jaar

    def series(self, name: str) -> list[tuple[int, float]]:
        """The known values of an indicator or a yearly variable, oldest first."""
        found = []
        for y in self.years:
            value = y.values.get(name) if name in y.values else y.variables.get(name)
            if value is not None:
                found.append((y.jaar, float(value)))
        return found

    def since_first(self, name: str) -> Change | None:
        """From the first year with a value to the report year; None without a value in both."""
        known = self.series(name)
        if len(known) < 2 or known[-1][0] != self.last:
            return None
        return Change(known[0][0], known[-1][0], known[0][1], known[-1][1])

    def since_previous(self, name: str) -> Change | None:
        """From the latest earlier year with a value to the report year."""
        known = self.series(name)
        if len(known) < 2 or known[-1][0] != self.last:
            return None
        return Change(known[-2][0], known[-1][0], known[-2][1], known[-1][1])

    def falling_years(self, name: str) -> int:
        """In how many years in a row, up to the report year, the figure fell against the calendar year before
        (a year without figures ends the run: a fall over a gap is not 'every year')."""
        values = dict(self.series(name))
        count, year = 0, self.last
        while year in values and year - 1 in values and values[year] < values[year - 1]:
            count += 1
            year -= 1
        return count


def library_history(
    library_rows: list[dict],
    municipality_rows: list[dict] | None,
    codes: list[str],
    current: dict[str, float | None],
    content: Content,
) -> History:
    """The history of one library: `library_rows` its rows (one per year, oldest first, the last the report year),
    `municipality_rows` every municipality row with a year (None: the municipalities have no years, so only the
    report year's sums are known), `codes` today's municipalities and `current` the report year's variables."""
    trend = tuple(i.id for i in content.indicators if i.formule.names <= YEARLY)
    formulas = {i.id: i.formule for i in content.indicators if i.id in trend}
    by_year: dict[int, dict[str, dict]] = {}
    for row in municipality_rows or ():
        if row["code"] in codes and row["jaar"] is not None:
            by_year.setdefault(int(row["jaar"]), {})[row["code"]] = row
    years = []
    for record in library_rows:
        year = int(record["jaar"])
        if record is library_rows[-1]:
            variables = {k: current.get(k) for k in YEARLY}
        else:
            variables = {c: _number(record.get(c)) for c in LIBRARY_COLUMNS}
            rows = by_year.get(year, {})
            for name in MUNICIPAL_YEARLY:
                numbers = [_number(rows[c].get(name)) if c in rows else None for c in codes]
                variables[name] = float(sum(numbers)) if numbers and None not in numbers else None
            variables["aantal_programmas"] = float(len(record.get("programmas") or ()))
            variables["aantal_gemeenten"] = float(len(codes))
        values = {i: formulas[i].evaluate(variables) for i in trend}
        years.append(YearFigures(year, variables, values))
    have = {y.jaar for y in years}
    missing = tuple(y for y in range(years[0].jaar, years[-1].jaar + 1) if y not in have) if years else ()
    return History(tuple(years), missing, trend)


def _number(value) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)
