"""The service-area parts of a report: proximity, municipalities and their themes, practices, impact and the
conversation guide. Called by `report.build_report`; all wording and formatting of these sections is here.
"""

from __future__ import annotations

from robuust_docs import fmt
from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.content import WSOB_FUNCTIONS, Content
from robuust_docs.findings import Match, match_practices
from robuust_docs.report.figures import map_figure
from robuust_docs.report.model import (
    AgendaPunt,
    Gemeente,
    Gesprek,
    Impactfeit,
    Kerncijfer,
    Nabijheid,
    Praktijk,
    ThemaKoppeling,
    VestigingRij,
    Vragenblok,
    WitteVlek,
)
from robuust_docs.status import Status


def programme_names(ids, content: Content) -> list[str]:
    names = content.programme_by_id()
    return [names[i].naam if i in names else i for i in ids]


def _municipality_names(lib: LibraryAnalysis) -> dict[str, str]:
    """Municipality code → name, for the service area of `lib`."""
    return dict(zip(lib.rows.municipalities["code"], lib.rows.municipalities["naam"], strict=True))


def _themes_of(lib: LibraryAnalysis) -> dict[str, list[str]]:
    """Theme id → names of the municipalities that named it, in municipality order."""
    named: dict[str, list[str]] = {}
    for row in lib.rows.municipalities.to_dict("records"):
        for theme in row["beleidsthemas"] or ():
            named.setdefault(theme, []).append(str(row["naam"]))
    return named


def build_municipalities(lib: LibraryAnalysis, content: Content) -> tuple[Gemeente, ...]:
    themes = content.theme_by_id()
    rows = []
    for m in lib.rows.municipalities.to_dict("records"):
        per_head = m["subsidie"] / m["inwoners"] if m["subsidie"] is not None and m["inwoners"] else None
        names = [themes[t].naam if t in themes else t for t in (m["beleidsthemas"] or ())]
        rows.append(
            Gemeente(
                str(m["naam"]),
                str(m["code"]),
                fmt.number(m["inwoners"]),
                fmt.money(m["subsidie"], 0),
                fmt.money(per_head),
                fmt.join(names) or "geen opgegeven",
            )
        )
    return tuple(rows)


def build_themes(lib: LibraryAnalysis, content: Content) -> tuple[ThemaKoppeling, ...]:
    named = _themes_of(lib)
    running = set(lib.rows.record.get("programmas") or ())
    result = []
    for theme in content.themes:
        if theme.id not in named:
            continue
        lopend, kansen = _programme_lines(theme.programmas, running, content)
        functions = fmt.join([f"{WSOB_FUNCTIONS[f].lower()} ({f})" for f in theme.wsob_functies if f in WSOB_FUNCTIONS])
        result.append(
            ThemaKoppeling(
                theme.naam,
                fmt.join(named[theme.id]),
                functions,
                theme.opgave,
                theme.bijdrage,
                lopend,
                kansen,
                theme.vragen,
            )
        )
    return tuple(result)


def _programme_lines(programmes: tuple[str, ...], running: set[str], content: Content) -> tuple[str, str]:
    """What the library already runs of a theme's national programmes, and what it could add."""
    if not programmes:
        return (
            "Bij dit thema hoort geen landelijk programma; de bibliotheek werkt hier met eigen aanbod en "
            "lokale partners.",
            "",
        )
    doing = [p for p in programmes if p in running]
    open_ = [p for p in programmes if p not in running]
    lopend = (
        f"De bibliotheek voert al uit: {fmt.join(programme_names(doing, content))}."
        if doing
        else "De bibliotheek voert bij dit thema nog geen landelijk programma uit."
    )
    kansen = (
        f"Nog niet in het aanbod: {fmt.join(programme_names(open_, content))}."
        if open_
        else "Alle landelijke programma's bij dit thema zijn al in het aanbod."
    )
    return lopend, kansen


def build_practices(lib: LibraryAnalysis, content: Content) -> tuple[tuple[Match, ...], tuple[Praktijk, ...]]:
    statuses = {m.module: m.status for m in lib.modules}
    named = _themes_of(lib)
    matches = match_practices(
        lib.category.id, statuses, set(named), set(lib.rows.record.get("programmas") or ()), content
    )
    facts = content.impact_by_id()
    practices = tuple(
        Praktijk(
            m.practice.titel,
            m.practice.samenvatting,
            _reason(m, content, named),
            tuple(p for p in m.practice.beschrijving.split("\n\n") if p.strip()),
            *(text for _, text in m.practice.benodigd),
            tuple(f"{facts[i].tekst} Bron: {facts[i].bron}." for i in m.practice.impact if i in facts),
        )
        for m in matches
    )
    return matches, practices


