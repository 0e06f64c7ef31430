"""`render_library`: one library's documents, built, rendered and written; a top-level function on plain
values (`Job`), so any `concurrent.futures.Executor` can run it. Every problem the user can fix becomes a failed
`Outcome`, never an exception.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from robuust_docs import fmt
from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.app.prepare import TEMPLATE_NAME, Prepared, with_findings
from robuust_docs.content import Content, use_kept_code
from robuust_docs.errors import Problem, RobuustError
from robuust_docs.findings import FindingError, Findings
from robuust_docs.output import WriteError, document_slug, forget_inherited_locks, unchanged, write_outputs
from robuust_docs.render import Theme, load_theme, register_fonts, render_docx
from robuust_docs.render.docx import warm_template
from robuust_docs.report import ReportError, ReportSettings, build_report
from robuust_docs.report.model import Report
from robuust_docs.status import Status


@dataclass(frozen=True)
class Job:
    """Everything one library's documents need, as plain picklable values."""

    library: LibraryAnalysis
    content: Content
    theme: Theme
    template: Path
    out_dir: Path
    formats: tuple[str, ...]
    force: bool
    report_settings: ReportSettings
    hashes: dict[str, str]
    findings: Findings | None  # None: derived by `render_library`, in the worker (see `prepare`)
    focus: str | None = None  # a municipality code: that municipality's own guide
    per_municipality: bool = False  # guides per municipality were asked for (a library of one keeps its own)
    split_formats: bool = False  # render the PDF in a forked process beside the Word file (see `_render_all`)


@dataclass(frozen=True)
class Outcome:
    library_id: str
    name: str
    status: str  # 'klaar', 'overgeslagen', 'mislukt'
    files: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    category: str = ""
    modules: tuple[tuple[str, Status], ...] = ()  # (module name, status)
    key_figures: tuple[tuple[str, str], ...] = ()
    municipality: str = ""  # the municipality of a guide per municipality, '' for the library's guide


def jobs_for(prepared: Prepared, ids: list[str], per_municipality: bool = False) -> list[Job]:
    """One job per library; with `per_municipality`, one per municipality of every library that serves several
    (a library of one municipality keeps its single guide)."""
    s = prepared.settings
    jobs = []
    for i in ids:
        if i not in prepared.analysis.libraries:
            continue
        lib = prepared.analysis.libraries[i]
        job = Job(
            lib,
            prepared.content,
            prepared.theme,
            s.template,
            s.out_dir,
            s.formats,
            s.force,
            prepared.report_settings,
            prepared.hashes,
            prepared.findings.get(i),
            per_municipality=per_municipality,
        )
        if per_municipality and len(lib.municipalities) > 1:
            jobs += [replace(job, focus=m.code) for m in lib.municipalities]
        else:
            jobs.append(job)
    return jobs


def report_for(prepared: Prepared, library_id: str, focus: str | None = None):
    """The report model of one library (for `focus`, one of its municipalities), from a prepared run."""
    lib, found = with_findings(prepared.analysis.libraries[library_id], prepared.content, prepared.findings)
    return build_report(lib, prepared.content, found, prepared.report_settings, focus)


def file_names(library_id: str, formats: tuple[str, ...], municipality: str | None = None) -> dict[str, str]:
    """'handreiking-bib-heidebos.pdf', or for one of its municipalities 'handreiking-bib-heidebos-sprengeloo.pdf'."""
    slug = document_slug(library_id, municipality)
    return {kind: f"handreiking-{slug}.{kind}" for kind in formats}


