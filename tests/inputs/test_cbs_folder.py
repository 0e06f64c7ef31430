"""CBS exports dropped in data/cbs/ fill the neighbourhoods' road distances and show up in the report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from robuust_docs.inputs import load_dataset

ROOT = Path(__file__).resolve().parents[2]


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("content"))
    hoods = pd.read_csv(data / "buurten.csv", dtype=str, keep_default_na=False)
    hoods["afstand_bibliotheek_km"] = ""
    hoods.to_csv(data / "buurten.csv", index=False)
    return data


def test_statline_csv_in_the_cbs_folder_fills_distances(tmp_path):
    data = _copy(tmp_path)
    hoods = pd.read_csv(data / "buurten.csv", dtype=str)
    first, second = hoods["code"].iloc[0], hoods["code"].iloc[1]
    (data / "cbs").mkdir()
    export = (
        '\ufeff"Wijken en buurten";"Codering";"Soort regio";"Afstand tot bibliotheek (km)"\n'
        f'"Centrum";"{first}  ";"Buurt     ";"1,4"\n'
        f'"De Akkers";"{second}";"Buurt";"."\n'
    )
    (data / "cbs" / "85560NED.csv").write_text(export, encoding="utf-8")
    dataset = load_dataset(data)
    assert not dataset.problems
    by_code = dict(zip(dataset.neighbourhoods["code"], dataset.neighbourhoods["afstand_bibliotheek_km"], strict=True))
    assert by_code[first] == 1.4
    assert by_code[second] is None


def test_a_broken_cbs_file_is_a_problem_naming_the_file(tmp_path):
    data = _copy(tmp_path)
    (data / "cbs").mkdir()
    (data / "cbs" / "export.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    dataset = load_dataset(data)
    (problem,) = dataset.problems
    assert problem.file == "cbs/export.csv"
    assert "Afstand tot bibliotheek" in problem.message
