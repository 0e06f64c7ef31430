"""`build_report`: one library's analysis and the content merged into the format-neutral `Report`.

All wording and number formatting of a handreiking happens here (through `fmt`) and in `report_parts.py`;
the renderers only lay the result out.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from robuust_docs import fmt
from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.content import (
    Content,
    Module,
    TextError,
    fill,
    sentence_context,
    split_paragraphs,
    story_context,
)
from robuust_docs.report.figures import module_figure, profile_figure
from robuust_docs.report.model import (
    Bibliotheek,
    Bijlage,
    Bouwsteen,
    Definitie,
    IndicatorRij,
    ModuleProfiel,
    Report,
    Samenvatting,
    Tekstblok,
    Verhaal,
)
from robuust_docs.report.norms import norm_text, threshold_text, weak_text
from robuust_docs.report.sections import (
    build_conversation,
    build_impact,
    build_municipalities,
    build_practices,
    build_proximity,
    build_themes,
    programme_names,
)
from robuust_docs.status import Status

TITLE = "Handreiking voor het gesprek met de gemeente"
PROJECT = "Projectteam Robuuste lokale bibliotheek"


@dataclass(frozen=True)
class ReportSettings:
    """What a report needs beyond one library: the date, the peer counts and the dataset's description."""

    today: _dt.date
    peers: dict[str, int]
    dataset_note: str
    version: str


def dataset_note(sample: bool, sources: dict[str, str], overview: bool = False) -> str:
    """Where the figures come from, for the colophon: the fictional sample says so, real input names its files."""
    files = ", ".join(sorted(set(sources.values())))
    if overview:
        return (
            "Let op: de cijfers en namen in dit overzicht komen uit een fictieve voorbeelddataset en gaan niet "
            "over bestaande bibliotheken of gemeenten."
            if sample
            else f"Bron van de cijfers: de invoer van de bibliotheken ({files})."
        )
    return (
        "Let op: de cijfers en namen in deze handreiking komen uit een fictieve voorbeelddataset en gaan niet "
        "over een bestaande bibliotheek of gemeente."
        if sample
        else f"Bron van de cijfers: de invoer van de bibliotheek ({files})."
    )


class ReportError(ValueError):
    """A content text could not be filled for this library (message in Dutch)."""


def build_report(lib: LibraryAnalysis, content: Content, settings: ReportSettings) -> Report:
    """Merge one analysed library with the content into a Report."""
    info = _library_info(lib, content)
    modules = tuple(_module_section(lib, m, content) for m in content.modules)
    matches, practices = build_practices(lib, content)
    themes = build_themes(lib, content)
    return Report(
        titel=TITLE,
        ondertitel=info.naam,
        datum=fmt.date(settings.today),
        auteur=info.poi if info.poi != fmt.NO_DATA else PROJECT,
        trefwoorden=f"bibliotheek, gemeente, Wsob, {info.categorie}, {info.naam}",
        bibliotheek=info,
        samenvatting=_summary(lib, info, modules, settings),
        verhaal=_story(lib, info, content),
        bouwstenen=modules,
        nabijheid=build_proximity(lib),
        gemeenten=build_municipalities(lib, content),
        themas=themes,
        themas_inleiding=_themes_intro(themes),
        praktijken=practices,
        praktijken_inleiding=_practices_intro(matches),
        impact=build_impact(lib, content, matches),
        gesprek=build_conversation(lib, content),
        bijlage=_appendix(lib, content, settings),
    )


def _library_info(lib: LibraryAnalysis, content: Content) -> Bibliotheek:
    rec = lib.rows.record
    names = list(lib.rows.municipalities["naam"])
    return Bibliotheek(
        id=str(rec["id"]),
        naam=str(rec["naam"]),
        provincie=str(rec["provincie"]),
        poi=str(rec.get("poi") or fmt.NO_DATA),
        jaar=str(rec["jaar"]),
        categorie=lib.category.naam,
        categorie_omschrijving=lib.category.omschrijving,
        inwoners=fmt.number(lib.variables["inwoners"]),
        gemeenten=fmt.join(names),
        aantal_gemeenten=fmt.number(len(names)),
        aantal_vestigingen=fmt.number(lib.access.count),
        programmas=fmt.join(programme_names(rec.get("programmas") or (), content)) or "geen opgegeven",
    )


