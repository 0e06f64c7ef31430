"""The handreiking PDF on real sample libraries and on hostile reports: checked with qpdf, pdffonts, pdfinfo and
pdfua, and its structure tree read back and compared with the report model."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from robuust_docs.app import Settings, prepare, report_for
from robuust_docs.pdftags import Tagger
from robuust_docs.render import render_pdf
from robuust_docs.render.pdf.handreiking import build_story
from tests.checks import need, pdf_fonts, pdf_info, pdf_text, qpdf_ok, squash
from tests.pdfstructure import assert_parent_tree_matches_streams, claims, kids, role, scan_page, walk

pytestmark = pytest.mark.slow  # renders whole documents

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def prepared():
    return prepare(Settings(ROOT / "data", ROOT / "templates", Path("unused"), today=datetime.date(2026, 11, 25)))


def _report(prepared, library_id: str):
    return report_for(prepared, library_id)


def _hostile(report):
    long_name = "Bibliotheek " + "Zeer-Lange-Samengestelde-Naam " * 12
    long_text = " ".join(["Een heel lange alinea over de bibliotheek & de gemeente <met> tekens."] * 60)
    info = dataclasses.replace(report.bibliotheek, naam=long_name)
    story = dataclasses.replace(
        report.verhaal,
        blokken=(*report.verhaal.blokken, dataclasses.replace(report.verhaal.blokken[-1], tekst=long_text)),
    )
    return dataclasses.replace(
        report, bibliotheek=info, ondertitel=long_name, verhaal=story, praktijken=(), themas=(), impact=()
    )


CASES = {
    "compact": lambda p: _report(p, "bib-veenhoven"),
    "large-city": lambda p: _report(p, "bib-amsteloord"),
    "no-neighbourhoods": lambda p: _report(p, "bib-maasheuvel"),
    "hostile-long-and-empty": lambda p: _hostile(_report(p, "bib-lees-en-leer")),
}


@pytest.fixture(scope="module", params=list(CASES), ids=list(CASES))
def rendered(request, prepared, tmp_path_factory):
    report = CASES[request.param](prepared)
    path = tmp_path_factory.mktemp("pdf") / "handreiking.pdf"
    path.write_bytes(render_pdf(report, prepared.theme))
    return report, path, prepared.theme


def test_pdf_passes_qpdf_fonts_and_is_tagged(rendered):
    _, path, _ = rendered
    assert qpdf_ok(path)
    fonts = pdf_fonts(path)
    assert fonts and all(embedded for _, embedded in fonts)
    assert not any("Helvetica" in name for name, _ in fonts)
    assert pdf_info(path)["Tagged"] == "yes"


def test_pdfua_check_reports_no_errors(rendered):
    _, path, _ = rendered
    tool = need("pdfua")
    result = subprocess.run([tool, "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and "errors=0" in result.stdout, result.stdout[-1500:]


def test_structure_tree_matches_the_report_model(rendered):
    report, path, theme = rendered
    story = build_story(report, theme, Tagger(enabled=False))
    with pikepdf.open(path) as pdf:
        (document,) = kids(pdf.Root.StructTreeRoot)
        elements = list(walk(document))
        headings = [role(e) for e in elements if role(e) in ("H1", "H2", "H3")]
        assert headings == ["H1"] + [f"H{level}" for level, _ in story.headings]  # the cover title, then the story
        figures = [e for e in elements if role(e) == "Figure"]
        expected_alts = [f.alt for f in _figures(report)]
        assert [str(f.Alt) for f in figures] == expected_alts
        tables = [e for e in elements if role(e) == "Table"]
        assert len(tables) == len(_tables(report))
        for table, (columns, rows) in zip(tables, _tables(report), strict=True):
            trs = [e for e in walk(table) if role(e) == "TR"]
            assert len(trs) == rows + 1
            assert sum(1 for e in walk(table) if role(e) == "TH") == columns
            assert sum(1 for e in walk(table) if role(e) == "TD") == columns * rows
        assert_parent_tree_matches_streams(pdf)
        for number, page in enumerate(pdf.pages, start=1):
            marks = scan_page(page)
            assert not marks.untagged and not marks.nested and marks.balanced, f"page {number}"


def test_every_heading_text_is_in_the_pdf(rendered):
    report, path, theme = rendered
    text = squash(pdf_text(path))
    for _, heading in build_story(report, theme, Tagger(enabled=False)).headings:
        assert squash(heading) in text


def _figures(report):
    modules = [f for m in report.bouwstenen for f in (m.figuur, m.trend_figuur)]
    figures = [report.profiel_figuur, *modules, report.nabijheid.figuur]
    return [f for f in figures if f is not None]


def _tables(report) -> list[tuple[int, int]]:
    """(columns, data rows) of every table in document order, as render/pdf/handreiking.py lays them out."""
    n, g, b = report.nabijheid, report.gemeenten, report.bijlage
    tables = [(7, len(g.vergelijking))] if g else []
    tables += [(3, len(report.profiel))]
    tables += [(6 if m.met_verandering else 5, len(m.rijen)) for m in report.bouwstenen]
    tables += [(2, len(n.kerncijfers))]
    tables += [(5, len(n.witte_vlekken))] if n.witte_vlekken else []
    tables += [(7, len(n.vestigingen))] if n.vestigingen else []
    tables += [(4, len(b.kosten))] if b.berekeningen else []
    return [t for t in tables if t[1]]


def test_a_library_without_branches_gets_a_complete_pdf(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    lines = (data / "vestigingen.csv").read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if ",bib-veenhoven," not in line]
    (data / "vestigingen.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    prepared = prepare(Settings(data, ROOT / "templates", tmp_path / "out"))
    report = _report(prepared, "bib-veenhoven")
    path = tmp_path / "zonder.pdf"
    path.write_bytes(render_pdf(report, prepared.theme))
    assert qpdf_ok(path) and pdf_info(path)["Tagged"] == "yes"
    assert squash("geen locaties van deze bibliotheek") in squash(pdf_text(path))


def _page_text(path: Path, page: int) -> str:
    return subprocess.run(
        [need("pdftotext"), "-raw", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _heading_pages(path: Path) -> list[tuple[str, int]]:
    """(role, page number) of every H1 and H2 element after the cover title, from the structure tree."""
    with pikepdf.open(path) as pdf:
        index = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        (document,) = kids(pdf.Root.StructTreeRoot)
        found = []
        for elem in walk(document):
            if role(elem) in ("H1", "H2"):
                pages = sorted({page for page, _ in claims(elem, index)})
                found.append((role(elem), pages[0] + 1))
        return found[1:]  # the first H1 is the cover's title


def test_table_of_contents_gives_the_page_each_heading_lands_on(rendered):
    """The TOC's numbers are filled in after the single layout pass: each must be the page on which the
    heading is actually drawn (structure tree), and that page's text must hold the heading (pdftotext)."""
    report, path, theme = rendered
    story = build_story(report, theme, Tagger(enabled=False))
    entries = [(level, text) for level, text in story.headings if level <= 2]
    landed = _heading_pages(path)
    assert [r for r, _ in landed] == [f"H{level}" for level, _ in entries]
    first_body = landed[0][1]
    toc = squash("".join(_page_text(path, page) for page in range(2, first_body)))
    position = 0
    for (_, text), (_, page) in zip(entries, landed, strict=True):
        assert squash(text) in squash(_page_text(path, page)), (text, page)
        match = re.compile(re.escape(squash(text)) + r"\.*(\d+)").search(toc, position)
        assert match, f"no TOC entry for {text!r}"
        assert int(match.group(1)) == page, f"TOC says {text!r} is on page {match.group(1)}, it is on {page}"
        position = match.end()


