"""The report model: one handreiking as frozen dataclasses, format-neutral, every text final.

Both renderers and the Word template read this model and nothing else: all numbers are already formatted in
Dutch, all content placeholders filled. Field names are Dutch on purpose: they are the vocabulary of the Word
template (`{{ bibliotheek.naam }}`), which POIs edit; `docs/velden.md` lists them all (generated).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields, is_dataclass

from robuust_docs.report.figure_model import Figuur, Kaart, Punt, Reeks, Staaf
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


@dataclass(frozen=True)
class ModuleProfiel:
    naam: str
    status: Status
    samenvatting: str


@dataclass(frozen=True)
class Samenvatting:
    inleiding: tuple[str, ...]
    profiel: tuple[ModuleProfiel, ...]
    sterke_punten: tuple[str, ...]
    aandachtspunten: tuple[str, ...]
    figuur: Figuur


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
    zin: str


@dataclass(frozen=True)
class Bouwsteen:
    id: str
    naam: str
    omschrijving: str
    status: Status
    rijen: tuple[IndicatorRij, ...]
    figuur: Figuur


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
    gemeenten_kop: tuple[str, ...]
    gemeenten: tuple[tuple[str, ...], ...]
    witte_vlekken: tuple[WitteVlek, ...]
    vestigingen: tuple[VestigingRij, ...]
    opmerkingen: tuple[str, ...]  # missing data and signals (a municipality without a full branch), in words
    figuur: Figuur | None


@dataclass(frozen=True)
class Gemeente:
    naam: str
    code: str
    inwoners: str
    subsidie: str
    subsidie_per_inwoner: str
    themas: str


@dataclass(frozen=True)
class ThemaKoppeling:
    naam: str
    gemeenten: str
    functies: str
    opgave: str
    bijdrage: str
    lopend: str
    kansen: str
    vragen: tuple[str, ...]


@dataclass(frozen=True)
class Praktijk:
    titel: str
    samenvatting: str
    reden: str
    alineas: tuple[str, ...]
    personeel: str
    geld: str
    partners: str
    impact: tuple[str, ...]


@dataclass(frozen=True)
class Impactfeit:
    tekst: str
    bron: str


@dataclass(frozen=True)
class AgendaPunt:
    titel: str
    toelichting: str


@dataclass(frozen=True)
class Vragenblok:
    titel: str
    vragen: tuple[str, ...]


@dataclass(frozen=True)
class Gesprek:
    inleiding: tuple[str, ...]
    agenda: tuple[AgendaPunt, ...]
    vragenblokken: tuple[Vragenblok, ...]


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
class Bijlage:
    definities: tuple[Definitie, ...]
    werkwijze: tuple[str, ...]
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
    ondertitel: str
    datum: str
    auteur: str
    trefwoorden: str
    bibliotheek: Bibliotheek
    samenvatting: Samenvatting
    verhaal: Verhaal
    bouwstenen: tuple[Bouwsteen, ...]
    nabijheid: Nabijheid
    gemeenten: tuple[Gemeente, ...]
    themas: tuple[ThemaKoppeling, ...]
    themas_inleiding: tuple[str, ...]
    praktijken: tuple[Praktijk, ...]
    praktijken_inleiding: tuple[str, ...]
    impact: tuple[Impactfeit, ...]
    gesprek: Gesprek
    bijlage: Bijlage

    @property
    def meta(self) -> DocMeta:
        return DocMeta(
            f"{self.titel}: {self.bibliotheek.naam}",
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
        if isinstance(value, Staaf | Punt | Reeks | Kaart):
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
