"""Rasterise a reportlab `Drawing` to PNG with Pillow, for the Word file.

reportlab's own bitmap renderer needs pycairo, which has no wheels and needs system libraries; our charts use only
rectangles, circles, lines (solid or dashed), polygons, polylines, paths of straight segments (filled with the
even-odd rule, as a municipality with a hole or islands needs) and strings, which Pillow draws directly. A chart
with slanted lines or large round or slanted areas (trends, maps) is drawn at twice the size and scaled down, which
gives anti-aliased edges; a chart of bars, level and upright lines, text and small symbols (bullets, the profile)
is drawn at its own size, where those are sharp, with each symbol smoothed on a patch of its own (a quarter of the
pixels to fill, no picture to scale down: a third of those charts' time). A shape of another kind raises
ValueError (the renderer reports it), so a chart never loses part of its picture in Word without notice.

Speed (issue 18; about a third of the Word file's time was here): a label's anti-aliased mask is rendered once per
process and pasted wherever the same text in the same font, size and anchor recurs (indicator names, axis steps
and legends recur in every library's charts: 85% of the strings of ten sample libraries); and the PNG is written
by `encode_png`: unfiltered rows, deflated by ISA-L (the `isal` package, Intel's compression library, which
writes the same zlib format seven times as fast as zlib at level 1: 4 instead of 32 ms for a handreiking's 12 MB
of pixels, files 6% larger); zlib at level 1 where `isal` is not installed. That is twice as fast as Pillow's
encoder (that tries every row filter) and makes smaller files for flat chart colours. Both are exact: no colour
is changed.
"""

from __future__ import annotations

import math
import struct
import unicodedata
import zlib
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFont
from reportlab.graphics.shapes import (
    FILL_EVEN_ODD,
    Circle,
    Drawing,
    Group,
    Line,
    Path,
    Polygon,
    PolyLine,
    Rect,
    String,
)

from robuust_docs.render.charts.primitives import CLOSE, LINE, MOVE
from robuust_docs.render.theme import Theme

try:
    from isal.isal_zlib import compress as _deflate  # the zlib format, seven times as fast (see above)

    DEFLATE_LEVEL = 2  # ISA-L's levels are 0-3; 2 is its default
except ImportError:  # isal is a dependency; a platform without its wheel falls back to zlib
    from zlib import compress as _deflate

    DEFLATE_LEVEL = 1

SUPERSAMPLE = 2
_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def drawing_to_png(drawing: Drawing, theme: Theme, dpi: int = 150) -> bytes:
    """PNG bytes of `drawing` at `dpi`, white background."""
    shapes = list(_flatten(drawing, (0.0, 0.0)))
    # a chart of bars, level and upright lines, text and small symbols is drawn at its own size, each symbol
    # smoothed on its own (`_smoothed`); one with slanted lines or large round or slanted areas (trends, maps)
    # is drawn at twice the size and scaled down
    factor = SUPERSAMPLE if any(_slanted(shape) for shape, _ in shapes) else 1
    scale = dpi / 72.0 * factor
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

    for shape, (dx, dy) in shapes:
        place = lambda x, y, dx=dx, dy=dy: xy(x + dx, y + dy)  # noqa: E731
        if factor == 1 and isinstance(shape, Circle | Polygon):
            _smoothed(image, shape, place, scale, fonts)
        else:
            _draw(image, pen, shape, place, scale, fonts)
    if factor > 1:
        image = image.reduce(factor)  # box filter: fast, and enough for flat chart shapes
    return encode_png(image)


SYMBOL = 24.0  # points: a round or slanted shape up to this size is a symbol (status, median, legend key)


def _slanted(shape) -> bool:
    """Whether `shape` needs the whole picture supersampled: a slanted line, or a round or slanted area larger
    than a symbol. Rectangles, level and upright lines and text are sharp at the picture's own size."""
    if isinstance(shape, Line):
        return shape.x1 != shape.x2 and shape.y1 != shape.y2
    if isinstance(shape, PolyLine):
        pts = shape.points
        return any(pts[i] != pts[i + 2] and pts[i + 1] != pts[i + 3] for i in range(0, len(pts) - 2, 2))
    if isinstance(shape, Path):
        return True
    if isinstance(shape, Circle):
        return 2 * shape.r > SYMBOL
    if isinstance(shape, Polygon) and len(shape.points) >= 2:
        xs, ys = shape.points[0::2], shape.points[1::2]
        return max(xs) - min(xs) > SYMBOL or max(ys) - min(ys) > SYMBOL
    return False


