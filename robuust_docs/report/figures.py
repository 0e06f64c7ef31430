"""The figures of a handreiking, built from the analysis: a bullet chart per building block, the profile of all
building blocks, and the map of the service area. Every number a chart shows arrives here as formatted text or
as a plain value with its axis; the renderers (`render/charts/`) only draw.

The bullet chart gives every indicator its own panel with its own labelled axis from zero (or from below zero for
a negative value): the indicators of one building block have different units (euro, percent, counts), so one
shared scale would be dishonest and a common "percent of norm" scale breaks down for band norms and negative
results. Each panel shades its robust, aandachtspunt and kwetsbaar zones, so the direction ("lager is beter")
is visible as well as written, and labels the norm and the kwetsbaar limit at their lines.
"""

from __future__ import annotations

import math

import numpy as np

from robuust_docs import fmt, wording
from robuust_docs.analysis import LibraryAnalysis, ModuleResult, nearest_branch
from robuust_docs.analysis.aggregates import nice_ticks
from robuust_docs.content import Indicator, Module, Norm
from robuust_docs.inputs.geo import (
    KM_PER_DEG,
    Outline,
    borders,
    clip_rings,
    label_point,
    ring_area_km2,
    simplify,
    tolerance_km,
)
from robuust_docs.report.figure_model import Buurt, Figuur, Gebied, Grens, Kaart, Locatie, Maatstreep, Reeks, Staaf
from robuust_docs.report.norms import norm_text, weak_text
from robuust_docs.schema import FULL_BRANCH_TYPE
from robuust_docs.status import Status

DIRECTION = {"hoger": "hoger is beter", "lager": "lager is beter", "band": "robuust binnen de band"}
MAP_WIDTH_PT = 320.0  # the map's frame in the drawing (render/charts/maps.py), for the simplification tolerance
FARTHEST_LABELLED = 5  # the white spots of the proximity table are named on the map …
FARTHEST_FROM_KM = 1.0  # … when they lie at least this far from a location (nearer is no white spot)

# --- bullet chart ---------------------------------------------------------------------------------------------


def module_figure(module: Module, result: ModuleResult, rows, category_id: str) -> Figuur:
    """The bullet chart of one building block: per indicator shown the value against its norm, the kwetsbaar
    limit and the peers' median, each on its own axis. `rows` are the report's rows of the building block."""
    indicators = {i.id: i for i in module.indicatoren}
    bars = tuple(
        indicator_bar(ind, res.value, row.waarde, res.median, res.status, ind.normen.get(category_id))
        for res, row in zip(result.shown, rows, strict=True)
        for ind in (indicators[res.indicator],)
    )
    caption = (
        f"{module.naam}: elke indicator op een eigen as vanaf nul, met de norm en de kwetsbaarheidsgrens; de "
        "achtergrond laat zien waar een waarde robuust, een aandachtspunt of kwetsbaar is."
    )
    return Figuur("staven", bars_alt(module, rows, result.status), caption, staven=bars)


def indicator_bar(
    ind: Indicator, value: float | None, value_text: str, median: float | None, status: Status, norm: Norm | None
) -> Staaf:
    """One panel of the bullet chart, with its axis ticks and the texts at the norm and the kwetsbaar limit."""
    robust = norm.robuust if norm else None
    weak = norm.kwetsbaar if norm else None
    extent = [0.0, *(v for v in (value, median) if v is not None), *_flat(robust), *_flat(weak)]
    low, high = min(extent), max(extent)
    pad = (high - low) * 0.06  # no norm or value on the very end of the axis
    top = high + pad if ind.eenheid != "procent" or high > 100 else min(high + pad, 100.0)  # a share stops at 100%
    ticks = nice_ticks(low - pad if low < 0 else low, top, count=5)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    axis = tuple(Maatstreep(t, _short(t, ind.eenheid, _decimals(step))) for t in ticks)
    direction = ind.richting if ind.richting in DIRECTION else "hoger"
    norm_label, weak_labels = "", ()
    if norm is not None:  # as the table writes them
        norm_label = f"norm {norm_text(ind, norm)}"
        if isinstance(weak, tuple):
            low_text, high_text = (fmt.by_unit(v, ind.eenheid, ind.decimalen) for v in weak)
            weak_labels = (f"kwetsbaar < {low_text}", f"> {high_text}")
        else:
            weak_labels = (f"kwetsbaar {weak_text(ind, norm)}",)
    return Staaf(
        ind.naam,
        value,
        value_text,
        robust,
        weak,
        median,
        status,
        direction == "lager",
        DIRECTION[direction],
        axis,
        norm_label,
        weak_labels,
    )


