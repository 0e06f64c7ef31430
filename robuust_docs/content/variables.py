"""The variables a content formula may use, with their meaning (listed in docs/inhoud.md).

The library's own figures are the input columns that `schema.py` marks as `variable`: a new numeric column of
`bibliotheken` becomes a formula variable by setting that flag, nowhere else. The other names are computed by
`analysis.indicators.library_variables` from the municipalities, branches and neighbourhoods.
"""

from __future__ import annotations

from robuust_docs import schema


def library_columns() -> tuple[str, ...]:
    """The columns of `bibliotheken` that formulas may use directly, in schema order."""
    return tuple(c.name for c in schema.LIBRARIES.columns if c.variable)


VARIABLES: dict[str, str] = {
    **{c.name: c.meaning for c in schema.LIBRARIES.columns if c.variable},
    "inwoners": "inwoners van het werkgebied",
    "inwoners_0_17": "inwoners 0–17 jaar van het werkgebied",
    "subsidie": "gemeentelijke subsidie, som",
    "aantal_gemeenten": "gemeenten in het werkgebied",
    "aantal_programmas": "landelijke programma's",
    "aantal_vestigingen": "alle locaties",
    "aantal_volwaardig": "volwaardige vestigingen",
    "openingsuren": "openingsuren per week, alle locaties",
    "open_bibliotheek_uren": "uren open bibliotheek per week",
    "aandeel_rolstoeltoegankelijk": "procent locaties",
    "aandeel_avond_weekend": "procent locaties",
    "gem_afstand_km": "km, gewogen naar inwoners",
    "gem_afstand_volwaardig_km": "km, gewogen naar inwoners",
    "aandeel_binnen_1km": "procent inwoners",
    "aandeel_binnen_2km": "procent inwoners",
    "aandeel_binnen_5km": "procent inwoners",
}
