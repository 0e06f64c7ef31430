"""Reading one sheet of invoer.xlsx without trusting the file: sizes checked before unzipping, hidden sheets,
formulas without a saved result, a stray value far below the table, dates, and only the strings a sheet uses."""

from __future__ import annotations

import datetime
import struct
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from robuust_docs.inputs import workbook
from robuust_docs.inputs.workbook import SheetNotFoundError, WorkbookError, column_letter, read_sheet

HEADER = ["code", "inwoners"]


def make(path: Path, sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def replace_part(path: Path, part: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as old:
        items = [(i, old.read(i.filename)) for i in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, content in items:
            new.writestr(info, data if info.filename == part else content)


def sheet_xml(rows: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        f'2006/main"><sheetData>{rows}</sheetData></worksheet>'
    ).encode()


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "invoer.xlsx"


def test_cells_come_as_text_by_row_number(path):
    make(path, {"gemeenten": [HEADER, ["GM0001", 12000], [], ["GM0003", 45000.5], ["GM0004", True]]})
    sheet = read_sheet(path, "gemeenten")
    assert sheet.name == "gemeenten"
    assert sheet.rows == [(1, HEADER), (2, ["GM0001", "12000"]), (4, ["GM0003", "45000,5"]), (5, ["GM0004", "ja"])]


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


# --- which sheet ----------------------------------------------------------------------------------------------------


def test_a_hidden_stale_sheet_is_not_read_instead_of_the_visible_one(path):
    make(
        path,
        {"gemeenten ": [HEADER, ["GM0009", 1]], "Gemeenten": [HEADER, ["GM0001", 12000]]},
        hidden=("gemeenten ",),
    )
    sheet = read_sheet(path, "gemeenten")
    assert sheet.name == "Gemeenten"
    assert sheet.rows[1] == (2, ["GM0001", "12000"])


def test_only_a_hidden_sheet_is_an_error_saying_so(path):
    make(path, {"bibliotheken": [["id"], ["bib-a"]], "gemeenten": [HEADER]}, hidden=("gemeenten",))
    with pytest.raises(WorkbookError, match="blad 'gemeenten' is verborgen"):
        read_sheet(path, "gemeenten")


def test_two_visible_sheets_with_one_name_are_an_error_naming_both(path):
    make(path, {"gemeenten": [HEADER], " Gemeenten": [HEADER]})
    with pytest.raises(WorkbookError, match="'gemeenten' en ' Gemeenten'"):
        read_sheet(path, "gemeenten")


def test_a_missing_sheet_lists_the_visible_ones(path):
    make(path, {"bibliotheken": [["id"]], "oud": [["id"]]}, hidden=("oud",))
    with pytest.raises(SheetNotFoundError, match="wel aanwezig: bibliotheken$"):
        read_sheet(path, "gemeenten")


# --- formulas and dates ---------------------------------------------------------------------------------------------


def test_a_formula_without_a_saved_result_is_reported_with_its_cell(path):
    make(path, {"gemeenten": [HEADER, ["GM0001", "=1000*12"], ["GM0002", 8000]]})  # openpyxl saves no results
    sheet = read_sheet(path, "gemeenten")
    assert sheet.unsaved == [(2, 1)]
    assert sheet.rows[1] == (2, ["GM0001"])


def test_a_formula_with_a_saved_result_reads_as_that_result(path):
    make(path, {"gemeenten": [HEADER]})
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="B1" t="inlineStr"><is><t>inwoners</t>'
        '</is></c></row><row r="2"><c r="A2" t="str"><f>"GM"&amp;"0001"</f><v>GM0001</v></c><c r="B2"><f>1000*12'
        "</f><v>12000</v></c></row>"
    )
    replace_part(path, "xl/worksheets/sheet1.xml", sheet_xml(rows))
    sheet = read_sheet(path, "gemeenten")
    assert sheet.unsaved == []
    assert sheet.rows[1] == (2, ["GM0001", "12000"])


def test_a_number_shown_as_a_date_reads_as_that_date(path):
    make(path, {"bibliotheken": [["id", "jaar"], ["bib-a", datetime.datetime(2025, 1, 1)]]})
    assert read_sheet(path, "bibliotheken").rows[1] == (2, ["bib-a", "2025-01-01"])


def test_only_the_shared_strings_the_sheet_uses_are_kept(path):
    make(path, {"gemeenten": [HEADER]})
    strings = "".join(f"<si><t>ongebruikt {i}</t></si>" for i in range(5000)) + "<si><t>GM0001</t></si>"
    sst = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>'.encode()
    rows = '<row r="1"><c r="A1" t="s"><v>5000</v></c></row>'
    replace_part(path, "xl/worksheets/sheet1.xml", sheet_xml(rows))
    with zipfile.ZipFile(path, "a") as book:
        book.writestr("xl/sharedStrings.xml", sst)
    assert read_sheet(path, "gemeenten").rows == [(1, ["GM0001"])]


# --- what a hostile file cannot do ----------------------------------------------------------------------------------


def test_a_stray_value_in_the_last_row_stops_the_read_at_once(path):
    book = Workbook()
    sheet = book.active
    sheet.title = "buurten"
    sheet.append(["code"])
    sheet.cell(row=1_048_576, column=1, value="x")
    book.save(path)
    start = time.perf_counter()
    with pytest.raises(WorkbookError, match=r"cel A1048576.*hoogstens 100\.000 rijen") as caught:
        read_sheet(path, "buurten")
    assert (caught.value.row, caught.value.column) == (1_048_576, 0)
    assert time.perf_counter() - start < 10  # not a speed claim: the old reader filled a million rows first


def test_a_sheet_that_unpacks_beyond_the_limit_is_refused_unread(path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_SHEET_XML_BYTES", 50_000)
    make(path, {"buurten": [["code", "naam"], *([f"BU{i:08d}", "x" * 20] for i in range(2000))]})
    with pytest.raises(WorkbookError, match=r"sheet1\.xml is uitgepakt te groot .*hoogstens 50 kB"):
        read_sheet(path, "buurten")


def test_unused_shared_strings_beyond_the_limit_are_refused_unread(path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_WORKBOOK_PART_BYTES", 10_000)
    make(path, {"gemeenten": [HEADER]})
    sst = b"<sst>" + b"<si><t>x</t></si>" * 1000 + b"</sst>"
    replace_part(path, "xl/worksheets/sheet1.xml", sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))
    with zipfile.ZipFile(path, "a") as book:
        book.writestr("xl/sharedStrings.xml", sst)
    with pytest.raises(WorkbookError, match="sharedStrings.xml is uitgepakt te groot"):
        read_sheet(path, "gemeenten")


def test_a_part_that_lies_about_its_size_is_never_unpacked_beyond_it(path):
    make(path, {"gemeenten": [HEADER, *(["GM0001", 1] for _ in range(500))]})
    data = path.read_bytes()
    with zipfile.ZipFile(path) as book:
        info = book.getinfo("xl/worksheets/sheet1.xml")
    # the central directory entry of the sheet: signature, then its uncompressed size at offset 24
    name = info.filename.encode()
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    path.write_bytes(data[: entry + 24] + struct.pack("<I", 100) + data[entry + 28 :])
    with pytest.raises(WorkbookError, match="geen geldig Excel-bestand"):
        read_sheet(path, "gemeenten")


def test_too_many_parts_are_refused_before_unzipping(path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_ZIP_ENTRIES", 5)
    make(path, {f"blad{i}": [["id"]] for i in range(5)})
    with pytest.raises(WorkbookError, match="te veel onderdelen"):
        read_sheet(path, "blad1")


def test_a_workbook_above_the_file_limit_is_refused(path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_WORKBOOK_BYTES", 1000)
    make(path, {"gemeenten": [HEADER]})
    with pytest.raises(WorkbookError, match="het bestand is te groot"):
        read_sheet(path, "gemeenten")


def test_a_part_with_a_dtd_is_refused(path):
    make(path, {"gemeenten": [HEADER]})
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><worksheet><sheetData/></worksheet>'
    replace_part(path, "xl/worksheets/sheet1.xml", dtd)
    with pytest.raises(WorkbookError, match="DTD"):
        read_sheet(path, "gemeenten")


@pytest.mark.parametrize("content", [b"geen zip", b"PK\x05\x06" + b"\x00" * 18], ids=["no-zip", "empty-zip"])
def test_a_broken_workbook_is_a_workbook_error(path, content):
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match="geen geldig Excel-bestand"):
        read_sheet(path, "gemeenten")


def test_reading_closes_every_file_it_opens(path, monkeypatch):
    make(path, {"gemeenten": [HEADER, ["GM0001", "tekst"]]})
    opened: list = []
    real = zipfile.ZipFile.open

    def spy(self, *args, **kwargs):
        handle = real(self, *args, **kwargs)
        opened.append(handle)
        return handle

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    read_sheet(path, "gemeenten")
    assert opened and all(handle.closed for handle in opened)
