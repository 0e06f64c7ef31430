"""Writing the recorded structure tree into the finished PDF with pikepdf.

This module owns the post-processing step `write_structure`: StructTreeRoot → Document → elements (with
/Pg, /Alt, /Lang, /A), the ParentTree (one array per page, dense from MCID 0, then one entry per link
annotation), /StructParents and /Tabs /S on the pages, link annotations as OBJR kids of Link elements
(with /StructParent, /Contents and the print flag), the catalog entries (/MarkInfo, /Lang,
/ViewerPreferences) and the title in both the Info dictionary and XMP (dc:title, pdfuaid:part 1).
"""

from __future__ import annotations

import io
import os
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from robuust_docs.pdftags.tree import Annotation, MarkedContent, Node, StructureTree

PRINT_FLAG = 4
# reproducible /ID; the structure elements go into compressed object streams (PDF 1.5+)
SAVE_OPTIONS: dict[str, Any] = {"deterministic_id": True, "object_stream_mode": pikepdf.ObjectStreamMode.generate}
# qpdf compresses every stream of the PDF as it saves it (reportlab leaves a tagged PDF's streams to it, see
# render/pdf/document.py): zlib's level 1 instead of its default 6 makes that save 30% faster (11,3 -> 8,1 ms of
# a handreiking, issue 18) for files 9% larger (the 40 sample PDFs 6,4 -> 7,0 MB); the Word charts' PNGs' trade.
FLATE_LEVEL = 1


def write_structure(
    source: bytes | str | os.PathLike[str],
    tagger: Any,
    title: str,
    lang: str = "nl-NL",
    out_path: str | os.PathLike[str] | None = None,
) -> bytes | None:
    """Add the structure tree of `tagger` (a Tagger or a StructureTree) to the PDF `source`.

    `source` is the PDF as bytes or a path. Returns the tagged PDF as bytes when `out_path` is None;
    otherwise writes it to `out_path` (which may be `source` itself) and returns None.
    """
    tree: StructureTree = getattr(tagger, "tree", tagger)
    with _open(source) as pdf:
        _check_pages(pdf, tree)
        _TreeWriter(pdf, tree).write()
        _mark_catalog(pdf, lang)
        _write_title(pdf, title)
        pikepdf.settings.set_flate_compression_level(FLATE_LEVEL)  # (qpdf's setting, for the whole process)
        if out_path is None:
            buffer = io.BytesIO()
            pdf.save(buffer, **SAVE_OPTIONS)
            return buffer.getvalue()
        pdf.save(out_path, **SAVE_OPTIONS)
        return None


def _open(source: bytes | str | os.PathLike[str]) -> pikepdf.Pdf:
    """Open the PDF from bytes or a path (a path may be overwritten by the result)."""
    if isinstance(source, (bytes, bytearray)):
        return pikepdf.open(io.BytesIO(source))
    return pikepdf.open(source, allow_overwriting_input=True)


def _check_pages(pdf: pikepdf.Pdf, tree: StructureTree) -> None:
    """The tree must describe this PDF: every page it marked must exist."""
    pages = [ref.page for ref in tree.root.content()]
    if pages and max(pages) > len(pdf.pages):
        raise ValueError(f"the structure tree refers to page {max(pages)}, the PDF has {len(pdf.pages)} pages")


