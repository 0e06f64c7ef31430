"""The municipalities of a library that serves several: a short paragraph per municipality that tells its own story
(its subsidy per inhabitant against the others and the norm, its locations, its residents' distance, its themes),
naming the outliers, and one comparison table of all of them, the same in every document of the library.
"""

from __future__ import annotations

from robuust_docs import fmt, wording
from robuust_docs.analysis import LibraryAnalysis, MunicipalityAnalysis
from robuust_docs.content import Content
from robuust_docs.report.model import GemeenteAlinea, Gemeenten, GemeenteRij

SUBSIDY_INDICATOR = "subsidie_per_inwoner"  # the content indicator whose norm a municipality's subsidy is set against
DISTANCE_NOTE = (
    "Afstanden zijn hemelsbreed gemeten, van het midden van elke buurt naar de dichtstbijzijnde locatie, en gewogen "
    "naar het aantal inwoners van de buurt; over de weg is het meestal verder. Een volwaardige vestiging is minstens "
    "15 uur per week open, met een eigen collectie en vakkundig personeel."
)


def build_municipalities(lib: LibraryAnalysis, content: Content, focus: str | None = None) -> Gemeenten | None:
    """The chapter for a library of several municipalities (None for one). In the guide of one municipality
    (`focus`) its own story has a chapter of its own, so this one holds only the comparison of all of them, the
    same table as in every other guide of the library."""
    munis = lib.municipalities
    if len(munis) < 2:
        return None
    if focus is None:
        intro = (
            f"{lib.name} werkt voor {wording.in_words(len(munis))} gemeenten. Elke gemeente betaalt haar eigen "
            "subsidie en heeft haar eigen kernen en beleidsdoelen; hieronder staat per gemeente wat de cijfers "
            "zeggen, en in de tabel de gemeenten naast elkaar.",
        )
        paragraphs = tuple(GemeenteAlinea(m.name, municipality_paragraph(lib, m, content)) for m in munis)
    else:
        intro = (
            f"{lib.name} werkt voor {wording.in_words(len(munis))} gemeenten. De tabel zet ze naast elkaar; elke "
            "gemeente krijgt dezelfde tabel in haar eigen handreiking.",
        )
        paragraphs = ()
    return Gemeenten(
        intro,
        paragraphs,
        tuple(comparison_row(lib, m) for m in munis),
        DISTANCE_NOTE,
    )


def comparison_row(lib: LibraryAnalysis, m: MunicipalityAnalysis) -> GemeenteRij:
    v = m.variables
    return GemeenteRij(
        m.name,
        fmt.number(v["inwoners"]),
        fmt.money(v["subsidie"], 0),
        fmt.money(v["subsidie_per_inwoner"]),
        _locations(m),
        fmt.km(v["gem_afstand_volwaardig_km"]) if m.proximity and lib.access.full_count else "–",
        fmt.percent(v["aandeel_binnen_2km"], 0),
    )


def _locations(m: MunicipalityAnalysis) -> str:
    count, full = m.access.count, m.access.full_count
    if count == 0:
        return "geen"
    if full == 0:
        return f"{fmt.number(count)}, geen volwaardig"
    return f"{fmt.number(count)}, waarvan {fmt.number(full)} volwaardig" if full != count else fmt.number(count)


def population_share(lib: LibraryAnalysis, m: MunicipalityAnalysis) -> str:
    """'61%': the municipality's share of the inhabitants, rounded so that the shares of all add up to 100%."""
    shares = fmt.whole_percents([x.variables.get("aandeel_inwoners") for x in lib.municipalities])
    share = next((s for x, s in zip(lib.municipalities, shares, strict=True) if x.code == m.code), None)
    return fmt.percent(share, 0)


def municipality_paragraph(lib: LibraryAnalysis, m: MunicipalityAnalysis, content: Content) -> str:
    """What the figures say about one municipality: inhabitants and subsidy against the others and the norm, its
    locations, its residents' distance, its themes."""
    v = m.variables
    sentences = [
        f"{m.name} telt {fmt.number(v['inwoners'])} inwoners ({population_share(lib, m)} van het "
        f"werkgebied) en betaalt {fmt.money(v['subsidie'], 0)} subsidie: {fmt.money(v['subsidie_per_inwoner'])} "
        f"per inwoner, {_subsidy_comparison(lib, m, content)}.",
        _branches_sentence(lib, m),
        _distance_sentence(lib, m),
        _themes_sentence(lib, m, content),
    ]
    return " ".join(s for s in sentences if s)


