"""Finishing a rendered Word document with python-docx: table of contents, empty-paragraph clean-up, core
properties.

Word computes a table of contents only when asked (F9). So that the reader sees every heading as a link the
moment the file opens, without a dialog, the TOC field's result is written here: a bookmark on every
Heading 1–3 and one hyperlinked entry per heading, each with a PAGEREF field that Word fills on F9 or print.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from robuust_docs.files import clean_text
from robuust_docs.render.docx.oxml import field_char, preserved, run
from robuust_docs.report.model import DocMeta

HEADING_LEVELS = {"Heading1": 1, "Heading2": 2, "Heading3": 3}


def finish_document(doc: Document, meta: DocMeta) -> None:
    _fill_toc(doc)
    _set_properties(doc, meta)


def _set_properties(doc: Document, meta: DocMeta) -> None:
    props = doc.core_properties
    props.title = _clip(meta.titel)
    props.subject = _clip(meta.onderwerp)
    props.author = _clip(meta.auteur)
    props.keywords = _clip(meta.trefwoorden)
    props.language = "nl-NL"
    props.comments = "Gemaakt met robuust-docs."


def _clip(text: str, limit: int = 255) -> str:
    """Core properties hold at most 255 characters, and only characters XML allows."""
    text = clean_text(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _headings(body) -> list[tuple[int, object]]:
    found = []
    for p in body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        level = HEADING_LEVELS.get(style.get(qn("w:val"))) if style is not None else None
        if level and "".join(t.text or "" for t in p.iter(qn("w:t"))).strip():
            found.append((level, p))
    return found


def _fill_toc(doc: Document) -> None:
    body = doc.element.body
    field_para = next(
        (p for p in body.iter(qn("w:p")) if any("TOC" in (i.text or "") for i in p.iter(qn("w:instrText")))), None
    )
    if field_para is None:
        return
    entries = []
    for number, (level, heading) in enumerate(_headings(body), start=1):
        name = f"_Toc{number:08d}"
        _bookmark(heading, name, 1000 + number)
        text = "".join(t.text or "" for t in heading.iter(qn("w:t"))).strip()
        entries.append(_entry(level, text, name))
    _replace_field_result(field_para, entries)


def _bookmark(paragraph, name: str, ident: int) -> None:
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(ident))
    ppr = paragraph.find(qn("w:pPr"))
    index = list(paragraph).index(ppr) + 1 if ppr is not None else 0
    paragraph.insert(index, start)
    paragraph.append(end)


def _entry(level: int, text: str, bookmark: str):
    paragraph = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), f"TOC{level}")
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
    link.append(run(preserved("w:t", "")))
    link.append(run(field_char("end")))
    paragraph.append(link)
    return paragraph


def _replace_field_result(field_para, entries: list) -> None:
    """Keep the field's begin/instr/separate in the first entry and close the field after the last."""
    runs = list(field_para.iter(qn("w:r")))
    separate = next(
        i for i, r in enumerate(runs) if any(c.get(qn("w:fldCharType")) == "separate" for c in r.iter(qn("w:fldChar")))
    )
    head = runs[: separate + 1]
    for old in runs[separate + 1 :]:
        old.getparent().remove(old)
    if not entries:
        field_para.append(run(field_char("end")))
        return
    first = entries[0]
    first_ppr = first.find(qn("w:pPr"))
    for kept in reversed(head):
        first_ppr.addnext(kept)
    closing = entries[-1]
    closing.append(run(field_char("end")))
    parent = field_para.getparent()
    position = parent.index(field_para)
    for offset, entry in enumerate(entries):
        parent.insert(position + offset, entry)
    parent.remove(field_para)
