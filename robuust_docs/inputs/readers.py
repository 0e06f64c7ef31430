"""Reading input files into raw text tables: CSV in any common dialect, or one sheet of an Excel workbook.

A `RawTable` is every cell as text (so values are parsed once, by `cells.py`, with one set of rules), the
spreadsheet row number of every row, and the file's decimal separator. Both sources go through one header check:
the header is found in the first rows (below a title, if there is one), a column whose name appears twice (after
folding case and spaces) is an error naming both positions, and sizes are kept within the limits in
`robuust_docs.files`. The workbook itself is read by `workbook.py`; pandas only holds the result.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from robuust_docs import fmt
from robuust_docs.errors import DataError, Problem
from robuust_docs.files import (
    MAX_HEADER_ROW,
    MAX_TABLE_BYTES,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
    LimitError,
    canonical,
    read_bytes,
)
from robuust_docs.inputs.workbook import SheetNotFoundError, WorkbookError, column_letter, read_sheet

WORKBOOK = "invoer.xlsx"
ENCODINGS = ("utf-8-sig", "cp1252")
UNREADABLE = "Invoer onleesbaar"


@dataclass(frozen=True)
class RawTable:
    """One table as text: `frame` has str cells ('' when empty) and an index of spreadsheet row numbers."""

    name: str
    file: str
    frame: pd.DataFrame
    decimal: str = ","
    sheet: str | None = None
    overflow: dict[int, list[str]] | None = None  # row number → cells beyond the header (CSV only)
    header_row: int = 1
    positions: dict[str, int] | None = None  # column name → its position in the file (0 for the first)


class MissingSheetError(DataError):
    """The workbook has no sheet for this table (fine for an optional table)."""


def find_sources(data_dir: Path, names: tuple[str, ...]) -> dict[str, Path]:
    """Map each table name to the file that holds it: `invoer.xlsx` if present, else `<name>.csv`."""
    workbook = data_dir / WORKBOOK
    if workbook.is_file():
        return {name: workbook for name in names}
    return {name: data_dir / f"{name}.csv" for name in names if (data_dir / f"{name}.csv").is_file()}


def read_table(name: str, path: Path, known: frozenset[str] = frozenset()) -> RawTable:
    """Read one table, raising DataError (with the file named) when the file itself cannot be read.

    `known` holds the column names the table may have (folded as headers are); the header row is the row among
    the first MAX_HEADER_ROW that names most of them (the first non-empty row when none does).
    """
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_sheet(name, path, known)
    return _read_csv(name, path, known)


def _fail(file: str, message: str, **where) -> DataError:
    return DataError(UNREADABLE, (Problem(file, message, **where),))


# --- CSV -----------------------------------------------------------------------------------------------------------


def _read_csv(name: str, path: Path, known: frozenset[str]) -> RawTable:
    try:
        raw = read_bytes(path, MAX_TABLE_BYTES)
        text = decode_text(raw)
    except LimitError as exc:
        raise _fail(path.name, str(exc)) from None
    except OSError as exc:
        raise _fail(path.name, f"kan het bestand niet lezen ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise _fail(path.name, str(exc)) from None
    if not text.strip():
        raise _fail(path.name, "het bestand is leeg")
    delimiter = _delimiter(text, known)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, row in enumerate(reader, start=1):
            if number > MAX_TABLE_ROWS + MAX_HEADER_ROW:
                raise _fail(path.name, _too_many_rows())
            if any(cell.strip() for cell in row):
                rows.append((number, row))
    except csv.Error as exc:
        raise _fail(path.name, f"geen geldige CSV (regel {reader.line_num}): {csv_error_text(exc)}") from None
    decimal = "," if delimiter == ";" or delimiter == "\t" and "," in text else "."
    return _table(name, path.name, rows, decimal, None, known, overflow=True)


def csv_error_text(exc: csv.Error) -> str:
    """The csv module's English message in Dutch."""
    text = str(exc)
    if "field larger than field limit" in text:
        return f"een cel is langer dan {fmt.number(csv.field_size_limit())} tekens"
    if "unexpected end of data" in text or "EOF" in text:
        return 'een aanhalingsteken (") wordt geopend maar niet gesloten'
    if "NUL" in text:
        return "het bestand bevat een nul-teken; is het wel een tekstbestand?"
    if "expected after" in text:
        return 'na een gesloten aanhalingsteken (") hoort een scheidingsteken of het einde van de regel'
    return text