def _summary(
    lib: LibraryAnalysis, info: Bibliotheek, modules: tuple[Bouwsteen, ...], settings: ReportSettings
) -> Samenvatting:
    peers = settings.peers.get(lib.category.id, 1)
    counts = {status: sum(1 for m in modules if m.status is status) for status in Status}
    profile_words = fmt.join([f"{counts[s]} {s.label.lower()}" for s in Status if counts[s]])
    intro = (
        f"{info.naam} is een {info.categorie.lower()}: het werkgebied telt {info.inwoners} inwoners in "
        f"{_municipality_phrase(info)}. Deze handreiking zet de cijfers over {info.jaar} naast de normen voor "
        f"deze categorie en naast de mediaan van {fmt.count(peers, 'bibliotheek', 'bibliotheken')} in dezelfde "
        "categorie.",
        f"Van de {fmt.number(len(modules))} bouwstenen zijn er {profile_words}. De hoofdstukken hierna lichten "
        "elke bouwsteen toe en verbinden de uitkomsten met de beleidsdoelen van de gemeente.",
    )
    rows = [(m, r) for m in modules for r in m.rijen]
    strong = [f"{r.naam}: {r.waarde} (norm {r.norm})" for m, r in rows if r.status is Status.ROBUST]
    weak = [
        f"{r.naam}: {r.waarde} (norm {r.norm}, {r.status.label.lower()})"
        for status in (Status.WEAK, Status.ATTENTION)
        for m, r in rows
        if r.status is status
    ]
    profile = tuple(ModuleProfiel(m.naam, m.status, _module_line(m)) for m in modules)
    return Samenvatting(
        intro,
        profile,
        tuple(strong[:5]) or ("Geen indicator haalt de robuust-norm.",),
        tuple(weak[:6]) or ("Alle indicatoren met gegevens halen de robuust-norm.",),
        profile_figure(info.naam, modules),
    )


def _municipality_phrase(info: Bibliotheek) -> str:
    return f"de gemeente {info.gemeenten}" if info.aantal_gemeenten == "1" else f"de gemeenten {info.gemeenten}"


def _module_line(module: Bouwsteen) -> str:
    known = [r for r in module.rijen if r.status is not Status.NO_DATA]
    robust = sum(1 for r in known if r.status is Status.ROBUST)
    if not known:
        return "Geen van de indicatoren heeft gegevens."
    return f"{robust} van {len(known)} indicatoren met gegevens robuust"


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
    text = _fill(lib.category.verhaal, context, f"verhalen/{lib.category.id}.md")
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


def _fill(text: str, context: dict, where: str) -> str:
    try:
        return fill(text, context)
    except TextError as exc:
        raise ReportError(f"{where}: {exc}") from None


def _module_section(lib: LibraryAnalysis, module: Module, content: Content) -> Bouwsteen:
    result = next(r for r in lib.modules if r.module == module.id)
    rows = []
    for ind, res in zip(module.indicatoren, result.indicators, strict=True):
        norm = ind.normen.get(lib.category.id)
        value = fmt.by_unit(res.value, ind.eenheid, ind.decimalen)
        median = fmt.by_unit(res.median, ind.eenheid, ind.decimalen)
        context = sentence_context(
            value,
            threshold_text(ind, norm, "robuust"),
            threshold_text(ind, norm, "kwetsbaar"),
            median,
            ind.naam,
            lib.category.naam,
            str(lib.rows.record["naam"]),
        )
        code = res.status.code
        sentence = _fill(ind.zinnen[code], context, f"modules.yaml, {ind.id}.zinnen.{code}")
        rows.append(IndicatorRij(ind.naam, value, norm_text(ind, norm), median, res.status, sentence))
    return Bouwsteen(
        module.id,
        module.naam,
        module.omschrijving,
        result.status,
        tuple(rows),
        module_figure(module, result, rows, lib.category.id),
    )


