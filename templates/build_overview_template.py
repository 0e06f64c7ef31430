"""Build `templates/overzicht.docx`, the Word template of the national and provincial overviews, from code.

Run `python templates/build_overview_template.py` after changing this script; the .docx is committed. It reuses
the styles, page set-up, table of contents and table helpers of `build_template.py` (the handreiking's template),
so both documents share one house style; the fields are those of `robuust_docs/overview/model.py`, the
headings and tables those of `robuust_docs/overview/outline.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_template import (  # noqa: E402 (the sibling script is importable only after the path tweak)
    _bullets,
    _columns,
    _drop_styles_with_effects,
    _figure,
    _h,
    _p,
    _paragraphs,
    _setup_page,
    _setup_styles,
    _toc,
    cover_page,
)

from robuust_docs.overview import outline as o  # noqa: E402

HERE = Path(__file__).resolve().parent
DISTANCE_CELLS = ["{{ r.groep }}", "{{ r.inwoners }}", "{{ r.gemiddeld }}", "{{ r.tot_1 }}", "{{ r.van_1_tot_2 }}",
                  "{{ r.van_2_tot_5 }}", "{{ r.vanaf_5 }}", "{{ r.binnen_2 }}", "{{ r.binnen_5 }}"]


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
    cover_page(doc, "{{ ondertitel }}", "{{ datum }}", o.COVER_PURPOSE)


def _summary(doc) -> None:
    _h(doc, o.SUMMARY)
    _paragraphs(doc, "inleiding")
    _h(doc, o.KEY_FIGURES)
    _columns(doc, o.KEY_FIGURES_TABLE, "kerncijfers", ["{{ r.naam }}", "{{ r.waarde }}"])
    _h(doc, o.FINDINGS)
    _bullets(doc, "bevindingen")


def _categories(doc) -> None:
    _h(doc, o.CATEGORIES)
    _paragraphs(doc, "categorieen_inleiding")
    _columns(doc, o.CATEGORIES_TABLE, "categorieen", ["{{ r.categorie }}", "{{ r.bibliotheken }}", "{{ r.gemeenten }}",
                                                       "{{ r.inwoners }}", "{{ r.locaties }}", "{{ r.volwaardig }}"])


def _indicators(doc) -> None:
    _h(doc, o.INDICATORS)
    _paragraphs(doc, "indicatoren_inleiding")
    _p(doc, "{%p for m in indicatoren %}")
    _h(doc, o.INDICATOR_MODULE)
    _p(doc, "{%p for i in m.indicatoren %}")
    _h(doc, o.INDICATOR)
    _p(doc, "{{ i.definitie }}", "Inleiding")
    _columns(doc, o.DISTRIBUTION_TABLE, "i.rijen", ["{{ r.categorie }}", "{{ r.aantal }}", "{{ r.minimum }}",
                                                     "{{ r.kwartiel1 }}", "{{ r.mediaan }}", "{{ r.kwartiel3 }}",
                                                     "{{ r.maximum }}", "{{ r.norm }}"])
    _figure(doc, "i.figuur")
    _p(doc, "{{ i.zin }}")
    _p(doc, "{%p endfor %}")
    _p(doc, "{%p endfor %}")


def _statuses(doc) -> None:
    _h(doc, o.STATUSES)
    _paragraphs(doc, "statussen_inleiding")
    _columns(doc, o.STATUS_TABLE, "statussen", ["{{ r.bouwsteen }}", "{{ r.categorie }}", "{{ r.robuust }}",
                                                 "{{ r.aandachtspunt }}", "{{ r.kwetsbaar }}", "{{ r.geen_gegevens }}"])


def _norms(doc) -> None:
    _h(doc, o.NORMS)
    _paragraphs(doc, "normtoets.inleiding")
    _h(doc, o.NOBODY)
    _bullets(doc, "normtoets.niemand")
    _h(doc, o.EVERYBODY)
    _bullets(doc, "normtoets.iedereen")
    _p(doc, "{%p for b in normtoets.blokken %}")
    _h(doc, o.NORM_MODULE)
    _columns(doc, o.NORM_TABLE, "b.rijen", ["{{ r.indicator }}", "{{ r.categorie }}", "{{ r.norm }}",
                                             "{{ r.met_gegevens }}", "{{ r.haalt_norm }}", "{{ r.signaal }}"])
    _p(doc, "{%p endfor %}")


def _proximity(doc) -> None:
    _h(doc, o.PROXIMITY)
    _paragraphs(doc, "nabijheid.inleiding")
    _h(doc, o.BY_CATEGORY)
    _columns(doc, o.BY_CATEGORY_TABLE, "nabijheid.per_categorie", DISTANCE_CELLS)
    _h(doc, o.BY_PROVINCE)
    _columns(doc, o.BY_PROVINCE_TABLE, "nabijheid.per_provincie", DISTANCE_CELLS)
    _figure(doc, "nabijheid.figuur")
    _h(doc, o.HOURS)
    _columns(doc, o.HOURS_TABLE, "nabijheid.uren",
             ["{{ r.categorie }}", "{{ r.locaties }}", "{{ r.volwaardig }}", "{{ r.uren }}", "{{ r.uren_per_1000 }}",
              "{{ r.mediaan_per_1000 }}", "{{ r.zonder_volwaardig }}"])
    _h(doc, o.WITHOUT_FULL)
    _p(doc, "{{ nabijheid.zonder_volwaardig_inleiding }}")
    _p(doc, "{%p if nabijheid.zonder_volwaardig %}")
    _columns(doc, o.WITHOUT_FULL_TABLE, "nabijheid.zonder_volwaardig",
             ["{{ r.gemeente }}", "{{ r.bibliotheek }}", "{{ r.provincie }}", "{{ r.inwoners }}", "{{ r.locaties }}",
              "{{ r.afstand }}"])
    _p(doc, "{%p endif %}")


def _yield(doc) -> None:
    _h(doc, o.YIELD)
    _paragraphs(doc, "opbrengst.inleiding")
    _columns(doc, o.YIELD_TABLE, "opbrengst.overzicht",
             ["{{ r.x }}", "{{ r.y }}", "{{ r.aantal }}", "{{ r.r }}", "{{ r.p }}"])
    _p(doc, "{%p for v in opbrengst.verbanden %}")
    _h(doc, o.ASSOCIATION)
    _figure(doc, "v.figuur")
    _p(doc, "{{ v.zin }}")
    _columns(doc, o.ASSOCIATION_TABLE, "v.cijfers", ["{{ r.naam }}", "{{ r.waarde }}"])
    _p(doc, "{%p endfor %}")


def _programmes(doc) -> None:
    _h(doc, o.PROGRAMMES)
    _paragraphs(doc, "programmas.inleiding")
    _columns(doc, o.PROGRAMMES_TABLE, "programmas.rijen",
             ["{{ r.programma }}", "{{ r.categorie }}", "{{ r.bibliotheken }}", "{{ r.aandeel }}"])


def _appendix(doc) -> None:
    _h(doc, o.APPENDIX)
    _h(doc, o.METHOD)
    _paragraphs(doc, "bijlage.werkwijze")
    _h(doc, o.LIBRARIES)
    _columns(doc, o.LIBRARIES_TABLE, "bijlage.bibliotheken",
             ["{{ r.naam }}", "{{ r.provincie }}", "{{ r.categorie }}", "{{ r.gemeenten }}", "{{ r.inwoners }}"])
    _h(doc, o.COLOPHON)
    _paragraphs(doc, "bijlage.colofon")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "overzicht.docx"
    build(target)
    sys.stdout.write(f"{target}\n")
