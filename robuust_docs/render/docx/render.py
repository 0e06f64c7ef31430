"""`render_docx`: a Report into a Word file through the docxtpl template; the only module that renders with docxtpl.

The template is rendered in a sandboxed Jinja environment with autoescape on, so `&`, `<` and quotes in the
data come out as typed, and with limits on what the template may do and how much (`sandbox.py`); a status's
`opgemaakt` is formatted text (its colour, bold) for `{{r … }}`. The template is opened only after its zip
passed the size limits (`sanitize.py`). Afterwards (python-docx, in `finish.py`) the table of contents is filled
with linked entries and estimated page numbers, blocks are kept together across page breaks, external links the
template brought along are taken out, and the document properties are set to the generation time, which also
dates the entries of the zip file (so `SOURCE_DATE_EPOCH` gives byte-identical files).
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from dataclasses import fields, is_dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, Listing, RichText
from jinja2 import TemplateError as JinjaTemplateError
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from robuust_docs.errors import Problem, RenderError, TemplateError
from robuust_docs.files import clean_text, typeset_text
from robuust_docs.render.charts import drawing_to_png
from robuust_docs.render.charts.cache import cached_drawing
from robuust_docs.render.docx.finish import finish_document
from robuust_docs.render.docx.sandbox import TemplateSandbox
from robuust_docs.render.docx.sanitize import drop_external_links, package_problems
from robuust_docs.render.theme import Theme
from robuust_docs.render.timestamp import generation_time
from robuust_docs.report.model import Figuur
from robuust_docs.status import Status

FIGURE_WIDTH = Mm(155)


class AltInlineImage(InlineImage):
    """docxtpl's InlineImage with alt text (`descr`) on the picture, for screen readers."""

    def __init__(self, tpl, image_descriptor, width=None, alt: str = ""):
        super().__init__(tpl, image_descriptor, width=width)
        self.alt = alt

    def _insert_image(self):
        xml = super()._insert_image()
        descr = _attribute(self.alt)
        return re.sub(
            r"<wp:docPr ([^>]*?)(/?)>", lambda m: f'<wp:docPr {m.group(1)} descr="{descr}"{m.group(2)}>', xml, count=1
        )


def _attribute(text: str) -> str:
    text = clean_text(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render_docx(report, template: Path, theme: Theme) -> bytes:
    """The Word file for a report model (any frozen dataclass with a `meta` property), as bytes."""
    generated = generation_time()
    tpl = _open_template(template)
    context = {f.name: _convert(getattr(report, f.name), tpl, theme) for f in fields(report)}
    env = TemplateSandbox(type(report))
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except UndefinedError as exc:
        raise TemplateError(
            "Het Word-sjabloon gebruikt een veld dat niet bestaat", (Problem(template.name, str(exc.message)),)
        ) from None
    except SecurityError:
        raise TemplateError(
            "Het Word-sjabloon probeert iets dat niet is toegestaan",
            (Problem(template.name, "onveilige expressie in het sjabloon"),),
        ) from None
    except JinjaTemplateError as exc:
        raise TemplateError("Het Word-sjabloon bevat een fout", (Problem(template.name, str(exc)),)) from None
    except (TypeError, ValueError, ArithmeticError, RecursionError, MemoryError) as exc:
        raise TemplateError(
            "Het Word-sjabloon kan niet worden ingevuld", (Problem(template.name, f"{type(exc).__name__}: {exc}"),)
        ) from None
    _check_rich_text(tpl, template)
    finish_document(tpl.docx, report.meta, generated, theme)
    drop_external_links(tpl.docx)
    return _package(tpl.docx, generated)


def _check_rich_text(tpl: DocxTemplate, template: Path) -> None:
    """Formatted text (`opgemaakt`) put in with `{{ … }}` instead of `{{r … }}` lands inside a text element,
    which Word refuses to open; say so rather than write a broken file."""
    parts = [part.element for part in tpl.docx.part.package.iter_parts() if hasattr(part, "element")]
    for root in parts:
        for text in root.iter(qn("w:t")):
            if len(text):
                raise TemplateError(
                    "Het Word-sjabloon zet opgemaakte tekst op een plek voor gewone tekst",
                    (
                        Problem(
                            template.name,
                            "gebruik een veld 'opgemaakt' als {{r veld }} (met r), niet als {{ veld }}",
                            value="".join(text.itertext())[:60],
                        ),
                    ),
                )


STORED_SUFFIXES = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
)  # compressed already: deflating them again costs time, saves nothing


class _Parts:
    """Collects what python-docx's package writer would put in the zip, in its order."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.entries.append((pack_uri.membername, blob))

    def close(self) -> None:
        pass


def _package(document, when: _dt.datetime) -> bytes:
    """The Word file as one zip written once: the parts python-docx would write, in its order, every entry dated
    `when`, XML deflated and images stored. (python-docx's own `save` deflates everything with its own dates, so
    we had to write the zip a second time; together a tenth of the Word file's time.) A python-docx whose writer
    has other internals gets its own `save`, re-dated afterwards."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = _Parts()
    try:
        PackageWriter._write_content_types_stream(parts, package.parts)
        PackageWriter._write_pkg_rels(parts, package.rels)
        PackageWriter._write_parts(parts, package.parts)
    except AttributeError:
        buffer = io.BytesIO()
        document.save(buffer)
        return _dated_zip(buffer.getvalue(), when)
    stamp = _zip_stamp(when)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in parts.entries:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED_SUFFIXES) else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, blob)
    return out.getvalue()


