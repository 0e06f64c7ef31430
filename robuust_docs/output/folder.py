"""`write_outputs`: put one document group's files in the output folder atomically, never losing a user's edit.

Every file is written to a temporary file in the target folder and moved into place with `os.replace`, so a
killed run leaves either the old or the new file, never half of one. What was written is recorded per group in
`OUT/.robuust/<key>.json` (updated atomically around each file, with the expected hash noted *before* the move),
and `OUT/manifest.json` is the merged view of those records. A group is one library's handreiking
(key: its slug), the run's overview workbook (`_overzicht`) or an overview report (`_landelijk-beeld`, …).

A file whose bytes match neither the recorded nor the pending hash was changed by someone, and anything that is
not a regular file (a link, a FIFO, a folder) is not ours either: it is kept, and the new version is written
beside it (`… (nieuw).docx`, or `(nieuw 2)` when that one was edited too), unless `force` is set. When the state
folder is lost, `recover_state` rebuilds it from `manifest.json`, so unedited files are still recognised.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from robuust_docs.errors import Problem
from robuust_docs.files import sha256
from robuust_docs.output.files import (
    Found,
    WriteError,
    atomic_write,
    folder_writable,
    look_at,
    probe,
    read_own,
    remove_temp_files,
    slugify,
    write_error,
)

STATE_DIR = ".robuust"
MANIFEST = "manifest.json"
MAX_STATE_BYTES = 64 << 20  # a state file or manifest we read back; ours are kilobytes (a few MB for thousands)
MAX_BESIDE = 20  # '(nieuw)', '(nieuw 2)' … '(nieuw 20)' beside an edited file


@dataclass(frozen=True)
class Written:
    path: Path
    status: str  # 'geschreven', 'ongewijzigd', 'naast bewerkt bestand'
    kept: Path | None = None  # the user's edited file (or foreign object) that was left alone
    found: str = "bestand"  # what stood at `kept`: 'bestand' (edited) or a foreign kind ('koppeling', 'fifo', …)

    @property
    def note(self) -> str:
        """Dutch, for the run's summary; empty when nothing was kept."""
        if self.kept is None:
            return ""
        if self.found == "bestand":
            return f"{self.kept.name} is bewerkt en blijft staan; nieuwe versie: {self.path.name}"
        what = Found(self.found).description
        return f"op de plaats van {self.kept.name} staat {what}; dat blijft staan, nieuwe versie: {self.path.name}"


# --- the folder before a run ------------------------------------------------------------------------------------


def check_folder(out: Path) -> None:
    """Make sure `out` is a folder we can write in, before anything is rendered; raises a fatal WriteError.

    Creates `out` and its state folder when missing; a file at `out`, a read-only disk, missing permissions or a
    full disk are reported here, once, instead of failing for every library."""
    try:
        info = os.stat(out)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise write_error(exc, out, out) from None
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise WriteError(
            f"De uitvoermap {out} is geen map",
            (Problem(str(out), "daar staat een bestand; kies met --out een map (die wordt zo nodig aangemaakt)"),),
            fatal=True,
        )
    state = out / STATE_DIR
    try:
        out.mkdir(parents=True, exist_ok=True)
        found = look_at(state)
        if not found.missing and found.kind != "map":
            raise WriteError(
                f"De uitvoermap {out} kan niet worden gebruikt",
                (
                    Problem(
                        str(state),
                        f"hier staat {found.description} in plaats van de map waarin robuust-docs bijhoudt wat het "
                        "schreef; verwijder het",
                    ),
                ),
                fatal=True,
            )
        state.mkdir(exist_ok=True)
        probe(out, PROBE_BYTES)
    except OSError as exc:
        raise write_error(exc, out, out) from None
    if not folder_writable(state):
        raise WriteError(
            f"De uitvoermap {out} is alleen-lezen: u hebt er geen schrijfrechten",
            (Problem(str(state), "geen toestemming om hier te schrijven; pas de rechten aan of kies een andere map"),),
            fatal=True,
        )


PROBE_BYTES = (
    256 << 10
)  # written and removed before a run: a disk without this much room is full (a handreiking is ~400 KB)


