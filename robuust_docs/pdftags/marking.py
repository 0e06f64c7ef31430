"""Flowable wrappers that enclose reportlab drawing in marked content.

This module owns the story-level pieces: `TaggedFlowable` (a leaf such as a paragraph, heading or figure,
drawn inside `/<Role> <</MCID n>> BDC … EMC` and recorded as one element even when it splits over pages),
`Marker` (a zero-size flowable that opens or closes a container element at draw time, in story order),
`Decoration` (a flowable drawn as a Layout artifact) and `LeafTag` (what a leaf becomes in the tree).
"""

# reportlab's API is camelCase (wrap, drawOn, availWidth, rowNo…): the overrides must match it
# ruff: noqa: N802, N803

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable
from reportlab.platypus.paragraph import _HSFrag, _processed_frags

from robuust_docs.pdftags.recorder import Recorder, begin_artifact, end_artifact
from robuust_docs.pdftags.tree import Node

HEADINGS = frozenset({"H1", "H2", "H3", "H4", "H5", "H6"})


@dataclass(eq=False)
class LeafTag:
    """The structure element a leaf flowable (and each of its split parts) belongs to; `source` is the
    whole flowable, whose text describes links found in it."""

    role: str
    alt: str | None = None
    lang: str | None = None
    source: Any = None

    def node(self, recorder: Recorder, canv: Any) -> Node:
        """This leaf's element in the current pass, created under the open container on first use.
        Headings keep their text in the tree (for outlines and tests); other text is read only for links."""
        text = plain_text(self.source) if self.role in HEADINGS else None
        return recorder.keyed(canv, self, self.role, alt=self.alt, lang=self.lang, text=text)

    def describe(self) -> tuple[str | None, dict[str, str] | None]:
        """The plain text of the source and the texts of its links (see `Node`)."""
        return plain_text(self.source), link_texts(self.source)


