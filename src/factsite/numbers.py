"""Numbers and units said the way each language says them.

Chinese keeps the source's own unit (5076亿元, 20361亩); English converts to what an English
reader expects (CNY 507.6 billion, 20,361 mu) and keeps the Chinese form for the tooltip.
"""

from __future__ import annotations

from factsite.provenance import format_number
from factsite.units import UNITS

_QUAL_ZH = {"over": ("超", ""), "about": ("约", ""), "at_least": ("", "以上"),
            "nearly": ("近", ""), "up_to": ("最多", "")}
_QUAL_EN = {"over": "over ", "about": "about ", "at_least": "at least ", "nearly": "nearly ",
            "up_to": "up to "}
_SCALES_EN = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]


def group(value: float) -> str:
    """Thousands separators, shortest decimals: 20361 -> '20,361', 57.68 -> '57.68'."""
    text = format_number(value)
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return sign + whole + (f".{frac}" if frac else "")


def _en_scaled(amount: float) -> str:
    for scale, word in _SCALES_EN:
        if abs(amount) >= scale:
            return f"{group(round(amount / scale, 3))} {word}"
    return group(round(amount, 2))


def zh_number(value: float, unit_id: str | None) -> str:
    """The Chinese figure without qualifier: '5076亿元', '11.7%', '1.7万家'."""
    unit = UNITS[unit_id] if unit_id else None
    suffix = unit.zh if unit and unit.id != "count" else ""
    if unit and unit.factor == 1 and abs(value) >= 1e4 and float(value / 100).is_integer():
        return f"{format_number(value / 1e4)}万{suffix}"  # 17000 -> 1.7万, as sources write
    return f"{format_number(value)}{suffix}"


def en_number(value: float, unit_id: str | None) -> str:
    """The English figure without qualifier: 'CNY 507.6 billion', '11.7%', '44 enterprises'."""
    if unit_id is None:
        return group(value)
    unit = UNITS[unit_id]
    amount = value * unit.factor
    if unit.money:
        per = " per mu" if unit.id.endswith("_per_mu") else ""
        return f"CNY {_en_scaled(amount)}{per}"
    if unit.id in ("percent",):
        return f"{format_number(value)}%"
    if unit.id == "times":
        return f"{format_number(value)}×"
    noun = unit.en_noun(value)
    number = _en_scaled(amount) if abs(amount) >= 1e6 else group(amount)
    return f"{number} {noun}".strip()


def format_value(value: float, unit_id: str | None, lang: str,
                 qualifier: str | None = None) -> str:
    """A figure with its qualifier, in `lang`."""
    if lang == "zh":
        before, after = _QUAL_ZH.get(qualifier or "", ("", ""))
        return f"{before}{zh_number(value, unit_id)}{after}"
    return f"{_QUAL_EN.get(qualifier or '', '')}{en_number(value, unit_id)}"


def unit_label(unit_id: str | None, lang: str) -> str:
    """Axis/table heading for a unit: '亿元' / 'CNY 100 million'."""
    if not unit_id:
        return ""
    unit = UNITS[unit_id]
    if lang == "zh":
        return unit.zh
    if unit.money:
        scale = {1: "", 1e4: "10,000 ", 1e8: "100 million ", 1e12: "trillion "}.get(unit.factor, "")
        per = " per mu" if unit.id.endswith("_per_mu") else ""
        return f"CNY {scale.strip()}{per}" if scale else f"CNY{per}"
    if unit.factor != 1:
        return f"{group(unit.factor)} {unit.en}"
    return unit.en
