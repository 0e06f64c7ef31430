"""Word: the handreiking and the overview as editable, properly styled Word files. `render_docx` renders a
report model through its docxtpl template (sandboxed, autoescaped) and finishes it with python-docx (table of
contents, alt texts, properties); `check_template` finds broken and unknown fields in a template first.
"""

from robuust_docs.render.docx.render import render_docx
from robuust_docs.render.docx.template_check import check_template, template_problems

__all__ = ["check_template", "render_docx", "template_problems"]
