"""The output folder's state: what was written is recorded per document, an unchanged file is not rewritten, a
file someone edited is kept and the new version written beside it, and a killed run is recognised afterwards."""

from __future__ import annotations

import json

from robuust_docs.files import sha256
from robuust_docs.output import STATE_DIR, unchanged, write_manifest, write_outputs

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
