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
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from robuust_docs.render import load_theme
from robuust_docs.render.docx.oxml import field_runs
from robuust_docs.report import outline as o
from robuust_docs.report.outline import Columns, Heading

HERE = Path(__file__).resolve().parent
THEME = load_theme(HERE)  # the colours of thema.yaml, so Word and PDF share one house style
PRIMARY = RGBColor.from_string(THEME.primary.lstrip("#"))
GREY = RGBColor.from_string(THEME.light.lstrip("#"))
FONT = "Arial"  # metric-compatible with the PDF's Liberation Sans
TABLE_STYLE = "Robuust tabel"


def build(out: Path) -> None:
    doc = Document()
    _drop_styles_with_effects(doc)
    _setup_styles(doc)
    _setup_page(doc)
    _cover(doc)
    _toc(doc)
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


# --- styles ---------------------------------------------------------------------------------------------------


def _drop_styles_with_effects(doc) -> None:
    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del part.rels[rel_id]


def _lang(rpr) -> None:
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "nl-NL")
    lang.set(qn("w:eastAsia"), "nl-NL")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)


def _setup_styles(doc) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _lang(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "nl-NL")
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    _heading_styles(styles)
    _other_styles(styles)
    _toc_styles(styles)
    _table_style(doc)
    for style in styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            _lang(style.element.get_or_add_rPr())


def _heading_styles(styles) -> None:
    for level, size, before in ((1, 18, 18), (2, 14, 14), (3, 11.5, 10)):
        style = styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
        style.font.color.rgb = PRIMARY
        style.font.italic = False
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(before), Pt(6), True
        rfonts = style.element.rPr.find(qn("w:rFonts"))
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            rfonts.attrib.pop(qn(attr), None)
    styles["Heading 1"].paragraph_format.page_break_before = True


def _other_styles(styles) -> None:
    title = styles["Title"]
    title.font.name, title.font.size, title.font.color.rgb = FONT, Pt(28), PRIMARY
    _no_theme_fonts(title)
    border = title.element.pPr.find(qn("w:pBdr"))
    if border is not None:
        title.element.pPr.remove(border)
    subtitle = styles["Subtitle"]
    subtitle.font.name, subtitle.font.size, subtitle.font.color.rgb = FONT, Pt(18), GREY
    subtitle.font.italic = False
    _no_theme_fonts(subtitle)
    caption = styles["Caption"]
    caption.font.name, caption.font.size, caption.font.color.rgb = FONT, Pt(9), GREY
    caption.font.bold, caption.font.italic = False, True
    caption.paragraph_format.space_after = Pt(12)
    for name in ("List Bullet", "List Number"):
        styles[name].paragraph_format.space_after = Pt(3)
    heading = styles["TOC Heading"]
    heading.paragraph_format.page_break_before = False
    quote = styles.add_style("Inleiding", WD_STYLE_TYPE.PARAGRAPH)
    quote.base_style = styles["Normal"]
    quote.font.size, quote.font.color.rgb, quote.font.italic = Pt(11), GREY, True
    cell = styles.add_style("Tabeltekst", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = styles["Normal"]
    cell.font.size = Pt(9)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0
    label = styles.add_style("Status", WD_STYLE_TYPE.CHARACTER)
    label.font.bold = True


def _no_theme_fonts(style) -> None:
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    if rfonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            rfonts.attrib.pop(qn(attr), None)


def _toc_styles(styles) -> None:
    for level in (1, 2, 3):
        style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        style.paragraph_format.space_after = Pt(2 if level > 1 else 4)
        style.font.bold = level == 1
        style.element.set(qn("w:styleId"), f"TOC{level}")
        style.paragraph_format.tab_stops.add_tab_stop(Cm(16.4), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        style.priority = 39


def _table_style(doc) -> None:
    style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    style.font.size = Pt(9)
    el = style.element
    tblpr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "bottom", "insideH"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "4")
        border.set(qn("w:color"), THEME.rule.lstrip("#"))
        borders.append(border)
    tblpr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("left", "80"), ("right", "80")):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), width)
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tblpr.append(margins)
    el.append(tblpr)
    first = OxmlElement("w:tblStylePr")
    first.set(qn("w:type"), "firstRow")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    color = OxmlElement("w:color")
    color.set(qn("w:val"), THEME.primary.lstrip("#"))
    rpr.append(color)
    first.append(rpr)
    tcpr = OxmlElement("w:tcPr")
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), THEME.track.lstrip("#"))
    tcpr.append(shd)
    first.append(tcpr)
    el.append(first)


