"""Per-process caches (fonts, drawings, forms) must not carry anything from one library into the next: A, then
B, then A again gives A's bytes exactly, in both formats, and the same bytes as with the caches emptied."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from robuust_docs import fmt
from robuust_docs.app import Settings, prepare, report_for
from robuust_docs.render import render_docx, render_pdf
from robuust_docs.render.charts import cache, png
from robuust_docs.render.docx import pages
from robuust_docs.render.docx import render as docx_render
from robuust_docs.render.pdf import handreiking, para, story

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
    para._PARSED.clear()
    para._WRAPPED.clear()
    png._text_mask.cache_clear()
    fmt._number.cache_clear()
    docx_render._Template._patched.clear()
    pages._wrap.cache_clear()
    assert both("bib-veenhoven") == first  # the same bytes as without anything cached


def test_the_patched_template_xml_is_docxtpls_own(monkeypatch):
    """The per-process `patch_xml` gives what docxtpl's own gives, for the body and every header and footer."""
    from docxtpl import DocxTemplate

    tpl = docx_render._open_template(ROOT / "templates" / "handreiking.docx")
    sources = (
        [tpl.get_xml()]
        + [tpl.get_part_xml(part) for _, part in tpl.get_headers_footers(tpl.HEADER_URI)]
        + [tpl.get_part_xml(part) for _, part in tpl.get_headers_footers(tpl.FOOTER_URI)]
    )
    assert len(sources) > 1
    for source in sources:
        assert tpl.patch_xml(source) == DocxTemplate.patch_xml(tpl, source)
        assert tpl.patch_xml(source) == DocxTemplate.patch_xml(tpl, source)  # and again, from the cache


def test_para_makes_the_same_pdf_as_reportlabs_own_paragraph(monkeypatch):
    """`Para` only skips repeated parsing and wrapping: with reportlab's Paragraph in its place the PDFs are the
    same, byte for byte, also for the libraries rendered after the first, which take parses and lines from it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    settings = Settings(ROOT / "data", ROOT / "templates", Path("unused"), today=datetime.date(2026, 11, 25))
    prepared = prepare(settings)
    reports = [report_for(prepared, lid) for lid in ("bib-kranenwaard", "bib-veenhoven", "bib-amsteloord")]
    para._PARSED.clear()
    para._WRAPPED.clear()
    ours = [render_pdf(report, prepared.theme) for report in reports]
    assert len(para._WRAPPED) > 100  # (the cache was used)
    for module in (story, handreiking):
        monkeypatch.setattr(module, "Para", Paragraph)
    assert [render_pdf(report, prepared.theme) for report in reports] == ours


def test_fonts_that_remember_their_splits_make_the_same_pdfs_as_reportlabs_own(monkeypatch):
    """The theme's fonts keep, per document, how each text was split into subsets: two libraries rendered one
    after the other give the same bytes as with reportlab's own TTFont."""
    from robuust_docs.render import theme as theme_module

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    settings = Settings(ROOT / "data", ROOT / "templates", Path("unused"), today=datetime.date(2026, 11, 25))
    prepared = prepare(settings)
    reports = [report_for(prepared, lid) for lid in ("bib-veenhoven", "bib-amsteloord")]
    theme_module._registered.clear()
    ours = [render_pdf(report, prepared.theme) for report in reports]
    monkeypatch.setattr(theme_module, "_remembering", lambda ttfont: ttfont)
    theme_module._registered.clear()
    try:
        assert [render_pdf(report, prepared.theme) for report in reports] == ours
    finally:
        monkeypatch.undo()
        theme_module._registered.clear()  # the next render registers the remembering fonts again


def test_a_finished_pdf_leaves_no_reference_cycles_through_its_document():
    """`render_story` breaks the cycles of reportlab's document, canvas and PDF objects and of the structure
    tree once the bytes are out, so reference counting frees most of a library's PDF at once instead of leaving
    it to the cycle collector, which first has to scan it (a third of the garbage left; issue 18)."""
    import gc

    from robuust_docs.pdftags.tree import Node
    from robuust_docs.render.pdf.document import ReportDoc

    settings = Settings(ROOT / "data", ROOT / "templates", Path("unused"), today=datetime.date(2026, 11, 25))
    prepared = prepare(settings, libraries=["bib-veenhoven"])
    report = report_for(prepared, "bib-veenhoven")
    render_pdf(report, prepared.theme)  # caches filled: what stays in them is not garbage
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        assert render_pdf(report, prepared.theme).startswith(b"%PDF")
        gc.collect()
        left = sorted({type(o).__name__ for o in gc.garbage if isinstance(o, ReportDoc | Node)})
        garbage = len(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == []
    assert garbage < 3_500  # 2.400 left (reportlab's text objects and paragraph fragments); 7.700 before


def test_resolving_listings_per_paragraph_gives_docxtpls_result(monkeypatch):
    """`_Template.resolve_listing` hands docxtpl only the paragraphs with a tab, newline, \\a or \\f in a text:
    the same XML as docxtpl's own over the whole part, for made-up paragraphs and for a real handreiking's body."""
    from docxtpl import DocxTemplate

    template = object.__new__(docx_render._Template)
    theirs = DocxTemplate.resolve_listing
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    made_up = (
        f"<w:body {w}>"
        '<w:p w:rsidR="1"><w:pPr><w:pStyle w:val="Kop1"/></w:pPr><w:r><w:t>Geen bijzonderheden</w:t></w:r></w:p>'
        '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">regel 1\nregel 2\tna tab</w:t></w:r>'
        "<w:r><w:tab/><w:t>alinea\aerna</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>pagina\feinde</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p/><w:p><w:pPr/><w:r><w:t>&lt;w:t&gt; als tekst\n</w:t></w:r></w:p>"
        "</w:body>"
    )
    assert template.resolve_listing(made_up) == theirs(template, made_up) != made_up

    bodies: list[str] = []
    ours = docx_render._Template.resolve_listing

    def keep(self, xml):
        bodies.append(xml)
        return ours(self, xml)

    monkeypatch.setattr(docx_render._Template, "resolve_listing", keep)
    settings = Settings(ROOT / "data", ROOT / "templates", Path("unused"), today=datetime.date(2026, 11, 25))
    prepared = prepare(settings, libraries=["bib-veenhoven"])
    render_docx(report_for(prepared, "bib-veenhoven"), settings.template, prepared.theme)
    body = max(bodies, key=len)
    assert len(body) > 50_000
    assert ours(template, body) == theirs(template, body) != body
