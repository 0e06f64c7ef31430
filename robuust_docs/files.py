"""Reading what users hand in, once and the same way everywhere, within limits: files read with a size limit,
YAML files (size, nesting and aliases checked before they are built), text cleaned of characters no document
can hold, the one rule that turns an id or a name into a file name (and finds ids that would share one), and
digests of files (which tell a later run whether anything changed), and the user's cache folder with its safe
reads and atomic writes.

Every limit on what users hand in is a named constant here; the README's table of bad inputs lists each with
the message the user sees.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import stat
import tempfile
import time
import unicodedata
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from robuust_docs import fmt
from robuust_docs.errors import Problem

# --- limits on what users hand in -----------------------------------------------------------------------------------
MAX_TABLE_BYTES = 20_000_000  # one CSV file, and one sheet (uncompressed XML) of invoer.xlsx
MAX_TABLE_ROWS = 100_000  # rows in one table (the Netherlands has about 14.000 neighbourhoods)
MAX_TABLE_COLUMNS = 200  # columns with a header or a value in one table
MAX_CELL_CHARS = 1_000  # one cell of an input table
MAX_HEADER_ROW = 10  # the header row may stand below a title, in one of the first ten rows
MAX_WORKBOOK_BYTES = 20_000_000  # invoer.xlsx on disk
MAX_SHEET_XML_BYTES = 100_000_000  # one sheet of invoer.xlsx unpacked (its XML is about five times the CSV)
MAX_WORKBOOK_PART_BYTES = 20_000_000  # any other part of invoer.xlsx we read (shared strings, styles), unpacked
MAX_ZIP_ENTRIES = 1_000  # files inside invoer.xlsx
MAX_CBS_BYTES = 64_000_000  # one CBS download in data/cbs/
MAX_YAML_BYTES = 1_000_000  # one YAML file: content, kolommen.yaml, thema.yaml
MAX_YAML_DEPTH = 30  # nesting of blocks and lists in one YAML file
MAX_YAML_NODES = 100_000  # values in one YAML file, counted after expanding its aliases (*name)
MAX_MARKDOWN_BYTES = 100_000  # one Markdown file (a category story: one text, so at most MAX_TEXT_CHARS)
MAX_TEXT_CHARS = 20_000  # one content text: a story, a description, a sentence (about six pages)
MAX_FILLED_CHARS = 50_000  # one content text once its fields are filled in, and any value made on the way
MAX_TEXT_NESTING = 20  # brackets and blocks ({% if %}, {% for %}) inside one another in one content text
MAX_TEXT_STEPS = 100_000  # loop turns, calls and operations while filling in one content text
MAX_TEXT_SECONDS = 2.0  # time to fill in one content text (a normal text takes well under a millisecond)
MAX_TEXT_INT_BITS = 64  # whole numbers a content text computes with (up to about 18 digits)

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C version of the safe loader, when built
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


class LimitError(ValueError):
    """What a user handed in exceeds one of the limits above; the message is Dutch and names the limit."""


def size_text(size: int) -> str:
    """A file size as people read it: '20 MB', '535 kB', '12 bytes' (Dutch number format)."""
    if size >= 1_000_000:
        return f"{fmt.number(size / 1_000_000, 1 if size < 10_000_000 else 0)} MB"
    if size >= 1_000:
        return f"{fmt.number(size / 1_000)} kB"
    return f"{size} bytes"


def too_large(what: str, size: int, limit: int) -> LimitError:
    return LimitError(f"{what} is te groot ({size_text(size)}; hoogstens {size_text(limit)})")


def text_too_long(length: int, limit: int = MAX_TEXT_CHARS) -> str:
    """The message for a content text over its limit: 'de tekst is te lang (25.000 tekens; hoogstens 20.000)'."""
    return f"de tekst is te lang ({fmt.number(length)} tekens; hoogstens {fmt.number(limit)})"


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; LimitError beyond it, OSError if it cannot be read.

    A FIFO, a device or a folder is refused before it is opened (reading one could block or never end), and no
    more than `limit` + 1 bytes are ever read, whatever the file system says about the size.
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise LimitError("dit is geen gewoon bestand")
    if info.st_size > limit:
        raise too_large("het bestand", info.st_size, limit)
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise too_large("het bestand", len(data), limit)
    return data


def clean_text(text: str) -> str:
    """Drop characters no document format can hold (control characters, lone surrogates); keep tab and newline."""
    return _UNSAFE.sub("", text)


def typeset_text(text: str) -> str:
    """`clean_text`, and the euro sign bound to its amount by a no-break space, so a line never ends in '€'."""
    return clean_text(text).replace("€ ", "€\u00a0")


# --- YAML ------------------------------------------------------------------------------------------------------------


def read_yaml(path: Path, problems: list[Problem], name: str | None = None) -> object:
    """Safe-load one YAML file; a missing, broken or oversized file becomes a Problem (named `name`), and None.

    Size, nesting and the size after expanding aliases are checked on the parser's events before any value is
    built, so a small file cannot grow into gigabytes (the "billion laughs").
    """
    name = name or path.name
    if not path.is_file():
        problems.append(Problem(name, "bestand ontbreekt"))
        return None
    try:
        text = read_bytes(path, MAX_YAML_BYTES).decode("utf-8")
        check_yaml_size(text)
        return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 (a safe loader)
    except UnicodeDecodeError:
        problems.append(Problem(name, "bestand is geen UTF-8-tekst"))
    except LimitError as exc:
        problems.append(Problem(name, str(exc)))
    except OSError as exc:
        problems.append(Problem(name, f"kan het bestand niet lezen ({exc.strerror or exc})"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (regel {mark.line + 1}, kolom {mark.column + 1})" if mark else ""
        problems.append(Problem(name, f"geen geldige YAML{where}: {getattr(exc, 'problem', exc)}"))
    return None


def check_yaml_size(text: str) -> None:
    """Raise LimitError when `text` nests deeper than MAX_YAML_DEPTH or holds more than MAX_YAML_NODES values once
    its aliases are expanded (an alias counts as everything its anchor holds), or when an alias refers to the
    block it stands in. Reads parser events only; nothing is built."""
    sizes: dict[str, int] = {}  # anchor → values it stands for
    stack: list[list] = []  # per open block or list: [values so far, its anchor]
    total = 0
    for event in yaml.parse(text, Loader=_SAFE_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append([1, event.anchor])
            if len(stack) > MAX_YAML_DEPTH:
                raise LimitError(f"de YAML is te diep genest (meer dan {MAX_YAML_DEPTH} niveaus)")
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            count, anchor = stack.pop()
            if anchor is not None:
                sizes[anchor] = count
        elif isinstance(event, yaml.AliasEvent):
            if any(open_anchor == event.anchor for _, open_anchor in stack):
                raise LimitError(f"de verwijzing *{event.anchor} verwijst naar het blok waarin ze zelf staat")
            count = sizes.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            count = 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        else:
            continue
        if stack:
            stack[-1][0] += count
        total = stack[-1][0] if stack else total + count
        if total > MAX_YAML_NODES:
            raise LimitError(
                f"de YAML bevat na het invullen van de verwijzingen (*naam) meer dan {fmt.number(MAX_YAML_NODES)} "
                "waarden"
            )


def read_text(path: Path, limit: int) -> str:
    """A UTF-8 text file of at most `limit` bytes (LimitError, UnicodeDecodeError or OSError otherwise)."""
    return read_bytes(path, limit).decode("utf-8")


# --- file names ------------------------------------------------------------------------------------------------------

RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def canonical(text: str) -> str:
    """`text` as compared everywhere: Unicode NFKC, case-folded, white space collapsed and trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def slugify(text: str, limit: int = 80) -> str:
    """The one file-name rule: ASCII letters, digits and hyphens only, never empty, never a device name.

    Case, accents, spaces and punctuation do not count ('BIB Veenhoven', 'bib-veenhoven' and 'bib_veenhoven'
    give 'bib-veenhoven'); a text without any letter or digit gets a hash of its canonical form. Ids are
    compared with this rule too, so two ids are the same id exactly when they would share a file name.
    """
    folded = canonical(text).translate(_LETTERS)
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("&", "en")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-")
    if not slug:
        slug = "bibliotheek-" + hashlib.sha256(canonical(text).encode()).hexdigest()[:8]
    return f"{slug}-bib" if slug in RESERVED else slug