def render_library(job: Job) -> Outcome:
    """Build, render and write one library's documents; every user-fixable problem becomes a failed Outcome."""
    use_kept_code(job.content.digest)  # (once per process: a worker's first library takes what a run kept)
    if job.findings is None:  # derived here, in the worker, so that a run of many libraries derives them in parallel
        try:
            lib, found = with_findings(job.library, job.content, {})
        except FindingError as exc:
            lib = job.library
            muni = next((m.name for m in lib.municipalities if m.code == job.focus), "")
            problems = (Problem("inhoud", str(exc), library=lib.id),)
            return Outcome(lib.id, lib.name, "mislukt", problems=problems, municipality=muni)
        job = replace(job, library=lib, findings=found)
    lib = job.library
    name = str(lib.rows.record["naam"])
    muni = next((m.name for m in lib.municipalities if m.code == job.focus), None)
    summary = {**_summary_fields(lib, job.content), "municipality": muni or ""}
    single = (
        ("werkt voor één gemeente, dus één handreiking voor de hele bibliotheek",)
        if job.per_municipality and len(lib.municipalities) == 1
        else ()
    )
    try:
        report = build_report(lib, job.content, job.findings, job.report_settings, job.focus)
        names = file_names(lib.id, job.formats, muni)
        inputs = _inputs_hash(report, job)
        slug = document_slug(lib.id, muni)
        if not job.force and unchanged(job.out_dir, slug, list(names.values()), inputs):
            notes = ("invoer ongewijzigd", *single)
            return Outcome(lib.id, name, "overgeslagen", tuple(names.values()), notes, **summary)
        files = {names[kind]: data for kind, data in _render_all(report, job).items()}
        meta = {**job.hashes, "invoer": inputs}
        written = write_outputs(job.out_dir, slug, lib.id, files, meta, job.force, municipality=muni)
    except RobuustError as exc:
        if isinstance(exc, WriteError) and exc.fatal:
            raise  # a full disk or read-only folder fails every library: the batch stops
        return Outcome(
            lib.id, name, "mislukt", problems=exc.problems or (Problem("", exc.message, library=lib.id),), **summary
        )
    except ReportError as exc:
        return Outcome(lib.id, name, "mislukt", problems=(Problem("inhoud", str(exc), library=lib.id),), **summary)
    notes = (*(w.note for w in written if w.kept is not None), *single)
    return Outcome(lib.id, name, "klaar", tuple(w.path.name for w in written), notes, **summary)


def _render(kind: str, report, job: Job) -> bytes:
    return render_docx(report, job.template, job.theme) if kind == "docx" else render_pdf(report, job.theme)


def render_pdf(report, theme: Theme) -> bytes:
    """`render.pdf.render_pdf`, imported on first use: in the process that makes the PDF (see `format_helper`)."""
    from robuust_docs.render.pdf import render_pdf as render

    return render(report, theme)


def _render_all(report, job: Job) -> dict[str, bytes]:
    """Every format of `job`; with `split_formats` (one document on a machine with cores to spare) the PDF is
    rendered in a forked copy of this process while this one renders the Word file: a fork starts at once, with
    everything imported and loaded, where a new worker would first import the renderer (a second). The copy is
    the one `format_helper` started, if it did, else one forked now. Without fork (Windows, macOS) or when the
    copy is lost, one after the other."""
    context = fork_context()
    if not (job.split_formats and len(job.formats) > 1 and context is not None):
        return {kind: _render(kind, report, job) for kind in job.formats}
    first, *others = job.formats
    try:
        with ExitStack() as stack:
            pool = _helper[0]
            if pool is None:
                register_fonts(job.theme)  # (both renderers need them: loaded once, before the fork)
                pool = stack.enter_context(ProcessPoolExecutor(1, mp_context=context))
            later = {kind: pool.submit(_render_forked, kind, report, job) for kind in others}
            done = {first: _render(first, report, job)}
            return done | {kind: future.result() for kind, future in later.items()}
    except BrokenProcessPool:  # the copy died (killed, out of memory): render here instead
        return {kind: _render(kind, report, job) for kind in job.formats}


# One document from a cold start (a POI advisor's `generate <id>`): its Word file and PDF are made side by side,
# the PDF in a forked process. Forked only when the report is built, that process would first import the PDF
# renderer (pikepdf, the tagging, the layout: 0,1 s) and load the fonts (0,08 s), while this one renders the Word
# file. `format_helper` forks it before the input is read instead, so that it does both while this process reads
# the input, analyses and builds the report; this process never imports the PDF renderer at all.
_helper: list[ProcessPoolExecutor | None] = [None]


@contextmanager
def format_helper(theme: Path) -> Iterator[_Helper | None]:
    """For the block: a forked process, started now, that imports the PDF renderer and registers the fonts of
    the theme in the folder `theme` (a theme that cannot be read is left to `prepare` to report), and that
    `_render_all` then uses for the PDF. The block gets it as `prepare`'s helper (`_Helper`), or None without
    fork."""
    context = fork_context()
    if context is None or _helper[0] is not None:
        yield None
        return
    pool = ProcessPoolExecutor(1, mp_context=context, initializer=_start_helper, initargs=(theme,))
    pool.submit(os.getpid)  # a forking pool starts its process with its first task: now
    _helper[0] = pool
    try:
        yield _Helper(pool, theme)
    finally:
        _helper[0] = None
        pool.shutdown(wait=True, cancel_futures=True)


