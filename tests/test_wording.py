"""Dutch wording: lists without semicolons, agreement by count and by subject, numbers in words, capitals."""

from __future__ import annotations

import datetime
import re

import pytest

from robuust_docs import fmt, wording
from robuust_docs.wording import (
    FILTERS,
    FilterError,
    agree,
    capitalise,
    count,
    in_words,
    join,
    join_or,
    named,
    of_total,
    ordinal,
    verb,
)

# --- lists ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["Veenhoven"], "Veenhoven"),
        (["Aa en Veen"], "Aa en Veen"),
        (["Noardburren", "Feankamp"], "Noardburren en Feankamp"),
        (["Heidelân", "Wâldsicht", "Feankamp", "Sânwâld"], "Heidelân, Wâldsicht, Feankamp en Sânwâld"),
        (["Veenhoven", "Aa en Veen", "Drieburg en Oostmoer"], "Veenhoven, Aa en Veen, en Drieburg en Oostmoer"),
        (["Aa en Veen", "Drieburg en Oostmoer"], "Aa en Veen, en Drieburg en Oostmoer"),
        (["Aa en Veen", "Veenhoven", "Feankamp"], "Aa en Veen, Veenhoven, en Feankamp"),
        (["Stichting Lezen & Schrijven", "KB"], "Stichting Lezen & Schrijven en KB"),  # an ampersand is no conjunction
        (["A", "", "B"], "A en B"),
    ],
    ids=[
        "none",
        "one",
        "one-with-en",
        "two",
        "four",
        "names-with-en",
        "two-names-with-en",
        "first-name-with-en",
        "ampersand",
        "empty-item-dropped",
    ],
)
def test_lists_read_as_dutch_and_stay_unambiguous_without_semicolons(items, expected):
    assert join(items) == expected
    assert ";" not in join(items)


def test_an_or_list_uses_of():
    assert join_or(["Taalhuis", "IDO"]) == "Taalhuis of IDO"
    assert join_or(["A", "B", "C"]) == "A, B of C"
    assert join_or(["Aa en Veen", "Feankamp"]) == "Aa en Veen of Feankamp"  # 'en' in an 'of' list misleads no one
    assert join_or(["Aa of Veen", "Feankamp"]) == "Aa of Veen, of Feankamp"


def test_only_the_lists_own_conjunction_in_an_item_calls_for_a_comma_before_en():
    items = ["een Informatiepunt Digitale Overheid", "de cursus DigiVitaler", "een Taalhuis of digiTaalhuis"]
    assert join(items) == "een Informatiepunt Digitale Overheid, de cursus DigiVitaler en een Taalhuis of digiTaalhuis"
    assert (
        join(["ontwikkeling en educatie", "lezen en literatuur"]) == "ontwikkeling en educatie, en lezen en literatuur"
    )


def test_items_that_all_end_in_a_parenthesis_need_no_comma_before_en():
    themes = ["Digitale inclusie en dienstverlening (Kreekhoek)", "Gezondheid (Kreekhoek)"]
    assert join(themes) == "Digitale inclusie en dienstverlening (Kreekhoek) en Gezondheid (Kreekhoek)"
    # one item without its parenthesis: the reader no longer sees where each ends
    assert join(["Kunst en cultuur (Hoek)", "Gezondheid"]) == "Kunst en cultuur (Hoek), en Gezondheid"


def test_fmt_join_follows_the_same_rule_for_its_existing_callers():
    names = ["Veenhoven", "Aa en Veen", "Drieburg en Oostmoer"]
    assert fmt.join(names) == join(names)
    assert fmt.join(["a", "b"], "of") == "a of b"
    with pytest.raises(ValueError):
        fmt.join(["a", "b"], "maar")


def test_a_joined_string_is_refused_where_names_are_expected():
    with pytest.raises(TypeError):
        join("Aa en Veen")
    with pytest.raises(TypeError):
        agree("Aa en Veen", "zet", "zetten")


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Personeel"], "de bouwsteen Personeel"),
        (["Personeel", "Financiën"], "de bouwstenen Personeel en Financiën"),
        (["Aa en Veen"], "de bouwsteen Aa en Veen"),
    ],
)
def test_named_puts_the_noun_in_the_number_of_the_names(names, expected):
    assert named(names, "de bouwsteen", "de bouwstenen") == expected


def test_named_needs_a_name():
    with pytest.raises(ValueError):
        named([], "de gemeente", "de gemeenten")


# --- numbers -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "nul"), (1, "één"), (3, "drie"), (12, "twaalf"), (20, "twintig"), (21, "21"), (1234, "1.234"), (5.0, "vijf")],
)
def test_numbers_up_to_twenty_are_words_and_larger_ones_digits(n, expected):
    assert in_words(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "eerste"), (2, "tweede"), (3, "derde"), (8, "achtste"), (20, "twintigste"), (21, "21e")]
)
def test_ordinals(n, expected):
    assert ordinal(n) == expected


