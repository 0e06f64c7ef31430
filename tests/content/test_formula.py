"""Content formulas: parsed once and checked against a small arithmetic language, evaluated per library."""

from __future__ import annotations

import math

import pytest

from robuust_docs.content import FormulaError, parse_formula

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
