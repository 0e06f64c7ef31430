"""Fictional municipality outlines for the fictional sample, in the layout of CBS/PDOK "gemeente_gegeneraliseerd".

`write_sample_outlines(folder)` writes `gemeenten.geojson` next to the sample's CSV files (called by
`generate_sample.py` after it wrote them), so the sample takes the same path through the maps as real outlines.

The sample places its libraries' municipalities as clouds of neighbourhood points around invented centres;
libraries in the same province sit close together and their points even interleave, so outlines made per library
would overlap. Instead, all libraries share one partition of the plane:

1. sites: every neighbourhood (buurten.csv) and branch (vestigingen.csv) point, labelled with its municipality;
2. the sample area: per library the convex hull of its sites, padded by PAD_KM (so a library's area is one
   piece even where its municipalities lie 10 km apart);
3. filler sites on a jittered grid (SPACING_KM) inside the sample area, each labelled with the municipality
   of the nearest real site, and "outside" sites on the same grid in a band around it;
4. one Voronoi diagram (scipy.spatial.Voronoi) of all sites; a municipality is the union of its sites' cells,
   traced from the Voronoi ridges that separate it from another municipality or the outside. Neighbours
   therefore share the very same Voronoi vertices: no gaps, no overlaps, inside and across libraries;
5. per shared arc (`geo.map_arcs`): Chaikin smoothing and Douglas-Peucker, once per arc, so borders stay
   shared; coordinates rounded to 5 decimals (about 1 m).

Every site lies in its own municipality (a site is always in its own Voronoi cell); `check` verifies that after
smoothing and rounding, reading the file back with the project's own reader, and that no point of a test grid
lies in two municipalities; the generator stops if not. Deterministic: a fixed seed, sorted input, rounded output.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.spatial import ConvexHull, Voronoi, cKDTree

from robuust_docs.inputs import geo

SEED = 2044
PAD_KM = 2.0  # outer boundary about this far beyond the outermost points of a library
SPACING_KM = 1.0  # filler grid; sets the scale of the wiggles of the borders
JITTER = 0.45  # of the spacing
GRID_ANGLE = math.radians(23)  # a turned grid: no staircases along the meridians
BAND = 3  # rings of outside sites around the sample area
SMOOTH_ITERATIONS = 2  # Chaikin
TOLERANCE_KM = 0.08  # Douglas-Peucker after smoothing
DECIMALS = 5
OUTSIDE = -1


def load_sites(data: Path):
    """(lon/lat array, municipality index per site, municipality list [(code, naam, library)])."""
    with open(data / "gemeenten.csv", encoding="utf-8") as f:
        rows = {r["code"]: r for r in csv.DictReader(f)}  # one row per year: the latest (last) names it
        municipalities = [(r["code"], r["naam"], r["bibliotheek_id"]) for r in rows.values()]
    index = {code: i for i, (code, _, _) in enumerate(municipalities)}
    seen: dict[tuple[float, float], int] = {}
    points, labels = [], []
    for name in ("buurten.csv", "vestigingen.csv"):
        with open(data / name, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                key = (round(float(r["lon"]), 5), round(float(r["lat"]), 5))
                m = index[r["gemeente_code"]]
                if key in seen:  # Voronoi needs distinct sites; a duplicate of another municipality is fatal
                    if seen[key] != m:
                        raise ValueError(f"{name}: punt {key} hoort bij twee gemeenten")
                    continue
                seen[key] = m
                points.append(key)
                labels.append(m)
    return np.array(points), np.array(labels), municipalities


def padded_hulls(xy: np.ndarray, groups: list[np.ndarray], pad: float) -> list[tuple[np.ndarray, tuple]]:
    """Per group: facet equations (n, 3) and bounding box of the convex hull of its points, padded by `pad`
    (the hull of the points moved `pad` in 32 directions: also fine for one or two points)."""
    angles = np.linspace(0, 2 * math.pi, 32, endpoint=False)
    circle = np.column_stack([np.cos(angles), np.sin(angles)]) * pad
    hulls = []
    for g in groups:
        cloud = (xy[g][:, None, :] + circle[None]).reshape(-1, 2)
        hulls.append((ConvexHull(cloud).equations, (cloud.min(axis=0), cloud.max(axis=0))))
    return hulls


def inside_any(points: np.ndarray, hulls: list[np.ndarray]) -> np.ndarray:
    inside = np.zeros(len(points), dtype=bool)
    for eq, (lo, hi) in hulls:
        near = np.flatnonzero(np.all((points >= lo) & (points <= hi), axis=1))
        inside[near[np.all(points[near] @ eq[:, :2].T + eq[:, 2] <= 1e-9, axis=1)]] = True
    return inside


def build_sites(xy: np.ndarray, labels: np.ndarray, library: np.ndarray, rng):
    """Real sites plus filler and outside sites (with labels), and the per-library hull equations."""
    groups = [np.flatnonzero(library == lib) for lib in np.unique(library)]
    area = padded_hulls(xy, groups, PAD_KM)
    band = padded_hulls(xy, groups, PAD_KM + BAND * SPACING_KM)
    lo, hi = xy.min(axis=0) - PAD_KM - (BAND + 1) * SPACING_KM, xy.max(axis=0) + PAD_KM + (BAND + 1) * SPACING_KM
    centre, radius = (lo + hi) / 2, float(np.hypot(*(hi - lo))) / 2
    steps = np.arange(-radius, radius, SPACING_KM)
    gx, gy = np.meshgrid(steps, steps)
    c, s = math.cos(GRID_ANGLE), math.sin(GRID_ANGLE)
    grid = centre + np.column_stack([c * gx.ravel() - s * gy.ravel(), s * gx.ravel() + c * gy.ravel()])
    grid = grid[np.all((grid >= lo) & (grid <= hi), axis=1)]
    grid += rng.uniform(-JITTER, JITTER, grid.shape) * SPACING_KM
    in_area, in_band = inside_any(grid, area), inside_any(grid, band)
    tree = cKDTree(xy)
    dist, nearest = tree.query(grid)
    filler = in_area & (dist > 0.4 * SPACING_KM)  # leave room around the real sites
    outside = in_band & ~in_area & (dist > PAD_KM)
    # a frame far away closes every cell near the sample area
    span = hi - lo
    frame = np.array(
        [
            [lo[0] + fx * span[0], lo[1] + fy * span[1]]
            for fx in (-1, 0.5, 2)
            for fy in (-1, 0.5, 2)
            if (fx, fy) != (0.5, 0.5)
        ]
    )
    sites = np.vstack([xy, grid[filler], grid[outside], frame])
    site_labels = np.concatenate([labels, labels[nearest[filler]], np.full(outside.sum() + len(frame), OUTSIDE)])
    return sites, site_labels, area


def trace(vor: Voronoi, labels: np.ndarray, n_municipalities: int) -> list[list[list[int]]]:
    """Per municipality its rings as lists of Voronoi vertex indices: outer rings counter-clockwise, holes
    clockwise (the municipality on the left of every edge)."""
    out_edges: list[dict[int, list[int]]] = [defaultdict(list) for _ in range(n_municipalities)]
    v = vor.vertices
    for (p, q), (a, b) in zip(vor.ridge_points, vor.ridge_vertices, strict=True):
        lp, lq = labels[p], labels[q]
        if lp == lq:
            continue
        if a < 0 or b < 0:
            if lp != OUTSIDE or lq != OUTSIDE:
                raise RuntimeError("open Voronoi cell at a municipality: widen the outside band")
            continue
        for m, site in ((lp, p), (lq, q)):
            if m == OUTSIDE:
                continue
            d, s = v[b] - v[a], vor.points[site] - v[a]
            out_edges[m][a].append(b) if d[0] * s[1] - d[1] * s[0] > 0 else out_edges[m][b].append(a)
    result = []
    for edges in out_edges:
        rings = []
        while edges:
            start = next(iter(edges))
            ring, prev, cur = [start], start, edges[start].pop()
            if not edges[start]:
                del edges[start]
            while cur != start:
                ring.append(cur)
                options = edges[cur]
                if len(options) > 1:  # a pinch point: take the leftmost turn, so each part closes on its own
                    din = v[cur] - v[prev]
                    options.sort(
                        key=lambda w: math.atan2(
                            din[0] * (v[w] - v[cur])[1] - din[1] * (v[w] - v[cur])[0], din @ (v[w] - v[cur])
                        )
                    )
                prev, cur = cur, options.pop()
                if not options:
                    del edges[prev]
            rings.append(ring)
        result.append(rings)
    return result


def chaikin(points: tuple, closed: bool, iterations: int = SMOOTH_ITERATIONS) -> tuple:
    """Corner cutting; the ends of an open arc (junctions) stay where they are."""
    p = np.asarray(points, dtype=float)
    for _ in range(iterations):
        if closed:
            q = np.roll(p, -1, axis=0)
            p = np.column_stack([0.75 * p + 0.25 * q, 0.25 * p + 0.75 * q]).reshape(-1, 2)
        else:
            if len(p) < 3:
                break
            a, b = p[:-1], p[1:]
            inner = np.column_stack([0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b]).reshape(-1, 2)[1:-1]
            p = np.vstack([p[:1], inner, p[-1:]])
    return tuple(map(tuple, p))


def smooth_and_simplify(points: tuple, closed: bool) -> tuple:
    return geo.simplify_arc(chaikin(points, closed), TOLERANCE_KM, closed)


def polygons_of(outline: geo.Outline) -> list[list[list[list[float]]]]:
    """GeoJSON polygons (outer counter-clockwise, holes clockwise, closed, rounded) from the rings."""

    def rounded(ring):
        pts = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring]
        pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
        if pts[0] == pts[-1]:
            pts.pop()
        return pts + [pts[0]]

    rings = [rounded(r) for r in outline.rings]
    areas = [geo.ring_area_km2(r[:-1]) for r in rings]
    outers = [i for i, a in enumerate(areas) if a > 0]
    polygons = {i: [rings[i]] for i in outers}
    for i, a in enumerate(areas):
        if a > 0:
            continue
        point = rings[i][0]
        owners = [o for o in outers if geo.contains(bare((tuple(map(tuple, rings[o][:-1])),)), *point)]
        if not owners:
            raise RuntimeError(f"{outline.naam}: een gat ligt in geen enkele buitenring")
        polygons[min(owners, key=lambda o: areas[o])].append(rings[i])
    return [polygons[i] for i in sorted(outers, key=lambda o: -areas[o])]


def build(data: Path) -> tuple[dict, dict]:
    rng = np.random.default_rng(SEED)
    lonlat, labels, municipalities = load_sites(data)
    library_of = np.array([lib for _, _, lib in municipalities])
    xy = geo.to_km(lonlat)
    sites, site_labels, _ = build_sites(xy, labels, library_of[labels], rng)
    vor = Voronoi(sites)
    traced = trace(vor, site_labels, len(municipalities))
    vertices = [(float(x), float(y)) for x, y in geo.from_km(vor.vertices)]
    raw = {
        code: bare(tuple(tuple(vertices[i] for i in ring) for ring in rings), naam)
        for (code, naam, _), rings in zip(municipalities, traced, strict=True)
    }
    # Smoothing may push a border across a site that lies close to it: keep the arcs around such a site's
    # Voronoi cell as traced (they are exact) and try again.
    frozen: set[tuple[float, float]] = set()
    attempts = 0
    for _ in range(5):
        attempts += 1
        smooth = geo.map_arcs(
            raw,
            lambda pts, closed: pts if frozen.intersection(pts) else smooth_and_simplify(pts, closed),
            min_area_km2=0.0,
        )
        polygons = {code: polygons_of(o) for code, o in smooth.items()}
        misplaced = misplaced_sites(polygons, municipalities, lonlat, labels)
        if not misplaced:
            break
        for site in misplaced:
            frozen.update(vertices[v] for v in vor.regions[vor.point_region[site]] if v >= 0)
    else:
        raise RuntimeError(f"{len(misplaced)} punten liggen na gladstrijken buiten hun gemeente")
    features = []
    for code, outline in smooth.items():
        rings = polygons[code]
        geometry = (
            {"type": "Polygon", "coordinates": rings[0]}
            if len(rings) == 1
            else {"type": "MultiPolygon", "coordinates": rings}
        )
        features.append(
            {"type": "Feature", "properties": {"statcode": code, "statnaam": outline.naam}, "geometry": geometry}
        )
    stats = {
        "sites": len(lonlat),
        "voronoi_sites": len(sites),
        "attempts": attempts,
        "frozen_vertices": len(frozen),
        "components": library_components(vor, site_labels, library_of),
    }
    return {"type": "FeatureCollection", "features": features}, stats


def misplaced_sites(polygons: dict, municipalities, lonlat: np.ndarray, labels: np.ndarray) -> list[int]:
    """Indices of the sites that are not inside their own municipality, or inside another one as well."""
    wrong = set()
    for m, (code, _, _) in enumerate(municipalities):
        rings = tuple(tuple(map(tuple, r[:-1])) for polygon in polygons[code] for r in polygon)
        lons, lats = [q[0] for r in rings for q in r], [q[1] for r in rings for q in r]
        outline = geo.Outline("", rings, (min(lons), min(lats), max(lons), max(lats)))
        near = np.flatnonzero(
            (lonlat[:, 0] >= outline.bbox[0])
            & (lonlat[:, 0] <= outline.bbox[2])
            & (lonlat[:, 1] >= outline.bbox[1])
            & (lonlat[:, 1] <= outline.bbox[3])
        )
        own = np.flatnonzero(labels == m)
        inside = geo.contains_many(outline, lonlat[near]) if len(near) else np.zeros(0, bool)
        wrong |= set(own) - set(near[inside])
        wrong |= set(near[inside & (labels[near] != m)])
    return sorted(int(i) for i in wrong)


def library_components(vor: Voronoi, labels: np.ndarray, library_of: np.ndarray) -> dict[str, int]:
    """Connected pieces of each library's area (cells adjacent across a Voronoi ridge)."""
    parent = list(range(len(labels)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    lib = np.where(labels >= 0, library_of[np.maximum(labels, 0)], None)
    for p, q in vor.ridge_points:
        if labels[p] >= 0 and labels[q] >= 0 and lib[p] == lib[q]:
            parent[find(p)] = find(q)
    pieces = defaultdict(set)
    for i in np.flatnonzero(labels >= 0):
        pieces[lib[i]].add(find(i))
    return {k: len(v) for k, v in pieces.items()}


SOURCE = "Fictieve gemeentegrenzen bij de fictieve voorbeelddata"


def write(collection: dict, path: Path) -> None:
    """One feature per line (readable diffs), the credit line as the file's `bron` member."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    text = (
        f'{{"type":"FeatureCollection","bron":{json.dumps(SOURCE, ensure_ascii=False)},"features":[\n'
        + ",\n".join(lines)
        + "\n]}\n"
    )
    path.write_text(text, encoding="utf-8")


def check(path: Path, data: Path) -> dict:
    """Read back with geo.read_outlines; every site in its own municipality only; no overlaps on a grid."""
    outlines = geo.read_outlines(path).by_code
    lonlat, labels, municipalities = load_sites(data)
    codes = [c for c, _, _ in municipalities]
    wrong = 0
    inside = {c: geo.contains_many(outlines[c], lonlat) for c in codes}
    for i, code in enumerate(codes):
        wrong += int((~inside[code][labels == i]).sum()) + int(inside[code][labels != i].sum())
    lo, hi = lonlat.min(axis=0) - 0.05, lonlat.max(axis=0) + 0.05
    gx, gy = np.meshgrid(np.arange(lo[0], hi[0], 0.004), np.arange(lo[1], hi[1], 0.0025))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    count = np.zeros(len(grid), dtype=int)
    for code in codes:
        o = outlines[code]
        box = (
            (grid[:, 0] >= o.bbox[0])
            & (grid[:, 0] <= o.bbox[2])
            & (grid[:, 1] >= o.bbox[1])
            & (grid[:, 1] <= o.bbox[3])
        )
        count[box] += geo.contains_many(o, grid[box])
    multi = sum(1 for o in outlines.values() if sum(geo.ring_area_km2(r) > 0 for r in o.rings) > 1)
    return {
        "misplaced_sites": wrong,
        "grid_points_in_two": int((count > 1).sum()),
        "grid_points_covered": int((count == 1).sum()),
        "multipart": multi,
        "vertices": sum(o.n_vertices for o in outlines.values()),
    }


def write_sample_outlines(data: Path) -> dict:
    """Build, write and check `data/gemeenten.geojson` from the sample's CSV files; returns the check's figures
    (raises RuntimeError if a point lies outside its own municipality or two municipalities overlap)."""
    collection, stats = build(data)
    path = data / geo.FILE
    write(collection, path)
    result = check(path, data)
    if result["misplaced_sites"] or result["grid_points_in_two"]:
        raise RuntimeError(f"{path}: gemeentegrenzen kloppen niet met de punten: {result}")
    return {**stats, **result, "kB": round(path.stat().st_size / 1000)}


def bare(rings: tuple, naam: str = "") -> geo.Outline:
    """An outline of `rings` with its box, for the geometry helpers."""
    lons = [q[0] for r in rings for q in r]
    lats = [q[1] for r in rings for q in r]
    return geo.Outline(naam, rings, (min(lons), min(lats), max(lons), max(lats)))


if __name__ == "__main__":
    sys.stdout.write(
        f"{write_sample_outlines(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)}\n"
    )