@dataclass(frozen=True)
class Clash:
    """Two names that give the same file-name part: `first` (the earlier item) and `later`, by their keys."""

    first: Hashable
    first_name: str
    later: Hashable
    later_name: str
    part: str


def file_name_clashes(items: Iterable[tuple[Hashable, str]]) -> list[Clash]:
    """Every item (key, name) whose name gives the same file-name part (`slugify`) as an earlier item's.

    Libraries (key: row, name: id), municipalities or provinces: whatever gets a file of its own is checked with
    this before any file is written. Identical names clash too; callers word that as a plain duplicate.
    """
    seen: dict[str, tuple[Hashable, str]] = {}
    clashes = []
    for key, name in items:
        part = slugify(name)
        if part in seen:
            clashes.append(Clash(seen[part][0], seen[part][1], key, name, part))
        else:
            seen[part] = (key, name)
    return clashes


# --- digests ---------------------------------------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_files(paths: Iterable[Path], root: Path | None = None) -> str:
    """One digest of the names and bytes of the existing files among `paths` (names relative to `root`)."""
    sha = hashlib.sha256()
    for path in paths:
        if path.is_file():
            sha.update(str(path.relative_to(root) if root else path.name).encode())
            with path.open("rb") as handle:
                for chunk in iter(lambda handle=handle: handle.read(1 << 20), b""):
                    sha.update(chunk)
    return sha.hexdigest()


