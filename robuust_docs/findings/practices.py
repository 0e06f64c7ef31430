"""`match_practices`: rank the best practices for one library, each with the reason it was chosen.

Points (documented in docs/inhoud.md): 3 per weak module the practice addresses, 2 per module that is a point
of attention, 2 per policy theme of the library's municipalities, 1 when the category is named explicitly.
Practices of programmes the library already runs, and practices for other categories, are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from robuust_docs.content import Content, Practice
from robuust_docs.status import Status

LIMIT = 5


@dataclass(frozen=True)
class Match:
    practice: Practice
    score: int
    weak_modules: tuple[str, ...]
    attention_modules: tuple[str, ...]
    themes: tuple[str, ...]


def match_practices(
    category_id: str,
    module_status: dict[str, Status],
    themes: set[str],
    programmes: set[str],
    content: Content,
    limit: int = LIMIT,
) -> tuple[Match, ...]:
    """The `limit` best-scoring practices; ties keep the content's order (file name)."""
    matches = []
    for practice in content.practices:
        if not practice.fits(category_id) or (practice.programma and practice.programma in programmes):
            continue
        weak = tuple(m for m in practice.modules if module_status.get(m) is Status.WEAK)
        attention = tuple(m for m in practice.modules if module_status.get(m) is Status.ATTENTION)
        shared = tuple(t for t in practice.themas if t in themes)
        score = 3 * len(weak) + 2 * len(attention) + 2 * len(shared) + (category_id in practice.categorieen)
        if weak or attention or shared:
            matches.append(Match(practice, score, weak, attention, shared))
    matches.sort(key=lambda m: -m.score)
    return tuple(matches[:limit])
