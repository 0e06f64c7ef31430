"""`write_overview_reports`: build the national or provincial overview and write it as Word and/or PDF.

Files: `OUT/landelijk-beeld.<ext>` or `OUT/provinciaal-beeld-<provincie>.<ext>`; with `anonymous` the name ends
in `-anoniem`, so a version with names is never mistaken for the shareable one. The Word template is
`templates/overzicht.docx`, checked first against the overview model. The output folder is checked and locked
first (`output_folder`), and the files are written like the handreikingen (`write_outputs`): atomically, in the
manifest, and an edited `landelijk-beeld.docx` is kept with the new version beside it, unless `force`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from robuust_docs.app.prepare import output_folder
from robuust_docs.errors import Problem, TemplateError
from robuust_docs.output import Written, slugify, write_manifest, write_outputs
from robuust_docs.render import check_template, render_docx

if TYPE_CHECKING:
    from robuust_docs.overview import Overview

# The overview's builder, model and PDF layout are imported where they are used: `generate` needs none of them
# (a twentieth of a second at every start).

TEMPLATE = "overzicht.docx"


def write_overview_reports(
    prepared, province: str | None, formats: tuple[str, ...] = ("docx", "pdf"), anonymous: bool = False
) -> list[Path]:
    """Build the overview (all libraries, or one province) and write one file per format; returns the paths
    (beside an edited file: the new version's path)."""
    return [w.path for w in write_overview_files(prepared, province, formats, anonymous)]


def write_overview_files(
    prepared, province: str | None, formats: tuple[str, ...] = ("docx", "pdf"), anonymous: bool = False
) -> list[Written]:
    """`write_overview_reports`, returning what was written (`Written.kept`, `Written.note` for a kept edit)."""
    settings = prepared.settings
    template = settings.templates_dir / TEMPLATE
    if "docx" in formats:
        check_overview_template(template)
    from robuust_docs.overview import build_overview

    with output_folder(settings.out_dir):
        overview = build_overview(prepared, province, anonymous, settings.today)
        stem = file_stem(overview, province, anonymous)
        files = {f"{stem}.{kind}": _render(kind, overview, template, prepared.theme) for kind in dict.fromkeys(formats)}
        document = "landelijk beeld" if province is None else "provinciaal beeld"
        written = write_outputs(
            settings.out_dir, f"_{stem}", None, files, dict(prepared.hashes), settings.force, document
        )
        write_manifest(settings.out_dir)
    return written


def file_stem(overview: Overview, province: str | None, anonymous: bool) -> str:
    """'landelijk-beeld' or 'provinciaal-beeld-<slug of the province as spelt in the data>' (+ '-anoniem')."""
    stem = (
        "landelijk-beeld"
        if province is None
        else "provinciaal-beeld-" + slugify(overview.titel.removeprefix("Provinciaal beeld ").strip())
    )
    return f"{stem}-anoniem" if anonymous else stem


def _render(kind: str, overview: Overview, template: Path, theme) -> bytes:
    if kind == "docx":
        return render_docx(overview, template, theme)
    from robuust_docs.render.pdf import render_overview_pdf

    return render_overview_pdf(overview, theme)


def check_overview_template(path: Path) -> None:
    """Raise TemplateError when the overview template is missing, unreadable, or has a syntax error or a field
    that the overview model does not provide."""
    if not path.is_file():
        raise TemplateError(
            "Het Word-sjabloon voor het overzicht ontbreekt",
            (Problem(path.name, f"niet gevonden in {path.parent}; kopieer het uit de meegeleverde sjablonen"),),
        )
    from robuust_docs.overview import Overview

    check_template(path, Overview)
