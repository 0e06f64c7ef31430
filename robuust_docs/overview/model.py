"""The overview model: a national or provincial picture ("landelijk beeld", "provinciaal beeld") as frozen
dataclasses, format-neutral, every text final.

Like `model.Report`, both renderers read this model and nothing else: the Word template `templates/overzicht.docx`
uses these Dutch field names, and `render/pdf/overview.py` lays out the same texts. Figures reuse `model.Figuur`;
the kinds 'verdeling' and 'spreiding' carry their axis ticks and titles as `As` points (see
`render/charts/overview.py` for the encoding); the map ('landkaart', `overview/figures.py`) carries a `Kaart`.
"""

from __future__ import annotations

from dataclasses import dataclass

from robuust_docs.report.model import DocMeta, Figuur, Kerncijfer, Punt


@dataclass(frozen=True)
class As(Punt):
    """A positioned text in a chart: an axis tick ('as_x', 'as_y') or an axis title ('titel_x', 'titel_y')."""

    tekst: str = ""


@dataclass(frozen=True)
class CategorieRij:
    """One category as a whole (or the total row)."""

    categorie: str
    bibliotheken: str
    gemeenten: str
    inwoners: str
    locaties: str
    volwaardig: str


@dataclass(frozen=True)
class VerdelingRij:
    """One category's distribution of one indicator."""

    categorie: str
    aantal: str  # libraries with data
    minimum: str
    kwartiel1: str
    mediaan: str
    kwartiel3: str
    maximum: str
    norm: str


@dataclass(frozen=True)
class IndicatorVerdeling:
    naam: str
    definitie: str
    rijen: tuple[VerdelingRij, ...]
    zin: str
    figuur: Figuur | None


@dataclass(frozen=True)
class BouwsteenVerdeling:
    naam: str
    indicatoren: tuple[IndicatorVerdeling, ...]


@dataclass(frozen=True)
class JaarRij:
    """The medians of a category's libraries in one year, for the key indicators (TREND_INDICATORS)."""

    categorie: str
    jaar: str
    bibliotheken: str  # libraries with figures that year
    subsidie: str
    leden: str
    bezoeken: str
    uitleningen: str


@dataclass(frozen=True)
class StatusRij:
    """Share of a category's libraries per status of one building block ('5 (42%)')."""

    bouwsteen: str
    categorie: str
    robuust: str
    aandachtspunt: str
    kwetsbaar: str
    geen_gegevens: str


@dataclass(frozen=True)
class NormRij:
    """How many libraries of a category meet an indicator's robust norm."""

    indicator: str
    categorie: str
    norm: str
    met_gegevens: str
    haalt_norm: str
    signaal: str


@dataclass(frozen=True)
class NormBlok:
    bouwsteen: str
    rijen: tuple[NormRij, ...]


@dataclass(frozen=True)
class Normtoets:
    inleiding: tuple[str, ...]
    niemand: tuple[str, ...]  # norms nobody meets, one line each
    iedereen: tuple[str, ...]  # norms everybody meets
    blokken: tuple[NormBlok, ...]


@dataclass(frozen=True)
class AfstandRij:
    """Residents of a category or province by straight-line distance to the nearest location."""

    groep: str
    inwoners: str
    gemiddeld: str
    tot_1: str
    van_1_tot_2: str
    van_2_tot_5: str
    vanaf_5: str
    binnen_2: str
    binnen_5: str


@dataclass(frozen=True)
class UrenRij:
    """Locations and opening hours of a category."""

    categorie: str
    locaties: str
    volwaardig: str
    uren: str
    uren_per_1000: str
    mediaan_per_1000: str
    zonder_volwaardig: str


@dataclass(frozen=True)
class GemeenteZonder:
    """A municipality without a full vestiging."""

    gemeente: str
    bibliotheek: str
    provincie: str
    inwoners: str
    locaties: str
    afstand: str


@dataclass(frozen=True)
class Nabijheid:
    inleiding: tuple[str, ...]
    per_categorie: tuple[AfstandRij, ...]
    per_provincie: tuple[AfstandRij, ...]
    figuur: Figuur | None
    uren: tuple[UrenRij, ...]
    zonder_volwaardig_inleiding: str
    zonder_volwaardig: tuple[GemeenteZonder, ...]


@dataclass(frozen=True)
class Verband:
    """One pair of proximity or opening hours against reach: scatter, statistics and a sentence."""

    titel: str
    zin: str
    cijfers: tuple[Kerncijfer, ...]
    figuur: Figuur | None


@dataclass(frozen=True)
class VerbandRij:
    x: str
    y: str
    aantal: str
    r: str
    p: str


@dataclass(frozen=True)
class Opbrengst:
    inleiding: tuple[str, ...]
    overzicht: tuple[VerbandRij, ...]
    verbanden: tuple[Verband, ...]


@dataclass(frozen=True)
class ProgrammaRij:
    programma: str
    categorie: str
    bibliotheken: str
    aandeel: str


@dataclass(frozen=True)
class Programmas:
    inleiding: tuple[str, ...]
    rijen: tuple[ProgrammaRij, ...]


@dataclass(frozen=True)
class BibliotheekRij:
    naam: str
    provincie: str
    categorie: str
    gemeenten: str
    inwoners: str


@dataclass(frozen=True)
class OverzichtBijlage:
    werkwijze: tuple[str, ...]
    bibliotheken: tuple[BibliotheekRij, ...]
    colofon: tuple[str, ...]


@dataclass(frozen=True)
class Overview:
    titel: str  # "Landelijk beeld" or "Provinciaal beeld Fryslân"
    ondertitel: str
    datum: str
    auteur: str
    trefwoorden: str
    inleiding: tuple[str, ...]
    kerncijfers: tuple[Kerncijfer, ...]
    bevindingen: tuple[str, ...]
    categorieen_inleiding: tuple[str, ...]
    categorieen: tuple[CategorieRij, ...]
    indicatoren_inleiding: tuple[str, ...]
    indicatoren: tuple[BouwsteenVerdeling, ...]
    statussen_inleiding: tuple[str, ...]
    statussen: tuple[StatusRij, ...]
    normtoets: Normtoets
    nabijheid: Nabijheid
    opbrengst: Opbrengst
    programmas: Programmas
    bijlage: OverzichtBijlage
    statussen_figuur: Figuur | None = None  # the municipalities by their library's weak building blocks
    jaren_inleiding: tuple[str, ...] = ()
    jaren: tuple[JaarRij, ...] = ()  # per category and year the medians; empty with one year of figures

    @property
    def meta(self) -> DocMeta:
        return DocMeta(
            f"{self.titel}: {self.ondertitel}",
            "Robuuste lokale bibliotheek, overzicht per categorie",
            self.auteur,
            self.trefwoorden,
            self.titel,
            self.datum,
            "Robuuste lokale bibliotheek",
        )
