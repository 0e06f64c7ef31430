"""Input with years, end to end through the pipeline: a fixture of three years (2023-2025) in which bib-cstad has no
row for 2024. The loader picks the current rows and reports duplicate years; the analysis computes the indicators
per year; the report shows the changes, a trend chart with three years and the trend findings; one-year input
stays as it was."""

from __future__ import annotations

import copy
import datetime
import shutil
from types import SimpleNamespace

import pytest

from robuust_docs.analysis import History, YearFigures, analyse_dataset
from robuust_docs.app.validate import validate_all
from robuust_docs.content import load_content
from robuust_docs.findings import derive_findings
from robuust_docs.inputs import load_dataset, resolve_references
from robuust_docs.report import ReportSettings, build_report
from robuust_docs.report.years import change_text
from tests.conftest import BUNDLED_CONTENT, LIBRARIES, MUNICIPALITIES, REPO, TABLES, add_row, matching, write_csv

SETTINGS = ReportSettings(datetime.date(2026, 12, 2), "Fictieve gegevens.", "test")
# Per year: (leden of bib-aadorp, subsidy of GM0001, subsidy of GM0002, inhabitants of GM0001)
AADORP = {2023: (3300, 330000, 210000, 11600), 2024: (3150, 320000, 195000, 11800), 2025: (3000, 300000, 180000, 12000)}


def years_project(root, extra_year: int | None = None):
    """The small project with years: bib-aadorp 2023-2025 (members and subsidy per inhabitant falling while
    GM0001 grows), bib-cstad 2023 and 2025 only; every municipality 2023-2025."""
    data = root / "data"
    data.mkdir(parents=True)
    years = sorted({*AADORP, *([extra_year] if extra_year else [])})
    libs, munis = [], []
    for year in years:
        members, sub1, sub2, inh1 = AADORP.get(year, (3450, 340000, 220000, 11500))
        for lib in LIBRARIES:
            if lib["id"] == "bib-cstad" and year in (2024, extra_year):
                continue
            row = dict(lib, jaar=year)
            if lib["id"] == "bib-aadorp":
                row["leden"] = members
            libs.append(row)
        for m in MUNICIPALITIES:
            row = {"code": m["code"], "jaar": year, **{k: v for k, v in m.items() if k != "code"}}
            if m["code"] == "GM0001":
                row.update(subsidie=sub1, inwoners=inh1)
            elif m["code"] == "GM0002":
                row.update(subsidie=sub2)
            munis.append(row)
    write_csv(data / "bibliotheken.csv", libs)
    write_csv(data / "gemeenten.csv", munis)
    for name in ("vestigingen", "buurten"):
        write_csv(data / f"{name}.csv", TABLES[name])
    shutil.copytree(BUNDLED_CONTENT, data / "content")
    return data


@pytest.fixture(scope="module")
def years_data(tmp_path_factory):
    return years_project(tmp_path_factory.mktemp("years"))


@pytest.fixture(scope="module")
def analysed(years_data):
    content = load_content(years_data / "content")
    dataset = resolve_references(load_dataset(years_data), content)
    assert dataset.problems == ()
    return content, dataset, analyse_dataset(dataset, content)


@pytest.fixture(scope="module")
def reports(analysed):
    content, _, analysis = analysed
    found = {lid: derive_findings(lib, content) for lid, lib in analysis.libraries.items()}
    return found, {lid: build_report(lib, content, found[lid], SETTINGS) for lid, lib in analysis.libraries.items()}


def rows_of(report) -> dict:
    return {r.naam: r for b in report.bouwstenen for r in b.rijen}


# --- input --------------------------------------------------------------------------------------------------------


def test_the_report_year_is_the_latest_and_the_current_rows_are_of_it(analysed):
    _, dataset, _ = analysed
    assert (dataset.year, dataset.years) == (2025, (2023, 2024, 2025))
    assert sorted(dataset.libraries["jaar"]) == [2025, 2025]
    assert len(dataset.municipalities) == 3 and set(dataset.municipalities["jaar"]) == {2025}
    assert list(dataset.years_of("bib-cstad")["jaar"]) == [2023, 2025]


