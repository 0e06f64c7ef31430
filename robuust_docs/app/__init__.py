"""App: the orchestration, reading like the table of contents of a run. `prepare` loads, checks and analyses
what every document needs; `render_library` makes one library's documents; `run_batch` runs many over any
`concurrent.futures.Executor`; `validate_all`, `init_project`, `export_templates` and `write_overview_reports`
serve the other commands.
"""

from robuust_docs.app.batch import BatchResult, run_batch
from robuust_docs.app.document import Job, Outcome, file_names, jobs_for, render_library, report_for
from robuust_docs.app.export import export_templates
from robuust_docs.app.overview import write_overview_files, write_overview_reports
from robuust_docs.app.prepare import FORMATS, Prepared, Settings, output_folder, prepare
from robuust_docs.app.validate import validate_all

__all__ = [
    "FORMATS",
    "BatchResult",
    "Job",
    "Outcome",
    "Prepared",
    "Settings",
    "export_templates",
    "file_names",
    "init_project",
    "jobs_for",
    "output_folder",
    "prepare",
    "render_library",
    "report_for",
    "run_batch",
    "validate_all",
    "write_overview_files",
    "write_overview_reports",
]


def __getattr__(name: str):
    """`init_project` is imported on first use: its module needs openpyxl, which `generate` does not."""
    if name == "init_project":
        from robuust_docs.app.scaffold import init_project

        return init_project
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