def _setup_page(doc) -> None:
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.3)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.different_first_page_header_footer = True
    for name in ("Header", "Footer"):
        doc.styles[name].font.size, doc.styles[name].font.color.rgb = Pt(8), GREY
    header = section.header.paragraphs[0]
    header.text = "{{ bibliotheek.naam }} · Handreiking robuuste bibliotheek"
    header.style = doc.styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    _run(footer, "Pagina ")
    _field(footer, "PAGE", "1")
    _run(footer, " van ")
    _field(footer, "NUMPAGES", "1")


def _run(paragraph, text: str):
    return paragraph.add_run(text)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, shown result, end) at the end of `paragraph`."""
    for element in field_runs(instruction, shown):
        paragraph._p.append(element)


# --- body helpers ---------------------------------------------------------------------------------------------


def _p(doc, text: str = "", style: str = "Normal"):
    return doc.add_paragraph(text, style=style)


def _loop(doc, header: str, body, footer: str = "{%p endfor %}") -> None:
    _p(doc, header)
    body()
    _p(doc, footer)


def _paragraphs(doc, expr: str, style: str = "Normal") -> None:
    _loop(doc, f"{{%p for a in {expr} %}}", lambda: _p(doc, "{{ a }}", style))


def _bullets(doc, expr: str, style: str = "List Bullet") -> None:
    _paragraphs(doc, expr, style)


def _table(doc, headers: list[str], loop: str, cells: list[str], widths: list[float]) -> None:
    """A table with a repeating header row and one templated row repeated by `{%tr for … %}`."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = doc.styles[TABLE_STYLE]
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    trpr = table.rows[0]._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))
    table.rows[1].cells[0].text = f"{{%tr for r in {loop} %}}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    _column_widths(table, widths)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.style = doc.styles["Tabeltekst"]
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
            cant_split = row._tr.get_or_add_trPr()
            if cant_split.find(qn("w:cantSplit")) is None:
                cant_split.insert(0, OxmlElement("w:cantSplit"))
    _p(doc, "")


def _column_widths(table, widths: list[float]) -> None:
    """Fixed layout with the grid set to `widths` (cm), so Word and LibreOffice keep the columns as designed."""
    tbl = table._tbl
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width * 567)))
    tblpr = tbl.tblPr  # table.autofit = False already made the layout fixed
    tblw = tblpr.find(qn("w:tblW"))
    tblw.set(qn("w:w"), str(int(sum(widths) * 567)))
    tblw.set(qn("w:type"), "dxa")


def _figure(doc, expr: str) -> None:
    _p(doc, f"{{% if {expr} %}}{{{{ {expr}.afbeelding }}}}{{% endif %}}")
    _p(doc, f"{{% if {expr} %}}{{{{ {expr}.bijschrift }}}}{{% endif %}}", "Caption")


# --- sections -------------------------------------------------------------------------------------------------


def cover_page(doc, subtitle: str, line: str, purpose: str) -> None:
    """Title, subtitle, a line of facts, what the document is for, its author, and a page break."""
    for _ in range(5):
        _p(doc, "")
    _p(doc, "{{ titel }}", "Title")
    _p(doc, subtitle, "Subtitle")
    _p(doc, line, "Inleiding")
    _p(doc, "")
    _p(doc, purpose)
    _p(doc, "Opgesteld door: {{ auteur }}")
    _p(doc, "").add_run().add_break(WD_BREAK.PAGE)


def _cover(doc) -> None:
    cover_page(doc, "{{ bibliotheek.naam }}", "{{ bibliotheek.categorie }} · {{ bibliotheek.provincie }} · {{ datum }}",
               o.COVER_PURPOSE)


