"""The findings stage on hand-made libraries (tests/findings/scenarios.py): each rule of the bundled
bevindingen.yaml fires where its figures say so, with the facts, order, knock-outs and asks a reader should get."""

from __future__ import annotations

import dataclasses

import pytest

from robuust_docs import fmt
from robuust_docs.content import Fact
from robuust_docs.content.formula import parse_formula
from robuust_docs.findings import FindingError, indicative
from robuust_docs.findings.rules import apply_rules
from robuust_docs.findings.strengths import derive_strengths
from robuust_docs.status import Status
from tests.findings import scenarios
from tests.findings.scenarios import analysed


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    return analysed(tmp_path_factory.mktemp("scenarios"))


def _rules(findings) -> list[tuple[str, str]]:
    return [(f.rule, f.municipality_name) for f in findings.items]


def test_a_library_without_a_volwaardige_vestiging_gets_it_first_and_critical(scenario):
    _, analysis, found = scenario
    leeg = found["bib-leeg"]
    first = leeg.items[0]
    assert (first.rule, first.severity) == ("geen_volwaardige_vestiging", "kritiek")
    assert first.text.startswith(
        "De bibliotheek heeft geen volwaardige vestiging: de twee kleinere locaties zijn samen "
        "12,0 uur per week open met personeel, voor 15.000 inwoners."
    )
    assert "geen van de gemeenten Leegdorp en Leegmeer voldoet daar nu aan" in first.consequence


def test_its_ask_is_an_upgrade_in_each_municipality_priced_from_its_own_largest_location(scenario):
    content, _, found = scenario
    ask = next(a for a in found["bib-leeg"].asks if a.finding == "geen_volwaardige_vestiging")
    hour = next(c.bedrag for c in content.costs if c.id == "openingsuur_per_week")
    fixed = next(c.bedrag for c in content.costs if c.id == "servicepunt_naar_vestiging")
    expected = {"Leegdorp": (15 - 8) * hour + fixed, "Leegmeer": (15 - 4) * hour + fixed}
    assert {s.name: s.amount for s in ask.shares} == {n: indicative(v) for n, v in expected.items()}
    assert ask.amount == sum(indicative(v) for v in expected.values()) and ask.split == "eigen"  # parts add up
    assert [w.split(":")[0] for w in ask.worked] == ["Leegdorp", "Leegmeer", "Het bedrag, per gemeente afgerond"]
    assert ask.worked[-1].endswith(f"samen {fmt.money(ask.amount, 0)}.")  # the rounding that makes the total


def test_staffed_hours_under_half_the_norm_are_critical_and_cap_their_building_block(scenario):
    _, analysis, found = scenario
    leeg = found["bib-leeg"]
    hours = next(f for f in leeg.items if f.rule == "openingsuren_ver_onder_norm")
    assert hours.severity == "kritiek" and "8,0 uur per 10.000 inwoners" in hours.text
    # the other rule for staffed hours (below the kwetsbaar limit but not under half) does not fire as well
    assert "openingsuren_onder_norm" not in {f.rule for f in leeg.items}


def test_a_knockout_keeps_an_otherwise_robust_building_block_from_being_robust(scenario):
    _, analysis, found = scenario
    kern = analysis.libraries["bib-kern"]
    before = {m.module: m.status for m in kern.modules}
    after = {m.module: m for m in found["bib-kern"].modules}
    # Kernland's finances would average out as robust; its deficit (a critical indicator) holds them back
    assert after["financien"].status is Status.ATTENTION
    assert after["financien"].capped_by and before["financien"] is Status.ATTENTION


def test_a_deficit_says_how_long_the_reserves_last_and_asks_for_it_split_by_inhabitants(scenario):
    _, _, found = scenario
    kern = found["bib-kern"]
    deficit = next(f for f in kern.items if f.rule == "tekort_reserve_snel_op")
    assert dict(deficit.facts)["tekort"] == "€ 100.000" and dict(deficit.facts)["jaren"] == "1,5 jaar"
    assert "vangt dat tekort nog ongeveer 1,5 jaar op" in deficit.text
    ask = next(a for a in kern.asks if a.finding == "tekort_reserve_snel_op")
    assert ask.split == "inwoners" and ask.amount == 100_000
    assert {s.name: s.amount for s in ask.shares} == {
        "Oosterwolde": 54_500,
        "Westerhoeve": 27_300,
        "Zuiderveen": 18_200,
    }


