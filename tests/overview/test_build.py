"""The national and provincial overview models: aggregates and statistics against independent computations on a
small hand-made project (the files are tested in tests/e2e/test_overview_files.py).
"""

from __future__ import annotations

import datetime
import math
import shutil
import statistics
from pathlib import Path

import numpy as np
import pytest
from docx import Document
from scipy import stats as scipy_stats

from robuust_docs import fmt
from robuust_docs.analysis.aggregates import describe, fit_line, nice_ticks
from robuust_docs.app import Settings, prepare
from robuust_docs.app.overview import check_overview_template
from robuust_docs.errors import DataError, TemplateError
from robuust_docs.overview.build import build_overview
from robuust_docs.overview.sections import CAUSE_WORDS, REACH_WORDS, association_sentence
from robuust_docs.report import texts_of
from robuust_docs.status import Status
from tests.conftest import BUNDLED_CONTENT, write_csv

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime.date(2026, 11, 25)
EARTH_KM = 6371.0088

# --- a hand-made project: five compact libraries, one kleinstedelijk (alone in its category) --------------------
# Nobody has a number of volunteers, so 'vrijwilligers_per_fte' has no data at all. bib-a1 serves two
# municipalities; the second has only a servicepunt (a municipality without a full vestiging).

SPECS = [  # id, province, inhabitants, fte, leden, jeugdleden, bezoeken, deelnemers, hours, programmes, lat, lon
    ("bib-a1", "Drenthe", 12000, 2.0, 1500, 700, 15000, 1200, 20.0, "taalhuis, ido", 52.80, 6.50),
    ("bib-a2", "Drenthe", 15000, 3.5, 2400, 1300, 30000, 2500, 32.0, "taalhuis", 52.90, 6.70),
    ("bib-a3", "Drenthe", 20000, 2.8, 2600, 1500, 26000, 1800, 24.0, "", 52.70, 6.90),
    ("bib-a4", "Utrecht", 25000, 5.5, 4400, 2600, 52000, 4800, 45.0, "boekstart, taalhuis", 52.10, 5.10),
    ("bib-a5", "Utrecht", 18000, 2.2, 1900, 1000, 20000, 1400, 18.0, "digisterker", 52.00, 5.30),
    ("bib-k1", "Utrecht", 45000, 9.0, 7000, 4200, 90000, 8000, 60.0, "taalhuis, ido, boekstart", 52.20, 5.00),
]
SECOND_MUNICIPALITY = 4000  # bib-a1's second municipality, with a servicepunt of 6 hours
HOODS = [(0.004, 0.0, 0.6), (0.025, 0.0, 0.4)]  # offset in latitude (about 0,45 and 2,8 km), share of inhabitants


def _tables() -> dict[str, list[dict]]:
    libraries, municipalities, branches, hoods = [], [], [], []
    for n, (lid, prov, inh, fte, leden, jeugd, bezoek, deeln, hours, progs, lat, lon) in enumerate(SPECS, start=1):
        name = f"Bibliotheek {lid[-2:].upper()}stad"
        libraries.append(
            {
                "id": lid,
                "naam": name,
                "provincie": prov,
                "poi": "",
                "jaar": 2025,
                "fte": fte,
                "vrijwilligers": None,
                "baten_totaal": 500000 * n,
                "eigen_inkomsten": 40000 * n,
                "lasten_totaal": 490000 * n,
                "personeelskosten": 280000 * n,
                "huisvestingskosten": 90000 * n,
                "eigen_vermogen": 50000 * n,
                "leden": leden,
                "jeugdleden": jeugd,
                "bezoeken": bezoek,
                "uitleningen": 2 * bezoek,
                "activiteiten": 100 * n,
                "deelnemers": deeln,
                "programmas": progs,
            }
        )
        code = f"GM{9100 + n:04d}"
        municipalities.append(_municipality(code, f"Gemeentedorp{lid[-2:].upper()}", lid, inh))
        branches.append(_branch(f"{lid}-01", lid, "vestiging", code, lat, lon, hours))
        hoods += _hoods(code, inh, lat, lon)
    municipalities.append(_municipality("GM9199", "Buitenveen", "bib-a1", SECOND_MUNICIPALITY))
    branches.append(_branch("bib-a1-02", "bib-a1", "servicepunt", "GM9199", 52.60, 6.50, 6.0))
    hoods += _hoods("GM9199", SECOND_MUNICIPALITY, 52.60, 6.50)
    return {"bibliotheken": libraries, "gemeenten": municipalities, "vestigingen": branches, "buurten": hoods}


def _municipality(code: str, name: str, lid: str, inhabitants: int) -> dict:
    return {
        "code": code,
        "naam": name,
        "bibliotheek_id": lid,
        "inwoners": inhabitants,
        "inwoners_0_17": inhabitants // 5,
        "subsidie": 25 * inhabitants,
        "beleidsthemas": "",
        "stedelijkheid": 3,
    }


