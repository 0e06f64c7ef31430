"""The years in the input: which year a run reports on, and the current rows beside the history.

`bibliotheken` holds one row per library per `jaar`, `gemeenten` one row per municipality per `jaar` (or, without
that column, one row per municipality for the library's year). The report year is the latest year in
`bibliotheken`, or the one asked for (`--jaar`). A library's current row is its latest row up to the report year;
a municipality's current row likewise, and it gives the link to the library and the policy themes. Rows after the
report year are left out. A key twice in one year is an error naming both rows and the year.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from robuust_docs.errors import Problem
from robuust_docs.inputs.frames import records

Place = tuple[str, str | None]  # (file, sheet) of a table
# What a municipality's latest row says, whatever year its figures are of.
LATEST_COLUMNS = ("naam", "bibliotheek_id", "beleidsthemas", "stedelijkheid")


@dataclass(frozen=True)
class YearSelection:
    year: int | None  # the report year; None when no row has a readable year
    years: tuple[int, ...]  # every year in bibliotheken, sorted
    libraries: pd.DataFrame  # the current row of every library
    municipalities: pd.DataFrame  # the current row of every municipality
    library_years: pd.DataFrame  # every library row up to the report year
    municipality_years: pd.DataFrame  # every municipality row with a year, up to the report year
    problems: tuple[Problem, ...] = ()


def select_years(libs: pd.DataFrame, munis: pd.DataFrame, wanted: int | None, places: dict[str, Place]):
    """The report year and the current rows; problems: duplicate (key, jaar), an unknown `wanted` year, rows of
    `gemeenten` with and without a year, and a municipality whose current year is not its library's."""
    problems = _year_duplicates(libs, "id", "bibliotheek", places["bibliotheken"])
    problems += _year_duplicates(munis, "code", "gemeente", places["gemeenten"])
    years = tuple(sorted({int(y) for y in libs["jaar"] if y is not None}))
    year = years[-1] if years else None
    if wanted is not None:
        if wanted not in years:
            shown = _span(years) if years else "geen enkel jaar"
            problems.append(
                Problem(
                    places["bibliotheken"][0],
                    f"--jaar {wanted}: geen cijfers over dat jaar (wel over {shown})",
                    None,
                    "jaar",
                    sheet=places["bibliotheken"][1],
                )
            )
        else:
            year = wanted
    with_year = munis["jaar"].notna() if len(munis) else pd.Series(dtype=bool)
    if len(munis) and with_year.any() and not with_year.all():
        for row in records(munis[~with_year]):
            problems.append(
                Problem(
                    places["gemeenten"][0],
                    "jaar ontbreekt, terwijl andere rijen een jaar hebben; geef elke rij een jaar",
                    row["_row"],
                    "jaar",
                    sheet=places["gemeenten"][1],
                    library=row["bibliotheek_id"],
                )
            )
    lib_years = _up_to(libs, year)
    muni_years = _up_to(munis[with_year], year) if len(munis) and with_year.any() else munis.iloc[0:0]
    current_libs = _latest(lib_years, "id")
    current_munis = (
        _matching(muni_years, current_libs) if len(muni_years) else munis[~with_year] if len(munis) else munis
    )
    problems += _municipality_years(current_libs, current_munis, places["gemeenten"])
    return YearSelection(year, years, current_libs, current_munis, lib_years, muni_years, tuple(problems))


def _span(years: tuple[int, ...]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]} tot en met {years[-1]}"


def _up_to(frame: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """Rows up to `year`; a row without a readable year stays (its problem is already listed)."""
    if year is None or not len(frame):
        return frame
    keep = [y is None or int(y) <= year for y in frame["jaar"]]
    return frame[keep]


def _latest(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """Per key the row of the latest year (a row without a year counts as the earliest), in first-seen order."""
    if not len(frame):
        return frame.reset_index(drop=True)
    order = frame.assign(_year=[-1 if y is None else int(y) for y in frame["jaar"]], _seen=range(len(frame)))
    latest = order.sort_values(["_year", "_seen"], kind="stable").groupby(key, sort=False, dropna=False).tail(1)
    first_seen = order.groupby(key, sort=False, dropna=False)["_seen"].transform("min")
    latest = latest.assign(_first=first_seen.loc[latest.index]).sort_values("_first", kind="stable")
    return latest.drop(columns=["_year", "_seen", "_first"]).reset_index(drop=True)


def _matching(munis: pd.DataFrame, libs: pd.DataFrame) -> pd.DataFrame:
    """Per municipality its figures of its library's year (the library named by its latest row), else those of its
    latest row (which `_municipality_years` then reports); name, library and themes always from the latest row."""
    latest = _latest(munis, "code")
    year_of = {row["id"]: row["jaar"] for row in records(libs)}
    by_key = {(row["code"], row["jaar"]): row for row in records(munis)}
    rows = []
    for row in records(latest):
        wanted = year_of.get(row["bibliotheek_id"])
        match = by_key.get((row["code"], wanted), row) if wanted is not None else row
        rows.append({**match, **{k: row[k] for k in LATEST_COLUMNS}})
    return pd.DataFrame(rows, columns=latest.columns) if rows else latest


def _year_duplicates(frame: pd.DataFrame, key: str, what: str, place: Place) -> list[Problem]:
    """A key twice in one year: an error at the later row naming the first row and the year."""
    seen: dict[tuple[str, object], int] = {}
    problems = []
    for row in records(frame):
        if row[key] is None or row["jaar"] is None:  # without a year, `load._duplicates` reports it
            continue
        ident = (str(row[key]), row["jaar"])
        if ident in seen:
            problems.append(
                Problem(
                    place[0],
                    f"{what} '{row[key]}' staat twee keer in {row['jaar']} (ook in rij {seen[ident]}); geef één "
                    f"rij per {what} per jaar",
                    row["_row"],
                    key,
                    row[key],
                    place[1],
                    row["id"] if key == "id" else row.get("bibliotheek_id"),
                )
            )
        else:
            seen[ident] = row["_row"]
    return problems


def _municipality_years(libs: pd.DataFrame, munis: pd.DataFrame, place: Place) -> list[Problem]:
    """A municipality whose latest row is of another year than its library's figures: their sums would mix
    years. Rows without a year are the library's year."""
    year_of = {row["id"]: row["jaar"] for row in records(libs)}
    problems = []
    for row in records(munis):
        lib_year = year_of.get(row["bibliotheek_id"])
        if row["jaar"] is None or lib_year is None or int(row["jaar"]) == int(lib_year):
            continue
        problems.append(
            Problem(
                place[0],
                f"de nieuwste rij van deze gemeente is van {row['jaar']}, de cijfers van bibliotheek "
                f"'{row['bibliotheek_id']}' gaan over {lib_year}; geef de gemeente een rij voor {lib_year}",
                row["_row"],
                "jaar",
                row["jaar"],
                place[1],
                row["bibliotheek_id"],
            )
        )
    return problems
