"""Statuses at the edges of the norms: a value at the norm is robust, at the kwetsbaar limit an aandachtspunt,
decided on the value as shown; a module's status from the mean score of its indicators."""

from __future__ import annotations

import pytest

from robuust_docs.analysis.assess import indicator_status, module_status, shown
from robuust_docs.content import Norm
from robuust_docs.status import Status

HIGHER = Norm(robuust=24.0, kwetsbaar=18.0)
LOWER = Norm(robuust=2.0, kwetsbaar=5.0)
BAND = Norm(robuust=(45.0, 65.0), kwetsbaar=(35.0, 75.0))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (24.0, Status.ROBUST),
        (23.99, Status.ATTENTION),
        (18.0, Status.ATTENTION),
        (17.99, Status.WEAK),
        (100.0, Status.ROBUST),
    ],
    ids=["at-norm", "just-below-norm", "at-limit", "below-limit", "far-above"],
)
def test_higher_is_better_robust_from_the_norm_weak_below_the_limit(value, expected):
    assert indicator_status(value, HIGHER, "hoger") is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2.0, Status.ROBUST),
        (2.01, Status.ATTENTION),
        (5.0, Status.ATTENTION),
        (5.01, Status.WEAK),
        (0.0, Status.ROBUST),
    ],
    ids=["at-norm", "just-above-norm", "at-limit", "above-limit", "zero"],
)
def test_lower_is_better_robust_up_to_the_norm_weak_above_the_limit(value, expected):
    assert indicator_status(value, LOWER, "lager") is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (45.0, Status.ROBUST),
        (65.0, Status.ROBUST),
        (44.9, Status.ATTENTION),
        (35.0, Status.ATTENTION),
        (34.9, Status.WEAK),
        (75.0, Status.ATTENTION),
        (75.1, Status.WEAK),
    ],
    ids=["band-low", "band-high", "below-band", "at-low-limit", "below-low-limit", "at-high-limit", "above-high"],
)
def test_a_band_is_robust_inside_and_weak_outside_the_wider_band(value, expected):
    assert indicator_status(value, BAND, "band") is expected


def test_no_value_or_no_norm_is_no_data():
    assert indicator_status(None, HIGHER, "hoger") is Status.NO_DATA
    assert indicator_status(10.0, None, "hoger") is Status.NO_DATA


def test_the_status_is_decided_on_the_value_as_the_reader_sees_it():
    # 1,95 fte per vestiging is shown as 2,0: at a kwetsbaar limit of 2,0 that is an aandachtspunt, not kwetsbaar
    norm = Norm(robuust=3.0, kwetsbaar=2.0)
    assert indicator_status(1.95, norm, "hoger") is Status.WEAK
    assert indicator_status(shown(1.95, 1), norm, "hoger") is Status.ATTENTION
    assert indicator_status(shown(2.049, 1), Norm(2.0, 5.0), "lager") is Status.ROBUST


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([Status.ROBUST, Status.ROBUST, Status.ATTENTION], Status.ROBUST),  # mean 1,67
        ([Status.ROBUST, Status.ATTENTION], Status.ROBUST),  # mean exactly 1,5
        ([Status.ROBUST, Status.WEAK, Status.ATTENTION], Status.ATTENTION),  # mean 1
        ([Status.ATTENTION, Status.WEAK, Status.WEAK, Status.ATTENTION], Status.WEAK),  # mean 0,5
        ([Status.ATTENTION, Status.ATTENTION, Status.ATTENTION, Status.WEAK], Status.ATTENTION),  # mean exactly 0,75
        ([Status.ATTENTION, Status.WEAK, Status.WEAK], Status.WEAK),  # mean 0,33
        ([Status.ROBUST, Status.NO_DATA, Status.NO_DATA], Status.ROBUST),  # no data does not count
        ([Status.NO_DATA, Status.NO_DATA], Status.NO_DATA),
    ],
    ids=["mean-1.67", "mean-1.5", "mean-1", "mean-0.5", "mean-0.75", "mean-0.33", "no-data-ignored", "all-no-data"],
)
def test_a_module_takes_the_mean_score_of_its_indicators_with_data(statuses, expected):
    assert module_status(statuses) is expected
