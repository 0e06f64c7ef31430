"""`build_overview`: the analysed libraries of the whole dataset, or of one province, as an `Overview`.

All wording and number formatting of the overview reports happens here (through `fmt`); the numbers come from
`overview_stats.py`, the renderers only lay the result out. With `anonymous`, no library or municipality name
enters the model: libraries become "Bibliotheek A01", "A02", … and municipalities "Gemeente G001", … (not their
CBS code, which is public and would name them). Codes are numbered in the order of a hash of the id, so the
numbering does not follow the alphabet; they hold within one document only.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass

from . import __version__, fmt
from .analysis import LibraryAnalysis
from .assess import ROBUST, indicator_status
from .content import Content, Indicator
from .errors import DataError, Problem
from .model import Figuur, Kerncijfer, Punt, Staaf
from .overview_model import (
    AfstandRij,
    As,
    BibliotheekRij,
    BouwsteenVerdeling,
    CategorieRij,
    GemeenteZonder,
    IndicatorVerdeling,
    Nabijheid,
    NormBlok,
    NormRij,
    Normtoets,
    Opbrengst,
    Overview,
    OverzichtBijlage,
    ProgrammaRij,
    Programmas,
    StatusRij,
    UrenRij,
    Verband,
    VerbandRij,
    VerdelingRij,
)
from .overview_stats import (
    CAUSES,
    MIN_FOR_SIGNAL,
    MIN_PAIRS,
    REACH,
    STATUS_ORDER,
    Fit,
    attainment,
    describe,
    distance_bands,
    fit_line,
    group_by,
    hours_per_1000,
    measure_pairs,
    nice_ticks,
    programme_count,
    share,
    status_counts,
    totals,
    without_full_branch,
)
from .pipeline import is_sample
from .report import PROJECT, STATUS, _norm_text

ALL = "Alle categorieën"


@dataclass(frozen=True)
class Scope:
    """The libraries in one overview, grouped by category, with the names (or codes) to show."""

    content: Content
    libraries: tuple[LibraryAnalysis, ...]
    by_category: dict[str, list[LibraryAnalysis]]
    category_names: dict[str, str]
    library_names: dict[str, str]
    municipality_names: dict[str, str]
    province: str | None
    anonymous: bool

    def name(self, lib: LibraryAnalysis) -> str:
        """The library's name, or its code in an anonymous overview."""
        return self.library_names[lib.id]


def build_overview(prepared, province: str | None, anonymous: bool, today: _dt.date) -> Overview:
    """The national overview (province None) or one province's; raises DataError for an unknown province."""
    scope = make_scope(prepared, province, anonymous)
    title = "Landelijk beeld" if scope.province is None else f"Provinciaal beeld {scope.province}"
    proximity = build_proximity(scope)
    norm_check = build_norm_check(scope)
    return Overview(
        titel=title, ondertitel="Robuuste lokale bibliotheken per categorie", datum=fmt.date(today), auteur=PROJECT,
        trefwoorden=f"bibliotheken, categorieën, normen, nabijheid, {scope.province or 'Nederland'}",
        inleiding=_introduction(scope, prepared),
        kerncijfers=_key_figures(scope),
        bevindingen=_findings(scope, norm_check),
        categorieen_inleiding=_categories_intro(scope),
        categorieen=_category_rows(scope),
        indicatoren_inleiding=(
            "Per indicator staat hieronder hoe de waarden van de bibliotheken binnen elke categorie verdeeld zijn: "
            "het aantal bibliotheken met gegevens (n), de laagste en hoogste waarde, het eerste en derde kwartiel "
            "(daartussen ligt de middelste helft van de bibliotheken) en de mediaan, naast de robuust-norm van de "
            "categorie.",
            "In elke figuur is per categorie de lijn het bereik van laagste tot hoogste waarde, het vak de middelste "
            "helft van de bibliotheken, de dikke streep de mediaan, elke stip een bibliotheek en de groene streep "
            "(of het groene vlak bij een bandbreedte) de robuust-norm.",),
        indicatoren=tuple(_module_distributions(scope, m) for m in scope.content.modules),
        statussen_inleiding=(
            "Het aantal en aandeel bibliotheken per status van elke bouwsteen, per categorie. Een bouwsteen krijgt "
            "de gemiddelde score van zijn indicatoren met gegevens, zoals in de handreiking per bibliotheek.",),
        statussen=_status_rows(scope),
        normtoets=norm_check,
        nabijheid=proximity,
        opbrengst=build_yield(scope),
        programmas=_programmes(scope),
        bijlage=_appendix(scope, prepared, title, today),
    )


