"""PDF: print-ready, tagged (PDF/UA structure, `pdftags`) documents laid out with reportlab. `render_pdf` for a
handreiking, `render_overview_pdf` for an overview; both compose `story.Story` primitives in the look of
`style.py` and lay them out with `document.render_story`. `heading_pages` reads where the headings of a laid-out
PDF landed (the Word file's table of contents shows those page numbers).
"""

from robuust_docs.render.pdf.handreiking import render_pdf
from robuust_docs.render.pdf.overview import render_overview_pdf
from robuust_docs.render.pdf.pages import heading_pages

__all__ = ["heading_pages", "render_overview_pdf", "render_pdf"]
