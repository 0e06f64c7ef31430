"""A guide per municipality (`focus`) on the hand-made Bibliotheek Kernland: three municipalities, Westerhoeve
with only a servicepunt and paying 40% less per inhabitant, Zuiderveen without any location. Each guide is
addressed to its municipality, opens with its own figures and findings, shows its share of the asks, and carries
the same comparison of all municipalities as every other guide of the library."""

from __future__ import annotations

import datetime

import pytest

from robuust_docs import fmt
from robuust_docs.report import ReportSettings, build_report
from robuust_docs.report.focus import WHOLE_LIBRARY
from tests.findings.scenarios import analysed

SETTINGS = ReportSettings(datetime.date(2026, 12, 2), "Fictieve gegevens.", "test")
CODES = {"Oosterwolde": "GM0101", "Westerhoeve": "GM0102", "Zuiderveen": "GM0103"}


@pytest.fixture(scope="module")
def kern(tmp_path_factory):
    content, analysis, found = analysed(tmp_path_factory.mktemp("focus"))
    lib = analysis.libraries["bib-kern"]
    guides = {name: build_report(lib, content, found["bib-kern"], SETTINGS, code) for name, code in CODES.items()}
    return lib, found["bib-kern"], build_report(lib, content, found["bib-kern"], SETTINGS), guides


def test_each_guide_is_addressed_to_its_municipality(kern):
    _, _, whole, guides = kern
    assert whole.titel == "Handreiking voor het gesprek met de gemeenten"
    for name, guide in guides.items():
        assert guide.titel == f"Handreiking voor het gesprek met de gemeente {name}"
        assert guide.ondertitel == "Bibliotheek Kernland"
        assert guide.meta.titel.startswith(guide.titel)
        assert guide.kort.inleiding[0].startswith(f"Deze handreiking is voor het gesprek met de gemeente {name} (")
        assert guide.gemeente.naam == name


def test_the_opening_chapter_holds_the_municipalitys_own_figures(kern):
    lib, _, _, guides = kern
    for name, guide in guides.items():
        m = next(x for x in lib.municipalities if x.name == name)
        figures = dict((k.naam, k.waarde) for k in guide.gemeente.kerncijfers)
        assert figures["Inwoners"].startswith(fmt.number(m.variables["inwoners"]))
        assert figures["Subsidie aan de bibliotheek"] == fmt.money(m.variables["subsidie"], 0)
        assert figures["Subsidie per inwoner"] == fmt.money(m.variables["subsidie_per_inwoner"])
        others = [x for x in lib.municipalities if x is not m]
        expected = sum(x.variables["subsidie"] for x in others) / sum(x.variables["inwoners"] for x in others)
        assert figures["Subsidie per inwoner van de andere gemeenten samen"] == fmt.money(expected)
        assert all(b.gemeente == name for b in guide.gemeente.vestigingen)
        assert all(w.gemeente == name for w in guide.gemeente.witte_vlekken)
        assert guide.gemeente.geheel == WHOLE_LIBRARY  # staff, members, visits: for the whole library, not pro-rated
    assert guides["Zuiderveen"].gemeente.vestigingen == ()
    assert (
        dict((k.naam, k.waarde) for k in guides["Zuiderveen"].gemeente.kerncijfers)["Locaties in de gemeente"] == "geen"
    )
    assert [t.naam for t in guides["Westerhoeve"].gemeente.themas] == ["Gezondheid"]


def test_a_guide_names_its_own_findings_and_not_those_of_the_others(kern):
    _, found, _, guides = kern
    westerhoeve = guides["Westerhoeve"]
    titles = [b.titel for b in westerhoeve.kort.bevindingen]
    assert "Westerhoeve betaalt per inwoner veel minder dan de andere gemeenten" in titles
    assert all("Zuiderveen" not in b.tekst for b in westerhoeve.kort.bevindingen)
    assert all("Westerhoeve" not in b.tekst for b in guides["Oosterwolde"].kort.bevindingen)
    assert not any("veel minder" in b.titel for b in guides["Oosterwolde"].kort.bevindingen)
    own = {f.question for f in found.about("GM0102")}
    others = {f.question for f in found.items if f.municipality not in (None, "GM0102")} - own
    assert own <= set(westerhoeve.gesprek.vragen) and not others & set(westerhoeve.gesprek.vragen)


def test_a_guide_shows_its_own_share_of_a_library_wide_ask_and_every_share(kern):
    _, found, _, guides = kern
    deficit = next(a for a in found.asks if a.finding == "tekort_reserve_snel_op")
    for name, guide in guides.items():
        share = next(s for s in deficit.shares if s.name == name)
        ask = next(v for v in guide.kort.voorstellen if v.tekst == deficit.text)
        assert ask.gemeente == name
        assert ask.bedrag.startswith(f"ongeveer {fmt.money(share.amount, 0)} per jaar, van ")
        assert all(s.name in ask.verdeling for s in deficit.shares)  # the others' parts too, the same everywhere
    zuiderveen = [v.gemeente for v in guides["Zuiderveen"].kort.voorstellen]
    assert "Westerhoeve" not in zuiderveen  # Westerhoeve's own branch ask is for Westerhoeve's guide


def test_every_guide_carries_the_same_comparison_of_all_municipalities(kern):
    _, _, whole, guides = kern
    tables = {name: guide.gemeenten.vergelijking for name, guide in guides.items()}
    assert all(t == whole.gemeenten.vergelijking for t in tables.values())
    assert [r.naam for r in whole.gemeenten.vergelijking] == list(CODES)
    assert whole.gemeente is None and whole.gemeenten.alineas  # the library's guide keeps a paragraph each
