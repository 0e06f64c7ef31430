"""`build_overview`: the analysed libraries of the whole dataset, or of one province, as an `Overview`.

All wording and number formatting of the overview reports happens here and in `overview_parts.py` (proximity,
norm check, yield) and `overview_scope.py` (which libraries; shared helpers), through `fmt`; the numbers come from
`overview_stats.py`, the renderers only lay the result out. With `anonymous`, no library or municipality name
enters the model: libraries become "Bibliotheek A01", "A02", … and municipalities "Gemeente G001", … (not their
CBS code, which is public and would name them). Codes are numbered in the order of a hash of the id, so the
numbering does not follow the alphabet; they hold within one document only.
"""

from __future__ import annotations

import datetime as _dt

from robuust_docs import __version__, fmt
from robuust_docs.analysis import indicator_status
from robuust_docs.analysis.aggregates import (
    MIN_FOR_SIGNAL,
    MIN_PAIRS,
    STATUS_ORDER,
    describe,
    distance_bands,
    hours_per_1000,
    programme_count,
    share,
    status_counts,
    totals,
    without_full_branch,
)
from robuust_docs.content import Indicator
from robuust_docs.overview.figures import status_map
from robuust_docs.overview.model import (
    BibliotheekRij,
    BouwsteenVerdeling,
    CategorieRij,
    IndicatorVerdeling,
    JaarRij,
    Overview,
    OverzichtBijlage,
    ProgrammaRij,
    Programmas,
    StatusRij,
    VerdelingRij,
)
from robuust_docs.overview.scope import ALL, Scope, count_share, distribution_figure, make_scope
from robuust_docs.overview.sections import build_norm_check, build_proximity, build_yield
from robuust_docs.report import PROJECT, Figuur, Kerncijfer, dataset_note, norm_text
from robuust_docs.status import Status


def build_overview(prepared, province: str | None, anonymous: bool, today: _dt.date) -> Overview:
    """The national overview (province None) or one province's; raises DataError for an unknown province."""
    scope = make_scope(prepared, province, anonymous)
    title = "Landelijk beeld" if scope.province is None else f"Provinciaal beeld {scope.province}"
    proximity = build_proximity(scope)
    norm_check = build_norm_check(scope)
    return Overview(
        titel=title,
        ondertitel="Robuuste lokale bibliotheken per categorie",
        datum=fmt.date(today),
        auteur=PROJECT,
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
            "(of het groene vlak bij een bandbreedte) de robuust-norm.",
        ),
        indicatoren=tuple(_module_distributions(scope, m) for m in scope.content.modules),
        statussen_inleiding=(
            "Het aantal en aandeel bibliotheken per status van elke bouwsteen, per categorie. Een bouwsteen krijgt "
            "de gemiddelde score van zijn indicatoren met gegevens, zoals in de handreiking per bibliotheek.",
        ),
        statussen=_status_rows(scope),
        jaren_inleiding=_years_intro(scope),
        jaren=_year_rows(scope),
        normtoets=norm_check,
        nabijheid=proximity,
        opbrengst=build_yield(scope),
        programmas=_programmes(scope),
        bijlage=_appendix(scope, prepared, title, today),
        statussen_figuur=status_map(scope, prepared.dataset.outlines),
    )


def _introduction(scope: Scope, prepared) -> tuple[str, ...]:
    where = "in de dataset" if scope.province is None else f"in de provincie {scope.province}"
    text = [
        f"Dit overzicht beschrijft de {fmt.count(len(scope.libraries), 'bibliotheek', 'bibliotheken')} {where} "
        "als geheel, per categorie: hun omvang, de spreiding van de indicatoren rond de normen, de status van de "
        "bouwstenen, de nabijheid van de locaties, wat die nabijheid oplevert en het bereik van de landelijke "
        "programma's.",
        "Het is bedoeld voor het projectteam, de provinciale ondersteuningsinstellingen en de partners van het "
        "Bibliotheekconvenant. Voor het gesprek met één gemeente is er de handreiking per bibliotheek.",
    ]
    if scope.anonymous:
        text.append(
            "In deze versie zijn de namen van bibliotheken en gemeenten vervangen door codes (Bibliotheek "
            "A01, Gemeente G001), zodat het overzicht buiten de sector gedeeld kan worden."
        )
    text.append(_dataset_note(prepared))
    return tuple(text)


def _dataset_note(prepared) -> str:
    return dataset_note(prepared.dataset.sample, prepared.dataset.sources, overview=True)


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
        lines.append(
            f"{module.naam}: {fmt.percent(share(counts[Status.ROBUST], n), 0)} van de bibliotheken robuust, "
            f"{fmt.percent(share(counts[Status.WEAK], n), 0)} kwetsbaar."
        )
    nobody = sum(1 for b in norm_check.blokken for r in b.rijen if r.signaal.startswith("niemand"))
    everybody = sum(1 for b in norm_check.blokken for r in b.rijen if r.signaal.startswith("iedereen"))
    lines.append(
        f"Normen die in een categorie niemand haalt: {fmt.number(nobody)}; die iedereen haalt: "
        f"{fmt.number(everybody)} (zie het hoofdstuk voor het projectteam)."
    )
    return tuple(lines)


