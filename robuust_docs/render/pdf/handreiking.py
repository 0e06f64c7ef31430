"""The handreiking as a PDF: `render_pdf` lays out the Report's sections with the `Story` primitives, in the
same order and with the same texts as the Word template.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, Spacer

from robuust_docs.render.pdf.document import render_story
from robuust_docs.render.pdf.story import Story, markup
from robuust_docs.render.theme import Theme
from robuust_docs.report.model import Report


def render_pdf(report: Report, theme: Theme, tagged: bool = True) -> bytes:
    """The PDF for a handreiking, as bytes (tagged PDF/UA structure unless `tagged` is False)."""
    return render_story(report.meta, lambda tagger: build_story(report, theme, tagger), theme, tagged)


def build_story(report: Report, theme: Theme, tagger) -> Story:
    """The whole document: `.items` (flowables), `.headings` (level, text) in order, and `.toc`."""
    s = Story(theme, tagger)
    _cover(s, report)
    s.contents()
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
    s.items.append(s.tagger.leaf(Paragraph(markup(r.titel), s.styles["title"]), "H1"))
    s.para(r.bibliotheek.naam, "subtitle")
    s.para(f"{r.bibliotheek.categorie} · {r.bibliotheek.provincie} · {r.datum}", "intro")
    s.items.append(Spacer(1, 0.6 * cm))
    s.para("Deze handreiking is bedoeld voor het gesprek tussen de bibliotheek en de gemeente over een robuuste "
           "lokale bibliotheek: wat de bibliotheek nu doet, hoe zij ervoor staat en wat zij kan bijdragen aan de "
           "beleidsdoelen van de gemeente.")
    s.para(f"Opgesteld door: {r.auteur}")
    s.items.append(NextPageTemplate("body"))
    s.items.append(PageBreak())



def _summary(s: Story, r: Report) -> None:
    sm = r.samenvatting
    s.begin("Sect")
    s.heading("Samenvatting", 1)
    s.paras(sm.inleiding)
    s.para(f"Landelijke programma's in het aanbod: {r.bibliotheek.programmas}.")
    s.figure(sm.figuur)
    s.table(("Bouwsteen", "Status", "Toelichting"),
            [(p.naam, p.status, p.samenvatting) for p in sm.profiel], [5.5, 3.5, 7.4])
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
        s.items.append(s.tagger.leaf(Paragraph(f"Status: {s.status_markup(m.status)}", s.styles["body"]), "P"))
        s.para(m.omschrijving)
        s.table(("Indicator", "Waarde", "Norm", "Mediaan categorie", "Status"),
                [(x.naam, x.waarde, x.norm, x.mediaan, x.status) for x in m.rijen], [5.6, 2.6, 2.9, 2.6, 2.7])
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
