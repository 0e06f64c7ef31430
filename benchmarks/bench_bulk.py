"""Bulk production, measured side by side in one run.

(a) `robuust-docs generate --all` for Word + PDF (tagged, with charts) over a process pool;
(b) the common alternative for the PDFs: converting the same Word files with LibreOffice headless;
(c) the same run on the sample replicated to N libraries, to show that memory per worker stays flat.

Prints wall time, libraries per second, milliseconds per library, the ratio (b)/(a) for the PDF step, and the
peak resident memory of the largest worker process. Run from the repository root:

    python benchmarks/bench_bulk.py [--jobs 2] [--replicate 500]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from robuust_docs.app import Settings, prepare, run_batch  # noqa: E402


def timed_generate(data: Path, out: Path, jobs: int, formats=("docx", "pdf")) -> tuple[float, int, float]:
    """Seconds, libraries done, and seconds spent in prepare (load, validate, analyse)."""
    start = time.perf_counter()
    prepared = prepare(Settings(data, ROOT / "templates", out, formats=formats, force=True))
    prepared_at = time.perf_counter()
    result = run_batch(prepared, prepared.dataset.library_ids(), jobs=jobs, overview=True)
    assert not result.failed, [(o.library_id, o.problems[:2]) for o in result.failed[:3]]
    return time.perf_counter() - start, result.count("klaar"), prepared_at - start


def timed_libreoffice(docx_dir: Path, out: Path) -> float:
    soffice = shutil.which("soffice")
    if soffice is None:
        return float("nan")
    files = sorted(str(p) for p in docx_dir.glob("*.docx"))
    profile = out / "profile"
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
    """Copy the sample data and repeat its libraries (with new ids and codes) until there are `count`."""
    shutil.copytree(source, target)
    tables = {
        n: pd.read_csv(source / f"{n}.csv", dtype=str, keep_default_na=False)
        for n in ("bibliotheken", "gemeenten", "vestigingen", "buurten")
    }
    rounds = -(-count // len(tables["bibliotheken"]))
    copies = {n: [_copy_round(n, frame, r) for r in range(rounds)] for n, frame in tables.items()}
    libs = pd.concat(copies["bibliotheken"]).head(count)
    keep = set(libs["id"])
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
    return frame


def peak_worker_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--replicate", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # Worker memory is read from RUSAGE_CHILDREN (the largest child so far), so both generate runs come
        # before LibreOffice, which is a child process too.
        seconds, done, prep = timed_generate(ROOT / "data", tmp / "out", args.jobs)
        memory_small = peak_worker_mb()
        if args.replicate:
            replicate(ROOT / "data", tmp / "big", args.replicate)
            big_seconds, big_done, big_prep = timed_generate(tmp / "big", tmp / "bigout", args.jobs)
            memory_big = peak_worker_mb()
        pdf_only, _, _ = timed_generate(ROOT / "data", tmp / "pdf", args.jobs, formats=("pdf",))
        lo = timed_libreoffice(tmp / "out", tmp / "lo")
        print(f"sample data: {done} libraries, {args.jobs} workers")
        print(f"{'what':58} {'seconds':>8} {'lib/s':>7} {'ms/lib':>7}")
        _row("(a) robuust-docs generate --all, Word + tagged PDF", seconds, done)
        _row("    of which load, validate and analyse (once)", prep, done)
        _row("    robuust-docs, PDF only", pdf_only, done)
        _row("(b) LibreOffice headless, Word → PDF (the alternative)", lo, done)
        print(f"ratio LibreOffice PDF / robuust-docs PDF: {lo / pdf_only:.1f}×")
        print(f"peak memory of the largest worker: {memory_small:.0f} MB")
        if args.replicate:
            print(f"replicated: {big_done} libraries")
            _row("(c) robuust-docs generate --all, Word + tagged PDF", big_seconds, big_done)
            _row("    of which load, validate and analyse (once)", big_prep, big_done)
            print(f"peak memory of the largest worker: {memory_big:.0f} MB (sample run: {memory_small:.0f} MB)")


def _row(label: str, seconds: float, count: int) -> None:
    print(f"{label:58} {seconds:8.2f} {count / seconds:7.2f} {1000 * seconds / count:7.0f}")


if __name__ == "__main__":
    main()