def test_a_municipality_paying_forty_percent_less_than_the_others_is_named(scenario):
    _, _, found = scenario
    low = [f for f in found["bib-kern"].items if f.rule == "subsidie_veel_lager_dan_andere_gemeenten"]
    assert [f.municipality_name for f in low] == ["Westerhoeve"]
    assert low[0].text == (
        "Westerhoeve betaalt € 15,00 per inwoner, 40% minder dan de andere gemeenten van de "
        "bibliotheek samen (€ 25,00)."
    )

    assert low[0].title == "Westerhoeve betaalt per inwoner veel minder dan de andere gemeenten"
    assert "de andere gemeenten dragen zo een groter deel" in low[0].consequence


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """Kernland without Zuiderveen and without its deficit, and Oosterwolde paying € 20,00 per inhabitant: two
    municipalities, so one other, and the library as a whole under the norm."""
    tables = scenarios.tables()
    tables["gemeenten"] = [m for m in tables["gemeenten"] if m["code"] != "GM0103"]
    tables["buurten"] = [h for h in tables["buurten"] if h["gemeente_code"] != "GM0103"]
    next(m for m in tables["gemeenten"] if m["code"] == "GM0101")["subsidie"] = 240_000
    next(b for b in tables["bibliotheken"] if b["id"] == "bib-kern")["baten_totaal"] = 1_000_000
    return scenarios.analysed(tmp_path_factory.mktemp("two"), tables)


def test_with_two_municipalities_the_other_is_one_municipality_not_the_others_together(two):
    _, _, found = two
    [low] = [f for f in found["bib-kern"].items if f.rule == "subsidie_veel_lager_dan_andere_gemeenten"]
    assert low.title == "Westerhoeve betaalt per inwoner veel minder dan de andere gemeente"
    assert (
        low.text
        == "Westerhoeve betaalt € 15,00 per inwoner, 25% minder dan de andere gemeente van de bibliotheek (€ 20,00)."
    )
    assert low.consequence.endswith("de andere gemeente draagt zo een groter deel van de kosten.")
    assert low.reason.endswith("veel minder betaalt dan de andere gemeente")
    texts = [low.title, low.text, low.reason, low.consequence, *(a.without for a in found["bib-kern"].asks)]
    assert not any("andere gemeenten" in t or "samen (" in t for t in texts), texts


def test_the_rise_of_an_ask_for_every_municipality_is_called_their_total(two):
    _, analysis, found = two
    ask = next(a for a in found["bib-kern"].asks if a.finding == "subsidie_onder_norm")
    subsidy = analysis.libraries["bib-kern"].variables["subsidie"]
    rise = fmt.percent(ask.amount / subsidy * 100, 0)
    # the municipalities each rise by their own share (Westerhoeve 47%, Oosterwolde 10%): the figure is the total
    assert f"naar de norm van € 22,00 per inwoner: samen {rise} meer dan nu." in ask.text
    assert len(ask.shares) == 2


def test_the_check_of_hours_against_staff_says_how_the_hours_per_fte_are_computed(scenario):
    content, analysis, _ = scenario
    rule = next(r for r in content.findings if r.id == "uren_meer_dan_personeel")
    lib = dataclasses.replace(
        analysis.libraries["bib-kern"],
        variables={**analysis.libraries["bib-kern"].variables, "fte": 1.2, "openingsuren": 44.0},
    )
    found = [f for f in apply_rules(lib, dataclasses.replace(content, findings=(rule,))) if f.rule == rule.id]
    assert found, "the check should fire for 44 hours and 1,2 fte"
    # 1,2 × 1.550 / 52 = 35,8: a reader can recompute the 36 hours from what the text says
    assert "1,2 fte is hooguit 36 uur per week" in found[0].text
    assert "1.550 inzetbare uren per fte per jaar" in found[0].text and "gedeeld door 52 weken" in found[0].text


def test_residents_far_from_a_vestiging_are_counted_and_their_kernen_named(scenario):
    _, _, found = scenario
    far = next(f for f in found["bib-kern"].items if f.rule == "inwoners_ver_van_vestiging")
    assert far.municipality_name == "Oosterwolde"
    assert "3.000 inwoners (25%) verder dan 5 km" in far.text
    assert "Hoogeloo (8,0 km)" in far.text and "Achterveld (7,0 km)" in far.text


def test_municipalities_without_a_vestiging_come_before_other_critical_rules_in_content_order(scenario):
    _, _, found = scenario
    kern = found["bib-kern"]
    assert _rules(kern)[:3] == [
        ("gemeente_zonder_volwaardige_vestiging", "Westerhoeve"),
        ("gemeente_zonder_volwaardige_vestiging", "Zuiderveen"),
        ("tekort_reserve_snel_op", ""),
    ]
    severities = [f.severity for f in kern.items]
    assert severities == sorted(severities, key=["kritiek", "belangrijk", "ter_informatie"].index)


