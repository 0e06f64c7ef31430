"""`load_dataset`: read and validate the input tables into a `Dataset` of typed DataFrames.

Every problem is collected, never just the first. A problem that belongs to one library's own rows carries that
library's id (the library fails alone); any other problem (unreadable file, missing column, a row pointing to an
unknown library) is global and stops a run before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from robuust_docs import schema
from robuust_docs.errors import DataError, Problem
from robuust_docs.files import digest_files, read_yaml
from robuust_docs.inputs import cells as values
from robuust_docs.inputs.cbs import CbsFormatError, merge_cbs_distances, read_cbs_distances
from robuust_docs.inputs.geo import FILE as OUTLINE_FILE
from robuust_docs.inputs.geo import Outlines, load_outlines
from robuust_docs.inputs.readers import RawTable, find_sources, read_table

MAPPING_FILE = "kolommen.yaml"
CBS_FOLDER = "cbs"
SAMPLE_MARKER = "VOORBEELD"  # the bundled sample dataset carries this file, saying it is fictional
_PARSERS = {
    "int": lambda text, col, dec: values.parse_int(text, dec, col.minimum),
    "float": lambda text, col, dec: values.parse_number(text, dec, col.minimum),
    "money": lambda text, col, dec: values.parse_number(text, dec, col.minimum),
    "percent": lambda text, col, dec: values.parse_number(text, dec, col.minimum),
    "bool": lambda text, col, dec: values.parse_bool(text),
    "list": lambda text, col, dec: values.parse_list(text),
    "text": lambda text, col, dec: values.parse_text(text),
    "code": lambda text, col, dec: values.parse_text(text),
}


@dataclass(frozen=True)
class Dataset:
    """Validated input: one typed DataFrame per table (column `_row` is the spreadsheet row)."""

    libraries: pd.DataFrame
    municipalities: pd.DataFrame
    branches: pd.DataFrame
    neighbourhoods: pd.DataFrame
    sources: dict[str, str] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    digest: str = ""
    sample: bool = False  # the fictional sample dataset (documents say so)
    outlines: Outlines = field(default_factory=Outlines)  # municipality outlines for the maps (optional file)

    @property
    def global_problems(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.library is None)

    def problems_of(self, library_id: str) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.library == library_id)

    def library_ids(self) -> list[str]:
        return [str(i) for i in self.libraries["id"]]


def load_dataset(data_dir: Path) -> Dataset:
    """Read every table in `data_dir`, parse and check it; unreadable files raise DataError at once."""
    names = tuple(t.name for t in schema.TABLES)
    sources = find_sources(data_dir, names)
    mapping = _load_mapping(data_dir)
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    unreadable: set[str] = set()  # tables that could not be read: links to them are not checked
    for table in schema.TABLES:
        before = len(problems)
        frames[table.name] = _load_one(table, sources.get(table.name), mapping, problems, data_dir)
        if any(p.row is None for p in problems[before:]):
            unreadable.add(table.name)
    problems += _check_links(frames, sources, unreadable)
    cbs_files = _cbs_files(data_dir)
    frames["buurten"] = _merge_cbs(frames["buurten"], cbs_files, problems)
    outlines = load_outlines(data_dir, problems)
    digest = digest_files(
        [*sorted(set(sources.values())), data_dir / MAPPING_FILE, *cbs_files, data_dir / OUTLINE_FILE]
    )
    return Dataset(
        frames["bibliotheken"],
        frames["gemeenten"],
        frames["vestigingen"],
        frames["buurten"],
        {k: v.name for k, v in sources.items()},
        tuple(problems),
        digest,
        (data_dir / SAMPLE_MARKER).is_file(),
        outlines,
    )


def _load_one(
    table: schema.Table, path: Path | None, mapping: dict, problems: list[Problem], data_dir: Path
) -> pd.DataFrame:
    if path is None:
        if table.required:
            problems.append(Problem(f"{table.name}.csv", f"bestand ontbreekt in {data_dir}"))
        return _empty(table)
    try:
        raw = read_table(table.name, path)
    except DataError as exc:
        if table.required or path.suffix == ".csv":
            problems.extend(p for p in exc.problems if p not in problems)  # a broken workbook counts once
        return _empty(table)
    raw = _apply_mapping(raw, mapping.get(table.name, {}))
    missing = [c.name for c in table.columns if c.required and c.name not in raw.frame.columns]
    if missing:
        shown = ", ".join(raw.frame.columns[:12])
        for name in missing:
            problems.append(
                Problem(
                    raw.file, f"verplichte kolom '{name}' ontbreekt (kolommen: {shown})", column=name, sheet=raw.sheet
                )
            )
        return _empty(table)
    return _parse_rows(table, raw, problems)


def _empty(table: schema.Table) -> pd.DataFrame:
    return pd.DataFrame(columns=["_row", *(c.name for c in table.columns)])


def _parse_rows(table: schema.Table, raw: RawTable, problems: list[Problem]) -> pd.DataFrame:
    rows = []
    for row_number, cells in zip(raw.frame.index, raw.frame.to_dict("records"), strict=True):
        owner = _owner(table, cells)
        if raw.overflow and row_number in raw.overflow:
            problems.append(
                Problem(
                    raw.file,
                    "rij heeft meer cellen dan de kopregel",
                    int(row_number),
                    value="; ".join(raw.overflow[row_number]),
                    library=owner,
                )
            )
        record: dict[str, object] = {"_row": int(row_number)}
        for col in table.columns:
            record[col.name] = _parse_cell(col, cells.get(col.name, ""), raw, int(row_number), owner, problems)
        rows.append(record)
    frame = pd.DataFrame(rows, columns=["_row", *(c.name for c in table.columns)])
    return frame.astype(object).where(frame.notna(), None)


def _owner(table: schema.Table, cells: pd.Series) -> str | None:
    key = "id" if table is schema.LIBRARIES else "bibliotheek_id"
    return (str(cells.get(key, "")).strip() or None) if key in cells else None


def _parse_cell(
    col: schema.Column, text: str, raw: RawTable, row: int, owner: str | None, problems: list[Problem]
) -> object:
    def problem(message: str, value: object = None) -> None:
        problems.append(Problem(raw.file, message, row, col.name, value, raw.sheet, owner))

    try:
        value = _PARSERS[col.kind](text, col, raw.decimal)
    except ValueError as exc:
        problem(str(exc), text)
        return None
    if col.required and value in (None, ()):
        problem("verplicht veld is leeg")
    elif col.maximum is not None and isinstance(value, int | float) and value > col.maximum:
        problem(f"verwacht een getal tot en met {col.maximum:g}", text)
        return None
    elif col.choices and value is not None and str(value).lower() not in col.choices:
        problem(f"verwacht een van: {', '.join(col.choices)}", text)
        return None
    return str(value).lower() if col.choices and value is not None else value


def _load_mapping(data_dir: Path) -> dict:
    """Optional `kolommen.yaml`: {table: {header in the file: column name}}."""
    path = data_dir / MAPPING_FILE
    if not path.is_file():
        return {}
    problems: list[Problem] = []
    loaded = read_yaml(path, problems)
    if problems:
        raise DataError("Kolomindeling onleesbaar", tuple(problems))
    loaded = loaded or {}
    if not isinstance(loaded, dict) or not all(isinstance(v, dict) for v in loaded.values()):
        raise DataError(
            "Kolomindeling onleesbaar",
            (Problem(MAPPING_FILE, "verwacht per tabel een lijst 'kolom in bestand: kolomnaam'"),),
        )
    return {
        str(t).lower(): {str(k).strip().lower(): str(v).strip().lower() for k, v in m.items()}
        for t, m in loaded.items()
    }


def _apply_mapping(raw: RawTable, mapping: dict[str, str]) -> RawTable:
    if not mapping:
        return raw
    frame = raw.frame.rename(columns=mapping)
    return RawTable(raw.name, raw.file, frame, raw.decimal, raw.sheet)


def _check_links(frames: dict[str, pd.DataFrame], sources: dict[str, Path], unreadable: set[str]) -> list[Problem]:
    """Cross-table checks; a link into a table that could not be read is not checked (that would only repeat
    the table's own problem once per row)."""
    libs, munis = frames["bibliotheken"], frames["gemeenten"]
    branches, hoods = frames["vestigingen"], frames["buurten"]
    name = {t: (sources[t].name if t in sources else f"{t}.csv") for t in frames}
    problems = _duplicates(libs, "id", name["bibliotheken"]) + _duplicates(munis, "code", name["gemeenten"])
    problems += _duplicates(branches, "id", name["vestigingen"]) + _duplicates(hoods, "code", name["buurten"])
    lib_ids = set(libs["id"].dropna())
    muni_owner = dict(zip(munis["code"], munis["bibliotheek_id"], strict=True))
    if "bibliotheken" not in unreadable:
        problems += _unknown(munis, "bibliotheek_id", lib_ids, name["gemeenten"], "bibliotheek")
        problems += _unknown(branches, "bibliotheek_id", lib_ids, name["vestigingen"], "bibliotheek")
    if "gemeenten" not in unreadable:
        problems += _unknown(hoods, "gemeente_code", set(muni_owner), name["buurten"], "gemeente")
        problems += _branch_municipality(branches, muni_owner, name["vestigingen"])
        problems += _libraries_without_municipality(libs, munis, name["bibliotheken"], name["gemeenten"])
    problems += _municipality_rows(munis, name["gemeenten"])
    problems += _coordinates(branches, name["vestigingen"], lambda r: r["bibliotheek_id"])
    problems += _coordinates(hoods, name["buurten"], lambda r: muni_owner.get(r["gemeente_code"]))
    problems += _youth_members(libs, name["bibliotheken"])
    return problems


def _duplicates(frame: pd.DataFrame, key: str, file: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for row in _records(frame):
        value = row[key]
        if value is None:
            continue
        if value in seen:
            problems.append(
                Problem(file, f"'{key}' komt dubbel voor (ook in rij {seen[value]})", row["_row"], key, value)
            )
        seen.setdefault(value, row["_row"])
    return problems


def _unknown(frame: pd.DataFrame, column: str, known: set, file: str, what: str) -> list[Problem]:
    return [
        Problem(file, f"onbekende {what}", row["_row"], column, row[column])
        for row in _records(frame)
        if row[column] is not None and row[column] not in known
    ]


def _branch_municipality(branches: pd.DataFrame, owner: dict, file: str) -> list[Problem]:
    problems = []
    for row in _records(branches):
        code = row["gemeente_code"]
        if code is not None and code not in owner:
            problems.append(
                Problem(file, "onbekende gemeente", row["_row"], "gemeente_code", code, library=row["bibliotheek_id"])
            )
    return problems


def _municipality_rows(munis: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for row in _records(munis):
        lib = row["bibliotheek_id"]
        if row["code"] is not None and not re.fullmatch(r"GM\d{4}", str(row["code"])):
            problems.append(
                Problem(file, "verwacht een gemeentecode als GM0123", row["_row"], "code", row["code"], library=lib)
            )
        young, total = row["inwoners_0_17"], row["inwoners"]
        if young is not None and total is not None and young > total:
            problems.append(
                Problem(
                    file,
                    f"meer jeugdige inwoners dan inwoners ({total})",
                    row["_row"],
                    "inwoners_0_17",
                    young,
                    library=lib,
                )
            )
    return problems


def _coordinates(frame: pd.DataFrame, file: str, owner) -> list[Problem]:
    problems = []
    for row in _records(frame):
        lat, lon = row["lat"], row["lon"]
        if lat is None or lon is None:
            continue
        lib = owner(row)
        if _inside(lon, lat):
            problems.append(
                Problem(file, "breedte- en lengtegraad lijken verwisseld", row["_row"], "lat", lat, library=lib)
            )
        elif not _between(lat, schema.NL_LAT):
            problems.append(
                Problem(file, _outside("breedtegraad", schema.NL_LAT), row["_row"], "lat", lat, library=lib)
            )
        elif not _between(lon, schema.NL_LON):
            problems.append(Problem(file, _outside("lengtegraad", schema.NL_LON), row["_row"], "lon", lon, library=lib))
    return problems


def _inside(lat: float, lon: float) -> bool:
    return _between(lat, schema.NL_LAT) and _between(lon, schema.NL_LON)


def _between(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]


def _outside(what: str, bounds: tuple[float, float]) -> str:
    low, high = (f"{b:.1f}".replace(".", ",") for b in bounds)
    return f"verwacht een {what} in Nederland (tussen {low} en {high})"


def _libraries_without_municipality(libs, munis, lib_file: str, muni_file: str) -> list[Problem]:
    served = set(munis["bibliotheek_id"].dropna())
    return [
        Problem(
            lib_file,
            f"bibliotheek heeft geen gemeenten in {muni_file}",
            row["_row"],
            "id",
            row["id"],
            library=row["id"],
        )
        for row in _records(libs)
        if row["id"] is not None and row["id"] not in served
    ]


def _youth_members(libs: pd.DataFrame, file: str) -> list[Problem]:
    return [
        Problem(
            file,
            f"meer jeugdleden dan leden ({row['leden']})",
            row["_row"],
            "jeugdleden",
            row["jeugdleden"],
            library=row["id"],
        )
        for row in _records(libs)
        if row["jeugdleden"] is not None and row["leden"] is not None and row["jeugdleden"] > row["leden"]
    ]


def _cbs_files(data_dir: Path) -> list[Path]:
    """CBS Nabijheidsstatistiek downloads placed in `data/cbs/` (StatLine CSV or OData JSON)."""
    folder = data_dir / CBS_FOLDER
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".csv", ".json")) if folder.is_dir() else []


def _merge_cbs(hoods: pd.DataFrame, files: list[Path], problems: list[Problem]) -> pd.DataFrame:
    """Fill each neighbourhood's CBS road distance from the downloads, where the input gives none."""
    for path in files:
        try:
            hoods = merge_cbs_distances(hoods, read_cbs_distances(path))
        except CbsFormatError as exc:
            problems.append(Problem(f"{CBS_FOLDER}/{path.name}", exc.detail))
    if files and len(hoods):
        hoods = hoods.astype(object).where(hoods.notna(), None)
    return hoods


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts: much faster than DataFrame.iterrows, which builds a Series per row."""
    return frame.to_dict("records")
