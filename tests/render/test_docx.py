"""The Word renderer: validator-clean files, every value put in comes out, and the template is checked."""

from __future__ import annotations

import dataclasses
import datetime
import subprocess
from pathlib import Path

import pytest
from docx import Document

from robuust_docs.app import Settings, prepare, report_for
from robuust_docs.errors import TemplateError
from robuust_docs.render import check_template, render_docx, render_pdf, template_problems
from tests.checks import docx_text, need, pdf_text, squash

pytestmark = pytest.mark.slow  # renders whole documents

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = {
    "ampersand": "Lezen & Schrijven",
    "angles": "a < b > c <w:p> </w:t>",
    "quotes": "‘enkel’ “dubbel” 'recht' \"recht\"",
    "emoji": "Leesplezier 📚🎉",
    "diacritics": "Súdwest-Fryslân, Kapelle-op-den-Bosch, IJsselstein, ĳs",
    "long": "Bibliotheek " + "Heel-Lange-Naam-" * 20 + "Einde",
    "jinja": "{{ bibliotheek.naam }} {% if x %}",
    "control": "tab\there",
}


@pytest.fixture(scope="module")
def setup():
    prepared = prepare(Settings(ROOT / "data", ROOT / "templates", Path("unused"), today=datetime.date(2026, 11, 25)))
    lib = prepared.analysis.libraries["bib-veenhoven"]
    return prepared, report_for(prepared, lib.id)


def _hostile_report(report, value: str):
    info = dataclasses.replace(report.bibliotheek, naam=value)
    blocks = (*report.verhaal.blokken, dataclasses.replace(report.verhaal.blokken[-1], tekst=f"Alinea: {value}"))
    story = dataclasses.replace(report.verhaal, blokken=blocks)
    rows = report.gemeenten.vergelijking
    compared = (dataclasses.replace(rows[0], naam=f"Gemeente {value}"), *rows[1:])
    municipalities = dataclasses.replace(report.gemeenten, vergelijking=compared)
    return dataclasses.replace(report, bibliotheek=info, ondertitel=value, verhaal=story, gemeenten=municipalities)


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_every_value_put_in_comes_out_of_word_and_pdf(setup, tmp_path, value):
    prepared, report = setup
    hostile = _hostile_report(report, value)
    path = tmp_path / "h.docx"
    path.write_bytes(render_docx(hostile, ROOT / "templates" / "handreiking.docx", prepared.theme))
    text = docx_text(path)
    visible = value.replace("\t", " ")
    for expected in (f"Alinea: {value}", f"Gemeente {value}"):
        assert squash(expected.replace("\t", " ")) in squash(text.replace("\t", " "))
    assert squash(visible) in squash(Document(str(path)).sections[0].header.paragraphs[0].text.replace("\t", " "))
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(render_pdf(hostile, prepared.theme))
    if "📚" not in value:  # the embedded font has no emoji glyphs; the PDF shows a gap, the text stays
        assert squash(f"Alinea: {visible}") in squash(pdf_text(pdf))


def test_line_breaks_in_content_render_as_line_breaks(setup, tmp_path):
    prepared, report = setup
    hostile = _hostile_report(report, "eerste regel\ntweede regel")
    path = tmp_path / "nl.docx"
    path.write_bytes(render_docx(hostile, ROOT / "templates" / "handreiking.docx", prepared.theme))
    xml = Document(str(path)).element.xml
    assert "eerste regel" in xml and "tweede regel" in xml
    assert "<w:br/>" in xml


def test_sample_output_is_clean_for_the_strict_ooxml_validator(setup, tmp_path):
    tool = need("openxml-audit")
    prepared, report = setup
    files = [tmp_path / "sample.docx", tmp_path / "hostile.docx"]
    files[0].write_bytes(render_docx(report, ROOT / "templates" / "handreiking.docx", prepared.theme))
    files[1].write_bytes(
        render_docx(
            _hostile_report(report, " ".join(HOSTILE.values())), ROOT / "templates" / "handreiking.docx", prepared.theme
        )
    )
    for path in [*files, ROOT / "templates" / "handreiking.docx"]:
        result = subprocess.run([tool, "--policy", "strict", "-m", "0", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and "Errors: 0" in result.stdout + result.stderr, result.stdout[-2000:]


def test_headings_are_in_order(setup, tmp_path):
    prepared, report = setup
    path = tmp_path / "o.docx"
    path.write_bytes(render_docx(report, ROOT / "templates" / "handreiking.docx", prepared.theme))
    levels = [int(p.style.name[-1]) for p in Document(str(path)).paragraphs if p.style.name.startswith("Heading")]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def _template(tmp_path: Path, paragraphs: list[str], cell: str | None = None) -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if cell is not None:
        doc.add_table(rows=1, cols=2).rows[0].cells[1].text = cell
    path = tmp_path / "sjabloon.docx"
    doc.save(path)
    return path


def test_template_check_accepts_the_default_template():
    assert template_problems(ROOT / "templates" / "handreiking.docx") == []


def test_template_check_locates_a_broken_tag(tmp_path):
    path = _template(tmp_path, ["{{ titel }}", "Tekst", "{% for x in bouwstenen %}{{ x.naam }}"])
    (problem,) = template_problems(path)
    assert problem.file == "sjabloon.docx"
    assert "alinea 3" in problem.message


def test_template_check_names_an_unknown_field_with_a_suggestion(tmp_path):
    path = _template(tmp_path, ["{{ titel }}", "{{ bibliotheek.nam }}"])
    (problem,) = template_problems(path)
    assert problem.value == "bibliotheek.nam"
    assert "alinea 2" in problem.message and "bibliotheek.naam" in problem.message


def test_template_check_finds_a_misspelt_nested_field_in_a_table_cell(tmp_path):
    path = _template(
        tmp_path,
        ["{%p for m in bouwstenen %}", "{{ m.naam }}", "{%p endfor %}"],
        cell="{% for r in bouwstenen[0].rijen %}{{ r.mediaan }} {{ r.statuss.label }}{% endfor %}",
    )
    (problem,) = template_problems(path)
    assert problem.value == "bouwstenen[].rijen[].statuss.label"
    assert "tabel 1, rij 1, cel 2" in problem.message
    assert "bouwstenen[].rijen[].status.label" in problem.message
    with pytest.raises(TemplateError):
        check_template(path)


def test_template_check_rejects_a_file_that_is_not_word(tmp_path):
    path = tmp_path / "kapot.docx"
    path.write_bytes(b"dit is geen Word-bestand")
    (problem,) = template_problems(path)
    assert "geen geldig Word-bestand" in problem.message
