"""The charts of a handreiking, each a reportlab `Drawing` (embedded as vector graphics in the PDF, rasterised
by `png.py` for Word, so both formats show the same picture). Status is shown by colour and shape, never by colour
alone.

- 'staven', the bullet chart of a building block: one panel per indicator with its own axis from zero (the
  indicators of a building block have different units, so no scale is shared; see `report/figures.py`), the
  robust, aandachtspunt and kwetsbaar zones shaded behind it so the direction is visible ("lager is beter" is
  also written under the name), the norm as a solid line and the kwetsbaar limit as a dashed one, both labelled,
  the peers' median as a diamond on the axis, and the value as the status symbol on the panel and in words on
  the right.
- 'trend', a building block over the years: a row per indicator with its name, its first value, its line on its
  own axis (not from zero: the change is what it shows; the caption says so), a year without figures breaking
  the line, and its last value in the shape and colour of its status; the first and last year underneath.
- 'profiel', the profile on the summary page: a column per building block with its status, and under it every
  indicator by name with the symbol of its status.
- 'kaart', the map of the service area: municipalities with their outlines and names (neighbours in grey),
  neighbourhoods by distance, the farthest named with their distance, the locations numbered with a list under
  the map, a scale bar and the source of the outlines.
"""

from __future__ import annotations

import math

import numpy as np
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect

from robuust_docs.render.charts.maps import (
    Frame,
    Placer,
    area_path,
    around,
    aspect,
    clip_polygon,
    clip_polyline,
    halo_text,
    line_path,
    place_name,
    scale_bar,
)
from robuust_docs.render.charts.primitives import (
    WHITE,
    WIDTH,
    hex_color,
    new_drawing,
    status_color,
    status_legend,
    status_symbol,
    text,
    text_width,
    tint,
    wrap_to,
)
from robuust_docs.render.theme import Theme
from robuust_docs.report.figure_model import Figuur, Kaart, Lijn, Staaf
from robuust_docs.status import Status

# --- bullet chart ---------------------------------------------------------------------------------------------

ROW = 42.0
LABEL_W = 146.0
PANEL_X0, PANEL_X1 = 156.0, 366.0
VALUE_X = 374.0
ZONE_TINT = 0.22
LEGEND_H = 30.0


def draw_bullets(figure: Figuur, theme: Theme) -> Drawing:
    rows = figure.staven
    drawing = new_drawing(ROW * len(rows) + LEGEND_H + 4, theme)
    for i, bar in enumerate(rows):
        _bullet_row(drawing, bar, drawing.height - (i + 1) * ROW, theme)
    _bullet_legend(drawing, theme)
    return drawing


def _axis(bar: Staaf):
    ticks = [t.waarde for t in bar.schaal] or [0.0, 1.0]
    low, high = min(ticks), max(ticks)
    span = (high - low) or 1.0

    def x_of(value: float) -> float:
        return PANEL_X0 + max(0.0, min(1.0, (value - low) / span)) * (PANEL_X1 - PANEL_X0)

    return x_of, low, high


def _bullet_row(drawing: Drawing, bar: Staaf, y: float, theme: Theme) -> None:
    """One indicator: label and direction on the left, zones, thresholds, axis, median and value."""
    lines = wrap_to(bar.label, LABEL_W, theme, 7.8, lines=2)
    top = y + 30 if len(lines) == 2 else y + 25
    for n, line in enumerate(lines):
        drawing.add(text(0, top - n * 9, line, theme, size=7.8))
    if bar.richting:
        drawing.add(
            text(0, top - len(lines) * 9, bar.richting, theme, size=6.5, italic=True, color=hex_color(theme.light))
        )
    x_of, low, high = _axis(bar)
    strip_y, strip_h = y + 15, 11.0
    for start, end, status in _zones(bar, low, high):
        drawing.add(
            Rect(
                x_of(start),
                strip_y,
                max(0.0, x_of(end) - x_of(start)),
                strip_h,
                fillColor=tint(theme.status_colors[status.code], ZONE_TINT),
                strokeColor=None,
            )
        )
    _axis_line(drawing, bar, x_of, strip_y, theme)
    _thresholds(drawing, bar, x_of, strip_y, strip_h, theme)
    if bar.mediaan is not None:
        mx, my = x_of(bar.mediaan), strip_y
        drawing.add(
            Polygon(
                [mx, my - 3.5, mx + 3.5, my, mx, my + 3.5, mx - 3.5, my],
                fillColor=WHITE,
                strokeColor=hex_color(theme.text),
                strokeWidth=0.8,
            )
        )
    if bar.waarde is not None:
        drawing.add(status_symbol(x_of(bar.waarde), strip_y + strip_h / 2, bar.status, 10, theme, outline=WHITE))
    drawing.add(status_symbol(VALUE_X + 4, strip_y + strip_h / 2, bar.status, 7.5, theme))
    drawing.add(
        text(
            VALUE_X + 11,
            strip_y + strip_h / 2 - 2.7,
            bar.waarde_tekst,
            theme,
            size=7.8,
            bold=True,
            color=status_color(theme, bar.status) if bar.status is not Status.NO_DATA else hex_color(theme.light),
        )
    )