@pytest.mark.parametrize("bad", [2.5, "3", None, True])
def test_a_number_in_words_must_be_whole(bad):
    with pytest.raises(ValueError):
        in_words(bad)


@pytest.mark.parametrize(
    ("n", "kwargs", "expected"),
    [
        (3, {}, "3 bouwstenen"),
        (1, {}, "1 bouwsteen"),
        (0, {}, "0 bouwstenen"),
        (1200, {}, "1.200 bouwstenen"),
        (3, {"words": True}, "drie bouwstenen"),
        (1, {"words": True}, "één bouwsteen"),
        (0, {"words": True}, "geen enkele bouwsteen"),
        (25, {"words": True}, "25 bouwstenen"),
        (3, {"verb": ("is", "zijn")}, "3 bouwstenen zijn"),
        (1, {"verb": ("is", "zijn")}, "1 bouwsteen is"),
        (0, {"verb": ("is", "zijn")}, "0 bouwstenen zijn"),
        (0, {"words": True, "verb": ("is", "zijn")}, "geen enkele bouwsteen is"),
    ],
)
def test_count_agrees_with_its_noun_and_verb(n, kwargs, expected):
    assert count(n, "bouwsteen", "bouwstenen", **kwargs) == expected


def test_count_of_a_het_word():
    assert count(0, "aandachtspunt", "aandachtspunten", words=True, neuter=True) == "geen enkel aandachtspunt"
    assert count(2, "aandachtspunt", "aandachtspunten", words=True, neuter=True) == "twee aandachtspunten"


@pytest.mark.parametrize(
    ("part", "total", "expected"),
    [
        (3, 5, "drie van de vijf bouwstenen zijn"),
        (1, 5, "één van de vijf bouwstenen is"),
        (0, 5, "geen van de vijf bouwstenen is"),
        (5, 5, "alle vijf bouwstenen zijn"),
        (2, 2, "beide bouwstenen zijn"),
        (1, 1, "de enige bouwsteen is"),
        (0, 1, "geen enkele bouwsteen is"),
        (3, 25, "3 van de 25 bouwstenen zijn"),
        (25, 25, "alle 25 bouwstenen zijn"),
    ],
)
def test_part_of_a_total_in_running_text(part, total, expected):
    assert of_total(part, total, "bouwsteen", "bouwstenen", verb=("is", "zijn")) == expected


def test_part_of_a_total_of_a_het_word():
    assert of_total(1, 1, "aandachtspunt", "aandachtspunten", neuter=True) == "het enige aandachtspunt"
    assert of_total(0, 1, "aandachtspunt", "aandachtspunten", neuter=True) == "geen enkel aandachtspunt"


@pytest.mark.parametrize(("part", "total"), [(6, 5), (-1, 5)])
def test_a_part_cannot_exceed_its_total(part, total):
    with pytest.raises(ValueError):
        of_total(part, total, "bouwsteen", "bouwstenen")


# --- agreement -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        (["Noardburren", "Feankamp"], "Noardburren en Feankamp zetten in op"),
        (["Aa en Veen"], "Aa en Veen zet in op"),
        (["Drieburg en Oostmoer", "Aa en Veen"], "Drieburg en Oostmoer, en Aa en Veen zetten in op"),
        (["Heidelân", "Wâldsicht", "Feankamp"], "Heidelân, Wâldsicht en Feankamp zetten in op"),
    ],
    ids=["two", "one-with-en", "two-with-en", "three"],
)
def test_verb_agrees_with_a_list_of_names(subject, expected):
    assert verb(subject, "zet in op", "zetten in op") == expected


@pytest.mark.parametrize(
    ("subject", "expected"),
    [(["Aa en Veen"], "heeft"), (["A", "B"], "hebben"), (1, "heeft"), (0, "hebben"), (3, "hebben")],
)
def test_agree_picks_the_form_for_names_or_a_count(subject, expected):
    assert agree(subject, "heeft", "hebben") == expected


@pytest.mark.parametrize("subject", [[], [""], True])
def test_a_subject_needs_a_name_or_a_count(subject):
    with pytest.raises((ValueError, TypeError)):
        agree(subject, "is", "zijn")
    with pytest.raises((ValueError, TypeError)):
        verb(subject, "is", "zijn")


# --- sentences -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de Bibliotheek op school doet mee", "De Bibliotheek op school doet mee"),
        ("‘participatie, ontmoeting en sociale samenhang’", "‘Participatie, ontmoeting en sociale samenhang’"),
        ("ijsselstein", "IJsselstein"),
        ("'s avonds open", "'s Avonds open"),
        ("’t Harde", "’t Harde"),
        ("één gemeente", "Eén gemeente"),
        ("3 bouwstenen", "3 bouwstenen"),
        ("(groot)ouders", "(Groot)ouders"),
        ("Al een hoofdletter", "Al een hoofdletter"),
        ("", ""),
    ],
)
def test_capitalise_the_first_letter_of_a_sentence(text, expected):
    assert capitalise(text) == expected


