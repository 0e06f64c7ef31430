"""Content formulas: parsed once and checked against a small arithmetic language, evaluated per library."""

from __future__ import annotations

import math

import pytest

from robuust_docs.content import FormulaError, parse_formula
from robuust_docs.content.formula import parse_condition

# --- what a formula may say -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "variables", "expected"),
    [
        ("subsidie / inwoners * 1000", {"subsidie": 250_000, "inwoners": 20_000}, 12_500.0),
        ("leden / inwoners * 100", {"leden": 3_000, "inwoners": 20_000}, 15.0),
        ("(baten_totaal - lasten_totaal) / baten_totaal * 100", {"baten_totaal": 500, "lasten_totaal": 450}, 10.0),
        ("-eigen_vermogen", {"eigen_vermogen": 12.5}, -12.5),
        ("+fte", {"fte": 3.5}, 3.5),
        ("min(fte, 2) + max(fte, 10)", {"fte": 3.5}, 12.0),
        ("max(1, 2, 3)", {}, 3.0),
        ("7", {}, 7.0),
        ("1.5 * 2", {}, 3.0),
        ("2 + 3 * 4", {}, 14.0),
        ("(2 + 3) * 4", {}, 20.0),
        ("10 - 4 - 3", {}, 3.0),
        ("24 / 4 / 2", {}, 3.0),
    ],
    ids=[
        "per-1000",
        "percent",
        "parentheses",
        "unary-minus",
        "unary-plus",
        "min-and-max",
        "max-of-three",
        "constant",
        "decimal-constant",
        "precedence",
        "grouping",
        "left-to-right-minus",
        "left-to-right-divide",
    ],
)
def test_formula_evaluates(text, variables, expected):
    assert parse_formula(text).evaluate(variables) == pytest.approx(expected)


def test_result_is_a_float():
    assert type(parse_formula("leden").evaluate({"leden": 3})) is float


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("subsidie / inwoners * 1000", {"subsidie", "inwoners"}),
        ("min(fte, vrijwilligers)", {"fte", "vrijwilligers"}),
        ("fte / fte", {"fte"}),
        ("3", set()),
    ],
    ids=["two", "inside-min", "repeated", "none"],
)
def test_formula_knows_the_names_it_uses(text, names):
    assert parse_formula(text).names == frozenset(names)


def test_formula_keeps_its_text():
    assert parse_formula("leden / inwoners").text == "leden / inwoners"


# --- "geen gegevens" instead of an error ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "variables"),
    [
        ("subsidie / inwoners", {"subsidie": 10, "inwoners": 0}),
        ("subsidie / (inwoners - inwoners)", {"subsidie": 10, "inwoners": 5}),
        ("subsidie / inwoners", {"subsidie": 10}),
        ("subsidie / inwoners", {"subsidie": None, "inwoners": 5}),
        ("subsidie / inwoners", {"subsidie": math.nan, "inwoners": 5}),
        ("subsidie * 10", {"subsidie": math.inf}),
        ("subsidie * subsidie", {"subsidie": 1e200}),
        ("min(fte, leden)", {"fte": 1}),
        ("0 / 0", {}),
    ],
    ids=[
        "divide-by-zero",
        "divide-by-computed-zero",
        "variable-absent",
        "variable-none",
        "variable-nan",
        "infinite-input",
        "overflow-to-infinity",
        "missing-inside-min",
        "zero-by-zero",
    ],
)
def test_missing_data_or_impossible_arithmetic_is_none(text, variables):
    assert parse_formula(text).evaluate(variables) is None


def test_zero_numerator_is_zero_not_missing():
    assert parse_formula("leden / inwoners").evaluate({"leden": 0, "inwoners": 10}) == 0.0