def make_scope(prepared, province: str | None, anonymous: bool) -> Scope:
    """Select the libraries (all, or those whose `provincie` matches case-insensitively) and name them."""
    libs = sorted(prepared.analysis.libraries.values(), key=lambda lib: lib.id)
    chosen = None
    if province is not None:
        known = sorted({str(lib.rows.record["provincie"]) for lib in libs})
        chosen = next((p for p in known if p.casefold() == province.strip().casefold()), None)
        if chosen is None:
            raise DataError("Onbekende provincie", (Problem(
                "opdrachtregel", f"geen bibliotheek in deze provincie; bekend zijn: {', '.join(known)}",
                column="provincie", value=province),))
        libs = [lib for lib in libs if str(lib.rows.record["provincie"]) == chosen]
    content = prepared.content
    by_category = {c.id: [lib for lib in libs if lib.category.id == c.id] for c in content.categories}
    munis = {str(code): str(name) for lib in libs
             for code, name in zip(lib.rows.municipalities["code"], lib.rows.municipalities["naam"], strict=True)}
    if anonymous:
        library_names = _codes([lib.id for lib in libs], "Bibliotheek A", 2)
        municipality_names = _codes(list(munis), "Gemeente G", 3)
    else:
        library_names = {lib.id: str(lib.rows.record["naam"]) for lib in libs}
        municipality_names = munis
    return Scope(content, tuple(libs), {k: v for k, v in by_category.items() if v},
                 {c.id: c.naam for c in content.categories}, library_names, municipality_names, chosen, anonymous)


def _codes(keys: list[str], prefix: str, width: int) -> dict[str, str]:
    order = sorted(keys, key=lambda k: hashlib.sha256(k.encode("utf-8")).hexdigest())
    width = max(width, len(str(len(order))))
    return {key: f"{prefix}{n:0{width}d}" for n, key in enumerate(order, start=1)}


def count_share(part: int, whole: int) -> str:
    """'5 (42%)'; '0' when there is nothing to share."""
    return f"{fmt.number(part)} ({fmt.percent(share(part, whole), 0)})" if whole else fmt.number(part)


def tick_text(value: float, ticks: tuple[float, ...], unit: str) -> str:
    """An axis tick in the indicator's unit, with as many decimals as the tick step needs."""
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    decimals = 0 if step >= 1 and float(step).is_integer() else 1 if round(step * 10, 6).is_integer() else 2
    return fmt.by_unit(value, "aantal" if unit == "uren" else unit, decimals)


def axis(values: list[float], kind: str, unit: str) -> tuple[As, ...]:
    """Ticks covering `values` as `As` points of kind 'as_x' or 'as_y'."""
    ticks = nice_ticks(min(values), max(values)) if values else (0.0, 1.0)
    if kind == "as_x":
        return tuple(As(t, 0.0, None, kind, tekst=tick_text(t, ticks, unit)) for t in ticks)
    return tuple(As(0.0, t, None, kind, tekst=tick_text(t, ticks, unit)) for t in ticks)


# --- introduction and summary -----------------------------------------------------------------------------------


def _introduction(scope: Scope, prepared) -> tuple[str, ...]:
    where = "in de dataset" if scope.province is None else f"in de provincie {scope.province}"
    text = [f"Dit overzicht beschrijft de {fmt.count(len(scope.libraries), 'bibliotheek', 'bibliotheken')} {where} "
            "als geheel, per categorie: hun omvang, de spreiding van de indicatoren rond de normen, de status van de "
            "bouwstenen, de nabijheid van de locaties, wat die nabijheid oplevert en het bereik van de landelijke "
            "programma's.",
            "Het is bedoeld voor het projectteam, de provinciale ondersteuningsinstellingen en de partners van het "
            "Bibliotheekconvenant. Voor het gesprek met één gemeente is er de handreiking per bibliotheek."]
    if scope.anonymous:
        text.append("In deze versie zijn de namen van bibliotheken en gemeenten vervangen door codes (Bibliotheek "
                    "A01, Gemeente G001), zodat het overzicht buiten de sector gedeeld kan worden.")
    text.append(_dataset_note(prepared))
    return tuple(text)


