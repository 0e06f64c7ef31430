"""`render_overview_pdf`: an `Overview` into a tagged PDF, laid out by `document.render_story` with the
`story.Story` primitives, in the same order and with the same texts as `templates/overzicht.docx`.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Paragraph, Spacer

from robuust_docs.overview.model import Overview
from robuust_docs.render.pdf.document import render_story
from robuust_docs.render.pdf.story import Story, markup
from robuust_docs.render.theme import Theme
from robuust_docs.status import Status

STATUS_HEADERS = tuple(s.text for s in Status)
DISTANCE_HEADERS = ("Inwoners", "Gem. afstand", "Tot 1 km", "1–2 km", "2–5 km", "Meer dan 5 km", "Binnen 2 km",
                    "Binnen 5 km")
DISTANCE_WIDTHS = [3.4, 1.9, 1.6, 1.4, 1.4, 1.7, 1.6, 1.7, 1.7]


def render_overview_pdf(overview: Overview, theme: Theme, tagged: bool = True) -> bytes:
    """The PDF for a national or provincial overview, as bytes (tagged unless `tagged` is False)."""
    return render_story(overview.meta, lambda tagger: build_overview_story(overview, theme, tagger), theme, tagged)


def build_overview_story(o: Overview, theme: Theme, tagger) -> Story:
    """The whole overview as a Story: cover, contents, then every section in template order."""
    s = Story(theme, tagger)
    _cover(s, o)
    s.contents()
    _section(s, "Samenvatting", lambda: _summary(s, o))
    _section(s, "De categorieën", lambda: _categories(s, o))
    _section(s, "Indicatoren per categorie", lambda: _indicators(s, o))
    _section(s, "Status per bouwsteen", lambda: _statuses(s, o))
    _section(s, "Voor het projectteam: normen getoetst", lambda: _norms(s, o))
    _section(s, "Nabijheid en toegankelijkheid per categorie en provincie", lambda: _proximity(s, o))
    _section(s, "Wat nabijheid oplevert", lambda: _yield(s, o))
    _section(s, "Landelijke programma's", lambda: _programmes(s, o))
    _section(s, "Bijlage: werkwijze en bibliotheken", lambda: _appendix(s, o))
    return s


def _section(s: Story, title: str, body) -> None:
    s.begin("Sect")
    s.heading(title, 1)
    body()
    s.end()


def _cover(s: Story, o: Overview) -> None:
    s.items.append(Spacer(1, 5.2 * cm))
    s.items.append(s.tagger.leaf(Paragraph(markup(o.titel), s.styles["title"]), "H1"))
    s.para(o.ondertitel, "subtitle")
    s.para(o.datum, "intro")
    s.items.append(Spacer(1, 0.6 * cm))
    s.para("Dit overzicht laat zien hoe de bibliotheken ervoor staan als groep, per categorie van vergelijkbare "
           "omvang: voor het projectteam Robuuste lokale bibliotheek, de provincies en hun partners.")
    s.para(f"Opgesteld door: {o.auteur}")
    s.items.append(NextPageTemplate("body"))
    s.items.append(PageBreak())


def _summary(s: Story, o: Overview) -> None:
    s.paras(o.inleiding)
    s.heading("Kerncijfers", 2)
    s.table(("Kerncijfer", "Waarde"), [(k.naam, k.waarde) for k in o.kerncijfers], [10.4, 6.0])
    s.heading("Bevindingen", 2)
    s.bullets(o.bevindingen)


def _categories(s: Story, o: Overview) -> None:
    s.paras(o.categorieen_inleiding)
    s.table(("Categorie", "Bibliotheken", "Gemeenten", "Inwoners", "Locaties", "Volwaardige vestigingen"),
            [(r.categorie, r.bibliotheken, r.gemeenten, r.inwoners, r.locaties, r.volwaardig) for r in o.categorieen],
            [4.6, 2.3, 2.2, 2.7, 2.0, 2.6])


def _indicators(s: Story, o: Overview) -> None:
    s.paras(o.indicatoren_inleiding)
    for module in o.indicatoren:
        s.items.append(CondPageBreak(13 * cm))  # the building block's heading stays with its first indicator
        s.heading(module.naam, 2)
        for ind in module.indicatoren:
            start = len(s.items)
            s.heading(ind.naam, 3)
            s.para(ind.definitie, "intro")
            s.table(("Categorie", "n", "Laagste", "1e kwartiel", "Mediaan", "3e kwartiel", "Hoogste", "Norm"),
                    [(r.categorie, r.aantal, r.minimum, r.kwartiel1, r.mediaan, r.kwartiel3, r.maximum, r.norm)
                     for r in ind.rijen], [3.9, 0.9, 1.75, 1.75, 1.75, 1.75, 1.75, 2.85])
            s.figure(ind.figuur)
            s.para(ind.zin)
            s.items[start:] = [_keep_together(s.items[start:])]  # one indicator is never split over pages


def _keep_together(items: list) -> KeepTogether:
    """One KeepTogether of `items`, nested ones flattened (a nested KeepTogether reports an endless height, which
    would always push the block to a new page)."""
    flat = [part for item in items for part in (item._content if isinstance(item, KeepTogether) else [item])]
    return KeepTogether(flat)


def _statuses(s: Story, o: Overview) -> None:
    s.paras(o.statussen_inleiding)
    s.table(("Bouwsteen", "Categorie", *STATUS_HEADERS),
            [(r.bouwsteen, r.categorie, r.robuust, r.aandachtspunt, r.kwetsbaar, r.geen_gegevens)
             for r in o.statussen], [3.1, 4.2, 2.0, 2.9, 2.2, 2.0])


def _norms(s: Story, o: Overview) -> None:
    n = o.normtoets
    s.paras(n.inleiding)
    s.heading("Normen die niemand haalt", 2)
    s.bullets(n.niemand)
    s.heading("Normen die iedereen haalt", 2)
    s.bullets(n.iedereen)
    for block in n.blokken:
        s.heading(block.bouwsteen, 2)
        s.table(("Indicator", "Categorie", "Norm", "Met gegevens", "Haalt de norm", "Signaal"),
                [(r.indicator, r.categorie, r.norm, r.met_gegevens, r.haalt_norm, r.signaal) for r in block.rijen],
                [3.7, 4.0, 2.4, 1.8, 2.0, 2.5])


def _proximity(s: Story, o: Overview) -> None:
    n = o.nabijheid
    s.paras(n.inleiding)
    s.heading("Afstand per categorie", 2)
    s.table(("Categorie", *DISTANCE_HEADERS),
            [(r.groep, r.inwoners, r.gemiddeld, r.tot_1, r.van_1_tot_2, r.van_2_tot_5, r.vanaf_5, r.binnen_2,
              r.binnen_5) for r in n.per_categorie], DISTANCE_WIDTHS)
    s.heading("Afstand per provincie", 2)
    s.table(("Provincie", *DISTANCE_HEADERS),
            [(r.groep, r.inwoners, r.gemiddeld, r.tot_1, r.van_1_tot_2, r.van_2_tot_5, r.vanaf_5, r.binnen_2,
              r.binnen_5) for r in n.per_provincie], DISTANCE_WIDTHS)
    s.figure(n.figuur)
    s.heading("Locaties en openingsuren", 2)
    s.table(("Categorie", "Locaties", "Volwaardige vestigingen", "Uren per week", "Uren per 1.000 inwoners",
             "Mediaan per bibliotheek", "Gemeenten zonder volwaardige vestiging"),
            [(r.categorie, r.locaties, r.volwaardig, r.uren, r.uren_per_1000, r.mediaan_per_1000, r.zonder_volwaardig)
             for r in n.uren], [3.6, 1.8, 2.2, 2.2, 2.2, 2.2, 2.6])
    s.heading("Gemeenten zonder volwaardige vestiging", 2)
    s.para(n.zonder_volwaardig_inleiding)
    s.table(("Gemeente", "Bibliotheek", "Provincie", "Inwoners", "Locaties", "Afstand tot volwaardige vestiging"),
            [(r.gemeente, r.bibliotheek, r.provincie, r.inwoners, r.locaties, r.afstand)
             for r in n.zonder_volwaardig], [3.2, 3.6, 2.6, 2.0, 1.7, 3.3])


def _yield(s: Story, o: Overview) -> None:
    y = o.opbrengst
    s.paras(y.inleiding)
    s.table(("Nabijheid of openingsuren", "Bereik", "n", "r", "p"),
            [(r.x, r.y, r.aantal, r.r, r.p) for r in y.overzicht], [5.0, 5.6, 1.4, 2.2, 2.2])
    for v in y.verbanden:
        s.items.append(CondPageBreak(14 * cm))  # heading, chart, sentence and figures of one pair together
        s.heading(v.titel, 2)
        s.figure(v.figuur)
        s.para(v.zin)
        s.table(("Kerncijfer", "Waarde"), [(k.naam, k.waarde) for k in v.cijfers], [8.4, 8.0])


def _programmes(s: Story, o: Overview) -> None:
    p = o.programmas
    s.paras(p.inleiding)
    s.table(("Programma", "Categorie", "Bibliotheken", "Aandeel"),
            [(r.programma, r.categorie, r.bibliotheken, r.aandeel) for r in p.rijen], [5.0, 5.0, 3.4, 3.0])


def _appendix(s: Story, o: Overview) -> None:
    b = o.bijlage
    s.heading("Werkwijze", 2)
    s.paras(b.werkwijze)
    s.heading("Bibliotheken in dit overzicht", 2)
    s.table(("Bibliotheek", "Provincie", "Categorie", "Gemeenten", "Inwoners"),
            [(r.naam, r.provincie, r.categorie, r.gemeenten, r.inwoners) for r in b.bibliotheken],
            [3.6, 2.6, 3.4, 4.6, 2.2])
    s.heading("Colofon", 2)
    s.paras(b.colofon)
