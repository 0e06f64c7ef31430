"""`prepare`: everything every document of a run depends on, loaded, checked and analysed once.

Inputs, content, template and theme are read and checked, and the whole dataset analysed (peer medians need
every library); a problem there stops the run before any file is written. `output_folder` is the other half of
the pre-flight: the output folder is checked (a folder, writable, not full), locked against a second run, and
tidied (temporary files of a killed run removed, lost state recovered from the manifest) before anything is
rendered.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from robuust_docs import __version__
from robuust_docs.analysis import Analysis, LibraryAnalysis, analyse_dataset
from robuust_docs.app.cache import input_keys, load, store
from robuust_docs.content import Content, load_content
from robuust_docs.errors import DataError, Problem, RobuustError, raise_if
from robuust_docs.files import digest_folder
from robuust_docs.findings import FindingError, Findings, derive_findings
from robuust_docs.inputs import Dataset, load_dataset, resolve_references
from robuust_docs.output import STATE_DIR, check_folder, folder_lock, recover_state, tidy_folder
from robuust_docs.render import Theme, check_template, load_theme
from robuust_docs.report import ReportSettings, dataset_note

FORMATS = ("docx", "pdf")
TEMPLATE_NAME = "handreiking.docx"  # the Word template of a handreiking, in the templates folder


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    templates_dir: Path
    out_dir: Path
    formats: tuple[str, ...] = FORMATS
    force: bool = False
    today: _dt.date = field(default_factory=_dt.date.today)
    year: int | None = None  # the report year; None: the latest year in the input

    @property
    def content_dir(self) -> Path:
        return self.data_dir / "content"

    @property
    def template(self) -> Path:
        return self.templates_dir / TEMPLATE_NAME


@dataclass(frozen=True)
class Prepared:
    settings: Settings
    dataset: Dataset
    content: Content
    theme: Theme
    analysis: Analysis
    report_settings: ReportSettings
    hashes: dict[str, str]
    findings: dict[str, Findings] = field(default_factory=dict)  # library id → its findings (see `prepare`)


def prepare(
    settings: Settings,
    libraries: Collection[str] | None = None,
    findings: bool = True,
    cached: bool = True,
    helper: Executor | None = None,
) -> Prepared:
    """Load, check and analyse; raises a RobuustError for any problem that affects every library.

    `libraries` (ids as a user may spell them; None: all, as the overview and `list` need) are the libraries
    whose documents may be made: analysed in full, the others only for the peer medians (see `analyse_dataset`).
    With `findings`, their findings are derived here; without (as `generate` does) each worker derives its own
    library's with `with_findings`, in parallel. A library's findings depend on its own analysis alone, so its
    documents are the same either way. With `cached`, the loaded, checked and analysed input comes from the input
    cache when an earlier run stored it for the same bytes (see `cache.py`), and is stored there otherwise. With
    `helper` (a process of this machine that waits for the input, as a pool worker or the PDF's process does),
    the content is read and checked there while this process reads the rest (`_load_and_analyse`)."""
    keys = input_keys(settings.data_dir, settings.templates_dir, settings.year, libraries) if cached else []
    entry = next((hit for key in keys if (hit := load(key)) is not None), None)
    if entry is None:
        entry = _load_and_analyse(settings, libraries, helper)
        if keys:
            store(keys[-1], entry)  # all libraries, or just those asked for
    dataset, content, theme, analysis, hashes = entry
    analysis, derived = _with_findings(analysis, content) if findings else (analysis, {})
    report_settings = ReportSettings(settings.today, dataset_note(dataset.sample, dataset.sources), __version__)
    return Prepared(settings, dataset, content, theme, analysis, report_settings, hashes, derived)


def _load_and_analyse(settings: Settings, libraries: Collection[str] | None, helper: Executor | None = None) -> tuple:
    """Read and check content, theme, template and data, then analyse. With `helper`, the content (read, every text
    compiled and checked: a fifth of a second on content not seen before) is read in the helper's process while
    this one reads the theme, the template and the data (issue 18); a problem is reported as without it, the
    content's first."""
    later = _submit(helper, load_content, settings.content_dir)
    if later is None:
        content = load_content(settings.content_dir)
    theme, theme_error = _attempt(load_theme, settings.templates_dir)
    _, template_error = _attempt(check_template, settings.template)
    raw, data_error = _attempt(load_dataset, settings.data_dir, settings.year)
    if later is not None:
        content = _content_from(later, settings.content_dir)
    for error in (theme_error, template_error, data_error):
        if error is not None:
            raise error
    dataset = resolve_references(raw, content)
    raise_if(list(dataset.global_problems), DataError, f"De invoer in {settings.data_dir} bevat fouten")
    wanted = None if libraries is None else {dataset.find_library(i) or i for i in libraries}
    analysis = analyse_dataset(dataset, content, wanted)
    hashes = {
        "data": f"{dataset.digest}:{dataset.year}",  # another report year is other data
        "inhoud": content.digest,
        "sjabloon": digest_folder(settings.templates_dir, skip_suffixes=(".py",)),
        "versie": __version__,
    }
    return dataset, content, theme, analysis, hashes


def _submit(helper: Executor | None, work, *args) -> Future | None:
    """`work(*args)` in the helper's process; None without a helper, or one that takes no more work."""
    if helper is None:
        return None
    try:
        return helper.submit(work, *args)
    except RuntimeError:  # shut down, or its process lost (BrokenProcessPool is one)
        return None


def _content_from(later: Future, content_dir: Path) -> Content:
    """The content the helper read; its problems raised as they were made there. A helper lost on the way (its
    process killed) leaves the work to this process."""
    try:
        return later.result()
    except RobuustError:
        raise
    except Exception:  # BrokenProcessPool, a cluster's lost worker: read it here
        return load_content(content_dir)


def _attempt(work, *args) -> tuple:
    """(result, None), or (None, the RobuustError it raised): to report the content's problems first."""
    try:
        return work(*args), None
    except RobuustError as exc:
        return None, exc


def _with_findings(analysis: Analysis, content: Content) -> tuple[Analysis, dict[str, Findings]]:
    """Every library's findings, and the analysis with the building blocks after their knock-outs, so that every
    document and the overview show the same statuses. A library whose finding text cannot be filled fails alone."""
    findings: dict[str, Findings] = {}
    libraries = dict(analysis.libraries)
    failures = dict(analysis.failures)
    for library_id, lib in analysis.libraries.items():
        try:
            libraries[library_id], findings[library_id] = with_findings(lib, content, {})
        except FindingError as exc:
            failures[library_id] = (Problem("inhoud", str(exc), library=library_id),)
            del libraries[library_id]
    return replace(analysis, libraries=libraries, failures=failures), findings


def with_findings(
    lib: LibraryAnalysis, content: Content, findings: dict[str, Findings]
) -> tuple[LibraryAnalysis, Findings]:
    """The library with its building blocks after the knock-outs, and its findings: from `findings` when prepare
    derived them, else derived now (raises FindingError when a finding's text cannot be filled)."""
    if lib.id in findings:
        return lib, findings[lib.id]
    found = derive_findings(lib, content)
    return replace(lib, modules=found.modules), found


@contextmanager
def output_folder(out: Path) -> Iterator[Path]:
    """Check, lock and tidy the output folder for one run, and hold the lock until the block ends.

    Raises a fatal WriteError when `out` is not a folder, is read-only or full, and a LockError when another run
    holds the folder; both before anything is rendered."""
    check_folder(out)
    with folder_lock(out, STATE_DIR):
        tidy_folder(out)
        recover_state(out)
        yield out
