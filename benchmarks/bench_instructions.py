"""Instructions per library, counted by valgrind's callgrind: a figure that stays the same from run to run.

The clock on a shared machine does not: `bench_bulk.py` gave 11,0 to 13,6 s for the same 40 libraries within one
evening, while LibreOffice on the same files went from 23 to 30 s. To tell whether a change makes rendering
cheaper, count what the processor has to do instead. For each tree (this checkout, and with `--against REV` that
git revision, checked out into a temporary worktree) this runs, under callgrind, one process that prepares the
sample (input cache off), then renders Word + tagged PDF of 1 library and, in a second process, of 1 + N
libraries, as a pool worker does (`render_in_worker`); instructions per library = the difference / N, so imports,
preparation and the first library's cold caches drop out. The trees run side by side, one process per core.

Instructions are not seconds (vectorised C does more per instruction than Python, waiting on memory costs time
but no instructions); use this beside `bench_bulk.py`, not instead of it. callgrind runs Python some 50 times
slower: about five minutes with the defaults on two cores. Needs valgrind (Debian: `apt-get install valgrind`).
Run from the repository root:

    python benchmarks/bench_instructions.py [--libraries 3] [--against HEAD~5]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _render_here(tree: Path, count: int) -> None:
    """The child under callgrind: prepare the sample of `tree`, then render `count` libraries as a worker does."""
    sys.path.insert(0, str(tree))
    from robuust_docs.app import Settings, prepare
    from robuust_docs.app import document as doc
    from robuust_docs.app.batch import _start_worker

    with tempfile.TemporaryDirectory() as out:
        settings = Settings(tree / "data", tree / "templates", Path(out), formats=("docx", "pdf"), force=True)
        prepared = prepare(settings, findings=False)
        jobs = doc.jobs_for(prepared, prepared.dataset.library_ids())[:count]
        _start_worker()
        for job in jobs:
            outcome = doc.render_in_worker(job)
            assert outcome.status == "klaar", outcome.problems


def instructions(tree: Path, count: int, work: Path) -> int:
    """Instructions callgrind counts for `_render_here(tree, count)`."""
    log = work / f"callgrind-{tree.name}-{count}.log"
    command = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={work / f'callgrind-{tree.name}-{count}.out'}",
        f"--log-file={log}",
        sys.executable,
        __file__,
        "--child",
        str(tree),
        str(count),
    ]
    env = {**os.environ, "ROBUUST_DOCS_CACHE": "uit", "PYTHONPATH": str(tree)}
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    found = re.search(r"Collected : (\d+)", log.read_text())
    if not found:
        raise SystemExit(f"callgrind gave no count; see {log}")
    return int(found.group(1))


def per_library(tree: Path, libraries: int, work: Path, pool: ThreadPoolExecutor):
    """Futures of the counts for 1 and 1 + `libraries` libraries of `tree`."""
    return pool.submit(instructions, tree, 1, work), pool.submit(instructions, tree, 1 + libraries, work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--libraries", type=int, default=3, help="libraries counted after the first (default 3)")
    parser.add_argument("--against", metavar="REV", help="also count this git revision, side by side")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _render_here(Path(args.child[0]), int(args.child[1]))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        trees = {"this checkout": ROOT}
        if args.against:
            worktree = work / "against"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(worktree), args.against])
            trees[args.against] = worktree
        try:
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                counts = {name: per_library(tree, args.libraries, work, pool) for name, tree in trees.items()}
                results = {name: (one.result(), more.result()) for name, (one, more) in counts.items()}
        finally:
            if args.against:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)], check=False)
    print(f"instructions per library (Word + tagged PDF, libraries 2 to {1 + args.libraries} of the sample)")
    for name, (one, more) in results.items():
        each = (more - one) / args.libraries
        print(f"  {name:20} {each / 1e9:6.3f} billion   (the first with imports and prepare: {one / 1e9:.2f} billion)")
    if len(results) > 1:
        (_, (one, more)), (_, (one_b, more_b)) = results.items()
        ours, theirs = (more - one) / args.libraries, (more_b - one_b) / args.libraries
        print(f"  this checkout against {args.against}: {100 * (ours / theirs - 1):+.1f}%")


if __name__ == "__main__":
    main()
