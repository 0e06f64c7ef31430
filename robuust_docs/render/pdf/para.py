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
* **Wrapping the same text again.** Most paragraphs recur at the same width in other documents (the status words
  in table cells, headings, the chapters every library of a category shares): of 11.300 line breakings in 20
  sample libraries, 2.800 were distinct. A paragraph parsed from text (not the rest of a split one) keeps the lines
  reportlab made for its (text, style, width) per process and takes them on instead of breaking the lines again.
  reportlab only reads them when it draws or splits a paragraph (`split` copies the slices it takes), so the
  lines can be shared; the cache is emptied with the parse cache.

All keep the PDF byte for byte the same (tests/render/test_caches.py compares documents, rendered one after the
other, with those of reportlab's own Paragraph).
"""

from __future__ import annotations

from reportlab.platypus.paragraph import Paragraph

# The most recently used (text, style) parses and (text, style, width) lines are kept per process, the least
# recently used dropped first: the texts every library shares stay, a library's own figures make way. The limits
# hold what the sample's libraries share several times over; the memory is the same for 40 or 500 libraries.
PARSED_LIMIT = 4000
_PARSED: dict[tuple, tuple] = {}
WRAPPED_LIMIT = 3000
_WRAPPED: dict[tuple, tuple] = {}


def _keep(cache: dict, limit: int, key: tuple, value: tuple) -> None:
    while len(cache) >= limit:
        del cache[next(iter(cache))]
    cache[key] = value


class Para(Paragraph):
    def _setup(self, text, style, bullet_text, frags, cleaner):
        if frags is not None:
            super()._setup(text, style, bullet_text, frags, cleaner)
            return
        key = (text, id(style), self.caseSensitive, bullet_text)
        self._parse_key = key
        hit = _PARSED.pop(key, None)
        if hit is None or hit[0] is not style:  # (an id can be reused by a new style once the old one is gone)
            super()._setup(text, style, bullet_text, None, cleaner)
            _keep(
                _PARSED,
                PARSED_LIMIT,
                key,
                (style, self.style, tuple(f.clone() for f in self.frags), self.text, self.bulletText),
            )
            return
        _PARSED[key] = hit  # (back at the end: the least recently used go first)
        _, self.style, parsed, self.text, self.bulletText = hit
        self.frags = [f.clone() for f in parsed]
        self.debug = 0

    def wrap(self, avail_width, avail_height):
        last = getattr(self, "_wrapped", None)
        if last is not None and last[0] == avail_width and last[1] is getattr(self, "blPara", None):
            return last[2]
        key = self._wrap_key(avail_width)
        hit = _WRAPPED.get(key) if key is not None else None
        if hit is not None and hit[0] is self.style:
            _WRAPPED[key] = _WRAPPED.pop(key)  # (back at the end: the least recently used go first)
            _, made, result = hit
            self.__dict__.update(made)
            self.frags = list(made["frags"])  # (a later wrap at another width replaces the list, not our copy)
        else:
            before = dict(self.__dict__)
            result = super().wrap(avail_width, avail_height)
            if key is not None and "blPara" in self.__dict__:
                # what reportlab's wrap set on the paragraph (lines, word list, widths, height): given to the next
                made = {k: v for k, v in self.__dict__.items() if k not in before or before[k] is not v}
                made["frags"] = list(self.frags)
                _keep(_WRAPPED, WRAPPED_LIMIT, key, (self.style, made, result))
        self._wrapped = (avail_width, getattr(self, "blPara", None), result)
        return result

    def _wrap_key(self, avail_width) -> tuple | None:
        """The key of this paragraph's lines at `avail_width`: only for a paragraph as parsed from its text (the
        first wrap, before anything replaced its fragments) and without a leading of its own."""
        key = getattr(self, "_parse_key", None)
        if key is None or hasattr(self, "blPara") or hasattr(self, "autoLeading"):
            return None
        return (*key, avail_width)
