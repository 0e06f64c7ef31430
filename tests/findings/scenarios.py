"""Hand-made libraries for the findings tests, each built to show one rule of bevindingen.yaml (with the bundled
content), written as CSV files and analysed like any input.

- `bib-kern` (compact, three municipalities): Oosterwolde has the only vestiging and two far kernen; Westerhoeve
  pays 40% less per inhabitant than the others and has only a servicepunt; Zuiderveen has no location at all. The
  library has a deficit that its reserves cover for a year and a half, and more visits than its hours can hold.
- `bib-leeg` (compact, two municipalities): no volwaardige vestiging anywhere, two servicepunten of a few hours.
- `bib-gewoon-1` … `-3` (compact, one municipality each): ordinary peers, so the category has medians; the
  municipality of `bib-gewoon-1` has the theme gezondheid.
"""

from __future__ import annotations

import math
from pathlib import Path

from robuust_docs.analysis import analyse_dataset
from robuust_docs.content import load_content
from robuust_docs.findings import derive_findings
from robuust_docs.inputs import load_dataset, resolve_references
from tests.conftest import BUNDLED_CONTENT, write_csv

KM_LAT = 1 / 111.2  # degrees of latitude per km


def _library(lid: str, name: str, **figures) -> dict:
    base = {
        "id": lid,
        "naam": name,
        "provincie": "Drenthe",
        "poi": "Biblionet Drenthe",
        "jaar": 2025,
        "fte": 6.0,
        "vrijwilligers": 30,
        "baten_totaal": 1_000_000,
        "eigen_inkomsten": 90_000,
        "lasten_totaal": 990_000,
        "personeelskosten": 560_000,
        "huisvestingskosten": 170_000,
        "eigen_vermogen": 200_000,
        "leden": 4_200,
        "jeugdleden": 2_800,
        "bezoeken": 50_000,
        "uitleningen": 60_000,
        "activiteiten": 300,
        "deelnemers": 4_000,
        "programmas": "taalhuis",
    }
    return {**base, **figures}


def _municipality(code: str, name: str, lid: str, inhabitants: int, subsidy: float, themes: str = "") -> dict:
    return {
        "code": code,
        "naam": name,
        "bibliotheek_id": lid,
        "inwoners": inhabitants,
        "inwoners_0_17": inhabitants // 5,
        "subsidie": subsidy,
        "beleidsthemas": themes,
        "stedelijkheid": 4,
    }


def _branch(bid: str, lid: str, name: str, kind: str, code: str, lat: float, lon: float, hours: float) -> dict:
    return {
        "id": bid,
        "bibliotheek_id": lid,
        "naam": name,
        "type": kind,
        "gemeente_code": code,
        "lat": lat,
        "lon": lon,
        "openingsuren": hours,
        "open_bibliotheek_uren": 0,
        "rolstoeltoegankelijk": True,
        "avond": True,
        "weekend": True,
    }


def _hood(code: str, name: str, muni: str, inhabitants: int, lat: float, lon: float) -> dict:
    return {
        "code": code,
        "naam": name,
        "gemeente_code": muni,
        "inwoners": inhabitants,
        "lat": lat,
        "lon": lon,
        "afstand_bibliotheek_km": "",
    }


