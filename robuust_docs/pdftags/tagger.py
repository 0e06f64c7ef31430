"""The public face of tagging: `Tagger` makes the flowables a story needs and holds the resulting tree.

This module owns the API the PDF renderer calls while it builds a platypus story (see the package
docstring for the whole contract) and the validation of roles and alt texts. A disabled tagger
(`Tagger(enabled=False)`) returns the same story without tags, for untagged output and for comparing costs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from reportlab.platypus import Flowable, ListFlowable, Table
from reportlab.platypus.tableofcontents import TableOfContents

from robuust_docs.pdftags.listing import TaggedList
from robuust_docs.pdftags.marking import Decoration, LeafTag, Marker, TaggedFlowable
from robuust_docs.pdftags.recorder import Recorder, begin_artifact, check_artifact, end_artifact
from robuust_docs.pdftags.table import make_table
from robuust_docs.pdftags.toc import TaggedTOC
from robuust_docs.pdftags.tree import StructureTree

LEAF_ROLES = frozenset(
    "P H1 H2 H3 H4 H5 H6 Figure Formula Caption Lbl LBody Span Note Quote Code Reference BlockQuote".split()
)
CONTAINER_ROLES = frozenset("Part Art Sect Div BlockQuote Caption TOC TOCI L LI LBody Note Index NonStruct".split())
ALT_REQUIRED = frozenset({"Figure", "Formula"})


class Tagger:
    """Holds the structure tree of one document and makes the flowables that build it.

    The tree is filled while reportlab draws; a new canvas (each `build`/`multiBuild` pass) starts it
    afresh, so after the build `tree` describes the last pass, which is the one saved.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._recorder = Recorder()
        self._last_keep = False

    @property
    def tree(self) -> StructureTree:
        """The structure tree of the last drawing pass."""
        return self._recorder.tree

    def reset(self) -> None:
        """Start afresh (not needed between multiBuild passes: a new canvas resets by itself)."""
        self._recorder.reset()

    def leaf(self, flowable: Flowable, role: str, alt: str | None = None, lang: str | None = None) -> Flowable:
        """Wrap a leaf flowable so its drawing is one element `role` (split parts stay one element)."""
        _check_leaf(role, alt)
        self._last_keep = bool(flowable.getKeepWithNext())
        if not self.enabled:
            return flowable
        return TaggedFlowable(flowable, LeafTag(role, alt, lang, flowable), self._recorder)

    def begin(self, role: str, lang: str | None = None) -> Flowable:
        """A zero-size flowable that opens container element `role` where it is drawn."""
        if role not in CONTAINER_ROLES:
            raise ValueError(f"container role must be one of {sorted(CONTAINER_ROLES)}, got {role!r}")
        return self._marker(role, lang)

    def end(self) -> Flowable:
        """A zero-size flowable that closes the innermost open container where it is drawn."""
        return self._marker(None)

    def table(
        self, data: Sequence[Sequence[Any]], header_rows: int = 1, header_columns: int = 0, **table_kwargs: Any
    ) -> Flowable:
        """A Table tagged Table > TR > TH/TD; `table_kwargs` (colWidths, style, repeatRows…) go to Table.

        repeatRows defaults to `header_rows`; repeated rows on continuation pages are artifacts.
        """
        self._last_keep = False
        rows = [list(row) for row in data]
        if not self.enabled:
            table_kwargs.setdefault("repeatRows", header_rows)
            return Table(rows, **table_kwargs)
        return make_table(self._recorder, rows, header_rows, header_columns, **table_kwargs)

    def toc(self, toc: TableOfContents) -> Flowable:
        """Wrap a TableOfContents so each entry is a TOCI in a TOC element (keep it a top-level item)."""
        self._last_keep = False
        return TaggedTOC(toc, self._recorder) if self.enabled else toc

    def list_flowable(self, items: Sequence[Flowable], **list_kwargs: Any) -> Flowable:
        """A ListFlowable tagged L > LI > Lbl + LBody; `list_kwargs` go to ListFlowable."""
        self._last_keep = False
        if not self.enabled:
            return ListFlowable(list(items), **list_kwargs)
        return TaggedList(
            list(items), self._recorder, lambda role: Marker(self._recorder, role, None, False), **list_kwargs
        )

    def decoration(self, flowable: Flowable, kind: str = "Layout") -> Flowable:
        """Wrap a purely decorative flowable (a rule, a background) so it is drawn as an artifact."""
        check_artifact(kind, None)
        self._last_keep = bool(flowable.getKeepWithNext())
        return Decoration(flowable, kind) if self.enabled else flowable

    @contextlib.contextmanager
    def artifact(self, canvas: Any, kind: str = "Pagination", subtype: str | None = None) -> Iterator[Any]:
        """Draw page furniture inside `/Artifact <</Type /<kind> [/Subtype /<subtype>]>> BDC … EMC`.

        For page callbacks: running header and footer (Pagination, subtype Header/Footer), page
        numbers, or decorative backgrounds (kind Layout or Background).
        """
        check_artifact(kind, subtype)
        if not self.enabled:
            yield canvas
            return
        begin_artifact(canvas, kind, subtype)
        try:
            yield canvas
        finally:
            end_artifact(canvas)

    def _marker(self, role: str | None, lang: str | None = None) -> Marker:
        keep = self._last_keep
        return Marker(self._recorder if self.enabled else None, role, lang, keep)


def _check_leaf(role: str, alt: str | None) -> None:
    """Reject unknown leaf roles and figures without alternative text."""
    if role not in LEAF_ROLES:
        raise ValueError(f"leaf role must be one of {sorted(LEAF_ROLES)}, got {role!r}")
    if role in ALT_REQUIRED and not (alt and alt.strip()):
        raise ValueError(f"a {role} needs alt text (alt=...), got {alt!r}")
