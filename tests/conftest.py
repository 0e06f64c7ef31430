"""Shared fixtures: a small, valid project written into a temporary folder, and helpers to break it.

The project has two libraries in two categories: `bib-aadorp` (compact, two municipalities, 20.000 inhabitants)
and `bib-cstad` (kleinstedelijk, one municipality, 45.000 inhabitants), three branches, four neighbourhoods and a
copy of the bundled content in `data/content`. Tables are written as Dutch Excel writes them: semicolons and
decimal commas. Tests change one cell with `set_cell` and assert on the problems the loader reports.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

# The input cache (app/cache.py) is off for the tests, also in the CLI's child processes: many tests change code
# or inputs between runs (faults injected with monkeypatch) and must see them analysed. tests/app/test_cache.py
# switches it on, in a folder of its own.
os.environ["ROBUUST_DOCS_CACHE"] = "uit"

REPO = Path(__file__).resolve().parent.parent
BUNDLED_CONTENT = REPO / "data" / "content"

LIBRARIES = [
    {
        "id": "bib-aadorp",
        "naam": "Bibliotheek Aadorp",
        "provincie": "Overijssel",
        "poi": "Rijnbrink",
        "jaar": 2025,
        "fte": 3.5,
        "vrijwilligers": 20,
        "baten_totaal": 450000,
        "eigen_inkomsten": 50000,
        "lasten_totaal": 440000,
        "personeelskosten": 260000,
        "huisvestingskosten": 90000,
        "eigen_vermogen": -12500,
        "leden": 3000,
        "jeugdleden": 1900,
        "bezoeken": 40000,
        "uitleningen": 50000,
        "activiteiten": 200,
        "deelnemers": 3000,
        "programmas": "taalhuis, IDO",
    },
    {
        "id": "bib-cstad",
        "naam": "Bibliotheek Cstad",
        "provincie": "Utrecht",
        "poi": "Probiblio",
        "jaar": 2025,
        "fte": 9.25,
        "vrijwilligers": 60,
        "baten_totaal": 1250000,
        "eigen_inkomsten": 150000,
        "lasten_totaal": 1240000,
        "personeelskosten": 700000,
        "huisvestingskosten": 250000,
        "eigen_vermogen": 300000,
        "leden": 9000,
        "jeugdleden": 6000,
        "bezoeken": 150000,
        "uitleningen": 160000,
        "activiteiten": 600,
        "deelnemers": 9000,
        "programmas": "BoekStart",
    },
]
MUNICIPALITIES = [
    {
        "code": "GM0001",
        "naam": "Aadorp",
        "bibliotheek_id": "bib-aadorp",
        "inwoners": 12000,
        "inwoners_0_17": 2400,
        "subsidie": 300000,
        "beleidsthemas": "geletterdheid, Kunst en cultuur",
        "stedelijkheid": 4,
    },
    {
        "code": "GM0002",
        "naam": "Beekveld",
        "bibliotheek_id": "bib-aadorp",
        "inwoners": 8000,
        "inwoners_0_17": 1500,
        "subsidie": 180000,
        "beleidsthemas": "gezondheid",
        "stedelijkheid": 5,
    },
    {
        "code": "GM0003",
        "naam": "Cstad",
        "bibliotheek_id": "bib-cstad",
        "inwoners": 45000,
        "inwoners_0_17": 9000,
        "subsidie": 1000000,
        "beleidsthemas": "digitale_inclusie",
        "stedelijkheid": 2,
    },
]
BRANCHES = [
    {
        "id": "bib-aadorp-01",
        "bibliotheek_id": "bib-aadorp",
        "naam": "Bibliotheek Aadorp",
        "type": "vestiging",
        "gemeente_code": "GM0001",
        "lat": 52.3712,
        "lon": 6.6321,
        "openingsuren": 30.5,
        "open_bibliotheek_uren": 10,
        "rolstoeltoegankelijk": True,
        "avond": True,
        "weekend": False,
    },
    {
        "id": "bib-aadorp-02",
        "bibliotheek_id": "bib-aadorp",
        "naam": "Servicepunt Beekveld",
        "type": "servicepunt",
        "gemeente_code": "GM0002",
        "lat": 52.4021,
        "lon": 6.7015,
        "openingsuren": 6,
        "open_bibliotheek_uren": 0,
        "rolstoeltoegankelijk": False,
        "avond": False,
        "weekend": True,
    },
    {
        "id": "bib-cstad-01",
        "bibliotheek_id": "bib-cstad",
        "naam": "Centrale Bibliotheek Cstad",
        "type": "vestiging",
        "gemeente_code": "GM0003",
        "lat": 52.0907,
        "lon": 5.1214,
        "openingsuren": 55,
        "open_bibliotheek_uren": 20,
        "rolstoeltoegankelijk": True,
        "avond": True,
        "weekend": True,
    },
]
NEIGHBOURHOODS = [
    {
        "code": "BU00010001",
        "naam": "Aadorp Centrum",
        "gemeente_code": "GM0001",
        "inwoners": 7000,
        "lat": 52.3715,
        "lon": 6.6330,
        "afstand_bibliotheek_km": 0.4,
    },
    {
        "code": "BU00010002",
        "naam": "Aadorp Buiten",
        "gemeente_code": "GM0001",
        "inwoners": 5000,
        "lat": 52.3900,
        "lon": 6.6000,
        "afstand_bibliotheek_km": 2.8,
    },
    {
        "code": "BU00020001",
        "naam": "Beekveld",
        "gemeente_code": "GM0002",
        "inwoners": 8000,
        "lat": 52.4030,
        "lon": 6.7000,
        "afstand_bibliotheek_km": 0.7,
    },
    {
        "code": "BU00030001",
        "naam": "Cstad Centrum",
        "gemeente_code": "GM0003",
        "inwoners": 45000,
        "lat": 52.0900,
        "lon": 5.1200,
        "afstand_bibliotheek_km": 0.9,
    },
]
TABLES = {"bibliotheken": LIBRARIES, "gemeenten": MUNICIPALITIES, "vestigingen": BRANCHES, "buurten": NEIGHBOURHOODS}


def cell_text(value: object, decimal: str = ",") -> str:
    """A value as a person types it into a spreadsheet: 'ja'/'nee', '3,5' (or '3.5'), '' for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return repr(value).replace(".", decimal)
    return str(value)


