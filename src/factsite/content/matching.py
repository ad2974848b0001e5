"""How quotes and numbers are matched against source text; pure functions.

Matching ignores whitespace (newspaper text breaks lines mid-word) and unifies full- and
half-width forms (NFKC), nothing else. A value may be written as digits with or without
thousands separators, scaled by 万/亿 (17000 ~ "1.7万"), or as a small Chinese numeral.
"""

from __future__ import annotations

import re
import unicodedata

from factsite.content.units import UNITS, plain_number

_DIGITS = "零一二三四五六七八九"


def normalize(text: str) -> str:
    """The form in which quotes and documents are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def chinese_numeral(n: int) -> list[str]:
    """Simple Chinese numerals for 0..99 (两 as well as 二 for 2)."""
    if n < 10:
        return [_DIGITS[n]] + (["两"] if n == 2 else [])
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return [head + (_DIGITS[ones] if ones else "")]


def value_forms(value: float) -> list[str]:
    """Every written form of `value` the check accepts."""
    forms = [plain_number(value)]
    for scale, suffix in ((1e4, "万"), (1e8, "亿"), (1e12, "万亿")):
        if abs(value) >= scale / 100:
            forms.append(plain_number(round(value / scale, 6)) + suffix)
    if float(value).is_integer() and 0 <= value < 100:
        forms += chinese_numeral(int(value))
    return forms


def _stands_alone(number: str, text: str) -> bool:
    """True when `number` occurs in `text` not as part of a longer number (no digit or
    decimal point before it, no digit or decimal part after it). Found by `str.find`, not
    a regex per number: an edition of 1,000 entities has thousands of distinct numbers,
    which thrash the `re` module's cache (0.9 s of a preview update)."""
    start = text.find(number)
    while start != -1:
        before, end = text[start - 1:start], start + len(number)
        after = text[end:end + 2]
        if not (before.isdecimal() or before == ".") and not (
                after[:1].isdecimal() or (after[:1] == "." and after[1:2].isdecimal())):
            return True
        start = text.find(number, start + 1)
    return False


def value_in_quote(value: float, unit: str | None, quote: str) -> bool:
    """True when `quote` states `value` in one of its accepted forms."""
    if value != value or value in (float("inf"), float("-inf")):
        return False
    text = re.sub(r"(?<=\d),(?=\d{3})", "", normalize(quote))
    for form in value_forms(value):
        if form[0].isdigit():
            if _stands_alone(form, text):
                return True
        elif form in text:
            return True
    # "万亿元" with no digit in front means one of that unit
    scaled = unit is not None and UNITS[unit].written[:1] in ("万", "亿")
    return value == 1 and scaled and UNITS[unit].written in text
