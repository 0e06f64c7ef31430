"""Bulk production, measured side by side in one run.

(a) robuust-docs over the sample data (40 libraries): Word + tagged PDF, as `generate --all` does (the pool,
    prepare, then `run_batch`), the first time on this input (the input cache empty) and again (what the first run
    stored in the input cache is used: how a second run of the day, or one after a template change, goes), and PDF
    only;
(b) the alternative a user would pick for the PDFs: LibreOffice headless converting the same Word files
    (`soffice --headless --convert-to pdf`);
(c) one library from a cold start: `python -m robuust_docs generate <id>` in a new interpreter, imports included,
    with the input cache empty and with it filled;
(d) the sample replicated and perturbed to N libraries (default 500), input cache empty: libraries per second and
    the peak memory of the largest worker, against the 40-library run (memory per worker must stay flat).

Every robuust-docs run is its own child process, so the peak memory of its workers is its own; the children's
bytecode is compiled once before the first run, as `pip install` leaves an installed copy. Prints the
figures, the ratios and the targets (issue 18). Timings are noisy on a shared machine: look at `uptime` first.
Run from the repository root:

    python benchmarks/bench_bulk.py [--jobs 2] [--replicate 500]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
COLD_LIBRARY = "bib-veenhoven"


def run_generate(data: Path, out: Path, jobs: int, cache: Path, formats=("docx", "pdf")) -> dict:
    """One `generate --all` in a child process with the input cache in `cache`: seconds (prepare included),
    libraries done, seconds in prepare, and the peak memory (MB) of its largest worker."""
    command = [sys.executable, __file__, "--run", str(data), str(out), "--jobs", str(jobs), "--formats", *formats]
    result = subprocess.run(command, capture_output=True, text=True, check=True, env=_env(cache))
    return json.loads(result.stdout.strip().splitlines()[-1])


def _run_here(data: Path, out: Path, jobs: int, formats: tuple[str, ...]) -> None:
    """The child of `run_generate`: the same calls as `generate --all`, then the figures as one JSON line."""
    sys.path.insert(0, str(ROOT))
    from robuust_docs.app import Settings, prepare, run_batch
    from robuust_docs.app.batch import default_executor

    start = time.perf_counter()
    pool = default_executor(jobs)  # as generate --all: the workers first, forked before the input is read
    settings = Settings(data, ROOT / "templates", out, formats=formats, force=True)
    # as generate --all: a worker reads the content meanwhile; the workers derive the findings
    prepared = prepare(settings, findings=False, helper=pool)
    prepared_at = time.perf_counter()
    result = run_batch(prepared, prepared.dataset.library_ids(), executor=pool, overview=True)
    seconds = time.perf_counter() - start
    worker_mb = max(_peak_mb(pid) for pid in pool._processes)  # before shutdown: the workers still exist
    pool.shutdown()
    assert not result.failed, [(o.library_id, o.problems[:2]) for o in result.failed[:3]]
    print(
        json.dumps(
            {"seconds": seconds, "done": result.count("klaar"), "prepare": prepared_at - start, "worker_mb": worker_mb}
        )
    )


def _peak_mb(pid: int) -> float:
    """The peak resident memory (VmHWM) of a running process, in MB (Linux); the workers are the fork server's
    children, not ours, so getrusage(RUSAGE_CHILDREN) does not see them."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    kilobytes = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    return kilobytes / 1024


def cold_start(out: Path, cache: Path) -> float:
    """Seconds for one library's Word + PDF from a new interpreter (imports, prepare, render, write)."""
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "robuust_docs",
            "generate",
            COLD_LIBRARY,
            "--out",
            str(out),
            "--force",
            "--data",
            str(ROOT / "data"),
            "--templates",
            str(ROOT / "templates"),
        ],
        capture_output=True,
        check=True,
        env=_env(cache),
    )
    return time.perf_counter() - start


