"""The PDF story: the Report's sections as tagged reportlab flowables, in the same order and with the same texts
as the Word template.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Paragraph, Spacer
from reportlab.platypus.tableofcontents import TableOfContents

from .charts import draw_figure
from .model import Figuur, Report
from .theme import Theme
from .values import clean_text

FRAME_HEIGHT = 29.7 * cm - 2.4 * cm - 2.2 * cm  # A4 minus the top and bottom margins of render_pdf
TOC_DEPTH = 2  # the PDF's table of contents lists H1 and H2; the outline has every heading


def heading_level(flowable) -> int | None:
    """1–3 for a section heading of the story (not the cover title), else None."""
    return getattr(flowable, "robuust_level", None)


def _markup(text: str) -> str:
    """Plain text → reportlab paragraph markup: escaped, invalid characters dropped, line breaks kept."""
    return escape(clean_text(text)).replace("\n", "<br/>")


class Story:
    """Builds tagged flowables (paragraphs, headings, lists, tables, figures); one instance per document.

    Reusable by any report (the overview reports use it too): `items` is the story, `headings` the
    (level, text) pairs in order, `toc` the table of contents if `contents()` was called.
    """

    def __init__(self, theme: Theme, tagger):
        self.theme, self.tagger = theme, tagger
        self.items: list = []
        self.styles = _styles(theme)
        self.headings: list[tuple[int, str]] = []
        self.toc: TableOfContents | None = None

    # -- primitives ------------------------------------------------------------------------------------------

    def para(self, text: str, style: str = "body") -> None:
        if text.strip():
            self.items.append(self.tagger.leaf(Paragraph(_markup(text), self.styles[style]), "P"))

    def paras(self, texts, style: str = "body") -> None:
        for text in texts:
            self.para(text, style)

    def heading(self, text: str, level: int) -> None:
        if level == 1:
            self.items.append(CondPageBreak(FRAME_HEIGHT - 0.5 * cm))  # a new page, unless already at the top
        else:
            # keepWithNext does not hold a heading to a list (reportlab keeps containers out of KeepTogether),
            # so a heading needs room for itself and the start of what follows, or it goes to the next page.
            self.items.append(CondPageBreak((4 if level == 2 else 3) * cm))
        style = self.styles[f"h{level}"]
        flowable = self.tagger.leaf(Paragraph(_markup(text), style), f"H{level}")
        flowable.robuust_level = level
        self.headings.append((level, text))
        self.items.append(flowable)

    def bullets(self, texts, numbered: bool = False) -> None:
        texts = [t for t in texts if t.strip()]
        if not texts:
            return
        items = [Paragraph(_markup(t), self.styles["item"]) for t in texts]
        kwargs = {"bulletType": "1", "bulletFormat": "%s."} if numbered else {"bulletType": "bullet",
                                                                               "start": "•"}
        self.items.append(self.tagger.list_flowable(
            items, bulletFontName=self.theme.font, bulletFontSize=9.5, leftIndent=14, bulletColor=HexColor(
                self.theme.primary), **kwargs))
        self.items.append(Spacer(1, 4))

    def table(self, header, rows, widths, status_col: int | None = None) -> None:
        if not rows:
            return
        cell, head = self.styles["cell"], self.styles["cellhead"]
        data = [[Paragraph(_markup(h), head) for h in header]]
        for row in rows:
            data.append([Paragraph(self._cell(v, i == status_col), cell) for i, v in enumerate(row)])
        total = sum(widths)
        col_widths = [w / total * (21 * cm - 4.6 * cm) for w in widths]
        style = [
            ("FONTNAME", (0, 0), (-1, -1), self.theme.font),
            ("BACKGROUND", (0, 0), (-1, 0), HexColor(self.theme.track)),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor("#B8C2CC")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        table = self.tagger.table(data, header_rows=1, colWidths=col_widths, style=style)
        # The gap as the table's own spaceAfter: a Spacer left alone at the top of a page would push the next
        # heading and a page-long table to the page after, leaving a blank page.
        table.spaceAfter = 8
        self.items.append(table)

    def _cell(self, value: str, is_status: bool) -> str:
        text = _markup(value)
        if is_status:
            code = _status_code(value)
            if code:
                return f'<font color="{self.theme.status_colors[code]}"><b>{text}</b></font>'
        return text

    def figure(self, figure: Figuur | None) -> None:
        if figure is None:
            return
        drawing = draw_figure(figure, self.theme)
        caption = Paragraph(_markup(figure.bijschrift), self.styles["caption"])
        self.items.append(KeepTogether([self.tagger.leaf(drawing, "Figure", alt=figure.alt),
                                        self.tagger.leaf(caption, "Caption")]))

    def begin(self, role: str) -> None:
        self.items.append(self.tagger.begin(role))

    def end(self) -> None:
        self.items.append(self.tagger.end())


def _status_code(text: str) -> str | None:
    low = text.lower()
    for code, word in (("robuust", "robuust"), ("aandachtspunt", "aandachtspunt"), ("kwetsbaar", "kwetsbaar"),
                       ("geen_gegevens", "geen gegevens")):
        if word in low:
            return code
    return None


def _styles(theme: Theme) -> dict[str, ParagraphStyle]:
    text, primary, light = HexColor(theme.text), HexColor(theme.primary), HexColor(theme.light)
    base = ParagraphStyle("body", fontName=theme.font, fontSize=10, leading=14, textColor=text, spaceAfter=6,
                          alignment=TA_LEFT)
    return {
        "body": base,
        "intro": ParagraphStyle("intro", parent=base, fontName=theme.font_italic, textColor=light, fontSize=10.5),
        "item": ParagraphStyle("item", parent=base, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, spaceAfter=0),
        "cellhead": ParagraphStyle("cellhead", parent=base, fontName=theme.font_bold, fontSize=8.5, leading=11,
                                   spaceAfter=0, textColor=primary),
        "caption": ParagraphStyle("caption", parent=base, fontName=theme.font_italic, fontSize=8.5, leading=11,
                                  textColor=light, spaceAfter=12),
        "h1": ParagraphStyle("h1", parent=base, fontName=theme.font_bold, fontSize=18, leading=22, textColor=primary,
                             spaceBefore=0, spaceAfter=10, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base, fontName=theme.font_bold, fontSize=14, leading=18, textColor=primary,
                             spaceBefore=12, spaceAfter=6, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=base, fontName=theme.font_bold, fontSize=11.5, leading=15,
                             textColor=primary, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "title": ParagraphStyle("title", parent=base, fontName=theme.font_bold, fontSize=28, leading=34,
                                textColor=primary, spaceAfter=12),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=18, leading=24, textColor=light, spaceAfter=8),
        "toc1": ParagraphStyle("toc1", parent=base, fontName=theme.font_bold, fontSize=10.5, leading=15,
                               spaceAfter=2),
        "toc2": ParagraphStyle("toc2", parent=base, fontSize=9.5, leading=13, leftIndent=14, spaceAfter=0),
        "toc3": ParagraphStyle("toc3", parent=base, fontSize=9, leading=12, leftIndent=28, spaceAfter=0),
    }


def build_story(report: Report, theme: Theme, tagger) -> Story:
    """The whole document: `.items` (flowables), `.headings` (level, text) in order, and `.toc`."""
    s = Story(theme, tagger)
    _cover(s, report)
    _contents(s)
    _summary(s, report)
    _story_section(s, report)
    _modules(s, report)
    _proximity(s, report)
    _municipalities(s, report)
    _practices(s, report)
    _impact(s, report)
    _conversation(s, report)
    _appendix(s, report)
    return s


def _cover(s: Story, r: Report) -> None:
    s.items.append(Spacer(1, 5.2 * cm))
    s.items.append(s.tagger.leaf(Paragraph(_markup(r.titel), s.styles["title"]), "H1"))
    s.para(r.bibliotheek.naam, "subtitle")
    s.para(f"{r.bibliotheek.categorie} · {r.bibliotheek.provincie} · {r.datum}", "intro")
    s.items.append(Spacer(1, 0.6 * cm))
    s.para("Deze handreiking is bedoeld voor het gesprek tussen de bibliotheek en de gemeente over een robuuste "
           "lokale bibliotheek: wat de bibliotheek nu doet, hoe zij ervoor staat en wat zij kan bijdragen aan de "
           "beleidsdoelen van de gemeente.")
    s.para(f"Opgesteld door: {r.auteur}")
    s.items.append(NextPageTemplate("body"))
    s.items.append(PageBreak())


def _contents(s: Story) -> None:
    s.items.append(s.tagger.leaf(Paragraph("Inhoud", s.styles["h2"]), "P"))
    toc = TableOfContents(levelStyles=[s.styles["toc1"], s.styles["toc2"], s.styles["toc3"]], dotsMinLevel=0)
    toc.tableStyle = [("FONTNAME", (0, 0), (-1, -1), s.theme.font), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                      ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    s.toc = toc
    s.items.append(s.tagger.toc(toc))


def _summary(s: Story, r: Report) -> None:
    sm = r.samenvatting
    s.begin("Sect")
    s.heading("Samenvatting", 1)
    s.paras(sm.inleiding)
    s.para(f"Landelijke programma's in het aanbod: {r.bibliotheek.programmas}.")
    s.figure(sm.figuur)
    s.table(("Bouwsteen", "Status", "Toelichting"),
            [(p.naam, f"{p.status.symbool} {p.status.label}", p.samenvatting) for p in sm.profiel], [5.5, 3.5, 7.4],
            status_col=1)
    s.heading("Sterke punten", 2)
    s.bullets(sm.sterke_punten)
    s.heading("Aandachtspunten", 2)
    s.bullets(sm.aandachtspunten)
    s.end()


def _story_section(s: Story, r: Report) -> None:
    s.begin("Sect")
    s.heading(r.verhaal.titel, 1)
    s.para(r.bibliotheek.categorie_omschrijving, "intro")
    for block in r.verhaal.blokken:
        if block.soort == "kop":
            s.heading(block.tekst, 2)
        else:
            s.para(block.tekst)
    s.end()


def _modules(s: Story, r: Report) -> None:
    s.begin("Sect")
    s.heading("De bouwstenen", 1)
    s.para("Elke bouwsteen heeft indicatoren met een norm voor deze categorie. De tabel zet de waarde van de "
           "bibliotheek naast de norm en naast de mediaan van de bibliotheken in dezelfde categorie.")
    for m in r.bouwstenen:
        s.heading(m.naam, 2)
        color = s.theme.status_colors[m.status.code]
        s.items.append(s.tagger.leaf(Paragraph(
            f'Status: <font color="{color}"><b>{_markup(m.status.symbool + " " + m.status.label)}</b></font>',
            s.styles["body"]), "P"))
        s.para(m.omschrijving)
        s.table(("Indicator", "Waarde", "Norm", "Mediaan categorie", "Status"),
                [(x.naam, x.waarde, x.norm, x.mediaan, f"{x.status.symbool} {x.status.label}") for x in m.rijen],
                [5.6, 2.6, 2.9, 2.6, 2.7], status_col=4)
        s.figure(m.figuur)
        s.heading("Wat de cijfers zeggen", 3)
        s.bullets([x.zin for x in m.rijen])
    s.end()


def _proximity(s: Story, r: Report) -> None:
    n = r.nabijheid
    s.begin("Sect")
    s.heading("Nabijheid en toegankelijkheid in het werkgebied", 1)
    s.paras(n.inleiding)
    s.bullets(n.opmerkingen)
    s.heading("Kerncijfers", 2)
    s.table(("Kerncijfer", "Waarde"), [(k.naam, k.waarde) for k in n.kerncijfers], [10.4, 6.0])
    s.figure(n.figuur)
    s.heading("Per gemeente", 2)
    s.table(n.gemeenten_kop, n.gemeenten, [3.6, 2.2, 1.8, 2.1, 2.3, 2.2, 2.2])
    if n.witte_vlekken:
        s.heading("Witte vlekken", 2)
        s.para("De buurten met inwoners die het verst van een locatie wonen:")
        s.table(("Buurt", "Gemeente", "Inwoners", "Afstand (hemelsbreed)", "CBS (weg)"),
                [(w.buurt, w.gemeente, w.inwoners, w.afstand, w.cbs) for w in n.witte_vlekken],
                [4.2, 3.8, 2.4, 3.4, 2.6])
    if n.vestigingen:
        s.heading("Locaties", 2)
        s.table(("Locatie", "Soort", "Gemeente", "Uren", "Zonder personeel", "Rolstoel", "Avond of weekend"),
                [(v.naam, v.soort, v.gemeente, v.uren, v.open_bibliotheek, v.rolstoel, v.avond_weekend)
                 for v in n.vestigingen], [3.8, 2.6, 2.8, 1.9, 1.9, 1.6, 1.8])
    s.end()


def _municipalities(s: Story, r: Report) -> None:
    s.begin("Sect")
    s.heading("De gemeenten en hun beleidsdoelen", 1)
    s.table(("Gemeente", "Inwoners", "Subsidie", "Per inwoner", "Beleidsthema's"),
            [(g.naam, g.inwoners, g.subsidie, g.subsidie_per_inwoner, g.themas) for g in r.gemeenten],
            [3.4, 2.3, 2.8, 2.3, 5.6])
    s.paras(r.themas_inleiding)
    for t in r.themas:
        s.heading(t.naam, 2)
        s.para(f"Genoemd door: {t.gemeenten}. Wettelijke functies: {t.functies}.", "intro")
        s.paras([t.opgave, t.bijdrage, f"{t.lopend} {t.kansen}"])
        s.heading("Vragen voor het gesprek", 3)
        s.bullets(t.vragen)
    s.end()


def _practices(s: Story, r: Report) -> None:
    s.begin("Sect")
    s.heading("Praktijkvoorbeelden", 1)
    s.paras(r.praktijken_inleiding)
    for p in r.praktijken:
        s.heading(p.titel, 2)
        s.para(p.samenvatting, "intro")
        s.para(p.reden)
        s.paras(p.alineas)
        s.heading("Wat het vraagt", 3)
        s.bullets([f"Personeel – {p.personeel}", f"Geld – {p.geld}", f"Partners – {p.partners}"])
        if p.impact:
            s.heading("Maatschappelijke impact", 3)
            s.bullets(p.impact)
    s.end()


def _impact(s: Story, r: Report) -> None:
    s.begin("Sect")
    s.heading("Maatschappelijke impact", 1)
    s.para("Wat de bibliotheek oplevert en hoe zij er landelijk voor staat, volgens onderzoek en landelijke cijfers:")
    s.bullets([f"{f.tekst} Bron: {f.bron}." for f in r.impact])
    s.end()


def _conversation(s: Story, r: Report) -> None:
    g = r.gesprek
    s.begin("Sect")
    s.heading("Het gesprek met de gemeente", 1)
    s.paras(g.inleiding)
    s.heading("Agenda", 2)
    s.bullets([f"{a.titel} – {a.toelichting}" for a in g.agenda], numbered=True)
    s.heading("Vragen", 2)
    for block in g.vragenblokken:
        s.heading(block.titel, 3)
        s.bullets(block.vragen)
    s.end()


def _appendix(s: Story, r: Report) -> None:
    b = r.bijlage
    s.begin("Sect")
    s.heading("Bijlage: werkwijze, definities en bronnen", 1)
    s.heading("Werkwijze", 2)
    s.paras(b.werkwijze)
    s.heading("Indicatoren", 2)
    s.table(("Bouwsteen", "Indicator", "Definitie", "Berekening", "Norm", "Kwetsbaar", "Bron"),
            [(d.bouwsteen, d.naam, d.definitie, d.formule, d.norm, d.kwetsbaar, d.bron) for d in b.definities],
            [2.5, 2.6, 3.6, 2.6, 1.9, 1.9, 2.3])
    s.heading("Bronnen", 2)
    s.bullets(b.bronnen)
    s.heading("Colofon", 2)
    s.paras(b.colofon)
    s.end()