def tidy_folder(out: Path) -> list[Path]:
    """Remove temporary files a killed run left behind; call only while holding the folder's lock."""
    return remove_temp_files(out) + remove_temp_files(out / STATE_DIR)


def recover_state(out: Path) -> int:
    """Put back, from `manifest.json`, every record the state folder lost; returns how many were restored.

    Without this, a lost state folder would make every unedited file look edited. Only missing records are added;
    a file whose bytes no longer match its restored record is still recognised as edited."""
    manifest = _read_json(out / MANIFEST)
    entries = manifest.get("bestanden") if isinstance(manifest, dict) else None
    if not isinstance(entries, dict):
        return 0
    states: dict[str, dict] = {}
    restored = 0
    for name, entry in entries.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str) or Path(name).name != name:
            continue
        key = _group_of(name, entry)
        state = states.setdefault(key, read_state(out, key))
        if name not in state["bestanden"]:
            state["bestanden"][name] = dict(entry)
            for key_name in ("bibliotheek", "gemeente"):
                if entry.get(key_name):
                    state.setdefault(key_name, entry[key_name])
            restored += 1
            state["_changed"] = True
    for key, state in states.items():
        if state.pop("_changed", False):
            _save_state(out, key, state)
    return restored


def document_slug(library_id: str, municipality: str | None = None) -> str:
    """The key of one handreiking's state and the stem of its files: the library's slug, and for the guide of one
    of its municipalities that municipality's slug after it ('bib-heidebos-sprengeloo')."""
    slug = slugify(library_id)
    return f"{slug}-{slugify(municipality)}" if municipality else slug


def _group_of(name: str, entry: dict) -> str:
    """The state key a manifest entry belongs to: the document's slug, or '_' + the stem of an overview file."""
    if entry.get("bibliotheek"):
        return document_slug(str(entry["bibliotheek"]), entry.get("gemeente"))
    return "_" + Path(str(entry.get("naast") or name)).stem


# --- state per group --------------------------------------------------------------------------------------------


def _state_path(out: Path, key: str) -> Path:
    return out / STATE_DIR / f"{key}.json"


def _read_json(path: Path) -> object:
    data = read_own(path, MAX_STATE_BYTES)
    if data is None:
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def read_state(out: Path, key: str) -> dict:
    state = _read_json(_state_path(out, key))
    if not isinstance(state, dict) or not isinstance(state.get("bestanden"), dict):
        return {"bestanden": {}}
    state["bestanden"] = {k: v for k, v in state["bestanden"].items() if isinstance(v, dict)}
    return state


def _save_state(out: Path, key: str, state: dict) -> None:
    atomic_write(_state_path(out, key), json.dumps(state, indent=1, ensure_ascii=False).encode("utf-8"))


def is_ours(found: Found, entry: dict | None) -> bool:
    """True when `found` is exactly what we wrote (or were about to write) there, or nothing at all."""
    if found.missing:
        return True
    if not found.regular or not entry or found.sha256 is None:
        return False
    return found.sha256 in {entry.get("sha256"), entry.get("pending_sha256")}


# --- writing ----------------------------------------------------------------------------------------------------


def write_outputs(
    out: Path,
    slug: str,
    library_id: str | None,
    files: dict[str, bytes],
    meta: dict,
    force: bool = False,
    document: str = "handreiking",
    municipality: str | None = None,
) -> list[Written]:
    """Write `files` (file name → bytes) of one group; `meta` holds the input hashes for the manifest.

    `slug` keys the group's state (a library's slug, or '_' + a stem for the other documents). Raises a
    WriteError in Dutch; its `fatal` says whether the run should stop (full disk, read-only folder)."""
    state = read_state(out, slug)
    if library_id is not None:
        state["bibliotheek"] = library_id
    if municipality:
        state["gemeente"] = municipality  # the guide of one of the library's municipalities
    state["document"] = document
    results = []
    for name, data in files.items():
        target = out / name
        try:
            results.append(_write_one(out, slug, state, name, data, meta, force))
        except OSError as exc:
            raise write_error(exc, target, out, library_id) from None
    return results


