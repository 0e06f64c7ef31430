"""`cached_drawing`: each figure drawn once per library, for both formats.

`render_library` renders the Word file and then the PDF from the same report, and both need the same `Drawing`
of every figure (rasterised for Word, embedded for the PDF). The cache holds the drawings of the last few
figures, keyed by the figure's value and the theme, so a figure is drawn once; an equal figure gives the same
picture, so nothing leaks from one library to the next. It is per thread: a Drawing is never drawn by two
threads at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from reportlab.graphics.shapes import Drawing

from robuust_docs.render.charts import draw_figure
from robuust_docs.render.theme import Theme
from robuust_docs.report.model import Figuur

SIZE = 24  # a handreiking has about ten figures; the overview a handful

_local = threading.local()


def cached_drawing(figure: Figuur, theme: Theme) -> Drawing:
    """`draw_figure(figure, theme)`, drawn once for the figures of the last document(s)."""
    cache: OrderedDict | None = getattr(_local, "drawings", None)
    if cache is None:  # (an empty cache is kept, not replaced)
        cache = _new_cache()
    try:
        key = (figure, repr(theme))
        hash(key)
    except TypeError:  # a figure with an unhashable field: draw it, do not cache it
        return draw_figure(figure, theme)
    drawing = cache.get(key)
    if drawing is None:
        drawing = cache[key] = draw_figure(figure, theme)
        while len(cache) > SIZE:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return drawing


def clear() -> None:
    """Forget the drawings of this thread."""
    _new_cache()


def _new_cache() -> OrderedDict:
    _local.drawings = OrderedDict()
    return _local.drawings
