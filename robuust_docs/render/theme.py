"""The house style shared by the PDF and the charts: colours, fonts and logo from `templates/thema.yaml`.

Fonts are TrueType files in `templates/fonts/`; `register_fonts` registers them with reportlab once per
process, so every glyph in the PDF comes from an embedded open-licence font (never Helvetica).

`load_theme` checks every file the theme names before a run, so that no library fails on it later: the logo and
the fonts must lie inside the templates folder (no `../`, no absolute path, no link out of it), be regular files
within `MAX_LOGO_BYTES` / `MAX_FONT_BYTES`, and be what they claim: a PNG or JPEG of at most `MAX_LOGO_PIXELS`
pixels that decodes completely (a decompression bomb is refused from its header, before it is unpacked), and a
TrueType font that reportlab can embed and Pillow can draw with.
"""

from __future__ import annotations

import re
import warnings
import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath

from robuust_docs.errors import Problem, TemplateError
from robuust_docs.files import read_yaml
from robuust_docs.status import CODES

FAMILY = "RobuustSans"
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
OPTIONAL_COLORS = {"papier": "#FAFAF7", "lijn": "#B8C2CC", "vak": "#C9DAEA"}  # keys a theme may leave out
MAX_LOGO_BYTES = 10 << 20  # the logo file
MAX_LOGO_PIXELS = 25_000_000  # width × height; a cover logo of 6 × 3 cm needs well under a million
LOGO_FORMATS = {"PNG": "PNG", "JPEG": "JPG"}
MAX_FONT_BYTES = 30 << 20  # one TrueType file; Liberation Sans is 0,4 MB, a full CJK font about 20 MB


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
        file = _inside(templates / "fonts", fonts.get(key), path.name, f"lettertype.{key}", problems)
        if file is not None:
            _check_font(file, path.name, f"lettertype.{key}", fonts.get(key), problems)
        files[key] = file if file is not None else templates / "fonts" / "ontbreekt.ttf"
    distance = colors.get("afstand") or []
    if not isinstance(distance, list) or len(distance) != 4 or not all(_HEX.match(str(c)) for c in distance):
        problems.append(Problem(path.name, "verwacht vier kleuren", key="kleuren.afstand", value=distance))
        distance = ["#2E7D32", "#9CBF3B", "#E3A72F", "#B3261E"]
    logo = None
    if data.get("logo"):
        logo = _inside(templates, data["logo"], path.name, "logo", problems)
        if logo is not None and not _check_logo(logo, path.name, data["logo"], problems):
            logo = None
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


def _inside(folder: Path, value, file: str, key: str, problems: list[Problem]) -> Path | None:
    """`folder / value` when `value` names an existing regular file inside `folder`; else a Problem and None."""
    text = str(value or "").strip()
    windows = PureWindowsPath(text)
    if not text:
        problems.append(Problem(file, f"geen bestandsnaam opgegeven; zet het bestand in {folder}", key=key))
        return None
    if PurePosixPath(text).is_absolute() or windows.is_absolute() or windows.drive or ".." in windows.parts:
        problems.append(
            Problem(
                file,
                f"verwacht een bestandsnaam in {folder} (geen volledig pad en geen '..'); zet het bestand in die map",
                key=key,
                value=value,
            )
        )
        return None
    candidate = folder / text
    try:
        inside = candidate.resolve(strict=True).is_relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError):
        problems.append(Problem(file, f"bestand niet gevonden in {folder}", key=key, value=value))
        return None
    if not inside:
        problems.append(
            Problem(
                file,
                f"het bestand is een koppeling naar buiten {folder}; zet het bestand zelf in de map",
                key=key,
                value=value,
            )
        )
        return None
    if not candidate.is_file():
        problems.append(Problem(file, f"is geen gewoon bestand in {folder}", key=key, value=value))
        return None
    return candidate


def _check_logo(logo: Path, file: str, value, problems: list[Problem]) -> bool:
    """True when the logo is a PNG or JPEG within the size limits that decodes completely."""
    from PIL import Image, UnidentifiedImageError

    def refuse(message: str) -> bool:
        problems.append(Problem(file, message, key="logo", value=value))
        return False

    size = logo.stat().st_size
    if size > MAX_LOGO_BYTES:
        return refuse(f"het logo is groter dan {MAX_LOGO_BYTES >> 20} MB ({size / (1 << 20):.1f} MB)".replace(".", ","))
    too_big = f"het logo heeft te veel beeldpunten (ten hoogste {MAX_LOGO_PIXELS:_}); verklein het".replace("_", ".")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(logo) as image:
                if image.format not in LOGO_FORMATS:
                    return refuse(f"het logo moet een PNG- of JPG-bestand zijn, niet {image.format}")
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    return refuse(f"{too_big}: het is {width} × {height}")
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return refuse(too_big)
    except UnidentifiedImageError:
        return refuse("het logo is geen afbeelding (verwacht een PNG- of JPG-bestand)")
    except (OSError, SyntaxError, ValueError, MemoryError) as exc:
        return refuse(f"het logo is beschadigd of onvolledig ({type(exc).__name__})")
    return True


