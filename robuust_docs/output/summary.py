"""`write_summary`: OUT/overzicht.xlsx, one row per document of a run, formatted for reading.

A guide per municipality (`generate --per-gemeente`) gets a row of its own, with the municipality in its column.
Columns: id, name, municipality, category, run status, the status per building block (symbol, word and a light
fill in the status colour of the theme), the key indicators, the files and the problems. The header row is frozen
and filtered; columns are sized to fit. It is written like every other file (`write_outputs`): a workbook someone
edited is kept and the new one goes beside it (`overzicht (nieuw).xlsx`), unless `force`.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from robuust_docs.output.folder import Written, write_outputs
from robuust_docs.render import Theme
from robuust_docs.status import Status

if TYPE_CHECKING:
    from openpyxl.styles import PatternFill

SUMMARY = "overzicht.xlsx"
RUN_STATUS = {"klaar": Status.ROBUST, "mislukt": Status.WEAK}  # fills of the run's result column
TINT = 0.85  # fills are the status colour mixed with this much white
RESULT_COLUMN = 4  # 0-based: the run's result, then the building blocks (the fills start here)


def write_summary(out: Path, outcomes, content, theme: Theme, meta: dict | None = None, force: bool = False) -> Written:
    """Write OUT/overzicht.xlsx for `outcomes` (app.Outcome); returns what was written (maybe beside an edit)."""
    modules = [m.naam for m in content.modules]
    figures = [m.indicatoren[0].naam for m in content.modules if m.indicatoren]
    header = ["Id", "Bibliotheek", "Gemeente", "Categorie", "Resultaat", *modules, *figures, "Bestanden", "Meldingen"]
    from openpyxl import Workbook  # here, not at the top: a run of one library writes no overview (cold start)

    book = Workbook()
    sheet = book.active
    sheet.title = "Overzicht"
    sheet.append(header)
    fills = []
    for o in outcomes:
        statuses = dict(o.modules)
        values = dict(o.key_figures)
        notes = [str(p) for p in o.problems] + list(o.notes)
        sheet.append(
            [
                o.library_id,
                o.name,
                getattr(o, "municipality", ""),
                o.category,
                o.status,
                *(statuses[m].text if m in statuses else "" for m in modules),
                *(values.get(f, "") for f in figures),
                ", ".join(o.files),
                "\n".join(notes),
            ]
        )
        fills.append([RUN_STATUS.get(o.status), *(statuses.get(m) for m in modules)])
    _format(sheet, len(header), fills, theme)
    buffer = io.BytesIO()
    book.save(buffer)
    [written] = write_outputs(out, "_overzicht", None, {SUMMARY: buffer.getvalue()}, meta or {}, force, "overzicht")
    return written


def _tint(color: str) -> str:
    """'#2E7D32' → 'E0EBE0': the colour mixed with white, as an openpyxl fill colour."""
    channels = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "".join(f"{round(c + (255 - c) * TINT):02X}" for c in channels)


def _fill(color: str) -> PatternFill:
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor=_tint(color))


def _format(sheet, columns: int, fills: list[list[Status | None]], theme: Theme) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True, color=theme.primary.lstrip("#"))
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=theme.track.lstrip("#"))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = sheet.dimensions
    for row, statuses in zip(sheet.iter_rows(min_row=2), fills, strict=True):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for offset, status in enumerate(statuses):
            cell = row[RESULT_COLUMN + offset]
            if status is not None:
                cell.fill = _fill(theme.status_colors[status.code])
            elif offset == 0:
                cell.fill = PatternFill("solid", fgColor=theme.track.lstrip("#"))
    for index in range(1, columns + 1):
        letter = get_column_letter(index)
        longest = max((len(str(c.value or "").split("\n")[0]) for c in sheet[letter]), default=8)
        sheet.column_dimensions[letter].width = min(max(10, longest + 2), 60)
