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
                # each share is rounded to three significant figures, so the sum is within half a percent per share
                assert sum(s.amount for s in ask.shares) == pytest.approx(ask.exact, rel=0.005 * len(ask.shares))


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
