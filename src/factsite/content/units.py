"""The closed registry of units: what a number in a fact sheet measures.

A unit records how the source documents write it after a number (亿元, 家, %) and its scale,
so fact sheets state numbers exactly as the source does; how each language shows them
(5076亿元, CNY 507.6 billion) is in that language's UI catalogue (`units:`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """One unit: its id, its written form in the sources, and its scale."""

    id: str
    written: str
    factor: float = 1.0
    money: bool = False
    describe: str = ""


_UNITS = [
    Unit("percent", "%", describe="a share or growth rate"),
    Unit("percentage_point", "个百分点", describe="a difference of two percentages"),
    Unit("cny", "元", money=True, describe="yuan"),
    Unit("cny_10k", "万元", factor=1e4, money=True, describe="万元, CNY 10,000"),
    Unit("cny_100m", "亿元", factor=1e8, money=True, describe="亿元, CNY 100 million"),
    Unit("cny_trillion", "万亿元", factor=1e12, money=True, describe="万亿元, CNY 1 trillion"),
    Unit("cny_10k_per_mu", "万元/亩", factor=1e4, money=True,
         describe="万元/亩, CNY 10,000 per mu of land"),
    Unit("mu", "亩", describe="亩, 1/15 hectare"),
    Unit("m2", "平方米", describe="square meters"),
    Unit("m2_10k", "万平方米", factor=1e4, describe="万平方米, 10,000 m²"),
    Unit("tonnes_10k", "万吨", factor=1e4, describe="万吨, 10,000 tonnes"),
    Unit("enterprises", "家", describe="firms (家)"),
    Unit("people", "人", describe="persons (人, 名)"),
    Unit("projects", "个", describe="projects (个, 项)"),
    Unit("items", "项", describe="items, measures, honors (项)"),
    Unit("clusters", "个", describe="industrial clusters"),
    Unit("parcels", "宗", describe="land parcels (宗)"),
    Unit("events", "场", describe="meetings, fairs (场)"),
    Unit("platforms", "个", describe="platforms, centers, labs"),
    Unit("scenarios", "个", describe="application scenarios"),
    Unit("models", "个", describe="AI models"),
    Unit("products", "项", describe="products"),
    Unit("blocks", "个", describe="industrial blocks, areas (个)"),
    Unit("months", "个月", describe="months"),
    Unit("years", "年", describe="a duration in years"),
    Unit("times", "倍", describe="a multiple (倍)"),
    Unit("pflops", "PFLOPS", describe="10^15 floating-point operations per second"),
    Unit("count", "个", describe="a plain count"),
]

UNITS: dict[str, Unit] = {u.id: u for u in _UNITS}


def plain_number(value: float) -> str:
    """Shortest plain decimal, as sources write numbers: 5076.0 -> '5076', 11.70 -> '11.7'."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")