def _reason(match: Match, content: Content, named: dict[str, list[str]]) -> str:
    """'Gekozen omdat de bouwsteen Personeel kwetsbaar is en Veenhoven inzet op geletterdheid.'"""
    modules = {m.id: m.naam for m in content.modules}
    themes = content.theme_by_id()
    parts = []
    for ids, singular, plural in (
        (match.weak_modules, "kwetsbaar is", "kwetsbaar zijn"),
        (match.attention_modules, "een aandachtspunt is", "aandachtspunten zijn"),
    ):
        if ids:
            names = fmt.join([modules[m] for m in ids])
            parts.append(f"de bouwsteen {names} {singular}" if len(ids) == 1 else f"de bouwstenen {names} {plural}")
    by_municipality: dict[str, list[str]] = {}
    for theme in match.themes:
        by_municipality.setdefault(fmt.join(named.get(theme, [])) or "de gemeente", []).append(
            f"‘{themes[theme].naam.lower()}’"
        )
    parts += [f"{who} inzet op {fmt.join(names)}" for who, names in by_municipality.items()]
    return f"Gekozen omdat {'; '.join(parts) if len(parts) > 2 else ' en '.join(parts)}."


def build_impact(lib: LibraryAnalysis, content: Content, matches: tuple[Match, ...]) -> tuple[Impactfeit, ...]:
    """Facts on the municipalities' themes or cited by a chosen practice, plus facts without a theme."""
    themes = set(_themes_of(lib))
    cited = {i for m in matches for i in m.practice.impact}
    chosen = [f for f in content.impact if f.id in cited or themes & set(f.themas) or not f.themas]
    return tuple(Impactfeit(f.tekst, f.bron) for f in chosen)


def build_conversation(lib: LibraryAnalysis, content: Content) -> Gesprek:
    conv = content.conversation
    blocks = [Vragenblok("Algemene vragen", conv.algemene_vragen)]
    statuses = {m.module: m.status for m in lib.modules}
    for module in content.modules:
        if statuses.get(module.id) in (Status.WEAK, Status.ATTENTION):
            label = statuses[module.id].label.lower()
            blocks.append(Vragenblok(f"{module.naam} ({label})", module.vragen))
    agenda = tuple(AgendaPunt(a.titel, a.toelichting) for a in conv.agenda)
    return Gesprek(conv.inleiding, agenda, tuple(blocks))


def build_proximity(lib: LibraryAnalysis) -> Nabijheid:
    prox, acc = lib.proximity, lib.access
    inwoners = lib.variables["inwoners"]
    figures = [
        Kerncijfer(
            "Locaties",
            f"{fmt.number(acc.count)}, waarvan {fmt.number(acc.full_count)} volwaardige "
            "vestiging" + ("" if acc.full_count == 1 else "en"),
        ),
        Kerncijfer("Locaties per 10.000 inwoners", fmt.number(acc.per_10000, 1)),
        Kerncijfer("Openingsuren met personeel per week", fmt.hours(acc.hours if acc.count else None)),
        Kerncijfer(
            "Openingsuren met personeel per week, per 10.000 inwoners",
            fmt.hours(acc.hours_per_1000 * 10 if acc.hours_per_1000 is not None else None),
        ),
        Kerncijfer(
            "Uren open bibliotheek (zonder personeel) per week",
            fmt.hours(acc.open_library_hours if acc.count else None),
        ),
        Kerncijfer("Locaties met avond- of weekendopenstelling", fmt.percent(acc.share_evening_weekend, 0)),
        Kerncijfer("Rolstoeltoegankelijke locaties", fmt.percent(acc.share_wheelchair, 0)),
    ]
    if prox is not None:
        figures += [
            Kerncijfer("Gemiddelde afstand tot de dichtstbijzijnde locatie (hemelsbreed)", fmt.km(prox.mean_km)),
            Kerncijfer(
                "Gemiddelde afstand tot een volwaardige vestiging (hemelsbreed)",
                fmt.km(prox.mean_full_km) if acc.full_count else "geen volwaardige vestiging",
            ),
            *(
                Kerncijfer(f"Inwoners binnen {k} km van een locatie", fmt.percent(prox.share_within.get(k)))
                for k in (1, 2, 5)
            ),
        ]
        if prox.cbs_mean_km is not None:
            figures.append(
                Kerncijfer(
                    "Gemiddelde afstand over de weg volgens CBS",
                    f"{fmt.km(prox.cbs_mean_km)} (CBS-cijfers voor "
                    f"{fmt.percent(prox.cbs_coverage, 0)} van de inwoners)",
                )
            )
    return Nabijheid(
        _proximity_intro(prox),
        tuple(figures),
        *_municipality_table(lib),
        _white_spots(lib),
        _branch_rows(lib),
        _proximity_notes(lib, inwoners),
        map_figure(lib),
    )


