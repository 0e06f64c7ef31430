"""Filling content texts in a sandboxed Jinja: fields, conditions, and a clear TextError for anything else."""

from __future__ import annotations

import copy
import importlib
import re
import time

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


# --- the wording filters (robuust_docs.wording.FILTERS, docs/inhoud.md "Filters in teksten") ------------------------

FILTER_CONTEXT = {
    "gemeenten": ["Aa en Veen", "Drieburg en Oostmoer", "Veenhoven"],
    "een_gemeente": ["Aa en Veen"],
    "twee": ["Noardburren", "Feankamp"],
    "werkgebied": {"aantal_gemeenten": "3", "aantal_volwaardig": "0", "inwoners": "24.310"},
    "naam": "de Bibliotheek op school",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ gemeenten | lijst }}", "Aa en Veen, Drieburg en Oostmoer, en Veenhoven"),
        ("{{ twee | of_lijst }}", "Noardburren of Feankamp"),
        ("{{ twee | lijst }} {{ twee | werkwoord('zet', 'zetten') }} in op", "Noardburren en Feankamp zetten in op"),
        ("{{ een_gemeente | lijst }} {{ een_gemeente | werkwoord('zet', 'zetten') }} in op", "Aa en Veen zet in op"),
        ("{{ werkgebied.aantal_gemeenten | aantal('gemeente', 'gemeenten') }}", "drie gemeenten"),
        ("{{ werkgebied.aantal_gemeenten | aantal('gemeente', 'gemeenten', cijfers=true) }}", "3 gemeenten"),
        ("{{ werkgebied.aantal_volwaardig | aantal('vestiging', 'vestigingen') }}", "geen enkele vestiging"),
        (
            "{{ werkgebied.aantal_volwaardig | aantal('servicepunt', 'servicepunten', het=true) }}",
            "geen enkel servicepunt",
        ),
        ("{{ werkgebied.inwoners | aantal('inwoner', 'inwoners') }}", "24.310 inwoners"),
        ("{{ werkgebied.aantal_gemeenten | in_woorden }}", "drie"),
        ("de {{ werkgebied.aantal_gemeenten | rangtelwoord }}", "de derde"),
        ("{{ 2 | van_de(werkgebied.aantal_gemeenten, 'gemeente', 'gemeenten') }}", "twee van de drie gemeenten"),
        ("{{ werkgebied.aantal_gemeenten | werkwoord('heeft', 'hebben') }}", "hebben"),
        ("{{ een_gemeente | met_namen('de gemeente', 'de gemeenten') }}", "de gemeente Aa en Veen"),
        ("{{ naam | hoofdletter }} doet mee.", "De Bibliotheek op school doet mee."),
        ("{{ werkgebied.aantal_gemeenten | aantal('gemeente', 'gemeenten') | hoofdletter }}", "Drie gemeenten"),
    ],
    ids=[
        "list",
        "or-list",
        "verb-plural",
        "verb-one-name-with-en",
        "count-in-words",
        "count-in-digits",
        "count-zero",
        "count-zero-het-word",
        "count-large",
        "in-words",
        "ordinal",
        "part-of-total",
        "verb-by-count",
        "named",
        "capital",
        "chained",
    ],
)
def test_wording_filters_in_a_text(text, expected):
    assert fill(text, FILTER_CONTEXT) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ naam | lijst }}", "filter lijst: verwacht een lijst met namen"),
        ("{{ werkgebied | lijst }}", "filter lijst: verwacht een lijst met namen"),
        ("{{ werkgebied.aantal_gemeenten | aantal('gemeente') }}", "filter aantal verkeerd gebruikt"),
        ("{{ naam | aantal('gemeente', 'gemeenten') }}", "filter aantal: verwacht een aantal"),
        ("{{ 4 | van_de(werkgebied.aantal_gemeenten, 'gemeente', 'gemeenten') }}", "meer dan het totaal"),
        ("{{ gemeenten | werkwoord(1, 2) }}", "tussen aanhalingstekens"),
        ("{{ onbekend | lijst }}", "onbekend veld"),
    ],
    ids=[
        "text-not-list",
        "dict-not-list",
        "missing-word",
        "text-not-count",
        "part-over-total",
        "bare-numbers",
        "undefined",
    ],
)
def test_a_filter_used_wrongly_is_a_text_error_that_says_how(text, message):
    with pytest.raises(TextError, match=message):
        fill(text, FILTER_CONTEXT)


