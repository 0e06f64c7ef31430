"""The output folder's state: what was written is recorded per document, an unchanged file is not rewritten, a
file someone edited (also a new version beside an edit) is kept and the new version written beside it, a lost
state folder is recovered from the manifest, a FIFO or link is never read, and write errors say what failed."""

from __future__ import annotations

import errno
import json
import os

import pytest

from robuust_docs.files import sha256
from robuust_docs.output import STATE_DIR, WriteError, unchanged, write_manifest, write_outputs
from robuust_docs.output import files as output_files
from tests.faults import deadline

META = {"invoer": "abc", "versie": "0.1.0"}


def _write(out, data: bytes = b"versie 1", force: bool = False, meta=META):
    return write_outputs(out, "bib-a", "bib-a", {"handreiking-bib-a.docx": data}, meta, force)


def test_a_new_file_is_written_and_recorded_with_its_hash(tmp_path):
    [written] = _write(tmp_path)
    assert written.status == "geschreven" and written.path.read_bytes() == b"versie 1"
    state = json.loads((tmp_path / STATE_DIR / "bib-a.json").read_text(encoding="utf-8"))
    entry = state["bestanden"]["handreiking-bib-a.docx"]
    assert entry["sha256"] == sha256(b"versie 1") and entry["invoer"] == "abc" and entry["formaat"] == "docx"


def test_the_same_bytes_again_are_not_rewritten(tmp_path):
    _write(tmp_path)
    [again] = _write(tmp_path)
    assert again.status == "ongewijzigd"


def test_an_edited_file_is_kept_and_the_new_version_goes_beside_it(tmp_path):
    [first] = _write(tmp_path)
    first.path.write_bytes(b"door de bibliotheek bewerkt")
    [second] = _write(tmp_path, b"versie 2")
    assert second.status == "naast bewerkt bestand" and second.kept == first.path
    assert first.path.read_bytes() == b"door de bibliotheek bewerkt"
    assert second.path.name == "handreiking-bib-a (nieuw).docx" and second.path.read_bytes() == b"versie 2"


def test_force_overwrites_an_edited_file(tmp_path):
    [first] = _write(tmp_path)
    first.path.write_bytes(b"bewerkt")
    [forced] = _write(tmp_path, b"versie 2", force=True)
    assert forced.status == "geschreven" and first.path.read_bytes() == b"versie 2"


def test_a_file_moved_into_place_before_its_record_counts_as_ours(tmp_path):
    # a run killed after os.replace but before the record: the pending hash names the new bytes
    _write(tmp_path)
    state_path = tmp_path / STATE_DIR / "bib-a.json"
    state = json.loads(state_path.read_text(encoding="utf-8"))
    state["bestanden"]["handreiking-bib-a.docx"]["pending_sha256"] = sha256(b"versie 2")
    state_path.write_text(json.dumps(state), encoding="utf-8")
    (tmp_path / "handreiking-bib-a.docx").write_bytes(b"versie 2")
    [written] = _write(tmp_path, b"versie 3")
    assert written.status == "geschreven" and written.path.read_bytes() == b"versie 3"


def test_unchanged_means_same_inputs_and_the_bytes_we_wrote(tmp_path):
    _write(tmp_path)
    names = ["handreiking-bib-a.docx"]
    assert unchanged(tmp_path, "bib-a", names, "abc")
    assert not unchanged(tmp_path, "bib-a", names, "other inputs")
    (tmp_path / "handreiking-bib-a.docx").write_bytes(b"bewerkt")
    assert not unchanged(tmp_path, "bib-a", names, "abc")


def test_the_manifest_merges_every_document_without_pending_hashes(tmp_path):
    _write(tmp_path)
    write_outputs(tmp_path, "bib-b", "bib-b", {"handreiking-bib-b.pdf": b"pdf"}, META)
    manifest = json.loads(write_manifest(tmp_path).read_text(encoding="utf-8"))
    assert set(manifest["bestanden"]) == {"handreiking-bib-a.docx", "handreiking-bib-b.pdf"}
    assert all("pending_sha256" not in e for e in manifest["bestanden"].values())
    assert manifest["bestanden"]["handreiking-bib-b.pdf"]["bibliotheek"] == "bib-b"


# --- edits are never lost ---------------------------------------------------------------------------------------


def _entries(out) -> dict:
    return json.loads(write_manifest(out).read_text(encoding="utf-8"))["bestanden"]


def test_an_edited_new_version_is_kept_too_and_the_next_goes_beside_it(tmp_path):
    [first] = _write(tmp_path)
    first.path.write_bytes(b"bewerkt door de bibliotheek")
    [beside] = _write(tmp_path, b"versie 2")
    beside.path.write_bytes(b"ook de nieuwe versie bewerkt")
    [third] = _write(tmp_path, b"versie 3")
    assert third.path.name == "handreiking-bib-a (nieuw 2).docx" and third.path.read_bytes() == b"versie 3"
    assert beside.path.read_bytes() == b"ook de nieuwe versie bewerkt"
    assert first.path.read_bytes() == b"bewerkt door de bibliotheek"


