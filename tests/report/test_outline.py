"""The Word templates follow the outlines that the PDF is laid out from: same headings, levels and order."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from robuust_docs.overview import outline as overview_outline
from robuust_docs.report import outline as report_outline

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _headings(path: Path) -> list[tuple[str, int]]:
    doc = Document(str(path))
    return [
        (p.text.strip(), int(p.style.name.rsplit(" ", 1)[1]))
        for p in doc.paragraphs
        if p.style.name.startswith("Heading ")
    ]


def _table_headers(path: Path) -> list[tuple[str, ...]]:
    return [tuple(c.text for c in t.rows[0].cells) for t in Document(str(path)).tables]


@pytest.mark.parametrize(
    ("template", "outline"),
    [("handreiking.docx", report_outline), ("overzicht.docx", overview_outline)],
    ids=["handreiking", "overzicht"],
)
def test_the_template_has_the_headings_of_the_outline_in_order(template, outline):
    assert _headings(TEMPLATES / template) == [(h.title, h.level) for h in outline.OUTLINE]


@pytest.mark.parametrize(
    ("template", "outline"),
    [("handreiking.docx", report_outline), ("overzicht.docx", overview_outline)],
    ids=["handreiking", "overzicht"],
)
def test_every_fixed_table_of_the_outline_is_in_the_template(template, outline):
    headers = _table_headers(TEMPLATES / template)
    for name in dir(outline):
        columns = getattr(outline, name)
        if isinstance(columns, report_outline.Columns) and name.endswith("_TABLE"):
            assert columns.headers in headers, name
            assert sum(columns.widths) == pytest.approx(report_outline.TEXT_WIDTH_CM), name