def test_an_earlier_report_year_leaves_the_later_rows_out(years_data):
    dataset = load_dataset(years_data, 2024)
    assert dataset.problems == ()
    current = dict(zip(dataset.libraries["id"], dataset.libraries["jaar"], strict=True))
    assert current == {"bib-aadorp": 2024, "bib-cstad": 2023}  # cstad's latest row up to 2024
    cstad = dataset.municipalities[dataset.municipalities["code"] == "GM0003"]
    assert list(cstad["jaar"]) == [2023]  # the municipality's figures of its library's year


def test_a_year_that_is_not_in_the_input_is_an_error(years_data):
    report = validate_all(years_data, REPO / "templates", 2030)
    texts = [p["tekst"] for p in report["problems"]]
    assert any("--jaar 2030: geen cijfers over dat jaar (wel over 2023 tot en met 2025)" in t for t in texts), texts


def test_validate_reports_the_years(years_data):
    report = validate_all(years_data, REPO / "templates")
    assert (report["years"], report["year"], report["problems"]) == ([2023, 2024, 2025], 2025, [])


@pytest.mark.parametrize(
    ("file", "key", "cells", "what"),
    [
        ("bibliotheken.csv", "id", {"id": "bib-aadorp", "jaar": "2024"}, "bibliotheek 'bib-aadorp'"),
        ("gemeenten.csv", "code", {"code": "GM0001", "jaar": "2024"}, "gemeente 'GM0001'"),
    ],
    ids=["library", "municipality"],
)
def test_a_key_twice_in_one_year_names_both_rows_and_the_year(tmp_path, file, key, cells, what):
    data = years_project(tmp_path)
    template = next(r for r in (LIBRARIES if key == "id" else MUNICIPALITIES) if r[key] == cells[key])
    full = {k: str(v) for k, v in template.items()}
    first = 4 if key == "id" else 5  # the 2024 row of the key (after the header and the 2023 rows)
    row = add_row(data / file, **(full | cells))
    problem = next(iter(matching(load_dataset(data).problems, file=file, row=row)))
    assert problem.column == key and problem.value == cells[key]
    assert problem.message.startswith(f"{what} staat twee keer in 2024 (ook in rij {first});")
    assert problem.library == "bib-aadorp"  # the library fails alone


def test_rows_with_and_without_a_year_in_gemeenten_are_an_error(tmp_path):
    data = years_project(tmp_path)
    row = add_row(
        data / "gemeenten.csv", code="GM0004", naam="Dorp", bibliotheek_id="bib-aadorp", inwoners="100", jaar=""
    )
    problem = next(iter(matching(load_dataset(data).problems, row=row, column="jaar")))
    assert "terwijl andere rijen een jaar hebben" in problem.message


# --- analysis, report and findings ------------------------------------------------------------------------------


def test_indicators_are_computed_per_year_with_the_same_formulas(analysed):
    _, _, analysis = analysed
    history = analysis.libraries["bib-aadorp"].history
    assert [y.jaar for y in history.years] == [2023, 2024, 2025]
    subsidy = dict(history.series("subsidie_per_inwoner"))
    assert subsidy[2023] == pytest.approx((330000 + 210000) / (11600 + 8000))
    assert subsidy[2025] == pytest.approx(analysis.libraries["bib-aadorp"].values["subsidie_per_inwoner"])
    assert history.falling_years("leden") == 2
    cstad = analysis.libraries["bib-cstad"].history
    assert (cstad.missing, [y.jaar for y in cstad.years]) == ((2024,), [2023, 2025])


def test_the_change_stands_beside_the_value(reports):
    _, built = reports
    aadorp = rows_of(built["bib-aadorp"])
    # 540.000 / 19.600 = 27,55 → 515.000 / 19.800 = 26,01 → 480.000 / 20.000 = 24,00
    assert aadorp["Gemeentelijke subsidie per inwoner"].verandering == "2024: −8%\n2023: −13%"
    # a share changes in procentpunten: 3.300 / 19.600 = 16,8% → 3.000 / 20.000 = 15,0%
    leden = next(r for n, r in aadorp.items() if n.startswith("Leden"))
    assert leden.verandering.endswith("2023: −1,8 procentpunt")
    cstad = rows_of(built["bib-cstad"])
    # the same subsidy in both years; one line: 2024 is missing
    assert cstad["Gemeentelijke subsidie per inwoner"].verandering == "2023: gelijk"
    assert built["bib-aadorp"].bibliotheek.jaren == "2023–2025"


