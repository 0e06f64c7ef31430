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

from docx_parts import (  # noqa: E402 (the sibling module is importable only after the path tweak)
    bullets,
    columns,
    cover_page,
    drop_styles_with_effects,
    figure,
    heading,
    paragraph,
    paragraphs,
    setup_page,
    setup_styles,
    toc,
)

from robuust_docs.overview import outline as o  # noqa: E402

HERE = Path(__file__).resolve().parent
DISTANCE_CELLS = [
    "{{ r.groep }}",
    "{{ r.inwoners }}",
    "{{ r.gemiddeld }}",
    "{{ r.tot_1 }}",
    "{{ r.van_1_tot_2 }}",
    "{{ r.van_2_tot_5 }}",
    "{{ r.vanaf_5 }}",
    "{{ r.binnen_2 }}",
    "{{ r.binnen_5 }}",
]


def build(out: Path) -> None:
    """Write the overview template to `out`."""
    doc = Document()
    drop_styles_with_effects(doc)
    setup_styles(doc)
    setup_page(doc)
    doc.sections[0].header.paragraphs[0].text = "{{ titel }} · Robuuste lokale bibliotheek"
    _cover(doc)
    toc(doc)
    sections = (
        _summary,
        _categories,
        _indicators,
        _years,
        _statuses,
        _norms,
        _proximity,
        _yield,
        _programmes,
        _appendix,
    )
    for section in sections:
        section(doc)
    doc.core_properties.language = "nl-NL"
    doc.core_properties.title = "Landelijk en provinciaal beeld"
    doc.save(out)


def _cover(doc) -> None:
    cover_page(doc, "{{ ondertitel }}", "{{ datum }}", o.COVER_PURPOSE)


def _summary(doc) -> None:
    heading(doc, o.SUMMARY)
    paragraphs(doc, "inleiding")
    heading(doc, o.KEY_FIGURES)
    columns(doc, o.KEY_FIGURES_TABLE, "kerncijfers", ["{{ r.naam }}", "{{ r.waarde }}"])
    heading(doc, o.FINDINGS)
    bullets(doc, "bevindingen")


def _categories(doc) -> None:
    heading(doc, o.CATEGORIES)
    paragraphs(doc, "categorieen_inleiding")
    columns(
        doc,
        o.CATEGORIES_TABLE,
        "categorieen",
        [
            "{{ r.categorie }}",
            "{{ r.bibliotheken }}",
            "{{ r.gemeenten }}",
            "{{ r.inwoners }}",
            "{{ r.locaties }}",
            "{{ r.volwaardig }}",
        ],
    )


def _indicators(doc) -> None:
    heading(doc, o.INDICATORS)
    paragraphs(doc, "indicatoren_inleiding")
    paragraph(doc, "{%p for m in indicatoren %}")
    heading(doc, o.INDICATOR_MODULE)
    paragraph(doc, "{%p for i in m.indicatoren %}")
    heading(doc, o.INDICATOR)
    paragraph(doc, "{{ i.definitie }}", "Inleiding")
    columns(
        doc,
        o.DISTRIBUTION_TABLE,
        "i.rijen",
        [
            "{{ r.categorie }}",
            "{{ r.aantal }}",
            "{{ r.minimum }}",
            "{{ r.kwartiel1 }}",
            "{{ r.mediaan }}",
            "{{ r.kwartiel3 }}",
            "{{ r.maximum }}",
            "{{ r.norm }}",
        ],
    )
    figure(doc, "i.figuur")
    paragraph(doc, "{{ i.zin }}")
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endfor %}")


def _years(doc) -> None:
    paragraph(doc, "{%p if jaren %}")
    heading(doc, o.YEARS)
    paragraphs(doc, "jaren_inleiding")
    columns(
        doc,
        o.YEARS_TABLE,
        "jaren",
        [
            "{{ r.categorie }}",
            "{{ r.jaar }}",
            "{{ r.bibliotheken }}",
            "{{ r.subsidie }}",
            "{{ r.leden }}",
            "{{ r.bezoeken }}",
            "{{ r.uitleningen }}",
        ],
    )
    paragraph(doc, "{%p endif %}")


def _statuses(doc) -> None:
    heading(doc, o.STATUSES)
    paragraphs(doc, "statussen_inleiding")
    columns(
        doc,
        o.STATUS_TABLE,
        "statussen",
        [
            "{{ r.bouwsteen }}",
            "{{ r.categorie }}",
            "{{ r.robuust }}",
            "{{ r.aandachtspunt }}",
            "{{ r.kwetsbaar }}",
            "{{ r.geen_gegevens }}",
        ],
    )
    figure(doc, "statussen_figuur")


