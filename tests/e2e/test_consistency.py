"""What every sample handreiking says must agree with its own figures and with itself: the first pages do not
praise what a finding criticises, every ask adds up, no sentence prints a missing figure, and the claims the
texts make about distance, money and branches hold for the data they were filled with."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from robuust_docs import fmt
from robuust_docs.app import Settings, prepare, report_for
from robuust_docs.report.model import texts_of
from robuust_docs.status import Status

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    settings = Settings(
        ROOT / "data", ROOT / "templates", tmp_path_factory.mktemp("out"), today=datetime.date(2026, 12, 2)
    )
    prepared = prepare(settings)
    return prepared, {lid: report_for(prepared, lid) for lid in prepared.analysis.libraries}


def _sentences(report) -> list[str]:
    """The running text of a report (tables are allowed a dash or 'geen gegevens' in a cell; sentences are not)."""
    legend = f"{Status.NO_DATA.symbol} {Status.NO_DATA.label.lower()}"  # a legend naming the status is no figure
    return [t for t in texts_of(report) if len(t.split()) > 4 and legend not in t]


def test_no_sentence_prints_a_missing_figure(sample):
    _, reports = sample
    for lid, report in reports.items():
        for text in _sentences(report):
            assert fmt.NO_DATA not in text and "None" not in text and "nan" not in text.split(), (lid, text)


def test_a_strength_is_never_a_figure_that_a_finding_criticises(sample):
    prepared, _ = sample
    for lid, found in prepared.findings.items():
        criticised = {i for f in found.items for i in f.indicators}
        capped = {m.module for m in found.modules if m.capped_by}
        module_of = {r.indicator: m.module for m in found.modules for r in m.indicators}
        for strength in found.strengths:
            assert strength.indicator not in criticised, (lid, strength.indicator)
            assert module_of[strength.indicator] not in capped, (lid, strength.indicator)


def test_every_ask_adds_up_and_is_addressed_to_a_municipality_of_the_library(sample):
    prepared, _ = sample
    for lid, found in prepared.findings.items():
        lib = prepared.analysis.libraries[lid]
        codes = {m.code for m in lib.municipalities}
        for ask in found.asks:
            assert ask.amount > 0 and (ask.municipality is None or ask.municipality in codes), (lid, ask.finding)
            if ask.shares:
                assert {s.code for s in ask.shares} <= codes
                assert sum(s.amount for s in ask.shares) == ask.amount  # the parts shown add up to the whole


def test_asks_for_hours_do_not_count_the_hours_of_new_branches_twice(sample):
    prepared, _ = sample
    for lid, found in prepared.findings.items():
        lib = prepared.analysis.libraries[lid]
        hours = [a for a in found.asks if a.group == "uren"]
        branches = [a for a in found.asks if a.group == "vestiging"]
        if hours and branches:
            new = lib.variables["uren_nieuwe_vestigingen"]
            assert new > 0, lid
            assert f"naast de {fmt.hours(new, 0)}" in hours[0].text, (lid, hours[0].text)


def test_the_summary_names_each_rule_once_and_every_municipality_it_holds_for(sample):
    prepared, reports = sample
    for lid, report in reports.items():
        titles = [b.titel for b in report.kort.bevindingen]
        assert len(titles) == len(set(titles)), lid
        found = prepared.findings[lid]
        for item in report.kort.bevindingen:
            cases = [f for f in found.items if f.title == item.titel and f.municipality_name]
            for case in cases:
                assert case.municipality_name in item.tekst, (lid, item.titel, case.municipality_name)


def test_texts_about_money_agree_with_the_result(sample):
    prepared, reports = sample
    for lid, report in reports.items():
        result = prepared.analysis.libraries[lid].values.get("resultaat_aandeel")
        text = " ".join(_sentences(report) + texts_of(report.bouwstenen))
        if result is not None and result < 0:
            assert "een overschot" not in text, lid
        if result is not None and result > 0:
            assert not re.search(r"\btekort van\b", text), lid


def test_no_text_claims_every_municipality_has_a_branch_when_one_has_none(sample):
    prepared, reports = sample
    for lid, report in reports.items():
        lib = prepared.analysis.libraries[lid]
        if any(m.access.full_count == 0 for m in lib.municipalities):
            text = " ".join(texts_of(report))
            assert "elke gemeente heeft een volwaardige vestiging" not in text.lower(), lid
            assert "Volwaardige vestigingen per gemeente" not in " ".join(report.kort.sterk), lid


def test_an_ask_for_more_subsidy_says_what_it_buys(sample):
    prepared, _ = sample
    fte_cost = next(c.bedrag for c in prepared.content.costs if c.id == "fte_per_jaar")
    asks = [(lid, a) for lid, f in prepared.findings.items() for a in f.asks if a.finding == "subsidie_onder_norm"]
    assert asks
    for lid, ask in asks:
        lib = prepared.analysis.libraries[lid]
        rise = fmt.percent(100 * ask.exact / lib.variables["subsidie"], 0)
        deficit = max(0, lib.variables["tekort"] or 0)  # what is left after the deficit is covered buys staff
        fte = fmt.number(max(0, ask.exact - deficit) / fte_cost, 1)
        # the rise is that of all municipalities together; each of them rises by its own share
        together = "samen " if len(lib.municipalities) > 1 else ""
        assert f": {together}{rise} meer dan nu" in ask.text, ask.text
        assert f"ongeveer {fte} fte" in ask.text or "blijft er weinig over" in ask.text, ask.text
        assert ("Na het dekken van het tekort" in ask.text) == (deficit > 0), ask.text


def test_a_municipality_far_below_the_others_is_below_each_of_them(sample):
    prepared, _ = sample
    for lid, found in prepared.findings.items():
        lib = prepared.analysis.libraries[lid]
        for f in (f for f in found.items if f.rule == "subsidie_veel_lager_dan_andere_gemeenten"):
            own = next(m for m in lib.municipalities if m.code == f.municipality).variables["subsidie_per_inwoner"]
            others = [m.variables["subsidie_per_inwoner"] for m in lib.municipalities if m.code != f.municipality]
            assert own < min(others), (lid, f.municipality_name)


def test_a_practice_is_never_chosen_for_a_figure_above_its_band(sample):
    prepared, _ = sample
    bands = {i.id: i for i in prepared.content.indicators if i.richting == "band"}
    checked = 0
    for lid, found in prepared.findings.items():
        lib = prepared.analysis.libraries[lid]
        for match in found.practices:
            for ind in (i for i in match.indicators if i in bands):
                checked += 1
                assert lib.values[ind] < bands[ind].normen[lib.category.id].robuust[0], (lid, match.practice.id, ind)
    assert checked  # some practice answers a figure below its band


def test_an_impact_fact_is_cited_once_per_document(sample):
    _, reports = sample
    for lid, report in reports.items():
        under_practices = [b for p in report.praktijken for b in p.impact]
        assert len(set(under_practices)) == len(under_practices), lid
        assert not {f.tekst for f in report.impact} & {b.split(" Bron: ")[0] for b in under_practices}, lid


def test_the_municipalities_shares_of_the_inhabitants_add_up_to_100_percent(sample):
    _, reports = sample
    checked = 0
    for lid, report in reports.items():
        if report.gemeenten is None:
            continue
        shares = [
            int(m.group(1))
            for a in report.gemeenten.alineas
            if (m := re.search(r"\((\d+)% van het werkgebied\)", a.tekst))
        ]
        assert len(shares) == len(report.gemeenten.alineas), lid
        assert sum(shares) == 100, (lid, shares)
        checked += 1
    assert checked > 10


def test_a_surplus_is_named_only_above_the_band_as_shown(sample):
    _, reports = sample
    named = 0
    for lid, report in reports.items():
        for b in report.kort.bevindingen:
            if b.titel == "Overschot":
                shown = re.search(r"hoger dan de lasten, ([\d,]+)% van de lasten", b.tekst).group(1)
                assert float(shown.replace(",", ".")) > 5.0, (lid, b.tekst)
                assert "baten van" in b.tekst and "€ 0 " not in b.tekst, (lid, b.tekst)
                named += 1
    assert named >= 1


def test_a_worked_sum_leaves_out_a_term_that_adds_or_takes_away_nothing(sample):
    prepared, _ = sample
    worked = [w for f in prepared.findings.values() for a in f.asks for w in a.worked]
    assert worked
    assert not [w for w in worked if re.search(r"[−+] 0(?![,.\d])", w)]
