"""A reportlab Table whose cells are tagged Table > TR > TH/TD.

This module owns table tagging. reportlab 5 calls a `TableRenderCB` around backgrounds, grid lines, rows
and cells; `TableTagger` marks backgrounds and lines as Layout artifacts and each cell's drawing as its TH
or TD. When a table splits, reportlab builds the parts with `self.__class__(...)` and drops custom
attributes, so `TaggedTable.split` hands each part its own row map (part row → original row, and whether
the row is a repeated header drawn again on a continuation page, which is then an artifact: every TH
appears once in the tree). Row and column spans become /RowSpan and /ColSpan attributes.
"""

# reportlab's API is camelCase (wrap, drawOn, availWidth, rowNo…): the overrides must match it
# ruff: noqa: N802, N803

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Table
from reportlab.platypus.tables import TableRenderCB

from robuust_docs.pdftags.marking import TaggedFlowable, link_texts, plain_text
from robuust_docs.pdftags.recorder import Recorder, begin_artifact, end_artifact
from robuust_docs.pdftags.tree import Node

RowMap = list[tuple[int, bool]]  # per part row: (original row, drawn as an artifact)


class ArtifactGridCB(TableRenderCB):
    """Render callbacks that draw a table's backgrounds and grid lines as Layout artifacts.

    Subclasses decide what rows and cells become (`startRow`, `startCell`, `endCell`).
    """

    def startTable(self, T: Table) -> None:
        pass

    def startBG(self, T: Table) -> None:
        begin_artifact(T.canv, "Layout")

    def endBG(self, T: Table) -> None:
        end_artifact(T.canv)

    def endRow(self, T: Table) -> None:
        pass

    def startLines(self, T: Table) -> None:
        begin_artifact(T.canv, "Layout")

    def endLines(self, T: Table) -> None:
        end_artifact(T.canv)

    def endTable(self, T: Table) -> None:
        pass


