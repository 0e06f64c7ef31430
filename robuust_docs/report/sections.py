"""The later sections of a handreiking: proximity and accessibility, what the library can contribute (the
municipalities' policy themes, the practices that fit, impact), and the conversation. Called by
`report.build_report`; all wording and formatting of these sections is here.
"""

from __future__ import annotations

from robuust_docs import fmt, wording
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
_ARTICLES = {"De", "Het", "Een"}  # opening a text after a colon, in lower case even before a name ('de GGD')


def programme_names(ids, content: Content) -> list[str]:
    names = content.programme_by_id()
    return [names[i].naam if i in names else i for i in ids]


def programmes_in_text(ids, content: Content) -> list[str]:
    """The programmes as a sentence names them, with their article: 'een Taalhuis', 'de Bibliotheek op school'."""
    names = content.programme_by_id()
    return [names[i].in_text if i in names else i for i in ids]


# --- proximity ----------------------------------------------------------------------------------------------------


def build_proximity(lib: LibraryAnalysis) -> Nabijheid:
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
        if _cbs_usable(prox):
            figures.append(
                Kerncijfer(
                    "Gemiddelde afstand over de weg volgens het CBS",
                    f"{fmt.km(prox.cbs_mean_km)} (CBS-cijfers voor "
                    f"{fmt.percent(prox.cbs_coverage, 0)} van de inwoners)",
                )
            )
    return Nabijheid(
        _proximity_intro(prox),
        tuple(figures),
        _white_spots(lib),
        branch_rows(lib),
        _proximity_notes(lib),
        map_figure(lib),
        _cbs_usable(prox),
    )


def _locations(acc) -> str:
    full = fmt.count(acc.full_count, "volwaardige vestiging", "volwaardige vestigingen")
    return f"{fmt.number(acc.count)}, waarvan {full}" if acc.full_count != acc.count else full


def _share_of_full(share: float | None, full: int) -> str:
    return "geen volwaardige vestiging" if full == 0 else fmt.percent(share, 0)


CBS_MIN_COVERAGE = 50.0  # % of the inhabitants: with CBS distances for fewer, a mean says little about the area
# What the CBS figure measures, and why it can be shorter than the straight line to this library's own locations:
# it goes to the nearest library of any organisation, also across the municipal border.
CBS_DISTANCE_NOTE = (
    "Het CBS meet in de Nabijheidsstatistiek de afstand over de weg, vanaf elk woonadres naar de dichtstbijzijnde "
    "bibliotheek van welke organisatie ook, ook over de gemeentegrens. Staat een bibliotheek van een andere "
    "organisatie dichterbij dan de eigen locaties, dan is de CBS-afstand korter dan de hemelsbrede afstand "
    "hier; naar dezelfde bibliotheek is de weg langer dan de rechte lijn."
)


def _cbs_usable(prox) -> bool:
    return prox is not None and prox.cbs_mean_km is not None and (prox.cbs_coverage or 0) >= CBS_MIN_COVERAGE


def _proximity_intro(prox) -> tuple[str, ...]:
    text = [
        "Hoe dicht de bibliotheek bij de inwoners staat en hoe toegankelijk haar locaties zijn. Afstanden zijn "
        "hemelsbreed gemeten, van het midden van elke buurt naar de dichtstbijzijnde locatie, en gewogen naar het "
        "aantal inwoners; over de weg is het meestal verder. De toegankelijkheid is die van de volwaardige "
        "vestigingen, want daar is de hele bibliotheek te vinden."
    ]
    if _cbs_usable(prox):
        text.append(CBS_DISTANCE_NOTE + " Beide cijfers staan hieronder naast elkaar.")
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
    running = set(lib.rows.programmes)
    several = len(lib.municipalities) > 1
    result = []
    for theme in content.themes:
        if theme.id not in named:
            continue
        functions = [WSOB_FUNCTIONS[f].lower() for f in theme.wsob_functies if f in WSOB_FUNCTIONS]
        label = wording.agree(len(functions), "Wettelijke functie", "Wettelijke functies")
        doing = programmes_in_text([p for p in theme.programmas if p in running], content)
        open_ = programmes_in_text([p for p in theme.programmas if p not in running], content)
        parts = [first_sentences(theme.bijdrage, THEME_SENTENCES), f"{label}: {fmt.join(functions)}."]
        if doing and open_:
            parts.append(f"Deze bibliotheek heeft hiervoor al {_listed(doing)}, maar {_not_yet(open_)}.")
        elif doing:
            parts.append(f"Deze bibliotheek heeft hiervoor al {_listed(doing)}.")
        elif open_:
            can = wording.agree(len(open_), "kan", "kunnen")
            parts.append(
                f"Deze bibliotheek heeft hiervoor nog geen landelijk programma; {_listed(open_)} {can} daar een begin "
                "van zijn."
            )
        who = fmt.join(named[theme.id]) if several else ""
        result.append(ThemaKoppeling(theme.naam, who, " ".join(parts)))
    return tuple(result)


