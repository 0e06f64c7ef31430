"""The logical structure of one document as plain Python objects.

This module owns the *model* of the structure tree: elements (`Node`), their references to marked content
(`MarkedContent`, one MCID on one page) and to link annotations (`Annotation`), and `StructureTree`, which
hands out MCIDs per page and remembers which element owns each one (the future ParentTree). It knows nothing
about reportlab or pikepdf: the marking side fills it while drawing, `structure.py` writes it into the PDF.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class MarkedContent:
    """One marked-content sequence: `mcid` on the 1-based `page`."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annotation:
    """A link annotation: entry `index` of the 1-based `page`'s /Annots array."""

    page: int
    index: int


Kid = Union["Node", MarkedContent, Annotation]


@dataclass(eq=False)
class Node:
    """One structure element (`role` is a standard structure type such as P, H1, Table, TD).

    `kids` keeps child elements and content references in reading order. `attributes` becomes the
    element's /A dictionary (strings are written as PDF names). `text` is the plain text of the element
    and `links` maps each link target in it to the link's text; both are filled for headings (text) and
    for elements that contain links, whose annotations they describe.
    """

    role: str
    kids: list[Kid] = field(default_factory=list)
    alt: str | None = None
    lang: str | None = None
    attributes: dict[str, object] | None = None
    text: str | None = None
    links: dict[str, str] | None = None

    def children(self) -> Iterator[Node]:
        """The child elements, without content references."""
        return (kid for kid in self.kids if isinstance(kid, Node))

    def walk(self) -> Iterator[Node]:
        """This element and all its descendants, depth first in reading order."""
        yield self
        for child in self.children():
            yield from child.walk()

    def content(self) -> Iterator[MarkedContent | Annotation]:
        """Every content reference in this element's subtree, in reading order."""
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.content()
            else:
                yield kid

    def first_page(self) -> int | None:
        """The page of the first content in this subtree (None if the subtree is empty)."""
        return next((ref.page for ref in self.content()), None)


class StructureTree:
    """The tree for one drawing pass: a Document root, a stack of open containers and the MCID registry."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self._stack: list[Node] = [self.root]
        self._keyed: dict[object, Node] = {}
        self.page_mcids: dict[int, list[Node]] = {}

    @property
    def current(self) -> Node:
        """The innermost open container: new elements are appended here."""
        return self._stack[-1]

    def open(self, role: str, lang: str | None = None) -> Node:
        """Append a container element to the current one and make it current."""
        node = Node(role, lang=lang)
        self.current.kids.append(node)
        self._stack.append(node)
        return node

    def close(self) -> None:
        """Close the innermost open container."""
        if len(self._stack) == 1:
            raise ValueError("end() without a matching begin(): no structure element is open")
        self._stack.pop()

    def keyed(self, key: object, role: str, parent: Node | None = None, **details: object) -> Node:
        """The element registered under `key`, created (and appended to `parent` or the current
        container) on first use. Split parts of one flowable share a key and so one element."""
        node = self._keyed.get(key)
        if node is None:
            node = Node(role, **details)  # type: ignore[arg-type]
            (parent or self.current).kids.append(node)
            self._keyed[key] = node
        return node

    def mark(self, node: Node, page: int) -> int:
        """Allocate the next MCID on `page` for `node` and record it as the node's next kid."""
        owners = self.page_mcids.setdefault(page, [])
        mcid = len(owners)
        owners.append(node)
        node.kids.append(MarkedContent(page, mcid))
        return mcid

    def link(self, node: Node, page: int, index: int) -> None:
        """Record link annotation `index` of `page` as a Link element inside `node`."""
        node.kids.append(Node("Link", kids=[Annotation(page, index)], text=node.text, links=node.links))

    def annotations(self) -> set[Annotation]:
        """Every annotation the tree refers to."""
        return {ref for ref in self.root.content() if isinstance(ref, Annotation)}