def decode_text(raw: bytes) -> str:
    """The text of a CSV-like file: UTF-16 with BOM (Excel's "Unicode text"), UTF-8 with or without BOM, or
    Windows-1252; raises ValueError (Dutch) for binary data or undecodable bytes."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ValueError("tekens niet leesbaar als UTF-16 (Unicode-tekst)") from None
    if b"\x00" in raw[:4096]:
        raise ValueError("dit is geen tekstbestand (CSV) maar binaire data")
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("tekens niet leesbaar als UTF-8 of Windows-1252")


def _delimiter(text: str, known: frozenset[str]) -> str:
    """The delimiter that, in one of the first MAX_HEADER_ROW lines, splits off most known column names (so a
    title line above the header does not decide); `sniff_delimiter` on the first line when none does."""
    best, hits = sniff_delimiter(text), 0
    lines = text.lstrip("\ufeff").splitlines()[:MAX_HEADER_ROW]
    for delimiter in (";", "\t", ","):
        for line in lines:
            found = len({canonical(cell.strip().strip('"')) for cell in line.split(delimiter)} & known)
            if found > hits:
                best, hits = delimiter, found
    return best


def sniff_delimiter(text: str, lines: int = 1) -> str:
    """The delimiter (';', ',' or tab) that occurs most in the first `lines` lines; ';' wins a tie, ',' when
    none occurs (a one-column file)."""
    head = "\n".join(text.lstrip("\ufeff").splitlines()[:lines])
    counts = {d: head.count(d) for d in (";", "\t", ",")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


# --- Excel ---------------------------------------------------------------------------------------------------------


def _read_sheet(name: str, path: Path, known: frozenset[str]) -> RawTable:
    try:
        sheet = read_sheet(path, name)
    except SheetNotFoundError as exc:
        raise MissingSheetError("Invoer onvolledig", (Problem(path.name, str(exc)),)) from None
    except WorkbookError as exc:
        column = column_letter(exc.column) if exc.column is not None else None
        raise _fail(path.name, str(exc), row=exc.row, column=column, sheet=exc.sheet) from None
    except OSError as exc:
        raise _fail(path.name, f"kan het bestand niet lezen ({exc.strerror or exc})") from None
    table = _table(name, path.name, sheet.rows, ",", sheet.name, known)
    if sheet.unsaved:
        raise DataError(UNREADABLE, (_unsaved_formulas(table, sheet.unsaved),))
    return table


def _unsaved_formulas(table: RawTable, cells: list[tuple[int, int]]) -> Problem:
    row, column = cells[0]
    names = {position: name for name, position in (table.positions or {}).items()}
    more = len(cells) - 1
    others = f" (en nog {more} andere {'cel' if more == 1 else 'cellen'})" if more else ""
    return Problem(
        table.file,
        f"de formule in deze cel{others} heeft geen opgeslagen uitkomst; het bestand is gemaakt of gewijzigd door "
        "een programma dat formules niet uitrekent: open het in Excel (of LibreOffice) en sla het op",
        row,
        names.get(column, column_letter(column)),
        sheet=table.sheet,
    )


# --- one header check for both -------------------------------------------------------------------------------------


def _table(
    name: str,
    file: str,
    rows: list[tuple[int, list[str]]],
    decimal: str,
    sheet: str | None,
    known: frozenset[str],
    overflow: bool = False,
) -> RawTable:
    """The rows as a RawTable: the header found and checked, the cells below it as text by row number."""
    if not rows:
        raise _fail(file, "het blad is leeg" if sheet else "het bestand is leeg", sheet=sheet)
    start = _header_index(rows, known)
    header_row, header_cells = rows[start]
    header = [canonical(cell.replace("\ufeff", "")) for cell in header_cells]
    while header and not header[-1]:
        header.pop()
    if len(header) > MAX_TABLE_COLUMNS:
        raise _fail(file, f"de kopregel heeft meer dan {MAX_TABLE_COLUMNS} kolommen", row=header_row, sheet=sheet)
    positions: dict[str, int] = {}
    for index, column in enumerate(header):
        if not column:
            continue
        if column in positions:
            raise _fail(file, _twice(column, positions[column], index), row=header_row, column=column, sheet=sheet)
        positions[column] = index
    body = rows[start + 1 :]
    if len(body) > MAX_TABLE_ROWS:
        raise _fail(file, _too_many_rows(), row=body[MAX_TABLE_ROWS][0], sheet=sheet)
    width = len(header)
    extra = {n: cells[width:] for n, cells in body if len(cells) > width and any(c.strip() for c in cells[width:])}
    columns = list(positions)
    frame = pd.DataFrame(
        [[_cell(cells, i) for i in positions.values()] for _, cells in body],
        columns=columns,
        index=[n for n, _ in body],
        dtype=object,
    )
    if frame.empty:
        frame = pd.DataFrame(columns=columns, dtype=object)
    return RawTable(name, file, frame, decimal, sheet, extra if overflow else None, header_row, positions)


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _header_index(rows: list[tuple[int, list[str]]], known: frozenset[str]) -> int:
    """The index in `rows` of the header: among the first MAX_HEADER_ROW rows, the one naming most known
    columns; the first row when none names any."""
    best, hits = 0, 0
    for index, (number, cells) in enumerate(rows):
        if number > MAX_HEADER_ROW:
            break
        found = len({canonical(c) for c in cells} & known)
        if found > hits:
            best, hits = index, found
    return best


def _twice(column: str, first: int, second: int) -> str:
    return (
        f"kolom '{column}' staat twee keer in de kopregel: als {first + 1}e en als {second + 1}e kolom "
        f"({column_letter(first)} en {column_letter(second)}); houd er één over of geef ze verschillende namen"
    )


def _too_many_rows() -> str:
    return f"de tabel heeft meer dan {fmt.number(MAX_TABLE_ROWS)} rijen"