def _dataset_note(prepared) -> str:
    if is_sample(prepared.settings.data_dir):
        return ("Let op: de cijfers en namen in dit overzicht komen uit een fictieve voorbeelddataset en gaan niet "
                "over bestaande bibliotheken of gemeenten.")
    files = ", ".join(sorted(set(prepared.dataset.sources.values())))
    return f"Bron van de cijfers: de invoer van de bibliotheken ({files})."


def _key_figures(scope: Scope) -> tuple[Kerncijfer, ...]:
    t = totals(scope.libraries)
    bands = distance_bands(scope.libraries)
    lacking = len(without_full_branch(scope.libraries))
    return (
        Kerncijfer("Bibliotheken", fmt.number(t.libraries)),
        Kerncijfer("Gemeenten", fmt.number(t.municipalities)),
        Kerncijfer("Inwoners van de werkgebieden", fmt.number(t.inhabitants)),
        Kerncijfer("Locaties", f"{fmt.number(t.locations)}, waarvan {fmt.number(t.full)} volwaardige vestigingen"),
        Kerncijfer("Inwoners binnen 2 km van een locatie (hemelsbreed)", fmt.percent(bands.within_2, 0)),
        Kerncijfer("Inwoners binnen 5 km van een locatie (hemelsbreed)", fmt.percent(bands.within_5, 0)),
        Kerncijfer("Gemeenten zonder volwaardige vestiging", count_share(lacking, t.municipalities)),
        Kerncijfer("Openingsuren met personeel per 1.000 inwoners", fmt.hours(hours_per_1000(scope.libraries), 2)),
    )


def _findings(scope: Scope, norm_check) -> tuple[str, ...]:
    lines = []
    for module in scope.content.modules:
        counts = status_counts(scope.libraries, module.id)
        n = len(scope.libraries)
        lines.append(f"{module.naam}: {fmt.percent(share(counts['robuust'], n), 0)} van de bibliotheken robuust, "
                     f"{fmt.percent(share(counts['kwetsbaar'], n), 0)} kwetsbaar.")
    nobody = sum(1 for b in norm_check.blokken for r in b.rijen if r.signaal.startswith("niemand"))
    everybody = sum(1 for b in norm_check.blokken for r in b.rijen if r.signaal.startswith("iedereen"))
    lines.append(f"Normen die in een categorie niemand haalt: {fmt.number(nobody)}; die iedereen haalt: "
                 f"{fmt.number(everybody)} (zie het hoofdstuk voor het projectteam).")
    return tuple(lines)


# --- categories ---------------------------------------------------------------------------------------------------


def _categories_intro(scope: Scope) -> tuple[str, ...]:
    rules = []
    for c in scope.content.categories:
        upper = f"tot {fmt.number(c.tot)}" if c.tot is not None else "en meer"
        rules.append(f"{c.naam.lower()} van {fmt.number(c.van)} {upper}")
    return ("De categorie van een bibliotheek volgt uit het aantal inwoners van haar werkgebied (de som van de "
            f"gemeenten): {fmt.join(rules)} inwoners. Locaties zijn alle vestigingen, servicepunten en kleinere "
            "vormen; een volwaardige vestiging is een locatie van het type vestiging.",)


def _category_row(name: str, libs) -> CategorieRij:
    t = totals(libs)
    return CategorieRij(name, fmt.number(t.libraries), fmt.number(t.municipalities), fmt.number(t.inhabitants),
                        fmt.number(t.locations), fmt.number(t.full))


def _category_rows(scope: Scope) -> tuple[CategorieRij, ...]:
    rows = [_category_row(scope.category_names[c], libs) for c, libs in scope.by_category.items()]
    return (*rows, _category_row("Totaal", scope.libraries))


# --- indicator distributions ---------------------------------------------------------------------------------------


def _module_distributions(scope: Scope, module) -> BouwsteenVerdeling:
    return BouwsteenVerdeling(module.naam, tuple(_indicator_distribution(scope, ind) for ind in module.indicatoren))


