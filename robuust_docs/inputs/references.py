"""`resolve_references`: programme and theme names in the inputs, matched to the content's ids.

People type "Taalhuis", "IDO" or "Digitale inclusie" where the content has ids; a value matches an id, a name,
one part of a name such as "Taalhuis / digiTaalhuis", or the start of exactly one name ("Digitale inclusie"
for "Digitale inclusie en dienstverlening"), case-insensitively. Names that contain commas ("Jeugd, onderwijs
en taalontwikkeling") are recognised before the cell is split on commas. Unknown values are problems of the
library whose row holds them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace

from robuust_docs.content import Content
from robuust_docs.errors import Problem
from robuust_docs.files import canonical
from robuust_docs.inputs.frames import records
from robuust_docs.inputs.load import Dataset


def _lookup(items) -> dict[str, str]:
    table = {}
    for item in items:
        table[canonical(item.id)] = item.id
        table[canonical(item.naam)] = item.id
        for part in re.split(r"\s*/\s*|\s*\(\s*|\s*\)\s*", item.naam):
            if part.strip():
                table.setdefault(canonical(part), item.id)
    return table


def _match(key: str, table: dict[str, str]) -> str | None:
    if key in table:
        return table[key]
    starts = {ident for name, ident in table.items() if name.startswith(key + " ")}
    return starts.pop() if len(starts) == 1 else None


def _values(cell: tuple[str, ...], table: dict[str, str]) -> list[str]:
    """The cell's values, with names that contain a comma kept whole (replaced by their id first)."""
    text = ", ".join(cell)
    for name in sorted((n for n in table if "," in n), key=len, reverse=True):
        text = re.sub(re.escape(name), table[name], text, flags=re.IGNORECASE)
    return [v.strip() for v in re.split(r"[,;|]", text) if v.strip()]


def _resolve(
    frame, column: str, table: dict[str, str], file: str, owner, what: str, problems: list[Problem], sheet: str | None
):
    resolved = []
    for row in records(frame):
        ids = []
        for value in _values(row[column] or (), table):
            ident = _match(canonical(value), table)
            if ident is not None:
                ids.append(ident)
                continue
            near = difflib.get_close_matches(canonical(value), list(table), n=1)
            hint = f"; bedoelt u '{near[0]}'?" if near else ""
            problems.append(
                Problem(file, f"onbekend {what}{hint}", row["_row"], column, value, sheet=sheet, library=owner(row))
            )
        resolved.append(tuple(dict.fromkeys(ids)))
    frame = frame.copy()
    frame[column] = resolved if resolved else frame[column]
    return frame


def _file(dataset: Dataset, table: str) -> str:
    return dataset.sources.get(table, f"{table}.csv")


def _sheet(dataset: Dataset, table: str) -> str | None:
    return dataset.sheets.get(table)


def resolve_references(dataset: Dataset, content: Content) -> Dataset:
    """The dataset with list columns holding content ids; unknown values added to its problems."""
    problems: list[Problem] = []
    libs = _resolve(
        dataset.libraries,
        "programmas",
        _lookup(content.programmes),
        _file(dataset, "bibliotheken"),
        lambda r: r["id"],
        "programma",
        problems,
        _sheet(dataset, "bibliotheken"),
    )
    munis = _resolve(
        dataset.municipalities,
        "beleidsthemas",
        _lookup(content.themes),
        _file(dataset, "gemeenten"),
        lambda r: r["bibliotheek_id"],
        "beleidsthema",
        problems,
        _sheet(dataset, "gemeenten"),
    )
    return replace(dataset, libraries=libs, municipalities=munis, problems=(*dataset.problems, *problems))