def _themes_intro(themes) -> tuple[str, ...]:
    if not themes:
        return (
            "De gemeenten in het werkgebied hebben in de invoer geen beleidsthema's opgegeven. Bespreek in het "
            "gesprek welke beleidsdoelen de gemeente heeft en welke thema's hieronder daarbij passen.",
        )
    return (
        "Hieronder staan de beleidsthema's die de gemeenten in het werkgebied hebben opgegeven. Per thema: de "
        "opgave voor de gemeente, de wettelijke functies van de bibliotheek die erbij horen, wat de "
        "bibliotheek al doet en waar kansen liggen, en vragen voor het gesprek.",
    )


def _practices_intro(matches) -> tuple[str, ...]:
    if not matches:
        return (
            "Voor deze bibliotheek is geen praktijkvoorbeeld geselecteerd: er zijn geen zwakke bouwstenen of "
            "beleidsthema's waar een voorbeeld op aansluit dat de bibliotheek nog niet uitvoert.",
        )
    return (
        "De praktijkvoorbeelden hieronder zijn gekozen bij de bouwstenen die aandacht vragen en bij de "
        "beleidsthema's van de gemeenten. Programma's die de bibliotheek al uitvoert, zijn weggelaten. Het zijn "
        "beproefde aanpakken, geen blauwdrukken: bespreek wat lokaal past.",
    )


def _appendix(lib: LibraryAnalysis, content: Content, settings: ReportSettings) -> Bijlage:
    names = {m.id: m.naam for m in content.modules}
    definitions = tuple(
        Definitie(
            names[i.module],
            i.naam,
            i.definitie,
            i.formule.text.replace("*", "×").replace("_", " "),
            norm_text(i, i.normen.get(lib.category.id)),
            weak_text(i, i.normen.get(lib.category.id)),
            i.bron or "eigen berekening",
        )
        for i in content.indicators
    )
    peers = settings.peers.get(lib.category.id, 1)
    rule = lib.category
    if rule.van == 0:
        size = f"minder dan {fmt.number(rule.tot)}"
    elif rule.tot is None:
        size = f"{fmt.number(rule.van)} of meer"
    else:
        size = f"{fmt.number(rule.van)} tot {fmt.number(rule.tot)}"
    method = (
        f"De categorie volgt uit het aantal inwoners van het werkgebied (de som van de gemeenten): een "
        f"{lib.category.naam.lower()} heeft een werkgebied van {size} inwoners.",
        "Elke indicator wordt vergeleken met twee grenzen van de categorie: een indicator die de norm haalt, is "
        "robuust; een indicator voorbij de kwetsbaar-grens is kwetsbaar; daartussen ligt een aandachtspunt. Beide "
        "grenzen staan in de tabel hieronder. Ontbreekt een cijfer, dan staat er 'geen gegevens'.",
        "Een bouwsteen krijgt de gemiddelde score van zijn indicatoren met gegevens (robuust 2, aandachtspunt 1, "
        "kwetsbaar 0): vanaf 1,5 robuust, onder 0,75 kwetsbaar, daartussen een aandachtspunt.",
        f"De mediaan is het middelste cijfer van de {fmt.count(peers, 'bibliotheek', 'bibliotheken')} in "
        "dezelfde categorie in deze dataset. De normen zijn een beredeneerde standaard; het programma Robuuste "
        "lokale bibliotheek kan ze vervangen door de officiële normen.",
    )
    sources = sorted({i.bron for i in content.indicators if i.bron} | {f.bron for f in content.impact if f.bron})
    colophon = (
        f"{TITLE} voor {lib.rows.record['naam']}, gemaakt op {fmt.date(settings.today)} met robuust-docs "
        f"{settings.version}.",
        f"Cijfers over {lib.rows.record['jaar']}. {settings.dataset_note}",
    )
    return Bijlage(definitions, method, tuple(sources), colophon)