def _zones(bar: Staaf, low: float, high: float) -> list[tuple[float, float, Status]]:
    """The stretches of the axis where a value would be robust, an aandachtspunt or kwetsbaar."""
    norm, weak = bar.norm, bar.grens
    if norm is None or weak is None:
        return []
    if isinstance(norm, tuple) and isinstance(weak, tuple):
        cuts = [
            (low, weak[0], Status.WEAK),
            (weak[0], norm[0], Status.ATTENTION),
            (norm[0], norm[1], Status.ROBUST),
            (norm[1], weak[1], Status.ATTENTION),
            (weak[1], high, Status.WEAK),
        ]
    elif bar.lager_is_beter:
        cuts = [(low, norm, Status.ROBUST), (norm, weak, Status.ATTENTION), (weak, high, Status.WEAK)]
    else:
        cuts = [(low, weak, Status.WEAK), (weak, norm, Status.ATTENTION), (norm, high, Status.ROBUST)]
    return [(max(a, low), min(b, high), s) for a, b, s in cuts if min(b, high) > max(a, low)]


def _axis_line(drawing: Drawing, bar: Staaf, x_of, y: float, theme: Theme) -> None:
    color = hex_color(theme.light)
    drawing.add(Line(PANEL_X0, y, PANEL_X1, y, strokeColor=color, strokeWidth=0.6))
    for tick in bar.schaal:
        x = x_of(tick.waarde)
        zero = tick.waarde == 0
        drawing.add(
            Line(
                x,
                y - 2.5,
                x,
                y + (11 if zero else 0),
                strokeColor=hex_color(theme.text) if zero else color,
                strokeWidth=0.8 if zero else 0.6,
            )
        )
        drawing.add(text(x, y - 9.5, tick.tekst, theme, size=6, anchor="middle", color=hex_color(theme.light)))


def _thresholds(drawing: Drawing, bar: Staaf, x_of, strip_y: float, strip_h: float, theme: Theme) -> None:
    """The norm (solid) and the kwetsbaar limit (dashed) as lines through the panel, labelled above it where
    the labels fit without touching each other."""
    dark = hex_color(theme.text)
    norms = [bar.norm] if not isinstance(bar.norm, tuple) else list(bar.norm)
    weaks = [bar.grens] if not isinstance(bar.grens, tuple) else list(bar.grens)
    for value in (v for v in weaks if v is not None):
        x = x_of(value)
        drawing.add(
            Line(x, strip_y, x, strip_y + strip_h + 2, strokeColor=dark, strokeWidth=0.8, strokeDashArray=[1.6, 1.2])
        )
    for value in (v for v in norms if v is not None):
        x = x_of(value)
        drawing.add(Line(x, strip_y - 1, x, strip_y + strip_h + 3, strokeColor=dark, strokeWidth=1.6))
    labels = []  # (text, x, anchor, bold)
    if bar.norm_tekst and norms[0] is not None:
        if isinstance(bar.norm, tuple):
            labels.append((bar.norm_tekst, (x_of(norms[0]) + x_of(norms[1])) / 2, "middle", True))
        else:
            labels.append((bar.norm_tekst, x_of(norms[0]), "end" if bar.lager_is_beter else "start", True))
    if isinstance(bar.grens, tuple) and len(bar.grens_teksten) == 2:
        labels += [
            (bar.grens_teksten[0], x_of(weaks[0]), "end", False),
            (bar.grens_teksten[1], x_of(weaks[1]), "start", False),
        ]
    elif bar.grens_teksten and weaks[0] is not None:
        labels.append((bar.grens_teksten[0], x_of(weaks[0]), "start" if bar.lager_is_beter else "end", False))
    taken: list[tuple[float, float]] = []
    baseline = strip_y + strip_h + 4.5
    for value, x, anchor, bold in labels:
        if not value:
            continue
        w = text_width(value, theme, 6.2, bold)
        x0 = {"start": x + 1.5, "end": x - 1.5 - w, "middle": x - w / 2}[anchor]
        if x0 < PANEL_X0 - 8 and anchor == "end":
            x0 = x + 1.5  # no room on the left: write it to the right of its line
        x0 = min(max(x0, PANEL_X0 - 8), WIDTH - w)
        if any(x0 < b and x0 + w > a for a, b in taken):
            continue  # the line and the zones still show it; the legend says what the line is
        taken.append((x0 - 3, x0 + w + 3))
        drawing.add(
            text(x0, baseline, value, theme, size=6.2, bold=bold, color=dark if bold else hex_color(theme.light))
        )


