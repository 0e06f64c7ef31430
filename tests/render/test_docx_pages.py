"""The model of Word's page layout (render/docx/pages.py) on small documents in the house template: lines per
page, page breaks, widows and orphans, keep with next, lists and tables. Its accuracy on whole documents is
measured against LibreOffice in tests/render/test_docx.py."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn

from robuust_docs.render import load_theme
from robuust_docs.render.docx.pages import estimate_pages

ROOT = Path(__file__).resolve().parents[2]
THEME = load_theme(ROOT / "templates")
# The house template: A4 less 2.4 cm and 2.2 cm of margin is 711.5 pt of text; a line of Normal (Arial 10 pt,
# spacing 1.2) is 13.8 pt with 6 pt after it, so 36 one-line paragraphs fill a page: 35 × 19.8 + 13.8 = 706.8.
PER_PAGE = 36


def _document():
    doc = Document(str(ROOT / "templates" / "handreiking.docx"))
    body = doc.element.body
    for element in list(body)[:-1]:
        body.remove(element)
    return doc


def _lines(doc, count: int, style: str = "Normal") -> list:
    return [doc.add_paragraph(f"regel {i}", style=style) for i in range(count)]


def _page(doc, paragraph) -> int:
    return estimate_pages(doc, THEME)[paragraph._p]


def test_a_page_holds_as_many_lines_as_its_height_allows():
    doc = _document()
    lines = _lines(doc, 3 * PER_PAGE + 1)
    pages = estimate_pages(doc, THEME)
    assert [pages[p._p] for p in lines[PER_PAGE - 1 : PER_PAGE + 1]] == [1, 2]
    assert pages[lines[2 * PER_PAGE]._p] == 3 and pages[lines[-1]._p] == 4


def test_list_items_of_one_style_have_no_space_between_them_so_more_fit():
    doc = _document()
    items = _lines(doc, PER_PAGE + 10, "List Bullet")
    assert _page(doc, items[PER_PAGE + 5]) == 1


def test_a_heading_1_and_a_page_break_start_a_new_page():
    doc = _document()
    doc.add_paragraph("Voorpagina")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    after_break = doc.add_paragraph("Inhoud")
    chapter = doc.add_paragraph("Hoofdstuk", style="Heading 1")
    pages = estimate_pages(doc, THEME)
    assert (pages[after_break._p], pages[chapter._p]) == (2, 3)


def test_widow_and_orphan_control_move_a_short_paragraph_and_split_a_long_one():
    doc = _document()
    _lines(doc, PER_PAGE - 1)
    short = doc.add_paragraph("kort " * 45)  # three lines; one fits: it moves whole
    assert _page(doc, short) == 2
    doc = _document()
    _lines(doc, PER_PAGE - 4)
    long = doc.add_paragraph("lang " * 120)  # eight lines; four fit: it starts here
    after = doc.add_paragraph("daarna")
    pages = estimate_pages(doc, THEME)
    assert (pages[long._p], pages[after._p]) == (1, 2)


def test_a_heading_at_the_foot_of_a_page_moves_with_what_it_is_kept_to():
    doc = _document()
    _lines(doc, PER_PAGE - 1)
    heading = doc.add_paragraph("Kop", style="Heading 2")
    text = doc.add_paragraph("Tekst onder de kop.")
    pages = estimate_pages(doc, THEME)
    assert pages[heading._p] == pages[text._p] == 2


def _rows_on_page_2(header: bool) -> int:
    doc = _document()
    table = doc.add_table(rows=60, cols=2)
    table.style = doc.styles["Robuust tabel"]
    for row in table.rows:
        row.cells[0].text = "cel"
    if header:
        trpr = table.rows[0]._tr.get_or_add_trPr()
        trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))
    pages = estimate_pages(doc, THEME)
    return sum(1 for row in table.rows if pages[row._tr] == 2)


def test_a_repeated_header_row_takes_the_place_of_a_row_on_the_next_page():
    assert _rows_on_page_2(header=True) == _rows_on_page_2(header=False) - 1 > 10