def test_an_unedited_new_version_is_ours_and_updated_in_place(tmp_path):
    [first] = _write(tmp_path)
    first.path.write_bytes(b"bewerkt")
    _write(tmp_path, b"versie 2")
    [again] = _write(tmp_path, b"versie 3")
    assert again.path.name == "handreiking-bib-a (nieuw).docx" and again.path.read_bytes() == b"versie 3"
    assert not (tmp_path / "handreiking-bib-a (nieuw 2).docx").exists()


def test_the_manifest_lists_the_new_version_beside_an_edited_file(tmp_path):
    [first] = _write(tmp_path)
    first.path.write_bytes(b"bewerkt")
    _write(tmp_path, b"versie 2")
    entries = _entries(tmp_path)
    beside = entries["handreiking-bib-a (nieuw).docx"]
    assert beside["sha256"] == sha256(b"versie 2") and beside["naast"] == "handreiking-bib-a.docx"
    assert entries["handreiking-bib-a.docx"]["bewerkt"] is True


def test_a_lost_state_folder_is_recovered_from_the_manifest(tmp_path):
    import shutil

    from robuust_docs.output import recover_state

    _write(tmp_path)
    write_outputs(tmp_path, "bib-b", "bib-b", {"handreiking-bib-b.pdf": b"pdf"}, META)
    write_manifest(tmp_path)
    shutil.rmtree(tmp_path / STATE_DIR)
    (tmp_path / "handreiking-bib-b.pdf").write_bytes(b"bewerkt")
    assert recover_state(tmp_path) == 2
    assert unchanged(tmp_path, "bib-a", ["handreiking-bib-a.docx"], "abc")  # unedited: still ours, skipped
    [again] = _write(tmp_path, b"versie 2")
    assert again.status == "geschreven" and again.path.name == "handreiking-bib-a.docx"
    [edited] = write_outputs(tmp_path, "bib-b", "bib-b", {"handreiking-bib-b.pdf": b"pdf 2"}, META)
    assert edited.status == "naast bewerkt bestand"  # the edit made while the state was gone is still an edit
    assert set(_entries(tmp_path)) == {
        "handreiking-bib-a.docx",
        "handreiking-bib-b.pdf",
        "handreiking-bib-b (nieuw).pdf",
    }


def test_without_state_and_manifest_an_unknown_file_is_never_overwritten(tmp_path):
    (tmp_path / "handreiking-bib-a.docx").write_bytes(b"van iemand anders")
    [written] = _write(tmp_path)
    assert written.status == "naast bewerkt bestand"
    assert (tmp_path / "handreiking-bib-a.docx").read_bytes() == b"van iemand anders"


@pytest.mark.parametrize("kind", ["fifo", "symlink"])
def test_a_fifo_or_link_where_our_file_was_is_kept_without_being_read(tmp_path, kind):
    [first] = _write(tmp_path)
    first.path.unlink()
    if kind == "fifo":
        os.mkfifo(first.path)
    else:
        os.symlink("/dev/zero", first.path)
    with deadline(20):
        assert not unchanged(tmp_path, "bib-a", [first.path.name], "abc")
        [written] = _write(tmp_path, b"versie 2")
    assert written.status == "naast bewerkt bestand" and written.path.read_bytes() == b"versie 2"
    assert ("FIFO" if kind == "fifo" else "symbolische koppeling") in written.note
    assert first.path.is_symlink() or first.path.is_fifo()


def test_force_replaces_a_link_itself_and_never_writes_through_it(tmp_path):
    outside = tmp_path / "buiten.txt"
    outside.write_bytes(b"niet van ons")
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(outside, out / "handreiking-bib-a.docx")
    [written] = _write(out, b"versie 1", force=True)
    assert written.status == "geschreven" and not written.path.is_symlink()
    assert written.path.read_bytes() == b"versie 1" and outside.read_bytes() == b"niet van ons"


def test_a_state_file_that_is_a_link_to_dev_zero_is_not_read(tmp_path):
    (tmp_path / STATE_DIR).mkdir()
    os.symlink("/dev/zero", tmp_path / STATE_DIR / "bib-a.json")
    with deadline(20):
        [written] = _write(tmp_path)
        manifest = _entries(tmp_path)
    assert written.status == "geschreven" and "handreiking-bib-a.docx" in manifest
    assert not (tmp_path / STATE_DIR / "bib-a.json").is_symlink()  # replaced by our own record


# --- write errors -----------------------------------------------------------------------------------------------


def test_a_full_disk_while_writing_is_fatal_leaves_no_temp_file_and_keeps_the_old_file(tmp_path, monkeypatch):
    _write(tmp_path)
    real_replace = output_files.os.replace

    def full(src, dst):
        if str(dst).endswith(".docx"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(output_files.os, "replace", full)
    with pytest.raises(WriteError) as caught:
        _write(tmp_path, b"versie 2")
    assert caught.value.fatal and caught.value.first.file == str(tmp_path / "handreiking-bib-a.docx")
    assert caught.value.first.library == "bib-a" and "geen ruimte" in caught.value.first.message
    assert (tmp_path / "handreiking-bib-a.docx").read_bytes() == b"versie 1"
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []


def test_a_folder_where_a_file_should_go_fails_that_file_only(tmp_path):
    (tmp_path / "handreiking-bib-a.docx").mkdir()
    with pytest.raises(WriteError) as caught:
        _write(tmp_path, force=True)
    assert not caught.value.fatal and "staat een map" in caught.value.first.message
