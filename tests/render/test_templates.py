"""POIs restyle without code: exported templates, their own colours and logo, checked before a run."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from docx import Document
from PIL import Image

from robuust_docs.cli import main

pytestmark = pytest.mark.slow  # renders whole documents

ROOT = Path(__file__).resolve().parents[2]


def _export(tmp_path: Path) -> Path:
    folder = tmp_path / "huisstijl"
    result = CliRunner().invoke(main, ["template", "export", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_export_copies_template_theme_and_fonts_and_refuses_to_overwrite(tmp_path):
    folder = _export(tmp_path)
    assert (folder / "handreiking.docx").is_file() and (folder / "thema.yaml").is_file()
    assert list((folder / "fonts").glob("*.ttf"))
    again = CliRunner().invoke(main, ["template", "export", str(folder)])
    assert again.exit_code == 1 and "bestaat al" in again.output


def test_own_colour_and_logo_reach_the_pdf(tmp_path):
    folder = _export(tmp_path)
    Image.new("RGB", (300, 100), "white").save(folder / "logo.png")
    theme = (folder / "thema.yaml").read_text(encoding="utf-8")
    theme = theme.replace('primair: "#1F4E79"', 'primair: "#6A1B9A"').replace("logo: null", "logo: logo.png")
    (folder / "thema.yaml").write_text(theme, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["generate", "bib-veenhoven", "--format", "pdf", "--templates", str(folder), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    with pikepdf.open(out / "handreiking-bib-veenhoven.pdf") as pdf:
        cover = pdf.pages[0]
        assert cover.get_images()
        stream = b"".join(
            c.read_bytes() for c in (cover.Contents if isinstance(cover.Contents, pikepdf.Array) else [cover.Contents])
        )
    assert b".415686 .105882 .603922" in stream  # #6A1B9A as reportlab writes it


def test_changed_fixed_text_in_word_template_comes_out(tmp_path):
    folder = _export(tmp_path)
    doc = Document(str(folder / "handreiking.docx"))
    paragraph = next(p for p in doc.paragraphs if p.text.startswith("Deze handreiking is bedoeld"))
    paragraph.runs[0].text = "Opgesteld door de POI voor het bestuurlijk overleg."
    for run in paragraph.runs[1:]:
        run.text = ""
    doc.save(folder / "handreiking.docx")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["generate", "bib-veenhoven", "--format", "docx", "--templates", str(folder), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    texts = [p.text for p in Document(str(out / "handreiking-bib-veenhoven.docx")).paragraphs]
    assert "Opgesteld door de POI voor het bestuurlijk overleg." in texts


def test_template_check_command_exit_codes(tmp_path):
    folder = _export(tmp_path)
    ok = CliRunner().invoke(main, ["template", "check", str(folder / "handreiking.docx")])
    assert ok.exit_code == 0 and "geen fouten" in ok.output
    doc = Document(str(folder / "handreiking.docx"))
    doc.add_paragraph("{{ bibliotheek.nam }}")
    doc.save(folder / "handreiking.docx")
    bad = CliRunner().invoke(main, ["template", "check", str(folder / "handreiking.docx")])
    assert bad.exit_code == 1
    assert "bibliotheek.nam" in bad.output and "bibliotheek.naam" in bad.output
    run = CliRunner().invoke(
        main, ["generate", "bib-veenhoven", "--templates", str(folder), "--out", str(tmp_path / "never")]
    )
    assert run.exit_code == 1 and not (tmp_path / "never").exists()


def test_a_corrupt_template_is_a_clear_error(tmp_path):
    folder = _export(tmp_path)
    (folder / "handreiking.docx").write_bytes(b"not a zip")
    result = CliRunner().invoke(
        main, ["generate", "bib-veenhoven", "--templates", str(folder), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "geen geldig Word-bestand" in result.output and "Traceback" not in result.output