def _toc(doc) -> None:
    _p(doc, o.CONTENTS, "TOC Heading")
    _field(_p(doc, "", "toc 1"), 'TOC \\o "1-3" \\h \\z \\u',
           "Inhoudsopgave: kies in Word 'Veld bijwerken' (F9).")


def _h(doc, heading: Heading) -> None:
    _p(doc, heading.title, f"Heading {heading.level}")


def _columns(doc, columns: Columns, loop: str, cells: list[str]) -> None:
    _table(doc, list(columns.headers), loop, cells, list(columns.widths))


def _summary(doc) -> None:
    _h(doc, o.SUMMARY)
    _paragraphs(doc, "samenvatting.inleiding")
    _p(doc, "Landelijke programma's in het aanbod: {{ bibliotheek.programmas }}.")
    _figure(doc, "samenvatting.figuur")
    _columns(doc, o.SUMMARY_TABLE, "samenvatting.profiel",
             ["{{ r.naam }}", "{{ r.status.symbool }} {{ r.status.label }}", "{{ r.samenvatting }}"])
    _h(doc, o.STRENGTHS)
    _bullets(doc, "samenvatting.sterke_punten")
    _h(doc, o.CONCERNS)
    _bullets(doc, "samenvatting.aandachtspunten")


def _story(doc) -> None:
    _h(doc, o.STORY)
    _p(doc, "{{ bibliotheek.categorie_omschrijving }}", "Inleiding")
    _p(doc, "{%p for b in verhaal.blokken %}")
    _p(doc, "{%p if b.soort == 'kop' %}")
    _h(doc, o.STORY_PART)
    _p(doc, "{%p else %}")
    _p(doc, "{{ b.tekst }}")
    _p(doc, "{%p endif %}")
    _p(doc, "{%p endfor %}")


def _modules(doc) -> None:
    _h(doc, o.MODULES)
    _p(doc, o.MODULES_INTRO)
    _p(doc, "{%p for m in bouwstenen %}")
    _h(doc, o.MODULE)
    paragraph = _p(doc, "Status: ")
    paragraph.add_run("{{ m.status.symbool }} {{ m.status.label }}", style="Status")
    _p(doc, "{{ m.omschrijving }}")
    _columns(doc, o.MODULE_TABLE, "m.rijen", ["{{ r.naam }}", "{{ r.waarde }}", "{{ r.norm }}", "{{ r.mediaan }}",
                                               "{{ r.status.symbool }} {{ r.status.label }}"])
    _figure(doc, "m.figuur")
    _h(doc, o.MODULE_SENTENCES)
    _loop(doc, "{%p for r in m.rijen %}", lambda: _p(doc, "{{ r.zin }}", "List Bullet"))
    _p(doc, "{%p endfor %}")


def _proximity(doc) -> None:
    _h(doc, o.PROXIMITY)
    _paragraphs(doc, "nabijheid.inleiding")
    _bullets(doc, "nabijheid.opmerkingen")
    _h(doc, o.KEY_FIGURES)
    _columns(doc, o.KEY_FIGURES_TABLE, "nabijheid.kerncijfers", ["{{ r.naam }}", "{{ r.waarde }}"])
    _figure(doc, "nabijheid.figuur")
    _h(doc, o.PER_MUNICIPALITY)
    heads = [f"{{{{ nabijheid.gemeenten_kop[{i}] }}}}" for i in range(len(o.PER_MUNICIPALITY_WIDTHS))]
    _table(doc, heads, "nabijheid.gemeenten", [f"{{{{ r[{i}] }}}}" for i in range(len(heads))],
           list(o.PER_MUNICIPALITY_WIDTHS))
    _p(doc, "{%p if nabijheid.witte_vlekken %}")
    _h(doc, o.WHITE_SPOTS)
    _p(doc, o.WHITE_SPOTS_INTRO)
    _columns(doc, o.WHITE_SPOTS_TABLE, "nabijheid.witte_vlekken",
             ["{{ r.buurt }}", "{{ r.gemeente }}", "{{ r.inwoners }}", "{{ r.afstand }}", "{{ r.cbs }}"])
    _p(doc, "{%p endif %}")
    _p(doc, "{%p if nabijheid.vestigingen %}")
    _h(doc, o.LOCATIONS)
    _columns(doc, o.LOCATIONS_TABLE, "nabijheid.vestigingen",
             ["{{ r.naam }}", "{{ r.soort }}", "{{ r.gemeente }}", "{{ r.uren }}", "{{ r.open_bibliotheek }}",
              "{{ r.rolstoel }}", "{{ r.avond_weekend }}"])
    _p(doc, "{%p endif %}")


