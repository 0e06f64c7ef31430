"""PDF: print-ready, tagged (PDF/UA structure, `pdftags`) documents laid out with reportlab. `render_pdf` for a
handreiking, `render_overview_pdf` for an overview; both compose `story.Story` primitives in the look of
`style.py` and lay them out with `document.render_story`.
"""

from robuust_docs.render.pdf.handreiking import render_pdf
from robuust_docs.render.pdf.overview import render_overview_pdf

__all__ = ["render_overview_pdf", "render_pdf"]
