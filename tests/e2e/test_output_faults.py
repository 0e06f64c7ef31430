"""Output faults through the command line: a folder that is a file, read-only or full is one Dutch message and
a clean stop (before rendering when it is already unusable, at the first write error otherwise); two runs at
once never take each other's files for edits; and no edit is lost: not in a `(nieuw)` file, an overview
report or `overzicht.xlsx`, not after the state folder is lost, not when a FIFO or link stands in our place."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from robuust_docs.app import document
from robuust_docs.cli import main
from robuust_docs.files import sha256
from robuust_docs.output import STATE_DIR
from robuust_docs.output import files as output_files
from robuust_docs.output import lock as output_lock
from tests.conftest import write_project
from tests.faults import deadline, read_only_folder

pytestmark = pytest.mark.slow  # renders whole documents

ROOT = Path(__file__).resolve().parents[2]
IDS = ["bib-aadorp", "bib-cstad"]


@pytest.fixture()
def data(tmp_path) -> Path:
    return write_project(tmp_path / "project")


def generate(data: Path, out: Path, *extra: str):
    args = ["generate", "--all", "--format", "docx", "--jobs", "1", "--data", str(data)]
    result = CliRunner().invoke(main, [*args, "--templates", str(ROOT / "templates"), "--out", str(out), *extra])
    assert "Traceback" not in result.output and not isinstance(result.exception, OSError), result.output
    return result


@pytest.fixture()
def no_rendering(monkeypatch):
    def render_library(job):
        raise AssertionError("rendered although the output folder is unusable")

    monkeypatch.setattr(document, "render_library", render_library)


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["bestanden"]


def _assert_manifest_matches_the_folder(out: Path) -> None:
    manifest = _manifest(out)
    on_disk = {p.name for p in out.iterdir() if p.is_file() and p.name != "manifest.json"}
    assert set(manifest) == on_disk
    for name, entry in manifest.items():
        if not entry.get("bewerkt"):
            assert entry["sha256"] == sha256((out / name).read_bytes()), name


# --- the folder itself ------------------------------------------------------------------------------------------


def test_out_pointing_at_a_file_stops_before_rendering(data, tmp_path, no_rendering):
    out = tmp_path / "uitvoer.docx"
    out.write_bytes(b"een bestand")
    result = generate(data, out)
    assert result.exit_code == 1
    assert f"Fout: De uitvoermap {out} is geen map" in result.output
    assert out.read_bytes() == b"een bestand"


def test_a_read_only_folder_stops_before_rendering(data, tmp_path, no_rendering):
    with read_only_folder(tmp_path / "alleen-lezen") as out:
        result = generate(data, out)
        assert result.exit_code == 1
        assert f"Fout: De uitvoermap {out} is alleen-lezen" in result.output
        assert list(out.iterdir()) == []


def test_a_full_disk_stops_the_run_at_the_first_write_error(data, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real_replace = output_files.os.replace
    rendered = []
    real_render = document.render_library

    def full_after_the_first_library(src, dst):
        if Path(dst).name.startswith("handreiking-") and rendered != IDS[:1]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    def render_library(job):
        rendered.append(job.library.id)
        return real_render(job)

    monkeypatch.setattr(document, "render_library", render_library)
    monkeypatch.setattr(output_files.os, "replace", full_after_the_first_library)
    result = generate(data, out, "--format", "pdf")
    assert result.exit_code == 1
    assert result.output.count("Fout:") == 1 and "No space left" not in result.output
    assert f"Fout: De uitvoermap {out} is vol. De run is gestopt: 1 van 2 bibliotheken waren klaar" in result.output
    assert f"{out / 'handreiking-bib-cstad.docx'}: geen ruimte meer op de schijf" in result.output
    assert rendered == IDS  # the second library failed; nothing after it was tried
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
        "handreiking-bib-aadorp.docx",
        "handreiking-bib-aadorp.pdf",
        "manifest.json",
    ]
    with zipfile.ZipFile(out / "handreiking-bib-aadorp.docx") as archive:
        assert archive.testzip() is None  # what was written is complete
    assert not list(out.rglob("*.tmp"))
    _assert_manifest_matches_the_folder(out)


def test_a_really_full_disk(data, tmp_path):
    """A small tmpfs with room for one library's files (root only; elsewhere the monkeypatched test covers it)."""
    out = tmp_path / "klein"
    out.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(out)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        free = shutil.disk_usage(out).free
        (out / "vulling.bin").write_bytes(bytes(free - 600_000))  # room for the probe and one library, not two
        result = generate(data, out, "--format", "pdf")
        assert result.exit_code == 1 and result.output.count("Fout:") == 1
        assert f"Fout: De uitvoermap {out} is vol" in result.output
        assert not list(out.rglob("*.tmp"))
        for docx in out.glob("*.docx"):
            with zipfile.ZipFile(docx) as archive:
                assert archive.testzip() is None
    finally:
        subprocess.run(["umount", str(out)], check=False)


# --- two runs ---------------------------------------------------------------------------------------------------


HOLDER = """
import sys
from pathlib import Path
from robuust_docs.output import folder_lock
out = Path(sys.argv[1])
(out / ".robuust").mkdir(parents=True, exist_ok=True)
with folder_lock(out, ".robuust", wait=0):
    print("vast", flush=True)
    sys.stdin.read()
"""


def test_a_second_run_into_a_busy_folder_refuses_with_a_clear_message(data, tmp_path, monkeypatch, no_rendering):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    ) as holder:
        assert holder.stdout.readline().strip() == "vast"
        monkeypatch.setattr(output_lock, "LOCK_WAIT_SECONDS", 0.5)
        result = generate(data, out)
        holder.stdin.close()
    assert result.exit_code == 1
    assert (
        f"Fout: In de uitvoermap {out} loopt al een andere run van robuust-docs (proces {holder.pid}" in result.output
    )


