"""Render: report models into files. `charts` draws every figure once for both formats, `docx` renders the Word
file through its template, `pdf` lays out the tagged PDF; `theme` is the house style both share. Renderers read
models (`report.model`, `overview.model`, the outlines), never the builders, and never compute or format numbers.
"""

from robuust_docs.render.docx import check_template, render_docx, template_problems, template_warnings
from robuust_docs.render.theme import Theme, load_theme, register_fonts

__all__ = [
    "Theme",
    "check_template",
    "load_theme",
    "register_fonts",
    "render_docx",
    "render_overview_pdf",
    "render_pdf",
    "template_problems",
    "template_warnings",
]


def __getattr__(name: str):
    """The PDF renderers are imported on first use: reportlab's layout engine and pikepdf are a tenth of a second
    of every start, which a run that makes one document spends in the process that renders its PDF (see
    app/document.py), and `validate` and `list` not at all."""
    if name in ("render_pdf", "render_overview_pdf"):
        from robuust_docs.render import pdf

        return getattr(pdf, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
