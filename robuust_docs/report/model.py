"""The report model: one handreiking as frozen dataclasses, format-neutral, every text final.

Both renderers and the Word template read this model and nothing else: all numbers are already formatted in
Dutch, all content placeholders filled. Field names are Dutch on purpose: they are the vocabulary of the Word
template (`{{ bibliotheek.naam }}`), which POIs edit; `docs/velden.md` lists them all (generated).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields, is_dataclass

from robuust_docs.report.figure_model import Figuur, Kaart, Lijn, Punt, Reeks, Staaf
from robuust_docs.status import TEMPLATE_FIELDS, Status

__all__ = ["Figuur", "Punt", "Reeks", "Staaf"]  # the figures are part of the model


@dataclass(frozen=True)
class Bibliotheek:
    id: str
    naam: str
    provincie: str
    poi: str
    jaar: str
    categorie: str
    categorie_omschrijving: str
    inwoners: str
    gemeenten: str
    aantal_gemeenten: str
    aantal_vestigingen: str
    programmas: str
    vergelijking: str  # "de mediaan van de 11 andere compacte bibliotheken" (or "indicatief: …" with few peers)
    jaren: str = ""  # "2019–2025" with figures of more than one year, '' with one year


@dataclass(frozen=True)
class Bevinding:
    """One of the decisive findings: a short title and one or two sentences with the figure and what it means."""

    titel: str
    tekst: str
    ernst: str  # kritiek | belangrijk | ter_informatie
    gemeente: str  # the municipality it concerns, '' for the library as a whole


@dataclass(frozen=True)
class Voorstel:
    """What the library asks of the municipality: what, for whom, an indicative amount per year, and why."""

    gemeente: str  # "Wâldsicht", or "alle gemeenten"
    tekst: str
    bedrag: str  # "ongeveer € 180.000 per jaar"
    verdeling: str  # "Veenhoven € 62.300, Aa en Veen € 62.300 en Drieburg en Oostmoer € 55.800", or ''
    zonder: str


@dataclass(frozen=True)
class ModuleProfiel:
    naam: str
    status: Status
    samenvatting: str


@dataclass(frozen=True)
class InHetKort:
    """The first page: who the library is, what matters most, what it asks, and its real strengths."""

    inleiding: tuple[str, ...]
    bevindingen: tuple[Bevinding, ...]
    voorstellen: tuple[Voorstel, ...]
    voorstellen_inleiding: str
    sterk: tuple[str, ...]
    controle: tuple[str, ...]  # figures to check with the library before the conversation


@dataclass(frozen=True)
class GemeenteAlinea:
    naam: str
    tekst: str


@dataclass(frozen=True)
class GemeenteRij:
    """One row of the comparison of the library's municipalities (the same table in every document)."""

    naam: str
    inwoners: str
    subsidie: str
    per_inwoner: str
    locaties: str  # "3, waarvan 1 volwaardig"
    afstand: str  # mean straight-line km to a volwaardige vestiging
    binnen_2km: str  # residents within 2 km of any location


@dataclass(frozen=True)
class Gemeenten:
    inleiding: tuple[str, ...]
    alineas: tuple[GemeenteAlinea, ...]
    vergelijking: tuple[GemeenteRij, ...]
    toelichting: str


@dataclass(frozen=True)
class GemeenteHoofdstuk:
    """The opening chapter of a guide for one of the library's municipalities: its own figures, locations, white
    spots, findings and themes (its questions lead the conversation chapter); what the data cannot split is said
    to be for the library as a whole."""

    naam: str
    inleiding: tuple[str, ...]
    kerncijfers: tuple[Kerncijfer, ...]
    vestigingen: tuple[VestigingRij, ...]
    witte_vlekken: tuple[WitteVlek, ...]
    bevindingen: tuple[Bevinding, ...]
    themas: tuple[ThemaKoppeling, ...]
    geheel: str  # which figures are for the whole library only


@dataclass(frozen=True)
class Tekstblok:
    soort: str  # 'kop' or 'alinea'
    tekst: str


@dataclass(frozen=True)
class Verhaal:
    titel: str
    blokken: tuple[Tekstblok, ...]


@dataclass(frozen=True)
class IndicatorRij:
    naam: str
    waarde: str
    norm: str
    mediaan: str
    status: Status
    # "2024: +3%\n2019: −8%": the change since each year (in procentpunten for a share), '' with one year
    verandering: str = ""


@dataclass(frozen=True)
class Bouwsteen:
    id: str
    naam: str
    status: Status
    tekst: tuple[str, ...]  # composed from the indicators and the findings, so no two sentences contradict
    rijen: tuple[IndicatorRij, ...]
    figuur: Figuur
    trend_figuur: Figuur | None = None  # the indicators over the years, with three years or more
    # a row shows a change, so the table has the column "Verandering sinds" (not when none of its indicators has
    # figures of earlier years, as in Nabijheid en toegankelijkheid)
    met_verandering: bool = False


@dataclass(frozen=True)
class Kerncijfer:
    naam: str
    waarde: str


@dataclass(frozen=True)
class WitteVlek:
    buurt: str
    gemeente: str
    inwoners: str
    afstand: str
    cbs: str


@dataclass(frozen=True)
class VestigingRij:
    naam: str
    soort: str
    gemeente: str
    uren: str
    open_bibliotheek: str
    rolstoel: str
    avond_weekend: str


