"""The house style's files are checked before a run: a logo or font only from inside the templates folder, of a
sane size, and really an image or a TrueType font. Decompression bombs are refused from their header."""

from __future__ import annotations

import os
import shutil
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from robuust_docs.errors import TemplateError
from robuust_docs.render import load_theme
from robuust_docs.render import theme as theme_module

ROOT = Path(__file__).resolve().parents[2]


def write_png(path: Path, width: int, height: int) -> Path:
    """A 1-bit black PNG of any size, written row by row: 30.000 × 30.000 pixels in about 100 KB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b""))
    return path


@pytest.fixture()
def templates(tmp_path) -> Path:
    folder = tmp_path / "huisstijl"
    folder.mkdir()
    shutil.copy(ROOT / "templates" / "thema.yaml", folder / "thema.yaml")
    shutil.copytree(ROOT / "templates" / "fonts", folder / "fonts")
    return folder


def _set(folder: Path, old: str, new: str) -> None:
    path = folder / "thema.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _logo(folder: Path, value: str):
    _set(folder, "logo: null", f"logo: '{value}'")
    with pytest.raises(TemplateError) as caught:
        load_theme(folder)
    (problem,) = caught.value.problems
    assert (problem.file, problem.key, problem.value) == ("thema.yaml", "logo", value)
    return problem


def test_the_default_theme_passes_every_check():
    theme = load_theme(ROOT / "templates")
    assert all(path.is_file() for path in theme.font_files.values())


def test_a_good_logo_is_accepted(templates):
    Image.new("RGB", (600, 200), "navy").save(templates / "logo.png")
    _set(templates, "logo: null", "logo: logo.png")
    assert load_theme(templates).logo == templates / "logo.png"


@pytest.mark.parametrize("size", [(30_000, 30_000), (20_000, 20_000)], ids=["decompression-bomb", "20000x20000"])
def test_a_huge_logo_is_refused_from_its_header(templates, size):
    write_png(templates / "groot.png", *size)
    started = time.process_time()
    problem = _logo(templates, "groot.png")
    assert "te veel beeldpunten" in problem.message
    assert time.process_time() - started < 5  # refused from the header, never unpacked (900 MB for the bomb)


def test_a_logo_over_our_own_pixel_limit_says_its_size(templates):
    write_png(templates / "breed.png", 6000, 5000)  # below Pillow's bomb limit, above ours
    problem = _logo(templates, "breed.png")
    assert "6000 × 5000" in problem.message


def test_a_logo_over_the_file_size_limit_is_refused(templates, monkeypatch):
    Image.new("RGB", (600, 200), "navy").save(templates / "logo.png")
    monkeypatch.setattr(theme_module, "MAX_LOGO_BYTES", 100)
    assert "groter dan" in _logo(templates, "logo.png").message


def test_a_text_file_as_logo_is_not_an_image(templates):
    shutil.copy("/etc/passwd", templates / "logo.png")
    assert "geen afbeelding" in _logo(templates, "logo.png").message


def test_a_truncated_png_is_damaged(templates):
    Image.new("RGB", (600, 200), "navy").save(templates / "logo.png")
    data = (templates / "logo.png").read_bytes()
    (templates / "logo.png").write_bytes(data[: len(data) // 2])
    assert "beschadigd of onvolledig" in _logo(templates, "logo.png").message


def test_a_gif_logo_is_refused_with_the_formats_that_work(templates):
    Image.new("P", (60, 20)).save(templates / "logo.gif")
    assert "PNG- of JPG-bestand" in _logo(templates, "logo.gif").message


@pytest.mark.parametrize("value", ["/etc/passwd", "../../../../../../etc/passwd", "fonts/../../thema.yaml"])
def test_a_logo_outside_the_templates_folder_is_refused(templates, value):
    problem = _logo(templates, value)
    assert "geen volledig pad en geen '..'" in problem.message


def test_a_link_out_of_the_templates_folder_is_refused(templates):
    os.symlink("/etc/passwd", templates / "logo.png")
    assert "koppeling naar buiten" in _logo(templates, "logo.png").message


def _font_problem(templates: Path, key: str = "lettertype.normaal"):
    with pytest.raises(TemplateError) as caught:
        load_theme(templates)
    (problem,) = caught.value.problems
    assert problem.key == key
    return problem


def test_a_broken_font_file_is_a_clear_problem(templates):
    (templates / "fonts" / "LiberationSans-Regular.ttf").write_bytes(b"\x00\x01\x00\x00" + b"kapot" * 1000)
    problem = _font_problem(templates)
    assert "geen bruikbaar TrueType-lettertype" in problem.message and problem.value == "LiberationSans-Regular.ttf"


def test_a_text_file_as_font_is_a_clear_problem(templates):
    shutil.copy("/etc/passwd", templates / "fonts" / "LiberationSans-Bold.ttf")
    assert "beschadigd of geen TrueType" in _font_problem(templates, "lettertype.vet").message


def test_a_font_outside_the_fonts_folder_is_refused(templates):
    _set(templates, "normaal: LiberationSans-Regular.ttf", "normaal: ../../../../../../usr/share/fonts/x.ttf")
    assert "geen volledig pad" in _font_problem(templates).message


def test_a_checked_font_is_registered_as_reportlab_would_make_it_without_parsing_it_again(templates):
    """`load_theme` parses every font to check it; `register_fonts` makes its fonts from those faces instead of
    parsing the files a second time (issue 18: a cold start), and they equal reportlab's own, field for field."""
    from reportlab.pdfbase.ttfonts import TTFont

    theme_module._checked.clear()
    theme = load_theme(templates)
    path = theme.font_files["normaal"]
    face = theme_module._checked_face(path)
    assert face is not None and theme_module._checked_face(path) is None  # each face is used once
    font_class = theme_module._remembering(TTFont)
    ours, theirs = font_class.parsed("Robuust", str(path), face), font_class("Robuust", str(path))
    assert vars(ours).keys() == vars(theirs).keys()
    for name, value in vars(theirs).items():
        if name == "face":
            assert vars(ours.face).keys() == vars(value).keys()
            for key, item in vars(value).items():
                mine = getattr(ours.face, key)
                assert mine(1000) == item(1000) if callable(item) else mine == item, key
        elif name in ("state", "splits", "encoding"):
            assert type(getattr(ours, name)) is type(value)
        else:
            assert getattr(ours, name) == value, name


def test_a_font_changed_after_the_check_is_parsed_anew(templates):
    theme_module._checked.clear()
    theme = load_theme(templates)
    path = theme.font_files["vet"]
    shutil.copy(theme.font_files["normaal"], path)  # another font under the same name, after the check
    assert theme_module._checked_face(path) is None
    assert theme_module._checked_face(theme.font_files["normaal"]) is not None
