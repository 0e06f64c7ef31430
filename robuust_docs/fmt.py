"""Dutch formatting of numbers, money, percentages and dates: the only module that imports babel.

Every number in a document passes through here, so the Word and PDF outputs agree to the character.
`None` (no data) always reads "geen gegevens".
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

LOCALE = "nl_NL"
NO_DATA = "geen gegevens"
LIST_STYLES = {"en": "standard", "of": "or"}  # babel list styles per conjunction
_PARENTHESES = re.compile(r"\([^()]*\)")
_CONJUNCTION_OR_COMMA = {
    c: re.compile(rf"(?:^|\s){c}(?:\s|$)|,", re.IGNORECASE) for c in LIST_STYLES
}  # per conjunction: an item that holds it ('Aa en Veen' in a list with 'en') or a comma


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value)))


def rounded(value: float | int, decimals: int = 0) -> float:
    """`value` rounded half away from zero, on its shortest decimal form: 1.95 → 2.0, 2.5 → 3, −0.25 → −0.3.

    Python's round() works on the binary value and rounds ties to even (3.9 / 2 gives 1.9499999…, shown as 1,9);
    a reader expects 1,95 to read 2,0. Every shown number and every status decided on a shown number uses this.
    """
    exact = Decimal(repr(float(value)))
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def number(value: float | int | None, decimals: int = 0) -> str:
    """1234.5 → '1.234,5' (decimals fixed, rounded half up)."""
    if is_missing(value):
        return NO_DATA
    return _number(float(value), decimals)


@lru_cache(maxsize=16384)  # babel is slow and a document formats the same numbers many times over
def _number(value: float, decimals: int) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = format_decimal(
        Decimal(repr(rounded(value, decimals))), format=pattern, locale=LOCALE, decimal_quantization=True
    )
    return _no_negative_zero(text).replace("-", "\u2212")  # a real minus sign, not a hyphen


def money(value: float | int | None, decimals: int = 2) -> str:
    """1234.56 → '€ 1.234,56'; negative → '€ -1.234,56'."""
    if is_missing(value):
        return NO_DATA
    return f"€ {number(value, decimals)}"


def percent(value: float | None, decimals: int = 1) -> str:
    """Takes a percentage (12.5 means 12,5%) → '12,5%'."""
    if is_missing(value):
        return NO_DATA
    return f"{number(value, decimals)}%"


def whole_percents(values) -> list[int | None]:
    """Shares in percent rounded to whole numbers that still add up to the rounded total (largest remainder):
    [60.6, 29.6, 9.8] → [61, 29, 10], where rounding each would give 101. A missing share stays None."""
    known = [(i, v) for i, v in enumerate(values) if not is_missing(v)]
    floors = {i: math.floor(v) for i, v in known}
    short = round(sum(v for _, v in known)) - sum(floors.values())
    by_remainder = sorted(known, key=lambda iv: (-(iv[1] - floors[iv[0]]), iv[0]))
    for i, _ in by_remainder[: max(short, 0)]:
        floors[i] += 1
    return [floors.get(i) for i in range(len(values))]


def signed(value: float | None, decimals: int = 0) -> str:
    """A change with its sign: 8.2 → '+8', −8.2 → '−8', and 0 (also after rounding) → '0'."""
    if is_missing(value):
        return NO_DATA
    text = number(value, decimals)
    return text if text.startswith("\u2212") or set(text) <= set("0,.") else f"+{text}"


def span(first: int, last: int) -> str:
    """'2019–2025' (an en dash between the years)."""
    return f"{first}\u2013{last}"


def km(value: float | None, decimals: int = 1) -> str:
    if is_missing(value):
        return NO_DATA
    return f"{number(value, decimals)} km"


def hours(value: float | None, decimals: int = 1) -> str:
    if is_missing(value):
        return NO_DATA
    unit = "uur"
    return f"{number(value, decimals)} {unit}"


def by_unit(value: float | None, unit: str, decimals: int) -> str:
    """Format a value in an indicator's unit: euro, procent, aantal, km or uren."""
    formatter = {"euro": money, "procent": percent, "km": km, "uren": hours}.get(unit, number)
    return formatter(value, decimals)


def date(value: _dt.date) -> str:
    """25 november 2026."""
    return format_date(value, format="d MMMM y", locale=LOCALE)


def join(items: Iterable[str], conjunction: str = "en") -> str:
    """['a', 'b', 'c'] → 'a, b en c' (conjunction 'of': 'a, b of c'), from babel's Dutch list patterns.

    No comma before the final conjunction ('de cursus DigiVitaler en een Taalhuis of digiTaalhuis'), except where
    an item holds the same conjunction or a comma itself ('Aa en Veen' in a list with 'en'; not between
    parentheses, and '&' is no conjunction): then a comma also goes before the final conjunction, so the reader
    sees where each item ends: 'Veenhoven, Aa en Veen, en Drieburg en Oostmoer'. When every item ends in a
    parenthesis ('Kunst en cultuur (Moerplaat)'), the parentheses already show where each ends: no comma.
    Never semicolons. The rule and its sources: `robuust_docs.wording`, which is the API to use in new code.
    """
    if conjunction not in LIST_STYLES:
        raise ValueError(f"conjunction must be one of {sorted(LIST_STYLES)}, not {conjunction!r}")
    items = [str(i) for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    # what stands in parentheses ('Bibliotheek X (vestiging, 30,0 uur per week)') does not blur where an item ends
    inside = _CONJUNCTION_OR_COMMA[conjunction]
    closed = all(i.rstrip().endswith(")") for i in items)
    if closed or not any(inside.search(_PARENTHESES.sub("", i)) for i in items):
        return format_list(items, style=LIST_STYLES[conjunction], locale=LOCALE)
    patterns = Locale.parse(LOCALE).list_patterns[LIST_STYLES[conjunction]]
    last = patterns["2"] if len(items) == 2 else patterns["end"]
    serial = last.replace("{0} ", "{0}, ", 1)  # '{0} en {1}' → '{0}, en {1}'
    head = items[0]
    for item in items[1:-1]:
        head = patterns["middle"].format(head, item)
    return serial.format(head, items[-1])


def plural_form(n: float) -> str:
    """Babel's CLDR plural category of `n` in Dutch: 'one' for 1, 'other' for everything else (0, 2, 1,5)."""
    return Locale.parse(LOCALE).plural_form(n)


def count(n: int, singular: str, plural: str) -> str:
    """count(1, 'vestiging', 'vestigingen') → '1 vestiging'."""
    return f"{number(n)} {singular if n == 1 else plural}"


def _no_negative_zero(text: str) -> str:
    stripped = text.lstrip("-\u2212")
    if stripped != text and set(stripped) <= set("0,."):
        return stripped
    return text
