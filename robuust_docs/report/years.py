"""The years behind the figures, in words and in a chart: the change of an indicator beside its value, what the
building blocks' introduction says about the years, and the trend chart of a building block.

A change is relative (percent of the first value), except for an indicator that is itself a percentage: its
change is in procentpunten (a share from 20% to 18% fell 2 procentpunten, not 10%). Money is nominal, as the
library delivered it; the texts say so.
"""

from __future__ import annotations

from robuust_docs import fmt, wording
from robuust_docs.analysis import Change, History, LibraryAnalysis, ModuleResult
from robuust_docs.content import Indicator, Module
from robuust_docs.report.figure_model import Figuur, Lijn, Maatstreep

TREND_MIN_YEARS = 3  # a trend chart needs at least this many years


def several_years(lib: LibraryAnalysis) -> bool:
    return lib.history is not None and len(lib.history.years) > 1


def year_span(lib: LibraryAnalysis) -> str:
    """'2019–2025', or '' with one year."""
    return fmt.span(lib.history.first, lib.history.last) if several_years(lib) else ""


def change_text(history: History | None, ind: Indicator) -> str:
    """'2024: +3%' and '2019: −8%' on two lines, the change since that year (the column says 'Verandering
    sinds'); one line when the previous year is the first, '' without a change."""
    if history is None or ind.id not in history.indicators:
        return ""
    previous, first = history.since_previous(ind.id), history.since_first(ind.id)
    parts = [c for c in (previous, first) if c is not None]
    if len(parts) == 2 and parts[0].start == parts[1].start:
        parts = parts[:1]
    shown = [f"{c.start}: {_amount(c, ind)}" for c in parts if _amount(c, ind)]
    return "\n".join(s for s in shown if s)


def _amount(change: Change, ind: Indicator) -> str:
    """'+3%', '−1,8 procentpunt', or 'gelijk' for a change that rounds to nothing at the precision shown (also
    −0,0); '' when a relative change cannot be computed (from zero)."""
    if ind.eenheid == "procent":
        amount, unit = fmt.signed(change.difference, 1), " procentpunt"
    elif change.relative is None:
        return ""
    else:
        amount, unit = fmt.signed(change.relative), "%"
    return "gelijk" if set(amount) <= set("0,.") else amount + unit  # fmt.signed gives zero without a sign


def years_paragraph(lib: LibraryAnalysis) -> str:
    """What the tables say about the years, that money is nominal, which years are missing and what has no
    history; '' with one year."""
    if not several_years(lib):
        return ""
    history = lib.history
    text = (
        f"De cijfers gaan over {fmt.span(history.first, history.last)}. Naast de waarde van elke indicator met "
        f"eerdere cijfers staat hoeveel die is veranderd sinds het jaar ervoor en sinds {history.first}; bij een "
        "percentage in procentpunten. Bedragen "
        "zijn nominaal: niet gecorrigeerd voor inflatie, dus een gelijk bedrag is in werkelijkheid minder waard. "
        "Locaties, openingsuren en afstanden zijn alleen van nu bekend en hebben geen verloop."
    )
    if history.missing:
        years = fmt.join([str(y) for y in history.missing])
        which = "dat jaar" if len(history.missing) == 1 else "die jaren"
        text += f" Over {years} ontbreken de cijfers van de bibliotheek; de vergelijking slaat {which} over."
    return text


def trend_figure(lib: LibraryAnalysis, module: Module, result: ModuleResult) -> Figuur | None:
    """The building block's indicators year by year, each on its own axis; None with fewer than three years or
    when no indicator shown has a value in three years. The caption says that amounts are nominal when a line is
    one."""
    history = lib.history
    if history is None or len(history.years) < TREND_MIN_YEARS:
        return None
    indicators = {i.id: i for i in module.indicatoren}
    lines, money = [], False
    for res in result.shown:
        ind = indicators[res.indicator]
        known = history.series(ind.id) if ind.id in history.indicators else []
        if len(known) < TREND_MIN_YEARS or known[-1][0] != history.last or len({v for _, v in known}) == 1:
            continue  # a line that never moves shows nothing a table does not
        ticks = (Maatstreep(history.first, str(history.first)), Maatstreep(history.last, str(history.last)))
        money = money or ind.eenheid == "euro"
        lines.append(
            Lijn(
                ind.label,
                tuple((float(y), v) for y, v in known),
                fmt.by_unit(known[0][1], ind.eenheid, ind.decimalen),
                fmt.by_unit(known[-1][1], ind.eenheid, ind.decimalen),
                ticks,
                res.status,
            )
        )
    if not lines:
        return None
    span = fmt.span(history.first, history.last)
    missing = f" Over {fmt.join([str(y) for y in history.missing])} zijn er geen cijfers." if history.missing else ""
    nominal = " Bedragen zijn nominaal." if money else ""  # said only where the chart shows an amount
    caption = f"{module.naam} per jaar, {span}: elke indicator op een eigen as, die niet bij nul begint.{nominal}"
    caption += missing
    alt = f"Verloop van de bouwsteen {module.naam}, {span}: " + "; ".join(
        f"{wording.in_sentence(line.label)} van {line.begin_tekst} in {int(line.punten[0][0])} naar "
        f"{line.eind_tekst} in {int(line.punten[-1][0])}"
        for line in lines
    )
    return Figuur("trend", alt + "." + missing, caption, lijnen=tuple(lines))