def digest_folder(folder: Path, skip_suffixes: tuple[str, ...] = ()) -> str:
    """`digest_files` over every file below `folder`, in a fixed order."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix not in skip_suffixes)
    return digest_files(files, folder)


# --- the user's cache -------------------------------------------------------------------------------------------
# What a run can keep for the next (the input cache, app/cache.py; compiled Word templates, render/docx/sandbox.py)
# lives in the user's cache folder, made readable for the user alone. An entry runs code when it is read (a pickle,
# compiled template code), so it is only read from a folder and file that belong to the user, not group- or
# world-writable; anything else, and an entry that cannot be read, is ignored and the work done again. Entries
# are written atomically; per kind (their suffix) only the most recently used are kept.

CACHE_ENV = "ROBUUST_DOCS_CACHE"  # a folder, or 'uit' to switch the cache off
CACHE_OFF = {"uit", "0", "off", "nee", "no", "false"}
PACKAGE = Path(__file__).resolve().parent


def cache_folder() -> Path | None:
    """`$ROBUUST_DOCS_CACHE`, else the platform's cache folder + robuust-docs; None when switched off."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() in CACHE_OFF:
        return None
    if value:
        return Path(value).expanduser()
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "robuust-docs"
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder (a service account without one): no cache, the work is done anew
            return None
    return Path(base) / "robuust-docs"


def read_cached(name: str) -> bytes | None:
    """The bytes of the cache entry `name`, or None (no cache, no entry, not the user's own)."""
    folder = cache_folder()
    if folder is None:
        return None
    path = folder / name
    try:
        with path.open("rb") as handle:
            if not (_own(os.stat(folder)) and _own(os.fstat(handle.fileno()))):
                return None
            data = handle.read()
        os.utime(path)  # recently used: kept longest
        return data
    except OSError:
        return None


def drop_cached(name: str) -> None:
    """Remove an entry that could not be used (damaged, or from other code)."""
    folder = cache_folder()
    if folder is not None:
        (folder / name).unlink(missing_ok=True)


def write_cached(name: str, data: bytes, keep: int) -> None:
    """Store `data` as `name`, keeping the `keep` most recently used entries with its suffix; a cache that cannot
    be written (read-only, full disk, not the user's own) is left alone."""
    folder = cache_folder()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _own(os.stat(folder)):
            return
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, folder / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(folder, "".join(Path(name).suffixes), keep)
    except OSError:
        return


def cache_key(*parts: str) -> str:
    """The key of a cache entry made from `parts` (each ended by a NUL, so no two lists of parts give one key)."""
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return sha.hexdigest()


def read_marshalled(name: str, valid: Callable[[object], bool]) -> object | None:
    """The value marshalled in the cache entry `name` when it is one `valid` accepts; a damaged or unexpected
    entry is removed (and None returned: the work is done again)."""
    data = read_cached(name)
    if data is None:
        return None
    try:
        value = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        value = None
    if value is None or not valid(value):
        drop_cached(name)
        return None
    return value


@lru_cache(maxsize=1)
def package_digest() -> str:
    """A digest of the package's Python files, for cache keys: changed code (also without a new version number)
    is a new key."""
    return digest_files(sorted(PACKAGE.rglob("*.py")), PACKAGE)


def _own(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (on Windows: the folder is the user's own profile)."""
    if os.name == "nt":
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _prune(folder: Path, suffix: str, keep: int) -> None:
    """Keep the `keep` most recently used entries ending in `suffix`; drop temporary files older than an hour."""
    entries = sorted(folder.glob(f"*{suffix}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)
    for temporary in folder.glob(".*.tmp"):
        if temporary.stat().st_mtime < time.time() - 3600:
            temporary.unlink(missing_ok=True)
