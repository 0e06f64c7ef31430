"""The Word renderer: validator-clean files, every value put in comes out, the template is checked, and the file
is finished (contents with the right page numbers, blocks kept together, true dates, coloured statuses)."""

from __future__ import annotations

import dataclasses
import datetime
import io
import os
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn

from robuust_docs.app import Settings, prepare, report_for
from robuust_docs.app.overview import write_overview_reports
from robuust_docs.errors import TemplateError
from robuust_docs.render import check_template, render_docx, render_pdf, template_problems
from robuust_docs.render.docx.finish import finish_document
from robuust_docs.status import Status
from tests.checks import docx_text, libreoffice_pdf, need, pdf_info, pdf_text, run, squash

pytestmark = pytest.mark.slow  # renders whole documents

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = {
    "ampersand": "Lezen & Schrijven",
    "angles": "a < b > c <w:p> </w:t>",
    "quotes": "‘enkel’ “dubbel” 'recht' \"recht\"",
    "emoji": "Leesplezier 📚🎉",
    "diacritics": "Súdwest-Fryslân, Kapelle-op-den-Bosch, IJsselstein, ĳs",
    "long": "Bibliotheek " + "Heel-Lange-Naam-" * 20 + "Einde",
    "jinja": "{{ bibliotheek.naam }} {% if x %}",
    "control": "tab\there",
}


@pytest.fixture(scope="module")
def setup():
    prepared = prepare(Settings(ROOT / "data", ROOT / "templates", Path("unused"), today=datetime.date(2026, 11, 25)))
    lib = prepared.analysis.libraries["bib-veenhoven"]
    return prepared, report_for(prepared, lib.id)


def _hostile_report(report, value: str):
    info = dataclasses.replace(report.bibliotheek, naam=value)
    blocks = (*report.verhaal.blokken, dataclasses.replace(report.verhaal.blokken[-1], tekst=f"Alinea: {value}"))
    story = dataclasses.replace(report.verhaal, blokken=blocks)
    rows = report.gemeenten.vergelijking
    compared = (dataclasses.replace(rows[0], naam=f"Gemeente {value}"), *rows[1:])
    municipalities = dataclasses.replace(report.gemeenten, vergelijking=compared)
    return dataclasses.replace(report, bibliotheek=info, ondertitel=value, verhaal=story, gemeenten=municipalities)


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_every_value_put_in_comes_out_of_word_and_pdf(setup, tmp_path, value):
    prepared, report = setup
    hostile = _hostile_report(report, value)
    path = tmp_path / "h.docx"
    path.write_bytes(render_docx(hostile, ROOT / "templates" / "handreiking.docx", prepared.theme))
    text = docx_text(path)
    visible = value.replace("\t", " ")
    for expected in (f"Alinea: {value}", f"Gemeente {value}"):
        assert squash(expected.replace("\t", " ")) in squash(text.replace("\t", " "))
    assert squash(visible) in squash(Document(str(path)).sections[0].header.paragraphs[0].text.replace("\t", " "))
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(render_pdf(hostile, prepared.theme))
    if "📚" not in value:  # the embedded font has no emoji glyphs; the PDF shows a gap, the text stays
        assert squash(f"Alinea: {visible}") in squash(pdf_text(pdf))


def test_line_breaks_in_content_render_as_line_breaks(setup, tmp_path):
    prepared, report = setup
    hostile = _hostile_report(report, "eerste regel\ntweede regel")
    path = tmp_path / "nl.docx"
    path.write_bytes(render_docx(hostile, ROOT / "templates" / "handreiking.docx", prepared.theme))
    xml = Document(str(path)).element.xml
    assert "eerste regel" in xml and "tweede regel" in xml
    assert "<w:br/>" in xml


