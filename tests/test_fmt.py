"""Dutch formatting: numbers, money, percentages, distances, hours and dates as a Dutch reader expects them."""

from __future__ import annotations

import datetime

import pytest

from robuust_docs import fmt


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (3.9 / 2, 1, "2,0"),  # 1.9499999… in binary: shown half up from its decimal form, 1,95
        (0.125, 2, "0,13"),
        (2.5, 0, "3"),
        (3.5, 0, "4"),  # not banker's rounding (which gives 4 and 2 for 3,5 and 2,5)
        (-0.25, 1, "−0,3"),  # half away from zero, with a real minus sign
        (-0.04, 1, "0,0"),  # no negative zero
        (1234567.891, 2, "1.234.567,89"),
        (1e15, 0, "1.000.000.000.000.000"),
        (0, 0, "0"),
    ],
    ids=["1,95", "0,125", "2,5", "3,5", "-0,25", "-0,04", "grouping", "large", "zero"],
)
def test_numbers_are_rounded_half_up_and_grouped_in_dutch(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


def test_rounded_is_the_value_the_reader_sees():
    assert fmt.rounded(1.95, 1) == 2.0
    assert fmt.rounded(2.675, 2) == 2.68  # binary 2.67499…, still 2,68 to a reader
    assert fmt.rounded(-1.5, 0) == -2.0


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: fmt.money(1234.56), "€ 1.234,56"),
        (lambda: fmt.money(597223.4, 0), "€ 597.223"),
        (lambda: fmt.money(-12500, 0), "€ −12.500"),
        (lambda: fmt.percent(12.5), "12,5%"),
        (lambda: fmt.percent(33.35, 1), "33,4%"),
        (lambda: fmt.km(2.05), "2,1 km"),
        (lambda: fmt.hours(13.5), "13,5 uur"),
        (lambda: fmt.by_unit(24, "euro", 2), "€ 24,00"),
        (lambda: fmt.by_unit(7, "aantal", 0), "7"),
    ],
    ids=["money", "money-whole", "money-negative", "percent", "percent-half", "km", "hours", "unit-euro", "count"],
)
def test_units_read_as_dutch(call, expected):
    assert call() == expected


@pytest.mark.parametrize("missing", [None, float("nan"), float("inf")], ids=["none", "nan", "inf"])
def test_missing_values_read_geen_gegevens_never_nan_or_none(missing):
    for formatter in (fmt.number, fmt.money, fmt.percent, fmt.km, fmt.hours):
        assert formatter(missing) == "geen gegevens"


def test_dates_are_written_out_in_dutch():
    assert fmt.date(datetime.date(2026, 11, 25)) == "25 november 2026"
    assert fmt.date(datetime.date(2026, 3, 1)) == "1 maart 2026"


def test_count_agrees_with_its_noun():
    assert fmt.count(1, "vestiging", "vestigingen") == "1 vestiging"
    assert fmt.count(3, "vestiging", "vestigingen") == "3 vestigingen"
    assert fmt.count(1200, "inwoner", "inwoners") == "1.200 inwoners"


@pytest.mark.parametrize(
    ("shares", "expected"),
    [
        ([60.6, 29.6, 9.8], [61, 29, 10]),  # rounding each gives 101
        ([33.34, 33.33, 33.33], [34, 33, 33]),
        ([100.0], [100]),
        ([50.0, None, 50.0], [50, None, 50]),
        ([], []),
    ],
)
def test_whole_percents_add_up_to_the_rounded_total(shares, expected):
    assert fmt.whole_percents(shares) == expected
