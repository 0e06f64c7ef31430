"""`analyse_dataset`: every library's variables, indicators, category, proximity, municipalities and assessment.

This is the cheap, whole-dataset part of a run (peer medians need every library), done once in the main
process; building and rendering documents happens per library afterwards. A library whose own rows have
problems, or that no category rule matches, is left out with its problems listed in `failures`.

The median a library is compared with is that of the OTHER libraries of its category (`peers` of them): a library
is never its own benchmark. `Analysis.medians` keeps the medians of whole categories for the overview.
"""

from __future__ import annotations

import bisect
import statistics
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace

import pandas as pd

from robuust_docs.analysis.assess import ModuleResult, assess_modules, assign_category
from robuust_docs.analysis.indicators import (
    LibraryRows,
    compute_indicators,
    library_rows,
    library_variables,
    municipality_variables,
)
from robuust_docs.analysis.proximity import (
    AccessSummary,
    Branches,
    NeighbourhoodDistances,
    ProximitySummary,
    branch_access,
    neighbourhood_distances,
    summarize,
)
from robuust_docs.analysis.years import History, library_history
from robuust_docs.content import Category, Content
from robuust_docs.errors import Problem
from robuust_docs.inputs import Dataset, records
from robuust_docs.schema import FULL_BRANCH_MIN_HOURS


@dataclass(frozen=True)
class MunicipalityAnalysis:
    code: str
    name: str
    proximity: ProximitySummary | None
    access: AccessSummary
    variables: dict[str, float | None]


@dataclass(frozen=True)
class LibraryAnalysis:
    id: str
    rows: LibraryRows
    variables: dict[str, float | None]
    values: dict[str, float | None]
    category: Category
    proximity: ProximitySummary | None
    access: AccessSummary
    municipalities: tuple[MunicipalityAnalysis, ...] = ()
    modules: tuple[ModuleResult, ...] = ()
    peers: int = 0  # other libraries in the same category
    history: History | None = None  # the figures year by year (one year: the report year alone)

    @property
    def name(self) -> str:
        return str(self.rows.record["naam"])


@dataclass(frozen=True)
class Analysis:
    libraries: dict[str, LibraryAnalysis]
    failures: dict[str, tuple[Problem, ...]]
    medians: dict[str, dict[str, float | None]]  # category id → indicator id → median of the whole category


def analyse_dataset(dataset: Dataset, content: Content, libraries: Collection[str] | None = None) -> Analysis:
    """Analyse every library that has no problems of its own, then assess each against its peers.

    `libraries` (None: all) are analysed in full and kept in `Analysis.libraries`; the others only as far as the
    peer medians need (their indicators and category: not their municipalities, years or building blocks), which
    is half the work. Indicators use only the library's own variables, so every median is the same either way."""
    analysed: dict[str, LibraryAnalysis] = {}
    failures: dict[str, tuple[Problem, ...]] = {}
    years = dataset.municipality_years
    # Each table as records once, per library (the municipalities' years per municipality code, so that each
    # library looks at its own): `DataFrame.to_dict` on every library's few rows cost a third of the analysis (the
    # records are the same: a column's values are boxed by its type, which a subset keeps).
    records = _Records(
        _records_by(dataset.municipalities, "bibliotheek_id"),
        _records_by(dataset.libraries if dataset.library_years is None else dataset.library_years, "id"),
        _records_by(years, "code") if years is not None and len(years) else None,
    )
    for library_id in dataset.library_ids():
        problems = dataset.problems_of(library_id)
        if problems:
            failures[library_id] = problems
            continue
        full = libraries is None or library_id in libraries
        result = _analyse_library(dataset, library_id, content, records, full)
        if isinstance(result, Problem):
            failures[library_id] = (result,)
        else:
            analysed[library_id] = result
    values = _category_values(analysed.values(), content)
    sizes = Counter(lib.category.id for lib in analysed.values())
    assessed = {
        lid: _assessed(lib, content, values.get(lib.category.id, {}), sizes[lib.category.id] - 1)
        for lid, lib in analysed.items()
        if libraries is None or lid in libraries
    }
    medians = {cat: {ind: _median(v) for ind, v in by_indicator.items()} for cat, by_indicator in values.items()}
    return Analysis(assessed, failures, medians)


@dataclass(frozen=True)
class _Records:
    municipalities: dict[object, list[dict]]  # per library id, in the table's order
    years: dict[object, list[dict]]  # a library's rows per year (in the table's order), per library id
    municipality_years: dict[str, list[dict]] | None  # per municipality code (None: no years)


def _records_by(frame: pd.DataFrame, column: str) -> dict[object, list[dict]]:
    """The records of `frame` per value of `column`, each list in the table's order."""
    groups: dict[object, list[dict]] = {}
    for record in records(frame):
        groups.setdefault(record[column], []).append(record)
    return groups