def _smoothed(image: Image.Image, shape, xy, scale: float, fonts: dict) -> None:
    """Draw a symbol anti-aliased in a picture drawn at its own size: its patch of the picture is enlarged
    (each pixel to 2 × 2 of the same colour), the symbol drawn on it at twice the scale, and the patch reduced
    back. The pixels the symbol does not touch come back exactly as they were."""
    edge = (getattr(shape, "strokeWidth", 0) or 0) * scale if getattr(shape, "strokeColor", None) else 0
    if isinstance(shape, Circle):
        (cx, cy), r = xy(shape.cx, shape.cy), shape.r * scale
        xs, ys = [cx - r, cx + r], [cy - r, cy + r]
    else:
        points = [xy(shape.points[i], shape.points[i + 1]) for i in range(0, len(shape.points) - 1, 2)]
        if not points:
            return
        xs, ys = [x for x, _ in points], [y for _, y in points]
    x0, y0 = max(0, math.floor(min(xs) - edge) - 1), max(0, math.floor(min(ys) - edge) - 1)
    x1, y1 = min(image.width, math.ceil(max(xs) + edge) + 2), min(image.height, math.ceil(max(ys) + edge) + 2)
    if x1 <= x0 or y1 <= y0:
        return
    patch = image.crop((x0, y0, x1, y1))
    patch = patch.resize((2 * patch.width, 2 * patch.height), Image.Resampling.NEAREST)

    def local(x: float, y: float) -> tuple[float, float]:
        px, py = xy(x, y)
        return 2 * (px - x0), 2 * (py - y0)

    _draw(patch, ImageDraw.Draw(patch), shape, local, 2 * scale, fonts)
    image.paste(patch.reduce(2), (x0, y0))


def encode_png(image: Image.Image) -> bytes:
    """An 8-bit RGB PNG of `image`: every row with filter type 0 (none), one IDAT chunk (`_deflate`)."""
    width, height = image.size
    raw = memoryview(image.convert("RGB").tobytes())
    stride = 3 * width
    rows = b"\x00".join([b"", *(raw[i : i + stride] for i in range(0, len(raw), stride))])
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, truecolour, deflate, no interlace
    pixels = _deflate(rows, DEFLATE_LEVEL)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _flatten(group, offset: tuple[float, float]):
    """Every shape with the translation of the groups around it (charts only translate groups, never scale or
    rotate them; a group that does raises ValueError)."""
    for shape in group.contents if isinstance(group, Group | Drawing) else [group]:
        if isinstance(shape, Group):
            a, b, c, d, e, f = shape.transform
            if (a, b, c, d) != (1, 0, 0, 1):
                raise ValueError("grafiek: alleen verschoven groepen kunnen als afbeelding worden getekend")
            yield from _flatten(shape, (offset[0] + e, offset[1] + f))
        else:
            yield shape, offset


def _rgb(color) -> tuple[int, int, int] | None:
    if color is None:
        return None
    return tuple(round(c * 255) for c in (color.red, color.green, color.blue))


def _draw(image: Image.Image, pen: ImageDraw.ImageDraw, shape, xy, scale: float, fonts: dict) -> None:
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
        points = [xy(shape.x1, shape.y1), xy(shape.x2, shape.y2)]
        _stroke(pen, points, stroke, width, shape.strokeDashArray, scale)
    elif isinstance(shape, Polygon):
        pts = shape.points
        pen.polygon([xy(pts[i], pts[i + 1]) for i in range(0, len(pts), 2)], fill=fill, outline=stroke, width=width)
    elif isinstance(shape, PolyLine):
        pts = shape.points
        points = [xy(pts[i], pts[i + 1]) for i in range(0, len(pts), 2)]
        _stroke(pen, points, stroke, width, shape.strokeDashArray, scale)
    elif isinstance(shape, Path):
        _path(image, pen, shape, xy, fill, stroke, width, scale)
    elif isinstance(shape, String):
        font = str(fonts.get(shape.fontName, fonts[next(iter(fonts))]))
        mask, (left, top) = _text_mask(
            font, round(shape.fontSize * scale), _one_line(shape.text), _ANCHORS.get(shape.textAnchor, "ls")
        )
        if mask is not None:
            x, y = xy(shape.x, shape.y)
            x0, y0 = int(x) + left, int(y) + top
            image.paste(fill or (0, 0, 0), (x0, y0, x0 + mask.width, y0 + mask.height), mask)
    else:
        raise ValueError(f"grafiek: vorm {type(shape).__name__} kan niet als afbeelding worden getekend")


