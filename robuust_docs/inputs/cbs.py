"""Import of CBS Nabijheidsstatistiek: the road distance to the nearest library per area.

Reads the two forms people download from CBS StatLine — OData JSON (keys such as `WijkenEnBuurten`,
`AfstandTotBibliotheek_92`) and the StatLine CSV (labels such as "Afstand tot bibliotheek (km)") — into one
table with the columns `code`, `naam`, `soort` and `afstand_bibliotheek_km`, and fills the neighbourhood
table's `afstand_bibliotheek_km` from it. Source: CBS, licence CC-BY 4.0.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from robuust_docs import fmt, schema
from robuust_docs.files import MAX_CBS_BYTES, LimitError, read_bytes
from robuust_docs.inputs.readers import csv_error_text, decode_text, sniff_delimiter

COLUMNS = ("code", "naam", "soort", "afstand_bibliotheek_km")
DISTANCE_FIELD = "afstandtotbibliotheek"  # normalized prefix of the key and of the label
CODE_FIELDS = ("codering", "wijkenenbuurten", "regios")  # in order of preference
AREA_FIELDS = ("wijkenenbuurten", "regios")  # label columns that may hold the area's name
MISSING = {"", ".", "x"}  # CBS symbols: "." not available, "x" secret
CODE_PATTERN = re.compile(r"^(NL|GM|WK|BU)\d{2,8}$")
SOORT_BY_PREFIX = {"NL": "Land", "GM": "Gemeente", "WK": "Wijk", "BU": "Buurt"}
HEADER_SEARCH_ROWS = 20  # a StatLine CSV may start with title lines before the header
MAX_KM = schema.NEIGHBOURHOODS.column("afstand_bibliotheek_km").maximum  # the same range as in buurten.csv


class CbsFormatError(ValueError):
    """A CBS file that cannot be read as distances to the library; `path` and `detail` are kept."""

    def __init__(self, path: str | PathLike[str], detail: str) -> None:
        self.path = str(path)
        self.detail = detail
        super().__init__(f"{self.path}: {detail}")


Records = tuple[list[str], list[dict[str, Any]]]


# --- reading ------------------------------------------------------------------------------------------------


def read_cbs_distances(path: str | PathLike[str]) -> pd.DataFrame:
    """Read a CBS Nabijheidsstatistiek download (OData JSON or StatLine CSV) into code, naam, soort, km.

    `naam` is the area's own name where the file gives it (the CSV's "Wijken en buurten" label next to a
    "Codering" column), otherwise the municipality name (`Gemeentenaam_1`). `soort` comes from the file or,
    failing that, from the code's prefix. Missing values ("." or empty, JSON null) become NaN. When a code
    occurs more than once (several years), the latest period is kept.
    """
    path = Path(path)
    text = _read_text(path)
    if text.lstrip().startswith(("{", "[")):
        headers, rows = _json_records(text, path)
    else:
        headers, rows = _csv_records(text, path)
    return _to_frame(headers, rows, path)


def _read_text(path: Path) -> str:
    """The file's text, decoded as every input file is (`readers.decode_text`), at most MAX_CBS_BYTES."""
    try:
        raw = read_bytes(path, MAX_CBS_BYTES)
    except LimitError as exc:
        raise CbsFormatError(path, f"{exc}; download alleen de kolommen die nodig zijn") from None
    except OSError as exc:
        raise CbsFormatError(path, f"bestand niet te lezen ({exc.strerror or exc})") from exc
    try:
        return decode_text(raw).lstrip("\ufeff")
    except ValueError as exc:
        raise CbsFormatError(path, str(exc)) from None


