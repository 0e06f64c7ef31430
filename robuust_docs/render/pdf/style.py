"""The PDF look in one place: page geometry (A4, margins, the text frame), the depth of the table of contents,
the paragraph styles and the base table style, all from the theme (colours, fonts)."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm

from robuust_docs.render.theme import Theme

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 2.3 * cm, 2.4 * cm, 2.2 * cm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
COVER_BAND = 5.2 * cm  # the coloured band at the top of the cover
TOC_DEPTH = 2  # the PDF's table of contents lists H1 and H2; the outline has every heading


def table_style(theme: Theme) -> list[tuple]:
    """The look of every table: theme font, a shaded header row, thin lines between rows, compact padding."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), theme.font),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(theme.track)),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor(theme.rule)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]


_STYLES: dict[str, dict[str, ParagraphStyle]] = {}


def paragraph_styles(theme: Theme) -> dict[str, ParagraphStyle]:
    """The paragraph styles of `theme`, made once per theme and process (read-only: nothing changes a style after
    this), so that `Para` recognises a text in the same style in every document."""
    key = repr(theme)
    if key not in _STYLES:
        _STYLES[key] = _paragraph_styles(theme)
    return _STYLES[key]


def _paragraph_styles(theme: Theme) -> dict[str, ParagraphStyle]:
    text, primary, light = HexColor(theme.text), HexColor(theme.primary), HexColor(theme.light)
    base = ParagraphStyle(
        "body", fontName=theme.font, fontSize=10, leading=14, textColor=text, spaceAfter=6, alignment=TA_LEFT
    )
    return {
        "body": base,
        "intro": ParagraphStyle("intro", parent=base, fontName=theme.font_italic, textColor=light, fontSize=10.5),
        "item": ParagraphStyle("item", parent=base, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, spaceAfter=0),
        "cellhead": ParagraphStyle(
            "cellhead", parent=base, fontName=theme.font_bold, fontSize=8.5, leading=11, spaceAfter=0, textColor=primary
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11.5, textColor=light),
        "caption": ParagraphStyle(
            "caption", parent=base, fontName=theme.font_italic, fontSize=8.5, leading=11, textColor=light, spaceAfter=12
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=theme.font_bold,
            fontSize=18,
            leading=22,
            textColor=primary,
            spaceBefore=0,
            spaceAfter=10,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=theme.font_bold,
            fontSize=14,
            leading=18,
            textColor=primary,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName=theme.font_bold,
            fontSize=11.5,
            leading=15,
            textColor=primary,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "title": ParagraphStyle(
            "title", parent=base, fontName=theme.font_bold, fontSize=28, leading=34, textColor=primary, spaceAfter=12
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=18, leading=24, textColor=light, spaceAfter=8),
        "toc1": ParagraphStyle(
            "toc1", parent=base, fontName=theme.font_bold, fontSize=10, leading=13, spaceBefore=3, spaceAfter=0
        ),
        "toc2": ParagraphStyle("toc2", parent=base, fontSize=9, leading=11.5, leftIndent=14, spaceAfter=0),
        "toc3": ParagraphStyle("toc3", parent=base, fontSize=9, leading=12, leftIndent=28, spaceAfter=0),
    }
