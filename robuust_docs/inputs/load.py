"""`load_dataset`: read and validate the input tables into a `Dataset` of typed DataFrames.

Every problem is collected, never just the first. A problem that belongs to one library's own rows carries that
library's id (the library fails alone); any other problem (unreadable file, missing column, a row pointing to an
unknown library) is global and stops a run before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from robuust_docs import fmt, schema
from robuust_docs.errors import DataError, Problem
from robuust_docs.files import MAX_CELL_CHARS, canonical, digest_files, file_name_clashes, read_yaml, slugify
from robuust_docs.inputs import cells as values
from robuust_docs.inputs.cbs import CbsFormatError, merge_cbs_distances, read_cbs_distances
from robuust_docs.inputs.frames import records
from robuust_docs.inputs.geo import FILE as OUTLINE_FILE
from robuust_docs.inputs.geo import Outlines, load_outlines
from robuust_docs.inputs.readers import MissingSheetError, RawTable, find_sources, read_table
from robuust_docs.inputs.workbook import column_letter
from robuust_docs.inputs.years import select_years

MAPPING_FILE = "kolommen.yaml"
CBS_FOLDER = "cbs"
SAMPLE_MARKER = "VOORBEELD"  # the bundled sample dataset carries this file, saying it is fictional
_PARSERS = {
    "int": lambda text, col, dec: values.parse_int(text, dec, col.minimum),
    "float": lambda text, col, dec: values.parse_number(text, dec, col.minimum, allow=""),
    "money": lambda text, col, dec: values.parse_number(text, dec, col.minimum, allow="€"),
    "percent": lambda text, col, dec: values.parse_number(text, dec, col.minimum, allow="%"),
    "bool": lambda text, col, dec: values.parse_bool(text),
    "list": lambda text, col, dec: values.parse_list(text),
    "text": lambda text, col, dec: values.parse_text(text),
    "code": lambda text, col, dec: values.parse_text(text),
}


@dataclass(frozen=True)
class Dataset:
    """Validated input: one typed DataFrame per table (column `_row` is the spreadsheet row).

    Ids and codes are canonical: a municipality or branch that names its library 'BIB Veenhoven' holds the id
    as the library's own row spells it ('bib-veenhoven'), and municipality codes are upper case ('GM0307').
    """

    libraries: pd.DataFrame
    municipalities: pd.DataFrame
    branches: pd.DataFrame
    neighbourhoods: pd.DataFrame
    sources: dict[str, str] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    digest: str = ""
    sample: bool = False  # the fictional sample dataset (documents say so)
    outlines: Outlines = field(default_factory=Outlines)  # municipality outlines for the maps (optional file)
    sheets: dict[str, str] = field(default_factory=dict)  # table → its sheet in invoer.xlsx
    year: int | None = None  # the report year: the latest in bibliotheken, or the one asked for
    years: tuple[int, ...] = ()  # every year in bibliotheken
    library_years: pd.DataFrame | None = None  # every library row up to the report year (None: `libraries`)
    municipality_years: pd.DataFrame | None = None  # municipality rows with a year, up to the report year

    def rows_by(self, table: str, column: str) -> dict[object, pd.DataFrame]:
        """The rows of `table` (a field: 'municipalities', 'library_years', …) per value of `column`, each group in
        the table's order; made once per dataset, so that analysing N libraries does not filter every table N
        times (a run of 500 libraries spent seconds there)."""
        groups = self.__dict__.setdefault("_groups", {})  # not a field: frozen, and not part of equality
        if (table, column) not in groups:
            frame = getattr(self, table)
            groups[table, column] = {} if frame is None else dict(iter(frame.groupby(column, sort=False)))
        return groups[table, column]

    def rows_of(self, table: str, column: str, values) -> pd.DataFrame:
        """The rows of `table` whose `column` is one of `values`, in the table's order (empty: none)."""
        groups = self.rows_by(table, column)
        parts = [groups[v] for v in dict.fromkeys(values) if v in groups]
        if not parts:
            return getattr(self, table).iloc[0:0]
        return parts[0] if len(parts) == 1 else pd.concat(parts).sort_index(kind="stable")

    def years_of(self, library_id: str) -> pd.DataFrame:
        """The rows of one library, one per year up to the report year, oldest first."""
        own = self.rows_of("libraries" if self.library_years is None else "library_years", "id", [library_id])
        return own.assign(_jaar=[int(y) for y in own["jaar"]]).sort_values("_jaar").drop(columns="_jaar")

    @property
    def global_problems(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.library is None)

    def problems_of(self, library_id: str) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.library == library_id)

    def library_ids(self) -> list[str]:
        return [str(i) for i in self.libraries["id"]]

    def find_library(self, text: str) -> str | None:
        """The id of the library that `text` names, compared as ids are everywhere (case, spaces, punctuation
        and accents aside: the rule that makes file names); None when no library has it."""
        found = _resolver(self.libraries)(text)
        return found if found in set(self.library_ids()) else None


