"""Finishing a rendered Word document with python-docx: the table of contents, keeping things together across
page breaks, and true document properties.

**Table of contents.** The template marks its place with a TOC field; its `\\o "1-2"` switch says which heading
levels it lists (two when it says nothing). The field is replaced by plain entries (styles TOC 1, TOC 2): a
bookmark on every listed heading and per heading a linked entry with a PAGEREF field. There is no enclosing TOC
field on purpose: LibreOffice then computes every PAGEREF from its own layout (inside a TOC field it shows the
stored numbers), and Word shows the stored numbers at once, without the update dialog that `w:updateFields`
brings. Those stored numbers come from a model of Word's page layout run on the finished document (`pages.py`),
after the blocks below are kept together; Word recomputes them on F9 and before printing. The price: Word's
"Update table" does not see the list, so a heading a user adds later is not listed.

**Keeping together.** A heading is kept with what follows; the lead-in paragraphs of a table or a figure (a
"Status:" line, an intro, a sentence ending in a colon) are kept with it; a figure with its caption; a small
table's rows with each other (it moves to the next page whole rather than split); a big table's header row with
its first row; no row splits over a page.

**Properties.** Created and modified are the generation time, last modified by and application "robuust-docs";
the template's page, word and character counts and its thumbnail are dropped, as they describe the template.
"""

from __future__ import annotations

import datetime as _dt
import re

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from lxml import etree

from robuust_docs import __version__
from robuust_docs.files import clean_text
from robuust_docs.render.docx.oxml import field_char, paragraph_style, preserved, qn, run
from robuust_docs.render.docx.pages import estimate_pages
from robuust_docs.render.theme import Theme
from robuust_docs.report.model import DocMeta

APPLICATION = "robuust-docs"
DEFAULT_TOC_LEVELS = 2
SMALL_TABLE_ROWS = 8  # a table of at most this many rows is never split over two pages
LEAD_IN_PARAGRAPHS = 2  # text paragraphs before a table or figure kept with it

_HEADING_NAME = re.compile(r"heading ([1-9])$")
_TOC_NAME = re.compile(r"toc ([1-9])$")
_TOC_LEVELS = re.compile(r'\\o\s+"?(\d)\s*-\s*(\d)"?')


def finish_document(doc: Document, meta: DocMeta, generated: _dt.datetime, theme: Theme) -> None:
    """Fill the table of contents, keep blocks together across page breaks, write the estimated page numbers
    (the text is measured with the theme's fonts) and set the document properties to `generated`."""
    styles = _Styles(doc)
    entries = _fill_toc(doc, styles)
    _keep_together(doc.element.body, styles)
    if entries:
        try:
            pages = estimate_pages(doc, theme)
        except (ValueError, TypeError, KeyError, ZeroDivisionError):  # a template the model cannot read
            pages = {}  # the entries stay without numbers; Word fills them on F9, LibreOffice always
        for heading, number in entries:
            number.text = str(pages[heading]) if heading in pages else ""
    _set_properties(doc, meta, generated)
    _set_app_properties(doc)
    _drop_thumbnail(doc)


# --- table of contents ----------------------------------------------------------------------------------------


class _Styles:
    """The style ids this module needs, found by the styles' built-in names ("heading 1", "toc 1", "caption"),
    which Word keeps in English whatever the language of its interface, while the ids may be localised."""

    def __init__(self, doc: Document):
        self.levels: dict[str, int] = {}
        self.toc: dict[int, str] = {}
        self.captions: set[str] = set()
        for style in doc.styles:
            name, ident = (style.name or "").lower(), style.style_id
            if not ident:
                continue
            if match := _HEADING_NAME.match(name):
                self.levels[ident] = int(match.group(1))
            elif match := _TOC_NAME.match(name):
                self.toc.setdefault(int(match.group(1)), ident)
            elif name == "caption":
                self.captions.add(ident)

    def toc_style(self, level: int) -> str:
        return self.toc.get(level, f"TOC{level}")


