"""`records`: a table's rows as dicts, as `DataFrame.to_dict("records")` gives them, for less.

Every table here holds text, numbers and yes/no values: the raw text of a file in object columns, the values
parsed from it (`load._parse_rows`), and frames made from those. pandas's `to_dict` passes the cells through its
boxing of numpy scalars, which leaves such values as they are but was a third of reading the tables of 500
libraries and a third of analysing them (issue 18). `records` zips the columns' lists instead (`tolist` gives
Python's own int, float and bool, as `to_dict` does), and leaves any other frame (another kind of column, a numpy
scalar in an object column, a repeated column name) to `to_dict`, so that the result is always the same.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def records(frame: pd.DataFrame) -> list[dict]:
    """`frame.to_dict("records")`: one dict per row, column name to value, in the frame's order."""
    columns = list(frame.columns)
    if len(set(columns)) != len(columns) or not all(_plain(dtype) for dtype in frame.dtypes):
        return frame.to_dict("records")
    lists = [frame.iloc[:, k].tolist() for k in range(len(columns))]
    objects = [values for values, dtype in zip(lists, frame.dtypes, strict=True) if dtype == np.dtype(object)]
    kinds = set().union(*(map(type, values) for values in objects))
    if any(issubclass(kind, np.generic) for kind in kinds):
        return frame.to_dict("records")
    if not columns:
        return [{} for _ in range(len(frame))]
    return [dict(zip(columns, row, strict=True)) for row in zip(*lists, strict=True)]


def _plain(dtype) -> bool:
    """A column whose `tolist` holds what `to_dict` gives: objects (checked above), numbers, yes/no, text."""
    if isinstance(dtype, np.dtype):
        return dtype.kind in "Oiufb"
    return isinstance(dtype, pd.StringDtype)
