"""The Dask engine: `generate --scheduler` runs the batch on a cluster through the Executor hook, reports each
library's outcome, and says in Dutch (no traceback) when Dask is missing or the scheduler cannot be reached."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from robuust_docs.app import Settings, prepare, run_batch
from robuust_docs.app.cluster import ClusterError, cluster_executor
from robuust_docs.cli import main

ROOT = Path(__file__).resolve().parents[2]
IDS = ["bib-veenhoven", "bib-klinkerwolde", "bib-lindeloo"]


def test_without_dask_the_scheduler_option_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    with pytest.raises(ClusterError, match=r"pip install 'robuust-docs\[dask\]'"):
        with cluster_executor("tcp://127.0.0.1:8786"):
            pass
    result = CliRunner().invoke(
        main, ["generate", "--all", "--scheduler", "tcp://127.0.0.1:8786", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "Dask nodig" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.glob("out/*.docx"))


def test_an_unreachable_or_malformed_scheduler_is_a_dutch_error_without_traceback(tmp_path):
    pytest.importorskip("distributed")
    for address, reason in (("tcp://127.0.0.1:1", "geen verbinding"), ("foo://x", "geen geldig adres")):
        result = CliRunner().invoke(
            main, ["generate", "--all", "--scheduler", address, "--out", str(tmp_path / "out"), "--format", "docx"]
        )
        assert result.exit_code == 1, result.output
        assert f"De Dask-scheduler op {address} is niet bereikbaar" in result.output
        assert reason in result.output and "Traceback" not in result.output
        assert not list((tmp_path / "out").glob("*.docx"))


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None, silence_logs=40
    ) as local:
        yield local.scheduler_address


@pytest.mark.slow
def test_a_batch_runs_on_a_local_dask_cluster(cluster, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    out = tmp_path / "out"
    prepared = prepare(Settings(data, ROOT / "templates", out))
    with cluster_executor(cluster) as executor:
        done = []
        result = run_batch(prepared, IDS, executor=executor, overview=False, progress=done.append)
    assert [o.status for o in result.outcomes] == ["klaar"] * 3
    assert sorted(o.library_id for o in done) == sorted(IDS)
    for library_id in IDS:
        for kind in ("docx", "pdf"):
            path = out / f"handreiking-{library_id}.{kind}"
            assert path.stat().st_size > 10_000, path
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = json.dumps(manifest)
    for library_id in IDS:
        assert f"handreiking-{library_id}.pdf" in listed and f"handreiking-{library_id}.docx" in listed


@pytest.mark.slow
def test_generate_on_the_cluster_reports_a_failing_library_and_exits_non_zero(cluster, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    table = data / "bibliotheken.csv"
    with table.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["id"] == IDS[1]:
            row["leden"] = "veel"
    with table.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "out"
    args = ["generate", *IDS, "--scheduler", cluster, "--data", str(data), "--out", str(out), "--format", "pdf"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "op de Dask-cluster van" in result.output
    assert "Klaar: 2, overgeslagen (ongewijzigd): 0, mislukt: 1." in result.output
    assert f"Mislukt: {IDS[1]}" in result.output and "'leden'" in result.output
    assert sorted(p.name for p in out.glob("handreiking-*.pdf")) == [
        f"handreiking-{i}.pdf" for i in sorted((IDS[0], IDS[2]))
    ]


@pytest.mark.slow
def test_a_job_that_dies_on_a_worker_fails_alone(tmp_path, monkeypatch):
    """A lost worker or an unexpected error in one job (distributed raises it from the future) is that
    library's failed outcome; the others finish."""
    from robuust_docs.app import batch

    real = batch.render_in_worker  # what a pool or cluster runs

    def flaky(job):
        if job.library.id == IDS[1]:
            raise RuntimeError("worker lost")
        return real(job)

    monkeypatch.setattr(batch, "render_in_worker", flaky)
    prepared = prepare(Settings(ROOT / "data", ROOT / "templates", tmp_path / "out", formats=("docx",)))
    with ThreadPoolExecutor(max_workers=2) as pool:
        result = run_batch(prepared, IDS, executor=pool, overview=False)
    assert [o.status for o in result.outcomes] == ["klaar", "mislukt", "klaar"]
    (failed,) = result.failed
    assert "RuntimeError: worker lost" in failed.problems[0].message and failed.library_id == IDS[1]


def test_the_progress_bar_on_a_terminal_shows_count_eta_and_the_last_library(monkeypatch):
    from robuust_docs.app import Outcome
    from robuust_docs.cli import _progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    clock = iter(range(1000, 2000, 5))  # every reading of the clock is five seconds later
    monkeypatch.setattr("click._termui_impl.time.time", lambda: next(clock))
    screen = Terminal()
    with _progress(4, screen) as tick:
        for n in range(3):
            tick(Outcome(f"bib-{n}", "x", "klaar"))
    text = screen.getvalue()
    assert "Handreikingen" in text and "3/4" in text and "bib-2: klaar" in text
    assert re.search(r"2/4\s+00:00:\d\d", text), text  # the estimated time left


def test_the_progress_is_plain_lines_when_not_a_terminal():
    from robuust_docs.app import Outcome
    from robuust_docs.cli import _progress

    out = io.StringIO()
    with _progress(2, out) as tick:
        tick(Outcome("bib-a", "x", "klaar"))
        tick(Outcome("bib-b", "x", "mislukt", municipality="Veenhoven"))
    assert out.getvalue() == "[1/2] bib-a: klaar\n[2/2] bib-b (Veenhoven): mislukt\n"
