"""Hostile house styles and Word templates through the command line: a clear Dutch message before anything is
rendered, never a traceback, a hang or gigabytes of memory; external links never reach a generated document;
and the renderer enforces the template rules itself, also on a template that was never checked."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from robuust_docs.app import Settings, prepare, report_for
from robuust_docs.cli import main
from robuust_docs.errors import TemplateError
from robuust_docs.render import render_docx
from tests.conftest import write_project
from tests.faults import deadline
from tests.render.test_template_check import with_external_links
from tests.render.test_theme import write_png

pytestmark = pytest.mark.slow  # runs the command line on a project; one test renders a whole document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def project(tmp_path) -> tuple[Path, Path]:
    data = write_project(tmp_path / "project")
    templates = tmp_path / "huisstijl"
    shutil.copytree(ROOT / "templates", templates, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return data, templates


def _theme(templates: Path, old: str, new: str) -> None:
    path = templates / "thema.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _paragraph(templates: Path, text: str) -> None:
    doc = Document(str(templates / "handreiking.docx"))
    doc.add_paragraph(text)
    doc.save(templates / "handreiking.docx")


def _bomb_logo(t: Path) -> None:
    write_png(t / "bom.png", 30_000, 30_000)
    _theme(t, "logo: null", "logo: bom.png")


def _big_logo(t: Path) -> None:
    write_png(t / "groot.png", 20_000, 20_000)
    _theme(t, "logo: null", "logo: groot.png")


def _text_logo(t: Path) -> None:
    shutil.copy("/etc/passwd", t / "logo.png")
    _theme(t, "logo: null", "logo: logo.png")


def _zip_bomb(t: Path) -> None:
    source = t / "handreiking.docx"
    bomb = t / "bom.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename != "word/document.xml":
                zout.writestr(item, zin.read(item.filename))
        with zout.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(1024):
                part.write(b" " * (1 << 20))  # 1 GB unpacked
    bomb.replace(source)


CASES = {
    "logo-decompression-bomb": (_bomb_logo, "thema.yaml, sleutel 'logo': het logo heeft te veel beeldpunten"),
    "logo-20000x20000": (_big_logo, "thema.yaml, sleutel 'logo': het logo heeft te veel beeldpunten"),
    "logo-not-an-image": (_text_logo, "thema.yaml, sleutel 'logo': het logo is geen afbeelding"),
    "logo-etc-passwd": (
        lambda t: _theme(t, "logo: null", "logo: /etc/passwd"),
        "thema.yaml, sleutel 'logo': verwacht een bestandsnaam in",
    ),
    "broken-font": (
        lambda t: (t / "fonts" / "LiberationSans-Regular.ttf").write_bytes(b"\x00\x01\x00\x00" + b"x" * 5000),
        "thema.yaml, sleutel 'lettertype.normaal': geen bruikbaar TrueType-lettertype",
    ),
    "include": (lambda t: _paragraph(t, "{% include 'word/document.xml' %}"), "'{% include %}'"),
    "nested-loops-over-a-text": (
        lambda t: _paragraph(
            t, "".join(f"{{% for x{n} in bibliotheek.naam %}}" for n in range(6)) + "{% endfor %}" * 6
        ),
        "'{% for %}' kan alleen over een lijst uit het rapport, gevonden 'bibliotheek.naam'",
    ),
    "big-string": (lambda t: _paragraph(t, "{{ bibliotheek.naam * 1000000000 }}"), "vermenigvuldigen ('*')"),
    "huge-power": (lambda t: _paragraph(t, "{{ 7 ** 7 ** 10 }}"), "machtsverheffen ('**')"),
    "center-filter": (lambda t: _paragraph(t, "{{ bibliotheek.naam|center(4000000000) }}"), "filter '|center'"),
    "macro-recursion": (
        lambda t: _paragraph(t, "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"),
        "macro's ('{% macro %}') zijn niet toegestaan",
    ),
    "zip-bomb": (_zip_bomb, "handreiking.docx: onderdeel word/document.xml is uitgepakt groter dan 10 MB"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_theme_or_template_stops_the_run_before_anything_is_written(project, tmp_path, case):
    data, templates = project
    spoil, expected = CASES[case]
    spoil(templates)
    out = tmp_path / "out"
    with deadline(120):
        result = CliRunner().invoke(
            main, ["generate", "--all", "--data", str(data), "--templates", str(templates), "--out", str(out)]
        )
    assert result.exit_code == 1, result.output
    assert "Fout:" in result.output and expected in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an exception caught by the runner
    assert not out.exists()


def test_external_links_never_reach_a_generated_document(project, tmp_path):
    data, templates = project
    with_external_links(templates / "handreiking.docx")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["generate", "bib-aadorp", "--format", "docx", "--data", str(data), "--templates", str(templates)]
        + ["--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out / "handreiking-bib-aadorp.docx") as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"attacker.example" not in everything and b"file:///" not in everything
    assert b"https://www.bibliotheek.nl/" in everything


def test_the_renderer_enforces_the_rules_on_a_template_that_was_never_checked(project, tmp_path):
    data, templates = project
    prepared = prepare(Settings(data, templates, tmp_path / "out"))
    report = report_for(prepared, next(iter(prepared.analysis.libraries)))
    doc = Document(str(templates / "handreiking.docx"))
    doc.core_properties.title = "{{ bibliotheek.naam * 1000000000 }}"  # where no paragraph check looks
    doc.save(tmp_path / "ongecontroleerd.docx")
    with deadline(60), pytest.raises(TemplateError) as caught:
        render_docx(report, tmp_path / "ongecontroleerd.docx", prepared.theme)
    assert caught.value.first.file == "ongecontroleerd.docx"
    assert "vermenigvuldigen ('*') is niet toegestaan" in caught.value.first.message
