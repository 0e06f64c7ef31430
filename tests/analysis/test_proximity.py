"""Proximity: nearest-branch distances, the neighbourhood summary and branch access."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from robuust_docs.analysis.proximity import (
    EARTH_RADIUS_KM,
    AccessSummary,
    RemotePoint,
    branch_access,
    nearest_branch,
    nearest_branch_bruteforce,
    summarize_proximity,
)

FINDERS = pytest.mark.parametrize("find", [nearest_branch, nearest_branch_bruteforce], ids=["kdtree", "bruteforce"])


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Independent scalar haversine (math module), for expected values."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


# --- distances --------------------------------------------------------------------------------------------


@FINDERS
def test_same_meridian_tenth_of_a_degree_is_11_12_km(find):
    distances, indices = find([52.0], [5.0], [52.1], [5.0])
    # 0.1° of arc on a sphere of radius R: R · π / 1800
    assert distances[0] == pytest.approx(EARTH_RADIUS_KM * math.pi / 1800, rel=1e-12)
    assert round(distances[0], 2) == 11.12
    assert indices.tolist() == [0]


@FINDERS
def test_amsterdam_utrecht_is_about_35_km(find):
    amsterdam, utrecht = (52.3731, 4.8922), (52.0907, 5.1214)
    distances, _ = find([amsterdam[0]], [amsterdam[1]], [utrecht[0]], [utrecht[1]])
    assert distances[0] == pytest.approx(haversine(*amsterdam, *utrecht), rel=1e-12)
    assert 34 < distances[0] < 36


@FINDERS
def test_picks_the_nearest_of_several_branches(find):
    branch_lat, branch_lon = [53.2, 52.0, 51.5], [6.5, 5.0, 4.0]
    distances, indices = find([52.05, 51.45], [5.0, 4.05], branch_lat, branch_lon)
    assert indices.tolist() == [1, 2]
    assert distances[0] == pytest.approx(haversine(52.05, 5.0, 52.0, 5.0), rel=1e-12)


@FINDERS
def test_point_on_a_branch_is_at_distance_zero(find):
    distances, indices = find([52.0, 52.0], [5.0, 5.0], [51.0, 52.0], [4.0, 5.0])
    assert distances.tolist() == [0.0, 0.0]
    assert indices.tolist() == [1, 1]


@FINDERS
def test_no_branches_gives_inf_and_minus_one(find):
    distances, indices = find([52.0, 53.0], [5.0, 6.0], [], [])
    assert np.isinf(distances).all()
    assert indices.tolist() == [-1, -1]


@FINDERS
def test_no_points_gives_empty_arrays(find):
    distances, indices = find([], [], [52.0], [5.0])
    assert distances.shape == (0,) and indices.shape == (0,)


@FINDERS
def test_point_without_coordinates_gives_nan(find):
    distances, indices = find([52.0, np.nan], [5.0, 5.0], [52.1], [5.0])
    assert np.isfinite(distances[0]) and np.isnan(distances[1])
    assert indices.tolist() == [0, -1]


@FINDERS
def test_mismatched_coordinate_lengths_are_rejected(find):
    with pytest.raises(ValueError):
        find([52.0, 53.0], [5.0], [52.1], [5.0])


def random_points(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    return rng.uniform(50.75, 53.55, n), rng.uniform(3.36, 7.23, n)


@pytest.mark.parametrize("chunk_size", [None, 7], ids=["default-chunks", "small-chunks"])
def test_kdtree_equals_bruteforce_on_random_data(chunk_size):
    rng = np.random.default_rng(20240501)
    points, branches = random_points(rng, 5_000), random_points(rng, 300)
    fast, fast_index = nearest_branch(*points, *branches)
    slow, slow_index = nearest_branch_bruteforce(*points, *branches, chunk_size=chunk_size)
    np.testing.assert_allclose(fast, slow, rtol=1e-9, atol=0)
    assert (fast_index == slow_index).mean() > 0.999  # only exact ties may differ


def test_every_pair_and_the_kdtree_find_the_same_branch(monkeypatch):
    """Small inputs compare every point with every branch, large ones query a KD-tree: the same answer."""
    from robuust_docs.analysis import proximity

    rng = np.random.default_rng(11)
    points, branches = random_points(rng, 400), random_points(rng, 60)
    monkeypatch.setattr(proximity, "SMALL_PAIRS", 10**9)
    pairs, pairs_index = nearest_branch(*points, *branches)
    monkeypatch.setattr(proximity, "SMALL_PAIRS", 0)
    tree, tree_index = nearest_branch(*points, *branches)
    np.testing.assert_allclose(pairs, tree, rtol=1e-12, atol=1e-12)
    assert (pairs_index == tree_index).all()


def test_kdtree_equals_bruteforce_worldwide():
    rng = np.random.default_rng(7)
    points = rng.uniform(-90, 90, 2_000), rng.uniform(-180, 180, 2_000)
    branches = rng.uniform(-90, 90, 50), rng.uniform(-180, 180, 50)
    np.testing.assert_allclose(
        nearest_branch(*points, *branches)[0], nearest_branch_bruteforce(*points, *branches)[0], rtol=1e-9
    )


# --- summary ----------------------------------------------------------------------------------------------

# Points due north of the branch at (52.0, 5.0); 0.01° of latitude ≈ 1.112 km.
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180


def buurten_frame(**columns) -> pd.DataFrame:
    base = {
        "code": ["BU01", "BU02", "BU03", "BU04"],
        "naam": ["Centrum", "Noord", "Polder", "Leeg"],
        "gemeente_code": ["GM0001"] * 4,
        "inwoners": [100, 300, 600, 0],
        # 0.5 km, 1.5 km, 4 km and 10 km north of the branch
        "lat": [52.0 + km / KM_PER_DEGREE for km in (0.5, 1.5, 4.0, 10.0)],
        "lon": [5.0] * 4,
        "afstand_bibliotheek_km": [0.7, np.nan, 5.1, 12.0],
    }
    return pd.DataFrame({**base, **columns})


def branches_frame(types=("vestiging",), lats=(52.0,), lons=(5.0,)) -> pd.DataFrame:
    return pd.DataFrame(
        {"id": [f"V{i}" for i in range(len(types))], "type": list(types), "lat": list(lats), "lon": list(lons)}
    )


def test_summary_weighted_mean_and_shares():
    summary = summarize_proximity(buurten_frame(), branches_frame())
    assert summary.population == 1000 and summary.points == 4
    assert summary.mean_km == pytest.approx((100 * 0.5 + 300 * 1.5 + 600 * 4.0) / 1000, rel=1e-9)
    assert summary.mean_full_km == pytest.approx(summary.mean_km)
    assert summary.share_within == pytest.approx({1: 10.0, 2: 40.0, 5: 100.0})


def test_summary_cbs_figures_cover_only_given_values():
    summary = summarize_proximity(buurten_frame(), branches_frame())
    assert summary.cbs_mean_km == pytest.approx((100 * 0.7 + 600 * 5.1) / 700)
    assert summary.cbs_coverage == pytest.approx(70.0)


def test_summary_without_cbs_column():
    summary = summarize_proximity(buurten_frame().drop(columns="afstand_bibliotheek_km"), branches_frame())
    assert summary.cbs_mean_km is None and summary.cbs_coverage == 0.0
    assert all(point.cbs_km is None for point in summary.farthest)


def test_farthest_are_inhabited_and_ordered_farthest_first():
    summary = summarize_proximity(buurten_frame(), branches_frame(), farthest=2)
    assert [p.code for p in summary.farthest] == ["BU03", "BU02"]  # BU04 is farther but uninhabited
    first = summary.farthest[0]
    assert isinstance(first, RemotePoint)
    assert (first.naam, first.gemeente_code, first.inwoners, first.cbs_km) == ("Polder", "GM0001", 600, 5.1)
    assert first.afstand_km == pytest.approx(4.0, rel=1e-9)
    assert summary.farthest[1].cbs_km is None


def test_farthest_ties_are_ordered_by_code():
    buurten = buurten_frame(code=["BU09", "BU05", "BU03", "BU04"], lat=[52.01] * 4, inwoners=[1, 1, 1, 1])
    summary = summarize_proximity(buurten, branches_frame(), farthest=5)
    assert [p.code for p in summary.farthest] == ["BU03", "BU04", "BU05", "BU09"]


def test_mean_full_km_uses_only_full_branches():
    branches = branches_frame(
        types=("servicepunt", "vestiging"), lats=(52.0, 52.0 - 1 / KM_PER_DEGREE), lons=(5.0, 5.0)
    )
    summary = summarize_proximity(buurten_frame(), branches)
    assert summary.mean_km == pytest.approx(2.9, rel=1e-9)  # nearest is the servicepunt
    assert summary.mean_full_km == pytest.approx(3.9, rel=1e-9)  # the vestiging is 1 km farther


def test_without_full_branches_mean_full_km_is_none():
    summary = summarize_proximity(buurten_frame(), branches_frame(types=("afhaalpunt",)))
    assert summary.mean_km is not None and summary.mean_full_km is None


def test_without_branches_means_are_none_and_shares_zero():
    summary = summarize_proximity(buurten_frame(), branches_frame(types=(), lats=(), lons=()))
    assert summary.mean_km is None and summary.mean_full_km is None
    assert summary.share_within == {1: 0.0, 2: 0.0, 5: 0.0}
    assert summary.farthest == ()
    assert summary.population == 1000 and summary.cbs_mean_km is not None


@pytest.mark.parametrize(
    "buurten",
    [buurten_frame().iloc[0:0], buurten_frame(lat=[np.nan] * 4), pd.DataFrame()],
    ids=["no-rows", "no-coordinates", "no-columns"],
)
def test_without_points_the_summary_is_none(buurten):
    assert summarize_proximity(buurten, branches_frame()) is None


# --- branch access ----------------------------------------------------------------------------------------


def vestigingen(**columns) -> pd.DataFrame:
    base = {
        "id": ["A", "B", "C", "D"],
        "type": ["vestiging", "vestiging", "servicepunt", "open bibliotheek"],
        "openingsuren": [40.0, 30.0, 10.0, 0.0],
        "open_bibliotheek_uren": [20.0, np.nan, None, 60.0],
        "rolstoeltoegankelijk": [True, False, None, True],
        "avond": [True, None, False, None],
        "weekend": [None, False, True, None],
    }
    return pd.DataFrame({**base, **columns})


def test_branch_access_counts_and_hours():
    access = branch_access(vestigingen(), inwoners=40_000)
    assert isinstance(access, AccessSummary)
    assert (access.count, access.full_count) == (4, 2)
    assert access.per_10000 == pytest.approx(1.0)
    assert access.hours == 80.0 and access.hours_per_1000 == pytest.approx(2.0)
    assert access.open_library_hours == 80.0


def test_branch_access_treats_unknown_booleans():
    access = branch_access(vestigingen(), inwoners=40_000)
    assert access.share_evening_weekend == pytest.approx(50.0)  # A (avond) and C (weekend)
    assert access.share_wheelchair == pytest.approx(200 / 3)  # 2 of the 3 known


def test_branch_access_with_missing_optional_columns():
    access = branch_access(vestigingen().drop(columns=["avond", "weekend", "open_bibliotheek_uren"]), 10_000)
    assert access.share_evening_weekend == 0.0 and access.open_library_hours == 0.0


def test_branch_access_without_known_wheelchair_access_or_inhabitants():
    access = branch_access(vestigingen(rolstoeltoegankelijk=[None, np.nan, None, None]), inwoners=0)
    assert access.share_wheelchair is None
    assert access.per_10000 is None and access.hours_per_1000 is None


def test_branch_access_accepts_numpy_booleans():
    frame = vestigingen(rolstoeltoegankelijk=np.array([True, False, True, True]))
    assert branch_access(frame, 1).share_wheelchair == pytest.approx(75.0)


def test_branch_access_without_branches():
    access = branch_access(vestigingen().iloc[0:0], inwoners=5_000)
    assert (access.count, access.hours, access.per_10000) == (0, 0.0, 0.0)
    assert access.share_evening_weekend is None and access.share_wheelchair is None
