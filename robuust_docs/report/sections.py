"""The later sections of a handreiking: proximity and accessibility, what the library can contribute (the
municipalities' policy themes, the practices that fit, impact), and the conversation. Called by
`report.build_report`; all wording and formatting of these sections is here.
"""

from __future__ import annotations

from robuust_docs import fmt
from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.content import WSOB_FUNCTIONS, Content
from robuust_docs.findings import Findings, themes_named
from robuust_docs.report.figures import map_figure
from robuust_docs.report.model import (
    Gesprek,
    Impactfeit,
    Kerncijfer,
    Nabijheid,
    Praktijk,
    ThemaKoppeling,
    VestigingRij,
    WitteVlek,
)

GENERAL_QUESTIONS = 4  # general questions after the findings' own
THEME_SENTENCES = 2  # of a theme's text in the content, the first two sentences
MAX_IMPACT = 5


def programme_names(ids, content: Content) -> list[str]:
    names = content.programme_by_id()
    return [names[i].naam if i in names else i for i in ids]


# --- proximity ----------------------------------------------------------------------------------------------------


def build_proximity(lib: LibraryAnalysis, several: bool) -> Nabijheid:
    prox, acc = lib.proximity, lib.access
    figures = [
        Kerncijfer("Locaties", _locations(acc)),
        Kerncijfer("Openingsuren met personeel per week", fmt.hours(acc.hours if acc.count else None)),
        Kerncijfer(
            "Openingsuren met personeel per week, per 10.000 inwoners",
            fmt.hours(acc.hours_per_1000 * 10 if acc.hours_per_1000 is not None else None),
        ),
        Kerncijfer("Uren open zonder personeel per week", fmt.hours(acc.open_library_hours if acc.count else None)),
        Kerncijfer(
            "Volwaardige vestigingen die 's avonds of in het weekend open zijn",
            _share_of_full(acc.full_share_evening_weekend, acc.full_count),
        ),
        Kerncijfer(
            "Volwaardige vestigingen die rolstoeltoegankelijk zijn",
            _share_of_full(acc.full_share_wheelchair, acc.full_count),
        ),
    ]
    if prox is not None:
        figures += [
            Kerncijfer(
                "Gemiddelde afstand tot een volwaardige vestiging",
                fmt.km(prox.mean_full_km) if acc.full_count else "geen volwaardige vestiging",
            ),
            Kerncijfer("Gemiddelde afstand tot de dichtstbijzijnde locatie", fmt.km(prox.mean_km)),
            Kerncijfer("Inwoners binnen 2 km van een locatie", fmt.percent(prox.share_within.get(2))),
            Kerncijfer(
                "Inwoners binnen 5 km van een volwaardige vestiging",
                fmt.percent(prox.share_within_full.get(5)) if acc.full_count else fmt.percent(0),
            ),
        ]
        if prox.cbs_mean_km is not None:
            figures.append(
                Kerncijfer(
                    "Gemiddelde afstand over de weg volgens het CBS",
                    f"{fmt.km(prox.cbs_mean_km)} (CBS-cijfers voor "
                    f"{fmt.percent(prox.cbs_coverage, 0)} van de inwoners)",
                )
            )
    return Nabijheid(
        _proximity_intro(prox, several),
        tuple(figures),
        _white_spots(lib),
        branch_rows(lib),
        _proximity_notes(lib),
        map_figure(lib),
        prox is not None and prox.cbs_mean_km is not None,
    )


def _locations(acc) -> str:
    full = fmt.count(acc.full_count, "volwaardige vestiging", "volwaardige vestigingen")
    return f"{fmt.number(acc.count)}, waarvan {full}" if acc.full_count != acc.count else full


def _share_of_full(share: float | None, full: int) -> str:
    return "geen volwaardige vestiging" if full == 0 else fmt.percent(share, 0)


