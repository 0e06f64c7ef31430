"""Parsing of cell values as people type them: Dutch and English number styles, money, percentages, yes/no.

Each parser takes the raw text of one cell and returns the value, `None` for "no data", or raises
`ValueError` with the Dutch description of what was expected (the loader adds file, row and column).
"""

from __future__ import annotations

import math
import re

from robuust_docs.files import clean_text

MISSING = {
    "",
    "-",
    "–",
    "n.v.t.",
    "nvt",
    "n.v.t",
    "onbekend",
    "nb",
    "n.b.",
    "geen gegevens",
    "nan",
    "none",
    "null",
    "#n/b",
    "#n/a",
    "?",
}
TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel"}
FALSE = {"nee", "n", "no", "false", "onwaar", "0", "niet"}
_GROUPED = re.compile(r"^[1-9]\d{0,2}(?:[.,]\d{3})+$")  # a leading 0 is never a thousands group
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_POINTED = re.compile(r"\d+\.\d+")  # '52.91059': where '.' is the decimal sign, never a thousands group
SYMBOLS = "€%"  # the signs a number may carry: a money column takes '€', a percentage column '%'


def is_missing_text(text: str) -> bool:
    return text.strip().lower() in MISSING


def parse_number(
    text: str, decimal: str = ",", minimum: float | None = 0, allow: str = SYMBOLS, what: str = "een getal"
) -> float | None:
    """Parse '1.234,5', '€ 1.234', '12,5%', '1,234.5', '-3' → float; missing markers → None.

    Only the signs in `allow` may stand next to the digits: a count ('leden') takes neither '€' nor '%', so
    '50%' or '€ 500' there is an error, not the number 50 or 500. `what` names the expected value in messages.
    """
    if text.isascii() and (text.isdigit() or decimal == "." and _POINTED.fullmatch(text)):
        value = float(text)  # most cells: what the reading below gives them, at a fraction of its cost
    else:
        if is_missing_text(text):
            return None
        cleaned = _SPACES.sub("", text.strip()).replace("−", "-")
        for symbol in SYMBOLS:
            if symbol in cleaned and symbol not in allow:
                raise ValueError(f"{_expected(minimum, what)}, zonder '{symbol}'")
            cleaned = cleaned.replace(symbol, "")
        sign = -1.0 if cleaned.startswith("-") else 1.0
        cleaned = cleaned[1:] if cleaned[:1] in "+-" else cleaned
        try:
            value = sign * _to_float(cleaned, decimal)
        except ValueError:
            raise ValueError(_expected(minimum, what)) from None
    if math.isnan(value) or math.isinf(value):
        raise ValueError(_expected(minimum, what))
    if minimum is not None and value < minimum:
        raise ValueError(_expected(minimum, what))
    return value


def _to_float(text: str, decimal: str) -> float:
    """Read digits with '.' and ',' as decimal or thousands separators; `decimal` breaks ties."""
    if not re.fullmatch(r"\d[\d.,]*|[.,]\d+", text):
        raise ValueError("verwacht een getal")
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        dec = "." if text.rfind(".") > text.rfind(",") else ","
        group = "," if dec == "." else "."
    elif dots or commas:
        sep = "." if dots else ","
        grouped = _GROUPED.match(text) and (sep != decimal or text.count(sep) > 1)
        dec, group = (None, sep) if grouped else (sep, None)
    else:
        dec, group = None, None
    integer, _, fraction = text.partition(dec) if dec else (text, "", "")
    if dec and dec in fraction or (group and group in fraction):
        raise ValueError("verwacht een getal")
    if group and not _GROUPED.match(integer):
        raise ValueError("verwacht een getal")
    integer = integer.replace(group, "") if group else integer
    return float(f"{integer or 0}.{fraction or 0}")


def _expected(minimum: float | None, what: str = "een getal") -> str:
    if minimum is None:
        return f"verwacht {what}"
    return f"verwacht {what} ≥ {minimum:g}"


def parse_int(text: str, decimal: str = ",", minimum: float | None = 0, allow: str = "") -> int | None:
    """A whole number ('1.000', '2,0'); by default without '€' or '%' (a count is neither money nor a share)."""
    value = parse_number(text, decimal, minimum, allow, "een geheel getal")
    if value is None:
        return None
    if abs(value - round(value)) > 1e-9:
        raise ValueError(_expected(minimum, "een geheel getal"))
    return int(round(value))


def parse_bool(text: str) -> bool | None:
    low = text.strip().lower()
    if low in TRUE:
        return True
    if low in FALSE:
        return False
    if low in MISSING:
        return None
    raise ValueError("verwacht ja of nee")


def parse_list(text: str) -> tuple[str, ...]:
    """'taalhuis, IDO; boekstart' → ('taalhuis', 'IDO', 'boekstart')."""
    if is_missing_text(text):
        return ()
    parts = re.split(r"[,;|\n]", text)
    return tuple(p.strip() for p in parts if p.strip())


def parse_text(text: str) -> str | None:
    """Strip surrounding white space and unusable characters; an empty cell is None."""
    return clean_text(text).strip() or None