def _norms(doc) -> None:
    heading(doc, o.NORMS)
    paragraphs(doc, "normtoets.inleiding")
    heading(doc, o.NOBODY)
    bullets(doc, "normtoets.niemand")
    heading(doc, o.EVERYBODY)
    bullets(doc, "normtoets.iedereen")
    paragraph(doc, "{%p for b in normtoets.blokken %}")
    heading(doc, o.NORM_MODULE)
    columns(
        doc,
        o.NORM_TABLE,
        "b.rijen",
        [
            "{{ r.indicator }}",
            "{{ r.categorie }}",
            "{{ r.norm }}",
            "{{ r.met_gegevens }}",
            "{{ r.haalt_norm }}",
            "{{ r.signaal }}",
        ],
    )
    paragraph(doc, "{%p endfor %}")


def _proximity(doc) -> None:
    heading(doc, o.PROXIMITY)
    paragraphs(doc, "nabijheid.inleiding")
    heading(doc, o.BY_CATEGORY)
    columns(doc, o.BY_CATEGORY_TABLE, "nabijheid.per_categorie", DISTANCE_CELLS)
    heading(doc, o.BY_PROVINCE)
    columns(doc, o.BY_PROVINCE_TABLE, "nabijheid.per_provincie", DISTANCE_CELLS)
    figure(doc, "nabijheid.figuur")
    heading(doc, o.HOURS)
    columns(
        doc,
        o.HOURS_TABLE,
        "nabijheid.uren",
        [
            "{{ r.categorie }}",
            "{{ r.locaties }}",
            "{{ r.volwaardig }}",
            "{{ r.uren }}",
            "{{ r.uren_per_1000 }}",
            "{{ r.mediaan_per_1000 }}",
            "{{ r.zonder_volwaardig }}",
        ],
    )
    heading(doc, o.WITHOUT_FULL)
    paragraph(doc, "{{ nabijheid.zonder_volwaardig_inleiding }}")
    paragraph(doc, "{%p if nabijheid.zonder_volwaardig %}")
    columns(
        doc,
        o.WITHOUT_FULL_TABLE,
        "nabijheid.zonder_volwaardig",
        [
            "{{ r.gemeente }}",
            "{{ r.bibliotheek }}",
            "{{ r.provincie }}",
            "{{ r.inwoners }}",
            "{{ r.locaties }}",
            "{{ r.afstand }}",
        ],
    )
    paragraph(doc, "{%p endif %}")


def _yield(doc) -> None:
    heading(doc, o.YIELD)
    paragraphs(doc, "opbrengst.inleiding")
    columns(
        doc,
        o.YIELD_TABLE,
        "opbrengst.overzicht",
        ["{{ r.x }}", "{{ r.y }}", "{{ r.aantal }}", "{{ r.r }}", "{{ r.p }}"],
    )
    paragraph(doc, "{%p for v in opbrengst.verbanden %}")
    heading(doc, o.ASSOCIATION)
    figure(doc, "v.figuur")
    paragraph(doc, "{{ v.zin }}")
    columns(doc, o.ASSOCIATION_TABLE, "v.cijfers", ["{{ r.naam }}", "{{ r.waarde }}"])
    paragraph(doc, "{%p endfor %}")


def _programmes(doc) -> None:
    heading(doc, o.PROGRAMMES)
    paragraphs(doc, "programmas.inleiding")
    columns(
        doc,
        o.PROGRAMMES_TABLE,
        "programmas.rijen",
        ["{{ r.programma }}", "{{ r.categorie }}", "{{ r.bibliotheken }}", "{{ r.aandeel }}"],
    )


def _appendix(doc) -> None:
    heading(doc, o.APPENDIX)
    heading(doc, o.METHOD)
    paragraphs(doc, "bijlage.werkwijze")
    heading(doc, o.LIBRARIES)
    columns(
        doc,
        o.LIBRARIES_TABLE,
        "bijlage.bibliotheken",
        ["{{ r.naam }}", "{{ r.provincie }}", "{{ r.categorie }}", "{{ r.gemeenten }}", "{{ r.inwoners }}"],
    )
    heading(doc, o.COLOPHON)
    paragraphs(doc, "bijlage.colofon")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "overzicht.docx"
    build(target)
    sys.stdout.write(f"{target}\n")
