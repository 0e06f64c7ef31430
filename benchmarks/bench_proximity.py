"""Benchmark: nearest branch by KD-tree versus brute force, on a synthetic national dataset.

Run from the repository root: `python benchmarks/bench_proximity.py`. The data are invented (seeded): about
1,300 branches and 14,000 neighbourhood or 460,000 postcode points, clustered around ~350 municipality
centres inside the Netherlands' bounding box.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from robuust_docs.analysis.proximity import nearest_branch, nearest_branch_bruteforce  # noqa: E402

LAT, LON = (50.75, 53.55), (3.36, 7.23)
SEED = 20240501
MUNICIPALITIES = 350
BRANCHES = 1_300
CASES = (("buurten", 14_000, 3), ("postcodes", 460_000, 1))  # name, points, brute-force runs
KDTREE_RUNS = 3

Coords = tuple[np.ndarray, np.ndarray]


def municipality_centres(rng: np.random.Generator) -> tuple[Coords, np.ndarray]:
    """Centres uniform in the box, with a skewed (lognormal) size used as weight."""
    centres = rng.uniform(*LAT, MUNICIPALITIES), rng.uniform(*LON, MUNICIPALITIES)
    sizes = rng.lognormal(mean=0.0, sigma=0.9, size=MUNICIPALITIES)
    return centres, sizes / sizes.sum()


def clustered_points(rng: np.random.Generator, centres: Coords, weights: np.ndarray, n: int, spread: float) -> Coords:
    """n points scattered (Gaussian, `spread` degrees) around centres picked by weight, clipped to the box."""
    pick = rng.choice(weights.size, size=n, p=weights)
    lat = centres[0][pick] + rng.normal(0.0, spread, n)
    lon = centres[1][pick] + rng.normal(0.0, spread * 1.6, n)  # a degree of longitude is ~0.6 of latitude
    return np.clip(lat, *LAT), np.clip(lon, *LON)


def best_time(run: Callable[[], tuple[np.ndarray, np.ndarray]], repeat: int) -> tuple[float, tuple]:
    """The fastest of `repeat` runs in seconds, with the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def bench_case(name: str, points: Coords, branches: Coords, brute_runs: int) -> dict:
    """Time both methods on one case and compare their answers."""
    kd_s, (kd_km, kd_idx) = best_time(lambda: nearest_branch(*points, *branches), KDTREE_RUNS)
    bf_s, (bf_km, bf_idx) = best_time(lambda: nearest_branch_bruteforce(*points, *branches), brute_runs)
    return {
        "case": name,
        "points": points[0].size,
        "branches": branches[0].size,
        "kdtree_s": kd_s,
        "brute_s": bf_s,
        "ratio": bf_s / kd_s,
        "max_abs_diff_km": float(np.max(np.abs(kd_km - bf_km))),
        "same_index": float(np.mean(kd_idx == bf_idx)),
        "mean_km": float(kd_km.mean()),
        "max_km": float(kd_km.max()),
    }


def print_table(rows: list[dict]) -> None:
    """The results side by side."""
    header = (
        f"{'case':<10} {'points':>8} {'branches':>8} {'kdtree s':>9} {'brute force s':>13} {'ratio':>7}"
        f" {'max |Δ| km':>11} {'same idx':>8} {'mean km':>8} {'max km':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['case']:<10} {r['points']:>8,} {r['branches']:>8,} {r['kdtree_s']:>9.4f} {r['brute_s']:>13.3f}"
            f" {r['ratio']:>6.0f}x {r['max_abs_diff_km']:>11.2e} {r['same_index']:>8.2%}"
            f" {r['mean_km']:>8.2f} {r['max_km']:>7.2f}"
        )


def main() -> None:
    rng = np.random.default_rng(SEED)
    centres, weights = municipality_centres(rng)
    branches = clustered_points(rng, centres, weights, BRANCHES, spread=0.04)
    brute = ", ".join(f"{runs} run(s) for {name}" for name, _, runs in CASES)
    print(f"seed {SEED}, {MUNICIPALITIES} municipality centres, {os.cpu_count()} CPUs")
    print(f"KD-tree: best of {KDTREE_RUNS}, tree build included, all cores; brute force: best of {brute}")
    rows = []
    for name, n, brute_runs in CASES:
        points = clustered_points(rng, centres, weights, n, spread=0.06)
        rows.append(bench_case(name, points, branches, brute_runs))
    print_table(rows)
    worst = max(r["max_abs_diff_km"] for r in rows)
    print(f"max abs difference KD-tree vs brute force over all cases: {worst:.3e} km")


if __name__ == "__main__":
    main()
