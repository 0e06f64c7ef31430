"""What every map needs: the projection of (lon, lat) into a frame of the drawing, clipping to that frame (a
drawing is never clipped by reportlab, so a neighbour's outline must be cut where the frame ends), areas as
even-odd paths, borders as polylines, labels placed without collisions, text with a white halo, and the scale bar.

The projection is equirectangular with the cosine of the frame's middle latitude, which keeps distances true to
within a fraction of a percent over a Dutch service area. Labels are placed greedily: whatever is fixed (markers,
points) is taken first; each label tries candidate positions and keeps the one with the least overlap with what is
already placed, the least of it outside the frame, and the least displacement from where it belongs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from reportlab.graphics.shapes import FILL_EVEN_ODD, Group, Line, Path
from reportlab.lib.colors import Color

from robuust_docs.render.charts.primitives import WHITE, hex_color, text, text_width
from robuust_docs.render.theme import Theme

KM_PER_DEGREE = 111.2  # along a meridian
SCALE_STEPS_KM = (0.5, 1, 2, 5, 10, 20, 50, 100)
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in drawing points


@dataclass(frozen=True)
class Frame:
    """Equirectangular projection of a lon/lat box into the rectangle `box` of the drawing, aspect kept."""

    lon0: float
    lat0: float
    cos: float
    scale: float  # points per degree of latitude
    off_x: float
    off_y: float
    box: Box

    @classmethod
    def fit(cls, bbox: tuple[float, float, float, float], box: Box, margin: float = 14.0) -> Frame:
        lon0, lat0, lon1, lat1 = bbox
        cos = math.cos(math.radians((lat0 + lat1) / 2))
        span_x, span_y = max((lon1 - lon0) * cos, 1e-3), max(lat1 - lat0, 1e-3)
        width, height = box[2] - box[0], box[3] - box[1]
        scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        off_x = box[0] + (width - span_x * scale) / 2
        off_y = box[1] + (height - span_y * scale) / 2
        return cls(lon0, lat0, cos, scale, off_x, off_y, box)

    def xy(self, lonlat) -> np.ndarray:
        a = np.asarray(lonlat, dtype=float).reshape(-1, 2)
        return np.column_stack(
            [
                self.off_x + (a[:, 0] - self.lon0) * self.cos * self.scale,
                self.off_y + (a[:, 1] - self.lat0) * self.scale,
            ]
        )

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        ((x, y),) = self.xy([(lon, lat)])
        return float(x), float(y)

    @property
    def points_per_km(self) -> float:
        return self.scale / KM_PER_DEGREE


def aspect(bbox: tuple[float, float, float, float]) -> float:
    """Height over width of a lon/lat box as the map shows it."""
    lon0, lat0, lon1, lat1 = bbox
    cos = math.cos(math.radians((lat0 + lat1) / 2))
    return max(lat1 - lat0, 1e-3) / max((lon1 - lon0) * cos, 1e-3)


# --- clipping -----------------------------------------------------------------------------------------------------


def clip_polygon(ring: np.ndarray, box: Box) -> np.ndarray:
    """Sutherland-Hodgman against `box`: the part of a filled ring inside the frame (edges along the frame)."""
    x0, y0, x1, y1 = box
    pts = ring
    for axis, limit, keep_above in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        if not len(pts):
            break
        inside = pts[:, axis] >= limit if keep_above else pts[:, axis] <= limit
        if inside.all():
            continue
        prev, prev_in = np.roll(pts, 1, axis=0), np.roll(inside, 1)
        out = []
        for p, q, p_in, q_in in zip(prev, pts, prev_in, inside, strict=True):
            if q_in != p_in:
                t = (limit - p[axis]) / (q[axis] - p[axis])
                out.append(p + t * (q - p))
            if q_in:
                out.append(q)
        pts = np.array(out).reshape(-1, 2)
    return pts


def clip_polyline(points: np.ndarray, box: Box) -> list[np.ndarray]:
    """The pieces of a polyline inside `box` (Liang-Barsky per segment, joined where they touch)."""
    x0, y0, x1, y1 = box
    if len(points) < 2:
        return []
    if (points[:, 0] >= x0).all() and (points[:, 0] <= x1).all() and (points[:, 1] >= y0).all():
        if (points[:, 1] <= y1).all():
            return [points]
    pieces: list[list] = []
    current: list = []
    for p, q in zip(points[:-1], points[1:], strict=True):
        cut = _clip_segment(p, q, box)
        if cut is None:
            if current:
                pieces.append(current)
                current = []
            continue
        a, b = cut
        if current and np.allclose(current[-1], a):
            current.append(b)
        else:
            if current:
                pieces.append(current)
            current = [a, b]
        if not np.allclose(b, q):  # the segment leaves the frame
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return [np.array(piece) for piece in pieces if len(piece) >= 2]


def _clip_segment(p: np.ndarray, q: np.ndarray, box: Box):
    x0, y0, x1, y1 = box
    d = q - p
    t0, t1 = 0.0, 1.0
    for num, den in ((p[0] - x0, -d[0]), (x1 - p[0], d[0]), (p[1] - y0, -d[1]), (y1 - p[1], d[1])):
        if den == 0:
            if num < 0:
                return None
            continue
        t = num / den
        if den < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return p + t0 * d, p + t1 * d


# --- shapes -------------------------------------------------------------------------------------------------------


def area_path(rings: list[np.ndarray], fill: Color) -> Path | None:
    """One even-odd filled path of all rings (holes and islands), without a stroke."""
    rings = [r for r in rings if len(r) >= 3]
    if not rings:
        return None
    path = Path(fillColor=fill, strokeColor=None, fillMode=FILL_EVEN_ODD, autoclose="pdf")
    for ring in rings:
        path.moveTo(*ring[0])
        for x, y in ring[1:]:
            path.lineTo(x, y)
        path.closePath()
    return path


def line_path(pieces: list[np.ndarray], color: Color, width: float, dashes=None) -> Path | None:
    """All `pieces` as one stroked, unfilled path."""
    pieces = [p for p in pieces if len(p) >= 2]
    if not pieces:
        return None
    path = Path(fillColor=None, strokeColor=color, strokeWidth=width, strokeLineJoin=1, strokeLineCap=1)
    if dashes:
        path.strokeDashArray = dashes
    for piece in pieces:
        path.moveTo(*piece[0])
        for x, y in piece[1:]:
            path.lineTo(x, y)
    return path


def halo_text(
    group: Group,
    x: float,
    y: float,
    value: str,
    theme: Theme,
    size: float,
    color: Color,
    bold: bool = True,
    italic: bool = False,
    anchor: str = "middle",
) -> None:
    """Text with a white halo, readable over points and borders."""
    for dx, dy in ((0.8, 0), (-0.8, 0), (0, 0.8), (0, -0.8), (0.6, 0.6), (-0.6, 0.6), (0.6, -0.6), (-0.6, -0.6)):
        group.add(text(x + dx, y + dy, value, theme, size, anchor, bold, WHITE, italic))
    group.add(text(x, y, value, theme, size, anchor, bold, color, italic))


def scale_bar(group: Group, x: float, y: float, points_per_km: float, theme: Theme, what: str = "") -> float:
    """A bar of a round number of kilometres, 40–120 points long, at (x, y); returns its right end."""
    km = next((k for k in SCALE_STEPS_KM if k * points_per_km >= 40), SCALE_STEPS_KM[-1])
    length, color = km * points_per_km, hex_color(theme.text)
    group.add(Line(x, y, x + length, y, strokeColor=color, strokeWidth=1.5))
    for at in (x, x + length / 2, x + length):
        group.add(Line(at, y - 3 if at != x + length / 2 else y - 2, at, y + 3, strokeColor=color, strokeWidth=0.8))
    label = f"{km:g} km".replace(".", ",") + (f" ({what})" if what else "")
    group.add(text(x + length + 5, y - 2.5, label, theme, size=7))
    return x + length + 5 + text_width(label, theme, 7)


# --- labels -------------------------------------------------------------------------------------------------------


class Placer:
    """Boxes already taken (x0, y0, x1, y1, weight), and the cost of candidate boxes: their overlap with what is
    taken, weighted, plus 50 times their area outside the frame."""

    def __init__(self, frame_box: Box):
        self.frame_box = frame_box
        self._boxes = np.zeros((64, 5))
        self.count = 0

    def take(self, box: Box, weight: float) -> None:
        if self.count == len(self._boxes):
            self._boxes = np.vstack([self._boxes, np.zeros_like(self._boxes)])
        self._boxes[self.count] = (*box, weight)
        self.count += 1

    def costs(self, candidates) -> np.ndarray:
        """The cost of each candidate box (an array of rows x0, y0, x1, y1)."""
        c = np.asarray(candidates, dtype=float).reshape(-1, 4)
        x0, y0, x1, y1 = self.frame_box
        w, h = c[:, 2] - c[:, 0], c[:, 3] - c[:, 1]
        iw = np.clip(np.minimum(c[:, 2], x1) - np.maximum(c[:, 0], x0), 0, None)
        ih = np.clip(np.minimum(c[:, 3], y1) - np.maximum(c[:, 1], y0), 0, None)
        cost = (w * h - iw * ih) * 50
        if self.count:
            b = self._boxes[: self.count]
            ow = np.clip(np.minimum(b[None, :, 2], c[:, None, 2]) - np.maximum(b[None, :, 0], c[:, None, 0]), 0, None)
            oh = np.clip(np.minimum(b[None, :, 3], c[:, None, 3]) - np.maximum(b[None, :, 1], c[:, None, 1]), 0, None)
            cost = cost + (ow * oh * b[None, :, 4]).sum(axis=1)
        return cost

    def cost(self, box: Box) -> float:
        return float(self.costs([box])[0])


def around(x: float, y: float, w: float, h: float, gap: float) -> list[tuple[Box, float]]:
    """Candidate boxes of size w × h touching a point's surroundings at `gap`: right, left, above, below and the
    four corners, with a small preference for the first ones."""
    sides = (
        (1, 0, 0.0),
        (-1, 0, 0.4),
        (0, 1, 0.8),
        (0, -1, 0.8),
        (1, 1, 1.2),
        (1, -1, 1.2),
        (-1, 1, 1.6),
        (-1, -1, 1.6),
    )
    out = []
    for sx, sy, preference in sides:
        cx = x + sx * (gap + w / 2)
        cy = y + sy * (gap + h / 2)
        out.append(((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), preference))
    return out


def name_variants(name: str) -> list[list[str]]:
    """Line variants of a place name: one line, and two lines at the space or hyphen nearest the middle."""
    variants = [[name]]
    cuts = [i for i, ch in enumerate(name) if ch in " -"]
    if cuts:
        mid = min(cuts, key=lambda i: abs(i - len(name) / 2))
        head = name[: mid + 1] if name[mid] == "-" else name[:mid]
        variants.append([head, name[mid + 1 :]])
    return variants


def inside_rings(rings: list[np.ndarray], pts: np.ndarray) -> np.ndarray:
    """Even-odd test of drawing points against rings in drawing points."""
    rings = [r for r in rings if len(r) >= 3]
    if not rings:
        return np.ones(len(pts), dtype=bool)
    starts = np.concatenate(rings)
    ends = np.concatenate([np.roll(r, -1, axis=0) for r in rings])
    px, py = pts[:, 0][:, None], pts[:, 1][:, None]
    x1, y1, x2, y2 = starts[:, 0], starts[:, 1], ends[:, 0], ends[:, 1]
    crosses = (y1 > py) != (y2 > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_at = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
    return (np.count_nonzero(crosses & (px < x_at), axis=1) % 2) == 1


NAME_OFFSETS = np.array(
    [(0.0, 0.0)]
    + [(r * math.cos(a), r * math.sin(a)) for r in (6, 12, 18, 26, 36) for a in np.linspace(0, 2 * math.pi, 12, False)]
)
SAMPLES = np.array([(fx, fy) for fx in (0.05, 0.5, 0.95) for fy in (0.1, 0.5, 0.9)])


def place_name(
    placer: Placer, name: str, anchor: tuple[float, float], rings: list[np.ndarray], theme: Theme, sizes=(7.5, 6.5)
):
    """Best (lines, size, centre x, box, collision cost) for a municipality name near its label point: little
    overlap, inside its own outline, close to the point, large and on one line where it can."""
    best = None
    centres = np.asarray(anchor, dtype=float) + NAME_OFFSETS
    moved = np.hypot(NAME_OFFSETS[:, 0], NAME_OFFSETS[:, 1]) * 0.8
    for size in sizes:
        for lines in name_variants(name):
            w = max(text_width(line, theme, size, bold=True) for line in lines) + 2
            h = size * 1.15 * len(lines)
            boxes = np.column_stack([centres - (w / 2, h / 2), centres + (w / 2, h / 2)])
            collision = placer.costs(boxes)
            score = collision + moved + (sizes[0] - size) * 25 + (len(lines) - 1) * 18
            if rings:
                samples = (boxes[:, None, :2] + SAMPLES[None] * (w, h)).reshape(-1, 2)
                out = 1 - inside_rings(rings, samples).reshape(len(boxes), -1).mean(axis=1)
                score = score + out * w * h * 0.6
            k = int(np.argmin(score))
            if best is None or score[k] < best[0]:
                best = (float(score[k]), lines, size, float(centres[k, 0]), tuple(boxes[k]), float(collision[k]))
    _, lines, size, cx, box, collision = best
    return lines, size, cx, box, collision
