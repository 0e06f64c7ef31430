"""Reading input files into text tables: CSV in any common dialect and encoding, or one Excel workbook."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from robuust_docs.errors import DataError
from robuust_docs.inputs import readers
from robuust_docs.inputs.readers import WORKBOOK, find_sources, read_table
from tests.conftest import TABLES, write_workbook

EXPECTED = [["Súdwest-Kleaster", "1.234,5", "ja"], ["Aa en Veen", "12", "nee"]]


def write(tmp_path: Path, text: str | bytes, encoding: str = "utf-8", name: str = "gemeenten.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def cells(table) -> list[list[str]]:
    return table.frame.values.tolist()


def only_problem(excinfo):
    (problem,) = excinfo.value.problems
    return problem


# --- CSV dialects ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal"),
    [
        ("naam;inwoners;open\nSúdwest-Kleaster;1.234,5;ja\nAa en Veen;12;nee\n", ","),
        ('naam,inwoners,open\nSúdwest-Kleaster,"1.234,5",ja\nAa en Veen,12,nee\n', "."),
        ("naam\tinwoners\topen\nSúdwest-Kleaster\t1.234,5\tja\nAa en Veen\t12\tnee\n", ","),
        ("naam;inwoners;open\r\nSúdwest-Kleaster;1.234,5;ja\r\nAa en Veen;12;nee\r\n", ","),
        ('"naam";"inwoners";"open"\n"Súdwest-Kleaster";"1.234,5";"ja"\n"Aa en Veen";"12";"nee"\n', ","),
    ],
    ids=["semicolon", "comma", "tab", "windows-line-ends", "all-quoted"],
)
def test_csv_dialects_give_the_same_cells(tmp_path, text, decimal):
    table = read_table("gemeenten", write(tmp_path, text))
    assert list(table.frame.columns) == ["naam", "inwoners", "open"]
    assert cells(table) == EXPECTED
    assert table.decimal == decimal
    assert table.file == "gemeenten.csv"
    assert table.sheet is None


def test_tab_file_without_commas_has_a_decimal_point(tmp_path):
    table = read_table("gemeenten", write(tmp_path, "naam\tfte\nA\t1.5\n"))
    assert table.decimal == "."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"], ids=["utf8", "utf8-bom", "windows-1252"])
def test_encodings_give_the_same_text(tmp_path, encoding):
    table = read_table("gemeenten", write(tmp_path, "naam;subsidie\nSúdwest-Kleaster;€ 1.234\n", encoding))
    assert list(table.frame.columns) == ["naam", "subsidie"]
    assert cells(table) == [["Súdwest-Kleaster", "€ 1.234"]]


def test_headers_are_trimmed_and_lower_case(tmp_path):
    table = read_table("gemeenten", write(tmp_path, " Naam ; INWONERS \nA;1\n"))
    assert list(table.frame.columns) == ["naam", "inwoners"]


def test_quoted_delimiter_and_line_break_stay_in_the_cell(tmp_path):
    table = read_table("gemeenten", write(tmp_path, 'naam;themas\n"A";"taalhuis;ido"\n"B";"een\ntwee"\n'))
    assert cells(table) == [["A", "taalhuis;ido"], ["B", "een\ntwee"]]


def test_cells_are_text_and_empty_cells_are_empty_strings(tmp_path):
    table = read_table("gemeenten", write(tmp_path, "naam;inwoners;code\nA;;0012\n"))
    assert cells(table) == [["A", "", "0012"]]


def test_header_only_file_is_an_empty_table(tmp_path):
    table = read_table("gemeenten", write(tmp_path, "naam;inwoners\n"))
    assert list(table.frame.columns) == ["naam", "inwoners"]
    assert table.frame.empty


# --- row numbers ----------------------------------------------------------------------------------------------------


def test_rows_are_numbered_as_in_the_spreadsheet_header_is_row_one(tmp_path):
    table = read_table("gemeenten", write(tmp_path, "naam;inwoners\nA;1\nB;2\nC;3\n"))
    assert list(table.frame.index) == [2, 3, 4]


def test_row_of_empty_cells_is_dropped_but_keeps_its_number(tmp_path):
    table = read_table("gemeenten", write(tmp_path, "naam;inwoners\nA;1\n;\nC;3\n"))
    assert list(table.frame.index) == [2, 4]
    assert table.frame.loc[4, "naam"] == "C"


def test_cell_with_a_line_break_is_one_spreadsheet_row(tmp_path):
    table = read_table("gemeenten", write(tmp_path, 'naam;inwoners\n"A\nB";1\nC;2\n'))
    assert table.frame.loc[3, "naam"] == "C"


def test_blank_line_keeps_the_numbers_of_later_rows(tmp_path):
    table = read_table("gemeenten", write(tmp_path, "naam;inwoners\n\nA;1\n\n\nC;3\n\n"))
    assert list(table.frame.index) == [3, 6]
    assert table.frame.loc[6, "naam"] == "C"


@pytest.mark.parametrize(
    "text", ["naam;inwoners\nA;1;\nB;2;\n", "naam;inwoners\nA;1;\nB;2\n"], ids=["every-row", "first-row-only"]
)
def test_trailing_delimiter_does_not_shift_values(tmp_path, text):
    assert cells(read_table("gemeenten", write(tmp_path, text))) == [["A", "1"], ["B", "2"]]


def test_row_with_more_cells_than_the_header_is_no_pandas_warning(tmp_path):
    path = write(tmp_path, "naam;inwoners\nA;1;extra\nB;2\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            table = read_table("gemeenten", path)
        except DataError as exc:  # refusing the file, naming it, is fine too
            assert [p.file for p in exc.problems] == ["gemeenten.csv"]
            return
    assert cells(table) == [["A", "1"], ["B", "2"]]


# --- unreadable files -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"   \n\n",
        b"\xef\xbb\xbf",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00binary",
        b"naam;n\nA\x81\x8d;1\n",
        b'naam;n\n"A;1\n',
    ],
    ids=["empty", "blank-lines", "only-bom", "zip-renamed-to-csv", "undecodable-bytes", "unclosed-quote"],
)
def test_unreadable_csv_is_one_problem_naming_the_file(tmp_path, content):
    with pytest.raises(DataError) as excinfo:
        read_table("gemeenten", write(tmp_path, content))
    problem = only_problem(excinfo)
    assert problem.file == "gemeenten.csv"
    assert problem.row is None and problem.library is None


def test_utf16_export_from_excel_is_read(tmp_path):
    table = read_table("gemeenten", write(tmp_path, "naam;inwoners\nA;1\n".encode("utf-16")))
    assert list(table.frame["naam"]) == ["A"]


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path):
    with pytest.raises(DataError) as excinfo:
        read_table("gemeenten", tmp_path / "gemeenten.csv")
    assert only_problem(excinfo).file == "gemeenten.csv"


# --- Excel ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def workbook(tmp_path) -> Path:
    return write_workbook(tmp_path / WORKBOOK)


def test_reading_a_workbook_leaves_no_file_open(workbook):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        read_table("gemeenten", workbook)  # an unclosed zip or part warns when it is collected


def test_workbook_sheet_is_read_as_text(workbook):
    table = read_table("vestigingen", workbook)
    assert (table.file, table.sheet, table.decimal) == ("invoer.xlsx", "vestigingen", ",")
    first = table.frame.loc[2]
    assert first["id"] == "bib-aadorp-01"
    assert first["lat"] == "52,3712"
    assert first["openingsuren"] == "30,5"
    assert first["open_bibliotheek_uren"] == "10"
    assert (first["rolstoeltoegankelijk"], first["weekend"]) == ("ja", "nee")


def test_workbook_has_the_table_columns_and_rows(workbook):
    table = read_table("gemeenten", workbook)
    assert list(table.frame.columns) == list(TABLES["gemeenten"][0])
    assert list(table.frame.index) == [2, 3, 4]


def test_sheet_name_is_matched_case_insensitively(tmp_path):
    path = write_workbook(tmp_path / WORKBOOK, {" Gemeenten ": TABLES["gemeenten"]})
    assert read_table("gemeenten", path).sheet == " Gemeenten "


def test_empty_cells_and_blank_rows_in_a_sheet(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "gemeenten"
    for row in (["code", "inwoners"], ["GM0001", None], [], ["GM0003", 45000]):
        sheet.append(row)
    book.save(tmp_path / WORKBOOK)
    table = read_table("gemeenten", tmp_path / WORKBOOK)
    assert table.frame.to_dict("index") == {
        2: {"code": "GM0001", "inwoners": ""},
        4: {"code": "GM0003", "inwoners": "45000"},
    }


def test_missing_sheet_names_the_sheet_and_what_is_there(tmp_path):
    path = write_workbook(tmp_path / WORKBOOK, {"bibliotheken": TABLES["bibliotheken"]})
    with pytest.raises(DataError) as excinfo:
        read_table("vestigingen", path)
    problem = only_problem(excinfo)
    assert problem.file == WORKBOOK
    assert "vestigingen" in problem.message and "bibliotheken" in problem.message


def test_broken_workbook_is_one_problem_naming_the_file(tmp_path):
    path = tmp_path / WORKBOOK
    path.write_bytes(b"dit is geen zip")
    with pytest.raises(DataError) as excinfo:
        read_table("gemeenten", path)
    assert only_problem(excinfo).file == WORKBOOK


# --- where each table comes from ------------------------------------------------------------------------------------


def test_sources_are_the_csv_files_present(tmp_path):
    for name in ("bibliotheken", "gemeenten"):
        write(tmp_path, "id\n1\n", name=f"{name}.csv")
    assert find_sources(tmp_path, ("bibliotheken", "gemeenten", "buurten")) == {
        "bibliotheken": tmp_path / "bibliotheken.csv",
        "gemeenten": tmp_path / "gemeenten.csv",
    }


def test_workbook_takes_precedence_over_csv_files(tmp_path, workbook):
    write(tmp_path, "id\n1\n", name="bibliotheken.csv")
    assert find_sources(tmp_path, ("bibliotheken", "buurten")) == {"bibliotheken": workbook, "buurten": workbook}


# --- the header -----------------------------------------------------------------------------------------------------

KNOWN = frozenset({"naam", "inwoners", "open", "code", "leden"})


@pytest.mark.parametrize(
    ("header", "twice", "positions"),
    [
        ("naam;leden;inwoners;leden", "leden", "als 2e en als 4e kolom (B en D)"),
        ("naam;Leden;inwoners; LEDEN ", "leden", "als 2e en als 4e kolom (B en D)"),
        ("Aantal  leden;aantal leden", "aantal leden", "als 1e en als 2e kolom (A en B)"),
    ],
    ids=["same", "case-and-spaces", "inner-spaces"],
)
def test_a_column_twice_in_the_header_is_an_error_naming_both_positions(tmp_path, header, twice, positions):
    path = write(tmp_path, f"{header}\nA;1;2;3\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no pandas warning about duplicate columns either
        with pytest.raises(DataError) as excinfo:
            read_table("gemeenten", path, KNOWN)
    problem = only_problem(excinfo)
    assert (problem.file, problem.row, problem.column) == ("gemeenten.csv", 1, twice)
    assert positions in problem.message


def test_a_column_twice_in_a_sheet_names_the_sheet(tmp_path):
    path = write_workbook(tmp_path / WORKBOOK, {"gemeenten": [{"naam": "A", "inwoners": 1, "Naam": "B"}]})
    with pytest.raises(DataError) as excinfo:
        read_table("gemeenten", path, KNOWN)
    problem = only_problem(excinfo)
    assert (problem.sheet, problem.row, problem.column) == ("gemeenten", 1, "naam")


def test_a_header_below_a_title_is_found_and_rows_keep_their_numbers(tmp_path):
    path = write(tmp_path, "Gemeenten 2025;;\n;;\nnaam;inwoners;open\nSúdwest-Kleaster;1.234,5;ja\nAa en Veen;12;nee\n")
    table = read_table("gemeenten", path, KNOWN)
    assert (table.header_row, list(table.frame.columns)) == (3, ["naam", "inwoners", "open"])
    assert list(table.frame.index) == [4, 5]
    assert cells(table) == EXPECTED


def test_a_header_below_a_title_in_a_sheet_is_found(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "gemeenten"
    for row in (["Gemeenten in ons werkgebied"], [], ["naam", "inwoners"], ["Aa en Veen", 12]):
        sheet.append(row)
    book.save(tmp_path / WORKBOOK)
    table = read_table("gemeenten", tmp_path / WORKBOOK, KNOWN)
    assert table.header_row == 3
    assert table.frame.to_dict("index") == {4: {"naam": "Aa en Veen", "inwoners": "12"}}


def test_columns_without_a_header_are_left_out_not_named_unnamed(tmp_path):
    table = read_table("gemeenten", write(tmp_path, "naam;;inwoners;\nA;x;1;y\n"), KNOWN)
    assert list(table.frame.columns) == ["naam", "inwoners"]
    assert not any("unnamed" in c for c in table.frame.columns)


# --- line endings and CSV errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "naam;inwoners;open\rSúdwest-Kleaster;1.234,5;ja\rAa en Veen;12;nee\r",
        "naam;inwoners;open\r\nSúdwest-Kleaster;1.234,5;ja\nAa en Veen;12;nee\r",
    ],
    ids=["cr-only", "mixed"],
)
def test_old_mac_and_mixed_line_endings_are_read(tmp_path, text):
    table = read_table("gemeenten", write(tmp_path, text))
    assert cells(table) == EXPECTED
    assert list(table.frame.index) == [2, 3]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('naam;n\n"A;1\n', "aanhalingsteken"),
        ('naam;n\n"A"x;1\n', "aanhalingsteken"),
        ("naam;n\n" + '"' + "x" * 200_000 + '";1\n', "langer dan"),
    ],
    ids=["unclosed-quote", "text-after-quote", "huge-cell"],
)
def test_csv_errors_are_dutch_and_name_the_line(tmp_path, text, says):
    with pytest.raises(DataError) as excinfo:
        read_table("gemeenten", write(tmp_path, text))
    problem = only_problem(excinfo)
    assert says in problem.message and "regel " in problem.message
    assert not any(word in problem.message for word in ("field", "expected", "unexpected"))


# --- limits ---------------------------------------------------------------------------------------------------------


def test_a_csv_above_the_size_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_TABLE_BYTES", 1_000)
    path = write(tmp_path, "naam;inwoners\n" + "A;1\n" * 1000)
    with pytest.raises(DataError) as excinfo:
        read_table("gemeenten", path)
    problem = only_problem(excinfo)
    assert problem.file == "gemeenten.csv"
    assert "te groot (4 kB; hoogstens 1 kB)" in problem.message


def test_a_table_with_too_many_rows_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_TABLE_ROWS", 10)
    with pytest.raises(DataError) as excinfo:
        read_table("gemeenten", write(tmp_path, "naam;inwoners\n" + "A;1\n" * 11))
    assert "meer dan 10 rijen" in only_problem(excinfo).message


def test_a_header_with_too_many_columns_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_TABLE_COLUMNS", 3)
    with pytest.raises(DataError) as excinfo:
        read_table("gemeenten", write(tmp_path, "a;b;c;d\n1;2;3;4\n"))
    assert "meer dan 3 kolommen" in only_problem(excinfo).message


def test_a_formula_without_a_saved_result_says_to_save_the_file_in_excel(tmp_path):
    rows = [{"code": "GM0001", "inwoners": "=1000*12"}, {"code": "GM0002", "inwoners": "=A1"}]
    path = write_workbook(tmp_path / WORKBOOK, {"gemeenten": rows})
    with pytest.raises(DataError) as excinfo:
        read_table("gemeenten", path, KNOWN)
    problem = only_problem(excinfo)
    assert (problem.file, problem.sheet, problem.row, problem.column) == (WORKBOOK, "gemeenten", 2, "inwoners")
    assert "open het in Excel" in problem.message and "sla het op" in problem.message
    assert "nog 1 andere cel)" in problem.message


def test_a_hidden_sheet_is_a_problem_naming_the_workbook(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "bibliotheken"
    book.create_sheet("gemeenten").sheet_state = "hidden"
    book.save(tmp_path / WORKBOOK)
    with pytest.raises(DataError) as excinfo:
        read_table("gemeenten", tmp_path / WORKBOOK)
    problem = only_problem(excinfo)
    assert problem.file == WORKBOOK and "verborgen" in problem.message