def test_sample_output_is_clean_for_the_strict_ooxml_validator(setup, tmp_path):
    tool = need("openxml-audit")
    prepared, report = setup
    files = [tmp_path / "sample.docx", tmp_path / "hostile.docx"]
    files[0].write_bytes(render_docx(report, ROOT / "templates" / "handreiking.docx", prepared.theme))
    files[1].write_bytes(
        render_docx(
            _hostile_report(report, " ".join(HOSTILE.values())), ROOT / "templates" / "handreiking.docx", prepared.theme
        )
    )
    for path in [*files, ROOT / "templates" / "handreiking.docx"]:
        result = subprocess.run([tool, "--policy", "strict", "-m", "0", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and "Errors: 0" in result.stdout + result.stderr, result.stdout[-2000:]


def test_headings_are_in_order(setup, tmp_path):
    prepared, report = setup
    path = tmp_path / "o.docx"
    path.write_bytes(render_docx(report, ROOT / "templates" / "handreiking.docx", prepared.theme))
    levels = [int(p.style.name[-1]) for p in Document(str(path)).paragraphs if p.style.name.startswith("Heading")]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def _template(tmp_path: Path, paragraphs: list[str], cell: str | None = None) -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if cell is not None:
        doc.add_table(rows=1, cols=2).rows[0].cells[1].text = cell
    path = tmp_path / "sjabloon.docx"
    doc.save(path)
    return path


def test_template_check_accepts_the_default_template():
    assert template_problems(ROOT / "templates" / "handreiking.docx") == []


def test_template_check_locates_a_broken_tag(tmp_path):
    path = _template(tmp_path, ["{{ titel }}", "Tekst", "{% for x in bouwstenen %}{{ x.naam }}"])
    (problem,) = template_problems(path)
    assert problem.file == "sjabloon.docx"
    assert "alinea 3" in problem.message


def test_template_check_names_an_unknown_field_with_a_suggestion(tmp_path):
    path = _template(tmp_path, ["{{ titel }}", "{{ bibliotheek.nam }}"])
    (problem,) = template_problems(path)
    assert problem.value == "bibliotheek.nam"
    assert "alinea 2" in problem.message and "bibliotheek.naam" in problem.message


def test_template_check_finds_a_misspelt_nested_field_in_a_table_cell(tmp_path):
    path = _template(
        tmp_path,
        ["{%p for m in bouwstenen %}", "{{ m.naam }}", "{%p endfor %}"],
        cell="{% for r in bouwstenen[0].rijen %}{{ r.mediaan }} {{ r.statuss.label }}{% endfor %}",
    )
    (problem,) = template_problems(path)
    assert problem.value == "bouwstenen[].rijen[].statuss.label"
    assert "tabel 1, rij 1, cel 2" in problem.message
    assert "bouwstenen[].rijen[].status.label" in problem.message
    with pytest.raises(TemplateError):
        check_template(path)


def test_template_check_rejects_a_file_that_is_not_word(tmp_path):
    path = tmp_path / "kapot.docx"
    path.write_bytes(b"dit is geen Word-bestand")
    (problem,) = template_problems(path)
    assert "geen geldig Word-bestand" in problem.message


# --- a finished Word file: contents with page numbers, blocks kept together, true dates, coloured statuses --------


def _sample_docx(setup, path: Path, library: str | None = None) -> Path:
    prepared, report = setup
    if library is not None:
        report = report_for(prepared, library)
    path.write_bytes(render_docx(report, ROOT / "templates" / "handreiking.docx", prepared.theme))
    return path


def _outline(pdf: Path) -> list[tuple[int, str, int]]:
    """(level, title, page) of every bookmark of a PDF: LibreOffice exports one per heading."""
    with pikepdf.open(pdf) as document:
        pages = {page.objgen: number for number, page in enumerate(document.pages, start=1)}
        found = []

        def walk(items, level):
            for item in items:
                destination = item.destination
                if destination is None and item.action is not None:
                    destination = item.action.get("/D")
                found.append((level, " ".join(str(item.title).split()), pages[destination[0].objgen]))
                walk(item.children, level + 1)

        with document.open_outline() as outline:
            walk(outline.root, 1)
    return found


def _stored_numbers(docx: Path) -> list[str]:
    """The page number each contents entry carries for Word (the last text of its link)."""
    links = Document(str(docx)).element.body.iter(qn("w:hyperlink"))
    return [[t.text or "" for t in link.iter(qn("w:t"))][-1] for link in links]


def test_contents_numbers_are_the_pages_of_the_headings_after_a_libreoffice_conversion(setup, tmp_path):
    docx = _sample_docx(setup, tmp_path / "toc.docx")
    assert all(n.isdigit() for n in _stored_numbers(docx))  # Word shows a number for every entry at once
    converted = libreoffice_pdf(docx, tmp_path)
    headings = [h for h in _outline(converted) if h[0] <= 2]
    assert len(headings) > 20 and headings[0][2] == 3  # cover, one page of contents, then the first chapter
    contents = run(need("pdftotext"), "-layout", "-f", "2", "-l", "2", str(converted), "-").stdout
    position, shown = 0, []
    for _, title, _ in headings:  # all on page 2: the contents fit their page
        entry = re.compile(r"\s+".join(map(re.escape, title.split())) + r"[\s.]*?(\d+)\s*$", re.M)
        found = entry.search(contents, position)
        assert found, f"'{title}' is not in the contents on page 2"
        shown.append(int(found.group(1)))
        position = found.end()
    assert shown == [page for _, _, page in headings]


def test_the_numbers_word_shows_first_are_close_to_the_real_layout(setup, tmp_path):
    """The stored numbers come from a model of Word's layout. Measured against LibreOffice with the theme's Liberation
    Sans standing in for Arial (the fonts Word would use): almost all exact, none more than two pages off."""
    prepared, _ = setup
    soffice = need("soffice")
    fonts = tmp_path / "fonts.conf"
    fonts.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{ROOT / 'templates' / 'fonts'}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir>"
        "<alias><family>Arial</family><prefer><family>Liberation Sans</family></prefer></alias></fontconfig>"
    )
    docs = [_sample_docx(setup, tmp_path / f"{lib}.docx", lib) for lib in ("bib-veenhoven", "bib-de-kempenhei")]
    settings = dataclasses.replace(prepared.settings, out_dir=tmp_path / "overzicht")
    docs += write_overview_reports(dataclasses.replace(prepared, settings=settings), None, ("docx",))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "lo"), *map(str, docs)],
        capture_output=True, timeout=300, env={**os.environ, "FONTCONFIG_FILE": str(fonts)},
    )  # fmt: skip
    differences = []
    for docx in docs:
        converted = tmp_path / "lo" / (docx.stem + ".pdf")
        assert "LiberationSans" in run(need("pdffonts"), str(converted)).stdout
        actual = [page for level, _, page in _outline(converted) if level <= 2]
        stored = [int(n) for n in _stored_numbers(docx)]
        assert len(stored) == len(actual) > 20
        differences += [a - b for a, b in zip(stored, actual, strict=True)]
    exact = sum(1 for d in differences if d == 0)
    assert exact >= 0.9 * len(differences) and max(map(abs, differences)) <= 2, differences


