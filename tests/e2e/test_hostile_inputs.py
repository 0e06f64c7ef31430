"""Hostile and unlucky inputs handed to the command line, on a copy of the sample project: every one ends in a
Dutch message naming file, sheet, row, column and value (asserted by attribute, through `validate --json`), or
is read as meant; nothing is written when a run stops, and nothing hangs or eats the machine's memory.

The files are made here, in a temporary folder, with the real limits (`robuust_docs.files`); the cost of each
case before and after the limits is measured by `benchmarks/bench_hostile_inputs.py`.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from robuust_docs.cli import main
from robuust_docs.files import (
    MAX_SHEET_XML_BYTES,
    MAX_TABLE_BYTES,
    MAX_TEXT_CHARS,
    MAX_WORKBOOK_PART_BYTES,
    MAX_YAML_BYTES,
)

pytestmark = pytest.mark.slow  # each case loads, checks and analyses the whole sample dataset

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("bibliotheken", "gemeenten", "vestigingen", "buurten")
BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def rows_of(data: Path, table: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((data / f"{table}.csv").read_text(encoding="utf-8"))))


def write_rows(data: Path, table: str, rows: list[list[str]], newline: str = "\n") -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    (data / f"{table}.csv").write_text(out.getvalue(), encoding="utf-8", newline="")


def set_value(data: Path, table: str, key: str, column: str, value: str) -> int:
    """Set one cell of the sample; returns its spreadsheet row."""
    rows = rows_of(data, table)
    number = next(n for n, row in enumerate(rows, start=1) if row[0] == key)
    rows[number - 1][rows[0].index(column)] = value
    write_rows(data, table, rows)
    return number


def validate(data: Path) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["validate", "--json", "--data", str(data)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.output)["problems"]


def only(problems: list[dict], **attributes) -> dict:
    found = [p for p in problems if all(p[k] == v for k, v in attributes.items())]
    assert len(found) == 1, problems
    return found[0]


def generate_stops(tmp_path: Path, data: Path, *extra: str) -> str:
    """Run `generate --all`; it must stop with exit code 1 before writing anything. Returns what it said."""
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", "--all", "--data", str(data), "--out", str(out), *extra])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())
    return result.output


def to_workbook(data: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    for table in TABLES:
        sheet = book.create_sheet(table)
        for row in rows_of(data, table):
            sheet.append([_typed(v) for v in row])
        (data / f"{table}.csv").unlink()
    book.save(data / "invoer.xlsx")
    return data / "invoer.xlsx"


def _typed(text: str) -> object:
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text


# --- two libraries, one file name -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "other",
    ["BIB-VEENHOVEN", "bib veenhoven", "Bib_Veenhoven"],
    ids=["case", "space", "underscore"],
)
def test_ids_that_share_a_file_name_stop_validate_and_generate(tmp_path, data, other):
    rows = rows_of(data, "bibliotheken")
    rows.append([other, "Bibliotheek Tweede", *rows[1][2:]])
    write_rows(data, "bibliotheken", rows)
    code, problems = validate(data)
    problem = only(problems, kolom="id", bibliotheek=None)  # the new library has no municipalities: also said
    assert (code, problem["bestand"], problem["rij"], problem["waarde"]) == (1, "bibliotheken.csv", len(rows), other)
    # the row of the report year: the sample has one row per library per year
    current = max(i for i, r in enumerate(rows[:-1], start=1) if r[0] == "bib-veenhoven")
    assert f"'bib-veenhoven' in rij {current}" in problem["melding"]
    assert "handreiking-bib-veenhoven" in generate_stops(tmp_path, data)


def test_ids_that_differ_only_in_unicode_normalisation_are_one_id(tmp_path, data):
    composed, decomposed = unicodedata.normalize("NFC", "bib-veenhovén"), unicodedata.normalize("NFD", "bib-veenhovén")
    for table, column in (("bibliotheken", "id"), ("gemeenten", "bibliotheek_id"), ("vestigingen", "bibliotheek_id")):
        rows = rows_of(data, table)
        index = rows[0].index(column)
        write_rows(
            data,
            table,
            [[composed if c == "bib-veenhoven" and i == index else c for i, c in enumerate(r)] for r in rows],
        )
    rows = rows_of(data, "bibliotheken")
    rows.append([decomposed, "Bibliotheek Tweede", *rows[1][2:]])
    write_rows(data, "bibliotheken", rows)
    _, problems = validate(data)
    problem = only(problems, kolom="id", bibliotheek=None)
    assert (problem["rij"], problem["waarde"]) == (len(rows), decomposed)
    generate_stops(tmp_path, data)


def test_a_reference_spelt_differently_is_the_same_library(data):
    rows = rows_of(data, "gemeenten")
    column = rows[0].index("bibliotheek_id")
    for row in rows[1:]:
        if row[column] == "bib-veenhoven":
            row[column] = "BIB Veenhoven"
    write_rows(data, "gemeenten", rows)
    assert validate(data) == (0, [])


def test_the_command_line_finds_a_library_by_any_spelling_of_its_id(tmp_path, data):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["generate", "BIB Veenhoven", "--format", "docx", "--data", str(data), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "handreiking-bib-veenhoven.docx").is_file()


# --- headers --------------------------------------------------------------------------------------------------------


def test_a_column_twice_in_the_header_is_named_with_both_positions(tmp_path, data):
    rows = rows_of(data, "bibliotheken")
    write_rows(data, "bibliotheken", [[*rows[0], " Leden"], *([*r, "1"] for r in rows[1:])])
    _, problems = validate(data)
    problem = only(problems, bestand="bibliotheken.csv")
    assert (problem["rij"], problem["kolom"]) == (1, "leden")
    assert "als 14e en als 21e kolom (N en U)" in problem["melding"]
    generate_stops(tmp_path, data)


def test_a_title_above_the_header_and_old_mac_line_endings_are_read(data):
    rows = rows_of(data, "gemeenten")
    write_rows(data, "gemeenten", [["Gemeenten in het werkgebied, 2025"], [], *rows], newline="\r")
    assert validate(data) == (0, [])


# --- invoer.xlsx ----------------------------------------------------------------------------------------------------


def test_formulas_without_saved_results_say_to_save_the_file_in_excel(tmp_path, data):
    book_path = to_workbook(data)
    book = load_workbook(book_path)
    book["bibliotheken"]["N2"] = "=1000*4"  # leden; openpyxl saves formulas without their results
    book.save(book_path)
    _, problems = validate(data)
    problem = only(problems, bestand="invoer.xlsx")
    assert (problem["blad"], problem["rij"], problem["kolom"]) == ("bibliotheken", 2, "leden")
    assert "sla het op" in problem["melding"]
    generate_stops(tmp_path, data)


def test_a_hidden_stale_sheet_is_not_read_instead_of_the_visible_one(data):
    book_path = to_workbook(data)
    book = load_workbook(book_path)
    stale = book.copy_worksheet(book["gemeenten"])
    stale.title = " Gemeenten "
    stale["D2"] = 0  # inwoners of the first municipality, in the stale copy only
    stale.sheet_state = "hidden"
    book.move_sheet(stale, offset=-book.sheetnames.index(stale.title))
    book.save(book_path)
    assert validate(data) == (0, [])


def test_a_sheet_that_is_only_there_hidden_is_one_problem_saying_so(tmp_path, data):
    book_path = to_workbook(data)
    book = load_workbook(book_path)
    book["gemeenten"].sheet_state = "hidden"
    book.save(book_path)
    _, problems = validate(data)
    problem = only(problems, bestand="invoer.xlsx")  # and no follow-up problem for every library
    assert "blad 'gemeenten' is verborgen" in problem["melding"]
    generate_stops(tmp_path, data)


def test_checks_between_sheets_name_the_sheet(data):
    book_path = to_workbook(data)
    book = load_workbook(book_path)
    book["gemeenten"]["D2"] = "bib-nergens"  # bibliotheek_id (after code, jaar and naam), in an earlier year
    book.save(book_path)
    _, problems = validate(data)
    problem = only(problems, kolom="bibliotheek_id")
    assert (problem["bestand"], problem["blad"], problem["rij"], problem["waarde"]) == (
        "invoer.xlsx",
        "gemeenten",
        2,
        "bib-nergens",
    )


def test_a_stray_value_in_the_last_row_is_refused_at_once(data):
    book_path = to_workbook(data)
    book = load_workbook(book_path)
    book["buurten"].cell(row=1_048_576, column=3, value="x")
    book.save(book_path)
    _, problems = validate(data)
    problem = only(problems, bestand="invoer.xlsx")
    assert (problem["blad"], problem["rij"], problem["kolom"]) == ("buurten", 1_048_576, "C")
    assert "hoogstens 100.000 rijen" in problem["melding"]


def _rewrite(book_path: Path, part: str, chunks) -> None:
    tmp = book_path.with_suffix(".tmp")
    with zipfile.ZipFile(book_path) as old, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename != part:
                new.writestr(item, old.read(item.filename))
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with new.open(info, "w", force_zip64=True) as handle:
            for chunk in chunks:
                handle.write(chunk)
    tmp.replace(book_path)


def test_a_zip_bomb_sheet_is_refused_without_unpacking_it(tmp_path, data):
    book_path = to_workbook(data)
    row = b'<row><c t="inlineStr"><is><t>BU</t></is></c><c><v>1</v></c></row>' * 1000
    chunks = [b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    chunks += [row] * (MAX_SHEET_XML_BYTES // len(row) + 1) + [b"</sheetData></worksheet>"]
    _rewrite(book_path, "xl/worksheets/sheet4.xml", chunks)
    assert book_path.stat().st_size < MAX_SHEET_XML_BYTES // 50  # a small file that unpacks beyond the limit
    _, problems = validate(data)
    problem = only(problems, bestand="invoer.xlsx")
    assert "sheet4.xml is uitgepakt te groot" in problem["melding"]
    generate_stops(tmp_path, data)


def test_shared_strings_beyond_the_limit_are_refused_and_unused_ones_never_read(data):
    book_path = to_workbook(data)  # openpyxl writes every text inline: the sheets use no shared strings
    chunk = b"<si><t>x</t></si>" * 10_000
    chunks = [b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>id</t></si>']
    chunks += [chunk] * (MAX_WORKBOOK_PART_BYTES // len(chunk) + 1) + [b"</sst>"]
    _rewrite(book_path, "xl/sharedStrings.xml", chunks)
    assert validate(data) == (0, [])
    with zipfile.ZipFile(book_path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml")
    _rewrite(
        book_path, "xl/worksheets/sheet1.xml", [sheet.replace(b't="inlineStr"><is><t>id</t></is>', b't="s"><v>0</v>')]
    )
    _, problems = validate(data)
    assert "sharedStrings.xml is uitgepakt te groot" in only(problems, bestand="invoer.xlsx")["melding"]


# --- sizes ----------------------------------------------------------------------------------------------------------


def test_a_csv_above_the_size_limit_is_refused_before_it_is_read(tmp_path, data):
    rows = rows_of(data, "buurten")
    line = ",".join(rows[1]) + "\n"
    with (data / "buurten.csv").open("a", encoding="utf-8") as handle:
        handle.write(line * (MAX_TABLE_BYTES // len(line) + 1))
    _, problems = validate(data)
    assert "het bestand is te groot" in only(problems, bestand="buurten.csv")["melding"]
    generate_stops(tmp_path, data)


@pytest.mark.parametrize("file", ["content/gesprek.yaml", "kolommen.yaml"])
def test_a_yaml_alias_bomb_is_refused(data, file):
    (data / file).write_text(BILLION_LAUGHS + "\nbuurten: {x: *i}\nalgemene_vragen: *i\n", encoding="utf-8")
    _, problems = validate(data)
    assert "meer dan 100.000 waarden" in only(problems, bestand=Path(file).name)["melding"]


def test_a_yaml_alias_bomb_in_the_theme_stops_generate(tmp_path, data):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (templates / "thema.yaml").write_text(BILLION_LAUGHS + "\nkleuren: *i\n", encoding="utf-8")
    said = generate_stops(tmp_path, data, "--templates", str(templates))
    assert "thema.yaml: de YAML bevat na het invullen van de verwijzingen" in said


def test_an_oversized_or_overlong_practice_text_is_refused(data):
    practices = sorted((data / "content" / "praktijken").glob("*.yaml"))
    first, second = practices[0], practices[1]
    first.write_text(first.read_text(encoding="utf-8") + "\n# " + "x" * MAX_YAML_BYTES + "\n", encoding="utf-8")
    story = yaml.safe_load(second.read_text(encoding="utf-8"))
    story["beschrijving"] = "Lezen. " * (MAX_TEXT_CHARS // 7 + 10)
    second.write_text(yaml.safe_dump(story, allow_unicode=True), encoding="utf-8")
    _, problems = validate(data)
    assert "het bestand is te groot" in only(problems, bestand=f"praktijken/{first.name}")["melding"]
    problem = only(problems, bestand=f"praktijken/{second.name}")
    assert (problem["sleutel"], "te lang" in problem["melding"]) == (f"{story['id']}.beschrijving", True)


def test_a_long_story_is_refused_before_the_pdf_is_laid_out(tmp_path, data):
    words = "De bibliotheek is een plek voor iedereen die wil lezen, leren en meedoen. "
    (data / "content" / "verhalen" / "compact.md").write_text(words * (456_000 // len(words)), encoding="utf-8")
    _, problems = validate(data)
    assert "te groot" in only(problems, bestand="verhalen/compact.md")["melding"]
    generate_stops(tmp_path, data)


@pytest.mark.parametrize(
    ("story", "says"),
    [
        ("{{ 'x' * 10**9 }}", "te lange waarde"),
        ("{% for a in range(50000) %}{% for b in range(50000) %}{% endfor %}{% endfor %}", "te veel stappen"),
        ("{{ 10 ** 1000000000 }}", "te groot getal"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{% macro %}"),
        ("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", "te diep"),
    ],
    ids=["huge-string", "nested-loops", "huge-power", "macro-recursion", "deep-parentheses"],
)
def test_jinja_in_a_story_that_does_too_much_is_a_clear_problem(tmp_path, data, story, says):
    (data / "content" / "verhalen" / "compact.md").write_text(story, encoding="utf-8")
    _, problems = validate(data)
    assert says in only(problems, bestand="verhalen/compact.md")["melding"]


# --- values ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "key", "column", "value", "says"),
    [
        ("bibliotheken", "bib-veenhoven", "leden", "50%", "zonder '%'"),
        ("bibliotheken", "bib-veenhoven", "bezoeken", "€ 500", "zonder '€'"),
        ("gemeenten", "GM9001", "inwoners", "0", "≥ 1"),
        ("buurten", "BU90010001", "afstand_bibliotheek_km", "-279.2", "≥ 0"),
        ("buurten", "BU90010001", "afstand_bibliotheek_km", "279.2", "tot en met 100"),
    ],
    ids=["percent-in-count", "euro-in-count", "no-inhabitants", "negative-distance", "distance-too-far"],
)
def test_a_value_outside_its_column_is_a_problem_in_its_place(data, table, key, column, value, says):
    row = set_value(data, table, key, column, value)
    _, problems = validate(data)
    problem = only(problems, kolom=column)
    assert (problem["bestand"], problem["rij"], problem["waarde"]) == (f"{table}.csv", row, value)
    assert says in problem["melding"]


@pytest.mark.parametrize(
    ("name", "payload", "says"),
    [
        ("85560NED.csv", b"Codering;Afstand tot bibliotheek (km)\nBU90010001;-279,2\n", "van 0 tot 100 km"),
        ("85560NED.json", b"[" * 100_000 + b"]" * 100_000, "te diep genest"),
        ("x.csv", b'Codering;Afstand tot bibliotheek (km)\nBU90010001;"' + b"9" * 200_000 + b'"\n', "langer dan"),
    ],
    ids=["negative-distance", "nested-json", "huge-field"],
)
def test_a_broken_cbs_download_is_a_problem_naming_the_file(data, name, payload, says):
    (data / "cbs").mkdir()
    (data / "cbs" / name).write_bytes(payload)
    _, problems = validate(data)
    assert says in only(problems, bestand=f"cbs/{name}")["melding"]
