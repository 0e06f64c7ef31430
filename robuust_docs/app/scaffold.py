"""`init_project` and `write_workbook`: the starting point for a new project (`robuust-docs init`).

`write_workbook` builds the input workbook `invoer.xlsx` from `schema.py`: one sheet per table with the column
names as a bold, frozen header row, a comment with meaning, unit and "verplicht" on every header cell, Excel data
validation where a cell has one allowed form, an optional example row per table (the fictional "Bibliotheek
Voorbeeld", valid for `load_dataset`), and a first sheet "toelichting" that explains every table and column and
lists the programme and theme ids from the content. `init_project` copies content and templates next to it and
never overwrites a folder that already holds something.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from robuust_docs import schema
from robuust_docs.errors import ContentError, OutputError, Problem, raise_if
from robuust_docs.files import read_yaml
from robuust_docs.inputs import WORKBOOK
from robuust_docs.output import atomic_write

HELP_SHEET = "toelichting"
LAST_ROW = 1000
AUTHOR = "robuust-docs"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
BOUNDS = {"lat": schema.NL_LAT, "lon": schema.NL_LON}  # the loader rejects coordinates outside the Netherlands
NUMBER_KINDS = ("float", "money", "percent")
LISTS = {
    "programmas": ("programmas.yaml", "programmas", "Programma's", "bibliotheken", "programmas"),
    "themas": ("themas.yaml", "themas", "Beleidsthema's", "gemeenten", "beleidsthemas"),
}
HELP_HEADER = ("tabel", "kolom", "verplicht", "betekenis", "eenheid", "toegestane waarden")
HELP_WIDTHS = (14, 24, 10, 70, 12, 50)
COPY_IGNORE = ("__pycache__", "*.pyc")

ContentLists = dict[str, list[tuple[str, str]]]


def write_workbook(path: Path, content_dir: Path, example: bool = True) -> None:
    """Write the input workbook to `path` (atomically); programme and theme ids come from `content_dir`."""
    lists = read_content_lists(content_dir)
    examples = example_rows(lists) if example else {}
    book = Workbook()
    book.remove(book.active)
    _add_help_sheet(book, lists, example)
    for table in schema.TABLES:
        _add_table_sheet(book, table, examples.get(table.name, []))
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(path, buffer.getvalue())


def read_content_lists(content_dir: Path) -> ContentLists:
    """(id, naam) of every programme and theme in `content_dir`; a missing or broken file is a ContentError."""
    problems: list[Problem] = []
    lists: ContentLists = {}
    for kind, (file, key, *_rest) in LISTS.items():
        data = read_yaml(content_dir / file, problems)
        items = data.get(key) if isinstance(data, dict) else None
        if data is not None and not isinstance(items, list):
            problems.append(Problem(file, f"verwacht een lijst '{key}'", key=key))
        lists[kind] = [(str(i["id"]), str(i.get("naam", ""))) for i in items or [] if isinstance(i, dict) and "id" in i]
    raise_if(problems, ContentError, "Inhoud onleesbaar voor het invoerbestand")
    return lists


# The example's history: per year a factor on the latest figures (`EXAMPLE_SCALED`) and the subsidy per year, so
# that a user sees how several years are entered (one row per library or municipality per year) and the example
# guide shows its trends. Branches and neighbourhoods hold the current situation only.
EXAMPLE_YEARS = {2023: 0.94, 2024: 0.97, 2025: 1.0}
EXAMPLE_SUBSIDY = {2023: 750000, 2024: 765000, 2025: 780000}
EXAMPLE_SCALED = (
    "baten_totaal",
    "eigen_inkomsten",
    "lasten_totaal",
    "personeelskosten",
    "leden",
    "jeugdleden",
    "bezoeken",
    "uitleningen",
    "activiteiten",
    "deelnemers",
)


def example_rows(lists: ContentLists) -> dict[str, list[dict[str, object]]]:
    """A valid example per table for the fictional 'Bibliotheek Voorbeeld': its library and municipality rows over
    three years, one branch and two neighbourhoods."""
    programmes = ", ".join(i for i, _ in lists["programmas"][:2])
    themes = ", ".join(i for i, _ in lists["themas"][:2])
    library = {
        "id": "bib-voorbeeld",
        "naam": "Bibliotheek Voorbeeld",
        "provincie": "Utrecht",
        "poi": "POI Voorbeeld",
        "jaar": 2025,
        "fte": 12.5,
        "vrijwilligers": 40,
        "baten_totaal": 1250000,
        "eigen_inkomsten": 180000,
        "lasten_totaal": 1230000,
        "personeelskosten": 760000,
        "huisvestingskosten": 240000,
        "eigen_vermogen": 150000,
        "leden": 6500,
        "jeugdleden": 3900,
        "bezoeken": 120000,
        "uitleningen": 150000,
        "activiteiten": 350,
        "deelnemers": 7000,
        "programmas": programmes,
    }
    municipality = {
        "code": "GM9999",
        "naam": "Voorbeeld",
        "bibliotheek_id": "bib-voorbeeld",
        "inwoners": 30000,
        "inwoners_0_17": 6000,
        "subsidie": 780000,
        "beleidsthemas": themes,
        "stedelijkheid": 3,
    }
    branch = {
        "id": "bib-voorbeeld-01",
        "bibliotheek_id": "bib-voorbeeld",
        "naam": "Bibliotheek Voorbeeld Centrum",
        "type": schema.FULL_BRANCH_TYPE,
        "gemeente_code": "GM9999",
        "lat": 52.0907,
        "lon": 5.1214,
        "openingsuren": 40,
        "open_bibliotheek_uren": 20,
        "rolstoeltoegankelijk": "ja",
        "avond": "ja",
        "weekend": "ja",
    }
    hoods = [
        {
            "code": "BU99990001",
            "naam": "Centrum",
            "gemeente_code": "GM9999",
            "inwoners": 14000,
            "lat": 52.0907,
            "lon": 5.1214,
            "afstand_bibliotheek_km": 0.3,
        },
        {
            "code": "BU99990002",
            "naam": "Oosterwijk",
            "gemeente_code": "GM9999",
            "inwoners": 16000,
            "lat": 52.0850,
            "lon": 5.1500,
            "afstand_bibliotheek_km": 2.1,
        },
    ]
    libraries = [
        {**library, "jaar": year, **{k: round(library[k] * factor) for k in EXAMPLE_SCALED}}
        for year, factor in EXAMPLE_YEARS.items()
    ]
    municipalities = [{**municipality, "jaar": year, "subsidie": EXAMPLE_SUBSIDY[year]} for year in EXAMPLE_YEARS]
    return {"bibliotheken": libraries, "gemeenten": municipalities, "vestigingen": [branch], "buurten": hoods}


def _add_table_sheet(book: Workbook, table: schema.Table, rows: list[dict[str, object]]) -> None:
    sheet = book.create_sheet(table.name)
    for index, col in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=col.name)
        cell.font = BOLD
        cell.comment = _header_comment(col)
        for row, record in enumerate(rows, start=2):
            sheet.cell(row=row, column=index, value=record.get(col.name))
        sheet.column_dimensions[get_column_letter(index)].width = _width(col, rows)
    sheet.freeze_panes = "A2"
    for index, col in enumerate(table.columns, start=1):
        validation = column_validation(col)
        if validation is not None:
            letter = get_column_letter(index)
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            sheet.add_data_validation(validation)


def _width(col: schema.Column, rows: list[dict[str, object]]) -> float:
    longest = max([len(col.name), *(len(str(r.get(col.name, ""))) for r in rows)])
    return min(max(longest + 3, 10), 45)


def _header_comment(col: schema.Column) -> Comment:
    lines = [
        col.meaning,
        f"Eenheid: {col.unit or '-'}",
        "Verplicht: ja" if col.required else "Verplicht: nee (leeg laten als het onbekend is)",
        f"Toegestaan: {allowed_values(col)}",
    ]
    text = "\n".join(lines)
    return Comment(text, AUTHOR, height=40 + 16 * (len(text) // 45 + len(lines)), width=320)


def allowed_values(col: schema.Column) -> str:
    """What a cell of `col` may hold, in Dutch (for the header comment and the toelichting)."""
    if col.choices:
        return "een van: " + ", ".join(col.choices)
    if col.kind == "bool":
        return "ja of nee"
    if col.kind == "list":
        what = "programma's" if col.name == "programmas" else "beleidsthema's"
        return f"id's of namen van {what} (zie blad {HELP_SHEET}), gescheiden door komma's"
    if col.name in BOUNDS:
        low, high = (_dutch(b) for b in BOUNDS[col.name])
        return f"getal tussen {low} en {high}"
    if col.kind == "int" or col.kind in NUMBER_KINDS:
        return ("geheel getal" if col.kind == "int" else "getal") + _range_text(col)
    return "tekst"


def _range_text(col: schema.Column) -> str:
    if col.minimum is not None and col.maximum is not None:
        return f" van {_dutch(col.minimum)} tot en met {_dutch(col.maximum)}"
    if col.minimum is not None:
        return f" ≥ {_dutch(col.minimum)}"
    if col.maximum is not None:
        return f" ≤ {_dutch(col.maximum)}"
    return ""


def _dutch(number: float) -> str:
    return f"{number:g}".replace(".", ",")


def column_validation(col: schema.Column) -> DataValidation | None:
    """The Excel data validation for `col` (still without cell range), or None for free text."""
    error = f"Toegestaan: {allowed_values(col)}. Laat de cel leeg als het gegeven onbekend is."
    if col.choices or col.kind == "bool":
        options = col.choices or ("ja", "nee")
        return _validation("list", None, f'"{",".join(options)}"', None, error)
    if col.kind == "list":
        prompt = f"Meerdere waarden gescheiden door komma's; zie blad {HELP_SHEET} voor de id's."
        return DataValidation(allow_blank=True, showInputMessage=True, promptTitle=col.name, prompt=prompt)
    kind = "whole" if col.kind == "int" else "decimal"
    if col.name in BOUNDS:
        low, high = BOUNDS[col.name]
        return _validation(kind, "between", f"{low:g}", f"{high:g}", error)
    if col.kind == "int" or col.kind in NUMBER_KINDS:
        low = "-1E+15" if col.minimum is None else f"{col.minimum:g}"
        if col.maximum is not None or col.minimum is None:
            high = "1E+15" if col.maximum is None else f"{col.maximum:g}"
            return _validation(kind, "between", low, high, error)
        return _validation(kind, "greaterThanOrEqual", low, None, error)
    return None


def _validation(kind: str, operator: str | None, low: str, high: str | None, error: str) -> DataValidation:
    return DataValidation(
        type=kind,
        operator=operator,
        formula1=low,
        formula2=high,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ongeldige waarde",
        error=error,
    )


def _add_help_sheet(book: Workbook, lists: ContentLists, example: bool) -> None:
    sheet = book.create_sheet(HELP_SHEET)
    lines = _intro_lines(example)
    for row, text in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=text)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    header_row = len(lines) + 2
    _append_rows(sheet, header_row, [HELP_HEADER, *help_rows()])
    sheet.freeze_panes = f"A{header_row + 1}"
    row = header_row + len(help_rows()) + 2
    for kind, (file, _key, title, table, column) in LISTS.items():
        sheet.cell(row=row, column=1, value=f"{title} voor kolom '{column}' in blad {table} (uit {file})").font = BOLD
        _append_rows(sheet, row + 1, [("id", "naam"), *lists[kind]])
        row += len(lists[kind]) + 3
    for index, width in enumerate(HELP_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _append_rows(sheet: Worksheet, first: int, rows: list[tuple]) -> None:
    """Write `rows` from row `first` on; the first of them is a bold header."""
    for offset, values in enumerate(rows):
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=first + offset, column=index, value=value)
            cell.alignment = WRAP
            if offset == 0:
                cell.font = BOLD


def _intro_lines(example: bool) -> list[str]:
    lines = [
        "Toelichting bij invoer.xlsx",
        "Vul per tabel het blad met dezelfde naam: één rij per gegeven vanaf rij 2. Verander de kopregel niet.",
        "Verplichte kolommen moeten gevuld zijn; laat een cel leeg als een gegeven onbekend is.",
        "Bij programmas en beleidsthemas mogen meerdere waarden, gescheiden door komma's (lijsten onderaan).",
        "Meer jaren: geef in bibliotheken en gemeenten één rij per bibliotheek of gemeente per jaar (kolom jaar). "
        "Eén jaar is genoeg; met drie jaren of meer toont de handreiking per bouwsteen hoe de cijfers veranderen. "
        "Vestigingen en buurten beschrijven de huidige situatie, zonder jaar.",
        "Controleer de invoer daarna met: robuust-docs validate",
        "",
        "Bladen:",
    ]
    for table in schema.TABLES:
        lines.append(f"{table.name} ({'verplicht' if table.required else 'optioneel'}): {table.meaning}")
    if example:
        lines.append("De rijen van 'Bibliotheek Voorbeeld' zijn een voorbeeld: vervang of verwijder ze.")
    return lines


def help_rows() -> list[tuple[str, str, str, str, str, str]]:
    """One row per column of every table: tabel, kolom, verplicht, betekenis, eenheid, toegestane waarden."""
    return [
        (table.name, col.name, "ja" if col.required else "nee", col.meaning, col.unit, allowed_values(col))
        for table in schema.TABLES
        for col in table.columns
    ]


def init_project(target: Path, content_src: Path, templates_src: Path) -> list[Path]:
    """Create `target/data` (content copy and invoer.xlsx) and `target/templates`; refuse to overwrite work."""
    data, templates = target / "data", target / "templates"
    _refuse_existing([data, templates])
    workbook = data / WORKBOOK
    try:
        write_workbook(workbook, content_src)
        shutil.copytree(content_src, data / "content", ignore=shutil.ignore_patterns(*COPY_IGNORE))
        shutil.copytree(
            templates_src, templates, ignore=shutil.ignore_patterns("*.py", *COPY_IGNORE), dirs_exist_ok=True
        )
    except OSError as exc:
        where = str(exc.filename or target)
        raise OutputError("Kan het project niet aanmaken", (Problem(where, exc.strerror or str(exc)),)) from None
    return [data / "content", workbook, templates]


def _refuse_existing(folders: list[Path]) -> None:
    problems = []
    for folder in folders:
        if folder.is_dir() and any(folder.iterdir()):
            problems.append(Problem(str(folder), "map bestaat al en is niet leeg; kies een andere of lege map"))
        elif folder.exists() and not folder.is_dir():
            problems.append(Problem(str(folder), "bestaat al als bestand; kies een andere map"))
    raise_if(problems, OutputError, "Project niet aangemaakt, bestaand werk blijft staan")