# --- categories ---------------------------------------------------------------------------------------------------


def _categories_intro(scope: Scope) -> tuple[str, ...]:
    rules = []
    for c in scope.content.categories:
        upper = f"tot {fmt.number(c.tot)}" if c.tot is not None else "en meer"
        rules.append(f"{c.naam.lower()} van {fmt.number(c.van)} {upper}")
    return (
        "De categorie van een bibliotheek volgt uit het aantal inwoners van haar werkgebied (de som van de "
        f"gemeenten): {fmt.join(rules)} inwoners. Locaties zijn alle vestigingen, servicepunten en kleinere "
        "vormen; een volwaardige vestiging is een locatie van het type vestiging.",
    )


def _category_row(name: str, libs) -> CategorieRij:
    t = totals(libs)
    return CategorieRij(
        name,
        fmt.number(t.libraries),
        fmt.number(t.municipalities),
        fmt.number(t.inhabitants),
        fmt.number(t.locations),
        fmt.number(t.full),
    )


def _category_rows(scope: Scope) -> tuple[CategorieRij, ...]:
    rows = [_category_row(scope.category_names[c], libs) for c, libs in scope.by_category.items()]
    return (*rows, _category_row("Totaal", scope.libraries))


# --- the years ----------------------------------------------------------------------------------------------------

# The key indicators whose median per category and year the overview shows (the columns of outline.YEARS_TABLE).
TREND_INDICATORS = ("subsidie_per_inwoner", "leden_aandeel", "bezoeken_per_inwoner", "uitleningen_per_inwoner")


def _years(scope: Scope) -> list[int]:
    return sorted({y.jaar for lib in scope.libraries if lib.history for y in lib.history.years})


def _years_intro(scope: Scope) -> tuple[str, ...]:
    years = _years(scope)
    if len(years) < 2:
        return ()
    return (
        f"Per categorie de mediaan van vier kerncijfers in elk jaar van {fmt.span(years[0], years[-1])}, over de "
        "bibliotheken met cijfers over dat jaar; een bibliotheek zonder cijfers over een jaar telt in dat jaar niet "
        "mee. De categorie en het werkgebied zijn die van nu. Bedragen zijn nominaal: niet gecorrigeerd voor "
        "inflatie.",
    )


def _year_rows(scope: Scope) -> tuple[JaarRij, ...]:
    years = _years(scope)
    if len(years) < 2:
        return ()
    indicators = {i.id: i for i in scope.content.indicators}
    rows = []
    for category, libs in scope.by_category.items():
        for year in years:
            figures = [y for lib in libs if lib.history for y in lib.history.years if y.jaar == year]
            cells = []
            for ident in TREND_INDICATORS:
                ind = indicators.get(ident)
                median = describe(f.values.get(ident) for f in figures).median if ind else None
                cells.append(fmt.by_unit(median, ind.eenheid, ind.decimalen) if ind else fmt.NO_DATA)
            rows.append(JaarRij(scope.category_names[category], str(year), fmt.number(len(figures)), *cells))
    return tuple(rows)


# --- indicator distributions ---------------------------------------------------------------------------------------


def _module_distributions(scope: Scope, module) -> BouwsteenVerdeling:
    return BouwsteenVerdeling(module.naam, tuple(_indicator_distribution(scope, ind) for ind in module.indicatoren))


def _indicator_distribution(scope: Scope, ind: Indicator) -> IndicatorVerdeling:
    dists = {c: describe(lib.values.get(ind.id) for lib in libs) for c, libs in scope.by_category.items()}
    v = lambda x: fmt.by_unit(x, ind.eenheid, ind.decimalen)  # noqa: E731
    rows = tuple(
        VerdelingRij(
            scope.category_names[c],
            fmt.number(d.n),
            v(d.minimum),
            v(d.q1),
            v(d.median),
            v(d.q3),
            v(d.maximum),
            norm_text(ind, ind.normen.get(c)),
        )
        for c, d in dists.items()
    )
    if not any(d.n for d in dists.values()):
        return IndicatorVerdeling(
            ind.naam,
            ind.definitie,
            rows,
            "Geen enkele bibliotheek in dit overzicht heeft "
            "gegevens voor deze indicator; er is dus geen verdeling te tonen.",
            None,
        )
    meets = [
        c
        for c, d in dists.items()
        if d.n and indicator_status(d.median, ind.normen.get(c), ind.richting) is Status.ROBUST
    ]
    with_data = sum(1 for d in dists.values() if d.n)
    sentence = (
        f"De mediaan haalt de robuust-norm in {fmt.number(len(meets))} van de "
        f"{fmt.count(with_data, 'categorie', 'categorieën')} met gegevens"
        + (f": {fmt.join([scope.category_names[c].lower() for c in meets])}." if meets else ".")
    )
    return IndicatorVerdeling(ind.naam, ind.definitie, rows, sentence, _distribution_figure(scope, ind, dists, rows))


