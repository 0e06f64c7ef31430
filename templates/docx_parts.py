"""The parts every Word template is built from: styles (Titel, Kop 1–3, Standaard, lists, Bijschrift, Tabeltekst,
TOC 1–2 and the table style "Robuust tabel", all nl-NL), the page with its header and footer, and body helpers for
docxtpl loops, tables, figures, headings and the table of contents. `build_template.py` (the handreiking) and
`build_overview_template.py` (the overview) compose their templates from these, so both share one house style.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from robuust_docs.render import load_theme
from robuust_docs.render.docx.oxml import field_runs
from robuust_docs.report.outline import Columns, Heading

HERE = Path(__file__).resolve().parent
THEME = load_theme(HERE)  # the colours of thema.yaml, so Word and PDF share one house style
PRIMARY = RGBColor.from_string(THEME.primary.lstrip("#"))
GREY = RGBColor.from_string(THEME.light.lstrip("#"))
FONT = "Arial"  # metric-compatible with the PDF's Liberation Sans
TABLE_STYLE = "Robuust tabel"
# Sizes, margins and spacing follow the PDF (render/pdf/style.py), so that both formats look alike and a page
# holds about as much in each. Line spacing is a multiple of Arial's single line (1.15 × the size): 1.2 gives
# the PDF's 14 pt on 10 pt text.
LINE = 1.2


# --- styles ---------------------------------------------------------------------------------------------------


def drop_styles_with_effects(doc) -> None:
    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del part.rels[rel_id]


def set_language(rpr) -> None:
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "nl-NL")
    lang.set(qn("w:eastAsia"), "nl-NL")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)


def setup_styles(doc) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_language(rpr)
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
    normal.font.name, normal.font.size = FONT, Pt(10)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = LINE
    normal.paragraph_format.widow_control = True  # no single line of a paragraph alone at a page's foot or top
    heading_styles(styles)
    other_styles(styles)
    toc_styles(styles)
    table_style(doc)
    for style in styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            set_language(style.element.get_or_add_rPr())


def heading_styles(styles) -> None:
    for level, size, before, after, spacing in ((1, 18, 0, 10, 1.06), (2, 14, 12, 6, 1.12), (3, 11.5, 8, 4, 1.13)):
        style = styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
        style.font.color.rgb = PRIMARY
        style.font.italic = False
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(before), Pt(after), True
        fmt.line_spacing = spacing
        rfonts = style.element.rPr.find(qn("w:rFonts"))
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            rfonts.attrib.pop(qn(attr), None)
    styles["Heading 1"].paragraph_format.page_break_before = True


def other_styles(styles) -> None:
    title = styles["Title"]
    title.font.name, title.font.size, title.font.color.rgb = FONT, Pt(28), PRIMARY
    no_theme_fonts(title)
    border = title.element.pPr.find(qn("w:pBdr"))
    if border is not None:
        title.element.pPr.remove(border)
    subtitle = styles["Subtitle"]
    subtitle.font.name, subtitle.font.size, subtitle.font.color.rgb = FONT, Pt(18), GREY
    subtitle.font.italic = False
    no_theme_fonts(subtitle)
    caption = styles["Caption"]
    caption.font.name, caption.font.size, caption.font.color.rgb = FONT, Pt(8.5), GREY
    caption.font.bold, caption.font.italic = False, True
    caption.paragraph_format.space_after = Pt(12)
    for name in ("List Bullet", "List Number"):
        styles[name].paragraph_format.space_after = Pt(2)
    toc_heading = styles["TOC Heading"]
    toc_heading.paragraph_format.page_break_before = False
    quote = styles.add_style("Inleiding", WD_STYLE_TYPE.PARAGRAPH)
    quote.base_style = styles["Normal"]
    quote.font.size, quote.font.color.rgb, quote.font.italic = Pt(10.5), GREY, True
    cell = styles.add_style("Tabeltekst", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = styles["Normal"]
    cell.font.size = Pt(8.5)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.13  # the PDF's 11 pt
    gap = styles.add_style("Tabelafstand", WD_STYLE_TYPE.PARAGRAPH)  # the paragraph after a table: an 8 pt gap
    gap.base_style = styles["Normal"]
    gap.font.size = Pt(6)
    gap.paragraph_format.space_after = Pt(0)
    gap.paragraph_format.line_spacing = 1.0
    label = styles.add_style("Status", WD_STYLE_TYPE.CHARACTER)
    label.font.bold = True


def no_theme_fonts(style) -> None:
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    if rfonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            rfonts.attrib.pop(qn(attr), None)


def toc_styles(styles) -> None:
    for level in (1, 2, 3):
        style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.left_indent = Cm(0.5 * (level - 1))
        style.paragraph_format.space_after = Pt(2 if level == 1 else 0)
        style.font.size = Pt({1: 10.5, 2: 9.5}.get(level, 9))
        style.font.bold = level == 1
        style.element.set(qn("w:styleId"), f"TOC{level}")
        style.paragraph_format.tab_stops.add_tab_stop(Cm(16.4), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        style.priority = 39


def table_style(doc) -> None:
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
    for side, width in (("top", "60"), ("left", "80"), ("bottom", "60"), ("right", "80")):
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


def setup_page(doc) -> None:
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.3)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)  # the PDF's
    section.different_first_page_header_footer = True
    for name in ("Header", "Footer"):
        doc.styles[name].font.size, doc.styles[name].font.color.rgb = Pt(8), GREY
    header = section.header.paragraphs[0]
    header.text = "{{ bibliotheek.naam }} · Handreiking robuuste bibliotheek"
    header.style = doc.styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    add_run(footer, "Pagina ")
    field(footer, "PAGE", "1")
    add_run(footer, " van ")
    field(footer, "NUMPAGES", "1")


def add_run(paragraph, text: str):
    return paragraph.add_run(text)


def field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, shown result, end) at the end of `paragraph`."""
    for element in field_runs(instruction, shown):
        paragraph._p.append(element)