def _write_one(out: Path, slug: str, state: dict, name: str, data: bytes, meta: dict, force: bool) -> Written:
    entry = state["bestanden"].get(name)
    digest = sha256(data)
    found = look_at(out / name)
    if not force and not is_ours(found, entry):
        if entry is not None:
            entry["bewerkt"] = True
        written = _write_beside(out, slug, state, name, data, digest, meta)
        return Written(written.path, "naast bewerkt bestand", kept=out / name, found=found.kind)
    return _put(out, slug, state, name, data, digest, meta, found)


def _put(
    out: Path, slug: str, state: dict, name: str, data: bytes, digest: str, meta: dict, found: Found, beside=None
) -> Written:
    target = out / name
    entry = state["bestanden"].get(name)
    if entry and entry.get("sha256") == digest and found.regular and found.sha256 == digest:
        _record(state, name, data, digest, meta, beside)
        _save_state(out, slug, state)
        return Written(target, "ongewijzigd")
    state["bestanden"].setdefault(name, {})["pending_sha256"] = digest
    _save_state(out, slug, state)
    atomic_write(target, data)
    _record(state, name, data, digest, meta, beside)
    _save_state(out, slug, state)
    return Written(target, "geschreven")


def _write_beside(out: Path, slug: str, state: dict, name: str, data: bytes, digest: str, meta: dict) -> Written:
    """Write the new version beside the kept file: the first '(nieuw)', '(nieuw 2)', … that is free or ours."""
    stem, suffix = Path(name).stem, Path(name).suffix
    for n in range(1, MAX_BESIDE + 1):
        candidate = f"{stem} (nieuw){suffix}" if n == 1 else f"{stem} (nieuw {n}){suffix}"
        found = look_at(out / candidate)
        entry = state["bestanden"].get(candidate)
        if is_ours(found, entry):
            return _put(out, slug, state, candidate, data, digest, meta, found, beside=name)
        if entry is not None:
            entry["bewerkt"] = True
    raise WriteError(
        "Een bestand in de uitvoermap kan niet worden geschreven",
        (
            Problem(
                str(out / name),
                f"het bestand en {MAX_BESIDE} nieuwe versies ernaast zijn bewerkt; ruim die op of gebruik --force",
                library=state.get("bibliotheek"),
            ),
        ),
    )


def _record(state: dict, name: str, data: bytes, digest: str, meta: dict, beside: str | None = None) -> None:
    entry = {
        "document": state.get("document", "handreiking"),
        "formaat": Path(name).suffix.lstrip("."),
        "sha256": digest,
        "grootte": len(data),
        **meta,
        "tijd": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
    }
    if state.get("bibliotheek"):
        own = {"gemeente": state["gemeente"]} if state.get("gemeente") else {}
        entry = {"bibliotheek": state["bibliotheek"], **own, **entry}
    if beside:
        entry["naast"] = beside
    state["bestanden"][name] = entry


def write_manifest(out: Path) -> Path:
    """Merge every group's record into OUT/manifest.json (atomically); raises a WriteError in Dutch."""
    files = {}
    state_dir = out / STATE_DIR
    paths = sorted(state_dir.glob("*.json")) if look_at(state_dir).kind == "map" else []
    for path in paths:
        state = _read_json(path)
        if not isinstance(state, dict) or not isinstance(state.get("bestanden"), dict):
            continue
        for name, entry in state["bestanden"].items():
            if isinstance(entry, dict) and "sha256" in entry:
                files[name] = {k: v for k, v in entry.items() if k != "pending_sha256"}
    target = out / MANIFEST
    data = json.dumps({"bestanden": dict(sorted(files.items()))}, indent=2, ensure_ascii=False).encode("utf-8")
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise write_error(exc, target, out) from None
    return target


def unchanged(out: Path, slug: str, names: list[str], inputs: str) -> bool:
    """True when every file was written from the same inputs and still has the bytes we wrote."""
    state = read_state(out, slug)
    for name in names:
        entry = state["bestanden"].get(name)
        if not entry or entry.get("invoer") != inputs:
            return False
        found = look_at(out / name, expected_size=entry.get("grootte"))
        if not found.regular or found.sha256 != entry.get("sha256"):
            return False
    return True
