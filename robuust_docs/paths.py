"""Where inputs, templates and output live: `./data`, `./templates`, `./output` when present, else the copies
bundled with the package (so the tool works after a plain `pip install .` from any folder).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DEFAULTS = {"data": "./data", "templates": "./templates", "out": "./output"}


def bundled(name: str) -> Path:
    """The bundled `data` or `templates` folder: inside the installed package, or the repository's own."""
    installed = Path(str(resources.files("robuust_docs"))) / "_bundled" / name
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / name


def resolve(kind: str, given: Path | None) -> Path:
    """The folder to use for `kind` ('data', 'templates', 'out')."""
    if given is not None:
        return Path(given)
    local = Path(DEFAULTS[kind])
    if kind == "out" or local.is_dir():
        return local
    return bundled(kind)