def test_two_runs_at_once_never_take_each_others_files_for_edits(data, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "robuust_docs", "generate", "--all", "--format", "docx", "--data", str(data)]
    command += ["--templates", str(ROOT / "templates"), "--out", str(out), "--force"]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env) for _ in "ab"
    ]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    for run, output in zip(runs, outputs, strict=True):
        assert "Traceback" not in output
        assert run.returncode == 0 or "loopt al een andere run" in output, output  # it waited, or refused clearly
    assert any(run.returncode == 0 for run in runs)
    assert not list(out.glob("*(nieuw)*"))
    _assert_manifest_matches_the_folder(out)


# --- edits ------------------------------------------------------------------------------------------------------


def test_an_edit_in_the_new_version_beside_an_edit_is_kept_too(data, tmp_path):
    out = tmp_path / "out"
    generate(data, out)
    main_file = out / "handreiking-bib-aadorp.docx"
    main_file.write_bytes(main_file.read_bytes() + b"bewerkt")
    second = generate(data, out)
    beside = out / "handreiking-bib-aadorp (nieuw).docx"
    assert beside.is_file() and "handreiking-bib-aadorp.docx is bewerkt en blijft staan" in second.output
    beside.write_bytes(beside.read_bytes() + b"ook bewerkt")
    edited = beside.read_bytes()
    third = generate(data, out)
    assert beside.read_bytes() == edited
    assert (out / "handreiking-bib-aadorp (nieuw 2).docx").is_file()
    assert "nieuwe versie: handreiking-bib-aadorp (nieuw 2).docx" in third.output
    manifest = _manifest(out)
    assert manifest["handreiking-bib-aadorp (nieuw 2).docx"]["naast"] == "handreiking-bib-aadorp.docx"


def test_an_edited_overview_workbook_is_kept(data, tmp_path):
    out = tmp_path / "out"
    generate(data, out)
    workbook = out / "overzicht.xlsx"
    workbook.write_bytes(workbook.read_bytes() + b"bewerkt")
    edited = workbook.read_bytes()
    result = generate(data, out)
    assert result.exit_code == 0 and workbook.read_bytes() == edited
    assert "Let op: overzicht.xlsx is bewerkt en blijft staan; nieuwe versie: overzicht (nieuw).xlsx" in result.output
    assert f"Overzicht: {out / 'overzicht (nieuw).xlsx'}" in result.output
    assert "overzicht (nieuw).xlsx" in _manifest(out)
    forced = generate(data, out, "--force")
    assert forced.exit_code == 0 and workbook.read_bytes() != edited


def test_an_edited_landelijk_beeld_is_kept_and_force_overwrites_it(data, tmp_path):
    out = tmp_path / "out"
    args = ["overview", "--format", "docx", "--data", str(data), "--templates", str(ROOT / "templates")]
    first = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert first.exit_code == 0, first.output
    report = out / "landelijk-beeld.docx"
    report.write_bytes(report.read_bytes() + b"bewerkt door het projectteam")
    edited = report.read_bytes()
    second = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert second.exit_code == 0 and report.read_bytes() == edited
    assert f"Geschreven: {out / 'landelijk-beeld (nieuw).docx'}" in second.output
    assert "Let op: landelijk-beeld.docx is bewerkt en blijft staan" in second.output
    assert set(_manifest(out)) == {"landelijk-beeld.docx", "landelijk-beeld (nieuw).docx"}
    forced = CliRunner().invoke(main, [*args, "--out", str(out), "--force"])
    assert forced.exit_code == 0 and report.read_bytes() != edited


def test_a_lost_state_folder_does_not_turn_unedited_files_into_edits(data, tmp_path):
    out = tmp_path / "out"
    generate(data, out)
    shutil.rmtree(out / STATE_DIR)
    (out / "handreiking-bib-cstad.docx").write_bytes(b"bewerkt terwijl de administratie weg was")
    result = generate(data, out)
    assert result.exit_code == 0
    assert "overgeslagen (ongewijzigd): 1" in result.output  # bib-aadorp: recognised as ours and unchanged
    assert sorted(p.name for p in out.glob("*(nieuw)*")) == ["handreiking-bib-cstad (nieuw).docx"]
    _assert_manifest_matches_the_folder(out)


def test_temp_files_of_a_killed_run_are_cleaned_up_by_the_next(data, tmp_path):
    out = tmp_path / "out"
    generate(data, out)
    leftovers = [out / ".handreiking-bib-aadorp.docx.x1y2z3q4.tmp", out / STATE_DIR / ".bib-aadorp.json.abcd1234.tmp"]
    for path in leftovers:
        path.write_bytes(b"half geschreven")
    assert generate(data, out).exit_code == 0
    assert not any(path.exists() for path in leftovers)


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_a_link_or_fifo_in_place_of_our_file_neither_hangs_nor_is_followed(data, tmp_path, kind):
    out = tmp_path / "out"
    generate(data, out)
    target = out / "handreiking-bib-aadorp.docx"
    target.unlink()
    if kind == "symlink":
        os.symlink("/dev/zero", target)
    else:
        os.mkfifo(target)
    with deadline(300):
        result = generate(data, out)
    assert result.exit_code == 0, result.output
    what = "een symbolische koppeling" if kind == "symlink" else "een FIFO"
    assert f"op de plaats van handreiking-bib-aadorp.docx staat {what}" in result.output
    assert (out / "handreiking-bib-aadorp (nieuw).docx").is_file()
    assert target.is_symlink() or target.is_fifo()  # left alone