def _indicator_distribution(scope: Scope, ind: Indicator) -> IndicatorVerdeling:
    dists = {c: describe(lib.values.get(ind.id) for lib in libs) for c, libs in scope.by_category.items()}
    v = lambda x: fmt.by_unit(x, ind.eenheid, ind.decimalen)  # noqa: E731
    rows = tuple(VerdelingRij(scope.category_names[c], fmt.number(d.n), v(d.minimum), v(d.q1), v(d.median), v(d.q3),
                              v(d.maximum), _norm_text(ind, ind.normen.get(c))) for c, d in dists.items())
    if not any(d.n for d in dists.values()):
        return IndicatorVerdeling(ind.naam, ind.definitie, rows, "Geen enkele bibliotheek in dit overzicht heeft "
                                  "gegevens voor deze indicator; er is dus geen verdeling te tonen.", None)
    meets = [c for c, d in dists.items()
             if d.n and indicator_status(d.median, ind.normen.get(c), ind.richting) == ROBUST]
    with_data = sum(1 for d in dists.values() if d.n)
    sentence = (f"De mediaan haalt de robuust-norm in {fmt.number(len(meets))} van de "
                f"{fmt.count(with_data, 'categorie', 'categorieën')} met gegevens"
                + (f": {fmt.join([scope.category_names[c].lower() for c in meets])}." if meets else "."))
    return IndicatorVerdeling(ind.naam, ind.definitie, rows, sentence, _distribution_figure(scope, ind, dists, rows))


def _distribution_figure(scope: Scope, ind: Indicator, dists, rows) -> Figuur:
    groups = []
    for c, d in dists.items():
        norm = ind.normen.get(c)
        groups.append((scope.category_names[c], d, norm.robuust if norm else None,
                       STATUS[indicator_status(d.median, norm, ind.richting)]))
    parts = [f"{r.categorie}: mediaan {r.mediaan}, middelste helft {r.kwartiel1} tot {r.kwartiel3}, van "
             f"{r.minimum} tot {r.maximum}, norm {r.norm}" if r.aantal != "0" else f"{r.categorie}: geen gegevens"
             for r in rows]
    alt = f"Verdeling van {ind.naam.lower()} per categorie. " + "; ".join(parts) + "."
    caption = f"{ind.naam} per categorie, met de robuust-norm van elke categorie."
    return distribution_figure(groups, ind.eenheid, ind.decimalen, alt, caption)


# --- statuses, programmes, appendix ------------------------------------------------------------------------------


def _status_rows(scope: Scope) -> tuple[StatusRij, ...]:
    rows = []
    for module in scope.content.modules:
        groups = [*((scope.category_names[c], libs) for c, libs in scope.by_category.items()),
                  (ALL, list(scope.libraries))]
        for i, (name, libs) in enumerate(groups):
            counts = status_counts(libs, module.id)
            rows.append(StatusRij(module.naam if i == 0 else "", name,
                                  *(count_share(counts[s], len(libs)) for s in STATUS_ORDER)))
    return tuple(rows)


def _programmes(scope: Scope) -> Programmas:
    rows = []
    groups = [*((scope.category_names[c], libs) for c, libs in scope.by_category.items()), (ALL, scope.libraries)]
    for programme in scope.content.programmes:
        for i, (name, libs) in enumerate(groups):
            k = programme_count(libs, programme.id)
            rows.append(ProgrammaRij(programme.naam if i == 0 else "", name, f"{fmt.number(k)} van "
                                     f"{fmt.number(len(libs))}", fmt.percent(share(k, len(libs)), 0)))
    intro = ("Hoeveel bibliotheken per categorie een landelijk programma uitvoeren, volgens de kolom programmas in "
             "de invoer. Een programma dat niet is opgegeven, telt als niet uitgevoerd.",)
    return Programmas(intro, tuple(rows))


