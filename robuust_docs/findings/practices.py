"""`match_practices`: the best practices that fix what this library needs, each with the reason in plain words.

A practice names what it improves (`verbetert`: indicator ids and finding ids) and its preconditions
(`voorwaarde`, e.g. a bibliobus needs a wide area with far kernen). It is chosen when one of its targets is a
finding of this library or an indicator that is kwetsbaar or an aandachtspunt here, and its preconditions hold; a
practice whose targets are all robust, of a programme the library already runs, or for another category is left
out. A practice without targets is chosen for a policy theme of the municipalities alone.

Points (documented in docs/inhoud.md): 6 per critical finding it addresses, 4 per important one, 1 per other; 3 per
kwetsbaar indicator, 2 per aandachtspunt; 2 per policy theme of the municipalities; 1 when its category is named.
"""

from __future__ import annotations

from robuust_docs import fmt
from robuust_docs.analysis import LibraryAnalysis
from robuust_docs.content import Content, Practice
from robuust_docs.findings.context import library_variables
from robuust_docs.findings.model import Finding, PracticeMatch
from robuust_docs.status import Status

LIMIT = 4
FINDING_POINTS = {"kritiek": 6, "belangrijk": 4, "ter_informatie": 1}
STATUS_POINTS = {Status.WEAK: 3, Status.ATTENTION: 2}
CLEAR_MISS = 0.05  # an aandachtspunt counts as a reason only when it misses its norm by 5% or more


def match_practices(
    lib: LibraryAnalysis,
    content: Content,
    findings: tuple[Finding, ...],
    themes: dict[str, list[str]],
    limit: int = LIMIT,
) -> tuple[PracticeMatch, ...]:
    """The `limit` best-scoring practices for `lib`; `themes` maps a theme id to the municipalities that named it.
    Ties keep the content's order (file name)."""
    variables = library_variables(lib, content)
    running = set(lib.rows.programmes)
    results = {r.indicator: r for m in lib.modules for r in m.shown}
    matches = []
    for practice in content.practices:
        if not practice.fits(lib.category.id) or (practice.programma and practice.programma in running):
            continue
        if practice.voorwaarde is not None and not practice.voorwaarde.holds(variables):
            continue
        match = _match(practice, lib, content, findings, results, themes)
        if match is not None:
            matches.append(match)
    matches.sort(key=lambda m: -m.score)
    return tuple(matches[:limit])


def _match(practice: Practice, lib, content: Content, findings, results, themes) -> PracticeMatch | None:
    targets = set(practice.verbetert)
    addressed = tuple(dict.fromkeys(f.rule for f in findings if f.rule in targets and not f.check))
    weak = tuple(i for i in practice.verbetert if i in results and _clearly_missed(results[i], lib, content))
    shared = tuple(t for t in practice.themas if t in themes)
    if targets and not addressed and not weak:
        return None  # every target is robust here, or does not apply
    if not targets and not shared:
        return None
    score = sum(FINDING_POINTS[f.severity] for f in _first_per_rule(findings, addressed))
    score += sum(STATUS_POINTS[results[i].status] for i in weak) + 2 * len(shared)
    score += lib.category.id in practice.categorieen
    reason = _reason(lib, content, findings, addressed, weak, shared, themes)
    return PracticeMatch(practice, score, reason, addressed, weak, shared)


def _clearly_missed(result, lib, content: Content) -> bool:
    """Kwetsbaar, or an aandachtspunt at least `CLEAR_MISS` below (or above) the norm: a near miss is no reason.
    For a band only the low side counts: a practice adds (volunteers, activities), so it is no answer to a figure
    that is too high (more volunteers per fte than the band is a reason for staff, not for more volunteers)."""
    if result.status not in (Status.WEAK, Status.ATTENTION) or result.value is None:
        return False
    ind = next(i for i in content.indicators if i.id == result.indicator)
    norm = ind.normen.get(lib.category.id)
    if ind.richting == "band":
        return norm is not None and result.value < norm.robuust[0]
    if result.status is Status.WEAK:
        return True
    if norm is None or not norm.robuust:
        return True
    gap = (norm.robuust - result.value) if ind.richting == "hoger" else (result.value - norm.robuust)
    return gap / abs(norm.robuust) >= CLEAR_MISS


def _first_per_rule(findings, rules) -> list[Finding]:
    return [next(f for f in findings if f.rule == r) for r in rules]


def _reason(lib, content: Content, findings, addressed, weak, shared, themes) -> str:
    """'Gekozen omdat … . Het past bij het beleidsthema … (Gemeente)' (one municipality: 'bij het beleidsthema …
    van de gemeente'): the strongest targets first, with their figures."""
    shown = _first_per_rule(findings, addressed)[:2]
    because = [f.reason for f in shown]
    covered = set().union(*(f.indicators for f in shown))  # a finding already says what its indicator shows
    if len(because) < 2:
        because += [_indicator_reason(lib, content, i) for i in weak if i not in covered][: 2 - len(because)]
    parts = []
    if because:
        parts.append(f"Gekozen omdat {' en omdat '.join(because)}.")
    theme_names = content.theme_by_id()
    if shared:
        several = len(lib.municipalities) > 1
        named = [theme_names[t].naam + (f" ({fmt.join(themes[t])})" if several else "") for t in shared[:2]]
        label = "het beleidsthema" if len(named) == 1 else "de beleidsthema's"
        whose = "" if several else " van de gemeente"  # after the names: 'het beleidsthema Gezondheid van de gemeente'
        parts.append(f"Het past bij {label} {fmt.join(named)}{whose}.")
    return " ".join(parts)


def _indicator_reason(lib: LibraryAnalysis, content: Content, indicator_id: str) -> str:
    """'het cijfer voor openingsuren met personeel per 10.000 inwoners (5,4) onder de norm van 18,0 ligt'."""
    ind = next(i for i in content.indicators if i.id == indicator_id)
    norm = ind.normen.get(lib.category.id)
    value = fmt.by_unit(lib.values.get(ind.id), ind.eenheid, ind.decimalen)
    name = ind.naam[:1].lower() + ind.naam[1:]
    if norm is None:
        return f"het cijfer voor {name} ({value}) aandacht vraagt"
    if ind.richting == "band":
        low, high = (fmt.by_unit(v, ind.eenheid, ind.decimalen) for v in norm.robuust)
        return f"het cijfer voor {name} ({value}) buiten de bandbreedte van {low} tot {high} valt"
    threshold = fmt.by_unit(norm.robuust, ind.eenheid, ind.decimalen)
    side = "onder" if ind.richting == "hoger" else "boven"
    return f"het cijfer voor {name} ({value}) {side} de norm van {threshold} ligt"
