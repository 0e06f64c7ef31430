"""`resolve_references`: programme and theme names in the inputs, matched to the content's ids.

People type "Taalhuis", "IDO" or "Digitale inclusie" where the content has ids; a value matches an id, a name,
or one part of a name such as "Taalhuis / digiTaalhuis", case-insensitively. Unknown values are problems of
the library whose row holds them.
"""

from __future__ import annotations

import difflib
import re

from .content import Content
from .errors import Problem
from .loader import Dataset


def _lookup(items) -> dict[str, str]:
    table = {}
    for item in items:
        table[item.id.lower()] = item.id
        table[item.naam.lower()] = item.id
        for part in re.split(r"\s*/\s*|\s*\(\s*|\s*\)\s*", item.naam):
            if part.strip():
                table.setdefault(part.strip().lower(), item.id)
    return table


def _resolve(frame, column: str, table: dict[str, str], file: str, owner, what: str, problems: list[Problem]):
    resolved = []
    for _, row in frame.iterrows():
        ids = []
        for value in row[column] or ():
            key = value.strip().lower()
            if key in table:
                ids.append(table[key])
                continue
            near = difflib.get_close_matches(key, list(table), n=1)
            hint = f"; bedoelt u '{near[0]}'?" if near else ""
            problems.append(Problem(file, f"onbekend {what}{hint}", row["_row"], column, value, library=owner(row)))
        resolved.append(tuple(dict.fromkeys(ids)))
    frame = frame.copy()
    frame[column] = resolved if resolved else frame[column]
    return frame


def resolve_references(dataset: Dataset, content: Content) -> Dataset:
    """The dataset with list columns holding content ids; unknown values added to its problems."""
    problems: list[Problem] = []
    libs = _resolve(dataset.libraries, "programmas", _lookup(content.programmes),
                    dataset.sources.get("bibliotheken", "bibliotheken.csv"), lambda r: r["id"], "programma", problems)
    munis = _resolve(dataset.municipalities, "beleidsthemas", _lookup(content.themes),
                     dataset.sources.get("gemeenten", "gemeenten.csv"), lambda r: r["bibliotheek_id"],
                     "beleidsthema", problems)
    return Dataset(libs, munis, dataset.branches, dataset.neighbourhoods, dataset.sources,
                   dataset.problems + tuple(problems), dataset.digest)
