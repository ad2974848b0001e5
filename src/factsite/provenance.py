"""Provenance: every quote occurs in its source document, and every figure occurs in its quote.

Matching ignores whitespace (newspaper text breaks lines mid-word) and unifies full- and
half-width forms (NFKC), nothing else. A value may be written as digits with or without
thousands separators, scaled by 万/亿 (17000 ~ "1.7万"), or as a small Chinese numeral.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from factsite.diagnostics import Diagnostic
from factsite.edition import Edition
from factsite.model import SourceRef
from factsite.units import UNITS

_DIGITS = "零一二三四五六七八九"


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The form in which quotes and documents are compared (cached: quotes repeat)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def format_number(value: float) -> str:
    """Shortest plain decimal: 5076.0 -> '5076', 11.70 -> '11.7'."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def chinese_numeral(n: int) -> list[str]:
    """Simple Chinese numerals for 0..99 (两 as well as 二 for 2)."""
    if n < 10:
        return [_DIGITS[n]] + (["两"] if n == 2 else [])
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return [head + (_DIGITS[ones] if ones else "")]


def value_forms(value: float) -> list[str]:
    """Every written form of `value` the check accepts."""
    forms = [format_number(value)]
    for scale, suffix in ((1e4, "万"), (1e8, "亿"), (1e12, "万亿")):
        if abs(value) >= scale / 100:
            forms.append(format_number(round(value / scale, 6)) + suffix)
    if float(value).is_integer() and 0 <= value < 100:
        forms += chinese_numeral(int(value))
    return forms


@lru_cache(maxsize=65536)
def value_in_quote(value: float, unit: str | None, quote: str) -> bool:
    """True when `quote` states `value` in one of its accepted forms."""
    if value != value or value in (float("inf"), float("-inf")):
        return False
    text = re.sub(r"(?<=\d),(?=\d{3})", "", normalize(quote))
    for form in value_forms(value):
        if form[0].isdigit():
            if re.search(rf"(?<![\d.]){re.escape(form)}(?!\d|\.\d)", text):
                return True
        elif form in text:
            return True
    # "万亿元" with no digit in front means one of that unit
    scaled = unit is not None and UNITS[unit].zh[:1] in ("万", "亿")
    return value == 1 and scaled and UNITS[unit].zh in text


def _normal_doc(text: str) -> str:
    return normalize(text)


@lru_cache(maxsize=65536)
def _found(quote: str, text: str) -> bool:
    return normalize(quote) in _normal_doc(text)


def _matching_prefix(quote: str, doc: str) -> int:
    """Length of the longest prefix of `quote` found in `doc` (binary search)."""
    lo, hi = 0, len(quote)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in doc:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _check_quote(edition: Edition, ref: SourceRef, pos, loc: tuple) -> list[Diagnostic]:
    text = edition.source_texts.get(ref.doc)
    if text is None:
        return []  # unknown or unreadable source: reported by the reference check
    if _found(ref.quote, text):
        return []
    quote, doc = normalize(ref.quote), _normal_doc(text)
    n = _matching_prefix(quote, doc)
    file = edition.sources[ref.doc].file
    if n >= 4:
        hint = (f"the first {n} characters match ('…{quote[max(0, n - 12):n]}'); the quote "
                f"differs from content/sources/{file} after that")
    else:
        hint = f"paste the passage verbatim from content/sources/{file}"
    return [pos.diagnostic(loc + ("quote",), "P400", f"quote not found in source {ref.doc!r}",
                           hint)]


def check_provenance(edition: Edition) -> list[Diagnostic]:
    """Quote and value checks over every fact, series point and milestone."""
    out: list[Diagnostic] = []
    for entity in edition.entities.values():
        pos = edition.positions[f"entity:{entity.id}"]
        for i, fact in enumerate(entity.facts):
            base = ("facts", i)
            out += _check_quote(edition, fact.source, pos, base + ("source",))
            if fact.value is not None and not value_in_quote(fact.value, fact.unit,
                                                             fact.source.quote):
                out.append(pos.diagnostic(base + ("value",), "P401",
                                          f"value {format_number(fact.value)} does not occur in "
                                          "its quote", "quote the passage that states the number"
                                          ", or correct the value"))
            for j, point in enumerate(fact.series or []):
                ref = point.source or fact.source
                if point.source:
                    out += _check_quote(edition, point.source, pos,
                                        base + ("series", j, "source"))
                if not value_in_quote(point.value, fact.unit, ref.quote):
                    out.append(pos.diagnostic(base + ("series", j, "value"), "P401",
                                              f"value {format_number(point.value)} does not "
                                              "occur in its quote",
                                              "give the point its own `source` or fix it"))
        for i, item in enumerate(entity.timeline):
            out += _check_quote(edition, item.source, pos, ("timeline", i, "source"))
    return out