def _appendix(scope: Scope, prepared, title: str, today: _dt.date) -> OverzichtBijlage:
    left_out = len(prepared.analysis.failures)
    method = [
        "Kwartielen en mediaan zijn berekend met numpy (lineaire interpolatie tussen de gesorteerde waarden, gelijk "
        "aan de methode 'inclusive' van de Python-module statistics). Een bibliotheek zonder cijfer voor een "
        "indicator telt bij die indicator niet mee.",
        "Een bibliotheek haalt de norm als haar indicator de status robuust heeft. Een norm die in een categorie "
        f"niemand of iedereen haalt, wordt pas gemeld vanaf {fmt.number(MIN_FOR_SIGNAL)} bibliotheken met gegevens.",
        "Verbanden zijn berekend met scipy.stats.linregress: de correlatiecoëfficiënt van Pearson (r), de "
        "tweezijdige p-waarde en de kleinste-kwadratenlijn. Met minder dan "
        f"{fmt.number(MIN_PAIRS)} bibliotheken, of zonder spreiding in een van beide cijfers, is er geen verband.",
        "Afstanden zijn hemelsbreed, van het midden van elke buurt naar de dichtstbijzijnde locatie, gewogen naar "
        "het aantal inwoners; de CBS-afstand over de weg is langer.",
    ]
    if left_out:
        method.append(f"{fmt.count(left_out, 'bibliotheek is', 'bibliotheken zijn')} weggelaten omdat hun invoer "
                      "fouten bevat.")
    if scope.anonymous:
        method.append("Namen van bibliotheken en gemeenten zijn vervangen door codes die alleen binnen dit document "
                      "gelden. Let op: een combinatie van provincie, categorie en cijfers kan een bibliotheek toch "
                      "herkenbaar maken.")
    rows = tuple(BibliotheekRij(scope.name(lib), str(lib.rows.record["provincie"]), lib.category.naam,
                                fmt.join([scope.municipality_names[str(c)] for c in lib.rows.municipalities["code"]]),
                                fmt.number(lib.variables["inwoners"]))
                 for lib in sorted(scope.libraries, key=scope.name))
    colophon = (f"{title}, gemaakt op {fmt.date(today)} met robuust-docs {__version__}.", _dataset_note(prepared))
    return OverzichtBijlage(tuple(method), rows, colophon)


# --- distributions as figures ------------------------------------------------------------------------------------


def distribution_figure(groups, unit: str, decimals: int, alt: str, caption: str) -> Figuur:
    """A 'verdeling' figure from (label, Distribution, robust norm or None, Status) per row."""
    staven, points, extent = [], [], []
    for i, (label, d, robust, status) in enumerate(groups):
        text = f"mediaan {fmt.by_unit(d.median, unit, decimals)}" if d.n else fmt.NO_DATA
        staven.append(Staaf(f"{label}\nn = {fmt.number(d.n)}", d.median, text, robust, None, d.median, status,
                            False))
        points += [Punt(x, float(i), x, "bibliotheek") for x in d.values]
        if d.n:
            points += [Punt(x, float(i), x, kind) for x, kind in
                       ((d.minimum, "min"), (d.q1, "q1"), (d.q3, "q3"), (d.maximum, "max"))]
        extent += [*d.values, *(robust if isinstance(robust, tuple) else (robust,) if robust is not None else ())]
    return Figuur("verdeling", alt, caption, staven=tuple(staven), punten=(*points, *axis(extent, "as_x", unit)))


# --- proximity and accessibility ---------------------------------------------------------------------------------


