"""The variables a content formula may use, with their meaning and unit (listed in docs/invoer.md, generated).

The library's own figures are the input columns that `schema.py` marks as `variable`: a new numeric column of
`bibliotheken` becomes a formula variable by setting that flag, nowhere else. The other names are computed by
`analysis.indicators.library_variables` from the municipalities, branches and neighbourhoods.
"""

from __future__ import annotations

from dataclasses import dataclass

from robuust_docs import schema


@dataclass(frozen=True)
class Variable:
    meaning: str
    unit: str


def library_columns() -> tuple[str, ...]:
    """The columns of `bibliotheken` that formulas may use directly, in schema order."""
    return tuple(c.name for c in schema.LIBRARIES.columns if c.variable)


_COMPUTED = {
    "inwoners": ("inwoners van het werkgebied (som over de gemeenten)", "personen"),
    "inwoners_0_17": ("inwoners van 0 tot en met 17 jaar van het werkgebied", "personen"),
    "subsidie": ("som van de gemeentelijke subsidies", "euro"),
    "aantal_gemeenten": ("gemeenten in het werkgebied", "aantal"),
    "aantal_programmas": ("landelijke programma's die de bibliotheek uitvoert", "aantal"),
    "aantal_vestigingen": ("alle locaties (vestiging, servicepunt, afhaalpunt, …)", "aantal"),
    "aantal_volwaardig": ("locaties van het type vestiging", "aantal"),
    "aantal_op_school": ("locaties van het type bibliotheek op school", "aantal"),
    "openingsuren": ("openingsuren per week met personeel, alle locaties samen", "uren"),
    "open_bibliotheek_uren": ("uren per week zonder personeel (open bibliotheek), alle locaties samen", "uren"),
    "aandeel_rolstoeltoegankelijk": ("locaties die rolstoeltoegankelijk zijn", "procent"),
    "aandeel_avond_weekend": ("locaties met avond- of weekendopenstelling", "procent"),
    "gem_afstand_km": ("naar inwoners gewogen gemiddelde hemelsbrede afstand tot de dichtstbijzijnde locatie", "km"),
    "gem_afstand_volwaardig_km": ("idem, alleen volwaardige vestigingen", "km"),
    "aandeel_binnen_1km": ("inwoners binnen 1 km van een locatie", "procent"),
    "aandeel_binnen_2km": ("inwoners binnen 2 km van een locatie", "procent"),
    "aandeel_binnen_5km": ("inwoners binnen 5 km van een locatie", "procent"),
    "aandeel_binnen_2km_volwaardig": ("inwoners binnen 2 km van een volwaardige vestiging", "procent"),
    "aandeel_binnen_5km_volwaardig": ("inwoners binnen 5 km van een volwaardige vestiging", "procent"),
    "inwoners_verder_dan_5km_volwaardig": (
        "inwoners die verder dan 5 km van een volwaardige vestiging wonen",
        "personen",
    ),
    "openingsuren_volwaardig": ("openingsuren per week met personeel van de volwaardige vestigingen", "uren"),
    "openingsuren_grootste_locatie": ("openingsuren per week met personeel van de locatie met de meeste uren", "uren"),
    "aandeel_rolstoeltoegankelijk_volwaardig": ("volwaardige vestigingen die rolstoeltoegankelijk zijn", "procent"),
    "aandeel_avond_weekend_volwaardig": ("volwaardige vestigingen met avond- of weekendopenstelling", "procent"),
}

VARIABLES: dict[str, Variable] = {
    **{c.name: Variable(c.meaning, c.unit) for c in schema.LIBRARIES.columns if c.variable},
    **{name: Variable(*spec) for name, spec in _COMPUTED.items()},
}