def _proximity_intro(prox, several: bool) -> tuple[str, ...]:
    where = "hoofdstuk De gemeenten" if several else "deze handreiking"
    text = [
        "Hoe dicht de bibliotheek bij de inwoners staat en hoe toegankelijk haar locaties zijn. Afstanden zijn "
        f"hemelsbreed en naar inwoners gewogen, zoals in {where} uitgelegd; de toegankelijkheid is die van de "
        "volwaardige vestigingen, want daar is de hele bibliotheek te vinden."
    ]
    if prox is not None and prox.cbs_mean_km is not None:
        text.append(
            "Het CBS meet in de Nabijheidsstatistiek de afstand over de weg, vanaf elk woonadres; die is langer. "
            "Beide cijfers staan hieronder naast elkaar."
        )
    return tuple(text)


def _names(lib: LibraryAnalysis) -> dict[str, str]:
    return {m.code: m.name for m in lib.municipalities}


def _white_spots(lib: LibraryAnalysis) -> tuple[WitteVlek, ...]:
    if lib.proximity is None:
        return ()
    names = _names(lib)
    return tuple(
        WitteVlek(
            p.naam,
            names.get(p.gemeente_code, p.gemeente_code),
            fmt.number(p.inwoners),
            fmt.km(p.afstand_km),
            fmt.km(p.cbs_km),
        )
        for p in lib.proximity.farthest
    )


def _yes_no(value) -> str:
    return {True: "ja", False: "nee"}.get(value, "onbekend")


def branch_rows(lib: LibraryAnalysis) -> tuple[VestigingRij, ...]:
    names = _names(lib)
    rows = []
    for b in lib.rows.branches.to_dict("records"):
        known = b["avond"] if b["avond"] is not None else b["weekend"]
        evening = "ja" if b["avond"] or b["weekend"] else _yes_no(known)
        rows.append(
            VestigingRij(
                str(b["naam"]),
                str(b["type"]),
                names.get(b["gemeente_code"], ""),
                fmt.hours(b["openingsuren"]),
                fmt.hours(b["open_bibliotheek_uren"] or 0),
                _yes_no(b["rolstoeltoegankelijk"]),
                evening,
            )
        )
    return tuple(rows)


def _proximity_notes(lib: LibraryAnalysis) -> tuple[str, ...]:
    notes = []
    if lib.access.count == 0:
        notes.append(
            "In de invoer staan geen locaties van deze bibliotheek. Afstanden en openingsuren zijn daarom "
            "niet berekend; vul het bestand vestigingen aan."
        )
    if lib.proximity is None:
        notes.append(
            "Voor dit werkgebied zijn geen buurtgegevens (inwoners per buurt met coördinaten) aanwezig, "
            "dus de afstand van inwoners tot de bibliotheek is niet berekend; vul het bestand buurten aan of "
            "importeer de CBS Nabijheidsstatistiek."
        )
    return tuple(notes)


# --- what the library can contribute -------------------------------------------------------------------------------


def build_themes(lib: LibraryAnalysis, content: Content, focus: str | None = None) -> tuple[ThemaKoppeling, ...]:
    """The policy themes the municipalities named (with `focus`, only those of that municipality), each with
    what the library does and could do for it."""
    named = themes_named(lib)
    if focus is not None:
        own = next(m.name for m in lib.municipalities if m.code == focus)
        named = {theme: [own] for theme, names in named.items() if own in names}
    running = set(lib.rows.record.get("programmas") or ())
    several = len(lib.municipalities) > 1
    result = []
    for theme in content.themes:
        if theme.id not in named:
            continue
        functions = fmt.join([WSOB_FUNCTIONS[f].lower() for f in theme.wsob_functies if f in WSOB_FUNCTIONS])
        doing = [p for p in theme.programmas if p in running]
        open_ = [p for p in theme.programmas if p not in running]
        parts = [first_sentences(theme.bijdrage, THEME_SENTENCES), f"Wettelijke functies: {functions}."]
        if doing:
            parts.append(f"De bibliotheek voert hier al {fmt.join(programme_names(doing, content))} uit.")
        if open_:
            parts.append(f"Nog niet in het aanbod: {fmt.join(programme_names(open_, content))}.")
        who = fmt.join(named[theme.id]) if several else ""
        result.append(ThemaKoppeling(theme.naam, who, " ".join(parts)))
    return tuple(result)