def build_proximity(scope: Scope) -> Nabijheid:
    """Residents' distance per category and province, opening hours, municipalities without a full vestiging."""
    groups = [*((scope.category_names[c], libs) for c, libs in scope.by_category.items()), (ALL, scope.libraries)]
    provinces = group_by(scope.libraries, lambda lib: str(lib.rows.record["provincie"]),
                         sorted({str(lib.rows.record["provincie"]) for lib in scope.libraries}))
    lacking = without_full_branch(scope.libraries)
    missing = distance_bands(scope.libraries).missing
    intro = ["Afstanden zijn hemelsbreed gemeten, van het midden van elke buurt naar de dichtstbijzijnde locatie van "
             "de eigen bibliotheek, en gewogen naar het aantal inwoners van de buurt. De CBS-afstand over de weg is "
             "langer. Inwoners van een werkgebied zonder locatie tellen bij meer dan 5 km."]
    if missing:
        intro.append(f"Zonder buurtgegevens, en dus niet meegeteld bij de afstanden: "
                     f"{fmt.count(missing, 'bibliotheek', 'bibliotheken')}.")
    figure = _distance_figure(provinces if scope.province is None else dict(groups[:-1]),
                              "provincie" if scope.province is None else "categorie")
    municipalities = sum(len(lib.municipalities) for lib in scope.libraries)
    lacking_text = ("Gemeenten zonder volwaardige vestiging binnen de eigen grenzen: "
                    f"{fmt.number(len(lacking))} van de {fmt.number(municipalities)}. Het wetsvoorstel voor een "
                    "zorgplicht (36902, 2026) vraagt ten minste één volwaardige bibliotheekvoorziening per gemeente."
                    if lacking else "Elke gemeente heeft ten minste één volwaardige vestiging binnen haar grenzen.")
    return Nabijheid(tuple(intro), tuple(_distance_row(name, libs) for name, libs in groups),
                     tuple(_distance_row(name, libs) for name, libs in provinces.items()), figure,
                     tuple(_hours_row(name, libs) for name, libs in groups), lacking_text,
                     tuple(_lacking_row(scope, lib, m) for lib, m in
                           sorted(lacking, key=lambda pair: -_inhabitants(pair[0], pair[1].code))))


def _distance_figure(groups: dict, per: str) -> Figuur | None:
    """The libraries' mean distance of residents to a location, per province (national) or category."""
    rows = [(name, describe(lib.proximity.mean_km if lib.proximity else None for lib in libs), None,
             STATUS["geen_gegevens"]) for name, libs in groups.items()]
    if not any(d.n for _, d, _, _ in rows):
        return None
    alt = (f"Verdeling van de gemiddelde afstand van de inwoners tot een locatie, per bibliotheek, per {per}. "
           + "; ".join(f"{label}: mediaan {fmt.km(d.median)}, van {fmt.km(d.minimum)} tot {fmt.km(d.maximum)}"
                       for label, d, _, _ in rows) + ".")
    return distribution_figure(rows, "km", 1, alt, "Gemiddelde afstand van de inwoners tot de dichtstbijzijnde "
                               f"locatie, per {per}: elke stip is een bibliotheek.")


def _distance_row(name: str, libs) -> AfstandRij:
    b = distance_bands(libs)
    bands = b.bands or (None,) * 4
    return AfstandRij(name, fmt.number(b.population), fmt.km(b.mean_km), *(fmt.percent(x, 0) for x in bands),
                      fmt.percent(b.within_2, 0), fmt.percent(b.within_5, 0))


def _hours_row(name: str, libs) -> UrenRij:
    t = totals(libs)
    median = describe(lib.access.hours_per_1000 for lib in libs).median
    return UrenRij(name, fmt.number(t.locations), fmt.number(t.full),
                   fmt.hours(sum(lib.access.hours for lib in libs), 0), fmt.hours(hours_per_1000(libs), 2),
                   fmt.hours(median, 2), count_share(len(without_full_branch(libs)), t.municipalities))


def _inhabitants(lib: LibraryAnalysis, code: str) -> int:
    munis = lib.rows.municipalities
    return int(munis.loc[munis["code"] == code, "inwoners"].iloc[0] or 0)


def _lacking_row(scope: Scope, lib: LibraryAnalysis, m) -> GemeenteZonder:
    if lib.access.full_count == 0:
        distance = "de bibliotheek heeft geen volwaardige vestiging"
    else:
        distance = fmt.km(m.proximity.mean_full_km if m.proximity else None)
    return GemeenteZonder(scope.municipality_names[m.code], scope.name(lib), str(lib.rows.record["provincie"]),
                          fmt.number(_inhabitants(lib, m.code)), fmt.number(m.access.count), distance)


# --- for the project team: norms tested ---------------------------------------------------------------------------