def _branch(bid: str, lid: str, kind: str, code: str, lat: float, lon: float, hours: float) -> dict:
    return {
        "id": bid,
        "bibliotheek_id": lid,
        "naam": f"Locatie {bid}",
        "type": kind,
        "gemeente_code": code,
        "lat": lat,
        "lon": lon,
        "openingsuren": hours,
        "open_bibliotheek_uren": 0,
        "rolstoeltoegankelijk": True,
        "avond": True,
        "weekend": False,
    }


def _hoods(code: str, inhabitants: int, lat: float, lon: float) -> list[dict]:
    return [
        {
            "code": f"BU{code[2:]}{i:04d}",
            "naam": f"Buurt {i}",
            "gemeente_code": code,
            "inwoners": round(inhabitants * share),
            "lat": lat + dlat,
            "lon": lon + dlon,
            "afstand_bibliotheek_km": None,
        }
        for i, (dlat, dlon, share) in enumerate(HOODS, start=1)
    ]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    data = root / "data"
    data.mkdir()
    for name, rows in _tables().items():
        write_csv(data / f"{name}.csv", rows)
    shutil.copytree(BUNDLED_CONTENT, data / "content")
    prepared = prepare(Settings(data, ROOT / "templates", root / "out", today=TODAY))
    assert not prepared.analysis.failures, prepared.analysis.failures
    return prepared


@pytest.fixture(scope="module")
def tiny_overview(tiny):
    return build_overview(tiny, None, False, TODAY)


def _raw(lid: str) -> dict:
    spec = SPECS[[s[0] for s in SPECS].index(lid)]
    keys = ("id", "provincie", "inwoners", "fte", "leden", "jeugdleden", "bezoeken", "deelnemers", "uren")
    raw = dict(zip(keys, spec[:9], strict=True))
    if lid == "bib-a1":
        raw["inwoners"] += SECOND_MUNICIPALITY
        raw["uren"] += 6.0
    return raw


COMPACT = ["bib-a1", "bib-a2", "bib-a3", "bib-a4", "bib-a5"]


def _row(rows, name: str):
    return next(r for r in rows if getattr(r, "categorie", getattr(r, "groep", None)) == name)


# --- aggregates ---------------------------------------------------------------------------------------------------


def test_category_counts_match_the_input_tables(tiny_overview):
    compact = _row(tiny_overview.categorieen, "Compacte bibliotheek")
    assert (compact.bibliotheken, compact.gemeenten, compact.locaties, compact.volwaardig) == ("5", "6", "6", "5")
    assert compact.inwoners == fmt.number(sum(_raw(lid)["inwoners"] for lid in COMPACT))
    single = _row(tiny_overview.categorieen, "Kleinstedelijke bibliotheek")
    assert (single.bibliotheken, single.gemeenten, single.inwoners) == ("1", "1", fmt.number(45000))
    total = _row(tiny_overview.categorieen, "Totaal")
    assert (total.bibliotheken, total.gemeenten, total.locaties) == ("6", "7", "7")


def test_quartiles_and_median_match_the_statistics_module(tiny_overview):
    values = [_raw(lid)["fte"] / _raw(lid)["inwoners"] * 10000 for lid in COMPACT]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    expected = describe(values)
    assert (expected.minimum, expected.maximum) == (min(values), max(values))
    assert expected.median == pytest.approx(statistics.median(values))
    assert (expected.q1, expected.q3) == (pytest.approx(q1), pytest.approx(q3))
    module = next(m for m in tiny_overview.indicatoren if m.naam == "Personeel")
    row = _row(module.indicatoren[0].rijen, "Compacte bibliotheek")
    assert (row.aantal, row.minimum, row.kwartiel1, row.mediaan, row.kwartiel3, row.maximum) == (
        "5",
        *(fmt.number(v, 1) for v in (min(values), q1, median, q3, max(values))),
    )
    assert row.norm == "≥ 1,8"


def test_a_category_with_one_library_has_that_value_as_every_statistic(tiny_overview):
    module = next(m for m in tiny_overview.indicatoren if m.naam == "Personeel")
    row = _row(module.indicatoren[0].rijen, "Kleinstedelijke bibliotheek")
    value = fmt.number(9.0 / 45000 * 10000, 1)
    assert row.aantal == "1"
    assert {row.minimum, row.kwartiel1, row.mediaan, row.kwartiel3, row.maximum} == {value}


