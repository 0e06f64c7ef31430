"""`resolve_references`: programme and theme names as people type them, matched to the content's ids."""

from __future__ import annotations

import dataclasses

import pytest

from robuust_docs.content import Theme, load_content
from robuust_docs.inputs import load_dataset
from robuust_docs.inputs.references import resolve_references
from tests.conftest import BUNDLED_CONTENT, TABLES, matching, set_cell, write_workbook


@pytest.fixture(scope="module")
def content():
    return load_content(BUNDLED_CONTENT)


def resolved(project, content):
    return resolve_references(load_dataset(project), content)


def programmes_of(project, content, text: str):
    set_cell(project / "bibliotheken.csv", "bib-cstad", "programmas", text)
    dataset = resolved(project, content)
    return dataset.libraries.iloc[1]["programmas"], dataset.problems


def themes_of(project, content, text: str):
    set_cell(project / "gemeenten.csv", "GM0003", "beleidsthemas", text)
    dataset = resolved(project, content)
    return dataset.municipalities.iloc[2]["beleidsthemas"], dataset.problems


def test_fixture_project_resolves_without_problems(project, content):
    dataset = resolved(project, content)
    assert dataset.problems == ()
    assert list(dataset.libraries["programmas"]) == [("taalhuis", "ido"), ("boekstart",)]
    assert list(dataset.municipalities["beleidsthemas"]) == [
        ("geletterdheid", "kunst_cultuur"),
        ("gezondheid",),
        ("digitale_inclusie",),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("taalhuis", ("taalhuis",)),
        ("IDO", ("ido",)),
        ("Informatiepunt Digitale Overheid", ("ido",)),
        ("informatiepunt digitale overheid", ("ido",)),
        ("Taalhuis / digiTaalhuis", ("taalhuis",)),
        ("digiTaalhuis", ("taalhuis",)),
        ("DIGITAALHUIS", ("taalhuis",)),
        ("Klik & Tik", ("klik_en_tik",)),
        ("  BoekStart  ", ("boekstart",)),
        ("de Bibliotheek op school, dbos", ("dbos",)),
        ("taalhuis, Taalhuis, TAALHUIS", ("taalhuis",)),
        ("ido; taalhuis", ("ido", "taalhuis")),
        ("", ()),
    ],
    ids=[
        "id",
        "id-upper-case",
        "name",
        "name-lower-case",
        "full-name-with-slash",
        "name-part",
        "name-part-upper",
        "name-with-ampersand",
        "surrounding-spaces",
        "name-and-id-of-one-programme",
        "same-one-thrice",
        "order-kept",
        "none",
    ],
)
def test_programme_matches_id_name_or_name_part(project, content, text, expected):
    ids, problems = programmes_of(project, content, text)
    assert ids == expected
    assert problems == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gezondheid", ("gezondheid",)),
        ("Gezondheid", ("gezondheid",)),
        ("Kunst en cultuur", ("kunst_cultuur",)),
        ("ARMOEDE EN GELDZAKEN", ("armoede_geldzaken",)),
        ("Werk en een leven lang ontwikkelen", ("werk_ontwikkeling",)),
    ],
    ids=["id", "id-capitalised", "name", "name-upper-case", "long-name"],
)
def test_theme_matches_id_or_name(project, content, text, expected):
    ids, _ = themes_of(project, content, text)
    assert ids == expected


def test_documented_example_digitale_inclusie_matches(project, content):
    ids, problems = themes_of(project, content, "Digitale inclusie")
    assert (ids, problems) == (("digitale_inclusie",), ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Kunst", ("kunst_cultuur",)), ("armoede en", ("armoede_geldzaken",))],
    ids=["first-word", "first-words"],
)
def test_start_of_exactly_one_name_matches(project, content, text, expected):
    assert themes_of(project, content, text) == (expected, ())


def test_start_must_be_whole_words(project, content):
    ids, problems = themes_of(project, content, "Digi")
    assert ids == ()
    assert [p.value for p in problems] == ["Digi"]


