"""Finishing a Word file (render/docx/finish.py) and what the renderer adds around it: the table of contents with
page numbers, keeping blocks together, true properties, formatted statuses and the generation time. Small
documents built here; no whole report is rendered."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from robuust_docs.errors import RenderError, TemplateError
from robuust_docs.render import load_theme, render_docx
from robuust_docs.render.docx.finish import SMALL_TABLE_ROWS, _keep_next, app_version, finish_document
from robuust_docs.render.docx.oxml import field_runs
from robuust_docs.render.docx.render import _package
from robuust_docs.render.timestamp import generation_time
from robuust_docs.report.model import DocMeta
from robuust_docs.status import TEMPLATE_FIELDS, Status

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "handreiking.docx"
META = DocMeta("Titel", "Onderwerp", "Auteur", "trefwoord", "Kop", "1 januari 2026")
WHEN = datetime.datetime(2026, 11, 25, 9, 30, tzinfo=datetime.UTC)
THEME = load_theme(ROOT / "templates")


def _document(toc: str | None = 'TOC \\o "1-2" \\h \\z \\u'):
    """The house template with an empty body, a TOC field (unless None) and nothing else."""
    doc = Document(str(TEMPLATE))
    body = doc.element.body
    for element in list(body)[:-1]:  # keep the section properties
        body.remove(element)
    if toc is not None:
        for element in field_runs(toc, "placeholder"):
            doc.add_paragraph(style="toc 1")._p.append(element)
    return doc


def _headings(doc, titles: list[tuple[int, str]]) -> None:
    for level, title in titles:
        doc.add_paragraph(title, style=f"Heading {level}")
        doc.add_paragraph("Tekst.")


def _entries(doc) -> list[tuple[str, str, str]]:
    """(style, title, stored page number) of every table-of-contents entry."""
    found = []
    for p in doc.element.body.iter(qn("w:p")):
        link = p.find(qn("w:hyperlink"))
        if link is None:
            continue
        texts = [t.text or "" for t in link.iter(qn("w:t"))]
        found.append((p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")), texts[0], texts[-1]))
    return found


def _finish(doc) -> None:
    finish_document(doc, META, WHEN, THEME)


# --- table of contents ----------------------------------------------------------------------------------------


def test_the_contents_list_two_levels_with_their_pages_and_no_toc_field():
    doc = _document()  # page 1: the contents; every Heading 1 starts a page
    _headings(doc, [(1, "Samenvatting"), (2, "Sterke  punten"), (3, "Detail"), (1, "Bijlage")])
    _finish(doc)
    assert _entries(doc) == [("TOC1", "Samenvatting", "2"), ("TOC2", "Sterke punten", "2"), ("TOC1", "Bijlage", "3")]
    xml = doc.element.xml
    assert "placeholder" not in xml
    instructions = [i.text.strip() for i in doc.element.body.iter(qn("w:instrText"))]
    assert instructions and all(i.startswith("PAGEREF _Toc") for i in instructions)  # no TOC field around them
    assert "updateFields" not in doc.settings.element.xml
    anchors = {link.get(qn("w:anchor")) for link in doc.element.body.iter(qn("w:hyperlink"))}
    bookmarks = {b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    assert anchors == bookmarks and len(anchors) == 3


def test_the_field_switch_sets_the_depth():
    doc = _document('TOC \\o "1-3" \\h')
    _headings(doc, [(1, "Een"), (2, "Twee"), (3, "Drie")])
    _finish(doc)
    assert [e[0] for e in _entries(doc)] == ["TOC1", "TOC2", "TOC3"]


def test_a_heading_further_down_gets_the_page_it_lands_on():
    doc = _document()
    doc.add_paragraph("Hoofdstuk", style="Heading 1")
    for i in range(60):
        doc.add_paragraph(f"regel {i}")
    doc.add_paragraph("Verderop", style="Heading 2")
    doc.add_paragraph("Tekst.")
    _finish(doc)
    assert [e[2] for e in _entries(doc)] == ["2", "3"]


def test_a_contents_field_word_wrote_over_several_paragraphs_is_replaced_whole():
    doc = _document(toc=None)
    first = doc.add_paragraph(style="toc 1")
    runs = field_runs('TOC \\o "1-2" \\h', "Oud item 1")
    for element in runs[:4]:  # begin, instruction, separate, first old entry
        first._p.append(element)
    middle = doc.add_paragraph(style="toc 1")
    for element in field_runs("PAGEREF _Toc1 \\h", "9"):  # a nested field inside the old result
        middle._p.append(element)
    last = doc.add_paragraph("Oud item 3", style="toc 1")
    last._p.append(runs[4])  # the TOC field's end
    doc.add_paragraph("Na de inhoud")
    _headings(doc, [(1, "Nieuw")])
    _finish(doc)
    texts = [p.text for p in doc.paragraphs]
    assert not [t for t in texts if "Oud item" in t]
    assert "Na de inhoud" in texts
    assert [e[1] for e in _entries(doc)] == ["Nieuw"]


# --- keeping together -----------------------------------------------------------------------------------------


def _keeps(paragraph) -> bool:
    return paragraph.paragraph_format.keep_with_next is True


def _table(doc, rows: int, header: bool = True):
    table = doc.add_table(rows=rows, cols=2)
    for index, row in enumerate(table.rows):
        row.cells[0].text = f"rij {index}"
    if header:
        trpr = table.rows[0]._tr.get_or_add_trPr()
        trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))
    return table


def test_headings_status_lines_and_intros_stay_with_their_table():
    doc = _document(toc=None)
    earlier = doc.add_paragraph("Een eerdere alinea, ver van de tabel.")
    heading = doc.add_paragraph("Personeel", style="Heading 2")
    status = doc.add_paragraph("Status: ● Robuust")
    intro = doc.add_paragraph("Wat de tabel laat zien, in een paar zinnen.")
    gap = doc.add_paragraph("")
    small = _table(doc, SMALL_TABLE_ROWS)
    after = doc.add_paragraph("Daarna.")
    _finish(doc)
    assert _keeps(heading) and _keeps(status) and _keeps(intro) and _keeps(gap)
    assert not _keeps(earlier) and not _keeps(after)
    rows = [[_keeps(p) for cell in row.cells for p in cell.paragraphs] for row in small.rows]
    assert all(all(r) for r in rows[:-1]) and not any(rows[-1])  # a small table moves to the next page whole
    assert all(row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in small.rows)


def test_a_big_table_keeps_only_its_header_with_the_first_row():
    doc = _document(toc=None)
    big = _table(doc, SMALL_TABLE_ROWS + 1)
    _finish(doc)
    kept = [all(_keeps(p) for cell in row.cells for p in cell.paragraphs) for row in big.rows]
    assert kept[0] and not any(kept[1:])
    assert all(row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in big.rows)


def test_a_figure_stays_with_its_caption_and_its_lead_in_and_a_colon_with_what_follows():
    doc = _document(toc=None)
    chapter = doc.add_paragraph("Hoofdstuk", style="Heading 1")
    lead = doc.add_paragraph("De grafiek hieronder toont de indicatoren.")
    figure = doc.add_paragraph()
    figure.add_run().add_picture(io.BytesIO(_png()))
    caption = doc.add_paragraph("Bijschrift", style="Caption")
    colon = doc.add_paragraph("De buurten die het verst weg liggen:")
    doc.add_paragraph("Buurt A", style="List Bullet")
    _finish(doc)
    assert _keeps(chapter) and _keeps(lead) and _keeps(figure) and _keeps(colon)
    assert not _keeps(caption)


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(buffer, "PNG")
    return buffer.getvalue()


# --- properties -----------------------------------------------------------------------------------------------


def test_properties_are_the_generation_time_and_robuust_docs(tmp_path):
    doc = _document()
    assert any(r.reltype.endswith("/thumbnail") for r in doc.part.package.rels.values())  # the template has one
    _finish(doc)
    path = tmp_path / "p.docx"
    doc.save(path)
    props = Document(str(path)).core_properties
    assert props.created == WHEN and props.modified == WHEN
    assert props.last_modified_by == "robuust-docs" and props.revision == 1
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        app = z.read("docProps/app.xml").decode()
        rels = z.read("_rels/.rels").decode()
    assert not [n for n in names if "thumbnail" in n] and "thumbnail" not in rels
    assert "<Application>robuust-docs</Application>" in app and f"<AppVersion>{app_version('0.1.0')}" in app
    for stale in ("Pages", "Words", "Characters", "Lines", "Paragraphs", "TitlesOfParts", "Microsoft"):
        assert stale not in app


def test_app_version_has_the_form_xx_yyyy():
    assert app_version("0.1.0") == "00.0100"
    assert app_version("2.13.4") == "02.1304"
    assert app_version("1.0") == "01.0000"


def test_generation_time_is_now_or_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    now = generation_time()
    assert before <= now <= datetime.datetime.now(datetime.UTC) and now.tzinfo is not None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764063000")
    assert generation_time() == datetime.datetime(2025, 11, 25, 9, 30, tzinfo=datetime.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    with pytest.raises(RenderError) as caught:
        generation_time()
    assert caught.value.first.value == "gisteren" and "SOURCE_DATE_EPOCH" in caught.value.first.file


# --- statuses and the whole renderer on a tiny template -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Library:
    naam: str = "Bibliotheek Proef"  # the house template's header shows it


@dataclasses.dataclass(frozen=True)
class Tiny:
    meta: DocMeta
    status: Status
    rijen: tuple[Status, ...]
    bibliotheek: Library = Library()


def _tiny_template(tmp_path: Path, line: str) -> Path:
    doc = _document()
    doc.add_paragraph("Status: " + line)
    _headings(doc, [(1, "Hoofdstuk")])
    table = doc.add_table(rows=3, cols=1)
    table.rows[0].cells[0].text = "{%tr for r in rijen %}"
    table.rows[1].cells[0].text = "{{r r.opgemaakt }}"
    table.rows[2].cells[0].text = "{%tr endfor %}"
    path = tmp_path / "sjabloon.docx"
    doc.save(path)
    return path


def test_opgemaakt_is_the_status_in_its_colour_and_bold(tmp_path):
    assert set(Status.ROBUST.template_fields()) == set(TEMPLATE_FIELDS) and "opgemaakt" in TEMPLATE_FIELDS
    theme = load_theme(ROOT / "templates")
    report = Tiny(META, Status.WEAK, (Status.ROBUST, Status.ATTENTION, Status.NO_DATA))
    data = render_docx(report, _tiny_template(tmp_path, "{{r status.opgemaakt }}"), theme)
    doc = Document(io.BytesIO(data))
    runs = [r for p in doc.paragraphs for r in p.runs] + [
        r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
    ]
    coloured = {r.text: (str(r.font.color.rgb), r.bold) for r in runs if r.font.color.rgb is not None}
    for status in Status:
        assert coloured[status.text] == (theme.status_colors[status.code].lstrip("#").upper(), True)


def test_opgemaakt_without_r_is_refused_rather_than_written_broken(tmp_path):
    theme = load_theme(ROOT / "templates")
    report = Tiny(META, Status.WEAK, ())
    with pytest.raises(TemplateError) as caught:
        render_docx(report, _tiny_template(tmp_path, "{{ status.opgemaakt }}"), theme)
    assert "{{r" in caught.value.first.message


def test_the_same_input_and_source_date_epoch_give_the_same_bytes(tmp_path, monkeypatch):
    theme = load_theme(ROOT / "templates")
    report = Tiny(META, Status.ROBUST, (Status.WEAK,))
    template = _tiny_template(tmp_path, "{{r status.opgemaakt }}")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764063000")
    first, second = render_docx(report, template, theme), render_docx(report, template, theme)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 11, 25, 9, 30, 0)}
    assert Document(io.BytesIO(first)).core_properties.created == datetime.datetime(
        2025, 11, 25, 9, 30, tzinfo=datetime.UTC
    )


def test_keep_with_next_goes_where_the_schema_wants_it_and_overrides_an_explicit_off():
    document = Document()
    styled = document.add_paragraph("Kop", style="Heading 1")
    styled.paragraph_format.alignment = 1
    plain = document.add_paragraph("Tekst")
    off = document.add_paragraph("Uit")
    off.paragraph_format.keep_with_next = False
    for paragraph in (styled, plain, off):
        _keep_next(paragraph._p)
        _keep_next(paragraph._p)  # twice changes nothing
        assert paragraph.paragraph_format.keep_with_next is True
        names = [child.tag.split("}")[1] for child in paragraph._p.pPr]
        assert names.count("keepNext") == 1
        assert names.index("keepNext") == (1 if "pStyle" in names else 0)


def test_the_package_is_written_once_with_python_docx_parts_and_images_stored(tmp_path, monkeypatch):
    """`_package` writes the zip in one pass: the same members, order and contents as python-docx's own save,
    every entry dated, XML deflated and images (compressed already) stored."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764063000")
    document = Document()
    document.add_paragraph("Tekst")
    document.add_picture(io.BytesIO(_png()))
    when = datetime.datetime(2025, 11, 25, 9, 30, tzinfo=datetime.UTC)
    ours = zipfile.ZipFile(io.BytesIO(_package(document, when)))
    buffer = io.BytesIO()
    document.save(buffer)
    theirs = zipfile.ZipFile(buffer)
    assert ours.namelist() == theirs.namelist()
    assert all(ours.read(name) == theirs.read(name) for name in theirs.namelist())
    kinds = {i.filename: i.compress_type for i in ours.infolist()}
    assert {k for n, k in kinds.items() if n.endswith(".png")} == {zipfile.ZIP_STORED}
    assert {k for n, k in kinds.items() if n.endswith((".xml", ".rels"))} == {zipfile.ZIP_DEFLATED}
    assert {i.date_time for i in ours.infolist()} == {(2025, 11, 25, 9, 30, 0)}
    assert ours.testzip() is None


def test_no_placeholder_text_of_the_template_survives(tmp_path):
    theme = load_theme(ROOT / "templates")
    data = render_docx(Tiny(META, Status.ROBUST, ()), _tiny_template(tmp_path, "{{r status.opgemaakt }}"), theme)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "placeholder" not in xml and not re.search(r"\{\{|\{%", xml)