def load_dataset(data_dir: Path, year: int | None = None) -> Dataset:
    """Read every table in `data_dir`, parse and check it; unreadable files raise DataError at once. The report
    year is `year`, or else the latest year in `bibliotheken`; rows after it are left out (see `years.py`)."""
    names = tuple(t.name for t in schema.TABLES)
    sources = find_sources(data_dir, names)
    mapping = _load_mapping(data_dir)
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    sheets: dict[str, str] = {}
    unreadable: set[str] = set()  # tables that could not be read: links to them are not checked
    for table in schema.TABLES:
        frame = _load_one(table, sources.get(table.name), mapping, problems, data_dir, sheets)
        if frame is None:
            unreadable.add(table.name)
        frames[table.name] = _empty(table) if frame is None else frame
    resolve = _resolver(frames["bibliotheken"])
    frames = _canonical_references(frames, resolve)
    problems = [replace(p, library=resolve(p.library)) if p.library is not None else p for p in problems]
    places = {t: (sources[t].name if t in sources else f"{t}.csv", sheets.get(t)) for t in frames}
    selection = select_years(frames["bibliotheken"], frames["gemeenten"], year, places)
    problems += selection.problems
    frames["bibliotheken"], frames["gemeenten"] = selection.libraries, selection.municipalities
    problems = _neighbourhood_owners(problems, frames, places["buurten"])
    problems += _check_links(frames, places, unreadable)
    problems += _youth_members(selection.library_years, places["bibliotheken"])
    earlier = selection.municipality_years
    if len(earlier):
        earlier = earlier[~earlier["_row"].isin(set(selection.municipalities["_row"]))]
        problems += _municipality_rows(earlier, places["gemeenten"])
        if "bibliotheken" not in unreadable:  # a typo in an earlier year's row is a typo too
            known = set(frames["bibliotheken"]["id"].dropna())
            problems += _unknown(earlier, "bibliotheek_id", known, places["gemeenten"], "bibliotheek")
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
        sheets,
        selection.year,
        selection.years,
        selection.library_years,
        selection.municipality_years,
    )


def _load_one(
    table: schema.Table,
    path: Path | None,
    mapping: dict,
    problems: list[Problem],
    data_dir: Path,
    sheets: dict[str, str],
) -> pd.DataFrame | None:
    """The table parsed, or None when it could not be read (its problems added)."""
    if path is None:
        if table.required:
            problems.append(Problem(f"{table.name}.csv", f"bestand ontbreekt in {data_dir}"))
            return None
        return _empty(table)
    own = mapping.get(table.name, {})
    known = frozenset({c.name for c in table.columns} | set(own))
    try:
        raw = read_table(table.name, path, known)
    except MissingSheetError as exc:
        if not table.required:
            return _empty(table)
        problems.extend(p for p in exc.problems if p not in problems)
        return None
    except DataError as exc:
        problems.extend(p for p in exc.problems if p not in problems)  # a broken workbook counts once
        return None
    if raw.sheet is not None:
        sheets[table.name] = raw.sheet
    try:
        raw = _apply_mapping(raw, own)
    except DataError as exc:
        problems.extend(exc.problems)
        return None
    missing = [c.name for c in table.columns if c.required and c.name not in raw.frame.columns]
    if missing:
        shown = ", ".join(raw.frame.columns[:12]) or "geen"
        where = f"kopregel op rij {raw.header_row}: " if raw.header_row != 1 else "kolommen: "
        for name in missing:
            problems.append(
                Problem(raw.file, f"verplichte kolom '{name}' ontbreekt ({where}{shown})", column=name, sheet=raw.sheet)
            )
        return None
    return _parse_rows(table, raw, problems)


