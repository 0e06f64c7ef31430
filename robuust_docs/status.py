"""The one status vocabulary: `Status`, with its code, Dutch label, shape symbol, order and score.

Every stage uses these members: the assessment decides them, the report model carries them (table cells too),
the renderers colour and draw them, the content's sentences are keyed by their `code`, and the theme's colours by
the same code. Nothing parses a label back into a status.
"""

from __future__ import annotations

from enum import Enum


class Status(Enum):
    """A status of an indicator or building block; the symbol means colour is never the only carrier."""

    ROBUST = ("robuust", "Robuust", "●", 0, 2)
    ATTENTION = ("aandachtspunt", "Aandachtspunt", "▲", 1, 1)
    WEAK = ("kwetsbaar", "Kwetsbaar", "■", 2, 0)
    NO_DATA = ("geen_gegevens", "Geen gegevens", "○", 3, None)

    def __init__(self, code: str, label: str, symbol: str, order: int, score: int | None):
        self.code = code
        self.label = label
        self.symbol = symbol
        self.order = order
        self.score = score

    @property
    def text(self) -> str:
        """'● Robuust': symbol and label, as a table cell shows it."""
        return f"{self.symbol} {self.label}"

    @classmethod
    def from_code(cls, code: str) -> Status:
        return _BY_CODE[code]

    def template_fields(self) -> dict[str, str]:
        """What the Word template sees of a status: `{{ m.status.symbool }} {{ m.status.label }}` as plain text, or
        `{{r m.status.opgemaakt }}`, symbol and label in the status colour and bold (the Word renderer turns
        `opgemaakt` into formatted text; here it is the plain '● Robuust')."""
        return {"code": self.code, "label": self.label, "symbool": self.symbol, "opgemaakt": self.text}


_BY_CODE = {s.code: s for s in Status}
CODES = tuple(s.code for s in Status)
TEMPLATE_FIELDS = ("code", "label", "symbool", "opgemaakt")
