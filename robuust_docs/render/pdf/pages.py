"""`heading_pages`: where each heading of a laid-out PDF landed, read from its outline (bookmarks). The Word
renderer writes these numbers into its table of contents, so that Word shows page numbers the moment the file
opens; any PDF with an outline will do (ours, or LibreOffice's export of the Word file in the tests).
"""

from __future__ import annotations

import io

import pikepdf

from robuust_docs.errors import Problem, RenderError

HeadingPage = tuple[int, str, int]  # (level 1…, title, page number from 1)


def heading_pages(pdf: bytes) -> tuple[HeadingPage, ...]:
    """(level, title, page) of every outline entry, in document order; () when the PDF has no outline."""
    try:
        document = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PdfError as exc:
        raise RenderError("De PDF voor de paginanummers is onleesbaar", (Problem("pdf", str(exc)),)) from None
    with document:
        pages = {page.objgen: number for number, page in enumerate(document.pages, start=1)}
        names = _named_destinations(document)
        found: list[HeadingPage] = []
        with document.open_outline() as outline:
            _walk(outline.root, 1, pages, names, found)
    return tuple(found)


def _walk(items, level: int, pages: dict, names: dict, found: list) -> None:
    for item in items:
        page = _page_of(item, pages, names)
        if page is not None:
            found.append((level, " ".join(str(item.title).split()), page))
        _walk(item.children, level + 1, pages, names, found)


def _page_of(item, pages: dict, names: dict) -> int | None:
    destination = item.destination
    if destination is None and item.action is not None:
        destination = item.action.get("/D")
    if isinstance(destination, pikepdf.String | pikepdf.Name):
        destination = names.get(str(destination).removeprefix("/"))
    if isinstance(destination, pikepdf.Dictionary):
        destination = destination.get("/D")
    if isinstance(destination, pikepdf.Array) and len(destination) and isinstance(destination[0], pikepdf.Dictionary):
        return pages.get(destination[0].objgen)
    return None


def _named_destinations(document: pikepdf.Pdf) -> dict:
    names = {}
    root = document.Root
    if "/Dests" in root:  # PDF 1.1 style: a dictionary of names
        names.update({str(key).removeprefix("/"): value for key, value in root.Dests.items()})
    if "/Names" in root and "/Dests" in root.Names:  # PDF 1.2 style: a name tree of strings
        names.update({str(key): value for key, value in pikepdf.NameTree(root.Names.Dests).items()})
    return names
