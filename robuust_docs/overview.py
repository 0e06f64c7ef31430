"""`write_overview`: OUT/overzicht.xlsx, one row per library of a run, formatted for reading.

Columns: id, name, category, run status, the status per building block (with a symbol and a fill colour), the
key indicators, the files and the problems. The header row is frozen and filtered; columns are sized to fit.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .output import atomic_write
from .report import STATUS

FILLS = {"Robuust": "DCEFDC", "Aandachtspunt": "FCEBD0", "Kwetsbaar": "F6D5D3", "Geen gegevens": "ECECEC",
         "klaar": "DCEFDC", "overgeslagen": "E6E9EE", "mislukt": "F6D5D3"}
SYMBOLS = {s.label: s.symbool for s in STATUS.values()}


def write_overview(out: Path, outcomes, prepared) -> Path:
    modules = [m.naam for m in prepared.content.modules]
    figures = [m.indicatoren[0].naam for m in prepared.content.modules if m.indicatoren]
    header = ["Id", "Bibliotheek", "Categorie", "Resultaat", *modules, *figures, "Bestanden", "Meldingen"]
    book = Workbook()
    sheet = book.active
    sheet.title = "Overzicht"
    sheet.append(header)
    for o in outcomes:
        statuses = dict(o.modules)
        values = dict(o.key_figures)
        notes = [str(p) for p in o.problems] + list(o.notes)
        sheet.append([o.library_id, o.name, o.category, o.status,
                      *(f"{SYMBOLS.get(statuses.get(m, ''), '')} {statuses.get(m, '')}".strip() for m in modules),
                      *(values.get(f, "") for f in figures), ", ".join(o.files), "\n".join(notes)])
    _format(sheet, len(header), len(modules))
    buffer = io.BytesIO()
    book.save(buffer)
    target = out / "overzicht.xlsx"
    atomic_write(target, buffer.getvalue())
    return target


def _format(sheet, columns: int, module_count: int) -> None:
    bold = Font(bold=True, color="1F4E79")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="E6E9EE")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            label = str(cell.value or "").lstrip("●▲■○ ").strip()
            if 4 <= cell.column <= 4 + module_count and label in FILLS:
                cell.fill = PatternFill("solid", fgColor=FILLS[label])
    for index in range(1, columns + 1):
        letter = get_column_letter(index)
        longest = max((len(str(c.value or "").split("\n")[0]) for c in sheet[letter]), default=8)
        sheet.column_dimensions[letter].width = min(max(10, longest + 2), 60)
