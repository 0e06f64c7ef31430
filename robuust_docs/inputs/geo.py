"""Municipality outlines from a GeoJSON in the layout of the CBS/PDOK download "gemeente_gegeneraliseerd".

`read_outlines(path)` checks the file and returns its `Outlines` (statcode → `Outline`); every problem found is
reported at once as a `DataError` whose problems name the file, the feature (`features[3]`, 0-based as in the file)
and the property. The file is optional: `data/gemeenten.geojson`, in WGS84 (longitude, latitude), with the
properties `statcode` (GM0363) and `statnaam`; anything else is ignored.

Geometry for the maps, numpy only, in a local equirectangular frame in km (x = lon · cos(52,2°) · 111,2,
y = lat · 111,2), exact enough for the Netherlands at map scale:

- `Outline.label`: a point inside the outline far from its border (pole of inaccessibility, "polylabel"),
  computed on first use (the national overview never needs the 342 of them);
- `simplify(outlines, tolerance_km)`: thins the rings for drawing while shared borders stay shared: rings are cut
  into arcs where three or more outlines meet (or where a shared border ends) and each arc is simplified once
  (Douglas-Peucker), so neighbours get the identical line and no slivers or gaps appear;
- `borders(outlines)`: every shared arc once, with the codes on both sides, so a map draws each border once and
  can draw the border between two libraries heavier than the one between two of a library's municipalities.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import numpy as np

from robuust_docs.errors import DataError, Problem

FILE = "gemeenten.geojson"
KM_PER_DEG = 111.2
LAT0 = 52.2  # reference latitude of the km frame (middle of the Netherlands)
NL_BBOX = (3.2, 50.7, 7.3, 53.6)  # lon_min, lat_min, lon_max, lat_max (WGS84), with the Wadden islands
MAX_BYTES = 25_000_000  # the full-resolution CBS file is ~15 MB; the generalised one 0,2-2 MB
MAX_FEATURES = 2_000  # 342 municipalities in 2025
MAX_VERTICES = 2_000_000
MAX_PROBLEMS = 25
STATCODE = re.compile(r"GM\d{4}")
PDOK_SOURCE = "Gemeentegrenzen: CBS/Kadaster (PDOK), CC BY 4.0"

Point = tuple[float, float]  # (lon, lat)
Ring = tuple[Point, ...]  # closed implicitly: the first point is not repeated at the end


@dataclass(frozen=True)
class Outline:
    """One municipality. `rings` holds outer rings and holes alike (in file order); a point is inside by the
    even-odd rule, so a map fills all rings of an outline as one path with even-odd fill."""

    naam: str
    rings: tuple[Ring, ...]
    bbox: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max

    @cached_property
    def label(self) -> Point:
        """Inside the outline, at the centre of its largest inscribed circle (approximately)."""
        return label_point(self.rings)

    @property
    def n_vertices(self) -> int:
        return sum(len(r) for r in self.rings)

    @property
    def area_km2(self) -> float:
        return abs(sum(ring_area_km2(r) for r in self.rings))


@dataclass(frozen=True)
class Outlines:
    """The outlines of a data folder, by CBS code, and the source to credit on a map ("" without a file)."""

    by_code: Mapping[str, Outline] = field(default_factory=dict)
    source: str = ""

    def __bool__(self) -> bool:
        return bool(self.by_code)

    def around(self, codes: Iterable[str], margin: float = 1.0) -> Outlines:
        """The outlines of `codes` and of every municipality whose box meets theirs, widened by `margin` times
        its size (at least 5 km) on every side: what a map of those municipalities can show."""
        own = [self.by_code[c] for c in codes if c in self.by_code]
        if not own:
            return Outlines({}, self.source)
        x0, y0 = min(o.bbox[0] for o in own), min(o.bbox[1] for o in own)
        x1, y1 = max(o.bbox[2] for o in own), max(o.bbox[3] for o in own)
        pad_x = max((x1 - x0) * margin, 5 / (KM_PER_DEG * math.cos(math.radians(LAT0))))
        pad_y = max((y1 - y0) * margin, 5 / KM_PER_DEG)
        box = (x0 - pad_x, y0 - pad_y, x1 + pad_x, y1 + pad_y)
        return Outlines({c: o for c, o in self.by_code.items() if _meets(o.bbox, box)}, self.source)


def _meets(a, b) -> bool:
    return a[0] <= b[2] and a[2] >= b[0] and a[1] <= b[3] and a[3] >= b[1]


# --- reading ----------------------------------------------------------------------------------------------------


def read_outlines(
    path: Path,
    *,
    bbox: tuple[float, float, float, float] = NL_BBOX,
    max_bytes: int = MAX_BYTES,
    max_features: int = MAX_FEATURES,
    max_vertices: int = MAX_VERTICES,
) -> Outlines:
    """Read and check a municipality GeoJSON; raises DataError listing every problem found."""
    name = path.name
    title = f"De gemeentegrenzen in {name} zijn onbruikbaar"

    def fail(message: str, key: str | None = None, value: object = None) -> DataError:
        return DataError(title, (Problem(name, message, key=key, value=value),))

    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise fail(
                f"bestand is te groot ({_size(size)}, hooguit {_size(max_bytes)}); gebruik de gegeneraliseerde grenzen"
            )
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(f"geen UTF-8-tekst (byte {exc.start})") from None
    except OSError as exc:
        raise fail(f"bestand niet leesbaar ({exc.strerror or exc})") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:  # JSONDecodeError, and NaN or Infinity
        where = f" (regel {exc.lineno}, kolom {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise fail(f"geen geldige JSON{where}: {getattr(exc, 'msg', exc)}") from None
    features = _collection(data, fail)
    if len(features) > max_features:
        raise fail(f"te veel objecten ({len(features)}, hooguit {max_features})", "features")

    problems: list[Problem] = []
    outlines: dict[str, Outline] = {}
    first: dict[str, int] = {}
    vertices = 0
    for index, feature in enumerate(features):
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(name, f"controle gestopt na {MAX_PROBLEMS} meldingen"))
            break
        found = _feature(name, index, feature, bbox, problems)
        if found is None:
            continue
        code, naam, rings = found
        if code in first:
            problems.append(
                Problem(
                    name,
                    f"gemeentecode komt dubbel voor (ook in features[{first[code]}])",
                    key=f"features[{index}].properties.statcode",
                    value=code,
                )
            )
            continue
        first[code] = index
        vertices += sum(len(r) for r in rings)
        if vertices > max_vertices:
            raise fail(
                f"te veel coördinaten (meer dan {max_vertices:_}); gebruik de gegeneraliseerde grenzen".replace(
                    "_", "."
                ),
                f"features[{index}]",
            )
        outlines[code] = _outline(naam, rings)
    if problems:
        raise DataError(title, tuple(problems))
    return Outlines(outlines, _source(data, features))


def _collection(data, fail) -> list:
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        found = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise fail("verwacht een GeoJSON FeatureCollection", "type", found)
    crs = data.get("crs")
    if crs is not None:
        crs_name = str((crs.get("properties") or {}).get("name") if isinstance(crs, dict) else crs)
        if not re.search(r"CRS84|4326", crs_name):
            raise fail(
                "verwacht coördinaten in WGS84 (lengte, breedte); zet het bestand om naar EPSG:4326", "crs", crs_name
            )
    features = data.get("features")
    if not isinstance(features, list):
        raise fail("verwacht een lijst 'features'", "features", type(features).__name__)
    if not features:
        raise fail("bevat geen gemeenten", "features")
    return features


def _source(data: dict, features: list) -> str:
    """The credit line: the file's own `bron` member if it has one; the CBS/PDOK credit for a file in the layout
    of the CBS download (`jrstatcode` and `rubriek` 'gemeente' in every feature); else the file name."""
    own = data.get("bron")
    if isinstance(own, str) and own.strip():
        return " ".join(own.split())
    props = [f.get("properties") or {} for f in features if isinstance(f, dict)]
    if props and all(isinstance(p, dict) and p.get("jrstatcode") and p.get("rubriek") == "gemeente" for p in props):
        return PDOK_SOURCE
    return f"Gemeentegrenzen: {FILE}"


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB".replace(".", ",") if n >= 100_000 else f"{n / 1e3:.0f} kB"


def _num(v: float) -> str:
    return f"{v:g}".replace(".", ",")


def _reject_constant(token: str):
    raise ValueError(f"{token} is geen getal")


def _feature(file: str, index: int, feature, bbox, problems: list[Problem]):
    """(statcode, statnaam, rings) of a valid feature; None after adding its problems."""
    where = f"features[{index}]"

    def problem(message: str, key: str, value=None) -> None:
        problems.append(Problem(file, message, key=f"{where}.{key}" if key else where, value=value))

    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        found = feature.get("type") if isinstance(feature, dict) else type(feature).__name__
        problem("verwacht een GeoJSON Feature", "type", found)
        return None
    props = feature.get("properties")
    if not isinstance(props, dict):
        problem("verwacht eigenschappen (properties)", "properties", type(props).__name__)
        return None
    code, naam = props.get("statcode"), props.get("statnaam")
    ok = True
    if code is None:
        problem("gemeentecode ontbreekt (verwacht een CBS-code zoals GM0363)", "properties.statcode")
        ok = False
    elif not isinstance(code, str) or not STATCODE.fullmatch(code.strip()):
        problem("verwacht een CBS-gemeentecode zoals GM0363", "properties.statcode", code)
        ok = False
    if naam is None:
        problem("gemeentenaam ontbreekt", "properties.statnaam")
        ok = False
    elif not isinstance(naam, str) or not naam.strip():
        problem("verwacht een gemeentenaam", "properties.statnaam", naam)
        ok = False
    rings = _geometry(feature.get("geometry"), bbox, problem)
    if not ok or rings is None:
        return None
    return code.strip(), " ".join(naam.split()), rings


def _geometry(geometry, bbox, problem) -> list[Ring] | None:
    if not isinstance(geometry, dict):
        problem("geen geometrie", "geometry", None if geometry is None else type(geometry).__name__)
        return None
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind not in ("Polygon", "MultiPolygon"):
        problem("verwacht een Polygon of MultiPolygon", "geometry.type", kind)
        return None
    polygons = [coords] if kind == "Polygon" else coords
    if not isinstance(polygons, list) or not polygons or not all(isinstance(p, list) and p for p in polygons):
        problem(f"verwacht de coördinaten van een {kind}", "geometry.coordinates")
        return None
    rings: list[Ring] = []
    for p, polygon in enumerate(polygons):
        for r, ring in enumerate(polygon):
            key = f"geometry.coordinates[{p}][{r}]" if kind == "MultiPolygon" else f"geometry.coordinates[{r}]"
            checked = _ring(ring, bbox, lambda message, value=None, key=key: problem(message, key, value))
            if checked is None:
                return None
            rings.append(checked)
    return rings


def _ring(ring, bbox, problem) -> Ring | None:
    if (
        not isinstance(ring, list)
        or not all(isinstance(q, list) and len(q) in (2, 3) for q in ring)
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for q in ring for v in q)
    ):
        problem("verwacht een ring van posities [lengte, breedte]")
        return None
    if len(ring) < 4:
        problem(f"een ring heeft minstens 4 posities nodig, gevonden {len(ring)}")
        return None
    if ring[0][:2] != ring[-1][:2]:
        problem("ring is niet gesloten (eerste en laatste positie verschillen)", f"{ring[0][:2]} … {ring[-1][:2]}")
        return None
    array = np.asarray([q[:2] for q in ring], dtype=float)
    if not np.isfinite(array).all():
        problem("coördinaat is geen eindig getal")
        return None
    lon_min, lat_min, lon_max, lat_max = bbox
    lon, lat = array[:, 0], array[:, 1]
    outside = ~((lon >= lon_min) & (lon <= lon_max) & (lat >= lat_min) & (lat <= lat_max))
    if outside.any():
        x, y = array[int(np.argmax(outside))]
        problem(
            f"{int(outside.sum())} positie(s) buiten Nederland (lengte {_num(lon_min)} tot {_num(lon_max)}, "
            f"breedte {_num(lat_min)} tot {_num(lat_max)}){_crs_hint(array, bbox)}",
            f"[{float(x):g}, {float(y):g}]",
        )
        return None
    points = [(float(x), float(y)) for x, y in array[:-1]]
    deduped = [q for i, q in enumerate(points) if i == 0 or q != points[i - 1]]
    if len(set(deduped)) < 3:
        problem("ring heeft minder dan 3 verschillende punten")
        return None
    return tuple(deduped)


def _crs_hint(array: np.ndarray, bbox) -> str:
    lon_min, lat_min, lon_max, lat_max = bbox
    x, y = array[:, 0], array[:, 1]
    if np.all((x >= lat_min) & (x <= lat_max) & (y >= lon_min) & (y <= lon_max)):
        return "; lengte en breedte lijken verwisseld (verwacht [lengte, breedte])"
    if np.all((x > 0) & (x < 300_000) & (y > 289_000) & (y < 630_000)):
        return "; dit lijken RD-coördinaten (EPSG:28992): zet het bestand om naar WGS84 (EPSG:4326)"
    if np.all(np.abs(x) > 180):
        return "; dit lijken geen graden: verwacht WGS84 (EPSG:4326)"
    return ""


def _outline(naam: str, rings: list[Ring]) -> Outline:
    lons = [q[0] for r in rings for q in r]
    lats = [q[1] for r in rings for q in r]
    return Outline(naam, tuple(rings), (min(lons), min(lats), max(lons), max(lats)))


# --- geometry in the km frame -----------------------------------------------------------------------------------


def to_km(points) -> np.ndarray:
    a = np.asarray(points, dtype=float).reshape(-1, 2)
    return np.column_stack([a[:, 0] * math.cos(math.radians(LAT0)) * KM_PER_DEG, a[:, 1] * KM_PER_DEG])


def from_km(xy) -> np.ndarray:
    a = np.asarray(xy, dtype=float).reshape(-1, 2)
    return np.column_stack([a[:, 0] / (math.cos(math.radians(LAT0)) * KM_PER_DEG), a[:, 1] / KM_PER_DEG])


def ring_area_km2(ring) -> float:
    """Signed area (counter-clockwise positive)."""
    return _area_xy(to_km(ring))


def _area_xy(r: np.ndarray) -> float:
    x, y = r[:, 0], r[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def _segments(rings_km: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    starts = np.concatenate(rings_km)
    ends = np.concatenate([np.roll(r, -1, axis=0) for r in rings_km])
    return starts, ends


def inside(px, py, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Even-odd point-in-polygon of arrays of points against all segments (any planar frame)."""
    px, py = np.asarray(px, float)[:, None], np.asarray(py, float)[:, None]
    x1, y1, x2, y2 = starts[:, 0], starts[:, 1], ends[:, 0], ends[:, 1]
    crosses = (y1 > py) != (y2 > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_at = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
    return (np.count_nonzero(crosses & (px < x_at), axis=1) % 2) == 1


def _distance(px, py, starts, ends) -> np.ndarray:
    px, py = np.asarray(px, float)[:, None], np.asarray(py, float)[:, None]
    d = ends - starts
    length2 = np.maximum((d**2).sum(axis=1), 1e-18)
    t = np.clip(((px - starts[:, 0]) * d[:, 0] + (py - starts[:, 1]) * d[:, 1]) / length2, 0, 1)
    return np.sqrt(((starts[:, 0] + t * d[:, 0] - px) ** 2 + (starts[:, 1] + t * d[:, 1] - py) ** 2).min(axis=1))


def contains_many(outline: Outline, lonlat) -> np.ndarray:
    """Which of the (lon, lat) points lie inside `outline`."""
    p = to_km(lonlat)
    if not len(p):
        return np.zeros(0, dtype=bool)
    return inside(p[:, 0], p[:, 1], *_segments([to_km(r) for r in outline.rings]))


def contains(outline: Outline, lon: float, lat: float) -> bool:
    return bool(contains_many(outline, [(lon, lat)])[0])


def label_point(rings: Iterable[Ring], precision: float = 0.01) -> Point:
    """Pole of inaccessibility (mapbox polylabel): the inside point farthest from the border, found to within
    `precision` times the outline's size. Works on all rings together (even-odd), so holes are avoided and a
    MultiPolygon gets its label in the part with the widest room."""
    rings_km = [to_km(r) for r in rings]
    starts, ends = _segments(rings_km)
    every = np.concatenate(rings_km)
    (x0, y0), (x1, y1) = every.min(axis=0), every.max(axis=0)
    size = max(x1 - x0, y1 - y0, 1e-9)
    cell = min(x1 - x0, y1 - y0) or size
    tol = precision * size

    def signed(xs, ys) -> np.ndarray:
        d = _distance(xs, ys, starts, ends)
        return np.where(inside(xs, ys, starts, ends), d, -d)

    heap: list[tuple[float, float, float, float, float]] = []  # (-potential, distance, x, y, half size)

    def push(xs, ys, half):
        for x, y, d in zip(xs, ys, signed(xs, ys), strict=True):
            heapq.heappush(heap, (-(d + half * math.sqrt(2)), float(d), float(x), float(y), half))

    half = cell / 2
    mx, my = np.meshgrid(np.arange(x0, x1, cell) + half, np.arange(y0, y1, cell) + half)
    push(mx.ravel(), my.ravel(), half)
    # start from the area centroid of the largest ring (often already a good answer), else the box centre
    cx, cy = _centroid_xy(max(rings_km, key=lambda r: abs(_area_xy(r))))
    best_d, best = float(signed([cx], [cy])[0]), (cx, cy)
    box_d = float(signed([(x0 + x1) / 2], [(y0 + y1) / 2])[0])
    if box_d > best_d:
        best_d, best = box_d, ((x0 + x1) / 2, (y0 + y1) / 2)
    while heap:
        neg_potential, d, x, y, h = heapq.heappop(heap)
        if d > best_d:
            best_d, best = d, (x, y)
        if -neg_potential - best_d <= tol:
            continue
        h2 = h / 2
        push(np.array([x - h2, x + h2, x - h2, x + h2]), np.array([y - h2, y - h2, y + h2, y + h2]), h2)
    lon, lat = from_km([best])[0]
    return float(lon), float(lat)


def _centroid_xy(r: np.ndarray) -> tuple[float, float]:
    x, y = r[:, 0], r[:, 1]
    xn, yn = np.roll(x, -1), np.roll(y, -1)
    cross = x * yn - xn * y
    a = cross.sum() / 2
    if abs(a) < 1e-12:
        return float(x.mean()), float(y.mean())
    return float(((x + xn) * cross).sum() / (6 * a)), float(((y + yn) * cross).sum() / (6 * a))


def clip_rings(rings: Iterable[Ring], bbox: tuple[float, float, float, float]) -> tuple[Ring, ...]:
    """The parts of `rings` inside the lon/lat box (Sutherland-Hodgman per ring; a ring outside it disappears)."""
    out = []
    for ring in rings:
        pts = np.asarray(ring, dtype=float)
        for axis, limit, keep_above in (
            (0, bbox[0], True),
            (0, bbox[2], False),
            (1, bbox[1], True),
            (1, bbox[3], False),
        ):
            if len(pts) < 3:
                break
            inner = pts[:, axis] >= limit if keep_above else pts[:, axis] <= limit
            if inner.all():
                continue
            clipped = []
            for p, q, p_in, q_in in zip(np.roll(pts, 1, axis=0), pts, np.roll(inner, 1), inner, strict=True):
                if q_in != p_in:
                    clipped.append(p + (limit - p[axis]) / (q[axis] - p[axis]) * (q - p))
                if q_in:
                    clipped.append(q)
            pts = np.array(clipped).reshape(-1, 2)
        if len(pts) >= 3 and abs(_area_xy(to_km(pts))) > 0:
            out.append(tuple((float(x), float(y)) for x, y in pts))
    return tuple(out)


# --- shared arcs: simplification and borders ---------------------------------------------------------------------


def tolerance_km(span_km: float, size_pt: float, pt: float = 0.4) -> float:
    """Douglas-Peucker tolerance for a map `size_pt` wide showing `span_km`: `pt` points on paper."""
    return span_km / size_pt * pt


def arcs(ring_sets: Iterable[Iterable[Ring]]) -> tuple[list[list[tuple[int, str]]], list[tuple]]:
    """Cut all rings (of all outlines together) into shared arcs.

    Returns (per ring, in order: a list of (arc index, mode)) and the arcs as tuples of points. Mode "fwd" or
    "rev": an open arc from junction to junction (both ends included), walked forwards or backwards; "loop" or
    "loop_rev": a ring without junctions, stored once as a closed loop in a canonical rotation and direction,
    so that an enclave and the hole it fills share it. A point is a junction where it has more than two
    distinct neighbours over all rings (three outlines meet, or a shared border ends)."""
    rings = [list(r) for rs in ring_sets for r in rs]
    neighbours: dict[Point, set[Point]] = {}
    for r in rings:
        n = len(r)
        for i, q in enumerate(r):
            neighbours.setdefault(q, set()).update((r[i - 1], r[(i + 1) % n]))
    junction = {q for q, s in neighbours.items() if len(s) > 2}
    index: dict[tuple, int] = {}
    found: list[tuple] = []
    plan: list[list[tuple[int, str]]] = []

    def add(arc: tuple, loop: bool) -> tuple[int, str]:
        other = (arc[:1] + arc[1:][::-1]) if loop else arc[::-1]
        key, flipped = (arc, False) if arc <= other else (other, True)
        if key not in index:
            index[key] = len(found)
            found.append(key)
        if loop:
            return index[key], "loop_rev" if flipped else "loop"
        return index[key], "rev" if flipped else "fwd"

    for r in rings:
        cuts = [i for i, q in enumerate(r) if q in junction]
        if not cuts:
            k = min(range(len(r)), key=r.__getitem__)
            plan.append([add(tuple(r[k:] + r[:k]), loop=True)])
            continue
        rot = r[cuts[0] :] + r[: cuts[0]] + [r[cuts[0]]]
        bounds = [i - cuts[0] for i in cuts] + [len(r)]
        plan.append([add(tuple(rot[a : b + 1]), loop=False) for a, b in zip(bounds[:-1], bounds[1:], strict=True)])
    return plan, found


def _douglas_peucker(xy: np.ndarray, tol: float) -> np.ndarray:
    """Indices to keep of an open polyline (both ends kept)."""
    n = len(xy)
    if n <= 2:
        return np.arange(n)
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        p, q = xy[a], xy[b]
        seg = xy[a + 1 : b]
        d = q - p
        norm = math.hypot(*d)
        if norm < 1e-12:
            dist = np.hypot(*(seg - p).T)
        else:
            dist = np.abs(d[0] * (seg[:, 1] - p[1]) - d[1] * (seg[:, 0] - p[0])) / norm
        i = int(np.argmax(dist))
        if dist[i] > tol:
            keep[a + 1 + i] = True
            stack += [(a, a + 1 + i), (a + 1 + i, b)]
    return np.flatnonzero(keep)


def simplify_arc(points: tuple, tol_km: float, closed: bool) -> tuple:
    """Douglas-Peucker of one arc; a closed loop is split at its first point and the point farthest from it."""
    xy = to_km(points)
    if closed:
        far = int(np.argmax(np.hypot(*(xy - xy[0]).T)))
        if far == 0:
            return points[:1]
        ring = np.vstack([xy, xy[:1]])
        first = _douglas_peucker(ring[: far + 1], tol_km)
        second = _douglas_peucker(ring[far:], tol_km) + far
        keep = np.concatenate([first, second[1:-1]])
        return tuple(points[i] for i in keep)
    return tuple(points[i] for i in _douglas_peucker(xy, tol_km))


def map_arcs(
    outlines: Mapping[str, Outline], fn: Callable[[tuple, bool], tuple], min_area_km2: float = 0.0
) -> dict[str, Outline]:
    """Apply fn(points, closed) -> points to every shared arc once and rebuild the outlines; rings that end up
    with fewer than 3 points or an area below `min_area_km2` are dropped (the largest ring of an outline
    stays)."""
    codes = list(outlines)
    plan, found = arcs(outlines[c].rings for c in codes)
    closed_arcs = {i for p in plan for i, mode in p if mode.startswith("loop")}
    new = [fn(a, i in closed_arcs) for i, a in enumerate(found)]
    result: dict[str, Outline] = {}
    k = 0
    for code in codes:
        old = outlines[code]
        rings: list[Ring] = []
        for original in old.rings:
            rings.append(_rebuilt(plan[k], new, original))
            k += 1
        areas = [abs(ring_area_km2(r)) if len(r) >= 3 else 0.0 for r in rings]
        biggest = int(np.argmax(areas))
        kept = tuple(r for i, r in enumerate(rings) if i == biggest or (len(set(r)) >= 3 and areas[i] >= min_area_km2))
        result[code] = replace(old, rings=kept)
    return result


def _rebuilt(parts: list[tuple[int, str]], new: list[tuple], original: Ring) -> Ring:
    if parts[0][1].startswith("loop"):
        pts = list(new[parts[0][0]])
        if parts[0][1] == "loop_rev":
            pts = pts[:1] + pts[1:][::-1]
    else:
        pts = []
        for i, mode in parts:
            seq = new[i][::-1] if mode == "rev" else new[i]
            pts.extend(seq[:-1])
    return tuple(pts) if len(set(pts)) >= 3 else original


def simplify(
    outlines: Mapping[str, Outline], tolerance: float, min_area_km2: float | None = None
) -> dict[str, Outline]:
    """Douglas-Peucker per shared arc, `tolerance` in km (neighbours keep one common border); rings smaller
    than `min_area_km2` (default: a square of 2 × tolerance) are dropped."""
    if min_area_km2 is None:
        min_area_km2 = (2 * tolerance) ** 2
    return map_arcs(outlines, lambda pts, closed: simplify_arc(pts, tolerance, closed), min_area_km2)


@dataclass(frozen=True)
class Border:
    """One shared arc of the outlines: its points and the codes of the outlines on either side (one code for
    a coast or the edge of the loaded outlines)."""

    points: tuple[Point, ...]
    codes: tuple[str, ...]
    closed: bool


def borders(outlines: Mapping[str, Outline]) -> list[Border]:
    """Every arc of the outlines once, with the codes that share it, for drawing each border a single time."""
    codes = list(outlines)
    plan, found = arcs(outlines[c].rings for c in codes)
    users: list[list[str]] = [[] for _ in found]
    closed: set[int] = set()
    k = 0
    for code in codes:
        for _ in outlines[code].rings:
            for i, mode in plan[k]:
                if code not in users[i]:
                    users[i].append(code)
                if mode.startswith("loop"):
                    closed.add(i)
            k += 1
    return [Border(arc, tuple(users[i]), i in closed) for i, arc in enumerate(found)]


def load_outlines(data_dir: Path, problems: list[Problem]) -> Outlines:
    """The outlines of `data_dir/gemeenten.geojson`, if the file is there; its problems are added to `problems`
    (a broken file stops a run like any other broken input file)."""
    path = data_dir / FILE
    if not path.is_file():
        return Outlines()
    try:
        return read_outlines(path)
    except DataError as exc:
        problems.extend(exc.problems)
        return Outlines()


def reference() -> list[str]:
    """The section of docs/invoer.md about this file (Markdown lines, Dutch), from the limits above."""
    return [
        f"## Gemeentegrenzen (`{FILE}`, optioneel)",
        "",
        f"Zet een GeoJSON-bestand met de gemeentegrenzen als `{FILE}` in de datamap; dan tekent de kaart van "
        "elke handreiking de grenzen en namen van de gemeenten in het werkgebied en van de buurgemeenten, en krijgt "
        "het landelijk en provinciaal beeld een kaart van alle gemeenten naar het aantal kwetsbare bouwstenen van "
        "hun bibliotheek. Zonder dit bestand tekent de kaart alleen de buurten en locaties, met de gemeentenamen "
        "bij hun buurten, en heeft het overzicht geen kaart.",
        "",
        "Het bestand volgt de CBS/PDOK-download *gebiedsindelingen, gemeente_gegeneraliseerd*: een "
        "`FeatureCollection` met per gemeente een `Polygon` of `MultiPolygon` in WGS84 (lengte, breedte; "
        "EPSG:4326) en de eigenschappen:",
        "",
        "| eigenschap | verplicht | betekenis |",
        "|---|---|---|",
        "| `statcode` | ja | CBS-gemeentecode, zoals `GM0363`: dezelfde code als kolom `code` in `gemeenten` |",
        "| `statnaam` | ja | naam van de gemeente, zoals het CBS die schrijft (op de kaart van de buurgemeenten) |",
        "",
        "Andere eigenschappen worden genegeerd. Kies bij de download WGS84 (EPSG:4326) als coördinatenstelsel; "
        "RD-coördinaten (EPSG:28992) of verwisselde lengte en breedte herkent de controle en meldt ze. Grenzen en "
        "jaar moeten passen bij de "
        "gemeentecodes van de invoer: een gemeente zonder grens in het bestand staat zonder grens op de kaart, "
        "en het bijschrift zegt dat.",
        "",
        f"Grenzen: hooguit {_size(MAX_BYTES)}, {MAX_FEATURES:_} objecten en {MAX_VERTICES:_} coördinaten, ruim "
        "genoeg voor de gegeneraliseerde grenzen (de kaart vereenvoudigt ze toch). Elk probleem wordt met object en "
        "eigenschap "
        "gemeld, bijvoorbeeld `gemeenten.geojson, sleutel 'features[12].properties.statcode': verwacht een "
        "CBS-gemeentecode zoals GM0363, gevonden '0363'`; een onbruikbaar bestand stopt de run zoals elk ander "
        "invoerbestand.".replace("_", "."),
        "",
        "**Bron op de kaart.** Heeft het bestand een eigenschap `bron` op het hoogste niveau (naast `features`), "
        "dan staat die tekst onder elke kaart. Anders staat er bij een bestand in de CBS-indeling (met "
        f'`jrstatcode` en `rubriek`) "{PDOK_SOURCE}" (licentie CC BY 4.0: naamsvermelding verplicht), en '
        f'in andere gevallen "Gemeentegrenzen: {FILE}". De voorbeelddata heeft fictieve grenzen, gemaakt door '
        "`data/sample_outlines.py`.",
        "",
    ]
