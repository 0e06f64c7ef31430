"""Cell parsing: numbers as Dutch and English people type them, yes/no, lists and text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from robuust_docs.inputs.cells import parse_bool, parse_int, parse_list, parse_number, parse_text

# --- numbers --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1.234,5", ",", 1234.5),
        ("1.234,5", ".", 1234.5),
        ("€ 1.234", ",", 1234.0),
        ("€1.234,56", ",", 1234.56),
        ("12,5%", ",", 12.5),
        ("12,5 %", ",", 12.5),
        ("1,234.5", ",", 1234.5),
        ("1.5", ".", 1.5),
        ("1.5", ",", 1.5),
        ("2,75", ".", 2.75),
        ("42", ",", 42.0),
        (" 42 ", ",", 42.0),
        (",5", ",", 0.5),
        ("5,", ",", 5.0),
    ],
    ids=[
        "nl-thousands-and-decimal",
        "nl-style-in-point-file",
        "euro-sign",
        "euro-no-space",
        "percent",
        "percent-with-space",
        "english-style-in-comma-file",
        "point-decimal",
        "lone-point-is-decimal",
        "lone-comma-is-decimal",
        "integer",
        "surrounding-spaces",
        "leading-separator",
        "trailing-separator",
    ],
)
def test_numbers_in_common_styles(text, decimal, expected):
    assert parse_number(text, decimal) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234.567", 1234567.0),
        ("1,234,567", 1234567.0),
        ("1.234.567,89", 1234567.89),
        ("1,234,567.89", 1234567.89),
        ("12 345", 12345.0),
        ("12\u00a0345", 12345.0),
        ("12\u202f345", 12345.0),
        ("1'234", 1234.0),
    ],
    ids=[
        "dots",
        "commas",
        "dots-and-decimal-comma",
        "commas-and-decimal-point",
        "space",
        "no-break-space",
        "narrow-no-break-space",
        "apostrophe",
    ],
)
@pytest.mark.parametrize("decimal", [",", "."], ids=["comma-file", "point-file"])
def test_thousands_separators_in_either_file(text, expected, decimal):
    assert parse_number(text, decimal) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [("1.234", ",", 1234.0), ("1.234", ".", 1.234), ("1,234", ",", 1.234), ("1,234", ".", 1234.0)],
    ids=[
        "point-in-comma-file-is-thousands",
        "point-in-point-file-is-decimal",
        "comma-in-comma-file-is-decimal",
        "comma-in-point-file-is-thousands",
    ],
)
def test_file_decimal_breaks_a_tie_of_one_separator_and_three_digits(text, decimal, expected):
    assert parse_number(text, decimal) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("-3", -3.0), ("\u22123", -3.0), ("-1.234,5", -1234.5), ("€ -1.234", -1234.0), ("+7", 7.0)],
    ids=["hyphen", "unicode-minus", "grouped", "money", "explicit-plus"],
)
def test_signed_numbers_when_no_minimum(text, expected):
    assert parse_number(text, ",", minimum=None) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["-3", "-0,5", "€ -1.234"], ids=["integer", "fraction", "money"])
def test_negative_number_below_minimum_zero_is_refused(text):
    with pytest.raises(ValueError):
        parse_number(text, ",", minimum=0)


def test_minimum_is_inclusive():
    assert parse_number("2000", ",", minimum=2000) == 2000.0
    with pytest.raises(ValueError):
        parse_number("1999", ",", minimum=2000)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "-",
        "–",
        "n.v.t.",
        "N.V.T.",
        "nvt",
        "n.v.t",
        "onbekend",
        "Onbekend",
        "nb",
        "n.b.",
        "geen gegevens",
        "nan",
        "NULL",
        "#N/B",
        "#N/A",
        "?",
    ],
)
def test_missing_markers_are_none(text):
    assert parse_number(text, ",") is None


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "12abc",
        "1.2.3",
        "1,2,3",
        "1.23.456",
        "1.234.56",
        "1.234,5,6",
        "1e3",
        "(5)",
        "€",
        "%",
        "5-",
        "1 2/3",
        "0x10",
        "inf",
        "9" * 400,
    ],
    ids=[
        "word",
        "digits-then-word",
        "three-dots",
        "three-commas",
        "bad-grouping",
        "short-last-group",
        "two-decimals",
        "exponent",
        "accounting-negative",
        "only-euro",
        "only-percent",
        "trailing-minus",
        "fraction",
        "hex",
        "inf",
        "overflow",
    ],
)
def test_garbage_is_a_value_error(text):
    with pytest.raises(ValueError):
        parse_number(text, ",", minimum=None)


@pytest.mark.parametrize(
    "text", ["+-5", "--5", "-+5", "+"], ids=["plus-minus", "double-minus", "minus-plus", "only-a-sign"]
)
def test_doubled_sign_is_garbage(text):
    with pytest.raises(ValueError):
        parse_number(text, ",", minimum=None)


@pytest.mark.parametrize(
    ("text", "decimal"),
    [("0.875", ","), ("0,875", "."), ("0.001", ",")],
    ids=["point-in-comma-file", "comma-in-point-file", "thousandth"],
)
def test_leading_zero_before_three_digits_is_a_decimal_separator(text, decimal):
    # a thousands group never follows a lone 0, so '0.875' is a fraction even where '1.875' means 1875
    assert parse_number(text, decimal) == pytest.approx(float(text.replace(",", ".")))


def test_number_error_message_is_dutch_and_names_the_minimum():
    with pytest.raises(ValueError, match="≥ 0"):
        parse_number("-1", ",", minimum=0)


# --- integers -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), ("1.000", 1000), ("12.345.678", 12345678), ("2,0", 2), ("2,000", 2), ("n.v.t.", None)],
    ids=["plain", "thousands", "millions", "whole-with-decimal", "comma-three-digits-is-decimal", "missing"],
)
def test_integers_in_a_decimal_comma_file(text, expected):
    assert parse_int(text, ",") == expected


def test_integer_is_an_int_not_a_float():
    assert type(parse_int("12", ",")) is int


@pytest.mark.parametrize("text", ["1,5", "0,1", "-1"], ids=["half", "tenth", "negative"])
def test_fraction_or_negative_is_not_a_count(text):
    with pytest.raises(ValueError):
        parse_int(text, ",", minimum=0)


# --- yes/no, lists, text --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ja", True),
        ("Ja", True),
        (" JA ", True),
        ("j", True),
        ("x", True),
        ("1", True),
        ("yes", True),
        ("waar", True),
        ("nee", False),
        ("Nee", False),
        ("n", False),
        ("0", False),
        ("no", False),
        ("onwaar", False),
        ("", None),
        ("n.v.t.", None),
        ("onbekend", None),
    ],
)
def test_yes_no(text, expected):
    assert parse_bool(text) is expected


@pytest.mark.parametrize("text", ["misschien", "2", "jaa"])
def test_yes_no_garbage_is_a_value_error(text):
    with pytest.raises(ValueError):
        parse_bool(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("taalhuis, IDO; boekstart", ("taalhuis", "IDO", "boekstart")),
        ("taalhuis|ido", ("taalhuis", "ido")),
        ("taalhuis\nido", ("taalhuis", "ido")),
        ("taalhuis,, ,ido,", ("taalhuis", "ido")),
        ("Klik & Tik", ("Klik & Tik",)),
        ("", ()),
        ("n.v.t.", ()),
    ],
    ids=["comma-and-semicolon", "pipe", "newline", "empty-items", "single-with-spaces", "empty", "missing"],
)
def test_lists(text, expected):
    assert parse_list(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  Aa en Veen ", "Aa en Veen"), ("", None), ("   ", None)],
    ids=["stripped", "empty", "blank"],
)
def test_text(text, expected):
    assert parse_text(text) == expected


@pytest.mark.parametrize(
    ("text", "sign"), [("50%", "%"), ("€ 500", "€"), ("€500", "€"), ("12 %", "%")], ids=["pct", "eur", "eur2", "pct2"]
)
def test_a_count_takes_no_euro_or_percent_sign(text, sign):
    with pytest.raises(ValueError, match=f"verwacht een geheel getal ≥ 0, zonder '{sign}'"):
        parse_int(text, ",")


@pytest.mark.parametrize(
    ("text", "allow", "expected"), [("€ 500", "€", 500.0), ("12,5%", "%", 12.5), ("500", "", 500.0)]
)
def test_a_column_may_allow_its_own_sign(text, allow, expected):
    assert parse_number(text, ",", allow=allow) == pytest.approx(expected)


@pytest.mark.parametrize(("text", "allow"), [("€ 500", "%"), ("12,5%", "€"), ("€ 5", "")])
def test_a_sign_the_column_does_not_allow_is_an_error(text, allow):
    with pytest.raises(ValueError, match="zonder"):
        parse_number(text, ",", allow=allow)


@pytest.mark.parametrize("text", ["veel", "-1", "1,5"], ids=["word", "negative", "fraction"])
def test_every_error_for_a_count_says_a_whole_number_is_expected(text):
    with pytest.raises(ValueError, match="verwacht een geheel getal ≥ 0"):
        parse_int(text, ",")


@settings(max_examples=500, deadline=None)
@given(st.from_regex(r"\A\d{1,25}(\.\d{1,20})?\Z"), st.sampled_from([",", "."]), st.sampled_from([None, 0, 100]))
def test_plain_digits_read_as_the_general_rules_read_them(text, decimal, minimum):
    """Plain digits, and digits with a decimal point where '.' is the decimal sign, take a short way; a leading
    space sends the same text the general way (which strips it): both give the same number or the same error."""

    def outcome(cell: str):
        try:
            return repr(parse_number(cell, decimal, minimum))
        except ValueError as exc:
            return f"error: {exc}"

    assert outcome(text) == outcome(" " + text)
