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
_STRIP = re.compile(r"[€%\s\u00a0\u202f']")


def is_missing_text(text: str) -> bool:
    return text.strip().lower() in MISSING


def parse_number(text: str, decimal: str = ",", minimum: float | None = 0) -> float | None:
    """Parse '1.234,5', '€ 1.234', '12,5%', '1,234.5', '-3' → float; missing markers → None."""
    if is_missing_text(text):
        return None
    cleaned = _STRIP.sub("", text.strip()).replace("−", "-")
    sign = -1.0 if cleaned.startswith("-") else 1.0
    cleaned = cleaned[1:] if cleaned[:1] in "+-" else cleaned
    value = sign * _to_float(cleaned, decimal)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(_expected(minimum))
    if minimum is not None and value < minimum:
        raise ValueError(_expected(minimum))
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


def _expected(minimum: float | None) -> str:
    if minimum is None:
        return "verwacht een getal"
    return f"verwacht een getal ≥ {minimum:g}"


def parse_int(text: str, decimal: str = ",", minimum: float | None = 0) -> int | None:
    value = parse_number(text, decimal, minimum)
    if value is None:
        return None
    if abs(value - round(value)) > 1e-9:
        bound = "" if minimum is None else f" ≥ {minimum:g}"
        raise ValueError(f"verwacht een geheel getal{bound}")
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
