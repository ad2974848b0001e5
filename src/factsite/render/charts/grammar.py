"""The chart grammar of PAGES.md, as code: what a chart may claim.

1. One line, one period type: a full-year value and a part-year value are never joined.
2. No invented precision: a point whose period the source does not state is drawn as
   inferred (hollow, dashed segment) and labelled with the source's own words.
3. Two points are a change, not a chart: a chart needs three or more points or entities;
   several series of one unit and kind on a page are small multiples on one shared scale.
4. Targets are hollow markers at their deadline, never on the actuals' line.
"""

from __future__ import annotations

from factsite.content.model import Fact
from factsite.content.periods import parse_period
from factsite.content.references import MIN_MARKS, chart_marks


def period_type(period: str) -> str:
    """How much of the calendar a period covers: year, quarter, month, day, part-year (a
    range inside one year, e.g. January–May), or span (a range across years)."""
    p = parse_period(period)
    s, e = p.start, p.end
    if e is None:
        return "quarter" if s.quarter else "day" if s.day else "month" if s.month else "year"
    return "part-year" if s.year == e.year and (s.month or s.quarter) else "span"


def is_change(fact: Fact) -> bool:
    """A two-point series: shown as a from→to figure, never as a chart."""
    return bool(fact.series) and len(fact.series) == 2


def drawable(facts: list[Fact]) -> bool:
    """Whether these facts make a chart at all (rule 3): three or more marks."""
    return chart_marks(facts) >= MIN_MARKS


def line_key(fact_id: str, period: str) -> str:
    """Points of one fact and one period type may be joined by a line (rule 1)."""
    return f"{fact_id}|{period_type(period)}"
