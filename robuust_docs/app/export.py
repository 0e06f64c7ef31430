"""`export_templates`: copy the default Word template, theme and fonts into a folder a POI can edit."""

from __future__ import annotations

import shutil
from pathlib import Path

from robuust_docs.errors import OutputError, Problem


def export_templates(source: Path, target: Path) -> list[Path]:
    """Copy the Word templates, thema.yaml and fonts/ from `source` to `target`; never overwrite a file there."""
    names = ["handreiking.docx", "overzicht.docx", "thema.yaml", "fonts"]
    clashes = [target / n for n in names if (target / n).exists()]
    if clashes:
        raise OutputError(
            "De map bevat al een sjabloon", tuple(Problem(str(p), "bestaat al; kies een lege map") for p in clashes)
        )
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, target / name)
        else:
            shutil.copy2(src, target / name)
        written.append(target / name)
    return written
