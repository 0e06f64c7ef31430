"""The charts as drawings: what a reader sees (axis with zero, direction, labelled norm and limit, status by colour
and shape, named indicators), the zones behind a panel, and the PNG rasteriser that draws them for Word."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageChops
from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
    Wedge,
)
from reportlab.graphics.shapes import Path as RLPath
from reportlab.lib.colors import HexColor

from robuust_docs.render import load_theme
from robuust_docs.render.charts import draw_figure, drawing_to_png, png
from robuust_docs.render.charts.handreiking import _zones
from robuust_docs.render.charts.maps import Frame, Placer, area_path, clip_polygon, clip_polyline
from robuust_docs.render.charts.png import encode_png
from robuust_docs.report.figure_model import Figuur, Maatstreep, Reeks, Staaf
from robuust_docs.status import Status

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def theme():
    return load_theme(ROOT / "templates")


def shapes(group):
    for shape in group.contents:
        if isinstance(shape, Group):
            yield from shapes(shape)
        else:
            yield shape


def strings(drawing) -> list[str]:
    return [s.text for s in shapes(drawing) if isinstance(s, String)]


def axis(*values) -> tuple[Maatstreep, ...]:
    return tuple(Maatstreep(v, f"{v:g} km") for v in values)


DISTANCE = Staaf(
    "Gemiddelde afstand tot een bibliotheeklocatie",
    4.6,
    "4,6 km",
    2.5,
    4.0,
    1.9,
    Status.WEAK,
    True,
    "lager is beter",
    axis(0, 2, 4, 6),
    "norm ≤ 2,5 km",
    ("kwetsbaar > 4,0 km",),
)


def test_a_bullet_panel_shows_its_axis_from_zero_direction_thresholds_and_value(theme):
    drawing = draw_figure(Figuur("staven", "alt", "bijschrift", staven=(DISTANCE,)), theme)
    texts = strings(drawing)
    for expected in ("0 km", "6 km", "lager is beter", "norm ≤ 2,5 km", "kwetsbaar > 4,0 km", "4,6 km"):
        assert expected in texts
    dashed = [s for s in shapes(drawing) if isinstance(s, Line) and s.strokeDashArray]
    assert len(dashed) >= 2  # the kwetsbaar limit in the panel and in the legend
    weak = HexColor(theme.status_colors["kwetsbaar"])
    squares = [s for s in shapes(drawing) if isinstance(s, Rect) and s.fillColor == weak]
    assert squares  # kwetsbaar is a square in the status colour, on the panel and beside the value


def test_zones_follow_the_direction(theme):
    assert _zones(DISTANCE, 0, 6) == [(0, 2.5, Status.ROBUST), (2.5, 4.0, Status.ATTENTION), (4.0, 6, Status.WEAK)]
    higher = Staaf("x", 1.0, "1", 2.0, 1.5, None, Status.WEAK, False, schaal=axis(0, 3))
    assert [z[2] for z in _zones(higher, 0, 3)] == [Status.WEAK, Status.ATTENTION, Status.ROBUST]
    band = Staaf("x", 50.0, "50%", (45.0, 65.0), (35.0, 75.0), None, Status.ROBUST, False, schaal=axis(0, 100))
    assert [z[2] for z in _zones(band, 0, 100)] == [
        Status.WEAK,
        Status.ATTENTION,
        Status.ROBUST,
        Status.ATTENTION,
        Status.WEAK,
    ]


def test_the_profile_names_every_indicator_with_the_symbol_of_its_status(theme):
    series = (
        Reeks(
            "Personeel", (Status.ROBUST, Status.WEAK), ("Vrijwilligers per fte", "Betaald personeel"), Status.ATTENTION
        ),
        Reeks("Financiën", (Status.NO_DATA,), ("Gemeentelijke subsidie per inwoner",), Status.NO_DATA),
    )
    drawing = draw_figure(Figuur("profiel", "alt", "bijschrift", reeksen=series), theme)
    joined = " ".join(strings(drawing))
    for name in ("Vrijwilligers per fte", "Betaald personeel", "Gemeentelijke subsidie per inwoner", "Personeel"):
        assert name in joined
    assert "aandachtspunt" in strings(drawing)  # the building block's own status in words


# --- the PNG rasteriser ---------------------------------------------------------------------------------------------


def pixels(drawing, theme):
    return Image.open(io.BytesIO(drawing_to_png(drawing, theme, dpi=72))).convert("RGB")


def test_a_path_with_a_hole_is_filled_by_the_even_odd_rule(theme):
    drawing = Drawing(100, 100)
    rings = [np.array(((10, 10), (90, 10), (90, 90), (10, 90))), np.array(((30, 30), (70, 30), (70, 70), (30, 70)))]
    drawing.add(area_path(rings, HexColor("#FF0000")))  # the maps' own builder of a municipality with a hole
    image = pixels(drawing, theme)
    assert image.getpixel((20, 50)) == (255, 0, 0)  # in the ring
    assert image.getpixel((50, 50)) == (255, 255, 255)  # in the hole
    assert image.getpixel((5, 5)) == (255, 255, 255)


def test_dashed_lines_polylines_and_translated_groups_are_drawn(theme):
    drawing = Drawing(100, 40)
    drawing.add(Line(0, 30, 100, 30, strokeColor=HexColor("#000000"), strokeWidth=2, strokeDashArray=[10, 10]))
    group = Group(PolyLine([0, 0, 40, 0], strokeColor=HexColor("#0000FF"), strokeWidth=4))
    group.translate(10, 10)
    drawing.add(group)
    image = pixels(drawing, theme)
    row = [image.getpixel((x, 10))[0] < 100 for x in range(0, 100)]
    assert row[5] and not row[15] and row[25] and not row[35]  # dash, gap, dash, gap
    assert image.getpixel((30, 30)) == (0, 0, 255)  # the polyline moved by its group
    assert image.getpixel((5, 30)) == (255, 255, 255)


def test_bars_and_level_lines_stay_sharp_and_only_symbols_and_slanted_shapes_are_smoothed(theme):
    """A chart of bars, level lines and symbols is drawn at its own size: a bar's edge has no blended pixels and
    the pixels around a symbol keep their colour exactly, while the symbol's own edge is anti-aliased. A slanted
    line makes the whole chart supersampled, so its edges are anti-aliased too."""
    from robuust_docs.render.charts.png import _slanted

    red, green = HexColor("#C62828"), HexColor("#2E7D32")
    drawing = Drawing(100, 40)
    drawing.add(Rect(10.5, 5, 60, 30, fillColor=red, strokeColor=None))
    drawing.add(Line(0, 2, 100, 2, strokeColor=HexColor("#000000"), strokeWidth=1))
    drawing.add(Circle(40, 20, 6, fillColor=green, strokeColor=None))
    image = np.asarray(pixels(drawing, theme))
    colours = {tuple(c) for c in image[10:30].reshape(-1, 3)}
    blended = colours - {(198, 40, 40), (46, 125, 50), (255, 255, 255)}
    row = {tuple(c) for c in image[30, :]}  # through the bar, above the circle: only bar and background
    assert row == {(198, 40, 40), (255, 255, 255)}
    assert blended  # the circle's edge is smoothed
    assert all(abs(int(c[1]) - 125) < 90 for c in blended)  # blends of green with the bar's red or white
    assert tuple(image[20, 40]) == (46, 125, 50)  # and its middle is its own colour

    drawing.add(Line(0, 0, 100, 40, strokeColor=HexColor("#000000"), strokeWidth=1))
    edge = {tuple(c) for c in np.asarray(pixels(drawing, theme))[5:35, 9:12].reshape(-1, 3)}
    assert len(edge - {(198, 40, 40), (255, 255, 255), (0, 0, 0)}) > 0  # supersampled: the bar's edge blends

    assert _slanted(Line(0, 0, 10, 10)) and _slanted(PolyLine([0, 0, 10, 0, 20, 5]))
    assert _slanted(Circle(0, 0, 20)) and _slanted(Polygon([0, 0, 50, 0, 25, 40]))
    assert not any(
        _slanted(shape)
        for shape in (Line(0, 0, 10, 0), PolyLine([0, 0, 10, 0, 10, 10]), Circle(0, 0, 4), Rect(0, 0, 90, 40))
    )


@pytest.mark.parametrize("deflate", ["isal", "zlib"])
def test_our_png_encoder_is_lossless_and_readable(deflate, monkeypatch):
    if deflate == "isal":  # what is installed: the dependency, not the fallback
        assert png._deflate.__module__.startswith("isal") and png.DEFLATE_LEVEL == 2
    else:  # the fallback where isal has no wheel
        monkeypatch.setattr(png, "_deflate", zlib.compress)
        monkeypatch.setattr(png, "DEFLATE_LEVEL", 1)
    rng = np.random.default_rng(7)
    source = Image.fromarray(rng.integers(0, 256, size=(37, 53, 3), dtype=np.uint8), "RGB")
    data = encode_png(source)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    decoded = Image.open(io.BytesIO(data))
    decoded.load()  # checks every chunk's CRC and the zlib stream
    assert (decoded.mode, decoded.size) == ("RGB", (53, 37))
    assert np.array_equal(np.asarray(decoded), np.asarray(source))


def test_text_is_drawn_at_its_anchor_in_its_colour_and_the_same_every_time(theme):
    def label(anchor: str) -> Drawing:
        drawing = Drawing(200, 40)
        drawing.add(
            String(
                100,
                10,
                "Ledental",
                fontName=theme.font_bold,
                fontSize=20,
                fillColor=HexColor("#0000FF"),
                textAnchor=anchor,
            )
        )
        return drawing

    def ink(image) -> tuple[int, int]:
        columns = [x for x in range(image.width) if any(image.getpixel((x, y))[0] < 128 for y in range(image.height))]
        return columns[0], columns[-1]

    start, middle, end = (pixels(label(a), theme) for a in ("start", "middle", "end"))
    assert 99 <= ink(start)[0] <= 103 and 96 <= ink(end)[1] <= 101  # begins, or ends, at x = 100 (+ bearing)
    left, right = ink(middle)
    assert abs((left + right) / 2 - 100) <= 2
    blue = [start.getpixel((x, y)) for x in range(start.width) for y in range(start.height)]
    assert (0, 0, 255) in blue and all(b >= r for r, _g, b in blue)  # blue ink on white, nothing else
    assert drawing_to_png(label("start"), theme) == drawing_to_png(label("start"), theme)  # the cached mask


def test_a_shape_the_rasteriser_cannot_draw_is_refused_not_dropped(theme):
    drawing = Drawing(50, 50)
    drawing.add(Wedge(25, 25, 20, 0, 90, fillColor=HexColor("#000000")))
    with pytest.raises(ValueError, match="Wedge"):
        drawing_to_png(drawing, theme)


def test_a_chart_rasterises_at_its_size_from_shapes_the_rasteriser_knows(theme):
    drawing = draw_figure(Figuur("staven", "alt", "bijschrift", staven=(DISTANCE,)), theme)
    image = pixels(drawing, theme)
    assert image.size == (round(drawing.width), round(drawing.height))
    assert image.getextrema() != ((255, 255), (255, 255), (255, 255))  # something was drawn
    assert all(isinstance(s, Rect | Circle | Line | Polygon | PolyLine | RLPath | String) for s in shapes(drawing))


# --- map machinery --------------------------------------------------------------------------------------------------


def test_clipping_keeps_what_lies_inside_the_frame():
    box = (0.0, 0.0, 10.0, 10.0)
    square = np.array([(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)])
    clipped = clip_polygon(square, box)
    assert clipped[:, 0].min() == 0 and clipped[:, 1].min() == 0 and clipped.max() == 5
    line = np.array([(-5.0, 5.0), (5.0, 5.0), (15.0, 5.0), (15.0, 8.0), (5.0, 8.0)])
    pieces = clip_polyline(line, box)
    assert len(pieces) == 2
    assert pieces[0][0].tolist() == [0.0, 5.0] and pieces[0][-1].tolist() == [10.0, 5.0]
    assert pieces[1][-1].tolist() == [5.0, 8.0]


def test_the_projection_keeps_the_aspect_ratio_and_the_placer_counts_overlap():
    frame = Frame.fit((5.0, 52.0, 5.2, 52.1), (0.0, 0.0, 300.0, 300.0), margin=0)
    (x0, y0), (x1, y1) = frame.xy([(5.0, 52.0), (5.2, 52.1)])
    km_x = 0.2 * 111.2 * np.cos(np.radians(52.05))
    assert abs((x1 - x0) / (y1 - y0) - km_x / (0.1 * 111.2)) < 1e-6
    placer = Placer((0.0, 0.0, 100.0, 100.0))
    placer.take((0, 0, 10, 10), 2.0)
    assert placer.cost((5, 5, 15, 15)) == 50.0  # 25 square points overlap, weight 2
    assert placer.cost((-10, 0, 0, 10)) == 100 * 50  # wholly outside the frame


def _rasterised(draw, tmp_path: Path, name: str) -> Image.Image:
    """A one-page PDF of 200 × 120 pt on which `draw(canvas)` draws, as pdftoppm renders it at 150 dpi."""
    from reportlab.pdfgen.canvas import Canvas

    from tests.checks import need, run

    pdf = tmp_path / f"{name}.pdf"
    canvas = Canvas(str(pdf), pagesize=(200, 120), invariant=1)
    draw(canvas)
    canvas.save()
    run(need("pdftoppm"), "-png", "-r", "150", "-singlefile", str(pdf), str(tmp_path / name))
    return Image.open(tmp_path / f"{name}.png").convert("RGB")


def test_charts_drawn_straight_onto_the_canvas_look_as_reportlab_draws_them(theme, tmp_path):
    """`vector.draw_drawing` (the PDF's charts, without renderPDF's state machine) paints the same pixels as
    reportlab's renderPDF, for every kind of shape the charts use."""
    from reportlab.graphics import renderPDF

    from robuust_docs.render.charts.primitives import text
    from robuust_docs.render.charts.vector import draw_drawing

    drawing = Drawing(200, 120)
    drawing.add(Rect(5, 5, 40, 20, fillColor=HexColor("#2E7D32"), strokeColor=HexColor("#000000"), strokeWidth=2))
    drawing.add(Rect(50, 5, 30, 20, rx=4, ry=4, fillColor=HexColor("#FFB300"), strokeColor=None))
    drawing.add(Circle(100, 15, 10, fillColor=None, strokeColor=HexColor("#C62828"), strokeWidth=1.5))
    drawing.add(Line(5, 40, 195, 40, strokeColor=HexColor("#555555"), strokeWidth=1, strokeDashArray=[3, 2]))
    drawing.add(Polygon([120, 5, 150, 5, 135, 30], fillColor=HexColor("#1565C0"), strokeColor=None))
    rings = [
        np.array(((160, 5), (195, 5), (195, 35), (160, 35))),
        np.array(((170, 12), (185, 12), (185, 28), (170, 28))),
    ]
    path = area_path(rings, HexColor("#6A1B9A"))  # even-odd, as the maps draw a municipality with a hole
    path.strokeColor, path.strokeWidth = HexColor("#000000"), 0.5
    drawing.add(path)
    group = Group(PolyLine([0, 0, 30, 20, 60, 5], strokeColor=HexColor("#00838F"), strokeWidth=2))
    group.translate(10, 50)
    drawing.add(group)
    for x, anchor in ((100, "start"), (100, "middle"), (100, "end")):
        drawing.add(text(x, 95 - 10 * ("start", "middle", "end").index(anchor), "Ledental", theme, anchor=anchor))
    drawing.add(text(150, 100, "vet", theme, size=10, bold=True, color=HexColor("#C62828")))

    theirs = _rasterised(lambda c: renderPDF.draw(drawing, c, 0, 0), tmp_path, "renderpdf")
    ours = _rasterised(lambda c: draw_drawing(drawing, c), tmp_path, "vector")
    difference = np.asarray(ImageChops.difference(theirs, ours)).max(axis=2)
    assert (difference > 0).sum() <= 0.001 * difference.size  # anti-aliasing at most a pixel here and there
    assert np.asarray(ours).min() < 50  # and the page is not empty


def test_a_shape_the_pdf_cannot_draw_is_refused_not_dropped(theme):
    from reportlab.pdfgen.canvas import Canvas

    from robuust_docs.render.charts.vector import draw_drawing

    drawing = Drawing(50, 50)
    drawing.add(Wedge(25, 25, 20, 0, 90, fillColor=HexColor("#000000")))
    with pytest.raises(ValueError, match="Wedge"):
        draw_drawing(drawing, Canvas(io.BytesIO()))


def test_a_label_with_a_line_break_is_drawn_as_one_line(theme):
    """A municipality named with a line break in its cell ('a\\nb', Alt+Enter in Excel) must not stop the Word
    file: FreeType's single-line layout refuses control characters."""
    from robuust_docs.render.charts.primitives import text

    drawing = Drawing(100, 30)
    drawing.add(text(5, 10, "Noord\nBeveland", theme))
    image = pixels(drawing, theme)
    assert np.asarray(image).min() < 100  # drawn
