"""A reportlab ListFlowable tagged as L > LI > Lbl + LBody.

This module owns list tagging. `ListFlowable` lays its items out as `LIIndenter`s that draw a bullet
(`BulletDrawer`) and then the item's flowable; `TaggedList` wraps the bullet as the item's Lbl, the
flowable as its LBody, and puts zero-size markers around each item (LI) and around the whole list (L), so
the list splits over pages like an untagged one. An item made of several flowables gets one LBody per
flowable inside the same LI. Nested lists are not supported: pass a flat list of flowables.
"""

# reportlab's API is camelCase (wrap, drawOn, availWidth, rowNo…): the overrides must match it
# ruff: noqa: N802, N803

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable, ListFlowable
from reportlab.platypus.flowables import LIIndenter

from robuust_docs.pdftags.marking import LeafTag, Marker, TaggedFlowable
from robuust_docs.pdftags.recorder import Recorder

MarkerFactory = Callable[[str | None], Marker]


class LabelBullet:
    """A `BulletDrawer` whose drawing is marked as the list item's Lbl."""

    def __init__(self, drawer: Any, recorder: Recorder) -> None:
        self._drawer = drawer
        self._recorder = recorder
        self._tag = LeafTag("Lbl")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_drawer":
            raise AttributeError(name)
        return getattr(self._drawer, name)

    def drawOn(self, indenter: Any, canv: Any, x: float, y: float, _sW: float = 0) -> None:
        node = self._tag.node(self._recorder, canv)
        before = self._recorder.begin_marked(canv, node)
        self._drawer.drawOn(indenter, canv, x, y, _sW)
        self._recorder.end_marked(canv, node, before)


class TaggedList(ListFlowable):
    """A ListFlowable whose laid-out content carries structure markers and tagged bullets and bodies."""

    def __init__(
        self, flowables: list[Flowable], recorder: Recorder, marker: MarkerFactory, **list_kwargs: Any
    ) -> None:
        self._recorder = recorder
        self._marker = marker
        check_items(flowables)
        super().__init__(flowables, **list_kwargs)

    def _getContent(self) -> list[Flowable]:
        return tag_list_content(super()._getContent(), self._recorder, self._marker)


def tag_list_content(content: list[Flowable], recorder: Recorder, marker: MarkerFactory) -> list[Flowable]:
    """Insert L/LI markers into a ListFlowable's content and tag each indenter's bullet and body.

    Idempotent per indenter: reportlab may lay the content out more than once (`_findSplit`)."""
    out: list[Flowable] = [marker("L")]
    item_open = False
    for flowable in content:
        if not isinstance(flowable, LIIndenter):
            out.append(_tagged(flowable, "Caption", recorder))
            continue
        if flowable._bullet:
            if item_open:
                out.append(marker(None))
            out.append(marker("LI"))
            item_open = True
            if not isinstance(flowable._bullet, LabelBullet):
                flowable._bullet = LabelBullet(flowable._bullet, recorder)
        flowable._flowable = _tagged(flowable._flowable, "LBody", recorder)
        out.append(flowable)
    if item_open:
        out.append(marker(None))
    out.append(marker(None))
    return out


def check_items(items: list[Flowable]) -> None:
    """List items must be plain flowables: tagged ones would nest, nested lists are not supported."""
    for number, item in enumerate(items, start=1):
        if isinstance(item, (TaggedFlowable, ListFlowable, LIIndenter)):
            raise ValueError(
                f"list item {number} is a {type(item).__name__}; pass plain flowables "
                "(no tagged flowables, nested lists or LIIndenters)"
            )


def _tagged(flowable: Flowable, role: str, recorder: Recorder) -> Flowable:
    """The flowable as a leaf `role`, unless an earlier layout of the content wrapped it already."""
    if isinstance(flowable, TaggedFlowable):
        return flowable
    return TaggedFlowable(flowable, LeafTag(role, source=flowable), recorder)
