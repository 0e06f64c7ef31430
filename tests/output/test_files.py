"""Files in the output folder: only regular files of our own are read back, write errors are Dutch and say
whether the run must stop, and the folder is checked before a run (not a folder, read-only, full)."""

from __future__ import annotations

import errno
import os

import pytest

from robuust_docs.files import sha256
from robuust_docs.output import STATE_DIR, WriteError, check_folder, look_at, tidy_folder, write_error
from robuust_docs.output import files as output_files
from tests.faults import deadline, read_only_folder


def test_a_regular_file_is_hashed_and_anything_else_is_foreign(tmp_path):
    (tmp_path / "gewoon.docx").write_bytes(b"inhoud")
    os.symlink("/dev/zero", tmp_path / "koppeling.docx")
    os.mkfifo(tmp_path / "fifo.docx")
    (tmp_path / "map.docx").mkdir()
    with deadline(10):
        found = {name: look_at(tmp_path / name) for name in ("gewoon.docx", "koppeling.docx", "fifo.docx", "map.docx")}
    assert found["gewoon.docx"].regular and found["gewoon.docx"].sha256 == sha256(b"inhoud")
    assert [found[n].kind for n in ("koppeling.docx", "fifo.docx", "map.docx")] == ["koppeling", "fifo", "map"]
    assert look_at(tmp_path / "ontbreekt.docx").missing


def test_a_file_of_another_size_than_recorded_is_not_hashed(tmp_path, monkeypatch):
    (tmp_path / "groot.pdf").write_bytes(b"x" * 100)
    monkeypatch.setattr(output_files, "_hash_regular", lambda path: pytest.fail("hashed"))
    found = look_at(tmp_path / "groot.pdf", expected_size=99)
    assert found.regular and found.sha256 is None


@pytest.mark.parametrize(
    ("code", "headline", "fatal"),
    [
        (errno.ENOSPC, "is vol", True),
        (errno.EDQUOT, "is vol", True),
        (errno.EROFS, "is alleen-lezen", True),
        (errno.EIO, "is niet bereikbaar", True),
        (errno.EISDIR, "kan niet worden geschreven", False),
        (errno.ENAMETOOLONG, "kan niet worden geschreven", False),
    ],
)
def test_write_errors_are_dutch_and_say_whether_the_run_stops(tmp_path, code, headline, fatal):
    target = tmp_path / "handreiking-bib-a.docx"
    error = write_error(OSError(code, os.strerror(code)), target, tmp_path, "bib-a")
    assert isinstance(error, WriteError) and error.fatal is fatal
    assert headline in error.headline
    if fatal:
        assert str(tmp_path) in error.headline
    assert error.first.file == str(target)
    assert os.strerror(code) not in str(error)  # never the English system text


def test_permission_denied_on_one_file_in_a_writable_folder_is_not_fatal(tmp_path):
    target = tmp_path / "handreiking-bib-a.docx"
    error = write_error(PermissionError(errno.EACCES, "Permission denied"), target, tmp_path, "bib-a")
    assert not error.fatal
    assert "geopend in een ander programma" in error.first.message and error.first.library == "bib-a"


def test_a_write_error_keeps_its_attributes_across_processes(tmp_path):
    import pickle

    error = write_error(OSError(errno.ENOSPC, "No space"), tmp_path / "x.pdf", tmp_path, "bib-a")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.fatal, copy.headline, copy.problems) == (True, error.headline, error.problems)


def test_out_pointing_at_a_file_is_not_a_folder(tmp_path):
    out = tmp_path / "uitvoer"
    out.write_text("een bestand")
    with pytest.raises(WriteError) as caught:
        check_folder(out)
    assert caught.value.fatal and "is geen map" in caught.value.headline
    assert caught.value.first.file == str(out)
    assert out.read_text() == "een bestand"


def test_out_below_a_file_is_not_a_folder(tmp_path):
    (tmp_path / "bestand").write_text("x")
    with pytest.raises(WriteError) as caught:
        check_folder(tmp_path / "bestand" / "uitvoer")
    assert caught.value.fatal and "is geen map" in caught.value.headline


def test_a_read_only_folder_is_reported_before_a_run(tmp_path):
    with read_only_folder(tmp_path / "alleen-lezen") as out:
        with pytest.raises(WriteError) as caught:
            check_folder(out)
        assert caught.value.fatal and "is alleen-lezen" in caught.value.headline
        assert str(out) in caught.value.first.file
        assert list(out.iterdir()) == []


def test_a_full_disk_is_reported_before_a_run_and_leaves_no_temp_file(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output_files.os, "fsync", full)
    with pytest.raises(WriteError) as caught:
        check_folder(tmp_path / "out")
    assert caught.value.fatal and "is vol" in caught.value.headline
    assert [p.name for p in (tmp_path / "out").iterdir()] == [STATE_DIR]


def test_a_state_folder_that_is_a_link_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    os.symlink(elsewhere, out / STATE_DIR)
    with pytest.raises(WriteError) as caught:
        check_folder(out)
    assert caught.value.first.file == str(out / STATE_DIR) and "symbolische koppeling" in caught.value.first.message
    assert list(elsewhere.iterdir()) == []  # nothing written outside --out


def test_temp_files_of_a_killed_run_are_removed_and_nothing_else(tmp_path):
    (tmp_path / STATE_DIR).mkdir()
    ours = [tmp_path / ".handreiking-bib-a.docx.k2j4_x9q.tmp", tmp_path / STATE_DIR / ".bib-a.json.abcdefgh.tmp"]
    for path in ours:
        path.write_bytes(b"half")
    keep = [tmp_path / "notities.tmp", tmp_path / ".verborgen.tmp"]
    for path in keep:
        path.write_bytes(b"van de gebruiker")
    os.symlink(tmp_path / "notities.tmp", tmp_path / ".link.docx.abcdefgh.tmp")
    removed = tidy_folder(tmp_path)
    assert sorted(removed) == sorted(ours)
    assert all(p.exists() for p in keep) and (tmp_path / ".link.docx.abcdefgh.tmp").is_symlink()