class _TreeWriter:
    """Turns the `StructureTree` into StructElem dictionaries and the ParentTree of one PDF."""

    def __init__(self, pdf: pikepdf.Pdf, tree: StructureTree) -> None:
        self.pdf = pdf
        self.tree = tree
        self.pages = [page.obj for page in pdf.pages]
        self.elements: dict[int, pikepdf.Object] = {}  # id(node) -> its StructElem
        self.annotations: list[tuple[pikepdf.Object, pikepdf.Object]] = []  # (annotation, Link element)
        self.first_pages: dict[int, int | None] = {}  # id(node) -> first page with its content

    def write(self) -> None:
        """Write StructTreeRoot, all elements, the ParentTree and the page entries."""
        root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = Node("Document", kids=[*self.tree.root.kids, *_orphan_links(self.pdf, self.tree)])
        _first_pages(document, self.first_pages)
        root.K = Array([self._element(document, root)])
        nums, next_key = self._parent_tree()
        root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=nums))
        root.ParentTreeNextKey = next_key
        self.pdf.Root.StructTreeRoot = root
        for page in self.pages:
            page.Tabs = Name.S

    def _element(self, node: Node, parent: pikepdf.Object) -> pikepdf.Object:
        """The StructElem for `node` (and, recursively, its non-empty children)."""
        page = self.first_pages[id(node)]
        entries: dict[str, Any] = {"/Type": Name.StructElem, "/S": Name("/" + node.role), "/P": parent}
        if page is not None:
            entries["/Pg"] = self.pages[page - 1]
        if node.alt:
            entries["/Alt"] = String(node.alt)
        if node.lang:
            entries["/Lang"] = String(node.lang)
        if node.attributes:
            entries["/A"] = Dictionary({"/" + key: _pdf_value(value) for key, value in node.attributes.items()})
        elem = self.pdf.make_indirect(Dictionary(entries))
        self.elements[id(node)] = elem
        kids = [self._kid(kid, node, elem, page) for kid in node.kids if self._has_content(kid)]
        elem.K = kids[0] if len(kids) == 1 else Array(kids)
        return elem

    def _has_content(self, kid: Node | MarkedContent | Annotation) -> bool:
        """Content references always count; elements only when something below them was drawn."""
        return not isinstance(kid, Node) or self.first_pages[id(kid)] is not None

    def _kid(self, kid: Node | MarkedContent | Annotation, node: Node, elem: pikepdf.Object, page: int | None) -> Any:
        """One /K entry: a child element, an MCID (an MCR when on another page) or an OBJR."""
        if isinstance(kid, Node):
            return self._element(kid, elem)
        if isinstance(kid, MarkedContent):
            if kid.page == page:
                return kid.mcid
            return Dictionary(Type=Name.MCR, Pg=self.pages[kid.page - 1], MCID=kid.mcid)
        annotation = self.pages[kid.page - 1].Annots[kid.index]
        self._describe_link(annotation, node, elem)
        self.annotations.append((annotation, elem))
        return Dictionary(Type=Name.OBJR, Obj=annotation, Pg=self.pages[kid.page - 1])

    @staticmethod
    def _describe_link(annotation: pikepdf.Object, node: Node, elem: pikepdf.Object) -> None:
        """Print flag, /Contents on the annotation and /Alt on its Link element (the link's text)."""
        description = _link_description(annotation, node)
        annotation.F = PRINT_FLAG
        if not str(annotation.get("/Contents", "")).strip():
            annotation.Contents = String(description)
        if "/Alt" not in elem:
            elem.Alt = String(description)

    def _parent_tree(self) -> tuple[Array, int]:
        """The ParentTree /Nums: pages (array per MCID) first, then annotations; and the next free key."""
        nums = Array()
        key = 0
        for page_number in sorted(self.tree.page_mcids):
            owners = self.tree.page_mcids[page_number]
            self.pages[page_number - 1].StructParents = key
            nums.extend([key, self.pdf.make_indirect(Array([self.elements[id(n)] for n in owners]))])
            key += 1
        for annotation, elem in self.annotations:
            annotation.StructParent = key
            nums.extend([key, elem])
            key += 1
        return nums, key


def _first_pages(node: Node, pages: dict[int, int | None]) -> int | None:
    """Fill `pages` with the first content page of `node` and of every element below it."""
    first = None
    for kid in node.kids:
        page = _first_pages(kid, pages) if isinstance(kid, Node) else kid.page
        if first is None:
            first = page
    pages[id(node)] = first
    return first


def _link_description(annotation: pikepdf.Object, node: Node) -> str:
    """The text of the link behind `annotation`: its text in the paragraph when known, else its URI,
    else the text of the element it sits in."""
    links = node.links or {}
    action = annotation.get("/A")
    if action is not None and "/URI" in action:
        uri = str(action.URI)
        return links.get(uri) or uri
    internal = [text for target, text in links.items() if target.startswith(("#", "document:"))]
    if len(internal) == 1 and internal[0]:
        return internal[0]
    return node.text or "Link"


def _orphan_links(pdf: pikepdf.Pdf, tree: StructureTree) -> list[Node]:
    """Link elements for link annotations drawn outside any tagged element (e.g. in a page callback)."""
    tagged = tree.annotations()
    orphans = []
    for number, page in enumerate(pdf.pages, start=1):
        for index, annotation in enumerate(page.obj.get("/Annots", Array())):
            if annotation.get("/Subtype") == Name.Link and Annotation(number, index) not in tagged:
                orphans.append(Node("Link", kids=[Annotation(number, index)]))
    return orphans


def _mark_catalog(pdf: pikepdf.Pdf, lang: str) -> None:
    """Catalog entries of a tagged document: /MarkInfo, /Lang and DisplayDocTitle."""
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String(lang)
    preferences = pdf.Root.get("/ViewerPreferences", Dictionary())
    preferences.DisplayDocTitle = True
    pdf.Root.ViewerPreferences = preferences


def _write_title(pdf: pikepdf.Pdf, title: str) -> None:
    """The title in the Info dictionary and in XMP, with the PDF/UA identification."""
    pdf.docinfo["/Title"] = String(title)
    new_xmp = "/Metadata" not in pdf.Root
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        if new_xmp:  # else leaving the block would drop the Info entries XMP does not have
            meta.load_from_docinfo(_without_trapped(pdf.docinfo))
        meta["dc:title"] = title
        meta["pdfuaid:part"] = "1"


def _without_trapped(docinfo: pikepdf.Dictionary) -> pikepdf.Dictionary:
    """The Info entries that have an XMP equivalent (pikepdf warns about /Trapped, which stays in Info)."""
    return Dictionary({key: value for key, value in docinfo.items() if key != "/Trapped"})


def _pdf_value(value: object) -> Any:
    """An attribute value as a PDF object: strings become names, lists arrays."""
    if isinstance(value, str):
        return Name("/" + value)
    if isinstance(value, (list, tuple)):
        return Array([_pdf_value(item) for item in value])
    return value
