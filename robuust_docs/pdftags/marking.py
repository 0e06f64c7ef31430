"""Flowable wrappers that enclose reportlab drawing in marked content.

This module owns the story-level pieces: `TaggedFlowable` (a leaf such as a paragraph, heading or figure,
drawn inside `/<Role> <</MCID n>> BDC … EMC` and recorded as one element even when it splits over pages),
`Marker` (a zero-size flowable that opens or closes a container element at draw time, in story order),
`Decoration` (a flowable drawn as a Layout artifact) and `LeafTag` (what a leaf becomes in the tree).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable

from robuust_docs.pdftags.recorder import Recorder, begin_artifact, end_artifact
from robuust_docs.pdftags.tree import Node


@dataclass(eq=False)
class LeafTag:
    """The structure element a leaf flowable (and each of its split parts) belongs to."""

    role: str
    alt: str | None = None
    lang: str | None = None
    text: str | None = None
    links: dict[str, str] | None = None

    def node(self, recorder: Recorder, canv: Any) -> Node:
        """This leaf's element in the current pass, created under the open container on first use."""
        return recorder.keyed(canv, self, self.role, alt=self.alt, lang=self.lang, text=self.text,
                              links=self.links)

    @classmethod
    def describing(cls, flowable: Flowable, role: str, alt: str | None = None,
                   lang: str | None = None) -> LeafTag:
        """A tag for `flowable` with its plain text and link texts (for Paragraphs) filled in."""
        return cls(role, alt, lang, text=plain_text(flowable), links=link_texts(flowable))


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

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = self._inner.wrapOn(self.__dict__.get("canv"), availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = self._inner.splitOn(self.__dict__.get("canv"), availWidth, availHeight)
        if len(parts) == 1 and parts[0] is self._inner:
            return [self]
        return [self._rewrap(part) for part in parts]

    def _rewrap(self, part: Flowable) -> Flowable:
        raise NotImplementedError

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self._inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self._inner.getSpaceAfter()

    def getKeepWithNext(self) -> bool:  # noqa: N802
        # platypus switches keepWithNext off on the flowable it grouped (this wrapper): honour that first
        if "keepWithNext" in self.__dict__:
            return self.__dict__["keepWithNext"]
        return self._inner.getKeepWithNext()

    def minWidth(self) -> float:  # noqa: N802
        return self._inner.minWidth()

    def identity(self, maxLen: int | None = None) -> str:  # noqa: N803
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

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        node = self._tag.node(self._recorder, canvas)
        if node.role == "Figure" and node.attributes is None:
            node.attributes = _layout_bbox(canvas, self._inner, (x, y, self.width, self.height), _sW)
        before = self._recorder.begin_marked(canvas, node)
        self._inner.drawOn(canvas, x, y, _sW)
        self._recorder.end_marked(canvas, node, before)


class Decoration(DelegatingFlowable):
    """A purely decorative flowable (rule, background) drawn as an artifact."""

    def __init__(self, inner: Flowable, kind: str = "Layout") -> None:
        super().__init__(inner)
        self._kind = kind

    def _rewrap(self, part: Flowable) -> Flowable:
        return Decoration(part, self._kind)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        begin_artifact(canvas, self._kind)
        self._inner.drawOn(canvas, x, y, _sW)
        end_artifact(canvas)


class Marker(Flowable):
    """A zero-size flowable that opens (`role` given) or closes (`role` None) a container at draw time.

    It takes no space and transfers the spacing around it, so the layout is the same as without it. Its
    `keepWithNext` copies the flowable created just before it, so a heading followed by `begin("L")` still
    stays with the list.
    """

    _ZEROSIZE = True
    _SPACETRANSFER = True

    def __init__(self, recorder: Recorder | None, role: str | None, lang: str | None, keep: bool) -> None:
        self._recorder = recorder
        self.role = role
        self._lang = lang
        self.keepWithNext = keep
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        if self._recorder is None:
            return
        if self.role is None:
            self._recorder.close(canvas)
        else:
            self._recorder.open(canvas, self.role, self._lang)

    def identity(self, maxLen: int | None = None) -> str:  # noqa: N803
        return f"Marker({self.role or '/end'})"


def plain_text(flowable: Any) -> str | None:
    """The text of a string or of a flowable that has `getPlainText` (a Paragraph), else None."""
    if isinstance(flowable, str):
        return flowable or None
    text = flowable.getPlainText() if hasattr(flowable, "getPlainText") else None
    return text or None


def link_texts(flowable: Any) -> dict[str, str] | None:
    """The text of each `<a href>` link in a Paragraph, keyed by its target."""
    texts: dict[str, str] = {}
    for frag in getattr(flowable, "frags", None) or ():
        for _, target in getattr(frag, "link", None) or ():
            texts[target] = texts.get(target, "") + getattr(frag, "text", "")
    return {target: " ".join(text.split()) for target, text in texts.items()} or None


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
