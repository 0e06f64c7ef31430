"""The proximity, norm-check and yield sections of an overview (see `overview_report.build_overview`)."""

from __future__ import annotations

from dataclasses import dataclass

from robuust_docs import fmt
from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.analysis.aggregates import (
    CAUSES,
    MIN_FOR_SIGNAL,
    MIN_PAIRS,
    REACH,
    Fit,
    attainment,
    describe,
    distance_bands,
    fit_line,
    group_by,
    hours_per_1000,
    measure_pairs,
    totals,
    without_full_branch,
)
from robuust_docs.overview.model import (
    AfstandRij,
    As,
    GemeenteZonder,
    Nabijheid,
    NormBlok,
    NormRij,
    Normtoets,
    Opbrengst,
    UrenRij,
    Verband,
    VerbandRij,
)
from robuust_docs.overview.scope import ALL, Scope, axis, count_share, distribution_figure
from robuust_docs.report import Figuur, Kerncijfer, Punt, norm_text
from robuust_docs.status import Status


def build_proximity(scope: Scope) -> Nabijheid:
    """Residents' distance per category and province, opening hours, municipalities without a full vestiging."""
    groups = [*((scope.category_names[c], libs) for c, libs in scope.by_category.items()), (ALL, scope.libraries)]
    provinces = group_by(
        scope.libraries,
        lambda lib: str(lib.rows.record["provincie"]),
        sorted({str(lib.rows.record["provincie"]) for lib in scope.libraries}),
    )
    lacking = without_full_branch(scope.libraries)
    missing = distance_bands(scope.libraries).missing
    intro = [
        "Afstanden zijn hemelsbreed gemeten, van het midden van elke buurt naar de dichtstbijzijnde locatie van "
        "de eigen bibliotheek, en gewogen naar het aantal inwoners van de buurt. De CBS-afstand gaat over de weg "
        "naar de dichtstbijzijnde bibliotheek van welke organisatie ook, en is daardoor soms korter. Inwoners "
        "van een werkgebied zonder locatie tellen bij meer dan 5 km."
    ]
    if missing:
        intro.append(
            f"Zonder buurtgegevens, en dus niet meegeteld bij de afstanden: "
            f"{fmt.count(missing, 'bibliotheek', 'bibliotheken')}."
        )
    figure = _distance_figure(
        provinces if scope.province is None else dict(groups[:-1]),
        "provincie" if scope.province is None else "categorie",
    )
    municipalities = sum(len(lib.municipalities) for lib in scope.libraries)
    lacking_text = (
        "Gemeenten zonder volwaardige vestiging binnen de eigen grenzen: "
        f"{fmt.number(len(lacking))} van de {fmt.number(municipalities)}. Het wetsvoorstel voor een "
        "zorgplicht (36902, 2026) vraagt ten minste één volwaardige bibliotheekvoorziening per gemeente."
        if lacking
        else "Elke gemeente heeft ten minste één volwaardige vestiging binnen haar grenzen."
    )
    return Nabijheid(
        tuple(intro),
        tuple(_distance_row(name, libs) for name, libs in groups),
        tuple(_distance_row(name, libs) for name, libs in provinces.items()),
        figure,
        tuple(_hours_row(name, libs) for name, libs in groups),
        lacking_text,
        tuple(
            _lacking_row(scope, lib, m)
            for lib, m in sorted(lacking, key=lambda pair: -_inhabitants(pair[0], pair[1].code))
        ),
    )


def _distance_figure(groups: dict, per: str) -> Figuur | None:
    """The libraries' mean distance of residents to a location, per province (national) or category."""
    rows = [
        (name, describe(lib.proximity.mean_km if lib.proximity else None for lib in libs), None, Status.NO_DATA)
        for name, libs in groups.items()
    ]
    if not any(d.n for _, d, _, _ in rows):
        return None
    alt = (
        f"Verdeling van de gemiddelde afstand van de inwoners tot een locatie, per bibliotheek, per {per}. "
        + "; ".join(
            f"{label}: mediaan {fmt.km(d.median)}, van {fmt.km(d.minimum)} tot {fmt.km(d.maximum)}"
            for label, d, _, _ in rows
        )
        + "."
    )
    return distribution_figure(
        rows,
        "km",
        1,
        alt,
        f"Gemiddelde afstand van de inwoners tot de dichtstbijzijnde locatie, per {per}: elke stip is een bibliotheek.",
    )