def _bullet_legend(drawing: Drawing, theme: Theme) -> None:
    y2, y1 = 18.0, 5.0
    x = 0.0
    drawing.add(text(x, y2, "Waarde van de bibliotheek:", theme, size=6.8))
    x += text_width("Waarde van de bibliotheek:", theme, 6.8) + 6
    for status in (Status.ROBUST, Status.ATTENTION, Status.WEAK):
        drawing.add(status_symbol(x + 4, y2 + 2.5, status, 7.5, theme))
        drawing.add(text(x + 11, y2, status.label.lower(), theme, size=6.8))
        x += 16 + text_width(status.label.lower(), theme, 6.8)
    drawing.add(
        Polygon(
            [x + 4, y2 - 1, x + 7.5, y2 + 2.5, x + 4, y2 + 6, x + 0.5, y2 + 2.5],
            fillColor=WHITE,
            strokeColor=hex_color(theme.text),
            strokeWidth=0.8,
        )
    )
    drawing.add(text(x + 11, y2, "mediaan van de categorie", theme, size=6.8))
    x = 0.0
    dark = hex_color(theme.text)
    drawing.add(Line(x + 3, y1 - 2, x + 3, y1 + 7, strokeColor=dark, strokeWidth=1.6))
    drawing.add(text(x + 8, y1, "norm (robuust)", theme, size=6.8))
    x += 14 + text_width("norm (robuust)", theme, 6.8)
    drawing.add(Line(x + 3, y1 - 2, x + 3, y1 + 7, strokeColor=dark, strokeWidth=0.8, strokeDashArray=[1.6, 1.2]))
    drawing.add(text(x + 8, y1, "kwetsbaarheidsgrens", theme, size=6.8))
    x += 18 + text_width("kwetsbaarheidsgrens", theme, 6.8)
    drawing.add(text(x, y1, "Achtergrond:", theme, size=6.8))
    x += text_width("Achtergrond:", theme, 6.8) + 4
    for status in (Status.ROBUST, Status.ATTENTION, Status.WEAK):
        drawing.add(
            Rect(x, y1 - 1, 12, 7, fillColor=tint(theme.status_colors[status.code], ZONE_TINT), strokeColor=None)
        )
        drawing.add(text(x + 15, y1, status.label.lower(), theme, size=6.8))
        x += 20 + text_width(status.label.lower(), theme, 6.8)


# --- trend chart ----------------------------------------------------------------------------------------------

TREND_ROW = 23.0
TREND_X0, TREND_X1 = 212.0, 362.0  # the time axis
TREND_AXIS_H = 14.0  # the years under the last row


