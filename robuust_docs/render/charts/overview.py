"""Charts of the overview reports, drawn with the primitives of `primitives.py` (theme fonts, one Drawing for both
formats; `png.py` turns it into the PNG for Word).

Three kinds, dispatched from `render.charts.draw_figure`; the first two encode their data in the `Figuur` fields:

- 'verdeling' (one indicator over the categories): `staven` holds one `Staaf` per row, with the row label (a
  second, smaller line after a newline), the median text (`waarde_tekst`) and the category norm (`norm`: a
  number is drawn as a labelled line, a band as a shaded labelled band). `punten` holds per row (`y` = row
  number) the libraries' values (`soort` 'bibliotheek') and the five-number summary ('min', 'q1', 'q3', 'max';
  the median is `Staaf.mediaan`), plus the axis ticks as `As` points ('as_x'). The axis runs from the first to
  the last tick.
- 'spreiding' (scatter): `punten` holds the libraries ('bibliotheek'), the two ends of the fitted line ('lijn'),
  the ticks of both axes ('as_x', 'as_y') and the axis titles ('titel_x', 'titel_y') as `As` points.

- 'landkaart' (the overview's map): `kaart` holds the municipalities with their legend class, the borders and the
  legend (see `overview/figures.py`); drawn with the map machinery of `maps.py`.

Every number drawn arrives as text from the report; nothing here formats a number.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect

from robuust_docs.render.charts.maps import (
    Frame,
    Placer,
    area_path,
    aspect,
    clip_polygon,
    clip_polyline,
    halo_text,
    line_path,
    scale_bar,
)
from robuust_docs.render.charts.primitives import (
    WHITE,
    WIDTH,
    hex_color,
    new_drawing,
    status_color,
    text,
    text_width,
    tint,
    wrap,
    wrap_to,
)
from robuust_docs.render.theme import Theme
from robuust_docs.report.figure_model import Kaart
from robuust_docs.report.model import Figuur, Punt, Staaf
from robuust_docs.status import Status

ROW = 19.0
PLOT_X0, PLOT_X1 = 136.0, WIDTH - 84.0
BOTTOM = 38.0  # room for the axis labels and the legend
ROW_KINDS = {"bibliotheek", "min", "q1", "q3", "max"}


def _points(figure: Figuur, kind: str) -> list[Punt]:
    return [p for p in figure.punten if p.soort == kind]


def _scale(ticks: list[Punt], start: float, end: float, axis: str = "x"):
    values = [p.x if axis == "x" else p.y for p in ticks] or [0.0, 1.0]
    low, high = min(values), max(values)
    span = (high - low) or 1.0

    def at(value: float) -> float:
        return start + max(0.0, min(1.0, (value - low) / span)) * (end - start)

    return at


# --- distribution ---------------------------------------------------------------------------------------------


def draw_distribution(figure: Figuur, theme: Theme) -> Drawing:
    """Per row a box (quartiles) with whiskers (minimum to maximum), the median, every library as a dot and the
    category norm as a labelled line or band, on one shared axis."""
    rows = figure.staven
    drawing = new_drawing(ROW * len(rows) + BOTTOM + 6, theme)
    ticks = _points(figure, "as_x")
    x_of = _scale(ticks, PLOT_X0, PLOT_X1)
    top = drawing.height - 4
    _grid(drawing, ticks, x_of, BOTTOM - 8, top, theme)
    for i, row in enumerate(rows):
        centre = top - (i + 0.5) * ROW
        points = [p for p in figure.punten if p.y == i and p.soort in ROW_KINDS]
        _distribution_row(drawing, row, points, centre, x_of, theme)
    _distribution_legend(drawing, theme)
    return drawing


def _grid(drawing: Drawing, ticks: list[Punt], x_of, bottom: float, top: float, theme: Theme) -> None:
    line = hex_color(theme.track)
    drawing.add(Line(PLOT_X0, bottom, PLOT_X1, bottom, strokeColor=hex_color(theme.light), strokeWidth=0.6))
    for tick in ticks:
        x = x_of(tick.x)
        drawing.add(Line(x, bottom, x, top, strokeColor=line, strokeWidth=0.5))
        drawing.add(text(x, bottom - 9, tick.tekst, theme, size=6.5, anchor="middle"))


def _distribution_row(drawing: Drawing, row: Staaf, points: list[Punt], y: float, x_of, theme: Theme) -> None:
    lines = [part for line in row.label.split("\n") for part in wrap(line, 30)][:2]
    for n, part in enumerate(lines):
        baseline = y - 2.5 if len(lines) == 1 else y + 1.5 - n * 8.5
        drawing.add(text(PLOT_X0 - 8, baseline, part, theme, size=7.5 if n == 0 else 6.5, anchor="end"))
    if isinstance(row.norm, tuple):  # a band lies behind the box
        low, high = x_of(row.norm[0]), x_of(row.norm[1])
        drawing.add(
            Rect(low, y - ROW / 2 + 2, max(1.0, high - low), ROW - 4, fillColor=hex_color(theme.band), strokeColor=None)
        )
        _norm_label(drawing, (low + high) / 2, y, theme)
    summary = {p.soort: p.x for p in points if p.soort != "bibliotheek"}
    if {"min", "max"} <= set(summary):
        drawing.add(
            Line(x_of(summary["min"]), y, x_of(summary["max"]), y, strokeColor=hex_color(theme.text), strokeWidth=0.7)
        )
    if {"q1", "q3"} <= set(summary):
        q1, q3 = x_of(summary["q1"]), x_of(summary["q3"])
        drawing.add(
            Rect(
                q1,
                y - 5,
                max(1.0, q3 - q1),
                10,
                fillColor=hex_color(theme.box),
                strokeColor=hex_color(theme.primary),
                strokeWidth=0.7,
            )
        )
    if isinstance(row.norm, int | float):  # a line lies on top of the box
        nx = x_of(row.norm)
        drawing.add(
            Line(nx, y - ROW / 2 + 3, nx, y + 6, strokeColor=status_color(theme, Status.ROBUST), strokeWidth=1.4)
        )
        _norm_label(drawing, nx, y, theme)
    for k, p in enumerate(p for p in points if p.soort == "bibliotheek"):
        drawing.add(Circle(x_of(p.x), y + (k % 3 - 1) * 2.5, 1.6, fillColor=hex_color(theme.text), strokeColor=None))
    if row.mediaan is not None:
        mx = x_of(row.mediaan)
        drawing.add(Line(mx, y - 7, mx, y + 7, strokeColor=hex_color(theme.primary), strokeWidth=2.2))
    drawing.add(text(PLOT_X1 + 8, y - 2.5, row.waarde_tekst, theme, size=7))


def _norm_label(drawing: Drawing, x: float, y: float, theme: Theme) -> None:
    drawing.add(text(x, y + 6, "norm", theme, size=5.5, anchor="middle", color=status_color(theme, Status.ROBUST)))


def _distribution_legend(drawing: Drawing, theme: Theme) -> None:
    y, x = 4.0, PLOT_X0 - 60
    drawing.add(
        Rect(x, y - 1, 14, 8, fillColor=hex_color(theme.box), strokeColor=hex_color(theme.primary), strokeWidth=0.7)
    )
    drawing.add(text(x + 18, y, "middelste helft", theme, size=7))
    x += 80
    drawing.add(Line(x + 4, y - 2, x + 4, y + 8, strokeColor=hex_color(theme.primary), strokeWidth=2.2))
    drawing.add(text(x + 10, y, "mediaan", theme, size=7))
    x += 50
    drawing.add(Line(x, y + 3, x + 14, y + 3, strokeColor=hex_color(theme.text), strokeWidth=0.7))
    drawing.add(text(x + 18, y, "laagste tot hoogste", theme, size=7))
    x += 86
    drawing.add(Circle(x + 3, y + 3, 1.6, fillColor=hex_color(theme.text), strokeColor=None))
    drawing.add(text(x + 8, y, "bibliotheek", theme, size=7))
    x += 56
    drawing.add(Line(x + 3, y - 2, x + 3, y + 8, strokeColor=status_color(theme, Status.ROBUST), strokeWidth=1.6))
    drawing.add(Rect(x + 7, y - 1, 8, 8, fillColor=hex_color(theme.band), strokeColor=None))
    drawing.add(text(x + 19, y, "norm (robuust)", theme, size=7))


# --- scatter --------------------------------------------------------------------------------------------------

SCATTER_H = 230.0
SX0, SX1, SY0 = 56.0, WIDTH - 14.0, 34.0


def draw_scatter(figure: Figuur, theme: Theme) -> Drawing:
    """Libraries as dots, the fitted straight line, both axes with their ticks and titles."""
    drawing = new_drawing(SCATTER_H, theme)
    top = SCATTER_H - 22
    x_ticks, y_ticks = _points(figure, "as_x"), _points(figure, "as_y")
    x_of, y_of = _scale(x_ticks, SX0, SX1), _scale(y_ticks, SY0, top, axis="y")
    grid, light = hex_color(theme.track), hex_color(theme.light)
    for tick in x_ticks:
        x = x_of(tick.x)
        drawing.add(Line(x, SY0, x, top, strokeColor=grid, strokeWidth=0.5))
        drawing.add(text(x, SY0 - 10, tick.tekst, theme, size=6.5, anchor="middle"))
    for tick in y_ticks:
        y = y_of(tick.y)
        drawing.add(Line(SX0, y, SX1, y, strokeColor=grid, strokeWidth=0.5))
        drawing.add(text(SX0 - 4, y - 2.5, tick.tekst, theme, size=6.5, anchor="end"))
    drawing.add(Line(SX0, SY0, SX1, SY0, strokeColor=light, strokeWidth=0.7))
    drawing.add(Line(SX0, SY0, SX0, top, strokeColor=light, strokeWidth=0.7))
    for p in _points(figure, "bibliotheek"):
        drawing.add(
            Circle(x_of(p.x), y_of(p.y), 2.8, fillColor=hex_color(theme.primary), strokeColor=WHITE, strokeWidth=0.5)
        )
    ends = _points(figure, "lijn")
    if len(ends) == 2:
        drawing.add(
            Line(
                x_of(ends[0].x),
                y_of(ends[0].y),
                x_of(ends[1].x),
                y_of(ends[1].y),
                strokeColor=hex_color(theme.accent),
                strokeWidth=1.6,
            )
        )
    for title in _points(figure, "titel_x"):
        drawing.add(text((SX0 + SX1) / 2, 6, title.tekst, theme, size=7.5, anchor="middle", bold=True))
    for title in _points(figure, "titel_y"):
        drawing.add(text(SX0 - 40, SCATTER_H - 12, title.tekst, theme, size=7.5, bold=True))
    return drawing


# --- map of the overview --------------------------------------------------------------------------------------

LAND_W = 300.0
LAND_H_RANGE = (160.0, 360.0)
LEGEND_X = LAND_W + 12
OUTSIDE_FILL, OUTSIDE_LINE = "#F1F1EE", "#D6D6D0"


def class_colors(theme: Theme) -> tuple:
    """Lighter to darker with every weak building block more: green, amber, light and full red tints (their
    lightness alone keeps the order, in grey print and for colour-blind readers)."""
    return (
        tint(theme.status_colors["robuust"], 0.30),
        tint(theme.status_colors["aandachtspunt"], 0.42),
        tint(theme.status_colors["kwetsbaar"], 0.62),
        hex_color(theme.status_colors["kwetsbaar"]),
    )


def draw_status_map(figure: Figuur, theme: Theme) -> Drawing:
    """Municipalities filled by their legend class, area borders heavy, names of provinces or libraries."""
    kaart = figure.kaart or Kaart()
    bbox = kaart.kader or (3.3, 50.7, 7.3, 53.6)
    height = min(max(LAND_W * aspect(bbox) + 24, LAND_H_RANGE[0]), LAND_H_RANGE[1])
    drawing = new_drawing(height + 22, theme)
    box = (0.0, 22.0, LAND_W, 22.0 + height)
    frame = Frame.fit(bbox, box, margin=10)
    colors = class_colors(theme)
    group = Group()
    for g in kaart.gebieden:
        if not g.ringen:
            continue
        fill = hex_color(OUTSIDE_FILL) if g.klasse is None else colors[min(g.klasse, len(colors) - 1)]
        path = area_path([clip_polygon(frame.xy(r), box) for r in g.ringen], fill)
        if path is not None:
            group.add(path)
    styles = {"buur": (OUTSIDE_LINE, 0.4), "gemeente": ("#FFFFFF", 0.35), "werkgebied": ("#39414A", 0.75)}
    for kind, (color, width) in styles.items():
        pieces = []
        for border in (b for b in kaart.grenzen if b.soort == kind):
            pieces += clip_polyline(frame.xy(border.punten + (border.punten[:1] if border.gesloten else ())), box)
        path = line_path(pieces, hex_color(color), width)
        if path is not None:
            group.add(path)
    placer = Placer(box)
    for g in (g for g in kaart.gebieden if g.soort == "label" and g.naam and g.label is not None):
        x, y = frame.point(*g.label)
        w = text_width(g.naam, theme, 7, bold=True) + 2
        spots = [((x - w / 2 + dx, y - 4 + dy, x + w / 2 + dx, y + 4 + dy), abs(dx) + abs(dy)) for dx, dy in _SHIFTS]
        costs = placer.costs([b for b, _ in spots]) + [d * 0.5 for _, d in spots]
        best = spots[int(costs.argmin())][0]
        placer.take(best, 1.0)
        halo_text(group, (best[0] + best[2]) / 2, best[1] + 1.6, g.naam, theme, 7, hex_color(theme.text))
    group.add(Rect(box[0], box[1], LAND_W, height, fillColor=None, strokeColor=hex_color(theme.track), strokeWidth=0.8))
    drawing.add(group)
    scale_bar(drawing, 6, 8, frame.points_per_km, theme)
    if kaart.bron:
        drawing.add(text(WIDTH, 5.5, kaart.bron, theme, size=6, anchor="end", color=hex_color(theme.light)))
    _status_map_legend(drawing, kaart, box, colors, theme)
    return drawing


_SHIFTS = [(0.0, 0.0), (0.0, 9.0), (0.0, -9.0), (12.0, 0.0), (-12.0, 0.0), (0.0, 18.0), (0.0, -18.0)]


def _status_map_legend(drawing: Drawing, kaart: Kaart, box, colors, theme: Theme) -> None:
    y = box[3] - 9
    drawing.add(text(LEGEND_X, y, "Kwetsbare bouwstenen", theme, size=7.3, bold=True))
    y -= 4
    for row in kaart.legenda:
        lines = wrap_to(row.tekst, WIDTH - LEGEND_X - 16, theme, 6.8, lines=2)
        y -= 12
        drawing.add(
            Rect(LEGEND_X, y - 0.5, 10, 8, fillColor=colors[min(row.klasse, len(colors) - 1)], strokeColor=None)
        )
        for i, line in enumerate(lines):
            drawing.add(text(LEGEND_X + 14, y - i * 8.5, line, theme, size=6.8))
        y -= 8.5 * (len(lines) - 1)
    y -= 14
    drawing.add(Rect(LEGEND_X, y - 0.5, 10, 8, fillColor=hex_color(OUTSIDE_FILL), strokeColor=hex_color(OUTSIDE_LINE)))
    for i, line in enumerate(wrap_to("gemeente buiten dit overzicht", WIDTH - LEGEND_X - 16, theme, 6.8, lines=2)):
        drawing.add(text(LEGEND_X + 14, y - i * 8.5, line, theme, size=6.8))
    y -= 22
    drawing.add(Line(LEGEND_X, y + 3, LEGEND_X + 10, y + 3, strokeColor=hex_color("#39414A"), strokeWidth=0.9))
    for i, line in enumerate(wrap_to("grens van een werkgebied", WIDTH - LEGEND_X - 16, theme, 6.8, lines=2)):
        drawing.add(text(LEGEND_X + 14, y - i * 8.5, line, theme, size=6.8))