class TableTagger(ArtifactGridCB):
    """Tags one logical table (all its split parts): Table > TR > TH/TD, repeated headers as artifacts."""

    def __init__(self, recorder: Recorder, header_rows: int, header_columns: int) -> None:
        self._recorder = recorder
        self._header_rows = header_rows
        self._header_columns = header_columns
        self._row: Node | None = None  # the TR being drawn, None while drawing an artifact row
        self._original_row = 0
        self._cell: tuple[Node, int, Any] | None = None  # element, annotation count, cell value

    def _table(self, canv: Any) -> Node:
        return self._recorder.keyed(canv, self, "Table")

    def startRow(self, T: Table, rowNo: int) -> None:
        rows = getattr(T, "_tag_rows", None)
        if rows is None:  # a way of splitting that TaggedTable.split does not know (a newer reportlab?)
            raise RuntimeError(f"{T.identity(30)}: table part without a row map; cannot tag its cells")
        self._original_row, artifact = rows[rowNo]
        if artifact:
            self._row = None
            return
        table = self._table(T.canv)
        self._row = self._recorder.keyed(T.canv, (self, self._original_row), "TR", parent=table)

    def startCell(self, T: Table, rowNo: int, colNo: int, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        if self._row is None:
            begin_artifact(T.canv, "Pagination")
            return
        key = (self, self._original_row, colNo)
        role, attributes = self._cell_role(T, rowNo, colNo)
        node = self._recorder.keyed(T.canv, key, role, parent=self._row, attributes=attributes)
        self._cell = node, self._recorder.begin_marked(T.canv, node), cellval

    def endCell(self, T: Table) -> None:
        if self._cell is None:
            end_artifact(T.canv)
            return
        node, before, cellval = self._cell
        self._recorder.end_marked(T.canv, node, before, lambda: describe_cell(cellval))
        self._cell = None

    def _cell_role(self, T: Table, rowNo: int, colNo: int) -> tuple[str, dict[str, object]]:
        attributes: dict[str, object] = {"O": "Table"}
        if self._original_row < self._header_rows:
            role, attributes["Scope"] = "TH", "Column"
        elif colNo < self._header_columns:
            role, attributes["Scope"] = "TH", "Row"
        else:
            role = "TD"
        span = (getattr(T, "_spanRanges", None) or {}).get((colNo, rowNo))
        if span:
            col0, row0, col1, row1 = span
            if col1 > col0:
                attributes["ColSpan"] = col1 - col0 + 1
            if row1 > row0:
                attributes["RowSpan"] = row1 - row0 + 1
        return role, attributes


class TaggedTable(Table):
    """A `Table` that carries its row map into the parts it splits into (see the module docstring).

    `min_split_rows` (0: reportlab's own split) keeps at least that many rows below the repeated header on each
    side of a page break: the split moves up a row or more, or the table goes whole to the next page, so that no
    row stands alone."""

    _tag_rows: RowMap
    min_split_rows: int = 0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and self.min_split_rows:
            parts = self._without_orphans(parts, availWidth)
            for part in parts:  # the rest may split again on the next page: by the same rule
                part.min_split_rows = self.min_split_rows
        if len(parts) == 2:
            first, rest = parts
            first._tag_rows, rest._tag_rows = _split_row_maps(self, first, rest)
        return parts

    def _without_orphans(self, parts: list[Flowable], availWidth: float) -> list[Flowable]:
        """`parts` with at least `min_split_rows` body rows in each: split higher up, or not here at all ([])."""
        head, least = len(repeated_rows(self)), self.min_split_rows
        before, after = parts[0]._nrows - head, parts[1]._nrows - head
        if before >= least and after >= least:
            return parts
        keep = parts[0]._nrows - max(0, least - after)  # rows of the first part, its header included
        if keep - head < least:
            return []  # too little room here: the whole table goes to the next page
        parts = Table.split(self, availWidth, sum(self._rowHeights[:keep]) + 0.01)
        if len(parts) != 2 or min(parts[0]._nrows, parts[1]._nrows) - head < least:
            return []
        return parts


def repeated_rows(table: Table) -> list[int]:
    """The rows `table` repeats at the top of every part it splits into (reportlab's repeatRows: a count or
    indices), as sorted indices."""
    repeat = table.repeatRows
    return list(range(repeat)) if isinstance(repeat, int) else sorted(repeat)


def _split_row_maps(whole: TaggedTable, first: Table, rest: Table) -> tuple[RowMap, RowMap]:
    """Row maps for the two parts. The second part starts with the repeated rows (artifacts now) and ends
    with the tail of the whole table; after a split inside a row, that row is in both parts."""
    rows = whole._tag_rows
    repeated = repeated_rows(whole)
    tail = rest._nrows - len(repeated)
    head = [(rows[i][0], True) for i in repeated]
    return rows[: first._nrows], head + rows[len(rows) - tail :]


def make_table(
    recorder: Recorder, data: list[list[Any]], header_rows: int, header_columns: int, **table_kwargs: Any
) -> TaggedTable:
    """A tagged table over `data` (strings or flowables per cell); `table_kwargs` go to `Table`."""
    if table_kwargs.get("cornerRadii"):
        raise ValueError("tagged tables do not support cornerRadii: reportlab draws those lines untagged")
    _reject_tagged_cells(data)
    table_kwargs.setdefault("repeatRows", header_rows)
    callbacks = TableTagger(recorder, header_rows, header_columns)
    table = TaggedTable(data, renderCB=callbacks, **table_kwargs)
    table._tag_rows = [(row, False) for row in range(len(data))]
    return table


def _reject_tagged_cells(data: list[list[Any]]) -> None:
    """Tagged leaves inside cells would nest marked content: the cell is tagged already."""
    for r, row in enumerate(data):
        for c, cell in enumerate(row):
            cells = cell if isinstance(cell, (list, tuple)) else [cell]
            if any(isinstance(item, TaggedFlowable) for item in cells):
                raise ValueError(f"table cell ({r}, {c}) holds a tagged flowable; pass the plain flowable")


def describe_cell(cellval: Any) -> tuple[str | None, dict[str, str] | None]:
    """The plain text of a cell value and the texts of the links in it (see `Node`)."""
    items = cellval if isinstance(cellval, (list, tuple)) else [cellval]
    texts = [text for text in map(plain_text, items) if text]
    links = {target: text for item in items for target, text in (link_texts(item) or {}).items()}
    return " ".join(texts) or None, links or None