def tables() -> dict[str, list[dict]]:
    lat0, lon0 = 52.80, 6.50
    km_lon = KM_LAT / math.cos(math.radians(lat0))
    libraries = [
        _library(
            "bib-kern",
            "Bibliotheek Kernland",
            fte=6.0,
            baten_totaal=900_000,
            lasten_totaal=1_000_000,
            eigen_vermogen=150_000,
            bezoeken=400_000,
            leden=4_500,
            jeugdleden=3_000,
        ),
        _library(
            "bib-leeg",
            "Bibliotheek Leegland",
            fte=2.0,
            baten_totaal=400_000,
            lasten_totaal=395_000,
            personeelskosten=230_000,
            huisvestingskosten=60_000,
            eigen_inkomsten=36_000,
            eigen_vermogen=60_000,
            leden=1_800,
            jeugdleden=1_200,
            bezoeken=20_000,
        ),
        *(_library(f"bib-gewoon-{i}", f"Bibliotheek Gewoon {i}") for i in (1, 2, 3)),
    ]
    municipalities = [
        _municipality("GM0101", "Oosterwolde", "bib-kern", 12_000, 300_000, "geletterdheid"),
        _municipality("GM0102", "Westerhoeve", "bib-kern", 6_000, 90_000, "gezondheid"),
        _municipality("GM0103", "Zuiderveen", "bib-kern", 4_000, 100_000),
        _municipality("GM0201", "Leegdorp", "bib-leeg", 9_000, 200_000),
        _municipality("GM0202", "Leegmeer", "bib-leeg", 6_000, 140_000),
        *(
            _municipality(f"GM030{i}", f"Gewoondorp {i}", f"bib-gewoon-{i}", 20_000, 480_000, themes)
            for i, themes in ((1, "gezondheid"), (2, ""), (3, ""))
        ),
    ]
    branches = [
        _branch("kern-1", "bib-kern", "Bibliotheek Oosterwolde", "vestiging", "GM0101", lat0, lon0, 36),
        _branch("kern-2", "bib-kern", "Servicepunt Westerhoeve", "servicepunt", "GM0102", lat0, lon0 - 6 * km_lon, 6),
        _branch("leeg-1", "bib-leeg", "Servicepunt Leegdorp", "servicepunt", "GM0201", 53.10, 6.80, 8),
        _branch("leeg-2", "bib-leeg", "Servicepunt Leegmeer", "servicepunt", "GM0202", 53.15, 6.80, 4),
        *(
            _branch(
                f"gewoon-{i}",
                f"bib-gewoon-{i}",
                f"Bibliotheek Gewoon {i}",
                "vestiging",
                f"GM030{i}",
                52.0 + i / 10,
                5.0,
                40,
            )
            for i in (1, 2, 3)
        ),
    ]
    hoods = [
        _hood("BU01010001", "Oosterwolde Centrum", "GM0101", 9_000, lat0, lon0),
        _hood("BU01010002", "Achterveld", "GM0101", 1_800, lat0 + 7 * KM_LAT, lon0),
        _hood("BU01010003", "Hoogeloo", "GM0101", 1_200, lat0 - 8 * KM_LAT, lon0),
        _hood("BU01020001", "Westerhoeve Dorp", "GM0102", 6_000, lat0, lon0 - 6 * km_lon),
        _hood("BU01030001", "Zuiderveen Dorp", "GM0103", 4_000, lat0 - 9 * KM_LAT, lon0 + 3 * km_lon),
        _hood("BU02010001", "Leegdorp", "GM0201", 9_000, 53.10, 6.80),
        _hood("BU02020001", "Leegmeer", "GM0202", 6_000, 53.15, 6.80),
        *(_hood(f"BU030{i}0001", f"Gewoondorp {i}", f"GM030{i}", 20_000, 52.0 + i / 10, 5.0) for i in (1, 2, 3)),
    ]
    return {"bibliotheken": libraries, "gemeenten": municipalities, "vestigingen": branches, "buurten": hoods}


def analysed(tmp_path: Path, changed: dict[str, list[dict]] | None = None):
    """(content, analysis, findings per library id) for the scenarios (or the `changed` tables), written into
    `tmp_path`."""
    for name, rows in (changed or tables()).items():
        write_csv(tmp_path / f"{name}.csv", rows)
    content = load_content(BUNDLED_CONTENT)
    analysis = analyse_dataset(resolve_references(load_dataset(tmp_path), content), content)
    assert not analysis.failures, analysis.failures
    return content, analysis, {lid: derive_findings(lib, content) for lid, lib in analysis.libraries.items()}
