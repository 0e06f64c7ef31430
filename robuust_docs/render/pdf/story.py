"""`Story`: the primitives every PDF is built from (paragraphs, headings, lists, tables, figures, the table of
contents), each a tagged reportlab flowable. The handreiking and the overview compose their documents from them.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from robuust_docs.files import typeset_text
from robuust_docs.pdftags.table import repeated_rows
from robuust_docs.render.charts.cache import cached_drawing
from robuust_docs.render.charts.vector import ChartFlowable
from robuust_docs.render.pdf.forward import ForwardTOC
from robuust_docs.render.pdf.para import Para
from robuust_docs.render.pdf.style import FRAME_HEIGHT, TEXT_WIDTH, paragraph_styles, table_style
from robuust_docs.render.theme import Theme
from robuust_docs.report.model import Figuur
from robuust_docs.status import Status


def heading_level(flowable) -> int | None:
    """1–3 for a section heading of the story (not the cover title), else None."""
    return getattr(flowable, "robuust_level", None)


def markup(text: str) -> str:
    """Plain text → reportlab paragraph markup: escaped, invalid characters dropped, line breaks kept."""
    return escape(typeset_text(text)).replace("\n", "<br/>")


SPLIT_ROWS = 2  # rows of a table that at least stand on each side of a page break
SHORT_START = 5 * cm  # a heading with at most this much text before its table is kept with the table's start


class RoomForStart(CondPageBreak):
    """A page break unless `flowables` (a heading and its text) and the header and first `SPLIT_ROWS` rows of
    `table` fit in what is left of the page, when the text is short (`SHORT_START`); a longer text only needs
    `minimum`, as any heading. Measured when the frame asks (`wrap`), as reportlab lays out."""

    def __init__(self, minimum: float, flowables: list, table) -> None:
        super().__init__(minimum)
        self.minimum, self.flowables, self.table = minimum, flowables, table

    def wrap(self, width: float, height: float):
        text = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in self.flowables)
        self.height = self.minimum  # a long text may end a page and its table start the next
        if text <= SHORT_START:
            self.table.wrap(width, height)
            start = sum(self.table._rowHeights[: len(repeated_rows(self.table)) + SPLIT_ROWS])
            self.height = max(self.minimum, text + start + self.table.getSpaceBefore())
        return super().wrap(width, height)


class Story:
    """Builds tagged flowables (paragraphs, headings, lists, tables, figures); one instance per document.

    Reusable by any report (the overview reports use it too): `items` is the story, `headings` the
    (level, text) pairs in order, `toc` the table of contents if `contents()` was called.
    """

    def __init__(self, theme: Theme, tagger):
        self.theme, self.tagger = theme, tagger
        self.items: list = []
        self.styles = paragraph_styles(theme)
        self.headings: list[tuple[int, str]] = []
        self.toc: ForwardTOC | None = None
        # A chapter starts on a new page, or, with `chapter_room` set, only when less than that height is left;
        # `new_page_next` forces the next chapter onto a new page either way (after a page that stands alone).
        self.chapter_room: float | None = None
        self.new_page_next = False

    # -- primitives ------------------------------------------------------------------------------------------

    def para(self, text: str, style: str = "body") -> None:
        if text.strip():
            self.items.append(self.tagger.leaf(Para(markup(text), self.styles[style]), "P"))

    def paras(self, texts, style: str = "body") -> None:
        for text in texts:
            self.para(text, style)

    def heading(self, text: str, level: int) -> None:
        if level == 1:
            new_page = self.chapter_room is None or self.new_page_next
            self.new_page_next = False
            # a new page, unless already at the top (or, for a loose chapter, unless there is room enough)
            self.items.append(CondPageBreak(FRAME_HEIGHT - 0.5 * cm if new_page else self.chapter_room))
        else:
            # keepWithNext does not hold a heading to a list (reportlab keeps containers out of KeepTogether),
            # so a heading needs room for itself and the start of what follows, or it goes to the next page.
            self.items.append(CondPageBreak((4 if level == 2 else 3) * cm))
        style = self.styles[f"h{level}"]
        flowable = self.tagger.leaf(Para(markup(text), style), f"H{level}")
        flowable.robuust_level = level
        self.headings.append((level, text))
        self.items.append(flowable)

    def section(self, heading) -> None:
        """A heading of an outline (`report.outline.Heading`): its fixed title at its level."""
        self.heading(heading.title, heading.level)

    def columns(self, columns, rows) -> None:
        """A table with the headers and widths of an outline's `Columns`."""
        self.table(columns.headers, rows, columns.widths)

    def lead(self, lead: str, text: str, style: str = "body") -> None:
        """A paragraph that opens with a bold lead-in: '<b>Geen volwaardige vestiging.</b> De bibliotheek …'."""
        if lead.strip() or text.strip():
            self.items.append(self.tagger.leaf(Para(f"<b>{markup(lead)}</b> {markup(text)}", self.styles[style]), "P"))

    def lead_bullets(self, pairs) -> None:
        """A bulleted list whose items open with a bold lead-in."""
        pairs = [(a, b) for a, b in pairs if a.strip() or b.strip()]
        if not pairs:
            return
        items = [Para(f"<b>{markup(a)}</b> {markup(b)}", self.styles["item"]) for a, b in pairs]
        self._list(items, False)

    def bullets(self, texts, numbered: bool = False) -> None:
        texts = [t for t in texts if t.strip()]
        if not texts:
            return
        self._list([Para(markup(t), self.styles["item"]) for t in texts], numbered)

    def _list(self, items: list, numbered: bool) -> None:
        kwargs = {"bulletType": "1", "bulletFormat": "%s."} if numbered else {"bulletType": "bullet", "start": "•"}
        self.items.append(
            self.tagger.list_flowable(
                items,
                bulletFontName=self.theme.font,
                bulletFontSize=9.5,
                leftIndent=14,
                bulletColor=HexColor(self.theme.primary),
                **kwargs,
            )
        )
        self.items.append(Spacer(1, 4))

    def table(self, header, rows, widths) -> None:
        """A table with a repeated header row; a `Status` cell shows its symbol and label in its colour, bold.
        `widths` are relative: the columns share the text width in those proportions."""
        if not rows:
            return
        cell, head = self.styles["cell"], self.styles["cellhead"]
        data = [[Para(markup(h), head) for h in header]]
        data += [[Para(self._cell(v), cell) for v in row] for row in rows]
        total = sum(widths)
        table = self.tagger.table(
            data, header_rows=1, colWidths=[w / total * TEXT_WIDTH for w in widths], style=table_style(self.theme)
        )
        # The gap as the table's own spaceAfter: a Spacer left alone at the top of a page would push the next
        # heading and a page-long table to the page after, leaving a blank page.
        table.spaceAfter = 8
        table.min_split_rows = SPLIT_ROWS  # no row alone on either side of a page break
        self.items.append(table)

    def room_for_start(self, start: int) -> None:
        """Make the page break before the heading at `start` (its `CondPageBreak` just before it) ask for room
        for the heading, the text after it and the first rows of the table that follows, so that a heading and
        its text never stand at the foot of a page with their table on the next."""
        end = next(i for i in range(start, len(self.items)) if hasattr(self.items[i], "min_split_rows"))
        minimum = self.items[start - 1].height
        self.items[start - 1] = RoomForStart(minimum, self.items[start:end], self.items[end])

    def _cell(self, value: str | Status) -> str:
        return self.status_markup(value) if isinstance(value, Status) else markup(value)

    def status_markup(self, status: Status) -> str:
        """'● Robuust' in the status colour, bold."""
        return f'<font color="{self.theme.status_colors[status.code]}"><b>{markup(status.text)}</b></font>'

    def figure(self, figure: Figuur | None) -> None:
        if figure is None:
            return
        drawing = ChartFlowable(cached_drawing(figure, self.theme))  # straight onto the canvas, not renderPDF
        caption = Para(markup(figure.bijschrift), self.styles["caption"])
        self.items.append(
            KeepTogether([self.tagger.leaf(drawing, "Figure", alt=figure.alt), self.tagger.leaf(caption, "Caption")])
        )

    def contents(self, title: str = "Inhoud") -> None:
        """The table of contents, filled with the headings and their pages when the document is laid out."""
        self.items.append(self.tagger.leaf(Para(markup(title), self.styles["h2"]), "P"))
        toc = ForwardTOC(levelStyles=[self.styles["toc1"], self.styles["toc2"], self.styles["toc3"]], dotsMinLevel=0)
        toc.tableStyle = [
            ("FONTNAME", (0, 0), (-1, -1), self.theme.font),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        self.toc = toc
        self.items.append(self.tagger.toc(toc))

    def begin(self, role: str) -> None:
        self.items.append(self.tagger.begin(role))

    def end(self) -> None:
        self.items.append(self.tagger.end())
