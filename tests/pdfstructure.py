"""Reading a tagged PDF back with pikepdf: marked content per page, the structure tree, the ParentTree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

PAINTING = {"Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "INLINE IMAGE"}


@dataclass
class PageMarks:
    """What one page's content stream marks: MCIDs in order, and painting outside marked content."""

    mcids: list[int] = field(default_factory=list)
    untagged: list[str] = field(default_factory=list)
    nested: list[str] = field(default_factory=list)
    balanced: bool = True


def scan_page(page: pikepdf.Page) -> PageMarks:
    """Walk a page's content stream: MCIDs of BDC operators, painting operators outside any marked
    content, marked content opened inside other marked content."""
    marks, stack = PageMarks(), []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" else None
            mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
            if stack:
                marks.nested.append(f"{operands[0]} inside {stack[-1]}")
            stack.append(str(operands[0]))
            if mcid is not None:
                marks.mcids.append(int(mcid))
        elif op == "EMC":
            marks.balanced &= bool(stack)
            stack = stack[:-1]
        elif op in PAINTING and not stack:
            marks.untagged.append(op)
    marks.balanced &= not stack
    return marks


def kids(elem: pikepdf.Object) -> list[pikepdf.Object]:
    """An element's /K as a list (it may be a single kid)."""
    k = elem.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def is_elem(kid: object) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type", pikepdf.Name.StructElem) == pikepdf.Name.StructElem


def walk(elem: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """Every structure element below `elem` (itself included), depth first."""
    yield elem
    for kid in kids(elem):
        if is_elem(kid):
            yield from walk(kid)


def role(elem: pikepdf.Object) -> str:
    return str(elem.S)[1:]


def claims(elem: pikepdf.Object, page_index: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """(page index, MCID) of the marked content an element holds directly."""
    out = []
    for kid in kids(elem):
        if isinstance(kid, int):
            out.append((page_index[elem.Pg.objgen], int(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
            out.append((page_index[kid.Pg.objgen], int(kid.MCID)))
    return out


def objrs(elem: pikepdf.Object) -> list[pikepdf.Object]:
    return [k for k in kids(elem) if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.OBJR]


def number_tree(node: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """A number tree (/Nums, /Kids) as a dict."""
    out: dict[int, pikepdf.Object] = {}
    nums = node.get("/Nums", pikepdf.Array())
    for i in range(0, len(nums), 2):
        out[int(nums[i])] = nums[i + 1]
    for child in node.get("/Kids", pikepdf.Array()):
        out.update(number_tree(child))
    return out


def assert_parent_tree_matches_streams(pdf: pikepdf.Pdf) -> None:
    """Every MCID in every page stream is in the ParentTree, owned by the element that holds it, and every
    element's MCID is in its page's stream; MCIDs are unique and dense from 0 on each page."""
    page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    parent_tree = number_tree(pdf.Root.StructTreeRoot.ParentTree)
    (document,) = kids(pdf.Root.StructTreeRoot)
    claimed = {c: e.objgen for e in walk(document) for c in claims(e, page_index)}
    streams = [scan_page(page).mcids for page in pdf.pages]
    for index, page in enumerate(pdf.pages):
        mcids = streams[index]
        if not mcids:
            assert "/StructParents" not in page.obj
            continue
        assert sorted(mcids) == list(range(len(mcids))), f"page {index + 1}: MCIDs not unique and dense"
        owners = parent_tree[int(page.obj.StructParents)]
        assert len(owners) == len(mcids), f"page {index + 1}: ParentTree array length"
        for mcid, owner in enumerate(owners):
            assert claimed.get((index, mcid)) == owner.objgen, f"page {index + 1} MCID {mcid}: wrong owner"
    for page_number, mcid in claimed:
        assert mcid in streams[page_number], f"tree names missing MCID {mcid} on page {page_number + 1}"
    assert int(pdf.Root.StructTreeRoot.ParentTreeNextKey) == max(parent_tree) + 1
