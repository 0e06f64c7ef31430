"""`run_batch`: many libraries over any `concurrent.futures.Executor`, with progress and per-library failures.

A failing library never stops the others (unless `fail_fast`); every outcome is collected, the overview
workbook and the manifest are written at the end. Per library only its own analysis travels to a worker, and
each worker writes its own files, so memory stays flat in the number of libraries.

The run holds the output folder (`output_folder`: checked, locked, tidied) from start to end. A write error
that would fail for every library (full disk, read-only folder) stops the run at once with one message; the
files already written are complete, and the manifest is brought up to date when the disk still allows it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import CancelledError, Executor, Future, ProcessPoolExecutor, as_completed, wait
from dataclasses import dataclass, replace

from robuust_docs.app.document import (
    Job,
    Outcome,
    fork_context,
    gc_tuned_for_rendering,
    jobs_for,
    render_in_worker,
    tune_gc,
)
from robuust_docs.app.prepare import Prepared, output_folder
from robuust_docs.errors import Problem
from robuust_docs.output import WriteError, forget_inherited_locks, write_manifest, write_summary


@dataclass(frozen=True)
class BatchResult:
    outcomes: tuple[Outcome, ...]
    overview: str | None = None
    notes: tuple[str, ...] = ()  # about the run's own files, e.g. an edited overzicht.xlsx that was kept
    problems: tuple[Problem, ...] = ()  # run files that could not be written (the libraries' files are fine)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "mislukt")


# Workers are forked before the run reads its input (`generate` makes the pool first, and `default_executor`
# starts every worker at once): each has the renderer imported, so it needs no second to import it, but not the
# dataset and analysis the main process reads next, which a worker forked later would inherit and keep (190 MB for
# 500 libraries), so a worker's memory does not grow with the number of libraries. Where fork is not the way to
# start processes (Windows; macOS, where it is unsafe), the workers start as the platform starts them and import
# the renderer themselves.


def default_executor(jobs: int) -> Executor:
    """A process pool of `jobs` workers, started now. A forked worker must not keep the output folder's lock when
    the run is killed (`forget_inherited_locks`); each imports the PDF renderer, which the main process does not
    need, and sets the cycle collector for rendering (`tune_gc`)."""
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=fork_context(), initializer=_start_worker)
    pool.submit(os.getpid)  # a forking pool starts all its workers with its first task: now, before the input
    return pool


def _start_worker() -> None:
    forget_inherited_locks()
    import robuust_docs.render.pdf  # noqa: F401 (the main process leaves it to the workers: see `format_helper`)

    tune_gc()  # (after the import: what the renderer holds is frozen out of the collector's scans)


def run_batch(
    prepared: Prepared,
    ids: list[str],
    executor: Executor | None = None,
    jobs: int | None = None,
    fail_fast: bool = False,
    progress: Callable[[Outcome], None] | None = None,
    overview: bool = True,
    per_municipality: bool = False,
) -> BatchResult:
    """Render the libraries `ids` (with `per_municipality`, one guide per municipality of every library that
    serves several); libraries that failed analysis are reported as failed outcomes.

    Raises a fatal WriteError (full disk, read-only folder, not a folder) or a LockError (another run in the same
    folder) in Dutch; both before rendering when the folder is already unusable."""
    out = prepared.settings.out_dir
    with output_folder(out):
        outcomes = [_failed_before(prepared, i) for i in ids if i in prepared.analysis.failures]
        for outcome in outcomes:
            if progress:
                progress(outcome)
        work = jobs_for(prepared, ids, per_municipality)
        if fail_fast and outcomes:
            work = []
        done: list[Outcome] = []
        try:
            _run(work, executor, jobs, fail_fast, progress, done)
        except WriteError as exc:
            if not exc.fatal:
                raise
            _manifest_if_possible(out)
            raise _stopped(exc, done, len(work)) from None
        outcomes += done
        order = {lib_id: n for n, lib_id in enumerate(ids)}
        outcomes.sort(key=lambda o: (order.get(o.library_id, len(order)), o.municipality))
        path, notes, problems = None, (), ()
        if overview and outcomes:
            try:
                written = write_summary(
                    out, outcomes, prepared.content, prepared.theme, prepared.hashes, prepared.settings.force
                )
            except WriteError as exc:
                if exc.fatal:
                    _manifest_if_possible(out)
                    raise
                problems = exc.problems
            else:
                path = str(written.path)
                notes = (written.note,) if written.kept else ()
        write_manifest(out)
    return BatchResult(tuple(outcomes), path, notes, problems)


def _manifest_if_possible(out) -> None:
    """After a fatal write error: bring the manifest up to date if the disk still takes it (it is rebuilt from
    the per-document records on the next run anyway)."""
    try:
        write_manifest(out)
    except WriteError:
        pass


def _stopped(exc: WriteError, done: list[Outcome], total: int) -> WriteError:
    finished = sum(1 for o in done if o.status in ("klaar", "overgeslagen"))
    return WriteError(
        f"{exc.headline}. De run is gestopt: {finished} van {total} bibliotheken waren klaar, hun bestanden zijn "
        "compleet",
        exc.problems,
        fatal=True,
    )


def _failed_before(prepared: Prepared, library_id: str) -> Outcome:
    libs = prepared.dataset.libraries
    names = libs.loc[libs["id"] == library_id, "naam"]
    name = str(names.iloc[0]) if len(names) and names.iloc[0] else library_id
    return Outcome(library_id, name, "mislukt", problems=prepared.analysis.failures[library_id])


def _run(work: list[Job], executor: Executor | None, jobs: int | None, fail_fast: bool, progress, results) -> None:
    """Render `work`, appending each Outcome to `results`; a fatal WriteError cancels what has not started."""
    if not work:
        return
    cores = jobs or os.cpu_count() or 1  # no --jobs: one worker per core
    if executor is None and (cores == 1 or len(work) == 1):
        if len(work) == 1 and cores > 1:  # one document: its Word file and PDF side by side
            work = [replace(work[0], split_formats=True)]
        _run_inline(work, fail_fast, progress, results)
        return
    jobs = cores
    own = executor is None
    pool = executor or default_executor(jobs)
    futures: dict[Future, Job] = {}
    try:
        futures = {pool.submit(render_in_worker, job): job for job in work}
        for future in as_completed(futures):
            outcome = _outcome(future, futures[future])
            results.append(outcome)
            if progress:
                progress(outcome)
            if fail_fast and outcome.status == "mislukt":
                break
    finally:
        for other in futures:
            other.cancel()
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
        else:  # a caller's executor: let what already runs finish before the folder's lock is released
            wait(futures)


def _outcome(future: Future, job: Job) -> Outcome:
    """The job's Outcome; a job that died on the way (a worker process or cluster node lost, an error that is not
    one of ours) fails alone, so the others finish. A fatal WriteError still stops the run."""
    try:
        return future.result()
    except (WriteError, CancelledError):
        raise
    except Exception as exc:  # BrokenProcessPool, distributed's KilledWorker, a bug in one library's render
        lib = job.library
        muni = next((m.name for m in lib.municipalities if m.code == job.focus), "")
        reason = f"de opdracht is onderweg mislukt ({type(exc).__name__}: {str(exc)[:300]})"
        problems = (Problem("", reason, library=lib.id),)
        return Outcome(lib.id, str(lib.rows.record["naam"]), "mislukt", problems=problems, municipality=muni)


def _run_inline(work: list[Job], fail_fast: bool, progress, results) -> None:
    with gc_tuned_for_rendering():
        for job in work:
            outcome = render_in_worker(job)  # (collects every few libraries, as a pool worker does)
            results.append(outcome)
            if progress:
                progress(outcome)
            if fail_fast and outcome.status == "mislukt":
                break
