"""Starting up for one document (issue 18: one library from a cold start): the command line does not import what
it does not need, one document's PDF is made in a process forked before the input is read, and the command ends
its process itself once everything is written, with the exit status and output it would have had."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from robuust_docs.app.document import fork_context
from robuust_docs.cli import main

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "ROBUUST_DOCS_CACHE": "uit"}


@pytest.fixture()
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def test_the_command_line_does_not_import_the_pdf_renderer_or_the_overview():
    """They are imported where they are used: in the process that makes a PDF, by the overview command."""
    probe = (
        "import sys, robuust_docs.cli\n"
        "heavy = ('pikepdf', 'robuust_docs.pdftags', 'robuust_docs.render.pdf', 'robuust_docs.overview')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pikepdf' or m.startswith(heavy[1:])))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=ENV, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.slow
@pytest.mark.skipif(fork_context() is None, reason="no fork here: the formats are rendered one after the other")
def test_one_document_makes_its_pdf_in_a_process_forked_before_the_input_is_read(data, tmp_path, monkeypatch):
    from robuust_docs import cli
    from robuust_docs.app import document

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    order, helper = [], []
    real_helper, real_prepare, real_pdf = cli.format_helper, cli.prepare, document.render_pdf
    rendered_in = tmp_path / "pdf-pids"

    @contextmanager
    def recorded_helper(theme):
        order.append("helper")
        with real_helper(theme):
            yield

    def recorded_prepare(*args, **kwargs):
        order.append("prepare")
        if document._helper[0] is not None:
            helper.extend(document._helper[0]._processes)  # the helper's process, started by now
        return real_prepare(*args, **kwargs)

    def recorded_pdf(report, theme):
        with rendered_in.open("a") as f:  # (the helper is another process: it tells through a file)
            f.write(f"{os.getpid()}\n")
        return real_pdf(report, theme)

    monkeypatch.setattr(cli, "format_helper", recorded_helper)
    monkeypatch.setattr(cli, "prepare", recorded_prepare)
    monkeypatch.setattr(document, "render_pdf", recorded_pdf)
    base = ["--data", str(data), "--templates", str(ROOT / "templates")]
    result = CliRunner().invoke(main, ["generate", "bib-veenhoven", *base, "--out", str(tmp_path / "split")])
    assert result.exit_code == 0, result.output
    assert order == ["helper", "prepare"]
    assert len(helper) == 1 and rendered_in.read_text().split() == [str(helper[0])] != [str(os.getpid())]
    assert document._helper[0] is None  # shut down with the run

    serial = CliRunner().invoke(main, ["generate", "bib-veenhoven", *base, "--out", str(tmp_path / "serial"), "-j1"])
    assert serial.exit_code == 0, serial.output
    assert order == ["helper", "prepare", "prepare"]  # -j 1: one process, no helper
    for kind in ("docx", "pdf"):
        name = f"handreiking-bib-veenhoven.{kind}"
        assert (tmp_path / "split" / name).read_bytes() == (tmp_path / "serial" / name).read_bytes(), name


def _command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "robuust_docs", *args], capture_output=True, text=True, env=ENV)


def test_the_command_ends_with_the_exit_status_and_all_the_output_it_would_have_had(data, tmp_path):
    base = ["--data", str(data)]
    listed = _command("list", *base)
    assert listed.returncode == 0
    assert listed.stdout == CliRunner().invoke(main, ["list", *base]).output  # all of it, through a pipe
    assert len(listed.stdout.splitlines()) == 40

    unknown = _command("generate", "bib-bestaat-niet", *base, "--out", str(tmp_path / "out"))
    assert unknown.returncode == 1
    assert "Fout: Onbekende bibliotheek-id" in unknown.stderr and "Traceback" not in unknown.stderr

    usage = _command("generate", *base)
    assert usage.returncode == 2 and "Geef een of meer bibliotheek-id's op, of --all." in usage.stderr
    assert _command("--version").returncode == 0


@pytest.mark.slow
def test_what_a_command_wrote_before_it_ended_its_process_is_complete(data, tmp_path):
    out = tmp_path / "out"
    made = _command("generate", "bib-veenhoven", "--data", str(data), "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert "[1/1] bib-veenhoven: klaar" in made.stderr
    import pikepdf
    from docx import Document

    assert Document(out / "handreiking-bib-veenhoven.docx").paragraphs
    with pikepdf.open(out / "handreiking-bib-veenhoven.pdf") as pdf:
        assert len(pdf.pages) > 10
    assert "handreiking-bib-veenhoven.pdf" in (out / "manifest.json").read_text()
    assert not [p.name for p in out.iterdir() if p.name.startswith(".") and p.suffix == ".tmp"]


@pytest.mark.skipif(fork_context() is None, reason="no fork here: no helper process")
def test_the_pdf_process_compiles_the_word_template_for_the_process_that_renders_the_word_file(tmp_path, monkeypatch):
    """While the input is read, the forked PDF process reads the content for `prepare` and then compiles the Word
    template, keeping the code in the user's cache; the process that renders the Word file then reads it instead
    of compiling it (issue 18)."""
    from robuust_docs.app import document
    from robuust_docs.render.docx.sandbox import CODE_SUFFIX, TemplateSandbox

    monkeypatch.setattr(TemplateSandbox, "_compiled", {})  # as in a new process: nothing compiled yet
    cache = tmp_path / "cache"
    monkeypatch.setenv("ROBUUST_DOCS_CACHE", str(cache))
    with document.format_helper(ROOT / "templates") as helper:
        assert helper.submit(os.getpid).result() != os.getpid()  # prepare's work, in the PDF's process
        document._helper[0].submit(os.getpid).result()  # after what was queued behind it
        kept = sorted(p.name for p in cache.glob(f"*{CODE_SUFFIX}"))
    assert len(kept) >= 3  # body, header, footer, document properties
