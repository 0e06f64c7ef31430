"""Practice matching: a practice is chosen for what it fixes here (a finding, or an indicator that clearly misses
its norm), within its preconditions, with its reason in plain words and figures; never for targets that are
robust, for a programme the library already runs, or for another category."""

from __future__ import annotations

from dataclasses import replace

import pytest

from robuust_docs.content import Practice, parse_formula
from robuust_docs.findings import match_practices, themes_named
from tests.findings.scenarios import analysed

BASE = Practice(
    id="p",
    titel="P",
    categorieen=("alle",),
    modules=(),
    themas=(),
    programma=None,
    samenvatting="",
    beschrijving="",
    benodigd=(),
    impact=(),
)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    return analysed(tmp_path_factory.mktemp("practices"))


def _match(scenario, lid: str, *practices: Practice):
    content, analysis, found = scenario
    lib = analysis.libraries[lid]
    lib = replace(lib, modules=found[lid].modules)
    return match_practices(lib, replace(content, practices=practices), found[lid].items, themes_named(lib))


def _practice(pid: str, **changes) -> Practice:
    return replace(BASE, id=pid, titel=pid, **changes)


def test_a_practice_for_a_finding_gives_the_finding_as_its_reason(scenario):
    [match] = _match(scenario, "bib-leeg", _practice("mfa", verbetert=("geen_volwaardige_vestiging",)))
    assert match.findings == ("geen_volwaardige_vestiging",)
    assert match.reason == "Gekozen omdat er in het werkgebied geen volwaardige vestiging is."


def test_points_follow_severity_weak_indicators_themes_and_category(scenario):
    practices = (
        _practice("finding", verbetert=("geen_volwaardige_vestiging",)),  # kritiek: 6
        _practice("indicator", verbetert=("fte_per_10000",)),  # 1,3 against a norm of 1,8: an aandachtspunt, 2
        _practice("theme", themas=("geletterdheid",)),  # Oosterwolde's theme: 2, but not at Leegland
        _practice("named", verbetert=("fte_per_10000",), categorieen=("compact",)),  # 2 + 1
    )
    matches = _match(scenario, "bib-leeg", *practices)
    assert [(m.practice.id, m.score) for m in matches] == [("finding", 6), ("named", 3), ("indicator", 2)]


def test_robust_targets_a_programme_already_run_another_category_and_unmet_preconditions_leave_it_out(scenario):
    practices = (
        _practice("robust", verbetert=("eigen_vermogen_aandeel",)),  # 15% of the costs: inside the band
        _practice("taalhuis", verbetert=("geen_volwaardige_vestiging",), programma="taalhuis"),
        _practice("city", verbetert=("geen_volwaardige_vestiging",), categorieen=("grote_stad",)),
        _practice(
            "bus",
            verbetert=("geen_volwaardige_vestiging",),
            voorwaarde=parse_formula("inwoners_verder_dan_5km_volwaardig >= 100000", "condition"),
        ),
    )
    assert _match(scenario, "bib-leeg", *practices) == ()


def test_a_theme_only_practice_needs_a_theme_of_the_municipalities_and_names_them(scenario):
    [match] = _match(scenario, "bib-kern", _practice("taal", themas=("geletterdheid",)))
    assert match.themes == ("geletterdheid",)
    assert match.reason == "Het past bij het beleidsthema Geletterdheid en basisvaardigheden (Oosterwolde)."
    assert _match(scenario, "bib-leeg", _practice("taal", themas=("geletterdheid",))) == ()


def test_with_one_municipality_the_theme_comes_before_van_de_gemeente(scenario):
    # 'bij het beleidsthema Gezondheid van de gemeente', not 'bij het beleidsthema van de gemeente Gezondheid'
    [match] = _match(scenario, "bib-gewoon-1", _practice("gezond", themas=("gezondheid",)))
    assert match.reason == "Het past bij het beleidsthema Gezondheid van de gemeente."


def test_a_finding_and_its_own_indicator_are_not_both_given_as_reasons(scenario):
    [match] = _match(scenario, "bib-leeg", _practice("jeugd", verbetert=("weinig_jeugdleden", "jeugdleden_aandeel")))
    assert match.reason.count("omdat") == 1 and "40,0% van de kinderen en jongeren" in match.reason


def test_ties_keep_the_content_order_and_the_limit_holds(scenario):
    practices = tuple(_practice(f"p{i}", verbetert=("geen_volwaardige_vestiging",)) for i in range(8))
    assert [m.practice.id for m in _match(scenario, "bib-leeg", *practices)] == ["p0", "p1", "p2", "p3"]