def _converted(paths: list[Path], out_dir: Path) -> list[str]:
    """Text per page of each file after one LibreOffice conversion of them all."""
    soffice = need("soffice")
    run(
        soffice,
        f"-env:UserInstallation=file://{out_dir}/lo-profile",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        *map(str, paths),
    )
    texts = []
    for path in paths:
        pdf = out_dir / (path.stem + ".pdf")
        assert pdf.is_file(), f"LibreOffice could not convert {path.name}"
        texts.append(run(need("pdftotext"), str(pdf), "-").stdout.split("\f"))
    return texts


def test_a_heading_its_status_line_and_a_small_table_never_part_over_a_page_break(tmp_path):
    """The block slides down the page in steps of one line; wherever the page break falls, it moves whole."""
    from tests.render.test_docx_finish import META, THEME, WHEN, _document

    paths = []
    for lines in range(22, 40):
        doc = _document(toc=None)
        for i in range(lines):
            doc.add_paragraph(f"regel {i}")
        doc.add_paragraph("KOP", style="Heading 2")
        doc.add_paragraph("STATUS: robuust")
        table = doc.add_table(rows=4, cols=2)
        table.style = doc.styles["Robuust tabel"]
        for i, row in enumerate(table.rows):
            row.cells[0].text = f"CEL{i}"
        doc.add_paragraph("Daarna " + "tekst " * 40)
        finish_document(doc, META, WHEN, THEME)
        paths.append(tmp_path / f"blok-{lines}.docx")
        doc.save(paths[-1])
    starts = set()
    for path, pages in zip(paths, _converted(paths, tmp_path), strict=True):
        where = {m: next(n for n, text in enumerate(pages, 1) if m in text) for m in ("KOP", "STATUS", "CEL0", "CEL3")}
        assert len(set(where.values())) == 1, f"{path.name}: {where}"
        starts.add(where["KOP"])
    assert starts == {1, 2}  # the sweep did cross the page break