def first_sentences(text: str, count: int) -> str:
    """The first `count` sentences of `text` (a sentence ends with '. ', '! ' or '? ')."""
    ends = [i + 1 for i, ch in enumerate(text) if ch in ".!?" and (i + 1 == len(text) or text[i + 1] == " ")]
    return text[: ends[count - 1]].strip() if len(ends) >= count else text.strip()


def themes_intro(themes: tuple[ThemaKoppeling, ...], several: bool) -> tuple[str, ...]:
    if not themes:
        whose = "De gemeenten hebben" if several else "De gemeente heeft"
        return (
            f"{whose} in de invoer geen beleidsthema's opgegeven. Vraag in het gesprek welke beleidsdoelen er "
            "zijn; de bibliotheek kan bij elk van de vijf wettelijke functies bijdragen.",
        )
    return ()


def build_practices(findings: Findings, content: Content) -> tuple[Praktijk, ...]:
    """Each practice short: what it is, why it fits this library, what it takes, and what such work yields."""
    facts = content.impact_by_id()
    practices = []
    for match in findings.practices:
        p = match.practice
        needs = dict(p.benodigd)
        takes = " ".join(
            f"{label}: {needs[key]}"
            for key, label in (("personeel", "Personeel"), ("geld", "Geld"), ("partners", "Partners"))
            if needs.get(key)
        )
        impact = tuple(f"{facts[i].tekst} Bron: {facts[i].bron}." for i in p.impact if i in facts)
        practices.append(Praktijk(p.titel, p.samenvatting, match.reason, takes, impact[:1]))
    return tuple(practices)


def practices_intro(findings: Findings) -> tuple[str, ...]:
    if not findings.practices:
        return (
            "Geen van de praktijkvoorbeelden past op iets wat hier aandacht vraagt en wat de bibliotheek nog "
            "niet doet.",
        )
    return (
        "Beproefde aanpakken die passen bij wat hier aandacht vraagt, met de reden waarom; programma's die de "
        "bibliotheek al uitvoert, zijn weggelaten. De uitgewerkte voorbeelden staan in de bijlage.",
    )


def build_impact(lib: LibraryAnalysis, content: Content, findings: Findings) -> tuple[Impactfeit, ...]:
    """Facts cited by a chosen practice first, then facts on the municipalities' themes; at most a handful."""
    themes = set(themes_named(lib))
    cited = [i for m in findings.practices for i in m.practice.impact]
    by_id = content.impact_by_id()
    chosen = [by_id[i] for i in dict.fromkeys(cited) if i in by_id]
    chosen += [f for f in content.impact if f not in chosen and themes & set(f.themas)]
    chosen += [f for f in content.impact if f not in chosen and not f.themas]
    return tuple(Impactfeit(f.tekst, f.bron) for f in chosen[:MAX_IMPACT])


# --- the conversation ---------------------------------------------------------------------------------------------


def build_conversation(content: Content, findings: Findings, focus: str | None = None) -> Gesprek:
    """The findings' own questions first (for one municipality: its own, then the library's), then a few general
    ones; another municipality's questions belong in its own guide."""
    mine = [f for f in findings.items if focus is None or f.municipality in (None, focus)]
    ranked = sorted(mine, key=lambda f: focus is not None and f.municipality != focus)
    own = list(dict.fromkeys(f.question for f in ranked if f.question))
    conv = content.conversation
    general = [q for q in conv.algemene_vragen if q not in own][:GENERAL_QUESTIONS]
    agenda = tuple(f"{a.titel}: {a.toelichting}" for a in conv.agenda)
    return Gesprek(conv.inleiding, tuple(own + general), agenda)