def changes(unit: str, *values: float) -> str:
    """The change text of an indicator with `values` in 2023, 2024, 2025."""
    years = tuple(YearFigures(2023 + i, {}, {"x": v}) for i, v in enumerate(values))
    return change_text(History(years, (), ("x",)), SimpleNamespace(id="x", eenheid=unit))


@pytest.mark.parametrize(
    ("unit", "values", "text"),
    [
        ("procent", (20.0, 20.04, 20.0), "2024: gelijk\n2023: gelijk"),  # +0,0 and −0,0 procentpunt
        ("procent", (20.0, 20.04, 19.96), "2024: −0,1 procentpunt\n2023: gelijk"),
        ("procent", (18.0, 20.06, 20.1), "2024: gelijk\n2023: +2,1 procentpunt"),
        ("aantal", (100.0, 100.4, 100.0), "2024: gelijk\n2023: gelijk"),  # −0,4% and 0%
        ("euro", (100.0, 99.0, 99.4), "2024: gelijk\n2023: −1%"),  # +0,4% rounds to nothing
        ("aantal", (100.0, 99.0, 99.6), "2024: +1%\n2023: gelijk"),  # −0,4%
    ],
)
def test_a_change_that_rounds_to_nothing_reads_gelijk(unit, values, text):
    assert changes(unit, *values) == text


def test_a_change_from_zero_has_no_percentage_and_is_not_gelijk():
    assert changes("aantal", 0.0, 0.0, 5.0) == ""
    assert changes("aantal", 0.0, 0.0, 0.0) == ""


def test_the_years_are_said_with_the_missing_one_and_that_money_is_nominal(reports):
    _, built = reports
    text = " ".join(built["bib-cstad"].bouwstenen_inleiding)
    assert "De cijfers gaan over 2023–2025." in text
    assert "Bedragen zijn nominaal" in text
    assert "Over 2024 ontbreken de cijfers van de bibliotheek; de vergelijking slaat dat jaar over." in text
    assert "ontbreken" not in " ".join(built["bib-aadorp"].bouwstenen_inleiding)


def test_a_trend_chart_needs_three_years(reports):
    _, built = reports
    finance = next(b for b in built["bib-aadorp"].bouwstenen if b.id == "financien")
    chart = finance.trend_figuur
    assert chart is not None and chart.soort == "trend"
    line = next(line for line in chart.lijnen if line.label.startswith("Subsidie") or "subsidie" in line.label)
    assert [x for x, _ in line.punten] == [2023.0, 2024.0, 2025.0]
    assert (line.begin_tekst, line.eind_tekst) == ("€ 27,55", "€ 24,00")
    assert "van € 27,55 in 2023 naar € 24,00 in 2025" in chart.alt
    assert "nominaal" in chart.bijschrift
    assert all(b.trend_figuur is None for b in built["bib-cstad"].bouwstenen)  # two years with figures
    reach = next(b for b in built["bib-aadorp"].bouwstenen if b.id == "bereik_gebruik").trend_figuur
    assert reach is not None and "nominaal" not in reach.bijschrift  # no amount in the chart


def test_only_a_building_block_with_a_change_has_the_column_for_it(reports):
    _, built = reports
    flags = {b.id: b.met_verandering for b in built["bib-aadorp"].bouwstenen}
    assert flags["financien"] and flags["bereik_gebruik"]
    assert not flags["nabijheid_toegankelijkheid"]  # locations and distances are known only of now
    assert all(r.verandering == "" for b in built["bib-aadorp"].bouwstenen if not b.met_verandering for r in b.rijen)


def test_subsidy_per_inhabitant_falling_while_inhabitants_grow_is_a_finding_in_the_summary(reports):
    found, built = reports
    finding = next(f for f in found["bib-aadorp"].items if f.rule == "subsidie_per_inwoner_daalt")
    assert finding.text.startswith(
        "Sinds 2023 is de subsidie per inwoner 13% lager geworden, tot € 24,00 in 2025, terwijl het werkgebied 2,0% "
        "meer inwoners kreeg. Die bedragen zijn nominaal"
    )
    assert "Minder subsidie per inwoner, meer inwoners" in [b.titel for b in built["bib-aadorp"].kort.bevindingen]
    assert not any(f.rule == "subsidie_per_inwoner_daalt" for f in found["bib-cstad"].items)


