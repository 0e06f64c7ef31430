"""Word: the handreiking and the overview as editable, properly styled Word files. `render_docx` renders a
report model through its docxtpl template (sandboxed, autoescaped) and finishes it with python-docx (table of
contents, alt texts, properties, external links removed); `check_template` finds broken and unknown fields and
everything a template may not do first, `template_warnings` the external links that are left out.
"""

from robuust_docs.render.docx.render import render_docx, warm_template
from robuust_docs.render.docx.template_check import check_template, template_problems, template_warnings

__all__ = ["check_template", "render_docx", "template_problems", "template_warnings", "warm_template"]
