"""`load_dataset`: typed tables from CSV or Excel, and every problem in them reported at once, each in its place."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from robuust_docs.errors import DataError
from robuust_docs.files import MAX_CELL_CHARS
from robuust_docs.inputs import load_dataset
from tests.conftest import (
    REPO,
    TABLES,
    add_row,
    csv_text,
    drop_column,
    drop_rows,
    matching,
    set_cell,
    write_csv,
    write_project,
    write_workbook,
)

FRAMES = ("libraries", "municipalities", "branches", "neighbourhoods")


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def assert_same_tables(one, other):
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(one, name), getattr(other, name), check_dtype=False)


# --- a valid project ------------------------------------------------------------------------------------------------


def test_valid_project_has_no_problems(project):
    dataset = load_dataset(project)
    assert dataset.problems == ()
    assert dataset.library_ids() == ["bib-aadorp", "bib-cstad"]
    assert (len(dataset.municipalities), len(dataset.branches), len(dataset.neighbourhoods)) == (3, 3, 4)
    assert dataset.sources == {name: f"{name}.csv" for name in TABLES}


def test_cells_are_typed_by_the_schema(project):
    aadorp = load_dataset(project).libraries.iloc[0].to_dict()
    assert aadorp["_row"] == 2
    assert aadorp["leden"] == 3000 and type(aadorp["leden"]) is int
    assert aadorp["fte"] == pytest.approx(3.5)
    assert aadorp["eigen_vermogen"] == pytest.approx(-12500.0)
    assert aadorp["programmas"] == ("taalhuis", "IDO")
    assert aadorp["naam"] == "Bibliotheek Aadorp"


def test_yes_no_and_choices_are_typed(project):
    branch = load_dataset(project).branches.iloc[0].to_dict()
    assert (branch["rolstoeltoegankelijk"], branch["avond"], branch["weekend"]) == (True, True, False)
    assert branch["type"] == "vestiging"
    assert branch["lat"] == pytest.approx(52.3712)


def test_empty_optional_cell_is_none(project):
    set_cell(project / "bibliotheken.csv", "bib-cstad", "fte", "")
    set_cell(project / "bibliotheken.csv", "bib-cstad", "leden", "n.v.t.")
    dataset = load_dataset(project)
    assert dataset.problems == ()
    cstad = dataset.libraries.iloc[1]
    assert cstad["fte"] is None and cstad["leden"] is None


def test_choice_is_case_insensitive_and_stored_lower_case(project):
    set_cell(project / "vestigingen.csv", "bib-aadorp-02", "type", "Open Bibliotheek")
    dataset = load_dataset(project)
    assert dataset.problems == ()
    assert dataset.branches.iloc[1]["type"] == "open bibliotheek"


def test_optional_neighbourhood_file_may_be_absent(project):
    (project / "buurten.csv").unlink()
    dataset = load_dataset(project)
    assert dataset.problems == ()
    assert dataset.neighbourhoods.empty
    assert "buurten" not in dataset.sources


def test_bundled_sample_data_loads_without_problems():
    assert load_dataset(REPO / "data").problems == ()


# --- the same project in another dialect ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (";", "utf-8-sig"), (";", "cp1252"), ("\t", "utf-8")],
    ids=["comma-and-decimal-point", "utf8-bom", "windows-1252", "tab"],
)
def test_dialects_and_encodings_load_the_same_tables(tmp_path, project, delimiter, encoding):
    other = tmp_path / "other"
    other.mkdir()
    for name, rows in TABLES.items():
        write_csv(other / f"{name}.csv", rows, delimiter, encoding)
    dataset = load_dataset(other)
    assert dataset.problems == ()
    assert_same_tables(dataset, load_dataset(project))


# --- a bad value is a problem of one library, in its place ----------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "key", "column", "text", "library"),
    [
        ("bibliotheken.csv", "bib-cstad", "leden", "veel", "bib-cstad"),
        ("bibliotheken.csv", "bib-aadorp", "fte", "3,5 fte", "bib-aadorp"),
        ("bibliotheken.csv", "bib-aadorp", "jaar", "1999", "bib-aadorp"),
        ("bibliotheken.csv", "bib-cstad", "leden", "1,5", "bib-cstad"),
        ("gemeenten.csv", "GM0003", "inwoners", "-45000", "bib-cstad"),
        ("gemeenten.csv", "GM0002", "subsidie", "€ -5", "bib-aadorp"),
        ("gemeenten.csv", "GM0001", "stedelijkheid", "0", "bib-aadorp"),
        ("vestigingen.csv", "bib-aadorp-02", "openingsuren", "ma-vr", "bib-aadorp"),
        ("vestigingen.csv", "bib-cstad-01", "avond", "soms", "bib-cstad"),
        ("vestigingen.csv", "bib-cstad-01", "type", "bieb", "bib-cstad"),
    ],
    ids=[
        "word-for-count",
        "unit-in-number",
        "year-too-early",
        "fraction-for-count",
        "negative-inhabitants",
        "negative-money",
        "urbanity-below-one",
        "hours-as-text",
        "not-yes-or-no",
        "unknown-branch-type",
    ],
)
def test_bad_value_is_reported_with_file_row_column_value_and_library(project, file, key, column, text, library):
    row = set_cell(project / file, key, column, text)
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.value, problem.library) == (
        file,
        row,
        column,
        text,
        library,
    )
    assert problem.sheet is None


def test_row_number_counts_the_header_as_row_one(project):
    set_cell(project / "vestigingen.csv", 4, "openingsuren", "?!")
    problem = only(load_dataset(project).problems)
    assert (problem.row, problem.library) == (4, "bib-cstad")


def test_row_number_counts_blank_lines_as_a_spreadsheet_does(project):
    path = project / "vestigingen.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], lines[1], "", lines[2], "", lines[3]]) + "\n", encoding="utf-8")
    set_cell(path, "bib-cstad-01", "openingsuren", "?!")
    problem = only(load_dataset(project).problems)
    assert (problem.row, problem.library) == (6, "bib-cstad")


def test_empty_required_cell_is_a_problem(project):
    row = set_cell(project / "gemeenten.csv", "GM0002", "naam", "  ")
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.library) == ("gemeenten.csv", row, "naam", "bib-aadorp")


def test_every_bad_cell_of_a_file_is_reported_at_once(project):
    path = project / "bibliotheken.csv"
    set_cell(path, "bib-aadorp", "fte", "drie")
    set_cell(path, "bib-aadorp", "bezoeken", "-1")
    set_cell(path, "bib-cstad", "vrijwilligers", "veel")
    problems = load_dataset(project).problems
    assert sorted((p.row, p.column) for p in problems) == [(2, "bezoeken"), (2, "fte"), (3, "vrijwilligers")]
    assert {p.library for p in problems} == {"bib-aadorp", "bib-cstad"}


def test_problems_of_every_file_are_reported_at_once(project):
    set_cell(project / "bibliotheken.csv", "bib-aadorp", "fte", "drie")
    set_cell(project / "gemeenten.csv", "GM0003", "inwoners", "veel")
    set_cell(project / "vestigingen.csv", "bib-cstad-01", "openingsuren", "lang")
    set_cell(project / "buurten.csv", "BU00010002", "inwoners", "weinig")
    problems = load_dataset(project).problems
    assert {p.file for p in problems} == {"bibliotheken.csv", "gemeenten.csv", "vestigingen.csv", "buurten.csv"}


def test_library_problems_and_global_problems_are_kept_apart(project):
    set_cell(project / "bibliotheken.csv", "bib-aadorp", "fte", "drie")
    add_row(project / "gemeenten.csv", code="GM0009", bibliotheek_id="bib-onbekend")
    dataset = load_dataset(project)
    assert [p.column for p in dataset.problems_of("bib-aadorp")] == ["fte"]
    assert dataset.problems_of("bib-cstad") == ()
    assert [p.value for p in dataset.global_problems] == ["bib-onbekend"]


# --- missing and unreadable files and columns -----------------------------------------------------------------------


def test_missing_required_column_is_a_global_problem_naming_file_and_column(project):
    drop_column(project / "gemeenten.csv", "inwoners")
    problems = load_dataset(project).problems
    problem = only(matching(problems, file="gemeenten.csv", row=None))
    assert (problem.column, problem.library) == ("inwoners", None)


@pytest.mark.parametrize(
    ("file", "column"),
    [
        ("bibliotheken.csv", "naam"),
        ("gemeenten.csv", "inwoners"),
        ("vestigingen.csv", "lat"),
        ("buurten.csv", "gemeente_code"),
    ],
    ids=["libraries", "municipalities", "branches", "neighbourhoods"],
)
def test_missing_column_gives_no_follow_up_problems_in_other_files(project, file, column):
    drop_column(project / file, column)
    assert [(p.file, p.column) for p in load_dataset(project).problems] == [(file, column)]


def test_every_missing_column_is_reported(project):
    drop_column(project / "vestigingen.csv", "lat")
    drop_column(project / "vestigingen.csv", "lon")
    problems = matching(load_dataset(project).problems, file="vestigingen.csv", row=None)
    assert sorted(p.column for p in problems) == ["lat", "lon"]
    assert all(p.library is None for p in problems)


def test_missing_optional_column_is_fine(project):
    drop_column(project / "bibliotheken.csv", "poi")
    dataset = load_dataset(project)
    assert dataset.problems == ()
    assert list(dataset.libraries["poi"]) == [None, None]


def test_unknown_extra_column_is_ignored(project):
    set_cell(project / "gemeenten.csv", 1, "stedelijkheid", "opmerking")
    dataset = load_dataset(project)
    assert dataset.problems == ()
    assert "opmerking" not in dataset.municipalities.columns


@pytest.mark.parametrize("name", ["bibliotheken", "gemeenten", "vestigingen"])
def test_missing_required_file_is_a_global_problem(project, name):
    (project / f"{name}.csv").unlink()
    problems = load_dataset(project).problems
    problem = only(matching(problems, file=f"{name}.csv", row=None))
    assert problem.library is None


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02binary\x00", "id;naam\nbib-\x81;x\n".encode("latin-1")],
    ids=["empty", "binary", "undecodable"],
)
def test_unreadable_file_is_a_global_problem_and_the_rest_still_loads(project, content):
    (project / "vestigingen.csv").write_bytes(content)
    dataset = load_dataset(project)
    problem = only(matching(dataset.problems, file="vestigingen.csv"))
    assert (problem.row, problem.library) == (None, None)
    assert dataset.library_ids() == ["bib-aadorp", "bib-cstad"]
    assert dataset.branches.empty


# --- links between the tables ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "column", "key", "duplicate_of"),
    [
        ("bibliotheken.csv", "id", "bib-cstad", "bib-aadorp"),
        ("gemeenten.csv", "code", "GM0002", "GM0001"),
        ("vestigingen.csv", "id", "bib-aadorp-02", "bib-aadorp-01"),
        ("buurten.csv", "code", "BU00010002", "BU00010001"),
    ],
    ids=["library", "municipality", "branch", "neighbourhood"],
)
def test_duplicate_id_is_reported_on_the_second_row(project, file, column, key, duplicate_of):
    row = set_cell(project / file, key, column, duplicate_of)
    problem = only(matching(load_dataset(project).problems, file=file, column=column))
    assert (problem.row, problem.value) == (row, duplicate_of)


def test_municipality_of_an_unknown_library_is_global(project):
    row = add_row(project / "gemeenten.csv", code="GM0009", naam="Nergens", bibliotheek_id="bib-nergens")
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "gemeenten.csv",
        row,
        "bibliotheek_id",
        "bib-nergens",
    )
    assert problem.library is None


def test_branch_of_an_unknown_library_is_global(project):
    row = set_cell(project / "vestigingen.csv", "bib-cstad-01", "bibliotheek_id", "bib-c-stad")
    problem = only(matching(load_dataset(project).problems, column="bibliotheek_id"))
    assert (problem.file, problem.row, problem.value, problem.library) == ("vestigingen.csv", row, "bib-c-stad", None)


def test_branch_in_an_unknown_municipality_is_a_problem_of_its_library(project):
    row = set_cell(project / "vestigingen.csv", "bib-aadorp-02", "gemeente_code", "GM0099")
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.value, problem.library) == (
        "vestigingen.csv",
        row,
        "gemeente_code",
        "GM0099",
        "bib-aadorp",
    )


def test_neighbourhood_of_an_unknown_municipality_is_global(project):
    row = set_cell(project / "buurten.csv", "BU00030001", "gemeente_code", "GM0099")
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.value, problem.library) == (
        "buurten.csv",
        row,
        "gemeente_code",
        "GM0099",
        None,
    )


def test_library_without_municipalities_is_a_problem_of_that_library(project):
    drop_rows(project / "gemeenten.csv", "GM0003")
    drop_rows(project / "buurten.csv", "BU00030001")
    set_cell(project / "vestigingen.csv", "bib-cstad-01", "gemeente_code", "GM0001")
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.value, problem.library) == (
        "bibliotheken.csv",
        3,
        "id",
        "bib-cstad",
        "bib-cstad",
    )


@pytest.mark.parametrize("code", ["0001", "GM001", "GM00011", "GX0001"])
def test_municipality_code_must_look_like_gm_and_four_digits(project, code):
    set_cell(project / "gemeenten.csv", "GM0001", "code", code)
    problems = matching(load_dataset(project).problems, file="gemeenten.csv", column="code")
    assert only(problems).value == code
    assert problems[0].library == "bib-aadorp"


@pytest.mark.parametrize("code", ["gm0001", " GM 0001 ", "ＧＭ０００１"], ids=["lower-case", "spaces", "full-width"])
def test_municipality_code_is_compared_and_kept_in_its_canonical_form(project, code):
    set_cell(project / "gemeenten.csv", "GM0001", "code", code)
    dataset = load_dataset(project)
    assert dataset.problems == ()
    assert list(dataset.municipalities["code"]) == ["GM0001", "GM0002", "GM0003"]


# --- plausibility ---------------------------------------------------------------------------------------------------


def test_more_youth_members_than_members(project):
    set_cell(project / "bibliotheken.csv", "bib-cstad", "jeugdleden", "9001")
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.value, problem.library) == (
        "bibliotheken.csv",
        3,
        "jeugdleden",
        9001,
        "bib-cstad",
    )


def test_as_many_youth_members_as_members_is_fine(project):
    set_cell(project / "bibliotheken.csv", "bib-cstad", "jeugdleden", "9000")
    assert load_dataset(project).problems == ()


def test_more_young_inhabitants_than_inhabitants(project):
    row = set_cell(project / "gemeenten.csv", "GM0002", "inwoners_0_17", "8001")
    problem = only(load_dataset(project).problems)
    assert (problem.row, problem.column, problem.value, problem.library) == (row, "inwoners_0_17", 8001, "bib-aadorp")


@pytest.mark.parametrize(
    ("column", "text"),
    [("lat", "48,85"), ("lat", "54,2"), ("lon", "2,35"), ("lon", "7,9")],
    ids=["paris-latitude", "north-sea", "west-of-zeeland", "germany"],
)
def test_branch_outside_the_netherlands(project, column, text):
    row = set_cell(project / "vestigingen.csv", "bib-cstad-01", column, text)
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.library) == ("vestigingen.csv", row, column, "bib-cstad")
    assert problem.value == pytest.approx(float(text.replace(",", ".")))


def test_swapped_latitude_and_longitude_is_one_problem_saying_so(project):
    path = project / "vestigingen.csv"
    row = set_cell(path, "bib-cstad-01", "lat", "5,1214")
    set_cell(path, "bib-cstad-01", "lon", "52,0907")
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.library) == ("vestigingen.csv", row, "lat", "bib-cstad")
    assert "verwisseld" in problem.message


def test_neighbourhood_outside_the_netherlands_is_a_problem_of_its_library(project):
    row = set_cell(project / "buurten.csv", "BU00020001", "lat", "12,5")
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.library) == ("buurten.csv", row, "lat", "bib-aadorp")


def test_negative_longitude_is_parsed_before_the_check(project):
    set_cell(project / "vestigingen.csv", "bib-cstad-01", "lon", "-5,12")
    problem = only(load_dataset(project).problems)
    assert (problem.column, problem.value) == ("lon", pytest.approx(-5.12))


# --- one Excel workbook instead of CSV files ------------------------------------------------------------------------


@pytest.fixture
def workbook_dir(tmp_path) -> Path:
    folder = tmp_path / "excel"
    folder.mkdir()
    write_workbook(folder / "invoer.xlsx")
    return folder


def test_workbook_loads_the_same_tables_as_the_csv_files(project, workbook_dir):
    dataset = load_dataset(workbook_dir)
    assert dataset.problems == ()
    assert dataset.sources == dict.fromkeys(TABLES, "invoer.xlsx")
    assert_same_tables(dataset, load_dataset(project))


def test_workbook_wins_over_csv_files_in_the_same_folder(project):
    tables = {**TABLES, "bibliotheken": [{**TABLES["bibliotheken"][0], "naam": "Uit Excel"}, TABLES["bibliotheken"][1]]}
    write_workbook(project / "invoer.xlsx", tables)
    assert load_dataset(project).libraries.iloc[0]["naam"] == "Uit Excel"


def test_bad_cell_in_a_workbook_names_the_sheet_and_row(tmp_path):
    branches = [dict(b) for b in TABLES["vestigingen"]]
    branches[2]["openingsuren"] = "lang"
    write_workbook(tmp_path / "invoer.xlsx", {**TABLES, "vestigingen": branches})
    problem = only(load_dataset(tmp_path).problems)
    assert (problem.file, problem.sheet, problem.row, problem.column, problem.value, problem.library) == (
        "invoer.xlsx",
        "vestigingen",
        4,
        "openingsuren",
        "lang",
        "bib-cstad",
    )


def test_missing_sheet_is_a_global_problem_naming_the_sheet(tmp_path):
    write_workbook(tmp_path / "invoer.xlsx", {k: v for k, v in TABLES.items() if k != "vestigingen"})
    problem = only(load_dataset(tmp_path).problems)
    assert (problem.file, problem.library) == ("invoer.xlsx", None)
    assert "'vestigingen'" in problem.message


def test_missing_optional_sheet_is_fine(tmp_path):
    write_workbook(tmp_path / "invoer.xlsx", {k: v for k, v in TABLES.items() if k != "buurten"})
    dataset = load_dataset(tmp_path)
    assert dataset.problems == ()
    assert dataset.neighbourhoods.empty


def test_broken_workbook_is_one_global_problem(tmp_path):
    (tmp_path / "invoer.xlsx").write_bytes(b"geen zip")
    problem = only(load_dataset(tmp_path).problems)
    assert (problem.file, problem.row, problem.library) == ("invoer.xlsx", None, None)


# --- kolommen.yaml: the file's own headers mapped to the schema -----------------------------------------------------


def test_column_mapping_renames_headers(project):
    path = project / "gemeenten.csv"
    set_cell(path, 1, "inwoners", "Aantal inwoners")
    set_cell(path, 1, "bibliotheek_id", "Bibliotheek")
    (project / "kolommen.yaml").write_text(
        "gemeenten:\n  aantal inwoners: inwoners\n  Bibliotheek: bibliotheek_id\n", encoding="utf-8"
    )
    dataset = load_dataset(project)
    assert dataset.problems == ()
    assert list(dataset.municipalities["inwoners"]) == [12000, 8000, 45000]


def test_unmapped_header_is_a_missing_column(project):
    set_cell(project / "gemeenten.csv", 1, "inwoners", "Aantal inwoners")
    problem = only(matching(load_dataset(project).problems, file="gemeenten.csv", row=None))
    assert "'inwoners'" in problem.message


def test_mapping_for_a_workbook_sheet(tmp_path):
    tables = {
        **TABLES,
        "buurten": [{("CBS-code" if k == "code" else k): v for k, v in row.items()} for row in TABLES["buurten"]],
    }
    write_workbook(tmp_path / "invoer.xlsx", tables)
    (tmp_path / "kolommen.yaml").write_text("buurten:\n  CBS-code: code\n", encoding="utf-8")
    dataset = load_dataset(tmp_path)
    assert dataset.problems == ()
    assert list(dataset.neighbourhoods["code"]) == [row["code"] for row in TABLES["buurten"]]


@pytest.mark.parametrize(
    "text",
    ["gemeenten: [inwoners\n", "- een lijst\n", "gemeenten: inwoners\n"],
    ids=["yaml-syntax", "not-a-mapping", "table-not-a-mapping"],
)
def test_bad_column_mapping_raises_naming_the_file(project, text):
    (project / "kolommen.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as excinfo:
        load_dataset(project)
    assert [p.file for p in excinfo.value.problems] == ["kolommen.yaml"]


def test_empty_column_mapping_changes_nothing(project):
    (project / "kolommen.yaml").write_text("# nog niets\n", encoding="utf-8")
    assert load_dataset(project).problems == ()


# --- the digest that decides whether outputs are stale --------------------------------------------------------------


def test_digest_changes_with_the_inputs_only(tmp_path):
    first = write_project(tmp_path / "a", content=False)
    second = write_project(tmp_path / "b", content=False)
    assert load_dataset(first).digest == load_dataset(second).digest
    set_cell(second / "gemeenten.csv", "GM0001", "subsidie", "300001")
    assert load_dataset(first).digest != load_dataset(second).digest


def test_digest_includes_the_column_mapping(project):
    before = load_dataset(project).digest
    (project / "kolommen.yaml").write_text("gemeenten: {}\n", encoding="utf-8")
    assert load_dataset(project).digest != before


def test_a_row_with_more_cells_than_the_header_is_reported_for_its_library(project):
    path = project / "bibliotheken.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] += ";overbodig"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = only(matching(load_dataset(project).problems, file="bibliotheken.csv", row=2))
    assert problem.value == "overbodig"
    assert problem.library == lines[1].split(";")[0]


# --- ids that would share a file name -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "other",
    ["BIB-AADORP", "bib aadorp", "bib_aadorp", "Bib.Aadorp", "bib-aädorp"],
    ids=["case", "space", "underscore", "punctuation", "accent"],
)
def test_ids_that_give_one_file_name_are_rejected_naming_both_rows_and_ids(project, other):
    row = add_row(project / "bibliotheken.csv", id=other, naam="Bibliotheek Aadorp 2")
    add_row(project / "gemeenten.csv", code="GM0009", naam="Elders", bibliotheek_id=other)
    problem = only(matching(load_dataset(project).problems, column="id"))
    assert (problem.file, problem.row, problem.value, problem.library) == ("bibliotheken.csv", row, other, None)
    assert "'bib-aadorp' in rij 2" in problem.message
    assert "handreiking-bib-aadorp" in problem.message


def test_composed_and_decomposed_ids_are_one_id(project):
    composed, decomposed = unicodedata.normalize("NFC", "bib-café"), unicodedata.normalize("NFD", "bib-café")
    set_cell(project / "bibliotheken.csv", "bib-aadorp", "id", composed)
    for code in ("GM0001", "GM0002"):
        set_cell(project / "gemeenten.csv", code, "bibliotheek_id", composed)
    for branch in ("bib-aadorp-01", "bib-aadorp-02"):
        set_cell(project / "vestigingen.csv", branch, "bibliotheek_id", composed)
    row = add_row(project / "bibliotheken.csv", id=decomposed)
    add_row(project / "gemeenten.csv", code="GM0009", bibliotheek_id=decomposed)
    problem = only(load_dataset(project).problems)
    assert (problem.row, problem.column, problem.value) == (row, "id", decomposed)
    assert f"'{composed}' in rij 2" in problem.message


def test_a_reference_spelt_differently_names_the_same_library(project):
    set_cell(project / "gemeenten.csv", "GM0003", "bibliotheek_id", "BIB Cstad")
    set_cell(project / "vestigingen.csv", "bib-cstad-01", "bibliotheek_id", "Bib_CStad")
    set_cell(project / "gemeenten.csv", "GM0003", "subsidie", "veel")
    dataset = load_dataset(project)
    assert list(dataset.municipalities["bibliotheek_id"]) == ["bib-aadorp", "bib-aadorp", "bib-cstad"]
    assert list(dataset.branches["bibliotheek_id"])[-1] == "bib-cstad"
    assert [p.column for p in dataset.problems_of("bib-cstad")] == ["subsidie"]


def test_a_library_is_found_by_any_spelling_of_its_id(project):
    dataset = load_dataset(project)
    assert [dataset.find_library(t) for t in ("bib-cstad", "BIB CSTAD", "bib_cstad", "bib-cstadt")] == [
        "bib-cstad",
        "bib-cstad",
        "bib-cstad",
        None,
    ]


def test_branch_codes_compare_as_ids_do(project):
    row = set_cell(project / "vestigingen.csv", "bib-aadorp-02", "id", "BIB-AADORP-01")
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.value) == ("vestigingen.csv", row, "id", "BIB-AADORP-01")
    assert "'bib-aadorp-01' in rij 2" in problem.message


def test_a_province_spelt_two_ways_would_share_an_overview_file(project):
    set_cell(project / "bibliotheken.csv", "bib-aadorp", "provincie", "Noord-Holland")
    row = set_cell(project / "bibliotheken.csv", "bib-cstad", "provincie", "Noord Holland")
    problem = only(load_dataset(project).problems)
    assert (problem.row, problem.column, problem.value, problem.library) == (row, "provincie", "Noord Holland", None)
    assert "provinciaal-beeld-noord-holland" in problem.message


# --- values ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "key", "column", "text"),
    [
        ("bibliotheken.csv", "bib-cstad", "leden", "50%"),
        ("bibliotheken.csv", "bib-cstad", "bezoeken", "€ 500"),
        ("bibliotheken.csv", "bib-cstad", "fte", "€ 5"),
        ("gemeenten.csv", "GM0003", "inwoners", "45.000%"),
    ],
    ids=["percent-for-count", "euro-for-count", "euro-for-fte", "percent-for-inhabitants"],
)
def test_a_sign_that_does_not_belong_to_the_column_is_an_error(project, file, key, column, text):
    row = set_cell(project / file, key, column, text)
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.value) == (file, row, column, text)
    assert "zonder" in problem.message


def test_money_keeps_its_euro_sign(project):
    set_cell(project / "gemeenten.csv", "GM0003", "subsidie", "€ 1.000.000,50")
    dataset = load_dataset(project)
    assert dataset.problems == ()
    assert dataset.municipalities.iloc[2]["subsidie"] == pytest.approx(1_000_000.5)


def test_a_municipality_without_inhabitants_is_an_input_error(project):
    row = set_cell(project / "gemeenten.csv", "GM0002", "inwoners", "0")
    problem = only(load_dataset(project).problems)
    assert (problem.row, problem.column, problem.value, problem.library) == (row, "inwoners", "0", "bib-aadorp")
    assert "≥ 1" in problem.message


def test_a_neighbourhood_may_have_no_inhabitants(project):
    set_cell(project / "buurten.csv", "BU00010002", "inwoners", "0")
    assert load_dataset(project).problems == ()


@pytest.mark.parametrize("text", ["-0,4", "279,2"], ids=["negative", "beyond-100-km"])
def test_a_distance_outside_0_to_100_km_is_an_error(project, text):
    row = set_cell(project / "buurten.csv", "BU00010001", "afstand_bibliotheek_km", text)
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "buurten.csv",
        row,
        "afstand_bibliotheek_km",
        text,
    )


def test_a_cell_longer_than_the_limit_is_an_error_of_its_library(project):
    text = "Bibliotheek " + "x" * MAX_CELL_CHARS
    row = set_cell(project / "bibliotheken.csv", "bib-cstad", "naam", text)
    problem = only(load_dataset(project).problems)
    assert (problem.row, problem.column, problem.library) == (row, "naam", "bib-cstad")
    assert "te lang" in problem.message and "hoogstens 1.000" in problem.message


# --- headers --------------------------------------------------------------------------------------------------------


def test_a_duplicate_header_stops_the_table_without_follow_up_problems(project):
    path = project / "bibliotheken.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ";Leden", *(line + ";1" for line in lines[1:])]) + "\n", encoding="utf-8")
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column, problem.library) == ("bibliotheken.csv", 1, "leden", None)
    assert "als 14e en als 21e kolom (N en U)" in problem.message


def test_a_mapping_that_gives_two_columns_one_name_is_an_error_naming_both(project):
    set_cell(project / "gemeenten.csv", 1, "inwoners_0_17", "Aantal inwoners")
    (project / "kolommen.yaml").write_text("gemeenten:\n  Aantal inwoners: inwoners\n", encoding="utf-8")
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column) == ("gemeenten.csv", 1, "inwoners")
    assert "'inwoners' en kolom 'aantal inwoners'" in problem.message


def test_a_header_below_a_title_is_found_and_named_when_a_column_is_missing(project):
    path = project / "gemeenten.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text("Gemeenten 2025\n\n" + text, encoding="utf-8")
    assert load_dataset(project).problems == ()
    rows = [{k: v for k, v in row.items() if k != "inwoners"} for row in TABLES["gemeenten"]]
    path.write_text("Gemeenten 2025\n\n" + csv_text(rows), encoding="utf-8")
    problem = only(matching(load_dataset(project).problems, column="inwoners"))
    assert (problem.file, problem.row) == ("gemeenten.csv", None)
    assert "kopregel op rij 3" in problem.message


# --- invoer.xlsx: every check names the sheet -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "change", "sheet", "column"),
    [
        ("gemeenten", {"bibliotheek_id": "bib-nergens"}, "gemeenten", "bibliotheek_id"),
        ("bibliotheken", {"id": "BIB-AADORP"}, "bibliotheken", "id"),
        ("vestigingen", {"gemeente_code": "GM0099"}, "vestigingen", "gemeente_code"),
        ("buurten", {"gemeente_code": "GM0099"}, "buurten", "gemeente_code"),
        ("bibliotheken", {"jeugdleden": 99999}, "bibliotheken", "jeugdleden"),
    ],
    ids=["unknown-library", "clashing-id", "branch-in-unknown-municipality", "unknown-municipality", "youth"],
)
def test_checks_between_sheets_name_the_sheet(tmp_path, table, change, sheet, column):
    rows = {name: [dict(r) for r in records] for name, records in TABLES.items()}
    rows[table][-1].update(change)
    write_workbook(tmp_path / "invoer.xlsx", rows)
    problems = matching(load_dataset(tmp_path).problems, column=column)
    assert problems and all((p.file, p.sheet) == ("invoer.xlsx", sheet) for p in problems)


def test_a_library_without_municipalities_names_the_sheet_it_looked_in(tmp_path):
    rows = {**TABLES, "gemeenten": [m for m in TABLES["gemeenten"] if m["bibliotheek_id"] != "bib-cstad"]}
    rows["buurten"] = [b for b in TABLES["buurten"] if b["gemeente_code"] != "GM0003"]
    rows["vestigingen"] = [b for b in TABLES["vestigingen"] if b["bibliotheek_id"] != "bib-cstad"]
    write_workbook(tmp_path / "invoer.xlsx", rows)
    problem = only(load_dataset(tmp_path).problems)
    assert (problem.sheet, problem.column, problem.value) == ("bibliotheken", "id", "bib-cstad")
    assert "in blad 'gemeenten'" in problem.message


def test_a_hidden_stale_sheet_is_not_read_instead_of_the_visible_one(tmp_path):
    from openpyxl import load_workbook

    stale = [{**TABLES["gemeenten"][0], "inwoners": 1}]
    write_workbook(tmp_path / "invoer.xlsx", {**TABLES, "gemeenten ": stale})
    book = load_workbook(tmp_path / "invoer.xlsx")
    book["gemeenten "].sheet_state = "hidden"
    book.move_sheet("gemeenten ", offset=-book.sheetnames.index("gemeenten "))  # first, where it would win
    book.save(tmp_path / "invoer.xlsx")
    dataset = load_dataset(tmp_path)
    assert dataset.problems == ()
    assert list(dataset.municipalities["inwoners"]) == [12000, 8000, 45000]
    assert dataset.sheets["gemeenten"] == "gemeenten"


def test_formulas_without_saved_results_stop_the_table_saying_to_save_in_excel(tmp_path):
    rows = {**TABLES, "bibliotheken": [{**TABLES["bibliotheken"][0], "leden": "=1000*3"}, TABLES["bibliotheken"][1]]}
    write_workbook(tmp_path / "invoer.xlsx", rows)
    problem = only(load_dataset(tmp_path).problems)
    assert (problem.file, problem.sheet, problem.row, problem.column, problem.library) == (
        "invoer.xlsx",
        "bibliotheken",
        2,
        "leden",
        None,
    )
    assert "sla het op" in problem.message


def test_a_bad_cell_in_a_neighbourhood_is_a_problem_of_its_library(project):
    row = set_cell(project / "buurten.csv", "BU00020001", "inwoners", "-5")
    problem = only(load_dataset(project).problems)
    assert (problem.file, problem.row, problem.column) == ("buurten.csv", row, "inwoners")
    assert problem.library == "bib-aadorp"


def test_rows_of_gives_the_rows_of_any_keys_in_the_tables_order():
    """`Dataset.rows_of` (grouped once per dataset) gives what filtering the table would, in the same order."""
    from robuust_docs.paths import bundled

    dataset = load_dataset(bundled("data"))
    hoods = dataset.neighbourhoods
    codes = list(dict.fromkeys(hoods["gemeente_code"]))[:3][::-1]  # asked in another order than the table's
    expected = hoods[hoods["gemeente_code"].isin(codes)]
    pd.testing.assert_frame_equal(dataset.rows_of("neighbourhoods", "gemeente_code", codes), expected)
    assert dataset.rows_of("neighbourhoods", "gemeente_code", ["GM0000"]).empty
    assert list(dataset.rows_of("municipalities", "bibliotheek_id", ["bib-veenhoven"])["bibliotheek_id"]) == [
        "bib-veenhoven"
    ] * int((dataset.municipalities["bibliotheek_id"] == "bib-veenhoven").sum())
    years = dataset.years_of("bib-veenhoven")
    assert list(years["jaar"]) == sorted(years["jaar"]) and len(years) > 1
