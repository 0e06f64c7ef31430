"""`render_overview_pdf`: an `Overview` into a tagged PDF, laid out by `document.render_story` with the
`story.Story` primitives, in the same order and with the same texts as `templates/overzicht.docx`.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Spacer

from robuust_docs.overview import outline as ol
from robuust_docs.overview.model import Overview
from robuust_docs.render.pdf.document import render_story
from robuust_docs.render.pdf.para import Para
from robuust_docs.render.pdf.story import Story, markup
from robuust_docs.render.theme import Theme


def render_overview_pdf(overview: Overview, theme: Theme, tagged: bool = True) -> bytes:
    """The PDF for a national or provincial overview, as bytes (tagged unless `tagged` is False)."""
    return render_story(overview.meta, lambda tagger: build_overview_story(overview, theme, tagger), theme, tagged)


def build_overview_story(o: Overview, theme: Theme, tagger) -> Story:
    """The whole overview as a Story: cover, contents, then every section in template order."""
    s = Story(theme, tagger)
    _cover(s, o)
    s.contents()
    _section(s, ol.SUMMARY, lambda: _summary(s, o))
    _section(s, ol.CATEGORIES, lambda: _categories(s, o))
    _section(s, ol.INDICATORS, lambda: _indicators(s, o))
    if o.jaren:
        _section(s, ol.YEARS, lambda: _years(s, o))
    _section(s, ol.STATUSES, lambda: _statuses(s, o))
    _section(s, ol.NORMS, lambda: _norms(s, o))
    _section(s, ol.PROXIMITY, lambda: _proximity(s, o))
    _section(s, ol.YIELD, lambda: _yield(s, o))
    _section(s, ol.PROGRAMMES, lambda: _programmes(s, o))
    _section(s, ol.APPENDIX, lambda: _appendix(s, o))
    return s


def _section(s: Story, heading, body) -> None:
    s.begin("Sect")
    s.section(heading)
    body()
    s.end()


def _cover(s: Story, o: Overview) -> None:
    s.items.append(Spacer(1, 5.2 * cm))
    s.items.append(s.tagger.leaf(Para(markup(o.titel), s.styles["title"]), "H1"))
    s.para(o.ondertitel, "subtitle")
    s.para(o.datum, "intro")
    s.items.append(Spacer(1, 0.6 * cm))
    s.para(ol.COVER_PURPOSE)
    s.para(f"Opgesteld door: {o.auteur}")
    s.items.append(NextPageTemplate("body"))
    s.items.append(PageBreak())


def _summary(s: Story, o: Overview) -> None:
    s.paras(o.inleiding)
    s.section(ol.KEY_FIGURES)
    s.columns(ol.KEY_FIGURES_TABLE, [(k.naam, k.waarde) for k in o.kerncijfers])
    s.section(ol.FINDINGS)
    s.bullets(o.bevindingen)


def _categories(s: Story, o: Overview) -> None:
    s.paras(o.categorieen_inleiding)
    s.columns(
        ol.CATEGORIES_TABLE,
        [(r.categorie, r.bibliotheken, r.gemeenten, r.inwoners, r.locaties, r.volwaardig) for r in o.categorieen],
    )


def _indicators(s: Story, o: Overview) -> None:
    s.paras(o.indicatoren_inleiding)
    for module in o.indicatoren:
        s.items.append(CondPageBreak(13 * cm))  # the building block's heading stays with its first indicator
        s.heading(module.naam, ol.INDICATOR_MODULE.level)
        for ind in module.indicatoren:
            start = len(s.items)
            s.heading(ind.naam, ol.INDICATOR.level)
            s.para(ind.definitie, "intro")
            s.columns(
                ol.DISTRIBUTION_TABLE,
                [
                    (r.categorie, r.aantal, r.minimum, r.kwartiel1, r.mediaan, r.kwartiel3, r.maximum, r.norm)
                    for r in ind.rijen
                ],
            )
            s.figure(ind.figuur)
            s.para(ind.zin)
            s.items[start:] = [_keep_together(s.items[start:])]  # one indicator is never split over pages


def _keep_together(items: list) -> KeepTogether:
    """One KeepTogether of `items`, nested ones flattened (a nested KeepTogether reports an endless height, which
    would always push the block to a new page)."""
    flat = [part for item in items for part in (item._content if isinstance(item, KeepTogether) else [item])]
    return KeepTogether(flat)


def _years(s: Story, o: Overview) -> None:
    s.paras(o.jaren_inleiding)
    s.columns(
        ol.YEARS_TABLE,
        [(r.categorie, r.jaar, r.bibliotheken, r.subsidie, r.leden, r.bezoeken, r.uitleningen) for r in o.jaren],
    )


def _statuses(s: Story, o: Overview) -> None:
    s.paras(o.statussen_inleiding)
    s.columns(
        ol.STATUS_TABLE,
        [(r.bouwsteen, r.categorie, r.robuust, r.aandachtspunt, r.kwetsbaar, r.geen_gegevens) for r in o.statussen],
    )
    s.figure(o.statussen_figuur)


def _norms(s: Story, o: Overview) -> None:
    n = o.normtoets
    s.paras(n.inleiding)
    s.section(ol.NOBODY)
    s.bullets(n.niemand)
    s.section(ol.EVERYBODY)
    s.bullets(n.iedereen)
    for block in n.blokken:
        s.heading(block.bouwsteen, ol.NORM_MODULE.level)
        s.columns(
            ol.NORM_TABLE,
            [(r.indicator, r.categorie, r.norm, r.met_gegevens, r.haalt_norm, r.signaal) for r in block.rijen],
        )


def _proximity(s: Story, o: Overview) -> None:
    n = o.nabijheid
    s.paras(n.inleiding)
    s.section(ol.BY_CATEGORY)
    s.columns(ol.BY_CATEGORY_TABLE, [_distance_row(r) for r in n.per_categorie])
    s.section(ol.BY_PROVINCE)
    s.columns(ol.BY_PROVINCE_TABLE, [_distance_row(r) for r in n.per_provincie])
    s.figure(n.figuur)
    s.section(ol.HOURS)
    s.columns(
        ol.HOURS_TABLE,
        [
            (r.categorie, r.locaties, r.volwaardig, r.uren, r.uren_per_1000, r.mediaan_per_1000, r.zonder_volwaardig)
            for r in n.uren
        ],
    )
    s.section(ol.WITHOUT_FULL)
    s.para(n.zonder_volwaardig_inleiding)
    s.columns(
        ol.WITHOUT_FULL_TABLE,
        [(r.gemeente, r.bibliotheek, r.provincie, r.inwoners, r.locaties, r.afstand) for r in n.zonder_volwaardig],
    )


def _yield(s: Story, o: Overview) -> None:
    y = o.opbrengst
    s.paras(y.inleiding)
    s.columns(ol.YIELD_TABLE, [(r.x, r.y, r.aantal, r.r, r.p) for r in y.overzicht])
    for v in y.verbanden:
        s.items.append(CondPageBreak(14 * cm))  # heading, chart, sentence and figures of one pair together
        s.heading(v.titel, ol.ASSOCIATION.level)
        s.figure(v.figuur)
        s.para(v.zin)
        s.columns(ol.ASSOCIATION_TABLE, [(k.naam, k.waarde) for k in v.cijfers])


def _programmes(s: Story, o: Overview) -> None:
    p = o.programmas
    s.paras(p.inleiding)
    s.columns(ol.PROGRAMMES_TABLE, [(r.programma, r.categorie, r.bibliotheken, r.aandeel) for r in p.rijen])


def _appendix(s: Story, o: Overview) -> None:
    b = o.bijlage
    s.section(ol.METHOD)
    s.paras(b.werkwijze)
    s.section(ol.LIBRARIES)
    s.columns(ol.LIBRARIES_TABLE, [(r.naam, r.provincie, r.categorie, r.gemeenten, r.inwoners) for r in b.bibliotheken])
    s.section(ol.COLOPHON)
    s.paras(b.colofon)


def _distance_row(r) -> tuple[str, ...]:
    return (r.groep, r.inwoners, r.gemiddeld, r.tot_1, r.van_1_tot_2, r.van_2_tot_5, r.vanaf_5, r.binnen_2, r.binnen_5)
