"""Draw a chart's reportlab `Drawing` straight onto the PDF canvas, for the PDF.

reportlab's own `renderPDF` walks a drawing through a general state machine (every node's properties copied,
compared and pushed, whatever the shape); it was the largest part of the PDF's time (issue 18: 140 ms of a
library's 300). The charts use a small set of shapes (see `png.py`, which draws the same set with Pillow) and set
every property on every shape, so here each shape goes to the canvas with only the operators whose value changed:
rectangles, circles, lines (also dashed), polygons, polylines, paths of straight segments (even-odd filled where
asked) and strings anchored at start, middle or end. Groups may translate, scale or rotate (`canvas.transform`).
A shape of another kind raises ValueError, as in `png.py`, so nothing of a chart is lost without notice.

`ChartFlowable` is the drawing as a flowable: the same size, drawn with `draw_drawing`.
"""

from __future__ import annotations

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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from robuust_docs.render.charts.primitives import CLOSE, LINE, MOVE

_UNSET = object()  # a canvas state not set yet


class ChartFlowable(Flowable):
    """A chart in the story: wraps to its drawing's size and draws it with `draw_drawing`."""

    def __init__(self, drawing: Drawing):
        super().__init__()
        self.drawing = drawing
        self.width, self.height = drawing.width, drawing.height
        self.hAlign = getattr(drawing, "hAlign", "LEFT")

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self) -> None:
        draw_drawing(self.drawing, self.canv)


def draw_drawing(drawing: Drawing, canvas) -> None:
    """Every shape of `drawing` on `canvas`, with the drawing's origin at the canvas's current origin."""
    canvas.saveState()
    _Painter(canvas).group(drawing)
    canvas.restoreState()


def _color_key(color) -> tuple | None:
    if color is None:
        return None
    return (color.red, color.green, color.blue, getattr(color, "alpha", 1))


class _Painter:
    def __init__(self, canvas) -> None:
        self.canvas = canvas
        self.state: dict[str, object] = {}

    def group(self, group) -> None:
        for shape in group.contents:
            if isinstance(shape, Group):
                transform = tuple(shape.transform)
                if transform == (1, 0, 0, 1, 0, 0):
                    self.group(shape)
                    continue
                saved = dict(self.state)
                self.canvas.saveState()
                self.canvas.transform(*transform)
                self.group(shape)
                self.canvas.restoreState()
                self.state = saved
            else:
                self.shape(shape)

    def _set(self, key: str, value, apply) -> None:
        if self.state.get(key, _UNSET) != value:
            self.state[key] = value
            apply()

    def _paint(self, shape) -> tuple[int, int]:
        """Set the shape's colours, width, dashes, caps and joins; (stroke, fill) as 0 or 1."""
        canvas = self.canvas
        fill = getattr(shape, "fillColor", None)
        stroke = getattr(shape, "strokeColor", None)
        if fill is not None:
            self._set("fill", _color_key(fill), lambda: canvas.setFillColor(fill))
        if stroke is not None:
            self._set("stroke", _color_key(stroke), lambda: canvas.setStrokeColor(stroke))
            width = getattr(shape, "strokeWidth", 1)
            self._set("width", width, lambda: canvas.setLineWidth(width))
            dashes = getattr(shape, "strokeDashArray", None)
            key = tuple(dashes) if isinstance(dashes, list | tuple) else dashes
            self._set("dash", key, lambda: canvas.setDash(dashes) if dashes else canvas.setDash())
            cap, join = getattr(shape, "strokeLineCap", 0), getattr(shape, "strokeLineJoin", 0)
            self._set("cap", cap, lambda: canvas.setLineCap(cap))
            self._set("join", join, lambda: canvas.setLineJoin(join))
        return (1 if stroke is not None else 0), (1 if fill is not None else 0)

    def shape(self, shape) -> None:
        canvas = self.canvas
        if isinstance(shape, String):
            self.string(shape)
            return
        stroke, fill = self._paint(shape)
        if isinstance(shape, Rect):
            if shape.rx or shape.ry:
                canvas.roundRect(shape.x, shape.y, shape.width, shape.height, shape.rx, stroke=stroke, fill=fill)
            else:
                canvas.rect(shape.x, shape.y, shape.width, shape.height, stroke=stroke, fill=fill)
        elif isinstance(shape, Circle):
            canvas.circle(shape.cx, shape.cy, shape.r, stroke=stroke, fill=fill)
        elif isinstance(shape, Line):
            if stroke:
                canvas.line(shape.x1, shape.y1, shape.x2, shape.y2)
        elif isinstance(shape, Polygon | PolyLine):
            points = shape.points
            path = canvas.beginPath()
            path.moveTo(points[0], points[1])
            for i in range(2, len(points), 2):
                path.lineTo(points[i], points[i + 1])
            if isinstance(shape, Polygon):
                path.close()
                canvas.drawPath(path, stroke=stroke, fill=fill)
            elif stroke:
                canvas.drawPath(path, stroke=1, fill=0)
        elif isinstance(shape, Path):
            self.path(shape, stroke, fill)
        else:
            raise ValueError(f"grafiek: vorm {type(shape).__name__} kan niet in de PDF worden getekend")

    def path(self, shape: Path, stroke: int, fill: int) -> None:
        path, points, pos = self.canvas.beginPath(), shape.points, 0
        for op in shape.operators:
            if op == MOVE:
                path.moveTo(points[pos], points[pos + 1])
                pos += 2
            elif op == LINE:
                path.lineTo(points[pos], points[pos + 1])
                pos += 2
            elif op == CLOSE:
                path.close()
            else:
                raise ValueError("grafiek: een pad met bochten kan niet in de PDF worden getekend")
        even_odd = getattr(shape, "fillMode", None) == FILL_EVEN_ODD
        self.canvas.drawPath(path, stroke=stroke, fill=fill, fillMode=FILL_EVEN_ODD if even_odd else None)

    def string(self, shape: String) -> None:
        fill = shape.fillColor
        if fill is None or not shape.text:
            return
        canvas = self.canvas
        self._set("fill", _color_key(fill), lambda: canvas.setFillColor(fill))
        font, size = shape.fontName, shape.fontSize
        self._set("font", (font, size), lambda: canvas.setFont(font, size))
        x, anchor = shape.x, shape.textAnchor
        if anchor == "middle":
            x -= stringWidth(shape.text, font, size) / 2
        elif anchor == "end":
            x -= stringWidth(shape.text, font, size)
        elif anchor not in ("start", "inherited"):
            raise ValueError(f"grafiek: tekst met anker {anchor!r} kan niet in de PDF worden getekend")
        canvas.drawString(x, shape.y, shape.text)
