"""One sheet of `invoer.xlsx`, read without trusting the file: an Excel workbook is a zip of XML parts.

Before anything is parsed, the file's size, the number of parts in the zip and the unpacked size of every part
we read are checked against the limits in `robuust_docs.files` (a zip bomb is refused, not unpacked; `zipfile`
never unpacks more than a part's stated size). Only what one table needs is read: the list of sheets, the one
sheet (streamed row by row, so a stray value in row 1.048.576 stops the read at once instead of filling a million
empty rows), the styles (to recognise dates) and just the shared strings that sheet uses. A hidden sheet is never
read in place of a visible one, and a formula whose result was never saved (a file written by a program rather
than by Excel) is reported, not read as an empty cell.
"""

from __future__ import annotations

import datetime as _dt
import re
import stat
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, ParseError, iterparse

from robuust_docs import fmt
from robuust_docs.files import (
    MAX_HEADER_ROW,
    MAX_SHEET_XML_BYTES,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
    MAX_WORKBOOK_BYTES,
    MAX_WORKBOOK_PART_BYTES,
    MAX_ZIP_ENTRIES,
    canonical,
    size_text,
)

_DATE_FORMATS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}  # Excel's built-in date formats
_CELL = re.compile(r"^([A-Z]{1,3})(\d+)$")
_BROKEN = "geen geldig Excel-bestand (.xlsx)"


class WorkbookError(ValueError):
    """The workbook cannot be read as it is; the message is Dutch; `row` and `column` say where, when known."""

    def __init__(self, message: str, row: int | None = None, column: int | None = None):
        super().__init__(message)
        self.row, self.column = row, column
        self.sheet: str | None = None  # set once the sheet is known


class SheetNotFoundError(WorkbookError):
    """No sheet, visible or hidden, has the table's name."""


@dataclass
class SheetRows:
    """The non-empty rows of one sheet as text, by spreadsheet row number (cells from column A on); `unsaved`
    holds (row, column index) of every formula without a saved result."""

    name: str
    rows: list[tuple[int, list[str]]]
    unsaved: list[tuple[int, int]] = field(default_factory=list)


def column_letter(index: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_sheet(path: Path, table: str) -> SheetRows:
    """The visible sheet whose name is `table` once case and surrounding spaces are set aside."""
    _check_zip(path)
    try:
        with zipfile.ZipFile(path) as book:
            sheets, date1904 = _sheets(book)
            name, part = _choose(sheets, table)
            try:
                return _read_chosen(book, part, name, date1904)
            except WorkbookError as exc:
                exc.sheet = name
                raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, KeyError) as exc:
        raise WorkbookError(f"{_BROKEN} ({type(exc).__name__})") from None
    except ParseError as exc:
        raise WorkbookError(f"{_BROKEN}: kapotte XML ({exc})") from None


def _read_chosen(book: zipfile.ZipFile, part: str, name: str, date1904: bool) -> SheetRows:
    shared: dict[int, str] = {}
    result = _read_rows(book, part, name, _date_styles(book), date1904, shared)
    if shared:
        _fill_shared_strings(book, shared)
        result.rows = [(n, [shared[c] if type(c) is _Shared else c for c in cells]) for n, cells in result.rows]
    return result


# --- the zip -------------------------------------------------------------------------------------------------------


