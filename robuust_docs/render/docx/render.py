"""`render_docx`: a Report into a Word file through the docxtpl template; the only module that renders with docxtpl.

The template is rendered in a sandboxed Jinja environment with autoescape on, so `&`, `<` and quotes in the
data come out as typed, and with limits on what the template may do and how much (`sandbox.py`). The template
is opened only after its zip passed the size limits (`sanitize.py`). Afterwards (python-docx, in
`docx_finish.py`) the table of contents is filled with linked entries, charts get their alt text, the core
properties are set, and external links the template brought along are taken out.
"""

from __future__ import annotations

import io
import re
from dataclasses import fields, is_dataclass
from pathlib import Path

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, Listing
from jinja2 import TemplateError as JinjaTemplateError
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from robuust_docs.errors import Problem, RenderError, TemplateError
from robuust_docs.files import clean_text
from robuust_docs.render.charts import draw_figure, drawing_to_png
from robuust_docs.render.docx.finish import finish_document
from robuust_docs.render.docx.sandbox import TemplateSandbox
from robuust_docs.render.docx.sanitize import drop_external_links, package_problems
from robuust_docs.render.theme import Theme
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
    finish_document(tpl.docx, report.meta)
    drop_external_links(tpl.docx)
    buffer = io.BytesIO()
    tpl.docx.save(buffer)
    return buffer.getvalue()


def _open_template(template: Path) -> DocxTemplate:
    problems = package_problems(template)
    if problems:
        raise TemplateError("Het Word-sjabloon kan niet worden geopend", tuple(problems))
    try:
        tpl = DocxTemplate(str(template))
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
        clean = clean_text(value)
        return Listing(clean) if "\n" in clean else clean
    if isinstance(value, Status):
        return value.template_fields()
    if isinstance(value, Figuur):
        return _figure(value, tpl, theme)
    if isinstance(value, tuple | list):
        return [_convert(v, tpl, theme) for v in value]
    if is_dataclass(value):
        return {f.name: _convert(getattr(value, f.name), tpl, theme) for f in fields(value)}
    return value


def _figure(figure: Figuur, tpl: DocxTemplate, theme: Theme) -> dict:
    try:
        png = drawing_to_png(draw_figure(figure, theme), theme)
    except (ValueError, OSError) as exc:
        raise RenderError("Grafiek kan niet worden getekend", (Problem("grafiek", str(exc)),)) from None
    image = AltInlineImage(tpl, io.BytesIO(png), width=FIGURE_WIDTH, alt=figure.alt)
    return {"afbeelding": image, "bijschrift": clean_text(figure.bijschrift), "alt": figure.alt}
