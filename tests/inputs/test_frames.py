"""`records` gives what `DataFrame.to_dict("records")` gives: the same keys, values and value types."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from robuust_docs.inputs.frames import records

CELLS = st.one_of(
    st.none(),
    st.text(max_size=5),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.booleans(),
    st.tuples(st.text(max_size=3)),
)


def assert_same(frame: pd.DataFrame) -> None:
    mine, theirs = records(frame), frame.to_dict("records")
    assert len(mine) == len(theirs)
    for a, b in zip(mine, theirs, strict=True):
        assert list(a) == list(b)
        for key in a:
            assert type(a[key]) is type(b[key]), (key, a[key], b[key])
            assert repr(a[key]) == repr(b[key])


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 6), st.integers(0, 4), st.data())
def test_object_tables_of_python_values(rows, width, data):
    table = {f"c{i}": data.draw(st.lists(CELLS, min_size=rows, max_size=rows)) for i in range(width)}
    assert_same(pd.DataFrame(table, index=range(rows), dtype=object))


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 6), st.data())
def test_typed_columns(rows, data):
    frame = pd.DataFrame(
        {
            "n": data.draw(st.lists(st.integers(-5, 5), min_size=rows, max_size=rows)),
            "x": data.draw(st.lists(st.floats(allow_nan=True), min_size=rows, max_size=rows)),
            "b": data.draw(st.lists(st.booleans(), min_size=rows, max_size=rows)),
            "s": data.draw(st.lists(st.one_of(st.none(), st.text(max_size=3)), min_size=rows, max_size=rows)),
        },
        index=range(rows),
    )
    assert_same(frame)


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"a": [np.int64(1), "x"], "b": [np.float64(2.5), None]}, dtype=object),  # numpy scalars
        pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": pd.array(["x", None], dtype="string")}),
        pd.DataFrame({"t": pd.to_datetime(["2024-01-01", None])}),
        pd.DataFrame(columns=["a", "b"], dtype=object),
        pd.DataFrame(index=[3, 4]),
    ],
    ids=["numpy-scalars", "nullable", "datetime", "empty", "no-columns"],
)
def test_frames_left_to_pandas_or_without_rows(frame):
    assert_same(frame)


def test_numpy_scalars_become_python_values():
    row = records(pd.DataFrame({"a": [np.int64(1)], "b": ["x"]}, dtype=object))[0]
    assert type(row["a"]) is int
