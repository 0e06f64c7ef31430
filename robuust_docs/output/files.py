"""Files in the output folder: `atomic_write` (a temporary file in the target's folder, fsync, `os.replace`, so
a killed run leaves the old file or the new one, never half of one), `look_at` (what stands at a path, without
following a link or opening anything but a regular file of a sane size) and `write_error` (an OSError in Dutch:
what failed, where, and whether it fails for every document). File names come from `slugify`, the one
file-name rule, which lives in `robuust_docs.files` so that the inputs can refuse ids that would share a name.

We only ever read back what we wrote ourselves, to compare it with what we recorded. Whatever else stands in
the output folder (a symbolic link, a FIFO, a device, a folder, a file of gigabytes) is never followed, opened or
read: `look_at` calls it foreign, and foreign files are left alone like a user's edit.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from robuust_docs.errors import OutputError, Problem
from robuust_docs.files import RESERVED, slugify  # noqa: F401 (re-exported: output names files with it)

MAX_OWN_FILE_BYTES = 512 << 20  # a file this big in the output folder is not one of ours: never read it
TEMP_SUFFIX = ".tmp"
TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what mkstemp(prefix=".<name>.", suffix=".tmp") makes
_CHUNK = 1 << 20


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and os.replace.

    os.replace swaps the directory entry: whatever stood at `path` (also a symbolic link or a FIFO) is replaced,
    never written through or opened."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@dataclass(frozen=True)
class Found:
    """What stands at a path: nothing, a regular file (with its size and sha256), or something foreign."""

    kind: str  # 'ontbreekt', 'bestand', 'koppeling', 'fifo', 'map', 'apparaat', 'te groot', 'onleesbaar'
    size: int = 0
    sha256: str | None = None

    @property
    def missing(self) -> bool:
        return self.kind == "ontbreekt"

    @property
    def regular(self) -> bool:
        return self.kind == "bestand"

    @property
    def description(self) -> str:
        """Dutch, for a note: 'een symbolische koppeling', 'een FIFO', …"""
        return {
            "koppeling": "een symbolische koppeling",
            "fifo": "een FIFO (named pipe)",
            "map": "een map",
            "apparaat": "een apparaat- of socketbestand",
            "te groot": "een bestand van meer dan 512 MB",
            "onleesbaar": "een bestand dat niet te lezen is",
        }.get(self.kind, "een bestand")


def look_at(path: Path, expected_size: int | None = None) -> Found:
    """What stands at `path`, never following a link and never opening anything but a regular file.

    With `expected_size`, a regular file of another size is not hashed (it cannot be the file we recorded)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Found("ontbreekt")
    except OSError:
        return Found("onleesbaar")
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        return Found("koppeling")
    if stat.S_ISFIFO(mode):
        return Found("fifo")
    if stat.S_ISDIR(mode):
        return Found("map")
    if not stat.S_ISREG(mode):
        return Found("apparaat")
    if info.st_size > MAX_OWN_FILE_BYTES:
        return Found("te groot", info.st_size)
    if expected_size is not None and info.st_size != expected_size:
        return Found("bestand", info.st_size)
    try:
        return Found("bestand", info.st_size, _hash_regular(path))
    except OSError:
        return Found("onleesbaar", info.st_size)


