"""Helpers for fault tests: a deadline that fails a test instead of letting it hang, and a folder nobody may
write in (also when the tests run as root)."""

from __future__ import annotations

import os
import signal
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging: a FIFO that is opened for reading blocks forever."""

    def fail(signum, frame):
        raise AssertionError(f"took more than {seconds} s (blocked on something in the output folder?)")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def read_only_folder(path: Path):
    """A folder nobody may write in: a read-only tmpfs when running as root (chmod does not stop root), else
    chmod 555. Skips when neither is possible."""
    path.mkdir()
    if os.geteuid() != 0:
        path.chmod(0o555)
        try:
            yield path
        finally:
            path.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(path)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("running as root without permission to mount a read-only tmpfs")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=False)