def test_an_indicator_without_data_says_so_and_draws_nothing(tiny_overview):
    module = next(m for m in tiny_overview.indicatoren if m.naam == "Personeel")
    volunteers = next(i for i in module.indicatoren if i.naam == "Vrijwilligers per fte")
    assert volunteers.figuur is None
    assert "Geen enkele bibliotheek" in volunteers.zin
    assert all(r.aantal == "0" and r.mediaan == fmt.NO_DATA for r in volunteers.rijen)
    check = next(b for b in tiny_overview.normtoets.blokken if b.bouwsteen == "Personeel")
    rows = [r for r in check.rijen if r.met_gegevens == "0"]
    assert len(rows) == 2 and not any(r.signaal for r in rows)


def test_norm_attainment_counts_match_a_hand_comparison(tiny, tiny_overview):
    norm = next(i for i in tiny.content.indicators if i.id == "fte_per_10000").normen["compact"].robuust
    meets = sum(_raw(lid)["fte"] / _raw(lid)["inwoners"] * 10000 >= norm for lid in COMPACT)
    check = next(b for b in tiny_overview.normtoets.blokken if b.bouwsteen == "Personeel")
    row = next(r for r in check.rijen if r.indicator == "Betaald personeel per 10.000 inwoners")
    assert (row.categorie, row.met_gegevens) == ("Compacte bibliotheek", "5")
    assert row.haalt_norm == f"{meets} ({fmt.percent(100 * meets / 5, 0)})"
    single = check.rijen[check.rijen.index(row) + 1]
    assert single.categorie == "Kleinstedelijke bibliotheek" and single.signaal == ""  # one library: no signal


def test_status_shares_per_building_block_add_up_to_the_libraries(tiny, tiny_overview):
    for row in tiny_overview.statussen:
        counts = [int(c.split(" ")[0]) for c in (row.robuust, row.aandachtspunt, row.kwetsbaar, row.geen_gegevens)]
        expected = {"Compacte bibliotheek": 5, "Kleinstedelijke bibliotheek": 1, "Alle categorieën": 6}[row.categorie]
        assert sum(counts) == expected
    first = tiny_overview.statussen[0]
    robust = sum(1 for lid in COMPACT if tiny.analysis.libraries[lid].modules[0].status is Status.ROBUST)
    assert first.robuust.startswith(f"{robust} (")


