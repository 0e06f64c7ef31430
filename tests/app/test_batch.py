"""Bulk runs: failures stay per library, edits survive reruns, unchanged inputs are skipped, killed runs leave no
partial file, and the manifest and overview say what happened."""

from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from robuust_docs.app import Settings, prepare, run_batch
from robuust_docs.app.document import fork_context
from robuust_docs.cli import main
from robuust_docs.files import sha256
from robuust_docs.output import files as output

pytestmark = pytest.mark.slow  # renders whole documents

ROOT = Path(__file__).resolve().parents[2]
IDS = ["bib-veenhoven", "bib-klinkerwolde", "bib-lindeloo"]


@pytest.fixture()
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def _settings(data: Path, out: Path, **kwargs) -> Settings:
    return Settings(data, ROOT / "templates", out, formats=("docx",), **kwargs)


def _break_cell(data: Path, library_id: str, column: str, value: str) -> int:
    """Put `value` in `column` of the library's row; returns the spreadsheet row number."""
    path = data / "bibliotheken.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    for n, line in enumerate(lines[1:], start=2):
        if line.startswith(library_id + ","):
            import csv
            import io

            cells = next(csv.reader(io.StringIO(line)))
            cells[header.index(column)] = value
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="").writerow(cells)
            lines[n - 1] = buffer.getvalue()
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return n
    raise AssertionError(library_id)


def test_a_failing_library_leaves_the_others_and_a_correct_summary(data, tmp_path):
    row = _break_cell(data, "bib-klinkerwolde", "leden", "veel")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", *IDS, "--format", "docx", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 1
    assert (out / "handreiking-bib-veenhoven.docx").is_file()
    assert (out / "handreiking-bib-lindeloo.docx").is_file()
    assert not (out / "handreiking-bib-klinkerwolde.docx").exists()
    assert "Klaar: 2, overgeslagen (ongewijzigd): 0, mislukt: 1." in result.output
    assert f"bibliotheken.csv, rij {row}, kolom 'leden'" in result.output
    assert "'veel'" in result.output
    assert "Traceback" not in result.output


def test_failed_outcome_carries_file_row_column_and_value(data, tmp_path):
    row = _break_cell(data, "bib-lindeloo", "fte", "-3")
    result = run_batch(prepare(_settings(data, tmp_path / "out")), IDS, overview=False)
    (failed,) = result.failed
    problem = failed.problems[0]
    assert (failed.library_id, problem.file, problem.row, problem.column, problem.value) == (
        "bib-lindeloo",
        "bibliotheken.csv",
        row,
        "fte",
        "-3",
    )
    assert result.count("klaar") == 2


def test_fail_fast_stops_at_the_first_failure(data, tmp_path):
    _break_cell(data, "bib-veenhoven", "leden", "veel")
    result = run_batch(prepare(_settings(data, tmp_path / "out")), IDS, fail_fast=True, overview=False)
    assert result.count("mislukt") == 1
    assert result.count("klaar") == 0


def test_an_edited_word_file_survives_a_rerun(data, tmp_path):
    out = tmp_path / "out"
    prepared = prepare(_settings(data, out))
    run_batch(prepared, IDS[:1], overview=False)
    target = out / "handreiking-bib-veenhoven.docx"
    edited = target.read_bytes() + b"edited by the library"
    target.write_bytes(edited)
    result = run_batch(prepare(_settings(data, out)), IDS[:1], overview=False)
    assert target.read_bytes() == edited
    beside = out / "handreiking-bib-veenhoven (nieuw).docx"
    assert beside.is_file()
    assert any("bewerkt" in note for note in result.outcomes[0].notes)
    forced = run_batch(prepare(_settings(data, out, force=True)), IDS[:1], overview=False)
    assert forced.outcomes[0].status == "klaar"
    assert target.read_bytes() != edited


def test_unchanged_inputs_are_skipped_and_changed_ones_rerendered(data, tmp_path):
    out = tmp_path / "out"
    first = run_batch(prepare(_settings(data, out)), IDS[:2], overview=False)
    assert first.count("klaar") == 2
    again = run_batch(prepare(_settings(data, out)), IDS[:2], overview=False)
    assert again.count("overgeslagen") == 2
    _break_cell(data, "bib-veenhoven", "bezoeken", "123456")
    changed = run_batch(prepare(_settings(data, out)), IDS[:2], overview=False)
    statuses = {o.library_id: o.status for o in changed.outcomes}
    assert statuses["bib-veenhoven"] == "klaar"


