"""`run_batch`: many libraries over any `concurrent.futures.Executor`, with progress and per-library failures.

A failing library never stops the others (unless `fail_fast`); every outcome is collected, the manifest and
the overview workbook are written at the end. Per library only its own analysis travels to a worker, and each
worker writes its own files, so memory stays flat in the number of libraries.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from robuust_docs.app.document import Job, Outcome, jobs_for, render_library
from robuust_docs.app.prepare import Prepared
from robuust_docs.output import STATE_DIR, write_manifest, write_summary


@dataclass(frozen=True)
class BatchResult:
    outcomes: tuple[Outcome, ...]
    overview: str | None = None

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "mislukt")


def default_executor(jobs: int) -> Executor:
    return ProcessPoolExecutor(max_workers=jobs)


def run_batch(
    prepared: Prepared,
    ids: list[str],
    executor: Executor | None = None,
    jobs: int | None = None,
    fail_fast: bool = False,
    progress: Callable[[Outcome], None] | None = None,
    overview: bool = True,
) -> BatchResult:
    """Render the libraries `ids`; libraries that failed analysis are reported as failed outcomes."""
    outcomes = [_failed_before(prepared, i) for i in ids if i in prepared.analysis.failures]
    for outcome in outcomes:
        if progress:
            progress(outcome)
    work = jobs_for(prepared, ids)
    if fail_fast and outcomes:
        work = []
    outcomes += _run(work, executor, jobs, fail_fast, progress)
    order = {lib_id: n for n, lib_id in enumerate(ids)}
    outcomes.sort(key=lambda o: order.get(o.library_id, len(order)))
    out = prepared.settings.out_dir
    if (out / STATE_DIR).is_dir():
        write_manifest(out)
    path = None
    if overview and outcomes:
        path = str(write_summary(out, outcomes, prepared.content, prepared.theme))
    return BatchResult(tuple(outcomes), path)


def _failed_before(prepared: Prepared, library_id: str) -> Outcome:
    libs = prepared.dataset.libraries
    names = libs.loc[libs["id"] == library_id, "naam"]
    name = str(names.iloc[0]) if len(names) and names.iloc[0] else library_id
    return Outcome(library_id, name, "mislukt", problems=prepared.analysis.failures[library_id])


def _run(work: list[Job], executor: Executor | None, jobs: int | None, fail_fast: bool, progress) -> list[Outcome]:
    if not work:
        return []
    jobs = jobs or os.cpu_count() or 1  # no --jobs: one worker per core
    if executor is None and (jobs == 1 or len(work) == 1):
        return _run_inline(work, fail_fast, progress)
    own = executor is None
    pool = executor or default_executor(jobs)
    results: list[Outcome] = []
    try:
        futures: dict[Future, Job] = {pool.submit(render_library, job): job for job in work}
        for future in as_completed(futures):
            outcome = future.result()
            results.append(outcome)
            if progress:
                progress(outcome)
            if fail_fast and outcome.status == "mislukt":
                for other in futures:
                    other.cancel()
                break
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
    return results


def _run_inline(work: list[Job], fail_fast: bool, progress) -> list[Outcome]:
    results = []
    for job in work:
        outcome = render_library(job)
        results.append(outcome)
        if progress:
            progress(outcome)
        if fail_fast and outcome.status == "mislukt":
            break
    return results