def test_every_body_page_says_its_number_and_the_total(rendered):
    _, path, _ = rendered
    total = int(pdf_info(path)["Pages"])
    assert total > 3
    for page in range(2, total + 1):
        assert f"Pagina {page} van {total}" in _page_text(path, page), page
    assert "Pagina" not in _page_text(path, 1)  # the cover has no footer


def test_a_heading_with_a_short_text_asks_room_for_the_start_of_its_table():
    """`RoomForStart`, the break before a building block's heading: a short heading and text need room for the
    table's header and first rows too (else the table moves alone and leaves them at the page's foot); a long
    text only needs what any heading needs."""
    from reportlab.lib.styles import getSampleStyleSheet

    from robuust_docs.pdftags import Tagger
    from robuust_docs.render.pdf.para import Para
    from robuust_docs.render.pdf.story import SHORT_START, SPLIT_ROWS, RoomForStart

    style = getSampleStyleSheet()["BodyText"]
    data = [["Indicator", "Waarde"]] + [[f"rij {n}", str(n)] for n in range(6)]
    table = Tagger(enabled=True).table(data, header_rows=1, colWidths=[200, 200])
    short = [Para("Financiën", style), Para("Status: robuust.", style)]
    room = RoomForStart(100.0, short, table)
    assert room.wrap(400, 1000) == (0, 0)  # room enough: no break
    text = sum(f.wrap(400, 1000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in short)
    assert room.height == pytest.approx(max(100.0, text + sum(table._rowHeights[: 1 + SPLIT_ROWS])))
    start = sum(table._rowHeights[: 1 + SPLIT_ROWS])
    middle = list(short)  # a text just short enough, which with the table's first rows needs more than SHORT_START
    while sum(f.wrap(400, 1000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in middle) + 14 <= SHORT_START:
        middle.append(Para("Een regel tekst.", style))
    middle.pop()
    text = sum(f.wrap(400, 1000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in middle)
    assert text <= SHORT_START < text + start
    room = RoomForStart(100.0, middle, table)
    room.wrap(400, 1000)
    assert room.height == pytest.approx(text + start)  # the table's start still counts
    long = short + [Para("Een lange tekst. " * 120, style)]
    room = RoomForStart(100.0, long, table)
    room.wrap(400, 1000)
    assert sum(f.wrap(400, 1000)[1] for f in long) > SHORT_START and room.height == 100.0


def test_every_stream_is_compressed_once_by_qpdf_with_the_same_bytes_as_reportlab_first(prepared, monkeypatch):
    """reportlab leaves a tagged PDF's page streams uncompressed, because qpdf (saving the structure) decodes and
    compresses again every Flate stream it reads: the result is the same bytes as when reportlab compresses them
    first, and every stream of it is compressed."""
    from robuust_docs.render.pdf import document

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    report = _report(prepared, "bib-veenhoven")
    ours = render_pdf(report, prepared.theme)
    made = document.ReportDoc.__init__
    monkeypatch.setattr(document.ReportDoc, "__init__", lambda self, *a, **k: made(self, *a, **{**k, "compress": True}))
    assert render_pdf(report, prepared.theme) == ours  # reportlab compressing first: the same bytes
    with pikepdf.open(io.BytesIO(ours)) as pdf:
        # (the XMP metadata stays readable as text, as qpdf and the PDF/A convention leave it)
        streams = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Type") != "/Metadata"]
        assert len(streams) > 20
        assert all(s.get("/Filter") == pikepdf.Name.FlateDecode for s in streams), "an uncompressed stream"
