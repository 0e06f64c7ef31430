"""The house style shared by the PDF and the charts: colours, fonts and logo from `templates/thema.yaml`.

Fonts are TrueType files in `templates/fonts/`; `register_fonts` registers them with reportlab once per
process, so every glyph in the PDF comes from an embedded open-licence font (never Helvetica).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from robuust_docs.errors import Problem, TemplateError
from robuust_docs.files import read_yaml
from robuust_docs.status import CODES

FAMILY = "RobuustSans"
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
OPTIONAL_COLORS = {"papier": "#FAFAF7", "lijn": "#B8C2CC", "vak": "#C9DAEA"}  # keys a theme may leave out


@dataclass(frozen=True)
class Theme:
    primary: str
    accent: str
    text: str
    light: str
    track: str
    band: str
    status_colors: dict[str, str]
    distance_colors: tuple[str, ...]
    font_files: dict[str, Path]
    logo: Path | None
    paper: str = OPTIONAL_COLORS["papier"]  # the map's background
    rule: str = OPTIONAL_COLORS["lijn"]  # lines between table rows
    box: str = OPTIONAL_COLORS["vak"]  # the quartile box of a distribution
    font: str = FAMILY
    font_bold: str = FAMILY + "-Bold"
    font_italic: str = FAMILY + "-Italic"
    font_bold_italic: str = FAMILY + "-BoldItalic"


def load_theme(templates: Path) -> Theme:
    """Read and check `thema.yaml`; every problem is reported at once as a TemplateError."""
    path = templates / "thema.yaml"
    problems: list[Problem] = []
    data = read_yaml(path, problems)
    if problems:
        raise TemplateError("Huisstijl onleesbaar", tuple(problems))
    if not isinstance(data, dict):
        raise TemplateError(
            "Huisstijl onleesbaar", (Problem(path.name, "verwacht een blok met kleuren, lettertype en logo"),)
        )
    colors = data.get("kleuren") or {}
    fonts = data.get("lettertype") or {}

    def color(key: str) -> str:
        value = str(colors.get(key, OPTIONAL_COLORS.get(key, "")))
        if not _HEX.match(value):
            problems.append(Problem(path.name, "verwacht een kleur als #1F4E79", key=f"kleuren.{key}", value=value))
            return "#000000"
        return value

    files = {}
    for key in ("normaal", "vet", "cursief", "vetcursief"):
        file = templates / "fonts" / str(fonts.get(key, ""))
        if not file.is_file():
            problems.append(
                Problem(
                    path.name,
                    f"lettertypebestand niet gevonden in {templates / 'fonts'}",
                    key=f"lettertype.{key}",
                    value=fonts.get(key),
                )
            )
        files[key] = file
    distance = colors.get("afstand") or []
    if not isinstance(distance, list) or len(distance) != 4 or not all(_HEX.match(str(c)) for c in distance):
        problems.append(Problem(path.name, "verwacht vier kleuren", key="kleuren.afstand", value=distance))
        distance = ["#2E7D32", "#9CBF3B", "#E3A72F", "#B3261E"]
    logo = templates / str(data["logo"]) if data.get("logo") else None
    if logo is not None and not logo.is_file():
        problems.append(Problem(path.name, "logobestand niet gevonden", key="logo", value=data.get("logo")))
    theme = Theme(
        color("primair"),
        color("accent"),
        color("tekst"),
        color("licht"),
        color("spoor"),
        color("band"),
        {k: color(k) for k in CODES},
        tuple(str(c) for c in distance),
        files,
        logo,
        color("papier"),
        color("lijn"),
        color("vak"),
    )
    if problems:
        raise TemplateError("De huisstijl (thema.yaml) bevat fouten", tuple(problems))
    return theme


_registered: set[str] = set()


def register_fonts(theme: Theme) -> None:
    """Register the theme's TrueType fonts with reportlab (idempotent)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    key = str(theme.font_files["normaal"])
    if key in _registered:
        return
    names = {
        "normaal": theme.font,
        "vet": theme.font_bold,
        "cursief": theme.font_italic,
        "vetcursief": theme.font_bold_italic,
    }
    for style, name in names.items():
        pdfmetrics.registerFont(TTFont(name, str(theme.font_files[style])))
    addMapping(theme.font, 0, 0, theme.font)
    addMapping(theme.font, 1, 0, theme.font_bold)
    addMapping(theme.font, 0, 1, theme.font_italic)
    addMapping(theme.font, 1, 1, theme.font_bold_italic)
    _registered.add(key)