def test_an_unknown_filter_is_a_syntax_error():
    with pytest.raises(TextError, match="regel 1"):
        fill("{{ gemeenten | bestaat_niet }}", FILTER_CONTEXT)


@pytest.mark.parametrize(
    "text",
    [
        "{{ ''.__class__.__mro__ | lijst }}",
        "{{ gemeenten.__class__ | aantal('a', 'b') }}",
        "{{ lijst }}",
        "{{ (gemeenten | lijst).__class__ }}",
        "{{ gemeenten | attr('append') }}",
    ],
    ids=["mro-into-filter", "class-into-filter", "filter-is-not-a-field", "class-of-result", "attr-of-list"],
)
def test_filters_open_no_way_out_of_the_sandbox(text):
    with pytest.raises(TextError):
        fill(text, FILTER_CONTEXT)


def test_filters_do_not_change_the_names():
    context = copy.deepcopy(FILTER_CONTEXT)
    fill(
        "{{ gemeenten | lijst }}{{ gemeenten | werkwoord('is', 'zijn') }}{{ gemeenten | met_namen('a', 'b') }}", context
    )
    assert context == FILTER_CONTEXT


# --- limits: a text is a text, not a program ------------------------------------------------------------------------

HOSTILE = {
    "huge-string": "{{ 'x' * 10**9 }}",
    "huge-string-literal": "{{ 'x' * 1000000000 }}",
    "huge-width": "{{ 'x' | center(1000000000) }}",
    "huge-width-method": "{{ 'x'.ljust(1000000000) }}",
    "nested-loops": "{% for a in range(50000) %}{% for b in range(50000) %}{% endfor %}{% endfor %}",
    "nested-loops-over-text": "{% set s = 'x' * 20000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "huge-power": "{{ 10 ** 1000000000 }}",
    "power-chain": "{{ 9 ** 9 ** 9 ** 9 }}",
    "squaring": "{% set ns = namespace(x=2) %}{% for i in range(100) %}{% set ns.x = ns.x * ns.x %}{% endfor %}",
    "macro-recursion": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "recursive-loop": "{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}",
    "deep-parentheses": "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
    "deep-brackets": "{{ " + "[" * 100 + "]" * 100 + " }}",
    "many-minus-signs": "{{ " + "- " * 5000 + "1 }}",
    "deep-ifs": "{% if 1 %}" * 100 + "x" + "{% endif %}" * 100,
    "deep-after-set-blocks": "{% set x %}{% endset %}" * 50 + "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
    "doubling-with-tilde": "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}",
    "doubling-with-plus": "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
    "{% endfor %}",
    "doubling-a-list": "{% set ns = namespace(l=['x']) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}"
    "{% endfor %}",
    "replace-multiplies": "{{ ('x' * 20000) | replace('x', 'x' * 20000) }}",
    "join-multiplies": "{{ range(20000) | join('x' * 20000) }}",
    "join-method-multiplies": "{{ ('x' * 20000).join(['a'] * 20000) }}",
    "list-of-big-strings": "{{ ['x' * 20000] * 20000 }}",
    "lazy-map": "{{ range(20000) | map('string') | map('center', 20000) | list | length }}",
    "format-filter": "{{ '%1000000000s' | format('x') }}",
    "percent-format": "{{ '%1000000000s' % 'x' }}",
    "str-format": "{{ '{:>1000000000}'.format('x') }}",
    "output-in-a-loop": "{% for i in range(20000) %}{{ 'x' * 20000 }}{% endfor %}",
    "set-block": "{% set x %}{% for i in range(20000) %}{{ 'x' * 20000 }}{% endfor %}{% endset %}{{ x | length }}",
    "indent": "{{ ('x\n' * 10000) | indent(20000) }}",
    "wordwrap": "{{ ('x ' * 10000) | wordwrap(1, wrapstring='y' * 20000) }}",
    "batch": "{{ [1] | batch(1000000000, 'x') | list }}",
    "slice": "{{ [1] | slice(1000000000) | list }}",
    "expandtabs": "{{ ('\t' * 20000).expandtabs(20000) }}",
    "translate": "{{ 'abc'.translate({97: 'x' * 20000}) }}",
    "include": "{% include 'verhaal.md' %}",
    "import": "{% import 'x' as y %}",
    "extends": "{% extends 'x' %}",
    "lipsum": "{{ lipsum(100) }}",
    "too-long": "x" * 20_001,
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_hostile_text_ends_in_a_text_error_quickly(text):
    start = time.perf_counter()
    with pytest.raises(TextError) as caught:
        fill(text, CONTEXT)
    assert str(caught.value)
    assert time.perf_counter() - start < 15  # not a speed claim: without the limits these take minutes or crash


def test_the_limits_name_what_went_wrong():
    cases = {
        "{{ 'x' * 10**9 }}": "te lange waarde",
        "{{ 10 ** 1000000000 }}": "te groot getal",
        "{% for a in range(50000) %}{% for b in range(50000) %}{% endfor %}{% endfor %}": "te veel stappen",
        "{% macro m() %}{{ m() }}{% endmacro %}": "{% macro %}",
        "{{ " + "(" * 50 + "1" + ")" * 50 + " }}": "te diep",
        "{% for i in range(20000) %}{{ 'x' * 20000 }}{% endfor %}": "ingevulde tekst wordt te lang",
        "x" * 20_001: "20.001 tekens; hoogstens 20.000",
    }
    for text, says in cases.items():
        with pytest.raises(TextError, match=re.escape(says)):
            fill(text, CONTEXT)


def test_a_text_that_runs_too_long_is_stopped_by_the_clock(monkeypatch):
    module = importlib.import_module("robuust_docs.content.fill")
    monkeypatch.setattr(module, "MAX_TEXT_SECONDS", 0.0)
    with pytest.raises(TextError, match="duurt te lang"):
        fill("{% for i in range(10) %}{{ i }}{% endfor %}", CONTEXT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{% for i in range(3) %}{{ i }}{% endfor %}", "012"),
        ("{{ 'a' ~ waarde ~ 'b' }}", "a€ 21,40b"),
        ("{{ ['A', 'B'] | join(' en ') }}", "A en B"),
        ("{{ bibliotheek.naam | replace('Bibliotheek ', '') | upper }}", "AADORP"),
        ("{{ 2 ** 10 }} {{ 6 * 7 }} {{ 'ab' * 2 }}", "1024 42 abab"),
        ("{{ bibliotheek.naam.split(' ') | last }}", "Aadorp"),
        ("{% set s %}{{ waarde }}{% endset %}{{ s }}", "€ 21,40"),
        ("{{ ' '.join(['x', 'y']) }}", "x y"),
        ("{% filter upper %}{{ waarde }}{% endfilter %}", "€ 21,40"),
    ],
    ids=["loop", "tilde", "join", "filters", "arithmetic", "method", "set-block", "join-method", "filter-block"],
)
def test_ordinary_texts_still_work_within_the_limits(text, expected):
    assert fill(text, CONTEXT) == expected


def test_a_long_text_within_the_limits_is_filled():
    text = "{{ bibliotheek.naam }} " + "Lezen is meedoen. " * 1000
    assert fill(text, CONTEXT) == "Bibliotheek Aadorp " + "Lezen is meedoen. " * 1000