def draw_trend(figure: Figuur, theme: Theme) -> Drawing:
    """A row per indicator: its name, its first value, its line over the years on its own axis (not from zero),
    and its last value in the colour and shape of its status; the first and last year under the rows."""
    lines = figure.lijnen
    drawing = new_drawing(TREND_ROW * len(lines) + TREND_AXIS_H, theme)
    years = [x for line in lines for x, _ in line.punten] or [0.0, 1.0]
    first, last = min(years), max(years)
    span = (last - first) or 1.0

    def x_of(year: float) -> float:
        return TREND_X0 + (year - first) / span * (TREND_X1 - TREND_X0)

    for i, line in enumerate(lines):
        _trend_row(drawing, line, drawing.height - (i + 1) * TREND_ROW, x_of, theme)
    ticks = {t.waarde: t.tekst for line in lines for t in line.jaren}
    for year, label in ticks.items():
        drawing.add(text(x_of(year), 3, label, theme, size=6.8, anchor="middle", color=hex_color(theme.light)))
    for year in range(int(first), int(last) + 1):
        drawing.add(Line(x_of(year), 12, x_of(year), 14.5, strokeColor=hex_color(theme.light), strokeWidth=0.5))
    return drawing


def _trend_row(drawing: Drawing, line: Lijn, y: float, x_of, theme: Theme) -> None:
    labels = wrap_to(line.label, LABEL_W, theme, 7.6, lines=2)
    top = y + (15 if len(labels) == 2 else 10.5)
    for n, label in enumerate(labels):
        drawing.add(text(0, top - n * 8.6, label, theme, size=7.6))
    values = [v for _, v in line.punten]
    low, high = min(values), max(values)
    pad = (high - low) * 0.12 or max(abs(high) * 0.05, 1e-9)
    low, high = low - pad, high + pad
    y0, y1 = y + 4, y + 19

    def y_of(value: float) -> float:
        return y0 + (value - low) / (high - low) * (y1 - y0)

    drawing.add(Line(TREND_X0, y0 - 1, TREND_X1, y0 - 1, strokeColor=hex_color(theme.track), strokeWidth=0.8))
    color = hex_color(theme.primary)
    points = [(x_of(year), y_of(value), year) for year, value in line.punten]
    for (xa, ya, a), (xb, yb, b) in zip(points, points[1:], strict=False):
        if b - a == 1:  # a year without figures breaks the line
            drawing.add(Line(xa, ya, xb, yb, strokeColor=color, strokeWidth=1.3))
    for x, yy, _ in points[:-1]:
        drawing.add(Circle(x, yy, 1.6, fillColor=color, strokeColor=None))
    x_last, y_last, _ = points[-1]
    drawing.add(status_symbol(x_last, y_last, line.status, 7.5, theme, outline=WHITE))
    mid = (y0 + y1) / 2 - 2.6
    drawing.add(text(TREND_X0 - 6, mid, line.begin_tekst, theme, size=7.4, anchor="end", color=hex_color(theme.light)))
    drawing.add(
        text(
            TREND_X1 + 8,
            mid,
            line.eind_tekst,
            theme,
            size=7.6,
            bold=True,
            color=status_color(theme, line.status) if line.status is not Status.NO_DATA else hex_color(theme.text),
        )
    )


# --- module profile -------------------------------------------------------------------------------------------

PROFILE_GAP = 6.0
PROFILE_LINE = 7.6


def draw_profile(figure: Figuur, theme: Theme) -> Drawing:
    """A column per building block: its name and status on top, then each indicator by name with its symbol."""
    series = figure.reeksen
    n = max(1, len(series))
    col_w = (WIDTH - PROFILE_GAP * (n - 1)) / n
    columns = []
    for s in series:
        head = wrap_to(s.label, col_w - 4, theme, 7.6, lines=2, bold=True)
        items = [wrap_to(name, col_w - 13, theme, 6.5, lines=3) for name in (s.namen or ("",) * len(s.statussen))]
        columns.append((head, items))
    head_h = max((len(h) for h, _ in columns), default=1) * 9 + 21
    body_h = max((sum(len(i) * PROFILE_LINE + 3.5 for i in items) for _, items in columns), default=0)
    height = head_h + body_h + 22
    drawing = new_drawing(height, theme)
    for k, (s, (head, items)) in enumerate(zip(series, columns, strict=True)):
        x = k * (col_w + PROFILE_GAP)
        top = height - 4
        drawing.add(Rect(x, top - head_h + 3, col_w, head_h - 3, fillColor=hex_color(theme.track), strokeColor=None))
        for i, line in enumerate(head):
            drawing.add(text(x + 3, top - 9 - i * 9, line, theme, size=7.6, bold=True))
        status_y = top - head_h + 7.5
        drawing.add(status_symbol(x + 7, status_y + 2.6, s.status, 8, theme))
        drawing.add(
            text(
                x + 14, status_y, s.status.label.lower(), theme, size=7, bold=True, color=status_color(theme, s.status)
            )
        )
        y = top - head_h - 6
        for status, lines in zip(s.statussen, items, strict=True):
            drawing.add(status_symbol(x + 5, y + 2.3, status, 7, theme))
            for i, line in enumerate(lines):
                drawing.add(text(x + 12, y - i * PROFILE_LINE, line, theme, size=6.5))
            y -= len(lines) * PROFILE_LINE + 3.5
    status_legend(drawing, 0, theme)
    return drawing


