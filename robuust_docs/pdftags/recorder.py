"""Writing marked-content operators into reportlab's page streams and recording them in the tree.

This module owns the link between a reportlab canvas and the `StructureTree` of the current drawing pass:
`BDC`/`EMC` pairs for tagged content and artifacts, the per-page MCIDs, and the link annotations created
while a tagged element was drawn. A new canvas means a new pass (`multiBuild` draws the story once per pass
on a fresh canvas), so the tree starts afresh and the last pass wins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from robuust_docs.pdftags.tree import Node, StructureTree

Describe = Callable[[], tuple[str | None, dict[str, str] | None]]
ARTIFACT_TYPES = ("Pagination", "Layout", "Page", "Background")
ARTIFACT_SUBTYPES = ("Header", "Footer", "Watermark")


class Recorder:
    """Marks content on the canvas and records each MCID in the tree of the current pass."""

    def __init__(self) -> None:
        self.tree = StructureTree()
        self._canvas: Any = None
        self._open: list[str] = []  # roles of the marked-content sequences being drawn

    def reset(self) -> None:
        """Forget the current pass: the next drawing starts an empty tree."""
        self.tree = StructureTree()
        self._canvas = None
        self._open = []

    def sync(self, canv: Any) -> StructureTree:
        """The tree for `canv`, starting a new one when a new canvas (a new pass) appears."""
        if canv is not self._canvas:
            self.reset()
            self._canvas = canv
        return self.tree

    def begin_marked(self, canv: Any, node: Node) -> int:
        """Open `/<role> <</MCID n>> BDC` for `node`; returns the annotation count to pass to `end_marked`."""
        tree = self.sync(canv)
        if self._open:
            raise ValueError(
                f"tagged {node.role} drawn inside tagged {self._open[-1]} on page {canv.getPageNumber()}: wrap "
                "leaf flowables only, not containers (KeepTogether, tables…) that hold tagged flowables"
            )
        self._open.append(node.role)
        mcid = tree.mark(node, canv.getPageNumber())
        canv.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")
        return _annotation_count(canv)

    def end_marked(self, canv: Any, node: Node, annotations_before: int, describe: Describe | None = None) -> None:
        """Close the sequence and file link annotations drawn inside it as Link elements of `node`;
        `describe` gives the element's text and link texts, read only when there are links."""
        canv.addLiteral("EMC")
        self._open.pop()
        annotations = range(annotations_before, _annotation_count(canv))
        if annotations and describe is not None and node.links is None:
            text, node.links = describe()
            node.text = node.text or text
        page = canv.getPageNumber()
        for index in annotations:
            self.tree.link(node, page, index)

    def keyed(self, canv: Any, key: object, role: str, parent: Node | None = None, **details: object) -> Node:
        """The element for `key` in the current pass (see `StructureTree.keyed`)."""
        return self.sync(canv).keyed(key, role, parent, **details)

    def open(self, canv: Any, role: str, lang: str | None = None) -> None:
        """Open a container element at the current point of the story."""
        self.sync(canv).open(role, lang)

    def close(self, canv: Any) -> None:
        """Close the innermost container element."""
        self.sync(canv).close()


def begin_artifact(canv: Any, kind: str = "Pagination", subtype: str | None = None) -> None:
    """Open `/Artifact <</Type /<kind> [/Subtype /<subtype>]>> BDC`."""
    check_artifact(kind, subtype)
    extra = f" /Subtype /{subtype}" if subtype else ""
    canv.addLiteral(f"/Artifact <</Type /{kind}{extra}>> BDC")


def end_artifact(canv: Any) -> None:
    """Close an artifact opened with `begin_artifact`."""
    canv.addLiteral("EMC")


def check_artifact(kind: str, subtype: str | None) -> None:
    """Reject artifact types and subtypes that PDF does not define."""
    if kind not in ARTIFACT_TYPES:
        raise ValueError(f"artifact kind must be one of {ARTIFACT_TYPES}, got {kind!r}")
    if subtype is not None and subtype not in ARTIFACT_SUBTYPES:
        raise ValueError(f"artifact subtype must be one of {ARTIFACT_SUBTYPES}, got {subtype!r}")


def _annotation_count(canv: Any) -> int:
    """How many annotations the current page has so far (reportlab keeps them in `_annotationrefs`)."""
    return len(getattr(canv, "_annotationrefs", ()))
