"""The handreiking as a PDF: `render_pdf` lays out the Report's sections with the `Story` primitives, in the
same order and with the same texts as the Word template.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, Spacer

from robuust_docs.render.pdf.document import render_story
from robuust_docs.render.pdf.story import Story, markup
from robuust_docs.render.theme import Theme
from robuust_docs.report import outline as o
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
    s.para(o.COVER_PURPOSE)
    s.para(f"Opgesteld door: {r.auteur}")
    s.items.append(NextPageTemplate("body"))
    s.items.append(PageBreak())


def _summary(s: Story, r: Report) -> None:
    sm = r.samenvatting
    s.begin("Sect")
    s.section(o.SUMMARY)
    s.paras(sm.inleiding)
    s.para(f"Landelijke programma's in het aanbod: {r.bibliotheek.programmas}.")
    s.figure(sm.figuur)
    s.columns(o.SUMMARY_TABLE, [(p.naam, p.status, p.samenvatting) for p in sm.profiel])
    s.section(o.STRENGTHS)
    s.bullets(sm.sterke_punten)
    s.section(o.CONCERNS)
    s.bullets(sm.aandachtspunten)
    s.end()


def _story_section(s: Story, r: Report) -> None:
    s.begin("Sect")
    s.heading(r.verhaal.titel, o.STORY.level)
    s.para(r.bibliotheek.categorie_omschrijving, "intro")
    for block in r.verhaal.blokken:
        if block.soort == "kop":
            s.heading(block.tekst, o.STORY_PART.level)
        else:
            s.para(block.tekst)
    s.end()


def _modules(s: Story, r: Report) -> None:
    s.begin("Sect")
    s.section(o.MODULES)
    s.para(o.MODULES_INTRO)
    for m in r.bouwstenen:
        s.heading(m.naam, o.MODULE.level)
        s.items.append(s.tagger.leaf(Paragraph(f"Status: {s.status_markup(m.status)}", s.styles["body"]), "P"))
        s.para(m.omschrijving)
        s.columns(o.MODULE_TABLE, [(x.naam, x.waarde, x.norm, x.mediaan, x.status) for x in m.rijen])
        s.figure(m.figuur)
        s.section(o.MODULE_SENTENCES)
        s.bullets([x.zin for x in m.rijen])
    s.end()


def _proximity(s: Story, r: Report) -> None:
    n = r.nabijheid
    s.begin("Sect")
    s.section(o.PROXIMITY)
    s.paras(n.inleiding)
    s.bullets(n.opmerkingen)
    s.section(o.KEY_FIGURES)
    s.columns(o.KEY_FIGURES_TABLE, [(k.naam, k.waarde) for k in n.kerncijfers])
    s.figure(n.figuur)
    s.section(o.PER_MUNICIPALITY)
    s.table(n.gemeenten_kop, n.gemeenten, o.PER_MUNICIPALITY_WIDTHS)
    if n.witte_vlekken:
        s.section(o.WHITE_SPOTS)
        s.para(o.WHITE_SPOTS_INTRO)
        s.columns(o.WHITE_SPOTS_TABLE, [(w.buurt, w.gemeente, w.inwoners, w.afstand, w.cbs) for w in n.witte_vlekken])
    if n.vestigingen:
        s.section(o.LOCATIONS)
        s.columns(
            o.LOCATIONS_TABLE,
            [
                (v.naam, v.soort, v.gemeente, v.uren, v.open_bibliotheek, v.rolstoel, v.avond_weekend)
                for v in n.vestigingen
            ],
        )
    s.end()


def _municipalities(s: Story, r: Report) -> None:
    s.begin("Sect")
    s.section(o.MUNICIPALITIES)
    s.columns(
        o.MUNICIPALITIES_TABLE,
        [(g.naam, g.inwoners, g.subsidie, g.subsidie_per_inwoner, g.themas) for g in r.gemeenten],
    )
    s.paras(r.themas_inleiding)
    for t in r.themas:
        s.heading(t.naam, o.THEME.level)
        s.para(f"Genoemd door: {t.gemeenten}. Wettelijke functies: {t.functies}.", "intro")
        s.paras([t.opgave, t.bijdrage, f"{t.lopend} {t.kansen}"])
        s.section(o.THEME_QUESTIONS)
        s.bullets(t.vragen)
    s.end()


def _practices(s: Story, r: Report) -> None:
    s.begin("Sect")
    s.section(o.PRACTICES)
    s.paras(r.praktijken_inleiding)
    for p in r.praktijken:
        s.heading(p.titel, o.PRACTICE.level)
        s.para(p.samenvatting, "intro")
        s.para(p.reden)
        s.paras(p.alineas)
        s.section(o.PRACTICE_NEEDS)
        s.bullets([f"Personeel – {p.personeel}", f"Geld – {p.geld}", f"Partners – {p.partners}"])
        if p.impact:
            s.section(o.PRACTICE_IMPACT)
            s.bullets(p.impact)
    s.end()


def _impact(s: Story, r: Report) -> None:
    s.begin("Sect")
    s.section(o.IMPACT)
    s.para(o.IMPACT_INTRO)
    s.bullets([f"{f.tekst} Bron: {f.bron}." for f in r.impact])
    s.end()


def _conversation(s: Story, r: Report) -> None:
    g = r.gesprek
    s.begin("Sect")
    s.section(o.CONVERSATION)
    s.paras(g.inleiding)
    s.section(o.AGENDA)
    s.bullets([f"{a.titel} – {a.toelichting}" for a in g.agenda], numbered=True)
    s.section(o.QUESTIONS)
    for block in g.vragenblokken:
        s.heading(block.titel, o.QUESTION_BLOCK.level)
        s.bullets(block.vragen)
    s.end()


def _appendix(s: Story, r: Report) -> None:
    b = r.bijlage
    s.begin("Sect")
    s.section(o.APPENDIX)
    s.section(o.METHOD)
    s.paras(b.werkwijze)
    s.section(o.INDICATORS)
    s.columns(
        o.INDICATORS_TABLE,
        [(d.bouwsteen, d.naam, d.definitie, d.formule, d.norm, d.kwetsbaar, d.bron) for d in b.definities],
    )
    s.section(o.SOURCES)
    s.bullets(b.bronnen)
    s.section(o.COLOPHON)
    s.paras(b.colofon)
    s.end()
