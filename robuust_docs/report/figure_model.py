"""The figures of a report model: what a chart shows, as data (the renderers draw it, `report/figures.py` builds
it). Field names are Dutch: they are the vocabulary of the Word template, like the rest of the model. Every number
a chart writes arrives here as text; the renderers format nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from robuust_docs.status import Status

LonLat = tuple[float, float]


@dataclass(frozen=True)
class Maatstreep:
    """A tick on an axis: where it stands and what it says ('0', '€ 20', '50%')."""

    waarde: float
    tekst: str


@dataclass(frozen=True)
class Staaf:
    """One row of a bullet chart: the value against the norm, the kwetsbaar limit and the peers' median, on the
    row's own axis (`schaal`, from its first to its last tick, always including zero)."""

    label: str
    waarde: float | None
    waarde_tekst: str
    norm: float | tuple[float, float] | None
    grens: float | tuple[float, float] | None
    mediaan: float | None
    status: Status
    lager_is_beter: bool
    richting: str = ""  # 'hoger is beter', 'lager is beter', 'binnen de bandbreedte'
    schaal: tuple[Maatstreep, ...] = ()
    norm_tekst: str = ""  # written at the norm line (over a band: at its middle): 'norm ≥ € 22,00'
    grens_teksten: tuple[str, ...] = ()  # written at each kwetsbaar line, in axis order: 'kwetsbaar < € 17,00'


@dataclass(frozen=True)
class Punt:
    """A point of a chart: x and y in the chart's units (the overview's distribution and scatter)."""

    x: float
    y: float
    waarde: float | None
    soort: str
    gewicht: float = 1.0


@dataclass(frozen=True)
class Reeks:
    """One building block of the profile: its name and status, and each indicator's short name and status."""

    label: str
    statussen: tuple[Status, ...]
    namen: tuple[str, ...] = ()
    status: Status = Status.NO_DATA


@dataclass(frozen=True)
class Gebied:
    """A municipality on a map: its rings in (lon, lat), its name with the point to write it at (no name: not
    written), and its part in the map: 'eigen' (in the library's area) or 'buur'; in the overview's map `klasse`
    is its legend class (None: not in the overview)."""

    code: str
    naam: str
    ringen: tuple[tuple[LonLat, ...], ...]
    label: LonLat | None
    soort: str = "eigen"
    klasse: int | None = None


@dataclass(frozen=True)
class Grens:
    """A border drawn once: 'gemeente' between two municipalities of one area, 'werkgebied' around an area (a
    library's, or between two libraries), 'buur' between two municipalities outside it."""

    punten: tuple[LonLat, ...]
    soort: str
    gesloten: bool = False


@dataclass(frozen=True)
class Locatie:
    """A numbered location on the map; the legend under the map gives the number's name."""

    nummer: str
    naam: str
    soort: str  # the branch type: 'vestiging', 'servicepunt', …
    x: float  # longitude
    y: float  # latitude


@dataclass(frozen=True)
class Buurt:
    """A neighbourhood as a point sized by its inhabitants and coloured by its distance to the nearest location;
    `label` is set for the farthest ones ('De Kamp, 6,3 km')."""

    x: float
    y: float
    inwoners: float
    afstand: float | None
    label: str = ""


@dataclass(frozen=True)
class Legendaregel:
    """One class of the overview's map: its text and how many municipalities it has."""

    tekst: str
    klasse: int


@dataclass(frozen=True)
class Kaart:
    """What a map shows; `kader` is the (lon_min, lat_min, lon_max, lat_max) to fit, `bron` the credit line."""

    gebieden: tuple[Gebied, ...] = ()
    grenzen: tuple[Grens, ...] = ()
    buurten: tuple[Buurt, ...] = ()
    locaties: tuple[Locatie, ...] = ()
    legenda: tuple[Legendaregel, ...] = ()
    kader: tuple[float, float, float, float] | None = None
    bron: str = ""
    schaal: str = ""  # what the scale bar measures: 'hemelsbreed'


@dataclass(frozen=True)
class Lijn:
    """One indicator over the years on its own axis (not from zero): its (year, value) points, a year without
    figures left out so the line breaks there, its first and last value as text, and the first and last year as
    ticks on the time axis."""

    label: str
    punten: tuple[tuple[float, float], ...]
    begin_tekst: str
    eind_tekst: str
    jaren: tuple[Maatstreep, ...]
    status: Status = Status.NO_DATA  # the status of the last value


@dataclass(frozen=True)
class Figuur:
    soort: str  # 'staven' (bullet chart), 'profiel' (module profile), 'kaart' (map), 'landkaart' (overview map), …
    alt: str  # alt text stating the chart's message
    bijschrift: str
    staven: tuple[Staaf, ...] = ()
    punten: tuple[Punt, ...] = ()
    reeksen: tuple[Reeks, ...] = ()
    kaart: Kaart | None = None
    lijnen: tuple[Lijn, ...] = ()