def test_date_comes_from_babel_through_fmt():
    assert wording.date(datetime.date(2026, 11, 25)) == "25 november 2026" == fmt.date(datetime.date(2026, 11, 25))


# --- the filters for content texts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "args", "kwargs", "expected"),
    [
        ("lijst", ["Aa en Veen", "Veenhoven"], (), {}, "Aa en Veen, en Veenhoven"),
        ("of_lijst", ("A", "B"), (), {}, "A of B"),
        ("aantal", "3", ("gemeente", "gemeenten"), {}, "drie gemeenten"),
        ("aantal", "1.234", ("inwoner", "inwoners"), {}, "1.234 inwoners"),
        ("aantal", 0, ("vestiging", "vestigingen"), {}, "geen enkele vestiging"),
        ("aantal", "0", ("punt", "punten"), {"het": True}, "geen enkel punt"),
        ("aantal", "3", ("gemeente", "gemeenten"), {"cijfers": True}, "3 gemeenten"),
        ("in_woorden", "7", (), {}, "zeven"),
        ("rangtelwoord", 3, (), {}, "derde"),
        ("van_de", "2", ("5", "bouwsteen", "bouwstenen"), {}, "twee van de vijf bouwstenen"),
        ("werkwoord", ["Aa en Veen"], ("zet", "zetten"), {}, "zet"),
        ("werkwoord", "2", ("heeft", "hebben"), {}, "hebben"),
        ("met_namen", ["A", "B"], ("de gemeente", "de gemeenten"), {}, "de gemeenten A en B"),
        ("hoofdletter", "de gemeente", (), {}, "De gemeente"),
    ],
)
def test_filters_wrap_the_functions(name, value, args, kwargs, expected):
    assert FILTERS[name](value, *args, **kwargs) == expected


@pytest.mark.parametrize(
    ("name", "value", "args", "message"),
    [
        ("lijst", "Aa en Veen", (), "verwacht een lijst met namen, gevonden de tekst 'Aa en Veen'"),
        ("lijst", [1, 2], (), "een lijst met iets anders dan namen"),
        ("aantal", "2,5", ("x", "y"), "verwacht een aantal"),
        ("aantal", "3", ("gemeente",), "schrijf {{ aantal | aantal('gemeente', 'gemeenten') }}"),
        ("aantal", "3", (1, 2), "tussen aanhalingstekens"),
        ("van_de", "6", ("5", "x", "y"), "6 is meer dan het totaal 5"),
        ("werkwoord", "Aa en Veen", ("zet", "zetten"), "verwacht een aantal"),
        ("werkwoord", [], ("zet", "zetten"), "leeg"),
        ("met_namen", [], ("a", "b"), "leeg"),
        ("hoofdletter", 3, (), "verwacht een tekst"),
        ("in_woorden", True, (), "verwacht een aantal"),
    ],
)
def test_filters_explain_a_mistake_in_dutch(name, value, args, message):
    with pytest.raises(FilterError, match=re.escape(message)):
        FILTERS[name](value, *args)


def test_filter_errors_are_value_errors_so_fill_reports_them():
    assert issubclass(FilterError, ValueError)


def test_unknown_keyword_of_a_filter_is_refused():
    with pytest.raises(FilterError):
        FILTERS["aantal"]("3", "a", "b", woorden=True)


def test_a_fact_of_a_finding_counts_as_a_whole_number_when_it_has_no_fraction():
    # the facts of bevindingen.yaml are floats (2.0); a count filter takes them, a fraction it refuses
    assert wording.FILTERS["in_woorden"](2.0) == "twee"
    with pytest.raises(wording.FilterError):
        wording.FILTERS["in_woorden"](2.5)


def test_a_comma_inside_parentheses_does_not_call_for_a_serial_comma():
    assert wording.join(["Bibliotheek A (vestiging, 30,0 uur)", "Servicepunt B (servicepunt, 4,0 uur)"]) == (
        "Bibliotheek A (vestiging, 30,0 uur) en Servicepunt B (servicepunt, 4,0 uur)"
    )
    assert wording.join(["Veenhoven (2 km)", "Aa en Veen (3 km)"]) == "Veenhoven (2 km) en Aa en Veen (3 km)"
    assert wording.join(["Veenhoven", "Aa en Veen (3 km)"]) == "Veenhoven, en Aa en Veen (3 km)"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Leden als aandeel van de inwoners", "leden als aandeel van de inwoners"),
        ("CBS-afstand tot een bibliotheek", "CBS-afstand tot een bibliotheek"),
        ("E-boeken per lid", "E-boeken per lid"),
        ("", ""),
    ],
)
def test_a_name_inside_a_sentence_starts_small_unless_it_opens_with_an_abbreviation(name, expected):
    assert wording.in_sentence(name) == expected
