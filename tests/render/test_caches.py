"""Per-process caches (fonts, drawings, forms) must not carry anything from one library into the next: A, then
B, then A again gives A's bytes exactly, in both formats, and the same bytes as with the caches emptied."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from robuust_docs.app import Settings, prepare, report_for
from robuust_docs.render import render_docx, render_pdf
from robuust_docs.render.charts import cache

pytestmark = pytest.mark.slow  # renders whole documents

ROOT = Path(__file__).resolve().parents[2]


def test_rendering_a_b_a_gives_identical_bytes_for_a(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    settings = Settings(ROOT / "data", ROOT / "templates", Path("unused"), today=datetime.date(2026, 11, 25))
    prepared = prepare(settings)

    def both(library_id: str) -> tuple[bytes, bytes]:
        report = report_for(prepared, library_id)
        return render_docx(report, settings.template, prepared.theme), render_pdf(report, prepared.theme)

    first = both("bib-veenhoven")
    other = both("bib-amsteloord")
    again = both("bib-veenhoven")
    assert again == first
    assert other[0] != first[0] and other[1] != first[1]
    cache.clear()
    assert both("bib-veenhoven") == first  # the same bytes as without anything cached