# --- what a formula may not say -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "leden ** 2",
        "leden % 7",
        "leden // 2",
        "leden @ leden",
        "__import__('os').system('echo')",
        "open('/etc/passwd')",
        "abs(leden)",
        "leden.real",
        "leden[0]",
        "lambda: 1",
        "leden if fte else 0",
        "leden > fte",
        "leden and fte",
        "not leden",
        "~leden",
        "'tekst'",
        "True",
        "None",
        "1j",
        "[1, 2]",
        "(1, 2)",
        "{'a': 1}",
        "min()",
        "min(leden, key=fte)",
        "min(*leden)",
        "f'{leden}'",
        "(x := 1)",
    ],
    ids=[
        "power",
        "modulo",
        "floor-division",
        "matmul",
        "import",
        "open",
        "unknown-function",
        "attribute",
        "subscript",
        "lambda",
        "conditional",
        "comparison",
        "boolean-and",
        "not",
        "bitwise-invert",
        "string",
        "boolean",
        "none",
        "complex",
        "list",
        "tuple",
        "dict",
        "min-without-arguments",
        "keyword-argument",
        "star-argument",
        "f-string",
        "walrus",
    ],
)
def test_disallowed_syntax_is_a_formula_error(text):
    with pytest.raises(FormulaError):
        parse_formula(text)


def test_function_name_without_call_is_just_a_name():
    assert parse_formula("max").names == frozenset({"max"})


@pytest.mark.parametrize(
    "text",
    ["leden /", "leden inwoners", "(leden", "", "leden = 3", "import os"],
    ids=["dangling-operator", "two-names", "unclosed", "empty", "assignment", "statement"],
)
def test_invalid_text_is_a_formula_error(text):
    with pytest.raises(FormulaError):
        parse_formula(text)


def test_formula_error_is_a_value_error_quoting_the_part_not_allowed():
    with pytest.raises(ValueError, match=r"leden \*\* 2"):
        parse_formula("fte + leden ** 2")


# --- conditions -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "variables", "expected"),
    [
        ("aantal_volwaardig == 0", {"aantal_volwaardig": 0}, True),
        ("aantal_volwaardig == 0", {"aantal_volwaardig": 2}, False),
        ("0 < x < 5", {"x": 3}, True),
        ("0 < x < 5", {"x": 5}, False),
        ("x >= 2 and y < 1", {"x": 2, "y": 0.5}, True),
        ("x >= 2 and y < 1", {"x": 2, "y": 1}, False),
        ("x > 10 or y > 10", {"x": 1, "y": 11}, True),
        ("not x > 1", {"x": 0}, True),
        (
            "indicator.leden_aandeel < kwetsbaar.leden_aandeel",
            {"indicator.leden_aandeel": 9.0, "kwetsbaar.leden_aandeel": 12.0},
            True,
        ),
        ("abs(x - y) > 1", {"x": 1, "y": 3}, True),
    ],
    ids=["equal", "not-equal", "chained", "chained-edge", "and", "and-false", "or", "not", "dotted", "abs"],
)
def test_a_condition_holds_as_written(text, variables, expected):
    assert parse_condition(text).holds(variables) is expected


def test_a_condition_that_cannot_be_decided_does_not_hold():
    assert not parse_condition("x / y > 1").holds({"x": 1, "y": 0})
    assert not parse_condition("x > 1").holds({})
    assert not parse_condition("x > 1 and y > 1").holds({"x": 2})
    assert parse_condition("x > 1 or y > 1").holds({"x": 2})  # the part that can be decided holds


def test_dotted_names_are_recorded_and_missing_ones_named():
    formula = parse_formula("norm.subsidie_per_inwoner * inwoners - subsidie", "expression")
    assert formula.names == {"norm.subsidie_per_inwoner", "inwoners", "subsidie"}
    assert formula.missing({"inwoners": 10, "subsidie": None}) == ["norm.subsidie_per_inwoner", "subsidie"]


@pytest.mark.parametrize(
    "text",
    ["x.__class__", "a.b.c", "'tekst' == x", "x[0]", "x if y else z", "x in y", "lambda: 1", "x is None"],
    ids=["dunder", "nested-attribute", "string", "subscript", "ternary", "in", "lambda", "is"],
)
def test_anything_beyond_the_small_language_is_refused(text):
    with pytest.raises(FormulaError):
        parse_condition(text)


def test_an_indicator_formula_stays_arithmetic():
    for text in ("x > 1", "norm.x * 2", "abs(x)", "x and y"):
        with pytest.raises(FormulaError):
            parse_formula(text)
    assert parse_formula("abs(x)", "expression").evaluate({"x": -2}) == 2.0


def test_a_very_long_formula_is_refused():
    with pytest.raises(FormulaError, match="langer dan"):
        parse_formula("1 + " * 1000 + "1")
