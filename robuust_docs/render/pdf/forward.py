"""Numbers known only at the end of the layout, in one pass: the page numbers of the table of contents and the
"van Y" of the footer.

Where such a number goes, the page draws a form XObject (`canvas.doForm`) that does not exist yet; after the last
page, `define_forms` defines each form with the number that is now known, before the canvas is saved. The layout
never depends on the numbers themselves: the TOC takes its entries (headings, page unknown) before the build, so
it has its final size at once, and its dots and number are drawn inside the form, from the end of the entry's
text to the right edge, whatever the number's width. The forms are drawn inside the marked content of their TOCI
or footer artifact, so the tags stay as they were; they hold no marked content themselves.
"""

# reportlab's API is camelCase (wrap, drawOn, availWidth, …): the overrides must match it
# ruff: noqa: N802, N803

from __future__ import annotations

from ast import literal_eval
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

DOT = " . "


@dataclass(frozen=True)
class EntryEnd:
    """Where an entry's dots and page number go: the free width after its text, and its font."""

    width: float
    font: str
    size: float
    color: Any
    dots: bool


class ForwardTOC(TableOfContents):
    """A TableOfContents laid out once: its entries are given before the build (`expect`), the page numbers
    are drawn as forms `toc-<key>` and defined after the last page (`define_forms`).

    The document's TOCEntry notifications must then name the same headings in the same order; a mismatch
    (a heading drawn that was not expected, or one expected and never drawn) is an error, not a wrong TOC."""

    def __init__(self, **kwds: Any) -> None:
        super().__init__(**kwds)
        self.ends: dict[str, EntryEnd] = {}
        self.pages: dict[str, int] = {}  # key → the page its heading landed on
        self._pending: list[tuple[str, float, float]] = []  # entries drawn, their form not yet

    def expect(self, entries: list[tuple[int, str, str]]) -> None:
        """The entries (level, text, key) in document order, before the build."""
        self._lastEntries = [(level, text, 0, key) for level, text, key in entries]
        self._entries = list(self._lastEntries)
        self.ends, self.pages = {}, {}

    def isSatisfied(self) -> int:  # one pass is all it needs
        return 1

    def beforeBuild(self) -> None:  # keep the expected entries (a plain build never calls this; multiBuild does)
        pass

    def notify(self, kind: str, stuff: Any) -> None:
        if kind != self._notifyKind:
            return
        level, text, page, key = stuff
        expected = self._lastEntries[len(self.pages)] if len(self.pages) < len(self._lastEntries) else None
        if expected is None or (expected[0], expected[1], expected[3]) != (level, text, key):
            raise ValueError(f"table of contents: heading {text!r} ({key}) was not expected here: {expected!r}")
        self.pages[key] = page

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # reportlab builds and wraps the entries' table on every call; the frame asks twice at the same width
        # (once to measure, once to place), and the table's height does not depend on the height offered
        if getattr(self, "_wrapped", None) == (availWidth, id(self.canv)):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, id(self.canv))

        def entry_end(canvas: Any, kind: str, label: str) -> None:
            _, level, quoted = label.split(",")
            key = literal_eval(quoted)
            style = self.getLevelStyle(int(level))
            x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
            dots = 0 <= self.dotsMinLevel <= int(level)
            self.ends[key] = EntryEnd(availWidth - x, style.fontName, style.fontSize, style.textColor, dots)
            self._pending.append((key, x, y))

        self.canv.setNamedCB("drawTOCEntryEnd", entry_end)
        for row in self._table._cellvalues:
            for cell in row:
                for item in cell if isinstance(cell, (list, tuple)) else (cell,):
                    if isinstance(item, Paragraph):
                        item.__class__ = _EntryParagraph
                        item.toc = self
        return size

    def _draw_pending(self, canvas: Any) -> None:
        """Draw the forms of the entries whose text was just drawn: after the text in the content stream, so
        the entry reads 'In het kort . . . 3' (reportlab calls the entry's callback before it draws the line)."""
        for key, x, y in self._pending:
            canvas.saveState()
            canvas.translate(x, y)
            canvas.doForm(toc_form(key))
            canvas.restoreState()
        self._pending.clear()

    def check_complete(self) -> None:
        """After the build: every expected heading was drawn and every entry has its place."""
        keys = [key for *_, key in self._lastEntries]
        missing = [key for key in keys if key not in self.pages]
        undrawn = [key for key in keys if key not in self.ends]
        if missing or undrawn:
            raise ValueError(f"table of contents: headings never drawn {missing}, entries never drawn {undrawn}")


class _EntryParagraph(Paragraph):
    """A TOC entry: its paragraph, then the form with its dots and page number."""

    toc: ForwardTOC

    def draw(self) -> None:
        super().draw()
        self.toc._draw_pending(self.canv)


def toc_form(key: str) -> str:
    return f"toc-{key}"


def footer_form(page: int) -> str:
    return f"pagenr-{page}"


def define_forms(canvas: Any, toc: ForwardTOC | None, footers: dict[int, tuple[str, float, Any]], total: int) -> None:
    """Define every form drawn during the build, now that the page numbers are known: per TOC entry its dots
    and page number (right-aligned in the entry's free width), per body page "Pagina n van <total>"
    (right-aligned at the form's origin). `footers` maps a page to its font, size and colour."""
    if toc is not None:
        toc.check_complete()
        for key, end in toc.ends.items():
            _entry_form(canvas, toc_form(key), str(toc.pages[key]), end)
    for page, (font, size, color) in footers.items():
        text = f"Pagina {page} van {total}"
        width = stringWidth(text, font, size)
        canvas.beginForm(footer_form(page), -width - 1, -size, 1, 2 * size)
        canvas.setFont(font, size)
        canvas.setFillColor(color)
        canvas.drawRightString(0, 0, text)
        canvas.endForm()


def _entry_form(canvas: Any, name: str, number: str, end: EntryEnd) -> None:
    """Dots and the page number from the end of an entry's text (the origin) to the right edge (end.width);
    like reportlab's own drawPageNumbers, the number shrinks when it does not fit."""
    size = end.size
    width = stringWidth(number, end.font, size)
    while width > end.width and size >= 1.0:
        size *= 0.9
        width = stringWidth(number, end.font, size)
    dots = int((end.width - width) / stringWidth(DOT, end.font, size)) if end.dots else 0
    text = DOT * max(dots, 0) + number
    start = end.width - stringWidth(text, end.font, size)
    canvas.beginForm(name, min(start, 0) - 1, -end.size, end.width + 1, 2 * end.size)
    text_object = canvas.beginText(start, 0)
    text_object.setFont(end.font, size)
    text_object.setFillColor(end.color)
    text_object.textLine(text)
    canvas.drawText(text_object)
    canvas.endForm()
