"""One run at a time per output folder, tested with two processes: the second waits briefly and then refuses
with who holds the folder; the lock is released on exit and taken over when its process was killed."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from robuust_docs.output import STATE_DIR, LockError, folder_lock
from robuust_docs.output import lock as lock_module

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from pathlib import Path
from robuust_docs.output import folder_lock
out = Path(sys.argv[1])
(out / ".robuust").mkdir(parents=True, exist_ok=True)
with folder_lock(out, ".robuust", wait=0):
    print("vast", flush=True)
    sys.stdin.read()  # hold the lock until the test closes stdin (or kills us)
"""


@pytest.fixture()
def holders():
    """Start processes that hold a folder's lock; they are ended and their pipes closed after the test."""
    started: list[subprocess.Popen] = []

    def start(out: Path) -> subprocess.Popen:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )
        started.append(process)
        assert process.stdout.readline().strip() == "vast"
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(10)
        for pipe in (process.stdin, process.stdout):
            if pipe and not pipe.closed:
                pipe.close()


@pytest.fixture()
def out(tmp_path) -> Path:
    (tmp_path / STATE_DIR).mkdir()
    return tmp_path


def test_a_second_run_refuses_and_says_who_holds_the_folder(out, holders):
    holder = holders(out)
    started = time.monotonic()
    with pytest.raises(LockError) as caught, folder_lock(out, STATE_DIR, wait=0.5):
        pytest.fail("got the lock another process holds")
    assert time.monotonic() - started >= 0.5  # it waited before refusing
    assert caught.value.first.file == str(out)
    assert f"proces {holder.pid}" in caught.value.message and "loopt al een andere run" in caught.value.message


def test_a_second_run_waits_for_the_first_to_finish(out, holders):
    holder = holders(out)
    threading.Timer(0.5, holder.stdin.close).start()
    with folder_lock(out, STATE_DIR, wait=20) as path:
        assert holder.wait(10) == 0
        assert json.loads(path.read_text())["proces"] == os.getpid()


def test_the_lock_is_released_when_the_run_ends(out, holders):
    holder = holders(out)
    holder.stdin.close()
    assert holder.wait(10) == 0
    assert (out / STATE_DIR / "run.lock").read_text() == ""  # released and emptied
    with folder_lock(out, STATE_DIR, wait=0):
        pass


def test_a_lock_left_by_a_killed_run_is_stale_and_taken_over(out, holders):
    holder = holders(out)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(10)
    assert json.loads((out / STATE_DIR / "run.lock").read_text())["proces"] == holder.pid  # left behind
    with folder_lock(out, STATE_DIR, wait=0) as path:
        assert json.loads(path.read_text())["proces"] == os.getpid()


def test_the_lock_is_reentrant_within_one_process(out):
    with folder_lock(out, STATE_DIR, wait=0), folder_lock(out, STATE_DIR, wait=0):
        pass
    with folder_lock(out, STATE_DIR, wait=0):
        pass


def _no_os_locks(monkeypatch):
    def unsupported(fd):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock_module, "_os_lock", unsupported)


def test_without_os_locks_a_pid_file_of_a_dead_process_is_recovered(out, monkeypatch):
    _no_os_locks(monkeypatch)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid_file = out / STATE_DIR / "run.pid"
    pid_file.write_text(json.dumps({"proces": int(gone.stdout), "computer": lock_module.socket.gethostname()}))
    with folder_lock(out, STATE_DIR, wait=0):
        assert json.loads(pid_file.read_text())["proces"] == os.getpid()
    assert not pid_file.exists()


def test_without_os_locks_a_live_holder_is_respected(out, monkeypatch):
    _no_os_locks(monkeypatch)
    pid_file = out / STATE_DIR / "run.pid"
    pid_file.write_text(json.dumps({"proces": os.getppid(), "computer": lock_module.socket.gethostname()}))
    with pytest.raises(LockError), folder_lock(out, STATE_DIR, wait=0.2):
        pytest.fail("took the lock of a live process")
    assert pid_file.exists()


POOL_HOLDER = """
import os, signal, sys
from pathlib import Path
from robuust_docs.app.batch import default_executor
from robuust_docs.output import folder_lock
out = Path(sys.argv[1])
with folder_lock(out, ".robuust", wait=0):
    pool = default_executor(2)
    workers = {pool.submit(os.getpid).result() for _ in range(4)}
    print(" ".join(map(str, workers)), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # killed mid-run, its workers left behind
"""


def test_workers_of_a_killed_run_do_not_keep_the_folder_locked(out):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-c", POOL_HOLDER, str(out)], stdout=subprocess.PIPE, text=True, env=env
    ) as run:
        workers = [int(pid) for pid in run.stdout.readline().split()]
        run.wait(30)
    try:
        assert workers
        with folder_lock(out, STATE_DIR, wait=5):
            pass
    finally:
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