def _rank(lib: LibraryAnalysis, m: MunicipalityAnalysis, key: str) -> tuple[int, int]:
    """(position of `m` from the highest value of `key`, number of municipalities with a value)."""
    values = sorted((x.variables[key] for x in lib.municipalities if x.variables[key] is not None), reverse=True)
    return (values.index(m.variables[key]) if m.variables[key] in values else -1), len(values)


def _subsidy_comparison(lib: LibraryAnalysis, m: MunicipalityAnalysis, content: Content) -> str:
    """'het minst van de vijf gemeenten en onder de norm van € 24,00'."""
    per = m.variables["subsidie_per_inwoner"]
    if per is None:
        return "niet te vergelijken"
    position, count = _rank(lib, m, "subsidie_per_inwoner")
    if position == 0:
        place = f"het meest van de {wording.in_words(count)} gemeenten"
    elif position == count - 1:
        place = f"het minst van de {wording.in_words(count)} gemeenten"
    elif count == 3:
        place = "tussen de twee andere gemeenten in"
    else:
        place = f"de op {wording.in_words(position)} na hoogste van de {wording.in_words(count)} gemeenten"
    ind = next((i for i in content.indicators if i.id == SUBSIDY_INDICATOR), None)
    norm = ind.normen.get(lib.category.id) if ind else None
    if norm is None:
        return place
    most, least = position == 0, position == count - 1
    if per >= norm.robuust:
        side = f"{'maar ' if least else ''}boven de norm van {fmt.money(norm.robuust)}"
    elif per < norm.kwetsbaar:
        side = f"{'maar ' if most else 'en '}onder de kwetsbaarheidsgrens van {fmt.money(norm.kwetsbaar)}"
    else:
        side = f"{'maar ' if most else ''}onder de norm van {fmt.money(norm.robuust)}"
    return f"{place}, {side}"


def _branches_sentence(lib: LibraryAnalysis, m: MunicipalityAnalysis) -> str:
    own = lib.rows.branches[lib.rows.branches["gemeente_code"] == m.code].to_dict("records")
    if not own:
        return "Er staat geen locatie van de bibliotheek in de gemeente."
    parts = [f"{b['naam']} ({b['type']}, {_hours(b)})" for b in own]
    lead = "De gemeente heeft geen volwaardige vestiging, wel " if m.access.full_count == 0 else "In de gemeente staan "
    if len(own) == 1:
        lead = lead.replace("staan ", "staat ")
    return f"{lead}{fmt.join(parts)}."


def _hours(branch: dict) -> str:
    """'30,0 uur per week', or for a location without staff '40,0 uur per week zonder personeel'."""
    staffed, self_service = branch["openingsuren"] or 0, branch["open_bibliotheek_uren"] or 0
    if not staffed and self_service:
        return f"{fmt.hours(self_service)} per week zonder personeel"
    return f"{fmt.hours(staffed)} per week"


def _distance_sentence(lib: LibraryAnalysis, m: MunicipalityAnalysis) -> str:
    v = m.variables
    if m.proximity is None:
        return ""
    if not lib.access.full_count:
        return f"{fmt.percent(v['aandeel_binnen_2km'], 0)} van de inwoners woont binnen 2 km van een locatie."
    position, count = _rank(lib, m, "gem_afstand_volwaardig_km")
    worst = " (de grootste afstand van de gemeenten)" if position == 0 and count > 1 else ""
    return (
        f"De inwoners wonen op gemiddeld {fmt.km(v['gem_afstand_volwaardig_km'])} van een volwaardige "
        f"vestiging{worst}; {fmt.percent(v['aandeel_binnen_2km'], 0)} woont binnen 2 km van een locatie."
    )


def _themes_sentence(lib: LibraryAnalysis, m: MunicipalityAnalysis, content: Content) -> str:
    row = lib.rows.municipalities[lib.rows.municipalities["code"] == m.code].iloc[0]
    themes = content.theme_by_id()
    names = [themes[t].naam for t in (row["beleidsthemas"] or ()) if t in themes]
    if not names:
        return "De gemeente heeft in de invoer geen beleidsthema's opgegeven."
    label = "Haar beleidsthema is" if len(names) == 1 else "Haar beleidsthema's zijn"
    return f"{label} {fmt.join([n[:1].lower() + n[1:] for n in names])}."
