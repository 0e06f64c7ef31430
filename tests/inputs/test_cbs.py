"""CBS Nabijheidsstatistiek: reading OData JSON and StatLine CSV, and merging into the neighbourhoods."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from robuust_docs.inputs.cbs import CbsFormatError, merge_cbs_distances, read_cbs_distances

# The shape of a TypedDataSet answer of a wijk/buurt table: padded strings, a numbered measure key, nulls.
ODATA = {
    "odata.metadata": "https://opendata.cbs.nl/ODataApi/OData/85560NED/$metadata#Cbs.OData.WebAPI.TypedDataSet",
    "value": [
        {
            "ID": 0,
            "WijkenEnBuurten": "NL00      ",
            "Gemeentenaam_1": "Nederland                               ",
            "SoortRegio_2": "Land      ",
            "Codering_3": "NL00      ",
            "AfstandTotHuisartsenpraktijk_5": 1.0,
            "AfstandTotBibliotheek_92": 2.0,
        },
        {
            "ID": 1,
            "WijkenEnBuurten": "GM0307    ",
            "Gemeentenaam_1": "Amersfoort                              ",
            "SoortRegio_2": "Gemeente  ",
            "Codering_3": "GM0307    ",
            "AfstandTotBibliotheek_92": 1.3,
        },
        {
            "ID": 2,
            "WijkenEnBuurten": "BU03072801",
            "Gemeentenaam_1": "Amersfoort                              ",
            "SoortRegio_2": "Buurt     ",
            "Codering_3": "BU03072801",
            "AfstandTotBibliotheek_92": 1.7,
        },
        {
            "ID": 3,
            "WijkenEnBuurten": "BU03072802",
            "Gemeentenaam_1": "Amersfoort                              ",
            "SoortRegio_2": "Buurt     ",
            "Codering_3": "BU03072802",
            "AfstandTotBibliotheek_92": None,
        },
    ],
}

CSV_LINES = [
    '"Wijken en buurten";"Gemeentenaam";"Soort regio";"Codering";"Afstand tot huisartsenpraktijk (km)";'
    '"Afstand tot bibliotheek (km)"',
    '"Nederland";"Nederland                ";"Land      ";"NL00      ";"1,0";"2,0"',
    '"Amersfoort";"Amersfoort              ";"Gemeente  ";"GM0307    ";"0,9";"1,3"',
    '"Vathorst-Zuid";"Amersfoort              ";"Buurt     ";"BU03072801";"1,4";"1,7"',
    '"Vathorst-Noord";"Amersfoort              ";"Buurt     ";"BU03072802";"1,2";"."',
    '"Bedrijventerrein";"Amersfoort              ";"Buurt     ";"BU03072803";"";""',
    "",
    '"Bron: CBS"',
]


def write_json(tmp_path, data, name="85560NED.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def write_csv(tmp_path, lines, encoding="utf-8-sig", name="nabijheid.csv"):
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def as_dict(frame: pd.DataFrame) -> dict[str, float]:
    return dict(zip(frame["code"], frame["afstand_bibliotheek_km"], strict=True))


# --- OData JSON -------------------------------------------------------------------------------------------


def test_odata_json_is_read_and_stripped(tmp_path):
    frame = read_cbs_distances(write_json(tmp_path, ODATA))
    assert list(frame.columns) == ["code", "naam", "soort", "afstand_bibliotheek_km"]
    assert frame["code"].tolist() == ["NL00", "GM0307", "BU03072801", "BU03072802"]
    assert frame["soort"].tolist() == ["Land", "Gemeente", "Buurt", "Buurt"]
    assert frame["naam"].tolist()[1:] == ["Amersfoort"] * 3
    assert frame["afstand_bibliotheek_km"].tolist()[:3] == [2.0, 1.3, 1.7]
    assert math.isnan(frame["afstand_bibliotheek_km"].iloc[3])


@pytest.mark.parametrize("suffix", ["_33", "_107", "_226"])
def test_odata_distance_key_is_found_by_prefix(tmp_path, suffix):
    records = [{k.replace("_92", suffix): v for k, v in r.items()} for r in ODATA["value"]]
    frame = read_cbs_distances(write_json(tmp_path, {"value": records}))
    assert as_dict(frame)["BU03072801"] == 1.7


def test_municipal_table_with_periods_keeps_the_latest(tmp_path):
    records = [
        {"ID": 0, "RegioS": "GM0307", "Perioden": "2022JJ00", "AfstandTotBibliotheek_33": 1.4},
        {"ID": 1, "RegioS": "GM0307", "Perioden": "2023JJ00", "AfstandTotBibliotheek_33": 1.2},
        {"ID": 2, "RegioS": "GM0344", "Perioden": "2023JJ00", "AfstandTotBibliotheek_33": 0.9},
    ]
    frame = read_cbs_distances(write_json(tmp_path, {"value": records}))
    assert as_dict(frame) == {"GM0307": 1.2, "GM0344": 0.9}
    assert frame["soort"].tolist() == ["Gemeente", "Gemeente"]  # derived from the code


def test_bare_list_of_records_is_accepted(tmp_path):
    frame = read_cbs_distances(write_json(tmp_path, ODATA["value"]))
    assert len(frame) == 4


# --- StatLine CSV -----------------------------------------------------------------------------------------


def test_statline_csv_with_bom_decimal_comma_and_padding(tmp_path):
    frame = read_cbs_distances(write_csv(tmp_path, CSV_LINES))
    assert frame["code"].tolist() == ["NL00", "GM0307", "BU03072801", "BU03072802", "BU03072803"]
    assert frame["naam"].tolist()[2] == "Vathorst-Zuid"  # the area's own name, next to 'Codering'
    assert frame["soort"].tolist()[2] == "Buurt"
    distances = frame["afstand_bibliotheek_km"]
    assert distances.tolist()[:3] == [2.0, 1.3, 1.7]
    assert distances.iloc[3:].isna().all()  # "." and empty are missing


def test_statline_csv_in_cp1252_with_decimal_point(tmp_path):
    lines = [
        '"Wijken en buurten";"Gemeentenaam";"Afstand tot bibliotheek (km)"',
        '"BU19000101";"Súdwest-Fryslân";"3.4"',
    ]
    frame = read_cbs_distances(write_csv(tmp_path, lines, encoding="cp1252"))
    assert as_dict(frame) == {"BU19000101": 3.4}
    assert frame["naam"].tolist() == ["Súdwest-Fryslân"]


def test_statline_csv_with_key_headers_and_title_line(tmp_path):
    lines = [
        '"Kerncijfers wijken en buurten 2022"',
        '"WijkenEnBuurten";"Gemeentenaam_1";"SoortRegio_2";"AfstandTotBibliotheek_92"',
        '"GM0307    ";"Amersfoort";"Gemeente  ";"1,3"',
    ]
    frame = read_cbs_distances(write_csv(tmp_path, lines, encoding="utf-8"))
    assert frame.to_dict("records") == [
        {"code": "GM0307", "naam": "Amersfoort", "soort": "Gemeente", "afstand_bibliotheek_km": 1.3}
    ]


def test_statline_csv_label_with_topic_path(tmp_path):
    lines = ['"Regio\'s";"Perioden";"Cultuur en recreatie/Afstand tot bibliotheek (km)"', '"GM0307";"2023";"1,2"']
    assert as_dict(read_cbs_distances(write_csv(tmp_path, lines))) == {"GM0307": 1.2}


# --- errors -----------------------------------------------------------------------------------------------


def test_missing_distance_column_names_file_and_columns(tmp_path):
    lines = ['"Wijken en buurten";"Gemeentenaam";"Afstand tot huisartsenpraktijk (km)"', '"BU01";"X";"1,0"']
    path = write_csv(tmp_path, lines)
    with pytest.raises(CbsFormatError) as caught:
        read_cbs_distances(path)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.path == str(path)
    assert "Afstand tot bibliotheek" in error.detail and "'Gemeentenaam'" in error.detail
    assert str(error).startswith(str(path))


def test_missing_distance_key_in_json(tmp_path):
    path = write_json(tmp_path, {"value": [{"WijkenEnBuurten": "GM0307", "AfstandTotApotheek_9": 1.0}]})
    with pytest.raises(CbsFormatError, match="AfstandTotApotheek_9"):
        read_cbs_distances(path)


@pytest.mark.parametrize(
    "content, expected",
    [
        ('{"value": 3}', "value"),
        ("{not json", "JSON"),
        ('"Gemeentenaam";"Afstand tot bibliotheek (km)"\n"Amersfoort";"1,3"', "gebiedscodes"),
        ('"Codering";"Afstand tot bibliotheek (km)"\n"GM0307";"ver"', "'ver'"),
        ('"Codering";"Afstand tot bibliotheek (km)"\n"GM0307";"1,3";"extra"', "regel 2"),
    ],
    ids=["value-not-a-list", "broken-json", "no-codes", "not-a-number", "ragged-row"],
)
def test_malformed_files_raise_cbs_format_error(tmp_path, content, expected):
    path = tmp_path / "cbs.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CbsFormatError, match=expected):
        read_cbs_distances(path)


def test_missing_file_is_a_cbs_format_error(tmp_path):
    with pytest.raises(CbsFormatError) as caught:
        read_cbs_distances(tmp_path / "bestaat-niet.csv")
    assert caught.value.path.endswith("bestaat-niet.csv")


# --- merge ------------------------------------------------------------------------------------------------


def test_merge_fills_only_missing_distances(tmp_path):
    cbs = read_cbs_distances(write_json(tmp_path, ODATA))
    buurten = pd.DataFrame(
        {
            "code": ["BU03072801", "BU03072802", "bu03072801 ", "BU99999999", "GM0307"],
            "inwoners": [10, 20, 30, 40, 50],
            "afstand_bibliotheek_km": [np.nan, np.nan, np.nan, np.nan, 9.9],
        }
    )
    merged = merge_cbs_distances(buurten, cbs)
    assert merged["afstand_bibliotheek_km"].tolist()[0] == 1.7
    assert merged["afstand_bibliotheek_km"].tolist()[2] == 1.7  # codes compared stripped, upper-case
    assert merged["afstand_bibliotheek_km"].iloc[[1, 3]].isna().all()  # CBS null / unknown code
    assert merged["afstand_bibliotheek_km"].iloc[4] == 9.9  # own value kept
    assert buurten["afstand_bibliotheek_km"].isna().sum() == 4  # input untouched


def test_merge_adds_the_column_when_absent(tmp_path):
    cbs = read_cbs_distances(write_json(tmp_path, ODATA))
    merged = merge_cbs_distances(pd.DataFrame({"code": ["BU03072801"], "inwoners": [5]}), cbs)
    assert merged["afstand_bibliotheek_km"].tolist() == [1.7]


# --- hostile or broken downloads ------------------------------------------------------------------------------------


def _statline(tmp_path, km: str):
    path = tmp_path / "85560NED.csv"
    path.write_text(f'"Codering";"Afstand tot bibliotheek (km)"\n"BU03072801";"{km}"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("km", ["-279,2", "279,2", "nan", "inf"], ids=["negative", "too-far", "nan", "infinite"])
def test_a_distance_outside_0_to_100_km_is_refused(tmp_path, km):
    with pytest.raises(CbsFormatError, match="verwacht een afstand van 0 tot 100 km") as caught:
        read_cbs_distances(_statline(tmp_path, km))
    assert "BU03072801" in caught.value.detail


def test_a_negative_distance_in_json_is_refused(tmp_path):
    data = {"value": [{"Codering_3": "BU03072801", "AfstandTotBibliotheek_92": -279.2}]}
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CbsFormatError, match="gevonden '−279,2'"):
        read_cbs_distances(path)


def test_deeply_nested_json_is_a_clear_error(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(CbsFormatError, match="te diep genest"):
        read_cbs_distances(path)


@pytest.mark.parametrize(
    "content",
    [
        b'Codering;Afstand tot bibliotheek (km)\nBU03072801;"' + b"9" * 200_000 + b'"\n',
        b"Codering;Afstand tot bibliotheek (km)\n" + bytes(range(1, 128)) * 500,
        b"Codering;Afstand tot bibliotheek (km)\n" + b"\x00garbage;\x01\n" * 100,
    ],
    ids=["huge-field", "garbage-bytes", "binary"],
)
def test_garbage_csv_is_a_clear_cbs_format_error(tmp_path, content):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(CbsFormatError) as caught:
        read_cbs_distances(path)
    assert caught.value.detail and "field larger" not in caught.value.detail


def test_old_mac_line_endings_are_read(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b'Codering;Afstand tot bibliotheek (km)\r"BU03072801";"1,5"\r')
    frame = read_cbs_distances(path)
    assert list(frame["code"]) == ["BU03072801"]
    assert list(frame["afstand_bibliotheek_km"]) == [1.5]


def test_a_download_above_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    from robuust_docs.inputs import cbs

    monkeypatch.setattr(cbs, "MAX_CBS_BYTES", 100)
    with pytest.raises(CbsFormatError, match="te groot"):
        read_cbs_distances(_statline(tmp_path, "1,0" + " " * 200))
