"""Findings: what matters in one library's analysis. `derive_findings` applies the rules of `bevindingen.yaml` (the
library's and each municipality's findings, ranked, with their facts, texts and questions), caps the building
blocks that a knock-out touches, turns the proposals into asks with indicative amounts from `kosten.yaml`, ranks
the real strengths, and matches the practices to what they fix, each with its reason.
"""

from __future__ import annotations

from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.content import Content
from robuust_docs.findings.costs import derive_asks, indicative, render
from robuust_docs.findings.model import Ask, Finding, Findings, PracticeMatch, Share, Strength
from robuust_docs.findings.practices import LIMIT, match_practices
from robuust_docs.findings.rules import FindingError, apply_knockouts, apply_rules
from robuust_docs.findings.strengths import derive_strengths


def themes_named(lib: LibraryAnalysis) -> dict[str, list[str]]:
    """Policy theme id → names of the municipalities that named it, in municipality order."""
    named: dict[str, list[str]] = {}
    for row in lib.rows.municipalities.to_dict("records"):
        for theme in row["beleidsthemas"] or ():
            named.setdefault(theme, []).append(str(row["naam"]))
    return named


def derive_findings(lib: LibraryAnalysis, content: Content) -> Findings:
    """Everything the findings stage says about one library; raises FindingError for a text that cannot be filled."""
    items = apply_rules(lib, content)
    modules = apply_knockouts(lib.modules, items)
    return Findings(
        items=items,
        asks=derive_asks(lib, content, items),
        strengths=derive_strengths(lib, content, modules),
        modules=modules,
        practices=match_practices(lib, content, items, themes_named(lib)),
    )


__all__ = [
    "LIMIT",
    "Ask",
    "Finding",
    "FindingError",
    "Findings",
    "PracticeMatch",
    "Share",
    "Strength",
    "derive_findings",
    "indicative",
    "match_practices",
    "render",
    "themes_named",
]