def _flat(threshold) -> list[float]:
    if threshold is None:
        return []
    return [float(t) for t in threshold] if isinstance(threshold, tuple) else [float(threshold)]


def _decimals(step: float) -> int:
    """Decimals a tick step needs: 0 for whole steps, 1 for 0,5 or 0,2, else 2."""
    if float(step).is_integer():
        return 0
    return 1 if round(step * 10, 6).is_integer() else 2


def _short(value: float, unit: str, decimals: int) -> str:
    """A tick or threshold in the indicator's unit, with no more decimals than it needs."""
    return fmt.by_unit(value, "aantal" if unit == "uren" else unit, decimals)


def bars_alt(module: Module, rows, status: Status) -> str:
    """The chart's message: how many indicators meet the norm, then the indicators by status, weakest first."""
    known = [r for r in rows if r.status is not Status.NO_DATA]
    robust = sum(1 for r in known if r.status is Status.ROBUST)
    met = wording.of_total(
        robust, len(known), "indicator met gegevens", "indicatoren met gegevens", verb=("haalt", "halen")
    )
    parts = [f"Bouwsteen {module.naam}, als geheel {status.label.lower()}: {met} de norm."]
    for s in (Status.WEAK, Status.ATTENTION, Status.ROBUST, Status.NO_DATA):
        group = [r for r in rows if r.status is s]
        if not group:
            continue
        if s is Status.NO_DATA:
            items = [r.naam for r in group]
        else:
            items = [f"{r.naam} {r.waarde} (norm {r.norm})" for r in group]
        parts.append(f"{s.label}: {'; '.join(items)}.")
    return " ".join(parts)


# --- module profile -------------------------------------------------------------------------------------------


def profile_figure(name: str, modules) -> Figuur:
    """Per building block a column with its status and, per indicator, its name in the shape and colour of its
    status. `modules` are the report's building blocks (their names, statuses and rows)."""
    series = tuple(
        Reeks(m.naam, tuple(r.status for r in m.rijen), tuple(r.naam for r in m.rijen), m.status) for m in modules
    )
    counts = {s: sum(1 for m in modules if m.status is s) for s in Status}
    summary = fmt.join([f"{wording.in_words(n)} {s.label.lower()}" for s, n in counts.items() if n])
    parts = [f"Profiel van {name}: van de {wording.in_words(len(modules))} bouwstenen {summary}."]
    for s in (Status.WEAK, Status.ATTENTION):
        names = [f"{r.naam} ({m.naam})" for m in modules for r in m.rijen if r.status is s]
        if names:
            parts.append(f"{s.label}: {'; '.join(names)}.")
    caption = (
        "Profiel van de bouwstenen: per bouwsteen de status en daaronder elke indicator, met het symbool van "
        "zijn status (● robuust, ▲ aandachtspunt, ■ kwetsbaar, ○ geen gegevens)."
    )
    return Figuur("profiel", " ".join(parts), caption, reeksen=series)


# --- map ------------------------------------------------------------------------------------------------------