# --- map ------------------------------------------------------------------------------------------------------

MAP_W = 322.0
MAP_H_RANGE = (210.0, 330.0)
UNDER_MAP = 30.0  # scale bar and source
DISTANCE_STEPS = ((1.0, "tot 1 km"), (2.0, "1–2 km"), (5.0, "2–5 km"), (math.inf, "5 km of meer"))
BRANCH_SHAPES = {"vestiging": "square", "servicepunt": "triangle"}
OWN_FILL, OWN_LINE, AREA_LINE = "#EEF3F8", "#8EA3B8", "#4A6580"
OTHER_FILL, OTHER_LINE = "#F1F1EE", "#D0D0CA"
NAME_COLOR, FAR_COLOR = "#2F3E4E", "#7A1C15"
LIST_ROW = 9.5
LIST_LINE = 0.8  # a second line of a name, as a share of a row
LIST_SIZE = 6.5
LIST_INDENT = 28.0  # marker and number before the name


def draw_map(figure: Figuur, theme: Theme) -> Drawing:
    """The service area: outlines, neighbourhoods, numbered locations and names; the list of locations below."""
    kaart = figure.kaart or Kaart()
    bbox = kaart.kader or _points_box(kaart)
    map_h = min(max(MAP_W * aspect(bbox) + 28, MAP_H_RANGE[0]), MAP_H_RANGE[1])
    columns, lines = _list_layout(kaart, theme)
    rows = math.ceil(len(kaart.locaties) / columns)
    list_h = 16 + LIST_ROW * (1 + LIST_LINE * (lines - 1)) * rows if kaart.locaties else 0
    drawing = new_drawing(list_h + UNDER_MAP + map_h, theme)
    box = (0.0, list_h + UNDER_MAP, MAP_W, list_h + UNDER_MAP + map_h)
    frame = Frame.fit(bbox, box)
    group = Group()
    group.add(Rect(box[0], box[1], MAP_W, map_h, fillColor=hex_color(theme.paper), strokeColor=None))
    own_rings = _areas(group, kaart, frame)
    placer = Placer(box)
    hood_xy = _neighbourhoods(group, kaart, frame, placer, theme)
    branch_xy = frame.xy([(p.x, p.y) for p in kaart.locaties]) if kaart.locaties else np.zeros((0, 2))
    leaders = Group()
    group.add(leaders)
    for (x, y), p in zip(branch_xy, kaart.locaties, strict=True):
        group.add(_branch_marker(x, y, p.soort, theme))
        placer.take((x - 5, y - 5, x + 5, y + 5), 4.0)
    labels = Group()
    _municipality_names(labels, kaart, frame, placer, own_rings, theme)
    _numbers(labels, leaders, kaart, branch_xy, placer, theme)
    _farthest(labels, leaders, kaart, hood_xy, placer, theme)
    _neighbour_names(labels, kaart, frame, placer, theme)
    group.add(labels)
    group.add(Rect(box[0], box[1], MAP_W, map_h, fillColor=None, strokeColor=hex_color(theme.track), strokeWidth=0.8))
    drawing.add(group)
    under = list_h + UNDER_MAP - 14
    scale_bar(drawing, 6, under, frame.points_per_km, theme, kaart.schaal)
    if kaart.bron:
        drawing.add(text(MAP_W, under - 12, kaart.bron, theme, size=6, anchor="end", color=hex_color(theme.light)))
    _map_legend(drawing, kaart, box, theme)
    if kaart.locaties:
        _location_list(drawing, kaart, list_h, columns, rows, lines, theme)
    return drawing