def _text_of(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _headings(body, levels: dict[str, int]) -> list[tuple[int, object]]:
    found = []
    for p in body.iter(qn("w:p")):
        level = levels.get(paragraph_style(p))
        if level and _text_of(p).strip():
            found.append((level, p))
    return found


def _fill_toc(doc: Document, styles: _Styles) -> list[tuple[object, object]]:
    """Replace the TOC field by one entry per listed heading; (heading, the entry's page-number text) pairs."""
    body = doc.element.body
    field = _toc_field(body)
    if field is None:
        return []
    paragraphs, depth = field
    entries, found = [], []
    for number, (level, heading) in enumerate(_headings(body, styles.levels), start=1):
        if level > depth:
            continue
        name = f"_Toc{number:08d}"
        _bookmark(heading, name, 1000 + number)
        entry = _entry(styles.toc_style(level), " ".join(_text_of(heading).split()), name)
        entries.append(entry)
        found.append((heading, list(entry.iter(qn("w:t")))[-1]))
    first = paragraphs[0]
    parent = first.getparent()
    position = parent.index(first)
    for offset, entry in enumerate(entries):
        parent.insert(position + offset, entry)
    for old in paragraphs:
        old.getparent().remove(old)
    return found


def _toc_field(body) -> tuple[list, int] | None:
    """The paragraphs a TOC field spans (its result may run over many, as Word writes it) and its depth."""
    depth = 0
    start = None
    levels = DEFAULT_TOC_LEVELS
    for element in body.iter(qn("w:fldChar"), qn("w:instrText")):
        if start is None:
            if element.tag == qn("w:instrText") and re.match(r"\s*TOC\b", element.text or ""):
                start = _paragraph_of(element)
                match = _TOC_LEVELS.search(element.text or "")
                levels = int(match.group(2)) if match else DEFAULT_TOC_LEVELS
                depth = 1
            continue
        kind = element.get(qn("w:fldCharType"))
        depth += {"begin": 1, "end": -1}.get(kind, 0)
        if depth == 0:
            end = _paragraph_of(element)
            siblings = list(start.itersiblings())
            spanned = [start] + (siblings[: siblings.index(end) + 1] if end is not start and end in siblings else [])
            return spanned, levels
    return ([start], levels) if start is not None else None


def _paragraph_of(element):
    while element is not None and element.tag != qn("w:p"):
        element = element.getparent()
    return element


def _bookmark(paragraph, name: str, ident: int) -> None:
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(ident))
    ppr = paragraph.find(qn("w:pPr"))
    index = list(paragraph).index(ppr) + 1 if ppr is not None else 0
    paragraph.insert(index, start)
    paragraph.append(end)


def _entry(style_id: str, text: str, bookmark: str):
    paragraph = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), style_id)
    ppr.append(style)
    paragraph.append(ppr)
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    link.append(run(preserved("w:t", text)))
    link.append(run(OxmlElement("w:tab")))
    link.append(run(field_char("begin")))
    link.append(run(preserved("w:instrText", f" PAGEREF {bookmark} \\h ")))
    link.append(run(field_char("separate")))
    link.append(run(preserved("w:t", "")))  # the page number, filled in once the layout is estimated
    link.append(run(field_char("end")))
    paragraph.append(link)
    return paragraph


# --- keeping together -----------------------------------------------------------------------------------------


def _keep_together(body, styles: _Styles) -> None:
    for element in list(body.iter(qn("w:p"), qn("w:tbl"))):
        if element.tag == qn("w:tbl"):
            _keep_table(element)
            _keep_lead_in(element, styles)
        elif paragraph_style(element) in styles.levels:
            _keep_next(element)
        elif _is_figure(element):
            following = element.getnext()
            if following is not None and following.tag == qn("w:p") and paragraph_style(following) in styles.captions:
                _keep_next(element)
            _keep_lead_in(element, styles)
        elif _text_of(element).rstrip().endswith(":") and element.getparent() is body:
            _keep_next(element)


def _keep_table(table) -> None:
    rows = table.findall(qn("w:tr"))
    for row in rows:
        _row_property(row, "w:cantSplit")
    if len(rows) <= SMALL_TABLE_ROWS:
        kept = rows[:-1]
    else:
        kept = [row for row in rows[:1] if row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]
    for row in kept:
        for paragraph in row.iter(qn("w:p")):
            _keep_next(paragraph)


def _keep_lead_in(element, styles: _Styles) -> None:
    """Keep the text paragraphs just before a table or figure with it: up to LEAD_IN_PARAGRAPHS with text, the
    empty ones in between, stopping at a heading (kept with what follows anyway), a table, a figure, a caption
    or a page break."""
    texts = 0
    previous = element.getprevious()
    while previous is not None and previous.tag == qn("w:p") and texts < LEAD_IN_PARAGRAPHS:
        style = paragraph_style(previous)
        if style in styles.levels or style in styles.captions or _is_figure(previous) or _breaks(previous):
            return
        _keep_next(previous)
        texts += 1 if _text_of(previous).strip() else 0
        previous = previous.getprevious()


