"""The scope of an overview (which libraries, anonymised or not) and the small helpers its sections share:
shares as text, axis ticks, and distribution figures. Used by `overview_report.py` and `overview_parts.py`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from robuust_docs import fmt
from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.analysis.aggregates import (
    nice_ticks,
    share,
)
from robuust_docs.content import Content
from robuust_docs.errors import DataError, Problem
from robuust_docs.overview.model import (
    As,
)
from robuust_docs.report import Figuur, Punt, Staaf

ALL = "Alle categorieën"


@dataclass(frozen=True)
class Scope:
    """The libraries in one overview, grouped by category, with the names (or codes) to show."""

    content: Content
    libraries: tuple[LibraryAnalysis, ...]
    by_category: dict[str, list[LibraryAnalysis]]
    category_names: dict[str, str]
    library_names: dict[str, str]
    municipality_names: dict[str, str]
    province: str | None
    anonymous: bool

    def name(self, lib: LibraryAnalysis) -> str:
        """The library's name, or its code in an anonymous overview."""
        return self.library_names[lib.id]


def make_scope(prepared, province: str | None, anonymous: bool) -> Scope:
    """Select the libraries (all, or those whose `provincie` matches case-insensitively) and name them."""
    libs = sorted(prepared.analysis.libraries.values(), key=lambda lib: lib.id)
    chosen = None
    if province is not None:
        known = sorted({str(lib.rows.record["provincie"]) for lib in libs})
        chosen = next((p for p in known if p.casefold() == province.strip().casefold()), None)
        if chosen is None:
            raise DataError(
                "Onbekende provincie",
                (
                    Problem(
                        "opdrachtregel",
                        f"geen bibliotheek in deze provincie; bekend zijn: {', '.join(known)}",
                        column="provincie",
                        value=province,
                    ),
                ),
            )
        libs = [lib for lib in libs if str(lib.rows.record["provincie"]) == chosen]
    content = prepared.content
    by_category = {c.id: [lib for lib in libs if lib.category.id == c.id] for c in content.categories}
    munis = {
        str(code): str(name)
        for lib in libs
        for code, name in zip(lib.rows.municipalities["code"], lib.rows.municipalities["naam"], strict=True)
    }
    if anonymous:
        library_names = _codes([lib.id for lib in libs], "Bibliotheek A", 2)
        municipality_names = _codes(list(munis), "Gemeente G", 3)
    else:
        library_names = {lib.id: str(lib.rows.record["naam"]) for lib in libs}
        municipality_names = munis
    return Scope(
        content,
        tuple(libs),
        {k: v for k, v in by_category.items() if v},
        {c.id: c.naam for c in content.categories},
        library_names,
        municipality_names,
        chosen,
        anonymous,
    )


def _codes(keys: list[str], prefix: str, width: int) -> dict[str, str]:
    order = sorted(keys, key=lambda k: hashlib.sha256(k.encode("utf-8")).hexdigest())
    width = max(width, len(str(len(order))))
    return {key: f"{prefix}{n:0{width}d}" for n, key in enumerate(order, start=1)}


def count_share(part: int, whole: int) -> str:
    """'5 (42%)'; '0' when there is nothing to share."""
    return f"{fmt.number(part)} ({fmt.percent(share(part, whole), 0)})" if whole else fmt.number(part)


def tick_text(value: float, ticks: tuple[float, ...], unit: str) -> str:
    """An axis tick in the indicator's unit, with as many decimals as the tick step needs."""
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    decimals = 0 if step >= 1 and float(step).is_integer() else 1 if round(step * 10, 6).is_integer() else 2
    return fmt.by_unit(value, "aantal" if unit == "uren" else unit, decimals)


def axis(values: list[float], kind: str, unit: str) -> tuple[As, ...]:
    """Ticks covering `values` as `As` points of kind 'as_x' or 'as_y'."""
    ticks = nice_ticks(min(values), max(values)) if values else (0.0, 1.0)
    if kind == "as_x":
        return tuple(As(t, 0.0, None, kind, tekst=tick_text(t, ticks, unit)) for t in ticks)
    return tuple(As(0.0, t, None, kind, tekst=tick_text(t, ticks, unit)) for t in ticks)


# --- introduction and summary -----------------------------------------------------------------------------------


def distribution_figure(groups, unit: str, decimals: int, alt: str, caption: str) -> Figuur:
    """A 'verdeling' figure from (label, Distribution, robust norm or None, Status) per row."""
    staven, points, extent = [], [], []
    for i, (label, d, robust, status) in enumerate(groups):
        text = f"mediaan {fmt.by_unit(d.median, unit, decimals)}" if d.n else fmt.NO_DATA
        staven.append(Staaf(f"{label}\nn = {fmt.number(d.n)}", d.median, text, robust, None, d.median, status, False))
        points += [Punt(x, float(i), x, "bibliotheek") for x in d.values]
        if d.n:
            points += [
                Punt(x, float(i), x, kind)
                for x, kind in ((d.minimum, "min"), (d.q1, "q1"), (d.q3, "q3"), (d.maximum, "max"))
            ]
        extent += [*d.values, *(robust if isinstance(robust, tuple) else (robust,) if robust is not None else ())]
    return Figuur("verdeling", alt, caption, staven=tuple(staven), punten=(*points, *axis(extent, "as_x", unit)))


# --- proximity and accessibility ---------------------------------------------------------------------------------