def test_a_run_killed_while_writing_leaves_no_partial_file(data, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real_replace = os.replace
    calls = {"n": 0}

    def dying_replace(src, dst):
        calls["n"] += 1
        if str(dst).endswith(".docx") and calls["n"] > 2:
            raise KeyboardInterrupt  # the process is killed between writing the temp file and the rename
        return real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):  # in this process: pool workers start from a fork server, unpatched
        run_batch(prepare(_settings(data, out)), IDS, jobs=1, overview=False)
    monkeypatch.setattr(output.os, "replace", real_replace)
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    for path in out.glob("*.docx"):
        assert path.read_bytes()[:2] == b"PK"  # a complete zip, never half a file
    result = run_batch(prepare(_settings(data, out)), IDS, overview=False)
    assert {o.status for o in result.outcomes} <= {"klaar", "overgeslagen"}
    assert sorted(p.name for p in out.glob("*.docx")) == sorted(f"handreiking-{i}.docx" for i in IDS)
    assert not list(out.glob("*(nieuw)*"))


def test_any_executor_can_run_the_batch(data, tmp_path):
    with ThreadPoolExecutor(max_workers=2) as pool:
        result = run_batch(prepare(_settings(data, tmp_path / "out")), IDS, executor=pool, overview=False)
    assert result.count("klaar") == 3
    assert [o.library_id for o in result.outcomes] == IDS


def test_manifest_and_overview_describe_the_run(data, tmp_path):
    _break_cell(data, "bib-lindeloo", "leden", "veel")
    out = tmp_path / "out"
    result = run_batch(prepare(_settings(data, out)), IDS)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["bestanden"]
    assert set(manifest) == {"handreiking-bib-veenhoven.docx", "handreiking-bib-klinkerwolde.docx", "overzicht.xlsx"}
    assert manifest["overzicht.xlsx"]["sha256"] == sha256((out / "overzicht.xlsx").read_bytes())
    entry = manifest["handreiking-bib-veenhoven.docx"]
    assert entry["sha256"] == sha256((out / "handreiking-bib-veenhoven.docx").read_bytes())
    assert entry["grootte"] == (out / "handreiking-bib-veenhoven.docx").stat().st_size
    sheet = load_workbook(result.overview).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Id", "Bibliotheek", "Gemeente", "Categorie", "Resultaat")
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["bib-veenhoven"][4] == "klaar" and not by_id["bib-veenhoven"][2]  # the library's own guide
    assert by_id["bib-lindeloo"][4] == "mislukt"
    assert "leden" in by_id["bib-lindeloo"][-1]
    assert sheet.freeze_panes == "D2"
    assert any(str(v).endswith(("Robuust", "Aandachtspunt", "Kwetsbaar")) for v in by_id["bib-veenhoven"][5:10])


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "CON", "x" * 300, "Bibliotheek Lees & Leer", "", "..."],
    ids=["traversal", "device-name", "very-long", "ampersand", "empty", "dots"],
)
def test_output_names_are_safe(name):
    slug = output.slugify(name)
    assert slug and len(slug) <= 84
    assert "/" not in slug and "\\" not in slug and ".." not in slug
    assert slug.lower() not in output.RESERVED
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


def test_without_jobs_a_run_uses_the_process_pool(data, tmp_path, monkeypatch):
    from robuust_docs.app import batch

    used = []
    real = batch.default_executor
    monkeypatch.setattr(batch, "default_executor", lambda jobs: used.append(jobs) or real(jobs))
    result = run_batch(prepare(_settings(data, tmp_path / "out")), IDS[:2], overview=False)
    assert result.count("klaar") == 2
    assert used and used[0] >= 1


