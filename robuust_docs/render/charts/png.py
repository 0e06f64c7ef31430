"""Rasterise a reportlab `Drawing` to PNG with Pillow, for the Word file.

reportlab's own bitmap renderer needs pycairo, which has no wheels and needs system libraries; our charts
use only rectangles, circles, lines, polygons and strings, which Pillow draws directly. Drawing at twice the
size and scaling down gives anti-aliased edges.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String

from robuust_docs.render.theme import Theme

SUPERSAMPLE = 2
_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def drawing_to_png(drawing: Drawing, theme: Theme, dpi: int = 150) -> bytes:
    """PNG bytes of `drawing` at `dpi`, white background."""
    scale = dpi / 72.0 * SUPERSAMPLE
    size = (max(1, round(drawing.width * scale)), max(1, round(drawing.height * scale)))
    image = Image.new("RGB", size, "white")
    pen = ImageDraw.Draw(image)
    fonts = {
        theme.font: theme.font_files["normaal"],
        theme.font_bold: theme.font_files["vet"],
        theme.font_italic: theme.font_files["cursief"],
        theme.font_bold_italic: theme.font_files["vetcursief"],
    }

    def xy(x: float, y: float) -> tuple[float, float]:
        return x * scale, (drawing.height - y) * scale

    for shape in _flatten(drawing):
        _draw(pen, shape, xy, scale, fonts)
    image = image.reduce(SUPERSAMPLE)  # box filter: fast, and enough for flat chart shapes
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _flatten(group):
    for shape in group.contents if isinstance(group, Group | Drawing) else [group]:
        if isinstance(shape, Group):
            yield from _flatten(shape)
        else:
            yield shape


def _rgb(color) -> tuple[int, int, int] | None:
    if color is None:
        return None
    return tuple(round(c * 255) for c in (color.red, color.green, color.blue))


def _draw(pen: ImageDraw.ImageDraw, shape, xy, scale: float, fonts: dict) -> None:
    fill, stroke = _rgb(getattr(shape, "fillColor", None)), _rgb(getattr(shape, "strokeColor", None))
    width = max(1, round((getattr(shape, "strokeWidth", 1) or 0) * scale)) if stroke else 0
    if isinstance(shape, Rect):
        (x0, y0), (x1, y1) = xy(shape.x, shape.y + shape.height), xy(shape.x + shape.width, shape.y)
        pen.rectangle([x0, y0, x1, y1], fill=fill, outline=stroke, width=width)
    elif isinstance(shape, Circle):
        cx, cy = xy(shape.cx, shape.cy)
        r = shape.r * scale
        pen.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fill, outline=stroke, width=width)
    elif isinstance(shape, Line):
        pen.line([xy(shape.x1, shape.y1), xy(shape.x2, shape.y2)], fill=stroke, width=width)
    elif isinstance(shape, Polygon):
        pts = shape.points
        pen.polygon([xy(pts[i], pts[i + 1]) for i in range(0, len(pts), 2)], fill=fill, outline=stroke, width=width)
    elif isinstance(shape, String):
        font = _font(str(fonts.get(shape.fontName, fonts[next(iter(fonts))])), round(shape.fontSize * scale))
        pen.text(
            xy(shape.x, shape.y),
            shape.text,
            font=font,
            fill=fill or (0, 0, 0),
            anchor=_ANCHORS.get(shape.textAnchor, "ls"),
        )


@lru_cache(maxsize=32)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)