def _distance_row(name: str, libs) -> AfstandRij:
    b = distance_bands(libs)
    bands = b.bands or (None,) * 4
    return AfstandRij(
        name,
        fmt.number(b.population),
        fmt.km(b.mean_km),
        *(fmt.percent(x, 0) for x in bands),
        fmt.percent(b.within_2, 0),
        fmt.percent(b.within_5, 0),
    )


def _hours_row(name: str, libs) -> UrenRij:
    t = totals(libs)
    median = describe(lib.access.hours_per_1000 for lib in libs).median
    return UrenRij(
        name,
        fmt.number(t.locations),
        fmt.number(t.full),
        fmt.hours(sum(lib.access.hours for lib in libs), 0),
        fmt.hours(hours_per_1000(libs), 2),
        fmt.hours(median, 2),
        count_share(len(without_full_branch(libs)), t.municipalities),
    )


def _inhabitants(lib: LibraryAnalysis, code: str) -> int:
    munis = lib.rows.municipalities
    return int(munis.loc[munis["code"] == code, "inwoners"].iloc[0] or 0)


def _lacking_row(scope: Scope, lib: LibraryAnalysis, m) -> GemeenteZonder:
    if lib.access.full_count == 0:
        distance = "de bibliotheek heeft geen volwaardige vestiging"
    else:
        distance = fmt.km(m.proximity.mean_full_km if m.proximity else None)
    return GemeenteZonder(
        scope.municipality_names[m.code],
        scope.name(lib),
        str(lib.rows.record["provincie"]),
        fmt.number(_inhabitants(lib, m.code)),
        fmt.number(m.access.count),
        distance,
    )


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
                rows.append(
                    NormRij(
                        ind.naam if i == 0 else "",
                        name,
                        norm_text(ind, ind.normen.get(c)),
                        fmt.number(a.with_data),
                        count_share(a.robust, a.with_data),
                        signal,
                    )
                )
                line = f"{ind.naam}, {name.lower()}: {fmt.number(a.robust)} van {fmt.number(a.with_data)}."
                {"niemand": nobody, "iedereen": everybody}.get(a.signal, []).append(line)
        blocks.append(NormBlok(module.naam, tuple(rows)))
    intro = (
        "Dit hoofdstuk is voor het projectteam dat de normen vaststelt. Per indicator en categorie staat hoeveel "
        "bibliotheken met gegevens de robuust-norm halen. Een norm die niemand haalt, is misschien te streng; "
        "een norm die iedereen haalt, onderscheidt niet. Beide vallen hieronder op, vanaf "
        f"{fmt.number(MIN_FOR_SIGNAL)} bibliotheken met gegevens in de categorie.",
    )
    return Normtoets(
        intro,
        tuple(nobody) or ("Geen: in elke categorie haalt ten minste één bibliotheek elke norm.",),
        tuple(everybody) or ("Geen: bij elke norm is er in elke categorie een bibliotheek die hem niet haalt.",),
        tuple(blocks),
    )


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
    "afstand": Wording(
        "Gemiddelde afstand tot een locatie (km)",
        "de gemiddelde afstand tot een locatie",
        "met een grotere gemiddelde afstand tot een locatie",
        "",
        "km",
        "km",
    ),
    "uren": Wording(
        "Openingsuren per 1.000 inwoners",
        "de openingsuren per 1.000 inwoners",
        "met meer openingsuren per 1.000 inwoners",
        "",
        "uur per 1.000 inwoners",
    ),
}
REACH_WORDS = {
    "leden": Wording(
        "Leden per 100 inwoners",
        "het aantal leden per inwoner",
        "meer leden per inwoner",
        "minder leden per inwoner",
        "leden per 100 inwoners",
    ),
    "jeugdleden": Wording(
        "Jeugdleden per 100 inwoners tot 18 jaar",
        "het aantal jeugdleden per jeugdige inwoner",
        "meer jeugdleden per jeugdige inwoner",
        "minder jeugdleden per jeugdige inwoner",
        "jeugdleden per 100 jeugdige inwoners",
    ),
    "bezoeken": Wording(
        "Bezoeken per inwoner",
        "het aantal bezoeken per inwoner",
        "meer bezoeken per inwoner",
        "minder bezoeken per inwoner",
        "bezoeken per inwoner",
    ),
    "deelnemers": Wording(
        "Deelnemers aan activiteiten per 1.000 inwoners",
        "het aantal deelnemers aan activiteiten",
        "meer deelnemers aan activiteiten per inwoner",
        "minder deelnemers aan activiteiten per inwoner",
        "deelnemers per 1.000 inwoners",
    ),
}
CAUTION = (
    "Dit is een samenhang, geen bewijs van oorzaak en gevolg: verschillen in omvang, stedelijkheid en "
    "bevolking van de werkgebieden kunnen beide cijfers tegelijk beïnvloeden."
)


