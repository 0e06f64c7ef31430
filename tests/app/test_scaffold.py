"""The Excel scaffold: `write_workbook` builds a helpful invoer.xlsx that the loader reads back, and
`init_project` sets up a project folder without ever overwriting a user's work."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from robuust_docs import paths, schema
from robuust_docs.app import validate_all
from robuust_docs.app.scaffold import HELP_SHEET, init_project, write_workbook
from robuust_docs.errors import ContentError, OutputError
from robuust_docs.inputs import load_dataset

CONTENT = paths.bundled("data") / "content"
TEMPLATES = paths.bundled("templates")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    init_project(tmp_path / "project", CONTENT, TEMPLATES)
    return tmp_path / "project"


@pytest.fixture
def book(tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "invoer.xlsx"
    write_workbook(path, CONTENT)
    return openpyxl.load_workbook(path)


def _headers(sheet) -> list[str]:
    return [cell.value for cell in sheet[1]]


def _validation(sheet, column: str):
    letter = openpyxl.utils.get_column_letter(_headers(sheet).index(column) + 1)
    found = [dv for dv in sheet.data_validations.dataValidation if f"{letter}2:{letter}1000" in str(dv.sqref)]
    assert len(found) == 1, f"{sheet.title}.{column}: {len(found)} validaties"
    return found[0]


def test_every_table_has_a_sheet_with_the_schema_headers(book):
    assert book.sheetnames == [HELP_SHEET, *(t.name for t in schema.TABLES)]
    for table in schema.TABLES:
        assert _headers(book[table.name]) == [c.name for c in table.columns]


def test_header_is_bold_frozen_and_wide_enough(book):
    for table in schema.TABLES:
        sheet = book[table.name]
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        for cell in sheet[1]:
            assert sheet.column_dimensions[cell.column_letter].width >= len(cell.value)


def test_header_comments_give_meaning_unit_and_required(book):
    for table in schema.TABLES:
        for cell, col in zip(book[table.name][1], table.columns, strict=True):
            assert cell.comment is not None, f"{table.name}.{col.name}"
            assert col.meaning in cell.comment.text
            assert f"Eenheid: {col.unit}" in cell.comment.text
            assert ("Verplicht: ja" if col.required else "Verplicht: nee") in cell.comment.text


@pytest.mark.parametrize(
    ("sheet", "column", "kind", "operator", "formula1"),
    [
        ("gemeenten", "inwoners", "whole", "greaterThanOrEqual", "1"),
        ("bibliotheken", "jaar", "whole", "between", "2000"),
        ("gemeenten", "stedelijkheid", "whole", "between", "1"),
        ("bibliotheken", "fte", "decimal", "greaterThanOrEqual", "0"),
        ("bibliotheken", "baten_totaal", "decimal", "greaterThanOrEqual", "0"),
        ("vestigingen", "lat", "decimal", "between", "50.7"),
        ("vestigingen", "type", "list", None, '"' + ",".join(schema.BRANCH_TYPES) + '"'),
        ("vestigingen", "avond", "list", None, '"ja,nee"'),
    ],
    ids=["int", "int-minimum", "int-minimum-1", "float", "money", "coordinate", "type-list", "bool"],
)
def test_columns_have_data_validation(book, sheet, column, kind, operator, formula1):
    validation = _validation(book[sheet], column)
    assert (validation.type, validation.operator, validation.formula1) == (kind, operator, formula1)
    assert validation.allow_blank
    assert validation.showErrorMessage


def test_a_column_with_a_maximum_is_validated_between_both_limits(book):
    validation = _validation(book["bibliotheken"], "jaar")
    assert (validation.formula1, validation.formula2) == ("2000", "2100")
    assert "geheel getal van 2000 tot en met 2100" in validation.error
    assert _validation(book["buurten"], "afstand_bibliotheek_km").formula2 == "100"


def test_validation_texts_fit_excel_limits(book):
    for table in schema.TABLES:
        for validation in book[table.name].data_validations.dataValidation:
            assert len(validation.error or "") <= 255 and len(validation.prompt or "") <= 255
            assert len(validation.formula1 or "") <= 255 and len(validation.promptTitle or "") <= 32


def test_money_without_minimum_accepts_negative_numbers(book):
    validation = _validation(book["bibliotheken"], "eigen_vermogen")
    assert validation.type == "decimal"
    assert float(validation.formula1) < 0


def test_list_columns_point_to_the_help_sheet(book):
    for sheet, column in (("bibliotheken", "programmas"), ("gemeenten", "beleidsthemas")):
        validation = _validation(book[sheet], column)
        assert validation.type is None
        assert HELP_SHEET in validation.prompt


def test_help_sheet_lists_every_column_and_the_content_ids(book):
    sheet = book[HELP_SHEET]
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    header = rows.index(("tabel", "kolom", "verplicht", "betekenis", "eenheid", "toegestane waarden"))
    assert sheet.freeze_panes == f"A{header + 2}"
    listed = {(r[0], r[1]): r for r in rows[header + 1 :]}
    for table in schema.TABLES:
        for col in table.columns:
            assert listed[(table.name, col.name)][2:5] == ("ja" if col.required else "nee", col.meaning, col.unit)
    assert listed[("vestigingen", "type")][5] == "een van: " + ", ".join(schema.BRANCH_TYPES)
    pairs = {(r[0], r[1]) for r in rows}
    assert {("taalhuis", "Taalhuis / digiTaalhuis"), ("ido", "Informatiepunt Digitale Overheid")} <= pairs
    assert ("geletterdheid", "Geletterdheid en basisvaardigheden") in pairs


def test_init_creates_data_and_templates(project):
    assert (project / "data" / "invoer.xlsx").is_file()
    assert (project / "data" / "content" / "programmas.yaml").is_file()
    assert (project / "templates" / "handreiking.docx").is_file()
    assert not list((project / "templates").rglob("*.py"))


def test_example_reads_back_without_problems(project):
    dataset = load_dataset(project / "data")
    assert dataset.problems == ()
    assert dataset.sources == dict.fromkeys((t.name for t in schema.TABLES), "invoer.xlsx")
    assert dataset.library_ids() == ["bib-voorbeeld"]
    assert list(dataset.municipalities["code"]) == ["GM9999"]
    assert (len(dataset.branches), len(dataset.neighbourhoods)) == (1, 2)
    assert dataset.branches.iloc[0]["lat"] == pytest.approx(52.0907)
    assert dataset.branches.iloc[0]["weekend"] is True


def test_example_passes_full_validation(project):
    report = validate_all(project / "data", project / "templates")
    assert report["problems"] == []
    assert (report["libraries"], report["neighbourhoods"]) == (1, 2)
    assert report["years"] == [2023, 2024, 2025]


def test_example_shows_how_years_are_entered(project):
    """The example holds a row per year in bibliotheken and gemeenten, the latest is the report year, and the
    earlier rows are the library's history (with its municipality's subsidy of each year)."""
    dataset = load_dataset(project / "data")
    assert dataset.years == (2023, 2024, 2025)
    assert dataset.libraries.iloc[0]["jaar"] == 2025
    history = dataset.years_of("bib-voorbeeld")
    assert list(history["jaar"]) == [2023, 2024, 2025]
    assert list(history["leden"]) == sorted(history["leden"])
    assert list(dataset.municipality_years["subsidie"]) == [750000, 765000, 780000]
    book = openpyxl.load_workbook(project / "data" / "invoer.xlsx")
    intro = [row[0].value for row in book[HELP_SHEET].iter_rows(max_row=12) if row[0].value]
    assert any("één rij per bibliotheek of gemeente per jaar" in line for line in intro)


def test_bad_value_is_reported_with_sheet_row_and_column(project):
    path = project / "data" / "invoer.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["gemeenten"]
    sheet.cell(row=2, column=_headers(sheet).index("inwoners") + 1, value="veel")
    book.save(path)
    problems = load_dataset(project / "data").problems
    assert [(p.file, p.sheet, p.row, p.column, p.value) for p in problems] == [
        ("invoer.xlsx", "gemeenten", 2, "inwoners", "veel")
    ]
    assert "blad 'gemeenten', rij 2, kolom 'inwoners'" in str(problems[0])


def test_workbook_without_example_has_headers_only(tmp_path):
    write_workbook(tmp_path / "invoer.xlsx", CONTENT, example=False)
    book = openpyxl.load_workbook(tmp_path / "invoer.xlsx")
    assert all(book[t.name].max_row == 1 for t in schema.TABLES)


def test_missing_content_file_is_a_content_error(tmp_path):
    with pytest.raises(ContentError) as caught:
        write_workbook(tmp_path / "invoer.xlsx", tmp_path)
    assert {p.file for p in caught.value.problems} == {"programmas.yaml", "themas.yaml"}
    assert not (tmp_path / "invoer.xlsx").exists()


@pytest.mark.parametrize("folder", ["data", "templates"])
def test_init_refuses_a_non_empty_folder(tmp_path, folder):
    existing = tmp_path / folder / "mijn-werk.txt"
    existing.parent.mkdir()
    existing.write_text("niet overschrijven", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        init_project(tmp_path, CONTENT, TEMPLATES)
    assert [p.file for p in caught.value.problems] == [str(tmp_path / folder)]
    assert existing.read_text(encoding="utf-8") == "niet overschrijven"
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]


def test_init_accepts_empty_existing_folders(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "templates").mkdir()
    created = init_project(tmp_path, CONTENT, TEMPLATES)
    assert created == [tmp_path / "data" / "content", tmp_path / "data" / "invoer.xlsx", tmp_path / "templates"]
    assert all(p.exists() for p in created)
