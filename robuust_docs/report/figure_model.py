"""The figures of a report model: what a chart shows, as data (the renderers draw it, `report/figures.py` builds
it). Field names are Dutch: they are the vocabulary of the Word template, like the rest of the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from robuust_docs.status import Status


@dataclass(frozen=True)
class Staaf:
    """One row of a bullet chart: the value against the norm and the peers, on the indicator's own scale."""

    label: str
    waarde: float | None
    waarde_tekst: str
    norm: float | tuple[float, float] | None
    grens: float | tuple[float, float] | None
    mediaan: float | None
    status: Status
    lager_is_beter: bool


@dataclass(frozen=True)
class Punt:
    """A point on the map: x = longitude, y = latitude."""

    x: float
    y: float
    waarde: float | None  # distance in km for neighbourhoods
    soort: str  # 'buurt' or a branch type
    gewicht: float = 1.0


@dataclass(frozen=True)
class Reeks:
    """One row of the module profile: a module and the status of each of its indicators."""

    label: str
    statussen: tuple[Status, ...]


@dataclass(frozen=True)
class Figuur:
    soort: str  # 'staven' (bullet chart), 'profiel' (module profile), 'kaart' (map)
    alt: str  # alt text stating the chart's message
    bijschrift: str
    staven: tuple[Staaf, ...] = ()
    punten: tuple[Punt, ...] = ()
    reeksen: tuple[Reeks, ...] = ()
