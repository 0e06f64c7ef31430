"""Output: putting files in the output folder without losing anything. `write_outputs` writes one document's
files atomically (`files`), records them per document and in `manifest.json`, and never overwrites a file a
user edited (`folder`); `write_summary` writes the run's `overzicht.xlsx`.
"""

from robuust_docs.output.files import atomic_write, slugify
from robuust_docs.output.folder import STATE_DIR, Written, unchanged, write_manifest, write_outputs
from robuust_docs.output.summary import SUMMARY, write_summary

__all__ = [
    "STATE_DIR",
    "SUMMARY",
    "Written",
    "atomic_write",
    "slugify",
    "unchanged",
    "write_manifest",
    "write_outputs",
    "write_summary",
]
