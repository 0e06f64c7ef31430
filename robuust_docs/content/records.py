"""The content records: categories, modules with their indicators and norms, themes, programmes, practices,
impact facts and the conversation guide, as frozen dataclasses. `load.py` reads them from `data/content/`.
"""

from __future__ import annotations

from dataclasses import dataclass

from robuust_docs.content.formula import Formula

UNITS = ("euro", "procent", "aantal", "km", "uren")
DIRECTIONS = ("hoger", "lager", "band")
WSOB_FUNCTIONS = {
    "a": "Kennis en informatie",
    "b": "Ontwikkeling en educatie",
    "c": "Lezen en literatuur",
    "d": "Ontmoeting en debat",
    "e": "Kunst en cultuur",
}


@dataclass(frozen=True)
class Category:
    id: str
    naam: str
    omschrijving: str
    van: float
    tot: float | None
    verhaal: str

    def matches(self, inwoners: float) -> bool:
        return inwoners >= self.van and (self.tot is None or inwoners < self.tot)


@dataclass(frozen=True)
class Norm:
    robuust: float | tuple[float, float]
    kwetsbaar: float | tuple[float, float]


@dataclass(frozen=True)
class Indicator:
    id: str
    naam: str
    definitie: str
    formule: Formula
    eenheid: str
    decimalen: int
    richting: str
    toelichting: str
    bron: str
    normen: dict[str, Norm]
    zinnen: dict[str, str]
    module: str


@dataclass(frozen=True)
class Module:
    id: str
    naam: str
    omschrijving: str
    vragen: tuple[str, ...]
    indicatoren: tuple[Indicator, ...]


@dataclass(frozen=True)
class Theme:
    id: str
    naam: str
    wsob_functies: tuple[str, ...]
    programmas: tuple[str, ...]
    opgave: str
    bijdrage: str
    vragen: tuple[str, ...]
    impact: tuple[str, ...]


@dataclass(frozen=True)
class Programme:
    id: str
    naam: str
    omschrijving: str
    themas: tuple[str, ...]


@dataclass(frozen=True)
class Practice:
    id: str
    titel: str
    categorieen: tuple[str, ...]
    modules: tuple[str, ...]
    themas: tuple[str, ...]
    programma: str | None
    samenvatting: str
    beschrijving: str
    benodigd: tuple[tuple[str, str], ...]
    impact: tuple[str, ...]
    file: str = ""  # where it was read from, for messages

    def fits(self, category: str) -> bool:
        return "alle" in self.categorieen or category in self.categorieen


@dataclass(frozen=True)
class ImpactFact:
    id: str
    tekst: str
    bron: str
    jaar: int | None
    themas: tuple[str, ...]


@dataclass(frozen=True)
class AgendaItem:
    titel: str
    toelichting: str


@dataclass(frozen=True)
class Conversation:
    inleiding: tuple[str, ...]
    agenda: tuple[AgendaItem, ...]
    algemene_vragen: tuple[str, ...]


@dataclass(frozen=True)
class Content:
    categories: tuple[Category, ...]
    modules: tuple[Module, ...]
    themes: tuple[Theme, ...]
    programmes: tuple[Programme, ...]
    practices: tuple[Practice, ...]
    impact: tuple[ImpactFact, ...]
    conversation: Conversation
    digest: str

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for m in self.modules for i in m.indicatoren)

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def theme_by_id(self) -> dict[str, Theme]:
        return {t.id: t for t in self.themes}

    def impact_by_id(self) -> dict[str, ImpactFact]:
        return {f.id: f for f in self.impact}

    def programme_by_id(self) -> dict[str, Programme]:
        return {p.id: p for p in self.programmes}
