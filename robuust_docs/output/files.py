"""Files in the output folder: `atomic_write` (a temporary file in the target's folder, fsync, `os.replace`, so
a killed run leaves the old file or the new one, never half of one). File names come from `slugify`, the one
file-name rule, which lives in `robuust_docs.files` so that the inputs can refuse ids that would share a name."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from robuust_docs.files import RESERVED, slugify  # noqa: F401 (re-exported: output names files with it)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
