"""Reading what users hand in, once and the same way everywhere: YAML files, text cleaned of characters no
document can hold, and digests of files (which tell a later run whether anything changed).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from robuust_docs.errors import Problem

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C version of the safe loader, when built
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Drop characters no document format can hold (control characters, lone surrogates); keep tab and newline."""
    return _UNSAFE.sub("", text)


def read_yaml(path: Path, problems: list[Problem], name: str | None = None) -> object:
    """Safe-load one YAML file; a missing or broken file becomes a Problem (named `name`) and yields None."""
    name = name or path.name
    if not path.is_file():
        problems.append(Problem(name, "bestand ontbreekt"))
        return None
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506 (a safe loader)
    except UnicodeDecodeError:
        problems.append(Problem(name, "bestand is geen UTF-8-tekst"))
    except OSError as exc:
        problems.append(Problem(name, f"kan het bestand niet lezen ({exc.strerror or exc})"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (regel {mark.line + 1}, kolom {mark.column + 1})" if mark else ""
        problems.append(Problem(name, f"geen geldige YAML{where}: {getattr(exc, 'problem', exc)}"))
    return None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_files(paths: Iterable[Path], root: Path | None = None) -> str:
    """One digest of the names and bytes of the existing files among `paths` (names relative to `root`)."""
    sha = hashlib.sha256()
    for path in paths:
        if path.is_file():
            sha.update(str(path.relative_to(root) if root else path.name).encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()


def digest_folder(folder: Path, skip_suffixes: tuple[str, ...] = ()) -> str:
    """`digest_files` over every file below `folder`, in a fixed order."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix not in skip_suffixes)
    return digest_files(files, folder)