def test_the_inputs_hash_describes_every_field_of_the_report():
    """The hash that decides whether a document is rendered again is taken from the report model's repr: it must
    hold no object address (else every run would differ) and change when any shown text changes."""
    import dataclasses

    from robuust_docs.app import report_for
    from robuust_docs.app.document import _inputs_hash, jobs_for
    from robuust_docs.paths import bundled

    prepared = prepare(Settings(bundled("data"), bundled("templates"), Path("unused")))
    job = jobs_for(prepared, ["bib-veenhoven"])[0]
    report = report_for(prepared, "bib-veenhoven")
    assert " at 0x" not in repr(report)
    assert _inputs_hash(report, job) == _inputs_hash(report_for(prepared, "bib-veenhoven"), job)
    assert _inputs_hash(dataclasses.replace(report, datum="1 januari 2030"), job) == _inputs_hash(report, job)
    changed = dataclasses.replace(report, titel=report.titel + "!")
    assert _inputs_hash(changed, job) != _inputs_hash(report, job)


def test_a_run_of_some_libraries_or_with_findings_in_the_worker_gives_the_same_report():
    """`prepare(settings, ids)` analyses `ids` in full and the other libraries only for the peer medians;
    `findings=False` leaves each library's findings to its worker. The reports are the same as in a run over all."""
    from robuust_docs.app import jobs_for, report_for
    from robuust_docs.paths import bundled

    settings = Settings(bundled("data"), bundled("templates"), Path("unused"))
    everything = prepare(settings)
    some = prepare(settings, ["BIB-Veenhoven"])  # spelled as a user may
    assert set(some.analysis.libraries) == set(some.findings) == {"bib-veenhoven"}
    assert some.analysis.medians == everything.analysis.medians
    assert some.analysis.libraries["bib-veenhoven"].peers == everything.analysis.libraries["bib-veenhoven"].peers
    assert repr(report_for(some, "bib-veenhoven")) == repr(report_for(everything, "bib-veenhoven"))
    later = prepare(settings, findings=False)  # as generate --all
    assert later.findings == {} and set(later.analysis.libraries) == set(everything.analysis.libraries)
    [job] = jobs_for(later, ["bib-heidebos"])
    assert job.findings is None
    assert repr(report_for(later, "bib-heidebos")) == repr(report_for(everything, "bib-heidebos"))


def _marker():
    import robuust_docs.app.document as document

    return getattr(document, "_test_marker", None)


def test_pool_workers_start_without_what_the_main_process_reads_after(monkeypatch):
    """The pool forks all its workers when it is made, so they do not carry what the main process reads after
    that (the dataset and analysis): their memory does not grow with the number of libraries."""
    import robuust_docs.app.document as document
    from robuust_docs.app import batch

    if document.fork_context() is None:
        pytest.skip("no fork on this platform: workers start afresh and import the renderer themselves")
    with batch.default_executor(1) as pool:
        monkeypatch.setattr(document, "_test_marker", "read by the main process", raising=False)
        assert _marker() == "read by the main process"
        assert pool.submit(_marker).result() is None


