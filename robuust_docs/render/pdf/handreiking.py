"""The handreiking as a PDF: `render_pdf` lays out the Report's sections with the `Story` primitives, in the
same order and with the same texts as the Word template.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

from robuust_docs.render.pdf.document import render_story
from robuust_docs.render.pdf.para import Para
from robuust_docs.render.pdf.story import Story, markup
from robuust_docs.render.pdf.style import FRAME_HEIGHT
from robuust_docs.render.theme import Theme
from robuust_docs.report import outline as o
from robuust_docs.report.model import Report

# A chapter after "In het kort" goes on with the page before it when at least this much of the page is left.
CHAPTER_ROOM = 0.45 * FRAME_HEIGHT


def render_pdf(report: Report, theme: Theme, tagged: bool = True) -> bytes:
    """The PDF for a handreiking, as bytes (tagged PDF/UA structure unless `tagged` is False)."""
    return render_story(report.meta, lambda tagger: build_story(report, theme, tagger), theme, tagged)


def build_story(report: Report, theme: Theme, tagger) -> Story:
    """The whole document: `.items` (flowables), `.headings` (level, text) in order, and `.toc`."""
    s = Story(theme, tagger)
    s.chapter_room = CHAPTER_ROOM
    _cover(s, report)
    s.contents(o.CONTENTS)
    s.new_page_next = True
    for section in (
        _summary,
        _focus,
        _municipalities,
        _story_section,
        _modules,
        _proximity,
        _contribution,
        _conversation,
        _appendix,
    ):
        section(s, report)
    return s


def _cover(s: Story, r: Report) -> None:
    s.items.append(Spacer(1, 5.2 * cm))
    s.items.append(s.tagger.leaf(Para(markup(r.titel), s.styles["title"]), "H1"))
    s.para(r.ondertitel, "subtitle")
    s.para(f"{r.bibliotheek.categorie} · {r.bibliotheek.provincie} · {r.datum}", "intro")
    s.items.append(Spacer(1, 0.6 * cm))
    s.para(o.COVER_PURPOSE)
    s.para(f"Opgesteld door: {r.auteur}")
    s.items.append(NextPageTemplate("body"))
    s.items.append(PageBreak())


def _summary(s: Story, r: Report) -> None:
    k = r.kort
    s.begin("Sect")
    s.section(o.SUMMARY)
    s.paras(k.inleiding)
    if k.bevindingen:
        s.section(o.FINDINGS)
        s.lead_bullets([(f"{b.titel}.", b.tekst) for b in k.bevindingen])
    s.section(o.ASKS)
    s.para(k.voorstellen_inleiding, "small" if k.voorstellen else "body")  # without asks, it is the message
    for v in k.voorstellen:
        s.lead(f"Voor {v.gemeente}: {v.tekst}", f"Kosten: {v.bedrag}. {v.verdeling} {v.zonder}".replace("  ", " "))
    if k.sterk:
        s.section(o.STRENGTHS)
        s.bullets(k.sterk)
    if k.controle:
        s.section(o.CHECKS)
        s.bullets(k.controle)
    s.end()
    s.new_page_next = True  # In het kort stands on its own page


def _focus(s: Story, r: Report) -> None:
    g = r.gemeente
    if g is None:
        return
    s.begin("Sect")
    s.heading(o.FOCUS.title.replace("{{ gemeente.naam }}", g.naam), o.FOCUS.level)
    s.paras(g.inleiding)
    if g.bevindingen:
        s.section(o.FOCUS_FINDINGS)
        s.lead_bullets([(f"{b.titel}.", b.tekst) for b in g.bevindingen])
    s.section(o.FOCUS_FIGURES)
    s.columns(o.KEY_FIGURES_TABLE, [(k.naam, k.waarde) for k in g.kerncijfers])
    s.para(g.geheel, "small")
    if g.vestigingen:
        s.section(o.FOCUS_LOCATIONS)
        s.columns(
            o.FOCUS_LOCATIONS_TABLE,
            [(v.naam, v.soort, v.uren, v.open_bibliotheek, v.rolstoel, v.avond_weekend) for v in g.vestigingen],
        )
    if g.witte_vlekken:
        s.section(o.FOCUS_WHITE_SPOTS)
        s.columns(o.FOCUS_WHITE_SPOTS_TABLE, [(w.buurt, w.inwoners, w.afstand) for w in g.witte_vlekken])
    if g.themas:
        s.section(o.FOCUS_THEMES)
        for t in g.themas:
            s.lead(f"{t.naam}.", t.tekst)
    s.end()


def _municipalities(s: Story, r: Report) -> None:
    g = r.gemeenten
    if g is None:
        return
    s.begin("Sect")
    s.section(o.MUNICIPALITIES)
    s.paras(g.inleiding)
    for a in g.alineas:
        s.heading(a.naam, o.MUNICIPALITY.level)
        s.para(a.tekst)
    s.section(o.COMPARISON)
    s.columns(
        o.COMPARISON_TABLE,
        [(x.naam, x.inwoners, x.subsidie, x.per_inwoner, x.locaties, x.afstand, x.binnen_2km) for x in g.vergelijking],
    )
    s.para(g.toelichting, "small")
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
    s.paras(r.bouwstenen_inleiding)
    s.columns(o.PROFILE_TABLE, [(p.naam, p.status, p.samenvatting) for p in r.profiel])
    s.figure(r.profiel_figuur)
    for m in r.bouwstenen:
        s.heading(m.naam, o.MODULE.level)
        start = len(s.items) - 1  # the heading
        s.items.append(s.tagger.leaf(Para(f"Status: {s.status_markup(m.status)}", s.styles["body"]), "P"))
        s.paras(m.tekst)
        if m.met_verandering:
            rows = [(x.naam, x.waarde, x.verandering, x.norm, x.mediaan, x.status) for x in m.rijen]
            s.columns(o.MODULE_TREND_TABLE, rows)
        else:
            s.columns(o.MODULE_TABLE, [(x.naam, x.waarde, x.norm, x.mediaan, x.status) for x in m.rijen])
        if m.rijen:
            s.room_for_start(start)  # the heading and its text not at a page's foot, their table on the next
        s.figure(m.figuur)
        s.figure(m.trend_figuur)
    s.end()


def _proximity(s: Story, r: Report) -> None:
    n = r.nabijheid
    s.begin("Sect")
    s.section(o.PROXIMITY)
    s.paras(n.inleiding)
    s.bullets(n.opmerkingen)
    s.columns(o.KEY_FIGURES_TABLE, [(k.naam, k.waarde) for k in n.kerncijfers])
    s.figure(n.figuur)
    if n.witte_vlekken:
        s.section(o.WHITE_SPOTS)
        s.para(o.WHITE_SPOTS_INTRO)
        if n.cbs:
            rows = [(w.buurt, w.gemeente, w.inwoners, w.afstand, w.cbs) for w in n.witte_vlekken]
            s.columns(o.WHITE_SPOTS_CBS_TABLE, rows)
        else:
            s.columns(o.WHITE_SPOTS_TABLE, [(w.buurt, w.gemeente, w.inwoners, w.afstand) for w in n.witte_vlekken])
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


def _contribution(s: Story, r: Report) -> None:
    s.begin("Sect")
    s.section(o.CONTRIBUTION)
    s.section(o.THEMES)
    s.para(o.PROGRAMMES_LINE.format(r.bibliotheek.programmas))
    s.paras(r.themas_inleiding)
    for t in r.themas:
        s.lead(f"{t.naam}{f' ({t.gemeenten})' if t.gemeenten else ''}.", t.tekst)
    s.section(o.PRACTICES)
    s.paras(r.praktijken_inleiding)
    for p in r.praktijken:
        s.heading(p.titel, o.PRACTICE.level)
        s.para(p.samenvatting)
        s.para(p.reden)
        s.para(p.vraagt, "small")
        s.bullets(p.impact)
    if r.impact:
        s.section(o.IMPACT)
        s.para(o.IMPACT_INTRO)
        s.bullets([f"{f.tekst} Bron: {f.bron}." for f in r.impact])
    s.end()


def _conversation(s: Story, r: Report) -> None:
    g = r.gesprek
    s.begin("Sect")
    s.section(o.CONVERSATION)
    s.paras(g.inleiding)
    s.section(o.QUESTIONS)
    s.bullets(g.vragen)
    s.section(o.AGENDA)
    s.bullets(g.agenda, numbered=True)
    s.end()


def _appendix(s: Story, r: Report) -> None:
    b = r.bijlage
    s.begin("Sect")
    s.section(o.APPENDIX)
    s.section(o.METHOD)
    s.paras(b.werkwijze)
    if b.berekeningen:
        s.section(o.CALCULATIONS)
        for k in b.berekeningen:
            s.heading(k.voorstel, o.CALCULATION.level)
            s.para(k.uitleg)
            s.bullets(k.uitwerking)
        s.columns(o.COSTS_TABLE, [(c.naam, c.bedrag, c.soort, c.bron) for c in b.kosten])
        for c in b.kosten_uitleg:
            s.lead(f"{c.naam}.", c.toelichting, "small")
    s.section(o.INDICATORS)
    for d in b.definities:
        s.lead(
            f"{d.naam} ({d.bouwsteen}).",
            f"{d.definitie} Berekening: {d.formule}. Norm: {d.norm}; kwetsbaar: {d.kwetsbaar}.",
            "small",
        )
    s.section(o.SOURCES)
    s.paras(b.bronnen, "small")
    s.section(o.COLOPHON)
    s.paras(b.colofon)
    s.end()