def test_an_implausible_combination_is_a_check_for_the_advisor_not_a_claim(scenario):
    _, _, found = scenario
    check = next(f for f in found["bib-kern"].items if f.rule == "veel_bezoek_per_openingsuur")
    assert check.check and check.severity == "ter_informatie"
    assert "183 bezoekers per uur" in check.text and check.question.startswith("Kloppen")


def test_ordinary_libraries_get_no_finding(scenario):
    _, _, found = scenario
    for lid in ("bib-gewoon-1", "bib-gewoon-2", "bib-gewoon-3"):
        assert [f.rule for f in found[lid].items if not f.check] == [], lid


def test_strengths_clear_both_the_norm_and_the_median_and_skip_a_held_back_building_block(scenario):
    _, analysis, found = scenario
    for lid, f in found.items():
        capped = {m.module for m in f.modules if m.capped_by}
        lib = analysis.libraries[lid]
        modules = {r.indicator: m.module for m in lib.modules for r in m.indicators}
        for s in f.strengths:
            assert s.margin >= 0.15 and modules[s.indicator] not in capped


@pytest.mark.parametrize("change", [{"sterkte": False}, {"richting": "lager"}])
def test_a_figure_marked_no_strength_or_under_a_ceiling_is_never_a_strength(scenario, change):
    content, analysis, found = scenario
    lid, f = next((lid, f) for lid, f in found.items() if f.strengths)
    top = f.strengths[0].indicator
    assert top in [s.indicator for s in derive_strengths(analysis.libraries[lid], content, f.modules)]
    modules = tuple(
        dataclasses.replace(
            m, indicatoren=tuple(dataclasses.replace(i, **change) if i.id == top else i for i in m.indicatoren)
        )
        for m in content.modules
    )
    changed = dataclasses.replace(content, modules=modules)
    assert top not in [s.indicator for s in derive_strengths(analysis.libraries[lid], changed, f.modules)]


@pytest.mark.parametrize(
    ("text", "fails"),
    [("Het is {{ leeg }}.", True), ("Het is{% if getal.leeg is not none %} {{ leeg }}{% endif %}.", False)],
)
def test_a_text_never_prints_a_missing_figure_it_names_the_fact_instead(scenario, text, fails):
    content, analysis, found = scenario
    rule = next(r for r in content.findings if r.id == found["bib-kern"].items[0].rule)
    empty = Fact("leeg", parse_formula("inwoners / 0"), "aantal", 0)
    broken = dataclasses.replace(rule, facts=(*rule.facts, empty), text=text)
    changed = dataclasses.replace(content, findings=tuple(broken if r is rule else r for r in content.findings))
    if not fails:
        assert apply_rules(analysis.libraries["bib-kern"], changed)
        return
    with pytest.raises(FindingError) as caught:
        apply_rules(analysis.libraries["bib-kern"], changed)
    assert f"bevindingen.yaml, {rule.id}.tekst" in str(caught.value) and "'leeg'" in str(caught.value)
    assert "{% if getal.leeg is not none %}" in str(caught.value)


def test_hours_that_new_branches_bring_are_not_asked_for_twice(scenario):
    _, analysis, found = scenario
    leeg = found["bib-leeg"]
    # 12 hours for 15.000 inhabitants: 27 needed; making both locations volwaardig adds (15 - 8) + (15 - 4) = 18
    assert analysis.libraries["bib-leeg"].variables["uren_nieuwe_vestigingen"] == 18
    assert "openingsuren_ver_onder_norm" in [f.rule for f in leeg.items]
    assert [a.finding for a in leeg.asks] == ["geen_volwaardige_vestiging"]


def test_the_parts_of_an_ask_add_up_to_its_amount(scenario):
    _, _, found = scenario
    asks = [a for f in found.values() for a in f.asks if a.shares]
    assert asks
    for ask in asks:
        assert ask.amount == sum(s.amount for s in ask.shares)


def test_a_municipality_far_below_the_others_is_asked_to_reach_the_norm(scenario):
    content, analysis, found = scenario
    ask = next(a for a in found["bib-kern"].asks if a.municipality == "GM0102" and a.group == "subsidie")
    westerhoeve = next(m for m in analysis.libraries["bib-kern"].municipalities if m.code == "GM0102")
    norm = next(i for i in content.indicators if i.id == "subsidie_per_inwoner").normen["compact"].robuust
    assert ask.exact == pytest.approx(norm * westerhoeve.variables["inwoners"] - westerhoeve.variables["subsidie"])
    assert ask.text.startswith("Breng de subsidie van Westerhoeve naar de norm van € 22,00 per inwoner: ")