# One municipality of a library: its own figures and locations, its residents' distances.
_MUNICIPALITY_OWN = {
    "subsidie": ("subsidie van deze gemeente", "euro"),
    "subsidie_per_inwoner": ("subsidie van deze gemeente per inwoner", "euro"),
    "aandeel_inwoners": ("aandeel van de gemeente in de inwoners van het werkgebied", "procent"),
    "openingsuren_per_10000": ("openingsuren met personeel per week in de gemeente, per 10.000 inwoners", "uren"),
}
MUNICIPALITY_VARIABLES: dict[str, Variable] = {
    **{
        k: VARIABLES[k]
        for k in (
            "inwoners",
            "inwoners_0_17",
            "aantal_vestigingen",
            "aantal_volwaardig",
            "openingsuren",
            "openingsuren_volwaardig",
            "openingsuren_grootste_locatie",
            "open_bibliotheek_uren",
            "aandeel_rolstoeltoegankelijk",
            "aandeel_avond_weekend",
            "aandeel_rolstoeltoegankelijk_volwaardig",
            "aandeel_avond_weekend_volwaardig",
            "gem_afstand_km",
            "gem_afstand_volwaardig_km",
            "aandeel_binnen_1km",
            "aandeel_binnen_2km",
            "aandeel_binnen_5km",
            "aandeel_binnen_2km_volwaardig",
            "aandeel_binnen_5km_volwaardig",
            "inwoners_verder_dan_5km_volwaardig",
        )
    },
    **{name: Variable(*spec) for name, spec in _MUNICIPALITY_OWN.items()},
}
# Added for the findings' rules (bevindingen.yaml), at library level.
_LIBRARY_DERIVED = {
    "aantal_gemeenten_zonder_volwaardig": ("gemeenten zonder volwaardige vestiging", "aantal"),
    "uren_nieuwe_vestigingen": (
        "openingsuren per week die erbij komen als in elke gemeente zonder volwaardige vestiging de grootste locatie "
        "er een wordt (tot 15 uur)",
        "uren",
    ),
    "tekort": ("lasten min baten, als die positief zijn (anders 0)", "euro"),
    "peers": ("andere bibliotheken in dezelfde categorie", "aantal"),
    "jaren": ("jaren met cijfers van de bibliotheek, tot en met het jaar van de handreiking", "aantal"),
    "eerste_jaar": ("het eerste jaar met cijfers van de bibliotheek", "jaartal"),
}
# Prefixes for the change of a figure over the years, before an indicator id or a figure of TREND_FIGURES:
# verandering.<x> since the first year and verandering_vorig_jaar.<x> since the year before, in percent of the
# first value; dalende_jaren.<x> the years in a row, up to now, that it fell. Unknown with one year of figures.
TREND_PREFIXES = ("verandering", "verandering_vorig_jaar", "dalende_jaren")
TREND_FIGURES = (*library_columns(), "inwoners", "inwoners_0_17", "subsidie")
# Prefixes a rule may put before an indicator id (indicator.leden_aandeel) or a cost id (kosten.fte_per_jaar).
INDICATOR_PREFIXES = ("indicator", "norm", "kwetsbaar", "mediaan")
COST_PREFIX = "kosten"
# programma.<id>: 1 when the library names the programme of programmas.yaml among its `programmas`, else 0.
PROGRAMME_PREFIX = "programma"


def rule_names(level: str, indicator_ids, cost_ids, programme_ids) -> set[str]:
    """Every name a rule of `bevindingen.yaml` at `level` may use in its condition, weight, facts and amount."""
    prefixed = {f"{p}.{i}" for p in INDICATOR_PREFIXES for i in indicator_ids} | {
        f"{COST_PREFIX}.{c}" for c in cost_ids
    }
    prefixed |= {f"{PROGRAMME_PREFIX}.{p}" for p in programme_ids}
    prefixed |= {f"{p}.{i}" for p in TREND_PREFIXES for i in (*indicator_ids, *TREND_FIGURES)}
    library = set(VARIABLES) | set(_LIBRARY_DERIVED)
    if level == "gemeente":
        return (
            set(MUNICIPALITY_VARIABLES)
            | {f"bibliotheek.{n}" for n in library}
            | {"overige.subsidie_per_inwoner", "overige.laagste_subsidie_per_inwoner", "aantal_gemeenten"}
            | prefixed
        )
    return library | prefixed


# Figures of the volwaardige vestigingen alone: without one there is nothing to compute them over. A formula that
# needs one of them for a library without a volwaardige vestiging takes its `deling_door_nul` sentence, like a
# formula that divides by zero, instead of saying a figure is missing.
FULL_BRANCH_FIGURES = frozenset(
    {"gem_afstand_volwaardig_km", "aandeel_rolstoeltoegankelijk_volwaardig", "aandeel_avond_weekend_volwaardig"}
)


def missing_inputs(formula, variables: dict) -> list[str]:
    """The input figures `formula` lacks; the figures of volwaardige vestigingen do not count when there is none."""
    none_full = variables.get("aantal_volwaardig") == 0
    return [n for n in formula.missing(variables) if not (none_full and n in FULL_BRANCH_FIGURES)]