def test_both_formats_are_dated_with_the_generation_time(setup, tmp_path, monkeypatch):
    prepared, report = setup
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764063000")  # 25 November 2025, 09:30 UTC
    when = datetime.datetime(2025, 11, 25, 9, 30, tzinfo=datetime.UTC)
    docx = _sample_docx(setup, tmp_path / "d.docx")
    props = Document(str(docx)).core_properties
    assert props.created == when and props.modified == when and props.last_modified_by == "robuust-docs"
    pdf = render_pdf(report, prepared.theme)
    assert pdf == render_pdf(report, prepared.theme)  # reproducible with SOURCE_DATE_EPOCH
    with pikepdf.open(io.BytesIO(pdf)) as document:
        dates = {str(document.docinfo[key]) for key in ("/CreationDate", "/ModDate")}
        assert len(dates) == 1 and dates.pop().startswith("D:20251125093000+00'00")
        xmp = document.open_metadata()
        assert xmp["xmp:CreateDate"].startswith("2025-11-25T09:30:00")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    path = tmp_path / "nu.pdf"
    path.write_bytes(render_pdf(report, prepared.theme, tagged=False))
    created = datetime.datetime.strptime(pdf_info(path)["CreationDate"], "%a %b %d %H:%M:%S %Y %Z")
    assert abs(created.replace(tzinfo=datetime.UTC) - before) < datetime.timedelta(days=1)  # today, not 2000


def test_status_cells_and_lines_are_coloured_and_bold(setup, tmp_path):
    prepared, report = setup
    doc = Document(str(_sample_docx(setup, tmp_path / "s.docx")))
    colours = {s.text: prepared.theme.status_colors[s.code].lstrip("#").upper() for s in Status}
    cells = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    statuses = [r for p in [*doc.paragraphs, *cells] for r in p.runs if r.text in colours]
    expected = len(report.profiel) + sum(1 + len(m.rijen) for m in report.bouwstenen)
    assert len(statuses) == expected
    assert all(r.bold and str(r.font.color.rgb) == colours[r.text] for r in statuses)


def test_a_warmed_template_is_not_compiled_again_by_the_render(setup, monkeypatch):
    """`warm_template` compiles every part `render_docx` compiles (body, header, footer, properties), the same
    sources in the same environment: the render after it compiles nothing (issue 18: the PDF's process compiles it
    while the input is read). It fails when docxtpl changes what it hands to Jinja."""
    from robuust_docs.render.docx import warm_template
    from robuust_docs.render.docx.sandbox import TemplateSandbox
    from robuust_docs.report.model import Report

    prepared, report = setup
    monkeypatch.setenv("ROBUUST_DOCS_CACHE", "uit")  # no code kept from an earlier run
    monkeypatch.setattr(TemplateSandbox, "_compiled", {})
    compiled = []
    real = TemplateSandbox.compile
    monkeypatch.setattr(TemplateSandbox, "compile", lambda env, *a, **k: compiled.append(1) or real(env, *a, **k))
    warm_template(prepared.settings.template, Report)
    assert len(compiled) >= 3  # body, header, footer and the document properties
    before = len(compiled)
    render_docx(report, prepared.settings.template, prepared.theme)
    assert len(compiled) == before


def test_a_template_that_cannot_be_opened_is_left_to_the_render(tmp_path):
    from robuust_docs.render.docx import warm_template
    from robuust_docs.report.model import Report

    broken = tmp_path / "handreiking.docx"
    broken.write_bytes(b"geen zip")
    warm_template(broken, Report)  # says nothing: render_docx reports it (tested above)
    with pytest.raises(TemplateError):
        check_template(broken)
