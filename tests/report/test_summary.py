""" "In het kort" on the hand-made libraries: the decisive findings first, one sentence each with its figure and
meaning, then what the library asks, naming the municipality, an amount per year and what happens without it."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from robuust_docs.findings import Ask
from robuust_docs.report import ReportSettings, build_report
from robuust_docs.status import Status
from tests.findings.scenarios import analysed

SETTINGS = ReportSettings(datetime.date(2026, 12, 2), "Fictieve gegevens.", "test")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    content, analysis, found = analysed(tmp_path_factory.mktemp("summary"))
    return {lid: build_report(lib, content, found[lid], SETTINGS) for lid, lib in analysis.libraries.items()}


def test_the_summary_opens_with_who_the_library_is_and_whom_it_is_compared_with(reports):
    intro = reports["bib-kern"].kort.inleiding[0]
    assert intro.startswith(
        "Bibliotheek Kernland is een compacte bibliotheek voor 22.000 inwoners in drie gemeenten: "
        "Oosterwolde, Westerhoeve en Zuiderveen, met twee locaties, waarvan één volwaardige vestiging."
    )
    assert (
        "de mediaan van de vier andere compacte bibliotheken (met zo weinig bibliotheken is dat een indicatie)" in intro
    )


def test_the_decisive_findings_come_first_one_per_rule_and_checks_apart(reports):
    from robuust_docs.report.summary import MAX_FINDINGS, fit_on_a_page

    kort = reports["bib-kern"].kort
    titles = [b.titel for b in kort.bevindingen]
    ranked = [
        "Gemeente zonder volwaardige vestiging",
        "Tekort, reserve snel op",
        "Inwoners ver van een vestiging",
        "Westerhoeve betaalt per inwoner veel minder dan de andere gemeenten",
    ]
    assert titles == ranked[: len(titles)]  # the most decisive first; the page holds only the first two here
    assert len(titles) == 2 and not kort.sterk
    assert fit_on_a_page(kort) == kort and len(ranked) < MAX_FINDINGS
    first = kort.bevindingen[0]
    assert first.gemeente == "Westerhoeve" and first.tekst.startswith(
        "Westerhoeve (6.000 inwoners) heeft geen volwaardige vestiging"
    )
    assert "zorgplicht" in first.tekst  # the figure, then what it means
    assert first.tekst.endswith(" Hetzelfde geldt voor Zuiderveen.")  # one rule, one item: the others named
    assert len(kort.controle) == 1
    assert kort.controle[0].startswith("De bibliotheek telt 400.000 bezoeken per jaar en is 42 uur per week open")


def test_the_asks_name_the_municipality_the_amount_and_what_happens_without(reports):
    voorstellen = reports["bib-kern"].kort.voorstellen
    assert [(v.gemeente, v.bedrag) for v in voorstellen] == [
        ("Westerhoeve", "ongeveer € 53.700 per jaar"),
        ("Zuiderveen", "ongeveer € 79.500 per jaar"),
        ("alle gemeenten", "ongeveer € 100.000 per jaar"),
        ("Westerhoeve", "ongeveer € 42.000 per jaar"),  # to the norm: € 22,00 × 6.000 − € 90.000
    ]
    assert voorstellen[0].tekst.startswith("Maak in Westerhoeve de grootste locatie een volwaardige vestiging")
    assert voorstellen[0].zonder.startswith("Zonder volwaardige vestiging voldoet Westerhoeve niet")
    assert voorstellen[2].verdeling == (
        "Per gemeente (naar inwoners verdeeld): Oosterwolde € 54.500, Westerhoeve € 27.300 en Zuiderveen € 18.200."
    )


def test_an_ordinary_library_has_no_ask_and_says_so(reports):
    kort = reports["bib-gewoon-1"].kort
    assert kort.bevindingen == () and kort.voorstellen == ()
    assert {b.status for b in reports["bib-gewoon-1"].bouwstenen} == {Status.ROBUST}
    assert kort.voorstellen_inleiding == (
        "Uit de cijfers volgt geen vraag om extra geld: met de huidige subsidie haalt de bibliotheek de normen van "
        "haar categorie. Dat blijft zo als de subsidie meegroeit met lonen en prijzen; een gelijk bedrag is elk "
        "jaar minder waard."
    )


@pytest.mark.parametrize(
    "statuses, findings, expected",
    [
        (
            ["robuust", "aandachtspunt"],
            True,
            "Uit de cijfers volgt geen voorstel met een bedrag: wat hierboven "
            "opvalt, is een onderwerp voor het gesprek.",
        ),
        (["robuust", "kwetsbaar"], False, "Uit de cijfers volgt geen voorstel met een bedrag."),
    ],
)
def test_without_an_ask_the_summary_says_what_follows_instead(statuses, findings, expected):
    from types import SimpleNamespace

    from robuust_docs.report.summary import _asks_introduction

    lib = SimpleNamespace(modules=[SimpleNamespace(status=Status.from_code(s)) for s in statuses])
    assert _asks_introduction([], lib, findings) == expected


def test_every_amount_of_an_ask_is_worked_out_in_the_appendix(reports):
    report = reports["bib-kern"]
    assert len(report.bijlage.berekeningen) == len(report.kort.voorstellen)
    westerhoeve = report.bijlage.berekeningen[0]
    assert westerhoeve.uitwerking == ("(15 − 6,0 uur) × € 4.300 + € 15.000 = € 53.700",)  # max(0; …) decided
    assert "Uitkomst, afgerond: € 53.700 per jaar." in westerhoeve.uitleg


def _ask(group: str, exact: float, covers: bool = False) -> Ask:
    return Ask("r", group, None, "", "Doe iets.", exact, exact, "Anders niet.", "", (), (), "", covers)


@pytest.mark.parametrize(
    ("wide", "others", "summed"),
    [(100_000, [40_000, 50_000], False), (100_000, [60_000, 50_000], True), (None, [60_000, 50_000], True)],
)
def test_asks_are_said_not_to_add_up_only_when_the_subsidy_raise_pays_for_the_others(tmp_path, wide, others, summed):
    content, analysis, found = analysed(tmp_path)
    asks = ([_ask("subsidie", wide, covers=True)] if wide else []) + [_ask(f"g{i}", a) for i, a in enumerate(others)]
    findings = dataclasses.replace(found["bib-kern"], asks=tuple(asks))
    intro = build_report(analysis.libraries["bib-kern"], content, findings, SETTINGS).kort.voorstellen_inleiding
    assert ("tel de bedragen dus niet op" in intro) is not summed


def test_strengths_are_figures_where_more_is_better(reports):
    for report in reports.values():
        for line in report.kort.sterk:
            assert "(norm " in line and not line.startswith(("Openingstijd zonder personeel", "Huisvestingskosten"))


def test_a_summary_too_long_for_its_page_leaves_out_its_last_strengths_then_its_last_findings():
    from robuust_docs.report.model import Bevinding, InHetKort
    from robuust_docs.report.summary import MIN_FINDINGS, MIN_STRENGTHS, PAGE_LINES, estimated_lines, fit_on_a_page

    long = "Een zin over een cijfer dat ertoe doet, met wat het betekent voor de gemeente. " * 8
    findings = tuple(Bevinding(f"Bevinding {i}", long, "kwetsbaar", None) for i in range(5))
    strengths = tuple(f"Sterk punt {i}: een cijfer boven de norm." for i in range(5))
    kort = InHetKort(("Inleiding.",), findings, (), "Geen vraag.", strengths, ())
    fitted = fit_on_a_page(kort)
    assert estimated_lines(fitted) <= PAGE_LINES < estimated_lines(kort)
    assert fitted.sterk == strengths[: len(fitted.sterk)]
    assert len(fitted.sterk) <= MIN_STRENGTHS or len(fitted.bevindingen) == len(findings)  # strengths go first
    assert fitted.bevindingen == findings[: len(fitted.bevindingen)]
    assert len(fitted.bevindingen) >= MIN_FINDINGS
    assert fit_on_a_page(fitted) == fitted

    short = dataclasses.replace(kort, bevindingen=findings[:2], sterk=strengths[:1])
    assert fit_on_a_page(short) == short


def test_a_building_block_tells_first_the_findings_in_het_kort_left_out():
    """A finding is told in its building block when "In het kort" does not name it: the block's findings are
    those the summary left out first (at most MAX_FINDINGS), so a trend finding does not vanish between the two.
    Checked on every sample library."""
    from pathlib import Path

    from robuust_docs.app import Settings, prepare, report_for
    from robuust_docs.paths import bundled
    from robuust_docs.report.modules import MAX_FINDINGS
    from robuust_docs.report.summary import shown_cases

    prepared = prepare(Settings(bundled("data"), bundled("templates"), Path("unused")))
    checked = 0
    for lid in prepared.analysis.libraries:
        report, found = report_for(prepared, lid), prepared.findings[lid]
        summary = shown_cases(found.items, None, len(report.kort.bevindingen))  # also "Hetzelfde geldt voor"
        for block in report.bouwstenen:
            text = " ".join(block.tekst)
            own = [f for f in found.touching(block.id) if not f.check and f.modules[0] == block.id]
            left_out = [f for f in own if (f.rule, f.municipality) not in summary]
            told = [f for f in own if f.text in text]
            assert len(told) == min(len(own), MAX_FINDINGS)
            assert all(f in told for f in left_out[:MAX_FINDINGS])
            checked += len(left_out)
    assert checked > 20


def test_the_first_paragraph_ends_with_the_status_of_every_building_block(reports):
    """The alderman who reads only the first page learns how each building block stands; the sentence agrees
    with the statuses the chapters give."""
    from collections import Counter

    from robuust_docs import wording

    for report in reports.values():
        counts = Counter(b.status for b in report.bouwstenen)
        intro = report.kort.inleiding[-1]
        if len(counts) == 1:
            [status] = counts
            said = {"robuust": "robuust", "kwetsbaar": "kwetsbaar", "aandachtspunt": "een aandachtspunt"}
            assert intro.endswith(
                f"Alle {wording.in_words(len(report.bouwstenen))} bouwstenen zijn {said[status.code]}."
            )
            continue
        sentence = intro[intro.index("Van de ") :]
        for status, n in counts.items():
            names = ", ".join(b.naam for b in report.bouwstenen if b.status is status)
            assert f"er {wording.in_words(n)} " in sentence and f"({names})" in sentence


@pytest.mark.parametrize(
    "statuses, expected",
    [
        (["robuust"] * 5, "Alle vijf bouwstenen zijn robuust."),
        (["kwetsbaar"], "De bouwsteen A is kwetsbaar."),
        (
            ["kwetsbaar", "robuust", "aandachtspunt", "kwetsbaar", "geen_gegevens"],
            "Van de vijf bouwstenen zijn er twee kwetsbaar (A, D), is er één een aandachtspunt (C), is er één robuust "
            "(B) en is er één zonder gegevens (E).",
        ),
        (
            ["robuust", "aandachtspunt", "aandachtspunt"],
            "Van de drie bouwstenen zijn er twee een aandachtspunt (B, C) en is er één robuust (A).",
        ),
    ],
)
def test_the_verdict_sentence_agrees_in_number(statuses, expected):
    from types import SimpleNamespace

    from robuust_docs.report.summary import verdict
    from robuust_docs.status import Status

    ids = "ABCDE"[: len(statuses)]
    lib = SimpleNamespace(
        modules=[SimpleNamespace(module=i, status=Status.from_code(s)) for i, s in zip(ids, statuses, strict=True)]
    )
    content = SimpleNamespace(modules=[SimpleNamespace(id=i, naam=i) for i in ids])
    assert verdict(lib, content) == expected