def build_yield(scope: Scope) -> Opbrengst:
    """Every pair of proximity or opening hours against reach: statistics, sentence and scatter plot."""
    pairs = []
    for x_id in CAUSES:
        for y_id in REACH:
            fit = fit_line(measure_pairs(scope.libraries, x_id, y_id))
            pairs.append((fit, CAUSE_WORDS[x_id], REACH_WORDS[y_id]))
    intro = (
        "Hangen nabijheid en openingsuren samen met het bereik van de bibliotheek? Per paar van cijfers staat "
        "hieronder een spreidingsdiagram met de best passende rechte lijn, de correlatie r (van −1 tot 1; "
        "0 is geen samenhang), het aantal bibliotheken n en een zin in gewone taal.",
        CAUTION,
    )
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
        return (
            f"Te weinig bibliotheken met beide cijfers (n = {fmt.number(fit.n)}; ten minste "
            f"{fmt.number(MIN_PAIRS)} nodig) om een verband te berekenen."
        )
    if fit.reason == "geen_spreiding":
        return (
            f"De {fmt.number(fit.n)} bibliotheken met beide cijfers verschillen niet genoeg; zonder spreiding is "
            "er geen verband te berekenen."
        )
    size = abs(fit.r)
    r = f"r = {_r_text(fit)}"
    if size < 0.1:
        return (
            f"Bij de {fmt.number(fit.n)} bibliotheken met beide cijfers is er nauwelijks samenhang tussen "
            f"{x.name} en {y.name} ({r}). {CAUTION}"
        )
    strength = "zwak" if size < 0.3 else "matig" if size < 0.5 else "sterk"
    significance = f"{'' if fit.p < 0.05 else 'niet '}statistisch significant, {_p_phrase(fit)}"
    return (
        f"Van de {fmt.number(fit.n)} bibliotheken met beide cijfers hebben die {x.more} doorgaans "
        f"{y.more if fit.r > 0 else y.less} ({r}: een {strength} verband, {significance}). {CAUTION}"
    )


def _relation(fit: Fit, x: Wording, y: Wording) -> Verband:
    sentence = association_sentence(fit, x, y)
    figures = [Kerncijfer("Bibliotheken met beide cijfers (n)", fmt.number(fit.n))]
    if fit.r is not None:
        figures += [
            Kerncijfer("Correlatie (Pearson r)", _r_text(fit)),
            Kerncijfer("Verklaarde variantie (r²)", fmt.percent(fit.r**2 * 100, 0)),
            Kerncijfer("p-waarde (tweezijdig)", _p_text(fit)),
            Kerncijfer("Helling van de lijn", f"{fmt.number(fit.slope, 2)} {y.unit} per {x.unit}"),
        ]
    return Verband(
        f"{x.label.split(' (')[0]} en {y.label.lower()}",
        sentence,
        tuple(figures),
        _scatter(fit, x, y, sentence) if fit.n else None,
    )


def _scatter(fit: Fit, x: Wording, y: Wording, sentence: str) -> Figuur:
    points = [Punt(a, b, None, "bibliotheek") for a, b in zip(fit.xs, fit.ys, strict=True)]
    line_ys = []
    if fit.slope is not None:
        ends = (min(fit.xs), max(fit.xs))
        line_ys = [fit.intercept + fit.slope * e for e in ends]
        points += [Punt(e, v, None, "lijn") for e, v in zip(ends, line_ys, strict=True)]
    labels = (
        *axis(list(fit.xs), "as_x", x.axis_unit),
        *axis([*fit.ys, *line_ys], "as_y", y.axis_unit),
        As(0.0, 0.0, None, "titel_x", tekst=x.label),
        As(0.0, 0.0, None, "titel_y", tekst=y.label),
    )
    alt = (
        f"Spreidingsdiagram van {y.name} tegen {x.name} voor "
        f"{fmt.count(fit.n, 'bibliotheek', 'bibliotheken')}"
        + (", met de best passende rechte lijn. " if fit.slope is not None else ", zonder lijn. ")
        + sentence.split(". Dit is")[0].rstrip(".")
        + "."
    )
    caption = f"{y.label} tegen {x.name}: elke stip is een bibliotheek" + (
        "; de lijn is de best passende rechte lijn." if fit.slope is not None else "."
    )
    return Figuur("spreiding", alt, caption, punten=(*points, *labels))
