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
    "openingsuren": ("openingsuren per week met personeel, alle locaties samen", "uren"),
    "open_bibliotheek_uren": ("uren per week zonder personeel (open bibliotheek), alle locaties samen", "uren"),
    "aandeel_rolstoeltoegankelijk": ("locaties die rolstoeltoegankelijk zijn", "procent"),
    "aandeel_avond_weekend": ("locaties met avond- of weekendopenstelling", "procent"),
    "gem_afstand_km": ("naar inwoners gewogen gemiddelde hemelsbrede afstand tot de dichtstbijzijnde locatie", "km"),
    "gem_afstand_volwaardig_km": ("idem, alleen volwaardige vestigingen", "km"),
    "aandeel_binnen_1km": ("inwoners binnen 1 km van een locatie", "procent"),
    "aandeel_binnen_2km": ("inwoners binnen 2 km van een locatie", "procent"),
    "aandeel_binnen_5km": ("inwoners binnen 5 km van een locatie", "procent"),
}

VARIABLES: dict[str, Variable] = {
    **{c.name: Variable(c.meaning, c.unit) for c in schema.LIBRARIES.columns if c.variable},
    **{name: Variable(*spec) for name, spec in _COMPUTED.items()},
}