def _is_figure(paragraph) -> bool:
    return paragraph.find(f".//{qn('w:drawing')}") is not None


def _breaks(paragraph) -> bool:
    return any(b.get(qn("w:type")) == "page" for b in paragraph.iter(qn("w:br"))) or (
        paragraph.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None
    )


def _keep_next(paragraph) -> None:
    """Switch on keep-with-next: a `w:keepNext` right after the style, where the schema wants it (written
    directly: python-docx's property searches every later sibling on each call, a tenth of the Word file's time)."""
    ppr = paragraph.get_or_add_pPr()
    present = ppr.find(_KEEP_NEXT)
    if present is not None:
        present.attrib.pop(_VAL, None)  # an explicit w:val="0" would switch it off
        return
    style = ppr.find(_STYLE)
    if style is None:
        ppr.insert(0, OxmlElement("w:keepNext"))
    else:
        style.addnext(OxmlElement("w:keepNext"))


_KEEP_NEXT, _STYLE, _VAL = qn("w:keepNext"), qn("w:pStyle"), qn("w:val")


def _row_property(row, tag: str) -> None:
    trpr = row.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        tblpr_ex = row.find(qn("w:tblPrEx"))
        row.insert(0 if tblpr_ex is None else 1, trpr)
    if trpr.find(qn(tag)) is None:
        trpr.insert(0, OxmlElement(tag))


# --- properties -----------------------------------------------------------------------------------------------


def _set_properties(doc: Document, meta: DocMeta, generated: _dt.datetime) -> None:
    props = doc.core_properties
    props.title = _clip(meta.titel)
    props.subject = _clip(meta.onderwerp)
    props.author = _clip(meta.auteur)
    props.keywords = _clip(meta.trefwoorden)
    props.language = "nl-NL"
    props.comments = "Gemaakt met robuust-docs."
    props.last_modified_by = APPLICATION
    props.revision = 1
    utc = generated.astimezone(_dt.UTC).replace(tzinfo=None)  # python-docx writes the value with a 'Z'
    props.created = utc
    props.modified = utc


def _clip(text: str, limit: int = 255) -> str:
    """Core properties hold at most 255 characters, and only characters XML allows."""
    text = clean_text(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VTYPES = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_STALE = (  # counts and part titles that describe the template, not this document
    "Pages",
    "Words",
    "Characters",
    "CharactersWithSpaces",
    "Lines",
    "Paragraphs",
    "TotalTime",
    "HeadingPairs",
    "TitlesOfParts",
)


def _set_app_properties(doc: Document) -> None:
    """docProps/app.xml: application and version robuust-docs, the template's stale counts removed; what a POI
    set in its template (company, manager) stays."""
    package = doc.part.package
    rel = next((r for r in package.rels.values() if r.reltype == RT.EXTENDED_PROPERTIES), None)
    root = parse_xml(rel.target_part.blob) if rel is not None else None
    if root is None or root.tag != f"{{{_EXTENDED}}}Properties":
        root = parse_xml(f'<Properties xmlns="{_EXTENDED}" xmlns:vt="{_VTYPES}"/>')
    for name in (*_STALE, "Application", "AppVersion"):
        for old in root.findall(f"{{{_EXTENDED}}}{name}"):
            root.remove(old)
    for name, value in (("Application", APPLICATION), ("AppVersion", app_version(__version__))):
        element = root.makeelement(f"{{{_EXTENDED}}}{name}", {})
        element.text = value
        root.append(element)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(
        PackURI("/docProps/app.xml"),
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        blob,
        package,
    )
    if rel is not None:
        del package.rels[rel.rId]
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def app_version(version: str) -> str:
    """'0.1.0' → '00.0100': AppVersion has the form XX.YYYY (major, then minor and patch)."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:3]] + [0, 0, 0]
    major, minor, patch = (min(n, 99) for n in numbers[:3])
    return f"{major:02d}.{minor:02d}{patch:02d}"


def _drop_thumbnail(doc: Document) -> None:
    """The template's preview picture shows the template; without the relationship the part is not saved."""
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