def map_figure(lib: LibraryAnalysis) -> Figuur | None:
    """The map of the service area: the municipalities (with their outlines when the data folder has them) and
    their neighbours, the neighbourhoods by distance to the nearest location, the farthest named, and the
    locations numbered in the order of the input (`location_numbers`). None when there is nothing to place."""
    rows = lib.rows
    hoods = _located(rows.neighbourhoods)
    branches = _located(rows.branches)
    own_codes = [str(c) for c in rows.municipalities["code"]]
    outlines = rows.outlines.by_code
    own = {c: outlines[c] for c in own_codes if c in outlines}
    if hoods.empty and not own:
        return None
    distances = _distances(hoods, branches)
    remote = lib.proximity.farthest if lib.proximity else ()
    farthest = {p.code: p for p in remote[:FARTHEST_LABELLED] if p.afstand_km >= FARTHEST_FROM_KM}
    buurten = tuple(
        Buurt(
            float(h["lon"]),
            float(h["lat"]),
            float(h["inwoners"] or 0),
            None if not math.isfinite(d) else float(d),
            f"{farthest[h['code']].naam}, {fmt.km(farthest[h['code']].afstand_km)}" if h["code"] in farthest else "",
        )
        for h, d in zip(hoods.to_dict("records"), distances, strict=True)
    )
    numbers = location_numbers(lib)
    locaties = tuple(
        Locatie(numbers[str(b["id"])], str(b["naam"]), str(b["type"]), float(b["lon"]), float(b["lat"]))
        for b in branches.to_dict("records")
    )
    names = dict(zip(rows.municipalities["code"].astype(str), rows.municipalities["naam"].astype(str), strict=True))
    frame = _frame([*own.values()], [(b.x, b.y) for b in buurten] + [(p.x, p.y) for p in locaties])
    if own:
        gebieden, grenzen = _areas(own, outlines, frame, names)
    else:
        gebieden, grenzen = _labels_without_outlines(names, hoods, branches), ()
    kaart = Kaart(
        gebieden,
        grenzen,
        buurten,
        locaties,
        kader=frame,
        bron=rows.outlines.source if own else "",
        schaal="hemelsbreed",
    )
    return Figuur("kaart", map_alt(lib, names, buurten, locaties), _map_caption(lib, own, names), kaart=kaart)


def location_numbers(lib: LibraryAnalysis) -> dict[str, str]:
    """The number of every location on the map, by branch id: 1, 2, … in the order of the input."""
    return {str(b): str(n) for n, b in enumerate(lib.rows.branches["id"], start=1)}


def _located(frame):
    if frame.empty:
        return frame
    keep = frame["lat"].notna() & frame["lon"].notna()
    return frame[keep].reset_index(drop=True)


def _distances(hoods, branches) -> np.ndarray:
    if hoods.empty:
        return np.zeros(0)
    distances, _ = nearest_branch(
        hoods["lat"].astype(float),
        hoods["lon"].astype(float),
        branches["lat"].astype(float),
        branches["lon"].astype(float),
    )
    return np.asarray(distances, dtype=float)