def _stroke(pen: ImageDraw.ImageDraw, points: list, color, width: int, dashes, scale: float) -> None:
    """A polyline, solid or dashed (`dashes` as reportlab's strokeDashArray, in points)."""
    if color is None or len(points) < 2:
        return
    if not dashes:
        pen.line(points, fill=color, width=width, joint="curve")
        return
    pattern = [max(0.1, float(d)) * scale for d in (dashes if isinstance(dashes, list | tuple) else [dashes])]
    if len(pattern) % 2:
        pattern *= 2
    k, left, on = 0, pattern[0], True
    for (x0, y0), (x1, y1) in zip(points[:-1], points[1:], strict=True):
        length, done = math.hypot(x1 - x0, y1 - y0), 0.0
        while done < length:
            step = min(left, length - done)
            if on:
                t0, t1 = done / length, (done + step) / length
                pen.line(
                    [(x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0), (x0 + (x1 - x0) * t1, y0 + (y1 - y0) * t1)],
                    fill=color,
                    width=width,
                )
            done += step
            left -= step
            if left <= 1e-9:
                k = (k + 1) % len(pattern)
                left, on = pattern[k], not on


def _subpaths(shape: Path, xy) -> list[tuple[list, bool]]:
    """The path's pieces as (points, closed); curves are not used by the charts and are refused."""
    pieces: list[tuple[list, bool]] = []
    points, pos = shape.points, 0
    current: list = []
    for op in shape.operators:
        if op == MOVE:
            if current:
                pieces.append((current, False))
            current = [xy(points[pos], points[pos + 1])]
            pos += 2
        elif op == LINE:
            current.append(xy(points[pos], points[pos + 1]))
            pos += 2
        elif op == CLOSE:
            if current:
                pieces.append((current, True))
            current = []
        else:
            raise ValueError("grafiek: een pad met bochten kan niet als afbeelding worden getekend")
    if current:
        pieces.append((current, False))
    return pieces


def _path(image: Image.Image, pen: ImageDraw.ImageDraw, shape: Path, xy, fill, stroke, width: int, scale: float):
    pieces = _subpaths(shape, xy)
    rings = [p for p, closed in pieces if closed and len(p) >= 3]
    if fill is not None and rings:
        if len(rings) == 1 or shape.fillMode != FILL_EVEN_ODD:
            for ring in rings:
                pen.polygon(ring, fill=fill)
        else:
            _even_odd(image, rings, fill)
    if stroke is not None:
        for points, closed in pieces:
            _stroke(pen, points + points[:1] if closed else points, stroke, width, shape.strokeDashArray, scale)


def _even_odd(image: Image.Image, rings: list[list], fill) -> None:
    """Fill `rings` by the even-odd rule: each ring flips the pixels it covers, within the rings' box only."""
    xs = [x for r in rings for x, _ in r]
    ys = [y for r in rings for _, y in r]
    x0, y0 = max(0, math.floor(min(xs))), max(0, math.floor(min(ys)))
    x1, y1 = min(image.width, math.ceil(max(xs)) + 1), min(image.height, math.ceil(max(ys)) + 1)
    if x1 <= x0 or y1 <= y0:
        return
    mask = Image.new("1", (x1 - x0, y1 - y0), 0)
    for ring in rings:
        layer = Image.new("1", mask.size, 0)
        ImageDraw.Draw(layer).polygon([(x - x0, y - y0) for x, y in ring], fill=1)
        mask = ImageChops.logical_xor(mask, layer)
    image.paste(fill, (x0, y0, x1, y1), mask)


def _one_line(text: str) -> str:
    """A label as one line: a line break or other control character (a name typed with Alt+Enter in Excel) as a
    space; FreeType's layout of a single line refuses them (raqm_layout() failed)."""
    if text.isprintable():  # (no character of category C: the label as it is, without looking at each)
        return text
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)


@lru_cache(maxsize=32)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@lru_cache(maxsize=2048)  # a mask is a few kB: at most some MB per process, the same for 40 or 500 libraries
def _text_mask(path: str, size: int, text: str, anchor: str) -> tuple[Image.Image | None, tuple[int, int]]:
    """The anti-aliased mask of `text` and its offset from the anchor point (None for text without ink)."""
    font = _font(path, size)
    left, top, right, bottom = font.getbbox(text, anchor=anchor)
    if right <= left or bottom <= top:
        return None, (0, 0)
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, fill=255, font=font, anchor=anchor)
    return mask, (left, top)