class _Helper(Executor):
    """The PDF's process as `prepare`'s helper: it does the work it is given (reading the content), and after the
    first piece of it compiles the Word template (`warm_template`), which keeps the code in the user's cache,
    where the process that renders the Word file finds it instead of compiling it (0,05 s of a cold start, issue
    18). Queued behind that work, the compiling never delays what the run waits for."""

    def __init__(self, pool: ProcessPoolExecutor, templates: Path) -> None:
        self.pool = pool
        self.templates = templates
        self.warming = False

    def submit(self, fn, /, *args, **kwargs):
        future = self.pool.submit(fn, *args, **kwargs)
        if not self.warming:
            self.warming = True
            self.pool.submit(warm_template, self.templates / TEMPLATE_NAME, Report)
        return future

    def shutdown(self, wait=True, *, cancel_futures=False):
        self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def _start_helper(theme: Path) -> None:
    forget_inherited_locks()
    import robuust_docs.render.pdf  # noqa: F401 (the point: imported here, not in the process that forked)

    try:
        register_fonts(load_theme(theme))
    except RobuustError:
        pass  # prepare, in the process that forked, reports it; this process then renders nothing


# Rendering makes and drops millions of objects; Python's cycle collector, run after every 700 new ones and now and
# then over every object the process holds, took a tenth of a library's time (31 ms: 25 in full collections over
# the loaded input and caches). While rendering, what exists already (modules, the input) is frozen out of its
# scans and it runs after 20.000 new objects: 4 ms. That leaves the few cycles a PDF makes (reportlab's text
# objects, ~1.100 objects per library) for full collections that then come rarely, so a pool worker collects once
# per `COLLECT_EVERY` libraries itself: its memory stays the same for 40 or 500 libraries (bench_bulk measures it;
# 1,44× without this collection).
GC_THRESHOLD = (20_000, 20, 20)


def tune_gc() -> None:
    """Set the cycle collector for rendering, for the rest of this process (a pool worker's)."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


COLLECT_EVERY = 16  # libraries
_rendered = [0]


def render_in_worker(job: Job) -> Outcome:
    """`render_library` where `tune_gc` set the collector (a pool worker, an inline run): a full collection after
    every `COLLECT_EVERY` libraries, so that the garbage the tuned collector leaves for later is collected per few
    libraries, not per few hundred: a worker's memory stays the same for 40 or 500 libraries."""
    try:
        return render_library(job)
    finally:
        _rendered[0] += 1
        if _rendered[0] % COLLECT_EVERY == 0:
            gc.collect()


@contextmanager
def gc_tuned_for_rendering() -> Iterator[None]:
    """`tune_gc` for the time of the block, then the collector as it was."""
    before = gc.get_threshold()
    tune_gc()
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def fork_context():
    """The multiprocessing context that forks, where forking is safe and usual (Linux); else None."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _render_forked(kind: str, report, job: Job) -> bytes:  # (sent to the fork by name; `_render` may be wrapped)
    return _render(kind, report, job)


def _inputs_hash(report, job: Job) -> str:
    """What the documents are made of: the report (without its date), template, theme and version.

    The report model is frozen dataclasses of text, numbers, enums and tuples, built in a fixed order, so its
    repr is a complete and stable description (no field is left out of it, no object address in it); it costs a
    seventh of `asdict` and JSON."""
    undated = replace(report, datum="")
    sha = hashlib.sha256(repr(undated).encode("utf-8"))
    sha.update(job.hashes["sjabloon"].encode())
    sha.update(job.hashes["versie"].encode())
    sha.update(",".join(job.formats).encode())
    return sha.hexdigest()


def _summary_fields(lib: LibraryAnalysis, content: Content) -> dict:
    names = {m.id: m.naam for m in content.modules}
    modules = tuple((names[m.module], m.status) for m in lib.modules)
    key = [
        (
            m.indicatoren[0].naam,
            fmt.by_unit(lib.values.get(m.indicatoren[0].id), m.indicatoren[0].eenheid, m.indicatoren[0].decimalen),
        )
        for m in content.modules
        if m.indicatoren
    ]
    return {"category": lib.category.naam, "modules": modules, "key_figures": tuple(key)}
