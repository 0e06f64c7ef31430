"""Output: putting files in the output folder without losing anything. `write_outputs` writes one document's
files atomically (`files`), records them per document and in `manifest.json`, and never overwrites a file a
user edited or anything that is not a regular file of ours (`folder`); `write_summary` writes the run's
`overzicht.xlsx` the same way. `check_folder`, `folder_lock`, `tidy_folder` and `recover_state` prepare the
folder for a run; `WriteError` says in Dutch what could not be written and whether the run must stop.
"""

from robuust_docs.output.files import WriteError, atomic_write, look_at, slugify, write_error
from robuust_docs.output.folder import (
    MANIFEST,
    STATE_DIR,
    Written,
    check_folder,
    document_slug,
    read_state,
    recover_state,
    tidy_folder,
    unchanged,
    write_manifest,
    write_outputs,
)
from robuust_docs.output.lock import LockError, folder_lock, forget_inherited_locks
from robuust_docs.output.summary import SUMMARY, write_summary

__all__ = [
    "MANIFEST",
    "STATE_DIR",
    "SUMMARY",
    "LockError",
    "WriteError",
    "Written",
    "atomic_write",
    "check_folder",
    "document_slug",
    "folder_lock",
    "forget_inherited_locks",
    "look_at",
    "read_state",
    "recover_state",
    "slugify",
    "tidy_folder",
    "unchanged",
    "write_error",
    "write_manifest",
    "write_outputs",
    "write_summary",
]
