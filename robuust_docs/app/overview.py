"""`write_overview_reports`: build the national or provincial overview and write it as Word and/or PDF.

Files: `OUT/landelijk-beeld.<ext>` or `OUT/provinciaal-beeld-<provincie>.<ext>`; with `anonymous` the name ends
in `-anoniem`, so a version with names is never mistaken for the shareable one. The Word template is
`templates/overzicht.docx`, checked first against the overview model; files are written atomically.
"""

from __future__ import annotations

from pathlib import Path

from robuust_docs.errors import OutputError, Problem, TemplateError
from robuust_docs.output import atomic_write, slugify
from robuust_docs.overview import Overview, build_overview
from robuust_docs.render import check_template, render_docx, render_overview_pdf

TEMPLATE = "overzicht.docx"


def write_overview_reports(
    prepared, province: str | None, formats: tuple[str, ...] = ("docx", "pdf"), anonymous: bool = False
) -> list[Path]:
    """Build the overview (all libraries, or one province) and write one file per format; returns the paths."""
    settings = prepared.settings
    template = settings.templates_dir / TEMPLATE
    if "docx" in formats:
        check_overview_template(template)
    overview = build_overview(prepared, province, anonymous, settings.today)
    stem = file_stem(overview, province, anonymous)
    files = {
        settings.out_dir / f"{stem}.{kind}": _render(kind, overview, template, prepared.theme)
        for kind in dict.fromkeys(formats)
    }
    try:
        for path, data in files.items():
            atomic_write(path, data)
    except OSError as exc:
        raise OutputError(
            "Kan niet schrijven in de uitvoermap", (Problem(str(settings.out_dir), f"{exc.strerror or exc}"),)
        ) from None
    return list(files)


def file_stem(overview: Overview, province: str | None, anonymous: bool) -> str:
    """'landelijk-beeld' or 'provinciaal-beeld-<slug of the province as spelt in the data>' (+ '-anoniem')."""
    stem = (
        "landelijk-beeld"
        if province is None
        else "provinciaal-beeld-" + slugify(overview.titel.removeprefix("Provinciaal beeld ").strip())
    )
    return f"{stem}-anoniem" if anonymous else stem


def _render(kind: str, overview: Overview, template: Path, theme) -> bytes:
    return render_docx(overview, template, theme) if kind == "docx" else render_overview_pdf(overview, theme)


def check_overview_template(path: Path) -> None:
    """Raise TemplateError when the overview template is missing, unreadable, or has a syntax error or a field
    that the overview model does not provide."""
    if not path.is_file():
        raise TemplateError(
            "Het Word-sjabloon voor het overzicht ontbreekt",
            (Problem(path.name, f"niet gevonden in {path.parent}; kopieer het uit de meegeleverde sjablonen"),),
        )
    check_template(path, Overview)