def test_generate_makes_its_pool_before_it_reads_the_input(data, tmp_path, monkeypatch):
    from robuust_docs import cli

    order = []
    real_pool, real_prepare = cli.default_executor, cli.prepare
    monkeypatch.setattr(cli, "default_executor", lambda jobs: order.append("pool") or real_pool(jobs))
    monkeypatch.setattr(cli, "prepare", lambda *a, **k: order.append("prepare") or real_prepare(*a, **k))
    args = ["generate", *IDS[:2], "--data", str(data), "--out", str(tmp_path / "out"), "--format", "pdf"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert order == ["pool", "prepare"]


def _both(data: Path, out: Path) -> Settings:
    return Settings(data, ROOT / "templates", out, formats=("docx", "pdf"), force=True)


def test_one_document_renders_its_pdf_in_a_forked_copy_and_gets_the_same_files(data, tmp_path, monkeypatch):
    """One library without --jobs: the Word file here and the PDF in a fork, side by side; the same bytes as one
    after the other (`-j 1`)."""
    from robuust_docs.app import document

    if fork_context() is None:
        pytest.skip("no fork on this platform: the formats are rendered one after the other")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    prepared = prepare(_both(data, tmp_path / "split"), ["bib-veenhoven"])
    parent, pids = os.getpid(), []
    real = document._render
    monkeypatch.setattr(document, "_render", lambda kind, *a: pids.append((kind, os.getpid())) or real(kind, *a))
    split = run_batch(prepared, ["bib-veenhoven"], jobs=2, overview=False)  # (two cores asked for: also on one)
    assert pids == [("docx", parent)]  # the PDF was rendered in the fork (whose calls this list does not see)
    serial = run_batch(prepare(_both(data, tmp_path / "serial"), ["bib-veenhoven"]), ["bib-veenhoven"], jobs=1)
    assert split.count("klaar") == serial.count("klaar") == 1
    for name in split.outcomes[0].files:
        assert (tmp_path / "split" / name).read_bytes() == (tmp_path / "serial" / name).read_bytes(), name


@pytest.mark.skipif(fork_context() is None, reason="no fork here: the formats are rendered one after the other")
def test_a_pdf_that_fails_in_the_fork_fails_the_library_with_its_own_message(data, tmp_path, monkeypatch):
    from robuust_docs.app import document
    from robuust_docs.errors import Problem, RenderError

    parent = os.getpid()

    def pdf_fails(report, theme):
        if os.getpid() != parent:
            raise RenderError("Grafiek kan niet worden getekend", (Problem("grafiek", "vorm onbekend"),))
        return b"%PDF"

    monkeypatch.setattr(document, "render_pdf", pdf_fails)
    result = run_batch(prepare(_both(data, tmp_path / "out"), ["bib-veenhoven"]), ["bib-veenhoven"], jobs=2)
    (outcome,) = result.outcomes
    assert outcome.status == "mislukt"
    assert outcome.problems == (Problem("grafiek", "vorm onbekend"),)
    assert not list((tmp_path / "out").glob("*.docx"))  # no half result: the Word file is not written alone


@pytest.mark.skipif(fork_context() is None, reason="no fork here: the formats are rendered one after the other")
def test_when_the_fork_dies_the_pdf_is_rendered_here(data, tmp_path, monkeypatch):
    from robuust_docs.app import document

    parent = os.getpid()
    real = document.render_pdf

    def dies_in_the_fork(report, theme):
        if os.getpid() != parent:
            os._exit(9)
        return real(report, theme)

    monkeypatch.setattr(document, "render_pdf", dies_in_the_fork)
    result = run_batch(prepare(_both(data, tmp_path / "out"), ["bib-veenhoven"]), ["bib-veenhoven"], jobs=2)
    assert result.count("klaar") == 1
    assert any(name.endswith(".pdf") for name in result.outcomes[0].files)


def test_workers_and_an_inline_run_render_with_the_collector_set_for_it_and_then_restore_it():
    import gc

    from robuust_docs.app import batch, document

    before = gc.get_threshold()
    with document.gc_tuned_for_rendering():
        assert gc.get_threshold() == document.GC_THRESHOLD and gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    with batch.default_executor(1) as pool:
        assert pool.submit(gc.get_threshold).result() == document.GC_THRESHOLD


def test_a_worker_collects_the_garbage_its_tuned_collector_leaves_every_few_libraries(monkeypatch):
    from robuust_docs.app import document

    collected, rendered = [], []
    monkeypatch.setattr(document.gc, "collect", lambda *a: collected.append(len(rendered)))
    monkeypatch.setattr(document, "render_library", lambda job: rendered.append(job) or "uitkomst")
    monkeypatch.setattr(document, "_rendered", [0])
    outcomes = [document.render_in_worker(n) for n in range(2 * document.COLLECT_EVERY + 1)]
    assert outcomes == ["uitkomst"] * (2 * document.COLLECT_EVERY + 1)
    assert collected == [document.COLLECT_EVERY, 2 * document.COLLECT_EVERY]


def test_a_worker_takes_the_kept_code_of_the_contents_texts_once(data, tmp_path, monkeypatch):
    from robuust_docs.app.document import jobs_for, render_library

    fill = __import__("sys").modules["robuust_docs.content.fill"]  # (the package exports the function `fill`)
    prepared = prepare(_settings(data, tmp_path / "out"), IDS[:2])
    taken = []  # as a worker forked before the input was read: nothing taken yet
    monkeypatch.setattr(fill, "_TAKEN", set())
    monkeypatch.setattr(fill, "read_marshalled", lambda name, valid: taken.append(name))
    for job in jobs_for(prepared, IDS[:2]):
        assert render_library(job).status == "klaar"
    assert taken == [fill._code_name(prepared.content.digest)]
