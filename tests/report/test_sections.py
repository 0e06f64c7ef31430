"""Small sentence helpers of the report's sections."""

import pytest

from robuust_docs.report.sections import _after_colon


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Een medewerker voor twee uur per week.", "een medewerker voor twee uur per week."),
        ("Budget voor materiaal.", "budget voor materiaal."),
        ("UWV en het Werkplein.", "UWV en het Werkplein."),
        ("BoekStart-coördinator.", "BoekStart-coördinator."),
        ("Oefenen.nl voor de programma's.", "Oefenen.nl voor de programma's."),
        ("Stichting Lezen & Schrijven voor trainingen.", "Stichting Lezen & Schrijven voor trainingen."),
        ("Taalhuis-vrijwilligers.", "Taalhuis-vrijwilligers."),
        ("Taalhuis en partners.", "Taalhuis en partners."),
        ("De GGD, huisartsen en het wijkteam.", "de GGD, huisartsen en het wijkteam."),  # an article is no name
        ("Het UWV, het Werkplein.", "het UWV, het Werkplein."),
        ("De gemeente met haar consulenten.", "de gemeente met haar consulenten."),
        ("", ""),
    ],
)
def test_a_text_after_a_colon_starts_in_lower_case_unless_it_opens_with_a_name(text, expected):
    assert _after_colon(text, {"Taalhuis"}) == expected


def test_a_programme_in_a_sentence_has_its_article_and_falls_back_to_its_name():
    from pathlib import Path

    from robuust_docs.content import load_content
    from robuust_docs.report.sections import programmes_in_text

    content = load_content(Path(__file__).resolve().parents[2] / "data" / "content")
    assert programmes_in_text(["taalhuis", "ido", "boekstart", "dbos"], content) == [
        "een Taalhuis of digiTaalhuis",
        "een Informatiepunt Digitale Overheid",
        "BoekStart",
        "de Bibliotheek op school",
    ]
    assert programmes_in_text(["onbekend"], content) == ["onbekend"]


def test_the_cbs_road_distance_is_said_to_go_to_any_organisations_library_and_so_can_be_shorter():
    from types import SimpleNamespace

    from robuust_docs.report.sections import _proximity_intro

    with_cbs = _proximity_intro(SimpleNamespace(cbs_mean_km=1.1, cbs_coverage=90.0))
    assert len(with_cbs) == 2
    cbs = with_cbs[1]
    assert "dichtstbijzijnde bibliotheek van welke organisatie ook" in cbs and "gemeentegrens" in cbs
    assert "korter dan de hemelsbrede afstand" in cbs and "meestal langer" not in cbs
    assert len(_proximity_intro(SimpleNamespace(cbs_mean_km=None, cbs_coverage=None))) == 1


def test_a_rule_that_holds_in_several_municipalities_says_what_it_means_once_in_its_chapter():
    from types import SimpleNamespace

    from robuust_docs.report.modules import _told

    def case(rule, name):
        return SimpleNamespace(
            rule=rule, text=f"{name} betaalt weinig.", consequence=f"Daarmee wordt de bibliotheek in {name} kwetsbaar."
        )

    found = [case("laag", "Kreekrade"), case("laag", "Kaaphaven"), case("tekort", "De bibliotheek")]
    assert _told(found) == [
        "Kreekrade betaalt weinig. Daarmee wordt de bibliotheek in Kreekrade kwetsbaar.",
        "Kaaphaven betaalt weinig.",  # the same rule: its figures, not what it means again
        "De bibliotheek betaalt weinig. Daarmee wordt de bibliotheek in De bibliotheek kwetsbaar.",
    ]


@pytest.mark.parametrize(
    ("programmes", "said"),
    [
        (["een Taalhuis of digiTaalhuis"], "nog geen Taalhuis of digiTaalhuis"),
        (["de cursus Digisterker", "de cursus DigiVitaler"], "nog niet de cursussen Digisterker en DigiVitaler"),
        (["een Taalhuis", "BoekStart"], "nog niet een Taalhuis en BoekStart"),
        (["de Bibliotheek op school"], "nog niet de Bibliotheek op school"),
        (["de cursus Digisterker", "BoekStart"], "nog niet de cursus Digisterker en BoekStart"),
    ],
)
def test_what_a_library_does_not_run_yet_reads_naturally(programmes, said):
    from robuust_docs.report.sections import _not_yet

    assert _not_yet(programmes) == said