def _analyse_library(
    dataset: Dataset, library_id: str, content: Content, records: _Records, full: bool = True
) -> LibraryAnalysis | Problem:
    rows = library_rows(dataset, library_id)
    inwoners = _total(rows.municipalities["inwoners"])
    distances = neighbourhood_distances(rows.neighbourhoods, rows.branches)
    proximity = summarize(distances)
    branches = Branches.of(rows.branches)
    access = branch_access(branches, int(inwoners or 0))
    variables = library_variables(rows, proximity, access)
    category = assign_category(variables["inwoners"], content)
    if category is None:
        return Problem(
            dataset.sources.get("gemeenten", "gemeenten.csv"),
            "geen categorie past bij het aantal inwoners van het werkgebied",
            value=variables["inwoners"],
            library=library_id,
        )
    if not full:  # a peer only: its indicators for the medians
        values = compute_indicators(variables, content)
        return LibraryAnalysis(library_id, rows, variables, values, category, proximity, access)
    municipalities = tuple(
        _analyse_municipality(branches, row, variables["inwoners"], distances)
        for row in records.municipalities.get(library_id, ())
    )
    variables = {**variables, **_derived(variables, municipalities)}
    codes = [m.code for m in municipalities]
    history = library_history(
        sorted(records.years.get(library_id, ()), key=lambda r: int(r["jaar"])),  # as `Dataset.years_of`
        None
        if records.municipality_years is None
        else [r for c in codes for r in records.municipality_years.get(c, ())],
        codes,
        variables,
        content,
    )
    return LibraryAnalysis(
        library_id,
        rows,
        variables,
        compute_indicators(variables, content),
        category,
        proximity,
        access,
        municipalities,
        history=history,
    )


def _analyse_municipality(
    branches: Branches, row: dict, library_inhabitants: float | None, distances: NeighbourhoodDistances | None
) -> MunicipalityAnalysis:
    code = row["code"]
    own = branches.select(branches.municipalities == code)
    # Residents may use any branch of their library, also one across the municipal border.
    mask = None if distances is None else distances.municipalities == code
    proximity = summarize(distances, mask) if mask is not None else None
    access = branch_access(own, int(row["inwoners"] or 0))
    return MunicipalityAnalysis(
        code, str(row["naam"]), proximity, access, municipality_variables(row, proximity, access, library_inhabitants)
    )


def _derived(variables: dict[str, float | None], municipalities) -> dict[str, float | None]:
    """Library figures the findings' rules use beside the formula variables."""
    costs, income = variables.get("lasten_totaal"), variables.get("baten_totaal")
    return {
        "aantal_gemeenten_zonder_volwaardig": float(sum(1 for m in municipalities if m.access.full_count == 0)),
        # The hours that making the largest location of every municipality without a volwaardige vestiging one
        # adds, so that an ask for more hours does not count them twice.
        "uren_nieuwe_vestigingen": float(
            sum(
                max(0.0, FULL_BRANCH_MIN_HOURS - m.access.largest_hours)
                for m in municipalities
                if m.access.full_count == 0
            )
        ),
        "tekort": max(0.0, costs - income) if costs is not None and income is not None else None,
    }


def _category_values(libraries, content: Content) -> dict[str, dict[str, list[float]]]:
    """category id → indicator id → the known values of its libraries, sorted."""
    by_category: dict[str, dict[str, list[float]]] = {}
    for lib in libraries:
        per_indicator = by_category.setdefault(lib.category.id, {i.id: [] for i in content.indicators})
        for ind in content.indicators:
            if lib.values.get(ind.id) is not None:
                per_indicator[ind.id].append(lib.values[ind.id])
    for per_indicator in by_category.values():
        for known in per_indicator.values():
            known.sort()
    return by_category


def _assessed(lib: LibraryAnalysis, content: Content, values: dict[str, list[float]], peers: int) -> LibraryAnalysis:
    medians = {ind: _median_without(known, lib.values.get(ind)) for ind, known in values.items()}
    modules = assess_modules(lib.values, lib.category.id, content, medians, lib.variables)
    return replace(lib, modules=modules, peers=peers)


def _median(known: list[float]) -> float | None:
    return statistics.median(known) if known else None


def _median_without(known: list[float], own: float | None) -> float | None:
    """The median of the sorted `known` values with one occurrence of `own` left out."""
    if own is None:
        return _median(known)
    index = bisect.bisect_left(known, own)
    if index >= len(known) or known[index] != own:
        return _median(known)
    return _median(known[:index] + known[index + 1 :])


def _total(series) -> float | None:
    known = [float(v) for v in series if v is not None]
    return sum(known) if known else None
