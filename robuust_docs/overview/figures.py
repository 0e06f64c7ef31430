"""The overview's map: every municipality coloured by the number of weak building blocks of its library.

Why that measure: it summarises all five building blocks of a library in one count a reader can check against the
status table next to it ("3 of 5 building blocks are kwetsbaar"), and it does not hide a weak block behind an
average. The classes run from none to three or more; a municipality whose library is not in the overview (another
province, or no data) stays grey. Borders between libraries are drawn heavier than those between two
municipalities of one library, so each library's area reads as one. The national map names the provinces (at the
middle of their libraries' municipalities); a provincial map names its libraries, or their codes when anonymous.
Without a `gemeenten.geojson` in the data folder there is no map, and neither in an anonymous overview: outlines
name their municipalities, and so their libraries, as plainly as a name would.
"""

from __future__ import annotations

import math
from collections import defaultdict

from robuust_docs import fmt
from robuust_docs.inputs.geo import KM_PER_DEG, Outlines, borders, simplify, tolerance_km
from robuust_docs.overview.scope import Scope
from robuust_docs.report.figure_model import Figuur, Gebied, Grens, Kaart, Legendaregel
from robuust_docs.status import Status

CLASSES = (
    "geen kwetsbare bouwsteen",
    "1 kwetsbare bouwsteen",
    "2 kwetsbare bouwstenen",
    "3 of meer kwetsbare bouwstenen",
)
MAP_WIDTH_PT = 300.0  # the map's frame in the drawing (render/charts/overview.py)
NAMED_LIBRARIES = 15  # a map with more libraries than this names its provinces instead


def weak_blocks(lib) -> int:
    """The number of building blocks of `lib` whose status is kwetsbaar."""
    return sum(1 for m in lib.modules if m.status is Status.WEAK)


def status_map(scope: Scope, outlines: Outlines) -> Figuur | None:
    """The map of the overview's municipalities by their library's weak building blocks; None without outlines."""
    if not outlines or scope.anonymous:
        return None
    library_of: dict[str, object] = {}
    for lib in scope.libraries:
        for code in lib.rows.municipalities["code"]:
            library_of[str(code)] = lib
    drawn = [c for c in library_of if c in outlines.by_code]
    if not drawn:
        return None
    if scope.province is None:  # the whole country, or whatever the file covers
        frame = view = _box(o.bbox for o in outlines.by_code.values())
    else:
        frame = _box(outlines.by_code[c].bbox for c in drawn)
        view = _widen(frame, 0.25)
    shown = {c: o for c, o in outlines.by_code.items() if c in library_of or _meets(o.bbox, view)}
    x0, y0, x1, y1 = frame
    span_km = max((x1 - x0) * math.cos(math.radians((y0 + y1) / 2)), y1 - y0) * KM_PER_DEG
    simple = simplify(shown, tolerance_km(max(span_km, 1.0), MAP_WIDTH_PT, 0.5))
    classes = {lib.id: min(weak_blocks(lib), len(CLASSES) - 1) for lib in scope.libraries}
    areas = [
        Gebied(
            code,
            "",
            o.rings,
            None,
            "eigen" if code in library_of else "buur",
            classes[library_of[code].id] if code in library_of else None,
        )
        for code, o in simple.items()
    ]
    lines = []
    for border in borders(simple):
        owners = {library_of[c].id if c in library_of else None for c in border.codes}
        inside = [c in library_of for c in border.codes]
        if not any(inside):
            kind = "buur"
        elif len(border.codes) == 2 and all(inside) and len(owners) == 1:
            kind = "gemeente"
        else:
            kind = "werkgebied"
        lines.append(Grens(border.points, kind, border.closed))
    names = _names(scope, outlines, library_of)
    counts = defaultdict(int)
    for lib in scope.libraries:
        counts[classes[lib.id]] += 1
    legend = tuple(
        Legendaregel(f"{text} ({fmt.count(counts[k], 'bibliotheek', 'bibliotheken')})", k)
        for k, text in enumerate(CLASSES)
    )
    kaart = Kaart(tuple(areas) + names, tuple(lines), legenda=legend, kader=frame, bron=outlines.source)
    missing = len(library_of) - len(drawn)
    return Figuur("landkaart", _alt(scope, classes, counts, missing), _caption(scope, missing), kaart=kaart)


def _names(scope: Scope, outlines: Outlines, library_of: dict) -> tuple[Gebied, ...]:
    """Text-only areas: the provinces at the middle of their municipalities' label points (national), or each
    library at the label point of its largest municipality (provincial, or a small national dataset)."""
    if len(scope.libraries) <= NAMED_LIBRARIES:
        names = []
        for lib in scope.libraries:
            own = [outlines.by_code[str(c)] for c in lib.rows.municipalities["code"] if str(c) in outlines.by_code]
            if own:
                biggest = max(own, key=lambda o: o.area_km2)
                names.append(Gebied(lib.id, scope.name(lib), (), biggest.label, "label"))
        return tuple(names)
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for code, lib in library_of.items():
        if code in outlines.by_code:
            box = outlines.by_code[code].bbox
            points[str(lib.rows.record["provincie"])].append(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
    return tuple(
        Gebied(name, name, (), (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)), "label")
        for name, pts in sorted(points.items())
    )


def _alt(scope: Scope, classes: dict, counts: dict, missing: int) -> str:
    where = "Nederland" if scope.province is None else f"de provincie {scope.province}"
    municipalities = sum(len(lib.rows.municipalities) for lib in scope.libraries) - missing
    parts = [
        f"Kaart van {where} met {fmt.count(municipalities, 'gemeente', 'gemeenten')} van dit overzicht, gekleurd "
        "naar het aantal kwetsbare bouwstenen van hun bibliotheek.",
        "Bibliotheken met "
        + "; met ".join(f"{CLASSES[k]}: {fmt.number(counts[k])}" for k in range(len(CLASSES)))
        + ".",
    ]
    worst = [lib for lib in scope.libraries if classes[lib.id] == len(CLASSES) - 1]
    if worst:
        provinces = sorted({str(lib.rows.record["provincie"]) for lib in worst})
        parts.append(f"Drie of meer kwetsbare bouwstenen hebben bibliotheken in {fmt.join(provinces)}.")
    return " ".join(parts)


def _caption(scope: Scope, missing: int) -> str:
    text = (
        "Gemeenten naar het aantal kwetsbare bouwstenen (van de vijf) van hun bibliotheek; dikke lijnen omsluiten "
        "het werkgebied van een bibliotheek, grijze gemeenten vallen buiten dit overzicht."
    )
    if missing:
        text += f" Zonder grens in het bestand, en dus niet op de kaart: {fmt.count(missing, 'gemeente', 'gemeenten')}."
    return text


def _box(boxes) -> tuple[float, float, float, float]:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _widen(box, margin: float) -> tuple[float, float, float, float]:
    dx, dy = (box[2] - box[0]) * margin, (box[3] - box[1]) * margin
    return (box[0] - dx, box[1] - dy, box[2] + dx, box[3] + dy)


def _meets(a, b) -> bool:
    return a[0] <= b[2] and a[2] >= b[0] and a[1] <= b[3] and a[3] >= b[1]
