"""Norms in words: the robust norm and the kwetsbaar limit of an indicator, with their direction, in Dutch
('≥ € 24,00', '≤ 2,0 km', '10,0% tot 40,0%'). Used by the handreiking and the overview alike.
"""

from __future__ import annotations

from robuust_docs import fmt
from robuust_docs.content import Indicator, Norm


def threshold_text(ind: Indicator, norm: Norm | None, which: str) -> str:
    if norm is None:
        return fmt.NO_DATA
    value = getattr(norm, which)
    if isinstance(value, tuple):
        low, high = (fmt.by_unit(v, ind.eenheid, ind.decimalen) for v in value)
        return f"{low} tot {high}"
    return fmt.by_unit(value, ind.eenheid, ind.decimalen)


def norm_text(ind: Indicator, norm: Norm | None) -> str:
    """The robust norm with its direction: '≥ € 24,00', '≤ 2,0 km', '10,0% tot 40,0%'."""
    if norm is None:
        return fmt.NO_DATA
    text = threshold_text(ind, norm, "robuust")
    return {"hoger": f"≥ {text}", "lager": f"≤ {text}"}.get(ind.richting, text)


def weak_text(ind: Indicator, norm: Norm | None) -> str:
    """The kwetsbaar limit with its direction: '< € 18,00', '> 5,0 km', 'buiten 5,0% tot 50,0%'."""
    if norm is None:
        return fmt.NO_DATA
    text = threshold_text(ind, norm, "kwetsbaar")
    return {"hoger": f"< {text}", "lager": f"> {text}"}.get(ind.richting, f"buiten {text}")