def _check_font(font: Path, file: str, key: str, value, problems: list[Problem]) -> None:
    """A Problem unless `font` is a TrueType font within the size limit that reportlab can embed and Pillow draw."""
    from PIL import ImageFont
    from reportlab.pdfbase.ttfonts import TTFontFace

    stat = font.stat()
    if stat.st_size > MAX_FONT_BYTES:
        problems.append(
            Problem(file, f"het lettertypebestand is groter dan {MAX_FONT_BYTES >> 20} MB", key=key, value=value)
        )
        return
    try:
        face = TTFontFace(str(font), validate=1)
        ImageFont.truetype(str(font), 10)
    except Exception as exc:  # reportlab raises TTFError and plain errors (struct, index) for a broken file
        reason = (
            "de licentie van het lettertype staat inbedden in een PDF niet toe"
            if "embed" in str(exc)
            else "het bestand is beschadigd of geen TrueType-bestand"
        )
        problems.append(Problem(file, f"geen bruikbaar TrueType-lettertype (.ttf): {reason}", key=key, value=value))
        return
    if len(_checked) >= MAX_CHECKED_FACES:
        _checked.clear()
    _checked[_face_key(font, stat)] = face


# The fonts the theme's check parsed, for `register_fonts` to use instead of parsing them again: reading a TrueType
# file's tables is 8 ms a font, and one document from a cold start checked and then registered all four (issue 18).
# Keyed by path, size and modification time, so a file changed in between is parsed anew; each face is used once.
_checked: dict[tuple[str, int, int], object] = {}
MAX_CHECKED_FACES = 8


def _face_key(font: Path, stat=None) -> tuple[str, int, int]:
    stat = stat or font.stat()
    return (str(font), stat.st_size, stat.st_mtime_ns)


def _checked_face(font: Path):
    """The face `_check_font` parsed of `font` as it is now, taken out of `_checked`; else None."""
    try:
        return _checked.pop(_face_key(font), None)
    except OSError:
        return None


_registered: set[str] = set()


@lru_cache(maxsize=1)
def _remembering(ttfont: type) -> type:
    """reportlab's TTFont, remembering per document how it split each text into the font's subsets.

    reportlab maps every drawn string to subset codes character by character (`splitString`), some 1.600 times per
    handreiking, mostly the same texts (labels, headings, status words). A character's code, once given in a
    document, never changes, so the split of a text it has seen is the same every time; the font keeps it in the
    document's own memo, which goes with the document (issue 18; tests/render/test_caches.py compares the PDFs
    with reportlab's own)."""

    class RememberingTTFont(ttfont):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.splits = weakref.WeakKeyDictionary()  # document → _Splits, gone with the document

        @classmethod
        def parsed(cls, name: str, filename: str, face) -> RememberingTTFont:
            """The font `cls(name, filename)` makes, from the face `_check_font` parsed of that file: reportlab's
            TTFont.__init__ without parsing it again (tests/render/test_caches.py compares the two)."""
            from fnmatch import fnmatch

            from reportlab import rl_config
            from reportlab.pdfbase.ttfonts import TTEncoding

            font = cls.__new__(cls)
            font.fontName = name
            face.validate = 0  # as reportlab's own parse records it (only the parse reads it: checksums)
            font.face = face
            font.encoding = TTEncoding()
            font.state = weakref.WeakKeyDictionary()
            font._asciiReadable = rl_config.ttfAsciiReadable
            font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
            font.splits = weakref.WeakKeyDictionary()
            return font

        def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 (reportlab's name)
            memo = self.splits.get(doc)
            if memo is None:
                memo = self.splits[doc] = _Splits()
            split = memo.get(text)
            if split is None:
                split = memo[text] = memo.known(text, self.state.get(doc)) or super().splitString(text, doc, encoding)
            return split

    return RememberingTTFont


class _Splits(dict):
    """One document's splits of one font (text → split), and the codes its characters got so far.

    A text not seen before mostly has characters that were (a new sentence, a new number): reportlab would walk
    it character by character in Python; `known` translates it in one call instead, with the same result, when
    every character already has its code and all of them are in the first subset (as in practice: a document
    uses fewer than 200 characters per font). Anything else (a new character, a second subset) is reportlab's."""

    def __init__(self) -> None:
        super().__init__()
        self.table: dict[int, int] = {}  # character → its code, where the code is in subset 0
        self.chars: set[str] = set()  # the characters of `table`
        self.seen = 0  # how many of the state's assignments `table` holds

    def known(self, text: str, state) -> list | None:
        if state is None or not text:
            return None
        assignments = state.assignments  # (reportlab's: character → code, in the order they were given)
        if len(assignments) != self.seen:
            for code, n in list(assignments.items())[self.seen :]:
                if n < 256:
                    self.table[code] = n
                    self.chars.add(chr(code))
            self.seen = len(assignments)
            if 32 in self.table:
                self.table[0xA0] = self.table[32]  # reportlab draws a no-break space as a space
                self.chars.add("\xa0")
        if not self.chars.issuperset(text):
            return None
        return [(0, text.translate(self.table).encode("latin-1"))]


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
    font = _remembering(TTFont)
    for style, name in names.items():
        path = theme.font_files[style]
        face = _checked_face(path) if hasattr(font, "parsed") else None
        pdfmetrics.registerFont(font(name, str(path)) if face is None else font.parsed(name, str(path), face))
    addMapping(theme.font, 0, 0, theme.font)
    addMapping(theme.font, 1, 0, theme.font_bold)
    addMapping(theme.font, 0, 1, theme.font_italic)
    addMapping(theme.font, 1, 1, theme.font_bold_italic)
    _registered.add(key)
