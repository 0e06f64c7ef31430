"""Cross-checks of a loaded content set: ids that must exist, rules covering the whole range, and formulas and
placeholders that name known fields. Each problem names the file and key; all are returned together.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .content import STATUSES, WSOB_FUNCTIONS, Content
from .contexts import sample_sentence_context, sample_story_context
from .errors import Problem
from .indicators import VARIABLES
from .texts import TextError, fill

_ID = re.compile(r"^[a-z0-9_]+$")


def check_content(content: Content, content_dir: Path) -> list[Problem]:
    """Every cross-reference problem in `content`; an empty list when all is well."""
    return [
        *_check_ids(content),
        *_check_category_rules(content),
        *_check_indicators(content),
        *_check_stories(content),
        *_check_themes(content),
        *_check_programmes(content),
        *_check_practices(content),
        *_check_impact(content),
    ]


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
        problems += [Problem(file, "id mag alleen kleine letters, cijfers en _ bevatten", key=f"{key}.id",
                             value=i) for i in ids if i and not _ID.match(i)]
    return problems


def _check_category_rules(content: Content) -> list[Problem]:
    """The rules must cover [0, ∞) without gaps or overlaps."""
    cats = sorted(content.categories, key=lambda c: c.van)
    if not cats:
        return [Problem("categorieen.yaml", "geen categorieën gedefinieerd", key="categorieen")]
    problems = []
    if cats[0].van != 0:
        problems.append(Problem("categorieen.yaml", "de eerste categorie moet bij 0 inwoners beginnen",
                                key=f"{cats[0].id}.regel.inwoners_van", value=cats[0].van))
    for before, after in zip(cats, cats[1:], strict=False):
        if before.tot is None or before.tot > after.van:
            problems.append(Problem("categorieen.yaml", f"overlapt met categorie '{after.id}'",
                                    key=f"{before.id}.regel.inwoners_tot", value=before.tot))
        elif before.tot < after.van:
            problems.append(Problem("categorieen.yaml",
                                    f"gat tussen {before.tot:,.0f} en {after.van:,.0f} inwoners".replace(",", "."),
                                    key=f"{after.id}.regel.inwoners_van", value=after.van))
        if before.tot is not None and before.tot <= before.van:
            problems.append(Problem("categorieen.yaml", "inwoners_tot moet groter zijn dan inwoners_van",
                                    key=f"{before.id}.regel", value=before.tot))
    if cats[-1].tot is not None:
        problems.append(Problem("categorieen.yaml", "de laatste categorie mag geen bovengrens hebben",
                                key=f"{cats[-1].id}.regel.inwoners_tot", value=cats[-1].tot))
    return problems


def _check_indicators(content: Content) -> list[Problem]:
    problems = []
    categories = {c.id for c in content.categories}
    sample = sample_sentence_context()
    for ind in content.indicators:
        key = f"{ind.module}.{ind.id}"
        for name in sorted(ind.formule.names - set(VARIABLES)):
            problems.append(Problem("modules.yaml", "formule noemt een onbekende variabele (zie docs/inhoud.md)",
                                    key=f"{key}.formule", value=name))
        for category in sorted(categories - set(ind.normen)):
            problems.append(Problem("modules.yaml", f"norm ontbreekt voor categorie '{category}'",
                                    key=f"{key}.normen"))
        for category in sorted(set(ind.normen) - categories):
            problems.append(Problem("modules.yaml", "norm voor een onbekende categorie",
                                    key=f"{key}.normen", value=category))
        problems += _check_text(ind.zinnen, STATUSES, sample, "modules.yaml", f"{key}.zinnen")
    return problems


def _check_text(texts: dict[str, str], keys, context: dict, file: str, path: str) -> list[Problem]:
    problems = []
    for k in keys:
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


def _unknown(file: str, key: str, ids, known: set[str], what: str) -> list[Problem]:
    return [Problem(file, f"onbekende {what}", key=key, value=i) for i in ids if i not in known]


def _check_themes(content: Content) -> list[Problem]:
    programmes = {p.id for p in content.programmes}
    impact = {f.id for f in content.impact}
    problems = []
    for t in content.themes:
        problems += _unknown("themas.yaml", f"{t.id}.wsob_functies", t.wsob_functies, set(WSOB_FUNCTIONS),
                             "Wsob-functie (a–e)")
        problems += _unknown("themas.yaml", f"{t.id}.programmas", t.programmas, programmes, "programma")
        problems += _unknown("themas.yaml", f"{t.id}.impact", t.impact, impact, "impact-id")
    return problems


def _check_programmes(content: Content) -> list[Problem]:
    themes = {t.id for t in content.themes}
    return [p for prog in content.programmes
            for p in _unknown("programmas.yaml", f"{prog.id}.themas", prog.themas, themes, "thema")]


def _check_practices(content: Content) -> list[Problem]:
    categories = {c.id for c in content.categories} | {"alle"}
    modules = {m.id for m in content.modules}
    themes = {t.id for t in content.themes}
    programmes = {p.id for p in content.programmes}
    impact = {f.id for f in content.impact}
    problems = []
    for p in content.practices:
        file = p.file or f"praktijken/{p.id}.yaml"
        problems += _unknown(file, "categorieen", p.categorieen, categories, "categorie")
        problems += _unknown(file, "modules", p.modules, modules, "bouwsteen")
        problems += _unknown(file, "themas", p.themas, themes, "thema")
        problems += _unknown(file, "impact", p.impact, impact, "impact-id")
        if p.programma:
            problems += _unknown(file, "programma", [p.programma], programmes, "programma")
    return problems


def _check_impact(content: Content) -> list[Problem]:
    themes = {t.id for t in content.themes}
    problems = []
    for f in content.impact:
        problems += _unknown("impact.yaml", f"{f.id}.themas", f.themas, themes, "thema")
        if not f.bron:
            problems.append(Problem("impact.yaml", "elk impactfeit heeft een bron nodig", key=f"{f.id}.bron"))
    return problems
