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
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx_parts import (  # noqa: E402 (the sibling module is importable only after the path tweak)
    GREY,
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
    toc,
)

from robuust_docs.report import outline as o  # noqa: E402


def build(out: Path) -> None:
    doc = Document()
    drop_styles_with_effects(doc)
    setup_styles(doc)
    _extra_styles(doc)
    setup_page(doc)
    _cover(doc)
    toc(doc, o.CONTENTS)
    for section in (
        _summary,
        _focus,
        _municipalities,
        _story,
        _modules,
        _proximity,
        _contribution,
        _conversation,
        _appendix,
    ):
        section(doc)
    doc.core_properties.language = "nl-NL"
    doc.core_properties.title = "Handreiking voor het gesprek met de gemeente"
    doc.save(out)


def _extra_styles(doc) -> None:
    """'Klein': notes under a table and the appendix's small print, in the grey of the captions."""
    small = doc.styles.add_style("Klein", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = doc.styles["Normal"]
    small.font.size = Pt(8.5)
    small.font.color.rgb = GREY


def _lead(doc, lead: str, text: str, style: str = "Normal"):
    """A paragraph that opens with a bold lead-in (character style Strong)."""
    p = paragraph(doc, "", style)
    p.add_run(lead, style="Strong")
    p.add_run(f" {text}")
    return p


def _when(doc, condition: str, body) -> None:
    paragraph(doc, f"{{%p if {condition} %}}")
    body()
    paragraph(doc, "{%p endif %}")


def _cover(doc) -> None:
    cover_page(
        doc,
        "{{ ondertitel }}",
        "{{ bibliotheek.categorie }} · {{ bibliotheek.provincie }} · {{ datum }}",
        o.COVER_PURPOSE,
    )


def _summary(doc) -> None:
    heading(doc, o.SUMMARY)
    paragraphs(doc, "kort.inleiding")

    def findings():
        heading(doc, o.FINDINGS)
        loop(
            doc,
            "{%p for b in kort.bevindingen %}",
            lambda: _lead(doc, "{{ b.titel }}.", "{{ b.tekst }}", "List Bullet"),
        )

    _when(doc, "kort.bevindingen", findings)
    heading(doc, o.ASKS)
    # with asks, their introduction is a note in small print; without, it is the message itself
    _when(doc, "kort.voorstellen", lambda: paragraph(doc, "{{ kort.voorstellen_inleiding }}", "Klein"))
    _when(doc, "not kort.voorstellen", lambda: paragraph(doc, "{{ kort.voorstellen_inleiding }}"))
    loop(
        doc,
        "{%p for v in kort.voorstellen %}",
        lambda: _lead(
            doc, "Voor {{ v.gemeente }}: {{ v.tekst }}", "Kosten: {{ v.bedrag }}. {{ v.verdeling }} {{ v.zonder }}"
        ),
    )

    def strengths():
        heading(doc, o.STRENGTHS)
        bullets(doc, "kort.sterk")

    _when(doc, "kort.sterk", strengths)

    def checks():
        heading(doc, o.CHECKS)
        bullets(doc, "kort.controle")

    _when(doc, "kort.controle", checks)


def _focus(doc) -> None:
    """The guide of one municipality: its own chapter after "In het kort" (absent in a library's guide)."""

    def chapter():
        heading(doc, o.FOCUS)
        paragraphs(doc, "gemeente.inleiding")

        def findings():
            heading(doc, o.FOCUS_FINDINGS)
            loop(
                doc,
                "{%p for b in gemeente.bevindingen %}",
                lambda: _lead(doc, "{{ b.titel }}.", "{{ b.tekst }}", "List Bullet"),
            )

        _when(doc, "gemeente.bevindingen", findings)
        heading(doc, o.FOCUS_FIGURES)
        columns(doc, o.KEY_FIGURES_TABLE, "gemeente.kerncijfers", ["{{ r.naam }}", "{{ r.waarde }}"])
        paragraph(doc, "{{ gemeente.geheel }}", "Klein")

        def locations():
            heading(doc, o.FOCUS_LOCATIONS)
            columns(
                doc,
                o.FOCUS_LOCATIONS_TABLE,
                "gemeente.vestigingen",
                [
                    "{{ r.naam }}",
                    "{{ r.soort }}",
                    "{{ r.uren }}",
                    "{{ r.open_bibliotheek }}",
                    "{{ r.rolstoel }}",
                    "{{ r.avond_weekend }}",
                ],
            )

        _when(doc, "gemeente.vestigingen", locations)

        def white_spots():
            heading(doc, o.FOCUS_WHITE_SPOTS)
            columns(
                doc,
                o.FOCUS_WHITE_SPOTS_TABLE,
                "gemeente.witte_vlekken",
                ["{{ r.buurt }}", "{{ r.inwoners }}", "{{ r.afstand }}"],
            )

        _when(doc, "gemeente.witte_vlekken", white_spots)

        def themes():
            heading(doc, o.FOCUS_THEMES)
            loop(doc, "{%p for t in gemeente.themas %}", lambda: _lead(doc, "{{ t.naam }}.", "{{ t.tekst }}"))

        _when(doc, "gemeente.themas", themes)

    _when(doc, "gemeente", chapter)


def _municipalities(doc) -> None:
    def chapter():
        heading(doc, o.MUNICIPALITIES)
        paragraphs(doc, "gemeenten.inleiding")
        paragraph(doc, "{%p for g in gemeenten.alineas %}")
        heading(doc, o.MUNICIPALITY)
        paragraph(doc, "{{ g.tekst }}")
        paragraph(doc, "{%p endfor %}")
        heading(doc, o.COMPARISON)
        columns(
            doc,
            o.COMPARISON_TABLE,
            "gemeenten.vergelijking",
            [
                "{{ r.naam }}",
                "{{ r.inwoners }}",
                "{{ r.subsidie }}",
                "{{ r.per_inwoner }}",
                "{{ r.locaties }}",
                "{{ r.afstand }}",
                "{{ r.binnen_2km }}",
            ],
        )
        paragraph(doc, "{{ gemeenten.toelichting }}", "Klein")

    _when(doc, "gemeenten", chapter)


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


STATUS_CELL = "{{r r.status.opgemaakt }}"


def _modules(doc) -> None:
    heading(doc, o.MODULES)
    paragraphs(doc, "bouwstenen_inleiding")
    columns(doc, o.PROFILE_TABLE, "profiel", ["{{ r.naam }}", STATUS_CELL, "{{ r.samenvatting }}"])
    figure(doc, "profiel_figuur")
    paragraph(doc, "{%p for m in bouwstenen %}")
    heading(doc, o.MODULE)
    status_line = paragraph(doc, "Status: ")
    status_line.add_run("{{r m.status.opgemaakt }}", style="Status")
    paragraphs(doc, "m.tekst")
    _when(
        doc,
        "m.met_verandering",
        lambda: columns(
            doc,
            o.MODULE_TREND_TABLE,
            "m.rijen",
            ["{{ r.naam }}", "{{ r.waarde }}", "{{ r.verandering }}", "{{ r.norm }}", "{{ r.mediaan }}", STATUS_CELL],
        ),
    )
    _when(
        doc,
        "not m.met_verandering",
        lambda: columns(
            doc,
            o.MODULE_TABLE,
            "m.rijen",
            ["{{ r.naam }}", "{{ r.waarde }}", "{{ r.norm }}", "{{ r.mediaan }}", STATUS_CELL],
        ),
    )
    figure(doc, "m.figuur")
    figure(doc, "m.trend_figuur")
    paragraph(doc, "{%p endfor %}")


def _proximity(doc) -> None:
    heading(doc, o.PROXIMITY)
    paragraphs(doc, "nabijheid.inleiding")
    bullets(doc, "nabijheid.opmerkingen")
    columns(doc, o.KEY_FIGURES_TABLE, "nabijheid.kerncijfers", ["{{ r.naam }}", "{{ r.waarde }}"])
    figure(doc, "nabijheid.figuur")

    def white_spots():
        heading(doc, o.WHITE_SPOTS)
        paragraph(doc, o.WHITE_SPOTS_INTRO)
        cells = ["{{ r.buurt }}", "{{ r.gemeente }}", "{{ r.inwoners }}", "{{ r.afstand }}"]
        _when(
            doc,
            "nabijheid.cbs",
            lambda: columns(doc, o.WHITE_SPOTS_CBS_TABLE, "nabijheid.witte_vlekken", [*cells, "{{ r.cbs }}"]),
        )
        _when(doc, "not nabijheid.cbs", lambda: columns(doc, o.WHITE_SPOTS_TABLE, "nabijheid.witte_vlekken", cells))

    _when(doc, "nabijheid.witte_vlekken", white_spots)

    def locations():
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

    _when(doc, "nabijheid.vestigingen", locations)


def _contribution(doc) -> None:
    heading(doc, o.CONTRIBUTION)
    heading(doc, o.THEMES)
    paragraph(doc, o.PROGRAMMES_LINE.format("{{ bibliotheek.programmas }}"))
    paragraphs(doc, "themas_inleiding")
    loop(
        doc,
        "{%p for t in themas %}",
        lambda: _lead(doc, "{{ t.naam }}{% if t.gemeenten %} ({{ t.gemeenten }}){% endif %}.", "{{ t.tekst }}"),
    )
    heading(doc, o.PRACTICES)
    paragraphs(doc, "praktijken_inleiding")
    paragraph(doc, "{%p for p in praktijken %}")
    heading(doc, o.PRACTICE)
    paragraph(doc, "{{ p.samenvatting }}")
    paragraph(doc, "{{ p.reden }}")
    paragraph(doc, "{{ p.vraagt }}", "Klein")
    bullets(doc, "p.impact")
    paragraph(doc, "{%p endfor %}")

    def impact():
        heading(doc, o.IMPACT)
        paragraph(doc, o.IMPACT_INTRO)
        loop(doc, "{%p for f in impact %}", lambda: paragraph(doc, "{{ f.tekst }} Bron: {{ f.bron }}.", "List Bullet"))

    _when(doc, "impact", impact)


def _conversation(doc) -> None:
    heading(doc, o.CONVERSATION)
    paragraphs(doc, "gesprek.inleiding")
    heading(doc, o.QUESTIONS)
    bullets(doc, "gesprek.vragen")
    heading(doc, o.AGENDA)
    bullets(doc, "gesprek.agenda", "List Number")


def _appendix(doc) -> None:
    heading(doc, o.APPENDIX)
    heading(doc, o.METHOD)
    paragraphs(doc, "bijlage.werkwijze")

    def calculations():
        heading(doc, o.CALCULATIONS)
        paragraph(doc, "{%p for k in bijlage.berekeningen %}")
        heading(doc, o.CALCULATION)
        paragraph(doc, "{{ k.uitleg }}")
        bullets(doc, "k.uitwerking")
        paragraph(doc, "{%p endfor %}")
        columns(
            doc, o.COSTS_TABLE, "bijlage.kosten", ["{{ r.naam }}", "{{ r.bedrag }}", "{{ r.soort }}", "{{ r.bron }}"]
        )
        loop(
            doc,
            "{%p for c in bijlage.kosten_uitleg %}",
            lambda: _lead(doc, "{{ c.naam }}.", "{{ c.toelichting }}", "Klein"),
        )

    _when(doc, "bijlage.berekeningen", calculations)
    heading(doc, o.INDICATORS)
    loop(
        doc,
        "{%p for d in bijlage.definities %}",
        lambda: _lead(
            doc,
            "{{ d.naam }} ({{ d.bouwsteen }}).",
            "{{ d.definitie }} Berekening: {{ d.formule }}. Norm: {{ d.norm }}; kwetsbaar: {{ d.kwetsbaar }}.",
            "Klein",
        ),
    )
    heading(doc, o.SOURCES)
    paragraphs(doc, "bijlage.bronnen", "Klein")
    heading(doc, o.COLOPHON)
    paragraphs(doc, "bijlage.colofon")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "handreiking.docx"
    build(target)
    sys.stdout.write(f"{target}\n")
