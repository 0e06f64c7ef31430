"""Property-based: whatever a user puts in a cell or a content field, the tool either stops with a clear
RobuustError (or a failed library with its problems) or writes valid Word and PDF files that contain the value.
Never a traceback."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from robuust_docs import schema
from robuust_docs.app import Settings, prepare, run_batch
from robuust_docs.errors import RobuustError
from tests.checks import docx_text, squash

ROOT = Path(__file__).resolve().parents[2]
ROWS = {
    "bibliotheken": [
        {
            "id": "bib-test",
            "naam": "Bibliotheek Test",
            "provincie": "Utrecht",
            "poi": "BiSC",
            "jaar": "2025",
            "fte": "5,2",
            "vrijwilligers": "30",
            "baten_totaal": "950000",
            "eigen_inkomsten": "110000",
            "lasten_totaal": "940000",
            "personeelskosten": "560000",
            "huisvestingskosten": "180000",
            "eigen_vermogen": "150000",
            "leden": "4100",
            "jeugdleden": "2500",
            "bezoeken": "60000",
            "uitleningen": "70000",
            "activiteiten": "300",
            "deelnemers": "4000",
            "programmas": "taalhuis,ido",
        }
    ],
    "gemeenten": [
        {
            "code": "GM9901",
            "naam": "Testdorp",
            "bibliotheek_id": "bib-test",
            "inwoners": "21000",
            "inwoners_0_17": "4000",
            "subsidie": "520000",
            "beleidsthemas": "geletterdheid",
            "stedelijkheid": "4",
        }
    ],
    "vestigingen": [
        {
            "id": "v1",
            "bibliotheek_id": "bib-test",
            "naam": "Vestiging Testdorp",
            "type": "vestiging",
            "gemeente_code": "GM9901",
            "lat": "52,1",
            "lon": "5,1",
            "openingsuren": "30",
            "open_bibliotheek_uren": "10",
            "rolstoeltoegankelijk": "ja",
            "avond": "ja",
            "weekend": "nee",
        }
    ],
    "buurten": [
        {
            "code": "BU99010001",
            "naam": "Centrum",
            "gemeente_code": "GM9901",
            "inwoners": "12000",
            "lat": "52,1",
            "lon": "5,11",
            "afstand_bibliotheek_km": "0,9",
        },
        {
            "code": "BU99010002",
            "naam": "Buitengebied",
            "gemeente_code": "GM9901",
            "inwoners": "9000",
            "lat": "52,14",
            "lon": "5,16",
            "afstand_bibliotheek_km": "",
        },
    ],
}
TEXT_CELLS = [("bibliotheken", "naam"), ("gemeenten", "naam"), ("vestigingen", "naam"), ("buurten", "naam")]
ALL_CELLS = [(t.name, c.name) for t in schema.TABLES for c in t.columns]
hostile_text = st.one_of(
    st.text(min_size=1, max_size=60),
    st.sampled_from(
        [
            "Lezen & Schrijven",
            "<b>vet</b>",
            "{{ 7*7 }}",
            "{% raw %}",
            "'s-Hertogenbosch",
            "Ĳssel 📚",
            "=SUM(A1:A9)",
            "\u202eomgekeerd",
            "a\nb",
            "x" * 300,
            "n.v.t.",
            "-1",
            "1e309",
            "€ -5",
        ]
    ),
)

pytestmark = pytest.mark.slow  # renders whole documents


def _write(data: Path, rows: dict) -> None:
    for table, records in rows.items():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(records)
        (data / f"{table}.csv").write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "data").mkdir()
    shutil.copytree(ROOT / "data" / "content", root / "data" / "content")
    _write(root / "data", ROWS)
    return root


def _run(base: Path, table: str, column: str, value: str, name: str):
    work = base / name
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(base / "data", work / "data")
    rows = {t: [dict(r) for r in records] for t, records in ROWS.items()}
    rows[table][0][column] = value
    _write(work / "data", rows)
    prepared = prepare(Settings(work / "data", ROOT / "templates", work / "out", formats=("docx",)))
    return work, run_batch(prepared, prepared.dataset.library_ids(), overview=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cell=st.sampled_from(ALL_CELLS), value=hostile_text)
def test_any_value_in_any_cell_ends_in_a_clear_error_or_valid_files(base, cell, value):
    table, column = cell
    try:
        work, result = _run(base, table, column, value, "any")
    except RobuustError as exc:
        assert exc.problems, "an error must say where"
        assert all(p.file for p in exc.problems)
        return
    for outcome in result.outcomes:
        if outcome.status == "mislukt":
            assert outcome.problems and all(str(p) for p in outcome.problems)
        else:
            for name in outcome.files:
                data = (work / "out" / name).read_bytes()
                assert data[:4] in (b"PK\x03\x04", b"%PDF")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cell=st.sampled_from(TEXT_CELLS),
    value=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip),
)
def test_names_come_out_of_the_word_file_as_typed(base, cell, value):
    table, column = cell
    try:
        work, result = _run(base, table, column, value, "names")
    except RobuustError:
        return  # e.g. a value that reads as "no data" in a required column
    (outcome,) = result.outcomes
    if outcome.status == "mislukt":
        return
    assert squash(value.strip()) in squash(docx_text(work / "out" / "handreiking-bib-test.docx"))


CONTENT_FIELDS = [
    ("categorieen.yaml", ["categorieen", 0, "naam"]),
    ("categorieen.yaml", ["categorieen", 0, "omschrijving"]),
    ("modules.yaml", ["modules", 0, "naam"]),
    ("modules.yaml", ["modules", 0, "indicatoren", 0, "naam"]),
    ("modules.yaml", ["modules", 0, "indicatoren", 0, "formule"]),
    ("modules.yaml", ["modules", 0, "indicatoren", 0, "zinnen", "robuust"]),
    ("themas.yaml", ["themas", 0, "bijdrage"]),
    ("gesprek.yaml", ["algemene_vragen", 0]),
    ("impact.yaml", ["impact", 0, "tekst"]),
]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(CONTENT_FIELDS),
    value=st.one_of(hostile_text, st.integers(), st.none(), st.lists(st.text(max_size=5), max_size=2)),
)
def test_any_value_in_a_content_field_ends_in_a_clear_error_or_valid_files(base, field, value):
    file, path = field
    work = base / "content-case"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(base / "data", work / "data")
    target = work / "data" / "content" / file
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        prepared = prepare(Settings(work / "data", ROOT / "templates", work / "out", formats=("docx",)))
    except RobuustError as exc:
        assert exc.problems and all(p.file for p in exc.problems)
        return
    result = run_batch(prepared, prepared.dataset.library_ids(), overview=False)
    for outcome in result.outcomes:
        assert outcome.status == "klaar" or outcome.problems


@pytest.mark.parametrize(
    "story",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ bibliotheek.__class__ }}",
        "{% for x in range(10**9) %}x{% endfor %}",
    ],
    ids=["mro", "globals", "dunder", "huge-loop"],
)
def test_a_story_reaching_for_python_internals_fails_clearly(base, story):
    work = base / "sandbox"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(base / "data", work / "data")
    (work / "data" / "content" / "verhalen" / "compact.md").write_text(story, encoding="utf-8")
    with pytest.raises(RobuustError) as caught:
        prepare(Settings(work / "data", ROOT / "templates", work / "out"))
    assert any(p.file == "verhalen/compact.md" for p in caught.value.problems)
    assert not (work / "out").exists()
