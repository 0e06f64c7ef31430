"""The figures' data: every bullet panel has an axis from zero that holds its value, norm, limit and median, says
its direction and labels its thresholds as the table does; the profile names its indicators; the map carries
the municipalities, the numbered locations and the farthest neighbourhoods; alt texts state the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from robuust_docs import wording
from robuust_docs.app import Settings, prepare, report_for
from robuust_docs.content import Norm
from robuust_docs.report.figures import indicator_bar, location_numbers, map_figure
from robuust_docs.status import Status

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return prepare(Settings(ROOT / "data", ROOT / "templates", tmp_path_factory.mktemp("out")))


def _indicator(sample, indicator_id):
    return next(i for i in sample.content.indicators if i.id == indicator_id)


def _ticks(bar) -> list[float]:
    return [t.waarde for t in bar.schaal]


def test_every_bullet_panel_of_the_sample_has_an_axis_from_zero_holding_all_it_draws(sample):
    for lib in sample.analysis.libraries.values():
        for module, result in zip(sample.content.modules, lib.modules, strict=True):
            for ind, res in zip(module.indicatoren, result.indicators, strict=True):
                bar = indicator_bar(ind, res.value, "", res.median, res.status, ind.normen.get(lib.category.id))
                ticks = _ticks(bar)
                assert 0.0 in ticks, (lib.id, bar.label)
                drawn = [v for v in (bar.waarde, bar.mediaan) if v is not None]
                for threshold in (bar.norm, bar.grens):
                    drawn += list(threshold) if isinstance(threshold, tuple) else [threshold] if threshold else []
                assert min(ticks) <= min(drawn) and max(drawn) <= max(ticks), (lib.id, bar.label)
                assert bar.richting in ("hoger is beter", "lager is beter", "robuust binnen de band")
                assert all(t.tekst for t in bar.schaal)


def test_a_lower_is_better_panel_says_so_and_labels_norm_and_limit_as_the_table(sample):
    ind = _indicator(sample, "huisvestingskosten_aandeel")
    bar = indicator_bar(ind, 15.4, "15,4%", 18.8, Status.ROBUST, Norm(20.0, 25.0))
    assert bar.lager_is_beter and bar.richting == "lager is beter"
    assert bar.norm_tekst == "norm ≤ 20,0%"
    assert bar.grens_teksten == ("kwetsbaar > 25,0%",)
    assert [t.tekst for t in bar.schaal] == ["0%", "10%", "20%", "30%"]


def test_a_band_norm_gets_a_label_per_limit_and_a_negative_value_an_axis_below_zero(sample):
    ind = _indicator(sample, "resultaat_aandeel")
    bar = indicator_bar(ind, -6.3, "−6,3%", 0.5, Status.WEAK, Norm((-1.0, 5.0), (-5.0, 10.0)))
    assert bar.norm_tekst == "norm −1,0% tot 5,0%"
    assert bar.grens_teksten == ("kwetsbaar < −5,0%", "> 10,0%")
    assert min(_ticks(bar)) <= -6.3 and 0.0 in _ticks(bar)


def test_a_share_never_runs_past_100_percent(sample):
    ind = _indicator(sample, "aandeel_rolstoeltoegankelijk")
    bar = indicator_bar(ind, 100.0, "100%", 95.0, Status.ROBUST, Norm(100.0, 75.0))
    assert max(_ticks(bar)) == 100.0


def test_the_bullet_alt_text_counts_the_norms_met_and_names_the_weakest_first(sample):
    report = report_for(sample, "bib-veenhoven")
    proximity = next(m for m in report.bouwstenen if m.id == "nabijheid_toegankelijkheid")
    alt = proximity.figuur.alt
    assert alt.startswith("Bouwsteen Nabijheid en toegankelijkheid, als geheel ")
    known = [r for r in proximity.rijen if r.status is not Status.NO_DATA]
    met = sum(1 for r in known if r.status is Status.ROBUST)
    expected = wording.of_total(
        met, len(known), "indicator met gegevens", "indicatoren met gegevens", verb=("haalt", "halen")
    )
    assert f"{expected} de norm." in alt
    weak = [r for r in proximity.rijen if r.status is Status.WEAK]
    assert weak and alt.index("Kwetsbaar:") < alt.index(weak[0].naam)
    for row in proximity.rijen:
        assert row.naam in alt and row.waarde in alt


def test_the_profile_names_every_indicator_and_its_alt_lists_the_weak_ones(sample):
    report = report_for(sample, "bib-veenhoven")
    figure = report.profiel_figuur
    for series, module in zip(figure.reeksen, report.bouwstenen, strict=True):
        assert series.namen == tuple(r.naam for r in module.rijen)
        assert series.status is module.status
    weak = [r.naam for m in report.bouwstenen for r in m.rijen if r.status is Status.WEAK]
    assert weak and all(name in figure.alt for name in weak)


def test_the_map_carries_names_numbers_and_the_farthest_neighbourhoods(sample):
    lib = sample.analysis.libraries["bib-it-heidelan"]
    figure = map_figure(lib)
    kaart = figure.kaart
    own = {g.naam for g in kaart.gebieden if g.soort == "eigen"}
    assert own == set(lib.rows.municipalities["naam"])
    assert all(g.ringen and g.label for g in kaart.gebieden if g.soort == "eigen")
    assert any(g.soort == "buur" for g in kaart.gebieden)  # the neighbours in view
    assert {b.soort for b in kaart.grenzen} >= {"gemeente", "werkgebied"}
    assert [p.nummer for p in kaart.locaties] == [str(n) for n in range(1, len(lib.rows.branches) + 1)]
    assert location_numbers(lib)[str(lib.rows.branches["id"].iloc[0])] == "1"
    labelled = [b.label for b in kaart.buurten if b.label]
    assert len(labelled) == len(lib.proximity.farthest)
    assert all(any(label.startswith(p.naam + ", ") for label in labelled) for p in lib.proximity.farthest)
    assert kaart.bron.startswith("Fictieve gemeentegrenzen")
    assert lib.proximity.farthest[0].naam in figure.alt and "genummerde locaties" in figure.alt


def test_without_outlines_the_map_places_names_at_the_neighbourhoods_and_says_so(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("gemeenten.geojson"))
    prepared = prepare(Settings(data, ROOT / "templates", tmp_path / "out"))
    lib = prepared.analysis.libraries["bib-it-heidelan"]
    figure = map_figure(lib)
    assert not any(g.ringen for g in figure.kaart.gebieden) and not figure.kaart.grenzen
    assert {g.naam for g in figure.kaart.gebieden} == set(lib.rows.municipalities["naam"])
    assert "zonder gemeentegrenzen" in figure.bijschrift
    assert figure.kaart.bron == ""


def test_a_library_without_neighbourhoods_still_gets_a_map_of_its_outlines_and_locations(sample):
    lib = sample.analysis.libraries["bib-maasheuvel"]
    figure = map_figure(lib)
    assert figure is not None and not figure.kaart.buurten
    assert len(figure.kaart.locaties) == len(lib.rows.branches)
    assert "zonder buurtgegevens" in figure.bijschrift
    assert "geen buurtgegevens" in figure.alt
