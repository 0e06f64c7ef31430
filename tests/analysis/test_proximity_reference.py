"""The summaries of `proximity.py`, which read a library's tables into plain columns once (issue 18), against the
same figures computed straight from the pandas frames, the way they were computed before, on random tables:
every figure must be the same, float for float (the documents' numbers come from them)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from robuust_docs.analysis.proximity import (
    FULL_BRANCH_TYPE,
    SHARE_THRESHOLDS_KM,
    AccessSummary,
    Branches,
    RemotePoint,
    branch_access,
    nearest_branch,
    neighbourhood_distances,
    summarize,
)

MUNICIPALITIES = ["GM0001", "GM0002", "GM0003"]
FLAG = st.sampled_from([True, False, None, np.True_, np.False_])
HOURS = st.one_of(st.none(), st.just(np.nan), st.floats(0, 80), st.integers(0, 80), st.just("onbekend"))
TYPES = st.sampled_from(["vestiging", " Vestiging", "servicepunt", "bibliotheek op school", "afhaalpunt", None])


@st.composite
def branch_tables(draw) -> pd.DataFrame:
    rows = draw(st.integers(0, 12))
    located = st.one_of(st.none(), st.floats(50.5, 53.5))
    table = {
        "id": [f"V{i}" for i in range(rows)],
        "gemeente_code": draw(st.lists(st.sampled_from(MUNICIPALITIES), min_size=rows, max_size=rows)),
        "type": draw(st.lists(TYPES, min_size=rows, max_size=rows)),
        "lat": draw(st.lists(located, min_size=rows, max_size=rows)),
        "lon": draw(st.lists(st.floats(3.5, 7.0), min_size=rows, max_size=rows)),
    }
    for column, values in (("openingsuren", HOURS), ("open_bibliotheek_uren", HOURS)):
        if draw(st.booleans()):
            table[column] = draw(st.lists(values, min_size=rows, max_size=rows))
    for column in ("avond", "weekend", "rolstoeltoegankelijk"):
        if draw(st.booleans()):
            table[column] = draw(st.lists(FLAG, min_size=rows, max_size=rows))
    return pd.DataFrame(table, dtype=object) if draw(st.booleans()) else pd.DataFrame(table)


@st.composite
def neighbourhood_tables(draw) -> pd.DataFrame:
    rows = draw(st.integers(0, 40))
    table = {
        "code": [f"BU{draw(st.integers(0, 30)):04d}" for _ in range(rows)],  # ties in code and distance occur
        "naam": draw(st.lists(st.one_of(st.none(), st.text("abc ", max_size=4)), min_size=rows, max_size=rows)),
        "gemeente_code": draw(st.lists(st.sampled_from(MUNICIPALITIES), min_size=rows, max_size=rows)),
        "inwoners": draw(st.lists(st.one_of(st.none(), st.integers(-5, 5000)), min_size=rows, max_size=rows)),
        "lat": draw(
            st.lists(
                st.one_of(st.none(), st.sampled_from([51.0, 52.0]), st.floats(50.5, 53.5)), min_size=rows, max_size=rows
            )
        ),
        "lon": draw(st.lists(st.floats(3.5, 7.0), min_size=rows, max_size=rows)),
    }
    if draw(st.booleans()):
        table["afstand_bibliotheek_km"] = draw(
            st.lists(st.one_of(st.none(), st.floats(0, 30)), min_size=rows, max_size=rows)
        )
    return pd.DataFrame(table, dtype=object) if draw(st.booleans()) else pd.DataFrame(table)


# --- the figures straight from the frames ----------------------------------------------------------------------


def _full(frame: pd.DataFrame) -> pd.DataFrame:
    if "type" not in frame.columns:
        return frame.iloc[0:0]
    return frame[frame["type"].astype(str).str.strip().str.lower() == FULL_BRANCH_TYPE]


def _sum(frame: pd.DataFrame, column: str) -> float:
    return float(pd.to_numeric(frame[column], errors="coerce").fillna(0).sum()) if column in frame.columns else 0.0


def _flags(frame: pd.DataFrame, column: str) -> list:
    return list(frame[column]) if column in frame.columns else [None] * len(frame)


def _true(value) -> bool:
    return isinstance(value, bool | np.bool_) and bool(value)


def _share(part: float, whole: float) -> float:
    return float(100.0 * part / whole) if whole > 0 else 0.0


def _late(frame: pd.DataFrame) -> float | None:
    if frame.empty:
        return None
    late = [_true(a) or _true(w) for a, w in zip(_flags(frame, "avond"), _flags(frame, "weekend"), strict=True)]
    return _share(sum(late), len(late))


def _wheelchair(frame: pd.DataFrame) -> float | None:
    known = [v for v in _flags(frame, "rolstoeltoegankelijk") if isinstance(v, bool | np.bool_)]
    return _share(sum(_true(v) for v in known), len(known)) if known else None


def access_from_frame(frame: pd.DataFrame, inwoners: int) -> AccessSummary:
    full = _full(frame)
    hours = _sum(frame, "openingsuren")
    largest = (
        0.0
        if "openingsuren" not in frame.columns or frame.empty
        else float(pd.to_numeric(frame["openingsuren"], errors="coerce").fillna(0).max())
    )
    return AccessSummary(
        count=len(frame),
        full_count=len(full),
        per_10000=len(frame) * 10_000 / inwoners if inwoners > 0 else None,
        hours=hours,
        hours_per_1000=hours * 1_000 / inwoners if inwoners > 0 else None,
        open_library_hours=_sum(frame, "open_bibliotheek_uren"),
        share_evening_weekend=_late(frame),
        share_wheelchair=_wheelchair(frame),
        full_hours=_sum(full, "openingsuren"),
        largest_hours=largest,
        full_share_evening_weekend=_late(full),
        full_share_wheelchair=_wheelchair(full),
    )


def _located(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty or not {"lat", "lon"} <= set(frame.columns):
        return pd.DataFrame(columns=["lat", "lon"])
    lat, lon = pd.to_numeric(frame["lat"], errors="coerce"), pd.to_numeric(frame["lon"], errors="coerce")
    keep = lat.notna() & lon.notna()
    return frame.loc[keep].assign(lat=lat[keep], lon=lon[keep])


def _mean(values: np.ndarray, weights: np.ndarray) -> float | None:
    usable = np.isfinite(values)
    total = weights[usable].sum()
    return None if total <= 0 else float(np.dot(values[usable], weights[usable]) / total)


def _farthest(points: pd.DataFrame, distances, weights, cbs) -> tuple[RemotePoint, ...]:
    inhabited = (weights > 0) & np.isfinite(distances)
    codes = points["code"].astype(str).to_numpy()
    rows = np.flatnonzero(inhabited)[np.lexsort((codes[inhabited], -distances[inhabited]))[:5]]
    return tuple(
        RemotePoint(
            str(points.iloc[i]["code"]),
            str(points.iloc[i].get("naam", "")),
            str(points.iloc[i].get("gemeente_code", "")),
            int(weights[i]),
            float(distances[i]),
            None if pd.isna(cbs[i]) else float(cbs[i]),
        )
        for i in rows
    )


def summary_from_frames(buurten: pd.DataFrame, branches: pd.DataFrame, municipality: str | None):
    points = _located(buurten).reset_index(drop=True)
    if points.empty:
        return None
    stations = _located(branches)
    full = _full(stations)
    to_any, _ = nearest_branch(points["lat"], points["lon"], stations["lat"], stations["lon"])
    to_full, _ = nearest_branch(points["lat"], points["lon"], full["lat"], full["lon"])
    weights = np.clip(pd.to_numeric(points["inwoners"], errors="coerce").fillna(0).to_numpy(dtype=float), 0, None)
    cbs = (
        pd.to_numeric(points["afstand_bibliotheek_km"], errors="coerce").to_numpy(dtype=float)
        if "afstand_bibliotheek_km" in points.columns
        else np.full(len(points), np.nan)
    )
    if municipality is not None:
        mask = (points["gemeente_code"] == municipality).to_numpy()
        if not mask.any():
            return None
        points, weights, cbs = points[mask].reset_index(drop=True), weights[mask], cbs[mask]
        to_any, to_full = to_any[mask], to_full[mask]
    population = weights.sum()

    def shares(distances):
        return {km: _share(weights[distances <= km].sum(), weights.sum()) for km in SHARE_THRESHOLDS_KM}

    return (
        int(population),
        len(points),
        _mean(to_any, weights),
        _mean(to_full, weights) if len(full) > 0 else None,
        shares(to_any),
        _farthest(points, to_any, weights, cbs),
        _mean(cbs, weights),
        _share(weights[np.isfinite(cbs)].sum(), population),
        shares(to_full),
        {km: int(weights[~(to_full <= km)].sum()) for km in SHARE_THRESHOLDS_KM},
        _farthest(points, to_full, weights, cbs),
    )


def _fields(summary) -> tuple | None:
    if summary is None:
        return None
    return (
        summary.population,
        summary.points,
        summary.mean_km,
        summary.mean_full_km,
        summary.share_within,
        summary.farthest,
        summary.cbs_mean_km,
        summary.cbs_coverage,
        summary.share_within_full,
        summary.beyond_full_km,
        summary.farthest_full,
    )


def _same(a, b) -> bool:
    """Equal, NaN equal to NaN (repr compares floats to the last bit)."""
    return repr(a) == repr(b)


@settings(max_examples=300, deadline=None)
@given(branch_tables(), st.integers(0, 50_000))
def test_branch_access_is_the_frame_figure_for_the_library_and_each_municipality(branches, inwoners):
    assert _same(branch_access(branches, inwoners), access_from_frame(branches, inwoners))
    columns = Branches.of(branches)
    for code in MUNICIPALITIES:
        own = branches[branches["gemeente_code"] == code]
        picked = branch_access(columns.select(columns.municipalities == code), inwoners)
        assert _same(picked, access_from_frame(own, inwoners))


@settings(max_examples=300, deadline=None)
@given(neighbourhood_tables(), branch_tables())
def test_proximity_is_the_frame_figure_for_the_library_and_each_municipality(buurten, branches):
    distances = neighbourhood_distances(buurten, branches)
    assert _same(_fields(summarize(distances)), summary_from_frames(buurten, branches, None))
    for code in MUNICIPALITIES:
        mine = None if distances is None else summarize(distances, distances.municipalities == code)
        assert _same(_fields(mine), summary_from_frames(buurten, branches, code))
