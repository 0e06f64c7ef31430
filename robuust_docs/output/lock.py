"""`folder_lock`: one run at a time per output folder.

Two runs writing into one folder would each take the other's fresh files for a user's edit. The lock is a file,
`OUT/.robuust/run.lock`, held with an operating-system lock (`fcntl.flock`, or `msvcrt.locking` on Windows)
for the whole run: the system releases it when the process ends in any way, also `kill -9`, so a lock left by a
process that is gone is stale and simply taken over. The file says who holds it (process, machine, since when)
for the message the second run shows. Where the file system cannot lock files (some network shares), the lock
is the file's exclusive creation instead, and a lock whose process no longer runs on this machine is recovered.
A second run waits up to `LOCK_WAIT_SECONDS`, then refuses.

Worker processes forked during a run inherit the lock's descriptor, and with it the lock: if the run were killed,
idle workers would keep the folder locked. `forget_inherited_locks` (the process pool's initializer) closes
those copies in each worker; the parent's lock is unaffected.
"""

from __future__ import annotations

import datetime as _dt
import errno
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from robuust_docs.errors import OutputError, Problem
from robuust_docs.output.files import read_own

LOCK_NAME = "run.lock"
LOCK_WAIT_SECONDS = 10.0  # how long a second run waits for the first before it refuses
LOCK_POLL_SECONDS = 0.2
_UNSUPPORTED = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}
_held: dict[str, int] = {}  # lock paths this process holds, with a count (the lock is re-entrant per process)
_descriptors: set[int] = set()  # the descriptors of the OS locks this process holds
_guard = threading.Lock()


class LockError(OutputError):
    """Another run is writing into the same output folder."""


@contextmanager
def folder_lock(out: Path, state_dir: str, wait: float | None = None) -> Iterator[Path]:
    """Hold the output folder's lock while the block runs; raises LockError when another run keeps it."""
    path = out / state_dir / LOCK_NAME
    key = os.path.abspath(path)
    with _guard:
        if key in _held:
            _held[key] += 1
            nested = True
        else:
            nested = False
    if nested:
        try:
            yield path
        finally:
            with _guard:
                _held[key] -= 1
        return
    release = _acquire(path, out, LOCK_WAIT_SECONDS if wait is None else wait)
    with _guard:
        _held[key] = 1
    try:
        yield path
    finally:
        with _guard:
            del _held[key]
        release()


def _acquire(path: Path, out: Path, wait: float):
    deadline = time.monotonic() + wait
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        locked = _lock_with_wait(fd, path, out, deadline)
        if locked:
            _write_holder(fd)
    except BaseException:
        os.close(fd)
        raise
    if not locked:  # this file system has no locks: fall back to exclusive creation
        os.close(fd)
        return _acquire_by_creation(path.with_suffix(".pid"), out, deadline)
    _descriptors.add(fd)

    def release() -> None:
        _descriptors.discard(fd)
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        _os_unlock(fd)
        os.close(fd)

    return release


def forget_inherited_locks() -> None:
    """In a forked worker: close the inherited copies of the parent's lock descriptors (never unlock them, which
    would release the parent's lock), so a worker that outlives a killed run does not keep the folder locked."""
    with _guard:
        for fd in _descriptors:
            try:
                os.close(fd)
            except OSError:
                pass
        _descriptors.clear()
        _held.clear()


def _lock_with_wait(fd: int, path: Path, out: Path, deadline: float) -> bool:
    """Take the OS lock on `fd`, polling until `deadline`; False when the file system cannot lock."""
    while True:
        try:
            _os_lock(fd)
            return True
        except OSError as exc:
            if exc.errno in _UNSUPPORTED:
                return False
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
                raise
        if time.monotonic() >= deadline:
            raise _busy(out, path, _holder(path))
        time.sleep(LOCK_POLL_SECONDS)


def _acquire_by_creation(path: Path, out: Path, deadline: float):
    """The fallback without OS locks: create the file exclusively; recover it when its process is gone."""
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
            break
        except FileExistsError:
            holder = _holder(path)
            if holder is not None and _stale(holder):
                path.unlink(missing_ok=True)
                continue
        if time.monotonic() >= deadline:
            raise _busy(out, path, _holder(path))
        time.sleep(LOCK_POLL_SECONDS)
    _write_holder(fd)
    os.close(fd)
    return lambda: path.unlink(missing_ok=True)


def _write_holder(fd: int) -> None:
    info = {
        "proces": os.getpid(),
        "computer": socket.gethostname(),
        "sinds": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, json.dumps(info).encode("utf-8"))


def _holder(path: Path) -> dict | None:
    data = read_own(path, 4096)
    try:
        info = json.loads(data.decode("utf-8")) if data else None
    except (UnicodeDecodeError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def _stale(holder: dict) -> bool:
    """True when the holder ran on this machine and its process no longer exists."""
    if holder.get("computer") != socket.gethostname() or not isinstance(holder.get("proces"), int):
        return False
    return not _alive(holder["proces"])


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would end the process on Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _busy(out: Path, path: Path, holder: dict | None) -> LockError:
    who = ""
    if holder and holder.get("proces"):
        since = str(holder.get("sinds", ""))
        who = f" (proces {holder['proces']} op {holder.get('computer', 'onbekende computer')}"
        who += f", sinds {since[11:19]})" if len(since) >= 19 else ")"
    return LockError(
        f"In de uitvoermap {out} loopt al een andere run van robuust-docs{who}",
        (
            Problem(
                str(out),
                "twee runs tegelijk in één map zouden elkaars nieuwe bestanden voor bewerkingen houden; wacht tot "
                "de andere run klaar is, of kies met --out een andere map",
            ),
        ),
    )


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _os_lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _os_unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _os_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _os_unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