def _check_zip(path: Path) -> None:
    """Refuse what is not a regular file, too big a file, or a zip with too many parts, before unzipping."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise WorkbookError("dit is geen gewoon bestand")
    if info.st_size > MAX_WORKBOOK_BYTES:
        raise WorkbookError(
            f"het bestand is te groot ({size_text(info.st_size)}; hoogstens {size_text(MAX_WORKBOOK_BYTES)})"
        )
    with path.open("rb") as handle:
        handle.seek(max(0, info.st_size - 65_557))  # the end record and the longest comment a zip can have
        tail = handle.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 22:
        raise WorkbookError(f"{_BROKEN} (geen zip-bestand)")
    entries = struct.unpack_from("<H", tail, end + 10)[0]
    if entries > MAX_ZIP_ENTRIES:
        raise WorkbookError(f"het bestand bevat te veel onderdelen (meer dan {fmt.number(MAX_ZIP_ENTRIES)})")


def _open(book: zipfile.ZipFile, part: str, limit: int):
    """A stream of one part, after checking how it is packed and its unpacked size."""
    info = book.getinfo(part)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise WorkbookError(f"{_BROKEN}: onderdeel {part} is op een onbekende manier ingepakt")
    if info.file_size > limit:
        raise WorkbookError(
            f"onderdeel {part} is uitgepakt te groot ({size_text(info.file_size)}; hoogstens {size_text(limit)}); "
            "staat er veel meer in het bestand dan de tabellen?"
        )
    with book.open(info) as handle:
        head = handle.read(2048)
    if b"<!DOCTYPE" in head.upper():
        raise WorkbookError(f"{_BROKEN}: onderdeel {part} bevat een DTD")
    return book.open(info)


def _elements(book: zipfile.ZipFile, part: str, limit: int, tags: set[str]) -> Iterator[tuple[Element, str]]:
    """(element, local name of its parent) for each element whose local name is in `tags`, complete when yielded.

    Every finished element outside the wanted ones is dropped at once, so memory stays flat however long the
    part is (a sheet of a million rows, or a hundred thousand merged cells nobody asked for)."""
    stack: list[Element] = []
    inside = 0  # wanted elements open around the current one
    with _open(book, part, limit) as handle:
        for event, element in iterparse(handle, events=("start", "end")):
            wanted = _name(element) in tags
            if event == "start":
                stack.append(element)
                inside += wanted
                continue
            stack.pop()
            inside -= wanted
            parent = stack[-1] if stack else None
            if wanted:
                yield element, _name(parent) if parent is not None else ""
            if parent is not None and inside == 0:
                parent.clear()


def _name(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _child(element: Element, name: str) -> Element | None:
    return next((c for c in element if _name(c) == name), None)


# --- sheets --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sheet:
    name: str
    part: str
    visible: bool


def _sheets(book: zipfile.ZipFile) -> tuple[list[_Sheet], bool]:
    """The sheets in workbook order with their parts and visibility, and whether dates count from 1904."""
    targets = {}
    for rel, _ in _elements(book, "xl/_rels/workbook.xml.rels", MAX_WORKBOOK_PART_BYTES, {"Relationship"}):
        target = rel.get("Target", "")
        targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
    sheets, date1904 = [], False
    for element, _ in _elements(book, "xl/workbook.xml", MAX_WORKBOOK_PART_BYTES, {"sheet", "workbookPr"}):
        if _name(element) == "workbookPr":
            date1904 = element.get("date1904", "0").lower() in ("1", "true")
            continue
        rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
        sheets.append(
            _Sheet(element.get("name", ""), targets.get(rid, ""), element.get("state", "visible") == "visible")
        )
    return sheets, date1904


def _choose(sheets: list[_Sheet], table: str) -> tuple[str, str]:
    """The one visible sheet named `table`; a hidden one is refused with a message, never read instead."""
    matches = [s for s in sheets if canonical(s.name) == table]
    visible = [s for s in matches if s.visible]
    if len(visible) > 1:
        names = " en ".join(f"'{s.name}'" for s in visible)
        raise WorkbookError(f"meer dan één blad heet '{table}' ({names}); houd er één over")
    if visible:
        return visible[0].name, visible[0].part
    if matches:
        raise WorkbookError(
            f"blad '{matches[0].name}' is verborgen; maak het zichtbaar (rechtsklik op een bladtab, Zichtbaar maken) "
            "of verwijder het"
        )
    shown = ", ".join(s.name for s in sheets if s.visible) or "geen"
    raise SheetNotFoundError(f"blad '{table}' ontbreekt; wel aanwezig: {shown}")


# --- cells ---------------------------------------------------------------------------------------------------------


class _Shared(int):
    """A cell holding the index of a shared string, filled in once the whole sheet has been read."""


def _date_styles(book: zipfile.ZipFile) -> set[int]:
    """The cell styles (by index) that show a number as a date or a time."""
    if "xl/styles.xml" not in book.namelist():
        return set()
    custom: dict[int, bool] = {}
    formats: list[int] = []
    for element, parent in _elements(book, "xl/styles.xml", MAX_WORKBOOK_PART_BYTES, {"numFmt", "xf"}):
        if _name(element) == "numFmt":
            custom[_int(element.get("numFmtId"))] = _is_date_format(element.get("formatCode", ""))
        elif parent == "cellXfs":
            formats.append(_int(element.get("numFmtId")))
    return {index for index, f in enumerate(formats) if custom.get(f, f in _DATE_FORMATS)}


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


def _is_date_format(code: str) -> bool:
    plain = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", code)
    return "general" not in plain.lower() and bool(re.search(r"[dmyhs]", plain, re.IGNORECASE))


def _read_rows(
    book: zipfile.ZipFile, part: str, name: str, dates: set[int], date1904: bool, shared: dict[int, str]
) -> SheetRows:
    """Every row with a value; shared strings are left as _Shared indexes (collected in `shared`)."""
    result = SheetRows(name, [])
    number = 0
    for row, _ in _elements(book, part, MAX_SHEET_XML_BYTES, {"row"}):
        number = _int(row.get("r")) or number + 1
        cells: list[str] = []
        column = -1
        for cell in row:
            if _name(cell) != "c":
                continue
            found = _CELL.match(cell.get("r", ""))
            column = _column_index(found.group(1)) if found else column + 1
            value = _cell_value(cell, dates, date1904)
            if value is None:
                result.unsaved.append((number, column))
                continue
            if value == "" or column >= MAX_TABLE_COLUMNS:
                continue
            if number > MAX_TABLE_ROWS + MAX_HEADER_ROW:
                raise WorkbookError(
                    f"er staat iets in cel {column_letter(column)}{number}, maar een tabel heeft hoogstens "
                    f"{fmt.number(MAX_TABLE_ROWS)} rijen; verwijder wat onder de tabel staat",
                    number,
                    column,
                )
            if type(value) is _Shared:
                shared[value] = ""
            cells.extend([""] * (column - len(cells)))
            cells.append(value)
        if cells:
            result.rows.append((number, cells))
    return result


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _cell_value(cell: Element, dates: set[int], date1904: bool) -> str | _Shared | None:
    """The cell as text ('' when empty), a _Shared index, or None for a formula without a saved result."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = _child(cell, "is")
        return _string(inline) if inline is not None else ""
    value = _child(cell, "v")
    text = value.text if value is not None else None
    if text is None:
        return None if _child(cell, "f") is not None else ""
    if kind == "s":
        return _Shared(_int(text))
    if kind == "b":
        return "ja" if text.strip() in ("1", "true") else "nee"
    if kind in ("str", "e", "d"):
        return text
    return _number_text(text, _int(cell.get("s")) in dates, date1904)