@pytest.mark.parametrize(
    "amount, shown", [(49_650, 49_700), (148_694, 149_000), (219_661, 220_000), (1_250, 1_250), (-2_345, -2_350)]
)
def test_an_indicative_amount_keeps_three_figures_rounded_half_up(amount, shown):
    assert indicative(amount) == shown  # not ties to even: € 49.650 is about € 49.700


def test_a_librarys_names_are_its_own_whichever_library_came_before(scenario):
    """`context._prefixed` keeps the names of the library it saw last: A, B, then A again gives A's names, and a
    changed copy of A (another object) gets its own, not A's kept ones."""
    from robuust_docs.findings import context

    content, analysis, _ = scenario
    a, b = analysis.libraries["bib-gewoon-1"], analysis.libraries["bib-leeg"]
    first = context.library_variables(a, content)
    other = context.library_variables(b, content)
    assert other != first
    assert context.library_variables(a, content) == first
    some = next(k for k, v in first.items() if k.startswith("indicator.") and v is not None)
    indicator = some.removeprefix("indicator.")
    changed = dataclasses.replace(a, values={**a.values, indicator: a.values[indicator] + 1})
    assert context.library_variables(changed, content)[some] == first[some] + 1
    municipality = a.municipalities[0]
    assert context.municipality_variables(a, municipality, content)[some] == first[some]


def test_a_bibliotheek_op_school_without_the_programme_is_a_check_in_the_number_it_has(tmp_path):
    """A location of the type "bibliotheek op school" while the library does not name the programme de Bibliotheek
    op school: the document asks to check the input (it does not call the programme missing, nor count it)."""
    tables = scenarios.tables()
    for n, (lid, count) in enumerate((("bib-gewoon-1", 1), ("bib-gewoon-2", 2), ("bib-gewoon-3", 1))):
        for i in range(count):
            school = scenarios._branch(
                f"school-{n}-{i}", lid, f"Bibliotheek op school {n}{i}", "bibliotheek op school", f"GM030{n + 1}",
                52.0 + (n + 1) / 10, 5.01, 6,
            )  # fmt: skip
            tables["vestigingen"].append(school)
    tables["bibliotheken"] = [
        {**lib, "programmas": "taalhuis, de Bibliotheek op school"} if lib["id"] == "bib-gewoon-3" else lib
        for lib in tables["bibliotheken"]
    ]
    _, analysis, found = analysed(tmp_path, tables)
    checks = {lid: [f for f in found[lid].items if f.rule == "op_school_zonder_programma"] for lid in found}
    assert analysis.libraries["bib-gewoon-2"].variables["aantal_op_school"] == 2
    one, two = checks["bib-gewoon-1"], checks["bib-gewoon-2"]
    assert len(one) == len(two) == 1 and one[0].check
    said = "De bibliotheek heeft een bibliotheek op school (Bibliotheek op school 00), maar de Bibliotheek op school"
    assert one[0].text == f"{said} staat niet bij haar programma's."
    assert one[0].consequence == (
        "Werkt die school met het programma, met een leesconsulent en de monitor, dan telt het mee bij de landelijke"
        " programma's (nu 1): zet het dan in de invoer bij de programma's van de bibliotheek."
    )
    assert two[0].text.startswith(
        "De bibliotheek heeft 2 bibliotheken op school (Bibliotheek op school 10 en Bibliotheek op school 11), maar "
    )
    assert two[0].consequence.startswith("Werken die scholen met het programma, met een leesconsulent")
    assert (
        two[0].question == "Wat willen gemeente, scholen en bibliotheek samen bereiken met de bibliotheken op school?"
    )
    assert checks["bib-gewoon-3"] == []  # it names the programme
    assert checks["bib-kern"] == []  # no school location
    assert analysis.libraries["bib-gewoon-1"].variables["aantal_programmas"] == 1  # the figure is what was given


def test_staff_below_the_vulnerability_limit_never_leaves_personeel_robust():
    """Maasmonde (sample) meets three of the four staff norms, but has 1,5 fte per 10.000 inhabitants against a
    vulnerability limit of 2,0: its first page says so ("Weinig personeel"), so its building block is not robust."""
    from pathlib import Path

    from robuust_docs.app import Settings, prepare

    root = Path(__file__).resolve().parents[2]
    prepared = prepare(Settings(root / "data", root / "templates", Path("unused")), cached=False)
    low = [lid for lid, f in prepared.findings.items() if "weinig_personeel" in {x.rule for x in f.items}]
    assert "bib-maasmonde" in low
    for lid in low:
        status = next(m.status for m in prepared.analysis.libraries[lid].modules if m.module == "personeel")
        assert status is not Status.ROBUST, lid