# --- body helpers ---------------------------------------------------------------------------------------------


def paragraph(doc, text: str = "", style: str = "Normal"):
    return doc.add_paragraph(text, style=style)


def loop(doc, header: str, body, footer: str = "{%p endfor %}") -> None:
    paragraph(doc, header)
    body()
    paragraph(doc, footer)


def paragraphs(doc, expr: str, style: str = "Normal") -> None:
    loop(doc, f"{{%p for a in {expr} %}}", lambda: paragraph(doc, "{{ a }}", style))


def bullets(doc, expr: str, style: str = "List Bullet") -> None:
    paragraphs(doc, expr, style)


def table(doc, headers: list[str], loop: str, cells: list[str], widths: list[float]) -> None:
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
    column_widths(table, widths)
    for row in table.rows:
        for cell in row.cells:
            for cell_paragraph in cell.paragraphs:
                cell_paragraph.style = doc.styles["Tabeltekst"]
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
            cant_split = row._tr.get_or_add_trPr()
            if cant_split.find(qn("w:cantSplit")) is None:
                cant_split.insert(0, OxmlElement("w:cantSplit"))
    paragraph(doc, "", "Tabelafstand")


def column_widths(table, widths: list[float]) -> None:
    """Fixed layout with the grid set to `widths` (cm), so Word and LibreOffice keep the columns as designed."""
    tbl = table._tbl
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width * 567)))
    tblpr = tbl.tblPr  # table.autofit = False already made the layout fixed
    tblw = tblpr.find(qn("w:tblW"))
    tblw.set(qn("w:w"), str(int(sum(widths) * 567)))
    tblw.set(qn("w:type"), "dxa")


def figure(doc, expr: str) -> None:
    paragraph(doc, f"{{% if {expr} %}}{{{{ {expr}.afbeelding }}}}{{% endif %}}")
    paragraph(doc, f"{{% if {expr} %}}{{{{ {expr}.bijschrift }}}}{{% endif %}}", "Caption")


# --- sections -------------------------------------------------------------------------------------------------


def cover_page(doc, subtitle: str, line: str, purpose: str) -> None:
    """Title, subtitle, a line of facts, what the document is for, its author, and a page break."""
    for _ in range(5):
        paragraph(doc, "")
    paragraph(doc, "{{ titel }}", "Title")
    paragraph(doc, subtitle, "Subtitle")
    paragraph(doc, line, "Inleiding")
    paragraph(doc, "")
    paragraph(doc, purpose)
    paragraph(doc, "Opgesteld door: {{ auteur }}")
    paragraph(doc, "").add_run().add_break(WD_BREAK.PAGE)


def toc(doc, title: str = "Inhoud") -> None:
    """The place of the table of contents: a TOC field whose `\\o "1-2"` gives the heading levels listed. The
    renderer replaces it by linked entries with page numbers (robuust_docs/render/docx/finish.py)."""
    paragraph(doc, title, "TOC Heading")
    field(
        paragraph(doc, "", "toc 1"),
        'TOC \\o "1-2" \\h \\z \\u',
        "Hier komt de inhoudsopgave: robuust-docs vult haar met de koppen van niveau 1 en 2.",
    )


def heading(doc, heading: Heading) -> None:
    paragraph(doc, heading.title, f"Heading {heading.level}")


def columns(doc, spec: Columns, rows: str, cells: list[str]) -> None:
    """A table with the headers and widths of an outline's `Columns`, one templated row per item of `rows`."""
    table(doc, list(spec.headers), rows, cells, list(spec.widths))
