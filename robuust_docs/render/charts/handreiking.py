"""The charts of a handreiking, each a reportlab `Drawing` (embedded as vector graphics in the PDF, rasterised
by `png.py` for Word, so both formats show the same picture).

Kinds: 'staven' (bullet chart: the value as a bar, the norm as a line, the peer median as a diamond, each
indicator on its own scale), 'profiel' (one square per indicator per module) and 'kaart' (neighbourhood points
shaded by distance, branches by type, drawn from coordinates alone). Status is shown by shape and word, never by
colour alone.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect
from reportlab.lib.colors import HexColor

from robuust_docs.render.charts.primitives import (
    WHITE,
    WIDTH,
    new_drawing,
    status_color,
    status_legend,
    status_symbol,
    text,
    wrap,
)
from robuust_docs.render.theme import Theme
from robuust_docs.report.model import Figuur, Punt, Staaf
from robuust_docs.status import Status

# --- bullet chart ---------------------------------------------------------------------------------------------

ROW = 30.0
LABEL_W = 150.0
BAR_X = LABEL_W + 18
BAR_W = WIDTH - BAR_X - 70


def draw_bullets(figure: Figuur, theme: Theme) -> Drawing:
    rows = figure.staven
    drawing = new_drawing(ROW * len(rows) + 22, theme)
    for i, bar in enumerate(rows):
        y = drawing.height - (i + 1) * ROW
        _bullet_row(drawing, bar, y, theme)
    _legend(drawing, theme)
    return drawing


def _scale_max(bar: Staaf) -> float:
    candidates = [abs(v) for v in (bar.waarde, bar.mediaan) if v is not None]
    for threshold in (bar.norm, bar.grens):
        if isinstance(threshold, tuple):
            candidates += [abs(t) for t in threshold]
        elif threshold is not None:
            candidates.append(abs(threshold))
    top = max(candidates, default=1.0) * 1.15
    return top if top > 0 else 1.0


def _bullet_row(drawing: Drawing, bar: Staaf, y: float, theme: Theme) -> None:
    top = _scale_max(bar)

    def x_of(v: float) -> float:
        return BAR_X + max(0.0, min(1.0, v / top)) * BAR_W

    for line_no, part in enumerate(wrap(bar.label, 34)[:2]):
        drawing.add(text(LABEL_W, y + 12 - line_no * 9, part, theme, anchor="end"))
    drawing.add(Rect(BAR_X, y + 2, BAR_W, 14, fillColor=HexColor(theme.track), strokeColor=None))
    _norm_band(drawing, bar, x_of, y, theme)
    if bar.waarde is not None:
        drawing.add(
            Rect(
                BAR_X,
                y + 5,
                max(0.5, x_of(bar.waarde) - BAR_X),
                8,
                fillColor=status_color(theme, bar.status),
                strokeColor=None,
            )
        )
    if bar.mediaan is not None:
        mx = x_of(bar.mediaan)
        drawing.add(
            Polygon(
                [mx, y + 3, mx + 4, y + 9, mx, y + 15, mx - 4, y + 9],
                fillColor=WHITE,
                strokeColor=HexColor(theme.text),
                strokeWidth=0.8,
            )
        )
    drawing.add(status_symbol(BAR_X + BAR_W + 10, y + 9, bar.status, 7, theme))
    drawing.add(text(BAR_X + BAR_W + 18, y + 6, bar.waarde_tekst, theme, size=7.5))


def _norm_band(drawing: Drawing, bar: Staaf, x_of, y: float, theme: Theme) -> None:
    norm = bar.norm
    if isinstance(norm, tuple):
        drawing.add(
            Rect(
                x_of(norm[0]),
                y + 2,
                max(0.5, x_of(norm[1]) - x_of(norm[0])),
                14,
                fillColor=HexColor(theme.band),
                strokeColor=None,
            )
        )
    elif norm is not None:
        nx = x_of(norm)
        drawing.add(Line(nx, y, nx, y + 18, strokeColor=HexColor(theme.text), strokeWidth=1.6))


def _legend(drawing: Drawing, theme: Theme) -> None:
    y = 4
    drawing.add(Rect(BAR_X, y, 14, 7, fillColor=status_color(theme, Status.ROBUST), strokeColor=None))
    drawing.add(text(BAR_X + 18, y, "waarde", theme, size=7))
    drawing.add(Line(BAR_X + 62, y - 2, BAR_X + 62, y + 9, strokeColor=HexColor(theme.text), strokeWidth=1.6))
    drawing.add(text(BAR_X + 67, y, "norm (robuust)", theme, size=7))
    mx = BAR_X + 138
    drawing.add(
        Polygon(
            [mx, y - 2, mx + 4, y + 3, mx, y + 8, mx - 4, y + 3],
            fillColor=WHITE,
            strokeColor=HexColor(theme.text),
            strokeWidth=0.8,
        )
    )
    drawing.add(text(mx + 7, y, "mediaan categorie", theme, size=7))


# --- module profile -------------------------------------------------------------------------------------------


def draw_profile(figure: Figuur, theme: Theme) -> Drawing:
    rows = figure.reeksen
    drawing = new_drawing(24 * len(rows) + 26, theme)
    for i, series in enumerate(rows):
        y = drawing.height - (i + 1) * 24
        drawing.add(text(LABEL_W, y + 4, wrap(series.label, 34)[0], theme, anchor="end"))
        for j, status in enumerate(series.statussen):
            x = BAR_X + j * 22
            drawing.add(Rect(x, y, 16, 16, fillColor=HexColor(theme.track), strokeColor=None))
            drawing.add(status_symbol(x + 8, y + 8, status, 10, theme))
    status_legend(drawing, BAR_X, theme)
    return drawing


# --- map ------------------------------------------------------------------------------------------------------

MAP_H = 300.0
KM_PER_DEGREE = 111.2  # along a meridian
DISTANCE_STEPS = ((1.0, "tot 1 km"), (2.0, "1–2 km"), (5.0, "2–5 km"), (math.inf, "5 km of meer"))
BRANCH_SHAPES = {"vestiging": "square", "servicepunt": "triangle"}


def draw_map(figure: Figuur, theme: Theme) -> Drawing:
    drawing = new_drawing(MAP_H + 40, theme)
    points = figure.punten
    project, points_per_km = _projection(points, WIDTH - 120, MAP_H)
    drawing.add(Rect(0, 40, WIDTH - 120, MAP_H, fillColor=HexColor(theme.paper), strokeColor=HexColor(theme.track)))
    biggest = max((p.gewicht for p in points if p.soort == "buurt"), default=1.0) or 1.0
    for p in sorted((p for p in points if p.soort == "buurt"), key=lambda p: -p.gewicht):
        x, y = project(p)
        radius = 2.0 + 5.0 * math.sqrt(p.gewicht / biggest)
        drawing.add(
            Circle(
                x,
                y + 40,
                radius,
                fillColor=HexColor(_distance_color(p.waarde, theme)),
                strokeColor=WHITE,
                strokeWidth=0.4,
            )
        )
    for p in (p for p in points if p.soort != "buurt"):
        x, y = project(p)
        drawing.add(_branch_marker(x, y + 40, p.soort, theme))
    _map_legend(drawing, theme)
    _scale_bar(drawing, points_per_km, theme)
    return drawing


def _scale_bar(drawing: Drawing, points_per_km: float, theme: Theme) -> None:
    """A bar of a round number of kilometres, 40–140 points long, under the map."""
    km = next((k for k in (0.5, 1, 2, 5, 10, 20, 50) if k * points_per_km >= 40), 50)
    length, color = km * points_per_km, HexColor(theme.text)
    drawing.add(Line(8, 22, 8 + length, 22, strokeColor=color, strokeWidth=1.5))
    for x in (8, 8 + length):
        drawing.add(Line(x, 18, x, 26, strokeColor=color, strokeWidth=1))
    label = f"{km:g} km".replace(".", ",")
    drawing.add(text(12 + length, 19, f"{label} (hemelsbreed)", theme, size=7))


def _projection(points: tuple[Punt, ...], width: float, height: float):
    """Equirectangular projection fitted to the points, keeping the aspect ratio (cos of mid latitude)."""
    xs, ys = [p.x for p in points] or [5.0], [p.y for p in points] or [52.0]
    mid = math.radians((min(ys) + max(ys)) / 2)
    span_x = max((max(xs) - min(xs)) * math.cos(mid), 0.01)
    span_y = max(max(ys) - min(ys), 0.01)
    scale = min((width - 24) / span_x, (height - 24) / span_y)
    off_x = (width - span_x * scale) / 2
    off_y = (height - span_y * scale) / 2

    def project(p: Punt) -> tuple[float, float]:
        return (off_x + (p.x - min(xs)) * math.cos(mid) * scale, off_y + (p.y - min(ys)) * scale)

    return project, scale / KM_PER_DEGREE


def _distance_color(km: float | None, theme: Theme) -> str:
    if km is None:
        return theme.track
    for (limit, _), color in zip(DISTANCE_STEPS, theme.distance_colors, strict=True):
        if km < limit:
            return color
    return theme.distance_colors[-1]


def _branch_marker(x: float, y: float, kind: str, theme: Theme):
    color, stroke = HexColor(theme.primary), WHITE
    shape = BRANCH_SHAPES.get(kind, "diamond")
    if shape == "square":
        return Rect(x - 4.5, y - 4.5, 9, 9, fillColor=color, strokeColor=stroke, strokeWidth=1)
    if shape == "triangle":
        return Polygon([x - 5, y - 4, x + 5, y - 4, x, y + 5], fillColor=color, strokeColor=stroke, strokeWidth=1)
    return Polygon(
        [x, y - 4.5, x + 4.5, y, x, y + 4.5, x - 4.5, y],
        fillColor=HexColor(theme.accent),
        strokeColor=stroke,
        strokeWidth=1,
    )


def _map_legend(drawing: Drawing, theme: Theme) -> None:
    x0, y = WIDTH - 112, MAP_H + 24
    drawing.add(text(x0, y, "Afstand buurt", theme, size=7.5, bold=True))
    for i, ((_, label), color) in enumerate(zip(DISTANCE_STEPS, theme.distance_colors, strict=True)):
        yy = y - 14 - i * 13
        drawing.add(Circle(x0 + 4, yy + 3, 4, fillColor=HexColor(color), strokeColor=None))
        drawing.add(text(x0 + 12, yy, label, theme, size=7))
    y2 = y - 80
    drawing.add(text(x0, y2, "Locaties", theme, size=7.5, bold=True))
    for i, (kind, label) in enumerate(
        (("vestiging", "vestiging"), ("servicepunt", "servicepunt"), ("overig", "overige locatie"))
    ):
        yy = y2 - 14 - i * 13
        drawing.add(_branch_marker(x0 + 4, yy + 3, kind, theme))
        drawing.add(text(x0 + 12, yy, label, theme, size=7))
    drawing.add(text(x0, 44, "Cirkelgrootte: inwoners", theme, size=6.5))
