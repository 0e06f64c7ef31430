"""The opening chapter of a guide for one municipality of a library that serves several ("De gemeente X"): the
municipality's own figures set against the library's other municipalities and the category norm, its locations and
their hours, its residents' distance to a location and to a volwaardige vestiging, its white spots, its own
findings, and its policy themes with what the library does for them (its own questions lead the conversation).

Only what the input holds per municipality is shown per municipality (inhabitants, subsidy, locations,
neighbourhoods, policy themes). Staff, members, visits, loans and activities are known for the library as a whole:
the chapter says so, and the building blocks show them for the whole service area; nothing is pro-rated.
"""

from __future__ import annotations

from robuust_docs import fmt, wording
from robuust_docs.analysis import LibraryAnalysis, MunicipalityAnalysis
from robuust_docs.content import Content
from robuust_docs.findings import Findings
from robuust_docs.report.model import Bevinding, GemeenteHoofdstuk, Kerncijfer, ThemaKoppeling, VestigingRij, WitteVlek
from robuust_docs.report.municipalities import SUBSIDY_INDICATOR, municipality_paragraph, population_share

WHOLE_LIBRARY = (
    "Personeel, leden, bezoeken, uitleningen, activiteiten en financiën zijn alleen bekend voor de bibliotheek als "
    "geheel, niet per gemeente. Die cijfers staan in de hoofdstukken hierna voor het hele werkgebied; ze zijn niet "
    "naar inwoners over de gemeenten verdeeld."
)


def municipality_of(lib: LibraryAnalysis, code: str) -> MunicipalityAnalysis:
    """The municipality `code` of `lib`; a ValueError names it when the library does not serve it."""
    for m in lib.municipalities:
        if m.code == code:
            return m
    raise ValueError(f"{lib.name} werkt niet voor gemeente {code}")


def build_focus(
    lib: LibraryAnalysis,
    content: Content,
    findings: Findings,
    code: str,
    branches: tuple[VestigingRij, ...],
    themes: tuple[ThemaKoppeling, ...],
    shown: set[tuple[str, str | None]] = frozenset(),
) -> GemeenteHoofdstuk:
    """The chapter for municipality `code`; `branches` and `themes` are the report's rows, filtered here. Findings
    already in "In het kort" (`shown`: rule and municipality) are not repeated."""
    m = municipality_of(lib, code)
    own = [f for f in findings.about(code) if not f.check and (f.rule, f.municipality) not in shown]
    return GemeenteHoofdstuk(
        naam=m.name,
        inleiding=(municipality_paragraph(lib, m, content),),
        kerncijfers=_key_figures(lib, m, content),
        vestigingen=tuple(b for b in branches if b.gemeente == m.name),
        witte_vlekken=_white_spots(m),
        bevindingen=tuple(
            Bevinding(f.title, f"{f.text} {f.consequence}".strip(), f.severity, f.municipality_name) for f in own
        ),
        themas=themes,
        geheel=WHOLE_LIBRARY,
    )


def _key_figures(lib: LibraryAnalysis, m: MunicipalityAnalysis, content: Content) -> tuple[Kerncijfer, ...]:
    v = m.variables
    others = [x for x in lib.municipalities if x.code != m.code]
    rows = [
        Kerncijfer("Inwoners", f"{fmt.number(v['inwoners'])} ({population_share(lib, m)} van het werkgebied)"),
        Kerncijfer("Subsidie aan de bibliotheek", fmt.money(v["subsidie"], 0)),
        Kerncijfer("Subsidie per inwoner", fmt.money(v["subsidie_per_inwoner"])),
        Kerncijfer(
            f"Subsidie per inwoner van {others[0].name}"
            if len(others) == 1
            else "Subsidie per inwoner van de andere gemeenten samen",
            fmt.money(_others_per_inhabitant(others)),
        ),
    ]
    norm = _subsidy_norm(lib, content)
    if norm is not None:
        rows.append(Kerncijfer(f"Norm voor een {lib.category.naam.lower()}", fmt.money(norm)))
    rows += [
        Kerncijfer("Locaties in de gemeente", _locations(m)),
        Kerncijfer("Openingsuren met personeel per week, samen", fmt.hours(v.get("openingsuren"))),
    ]
    if m.proximity is not None:
        rows += [
            Kerncijfer("Gemiddelde afstand tot een locatie", fmt.km(v["gem_afstand_km"])),
            Kerncijfer(
                "Gemiddelde afstand tot een volwaardige vestiging",
                fmt.km(v["gem_afstand_volwaardig_km"]) if lib.access.full_count else "geen volwaardige vestiging",
            ),
            Kerncijfer("Inwoners binnen 2 km van een locatie", fmt.percent(v["aandeel_binnen_2km"], 0)),
            Kerncijfer(
                "Inwoners verder dan 5 km van een volwaardige vestiging",
                _far(v, bool(lib.access.full_count)),
            ),
        ]
    return tuple(rows)


def _far(v: dict, any_full: bool) -> str:
    """'2.469 (30%)': residents farther than 5 km from a volwaardige vestiging, and their share."""
    far = v["inwoners_verder_dan_5km_volwaardig"] if any_full else v["inwoners"]
    if far is None or not v["inwoners"]:
        return fmt.NO_DATA
    return f"{fmt.number(far)} ({fmt.percent(100 * far / v['inwoners'], 0)})"


def _others_per_inhabitant(others: list[MunicipalityAnalysis]) -> float | None:
    people = sum(x.variables["inwoners"] or 0 for x in others)
    money = [x.variables["subsidie"] for x in others]
    if not people or any(s is None for s in money):
        return None
    return sum(money) / people


def _subsidy_norm(lib: LibraryAnalysis, content: Content) -> float | None:
    ind = next((i for i in content.indicators if i.id == SUBSIDY_INDICATOR), None)
    norm = ind.normen.get(lib.category.id) if ind else None
    return norm.robuust if norm is not None else None


def _locations(m: MunicipalityAnalysis) -> str:
    count, full = m.access.count, m.access.full_count
    if count == 0:
        return "geen"
    if full == count:
        return wording.count(count, "volwaardige vestiging", "volwaardige vestigingen", words=True)
    where = wording.count(count, "locatie", "locaties", words=True)
    if full == 0:
        return f"{where}, geen volwaardige vestiging"
    return f"{where}, waarvan {wording.count(full, 'volwaardige vestiging', 'volwaardige vestigingen', words=True)}"


def _white_spots(m: MunicipalityAnalysis) -> tuple[WitteVlek, ...]:
    if m.proximity is None:
        return ()
    return tuple(
        WitteVlek(p.naam, m.name, fmt.number(p.inwoners), fmt.km(p.afstand_km), fmt.km(p.cbs_km))
        for p in m.proximity.farthest
    )
