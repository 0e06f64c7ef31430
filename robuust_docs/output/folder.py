"""`write_outputs`: put one library's documents in the output folder atomically, never losing a user's edit.

Every file is written to a temporary file in the target folder and moved into place with `os.replace`, so a
killed run leaves either the old or the new file, never half of one. What was written is recorded per library
in `OUT/.robuust/<slug>.json` (updated atomically around each file, with the expected hash noted *before* the
move), and `OUT/manifest.json` is the merged view of those records. A file whose bytes match neither the
recorded nor the pending hash was changed by someone: it is kept, and the new version is written beside it
(`… (nieuw).docx`), unless `force` is set.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path

from robuust_docs.errors import OutputError, Problem
from robuust_docs.files import sha256
from robuust_docs.output.files import atomic_write

STATE_DIR = ".robuust"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Written:
    path: Path
    status: str  # 'geschreven', 'ongewijzigd', 'naast bewerkt bestand'
    kept: Path | None = None  # the user's edited file that was left alone


def _state_path(out: Path, slug: str) -> Path:
    return out / STATE_DIR / f"{slug}.json"


def read_state(out: Path, slug: str) -> dict:
    path = _state_path(out, slug)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"bestanden": {}}


def _save_state(out: Path, slug: str, state: dict) -> None:
    atomic_write(_state_path(out, slug), json.dumps(state, indent=1, ensure_ascii=False).encode("utf-8"))


def is_ours(path: Path, entry: dict | None) -> bool:
    """True when the file at `path` is exactly what we wrote (or were about to write) there."""
    if not path.exists():
        return True
    if not entry:
        return False
    current = sha256(path.read_bytes())
    return current in {entry.get("sha256"), entry.get("pending_sha256")}


def write_outputs(
    out: Path, slug: str, library_id: str, files: dict[str, bytes], meta: dict, force: bool = False
) -> list[Written]:
    """Write `files` (file name → bytes) for one library; `meta` holds the input hashes for the manifest."""
    state = read_state(out, slug)
    state["bibliotheek"] = library_id
    results = []
    try:
        for name, data in files.items():
            results.append(_write_one(out, slug, state, name, data, meta, force))
    except OSError as exc:
        raise OutputError(
            "Kan niet schrijven in de uitvoermap", (Problem(str(out), f"{exc.strerror or exc}", library=library_id),)
        ) from None
    return results


def _write_one(out: Path, slug: str, state: dict, name: str, data: bytes, meta: dict, force: bool) -> Written:
    target = out / name
    entry = state["bestanden"].get(name)
    digest = sha256(data)
    if target.exists() and not force and not is_ours(target, entry):
        beside = target.with_name(f"{target.stem} (nieuw){target.suffix}")
        atomic_write(beside, data)
        return Written(beside, "naast bewerkt bestand", kept=target)
    if entry and entry.get("sha256") == digest and target.exists() and sha256(target.read_bytes()) == digest:
        _record(state, name, data, digest, meta)
        _save_state(out, slug, state)
        return Written(target, "ongewijzigd")
    state["bestanden"].setdefault(name, {})["pending_sha256"] = digest
    _save_state(out, slug, state)
    atomic_write(target, data)
    _record(state, name, data, digest, meta)
    _save_state(out, slug, state)
    return Written(target, "geschreven")


def _record(state: dict, name: str, data: bytes, digest: str, meta: dict) -> None:
    state["bestanden"][name] = {
        "bibliotheek": state["bibliotheek"],
        "formaat": Path(name).suffix.lstrip("."),
        "sha256": digest,
        "grootte": len(data),
        **meta,
        "tijd": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
    }


def write_manifest(out: Path) -> Path:
    """Merge every library's record into OUT/manifest.json (atomically)."""
    files = {}
    for path in sorted((out / STATE_DIR).glob("*.json")):
        state = json.loads(path.read_text(encoding="utf-8"))
        for name, entry in state.get("bestanden", {}).items():
            if "sha256" in entry:
                files[name] = {k: v for k, v in entry.items() if k != "pending_sha256"}
    target = out / MANIFEST
    atomic_write(target, json.dumps({"bestanden": files}, indent=2, ensure_ascii=False).encode("utf-8"))
    return target


def unchanged(out: Path, slug: str, names: list[str], inputs: str) -> bool:
    """True when every file was written from the same inputs and still has the bytes we wrote."""
    state = read_state(out, slug)
    for name in names:
        entry = state["bestanden"].get(name)
        path = out / name
        if not entry or entry.get("invoer") != inputs or not path.exists():
            return False
        if sha256(path.read_bytes()) != entry.get("sha256"):
            return False
    return True
