"""Periods: parse the compact notation of fact sheets and say it in each language.

Grammar: ``POINT`` or ``POINT..END`` where POINT is ``YYYY``, ``YYYY-QN``, ``YYYY-MM`` or
``YYYY-MM-DD``, and END may leave out the year (``2024-01..05``, ``2022-Q1..Q3``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_POINT = re.compile(r"^(\d{4})(?:-(Q[1-4]|\d{2})(?:-(\d{2}))?)?$")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class PeriodError(ValueError):
    """A period string that does not follow the grammar."""


@dataclass(frozen=True, order=True)
class Point:
    year: int
    quarter: int | None = None
    month: int | None = None
    day: int | None = None

    def sort_key(self) -> tuple[int, int, int]:
        month = self.month or ((self.quarter - 1) * 3 + 1 if self.quarter else 1)
        return (self.year, month, self.day or 1)


@dataclass(frozen=True)
class Period:
    start: Point
    end: Point | None = None

    def sort_key(self) -> tuple[int, int, int]:
        return self.start.sort_key()


def _parse_point(text: str) -> Point:
    m = _POINT.fullmatch(text) if text.isascii() else None
    if not m:
        raise PeriodError(f"{text!r} is not a period (use 2022, 2022-Q3, 2024-05 or 2024-05-24)")
    year, mid, day = int(m.group(1)), m.group(2), m.group(3)
    if year < 1000:
        raise PeriodError(f"{text!r}: year {year} is not plausible")
    if mid is None:
        return Point(year)
    if mid.startswith("Q"):
        if day:
            raise PeriodError(f"{text!r}: a quarter has no day")
        return Point(year, quarter=int(mid[1]))
    month = int(mid)
    if not 1 <= month <= 12:
        raise PeriodError(f"{text!r}: month {month} does not exist")
    if day is not None and not 1 <= int(day) <= calendar.monthrange(year, month)[1]:
        raise PeriodError(f"{text!r}: day {int(day)} does not exist")
    return Point(year, month=month, day=int(day) if day else None)


def parse_period(text: str) -> Period:
    """Parse a period, raising PeriodError with a message fit for an author."""
    if not isinstance(text, str):
        raise PeriodError(f"{text!r} is not a period string")
    if ".." not in text:
        return Period(_parse_point(text))
    first, last = text.split("..", 1)
    start = _parse_point(first)
    if re.fullmatch(r"Q[1-4]|\d{2}", last):
        last = f"{start.year}-{last}"
    end = _parse_point(last)
    if (start.quarter is None) != (end.quarter is None) or (start.month is None) != (
        end.month is None
    ):
        raise PeriodError(f"{text!r}: both ends of a range need the same precision")
    if end.sort_key() <= start.sort_key():
        raise PeriodError(f"{text!r}: the range ends before it starts")
    return Period(start, end)


def _zh_point(p: Point, with_year: bool = True) -> str:
    y = f"{p.year}年" if with_year else ""
    if p.quarter:
        return f"{y}第{p.quarter}季度" if with_year else f"第{p.quarter}季度"
    if p.month and p.day:
        return f"{y}{p.month}月{p.day}日"
    if p.month:
        return f"{y}{p.month}月"
    return f"{p.year}年"


def _en_point(p: Point, with_year: bool = True) -> str:
    y = f" {p.year}" if with_year else ""
    if p.quarter:
        return f"{p.year} Q{p.quarter}" if with_year else f"Q{p.quarter}"
    if p.month and p.day:
        return f"{p.day} {_MONTHS[p.month - 1]}{y}"
    if p.month:
        return f"{_MONTHS[p.month - 1]}{y}"
    return str(p.year)


def format_period(text: str, lang: str) -> str:
    """Say a period in a language: '2024-01..05' -> '2024年1–5月' / 'Jan–May 2024'."""
    period = parse_period(text)
    s, e = period.start, period.end
    if e is None:
        return _zh_point(s) if lang == "zh" else _en_point(s)
    same_year = s.year == e.year and (s.quarter or s.month)
    if lang == "zh":
        if same_year and s.quarter:
            return f"{s.year}年第{s.quarter}–{e.quarter}季度"
        if same_year and s.month and not s.day:
            return f"{s.year}年{s.month}–{e.month}月"
        return f"{_zh_point(s)}–{_zh_point(e)}"
    if same_year and s.quarter:
        return f"{s.year} Q{s.quarter}–Q{e.quarter}"
    if same_year and s.month and not s.day:
        return f"{_MONTHS[s.month - 1]}–{_MONTHS[e.month - 1]} {s.year}"
    return f"{_en_point(s)}–{_en_point(e)}"


def _iso_point(p: Point, last: bool = False) -> str:
    """A point in ISO 8601 at its own precision; a quarter as its first (or last) month."""
    if p.quarter:
        return f"{p.year:04d}-{(p.quarter - 1) * 3 + (3 if last else 1):02d}"
    if p.month and p.day:
        return f"{p.year:04d}-{p.month:02d}-{p.day:02d}"
    return f"{p.year:04d}-{p.month:02d}" if p.month else f"{p.year:04d}"


def _last_day(p: Point) -> tuple[int, int, int]:
    if p.day:
        return (p.year, p.month or 1, p.day)
    month = p.month or (p.quarter * 3 if p.quarter else 12)
    return (p.year, month, calendar.monthrange(p.year, month)[1])


def iso_date(text: str) -> str:
    """The start of a period as an ISO 8601 date of its precision (a quarter: its year),
    e.g. for a publication date: '2023-07-11', '2024-01', '2023'."""
    start = parse_period(text).start
    return f"{start.year:04d}" if start.quarter else _iso_point(start)


def iso_interval(periods: list[str]) -> str | None:
    """The ISO 8601 interval covering every period: '2018/2024-07', or one period ('2023')
    when they all coincide; None for no period."""
    parsed = [parse_period(text) for text in periods]
    if not parsed:
        return None
    first = min((p.start for p in parsed), key=lambda s: s.sort_key())
    last = max((p.end or p.start for p in parsed), key=_last_day)
    start, end = _iso_point(first), _iso_point(last, last=True)
    return start if start == end else f"{start}/{end}"
