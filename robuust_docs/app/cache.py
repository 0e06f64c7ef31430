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
or two runs at once, never leave half an entry. (The folder and its safe reads and writes are `files.py`'s; the
Word template's compiled code is kept there too, see render/docx/sandbox.py.)
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Collection
from pathlib import Path

from robuust_docs import __version__
from robuust_docs.files import (
    CACHE_ENV,
    cache_folder,
    cache_key,
    digest_folder,
    drop_cached,
    package_digest,
    read_cached,
    write_cached,
)

KEEP = 6  # entries: a few MB each for the sample, tens of MB for hundreds of libraries
SUFFIX = ".invoer.pickle"

__all__ = ["CACHE_ENV", "KEEP", "SUFFIX", "cache_folder", "code_digest", "input_keys", "load", "store"]


def input_keys(data_dir: Path, templates_dir: Path, year: int | None, libraries: Collection[str] | None) -> list[str]:
    """The keys to look for, best first: the entry of all libraries, then (when `libraries` are asked for) the one
    of just those. Each covers everything `prepare`'s loading, checking and analysis depend on."""
    code = (__version__, code_digest(), sys.version, _pandas_version())
    base = cache_key(*code, digest_folder(data_dir), digest_folder(templates_dir), "" if year is None else str(year))
    chosen = [] if libraries is None else ["\n".join(sorted(set(libraries)))]
    return [cache_key(base, which) for which in ["*", *chosen]]


def code_digest() -> str:
    """The package's own source, part of every key."""
    return package_digest()


def _pandas_version() -> str:
    import pandas

    return pandas.__version__


def load(key: str) -> object | None:
    """The entry stored under `key`, or None (no cache, no entry, or one that is not safe or not readable)."""
    data = read_cached(f"{key}{SUFFIX}")
    if data is None:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # a damaged or foreign entry (another version's classes): do the work, drop the entry
        drop_cached(f"{key}{SUFFIX}")
        return None


def store(key: str, value: object) -> None:
    """Keep `value` under `key`; a cache that cannot be written (read-only, full disk) is left alone."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    write_cached(f"{key}{SUFFIX}", data, KEEP)
