"""Tagged PDF (the structure layer PDF/UA-1 asks for) on top of reportlab platypus.

Two phases. While reportlab draws, the flowables made by a `Tagger` write marked content
(`/P <</MCID 0>> BDC … EMC`, artifacts as `/Artifact … BDC … EMC`) and record a structure tree in Python.
After the build, `write_structure` writes that tree into the PDF with pikepdf.

API (all on one `tagger = Tagger()` per document)::

    tagger.leaf(flowable, role, alt=None, lang=None) -> Flowable
        Paragraph, heading, Image, Drawing… as one element. Roles: P, H1–H6, Figure and Formula (alt
        required, written as /Alt; a Figure also gets its /BBox), Caption, Lbl, LBody, Span, Note, Quote,
        Code, Reference, BlockQuote. A leaf that splits over pages stays one element with marked content
        on each page. Do not wrap containers (KeepTogether, tables, lists): wrapping one that holds
        tagged flowables fails while drawing (nested marked content).
        Spacers and page breaks are not wrapped: they draw nothing.
        The wrapper delegates attributes to the flowable; `.wrapped` gives the flowable itself and `.role`
        the role (use these in `afterFlowable`, where `isinstance(f, Paragraph)` sees the wrapper).
    tagger.begin(role, lang=None) -> Flowable / tagger.end() -> Flowable
        Zero-size flowables that open/close a container (Sect, Div, Part, Art, L, LI, LBody, TOC, TOCI,
        BlockQuote, Note, Caption, Index, NonStruct) where they are reached, in story order, whatever the
        page breaks. The layout is exactly that of the story without them: in a frame they act through
        `frameAction` (no spacing, no "top of frame" change), containers skip them when they look for
        their first/last spacing, and they copy keepWithNext from the flowable made just before them (a
        heading followed by begin("L") stays with the list). Containers in which nothing was drawn are
        left out of the tree; end() without an open container fails the build.
    tagger.table(data, header_rows=1, header_columns=0, **table_kwargs) -> Flowable
        A reportlab Table (table_kwargs: colWidths, style, repeatRows (default header_rows), …) tagged
        Table > TR > TH/TD. TH carry /A <</O /Table /Scope /Column>> (header rows) or /Row (header
        columns); spans become /ColSpan and /RowSpan. Backgrounds and lines are Layout artifacts; rows
        repeated on a continuation page are Pagination artifacts, so each TH appears once. Cells hold
        strings or plain flowables (not tagged ones). cornerRadii is refused.
    tagger.list_flowable(items, **list_kwargs) -> Flowable
        A ListFlowable (bulleted or numbered) tagged L > LI > Lbl (the bullet) + LBody (the item).
        Flat lists only. (A list can also be built by hand with begin("L"), begin("LI"), leaf(…, "LBody"),
        end(), end(); a Paragraph's own bulletText is then part of its LBody.)
    tagger.toc(table_of_contents) -> Flowable
        Wraps reportlab's TableOfContents (keep the wrapper a top-level story item; multiBuild finds it
        and passes its indexing calls through). Tagged TOC > TOCI, one TOCI per entry holding the entry's
        text, dots and page number; the entry links become Link elements inside the TOCI.
    tagger.decoration(flowable, kind="Layout") -> Flowable
        A decorative flowable (HRFlowable, cover background) drawn as an artifact (Layout, Background).
    with tagger.artifact(canvas, kind="Pagination", subtype=None): ...
        For page callbacks: running header/footer and page numbers (Pagination, subtype Header/Footer)
        or decoration (Layout, Background).
    tagger.tree / tagger.reset()
        The structure tree of the last drawing pass. Each build or multiBuild pass draws on a new canvas,
        which starts a new tree by itself; reset() is only for reusing a tagger by hand.
    Tagger(enabled=False)
        Same calls, untagged story (plain flowables, no-op markers, nothing recorded).

    write_structure(source, tagger, title, lang="nl-NL", out_path=None) -> bytes | None
        source: the PDF as bytes or a path. Writes StructTreeRoot → Document → elements, the ParentTree,
        /StructParents, /Tabs /S, /MarkInfo, /Lang, /ViewerPreferences DisplayDocTitle, the title in Info
        and XMP (dc:title, pdfuaid:part 1). Returns bytes when out_path is None.

Links in paragraphs: each link annotation drawn inside a tagged element becomes a Link element (OBJR to
the annotation) inside that element, after its text. The Link element gets /Alt and the annotation
/Contents (when empty) = the link's own text (from the Paragraph's <a> fragments, matched by URI; an
internal link when it is the element's only one), else its URI, else the element's text; plus /StructParent
and /F 4.
Link annotations drawn outside any element (e.g. in a page callback) become Link elements at the end of the
Document. The link text itself stays in the element's marked content (reportlab draws a paragraph line in
one text object, so it cannot be cut into a separate Link sequence), so a screen reader meets it twice:
in the paragraph and as the link's alternative text.

Tagged content drawn inside other tagged content (a leaf wrapping a container that holds leaves, a table
cell holding a leaf) raises ValueError while drawing, rather than writing nested marked content.

Table of contents: wrap reportlab's TableOfContents with `tagger.toc()`; its cell font is set to the
level-0 entry style's font (its default table style names none, which would reference Helvetica).

What the caller must do for a clean result: use embedded fonts everywhere (doc initialFontName, table
FONTNAME, bulletFontName, Drawing initialFontName and label fonts), draw all page furniture inside
`artifact()`, and tag every drawn flowable (anything drawn outside a leaf or artifact is untagged content).
"""

from robuust_docs.pdftags.structure import write_structure
from robuust_docs.pdftags.tagger import CONTAINER_ROLES, LEAF_ROLES, Tagger
from robuust_docs.pdftags.tree import Annotation, MarkedContent, Node, StructureTree

__all__ = [
    "CONTAINER_ROLES",
    "LEAF_ROLES",
    "Annotation",
    "MarkedContent",
    "Node",
    "StructureTree",
    "Tagger",
    "write_structure",
]