COURSE = "de cursus "


def _listed(programmes: list[str]) -> str:
    """'een Taalhuis en BoekStart'; two or more courses only as one: 'de cursussen Digisterker en DigiVitaler'."""
    if len(programmes) > 1 and all(p.startswith(COURSE) for p in programmes):
        return "de cursussen " + fmt.join([p[len(COURSE) :] for p in programmes])
    return fmt.join(programmes)


def _not_yet(programmes: list[str]) -> str:
    """'nog geen Taalhuis' for one programme with 'een', else 'nog niet' and the list."""
    if len(programmes) == 1 and programmes[0].startswith("een "):
        return f"nog geen {programmes[0][len('een ') :]}"
    return f"nog niet {_listed(programmes)}"


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
    proper = {p.naam.split()[0] for p in content.programmes}
    practices = []
    for match in findings.practices:
        p = match.practice
        needs = dict(p.benodigd)
        takes = " ".join(
            f"{label}: {_after_colon(needs[key], proper)}"
            for key, label in (("personeel", "Personeel"), ("geld", "Geld"), ("partners", "Partners"))
            if needs.get(key)
        )
        fact = practice_facts(findings, content).get(p.id)
        impact = (f"{facts[fact].tekst} Bron: {facts[fact].bron}.",) if fact else ()
        practices.append(Praktijk(p.titel, p.samenvatting, match.reason, takes, impact))
    return tuple(practices)


def _after_colon(text: str, names: set[str]) -> str:
    """A text after a colon starts in lower case ('Personeel: een medewerker …'), unless it opens with an
    abbreviation ('UWV'), a name with a capital inside ('BoekStart'), a web address ('Oefenen.nl'), a name of
    several words ('Stichting Lezen') or a programme's name ('Taalhuis'). An article is no part of a name: 'De
    GGD' and 'Het UWV' become 'de GGD' and 'het UWV'."""
    words = text.split()
    first = words[0] if words else ""
    bare = first.rstrip(".,;:")
    if bare in _ARTICLES:
        return text[:1].lower() + text[1:]
    if (
        len(first) < 2
        or not first[1].islower()
        or any(c.isupper() for c in first[1:])
        or "." in bare
        or (len(words) > 1 and words[1][:1].isupper())
        or bare.split("-")[0] in names
    ):
        return text
    return text[:1].lower() + text[1:]


def practice_facts(findings: Findings, content: Content) -> dict[str, str]:
    """Practice id → the impact fact shown under it: its first one that no practice before it shows already."""
    facts = content.impact_by_id()
    shown: dict[str, str] = {}
    for match in findings.practices:
        fact = next((i for i in match.practice.impact if i in facts and i not in shown.values()), None)
        if fact:
            shown[match.practice.id] = fact
    return shown


def practices_intro(findings: Findings) -> tuple[str, ...]:
    if not findings.practices:
        return (
            "Geen van de praktijkvoorbeelden past op iets wat hier aandacht vraagt en wat de bibliotheek nog "
            "niet doet.",
        )
    return (
        "Beproefde aanpakken die passen bij wat hier aandacht vraagt, elk met de reden waarom en wat ervoor nodig "
        "is; programma's die de bibliotheek al uitvoert, zijn weggelaten.",
    )


def build_impact(lib: LibraryAnalysis, content: Content, findings: Findings) -> tuple[Impactfeit, ...]:
    """Facts on the municipalities' themes, then general ones; at most a handful. A fact already shown under a
    chosen practice is not repeated."""
    themes = set(themes_named(lib))
    cited = set(practice_facts(findings, content).values())
    chosen = [f for f in content.impact if f.id not in cited and themes & set(f.themas)]
    chosen += [f for f in content.impact if f.id not in cited and f not in chosen and not f.themas]
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
