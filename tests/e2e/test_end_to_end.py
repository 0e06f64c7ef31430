"""The sample project built end to end through the CLI, and its files checked with real clients."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from robuust_docs.app import Settings, prepare, report_for
from robuust_docs.cli import main
from robuust_docs.report import texts_of
from tests.checks import docx_text, libreoffice_pdf, pdf_fonts, pdf_info, pdf_text, qpdf_ok, squash

pytestmark = pytest.mark.slow  # renders whole documents

ROOT = Path(__file__).resolve().parents[2]
# One library per category, plus the one with '&' in its name and the one without neighbourhood data.
SAMPLE_IDS = ["bib-veenhoven", "bib-lees-en-leer", "bib-maasheuvel"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(
        main,
        [
            "generate",
            *SAMPLE_IDS,
            "--data",
            str(ROOT / "data"),
            "--templates",
            str(ROOT / "templates"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def prepared():
    return prepare(Settings(ROOT / "data", ROOT / "templates", Path("unused"), today=datetime.date.today()))


def test_every_library_gets_a_word_and_a_pdf_file(built):
    for library_id in SAMPLE_IDS:
        assert (built / f"handreiking-{library_id}.docx").stat().st_size > 10_000
        assert (built / f"handreiking-{library_id}.pdf").stat().st_size > 10_000


@pytest.mark.parametrize("library_id", SAMPLE_IDS)
def test_pdf_passes_qpdf_and_embeds_every_font(built, library_id):
    pdf = built / f"handreiking-{library_id}.pdf"
    assert qpdf_ok(pdf)
    fonts = pdf_fonts(pdf)
    assert fonts, "no fonts found"
    assert all(embedded for _, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _ in fonts)
    info = pdf_info(pdf)
    assert info["Tagged"] == "yes"
    assert info["Title"].startswith("Handreiking voor het gesprek met de gemeente")


@pytest.mark.parametrize("library_id", SAMPLE_IDS)
def test_model_texts_appear_in_word_and_pdf(built, prepared, library_id):
    report = report_for(prepared, library_id)
    word = squash(docx_text(built / f"handreiking-{library_id}.docx"))
    furniture = (
        re.escape(report.bibliotheek.naam) + r".*Handreiking robuuste bibliotheek",
        re.escape(report.datum) + r".*Pagina \d+ van \d+",
        r"\f?" + re.escape(report.bibliotheek.naam),
        "Handreiking robuuste bibliotheek",
        re.escape(report.datum),
        r"\f?Pagina \d+ van \d+",
    )
    pdf = squash(pdf_text(built / f"handreiking-{library_id}.pdf", furniture))
    texts = texts_of(report)
    assert len(texts) > 150
    missing_word = [t for t in texts if squash(t) not in word]
    missing_pdf = [t for t in texts if squash(t) not in pdf]
    assert not missing_word, missing_word[:5]
    assert not missing_pdf, missing_pdf[:5]


def test_no_nan_none_or_python_reprs_in_documents(built):
    for library_id in SAMPLE_IDS:
        for text in (
            docx_text(built / f"handreiking-{library_id}.docx"),
            pdf_text(built / f"handreiking-{library_id}.pdf"),
        ):
            for bad in ("nan", "None", "{{", "{%", "Undefined"):
                assert f" {bad} " not in f" {text} ".replace("\n", " "), (library_id, bad)


def test_ampersand_in_a_name_survives_both_formats(built):
    assert "Bibliotheek Lees & Leer" in docx_text(built / "handreiking-bib-lees-en-leer.docx")
    assert "Bibliotheek Lees & Leer" in pdf_text(built / "handreiking-bib-lees-en-leer.pdf")


def test_missing_neighbourhood_data_is_said_in_words(built):
    text = squash(docx_text(built / "handreiking-bib-maasheuvel.docx"))
    assert squash("geen buurtgegevens") in text


def test_word_file_is_styled_dutch_and_has_a_linked_table_of_contents(built):
    doc = Document(str(built / "handreiking-bib-veenhoven.docx"))
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "Caption"} <= styles
    xml = doc.element.xml
    assert "PAGEREF _Toc" in xml and " TOC " not in xml  # entries without a TOC field: see render/docx/finish.py
    headings = [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    links = doc.element.body.findall(".//{*}hyperlink")
    assert len(links) == len(headings) > 20
    styles_xml = doc.styles.element.xml
    assert 'w:val="nl-NL"' in styles_xml
    assert doc.core_properties.language == "nl-NL"
    assert doc.core_properties.title.endswith("Bibliotheek Veenhoven")


def test_every_image_has_alt_text_and_every_table_a_header_row(built):
    doc = Document(str(built / "handreiking-bib-veenhoven.docx"))
    doc_prs = doc.element.body.findall(".//{*}docPr")
    assert doc_prs
    assert all(len(d.get("descr", "")) > 40 for d in doc_prs)
    for table in doc.tables:
        first = table.rows[0]._tr
        assert first.find(".//{*}tblHeader") is not None


def test_word_file_opens_in_libreoffice(built, tmp_path):
    pdf = libreoffice_pdf(built / "handreiking-bib-veenhoven.docx", tmp_path)
    assert int(pdf_info(pdf)["Pages"]) > 10
    assert "Bibliotheek Veenhoven" in pdf_text(pdf)


def test_manifest_records_every_file(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["bestanden"]
    assert set(manifest) == {f"handreiking-{i}.{f}" for i in SAMPLE_IDS for f in ("docx", "pdf")}
    entry = manifest["handreiking-bib-veenhoven.pdf"]
    assert entry["bibliotheek"] == "bib-veenhoven" and entry["formaat"] == "pdf"
    assert {"sha256", "grootte", "data", "inhoud", "sjabloon", "versie", "tijd"} <= set(entry)


def test_runs_from_any_folder_with_the_bundled_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["generate", "bib-veenhoven", "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "handreiking-bib-veenhoven.pdf").is_file()
    assert not (tmp_path / "output" / "handreiking-bib-veenhoven.docx").exists()


def test_unknown_library_id_lists_near_matches(tmp_path):
    result = CliRunner().invoke(main, ["generate", "bib-veenhove", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "bib-veenhoven" in result.output
    assert "Traceback" not in result.output
    assert not any(tmp_path.iterdir())


def test_validate_json_reports_counts_and_no_problems():
    result = CliRunner().invoke(main, ["validate", "--json", "--data", str(ROOT / "data")])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["problems"] == []
    assert report["categories"] >= 5 and report["modules"] >= 5 and report["indicators"] >= 20
    assert report["themes"] >= 8 and report["practices"] >= 30 and report["libraries"] >= 30
    assert report["municipalities"] > 0 and report["branches"] > 0


def test_validate_says_what_it_checked_in_dutch():
    plain = CliRunner().invoke(main, ["validate", "--data", str(ROOT / "data")])
    counted = json.loads(CliRunner().invoke(main, ["validate", "--json", "--data", str(ROOT / "data")]).output)
    first = plain.output.splitlines()[0]
    assert first.startswith(f"Gecontroleerd: {counted['libraries']} bibliotheken, ")
    assert not any(re.search(rf"\b{key}\b", first) for key, v in counted.items() if isinstance(v, int)), first


def test_list_prints_every_library_with_its_category():
    result = CliRunner().invoke(main, ["list", "--data", str(ROOT / "data")])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) >= 30
    assert lines[0].split("\t")[2].endswith("bibliotheek")


def test_bad_input_stops_before_any_file_is_written(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    lines = (data / "gemeenten.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    (data / "gemeenten.csv").write_text(
        "\n".join([",".join(c if c != "inwoners" else "inw" for c in header), *lines[1:]]) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", "--all", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 1
    assert "gemeenten.csv" in result.output and "inwoners" in result.output
    assert not out.exists()
