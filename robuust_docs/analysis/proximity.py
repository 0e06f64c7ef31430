"""Proximity: how far residents live from a library branch, and how accessible the branches are.

Pure computation, no I/O. Distances are straight lines over the earth's surface (great-circle, mean earth
radius), from a neighbourhood's centre point to the nearest branch. They are shorter than CBS's road distances
(Nabijheidsstatistiek), which the summary carries alongside where the input gives them.

Entry points: `nearest_branch` (KD-tree), `nearest_branch_bruteforce` (reference), `summarize_proximity`
and `branch_access`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from robuust_docs.schema import FULL_BRANCH_TYPE

EARTH_RADIUS_KM = 6371.0088  # IUGG mean earth radius
SHARE_THRESHOLDS_KM = (1, 2, 5)
# Below this many point×branch pairs, comparing every pair beats building a KD-tree (and importing scipy, a third
# of a second): one library's neighbourhoods and branches are a few thousand pairs.
SMALL_PAIRS = 250_000
PARALLEL_FROM = 50_000  # points; below this a single-threaded query is faster
CHUNK_CELLS = 4_000_000  # brute force: at most this many point×branch cells per chunk (~32 MB per array)


@dataclass(frozen=True)
class RemotePoint:
    """A neighbourhood far from any branch: straight-line `afstand_km`, CBS road distance `cbs_km` if given."""

    code: str
    naam: str
    gemeente_code: str
    inwoners: int
    afstand_km: float
    cbs_km: float | None


@dataclass(frozen=True)
class ProximitySummary:
    """Straight-line distance from residents to the nearest branch, weighted by inhabitants.

    `share_within` maps a threshold in km to the percentage (0–100) of residents within it. `farthest` are
    the neighbourhoods with inhabitants farthest from any branch, farthest first (empty without branches).
    `cbs_mean_km` is the population-weighted mean of the CBS road distance over the neighbourhoods that have
    one; `cbs_coverage` is the percentage of residents living in those neighbourhoods.
    """

    population: int
    points: int
    mean_km: float | None
    mean_full_km: float | None
    share_within: dict[int, float]
    farthest: tuple[RemotePoint, ...]
    cbs_mean_km: float | None
    cbs_coverage: float
    share_within_full: dict[int, float] = field(default_factory=dict)  # as share_within, to a volwaardige vestiging
    beyond_full_km: dict[int, int] = field(default_factory=dict)  # residents farther than k km from one
    farthest_full: tuple[RemotePoint, ...] = ()  # the neighbourhoods farthest from a volwaardige vestiging


@dataclass(frozen=True)
class AccessSummary:
    """Number, opening hours and accessibility of a library's branches.

    Percentages are 0–100. `share_evening_weekend` counts unknown as "no" (None without branches);
    `share_wheelchair` leaves unknown out of the denominator (None when no branch is known).
    """

    count: int
    full_count: int
    per_10000: float | None
    hours: float
    hours_per_1000: float | None
    open_library_hours: float
    share_evening_weekend: float | None
    share_wheelchair: float | None
    full_hours: float = 0.0  # staffed hours of the volwaardige vestigingen alone
    largest_hours: float = 0.0  # staffed hours of the location open longest (0 without locations)
    full_share_evening_weekend: float | None = None  # as above, over the volwaardige vestigingen (None without one)
    full_share_wheelchair: float | None = None


# --- distances -------------------------------------------------------------------------------------------


def _as_coords(lat: ArrayLike, lon: ArrayLike, what: str) -> tuple[np.ndarray, np.ndarray]:
    """Both coordinate arrays as 1-D float64 of equal length."""
    lat_a = np.asarray(lat, dtype=np.float64).ravel()
    lon_a = np.asarray(lon, dtype=np.float64).ravel()
    if lat_a.shape != lon_a.shape:
        raise ValueError(f"{what}: {lat_a.size} latitudes but {lon_a.size} longitudes")
    return lat_a, lon_a


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Earth-centred (ECEF) unit vectors on a sphere, shape (n, 3)."""
    phi, lam = np.radians(lat), np.radians(lon)
    cos_phi = np.cos(phi)
    return np.column_stack((cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)))