def test_members_falling_three_years_in_a_row_is_a_finding(tmp_path):
    data = years_project(tmp_path, extra_year=2022)  # aadorp 3.450 → 3.300 → 3.150 → 3.000
    content = load_content(data / "content")
    analysis = analyse_dataset(resolve_references(load_dataset(data), content), content)
    found = derive_findings(analysis.libraries["bib-aadorp"], content)
    finding = next(f for f in found.items if f.rule == "leden_dalen")
    assert finding.text == "Het aantal leden daalt al drie jaar op rij, tot 3.000 in 2025: 13% minder dan in 2022."
    two_years = years_project(tmp_path / "two")  # 2023-2025: two falls only
    analysis = analyse_dataset(resolve_references(load_dataset(two_years), content), content)
    assert not any(f.rule == "leden_dalen" for f in derive_findings(analysis.libraries["bib-aadorp"], content).items)


# --- one year -----------------------------------------------------------------------------------------------------


def test_one_year_of_input_stays_as_it_was(project):
    content = load_content(project / "content")
    dataset = resolve_references(load_dataset(project), content)
    assert (dataset.year, dataset.years, dataset.problems) == (2025, (2025,), ())
    analysis = analyse_dataset(dataset, content)
    lib = analysis.libraries["bib-aadorp"]
    report = build_report(lib, content, derive_findings(lib, content), SETTINGS)
    assert report.bibliotheek.jaren == ""
    assert len(report.bouwstenen_inleiding) == 1
    assert all(r.verandering == "" and not b.met_verandering for b in report.bouwstenen for r in b.rijen)
    assert all(b.trend_figuur is None for b in report.bouwstenen)


def test_gemeenten_without_years_beside_libraries_with_years(tmp_path):
    """The municipalities' figures hold for the report year; earlier years have no figures per inhabitant."""
    data = years_project(tmp_path)
    write_csv(data / "gemeenten.csv", copy.deepcopy(MUNICIPALITIES))
    content = load_content(data / "content")
    dataset = resolve_references(load_dataset(data), content)
    assert dataset.problems == ()
    history = analyse_dataset(dataset, content).libraries["bib-aadorp"].history
    assert dict(history.series("leden"))[2023] == 3300
    assert [y for y, _ in history.series("subsidie_per_inwoner")] == [2025]


def test_the_overview_gives_per_category_the_median_of_each_year(years_data):
    """The overview's table of years: per category and year the libraries with figures that year and their
    medians; bib-cstad (alone in its category) has no 2024 row, so that year counts no library there."""
    from pathlib import Path

    from robuust_docs.app import Settings, prepare
    from robuust_docs.overview.build import build_overview

    prepared = prepare(Settings(years_data, REPO / "templates", Path("unused")))
    overview = build_overview(prepared, None, False, datetime.date(2026, 12, 2))
    rows = {(r.categorie, r.jaar): r for r in overview.jaren}
    aadorp = prepared.analysis.libraries["bib-aadorp"].category.naam
    cstad = prepared.analysis.libraries["bib-cstad"].category.naam
    assert aadorp != cstad and len(rows) == 6
    other = next(m for m in MUNICIPALITIES if m["code"] == "GM0002")["inwoners"]
    for year, (members, sub1, sub2, inh1) in AADORP.items():
        row = rows[aadorp, str(year)]
        inhabitants = inh1 + other
        assert row.bibliotheken == "1"
        assert row.leden == f"{members / inhabitants * 100:.1f}%".replace(".", ",")
        assert row.subsidie == f"€ {(sub1 + sub2) / inhabitants:.2f}".replace(".", ",")
    assert rows[cstad, "2024"].bibliotheken == "0" and rows[cstad, "2024"].leden == "geen gegevens"
    assert rows[cstad, "2023"].bibliotheken == "1"
    assert "2023–2025" in overview.jaren_inleiding[0] and "nominaal" in overview.jaren_inleiding[0]
