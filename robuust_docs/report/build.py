"""`build_report`: one library's analysis, its findings and the content merged into the format-neutral `Report`.

It reads like the document: "In het kort" (the decisive findings, the asks and the strengths), the municipalities,
the category's story, the building blocks, proximity, what the library can contribute, the conversation and the
appendix. All wording and number formatting of a handreiking happens in this package (through `fmt`); the
renderers only lay the result out. With `focus` (a municipality code) the guide is that municipality's: its own
chapter ("De gemeente X": its own figures, locations, findings, themes and questions) follows "In het kort",
which holds its findings and its share of the asks; the library as a whole follows as context.
"""

from __future__ import annotations

from robuust_docs import fmt
from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.content import Content, split_paragraphs, story_context
from robuust_docs.findings import Findings
from robuust_docs.report.appendix import TITLE, ReportSettings, build_appendix, comparison
from robuust_docs.report.figures import profile_figure
from robuust_docs.report.focus import build_focus
from robuust_docs.report.model import Bibliotheek, Report, Tekstblok, Verhaal
from robuust_docs.report.modules import ReportError, build_modules, fill_text, profile
from robuust_docs.report.municipalities import build_municipalities
from robuust_docs.report.norms import threshold_text
from robuust_docs.report.sections import (
    branch_rows,
    build_conversation,
    build_impact,
    build_practices,
    build_proximity,
    build_themes,
    practices_intro,
    programme_names,
    themes_intro,
)
from robuust_docs.report.summary import build_summary, shown_asks, shown_cases
from robuust_docs.report.years import year_span, years_paragraph

PROJECT = "Projectteam Robuuste lokale bibliotheek"

__all__ = ["PROJECT", "TITLE", "ReportError", "ReportSettings", "build_report", "dataset_note"]


def dataset_note(sample: bool, sources: dict[str, str], overview: bool = False) -> str:
    """Where the figures come from, for the colophon: the fictional sample says so, real input names its files."""
    files = ", ".join(sorted(set(sources.values())))
    if overview:
        return (
            "Let op: de cijfers en namen in dit overzicht zijn fictieve voorbeeldgegevens en gaan niet "
            "over bestaande bibliotheken of gemeenten."
            if sample
            else f"Bron van de cijfers: de invoer van de bibliotheken ({files})."
        )
    return (
        "Let op: de cijfers en namen in deze handreiking zijn fictieve voorbeeldgegevens en gaan niet "
        "over een bestaande bibliotheek of gemeente."
        if sample
        else f"Bron van de cijfers: de invoer van de bibliotheek ({files})."
    )


def build_report(
    lib: LibraryAnalysis, content: Content, findings: Findings, settings: ReportSettings, focus: str | None = None
) -> Report:
    """Merge one analysed library and its findings with the content into a Report (for `focus`, when given)."""
    info = _library_info(lib, content)
    several = len(lib.municipalities) > 1
    practices = build_practices(findings, content)
    themes = build_themes(lib, content)
    kort = build_summary(lib, info, content, findings, focus)
    # the building blocks tell first what "In het kort" left out, so that no finding is lost between the two
    modules = build_modules(lib, content, findings, shown_cases(findings.items, focus, len(kort.bevindingen)))
    focus_chapter = (
        build_focus(
            lib,
            content,
            findings,
            focus,
            branch_rows(lib),
            build_themes(lib, content, focus),
            shown_cases(findings.items, focus, len(kort.bevindingen)),
        )
        if focus is not None
        else None
    )
    return Report(
        titel=_title(lib, focus_chapter),
        ondertitel=lib.name,
        datum=fmt.date(settings.today),
        auteur=info.poi if info.poi != fmt.NO_DATA else PROJECT,
        trefwoorden=f"bibliotheek, gemeente, Wsob, {info.categorie}, {info.naam}",
        bibliotheek=info,
        kort=kort,
        profiel=profile(modules),
        profiel_figuur=profile_figure(info.naam, modules),
        gemeente=focus_chapter,
        gemeenten=build_municipalities(lib, content, focus),
        verhaal=_story(lib, info, content),
        bouwstenen_inleiding=(
            f"Elke bouwsteen heeft indicatoren met een norm voor deze categorie. De tabellen zetten de waarde van de "
            f"bibliotheek naast de norm en naast {info.vergelijking}."
            + (" De cijfers gelden voor de bibliotheek als geheel, over alle gemeenten samen." if focus else ""),
            *filter(None, [years_paragraph(lib)]),
        ),
        bouwstenen=modules,
        nabijheid=build_proximity(lib),
        themas_inleiding=themes_intro(themes, several),
        themas=themes,
        praktijken_inleiding=practices_intro(findings),
        praktijken=practices,
        impact=build_impact(lib, content, findings),
        gesprek=build_conversation(content, findings, focus),
        bijlage=build_appendix(
            lib,
            content,
            findings,
            settings,
            shown_asks(findings, focus),
        ),
    )


def _title(lib: LibraryAnalysis, focus_chapter) -> str:
    """'Handreiking voor het gesprek met de gemeente Wâldsicht', or '… met de gemeenten' for a library's guide."""
    if focus_chapter is not None:
        return f"{TITLE} {focus_chapter.naam}"
    if len(lib.municipalities) == 1:
        return f"{TITLE} {lib.municipalities[0].name}"
    return TITLE.replace("de gemeente", "de gemeenten")


def _library_info(lib: LibraryAnalysis, content: Content) -> Bibliotheek:
    rec = lib.rows.record
    names = [m.name for m in lib.municipalities]
    return Bibliotheek(
        id=str(rec["id"]),
        naam=lib.name,
        provincie=str(rec["provincie"]),
        poi=str(rec.get("poi") or fmt.NO_DATA),
        jaar=str(rec["jaar"]),
        categorie=lib.category.naam,
        categorie_omschrijving=lib.category.omschrijving,
        inwoners=fmt.number(lib.variables["inwoners"]),
        gemeenten=fmt.join(names),
        aantal_gemeenten=fmt.number(len(names)),
        aantal_vestigingen=fmt.number(lib.access.count),
        programmas=fmt.join(programme_names(lib.rows.programmes, content)) or "geen opgegeven",
        vergelijking=comparison(lib),
        jaren=year_span(lib),
    )


def _story(lib: LibraryAnalysis, info: Bibliotheek, content: Content) -> Verhaal:
    context = story_context(
        {"naam": info.naam, "provincie": info.provincie, "poi": info.poi, "jaar": info.jaar},
        {
            "inwoners": info.inwoners,
            "gemeenten": info.gemeenten,
            "aantal_gemeenten": info.aantal_gemeenten,
            "aantal_vestigingen": info.aantal_vestigingen,
            "aantal_volwaardig": fmt.number(lib.access.full_count),
        },
        lib.category.naam,
        {i.id: fmt.by_unit(lib.values.get(i.id), i.eenheid, i.decimalen) for i in content.indicators},
        {i.id: threshold_text(i, i.normen.get(lib.category.id), "robuust") for i in content.indicators},
    )
    text = fill_text(lib.category.verhaal, context, f"verhalen/{lib.category.id}.md", one_paragraph=False)
    blocks = []
    for block in text.split("\n\n"):
        stripped = block.strip()
        if stripped.startswith("## "):
            blocks.append(Tekstblok("kop", stripped[3:].strip()))
        elif stripped.startswith("# "):
            continue
        elif stripped:
            blocks.extend(Tekstblok("alinea", p) for p in split_paragraphs(stripped))
    return Verhaal(f"Het verhaal van een robuuste {lib.category.naam.lower()}", tuple(blocks))