def test_start_of_two_names_is_unknown(project, content):
    extra = Theme("digitale_zorg", "Digitale zorg", ("a",), (), "", "", (), ())
    two_digitals = dataclasses.replace(content, themes=(*content.themes, extra))
    set_cell(project / "gemeenten.csv", "GM0003", "beleidsthemas", "Digitale")
    dataset = resolve_references(load_dataset(project), two_digitals)
    assert dataset.municipalities.iloc[2]["beleidsthemas"] == ()
    assert [p.value for p in dataset.problems] == ["Digitale"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jeugd, onderwijs en taalontwikkeling", ("jeugd_onderwijs",)),
        ("Participatie, ontmoeting en sociale samenhang", ("participatie_ontmoeting",)),
        (
            "gezondheid, JEUGD, ONDERWIJS EN TAALONTWIKKELING, kunst_cultuur",
            ("gezondheid", "jeugd_onderwijs", "kunst_cultuur"),
        ),
    ],
    ids=["jeugd", "participatie", "between-others-any-case"],
)
def test_theme_name_with_a_comma_matches(project, content, text, expected):
    assert themes_of(project, content, text) == (expected, ())


# --- unknown values -------------------------------------------------------------------------------------------------


def test_unknown_programme_is_a_problem_of_the_library_with_a_suggestion(project, content):
    ids, problems = programmes_of(project, content, "taalhuis, Boekstrat")
    problem = problems[0]
    assert (problem.file, problem.row, problem.column, problem.value, problem.library) == (
        "bibliotheken.csv",
        3,
        "programmas",
        "Boekstrat",
        "bib-cstad",
    )
    assert "'boekstart'" in problem.message
    assert ids == ("taalhuis",)


def test_unknown_theme_is_a_problem_of_the_municipalitys_library_with_a_suggestion(project, content):
    _, problems = themes_of(project, content, "gezondheit")
    problem = problems[0]
    assert (problem.file, problem.row, problem.column, problem.value, problem.library) == (
        "gemeenten.csv",
        4,
        "beleidsthemas",
        "gezondheit",
        "bib-cstad",
    )
    assert "'gezondheid'" in problem.message


def test_unknown_value_far_from_anything_has_no_suggestion(project, content):
    _, problems = programmes_of(project, content, "xyzzy")
    assert "?" not in problems[0].message


def test_every_unknown_value_is_its_own_problem(project, content):
    _, problems = programmes_of(project, content, "Boekstrat, IDDO, taalhuis, qwerty")
    assert [p.value for p in problems] == ["Boekstrat", "IDDO", "qwerty"]


def test_reference_problems_join_the_dataset_problems(project, content):
    set_cell(project / "vestigingen.csv", "bib-aadorp-01", "openingsuren", "veel")
    set_cell(project / "bibliotheken.csv", "bib-aadorp", "programmas", "Boekstrat")
    dataset = resolved(project, content)
    assert sorted(p.column for p in dataset.problems_of("bib-aadorp")) == ["openingsuren", "programmas"]
    assert dataset.global_problems == ()


def test_workbook_problem_names_the_workbook_and_row(tmp_path, content):
    libraries = [dict(row) for row in TABLES["bibliotheken"]]
    libraries[0]["programmas"] = "Boekstrat"
    write_workbook(tmp_path / "invoer.xlsx", {**TABLES, "bibliotheken": libraries})
    problem = resolve_references(load_dataset(tmp_path), content).problems[0]
    assert (problem.file, problem.row, problem.library) == ("invoer.xlsx", 2, "bib-aadorp")
    assert matching([problem], column="programmas", value="Boekstrat")


def test_workbook_problem_names_the_sheet(tmp_path, content):
    libraries = [dict(row) for row in TABLES["bibliotheken"]]
    libraries[0]["programmas"] = "Boekstrat"
    write_workbook(tmp_path / "invoer.xlsx", {**TABLES, "bibliotheken": libraries})
    assert resolve_references(load_dataset(tmp_path), content).problems[0].sheet == "bibliotheken"