def read_own(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file at `path` if it is at most `limit` bytes; None for anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = handle.read(limit + 1)
        return data if len(data) <= limit else None


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _hash_regular(path: Path) -> str | None:
    """sha256 of a regular file, opened without following a link or blocking; None if it is not regular."""
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_OWN_FILE_BYTES:
            return None
        sha = hashlib.sha256()
        while chunk := handle.read(_CHUNK):
            sha.update(chunk)
        return sha.hexdigest()


def remove_temp_files(folder: Path) -> list[Path]:
    """Remove the temporary files a killed run left in `folder` (regular files named like ours only)."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if TEMP_NAME.match(entry.name) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


# --- write errors in Dutch --------------------------------------------------------------------------------------


class WriteError(OutputError):
    """A file in the output folder could not be written. `fatal` when it would fail for every document (the
    disk is full, the folder is read-only, not writable or not a folder): the run then stops at once."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = (), fatal: bool = False):
        self.headline = message
        self.fatal = fatal
        super().__init__(message, problems)

    def __reduce__(self):  # keep the attributes when a worker process hands the error to the parent
        return (type(self), (self.headline, self.problems, self.fatal))


FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
READ_ONLY = {errno.EROFS}
DENIED = {errno.EACCES, errno.EPERM}
NOT_A_FOLDER = {errno.ENOTDIR, errno.EEXIST}
GONE = {errno.EIO, errno.ENODEV, errno.ENXIO, getattr(errno, "ESTALE", errno.EIO), errno.ENOTCONN}
ONE_FILE = {
    errno.EISDIR: "op de plaats van dit bestand staat een map",
    errno.ENAMETOOLONG: "de bestandsnaam of het pad is te lang",
    errno.EMFILE: "te veel bestanden tegelijk geopend",
    errno.ENFILE: "te veel bestanden tegelijk geopend",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.EFBIG: "het bestand is te groot voor dit bestandssysteem",
}


def write_error(exc: OSError, path: Path, out: Path, library: str | None = None) -> WriteError:
    """The Dutch WriteError for `exc`, raised while writing `path` in the output folder `out`."""
    code = exc.errno
    where = str(path)
    if code in FULL:
        return WriteError(
            f"De uitvoermap {out} is vol",
            (
                Problem(
                    where,
                    "geen ruimte meer op de schijf (of het quotum is op); maak ruimte vrij of kies met --out een "
                    "andere map",
                    library=library,
                ),
            ),
            fatal=True,
        )
    if code in READ_ONLY:
        return WriteError(
            f"De uitvoermap {out} is alleen-lezen",
            (Problem(where, "de schijf staat op alleen-lezen; kies met --out een map waarin u mag schrijven"),),
            fatal=True,
        )
    if code in DENIED and not folder_writable(path.parent if path != out else out):
        return WriteError(
            f"De uitvoermap {out} is alleen-lezen: u hebt er geen schrijfrechten",
            (
                Problem(
                    where, "geen toestemming om hier te schrijven; pas de rechten aan of kies met --out een andere map"
                ),
            ),
            fatal=True,
        )
    if code in DENIED:
        message = (
            "geen toestemming om dit bestand te schrijven of te vervangen (is het geopend in een ander programma?)"
        )
        return WriteError(
            "Een bestand in de uitvoermap kan niet worden geschreven", (Problem(where, message, library=library),)
        )
    if code in NOT_A_FOLDER:
        return WriteError(
            f"De uitvoermap {out} is geen map",
            (
                Problem(
                    str(out), "daar staat een bestand (of een deel van het pad is een bestand); kies met --out een map"
                ),
            ),
            fatal=True,
        )
    if code in GONE:
        return WriteError(
            f"De uitvoermap {out} is niet bereikbaar",
            (Problem(where, f"de schijf of netwerkmap reageert niet ({errno.errorcode.get(code, code)})"),),
            fatal=True,
        )
    detail = ONE_FILE.get(code, f"schrijven mislukt (systeemfout {errno.errorcode.get(code, code)})")
    return WriteError(
        "Een bestand in de uitvoermap kan niet worden geschreven", (Problem(where, detail, library=library),)
    )


def probe(folder: Path, size: int) -> None:
    """Write `size` bytes to a temporary file in `folder`, sync and remove it; raises the OSError on failure."""
    fd, tmp = tempfile.mkstemp(prefix=".robuust-probe.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(bytes(size))
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        Path(tmp).unlink(missing_ok=True)


def folder_writable(folder: Path) -> bool:
    """True when a file can be created (and removed) in `folder`: the honest test, also for root and ACLs."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".robuust-probe.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError:
        return False
    os.close(fd)
    try:
        os.unlink(tmp)
    except OSError:
        pass
    return True
