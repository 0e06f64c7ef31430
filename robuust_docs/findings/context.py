"""The names a rule of `bevindingen.yaml` sees: the variables of the library (or of one municipality), its
indicators with their norms, kwetsbaar limits and peer medians, and the cost model; and the names its texts see.
The lists of allowed names are `content.variables.rule_names`; this module fills them for one library.
"""

from __future__ import annotations

from robuust_docs import fmt
from robuust_docs.analysis import LibraryAnalysis, MunicipalityAnalysis
from robuust_docs.content import Content
from robuust_docs.content.variables import PROGRAMME_PREFIX, TREND_FIGURES
from robuust_docs.schema import SCHOOL_BRANCH_TYPE

FAR_KM = 5.0  # a neighbourhood farther than this from a volwaardige vestiging is named as far
NAMED_FAR = 3  # at most this many far neighbourhoods are named


def library_variables(lib: LibraryAnalysis, content: Content) -> dict[str, float | None]:
    """Everything a library-level rule may use."""
    return {**_own(lib), **_prefixed(lib, content)}


def _own(lib: LibraryAnalysis) -> dict[str, float | None]:
    """The library's own figures, its number of peers and its years (the names without a dot)."""
    history = lib.history
    years = {
        "jaren": float(len(history.years)) if history else 1.0,
        "eerste_jaar": float(history.first) if history else None,
    }
    return {**lib.variables, "peers": float(lib.peers), **years}


def municipality_variables(lib: LibraryAnalysis, muni: MunicipalityAnalysis, content: Content) -> dict:
    """Everything a municipality-level rule may use: its own figures first, the library's as `bibliotheek.*`."""
    others = [m for m in lib.municipalities if m.code != muni.code]
    subsidy = [m.variables.get("subsidie") for m in others]
    inhabitants = [m.variables.get("inwoners") for m in others]
    known = others and all(v is not None for v in subsidy + inhabitants) and sum(inhabitants) > 0
    return {
        **muni.variables,
        **{f"bibliotheek.{k}": v for k, v in _own(lib).items() if "." not in k},
        "overige.subsidie_per_inwoner": sum(subsidy) / sum(inhabitants) if known else None,
        # the lowest of the others: a municipality is only "far below the others" when it is below each of them
        "overige.laagste_subsidie_per_inwoner": min(
            (
                m.variables["subsidie_per_inwoner"]
                for m in others
                if m.variables.get("subsidie_per_inwoner") is not None
            ),
            default=None,
        ),
        "aantal_gemeenten": float(len(lib.municipalities)),
        **_prefixed(lib, content),
    }


_last: list[tuple] = [(None, None, {})]  # (library, content, values) that `_prefixed` gave last: one tuple, so
# that a thread reads a consistent triple (a Dask worker may render in several threads)


def _prefixed(lib: LibraryAnalysis, content: Content) -> dict[str, float | None]:
    """The indicator, norm, median, cost and trend names of `lib` (the names with a dot). The rules, the asks
    and the practices of one library ask for them a dozen times (once per municipality and ask), so the values
    for the library seen last are kept: the analysis and the content are frozen, and holding them here keeps
    them alive, so the same objects are the same values. Callers copy the dict, never change it."""
    seen_lib, seen_content, values = _last[0]
    if seen_lib is lib and seen_content is content:
        return values
    values = _prefixed_values(lib, content)
    _last[0] = (lib, content, values)
    return values


def _prefixed_values(lib: LibraryAnalysis, content: Content) -> dict[str, float | None]:
    values: dict[str, float | None] = {}
    results = {r.indicator: r for m in lib.modules for r in m.indicators}
    for ind in content.indicators:
        norm = ind.normen.get(lib.category.id)
        values[f"indicator.{ind.id}"] = lib.values.get(ind.id)
        values[f"norm.{ind.id}"] = _scalar(norm.robuust) if norm else None
        values[f"kwetsbaar.{ind.id}"] = _scalar(norm.kwetsbaar) if norm else None
        values[f"mediaan.{ind.id}"] = results[ind.id].median if ind.id in results else None
    values.update({f"kosten.{c.id}": c.bedrag for c in content.costs})
    running = set(lib.rows.programmes)
    values.update({f"{PROGRAMME_PREFIX}.{p.id}": float(p.id in running) for p in content.programmes})
    values.update(trend_variables(lib, [i.id for i in content.indicators]))
    return values


def trend_variables(lib: LibraryAnalysis, indicator_ids) -> dict[str, float | None]:
    """verandering.<x>, verandering_vorig_jaar.<x> (percent) and dalende_jaren.<x>; None with one year."""
    history = lib.history
    values: dict[str, float | None] = {}
    for name in (*indicator_ids, *TREND_FIGURES):
        first = history.since_first(name) if history else None
        previous = history.since_previous(name) if history else None
        # "since <first year>" in a text is then true for every figure
        values[f"verandering.{name}"] = first.relative if first and first.start == history.first else None
        values[f"verandering_vorig_jaar.{name}"] = previous.relative if previous else None
        values[f"dalende_jaren.{name}"] = float(history.falling_years(name)) if first else None
    return values


def _scalar(threshold) -> float | None:
    """A norm as one number; a band has none (a rule about a band uses the figure itself)."""
    return None if isinstance(threshold, tuple) else float(threshold)


def text_names(lib: LibraryAnalysis, muni: MunicipalityAnalysis | None) -> dict[str, str]:
    """The names a finding's texts may use besides its facts."""
    names = {
        "bibliotheek": "de bibliotheek",
        "jaar": str(lib.history.last) if lib.history else str(lib.rows.record["jaar"]),
        "eerste_jaar": str(lib.history.first)
        if lib.history
        else str(lib.rows.record["jaar"]),  # the documents name the library once, then say "de bibliotheek"
        "gemeenten": fmt.join([m.name for m in lib.municipalities]),
        "gemeenten_zonder_volwaardig": fmt.join([m.name for m in lib.municipalities if m.access.full_count == 0]),
        "verre_buurten": far_neighbourhoods(lib.proximity),
        "locaties": fmt.join([str(n) for n in lib.rows.branches["naam"]]),
        "locaties_op_school": _at_school(lib.rows.branches),
    }
    if muni is not None:
        own = lib.rows.branches[lib.rows.branches["gemeente_code"] == muni.code]
        names.update(
            gemeente=muni.name,
            verre_buurten=far_neighbourhoods(muni.proximity),
            locaties=fmt.join([str(n) for n in own["naam"]]),
            locaties_op_school=_at_school(own),
        )
    return names


def _at_school(branches) -> str:
    """The names of the locations of the type "bibliotheek op school" among `branches`, joined."""
    return fmt.join([str(n) for n in branches.loc[branches["type"] == SCHOOL_BRANCH_TYPE, "naam"]])


def far_neighbourhoods(proximity) -> str:
    """'Oosterhoek (7,2 km), Zuidveen (6,8 km) en Ees (6,1 km)': the farthest from a volwaardige vestiging."""
    if proximity is None:
        return ""
    far = [p for p in proximity.farthest_full if p.afstand_km > FAR_KM][:NAMED_FAR]
    return fmt.join([f"{p.naam} ({fmt.km(p.afstand_km)})" for p in far])
