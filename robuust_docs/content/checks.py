"""Cross-checks of a loaded content set: ids that must exist, rules covering the whole range, and formulas and
placeholders that name known fields. Each problem names the file and key; all are returned together.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import fields, is_dataclass
from pathlib import Path

from robuust_docs.content.contexts import sample_sentence_context, sample_story_context
from robuust_docs.content.fill import TextError, fill
from robuust_docs.content.records import WSOB_FUNCTIONS, Content
from robuust_docs.content.variables import VARIABLES
from robuust_docs.errors import Problem
from robuust_docs.files import MAX_TEXT_CHARS, text_too_long
from robuust_docs.status import CODES as STATUSES

_ID = re.compile(r"^[a-z0-9_]+$")


def check_content(content: Content, content_dir: Path, unreadable: set[str] = frozenset()) -> list[Problem]:
    """Every cross-reference problem in `content`; an empty list when all is well.

    References into a file that could not be read (`unreadable`) are not checked: each would only repeat that
    file's own problem. Everything else is still checked, so one broken file hides nothing unrelated.
    """
    known = _Known(content, unreadable)
    return [
        *_check_ids(content),
        *(_check_category_rules(content) if known.readable("categorieen.yaml") else []),
        *_check_indicators(content, known),
        *(_check_stories(content) if known.readable("modules.yaml") else []),
        *_check_themes(content, known),
        *_check_programmes(content, known),
        *_check_practices(content, known),
        *_check_impact(content, known),
        *_check_lengths(content),
    ]


class _Known:
    """The ids defined in each content file, or None for a file that could not be read."""

    def __init__(self, content: Content, unreadable: set[str]):
        self.unreadable = unreadable
        self.ids = {
            "categorieen.yaml": {c.id for c in content.categories},
            "modules.yaml": {m.id for m in content.modules},
            "themas.yaml": {t.id for t in content.themes},
            "programmas.yaml": {p.id for p in content.programmes},
            "impact.yaml": {f.id for f in content.impact},
        }

    def readable(self, file: str) -> bool:
        return file not in self.unreadable

    def unknown(self, file: str, key: str, ids, source: str, what: str, extra: set[str] = frozenset()):
        """Problems for `ids` not defined in `source` (none when `source` could not be read)."""
        if not self.readable(source):
            return []
        known = self.ids[source] | set(extra)
        return [Problem(file, f"onbekende {what}", key=key, value=i) for i in ids if i not in known]


def _check_ids(content: Content) -> list[Problem]:
    problems = []
    groups = [
        ("categorieen.yaml", "categorieen", [c.id for c in content.categories]),
        ("modules.yaml", "modules", [m.id for m in content.modules]),
        ("modules.yaml", "indicatoren", [i.id for i in content.indicators]),
        ("themas.yaml", "themas", [t.id for t in content.themes]),
        ("programmas.yaml", "programmas", [p.id for p in content.programmes]),
        ("praktijken/", "praktijken", [p.id for p in content.practices]),
        ("impact.yaml", "impact", [f.id for f in content.impact]),
    ]
    for file, key, ids in groups:
        for ident, n in Counter(ids).items():
            if n > 1:
                problems.append(Problem(file, f"id komt {n} keer voor", key=f"{key}.id", value=ident))
        problems += [
            Problem(file, "id mag alleen kleine letters, cijfers en _ bevatten", key=f"{key}.id", value=i)
            for i in ids
            if i and not _ID.match(i)
        ]
    return problems


def _check_category_rules(content: Content) -> list[Problem]:
    """The rules must cover [0, ∞) without gaps or overlaps."""
    cats = sorted(content.categories, key=lambda c: c.van)
    if not cats:
        return [Problem("categorieen.yaml", "geen categorieën gedefinieerd", key="categorieen")]
    problems = []
    if cats[0].van != 0:
        problems.append(
            Problem(
                "categorieen.yaml",
                "de eerste categorie moet bij 0 inwoners beginnen",
                key=f"{cats[0].id}.regel.inwoners_van",
                value=cats[0].van,
            )
        )
    for before, after in zip(cats, cats[1:], strict=False):
        if before.tot is None or before.tot > after.van:
            problems.append(
                Problem(
                    "categorieen.yaml",
                    f"overlapt met categorie '{after.id}'",
                    key=f"{before.id}.regel.inwoners_tot",
                    value=before.tot,
                )
            )
        elif before.tot < after.van:
            problems.append(
                Problem(
                    "categorieen.yaml",
                    f"gat tussen {before.tot:,.0f} en {after.van:,.0f} inwoners".replace(",", "."),
                    key=f"{after.id}.regel.inwoners_van",
                    value=after.van,
                )
            )
        if before.tot is not None and before.tot <= before.van:
            problems.append(
                Problem(
                    "categorieen.yaml",
                    "inwoners_tot moet groter zijn dan inwoners_van",
                    key=f"{before.id}.regel",
                    value=before.tot,
                )
            )
    if cats[-1].tot is not None:
        problems.append(
            Problem(
                "categorieen.yaml",
                "de laatste categorie mag geen bovengrens hebben",
                key=f"{cats[-1].id}.regel.inwoners_tot",
                value=cats[-1].tot,
            )
        )
    return problems


def _check_indicators(content: Content, known: _Known) -> list[Problem]:
    problems = []
    categories = known.ids["categorieen.yaml"] if known.readable("categorieen.yaml") else None
    sample = sample_sentence_context()
    for ind in content.indicators:
        key = f"{ind.module}.{ind.id}"
        for name in sorted(ind.formule.names - set(VARIABLES)):
            problems.append(
                Problem(
                    "modules.yaml",
                    "formule noemt een onbekende variabele (zie docs/inhoud.md)",
                    key=f"{key}.formule",
                    value=name,
                )
            )
        if categories is not None:
            for category in sorted(categories - set(ind.normen)):
                problems.append(
                    Problem("modules.yaml", f"norm ontbreekt voor categorie '{category}'", key=f"{key}.normen")
                )
            problems += known.unknown(
                "modules.yaml", f"{key}.normen", sorted(ind.normen), "categorieen.yaml", "categorie"
            )
        problems += _check_text(
            ind.zinnen, sorted(set(STATUSES) | set(ind.zinnen)), sample, "modules.yaml", f"{key}.zinnen"
        )
    return problems


def _check_text(texts: dict[str, str], keys, context: dict, file: str, path: str) -> list[Problem]:
    problems = []
    for k in keys:
        if len(texts.get(k, "")) > MAX_TEXT_CHARS:
            continue  # reported once, by _check_lengths
        try:
            fill(texts.get(k, ""), context)
        except TextError as exc:
            problems.append(Problem(file, str(exc), key=f"{path}.{k}"))
    return problems


def _check_stories(content: Content) -> list[Problem]:
    context = sample_story_context([i.id for i in content.indicators])
    problems = []
    for cat in content.categories:
        if cat.verhaal:
            problems += _check_text({"verhaal": cat.verhaal}, ["verhaal"], context, f"verhalen/{cat.id}.md", cat.id)
    return problems


def _check_themes(content: Content, known: _Known) -> list[Problem]:
    problems = []
    for t in content.themes:
        problems += [
            Problem("themas.yaml", "onbekende Wsob-functie (a–e)", key=f"{t.id}.wsob_functies", value=f)
            for f in t.wsob_functies
            if f not in WSOB_FUNCTIONS
        ]
        problems += known.unknown("themas.yaml", f"{t.id}.programmas", t.programmas, "programmas.yaml", "programma")
        problems += known.unknown("themas.yaml", f"{t.id}.impact", t.impact, "impact.yaml", "impact-id")
    return problems


def _check_programmes(content: Content, known: _Known) -> list[Problem]:
    return [
        p
        for prog in content.programmes
        for p in known.unknown("programmas.yaml", f"{prog.id}.themas", prog.themas, "themas.yaml", "thema")
    ]


def _check_practices(content: Content, known: _Known) -> list[Problem]:
    problems = []
    for p in content.practices:
        file = p.file or f"praktijken/{p.id}.yaml"
        problems += known.unknown(file, "categorieen", p.categorieen, "categorieen.yaml", "categorie", {"alle"})
        problems += known.unknown(file, "modules", p.modules, "modules.yaml", "bouwsteen")
        problems += known.unknown(file, "themas", p.themas, "themas.yaml", "thema")
        problems += known.unknown(file, "impact", p.impact, "impact.yaml", "impact-id")
        if p.programma:
            problems += known.unknown(file, "programma", [p.programma], "programmas.yaml", "programma")
    return problems


def _check_impact(content: Content, known: _Known) -> list[Problem]:
    problems = []
    for f in content.impact:
        problems += known.unknown("impact.yaml", f"{f.id}.themas", f.themas, "themas.yaml", "thema")
        if not f.bron:
            problems.append(Problem("impact.yaml", "elk impactfeit heeft een bron nodig", key=f"{f.id}.bron"))
    return problems


# Where each kind of record comes from; a practice knows its own file, a story is checked when it is read.
_FILES = {
    "categories": "categorieen.yaml",
    "modules": "modules.yaml",
    "themes": "themas.yaml",
    "programmes": "programmas.yaml",
    "practices": "praktijken/",
    "impact": "impact.yaml",
    "conversation": "gesprek.yaml",
    "findings": "bevindingen.yaml",
    "costs": "kosten.yaml",
}


def _check_lengths(content: Content) -> list[Problem]:
    """Every text longer than MAX_TEXT_CHARS (a description of pages and pages cuts a Word file off and makes
    the PDF layout crawl), named by its file and key (`aan_huis_service.beschrijving`)."""
    problems = []
    for name, file in _FILES.items():
        value = getattr(content, name, ())
        for record in value if isinstance(value, tuple) else (value,):
            where = getattr(record, "file", None) or file
            problems += _long_texts(record, where, getattr(record, "id", ""))
    return problems


def _long_texts(value: object, file: str, key: str) -> list[Problem]:
    if isinstance(value, str):
        return [Problem(file, text_too_long(len(value)), key=key)] if len(value) > MAX_TEXT_CHARS else []
    if is_dataclass(value):
        parts = ((f.name, getattr(value, f.name)) for f in fields(value))
        return [p for name, part in parts for p in _long_texts(part, file, f"{key}.{name}".lstrip("."))]
    if isinstance(value, tuple | list):
        return [
            p
            for index, item in enumerate(value)
            for p in _long_texts(item, file, f"{key}.{item.id}" if getattr(item, "id", "") else f"{key}[{index}]")
        ]
    if isinstance(value, dict):
        return [p for k, item in value.items() for p in _long_texts(item, file, f"{key}.{k}")]
    return []