def chord_to_km(chord: ArrayLike) -> np.ndarray:
    """Great-circle distance in km for a chord length between unit vectors."""
    half = np.clip(np.asarray(chord, dtype=np.float64) / 2.0, 0.0, 1.0)
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(half)


def _term_to_km(term: np.ndarray) -> np.ndarray:
    """Great-circle distance in km from the haversine term hav(θ)."""
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(term))


def _haversine_term(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> np.ndarray:
    """hav(θ) of the central angle, clipped to [0, 1]; monotonic in distance, so fine for ranking."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi = phi2 - phi1
    dlam = np.radians(np.asarray(lon2, dtype=np.float64) - np.asarray(lon1, dtype=np.float64))
    term = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlam / 2) ** 2
    return np.clip(term, 0.0, 1.0)


def _empty_result(n_points: int) -> tuple[np.ndarray, np.ndarray]:
    """The answer without branches: every distance inf, every index -1."""
    return np.full(n_points, np.inf), np.full(n_points, -1, dtype=np.intp)


def _prepare(
    points_lat: ArrayLike, points_lon: ArrayLike, branch_lat: ArrayLike, branch_lon: ArrayLike
) -> tuple[np.ndarray, ...]:
    """Validated arrays, the mask of points with finite coordinates, and the empty-branch result."""
    p_lat, p_lon = _as_coords(points_lat, points_lon, "points")
    b_lat, b_lon = _as_coords(branch_lat, branch_lon, "branches")
    if not (np.isfinite(b_lat).all() and np.isfinite(b_lon).all()):
        raise ValueError("branches: every branch needs finite coordinates")
    valid = np.isfinite(p_lat) & np.isfinite(p_lon)
    distances, indices = _empty_result(p_lat.size)
    distances[~valid] = np.nan
    return p_lat, p_lon, b_lat, b_lon, valid, distances, indices


def nearest_branch(
    points_lat: ArrayLike, points_lon: ArrayLike, branch_lat: ArrayLike, branch_lon: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Great-circle distance (km) from every point to its nearest branch, and that branch's index.

    Works on earth-centred 3-D unit vectors: the straight chord through the earth orders branches as the
    great-circle distance does, and converts to it exactly (`chord_to_km`). Up to `SMALL_PAIRS` point×branch
    pairs every chord is computed (numpy); above it a KD-tree is queried (scipy, imported then). Agrees with the
    haversine of `nearest_branch_bruteforce` to about 1e-10 relative. Without branches every distance is
    inf and every index -1; a point with a non-finite coordinate gets distance NaN and index -1. Branches
    must have finite coordinates.
    """
    p_lat, p_lon, b_lat, b_lon, valid, distances, indices = _prepare(points_lat, points_lon, branch_lat, branch_lon)
    if b_lat.size == 0 or not valid.any():
        return distances, indices
    points, branches = _unit_vectors(p_lat[valid], p_lon[valid]), _unit_vectors(b_lat, b_lon)
    if len(points) * len(branches) <= SMALL_PAIRS:
        difference = points[:, None, :] - branches[None, :, :]
        squared = np.einsum("ijk,ijk->ij", difference, difference)
        found = np.argmin(squared, axis=1)
        chords = np.sqrt(squared[np.arange(len(points)), found])
    else:
        from scipy.spatial import cKDTree

        # Threads pay off only for large queries: starting them costs more than a few thousand lookups.
        workers = -1 if len(points) >= PARALLEL_FROM else 1
        chords, found = cKDTree(branches).query(points, k=1, workers=workers)
    indices[valid] = found
    distances[valid] = chord_to_km(chords)
    return distances, indices


def nearest_branch_bruteforce(
    points_lat: ArrayLike,
    points_lon: ArrayLike,
    branch_lat: ArrayLike,
    branch_lon: ArrayLike,
    chunk_size: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Same contract as `nearest_branch`, by comparing every point with every branch (haversine).

    Works through the points in chunks of `chunk_size` (default: as many as keep a chunk under
    `CHUNK_CELLS` point×branch cells), so memory stays bounded. Meant for tests and benchmarks.
    """
    p_lat, p_lon, b_lat, b_lon, valid, distances, indices = _prepare(points_lat, points_lon, branch_lat, branch_lon)
    if b_lat.size == 0 or not valid.any():
        return distances, indices
    rows = np.flatnonzero(valid)
    step = chunk_size or max(1, CHUNK_CELLS // b_lat.size)
    for start in range(0, rows.size, step):
        chunk = rows[start : start + step]
        term = _haversine_term(p_lat[chunk, None], p_lon[chunk, None], b_lat[None, :], b_lon[None, :])
        best = np.argmin(term, axis=1)
        indices[chunk] = best
        distances[chunk] = _term_to_km(term[np.arange(chunk.size), best])
    return distances, indices


# --- neighbourhood summary ---------------------------------------------------------------------------------


def _located(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with both coordinates, with a numeric lat/lon."""
    if frame is None or frame.empty or not {"lat", "lon"} <= set(frame.columns):
        return pd.DataFrame(columns=["lat", "lon"])
    lat = pd.to_numeric(frame["lat"], errors="coerce")
    lon = pd.to_numeric(frame["lon"], errors="coerce")
    keep = lat.notna() & lon.notna()
    return frame.loc[keep].assign(lat=lat[keep], lon=lon[keep])


def _weights(buurten: pd.DataFrame) -> np.ndarray:
    """Inhabitants per neighbourhood as floats, missing or negative counted as 0."""
    values = pd.to_numeric(buurten["inwoners"], errors="coerce").fillna(0).to_numpy(dtype=np.float64)
    return np.clip(values, 0.0, None)


def _cbs_distances(buurten: pd.DataFrame) -> np.ndarray:
    """The CBS road distance per neighbourhood, NaN where not given (or the column is absent)."""
    if "afstand_bibliotheek_km" not in buurten.columns:
        return np.full(len(buurten), np.nan)
    return pd.to_numeric(buurten["afstand_bibliotheek_km"], errors="coerce").to_numpy(dtype=np.float64)


def _weighted_mean(values: np.ndarray, weights: np.ndarray) -> float | None:
    """Weighted mean over the finite values; None if their total weight is 0."""
    usable = np.isfinite(values)
    total = weights[usable].sum()
    if total <= 0:
        return None
    return float(np.dot(values[usable], weights[usable]) / total)


def _percentage(part: float, whole: float) -> float:
    """part / whole as 0–100; 0 when whole is 0."""
    return float(100.0 * part / whole) if whole > 0 else 0.0


def _distances_to(buurten: pd.DataFrame, branches: pd.DataFrame) -> np.ndarray:
    """Straight-line km from each neighbourhood to the nearest of `branches` (inf without branches)."""
    distances, _ = nearest_branch(buurten["lat"], buurten["lon"], branches["lat"], branches["lon"])
    return distances


def _shares_within(distances: np.ndarray, weights: np.ndarray) -> dict[int, float]:
    """Percentage of residents within each threshold of `SHARE_THRESHOLDS_KM`."""
    total = weights.sum()
    return {km: _percentage(weights[distances <= km].sum(), total) for km in SHARE_THRESHOLDS_KM}


def _optional_float(value: Any) -> float | None:
    """A float, or None for NaN/None."""
    return None if value is None or pd.isna(value) else float(value)


def _farthest(
    buurten: pd.DataFrame, distances: np.ndarray, weights: np.ndarray, cbs: np.ndarray, count: int
) -> tuple[RemotePoint, ...]:
    """The `count` inhabited neighbourhoods farthest from a branch, farthest first, ties by code."""
    inhabited = (weights > 0) & np.isfinite(distances)
    codes = buurten["code"].astype(str).to_numpy()
    order = np.lexsort((codes[inhabited], -distances[inhabited]))[:count]
    rows = np.flatnonzero(inhabited)[order]
    return tuple(_remote_point(buurten.iloc[i], distances[i], weights[i], cbs[i]) for i in rows)


def _remote_point(row: pd.Series, distance: float, inwoners: float, cbs_km: float) -> RemotePoint:
    """One white spot from a neighbourhood row."""
    return RemotePoint(
        code=str(row["code"]),
        naam=str(row.get("naam", "")),
        gemeente_code=str(row.get("gemeente_code", "")),
        inwoners=int(inwoners),
        afstand_km=float(distance),
        cbs_km=_optional_float(cbs_km),
    )


def _full_branches(branches: pd.DataFrame, full_type: str) -> pd.DataFrame:
    """The branches of the full type (a staffed 'vestiging' by default)."""
    if "type" not in branches.columns:
        return branches.iloc[0:0]
    return branches[branches["type"].astype(str).str.strip().str.lower() == full_type.lower()]


@dataclass(frozen=True)
class NeighbourhoodDistances:
    """Per located neighbourhood of one area: its inhabitants, CBS road distance and straight-line distance to the
    nearest location and to the nearest volwaardige vestiging; computed once, summarised for any part of the area."""

    points: pd.DataFrame
    weights: np.ndarray
    cbs: np.ndarray
    to_any: np.ndarray
    to_full: np.ndarray
    has_full: bool


def neighbourhood_distances(
    buurten: pd.DataFrame, branches: pd.DataFrame, full_type: str = FULL_BRANCH_TYPE
) -> NeighbourhoodDistances | None:
    """The distances of every neighbourhood with coordinates (None when none has them)."""
    points = _located(buurten)
    if points.empty:
        return None
    stations = _located(branches)
    full = _full_branches(stations, full_type)
    return NeighbourhoodDistances(
        points.reset_index(drop=True),
        _weights(points),
        _cbs_distances(points),
        _distances_to(points, stations),
        _distances_to(points, full),
        len(full) > 0,
    )


def summarize(
    d: NeighbourhoodDistances | None, mask: np.ndarray | None = None, farthest: int = 5
) -> ProximitySummary | None:
    """The summary over the neighbourhoods of `d` selected by `mask` (all by default); None without any."""
    if d is None:
        return None
    if mask is not None:
        if not mask.any():
            return None
        d = NeighbourhoodDistances(
            d.points[mask].reset_index(drop=True),
            d.weights[mask],
            d.cbs[mask],
            d.to_any[mask],
            d.to_full[mask],
            d.has_full,
        )
    weights, population = d.weights, d.weights.sum()
    return ProximitySummary(
        population=int(population),
        points=len(d.points),
        mean_km=_weighted_mean(d.to_any, weights),
        mean_full_km=_weighted_mean(d.to_full, weights) if d.has_full else None,
        share_within=_shares_within(d.to_any, weights),
        farthest=_farthest(d.points, d.to_any, weights, d.cbs, farthest),
        cbs_mean_km=_weighted_mean(d.cbs, weights),
        cbs_coverage=_percentage(weights[np.isfinite(d.cbs)].sum(), population),
        share_within_full=_shares_within(d.to_full, weights),
        beyond_full_km={km: int(weights[~(d.to_full <= km)].sum()) for km in SHARE_THRESHOLDS_KM},
        farthest_full=_farthest(d.points, d.to_full, weights, d.cbs, farthest),
    )


def summarize_proximity(
    buurten: pd.DataFrame,
    branches: pd.DataFrame,
    full_type: str = FULL_BRANCH_TYPE,
    farthest: int = 5,
) -> ProximitySummary | None:
    """Summarize how far residents live from the branches, from neighbourhood centre points.

    `buurten`: code, naam, gemeente_code, inwoners, lat, lon and optionally afstand_bibliotheek_km (CBS road
    distance). `branches`: id, type, lat, lon. Rows without coordinates are left out. Returns None when no
    neighbourhood has coordinates (the caller reports missing data). Without branches the means are None,
    the shares 0 and `farthest` empty; `mean_full_km` is None when no branch is of `full_type`.
    """
    return summarize(neighbourhood_distances(buurten, branches, full_type), farthest=farthest)


# --- branch access ------------------------------------------------------------------------------------------


def _is_true(value: Any) -> bool:
    """True only for a real boolean True; None, NaN and anything else count as not (unknown)."""
    return isinstance(value, (bool, np.bool_)) and bool(value)


def _is_known(value: Any) -> bool:
    """Whether a parsed yes/no value is known (a real boolean)."""
    return isinstance(value, (bool, np.bool_))


def _flags(branches: pd.DataFrame, column: str) -> list[Any]:
    """The values of a yes/no column, all None when the column is absent."""
    if column not in branches.columns:
        return [None] * len(branches)
    return list(branches[column])


def _column_sum(branches: pd.DataFrame, column: str) -> float:
    """Sum of a numeric column, NaN and absence counted as 0."""
    if column not in branches.columns:
        return 0.0
    return float(pd.to_numeric(branches[column], errors="coerce").fillna(0).sum())


def _column_max(branches: pd.DataFrame, column: str) -> float:
    """Largest value of a numeric column, 0 without rows."""
    if column not in branches.columns or branches.empty:
        return 0.0
    return float(pd.to_numeric(branches[column], errors="coerce").fillna(0).max())


def _per(amount: float, inwoners: int, unit: int) -> float | None:
    """amount per `unit` inhabitants; None without inhabitants."""
    return amount * unit / inwoners if inwoners > 0 else None


def _share_evening_weekend(branches: pd.DataFrame) -> float | None:
    """Percentage of branches open in the evening or at the weekend (unknown counts as not)."""
    if branches.empty:
        return None
    open_late = [
        _is_true(avond) or _is_true(weekend)
        for avond, weekend in zip(_flags(branches, "avond"), _flags(branches, "weekend"), strict=True)
    ]
    return _percentage(sum(open_late), len(open_late))


def _share_wheelchair(branches: pd.DataFrame) -> float | None:
    """Percentage of wheelchair-accessible branches among those where it is known."""
    known = [value for value in _flags(branches, "rolstoeltoegankelijk") if _is_known(value)]
    if not known:
        return None
    return _percentage(sum(_is_true(value) for value in known), len(known))


def branch_access(branches: pd.DataFrame, inwoners: int) -> AccessSummary:
    """Summarize a library's branches for its `inwoners` (the population of its service area).

    `branches` has the columns of the `vestigingen` table with yes/no values parsed to True/False/None.
    """
    count = len(branches)
    hours = _column_sum(branches, "openingsuren")
    full = _full_branches(branches, FULL_BRANCH_TYPE)
    return AccessSummary(
        count=count,
        full_count=len(full),
        per_10000=_per(count, inwoners, 10_000),
        hours=hours,
        hours_per_1000=_per(hours, inwoners, 1_000),
        open_library_hours=_column_sum(branches, "open_bibliotheek_uren"),
        share_evening_weekend=_share_evening_weekend(branches),
        share_wheelchair=_share_wheelchair(branches),
        full_hours=_column_sum(full, "openingsuren"),
        largest_hours=_column_max(branches, "openingsuren"),
        full_share_evening_weekend=_share_evening_weekend(full),
        full_share_wheelchair=_share_wheelchair(full),
    )