def _empty(table: schema.Table) -> pd.DataFrame:
    return pd.DataFrame(columns=["_row", *(c.name for c in table.columns)])


def _parse_rows(table: schema.Table, raw: RawTable, problems: list[Problem]) -> pd.DataFrame:
    rows = []
    for row_number, cells in zip(raw.frame.index, records(raw.frame), strict=True):
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

    if len(text) > MAX_CELL_CHARS:
        problem(f"de cel is te lang ({fmt.number(len(text))} tekens; hoogstens {fmt.number(MAX_CELL_CHARS)})", text)
        return None
    try:
        value = _PARSERS[col.kind](text, col, raw.decimal)
    except ValueError as exc:
        problem(str(exc), text)
        return None
    if col.kind == "code" and value is not None and col.name in _UPPER_CODES:
        value = "".join(canonical(value).split()).upper()
    if col.required and value in (None, ()):
        problem("verplicht veld is leeg")
    elif col.maximum is not None and isinstance(value, int | float) and value > col.maximum:
        problem(f"verwacht een getal tot en met {col.maximum:g}", text)
        return None
    elif col.choices and value is not None and str(value).lower() not in col.choices:
        problem(f"verwacht een van: {', '.join(col.choices)}", text)
        return None
    return str(value).lower() if col.choices and value is not None else value


_UPPER_CODES = {"code", "gemeente_code"}  # CBS codes (GM0307, BU03072801): compared and kept in upper case


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
    return {canonical(str(t)): {canonical(str(k)): canonical(str(v)) for k, v in m.items()} for t, m in loaded.items()}


def _apply_mapping(raw: RawTable, mapping: dict[str, str]) -> RawTable:
    """The table with its headers renamed by `kolommen.yaml`; two headers that end up with one name (say
    'Aantal leden', mapped to 'leden', next to a column 'leden') are an error naming both."""
    if not mapping:
        return raw
    renamed: dict[str, str] = {}
    for header in raw.frame.columns:
        target = mapping.get(header, header)
        if target in renamed:
            positions = raw.positions or {}
            first, second = renamed[target], header
            where = f" (kolom {_letter(positions, first)} en {_letter(positions, second)})" if positions else ""
            message = (
                f"kolom '{first}' en kolom '{second}' heten allebei '{target}' volgens {MAPPING_FILE}{where}; "
                "houd er één over"
            )
            raise DataError("Kolomindeling", (Problem(raw.file, message, raw.header_row, target, sheet=raw.sheet),))
        renamed[target] = header
    frame = raw.frame.rename(columns=mapping)
    positions = {mapping.get(k, k): v for k, v in (raw.positions or {}).items()}
    return replace(raw, frame=frame, positions=positions)


def _letter(positions: dict[str, int], header: str) -> str:
    return column_letter(positions[header]) if header in positions else "?"


# --- ids and references --------------------------------------------------------------------------------------------


def _resolver(libs: pd.DataFrame):
    """A function from a library id as some row writes it to the id as the library's own row spells it: an
    exact match first, else the one library whose id gives the same file name (case, spaces, punctuation and
    accents aside). Anything else comes back unchanged (and is then an unknown library)."""
    ids = [str(i) for i in libs["id"].dropna()]
    exact = set(ids)
    by_name: dict[str, set[str]] = {}
    for ident in ids:
        by_name.setdefault(slugify(ident), set()).add(ident)
    unique = {name: next(iter(found)) for name, found in by_name.items() if len(found) == 1}

    def resolve(text):
        if text is None or text in exact:
            return text
        return unique.get(slugify(str(text)), text)

    return resolve


def _neighbourhood_owners(problems: list[Problem], frames: dict[str, pd.DataFrame], place) -> list[Problem]:
    """A bad cell in a neighbourhood's row is a problem of the library of its municipality (that library fails
    alone), not of the whole run; a row whose municipality is unknown stays a problem of the run."""
    hoods, munis = frames["buurten"], frames["gemeenten"]
    owner = dict(zip(munis["code"], munis["bibliotheek_id"], strict=True))
    by_row = {row["_row"]: owner.get(row["gemeente_code"]) for row in records(hoods)}
    return [
        replace(p, library=by_row[p.row])
        if p.library is None and (p.file, p.sheet) == place and p.row in by_row and by_row[p.row] is not None
        else p
        for p in problems
    ]


