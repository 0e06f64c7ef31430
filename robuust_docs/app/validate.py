"""`validate_all`: check inputs, content and template together and report counts and every problem."""

from __future__ import annotations

from pathlib import Path

from robuust_docs.analysis import analyse_dataset
from robuust_docs.content import load_content
from robuust_docs.errors import RobuustError
from robuust_docs.inputs import load_dataset, resolve_references
from robuust_docs.render import template_problems


def validate_all(data_dir: Path, templates_dir: Path, year: int | None = None) -> dict:
    """A JSON-ready report: counts per kind, the years in the input and the report year (`year`, or the latest),
    and a list of problems (each as a dict with file/row/column/value)."""
    problems = []
    counts = dict.fromkeys(
        (
            "libraries",
            "municipalities",
            "branches",
            "neighbourhoods",
            "categories",
            "modules",
            "indicators",
            "practices",
            "themes",
            "programmes",
            "impact",
        ),
        0,
    )
    content = None
    years: dict = {"years": [], "year": None}
    try:
        content = load_content(data_dir / "content")
        counts.update(
            categories=len(content.categories),
            modules=len(content.modules),
            indicators=len(content.indicators),
            practices=len(content.practices),
            themes=len(content.themes),
            programmes=len(content.programmes),
            impact=len(content.impact),
        )
    except RobuustError as exc:
        problems += exc.problems
    try:
        dataset = load_dataset(data_dir, year)
    except RobuustError as exc:
        problems += exc.problems
        dataset = None
    if dataset is not None:
        counts.update(
            libraries=len(dataset.libraries),
            municipalities=len(dataset.municipalities),
            branches=len(dataset.branches),
            neighbourhoods=len(dataset.neighbourhoods),
        )
        years = {"years": list(dataset.years), "year": dataset.year}
        if content is not None:
            dataset = resolve_references(dataset, content)
            if not dataset.global_problems:  # else the analysis only repeats them, library by library
                analysis = analyse_dataset(dataset, content)
                problems += [p for ps in analysis.failures.values() for p in ps if p not in dataset.problems]
        problems += dataset.problems
    problems += template_problems(templates_dir / "handreiking.docx")
    return {**counts, **years, "problems": [p.as_dict() for p in problems]}
