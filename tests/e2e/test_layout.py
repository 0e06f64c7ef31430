"""The sample handreikingen keep the length and the first pages the design asks for: a median of at most 20 pages,
and "In het kort" on one page, so the next chapter starts on the page after it (read from the PDF's own table of
contents, whose page numbers the table-of-contents test checks against where the headings land)."""

from __future__ import annotations

import re
import statistics

import pytest

from tests.checks import need, run
from tests.language import SAMPLE_LIBRARIES, sample_folder

pytestmark = pytest.mark.slow
MAX_MEDIAN_PAGES = 20
TOC_CHAPTER = re.compile(r"^(\S.*?)[\s.]+(\d+)$")  # a chapter is not indented; its sections are


def _pages(pdf) -> int:
    info = run(need("pdfinfo"), str(pdf)).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def _chapters(pdf) -> list[tuple[str, int]]:
    """(title, page) of each chapter in the table of contents on page 2."""
    text = run(need("pdftotext"), "-layout", "-f", "2", "-l", "2", str(pdf), "-").stdout
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "Inhoud")
    found = [TOC_CHAPTER.match(line) for line in lines[start + 1 :]]
    return [(m.group(1).strip(" ."), int(m.group(2))) for m in found if m]


def test_the_median_sample_handreiking_has_at_most_20_pages():
    pages = [_pages(sample_folder() / f"handreiking-{lid}.pdf") for lid in SAMPLE_LIBRARIES]
    assert statistics.median(pages) <= MAX_MEDIAN_PAGES, sorted(pages)


def test_in_het_kort_stands_on_one_page_in_every_sample_handreiking():
    spilled = {}
    for lid in SAMPLE_LIBRARIES:
        chapters = _chapters(sample_folder() / f"handreiking-{lid}.pdf")
        assert chapters[0][0] == "In het kort", (lid, chapters)
        if chapters[1][1] != chapters[0][1] + 1:
            spilled[lid] = chapters[:2]
    assert not spilled


MIN_WORDS = 80


def test_no_page_is_nearly_empty_unless_it_starts_a_chapter_or_ends_the_document():
    """Cover and last page aside, a page with fewer than 80 words (running header and footer not counted) starts a
    chapter: nothing is stranded on a page of its own."""
    thin = []
    for lid in SAMPLE_LIBRARIES:
        pdf = sample_folder() / f"handreiking-{lid}.pdf"
        chapters = {title for title, _ in _chapters(pdf)}
        for page in range(3, _pages(pdf)):
            text = run(need("pdftotext"), "-layout", "-f", str(page), "-l", str(page), str(pdf), "-").stdout
            lines = [line.strip() for line in text.splitlines() if line.strip()][1:-1]  # header, footer
            words = sum(len(line.split()) for line in lines)
            if words < MIN_WORDS and (not lines or lines[0] not in chapters):
                thin.append((lid, page, words, lines[:1]))
    assert not thin