def _haversine(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def test_residents_distance_bands_match_an_independent_haversine(tiny_overview):
    tables = _tables()
    owner = {m["code"]: m["bibliotheek_id"] for m in tables["gemeenten"]}
    compact = [h for h in tables["buurten"] if owner[h["gemeente_code"]] in COMPACT]
    weights, distances = [], []
    for hood in compact:
        branches = [b for b in tables["vestigingen"] if b["bibliotheek_id"] == owner[hood["gemeente_code"]]]
        distances.append(min(_haversine(hood["lat"], hood["lon"], b["lat"], b["lon"]) for b in branches))
        weights.append(hood["inwoners"])
    total = sum(weights)
    within = {km: 100 * sum(w for w, d in zip(weights, distances, strict=True) if d <= km) / total for km in (1, 2, 5)}
    mean = sum(w * d for w, d in zip(weights, distances, strict=True)) / total
    row = _row(tiny_overview.nabijheid.per_categorie, "Compacte bibliotheek")
    assert row.inwoners == fmt.number(total)
    assert row.gemiddeld == fmt.km(mean)
    assert (row.binnen_2, row.binnen_5) == (fmt.percent(within[2], 0), fmt.percent(within[5], 0))
    assert row.tot_1 == fmt.percent(within[1], 0)
    assert row.van_2_tot_5 == fmt.percent(within[5] - within[2], 0)


def test_opening_hours_and_municipalities_without_a_full_branch(tiny_overview):
    hours = sum(_raw(lid)["uren"] for lid in COMPACT)
    inhabitants = sum(_raw(lid)["inwoners"] for lid in COMPACT)
    row = _row(tiny_overview.nabijheid.uren, "Compacte bibliotheek")
    assert row.uren_per_1000 == fmt.hours(hours / inhabitants * 1000, 2)
    per_library = [_raw(lid)["uren"] / _raw(lid)["inwoners"] * 1000 for lid in COMPACT]
    assert row.mediaan_per_1000 == fmt.hours(statistics.median(per_library), 2)
    assert row.zonder_volwaardig == "1 (17%)"
    (lacking,) = tiny_overview.nabijheid.zonder_volwaardig
    assert (lacking.gemeente, lacking.bibliotheek, lacking.inwoners) == ("Buitenveen", "Bibliotheek A1stad", "4.000")


def test_programme_coverage_per_category(tiny_overview):
    rows = tiny_overview.programmas.rijen
    start = next(i for i, r in enumerate(rows) if r.programma == "Taalhuis / digiTaalhuis")
    compact, single, everyone = rows[start : start + 3]
    assert (compact.bibliotheken, compact.aandeel) == ("3 van 5", "60%")
    assert (single.bibliotheken, everyone.bibliotheken, everyone.aandeel) == ("1 van 1", "4 van 6", "67%")


# --- correlation ------------------------------------------------------------------------------------------------


def test_correlation_and_line_match_numpy(tiny_overview):
    ids = [s[0] for s in SPECS]
    x = np.array([_raw(i)["uren"] / _raw(i)["inwoners"] * 1000 for i in ids])
    y = np.array([_raw(i)["leden"] / _raw(i)["inwoners"] * 100 for i in ids])
    fit = fit_line(zip(x, y, strict=True))
    r = np.corrcoef(x, y)[0, 1]
    slope, intercept = np.polyfit(x, y, 1)
    t = r * math.sqrt((len(x) - 2) / (1 - r * r))
    p = 2 * scipy_stats.t.sf(abs(t), len(x) - 2)
    assert (fit.n, fit.reason) == (6, "")
    assert fit.r == pytest.approx(r) and fit.p == pytest.approx(p)
    assert (fit.slope, fit.intercept) == (pytest.approx(slope), pytest.approx(intercept))
    row = next(
        v for v in tiny_overview.opbrengst.overzicht if v.x.startswith("Openingsuren") and v.y.startswith("Leden")
    )
    assert (row.aantal, row.r) == ("6", fmt.number(r, 2))
    pair = next(
        v for v in tiny_overview.opbrengst.verbanden if v.titel.startswith("Openingsuren per 1.000 inwoners en leden")
    )
    assert "samenhang, geen bewijs van oorzaak" in pair.zin
    assert pair.figuur.soort == "spreiding" and len([p for p in pair.figuur.punten if p.soort == "lijn"]) == 2


@pytest.mark.parametrize(
    ("pairs", "reason", "words"),
    [
        ([(1.0, 2.0), (2.0, 3.0)], "te_weinig", "Te weinig bibliotheken"),
        ([(1.0, 2.0), (1.0, 3.0), (1.0, 5.0)], "geen_spreiding", "zonder spreiding"),
        ([(1.0, 2.0), (None, 3.0), (2.0, None)], "te_weinig", "n = 1"),
    ],
    ids=["two pairs", "no spread in x", "missing values"],
)
def test_no_statistic_without_enough_pairs_or_spread_said_in_words(pairs, reason, words):
    fit = fit_line(pairs)
    assert fit.reason == reason and fit.r is None and fit.slope is None
    assert words in association_sentence(fit, CAUSE_WORDS["uren"], REACH_WORDS["leden"])


def test_nice_ticks_cover_the_range_with_round_steps():
    assert nice_ticks(0.56, 3.52) == (0.0, 1.0, 2.0, 3.0, 4.0)
    assert nice_ticks(-4.0, 43.1) == (-20.0, 0.0, 20.0, 40.0, 60.0)
    assert nice_ticks(5.0, 5.0)[0] < 5.0 < nice_ticks(5.0, 5.0)[-1]


# --- province and anonymity ----------------------------------------------------------------------------------------


def test_a_province_is_matched_case_insensitively(tiny):
    overview = build_overview(tiny, "  drenthe ", False, TODAY)
    assert overview.titel == "Provinciaal beeld Drenthe"
    assert _row(overview.categorieen, "Totaal").bibliotheken == "3"
    assert [r.groep for r in overview.nabijheid.per_provincie] == ["Drenthe"]


def test_an_unknown_province_lists_the_known_ones(tiny):
    with pytest.raises(DataError) as caught:
        build_overview(tiny, "Gelre", False, TODAY)
    problem = caught.value.first
    assert (problem.column, problem.value) == ("provincie", "Gelre")
    assert "Drenthe, Utrecht" in problem.message


def test_anonymous_model_holds_no_library_or_municipality_name(tiny):
    overview = build_overview(tiny, None, True, TODAY)
    text = "\n".join(texts_of(overview))
    names = [r["naam"] for t in ("bibliotheken", "gemeenten") for r in _tables()[t]]
    assert not [n for n in names if n in text]
    assert "Bibliotheek A01" in text and "Gemeente G001" in text


def test_the_overview_template_passes_its_check_and_a_misspelt_field_is_named(tmp_path):
    check_overview_template(ROOT / "templates" / "overzicht.docx")
    with pytest.raises(TemplateError, match="ontbreekt"):
        check_overview_template(tmp_path / "overzicht.docx")
    doc = Document()
    doc.add_paragraph("{{ nabijheid.per_categori }}")
    doc.save(tmp_path / "fout.docx")
    with pytest.raises(TemplateError) as caught:
        check_overview_template(tmp_path / "fout.docx")
    assert caught.value.first.value == "nabijheid.per_categori"


# --- the sample project, end to end ------------------------------------------------------------------------------