class DelegatingFlowable(Flowable):
    """A flowable that lays out and splits like the flowable it wraps."""

    def __init__(self, inner: Flowable) -> None:
        self._inner = inner
        self.width = self.height = 0

    @property
    def wrapped(self) -> Flowable:
        """The reportlab flowable inside (e.g. to test `isinstance(..., Paragraph)` in `afterFlowable`)."""
        return self._inner

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_inner":
            raise AttributeError(name)
        return getattr(self._inner, name)

    # platypus asks for these on every flowable it handles: answer without the __getattr__ detour
    @property
    def style(self) -> Any:
        return self._inner.style

    @property
    def _SPACETRANSFER(self) -> bool:
        return getattr(self._inner, "_SPACETRANSFER", False)

    @property
    def _ZEROSIZE(self) -> bool:
        return getattr(self._inner, "_ZEROSIZE", False)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self._inner.wrapOn(self.__dict__.get("canv"), availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = self._inner.splitOn(self.__dict__.get("canv"), availWidth, availHeight)
        if len(parts) == 1 and parts[0] is self._inner:
            return [self]
        return [self._rewrap(part) for part in parts]

    def _rewrap(self, part: Flowable) -> Flowable:
        raise NotImplementedError

    def getSpaceBefore(self) -> float:
        return self._inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self._inner.getSpaceAfter()

    def getKeepWithNext(self) -> bool:
        # platypus switches keepWithNext off on the flowable it grouped (this wrapper): honour that first
        if "keepWithNext" in self.__dict__:
            return self.__dict__["keepWithNext"]
        return self._inner.getKeepWithNext()

    def minWidth(self) -> float:
        return self._inner.minWidth()

    def identity(self, maxLen: int | None = None) -> str:
        return f"{type(self).__name__}({self._inner.identity(maxLen)})"


class TaggedFlowable(DelegatingFlowable):
    """A leaf flowable drawn inside marked content for its structure element (see `LeafTag`)."""

    def __init__(self, inner: Flowable, tag: LeafTag, recorder: Recorder) -> None:
        super().__init__(inner)
        self._tag = tag
        self._recorder = recorder

    @property
    def role(self) -> str:
        """The structure type of this leaf (P, H1, Figure, …)."""
        return self._tag.role

    def _rewrap(self, part: Flowable) -> Flowable:
        return TaggedFlowable(part, self._tag, self._recorder)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        node = self._tag.node(self._recorder, canvas)
        if node.role == "Figure" and node.attributes is None:
            node.attributes = _layout_bbox(canvas, self._inner, (x, y, self.width, self.height), _sW)
        before = self._recorder.begin_marked(canvas, node)
        self._inner.drawOn(canvas, x, y, _sW)
        self._recorder.end_marked(canvas, node, before, self._tag.describe)


class Decoration(DelegatingFlowable):
    """A purely decorative flowable (rule, background) drawn as an artifact."""

    def __init__(self, inner: Flowable, kind: str = "Layout") -> None:
        super().__init__(inner)
        self._kind = kind

    def _rewrap(self, part: Flowable) -> Flowable:
        return Decoration(part, self._kind)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        begin_artifact(canvas, self._kind)
        self._inner.drawOn(canvas, x, y, _sW)
        end_artifact(canvas)


class Marker(Flowable):
    """A zero-size flowable that opens (`role` given) or closes (`role` None) a container at draw time.

    It is invisible to layout. In a frame it acts through `frameAction`, which platypus calls instead of
    laying it out (so spacing and "at the top of the frame" are untouched); inside a container that is
    drawn whole (a ListFlowable that fits) it is drawn as a zero-size, space-transferring flowable; and
    containers skip it when they look for their first and last flowable's spacing. Its `keepWithNext`
    copies the flowable created just before it, so a heading followed by `begin("L")` stays with the list.
    """

    _ZEROSIZE = True
    _SPACETRANSFER = True

    def __init__(self, recorder: Recorder | None, role: str | None, lang: str | None, keep: bool) -> None:
        self._recorder = recorder
        self.role = role
        self._lang = lang
        self.keepWithNext = keep
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def frameAction(self, frame: Any) -> None:
        self._act(self.canv)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self._act(canvas)

    def _act(self, canvas: Any) -> None:
        if self._recorder is None:
            return
        if self.role is None:
            self._recorder.close(canvas)
        else:
            self._recorder.open(canvas, self.role, self._lang)

    def identity(self, maxLen: int | None = None) -> str:
        return f"Marker({self.role or '/end'})"


def plain_text(flowable: Any) -> str | None:
    """The text of a string or of a flowable that has `getPlainText` (a Paragraph), else None."""
    if isinstance(flowable, str):
        return flowable or None
    text = flowable.getPlainText() if hasattr(flowable, "getPlainText") else None
    return text or None


def link_texts(flowable: Any) -> dict[str, str] | None:
    """The text of each `<a href>` link in a Paragraph, keyed by its target (before or after layout)."""
    texts: dict[str, str] = {}
    for style, text in _styled_texts(getattr(flowable, "frags", None) or []):
        for _, target in getattr(style, "link", None) or ():
            texts[target] = texts.get(target, "") + text
    return {target: " ".join(text.split()) for target, text in texts.items()} or None


def _styled_texts(frags: list[Any]) -> Iterator[tuple[Any, str]]:
    """(style, text) pairs of a Paragraph's fragments; after layout reportlab keeps them as words."""
    if not _processed_frags(frags):
        yield from ((frag, getattr(frag, "text", "")) for frag in frags)
        return
    for word in frags:
        pairs = word[1:]
        yield from pairs
        if isinstance(word, _HSFrag) and pairs:
            yield pairs[-1][0], " "  # the space after the word, styled (linked) like its end


def _layout_bbox(canv: Any, inner: Flowable, box: tuple[float, float, float, float], sw: float) -> dict[str, object]:
    """The /A Layout attributes of a figure: its bounding box (x, y, width, height) in default user space."""
    x, y, width, height = box
    x = inner._hAlignAdjust(x, sw) if hasattr(inner, "_hAlignAdjust") else x
    try:
        x0, y0 = canv.absolutePosition(x, y)
        x1, y1 = canv.absolutePosition(x + width, y + height)
    except (AttributeError, ValueError):
        return {"O": "Layout", "Placement": "Block"}
    box = [round(min(x0, x1), 2), round(min(y0, y1), 2), round(max(x0, x1), 2), round(max(y0, y1), 2)]
    return {"O": "Layout", "Placement": "Block", "BBox": box}
