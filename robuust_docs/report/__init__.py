"""Report: one handreiking as a format-neutral model. `build_report` merges one library's analysis with the
content into a `Report` (frozen dataclasses, `model`) whose every text is final Dutch; `outline` declares the
document's sections, their levels and the tables' headers once, for the PDF story and the Word template builder.
"""

from robuust_docs.report.build import PROJECT, TITLE, ReportError, ReportSettings, build_report, dataset_note
from robuust_docs.report.model import DocMeta, Figuur, Kerncijfer, Punt, Report, Staaf, field_paths, texts_of
from robuust_docs.report.norms import norm_text, threshold_text, weak_text

__all__ = [
    "PROJECT",
    "TITLE",
    "DocMeta",
    "Figuur",
    "Kerncijfer",
    "Punt",
    "Report",
    "ReportError",
    "ReportSettings",
    "Staaf",
    "build_report",
    "dataset_note",
    "field_paths",
    "norm_text",
    "texts_of",
    "threshold_text",
    "weak_text",
]
