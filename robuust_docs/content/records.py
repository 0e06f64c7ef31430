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
    kort: str = ""  # a short label for tight places (the profile grid), else the name
    kritiek: bool = False  # knock-out: a building block with this indicator kwetsbaar is never robuust
    toon_als: Formula | None = None  # shown and counted only where this condition holds (e.g. aantal_gemeenten > 1)
    sterkte: bool = True  # false: a high value is never called a strength (an average that can hide a gap)

    @property
    def label(self) -> str:
        return self.kort or self.naam


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
    in_zin: str = ""  # the name in running text, with its article ("een Taalhuis"); the name itself if empty

    @property
    def in_text(self) -> str:
        return self.in_zin or self.naam


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
    verbetert: tuple[str, ...] = ()  # ids of the indicators and findings the practice improves
    voorwaarde: Formula | None = None  # preconditions, e.g. a wide area with many small kernen for a bibliobus

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


SEVERITIES = ("kritiek", "belangrijk", "ter_informatie")  # in order of weight
LEVELS = ("bibliotheek", "gemeente")
FACT_UNITS = ("euro", "procent", "aantal", "km", "uren", "jaren")


@dataclass(frozen=True)
class Fact:
    """A named figure of a finding, computed from the variables and shown in its texts in its unit."""

    name: str
    formula: Formula
    unit: str
    decimals: int


@dataclass(frozen=True)
class Proposal:
    """What the library asks of the municipality when a finding holds: a text, an amount per year, what happens
    without it, and how the amount is computed (for the appendix). `group`: of two asks for the same thing (more
    subsidy, say) for one municipality only the larger is made."""

    text: str
    amount: Formula
    without: str
    calculation: str
    group: str
    per_municipality: bool = False  # the amount is computed for each municipality from its own figures and summed
    condition: Formula | None = None  # the ask is made only where this holds (beside the finding's own condition)
    covers_others: bool = False  # the money also pays for the other asks when it is at least as large as they are
    facts: tuple[Fact, ...] = ()  # figures for the ask's texts, computed with `bedrag` (the amount) known


@dataclass(frozen=True)
class FindingRule:
    """A rule of `bevindingen.yaml`: when `condition` holds for a library (or one of its municipalities), the finding
    is made with its texts filled from its facts."""

    id: str
    level: str  # bibliotheek | gemeente
    severity: str  # kritiek | belangrijk | ter_informatie
    modules: tuple[str, ...]
    knockout: bool  # a building block it touches is never robuust
    check: bool  # a combination of figures to verify with the library, worded as a question, not a claim
    condition: Formula
    weight: Formula | None  # ranks findings of one severity (higher first)
    facts: tuple[Fact, ...]
    title: str
    text: str
    reason: str  # the finding as a reason ("omdat …"), for a practice that addresses it
    consequence: str
    question: str
    proposal: Proposal | None

    @property
    def indicators(self) -> frozenset[str]:
        """The indicators the finding is about: those its condition and facts name as indicator.<id>."""
        names = set(self.condition.names).union(*(f.formula.names for f in self.facts))
        return frozenset(n.split(".", 1)[1] for n in names if n.startswith("indicator."))


@dataclass(frozen=True)
class CostAssumption:
    """One figure of the cost model (`kosten.yaml`): an amount with its unit, year and source."""

    id: str
    naam: str
    bedrag: float
    eenheid: str
    jaar: int | None
    bron: str
    toelichting: str
    soort: str = ""  # bron (as in the source) | afgeleid (computed from sources) | aanname (a reasoned assumption)
    afgeleid_uit: tuple[str, ...] = ()  # the ids of the other costs a derived one is computed from


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
    findings: tuple[FindingRule, ...] = ()
    costs: tuple[CostAssumption, ...] = ()

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
