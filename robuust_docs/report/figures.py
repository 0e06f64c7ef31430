"""The figures of a handreiking, built from the analysis: a bullet chart per building block, the profile of all
building blocks, and the map of the service area. Every number a chart shows arrives here as formatted text or
as a plain value with its unit; the renderers (`render/charts/`) only draw.
"""

from __future__ import annotations

from robuust_docs import fmt
from robuust_docs.analysis import LibraryAnalysis, ModuleResult, nearest_branch
from robuust_docs.content import Module
from robuust_docs.report.figure_model import Figuur, Punt, Reeks, Staaf
from robuust_docs.schema import FULL_BRANCH_TYPE
from robuust_docs.status import Status


def module_figure(module: Module, result: ModuleResult, rows, category_id: str) -> Figuur:
    """The bullet chart of one building block: per indicator the value against its norm and the peers' median."""
    bars = []
    indicators = {i.id: i for i in module.indicatoren}
    for res, row in zip(result.shown, rows, strict=True):
        ind = indicators[res.indicator]
        norm = ind.normen.get(category_id)
        bars.append(
            Staaf(
                ind.naam,
                res.value,
                row.waarde,
                norm.robuust if norm else None,
                norm.kwetsbaar if norm else None,
                res.median,
                res.status,
                ind.richting == "lager",
            )
        )
    caption = (
        f"{module.naam}: de waarde van de bibliotheek (balk), de norm (streep) en de mediaan van de categorie (ruit)."
    )
    return Figuur("staven", bars_alt(module, rows, result.status), caption, staven=tuple(bars))


def bars_alt(module: Module, rows, status: Status) -> str:
    parts = [f"{r.naam} {r.waarde}, norm {r.norm}, {r.status.label.lower()}" for r in rows]
    return f"Bouwsteen {module.naam}, als geheel {status.label.lower()}. " + "; ".join(parts) + "."


def profile_figure(name: str, modules) -> Figuur:
    """One square per indicator per building block, in the shape and colour of its status."""
    series = tuple(Reeks(m.naam, tuple(r.status for r in m.rijen)) for m in modules)
    parts = [f"{m.naam}: {m.status.label.lower()}" for m in modules]
    alt = (
        f"Profiel van {name} over {len(modules)} bouwstenen, met per indicator een vakje in de kleur en "
        f"vorm van de status. {'; '.join(parts)}."
    )
    return Figuur("profiel", alt, "Profiel van de bouwstenen: elk vakje is één indicator.", reeksen=series)


def map_figure(lib: LibraryAnalysis) -> Figuur | None:
    prox = lib.proximity
    hoods, branches = lib.rows.neighbourhoods, lib.rows.branches
    if prox is None or hoods.empty:
        return None
    distances, _ = nearest_branch(
        hoods["lat"].astype(float),
        hoods["lon"].astype(float),
        branches["lat"].astype(float),
        branches["lon"].astype(float),
    )
    points = [
        Punt(
            float(h["lon"]),
            float(h["lat"]),
            float(d) if d != float("inf") else None,
            "buurt",
            float(h["inwoners"] or 0),
        )
        for h, d in zip(hoods.to_dict("records"), distances, strict=True)
    ]
    branch_rows = branches.to_dict("records")
    points += [Punt(float(b["lon"]), float(b["lat"]), None, str(b["type"])) for b in branch_rows]
    full = sum(1 for b in branch_rows if b["type"] == FULL_BRANCH_TYPE)
    far = prox.farthest[0] if prox.farthest else None
    alt = (
        f"Kaart van het werkgebied met {len(hoods)} buurten, gekleurd naar de hemelsbrede afstand tot de "
        f"dichtstbijzijnde locatie, en {len(branches)} locaties, waarvan {full} volwaardige vestigingen. "
        + (f"De verste buurt, {far.naam}, ligt op {fmt.km(far.afstand_km)}." if far else "")
    )
    return Figuur(
        "kaart",
        alt.strip(),
        "Buurten naar afstand tot de dichtstbijzijnde locatie, en de locaties naar "
        "soort. Getekend uit coördinaten, zonder ondergrond.",
        punten=tuple(points),
    )
