"""A small multi-page tagged report built with robuust_docs.pdftags, shared by the tests and the timing.

Run `python -m tests.pdftags_demo` to write tests/results/pdftags_demo.pdf and print how much tagging
adds to an untagged build of the same document.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer
from reportlab.platypus.tableofcontents import TableOfContents

from robuust_docs.pdftags import Tagger, write_structure
from robuust_docs.pdftags.marking import Marker

FONT_DIR = Path(__file__).resolve().parent.parent / "templates" / "fonts"
FONT = "LiberationSans"
TITLE = "Handreiking Bibliotheek Voorbeeldstad"
HEADING_LEVELS = {"H1": 0, "H2": 1, "H3": 2}
TABLE_ROWS = 60
TABLE_COLUMNS = ("Vestiging", "Type", "Leden", "Uitleningen")
LONG_TEXT = " ".join(["De bibliotheek bereikt inwoners in alle wijken van de gemeente."] * 90)


def register_fonts() -> None:
    """Register Liberation Sans (four faces) as the family FONT; idempotent."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    faces = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}
    for suffix, face in faces.items():
        pdfmetrics.registerFont(TTFont(FONT + suffix, str(FONT_DIR / f"LiberationSans-{face}.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Italic", boldItalic=FONT + "-BoldItalic"
    )


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles that use only the registered font (bullets included)."""
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, spaceAfter=6, bulletFontName=FONT)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=FONT + "-Bold", fontSize=20, leading=24),
        "H1": ParagraphStyle(
            "H1", parent=body, fontName=FONT + "-Bold", fontSize=18, leading=22, keepWithNext=1, spaceBefore=6
        ),
        "H2": ParagraphStyle("H2", parent=body, fontName=FONT + "-Bold", fontSize=14, leading=18, keepWithNext=1),
        "H3": ParagraphStyle("H3", parent=body, fontName=FONT + "-Bold", fontSize=11, leading=14, keepWithNext=1),
        "cell": ParagraphStyle("cell", parent=body, spaceAfter=0),
        "toc0": ParagraphStyle("toc0", parent=body, leftIndent=0, spaceAfter=2),
        "toc1": ParagraphStyle("toc1", parent=body, leftIndent=12, spaceAfter=2),
        "toc2": ParagraphStyle("toc2", parent=body, leftIndent=24, spaceAfter=2),
    }


def chart() -> Drawing:
    """A small bar chart drawn with reportlab.graphics in the registered font."""
    drawing = Drawing(300, 120, initialFontName=FONT)
    for i, value in enumerate((40, 75, 55, 90)):
        drawing.add(Rect(20 + i * 70, 20, 40, value, fillColor=colors.steelblue, strokeColor=None))
        drawing.add(String(40 + i * 70, 5, f"Q{i + 1}", fontName=FONT, fontSize=8, textAnchor="middle"))
    return drawing


def expected_headings() -> list[tuple[str, str]]:
    """The headings of the demo story, in reading order: (role, text)."""
    return [
        ("H1", "Inleiding"),
        ("H2", "Bereik"),
        ("H3", "Vestigingen"),
        ("H2", "Aanbevelingen"),
        ("H1", "Cijfers"),
        ("H2", "Uitleningen per kwartaal"),
    ]


def table_data(st: dict[str, ParagraphStyle]) -> list[list[object]]:
    """A header row and TABLE_ROWS body rows; the first column holds Paragraphs."""
    rows: list[list[object]] = [list(TABLE_COLUMNS)]
    for i in range(TABLE_ROWS):
        rows.append([Paragraph(f"Vestiging {i + 1}", st["cell"]), "vestiging", str(1000 + i * 7), str(5000 + i)])
    return rows


def build_story(tagger: Tagger) -> list[object]:
    """The demo story: TOC, sections with headings, a split paragraph, a list, a split table, a figure."""
    st = styles()
    t = tagger
    h = iter(expected_headings())

    def head() -> object:
        role, text = next(h)
        return t.leaf(Paragraph(text, st[role]), role)

    toc = TableOfContents(levelStyles=[st["toc0"], st["toc1"], st["toc2"]], dotsMinLevel=0)
    return [
        t.leaf(Paragraph(TITLE, st["title"]), "P"),
        t.toc(toc),
        t.begin("Sect"),
        head(),
        t.leaf(
            Paragraph('Zie <a href="https://example.org/robuust" color="blue">de website</a> voor meer.', st["body"]),
            "P",
        ),
        t.begin("Sect"),
        head(),
        t.leaf(Paragraph(LONG_TEXT, st["body"]), "P"),
        t.begin("Sect"),
        head(),
        t.table(
            table_data(st),
            colWidths=[5 * cm, 3 * cm, 3 * cm, 3 * cm],
            style=[
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTNAME", (0, 0), (-1, 0), FONT + "-Bold"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ],
        ),
        t.end(),
        t.end(),
        t.begin("Sect"),
        head(),
        t.list_flowable(
            [
                Paragraph(x, st["body"])
                for x in ("Meer leden werven.", "Openingstijden verruimen.", "Samenwerken met scholen.")
            ],
            bulletType="bullet",
            bulletFontName=FONT,
            start="\u2022",
        ),
        t.end(),
        t.end(),
        Spacer(1, 12),
        t.begin("Sect"),
        head(),
        t.leaf(Paragraph("De uitleningen stegen in het laatste kwartaal.", st["body"]), "P"),
        t.begin("Sect"),
        head(),
        t.leaf(chart(), "Figure", alt="Staafdiagram: uitleningen per kwartaal, Q1 40, Q2 75, Q3 55, Q4 90."),
        t.leaf(Paragraph("Figuur 1. Uitleningen per kwartaal.", st["body"]), "Caption"),
        t.end(),
        t.end(),
    ]


class DemoDoc(BaseDocTemplate):
    """A4 with one frame, header/footer as artifacts, outline entries and TOC notifications."""

    def __init__(self, buffer: io.BytesIO, tagger: Tagger) -> None:
        super().__init__(buffer, pagesize=A4, title=TITLE, invariant=1, initialFontName=FONT)
        self.tagger = tagger
        frame = Frame(2 * cm, 2 * cm, A4[0] - 4 * cm, A4[1] - 4 * cm, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self.furniture)])

    def furniture(self, canvas: object, doc: object) -> None:
        """Running header and page number as Pagination artifacts."""
        with self.tagger.artifact(canvas, subtype="Header"):
            canvas.setFont(FONT, 8)
            canvas.drawString(2 * cm, A4[1] - 1.2 * cm, TITLE)
        with self.tagger.artifact(canvas, subtype="Footer"):
            canvas.setFont(FONT, 8)
            canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Pagina {canvas.getPageNumber()}")

    def afterFlowable(self, flowable: object) -> None:  # noqa: N802 (reportlab hook)
        """Bookmark headings (recognised by style, so the untagged build does the same) and report them
        to the table of contents."""
        style = getattr(flowable, "style", None)
        level = HEADING_LEVELS.get(getattr(style, "name", ""))
        if level is None:
            return
        text = flowable.getPlainText()
        key = "h-" + "-".join(text.lower().split())
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=False)
        self.notify("TOCEntry", (level, text, self.page, key))


def build_pdf(tagger: Tagger, drop_markers: bool = False) -> bytes:
    """Build the demo with multiBuild (for the TOC) and return the PDF bytes, before tagging.
    `drop_markers` leaves the begin/end markers out of the story (to show they do not move anything)."""
    register_fonts()
    buffer = io.BytesIO()
    story = build_story(tagger)
    if drop_markers:
        story = [flowable for flowable in story if not isinstance(flowable, Marker)]
    passes = DemoDoc(buffer, tagger).multiBuild(story)
    assert passes == 2, f"the demo should settle in 2 multiBuild passes, took {passes}"
    return buffer.getvalue()


def build_tagged() -> tuple[bytes, Tagger]:
    """The demo as a tagged PDF, with the tagger that recorded its tree."""
    tagger = Tagger()
    return write_structure(build_pdf(tagger), tagger, TITLE), tagger


def time_builds(repeat: int = 5) -> dict[str, float]:
    """Best-of-`repeat` seconds for an untagged build and a tagged build including write_structure."""
    register_fonts()
    untagged = min(_seconds(lambda: build_pdf(Tagger(enabled=False))) for _ in range(repeat))
    tagged = min(_seconds(build_tagged) for _ in range(repeat))
    return {"untagged": untagged, "tagged": tagged, "overhead": tagged / untagged - 1}


def _seconds(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


if __name__ == "__main__":
    results = Path(__file__).resolve().parent / "results"
    results.mkdir(exist_ok=True)
    pdf, _ = build_tagged()
    (results / "pdftags_demo.pdf").write_bytes(pdf)
    times = time_builds()
    sys.stdout.write(
        f"untagged {times['untagged'] * 1000:.1f} ms, tagged {times['tagged'] * 1000:.1f} ms, "
        f"overhead {times['overhead']:.0%}\n"
    )