def _list_layout(kaart: Kaart, theme: Theme) -> tuple[int, int]:
    """Columns and lines per name of the location list: as many columns as the names fit in on one line (three
    only for a long list), else two columns of two lines. A name is never cut short: it is the key to the map."""
    options = (3, 2) if len(kaart.locaties) > 12 else (2,)
    for columns in options:
        if all(text_width(p.naam, theme, LIST_SIZE) <= WIDTH / columns - LIST_INDENT for p in kaart.locaties):
            return columns, 1
    return 2, 2


def _points_box(kaart: Kaart) -> tuple[float, float, float, float]:
    xs = [p.x for p in kaart.buurten] + [p.x for p in kaart.locaties] or [5.0]
    ys = [p.y for p in kaart.buurten] + [p.y for p in kaart.locaties] or [52.0]
    return (min(xs), min(ys), max(xs), max(ys))


def _areas(group: Group, kaart: Kaart, frame: Frame) -> dict[str, list[np.ndarray]]:
    """Fills (neighbours grey, own tinted), then the borders: neighbours' thin, the own municipalities' medium,
    the service area's edge heavy. Returns the own outlines in drawing points (for placing their names)."""
    own_rings: dict[str, list[np.ndarray]] = {}
    for g in sorted(kaart.gebieden, key=lambda g: g.soort == "eigen"):
        if not g.ringen:
            continue
        rings = [frame.xy(r) for r in g.ringen]
        if g.soort == "eigen":
            own_rings[g.code] = rings
        clipped = [clip_polygon(r, frame.box) for r in rings]
        path = area_path(clipped, hex_color(OWN_FILL if g.soort == "eigen" else OTHER_FILL))
        if path is not None:
            group.add(path)
    styles = {"buur": (OTHER_LINE, 0.6), "gemeente": (OWN_LINE, 0.8), "werkgebied": (AREA_LINE, 1.4)}
    for kind in ("buur", "gemeente", "werkgebied"):
        pieces = []
        for border in (b for b in kaart.grenzen if b.soort == kind):
            points = frame.xy(border.punten + (border.punten[:1] if border.gesloten else ()))
            pieces += clip_polyline(points, frame.box)
        color, width = styles[kind]
        path = line_path(pieces, hex_color(color), width)
        if path is not None:
            group.add(path)
    return own_rings


def _neighbourhoods(group: Group, kaart: Kaart, frame: Frame, placer: Placer, theme: Theme) -> np.ndarray:
    if not kaart.buurten:
        return np.zeros((0, 2))
    xy = frame.xy([(b.x, b.y) for b in kaart.buurten])
    biggest = max((b.inwoners for b in kaart.buurten), default=1.0) or 1.0
    order = sorted(range(len(kaart.buurten)), key=lambda i: -kaart.buurten[i].inwoners)
    for i in order:
        b, (x, y) = kaart.buurten[i], xy[i]
        radius = 1.6 + 4.0 * math.sqrt(max(b.inwoners, 0) / biggest)
        group.add(
            Circle(
                x, y, radius, fillColor=hex_color(_distance_color(b.afstand, theme)), strokeColor=WHITE, strokeWidth=0.4
            )
        )
        if b.label:
            group.add(Circle(x, y, radius + 1.8, fillColor=None, strokeColor=hex_color(FAR_COLOR), strokeWidth=0.9))
        placer.take((x - radius, y - radius, x + radius, y + radius), 0.3 if not b.label else 2.0)
    return xy


def _municipality_names(labels: Group, kaart: Kaart, frame: Frame, placer: Placer, own_rings, theme: Theme) -> None:
    own = [g for g in kaart.gebieden if g.soort == "eigen" and g.naam and g.label is not None]
    own.sort(key=lambda g: -sum(abs(_ring_area(r)) for r in own_rings.get(g.code, [])))
    for g in own:
        anchor = frame.point(*g.label)
        lines, size, cx, box, _ = place_name(placer, g.naam, anchor, own_rings.get(g.code, []), theme)
        placer.take(box, 3.0)
        top = box[3] - size * 0.95
        for i, line in enumerate(lines):
            halo_text(labels, cx, top - i * size * 1.15, line, theme, size, hex_color(NAME_COLOR))