@dataclass(frozen=True)
class Nabijheid:
    inleiding: tuple[str, ...]
    kerncijfers: tuple[Kerncijfer, ...]
    witte_vlekken: tuple[WitteVlek, ...]
    vestigingen: tuple[VestigingRij, ...]
    opmerkingen: tuple[str, ...]  # missing data, in words
    figuur: Figuur | None
    cbs: bool = False  # CBS road distances are known for some neighbourhoods: the white spots show them


@dataclass(frozen=True)
class ThemaKoppeling:
    naam: str
    gemeenten: str
    tekst: str  # what the theme asks of the municipality and what the library does and could do for it


@dataclass(frozen=True)
class Praktijk:
    titel: str
    samenvatting: str
    reden: str
    vraagt: str  # "Personeel: …. Geld: …. Partners: …."
    impact: tuple[str, ...]  # what such practices yield, with the source


@dataclass(frozen=True)
class Impactfeit:
    tekst: str
    bron: str


@dataclass(frozen=True)
class Gesprek:
    inleiding: tuple[str, ...]
    vragen: tuple[str, ...]  # the findings' own questions first, then the general ones
    agenda: tuple[str, ...]


@dataclass(frozen=True)
class Definitie:
    bouwsteen: str
    naam: str
    definitie: str
    formule: str
    norm: str
    kwetsbaar: str
    bron: str


@dataclass(frozen=True)
class Berekening:
    """How one ask's amount was computed: in words, with the figures, and the assumptions used."""

    voorstel: str
    uitleg: str
    uitwerking: tuple[str, ...]


@dataclass(frozen=True)
class Kostenaanname:
    naam: str
    bedrag: str
    soort: str
    bron: str
    toelichting: str = ""  # how a derived amount is worked out (shown under the table, full width)


@dataclass(frozen=True)
class Bijlage:
    werkwijze: tuple[str, ...]
    berekeningen: tuple[Berekening, ...]
    kosten: tuple[Kostenaanname, ...]
    kosten_uitleg: tuple[Kostenaanname, ...]  # the assumptions of `kosten` with a toelichting
    definities: tuple[Definitie, ...]
    bronnen: tuple[str, ...]
    colofon: tuple[str, ...]


@dataclass(frozen=True)
class DocMeta:
    """What both renderers need besides the body: document properties and the running header."""

    titel: str  # full document title (properties, PDF title, XMP)
    onderwerp: str
    auteur: str
    trefwoorden: str
    koptekst: str  # left part of the running header
    datum: str
    reeks: str = "Handreiking robuuste bibliotheek"  # right part of the running header


@dataclass(frozen=True)
class Report:
    titel: str
    ondertitel: str  # the library, and the municipality the guide is for when it is one of several
    datum: str
    auteur: str
    trefwoorden: str
    bibliotheek: Bibliotheek
    kort: InHetKort
    profiel: tuple[ModuleProfiel, ...]
    profiel_figuur: Figuur
    gemeente: GemeenteHoofdstuk | None  # the guide of one municipality: its own chapter; None for the library's
    gemeenten: Gemeenten | None  # None for a library of one municipality
    verhaal: Verhaal
    bouwstenen_inleiding: tuple[str, ...]
    bouwstenen: tuple[Bouwsteen, ...]
    nabijheid: Nabijheid
    themas_inleiding: tuple[str, ...]
    themas: tuple[ThemaKoppeling, ...]
    praktijken_inleiding: tuple[str, ...]
    praktijken: tuple[Praktijk, ...]
    impact: tuple[Impactfeit, ...]
    gesprek: Gesprek
    bijlage: Bijlage

    @property
    def meta(self) -> DocMeta:
        return DocMeta(
            f"{self.titel}: {self.ondertitel}",
            f"Robuuste lokale bibliotheek, {self.bibliotheek.categorie.lower()}",
            self.auteur,
            self.trefwoorden,
            self.bibliotheek.naam,
            self.datum,
        )


HIDDEN_FIELDS = {"alt", "id", "soort", "code", "trefwoorden"}


def texts_of(value: object) -> list[str]:
    """Every text in a model value, in document order (used to prove both outputs carry the same content)."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, Status):
        return [value.label, value.symbol]
    if isinstance(value, tuple | list):
        return [t for item in value for t in texts_of(item)]
    if is_dataclass(value):
        if isinstance(value, Staaf | Punt | Reeks | Kaart | Lijn):
            return []
        # Alt texts, codes and metadata are not visible text; chart labels are drawn, not typeset.
        return [t for f in fields(value) if f.name not in HIDDEN_FIELDS for t in texts_of(getattr(value, f.name))]
    return []


def field_paths(cls: type, prefix: str = "") -> list[str]:
    """Every field path a template can use, e.g. 'bibliotheek.naam', 'bouwstenen[].rijen[].waarde'."""
    hints = typing.get_type_hints(cls)
    paths = []
    for f in fields(cls):
        path = f"{prefix}{f.name}"
        paths.append(path)
        if _is_status(hints[f.name]):
            paths += [f"{path}{_suffix(hints[f.name])}{name}" for name in TEMPLATE_FIELDS]
        paths += [p for t in _dataclass_args(hints[f.name]) for p in field_paths(t, path + _suffix(hints[f.name]))]
    return paths


def _is_status(hint) -> bool:
    return hint is Status or Status in typing.get_args(hint)


def _dataclass_args(hint) -> list[type]:
    if is_dataclass(hint):
        return [hint]
    return [t for a in typing.get_args(hint) for t in _dataclass_args(a)]


def _suffix(hint) -> str:
    return "[]." if typing.get_origin(hint) is tuple else "."
