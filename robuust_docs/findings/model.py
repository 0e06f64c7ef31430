"""What the findings stage hands to the report: ranked findings with their facts and texts, the asks with their
amounts, the strengths, the building blocks after knock-outs, and the practices that fit, each with its reason."""

from __future__ import annotations

from dataclasses import dataclass

from robuust_docs.analysis import ModuleResult
from robuust_docs.content import Practice

SEVERITY_ORDER = {"kritiek": 0, "belangrijk": 1, "ter_informatie": 2}


@dataclass(frozen=True)
class Finding:
    rule: str  # the id of its rule in bevindingen.yaml
    severity: str  # kritiek | belangrijk | ter_informatie
    municipality: str | None  # the municipality code it concerns, None for the library as a whole
    municipality_name: str
    modules: tuple[str, ...]
    knockout: bool
    check: bool  # to verify with the library before the conversation
    weight: float
    title: str
    text: str
    reason: str
    consequence: str
    question: str
    facts: tuple[tuple[str, str], ...]  # (name, formatted value), in the order of the rule
    indicators: frozenset[str] = frozenset()  # the indicators it is about (its rule names them)

    @property
    def critical(self) -> bool:
        return self.severity == "kritiek"


@dataclass(frozen=True)
class Share:
    """One municipality's part of an ask."""

    code: str
    name: str
    amount: float


@dataclass(frozen=True)
class Ask:
    """What the library asks of the municipality (or municipalities): a text, an indicative amount per year, what
    happens without it, and how the amount is computed."""

    finding: str  # the rule id of the finding it follows from
    group: str
    municipality: str | None  # the municipality it is addressed to, None for all of the library's
    municipality_name: str
    text: str
    amount: float  # euro per year, rounded to an indication
    exact: float  # the amount as computed
    without: str
    calculation: str  # in words
    worked: tuple[str, ...]  # the computation with the figures filled in, one line per municipality or one
    shares: tuple[Share, ...]  # per municipality; empty for an ask to one municipality
    split: str  # 'eigen' (each municipality its own figures) | 'inwoners' (pro rata) | '' (one municipality)
    covers_others: bool = False  # the money also pays for the other asks when it is at least as large


@dataclass(frozen=True)
class Strength:
    indicator: str
    value: float
    norm: float
    median: float | None
    margin: float  # the smaller of the margins above the norm and above the peers' median (0,25 = 25%)


@dataclass(frozen=True)
class PracticeMatch:
    practice: Practice
    score: int
    reason: str  # in plain words, with the figure ("Omdat 40% van de inwoners van Wâldsicht …")
    findings: tuple[str, ...]  # rule ids of the findings it addresses
    indicators: tuple[str, ...]  # ids of the weak indicators it improves
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Findings:
    items: tuple[Finding, ...]  # ranked: severity, then weight
    asks: tuple[Ask, ...]  # ranked like their findings
    strengths: tuple[Strength, ...]  # ranked by margin
    modules: tuple[ModuleResult, ...]  # the building blocks after the knock-outs of the findings
    practices: tuple[PracticeMatch, ...]

    def about(self, municipality: str | None) -> tuple[Finding, ...]:
        """The findings of one municipality (and, with None, those of the library as a whole)."""
        return tuple(f for f in self.items if f.municipality == municipality)

    def touching(self, module: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.items if module in f.modules)
