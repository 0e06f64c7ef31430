"""`analyse_dataset`: every library's variables, indicators, category, proximity and module assessment.

This is the cheap, whole-dataset part of a run (peer medians need every library), done once in the main
process; building and rendering documents happens per library afterwards. A library whose own rows have
problems, or that no category rule matches, is left out with its problems listed in `failures`.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from functools import cached_property

from robuust_docs.analysis.assess import ModuleResult, assess_modules, assign_category
from robuust_docs.analysis.indicators import LibraryRows, compute_indicators, library_rows, library_variables
from robuust_docs.analysis.proximity import AccessSummary, ProximitySummary, branch_access, summarize_proximity
from robuust_docs.content import Category, Content
from robuust_docs.errors import Problem
from robuust_docs.inputs import Dataset


@dataclass(frozen=True)
class MunicipalityAnalysis:
    code: str
    proximity: ProximitySummary | None
    access: AccessSummary


@dataclass(frozen=True)
class LibraryAnalysis:
    id: str
    rows: LibraryRows
    variables: dict[str, float | None]
    values: dict[str, float | None]
    category: Category
    proximity: ProximitySummary | None
    access: AccessSummary
    modules: tuple[ModuleResult, ...] = ()

    @cached_property
    def municipalities(self) -> tuple[MunicipalityAnalysis, ...]:
        """Proximity and access per municipality: only needed for a report, so computed on first use."""
        return tuple(_analyse_municipality(self.rows, code) for code in self.rows.municipalities["code"])


@dataclass(frozen=True)
class Analysis:
    libraries: dict[str, LibraryAnalysis]
    failures: dict[str, tuple[Problem, ...]]
    medians: dict[str, dict[str, float | None]]  # category id → indicator id → median


def analyse_dataset(dataset: Dataset, content: Content) -> Analysis:
    """Analyse every library that has no problems of its own, then assess each against its peers."""
    analysed: dict[str, LibraryAnalysis] = {}
    failures: dict[str, tuple[Problem, ...]] = {}
    for library_id in dataset.library_ids():
        problems = dataset.problems_of(library_id)
        if problems:
            failures[library_id] = problems
            continue
        result = _analyse_library(dataset, library_id, content)
        if isinstance(result, Problem):
            failures[library_id] = (result,)
        else:
            analysed[library_id] = result
    medians = peer_medians(analysed.values(), content)
    assessed = {lid: _with_modules(a, content, medians.get(a.category.id, {})) for lid, a in analysed.items()}
    return Analysis(assessed, failures, medians)


def _analyse_library(dataset: Dataset, library_id: str, content: Content) -> LibraryAnalysis | Problem:
    rows = library_rows(dataset, library_id)
    inwoners = _total(rows.municipalities["inwoners"])
    proximity = summarize_proximity(rows.neighbourhoods, rows.branches)
    access = branch_access(rows.branches, int(inwoners or 0))
    variables = library_variables(rows, proximity, access)
    category = assign_category(variables["inwoners"], content)
    if category is None:
        return Problem(
            dataset.sources.get("gemeenten", "gemeenten.csv"),
            "geen categorie past bij het aantal inwoners van het werkgebied",
            value=variables["inwoners"],
            library=library_id,
        )
    return LibraryAnalysis(
        library_id, rows, variables, compute_indicators(variables, content), category, proximity, access
    )


def _analyse_municipality(rows: LibraryRows, code: str) -> MunicipalityAnalysis:
    munis = rows.municipalities
    inwoners = int(munis.loc[munis["code"] == code, "inwoners"].iloc[0] or 0)
    hoods = rows.neighbourhoods[rows.neighbourhoods["gemeente_code"] == code]
    own = rows.branches[rows.branches["gemeente_code"] == code]
    # Residents may use any branch of their library, also one across the municipal border.
    return MunicipalityAnalysis(code, summarize_proximity(hoods, rows.branches), branch_access(own, inwoners))


def peer_medians(libraries, content: Content) -> dict[str, dict[str, float | None]]:
    """Median of every indicator over the libraries of each category (None where no peer has data)."""
    by_category: dict[str, list[LibraryAnalysis]] = {}
    for lib in libraries:
        by_category.setdefault(lib.category.id, []).append(lib)
    return {
        cat: {ind.id: _median([lib.values[ind.id] for lib in libs]) for ind in content.indicators}
        for cat, libs in by_category.items()
    }


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def _total(series) -> float | None:
    known = [float(v) for v in series if v is not None]
    return sum(known) if known else None


def _with_modules(lib: LibraryAnalysis, content: Content, medians: dict[str, float | None]) -> LibraryAnalysis:
    return replace(lib, modules=assess_modules(lib.values, lib.category.id, content, medians))