def _string(element: Element) -> str:
    """The text of a shared or inline string: its own `t`, or the `t` of each run (phonetic runs left out)."""
    own = _child(element, "t")
    if own is not None:
        return own.text or ""
    runs = (_child(run, "t") for run in element if _name(run) == "r")
    return "".join(t.text or "" for t in runs if t is not None)


def _number_text(text: str, is_date: bool, date1904: bool) -> str:
    """A number with a decimal comma, as the CSV reader sees it; a number shown as a date reads as that date."""
    try:
        number = float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:
        return text
    if is_date and 0 <= number < 2_958_466:  # up to the year 9999
        base = _dt.datetime(1904, 1, 1) if date1904 else _dt.datetime(1899, 12, 30)
        moment = base + _dt.timedelta(days=float(number))
        return moment.date().isoformat() if moment.time() == _dt.time() else moment.isoformat(sep=" ")
    if isinstance(number, float):
        if number != number or abs(number) == float("inf"):
            return text
        return f"{number:.10f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(number)


def _fill_shared_strings(book: zipfile.ZipFile, wanted: dict[int, str]) -> None:
    """Fill `wanted` (index → text) from the shared strings; the ones the sheet does not use are skipped."""
    if "xl/sharedStrings.xml" not in book.namelist():
        return
    for index, (element, _) in enumerate(_elements(book, "xl/sharedStrings.xml", MAX_WORKBOOK_PART_BYTES, {"si"})):
        if index in wanted:
            wanted[index] = _string(element)