def _proximity_intro(prox) -> tuple[str, ...]:
    text = [
        "Dit hoofdstuk laat zien hoe dicht de bibliotheek bij de inwoners staat en hoe toegankelijk haar "
        "locaties zijn. Afstanden zijn hemelsbreed gemeten, van het midden van elke buurt naar de dichtstbijzijnde "
        "locatie, en gewogen naar het aantal inwoners van de buurt."
    ]
    if prox is not None and prox.cbs_mean_km is not None:
        text.append(
            "Het CBS meet in de Nabijheidsstatistiek de afstand over de weg, vanaf elk woonadres. Die afstand "
            "is langer dan de hemelsbrede afstand vanaf het buurtmidden; beide cijfers staan daarom naast "
            "elkaar. Bron: CBS, Nabijheidsstatistiek."
        )
    return tuple(text)


def _municipality_table(lib: LibraryAnalysis) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    header = ("Gemeente", "Inwoners", "Locaties", "Volwaardig", "Gem. afstand", "Binnen 2 km", "CBS (weg)")
    names = _municipality_names(lib)
    inhabitants = dict(zip(lib.rows.municipalities["code"], lib.rows.municipalities["inwoners"], strict=True))
    rows = []
    for m in lib.municipalities:
        p = m.proximity
        rows.append(
            (
                str(names[m.code]),
                fmt.number(inhabitants[m.code]),
                fmt.number(m.access.count),
                fmt.number(m.access.full_count),
                fmt.km(p.mean_km if p else None),
                fmt.percent(p.share_within.get(2) if p else None, 0),
                fmt.km(p.cbs_mean_km if p else None),
            )
        )
    return header, tuple(rows)


def _white_spots(lib: LibraryAnalysis) -> tuple[WitteVlek, ...]:
    if lib.proximity is None:
        return ()
    names = _municipality_names(lib)
    return tuple(
        WitteVlek(
            p.naam,
            str(names.get(p.gemeente_code, p.gemeente_code)),
            fmt.number(p.inwoners),
            fmt.km(p.afstand_km),
            fmt.km(p.cbs_km),
        )
        for p in lib.proximity.farthest
    )


def _yes_no(value) -> str:
    return {True: "ja", False: "nee"}.get(value, "onbekend")


def _branch_rows(lib: LibraryAnalysis) -> tuple[VestigingRij, ...]:
    names = _municipality_names(lib)
    rows = []
    for b in lib.rows.branches.to_dict("records"):
        known = b["avond"] if b["avond"] is not None else b["weekend"]
        evening = "ja" if b["avond"] or b["weekend"] else _yes_no(known)
        rows.append(
            VestigingRij(
                str(b["naam"]),
                str(b["type"]),
                str(names.get(b["gemeente_code"], "")),
                fmt.hours(b["openingsuren"]),
                fmt.hours(b["open_bibliotheek_uren"] or 0),
                _yes_no(b["rolstoeltoegankelijk"]),
                evening,
            )
        )
    return tuple(rows)


def _proximity_notes(lib: LibraryAnalysis, inwoners) -> tuple[str, ...]:
    notes = []
    if lib.access.count == 0:
        notes.append(
            "In de invoer staan geen locaties van deze bibliotheek. Afstanden en openingsuren konden "
            "daarom niet worden berekend; vul het bestand vestigingen aan."
        )
    if lib.proximity is None:
        notes.append(
            "Voor dit werkgebied zijn geen buurtgegevens (inwoners per buurt met coördinaten) aanwezig. "
            "De afstand van inwoners tot de bibliotheek kon daarom niet worden berekend; vul het bestand "
            "buurten aan of importeer de CBS Nabijheidsstatistiek."
        )
    names = _municipality_names(lib)
    lacking = [str(names[m.code]) for m in lib.municipalities if m.access.full_count == 0]
    if lacking:
        notes.append(
            f"Zonder volwaardige vestiging: {fmt.join(lacking)}. Het wetsvoorstel voor een zorgplicht "
            "(36902, 2026) vraagt ten minste één volwaardige bibliotheekvoorziening per gemeente."
        )
    return tuple(notes)
