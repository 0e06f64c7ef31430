"""The sample project's national, provincial and anonymous overviews as files, through the same checks as the
handreiking: qpdf, fonts, tags, pdfua, the strict OOXML validator, and every model text in both formats.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document

from robuust_docs.app import Settings, prepare
from robuust_docs.app.overview import write_overview_reports
from robuust_docs.overview import build_overview, outline
from robuust_docs.report import texts_of
from tests.checks import docx_text, need, pdf_fonts, pdf_info, pdf_text, qpdf_ok, squash

pytestmark = pytest.mark.slow  # renders whole documents

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime.date(2026, 11, 25)
SECTIONS = [h.title for h in outline.OUTLINE if h.level == 1]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("overviews")
    prepared = prepare(Settings(ROOT / "data", ROOT / "templates", out, today=TODAY))
    province = sorted({str(lib.rows.record["provincie"]) for lib in prepared.analysis.libraries.values()})[0]
    runs = {"landelijk": (None, False), "provinciaal": (province, False), "anoniem": (None, True)}
    files, models = {}, {}
    for key, (prov, anonymous) in runs.items():
        files[key] = write_overview_reports(prepared, prov, ("docx", "pdf"), anonymous)
        models[key] = build_overview(prepared, prov, anonymous, TODAY)
    return prepared, province, files, models


def test_file_names_follow_the_issue(sample):
    _, province, files, _ = sample
    assert [p.name for p in files["landelijk"]] == ["landelijk-beeld.docx", "landelijk-beeld.pdf"]
    assert files["provinciaal"][0].name.startswith("provinciaal-beeld-")
    assert [p.name for p in files["anoniem"]] == ["landelijk-beeld-anoniem.docx", "landelijk-beeld-anoniem.pdf"]


@pytest.mark.parametrize("key", ["landelijk", "provinciaal"])
def test_pdf_passes_qpdf_embeds_every_font_and_is_tagged(sample, key):
    pdf = sample[2][key][1]
    assert qpdf_ok(pdf)
    fonts = pdf_fonts(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _ in fonts)
    info = pdf_info(pdf)
    assert info["Tagged"] == "yes"
    assert info["Title"] == sample[3][key].meta.titel


def _furniture(model) -> tuple[str, ...]:
    return (
        re.escape(model.titel) + r".*Robuuste lokale bibliotheek",
        r"\f?" + re.escape(model.titel),
        "Robuuste lokale bibliotheek",
        re.escape(model.datum) + r".*Pagina \d+ van \d+",
        re.escape(model.datum),
        r"\f?Pagina \d+ van \d+",
    )


def test_template_and_word_file_are_clean_for_the_strict_ooxml_validator(sample):
    for path in (ROOT / "templates" / "overzicht.docx", sample[2]["landelijk"][0]):
        result = subprocess.run(
            [need("openxml-audit"), "--policy", "strict", "-m", "0", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0 and "Errors: 0" in result.stdout + result.stderr, result.stdout[-2000:]


def test_pdfua_finds_no_errors(sample):
    result = subprocess.run(
        [need("pdfua"), "check", "--format", "json", str(sample[2]["landelijk"][1])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0, report["findings"]


def test_outloud_finds_no_errors_and_no_running_header_tagged_as_content(sample):
    result = subprocess.run(
        [need("outloud"), "--json", "-", "-q", str(sample[2]["landelijk"][1])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout)["results"][0]
    assert report["counts"]["error"] == 0, report["findings"]
    assert {f["rule"] for f in report["findings"]} <= {"TBL-014"}, report["findings"]  # see test_pdftags.py


@pytest.mark.parametrize("key", ["landelijk", "provinciaal", "anoniem"])
def test_every_section_and_every_model_text_is_in_word_and_pdf(sample, key):
    docx, pdf = sample[2][key]
    model = sample[3][key]
    word = squash(docx_text(docx))
    printed = squash(pdf_text(pdf, _furniture(model)))
    for title in SECTIONS:
        assert squash(title) in word and squash(title) in printed, title
    texts = texts_of(model)
    assert len(texts) > 400
    assert not [t for t in texts if squash(t) not in word][:5]
    assert not [t for t in texts if squash(t) not in printed][:5]
    for bad in ("nan", "None", "{{", "{%", "Undefined"):
        assert f" {bad} " not in f" {docx_text(docx)} ".replace("\n", " "), bad


@pytest.mark.parametrize("key", ["landelijk", "provinciaal"])
def test_word_file_is_styled_with_linked_contents_alt_texts_and_header_rows(sample, key):
    doc = Document(str(sample[2][key][0]))
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Caption"} <= styles
    assert "PAGEREF _Toc" in doc.element.xml and " TOC " not in doc.element.xml  # see render/docx/finish.py
    headings = [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert len(doc.element.body.findall(".//{*}hyperlink")) == len(headings) > 20
    assert doc.core_properties.language == "nl-NL"
    assert doc.core_properties.title == sample[3][key].meta.titel
    pictures = doc.element.body.findall(".//{*}docPr")
    assert len(pictures) > 20 and all(len(d.get("descr", "")) > 40 for d in pictures)
    assert all(t.rows[0]._tr.find(".//{*}tblHeader") is not None for t in doc.tables)
    levels = [int(p.style.name[-1]) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_anonymous_overview_leaves_no_library_or_municipality_name_anywhere(sample):
    prepared, _, files, _ = sample
    docx, pdf = files["anoniem"]
    names = [str(n) for n in prepared.dataset.libraries["naam"]]
    names += [n.removeprefix("Bibliotheek ").removeprefix("De ").removeprefix("It ") for n in names]
    names += [str(n) for n in prepared.dataset.municipalities["naam"]]
    word_xml = Document(str(docx)).element.xml  # body text and the pictures' alt texts
    texts = {"docx": docx_text(docx) + word_xml, "pdf": pdf_text(pdf)}
    for where, text in texts.items():
        found = sorted({n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)})
        assert not found, (where, found)
    assert "Bibliotheek A01" in texts["pdf"] and "Gemeente G0" in texts["docx"]
