"""Proximity: how far residents live from a library branch, and how accessible the branches are.

Pure computation, no I/O. Distances are straight lines over the earth's surface (great-circle, mean earth
radius), from a neighbourhood's centre point to the nearest branch. They are shorter than CBS's road distances
(Nabijheidsstatistiek), which the summary carries alongside where the input gives them.

Entry points: `nearest_branch` (KD-tree), `nearest_branch_bruteforce` (reference), `summarize_proximity`
and `branch_access`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
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
#
# A library's tables are a few rows of branches and some hundreds of neighbourhoods; the analysis summarises them
# for the library, for each of its municipalities and for the volwaardige vestigingen among them. Each table is
# read into plain columns once (`neighbourhood_distances`, `Branches`) and every summary works on those; pandas's
# cost per call on such small frames was most of the analysis's time (issue 18: 500 libraries 5,2 -> 1,5 s).


def _numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as numbers, what is not one as missing (a column of numbers as it is: `to_numeric` returns it)."""
    values = frame[column]
    return values if values.dtype.kind in "fiu" else pd.to_numeric(values, errors="coerce")


def _located(frame: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The rows with both coordinates: (row mask, lat, lon of those rows); None without such rows."""
    if frame is None or frame.empty or not {"lat", "lon"} <= set(frame.columns):
        return None
    lat = _numeric(frame, "lat").to_numpy(dtype=np.float64, na_value=np.nan)
    lon = _numeric(frame, "lon").to_numpy(dtype=np.float64, na_value=np.nan)
    keep = ~(np.isnan(lat) | np.isnan(lon))
    if not keep.any():
        return None
    return keep, lat[keep], lon[keep]


def _weights(buurten: pd.DataFrame) -> np.ndarray:
    """Inhabitants per neighbourhood as floats, missing or negative counted as 0."""
    values = _numeric(buurten, "inwoners").to_numpy(dtype=np.float64, na_value=np.nan)
    values = np.where(np.isnan(values), 0.0, values)
    return np.clip(values, 0.0, None)


def _cbs_distances(buurten: pd.DataFrame) -> np.ndarray:
    """The CBS road distance per neighbourhood, NaN where not given (or the column is absent)."""
    if "afstand_bibliotheek_km" not in buurten.columns:
        return np.full(len(buurten), np.nan)
    return _numeric(buurten, "afstand_bibliotheek_km").to_numpy(dtype=np.float64, na_value=np.nan)


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


def _shares_within(distances: np.ndarray, weights: np.ndarray) -> dict[int, float]:
    """Percentage of residents within each threshold of `SHARE_THRESHOLDS_KM`."""
    total = weights.sum()
    return {km: _percentage(weights[distances <= km].sum(), total) for km in SHARE_THRESHOLDS_KM}


def _optional_float(value: Any) -> float | None:
    """A float, or None for NaN/None."""
    return None if value is None or pd.isna(value) else float(value)


def _column(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A column's values as they are (an object array), '' for every row where the column is absent."""
    if column not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    return frame[column].to_numpy(dtype=object)


def _is_full(branches: pd.DataFrame, full_type: str) -> np.ndarray:
    """Which rows are of the full type (a staffed 'vestiging' by default), as a boolean array; a missing type (or
    column) is not (the types are checked against the schema's choices when the table is read)."""
    if "type" not in branches.columns:
        return np.zeros(len(branches), dtype=bool)
    wanted = full_type.lower()
    types = branches["type"]
    return np.fromiter(
        (isinstance(t, str) and t.strip().lower() == wanted for t in types), dtype=bool, count=len(types)
    )


@dataclass(frozen=True)
class NeighbourhoodDistances:
    """Per located neighbourhood of one area: its code (as text, for ordering), the raw values of its code, name and
    municipality code, its inhabitants, CBS road distance and straight-line distance to the nearest location and to
    the nearest volwaardige vestiging; computed once, summarised for any part of the area (`select`)."""

    codes: np.ndarray
    raw_codes: np.ndarray
    names: np.ndarray
    municipalities: np.ndarray
    weights: np.ndarray
    cbs: np.ndarray
    to_any: np.ndarray
    to_full: np.ndarray
    has_full: bool

    def select(self, mask: np.ndarray) -> NeighbourhoodDistances:
        """The neighbourhoods where `mask` holds, in the same order."""
        return NeighbourhoodDistances(
            self.codes[mask],
            self.raw_codes[mask],
            self.names[mask],
            self.municipalities[mask],
            self.weights[mask],
            self.cbs[mask],
            self.to_any[mask],
            self.to_full[mask],
            self.has_full,
        )


def _farthest(d: NeighbourhoodDistances, distances: np.ndarray, count: int) -> tuple[RemotePoint, ...]:
    """The `count` inhabited neighbourhoods farthest from a branch, farthest first, ties by code."""
    inhabited = (d.weights > 0) & np.isfinite(distances)
    order = np.lexsort((d.codes[inhabited], -distances[inhabited]))[:count]
    return tuple(
        RemotePoint(
            code=str(d.raw_codes[i]),
            naam=str(d.names[i]),
            gemeente_code=str(d.municipalities[i]),
            inwoners=int(d.weights[i]),
            afstand_km=float(distances[i]),
            cbs_km=_optional_float(d.cbs[i]),
        )
        for i in np.flatnonzero(inhabited)[order]
    )


def neighbourhood_distances(
    buurten: pd.DataFrame, branches: pd.DataFrame, full_type: str = FULL_BRANCH_TYPE
) -> NeighbourhoodDistances | None:
    """The distances of every neighbourhood with coordinates (None when none has them)."""
    located = _located(buurten)
    if located is None:
        return None
    keep, lat, lon = located
    stations = _located(branches)
    if stations is None:
        s_lat = s_lon = np.empty(0)
        full = np.zeros(0, dtype=bool)
    else:
        at, s_lat, s_lon = stations
        full = _is_full(branches, full_type)[at]
    to_any, _ = nearest_branch(lat, lon, s_lat, s_lon)
    to_full, _ = nearest_branch(lat, lon, s_lat[full], s_lon[full])
    return NeighbourhoodDistances(
        buurten["code"].astype(str).to_numpy()[keep],
        _column(buurten, "code")[keep],
        _column(buurten, "naam")[keep],
        _column(buurten, "gemeente_code")[keep],
        _weights(buurten)[keep],
        _cbs_distances(buurten)[keep],
        to_any,
        to_full,
        bool(full.any()),
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
        d = d.select(mask)
    weights, population = d.weights, d.weights.sum()
    return ProximitySummary(
        population=int(population),
        points=len(weights),
        mean_km=_weighted_mean(d.to_any, weights),
        mean_full_km=_weighted_mean(d.to_full, weights) if d.has_full else None,
        share_within=_shares_within(d.to_any, weights),
        farthest=_farthest(d, d.to_any, farthest),
        cbs_mean_km=_weighted_mean(d.cbs, weights),
        cbs_coverage=_percentage(weights[np.isfinite(d.cbs)].sum(), population),
        share_within_full=_shares_within(d.to_full, weights),
        beyond_full_km={km: int(weights[~(d.to_full <= km)].sum()) for km in SHARE_THRESHOLDS_KM},
        farthest_full=_farthest(d, d.to_full, farthest),
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


def _flags(branches: pd.DataFrame, column: str) -> np.ndarray:
    """The values of a yes/no column (an object array), all None when the column is absent."""
    if column not in branches.columns:
        return np.full(len(branches), None, dtype=object)
    return branches[column].to_numpy(dtype=object)


def _amounts(branches: pd.DataFrame, column: str) -> np.ndarray:
    """A numeric column as floats, NaN and absence counted as 0."""
    if column not in branches.columns:
        return np.zeros(len(branches))
    values = _numeric(branches, column).to_numpy(dtype=np.float64, na_value=np.nan)
    return np.where(np.isnan(values), 0.0, values)


@dataclass(frozen=True)
class Branches:
    """A table of locations as plain columns, read once (`of`), for the summaries of any part of it (`select`)."""

    municipalities: np.ndarray  # the raw gemeente_code values
    full: np.ndarray  # bool: a volwaardige vestiging
    hours: np.ndarray  # openingsuren, NaN and absence as 0
    open_hours: np.ndarray  # open_bibliotheek_uren, likewise
    evening: np.ndarray  # the parsed yes/no values (True/False/None)
    weekend: np.ndarray
    wheelchair: np.ndarray

    @classmethod
    def of(cls, branches: pd.DataFrame, full_type: str = FULL_BRANCH_TYPE) -> Branches:
        return cls(
            _column(branches, "gemeente_code"),
            _is_full(branches, full_type),
            _amounts(branches, "openingsuren"),
            _amounts(branches, "open_bibliotheek_uren"),
            _flags(branches, "avond"),
            _flags(branches, "weekend"),
            _flags(branches, "rolstoeltoegankelijk"),
        )

    def select(self, mask: np.ndarray) -> Branches:
        """The locations where `mask` holds, in the same order."""
        return Branches(*(getattr(self, f.name)[mask] for f in fields(self)))

    def __len__(self) -> int:
        return len(self.full)


def _per(amount: float, inwoners: int, unit: int) -> float | None:
    """amount per `unit` inhabitants; None without inhabitants."""
    return amount * unit / inwoners if inwoners > 0 else None


def _share_evening_weekend(b: Branches) -> float | None:
    """Percentage of branches open in the evening or at the weekend (unknown counts as not)."""
    if not len(b):
        return None
    open_late = [_is_true(avond) or _is_true(weekend) for avond, weekend in zip(b.evening, b.weekend, strict=True)]
    return _percentage(sum(open_late), len(open_late))


def _share_wheelchair(b: Branches) -> float | None:
    """Percentage of wheelchair-accessible branches among those where it is known."""
    known = [value for value in b.wheelchair if _is_known(value)]
    if not known:
        return None
    return _percentage(sum(_is_true(value) for value in known), len(known))


def branch_access(branches: pd.DataFrame | Branches, inwoners: int) -> AccessSummary:
    """Summarize a library's branches for its `inwoners` (the population of its service area).

    `branches` has the columns of the `vestigingen` table with yes/no values parsed to True/False/None (or is
    such a table read by `Branches.of`).
    """
    b = branches if isinstance(branches, Branches) else Branches.of(branches)
    count = len(b)
    hours = float(b.hours.sum())
    full = b.select(b.full)
    return AccessSummary(
        count=count,
        full_count=len(full),
        per_10000=_per(count, inwoners, 10_000),
        hours=hours,
        hours_per_1000=_per(hours, inwoners, 1_000),
        open_library_hours=float(b.open_hours.sum()),
        share_evening_weekend=_share_evening_weekend(b),
        share_wheelchair=_share_wheelchair(b),
        full_hours=float(full.hours.sum()),
        largest_hours=float(b.hours.max()) if count else 0.0,
        full_share_evening_weekend=_share_evening_weekend(full),
        full_share_wheelchair=_share_wheelchair(full),
    )