def _json_records(text: str, path: Path) -> Records:
    """Headers and records of OData JSON (`{"value": [...]}`) or a bare list of records."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CbsFormatError(path, f"geen geldige JSON (regel {exc.lineno}: {exc.msg})") from exc
    except RecursionError:
        raise CbsFormatError(path, "geen CBS-download: de JSON is veel te diep genest") from None
    records = data.get("value") if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise CbsFormatError(path, "verwacht OData-JSON met een lijst records onder 'value'")
    headers = list(dict.fromkeys(key for record in records for key in record))
    return headers, records


def _csv_records(text: str, path: Path) -> Records:
    """Headers and records of a StatLine CSV, skipping title lines above and notes below the table."""
    lines = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text, HEADER_SEARCH_ROWS))
    try:
        reader = list(lines)
    except csv.Error as exc:
        raise CbsFormatError(path, f"geen geldige CSV (regel {lines.line_num}): {csv_error_text(exc)}") from None
    start = _header_row(reader, path)
    headers = [cell.strip() for cell in reader[start]]
    rows = []
    for number, row in enumerate(reader[start + 1 :], start=start + 2):
        if sum(bool(cell.strip()) for cell in row) <= 1:
            continue  # blank line or a note such as "Bron: CBS"
        if len(row) != len(headers):
            detail = f"regel {number}: {len(row)} velden, verwacht {len(headers)} zoals in de kopregel"
            raise CbsFormatError(path, detail)
        rows.append(dict(zip(headers, row, strict=True)))
    return headers, rows


def _header_row(reader: list[list[str]], path: Path) -> int:
    """Index of the first row that names the distance column."""
    for index, row in enumerate(reader[:HEADER_SEARCH_ROWS]):
        if _find(row, (DISTANCE_FIELD,)):
            return index
    first = next((row for row in reader if any(cell.strip() for cell in row)), [])
    raise CbsFormatError(path, _missing_distance(first))


def _missing_distance(headers: list[str]) -> str:
    """The message for a file without a distance column, listing the columns it does have."""
    found = ", ".join(f"'{h.strip()}'" for h in headers if h.strip()) or "geen"
    return f"geen kolom 'Afstand tot bibliotheek' gevonden (ook niet als 'AfstandTotBibliotheek_…'); wel: {found}"


# --- columns ------------------------------------------------------------------------------------------------


def _normalize(header: str) -> str:
    """A header reduced to lowercase letters and digits, keeping only the part after the last '/'."""
    return re.sub(r"[^a-z0-9]", "", header.rsplit("/", 1)[-1].lower())


def _find(headers: list[str], prefixes: tuple[str, ...]) -> str | None:
    """The first header whose normalized form starts with one of `prefixes` (tried in order)."""
    for prefix in prefixes:
        match = next((h for h in headers if _normalize(h).startswith(prefix)), None)
        if match is not None:
            return match
    return None


def _text(value: Any) -> str:
    """A value as stripped text ('' for None)."""
    return "" if value is None else str(value).strip()


def _holds_codes(rows: list[dict[str, Any]], header: str) -> bool:
    """Whether a column holds CBS area codes (GM0307, BU03072801, …)."""
    return any(CODE_PATTERN.match(_text(row.get(header)).upper()) for row in rows)


def _code_column(headers: list[str], rows: list[dict[str, Any]], path: Path) -> str:
    """The column with the area codes: Codering, else WijkenEnBuurten / Regio's when they hold codes."""
    for prefix in CODE_FIELDS:
        header = _find(headers, (prefix,))
        if header is not None and _holds_codes(rows, header):
            return header
    raise CbsFormatError(
        path,
        "geen kolom met CBS-gebiedscodes (zoals GM0307 of BU03072801) gevonden; "
        "verwacht 'Codering', 'Wijken en buurten' of 'WijkenEnBuurten'",
    )


def _name_column(headers: list[str], rows: list[dict[str, Any]], code: str) -> str | None:
    """The area-name label column if there is one besides the codes, else the municipality name."""
    area = _find(headers, AREA_FIELDS)
    if area is not None and area != code and not _holds_codes(rows, area):
        return area
    return _find(headers, ("gemeentenaam",))


