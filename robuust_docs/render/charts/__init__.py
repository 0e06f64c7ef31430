"""Charts: one implementation, two outputs. `draw_figure` turns each `Figuur` of a report model into a reportlab
`Drawing`, which the PDF embeds as vector graphics and `drawing_to_png` rasterises for Word, so both formats show
the same picture. Status is shown by shape and word, never by colour alone.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing

from robuust_docs.render.charts.handreiking import draw_bullets, draw_map, draw_profile, draw_trend
from robuust_docs.render.charts.overview import draw_distribution, draw_scatter, draw_status_map
from robuust_docs.render.charts.png import drawing_to_png
from robuust_docs.render.theme import Theme
from robuust_docs.report.model import Figuur

KINDS = {
    "staven": draw_bullets,
    "profiel": draw_profile,
    "trend": draw_trend,
    "kaart": draw_map,
    "verdeling": draw_distribution,
    "spreiding": draw_scatter,
    "landkaart": draw_status_map,
}


def draw_figure(figure: Figuur, theme: Theme) -> Drawing:
    """The Drawing for one figure, by its kind."""
    return KINDS[figure.soort](figure, theme)


__all__ = ["KINDS", "draw_figure", "drawing_to_png"]
