"""`render_story`: lay out a story of tagged flowables as a print-ready, tagged PDF (any report model's `DocMeta`
gives the properties and the running header). Only `render/pdf/` and `pdftags/` import reportlab's platypus.

Page furniture (running header, "Pagina X van Y", the cover band) is drawn as artifacts; every flowable of the
story is tagged by `pdftags`, and the structure tree is written after the build. The story is laid out once: the
numbers known only at the end (the TOC's pages, "van Y") are form XObjects defined after the last page
(`forward.py`). Fonts are the theme's
embedded TrueType fonts. The creation and modification dates are the generation time (`SOURCE_DATE_EPOCH` when
set); `invariant` keeps everything else reproducible, so the same input and time give the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import io

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from robuust_docs.pdftags import Tagger, write_structure
from robuust_docs.render.pdf.forward import ForwardTOC, define_forms, footer_form
from robuust_docs.render.pdf.story import heading_level
from robuust_docs.render.pdf.style import COVER_BAND, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, TOC_DEPTH
from robuust_docs.render.theme import Theme, register_fonts
from robuust_docs.render.timestamp import generation_time
from robuust_docs.report.model import DocMeta


class ReportDoc(BaseDocTemplate):
    """A4, a cover page and body pages; headings feed the outline and the table of contents."""

    def __init__(self, buffer, meta: DocMeta, theme: Theme, tagger: Tagger, compress: bool = True):
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=meta.titel,
            author=meta.auteur,
            subject=meta.onderwerp,
            keywords=meta.trefwoorden,
            creator="robuust-docs",
            lang="nl-NL",
            invariant=1,
            pageCompression=1 if compress else 0,
            initialFontName=theme.font,
            initialFontSize=10,
        )
        self.meta, self.theme, self.tagger = meta, theme, tagger
        self.generated = pdf_date(generation_time())
        self.toc: ForwardTOC | None = None
        self.footers: dict[int, tuple[str, float, object]] = {}  # body page → font, size, colour of its number
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._cover_page),
                PageTemplate("body", [frame], onPage=self._body_page),
            ]
        )
        self._heading_count = 0
        self.pages = 0

    def beforeDocument(self):  # noqa: N802
        self._heading_count = 0
        self.footers = {}
        self.pages = 0

    def afterPage(self):  # noqa: N802
        self.pages = self.page
        self.canv.setDateFormatter(lambda *_: self.generated)  # instead of invariant's 2000-01-01

    def afterFlowable(self, flowable):  # noqa: N802
        level = heading_level(flowable)
        if level is None:
            return
        text = flowable.wrapped.getPlainText() if hasattr(flowable, "wrapped") else flowable.getPlainText()
        self._heading_count += 1
        key = f"h{self._heading_count}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level - 1, closed=level > 1)
        if level <= TOC_DEPTH and self.toc is not None:
            self.toc.notify("TOCEntry", (level - 1, text, self.page, key))

    def _cover_page(self, canvas, doc) -> None:
        with self.tagger.artifact(canvas, kind="Layout"):
            canvas.saveState()
            canvas.setFillColor(HexColor(self.theme.primary))
            canvas.rect(0, A4[1] - COVER_BAND, A4[0], COVER_BAND, stroke=0, fill=1)
            canvas.setFillColor(HexColor(self.theme.band))
            canvas.rect(0, A4[1] - COVER_BAND - 0.4 * cm, A4[0], 0.4 * cm, stroke=0, fill=1)
            if self.theme.logo is not None:
                canvas.drawImage(
                    str(self.theme.logo),
                    MARGIN_X,
                    A4[1] - 4.4 * cm,
                    width=6 * cm,
                    height=3 * cm,
                    preserveAspectRatio=True,
                    anchor="sw",
                    mask="auto",
                )
            canvas.restoreState()

    def _body_page(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(self.theme.font, 8)
        canvas.setFillColor(HexColor(self.theme.light))
        with self.tagger.artifact(canvas, kind="Pagination", subtype="Header"):
            canvas.drawString(MARGIN_X, A4[1] - 1.4 * cm, _clip(self.meta.koptekst, 80))
            canvas.drawRightString(A4[0] - MARGIN_X, A4[1] - 1.4 * cm, self.meta.reeks)
            canvas.setStrokeColor(HexColor(self.theme.track))
            canvas.line(MARGIN_X, A4[1] - 1.6 * cm, A4[0] - MARGIN_X, A4[1] - 1.6 * cm)
        with self.tagger.artifact(canvas, kind="Pagination", subtype="Footer"):
            # "Pagina n van Y": a form defined after the last page, when Y is known (see forward.py)
            canvas.saveState()
            canvas.translate(A4[0] - MARGIN_X, 1.2 * cm)
            canvas.doForm(footer_form(doc.page))
            canvas.restoreState()
            self.footers[doc.page] = (self.theme.font, 8, HexColor(self.theme.light))
            canvas.drawString(MARGIN_X, 1.2 * cm, self.meta.datum)
        canvas.restoreState()


def pdf_date(when) -> str:
    """A PDF date in UTC: D:YYYYMMDDHHmmSS+00'00'."""
    return when.astimezone(_dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def render_story(meta: DocMeta, build, theme: Theme, tagged: bool = True) -> bytes:
    """Lay out the story that `build(tagger)` returns (with `.items`, `.headings`, `.toc`) as a tagged PDF, in
    one layout pass: the TOC gets its entries before the build, page numbers are defined after it."""
    register_fonts(theme)
    tagger = Tagger(enabled=tagged)
    buffer = io.BytesIO()
    # a tagged PDF's page streams are compressed once, by qpdf when `write_structure` saves it: qpdf decodes and
    # compresses again every Flate stream it reads, so reportlab compressing them first gave the same bytes for
    # twice the work (10 ms of a handreiking; tests/render/test_pdf.py compares the bytes both ways)
    doc = ReportDoc(buffer, meta, theme, tagger, compress=not tagged)
    built = build(tagger)
    doc.toc = built.toc
    if built.toc is not None:
        headings = enumerate(built.headings, start=1)
        built.toc.expect([(level - 1, text, f"h{n}") for n, (level, text) in headings if level <= TOC_DEPTH])
    doc._doSave = 0  # reportlab's switch (multiBuild uses it too): save after the forms are defined
    doc.build(built.items)
    define_forms(doc.canv, doc.toc, doc.footers, doc.pages)
    doc.canv.save()
    pdf = buffer.getvalue()
    try:
        return write_structure(pdf, tagger, title=meta.titel, lang="nl-NL") if tagged else pdf
    finally:
        _release(doc.canv._doc, doc.canv, doc, built, tagger.tree, tagger)


def _release(*finished: object) -> None:
    """Break the reference cycles of a finished document (reportlab's document, canvas and PDF objects point at
    each other, as do the structure tree's elements), so that reference counting frees it at once, instead of
    the cycle collector after it has scanned it: 2.400 objects of a handreiking's PDF are left to it, not 7.700
    (a third of a pool worker's time in the collector saved; issue 18)."""
    for part in finished:
        vars(part).clear()
