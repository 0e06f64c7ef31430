"""Reading input files into raw text tables: CSV in any common dialect, or one Excel workbook.

A `RawTable` is every cell as text (so values are parsed once, by `values.py`, with one set of rules), the
spreadsheet row number of every row, and the file's decimal separator. pandas I/O lives here and in
`loader.py` only.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from robuust_docs.errors import DataError, Problem

WORKBOOK = "invoer.xlsx"
ENCODINGS = ("utf-8-sig", "cp1252")


@dataclass(frozen=True)
class RawTable:
    """One table as text: `frame` has str cells ('' when empty) and an index of spreadsheet row numbers."""

    name: str
    file: str
    frame: pd.DataFrame
    decimal: str = ","
    sheet: str | None = None
    overflow: dict[int, list[str]] | None = None  # row number → cells beyond the header (CSV only)


def find_sources(data_dir: Path, names: tuple[str, ...]) -> dict[str, Path]:
    """Map each table name to the file that holds it: `invoer.xlsx` if present, else `<name>.csv`."""
    workbook = data_dir / WORKBOOK
    if workbook.is_file():
        return {name: workbook for name in names}
    return {name: data_dir / f"{name}.csv" for name in names if (data_dir / f"{name}.csv").is_file()}


def read_table(name: str, path: Path) -> RawTable:
    """Read one table, raising DataError (with the file named) when the file itself cannot be read."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_sheet(name, path)
    return _read_csv(name, path)


def _read_csv(name: str, path: Path) -> RawTable:
    raw = _read_bytes(path)
    try:
        text = decode_text(raw)
    except ValueError as exc:
        raise DataError("Invoer onleesbaar", (Problem(path.name, str(exc)),)) from None
    if not text.strip():
        raise DataError("Invoer onleesbaar", (Problem(path.name, "het bestand is leeg"),))
    delimiter = sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise DataError("Invoer onleesbaar", (Problem(path.name, f"geen geldige CSV ({exc})"),)) from None
    header, width = rows[0], len(rows[0])
    overflow = {
        n: row[width:]
        for n, row in enumerate(rows[1:], start=2)
        if len(row) > width and any(c.strip() for c in row[width:])
    }
    body = [(row + [""] * width)[:width] for row in rows[1:]]
    frame = pd.DataFrame(body, columns=header, dtype=str)
    decimal = "," if delimiter == ";" or delimiter == "\t" and "," in text else "."
    return RawTable(name, path.name, _tidy(frame), decimal, overflow=overflow)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataError(
            "Invoer onleesbaar", (Problem(path.name, f"kan het bestand niet lezen ({exc.strerror})"),)
        ) from None


def decode_text(raw: bytes) -> str:
    """The text of a CSV-like file: UTF-16 with BOM (Excel's "Unicode text"), UTF-8 with or without BOM, or
    Windows-1252; raises ValueError (Dutch) for binary data or undecodable bytes."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    if b"\x00" in raw[:4096]:
        raise ValueError("dit is geen tekstbestand (CSV) maar binaire data")
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("tekens niet leesbaar als UTF-8 of Windows-1252")


def sniff_delimiter(text: str, lines: int = 1) -> str:
    """The delimiter (';', ',' or tab) that occurs most in the first `lines` lines; ';' wins a tie, ',' when
    none occurs (a one-column file)."""
    head = "\n".join(text.lstrip("\ufeff").splitlines()[:lines])
    counts = {d: head.count(d) for d in (";", "\t", ",")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _read_sheet(name: str, path: Path) -> RawTable:
    sheets = _workbook_sheets(path)
    sheet = next((s for s in sheets if s.strip().lower() == name), None)
    if sheet is None:
        problem = Problem(path.name, f"blad '{name}' ontbreekt; wel aanwezig: {', '.join(sheets) or 'geen'}")
        raise DataError("Invoer onvolledig", (problem,))
    frame = pd.read_excel(path, sheet_name=sheet, dtype=object, header=0, engine="openpyxl")
    frame = frame.map(_cell_text)
    return RawTable(name, path.name, _tidy(frame), ",", sheet)


def _workbook_sheets(path: Path) -> list[str]:
    try:
        with pd.ExcelFile(path, engine="openpyxl") as book:
            return list(book.sheet_names)
    except Exception as exc:  # openpyxl raises many types for a broken file
        detail = type(exc).__name__
        raise DataError(
            "Invoer onleesbaar", (Problem(path.name, f"geen geldig Excel-bestand (.xlsx) ({detail})"),)
        ) from None


def _cell_text(value: object) -> str:
    """Excel numbers come as floats: write them with a decimal comma so one parser serves both sources."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        text = f"{value:.10f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
        return text.replace(".", ",")
    return str(value)


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Normalise headers, drop fully empty rows, and index rows by their spreadsheet row number."""
    frame = frame.copy()
    frame.columns = [str(c).replace("\ufeff", "").strip().lower() for c in frame.columns]
    frame.index = range(2, len(frame) + 2)
    frame = frame.fillna("").astype(str)
    empty = frame.apply(lambda row: all(not v.strip() for v in row), axis=1) if len(frame) else []
    return frame[~pd.Series(empty, index=frame.index, dtype=bool)] if len(frame) else frame