def build_norm_check(scope: Scope) -> Normtoets:
    """Per indicator and category how many libraries meet the robust norm; norms nobody or everybody meets."""
    blocks, nobody, everybody = [], [], []
    for module in scope.content.modules:
        rows = []
        for ind in module.indicatoren:
            for i, (c, libs) in enumerate(scope.by_category.items()):
                a = attainment(libs, ind.id)
                name = scope.category_names[c]
                signal = {"niemand": "niemand haalt de norm", "iedereen": "iedereen haalt de norm"}.get(a.signal, "")
                rows.append(NormRij(ind.naam if i == 0 else "", name, _norm_text(ind, ind.normen.get(c)),
                                    fmt.number(a.with_data), count_share(a.robust, a.with_data), signal))
                line = f"{ind.naam}, {name.lower()}: {fmt.number(a.robust)} van {fmt.number(a.with_data)}."
                {"niemand": nobody, "iedereen": everybody}.get(a.signal, []).append(line)
        blocks.append(NormBlok(module.naam, tuple(rows)))
    intro = ("Dit hoofdstuk is voor het projectteam dat de normen vaststelt. Per indicator en categorie staat hoeveel "
             "bibliotheken met gegevens de robuust-norm halen. Een norm die niemand haalt, is misschien te streng; "
             "een norm die iedereen haalt, onderscheidt niet. Beide vallen hieronder op, vanaf "
             f"{fmt.number(MIN_FOR_SIGNAL)} bibliotheken met gegevens in de categorie.",)
    return Normtoets(intro, tuple(nobody) or ("Geen: in elke categorie haalt ten minste één bibliotheek elke norm.",),
                     tuple(everybody) or ("Geen: bij elke norm is er in elke categorie een bibliotheek die hem niet "
                                          "haalt.",), tuple(blocks))


# --- what proximity yields --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    label: str  # axis title and table label
    name: str  # in a sentence
    more: str  # libraries with a higher value ("met meer …")
    less: str  # a lower value
    unit: str  # for the slope
    axis_unit: str = "aantal"


CAUSE_WORDS = {
    "afstand": Wording("Gemiddelde afstand tot een locatie (km)", "de gemiddelde afstand tot een locatie",
                       "met een grotere gemiddelde afstand tot een locatie", "", "km", "km"),
    "uren": Wording("Openingsuren per 1.000 inwoners", "de openingsuren per 1.000 inwoners",
                    "met meer openingsuren per 1.000 inwoners", "", "uur per 1.000 inwoners"),
}
REACH_WORDS = {
    "leden": Wording("Leden per 100 inwoners", "het aantal leden per inwoner", "meer leden per inwoner",
                     "minder leden per inwoner", "leden per 100 inwoners"),
    "jeugdleden": Wording("Jeugdleden per 100 inwoners tot 18 jaar", "het aantal jeugdleden per jeugdige inwoner",
                          "meer jeugdleden per jeugdige inwoner", "minder jeugdleden per jeugdige inwoner",
                          "jeugdleden per 100 jeugdige inwoners"),
    "bezoeken": Wording("Bezoeken per inwoner", "het aantal bezoeken per inwoner", "meer bezoeken per inwoner",
                        "minder bezoeken per inwoner", "bezoeken per inwoner"),
    "deelnemers": Wording("Deelnemers aan activiteiten per 1.000 inwoners", "het aantal deelnemers aan activiteiten",
                          "meer deelnemers aan activiteiten per inwoner", "minder deelnemers aan activiteiten per "
                          "inwoner", "deelnemers per 1.000 inwoners"),
}
CAUTION = ("Dit is een samenhang, geen bewijs van oorzaak en gevolg: verschillen in omvang, stedelijkheid en "
           "bevolking van de werkgebieden kunnen beide cijfers tegelijk beïnvloeden.")


def build_yield(scope: Scope) -> Opbrengst:
    """Every pair of proximity or opening hours against reach: statistics, sentence and scatter plot."""
    pairs = []
    for x_id in CAUSES:
        for y_id in REACH:
            fit = fit_line(measure_pairs(scope.libraries, x_id, y_id))
            pairs.append((fit, CAUSE_WORDS[x_id], REACH_WORDS[y_id]))
    intro = ("Hangen nabijheid en openingsuren samen met het bereik van de bibliotheek? Per paar van cijfers staat "
             "hieronder een spreidingsdiagram met de best passende rechte lijn, de correlatie r (van −1 tot 1; "
             "0 is geen samenhang), het aantal bibliotheken n en een zin in gewone taal.", CAUTION)
    overview = tuple(VerbandRij(x.label, y.label, fmt.number(f.n), _r_text(f), _p_text(f)) for f, x, y in pairs)
    return Opbrengst(intro, overview, tuple(_relation(f, x, y) for f, x, y in pairs))