def _env(cache: Path) -> dict:
    """The children's environment: the input cache in `cache`, and the package's bytecode cached (in a folder of
    the benchmark's own) as after `pip install`, also where PYTHONDONTWRITEBYTECODE is set (it is on the CI
    machine; compiling the package's 150 modules again at every start costs 0,2 s)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ROBUUST_DOCS_CACHE": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache.parent / "pycache")
    return env


def timed_libreoffice(docx_dir: Path, out: Path) -> float:
    soffice = shutil.which("soffice")
    if soffice is None:
        return float("nan")
    files = sorted(str(p) for p in docx_dir.glob("*.docx"))
    profile = out / "profile"
    # LibreOffice's first start creates its profile; do that outside the measurement, as a user's would exist
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--terminate_after_init"],
        capture_output=True,
        check=False,
        timeout=600,
    )
    start = time.perf_counter()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *files,
        ],
        capture_output=True,
        check=False,
        timeout=3600,
    )
    elapsed = time.perf_counter() - start
    made = len(list(out.glob("*.pdf")))
    assert made == len(files), f"LibreOffice converted {made} of {len(files)} files"
    return elapsed


def replicate(source: Path, target: Path, count: int) -> None:
    """Copy the sample data and repeat its libraries (new ids and codes, a few figures perturbed per round) until
    there are `count`."""
    shutil.copytree(source, target)
    tables = {
        n: pd.read_csv(source / f"{n}.csv", dtype=str, keep_default_na=False)
        for n in ("bibliotheken", "gemeenten", "vestigingen", "buurten")
    }
    # bibliotheken holds a row per library per year: count libraries, not rows, and keep all their years
    rounds = -(-count // tables["bibliotheken"]["id"].nunique())
    copies = {n: [_copy_round(n, frame, r) for r in range(rounds)] for n, frame in tables.items()}
    libs = pd.concat(copies["bibliotheken"])
    keep = set(libs["id"].drop_duplicates().head(count))
    libs = libs[libs["id"].isin(keep)]
    frames = {"bibliotheken": libs}
    for name in ("gemeenten", "vestigingen"):
        frame = pd.concat(copies[name])
        frames[name] = frame[frame["bibliotheek_id"].isin(keep)]
    hoods = pd.concat(copies["buurten"])
    frames["buurten"] = hoods[hoods["gemeente_code"].isin(set(frames["gemeenten"]["code"]))]
    for name, frame in frames.items():
        frame.to_csv(target / f"{name}.csv", index=False)


def _copy_round(name: str, frame: pd.DataFrame, r: int) -> pd.DataFrame:
    """Round `r` of a table: ids get a suffix, municipality codes move to GM1000 + 100·r + n."""

    def code(series: pd.Series) -> pd.Series:
        return "GM" + (1000 + 100 * r + series.str[2:].astype(int) % 100).astype(str)

    frame = frame.copy()
    if name == "bibliotheken":
        frame["id"] = frame["id"] + f"-{r}"
    if name in ("gemeenten", "vestigingen"):
        frame["bibliotheek_id"] = frame["bibliotheek_id"] + f"-{r}"
    if name == "gemeenten":
        frame["code"] = code(frame["code"])
    if name == "vestigingen":
        frame["id"] = frame["id"] + f"-{r}"
    if name in ("vestigingen", "buurten"):
        frame["gemeente_code"] = code(frame["gemeente_code"])
    if name == "buurten":
        frame["code"] = frame["code"] + f"{r:02d}"
    # perturbed, so that the copies are not the same documents: figures a few per cent apart per round
    factor = 1 + 0.03 * (r % 7) - 0.09
    for column in {"buurten": ("inwoners",), "bibliotheken": ("leden", "bezoeken", "uitleningen")}.get(name, ()):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        frame[column] = numbers.mul(factor if r else 1).round().astype("Int64").astype(str).replace("<NA>", "")
    return frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--replicate", type=int, default=500)
    parser.add_argument("--run", nargs=2, type=Path, metavar=("DATA", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--formats", nargs="+", default=["docx", "pdf"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        _run_here(*args.run, args.jobs, tuple(args.formats))
        return
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cache = tmp / "cache"  # the input cache of these runs, empty at first
        # the children's bytecode (their own folder, see `_env`) compiled as `pip install` leaves it, by one document
        # made with an input cache of its own, which imports what a run imports (the PDF's process included): without
        # it the first run also compiled every module it imports, 0,2 to 0,45 s, which no installed copy does
        cold_start(tmp / "bytecode", tmp / "bytecode-cache")
        first = run_generate(ROOT / "data", tmp / "first", args.jobs, cache)
        both = run_generate(ROOT / "data", tmp / "out", args.jobs, cache)
        pdf = run_generate(ROOT / "data", tmp / "pdf", args.jobs, cache, formats=("pdf",))
        lo = timed_libreoffice(tmp / "out", tmp / "lo")
        cold_empty = min(cold_start(tmp / f"cold{n}", tmp / f"empty{n}") for n in range(3))
        cold = min(cold_start(tmp / f"cold{n}", cache) for n in range(3))
        big = None
        if args.replicate:
            replicate(ROOT / "data", tmp / "big", args.replicate)
            big = run_generate(tmp / "big", tmp / "bigout", args.jobs, tmp / "bigcache")
    done = both["done"]
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average at the start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
        f"at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(f"sample data: {done} libraries, {args.jobs} workers")
    print(f"{'what':62} {'seconds':>8} {'lib/s':>7} {'ms/lib':>7}")
    _row("(a) robuust-docs generate --all, Word + tagged PDF, first run", first["seconds"], done)
    _row("    of which load, validate and analyse (once)", first["prepare"], done)
    _row("    the same again (input cache filled by the first)", both["seconds"], done)
    _row("    of which load, validate and analyse (from the cache)", both["prepare"], done)
    _row("    robuust-docs, tagged PDF only (input cache filled)", pdf["seconds"], done)
    _row("(b) LibreOffice headless, the same Word files → PDF", lo, done)
    print("ratio LibreOffice (PDF only) / robuust-docs (Word + PDF), target ≥ 3×:")
    print(f"    first run {lo / first['seconds']:.1f}×, again {lo / both['seconds']:.1f}×")
    print(f"ratio LibreOffice / robuust-docs, PDF only: {lo / pdf['seconds']:.1f}×")
    print(
        f"libraries per second, Word + PDF (target ≥ 6 on 2 cores): first run {done / first['seconds']:.1f}, "
        f"again {done / both['seconds']:.1f}"
    )
    print(
        f"(c) one library from a cold start, best of 3 (target < 1,2 s): input cache empty {cold_empty:.2f} s, "
        f"filled {cold:.2f} s"
    )
    print(f"peak memory of the largest worker, {done} libraries: {both['worker_mb']:.0f} MB")
    if big:
        _row(f"(d) robuust-docs generate --all, {big['done']} libraries", big["seconds"], big["done"])
        _row("    of which load, validate and analyse (once)", big["prepare"], big["done"])
        growth = big["worker_mb"] / both["worker_mb"]
        print(
            f"peak memory of the largest worker, {big['done']} libraries: {big['worker_mb']:.0f} MB "
            f"({growth:.2f}× the {done}-library run; target: flat)"
        )


def _row(label: str, seconds: float, count: int) -> None:
    print(f"{label:62} {seconds:8.2f} {count / seconds:7.2f} {1000 * seconds / count:7.0f}")


if __name__ == "__main__":
    main()
