"""`generate --per-gemeente`: a guide per municipality for a library that serves several, as files of their own
that edit safety, the manifest, skipping and overzicht.xlsx treat like any other; a library of one municipality
keeps its single guide and the run says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from robuust_docs.app import Settings, prepare, run_batch
from robuust_docs.cli import main
from tests.checks import pdf_text
from tests.conftest import BUNDLED_CONTENT, write_csv
from tests.findings.scenarios import tables

pytestmark = pytest.mark.slow  # renders whole documents

ROOT = Path(__file__).resolve().parents[2]
KERN = ["oosterwolde", "westerhoeve", "zuiderveen"]


@pytest.fixture()
def data(tmp_path) -> Path:
    """The hand-made libraries of tests/findings/scenarios.py with the bundled content, as a data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name, rows in tables().items():
        write_csv(folder / f"{name}.csv", rows)
    shutil.copytree(BUNDLED_CONTENT, folder / "content")
    return folder


def _run(data: Path, out: Path, ids: list[str], **settings):
    prepared = prepare(Settings(data, ROOT / "templates", out, **settings))
    return run_batch(prepared, ids, jobs=1, per_municipality=True, overview=False)


def test_a_guide_per_municipality_with_its_own_file_name_and_addressee(data, tmp_path):
    out = tmp_path / "out"
    result = _run(data, out, ["bib-kern", "bib-gewoon-1"])
    assert [(o.library_id, o.municipality, o.status) for o in result.outcomes] == [
        ("bib-kern", "Oosterwolde", "klaar"),
        ("bib-kern", "Westerhoeve", "klaar"),
        ("bib-kern", "Zuiderveen", "klaar"),
        ("bib-gewoon-1", "", "klaar"),
    ]
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    expected = [f"handreiking-bib-kern-{m}.{kind}" for m in KERN for kind in ("docx", "pdf")]
    assert names == sorted(
        [*expected, "handreiking-bib-gewoon-1.docx", "handreiking-bib-gewoon-1.pdf", "manifest.json"]
    )
    single = next(o for o in result.outcomes if o.library_id == "bib-gewoon-1")
    assert any("één gemeente" in n for n in single.notes)
    text = pdf_text(out / "handreiking-bib-kern-westerhoeve.pdf")
    assert "Handreiking voor het gesprek met de gemeente Westerhoeve" in " ".join(text.split())
    doc = Document(str(out / "handreiking-bib-kern-westerhoeve.docx"))
    assert doc.core_properties.title.startswith("Handreiking voor het gesprek met de gemeente Westerhoeve")
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["In het kort", "De gemeente Westerhoeve", "De gemeenten"]
    manifest = json.loads((out / "manifest.json").read_text())["bestanden"]
    assert manifest["handreiking-bib-kern-zuiderveen.pdf"]["gemeente"] == "Zuiderveen"
    assert manifest["handreiking-bib-kern-zuiderveen.pdf"]["bibliotheek"] == "bib-kern"


def test_every_guide_has_the_same_comparison_table(data, tmp_path):
    out = tmp_path / "out"
    _run(data, out, ["bib-kern"], formats=("docx",))
    tables_found = []
    for m in KERN:
        doc = Document(str(out / f"handreiking-bib-kern-{m}.docx"))
        comparison = next(t for t in doc.tables if t.rows[0].cells[0].text == "Gemeente")
        tables_found.append([[c.text for c in row.cells] for row in comparison.rows])
    assert tables_found[0] == tables_found[1] == tables_found[2]
    assert [row[0] for row in tables_found[0][1:]] == ["Oosterwolde", "Westerhoeve", "Zuiderveen"]


def test_guides_per_municipality_are_skipped_and_kept_like_any_other_file(data, tmp_path):
    out = tmp_path / "out"
    _run(data, out, ["bib-kern"], formats=("docx",))
    edited = out / "handreiking-bib-kern-westerhoeve.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")  # a user's edit
    again = _run(data, out, ["bib-kern"], formats=("docx",))
    by_town = {o.municipality: o for o in again.outcomes}
    assert by_town["Oosterwolde"].status == "overgeslagen" and by_town["Zuiderveen"].status == "overgeslagen"
    assert (out / "handreiking-bib-kern-westerhoeve (nieuw).docx").exists()  # the edit stays, the new one beside it


def test_overzicht_has_a_row_per_guide_with_its_municipality(data, tmp_path):
    out = tmp_path / "out"
    runner = CliRunner()
    common = ["--data", str(data), "--out", str(out), "--format", "docx", "--jobs", "1"]
    result = runner.invoke(main, ["generate", "--all", "--per-gemeente", *common])
    assert result.exit_code == 0, result.output
    assert "5 bibliotheken" in result.output and "8 handreikingen per gemeente" in result.output
    assert "3 bibliotheken met één gemeente houden één handreiking" in result.output
    rows = list(load_workbook(out / "overzicht.xlsx").active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Id", "Bibliotheek", "Gemeente")
    assert [(r[0], r[2]) for r in rows[1:] if r[0] == "bib-kern"] == [
        ("bib-kern", "Oosterwolde"),
        ("bib-kern", "Westerhoeve"),
        ("bib-kern", "Zuiderveen"),
    ]
