"""`compute_indicators`: a library's formula variables from its rows, then every indicator's value.

The names a content formula may use are `content.VARIABLES` (documented in docs/inhoud.md); every one of them is
computed here. Sums over the service area (the library's municipalities) and its branches are made here;
proximity figures come from `proximity.py`. A value that cannot be computed is None, never NaN.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from robuust_docs.content import Content, library_columns
from robuust_docs.inputs.geo import Outlines
from robuust_docs.schema import FULL_BRANCH_TYPE, SCHOOL_BRANCH_TYPE

LIBRARY_COLUMNS = library_columns()


@dataclass(frozen=True)
class LibraryRows:
    """One library's own rows of every table."""

    record: dict
    municipalities: pd.DataFrame
    branches: pd.DataFrame
    neighbourhoods: pd.DataFrame
    outlines: Outlines = field(default_factory=Outlines)  # its municipalities' outlines and their neighbours'

    @property
    def programmes(self) -> tuple[str, ...]:
        """The ids of the national programmes the library names in its `programmas`, in the input's order."""
        return tuple(self.record.get("programmas") or ())


def library_rows(dataset, library_id: str) -> LibraryRows:
    record = dataset.rows_of("libraries", "id", [library_id]).iloc[0].to_dict()
    munis = dataset.rows_of("municipalities", "bibliotheek_id", [library_id])
    branches = dataset.rows_of("branches", "bibliotheek_id", [library_id])
    hoods = dataset.rows_of("neighbourhoods", "gemeente_code", list(munis["code"]))
    return LibraryRows(
        record,
        munis.reset_index(drop=True),
        branches.reset_index(drop=True),
        hoods.reset_index(drop=True),
        dataset.outlines.around(munis["code"]),
    )


def library_variables(rows: LibraryRows, proximity, access) -> dict[str, float | None]:
    """Every variable of `content.VARIABLES` for one library (None where there is no data)."""
    variables: dict[str, float | None] = {c: _number(rows.record.get(c)) for c in LIBRARY_COLUMNS}
    munis = rows.municipalities
    variables.update(
        inwoners=_sum(munis["inwoners"]),
        inwoners_0_17=_sum(munis["inwoners_0_17"]),
        subsidie=_sum(munis["subsidie"]),
        aantal_gemeenten=float(len(munis)),
        aantal_programmas=float(len(rows.programmes)),
        aantal_op_school=float((rows.branches["type"] == SCHOOL_BRANCH_TYPE).sum()),
    )
    variables.update(access_variables(access))
    variables.update(proximity_variables(proximity))
    return variables


def municipality_variables(row: dict, proximity, access, library_inhabitants: float | None) -> dict[str, float | None]:
    """The variables of one municipality of a library (`content.MUNICIPALITY_VARIABLES`): its own figures, its own
    locations and its residents' distances (to any location of the library, also across the border)."""
    inhabitants, subsidy = _number(row.get("inwoners")), _number(row.get("subsidie"))
    variables = {
        "inwoners": inhabitants,
        "inwoners_0_17": _number(row.get("inwoners_0_17")),
        "subsidie": subsidy,
        "subsidie_per_inwoner": subsidy / inhabitants if subsidy is not None and inhabitants else None,
        "aandeel_inwoners": inhabitants / library_inhabitants * 100 if inhabitants and library_inhabitants else None,
    }
    variables.update(access_variables(access))
    hours = variables["openingsuren"]
    variables["openingsuren_per_10000"] = hours / inhabitants * 10_000 if hours is not None and inhabitants else None
    variables.update(proximity_variables(proximity))
    return variables


def access_variables(access) -> dict[str, float | None]:
    """Number, hours and accessibility of a set of locations (a library's, or one municipality's)."""
    located = access.count > 0
    return {
        "aantal_vestigingen": float(access.count),
        "aantal_volwaardig": float(access.full_count),
        "openingsuren": float(access.hours) if located else None,
        "openingsuren_volwaardig": float(access.full_hours) if located else None,
        "openingsuren_grootste_locatie": float(access.largest_hours),
        "open_bibliotheek_uren": float(access.open_library_hours) if located else None,
        "aandeel_rolstoeltoegankelijk": access.share_wheelchair,
        "aandeel_avond_weekend": access.share_evening_weekend if located else None,
        "aandeel_rolstoeltoegankelijk_volwaardig": access.full_share_wheelchair,
        "aandeel_avond_weekend_volwaardig": access.full_share_evening_weekend,
    }


PROXIMITY_VARIABLES = (
    "gem_afstand_km",
    "gem_afstand_volwaardig_km",
    "aandeel_binnen_1km",
    "aandeel_binnen_2km",
    "aandeel_binnen_5km",
    "aandeel_binnen_2km_volwaardig",
    "aandeel_binnen_5km_volwaardig",
    "inwoners_verder_dan_5km_volwaardig",
)


def proximity_variables(proximity) -> dict[str, float | None]:
    """Residents' distances to the locations and to the volwaardige vestigingen (None without neighbourhoods)."""
    if proximity is None:
        return dict.fromkeys(PROXIMITY_VARIABLES)
    return {
        "gem_afstand_km": proximity.mean_km,
        "gem_afstand_volwaardig_km": proximity.mean_full_km,
        "aandeel_binnen_1km": proximity.share_within.get(1),
        "aandeel_binnen_2km": proximity.share_within.get(2),
        "aandeel_binnen_5km": proximity.share_within.get(5),
        "aandeel_binnen_2km_volwaardig": proximity.share_within_full.get(2),
        "aandeel_binnen_5km_volwaardig": proximity.share_within_full.get(5),
        "inwoners_verder_dan_5km_volwaardig": float(proximity.beyond_full_km.get(5, 0)),
    }


def compute_indicators(variables: dict[str, float | None], content: Content) -> dict[str, float | None]:
    """Each indicator id → its value for this library, or None."""
    return {ind.id: ind.formule.evaluate(variables) for ind in content.indicators}


def full_branches(branches: pd.DataFrame) -> pd.DataFrame:
    return branches[branches["type"] == FULL_BRANCH_TYPE]


def _number(value) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _sum(series: pd.Series) -> float | None:
    """The sum, or None when any municipality lacks the figure (a partial sum would mislead)."""
    numbers = [_number(v) for v in series]
    if not numbers or any(n is None for n in numbers):
        return None
    return float(sum(numbers))