def _neighbour_names(labels: Group, kaart: Kaart, frame: Frame, placer: Placer, theme: Theme) -> None:
    """Names of neighbouring municipalities, small and grey, only where they fit without touching anything."""
    x0, y0, x1, y1 = frame.box
    for g in (g for g in kaart.gebieden if g.soort == "buur" and g.naam and g.label is not None):
        x, y = frame.point(*g.label)
        if not (x0 + 10 < x < x1 - 10 and y0 + 6 < y < y1 - 6):
            continue
        w, h = text_width(g.naam, theme, 6.2, italic=True) + 2, 7.0
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        if placer.cost(box) > 0:
            continue
        placer.take(box, 3.0)
        halo_text(labels, x, y - 2.2, g.naam, theme, 6.2, hex_color(theme.light), bold=False, italic=True)


def _numbers(labels: Group, leaders: Group, kaart: Kaart, branch_xy, placer: Placer, theme: Theme) -> None:
    for (x, y), p in zip(branch_xy, kaart.locaties, strict=True):
        w, h = text_width(p.nummer, theme, 6.5, bold=True) + 1.2, 6.2
        box, gap = _best_spot(placer, x, y, w, h, ((5.2, 0.0), (14.0, 14.0), (22.0, 32.0)), 1.0)
        placer.take(box, 3.0)
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if gap > 6:  # a thin leader from the marker's edge to the number's box
            _leader(leaders, x, y, box, 5.0, hex_color(theme.light))
        halo_text(labels, cx, cy - 2.3, p.nummer, theme, 6.5, hex_color(theme.primary))


def _farthest(labels: Group, leaders: Group, kaart: Kaart, hood_xy, placer: Placer, theme: Theme) -> None:
    for (x, y), b in zip(hood_xy, kaart.buurten, strict=True):
        if not b.label:
            continue
        w, h = text_width(b.label, theme, 6.2, bold=True) + 2, 7.0
        box, gap = _best_spot(placer, x, y, w, h, ((5.0, 0.0), (12.0, 15.0), (22.0, 35.0), (34.0, 60.0)), 2.0)
        placer.take(box, 3.0)
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if gap > 6:
            _leader(leaders, x, y, box, 4.0, hex_color(FAR_COLOR))
        halo_text(labels, cx, cy - 2.2, b.label, theme, 6.2, hex_color(FAR_COLOR))


def _best_spot(placer: Placer, x: float, y: float, w: float, h: float, gaps, weight: float):
    """The cheapest box of size w × h around (x, y) over the (gap, penalty) rings, and its gap."""
    candidates = [
        (box, gap, penalty + preference * weight)
        for gap, penalty in gaps
        for box, preference in around(x, y, w, h, gap)
    ]
    scores = placer.costs([c[0] for c in candidates]) + np.array([c[2] for c in candidates])
    box, gap, _ = candidates[int(np.argmin(scores))]
    return box, gap


def _leader(group: Group, x: float, y: float, box, start: float, color) -> None:
    """A line from `start` points off (x, y) to the nearest point of `box`, leaving 1 point free."""
    ex, ey = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
    length = math.hypot(ex - x, ey - y)
    if length <= start + 1.5:
        return
    ux, uy = (ex - x) / length, (ey - y) / length
    group.add(Line(x + ux * start, y + uy * start, ex - ux, ey - uy, strokeColor=color, strokeWidth=0.5))