def _zip_stamp(when: _dt.datetime) -> tuple[int, ...]:
    return max(when.astimezone(_dt.UTC), _dt.datetime(1980, 1, 1, tzinfo=_dt.UTC)).timetuple()[:6]


def _dated_zip(data: bytes, when: _dt.datetime) -> bytes:
    """The same zip with every entry dated `when` (the zip format starts in 1980), in the same order."""
    stamp = _zip_stamp(when)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = item.external_attr
            target.writestr(entry, source.read(item))
    return out.getvalue()


class _Template(DocxTemplate):
    """docxtpl's template whose `patch_xml` (a pure text transformation of a part's XML before Jinja sees it, eight
    thousand characters of regular expressions over the whole body) runs once per process for each part: every
    library's document starts from the same XML."""

    _patched: dict[str, str] = {}

    def patch_xml(self, src_xml: str) -> str:
        patched = self._patched.get(src_xml)
        if patched is None:
            if len(self._patched) >= PATCHED_PARTS:
                self._patched.clear()
            patched = self._patched[src_xml] = super().patch_xml(src_xml)
        return patched

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's (a tab, newline, \\a or \\f in a text becomes a tab, line break, paragraph or page break),
        applied only to the paragraphs that have one: docxtpl's own walks every run and text of every paragraph
        through Python callbacks (8,8 ms for a handreiking's body; this 3,5) and leaves a paragraph without them
        as it was. A paragraph is given to docxtpl's on its own, where its pattern finds exactly that paragraph."""
        resolve = super().resolve_listing
        return _PARAGRAPH.sub(lambda m: resolve(m.group(0)) if _LISTING.search(m.group(0)) else m.group(0), xml)


PATCHED_PARTS = 16  # body, headers and footers of a template or two
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # docxtpl's, in resolve_listing
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")  # a text (no "<" in it) with what docxtpl resolves


class _Compiling(_Template):
    """The template as `render_docx` renders it, each part's XML compiled by the environment and not rendered."""

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        jinja_env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml))  # the source docxtpl's own compiles
        return src_xml


def warm_template(template: Path, model: type) -> None:
    """Compile the parts of the Word template `template` for the report model `model` now, as `render_docx`
    will (issue 18): in a process that would otherwise wait (the PDF's process of one document, while the input is
    read), so that the process that renders the Word file finds the code in the user's cache (sandbox.py), and this
    one in memory. A template that cannot be opened or compiled is left to `render_docx`, which says why."""
    try:
        tpl = _open_template(template, _Compiling)
        env = TemplateSandbox(model)
        env.autoescape = True  # as docxtpl's render sets it for `autoescape=True`
        tpl.build_xml({}, env)
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _ in tpl.build_headers_footers_xml({}, uri, env):
                pass
        tpl.render_properties({}, env)
        tpl.render_footnotes({}, env)
    except Exception:  # noqa: BLE001, S110 (render_docx reports every problem of the template)
        pass


def _open_template(template: Path, kind: type[DocxTemplate] = _Template) -> DocxTemplate:
    problems = package_problems(template)
    if problems:
        raise TemplateError("Het Word-sjabloon kan niet worden geopend", tuple(problems))
    try:
        tpl = kind(str(template))
        tpl.init_docx()
    except Exception as exc:  # python-docx raises several types for a broken or non-Word file
        raise TemplateError(
            "Het Word-sjabloon kan niet worden geopend",
            (Problem(template.name, f"geen geldig Word-bestand (.docx) ({type(exc).__name__})"),),
        ) from None
    return tpl


def _convert(value, tpl: DocxTemplate, theme: Theme):
    """Model value → template context: dataclasses become dicts, figures images, texts XML-safe."""
    if isinstance(value, str):
        clean = typeset_text(value)
        return Listing(clean) if "\n" in clean else clean
    if isinstance(value, Status):
        return {**value.template_fields(), "opgemaakt": _status_text(value, theme)}
    if isinstance(value, Figuur):
        return _figure(value, tpl, theme)
    if isinstance(value, tuple | list):
        return [_convert(v, tpl, theme) for v in value]
    if is_dataclass(value):
        return {f.name: _convert(getattr(value, f.name), tpl, theme) for f in fields(value)}
    return value


class StatusText(RichText):
    """One run of formatted text for `{{r … }}`: docxtpl's RichText, with its properties in the order the schema
    demands (RichText writes the colour before the bold, which strict validators reject)."""

    def __init__(self, text: str, color: str, bold: bool = True):
        super().__init__()
        props = ("<w:b/><w:bCs/>" if bold else "") + f'<w:color w:val="{color}"/>'
        self.xml = f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(clean_text(text))}</w:t></w:r>'


def _status_text(status: Status, theme: Theme) -> StatusText:
    """'● Robuust' in the theme's colour of the status, bold: the look of a status in the PDF."""
    return StatusText(status.text, theme.status_colors[status.code].lstrip("#").upper())


def _figure(figure: Figuur, tpl: DocxTemplate, theme: Theme) -> dict:
    try:
        png = drawing_to_png(cached_drawing(figure, theme), theme)
    except (ValueError, OSError) as exc:
        raise RenderError("Grafiek kan niet worden getekend", (Problem("grafiek", str(exc)),)) from None
    image = AltInlineImage(tpl, io.BytesIO(png), width=FIGURE_WIDTH, alt=figure.alt)
    return {"afbeelding": image, "bijschrift": clean_text(figure.bijschrift), "alt": figure.alt}
