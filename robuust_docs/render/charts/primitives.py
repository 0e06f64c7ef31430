"""Drawing primitives shared by every chart: the drawing itself in the theme's font, text, wrapped labels, and
the status shapes (circle robuust, triangle aandachtspunt, square kwetsbaar, ring geen gegevens) with their legend.
Only rectangles, circles, lines, polygons and strings are used, which `png.py` can rasterise.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Polygon, Rect, String
from reportlab.lib.colors import Color, HexColor

from robuust_docs.render.theme import Theme
from robuust_docs.status import Status

WIDTH = 440.0  # points (the PDF text width is about 455 pt)
WHITE = HexColor("#FFFFFF")


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
) -> String:
    return String(
        x,
        y,
        value,
        fontName=theme.font_bold if bold else theme.font,
        fontSize=size,
        textAnchor=anchor,
        fillColor=color or HexColor(theme.text),
    )


def status_color(theme: Theme, status: Status) -> Color:
    return HexColor(theme.status_colors[status.code])


def status_symbol(x: float, y: float, status: Status, size: float, theme: Theme):
    """The status shape: circle (robuust), triangle (aandachtspunt), square (kwetsbaar), ring (no data)."""
    color, half = status_color(theme, status), size / 2
    if status is Status.ROBUST:
        return Circle(x, y, half, fillColor=color, strokeColor=None)
    if status is Status.ATTENTION:
        return Polygon([x - half, y - half, x + half, y - half, x, y + half], fillColor=color, strokeColor=None)
    if status is Status.WEAK:
        return Rect(x - half, y - half, size, size, fillColor=color, strokeColor=None)
    return Circle(x, y, half * 0.8, fillColor=None, strokeColor=color, strokeWidth=1)


def status_legend(drawing: Drawing, x: float, theme: Theme) -> None:
    """One line of every status shape with its word, from `x` along the drawing's foot."""
    for status in Status:
        label = status.label.lower()
        drawing.add(status_symbol(x + 4, 7, status, 8, theme))
        drawing.add(text(x + 11, 4, label, theme, size=7))
        x += 14 + len(label) * 4.2


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
