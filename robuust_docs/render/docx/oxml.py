"""Small WordprocessingML builders shared by the Word renderer and the template builders: runs, text that keeps
its spaces, and complex fields (begin, instruction, separate, shown result, end), and `qn` kept per process. Only
python-docx's oxml layer."""

from __future__ import annotations

from functools import lru_cache

from docx.oxml import OxmlElement
from docx.oxml.ns import qn as _qn

# 'w:p' → '{http://…}p': python-docx parses the prefix on every call, and page estimation and finishing ask for a
# few dozen names some 20.000 times per document
qn = lru_cache(maxsize=None)(_qn)

_PARAGRAPH_STYLE, _VAL = f"{qn('w:pPr')}/{qn('w:pStyle')}", qn("w:val")


def paragraph_style(paragraph, default: str | None = None) -> str | None:
    """The style id a w:p names in its properties, else `default`."""
    style = paragraph.find(_PARAGRAPH_STYLE)
    return style.get(_VAL) if style is not None else default


def run(*children) -> object:
    """A w:r holding `children`."""
    element = OxmlElement("w:r")
    for child in children:
        element.append(child)
    return element


def preserved(tag: str, value: str):
    """A w:t or w:instrText element whose spaces are kept."""
    element = OxmlElement(tag)
    element.set(qn("xml:space"), "preserve")
    element.text = value
    return element


def field_char(kind: str):
    """A w:fldChar of type begin, separate or end."""
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def field_runs(instruction: str, shown: str) -> list:
    """The runs of one complex field: begin, ` instruction `, separate, the shown result, end."""
    return [
        run(field_char("begin")),
        run(preserved("w:instrText", f" {instruction} ")),
        run(field_char("separate")),
        run(preserved("w:t", shown)),
        run(field_char("end")),
    ]
