"""Tagging reportlab's TableOfContents as TOC > TOCI.

This module owns the table of contents. `TableOfContents` draws its entries as a Table that it rebuilds on
every wrap; `TaggedTOC` wraps the TOC, installs `TocTagger` as that table's render callback after each wrap
(the split parts inherit it) and passes the indexing calls of `multiBuild` through. Each drawn entry row
becomes one TOCI holding the row's marked content (text, dots, page number); the links reportlab puts on
the entry become Link elements inside it. Spacer rows draw nothing and are not tagged; the table's
backgrounds and lines are artifacts.
"""

# reportlab's API is camelCase (wrap, drawOn, availWidth, rowNo…): the overrides must match it
# ruff: noqa: N802, N803

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Spacer, Table
from reportlab.platypus.tableofcontents import TableOfContents

from robuust_docs.pdftags.marking import DelegatingFlowable
from robuust_docs.pdftags.recorder import Recorder
from robuust_docs.pdftags.table import ArtifactGridCB, describe_cell
from robuust_docs.pdftags.tree import Node


class TocTagger(ArtifactGridCB):
    """Render callbacks for the table inside a TableOfContents: one TOCI per entry row."""

    def __init__(self, recorder: Recorder) -> None:
        self._recorder = recorder
        self._cell: tuple[Node, int, Any] | None = None  # entry, annotation count, cell value

    def startRow(self, T: Table, rowNo: int) -> None:
        pass

    def startCell(self, T: Table, rowNo: int, colNo: int, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        if _is_spacing(cellval):
            self._cell = None
            return
        toc = self._recorder.keyed(T.canv, self, "TOC")
        entry = Node("TOCI")
        toc.kids.append(entry)
        self._cell = entry, self._recorder.begin_marked(T.canv, entry), cellval

    def endCell(self, T: Table) -> None:
        if self._cell is not None:
            entry, before, cellval = self._cell
            self._recorder.end_marked(T.canv, entry, before, lambda: describe_cell(cellval))
            self._cell = None


class TaggedTOC(DelegatingFlowable):
    """A TableOfContents whose entries are tagged; usable as a top-level story item in `multiBuild`."""

    def __init__(self, toc: TableOfContents, recorder: Recorder) -> None:
        super().__init__(toc)
        self._callbacks = TocTagger(recorder)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        size = super().wrap(availWidth, availHeight)
        table = self._inner._table
        table._renderCB = self._callbacks
        _use_entry_font(table, self._inner.getLevelStyle(0).fontName)
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table = self._inner._table
        if table is None or table._renderCB is not self._callbacks:
            self.wrap(availWidth, availHeight)
        # the parts are the inner table's parts; they carry the render callbacks with them
        return self._inner.splitOn(self.__dict__.get("canv"), availWidth, availHeight)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self._inner.drawOn(canvas, x, y, _sW)

    # the indexing protocol multiBuild uses on top-level story items
    def isIndexing(self) -> int:
        return self._inner.isIndexing()

    def isSatisfied(self) -> int:
        return self._inner.isSatisfied()

    def beforeBuild(self) -> None:
        self._inner.beforeBuild()

    def afterBuild(self) -> None:
        self._inner.afterBuild()

    def notify(self, kind: str, stuff: Any) -> None:
        self._inner.notify(kind, stuff)


def _use_entry_font(table: Table, font_name: str) -> None:
    """Give the TOC table's cells the entries' font: TableOfContents' default table style sets none, so
    reportlab would select (and reference, unembedded) Helvetica for every cell."""
    for row in table._cellStyles:
        for style in row:
            style.fontname = font_name


def _is_spacing(cellval: Any) -> bool:
    """True for a cell that holds only spacers (TableOfContents adds them for spaceBefore)."""
    items = cellval if isinstance(cellval, (list, tuple)) else [cellval]
    return all(isinstance(item, Spacer) for item in items)
