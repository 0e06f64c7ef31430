"""Filling content texts in a sandboxed Jinja: fields, conditions, and a clear TextError for anything else."""

from __future__ import annotations

import copy

import pytest

from robuust_docs.content import TextError, fill
from robuust_docs.content.contexts import sample_sentence_context, sample_story_context

CONTEXT = {
    "bibliotheek": {"naam": "Bibliotheek Aadorp", "jaar": "2025"},
    "werkgebied": {"inwoners": "20.000", "aantal_gemeenten": "2"},
    "indicator": {"leden_aandeel": "15,0%"},
    "waarde": "€ 21,40",
}

# --- what a text may do ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ bibliotheek.naam }} telt {{ werkgebied.inwoners }} inwoners.", "Bibliotheek Aadorp telt 20.000 inwoners."),
        ("Subsidie: {{ waarde }}", "Subsidie: € 21,40"),
        ("{{ indicator.leden_aandeel }}", "15,0%"),
        ("{{ bibliotheek['naam'] }}", "Bibliotheek Aadorp"),
        ("{% if werkgebied.aantal_gemeenten != '1' %}gemeenten{% else %}gemeente{% endif %}", "gemeenten"),
        ("Zonder velden.", "Zonder velden."),
        ("Regel een\n\nRegel twee\n", "Regel een\n\nRegel twee"),
        ("A & B < C", "A & B < C"),
    ],
    ids=[
        "fields",
        "formatted-value",
        "indicator-field",
        "item-syntax",
        "condition",
        "plain-text",
        "paragraphs-without-trailing-newline",
        "not-html-escaped",
    ],
)
def test_text_is_filled(text, expected):
    assert fill(text, CONTEXT) == expected


def test_documented_sentence_fields_are_all_there():
    text = "{{ waarde }} {{ norm }} {{ grens }} {{ mediaan }} {{ naam }} {{ categorie }} {{ bibliotheek }}"
    assert fill(text, sample_sentence_context())


def test_documented_story_fields_are_all_there():
    text = (
        "{{ bibliotheek.naam }} {{ bibliotheek.provincie }} {{ bibliotheek.poi }} {{ bibliotheek.jaar }} "
        "{{ werkgebied.inwoners }} {{ werkgebied.gemeenten }} {{ werkgebied.aantal_gemeenten }} "
        "{{ werkgebied.aantal_vestigingen }} {{ werkgebied.aantal_volwaardig }} {{ categorie.naam }} "
        "{{ indicator.leden_aandeel }} {{ norm.leden_aandeel }}"
    )
    assert fill(text, sample_story_context(["leden_aandeel"]))


# --- mistakes -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "{{ gemeente }}",
        "{{ bibliotheek.adres }}",
        "{{ indicator.bestaat_niet }}",
        "{{ bibliotheek.naam.foo.bar }}",
        "{% if onbekend %}x{% endif %}",
    ],
    ids=["unknown-field", "unknown-key", "unknown-indicator", "attribute-of-text", "unknown-in-condition"],
)
def test_unknown_field_is_a_text_error(text):
    with pytest.raises(TextError):
        fill(text, CONTEXT)


def test_unknown_field_error_names_the_field():
    with pytest.raises(TextError, match="adres"):
        fill("{{ bibliotheek.adres }}", CONTEXT)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("{{ waarde }", 1),
        ("{% if waarde %}open", 1),
        ("Een\nTwee\n{{ waarde | }}", 3),
        ("{% endif %}", 1),
        ("{{ }}", 1),
    ],
    ids=["unclosed-field", "unclosed-if", "error-on-line-three", "stray-endif", "empty-field"],
)
def test_syntax_error_is_a_text_error_with_the_line(text, line):
    with pytest.raises(TextError, match=f"regel {line}"):
        fill(text, CONTEXT)


@pytest.mark.parametrize(
    "text",
    ["{{ 1 / 0 }}", "{{ waarde + 1 }}", "{{ range(10**9) | list }}"],
    ids=["divide-by-zero", "text-plus-number", "huge-range"],
)
def test_failing_expression_is_a_text_error(text):
    with pytest.raises(TextError):
        fill(text, CONTEXT)


def test_text_error_is_a_value_error():
    assert issubclass(TextError, ValueError)


# --- the sandbox ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ joiner.__init__.__globals__ }}",
        "{{ namespace.__init__ }}",
        "{{ waarde.__class__ }}",
        "{{ waarde | attr('__class__') }}",
        "{{ '{0.__class__}'.format(waarde) }}",
        "{{ bibliotheek.__len__() }}",
        "{{ ().__class__.__base__.__subclasses__() }}",
        "{{ self.__init__.__globals__ }}",
    ],
    ids=[
        "mro",
        "cycler-globals",
        "lipsum-globals",
        "joiner-globals",
        "namespace-init",
        "class-of-field",
        "attr-filter",
        "format-string",
        "dunder-method",
        "subclasses",
        "self-globals",
    ],
)
def test_reaching_python_internals_is_a_text_error_and_nothing_is_rendered(text):
    with pytest.raises(TextError):
        fill(f"Inleiding die niet verschijnt. {text} Slot.", CONTEXT)


@pytest.mark.parametrize(
    "text",
    [
        "{{ bibliotheek.update({'naam': 'Gehackt'}) }}",
        "{% set x = bibliotheek.pop('naam') %}",
        "{{ bibliotheek.clear() }}",
        "{{ bibliotheek.setdefault('adres', 'x') }}",
    ],
    ids=["update", "pop", "clear", "setdefault"],
)
def test_text_cannot_change_the_figures(text):
    context = copy.deepcopy(CONTEXT)
    with pytest.raises(TextError):
        fill(text, context)
    assert context == CONTEXT