def _r_text(fit: Fit) -> str:
    return fmt.number(fit.r, 2) if fit.r is not None else "niet te berekenen"


def _p_text(fit: Fit) -> str:
    if fit.p is None:
        return "niet te berekenen"
    return "< 0,001" if fit.p < 0.001 else fmt.number(fit.p, 3)


def _p_phrase(fit: Fit) -> str:
    return f"p {_p_text(fit)}" if fit.p < 0.001 else f"p = {_p_text(fit)}"


def association_sentence(fit: Fit, x: Wording, y: Wording) -> str:
    """The relation in plain Dutch, stated as an association."""
    if fit.reason == "te_weinig":
        return (f"Te weinig bibliotheken met beide cijfers (n = {fmt.number(fit.n)}; ten minste "
                f"{fmt.number(MIN_PAIRS)} nodig) om een verband te berekenen.")
    if fit.reason == "geen_spreiding":
        return (f"De {fmt.number(fit.n)} bibliotheken met beide cijfers verschillen niet genoeg; zonder spreiding is "
                "er geen verband te berekenen.")
    size = abs(fit.r)
    r = f"r = {_r_text(fit)}"
    if size < 0.1:
        return (f"Bij de {fmt.number(fit.n)} bibliotheken met beide cijfers is er nauwelijks samenhang tussen "
                f"{x.name} en {y.name} ({r}). {CAUTION}")
    strength = "zwak" if size < 0.3 else "matig" if size < 0.5 else "sterk"
    significance = f"{'' if fit.p < 0.05 else 'niet '}statistisch significant, {_p_phrase(fit)}"
    return (f"Van de {fmt.number(fit.n)} bibliotheken met beide cijfers hebben die {x.more} doorgaans "
            f"{y.more if fit.r > 0 else y.less} ({r}: een {strength} verband, {significance}). {CAUTION}")


def _relation(fit: Fit, x: Wording, y: Wording) -> Verband:
    sentence = association_sentence(fit, x, y)
    figures = [Kerncijfer("Bibliotheken met beide cijfers (n)", fmt.number(fit.n))]
    if fit.r is not None:
        figures += [Kerncijfer("Correlatie (Pearson r)", _r_text(fit)),
                    Kerncijfer("Verklaarde variantie (r²)", fmt.percent(fit.r ** 2 * 100, 0)),
                    Kerncijfer("p-waarde (tweezijdig)", _p_text(fit)),
                    Kerncijfer("Helling van de lijn", f"{fmt.number(fit.slope, 2)} {y.unit} per {x.unit}")]
    return Verband(f"{x.label.split(' (')[0]} en {y.label.lower()}", sentence, tuple(figures),
                   _scatter(fit, x, y, sentence) if fit.n else None)


def _scatter(fit: Fit, x: Wording, y: Wording, sentence: str) -> Figuur:
    points = [Punt(a, b, None, "bibliotheek") for a, b in zip(fit.xs, fit.ys, strict=True)]
    line_ys = []
    if fit.slope is not None:
        ends = (min(fit.xs), max(fit.xs))
        line_ys = [fit.intercept + fit.slope * e for e in ends]
        points += [Punt(e, v, None, "lijn") for e, v in zip(ends, line_ys, strict=True)]
    labels = (*axis(list(fit.xs), "as_x", x.axis_unit), *axis([*fit.ys, *line_ys], "as_y", y.axis_unit),
              As(0.0, 0.0, None, "titel_x", tekst=x.label), As(0.0, 0.0, None, "titel_y", tekst=y.label))
    alt = (f"Spreidingsdiagram van {y.name} tegen {x.name} voor "
           f"{fmt.count(fit.n, 'bibliotheek', 'bibliotheken')}"
           + (", met de best passende rechte lijn. " if fit.slope is not None else ", zonder lijn. ")
           + sentence.split(". Dit is")[0].rstrip(".") + ".")
    caption = (f"{y.label} tegen {x.name}: elke stip is een bibliotheek"
               + ("; de lijn is de best passende rechte lijn." if fit.slope is not None else "."))
    return Figuur("spreiding", alt, caption, punten=(*points, *labels))
