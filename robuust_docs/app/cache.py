"""The input cache: what `prepare` read, checked and analysed, kept per user, so that the next run on the same
input skips that work (issue 18: it is a third of one library's time from a cold start).

An entry is keyed by everything the work depends on: the bytes of every file in the data folder (tables, CBS
files, mapping, content) and the templates folder, the report year, the libraries analysed in full (all, or the
ones asked for), and the code that did the work (the package's own source files, Python's and pandas's
versions). Any change to any of them is another key, so an entry is never stale; nothing is ever looked up by
date. A run on all libraries stores the full analysis, which later runs for any subset of them use.

Entries live in the user's cache folder (`$XDG_CACHE_HOME/robuust-docs`, `~/.cache/robuust-docs`, on Windows
`%LOCALAPPDATA%\\robuust-docs`), made readable for the user alone; `ROBUUST_DOCS_CACHE` names another folder,
or switches the cache off with `uit`. They are pickles, which run code when read, so an entry is only read from
a folder and file that belong to the user running it, not group- or world-writable; anything else, and an
entry that cannot be read, is ignored (and a broken one removed): the run then does the work itself. Only the
`KEEP` most recent entries stay. Writing is atomic (a temporary file, then a rename), so a run that is killed,
or two runs at once, never leave half an entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

from robuust_docs import __version__
from robuust_docs.files import digest_files, digest_folder

CACHE_ENV = "ROBUUST_DOCS_CACHE"
OFF = {"uit", "0", "off", "nee", "no", "false"}
KEEP = 6  # entries: a few MB each for the sample, tens of MB for hundreds of libraries
SUFFIX = ".invoer.pickle"
PACKAGE = Path(__file__).resolve().parents[1]


def cache_folder() -> Path | None:
    """The folder of the input cache, or None when it is switched off."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() in OFF:
        return None
    if value:
        return Path(value).expanduser()
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "robuust-docs"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "robuust-docs"


def input_keys(data_dir: Path, templates_dir: Path, year: int | None, libraries: Collection[str] | None) -> list[str]:
    """The keys to look for, best first: the entry of all libraries, then (when `libraries` are asked for) the one
    of just those. Each covers everything `prepare`'s loading, checking and analysis depend on."""
    sha = hashlib.sha256()
    parts = (__version__, code_digest(), sys.version, _pandas_version(), digest_folder(data_dir))
    for part in (*parts, digest_folder(templates_dir), "" if year is None else str(year)):
        sha.update(part.encode("utf-8", "surrogateescape"))
        sha.update(b"\0")
    base = sha.hexdigest()
    chosen = [] if libraries is None else ["\n".join(sorted(set(libraries)))]
    return [
        hashlib.sha256(f"{base}\0{which}".encode("utf-8", "surrogateescape")).hexdigest() for which in ["*", *chosen]
    ]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the package's Python files: changed code (also without a new version number) is a new key."""
    return digest_files(sorted(PACKAGE.rglob("*.py")), PACKAGE)


def _pandas_version() -> str:
    import pandas

    return pandas.__version__


def load(key: str) -> object | None:
    """The entry stored under `key`, or None (no cache, no entry, or one that is not safe or not readable)."""
    folder = cache_folder()
    if folder is None:
        return None
    path = folder / f"{key}{SUFFIX}"
    try:
        with path.open("rb") as handle:
            if not (_ours(os.stat(folder)) and _ours(os.fstat(handle.fileno()))):
                return None
            value = pickle.load(handle)
        os.utime(path)  # recently used: kept longest
        return value
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or foreign entry (another version's classes): do the work, drop the entry
        path.unlink(missing_ok=True)
        return None


def store(key: str, value: object) -> None:
    """Keep `value` under `key`; a cache that cannot be written (read-only, full disk) is left alone."""
    folder = cache_folder()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _ours(os.stat(folder)):
            return
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{key}{SUFFIX}")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(folder)
    except (OSError, pickle.PicklingError):
        return


def _ours(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (on Windows: the folder is the user's own profile)."""
    if os.name == "nt":
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _prune(folder: Path) -> None:
    """Keep the `KEEP` most recently used entries; drop temporary files older than an hour (a killed run's)."""
    entries = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
    for temporary in folder.glob(".*.tmp"):
        if temporary.stat().st_mtime < time.time() - 3600:
            temporary.unlink(missing_ok=True)