def _ring_area(r: np.ndarray) -> float:
    x, y = r[:, 0], r[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def _distance_color(km: float | None, theme: Theme) -> str:
    """The colour of a neighbourhood at `km`: a step includes its upper limit, as 'within 5 km' in the analysis."""
    if km is None:
        return theme.track
    for (limit, _), color in zip(DISTANCE_STEPS, theme.distance_colors, strict=True):
        if km <= limit:
            return color
    return theme.distance_colors[-1]


def _branch_marker(x: float, y: float, kind: str, theme: Theme, size: float = 1.0):
    color, stroke = hex_color(theme.primary), WHITE
    shape = BRANCH_SHAPES.get(kind, "diamond")
    if shape == "square":
        s = 4.2 * size
        return Rect(x - s, y - s, 2 * s, 2 * s, fillColor=color, strokeColor=stroke, strokeWidth=0.9)
    if shape == "triangle":
        s = 4.8 * size
        return Polygon(
            [x - s, y - 0.8 * s, x + s, y - 0.8 * s, x, y + s], fillColor=color, strokeColor=stroke, strokeWidth=0.9
        )
    s = 4.6 * size
    return Polygon(
        [x, y - s, x + s, y, x, y + s, x - s, y], fillColor=hex_color(theme.accent), strokeColor=stroke, strokeWidth=0.9
    )


def _map_legend(drawing: Drawing, kaart: Kaart, box, theme: Theme) -> None:
    x0, y = MAP_W + 10, box[3] - 9
    if kaart.buurten:
        drawing.add(text(x0, y, "Afstand buurt", theme, size=7.3, bold=True))
        for (_, label), color in zip(DISTANCE_STEPS, theme.distance_colors, strict=True):
            y -= 12
            drawing.add(Circle(x0 + 4, y + 2.6, 3.6, fillColor=hex_color(color), strokeColor=None))
            drawing.add(text(x0 + 12, y, label, theme, size=6.8))
        y -= 12
        drawing.add(
            text(x0 + 12, y, "cirkel naar inwoners", theme, size=6.3, italic=True, color=hex_color(theme.light))
        )
        if any(b.label for b in kaart.buurten):
            y -= 12
            drawing.add(Circle(x0 + 4, y + 2.6, 2.6, fillColor=hex_color(theme.distance_colors[-1]), strokeColor=None))
            drawing.add(Circle(x0 + 4, y + 2.6, 4.4, fillColor=None, strokeColor=hex_color(FAR_COLOR), strokeWidth=0.9))
            drawing.add(text(x0 + 12, y, "verste buurt", theme, size=6.8))
        y -= 20
    if kaart.locaties:
        drawing.add(text(x0, y, "Locaties", theme, size=7.3, bold=True))
        for kind, label in (("vestiging", "vestiging"), ("servicepunt", "servicepunt"), ("overig", "andere locatie")):
            y -= 12
            drawing.add(_branch_marker(x0 + 4, y + 2.6, kind, theme, 0.8))
            drawing.add(text(x0 + 12, y, label, theme, size=6.8))
        y -= 20
    if any(g.ringen for g in kaart.gebieden):
        drawing.add(text(x0, y, "Gemeenten", theme, size=7.3, bold=True))
        y -= 12
        drawing.add(
            Rect(x0, y - 0.5, 9, 7, fillColor=hex_color(OWN_FILL), strokeColor=hex_color(AREA_LINE), strokeWidth=1.2)
        )
        drawing.add(text(x0 + 13, y, "werkgebied", theme, size=6.8))
        y -= 12
        drawing.add(
            Rect(x0, y - 0.5, 9, 7, fillColor=hex_color(OTHER_FILL), strokeColor=hex_color(OTHER_LINE), strokeWidth=0.6)
        )
        drawing.add(text(x0 + 13, y, "andere gemeente", theme, size=6.8))


def _location_list(
    drawing: Drawing, kaart: Kaart, height: float, columns: int, rows: int, lines: int, theme: Theme
) -> None:
    col_w = WIDTH / columns
    row_h = LIST_ROW * (1 + LIST_LINE * (lines - 1))
    drawing.add(text(0, height - 9, "Locaties op de kaart", theme, size=7.3, bold=True))
    for i, p in enumerate(kaart.locaties):
        col, row = divmod(i, rows)
        x, y = col * col_w, height - 21 - row * row_h
        drawing.add(_branch_marker(x + 4, y + 2.4, p.soort, theme, 0.65))
        drawing.add(
            text(x + 19, y, p.nummer, theme, size=LIST_SIZE, bold=True, anchor="end", color=hex_color(theme.primary))
        )
        for k, line in enumerate(wrap_to(p.naam, col_w - LIST_INDENT, theme, LIST_SIZE, lines=lines)):
            drawing.add(text(x + 23, y - k * LIST_ROW * LIST_LINE, line, theme, size=LIST_SIZE))
