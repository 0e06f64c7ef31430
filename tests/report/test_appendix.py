"""The appendix lists the cost assumptions the document's amounts use, each with what it is computed from."""

from __future__ import annotations

import datetime

import pytest

from robuust_docs.findings import Ask
from robuust_docs.report import ReportSettings, build_report
from robuust_docs.report.appendix import costs_used
from tests.findings.scenarios import analysed

SETTINGS = ReportSettings(datetime.date(2026, 12, 2), "Fictieve gegevens.", "test")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    return analysed(tmp_path_factory.mktemp("appendix"))


def _ask(rule: str) -> Ask:
    return Ask(rule, "g", None, "", "Doe iets.", 1000.0, 1000.0, "", "", (), (), "", False)


def _ids(content, *rules: str) -> list[str]:
    return [c.id for c in costs_used(content, [_ask(r) for r in rules])]


def test_only_the_assumptions_an_amount_uses_are_listed_with_what_they_derive_from(scenario):
    content, _, _ = scenario
    # an hour per week costs € 4.300, derived from the costs of an fte: both, and nothing about a servicepunt
    assert _ids(content, "openingsuren_onder_norm") == ["fte_per_jaar", "openingsuur_per_week"]
    # a subsidy ask: its amount uses no assumption, its facts turn the money into fte
    assert _ids(content, "subsidie_onder_norm") == ["fte_per_jaar"]
    assert _ids(content, "tekort") == []
    assert _ids(content, "geen_volwaardige_vestiging") == [
        "fte_per_jaar",
        "openingsuur_per_week",
        "servicepunt_naar_vestiging",
    ]
    assert _ids(content) == []


def test_the_appendix_of_a_report_shows_the_used_assumptions_with_their_sum(scenario):
    content, analysis, found = scenario
    report = build_report(analysis.libraries["bib-kern"], content, found["bib-kern"], SETTINGS)
    names = {c.id: c.naam for c in content.costs}
    shown = [k.naam for k in report.bijlage.kosten]
    assert names["subsidie_per_inwoner_landelijk"] not in shown  # no amount of this document uses it
    assert names["openingsuur_per_week"] in shown and names["fte_per_jaar"] in shown
    hour = next(k for k in report.bijlage.kosten if k.naam == names["openingsuur_per_week"])
    # the € 4.300 can be recomputed from the explanation under the table: hours a year, productive hours per fte,
    # the costs of an fte
    assert "52 × 1,5 × 1,15 = 90 uur per jaar" in hour.toelichting
    assert "× € 74.000 = ongeveer € 4.300" in hour.toelichting
    assert hour in report.bijlage.kosten_uitleg and hour.toelichting not in hour.bron


def test_the_hour_is_the_sum_its_explanation_gives(scenario):
    content, _, _ = scenario
    costs = {c.id: c for c in content.costs}
    hours_a_year = 52 * 1.5 * 1.15
    assert round(hours_a_year / 1550 * costs["fte_per_jaar"].bedrag, -2) == costs["openingsuur_per_week"].bedrag


def test_a_derived_cost_must_name_known_costs(tmp_path):
    import shutil

    from robuust_docs.content.reasoning import load_costs
    from tests.conftest import BUNDLED_CONTENT

    shutil.copy(BUNDLED_CONTENT / "kosten.yaml", tmp_path / "kosten.yaml")
    text = (tmp_path / "kosten.yaml").read_text(encoding="utf-8")
    assert text.count("afgeleid_uit: [fte_per_jaar]") == 1
    (tmp_path / "kosten.yaml").write_text(text.replace("afgeleid_uit: [fte_per_jaar]", "afgeleid_uit: [fte]"))
    problems = []
    load_costs(tmp_path, problems)
    assert [p.key for p in problems] == ["kosten[1].afgeleid_uit"]