def _distribution_figure(scope: Scope, ind: Indicator, dists, rows) -> Figuur:
    groups = []
    for c, d in dists.items():
        norm = ind.normen.get(c)
        groups.append(
            (scope.category_names[c], d, norm.robuust if norm else None, indicator_status(d.median, norm, ind.richting))
        )
    parts = [
        f"{r.categorie}: mediaan {r.mediaan}, middelste helft {r.kwartiel1} tot {r.kwartiel3}, van "
        f"{r.minimum} tot {r.maximum}, norm {r.norm}"
        if r.aantal != "0"
        else f"{r.categorie}: geen gegevens"
        for r in rows
    ]
    alt = f"Verdeling van {ind.naam.lower()} per categorie. " + "; ".join(parts) + "."
    caption = f"{ind.naam} per categorie, met de robuust-norm van elke categorie."
    return distribution_figure(groups, ind.eenheid, ind.decimalen, alt, caption)


# --- statuses, programmes, appendix ------------------------------------------------------------------------------


def _status_rows(scope: Scope) -> tuple[StatusRij, ...]:
    rows = []
    for module in scope.content.modules:
        groups = [
            *((scope.category_names[c], libs) for c, libs in scope.by_category.items()),
            (ALL, list(scope.libraries)),
        ]
        for i, (name, libs) in enumerate(groups):
            counts = status_counts(libs, module.id)
            rows.append(
                StatusRij(
                    module.naam if i == 0 else "", name, *(count_share(counts[s], len(libs)) for s in STATUS_ORDER)
                )
            )
    return tuple(rows)


def _programmes(scope: Scope) -> Programmas:
    rows = []
    groups = [*((scope.category_names[c], libs) for c, libs in scope.by_category.items()), (ALL, scope.libraries)]
    for programme in scope.content.programmes:
        for i, (name, libs) in enumerate(groups):
            k = programme_count(libs, programme.id)
            rows.append(
                ProgrammaRij(
                    programme.naam if i == 0 else "",
                    name,
                    f"{fmt.number(k)} van {fmt.number(len(libs))}",
                    fmt.percent(share(k, len(libs)), 0),
                )
            )
    intro = (
        "Hoeveel bibliotheken per categorie een landelijk programma uitvoeren, volgens de programma's die elke "
        "bibliotheek in de invoer opgeeft. Een programma dat niet is opgegeven, telt als niet uitgevoerd.",
    )
    return Programmas(intro, tuple(rows))


def _appendix(scope: Scope, prepared, title: str, today: _dt.date) -> OverzichtBijlage:
    left_out = len(prepared.analysis.failures)
    method = [
        "Kwartielen en mediaan zijn berekend met lineaire interpolatie tussen de gesorteerde waarden. Een "
        "bibliotheek zonder cijfer voor een indicator telt bij die indicator niet mee.",
        "Een bibliotheek haalt de norm als haar indicator de status robuust heeft. Een norm die in een categorie "
        f"niemand of iedereen haalt, wordt pas gemeld vanaf {fmt.number(MIN_FOR_SIGNAL)} bibliotheken met gegevens.",
        "Verbanden zijn beschreven met de correlatiecoëfficiënt van Pearson (r), de "
        "tweezijdige p-waarde en de kleinste-kwadratenlijn. Met minder dan "
        f"{fmt.number(MIN_PAIRS)} bibliotheken, of zonder spreiding in een van beide cijfers, is er geen verband.",
        "Afstanden zijn hemelsbreed, van het midden van elke buurt naar de dichtstbijzijnde locatie, gewogen naar "
        "het aantal inwoners. De CBS-afstand gaat over de weg naar de dichtstbijzijnde bibliotheek van welke "
        "organisatie ook, en is daardoor soms korter.",
    ]
    if left_out:
        method.append(
            f"{fmt.count(left_out, 'bibliotheek is', 'bibliotheken zijn')} weggelaten omdat hun invoer fouten bevat."
        )
    if scope.anonymous:
        method.append(
            "Namen van bibliotheken en gemeenten zijn vervangen door codes die alleen binnen dit document "
            "gelden. Let op: een combinatie van provincie, categorie en cijfers kan een bibliotheek toch "
            "herkenbaar maken."
        )
    rows = tuple(
        BibliotheekRij(
            scope.name(lib),
            str(lib.rows.record["provincie"]),
            lib.category.naam,
            fmt.join([scope.municipality_names[str(c)] for c in lib.rows.municipalities["code"]]),
            fmt.number(lib.variables["inwoners"]),
        )
        for lib in sorted(scope.libraries, key=scope.name)
    )
    colophon = (f"{title}, gemaakt op {fmt.date(today)} met robuust-docs {__version__}.", _dataset_note(prepared))
    return OverzichtBijlage(tuple(method), rows, colophon)


# --- distributions as figures ------------------------------------------------------------------------------------
