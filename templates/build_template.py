"""Build `templates/handreiking.docx`, the default Word template, from code.

Run `python templates/build_template.py` after changing this script; the .docx is committed so that POIs can
restyle it in Word (styles, logo, colours, fixed texts) without this script. The template uses docxtpl tags
(`{{ bibliotheek.naam }}`, `{%p for … %}`, `{%tr for … %}`); `docs/velden.md` lists every field.

It uses real Word styles throughout (Title, Heading 1–3, List Bullet, List Number, Caption, TOC 1–3 and the
table style "Robuust tabel"), sets the language to nl-NL everywhere, puts the library's name in the header and
"Pagina X van Y" in the footer, and contains a TOC field that the renderer fills with linked entries.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx_parts import (  # noqa: E402 (the sibling module is importable only after the path tweak)
    HERE,
    bullets,
    columns,
    cover_page,
    drop_styles_with_effects,
    figure,
    heading,
    loop,
    paragraph,
    paragraphs,
    setup_page,
    setup_styles,
    table,
    toc,
)

from robuust_docs.report import outline as o  # noqa: E402


def build(out: Path) -> None:
    doc = Document()
    drop_styles_with_effects(doc)
    setup_styles(doc)
    setup_page(doc)
    _cover(doc)
    toc(doc, o.CONTENTS)
    _summary(doc)
    _story(doc)
    _modules(doc)
    _proximity(doc)
    _municipalities(doc)
    _practices(doc)
    _impact(doc)
    _conversation(doc)
    _appendix(doc)
    doc.core_properties.language = "nl-NL"
    doc.core_properties.title = "Handreiking voor het gesprek met de gemeente"
    doc.save(out)


def _cover(doc) -> None:
    cover_page(
        doc,
        "{{ bibliotheek.naam }}",
        "{{ bibliotheek.categorie }} · {{ bibliotheek.provincie }} · {{ datum }}",
        o.COVER_PURPOSE,
    )


def _summary(doc) -> None:
    heading(doc, o.SUMMARY)
    paragraphs(doc, "samenvatting.inleiding")
    paragraph(doc, "Landelijke programma's in het aanbod: {{ bibliotheek.programmas }}.")
    figure(doc, "samenvatting.figuur")
    columns(
        doc,
        o.SUMMARY_TABLE,
        "samenvatting.profiel",
        ["{{ r.naam }}", "{{r r.status.opgemaakt }}", "{{ r.samenvatting }}"],
    )
    heading(doc, o.STRENGTHS)
    bullets(doc, "samenvatting.sterke_punten")
    heading(doc, o.CONCERNS)
    bullets(doc, "samenvatting.aandachtspunten")


def _story(doc) -> None:
    heading(doc, o.STORY)
    paragraph(doc, "{{ bibliotheek.categorie_omschrijving }}", "Inleiding")
    paragraph(doc, "{%p for b in verhaal.blokken %}")
    paragraph(doc, "{%p if b.soort == 'kop' %}")
    heading(doc, o.STORY_PART)
    paragraph(doc, "{%p else %}")
    paragraph(doc, "{{ b.tekst }}")
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endfor %}")


def _modules(doc) -> None:
    heading(doc, o.MODULES)
    paragraph(doc, o.MODULES_INTRO)
    paragraph(doc, "{%p for m in bouwstenen %}")
    heading(doc, o.MODULE)
    status_line = paragraph(doc, "Status: ")
    status_line.add_run("{{r m.status.opgemaakt }}", style="Status")
    paragraph(doc, "{{ m.omschrijving }}")
    columns(
        doc,
        o.MODULE_TABLE,
        "m.rijen",
        [
            "{{ r.naam }}",
            "{{ r.waarde }}",
            "{{ r.norm }}",
            "{{ r.mediaan }}",
            "{{r r.status.opgemaakt }}",
        ],
    )
    figure(doc, "m.figuur")
    heading(doc, o.MODULE_SENTENCES)
    loop(doc, "{%p for r in m.rijen %}", lambda: paragraph(doc, "{{ r.zin }}", "List Bullet"))
    paragraph(doc, "{%p endfor %}")


def _proximity(doc) -> None:
    heading(doc, o.PROXIMITY)
    paragraphs(doc, "nabijheid.inleiding")
    bullets(doc, "nabijheid.opmerkingen")
    heading(doc, o.KEY_FIGURES)
    columns(doc, o.KEY_FIGURES_TABLE, "nabijheid.kerncijfers", ["{{ r.naam }}", "{{ r.waarde }}"])
    figure(doc, "nabijheid.figuur")
    heading(doc, o.PER_MUNICIPALITY)
    heads = [f"{{{{ nabijheid.gemeenten_kop[{i}] }}}}" for i in range(len(o.PER_MUNICIPALITY_WIDTHS))]
    table(
        doc,
        heads,
        "nabijheid.gemeenten",
        [f"{{{{ r[{i}] }}}}" for i in range(len(heads))],
        list(o.PER_MUNICIPALITY_WIDTHS),
    )
    paragraph(doc, "{%p if nabijheid.witte_vlekken %}")
    heading(doc, o.WHITE_SPOTS)
    paragraph(doc, o.WHITE_SPOTS_INTRO)
    columns(
        doc,
        o.WHITE_SPOTS_TABLE,
        "nabijheid.witte_vlekken",
        ["{{ r.buurt }}", "{{ r.gemeente }}", "{{ r.inwoners }}", "{{ r.afstand }}", "{{ r.cbs }}"],
    )
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p if nabijheid.vestigingen %}")
    heading(doc, o.LOCATIONS)
    columns(
        doc,
        o.LOCATIONS_TABLE,
        "nabijheid.vestigingen",
        [
            "{{ r.naam }}",
            "{{ r.soort }}",
            "{{ r.gemeente }}",
            "{{ r.uren }}",
            "{{ r.open_bibliotheek }}",
            "{{ r.rolstoel }}",
            "{{ r.avond_weekend }}",
        ],
    )
    paragraph(doc, "{%p endif %}")


def _municipalities(doc) -> None:
    heading(doc, o.MUNICIPALITIES)
    columns(
        doc,
        o.MUNICIPALITIES_TABLE,
        "gemeenten",
        ["{{ r.naam }}", "{{ r.inwoners }}", "{{ r.subsidie }}", "{{ r.subsidie_per_inwoner }}", "{{ r.themas }}"],
    )
    paragraphs(doc, "themas_inleiding")
    paragraph(doc, "{%p for t in themas %}")
    heading(doc, o.THEME)
    paragraph(doc, "Genoemd door: {{ t.gemeenten }}. Wettelijke functies: {{ t.functies }}.", "Inleiding")
    paragraph(doc, "{{ t.opgave }}")
    paragraph(doc, "{{ t.bijdrage }}")
    paragraph(doc, "{{ t.lopend }} {{ t.kansen }}")
    heading(doc, o.THEME_QUESTIONS)
    bullets(doc, "t.vragen")
    paragraph(doc, "{%p endfor %}")


def _practices(doc) -> None:
    heading(doc, o.PRACTICES)
    paragraphs(doc, "praktijken_inleiding")
    paragraph(doc, "{%p for p in praktijken %}")
    heading(doc, o.PRACTICE)
    paragraph(doc, "{{ p.samenvatting }}", "Inleiding")
    paragraph(doc, "{{ p.reden }}")
    paragraphs(doc, "p.alineas")
    heading(doc, o.PRACTICE_NEEDS)
    paragraph(doc, "Personeel – {{ p.personeel }}", "List Bullet")
    paragraph(doc, "Geld – {{ p.geld }}", "List Bullet")
    paragraph(doc, "Partners – {{ p.partners }}", "List Bullet")
    paragraph(doc, "{%p if p.impact %}")
    heading(doc, o.PRACTICE_IMPACT)
    bullets(doc, "p.impact")
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endfor %}")


def _impact(doc) -> None:
    heading(doc, o.IMPACT)
    paragraph(doc, o.IMPACT_INTRO)
    loop(doc, "{%p for f in impact %}", lambda: paragraph(doc, "{{ f.tekst }} Bron: {{ f.bron }}.", "List Bullet"))


def _conversation(doc) -> None:
    heading(doc, o.CONVERSATION)
    paragraphs(doc, "gesprek.inleiding")
    heading(doc, o.AGENDA)
    loop(
        doc,
        "{%p for a in gesprek.agenda %}",
        lambda: paragraph(doc, "{{ a.titel }} – {{ a.toelichting }}", "List Number"),
    )
    heading(doc, o.QUESTIONS)
    paragraph(doc, "{%p for v in gesprek.vragenblokken %}")
    heading(doc, o.QUESTION_BLOCK)
    bullets(doc, "v.vragen")
    paragraph(doc, "{%p endfor %}")


def _appendix(doc) -> None:
    heading(doc, o.APPENDIX)
    heading(doc, o.METHOD)
    paragraphs(doc, "bijlage.werkwijze")
    heading(doc, o.INDICATORS)
    columns(
        doc,
        o.INDICATORS_TABLE,
        "bijlage.definities",
        [
            "{{ r.bouwsteen }}",
            "{{ r.naam }}",
            "{{ r.definitie }}",
            "{{ r.formule }}",
            "{{ r.norm }}",
            "{{ r.kwetsbaar }}",
            "{{ r.bron }}",
        ],
    )
    heading(doc, o.SOURCES)
    bullets(doc, "bijlage.bronnen")
    heading(doc, o.COLOPHON)
    paragraphs(doc, "bijlage.colofon")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "handreiking.docx"
    build(target)
    sys.stdout.write(f"{target}\n")
