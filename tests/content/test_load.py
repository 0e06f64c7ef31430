"""`load_content`: the bundled content set, and every content problem reported at once with its file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from robuust_docs.content import Category, Content, load_content
from robuust_docs.errors import ContentError, RobuustError
from tests.conftest import BUNDLED_CONTENT, matching

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content(BUNDLED_CONTENT)


def edit_yaml(path: Path, change) -> None:
    """Load a YAML file, let `change` edit the data in place, and write it back."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    change(data)
    path.write_text(yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")


def indicator(data: dict, module_id: str, indicator_id: str) -> dict:
    module = next(m for m in data["modules"] if m["id"] == module_id)
    return next(i for i in module["indicatoren"] if i["id"] == indicator_id)


def category(data: dict, category_id: str) -> dict:
    return next(c for c in data["categorieen"] if c["id"] == category_id)


def problems_of(content_dir: Path):
    with pytest.raises(ContentError) as excinfo:
        load_content(content_dir)
    return excinfo.value.problems


def append_to(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# --- the bundled content --------------------------------------------------------------------------------------------


def test_bundled_content_loads_with_enough_of_everything(bundled):
    assert len(bundled.categories) >= 5
    assert len(bundled.modules) >= 5
    assert len(bundled.indicators) >= 20
    assert len(bundled.themes) >= 8
    assert len(bundled.practices) >= 30


def test_bundled_content_has_the_documented_fixed_ids(bundled):
    assert [c.id for c in bundled.categories] == ["compact", "kleinstedelijk", "regionaal", "centrumstad", "grote_stad"]
    assert [m.id for m in bundled.modules] == [
        "personeel",
        "financien",
        "activiteiten_diensten",
        "bereik_gebruik",
        "nabijheid_toegankelijkheid",
    ]
    assert {
        "geletterdheid",
        "digitale_inclusie",
        "jeugd_onderwijs",
        "participatie_ontmoeting",
        "kunst_cultuur",
        "armoede_geldzaken",
        "gezondheid",
        "werk_ontwikkeling",
    } <= {t.id for t in bundled.themes}
    assert {"taalhuis", "ido", "boekstart", "dbos", "digisterker", "klik_en_tik", "digivitaler"} <= {
        p.id for p in bundled.programmes
    }


@pytest.mark.parametrize(
    ("inhabitants", "expected"),
    [
        (0, "compact"),
        (29_999, "compact"),
        (30_000, "kleinstedelijk"),
        (149_999.5, "regionaal"),
        (300_000, "grote_stad"),
        (10_000_000, "grote_stad"),
    ],
    ids=["zero", "just-below-bound", "bound-is-inclusive", "fraction", "last-bound", "huge"],
)
def test_every_population_has_exactly_one_bundled_category(bundled, inhabitants, expected):
    assert [c.id for c in bundled.categories if c.matches(inhabitants)] == [expected]


def test_every_indicator_has_a_norm_and_a_sentence_for_every_category_and_status(bundled):
    categories = {c.id for c in bundled.categories}
    for ind in bundled.indicators:
        assert set(ind.normen) == categories, ind.id
        assert all(ind.zinnen.values()), ind.id


def test_every_category_has_its_story(bundled):
    assert all(len(c.verhaal.split()) >= 100 for c in bundled.categories)


def test_practice_for_all_categories_fits_any_category():
    from robuust_docs.content import Practice

    practice = Practice("p", "P", ("alle",), ("personeel",), (), None, "", "", (), ())
    assert practice.fits("compact") and practice.fits("grote_stad")
    assert not Practice("q", "Q", ("compact",), (), (), None, "", "", (), ()).fits("regionaal")


def test_category_bounds_are_inclusive_below_and_exclusive_above():
    band = Category("c", "C", "", 100.0, 200.0, "")
    assert (band.matches(99), band.matches(100), band.matches(199.9), band.matches(200)) == (False, True, True, False)
    assert Category("top", "T", "", 200.0, None, "").matches(10**9)


# --- the documented mistakes, all in one content set and one error ---------------------------------------------


def missing_norm(c: Path) -> None:
    edit_yaml(c / "modules.yaml", lambda d: indicator(d, "personeel", "fte_per_10000")["normen"].pop("regionaal"))


def unknown_variable(c: Path) -> None:
    edit_yaml(
        c / "modules.yaml",
        lambda d: indicator(d, "personeel", "vrijwilligers_per_fte").update(formule="vrijwilligers / fte_totaal"),
    )


def disallowed_syntax(c: Path) -> None:
    edit_yaml(
        c / "modules.yaml", lambda d: d["modules"][0]["indicatoren"][0].update(formule="__import__('os').getcwd()")
    )


def practice_with_unknown_module(c: Path) -> None:
    edit_yaml(c / "praktijken" / "makerspace.yaml", lambda d: d["modules"].append("robotica"))


def overlapping_categories(c: Path) -> None:
    edit_yaml(c / "categorieen.yaml", lambda d: category(d, "kleinstedelijk")["regel"].update(inwoners_van=25000))


def gap_between_categories(c: Path) -> None:
    edit_yaml(c / "categorieen.yaml", lambda d: category(d, "centrumstad")["regel"].update(inwoners_van=160000))


def story_with_unknown_field(c: Path) -> None:
    append_to(c / "verhalen" / "compact.md", "\n\nDe bibliotheek staat aan {{ bibliotheek.adres }}.\n")


def sentence_with_syntax_error(c: Path) -> None:
    edit_yaml(
        c / "modules.yaml",
        lambda d: indicator(d, "financien", "subsidie_per_inwoner")["zinnen"].update(
            robuust="{% if waarde %}De subsidie is {{ waarde }}."
        ),
    )


def theme_with_unknown_impact(c: Path) -> None:
    edit_yaml(c / "themas.yaml", lambda d: d["themas"][0]["impact"].append("verzonnen_feit"))


def yaml_syntax_error(c: Path) -> None:
    (c / "praktijken" / "bibliobus.yaml").write_text(
        "id: bibliobus\ntitel: Een bibliobus\nsamenvatting: Rijdt: overal\n", encoding="utf-8"
    )


def missing_file(c: Path) -> None:
    (c / "gesprek.yaml").unlink()


BROKEN = {
    "missing-norm": (missing_norm, {"file": "modules.yaml", "key": "personeel.fte_per_10000.normen"}),
    "unknown-variable": (
        unknown_variable,
        {"file": "modules.yaml", "key": "personeel.vrijwilligers_per_fte.formule", "value": "fte_totaal"},
    ),
    "disallowed-syntax": (disallowed_syntax, {"file": "modules.yaml", "key": "modules[0].indicatoren[0].formule"}),
    "practice-unknown-module": (
        practice_with_unknown_module,
        {"file": "praktijken/makerspace.yaml", "key": "modules", "value": "robotica"},
    ),
    "overlapping-categories": (
        overlapping_categories,
        {"file": "categorieen.yaml", "key": "compact.regel.inwoners_tot", "value": 30000},
    ),
    "gap-between-categories": (
        gap_between_categories,
        {"file": "categorieen.yaml", "key": "centrumstad.regel.inwoners_van", "value": 160000},
    ),
    "story-unknown-field": (story_with_unknown_field, {"file": "verhalen/compact.md", "key": "compact.verhaal"}),
    "sentence-syntax-error": (
        sentence_with_syntax_error,
        {"file": "modules.yaml", "key": "financien.subsidie_per_inwoner.zinnen.robuust"},
    ),
    "theme-unknown-impact": (
        theme_with_unknown_impact,
        {"file": "themas.yaml", "key": "geletterdheid.impact", "value": "verzonnen_feit"},
    ),
    "yaml-syntax-error": (yaml_syntax_error, {"file": "praktijken/bibliobus.yaml", "key": None}),
    "missing-file": (missing_file, {"file": "gesprek.yaml", "key": None}),
}


@pytest.fixture(scope="module")
def all_broken(tmp_path_factory) -> ContentError:
    """The error from one content set with every broken thing of BROKEN in it."""
    content_dir = Path(shutil.copytree(BUNDLED_CONTENT, tmp_path_factory.mktemp("all_broken") / "content"))
    for breaks, _ in BROKEN.values():
        breaks(content_dir)
    with pytest.raises(ContentError) as excinfo:
        load_content(content_dir)
    return excinfo.value


@pytest.mark.parametrize("expected", [expected for _, expected in BROKEN.values()], ids=list(BROKEN))
def test_all_broken_things_are_reported_together_in_one_error(all_broken, expected):
    assert matching(all_broken.problems, **expected)


def test_all_broken_things_are_reported_once_each(all_broken):
    # one problem per broken thing: nothing is lost, and nothing cascades into follow-up problems
    assert len(all_broken.problems) == len(BROKEN)
    assert all(p.row is None and p.library is None for p in all_broken.problems)


def test_content_error_is_a_robuust_error_listing_every_problem(all_broken):
    assert isinstance(all_broken, RobuustError)
    assert all_broken.exit_code == 1
    assert all(str(p) in all_broken.format_message() for p in all_broken.problems)


@pytest.mark.parametrize("name", ["categorieen.yaml", "modules.yaml", "themas.yaml", "programmas.yaml", "impact.yaml"])
def test_unreadable_file_is_one_problem_without_follow_up_problems(content_dir, name):
    (content_dir / name).write_text(f"{name.removesuffix('.yaml')}: [\n", encoding="utf-8")
    problems = problems_of(content_dir)
    assert [(p.file, p.key) for p in problems] == [(name, None)]


def test_unreadable_file_does_not_hide_unrelated_problems(content_dir):
    (content_dir / "categorieen.yaml").write_text("categorieen: [\n", encoding="utf-8")
    unknown_variable(content_dir)
    sentence_with_syntax_error(content_dir)
    problems = problems_of(content_dir)
    assert matching(problems, file="categorieen.yaml", key=None)
    assert matching(problems, **BROKEN["unknown-variable"][1])
    assert matching(problems, **BROKEN["sentence-syntax-error"][1])


def test_missing_norm_names_the_category(all_broken):
    (problem,) = matching(all_broken.problems, **BROKEN["missing-norm"][1])
    assert "'regionaal'" in problem.message


def test_yaml_syntax_error_gives_the_line(all_broken):
    (problem,) = matching(all_broken.problems, **BROKEN["yaml-syntax-error"][1])
    assert "regel 3" in problem.message


# --- more mistakes a content editor can make ------------------------------------------------------------------------


def norm_for_unknown_category(c):
    edit_yaml(
        c / "modules.yaml",
        lambda d: indicator(d, "personeel", "fte_per_10000")["normen"].update(dorp={"robuust": 1, "kwetsbaar": 0.5}),
    )


def norms_in_wrong_order(c):
    edit_yaml(
        c / "modules.yaml",
        lambda d: indicator(d, "personeel", "fte_per_10000")["normen"].update(
            compact={"robuust": 1.0, "kwetsbaar": 2.0}
        ),
    )


def band_that_is_not_a_pair(c):
    edit_yaml(
        c / "modules.yaml",
        lambda d: indicator(d, "personeel", "vrijwilligers_per_fte")["normen"].update(
            compact={"robuust": 5, "kwetsbaar": [0.5, 15]}
        ),
    )


def unknown_unit(c):
    edit_yaml(c / "modules.yaml", lambda d: d["modules"][0]["indicatoren"][0].update(eenheid="fte"))


def missing_status_sentence(c):
    edit_yaml(c / "modules.yaml", lambda d: d["modules"][0]["indicatoren"][0]["zinnen"].pop("geen_gegevens"))


def sentence_with_unknown_field(c):
    edit_yaml(
        c / "modules.yaml",
        lambda d: indicator(d, "personeel", "fte_per_10000")["zinnen"].update(
            kwetsbaar="{{ gemeente }} heeft {{ waarde }}."
        ),
    )


def duplicate_practice_id(c):
    shutil.copy(c / "praktijken" / "bibliobus.yaml", c / "praktijken" / "bibliobus_kopie.yaml")


def id_with_capitals(c):
    edit_yaml(c / "impact.yaml", lambda d: d["impact"][0].update(themas=[]))
    edit_yaml(
        c / "programmas.yaml",
        lambda d: d["programmas"].append(
            {"id": "Leesclub", "naam": "Leesclub", "omschrijving": "Lezen samen.", "themas": []}
        ),
    )


def unknown_wsob_function(c):
    edit_yaml(c / "themas.yaml", lambda d: d["themas"][0].update(wsob_functies=["b", "f"]))


def practice_for_unknown_category(c):
    edit_yaml(c / "praktijken" / "bibliobus.yaml", lambda d: d.update(categorieen=["compact", "dorp"]))


def impact_without_source(c):
    edit_yaml(c / "impact.yaml", lambda d: d["impact"][0].pop("bron"))


def last_category_with_upper_bound(c):
    edit_yaml(c / "categorieen.yaml", lambda d: category(d, "grote_stad")["regel"].update(inwoners_tot=10**7))


def first_category_not_at_zero(c):
    edit_yaml(c / "categorieen.yaml", lambda d: category(d, "compact")["regel"].update(inwoners_van=100))


def missing_story(c):
    (c / "verhalen" / "regionaal.md").unlink()


def rule_with_unknown_programme(c):
    edit_yaml(
        c / "bevindingen.yaml",
        lambda d: next(r for r in d["bevindingen"] if r["id"] == "op_school_zonder_programma").update(
            voorwaarde="aantal_op_school > 0 and programma.onbekend == 0"
        ),
    )


def no_practices(c):
    shutil.rmtree(c / "praktijken")


MORE = {
    "norm-for-unknown-category": (norm_for_unknown_category, {"file": "modules.yaml", "value": "dorp"}),
    "norms-in-wrong-order": (
        norms_in_wrong_order,
        {"file": "modules.yaml", "key": "modules[0].indicatoren[0].normen.compact"},
    ),
    "band-not-a-pair": (
        band_that_is_not_a_pair,
        {"file": "modules.yaml", "key": "modules[0].indicatoren[1].normen.compact", "value": 5},
    ),
    "unknown-unit": (
        unknown_unit,
        {"file": "modules.yaml", "key": "modules[0].indicatoren[0].eenheid", "value": "fte"},
    ),
    "missing-status-sentence": (
        missing_status_sentence,
        {"file": "modules.yaml", "key": "modules[0].indicatoren[0].zinnen.geen_gegevens"},
    ),
    "sentence-unknown-field": (
        sentence_with_unknown_field,
        {"file": "modules.yaml", "key": "personeel.fte_per_10000.zinnen.kwetsbaar"},
    ),
    "duplicate-practice-id": (duplicate_practice_id, {"file": "praktijken/", "value": "bibliobus"}),
    "id-with-capitals": (id_with_capitals, {"file": "programmas.yaml", "value": "Leesclub"}),
    "unknown-wsob-function": (
        unknown_wsob_function,
        {"file": "themas.yaml", "key": "geletterdheid.wsob_functies", "value": "f"},
    ),
    "practice-unknown-category": (
        practice_for_unknown_category,
        {"file": "praktijken/bibliobus.yaml", "key": "categorieen", "value": "dorp"},
    ),
    "impact-without-source": (impact_without_source, {"file": "impact.yaml", "key": "impact[0].bron"}),
    "last-category-bounded": (
        last_category_with_upper_bound,
        {"file": "categorieen.yaml", "key": "grote_stad.regel.inwoners_tot"},
    ),
    "first-category-above-zero": (
        first_category_not_at_zero,
        {"file": "categorieen.yaml", "key": "compact.regel.inwoners_van", "value": 100},
    ),
    "missing-story": (missing_story, {"file": "verhalen/regionaal.md"}),
    "rule-unknown-programme": (
        rule_with_unknown_programme,
        {"file": "bevindingen.yaml", "key": "op_school_zonder_programma.voorwaarde", "value": "programma.onbekend"},
    ),
}


@pytest.fixture(scope="module")
def more_broken(tmp_path_factory) -> tuple:
    """The problems of one content set with every mistake of MORE in it (each one is independent of the others)."""
    content_dir = Path(shutil.copytree(BUNDLED_CONTENT, tmp_path_factory.mktemp("more_broken") / "content"))
    for breaks, _ in MORE.values():
        breaks(content_dir)
    return problems_of(content_dir)


@pytest.mark.parametrize("expected", [expected for _, expected in MORE.values()], ids=list(MORE))
def test_more_mistakes_are_reported_with_file_and_key(more_broken, expected):
    assert matching(more_broken, **expected)


def test_content_without_practices(content_dir):
    no_practices(content_dir)
    assert matching(problems_of(content_dir), file="praktijken/")


def test_practice_problem_names_the_file_it_is_in(content_dir):
    folder = content_dir / "praktijken"
    (folder / "makerspace.yaml").rename(folder / "maakplaats.yaml")
    edit_yaml(folder / "maakplaats.yaml", lambda d: d["modules"].append("robotica"))
    problem = next(p for p in problems_of(content_dir) if p.value == "robotica")
    assert problem.file == "praktijken/maakplaats.yaml"


def test_unsafe_story_is_refused_when_loading(content_dir):
    append_to(content_dir / "verhalen" / "grote_stad.md", "\n\n{{ ''.__class__.__mro__ }}\n")
    append_to(content_dir / "verhalen" / "compact.md", "\n\n{{ cycler.__init__.__globals__ }}\n")
    problems = problems_of(content_dir)
    assert sorted((p.file, p.key) for p in problems) == [
        ("verhalen/compact.md", "compact.verhaal"),
        ("verhalen/grote_stad.md", "grote_stad.verhaal"),
    ]


def test_story_may_use_every_documented_field(content_dir):
    fields = (
        "bibliotheek.naam bibliotheek.provincie bibliotheek.poi bibliotheek.jaar werkgebied.inwoners "
        "werkgebied.gemeenten werkgebied.aantal_gemeenten werkgebied.aantal_vestigingen "
        "werkgebied.aantal_volwaardig categorie.naam indicator.leden_aandeel norm.leden_aandeel"
    ).split()
    append_to(
        content_dir / "verhalen" / "compact.md",
        "\n\n" + " ".join(f"{{{{ {f} }}}}" for f in fields) + "{% if werkgebied.inwoners %}ja{% endif %}\n",
    )
    assert load_content(content_dir).category("compact").verhaal.endswith("{% endif %}")


def test_content_digest_changes_with_any_file(content_dir):
    before = load_content(content_dir).digest
    append_to(content_dir / "verhalen" / "compact.md", "\n\nNog een alinea.\n")
    assert load_content(content_dir).digest != before


# --- limits on what the project team hands in -----------------------------------------------------------------------


def test_a_text_longer_than_the_limit_is_a_problem_with_file_and_key(content_dir):
    practice = sorted((content_dir / "praktijken").glob("*.yaml"))[0]
    edit_yaml(practice, lambda d: d.update(beschrijving="Lezen. " * 3000))
    ident = yaml.load(practice.read_text(encoding="utf-8"), Loader=LOADER)["id"]
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.key) == (f"praktijken/{practice.name}", f"{ident}.beschrijving")
    assert "te lang (20.999 tekens; hoogstens 20.000)" in problem.message


def test_a_long_item_in_a_list_names_its_place(content_dir):
    def add(data):
        data["algemene_vragen"].append("Waarom? " * 3000)
        data["agenda"][1]["toelichting"] = "Toelichting. " * 2000

    edit_yaml(content_dir / "gesprek.yaml", add)
    problems = problems_of(content_dir)
    count = len(yaml.load((content_dir / "gesprek.yaml").read_text(encoding="utf-8"), Loader=LOADER)["algemene_vragen"])
    assert sorted((p.file, p.key) for p in problems) == [
        ("gesprek.yaml", "agenda[1].toelichting"),
        ("gesprek.yaml", f"algemene_vragen[{count - 1}]"),
    ]


def test_a_long_status_sentence_is_one_problem(content_dir):
    edit_yaml(
        content_dir / "modules.yaml",
        lambda d: d["modules"][0]["indicatoren"][0]["zinnen"].update(robuust="Goed. " * 4000),
    )
    (problem,) = problems_of(content_dir)
    assert problem.file == "modules.yaml" and problem.key.endswith(".zinnen.robuust")
    assert "te lang" in problem.message


def test_a_story_longer_than_the_limit_is_a_problem(content_dir):
    (content_dir / "verhalen" / "compact.md").write_text("Een lang verhaal. " * 1200, encoding="utf-8")
    problem = only_one(problems_of(content_dir), file="verhalen/compact.md")
    assert "te lang" in problem.message


def test_a_markdown_file_above_the_size_limit_is_refused_unread(content_dir):
    (content_dir / "verhalen" / "compact.md").write_bytes(b"Regel. " * 2_000_000)  # 14 MB
    problem = only_one(problems_of(content_dir), file="verhalen/compact.md")
    assert "het bestand is te groot (14 MB; hoogstens 100 kB)" in problem.message


@pytest.mark.parametrize("file", ["gesprek.yaml", "themas.yaml", "modules.yaml"])
def test_a_yaml_alias_bomb_is_one_problem_of_its_file(content_dir, file):
    bomb = "\n".join(
        ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
        + ["algemene_vragen: *i"]
    )
    (content_dir / file).write_text(bomb, encoding="utf-8")
    problem = only_one(problems_of(content_dir), file=file)
    assert problem.key is None and "verwijzingen" in problem.message


def only_one(problems, **attributes):
    found = matching(problems, **attributes)
    assert len(found) == 1, problems
    return found[0]
