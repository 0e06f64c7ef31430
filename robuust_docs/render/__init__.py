"""Render: report models into files. `charts` draws every figure once for both formats, `docx` renders the Word
file through its template, `pdf` lays out the tagged PDF; `theme` is the house style both share. Renderers read
models (`report.model`, `overview.model`, the outlines), never the builders, and never compute or format numbers.
"""

from robuust_docs.render.docx import check_template, render_docx, template_problems, template_warnings
from robuust_docs.render.pdf import render_overview_pdf, render_pdf
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