def _canonical_references(frames: dict[str, pd.DataFrame], resolve) -> dict[str, pd.DataFrame]:
    """Every `bibliotheek_id` spelt as the library's own row spells it, when it names a known library."""
    result = dict(frames)
    for table in ("gemeenten", "vestigingen"):
        frame = frames[table]
        if len(frame):
            frame = frame.copy()
            frame["bibliotheek_id"] = [resolve(v) for v in frame["bibliotheek_id"]]
            result[table] = frame
    return result


Place = tuple[str, str | None]  # (file, sheet) of a table


def _at(place: Place, message: str, row=None, column=None, value=None, library=None) -> Problem:
    return Problem(place[0], message, row, column, value, place[1], library)


def _check_links(frames: dict[str, pd.DataFrame], places: dict[str, Place], unreadable: set[str]) -> list[Problem]:
    """Cross-table checks; a link into a table that could not be read is not checked (that would only repeat
    the table's own problem once per row). Each problem names the file and, in invoer.xlsx, the sheet."""
    libs, munis = frames["bibliotheken"], frames["gemeenten"]
    branches, hoods = frames["vestigingen"], frames["buurten"]
    problems = _duplicates(libs, "id", places["bibliotheken"], files=True)
    problems += _duplicates(munis, "code", places["gemeenten"])
    problems += _duplicates(branches, "id", places["vestigingen"]) + _duplicates(hoods, "code", places["buurten"])
    problems += _province_spellings(libs, places["bibliotheken"])
    lib_ids = set(libs["id"].dropna())
    muni_owner = dict(zip(munis["code"], munis["bibliotheek_id"], strict=True))
    if "bibliotheken" not in unreadable:
        problems += _unknown(munis, "bibliotheek_id", lib_ids, places["gemeenten"], "bibliotheek")
        problems += _unknown(branches, "bibliotheek_id", lib_ids, places["vestigingen"], "bibliotheek")
    if "gemeenten" not in unreadable:
        problems += _unknown(hoods, "gemeente_code", set(muni_owner), places["buurten"], "gemeente")
        problems += _branch_municipality(branches, muni_owner, places["vestigingen"])
        problems += _libraries_without_municipality(libs, munis, places["bibliotheken"], places["gemeenten"])
    problems += _municipality_rows(munis, places["gemeenten"])
    problems += _coordinates(branches, places["vestigingen"], lambda r: r["bibliotheek_id"])
    problems += _coordinates(hoods, places["buurten"], lambda r: muni_owner.get(r["gemeente_code"]))
    return problems


def _duplicates(frame: pd.DataFrame, key: str, place: Place, files: bool = False) -> list[Problem]:
    """A key that occurs twice, compared as ids are everywhere: 'BIB-Veenhoven', 'bib veenhoven' and
    'bib-veenhoven' are one id (they would share one file name), so the second is an error naming both."""
    items = [(row["_row"], str(row[key])) for row in records(frame) if row[key] is not None]
    problems = []
    for clash in file_name_clashes(items):
        if clash.first_name == clash.later_name:
            message = f"'{key}' komt dubbel voor (ook in rij {clash.first})"
        elif files:
            message = (
                f"'{key}' geeft dezelfde bestandsnaam (handreiking-{clash.part}) als '{clash.first_name}' in rij "
                f"{clash.first}; ids moeten meer verschillen dan in hoofdletters, spaties, leestekens of accenten"
            )
        else:
            message = (
                f"'{key}' is dezelfde als '{clash.first_name}' in rij {clash.first} (hoofdletters, spaties, "
                "leestekens en accenten tellen niet mee)"
            )
        problems.append(_at(place, message, clash.later, key, clash.later_name))
    return problems


