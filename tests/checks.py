"""Checks a person would make on generated files, with the real clients: LibreOffice, python-docx, qpdf,
pdffonts, pdfinfo, pdftotext, pdfua, openxml-audit, outloud. Each returns what it found so tests can assert on it;
a missing tool skips the test, except in CI (environment variable `CI` set), where it fails it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document


def need(tool: str) -> str:
    """The path of an external checker; a missing one skips the test locally and fails it in CI (`CI` set)."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: in CI a missing checker is a failure")
        pytest.skip(message)
    return path


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=180)


def qpdf_ok(pdf: Path) -> bool:
    result = run(need("qpdf"), "--check", str(pdf))
    return result.returncode == 0 and "No syntax or stream encoding errors" in result.stdout


def pdf_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font of the PDF."""
    out = run(need("pdffonts"), str(pdf)).stdout.splitlines()[2:]
    fonts = []
    for line in out:
        parts = line.split()
        # name type... emb sub uni objectID gen: 'emb' is the 5th field from the end
        fonts.append((parts[0], parts[-5] == "yes"))
    return fonts


def pdf_info(pdf: Path) -> dict[str, str]:
    out = run(need("pdfinfo"), str(pdf)).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_text(pdf: Path, furniture: tuple[str, ...] = ()) -> str:
    """Text in content order (pdftotext -raw), without the lines of page furniture given."""
    text = run(need("pdftotext"), "-raw", str(pdf), "-").stdout
    if furniture:
        text = "\n".join(
            line for line in text.splitlines() if not any(re.fullmatch(f, line.strip()) for f in furniture)
        )
    return text


def docx_text(path: Path) -> str:
    """All text of a Word file: paragraphs, tables, headers and footers (python-docx)."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def libreoffice_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert with LibreOffice headless; it exits 0 even when it fails, so check the file."""
    soffice = need("soffice")
    profile = out_dir / "lo-profile"
    run(
        soffice,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        str(docx),
    )
    result = out_dir / (docx.stem + ".pdf")
    assert result.is_file() and result.stat().st_size > 1000, f"LibreOffice could not convert {docx.name}"
    return result


def squash(text: str) -> str:
    """Whitespace- and hyphenation-insensitive form for comparing texts across layouts."""
    return re.sub(r"\s+", "", text.replace("\u00ad", "")).lower()
