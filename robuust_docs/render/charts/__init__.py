"""Charts: one implementation, two outputs. `draw_figure` turns each `Figuur` of a report model into a reportlab
`Drawing`, which the PDF embeds as vector graphics and `drawing_to_png` rasterises for Word, so both formats show
the same picture. Status is shown by shape and word, never by colour alone.
"""

from __future__ import annotations

from reportlab import rl_config

# reportlab validates every attribute of every shape as it is set (its default, "a big help when developing"):
# a tenth of a PDF's time went to it (issue 18). Set before reportlab.graphics.shapes is imported, the check is
# not even installed; tests/render/test_charts_maps.py checks every attribute of every shape of the sample's
# charts with the shapes' own validators, so a wrong attribute is still caught, in the tests rather than every run.
rl_config.shapeChecking = 0

from reportlab.graphics.shapes import Drawing  # noqa: E402

from robuust_docs.render.charts.handreiking import draw_bullets, draw_map, draw_profile, draw_trend  # noqa: E402
from robuust_docs.render.charts.overview import draw_distribution, draw_scatter, draw_status_map  # noqa: E402
from robuust_docs.render.charts.png import drawing_to_png  # noqa: E402
from robuust_docs.render.theme import Theme  # noqa: E402
from robuust_docs.report.model import Figuur  # noqa: E402

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