def _municipalities(doc) -> None:
    _h(doc, o.MUNICIPALITIES)
    _columns(doc, o.MUNICIPALITIES_TABLE, "gemeenten",
             ["{{ r.naam }}", "{{ r.inwoners }}", "{{ r.subsidie }}", "{{ r.subsidie_per_inwoner }}",
              "{{ r.themas }}"])
    _paragraphs(doc, "themas_inleiding")
    _p(doc, "{%p for t in themas %}")
    _h(doc, o.THEME)
    _p(doc, "Genoemd door: {{ t.gemeenten }}. Wettelijke functies: {{ t.functies }}.", "Inleiding")
    _p(doc, "{{ t.opgave }}")
    _p(doc, "{{ t.bijdrage }}")
    _p(doc, "{{ t.lopend }} {{ t.kansen }}")
    _h(doc, o.THEME_QUESTIONS)
    _bullets(doc, "t.vragen")
    _p(doc, "{%p endfor %}")


def _practices(doc) -> None:
    _h(doc, o.PRACTICES)
    _paragraphs(doc, "praktijken_inleiding")
    _p(doc, "{%p for p in praktijken %}")
    _h(doc, o.PRACTICE)
    _p(doc, "{{ p.samenvatting }}", "Inleiding")
    _p(doc, "{{ p.reden }}")
    _paragraphs(doc, "p.alineas")
    _h(doc, o.PRACTICE_NEEDS)
    _p(doc, "Personeel – {{ p.personeel }}", "List Bullet")
    _p(doc, "Geld – {{ p.geld }}", "List Bullet")
    _p(doc, "Partners – {{ p.partners }}", "List Bullet")
    _p(doc, "{%p if p.impact %}")
    _h(doc, o.PRACTICE_IMPACT)
    _bullets(doc, "p.impact")
    _p(doc, "{%p endif %}")
    _p(doc, "{%p endfor %}")


def _impact(doc) -> None:
    _h(doc, o.IMPACT)
    _p(doc, o.IMPACT_INTRO)
    _loop(doc, "{%p for f in impact %}", lambda: _p(doc, "{{ f.tekst }} Bron: {{ f.bron }}.", "List Bullet"))


def _conversation(doc) -> None:
    _h(doc, o.CONVERSATION)
    _paragraphs(doc, "gesprek.inleiding")
    _h(doc, o.AGENDA)
    _loop(doc, "{%p for a in gesprek.agenda %}",
          lambda: _p(doc, "{{ a.titel }} – {{ a.toelichting }}", "List Number"))
    _h(doc, o.QUESTIONS)
    _p(doc, "{%p for v in gesprek.vragenblokken %}")
    _h(doc, o.QUESTION_BLOCK)
    _bullets(doc, "v.vragen")
    _p(doc, "{%p endfor %}")


def _appendix(doc) -> None:
    _h(doc, o.APPENDIX)
    _h(doc, o.METHOD)
    _paragraphs(doc, "bijlage.werkwijze")
    _h(doc, o.INDICATORS)
    _columns(doc, o.INDICATORS_TABLE, "bijlage.definities",
             ["{{ r.bouwsteen }}", "{{ r.naam }}", "{{ r.definitie }}", "{{ r.formule }}", "{{ r.norm }}",
              "{{ r.kwetsbaar }}", "{{ r.bron }}"])
    _h(doc, o.SOURCES)
    _bullets(doc, "bijlage.bronnen")
    _h(doc, o.COLOPHON)
    _paragraphs(doc, "bijlage.colofon")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "handreiking.docx"
    build(target)
    sys.stdout.write(f"{target}\n")
