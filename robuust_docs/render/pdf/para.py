"""`Para`: reportlab's Paragraph without its two repeated costs (issue 18).

A handreiking has some 550 paragraphs (table cells included), and a profile of the PDF showed two costs that repeat
without need:

* **Parsing the markup.** reportlab parses every paragraph's mini-HTML with Python's `html.parser` when the object
  is made. The same text in the same style recurs within a document and across the libraries a worker renders
  (boilerplate, headings, table headers, status words); `Para` keeps the parse of each (text, style) per process and
  gives a new paragraph copies of the fragments.
* **Wrapping twice.** Platypus asks a paragraph for its height more than once at the same width (keep-with-next,
  tables, the frame): half of all `wrap` calls in the sample. The line breaking only depends on the width, so
  `Para.wrap` returns the last result when the width is the same and the lines are still the ones it made.

Both keep the PDF byte for byte the same (tests/render/test_pdf.py compares the documents with and without).
"""

from __future__ import annotations

from reportlab.platypus.paragraph import Paragraph

PARSED_LIMIT = 8000  # distinct (text, style) pairs kept per process: a few MB, the same for 40 or 500 libraries
_PARSED: dict[tuple, tuple] = {}


class Para(Paragraph):
    def _setup(self, text, style, bullet_text, frags, cleaner):
        if frags is not None:
            super()._setup(text, style, bullet_text, frags, cleaner)
            return
        key = (text, id(style), self.caseSensitive, bullet_text)
        hit = _PARSED.get(key)
        if hit is None or hit[0] is not style:  # (an id can be reused by a new style once the old one is gone)
            super()._setup(text, style, bullet_text, None, cleaner)
            if len(_PARSED) >= PARSED_LIMIT:
                del _PARSED[next(iter(_PARSED))]
            _PARSED[key] = (style, self.style, tuple(f.clone() for f in self.frags), self.text, self.bulletText)
            return
        _, self.style, parsed, self.text, self.bulletText = hit
        self.frags = [f.clone() for f in parsed]
        self.debug = 0

    def wrap(self, avail_width, avail_height):
        last = getattr(self, "_wrapped", None)
        if last is not None and last[0] == avail_width and last[1] is getattr(self, "blPara", None):
            return last[2]
        result = super().wrap(avail_width, avail_height)
        self._wrapped = (avail_width, getattr(self, "blPara", None), result)
        return result