def _frame(own: list[Outline], points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """The lon/lat box of the own outlines and every point."""
    xs = [v for o in own for v in (o.bbox[0], o.bbox[2])] + [p[0] for p in points]
    ys = [v for o in own for v in (o.bbox[1], o.bbox[3])] + [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _areas(own: dict[str, Outline], outlines, frame, names: dict[str, str]):
    """The own and the neighbouring municipalities in view, simplified for the map's scale, and their borders
    (each once, classified by what it separates)."""
    x0, y0, x1, y1 = frame
    cos = math.cos(math.radians((y0 + y1) / 2))
    span_km = max((x1 - x0) * cos, y1 - y0) * KM_PER_DEG
    pad_x, pad_y = (x1 - x0) * 0.6 + 0.02, (y1 - y0) * 0.6 + 0.02  # the frame widens to the map's aspect ratio
    view = (x0 - pad_x, y0 - pad_y, x1 + pad_x, y1 + pad_y)
    shown = {
        c: o
        for c, o in outlines.items()
        if c in own or (o.bbox[0] <= view[2] and o.bbox[2] >= view[0] and o.bbox[1] <= view[3] and o.bbox[3] >= view[1])
    }
    simple = simplify(shown, tolerance_km(max(span_km, 1.0), MAP_WIDTH_PT))
    gebieden = tuple(
        Gebied(
            code,
            names.get(code, o.naam) if code in own else o.naam,
            o.rings,
            shown[code].label if code in own else _visible_label(o, frame),
            "eigen" if code in own else "buur",
        )
        for code, o in simple.items()
    )
    grenzen = []
    for border in borders(simple):
        inside = [c in own for c in border.codes]
        kind = "gemeente" if len(inside) == 2 and all(inside) else "werkgebied" if any(inside) else "buur"
        grenzen.append(Grens(border.points, kind, border.closed))
    return gebieden, tuple(grenzen)


def _visible_label(outline: Outline, frame) -> tuple[float, float] | None:
    """Where to name a neighbour: inside the part of it that the map shows (None when that part is a sliver)."""
    visible = clip_rings(outline.rings, frame)
    if not visible:
        return None
    x0, y0, x1, y1 = frame
    share = sum(abs(ring_area_km2(r)) for r in visible) / max(_box_area_km2(frame), 1e-9)
    return label_point(visible) if share > 0.02 else None


def _box_area_km2(box) -> float:
    x0, y0, x1, y1 = box
    return (x1 - x0) * math.cos(math.radians((y0 + y1) / 2)) * KM_PER_DEG * (y1 - y0) * KM_PER_DEG


def _labels_without_outlines(names: dict[str, str], hoods, branches) -> tuple[Gebied, ...]:
    """Without outlines, each municipality's name at the inhabitant-weighted middle of its neighbourhoods (or of
    its locations): a place to write the name, not a border."""
    areas = []
    for code, name in names.items():
        own = hoods[hoods["gemeente_code"].astype(str) == code] if not hoods.empty else hoods
        if not own.empty:
            weights = own["inwoners"].astype(float).fillna(0).to_numpy() + 1e-9
            point = (
                float(np.average(own["lon"].astype(float), weights=weights)),
                float(np.average(own["lat"].astype(float), weights=weights)),
            )
        else:
            at = branches[branches["gemeente_code"].astype(str) == code] if not branches.empty else branches
            if at.empty:
                continue
            point = (float(at["lon"].astype(float).mean()), float(at["lat"].astype(float).mean()))
        areas.append(Gebied(code, name, (), point, "eigen"))
    return tuple(areas)


def map_alt(lib: LibraryAnalysis, names: dict[str, str], buurten, locaties) -> str:
    """The map's message: the area, the locations, how many residents live within 2 km, the farthest."""
    full = sum(1 for p in locaties if p.soort == FULL_BRANCH_TYPE)
    where = fmt.join(list(names.values()))
    parts = [
        f"Kaart van het werkgebied ({'gemeente' if len(names) == 1 else 'gemeenten'} {where}) met "
        f"{fmt.count(len(locaties), 'genummerde locatie', 'genummerde locaties')}, waarvan "
        f"{fmt.count(full, 'volwaardige vestiging', 'volwaardige vestigingen')}."
    ]
    prox = lib.proximity
    if buurten and prox is not None:
        within = prox.share_within.get(2)
        parts.append(
            f"De {fmt.number(len(buurten))} buurten zijn gekleurd naar de hemelsbrede afstand tot de "
            f"dichtstbijzijnde locatie; {fmt.percent(within, 0)} van de inwoners woont binnen 2 km."
        )
        far = [
            f"{p.naam} ({names.get(p.gemeente_code, p.gemeente_code)}) {fmt.km(p.afstand_km)}"
            for p in prox.farthest[:FARTHEST_LABELLED]
        ]
        if far:
            parts.append(f"Verst weg liggen {fmt.join(far)}.")
    elif not buurten:
        parts.append("Er zijn geen buurtgegevens, dus geen afstanden.")
    return " ".join(parts)


def _map_caption(lib: LibraryAnalysis, own: dict, names: dict[str, str]) -> str:
    text = (
        "Buurten naar hemelsbrede afstand tot de dichtstbijzijnde locatie (cirkel naar inwoners; de verste met "
        "naam en afstand) en de locaties, genummerd als in de lijst onder de kaart."
        if not lib.rows.neighbourhoods.empty
        else "De locaties, genummerd als in de lijst onder de kaart (zonder buurtgegevens, dus zonder afstanden)."
    )
    if not own:
        return f"{text} Getekend uit coördinaten, zonder gemeentegrenzen; de gemeentenamen staan bij hun buurten."
    missing = [names[c] for c in names if c not in own]
    if missing:
        text += f" Geen grens bekend voor {fmt.join(missing)}."
    return text
