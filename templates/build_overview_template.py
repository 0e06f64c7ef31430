"""Build `templates/overzicht.docx`, the Word template of the national and provincial overviews, from code.

Run `python templates/build_overview_template.py` after changing this script; the .docx is committed. It reuses
the styles, page set-up, table of contents and table helpers of `build_template.py` (the handreiking's template),
so both documents share one house style; the fields are those of `robuust_docs/overview_model.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_template import (  # noqa: E402 (the sibling script is importable only after the path tweak)
    _bullets,
    _drop_styles_with_effects,
    _figure,
    _p,
    _paragraphs,
    _setup_page,
    _setup_styles,
    _table,
    _toc,
    cover_page,
)

HERE = Path(__file__).resolve().parent
STATUS_HEADERS = ["● Robuust", "▲ Aandachtspunt", "■ Kwetsbaar", "○ Geen gegevens"]
DISTANCE_HEADERS = ["Inwoners", "Gem. afstand", "Tot 1 km", "1–2 km", "2–5 km", "Meer dan 5 km", "Binnen 2 km",
                    "Binnen 5 km"]
DISTANCE_CELLS = ["{{ r.groep }}", "{{ r.inwoners }}", "{{ r.gemiddeld }}", "{{ r.tot_1 }}", "{{ r.van_1_tot_2 }}",
                  "{{ r.van_2_tot_5 }}", "{{ r.vanaf_5 }}", "{{ r.binnen_2 }}", "{{ r.binnen_5 }}"]
DISTANCE_WIDTHS = [3.4, 1.9, 1.6, 1.4, 1.4, 1.7, 1.6, 1.7, 1.7]  # cm, 16.4 in all like the handreiking's tables


def build(out: Path) -> None:
    """Write the overview template to `out`."""
    doc = Document()
    _drop_styles_with_effects(doc)
    _setup_styles(doc)
    _setup_page(doc)
    doc.sections[0].header.paragraphs[0].text = "{{ titel }} · Robuuste lokale bibliotheek"
    _cover(doc)
    _toc(doc)
    for section in (_summary, _categories, _indicators, _statuses, _norms, _proximity, _yield, _programmes,
                    _appendix):
        section(doc)
    doc.core_properties.language = "nl-NL"
    doc.core_properties.title = "Landelijk en provinciaal beeld"
    doc.save(out)


def _cover(doc) -> None:
    cover_page(doc, "{{ ondertitel }}", "{{ datum }}",
               "Dit overzicht laat zien hoe de bibliotheken ervoor staan als groep, per categorie van vergelijkbare "
               "omvang: voor het projectteam Robuuste lokale bibliotheek, de provincies en hun partners.")


def _summary(doc) -> None:
    _p(doc, "Samenvatting", "Heading 1")
    _paragraphs(doc, "inleiding")
    _p(doc, "Kerncijfers", "Heading 2")
    _table(doc, ["Kerncijfer", "Waarde"], "kerncijfers", ["{{ r.naam }}", "{{ r.waarde }}"], [10.4, 6.0])
    _p(doc, "Bevindingen", "Heading 2")
    _bullets(doc, "bevindingen")


def _categories(doc) -> None:
    _p(doc, "De categorieën", "Heading 1")
    _paragraphs(doc, "categorieen_inleiding")
    _table(doc, ["Categorie", "Bibliotheken", "Gemeenten", "Inwoners", "Locaties", "Volwaardige vestigingen"],
           "categorieen", ["{{ r.categorie }}", "{{ r.bibliotheken }}", "{{ r.gemeenten }}", "{{ r.inwoners }}",
                           "{{ r.locaties }}", "{{ r.volwaardig }}"], [4.4, 2.3, 2.2, 2.7, 2.0, 2.8])


def _indicators(doc) -> None:
    _p(doc, "Indicatoren per categorie", "Heading 1")
    _paragraphs(doc, "indicatoren_inleiding")
    _p(doc, "{%p for m in indicatoren %}")
    _p(doc, "{{ m.naam }}", "Heading 2")
    _p(doc, "{%p for i in m.indicatoren %}")
    _p(doc, "{{ i.naam }}", "Heading 3")
    _p(doc, "{{ i.definitie }}", "Inleiding")
    _table(doc, ["Categorie", "n", "Laagste", "1e kwartiel", "Mediaan", "3e kwartiel", "Hoogste", "Norm"],
           "i.rijen", ["{{ r.categorie }}", "{{ r.aantal }}", "{{ r.minimum }}", "{{ r.kwartiel1 }}",
                       "{{ r.mediaan }}", "{{ r.kwartiel3 }}", "{{ r.maximum }}", "{{ r.norm }}"],
           [3.9, 0.9, 1.75, 1.75, 1.75, 1.75, 1.75, 2.85])
    _figure(doc, "i.figuur")
    _p(doc, "{{ i.zin }}")
    _p(doc, "{%p endfor %}")
    _p(doc, "{%p endfor %}")


def _statuses(doc) -> None:
    _p(doc, "Status per bouwsteen", "Heading 1")
    _paragraphs(doc, "statussen_inleiding")
    _table(doc, ["Bouwsteen", "Categorie", *STATUS_HEADERS], "statussen",
           ["{{ r.bouwsteen }}", "{{ r.categorie }}", "{{ r.robuust }}", "{{ r.aandachtspunt }}",
            "{{ r.kwetsbaar }}", "{{ r.geen_gegevens }}"], [3.1, 4.2, 2.0, 2.9, 2.2, 2.0])


def _norms(doc) -> None:
    _p(doc, "Voor het projectteam: normen getoetst", "Heading 1")
    _paragraphs(doc, "normtoets.inleiding")
    _p(doc, "Normen die niemand haalt", "Heading 2")
    _bullets(doc, "normtoets.niemand")
    _p(doc, "Normen die iedereen haalt", "Heading 2")
    _bullets(doc, "normtoets.iedereen")
    _p(doc, "{%p for b in normtoets.blokken %}")
    _p(doc, "{{ b.bouwsteen }}", "Heading 2")
    _table(doc, ["Indicator", "Categorie", "Norm", "Met gegevens", "Haalt de norm", "Signaal"], "b.rijen",
           ["{{ r.indicator }}", "{{ r.categorie }}", "{{ r.norm }}", "{{ r.met_gegevens }}", "{{ r.haalt_norm }}",
            "{{ r.signaal }}"], [3.7, 4.0, 2.4, 1.8, 2.0, 2.5])
    _p(doc, "{%p endfor %}")


def _proximity(doc) -> None:
    _p(doc, "Nabijheid en toegankelijkheid per categorie en provincie", "Heading 1")
    _paragraphs(doc, "nabijheid.inleiding")
    _p(doc, "Afstand per categorie", "Heading 2")
    _table(doc, ["Categorie", *DISTANCE_HEADERS], "nabijheid.per_categorie", DISTANCE_CELLS, DISTANCE_WIDTHS)
    _p(doc, "Afstand per provincie", "Heading 2")
    _table(doc, ["Provincie", *DISTANCE_HEADERS], "nabijheid.per_provincie", DISTANCE_CELLS, DISTANCE_WIDTHS)
    _figure(doc, "nabijheid.figuur")
    _p(doc, "Locaties en openingsuren", "Heading 2")
    _table(doc, ["Categorie", "Locaties", "Volwaardige vestigingen", "Uren per week", "Uren per 1.000 inwoners",
                 "Mediaan per bibliotheek", "Gemeenten zonder volwaardige vestiging"], "nabijheid.uren",
           ["{{ r.categorie }}", "{{ r.locaties }}", "{{ r.volwaardig }}", "{{ r.uren }}", "{{ r.uren_per_1000 }}",
            "{{ r.mediaan_per_1000 }}", "{{ r.zonder_volwaardig }}"], [3.2, 1.7, 2.3, 2.1, 2.3, 2.3, 2.5])
    _p(doc, "Gemeenten zonder volwaardige vestiging", "Heading 2")
    _p(doc, "{{ nabijheid.zonder_volwaardig_inleiding }}")
    _p(doc, "{%p if nabijheid.zonder_volwaardig %}")
    _table(doc, ["Gemeente", "Bibliotheek", "Provincie", "Inwoners", "Locaties", "Afstand tot volwaardige vestiging"],
           "nabijheid.zonder_volwaardig", ["{{ r.gemeente }}", "{{ r.bibliotheek }}", "{{ r.provincie }}",
                                           "{{ r.inwoners }}", "{{ r.locaties }}", "{{ r.afstand }}"],
           [3.0, 3.6, 2.6, 2.0, 1.7, 3.5])
    _p(doc, "{%p endif %}")


def _yield(doc) -> None:
    _p(doc, "Wat nabijheid oplevert", "Heading 1")
    _paragraphs(doc, "opbrengst.inleiding")
    _table(doc, ["Nabijheid of openingsuren", "Bereik", "n", "r", "p"], "opbrengst.overzicht",
           ["{{ r.x }}", "{{ r.y }}", "{{ r.aantal }}", "{{ r.r }}", "{{ r.p }}"], [5.0, 5.6, 1.4, 2.2, 2.2])
    _p(doc, "{%p for v in opbrengst.verbanden %}")
    _p(doc, "{{ v.titel }}", "Heading 2")
    _figure(doc, "v.figuur")
    _p(doc, "{{ v.zin }}")
    _table(doc, ["Kerncijfer", "Waarde"], "v.cijfers", ["{{ r.naam }}", "{{ r.waarde }}"], [8.4, 8.0])
    _p(doc, "{%p endfor %}")


def _programmes(doc) -> None:
    _p(doc, "Landelijke programma's", "Heading 1")
    _paragraphs(doc, "programmas.inleiding")
    _table(doc, ["Programma", "Categorie", "Bibliotheken", "Aandeel"], "programmas.rijen",
           ["{{ r.programma }}", "{{ r.categorie }}", "{{ r.bibliotheken }}", "{{ r.aandeel }}"],
           [5.0, 5.0, 3.4, 3.0])


def _appendix(doc) -> None:
    _p(doc, "Bijlage: werkwijze en bibliotheken", "Heading 1")
    _p(doc, "Werkwijze", "Heading 2")
    _paragraphs(doc, "bijlage.werkwijze")
    _p(doc, "Bibliotheken in dit overzicht", "Heading 2")
    _table(doc, ["Bibliotheek", "Provincie", "Categorie", "Gemeenten", "Inwoners"], "bijlage.bibliotheken",
           ["{{ r.naam }}", "{{ r.provincie }}", "{{ r.categorie }}", "{{ r.gemeenten }}", "{{ r.inwoners }}"],
           [3.6, 2.6, 3.4, 4.6, 2.2])
    _p(doc, "Colofon", "Heading 2")
    _paragraphs(doc, "bijlage.colofon")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "overzicht.docx"
    build(target)
    sys.stdout.write(f"{target}\n")