def _parse_km(value: Any, path: Path, where: str) -> float:
    """A distance in km from a JSON number or CSV text (decimal comma or point), from 0 to MAX_KM; NaN when
    missing. Anything else (a negative distance, 'nan', text, a list) is an error naming the record."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return np.nan
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        km = float(value)
    else:
        text = _text(value) if isinstance(value, str) else repr(value)[:40]
        if text.lower() in MISSING:
            return np.nan
        try:
            km = float(text.replace(",", "."))
        except ValueError:
            raise CbsFormatError(path, f"{where}: verwacht een afstand in km, gevonden '{text}'") from None
    if not math.isfinite(km) or not 0 <= km <= MAX_KM:
        shown = fmt.number(km, 1) if math.isfinite(km) else str(value)
        raise CbsFormatError(path, f"{where}: verwacht een afstand van 0 tot {MAX_KM:g} km, gevonden '{shown}'")
    return km


# --- the table ----------------------------------------------------------------------------------------------


def _soort(value: Any, code: str) -> str:
    """The region type from the file, or derived from the code's prefix."""
    return _text(value) or SOORT_BY_PREFIX.get(code[:2], "")


def _to_frame(headers: list[str], rows: list[dict[str, Any]], path: Path) -> pd.DataFrame:
    """The records as a table with `COLUMNS`, one row per code (latest period)."""
    distance = _find(headers, (DISTANCE_FIELD,))
    if distance is None:
        raise CbsFormatError(path, _missing_distance(headers))
    code_col = _code_column(headers, rows, path)
    name_col = _name_column(headers, rows, code_col)
    soort_col, period_col = _find(headers, ("soortregio",)), _find(headers, ("perioden",))
    table = []
    for number, row in enumerate(rows, start=1):
        code = _text(row.get(code_col)).upper()
        if not code:
            continue
        km = _parse_km(row.get(distance), path, f"record {number} ({code}), kolom '{distance}'")
        naam = _text(row.get(name_col)) if name_col else ""
        soort = _soort(row.get(soort_col) if soort_col else None, code)
        table.append((code, naam, soort, km, _text(row.get(period_col)) if period_col else ""))
    if not table:
        raise CbsFormatError(path, "bevat geen gegevens met een CBS-gebiedscode")
    return _latest_per_code(pd.DataFrame(table, columns=[*COLUMNS, "periode"]))


def _latest_per_code(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per code: the last one of the latest period."""
    frame = frame.sort_values("periode", kind="stable").drop_duplicates("code", keep="last")
    frame = frame.sort_index().reset_index(drop=True)
    frame["afstand_bibliotheek_km"] = frame["afstand_bibliotheek_km"].astype(np.float64)
    return frame[list(COLUMNS)]


# --- merging ------------------------------------------------------------------------------------------------


def _codes(series: pd.Series) -> pd.Series:
    """Area codes, stripped and upper-case."""
    return series.astype(str).str.strip().str.upper()


def merge_cbs_distances(buurten: pd.DataFrame, cbs: pd.DataFrame) -> pd.DataFrame:
    """A copy of `buurten` with `afstand_bibliotheek_km` filled from `cbs` by code where it has none.

    Values already in `buurten` are kept; the column is added when absent.
    """
    given = cbs.dropna(subset=["afstand_bibliotheek_km"])
    lookup = given.assign(code=_codes(given["code"])).drop_duplicates("code", keep="last")
    lookup = lookup.set_index("code")["afstand_bibliotheek_km"].astype(np.float64)
    result = buurten.copy()
    if "afstand_bibliotheek_km" in result.columns:
        current = pd.to_numeric(result["afstand_bibliotheek_km"], errors="coerce")
    else:
        current = pd.Series(np.nan, index=result.index, dtype=np.float64)
    result["afstand_bibliotheek_km"] = current.fillna(_codes(result["code"]).map(lookup))
    return result