def csv_text(rows: list[dict], delimiter: str = ";") -> str:
    """The rows as CSV text; numbers get a decimal comma in a semicolon file, a decimal point otherwise."""
    decimal = "," if delimiter == ";" else "."
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(list(rows[0]))
    for row in rows:
        writer.writerow([cell_text(v, decimal) for v in row.values()])
    return out.getvalue()


def write_csv(path: Path, rows: list[dict], delimiter: str = ";", encoding: str = "utf-8") -> Path:
    path.write_bytes(csv_text(rows, delimiter).encode(encoding))
    return path


def write_project(root: Path, delimiter: str = ";", content: bool = True) -> Path:
    """Write the small valid project under `root`; returns the data folder (content in `data/content`)."""
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name, rows in TABLES.items():
        write_csv(data / f"{name}.csv", rows, delimiter)
    if content:
        shutil.copytree(BUNDLED_CONTENT, data / "content")
    return data


def write_workbook(path: Path, tables: dict[str, list[dict]] | None = None) -> Path:
    """An Excel workbook with one sheet per table, numbers and booleans as real Excel cells."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in (TABLES if tables is None else tables).items():
        sheet = book.create_sheet(name)
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append(list(row.values()))
    book.save(path)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The data folder of a fresh small valid project (CSV with semicolons, plus the bundled content)."""
    return write_project(tmp_path)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled content, free to edit."""
    return Path(shutil.copytree(BUNDLED_CONTENT, tmp_path / "content"))


# --- editing CSV files ----------------------------------------------------------------------------------------------


def _read(path: Path) -> tuple[str, list[list[str]]]:
    text = path.read_text(encoding="utf-8")
    header = text.splitlines()[0]
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    return delimiter, list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _write(path: Path, delimiter: str, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def row_number(path: Path, key: str) -> int:
    """The spreadsheet row number (header is row 1) of the row whose first cell is `key`."""
    _, rows = _read(path)
    return next(n for n, row in enumerate(rows, start=1) if n > 1 and row and row[0] == key)


def set_cell(path: Path, row: int | str, column: str, value: str) -> int:
    """Set one cell; `row` is a spreadsheet row number or the key in the first column. Returns the row number."""
    delimiter, rows = _read(path)
    number = row if isinstance(row, int) else row_number(path, row)
    rows[number - 1][rows[0].index(column)] = value
    _write(path, delimiter, rows)
    return number


def add_row(path: Path, **cells: str) -> int:
    """Append a row copied from the last one, with `cells` changed. Returns its row number."""
    delimiter, rows = _read(path)
    new = list(rows[-1])
    for column, value in cells.items():
        new[rows[0].index(column)] = value
    _write(path, delimiter, [*rows, new])
    return len(rows) + 1


def drop_rows(path: Path, *keys: str) -> None:
    """Remove the rows whose first cell is one of `keys`."""
    delimiter, rows = _read(path)
    _write(path, delimiter, [rows[0], *(r for r in rows[1:] if r[0] not in keys)])


def drop_column(path: Path, column: str) -> None:
    delimiter, rows = _read(path)
    index = rows[0].index(column)
    _write(path, delimiter, [[c for i, c in enumerate(r) if i != index] for r in rows])


def matching(problems, **attributes) -> list:
    """The problems whose attributes equal every given value (`matching(ps, column='lat', row=3)`)."""
    return [p for p in problems if all(getattr(p, k) == v for k, v in attributes.items())]
