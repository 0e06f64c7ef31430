"""Drawing primitives shared by every chart: the drawing itself in the theme's font, text (measured with the
theme's font, wrapped to a width), tints, and the status shapes (circle robuust, triangle aandachtspunt, square
kwetsbaar, ring geen gegevens) with their legend. Charts use rectangles, circles, lines (also dashed), polygons,
polylines, paths and strings, which `png.py` can rasterise.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.shapes import Circle, Drawing, Polygon, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase import pdfmetrics

from robuust_docs.render.theme import Theme, register_fonts
from robuust_docs.status import Status

WIDTH = 440.0  # points (the PDF text width is about 455 pt)
MOVE, LINE, CURVE, CLOSE = 0, 1, 2, 3  # reportlab's path operators (a `Path`'s `operators`), for the renderers
WHITE = HexColor("#FFFFFF")


@lru_cache(maxsize=256)
def hex_color(value: str) -> Color:
    """reportlab's `HexColor(value)`, made once per process for each colour: a handreiking's charts ask for the
    theme's few colours some 900 times (issue 18). A chart never changes a colour it was given."""
    return HexColor(value)


def new_drawing(height: float, theme: Theme) -> Drawing:
    """An empty drawing of the chart width whose default font is the theme's (never reportlab's Helvetica)."""
    return Drawing(WIDTH, height, initialFontName=theme.font, initialFontSize=8)


def text(
    x: float,
    y: float,
    value: str,
    theme: Theme,
    size: float = 8.0,
    anchor: str = "start",
    bold: bool = False,
    color: Color | None = None,
    italic: bool = False,
) -> String:
    return String(
        x,
        y,
        value,
        fontName=_font(theme, bold, italic),
        fontSize=size,
        textAnchor=anchor,
        fillColor=color or hex_color(theme.text),
    )


def status_color(theme: Theme, status: Status) -> Color:
    return hex_color(theme.status_colors[status.code])


def tint(color: str, amount: float) -> Color:
    """`color` (#RRGGBB) mixed with white: amount 1 is the colour itself, 0 is white."""
    base = hex_color(color)
    return Color(*(1 - amount * (1 - c) for c in (base.red, base.green, base.blue)))


def status_symbol(x: float, y: float, status: Status, size: float, theme: Theme, outline: Color | None = None):
    """The status shape: circle (robuust), triangle (aandachtspunt), square (kwetsbaar), ring (no data); with
    `outline`, a thin edge in that colour keeps it apart from what lies behind."""
    color, half = status_color(theme, status), size / 2
    edge = {"strokeColor": outline, "strokeWidth": 0.8} if outline is not None else {"strokeColor": None}
    if status is Status.ROBUST:
        return Circle(x, y, half, fillColor=color, **edge)
    if status is Status.ATTENTION:
        return Polygon([x - half, y - half * 0.85, x + half, y - half * 0.85, x, y + half], fillColor=color, **edge)
    if status is Status.WEAK:
        return Rect(x - half * 0.9, y - half * 0.9, size * 0.9, size * 0.9, fillColor=color, **edge)
    return Circle(x, y, half * 0.8, fillColor=WHITE if outline is not None else None, strokeColor=color, strokeWidth=1)


def status_legend(drawing: Drawing, x: float, theme: Theme) -> None:
    """One line of every status shape with its word, from `x` along the drawing's foot."""
    for status in Status:
        label = status.label.lower()
        drawing.add(status_symbol(x + 4, 7, status, 8, theme))
        drawing.add(text(x + 11, 4, label, theme, size=7))
        x += 14 + len(label) * 4.2


def text_width(value: str, theme: Theme, size: float, bold: bool = False, italic: bool = False) -> float:
    """The width in points of `value` in the theme's font."""
    register_fonts(theme)
    return pdfmetrics.stringWidth(value, _font(theme, bold, italic), size)


def _font(theme: Theme, bold: bool, italic: bool) -> str:
    if bold:
        return theme.font_bold_italic if italic else theme.font_bold
    return theme.font_italic if italic else theme.font


def wrap_to(value: str, width: float, theme: Theme, size: float, lines: int = 2, bold: bool = False) -> list[str]:
    """`value` in at most `lines` lines no wider than `width` points; a longer text ends in '…'."""
    words, result, line = value.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, theme, size, bold) > width:
            result.append(line)
            line = word
        else:
            line = candidate
    if line:
        result.append(line)
    if len(result) > lines:
        last = " ".join(result[lines - 1 :])
        while last and text_width(last + "…", theme, size, bold) > width:
            last = last[:-1]
        result = [*result[: lines - 1], last.rstrip() + "…"]
    return result or [""]


def wrap(value: str, width: int) -> list[str]:
    """`value` in lines of at most `width` characters, at most two (the second cut with '…')."""
    words, lines, line = value.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], (" ".join(lines[1:]))[: width - 1] + "…"]
    return lines or [""]
