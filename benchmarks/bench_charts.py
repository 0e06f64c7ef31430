"""The cost of the charts and maps, per figure, over every sample library.

For each kind of figure: building its data (`report/figures.py`: axes, outlines simplified with shared borders,
label points), drawing it (`render/charts/`: projection, clipping, label placement), embedding it in a PDF page
(reportlab) and rasterising it to PNG for Word (`render/charts/png.py`, 150 dpi). Also the reading of the outline
file and, with the real CBS/PDOK file next to the checkout, the national overview map of 342 municipalities.
Prints the median and the largest time per figure in milliseconds. Run from the repository root:

    python benchmarks/bench_charts.py
"""

from __future__ import annotations

import datetime
import io
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.graphics import renderPDF  # noqa: E402

from robuust_docs.app import Settings, prepare  # noqa: E402
from robuust_docs.inputs.geo import read_outlines  # noqa: E402
from robuust_docs.overview.build import build_overview  # noqa: E402
from robuust_docs.overview.figures import status_map  # noqa: E402
from robuust_docs.overview.scope import make_scope  # noqa: E402
from robuust_docs.render.charts import draw_figure, drawing_to_png  # noqa: E402
from robuust_docs.report import build_report  # noqa: E402
from robuust_docs.report.figures import map_figure  # noqa: E402

PDOK = next(  # CBS/Kadaster via PDOK, CC BY 4.0, next to the checkout (not part of the project)
    (p for up in (ROOT.parent, ROOT.parent.parent) if (p := up / "shared/data/pdok/gemeente_2025.geojson").is_file()),
    ROOT.parent / "shared/data/pdok/gemeente_2025.geojson",
)


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, (time.perf_counter() - start) * 1000


def measure(figure, theme, times: dict, kind: str) -> None:
    drawing, ms = timed(draw_figure, figure, theme)
    times[kind, "tekenen"].append(ms)
    _, ms = timed(lambda: renderPDF.drawToString(drawing))
    times[kind, "pdf"].append(ms)
    _, ms = timed(drawing_to_png, drawing, theme)
    times[kind, "png"].append(ms)


def on_real_municipalities(scope, outlines):
    """The sample's libraries moved onto the real municipality nearest to each of theirs (by box centre), so the
    national map shows all 342 real outlines with the sample's statuses (a benchmark, not a fact)."""
    centres = {c: ((o.bbox[0] + o.bbox[2]) / 2, (o.bbox[1] + o.bbox[3]) / 2) for c, o in outlines.by_code.items()}
    libraries = []
    for lib in scope.libraries:
        hoods = lib.rows.neighbourhoods
        codes = []
        for code in lib.rows.municipalities["code"]:
            own = hoods[hoods["gemeente_code"] == code]
            at = (own["lon"].astype(float).mean(), own["lat"].astype(float).mean()) if len(own) else (5.3, 52.1)
            codes.append(min(centres, key=lambda c: (centres[c][0] - at[0]) ** 2 + (centres[c][1] - at[1]) ** 2))
        rows = replace(lib.rows, municipalities=lib.rows.municipalities.assign(code=codes))
        libraries.append(replace(lib, rows=rows))
    return replace(scope, libraries=tuple(libraries))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        prepared = prepare(Settings(ROOT / "data", ROOT / "templates", Path(tmp)))
    theme, times = prepared.theme, defaultdict(list)
    _, ms = timed(read_outlines, ROOT / "data" / "gemeenten.geojson")
    times["grenzen lezen (voorbeeld)", "data"].append(ms)
    for lib in prepared.analysis.libraries.values():
        report = build_report(lib, prepared.content, prepared.report_settings)
        figure, ms = timed(map_figure, lib)
        times["kaart", "data"].append(ms)
        measure(figure, theme, times, "kaart")
        measure(report.samenvatting.figuur, theme, times, "profiel")
        for module in report.bouwstenen:
            measure(module.figuur, theme, times, "staven")
    scope = make_scope(prepared, None, False)
    figure, ms = timed(status_map, scope, prepared.dataset.outlines)
    times["landkaart (voorbeeld)", "data"].append(ms)
    measure(figure, theme, times, "landkaart (voorbeeld)")
    if PDOK.is_file():
        outlines, ms = timed(read_outlines, PDOK)
        times["grenzen lezen (PDOK, 342)", "data"].append(ms)
        figure, ms = timed(status_map, on_real_municipalities(scope, outlines), outlines)
        times["landkaart (PDOK, 342)", "data"].append(ms)
        measure(figure, theme, times, "landkaart (PDOK, 342)")
    _, ms = timed(build_overview, prepared, None, False, datetime.date.today())
    times["landelijk beeld, model", "data"].append(ms)
    out = io.StringIO()
    out.write(f"{'figuur':28} {'stap':8} {'n':>4} {'mediaan ms':>11} {'max ms':>8}\n")
    for (kind, step), values in times.items():
        out.write(f"{kind:28} {step:8} {len(values):4d} {statistics.median(values):11.1f} {max(values):8.1f}\n")
    print(out.getvalue(), end="")


if __name__ == "__main__":
    main()