def _province_spellings(libs: pd.DataFrame, place: Place) -> list[Problem]:
    """A province spelt two ways ('Noord-Holland', 'Noord Holland') would get two overviews with one file name."""
    items = [(row["_row"], str(row["provincie"])) for row in records(libs) if row["provincie"] is not None]
    return [
        _at(
            place,
            f"provincie wordt anders geschreven dan '{c.first_name}' in rij {c.first} (samen één bestand "
            f"provinciaal-beeld-{c.part}); schrijf haar overal hetzelfde",
            c.later,
            "provincie",
            c.later_name,
        )
        for c in file_name_clashes(items)
        if c.first_name != c.later_name
    ]


def _unknown(frame: pd.DataFrame, column: str, known: set, place: Place, what: str) -> list[Problem]:
    return [
        _at(place, f"onbekende {what}", row["_row"], column, row[column])
        for row in records(frame)
        if row[column] is not None and row[column] not in known
    ]


def _branch_municipality(branches: pd.DataFrame, owner: dict, place: Place) -> list[Problem]:
    problems = []
    for row in records(branches):
        code = row["gemeente_code"]
        if code is not None and code not in owner:
            problems.append(
                _at(place, "onbekende gemeente", row["_row"], "gemeente_code", code, library=row["bibliotheek_id"])
            )
    return problems


def _municipality_rows(munis: pd.DataFrame, place: Place) -> list[Problem]:
    problems = []
    for row in records(munis):
        lib = row["bibliotheek_id"]
        if row["code"] is not None and not re.fullmatch(r"GM\d{4}", str(row["code"])):
            problems.append(
                _at(place, "verwacht een gemeentecode als GM0123", row["_row"], "code", row["code"], library=lib)
            )
        young, total = row["inwoners_0_17"], row["inwoners"]
        if young is not None and total is not None and young > total:
            problems.append(
                _at(
                    place,
                    f"meer jeugdige inwoners dan inwoners ({total})",
                    row["_row"],
                    "inwoners_0_17",
                    young,
                    library=lib,
                )
            )
    return problems


def _coordinates(frame: pd.DataFrame, place: Place, owner) -> list[Problem]:
    problems = []
    for row in records(frame):
        lat, lon = row["lat"], row["lon"]
        if lat is None or lon is None:
            continue
        lib = owner(row)
        if _inside(lon, lat):
            problems.append(
                _at(place, "breedte- en lengtegraad lijken verwisseld", row["_row"], "lat", lat, library=lib)
            )
        elif not _between(lat, schema.NL_LAT):
            problems.append(_at(place, _outside("breedtegraad", schema.NL_LAT), row["_row"], "lat", lat, library=lib))
        elif not _between(lon, schema.NL_LON):
            problems.append(_at(place, _outside("lengtegraad", schema.NL_LON), row["_row"], "lon", lon, library=lib))
    return problems


def _inside(lat: float, lon: float) -> bool:
    return _between(lat, schema.NL_LAT) and _between(lon, schema.NL_LON)


def _between(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]


def _outside(what: str, bounds: tuple[float, float]) -> str:
    low, high = (f"{b:.1f}".replace(".", ",") for b in bounds)
    return f"verwacht een {what} in Nederland (tussen {low} en {high})"


def _libraries_without_municipality(libs, munis, lib_place: Place, muni_place: Place) -> list[Problem]:
    served = set(munis["bibliotheek_id"].dropna())
    where = f"blad '{muni_place[1]}'" if muni_place[1] else muni_place[0]
    return [
        _at(lib_place, f"bibliotheek heeft geen gemeenten in {where}", row["_row"], "id", row["id"], library=row["id"])
        for row in records(libs)
        if row["id"] is not None and row["id"] not in served
    ]


def _youth_members(libs: pd.DataFrame, place: Place) -> list[Problem]:
    return [
        _at(
            place,
            f"meer jeugdleden dan leden ({row['leden']})",
            row["_row"],
            "jeugdleden",
            row["jeugdleden"],
            library=row["id"],
        )
        for row in records(libs)
        if row["jeugdleden"] is not None and row["leden"] is not None and row["jeugdleden"] > row["leden"]
    ]


def _cbs_files(data_dir: Path) -> list[Path]:
    """CBS Nabijheidsstatistiek downloads placed in `data/cbs/` (StatLine CSV or OData JSON)."""
    folder = data_dir / CBS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".csv", ".json") and p.is_file())


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
