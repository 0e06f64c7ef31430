"""Maps with names: the handreiking's map of a sample library and of a fixture on real municipalities (the CBS/PDOK
outlines of 2025, read in place), and the overview's map of every municipality by its library's weak blocks."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Group, String
from reportlab.graphics.shapes import Path as RLPath

from robuust_docs.app import Settings, prepare
from robuust_docs.inputs.geo import PDOK_SOURCE
from robuust_docs.overview.build import build_overview
from robuust_docs.overview.figures import weak_blocks
from robuust_docs.render.charts import draw_figure, drawing_to_png
from robuust_docs.report.figures import map_figure
from tests.conftest import BRANCHES, BUNDLED_CONTENT, LIBRARIES, MUNICIPALITIES, NEIGHBOURHOODS, write_csv

ROOT = Path(__file__).resolve().parents[2]
PDOK = next(
    (p for up in (ROOT.parent, ROOT.parent.parent) if (p := up / "shared/data/pdok/gemeente_2025.geojson").is_file()),
    ROOT.parent / "shared/data/pdok/gemeente_2025.geojson",
)
need_pdok = pytest.mark.skipif(not PDOK.is_file(), reason="the PDOK test file is not available")
TODAY = datetime.date(2026, 11, 25)


def shapes(group):
    for shape in group.contents:
        if isinstance(shape, Group):
            yield from shapes(shape)
        else:
            yield shape


def strings(drawing) -> set[str]:
    return {s.text for s in shapes(drawing) if isinstance(s, String)}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return prepare(Settings(ROOT / "data", ROOT / "templates", tmp_path_factory.mktemp("out")))


def test_the_sample_map_names_municipalities_numbers_locations_and_labels_the_farthest(sample):
    lib = sample.analysis.libraries["bib-it-heidelan"]
    figure = map_figure(lib)
    drawing = draw_figure(figure, sample.theme)
    texts = strings(drawing)
    assert set(lib.rows.municipalities["naam"]) <= texts
    numbers = [str(n) for n in range(1, len(lib.rows.branches) + 1)]
    assert set(numbers) <= texts  # on the map and in the list under it
    assert set(lib.rows.branches["naam"]) <= texts or all(
        any(t.rstrip("…") and name.startswith(t.rstrip("…")) for t in texts) for name in lib.rows.branches["naam"]
    )
    assert {b.label for b in figure.kaart.buurten if b.label} <= texts
    assert any(t.startswith("5 km") or t.startswith("2 km") or t.startswith("10 km") for t in texts)  # scale bar
    assert figure.kaart.bron in texts
    assert any(isinstance(s, RLPath) for s in shapes(drawing))  # outlines and borders
    assert drawing_to_png(drawing, sample.theme)[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_big_city_lists_all_its_locations_under_the_map(sample):
    lib = sample.analysis.libraries["bib-markstad"]
    figure = map_figure(lib)
    assert len(figure.kaart.locaties) >= 40
    drawing = draw_figure(figure, sample.theme)
    assert {str(n) for n in range(1, len(figure.kaart.locaties) + 1)} <= strings(drawing)


# --- real municipalities -------------------------------------------------------------------------------------------

WALCHEREN = {"GM0687": ("Middelburg", 51.4988, 3.6136), "GM0718": ("Vlissingen", 51.4536, 3.5709)}


def _real_project(root: Path) -> Path:
    """The small project of conftest, moved onto real municipalities: bib-aadorp serves Middelburg and Vlissingen,
    bib-cstad Amsterdam; the PDOK outlines are copied into this temporary data folder only."""
    recode = {"GM0001": "GM0687", "GM0002": "GM0718", "GM0003": "GM0363"}
    places = {**WALCHEREN, "GM0363": ("Amsterdam", 52.3728, 4.8936)}
    munis = [{**m, "code": recode[m["code"]], "naam": places[recode[m["code"]]][0]} for m in MUNICIPALITIES]
    branches, hoods = [], []
    for b in BRANCHES:
        code = recode[b["gemeente_code"]]
        branches.append({**b, "gemeente_code": code, "lat": places[code][1], "lon": places[code][2]})
    for i, h in enumerate(NEIGHBOURHOODS):
        code = recode[h["gemeente_code"]]
        lat, lon = places[code][1] + 0.01 * (i % 2), places[code][2] + 0.012 * (i % 2)
        hoods.append({**h, "code": f"BU{code[2:]}{i:04d}", "gemeente_code": code, "lat": lat, "lon": lon})
    data = root / "data"
    data.mkdir(parents=True)
    tables = {"bibliotheken": LIBRARIES, "gemeenten": munis, "vestigingen": branches, "buurten": hoods}
    for name, rows in tables.items():
        write_csv(data / f"{name}.csv", rows)
    shutil.copytree(BUNDLED_CONTENT, data / "content")
    shutil.copy(PDOK, data / "gemeenten.geojson")
    return data


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    root = tmp_path_factory.mktemp("real")
    prepared = prepare(Settings(_real_project(root), ROOT / "templates", root / "out", today=TODAY))
    assert not prepared.analysis.failures
    return prepared


@need_pdok
def test_a_map_on_real_municipalities_draws_their_outlines_names_and_neighbours(real):
    lib = real.analysis.libraries["bib-aadorp"]
    assert set(lib.rows.outlines.by_code) >= {"GM0687", "GM0718", "GM0717"}  # Veere is a neighbour in view
    figure = map_figure(lib)
    own = {g.code: g for g in figure.kaart.gebieden if g.soort == "eigen"}
    assert set(own) == set(WALCHEREN)
    assert figure.kaart.bron == PDOK_SOURCE
    drawing = draw_figure(figure, real.theme)
    texts = strings(drawing)
    assert {"Middelburg", "Vlissingen", PDOK_SOURCE} <= texts
    assert "Veere" in texts  # the neighbour is named where it fits
    assert {"1", "2"} <= texts
    assert drawing_to_png(drawing, real.theme)[:4] == b"\x89PNG"


@need_pdok
def test_the_national_map_colours_every_municipality_and_the_served_ones_by_weak_blocks(real):
    overview = build_overview(real, None, False, TODAY)
    figure = overview.statussen_figuur
    assert figure is not None and figure.soort == "landkaart"
    areas = [g for g in figure.kaart.gebieden if g.ringen]
    assert len(areas) == 342
    served = {g.code: g.klasse for g in areas if g.klasse is not None}
    libs = real.analysis.libraries
    assert served == {
        "GM0687": weak_blocks(libs["bib-aadorp"]),
        "GM0718": weak_blocks(libs["bib-aadorp"]),
        "GM0363": min(weak_blocks(libs["bib-cstad"]), 3),
    }
    assert {r.klasse for r in figure.kaart.legenda} == {0, 1, 2, 3}
    drawing = draw_figure(figure, real.theme)
    assert {"Bibliotheek Aadorp", "Bibliotheek Cstad", PDOK_SOURCE} <= strings(drawing)  # few libraries: named
    assert "kwetsbare bouwstenen" in figure.alt


@need_pdok
def test_an_anonymous_overview_has_no_map(real):
    assert build_overview(real, None, True, TODAY).statussen_figuur is None


def test_the_sample_overview_map_names_the_provinces(sample):
    overview = build_overview(sample, None, False, TODAY)
    figure = overview.statussen_figuur
    provinces = {str(lib.rows.record["provincie"]) for lib in sample.analysis.libraries.values()}
    assert provinces <= strings(draw_figure(figure, sample.theme))
    assert figure.kaart.bron.startswith("Fictieve gemeentegrenzen")


@pytest.mark.parametrize(("km", "step"), [(0.4, 0), (1.0, 0), (1.01, 1), (2.0, 1), (5.0, 2), (5.01, 3)])
def test_a_neighbourhood_at_a_step_limit_gets_the_colour_the_analysis_counts_it_in(km, step):
    from robuust_docs.render import load_theme
    from robuust_docs.render.charts.handreiking import _distance_color

    theme = load_theme(Path(__file__).resolve().parents[2] / "templates")
    assert _distance_color(km, theme) == theme.distance_colors[step]


def test_every_shape_of_the_sample_charts_passes_reportlabs_own_checks(sample):
    """The charts run with reportlab's per-attribute checking off (for speed, see charts/__init__.py); its
    `verify` still checks every attribute of every shape of every figure of the sample, handreiking and
    overview, so a wrong attribute fails here."""
    from dataclasses import fields, is_dataclass

    from robuust_docs.app import report_for
    from robuust_docs.report.figure_model import Figuur

    def figures(value):
        if isinstance(value, Figuur):
            yield value
        elif is_dataclass(value):
            for field in fields(value):
                yield from figures(getattr(value, field.name))
        elif isinstance(value, tuple | list):
            for item in value:
                yield from figures(item)

    def verify(shape) -> int:
        """What reportlab's checking does as each attribute is set: the shape's attribute map knows the name and
        its validator accepts the value (reportlab's `verify` also wants every optional attribute present)."""
        for name, value in vars(shape).items():
            if not name.startswith("_"):
                assert name in shape._attrMap, (type(shape).__name__, name)
                assert shape._attrMap[name].validate(value), (type(shape).__name__, name, value)
        return 1 + sum(verify(s) for s in shape.contents) if isinstance(shape, Group) else 1

    models = [report_for(sample, lid) for lid in sorted(sample.analysis.libraries)[::4]]
    models.append(build_overview(sample, None, False, TODAY))
    kinds, checked = set(), 0
    for model in models:
        for figure in figures(model):
            kinds.add(figure.soort)
            checked += verify(draw_figure(figure, sample.theme))
    assert {"staven", "profiel", "trend", "kaart", "verdeling", "spreiding"} <= kinds
    assert checked > 1000

    broken = draw_figure(next(figures(models[0])), sample.theme)
    next(s for s in broken.contents if not isinstance(s, Group)).strokeWidth = "dik"
    with pytest.raises(AssertionError, match="strokeWidth"):
        verify(broken)
