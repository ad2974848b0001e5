"""The closed registry of units, with their display in each language.

A unit knows how a number is written after it in Chinese (亿元, 家, %) and how an English
reader expects it (CNY 507.6 billion, 44 enterprises), so fact sheets state numbers exactly
as the source does and the page converts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """One unit: Chinese suffix, English noun (plural, singular), and a scale for English."""

    id: str
    zh: str
    en: str
    en_one: str | None = None
    factor: float = 1.0
    money: bool = False
    describe: str = ""

    def en_noun(self, value: float) -> str:
        return self.en_one if (self.en_one and value == 1) else self.en


_UNITS = [
    Unit("percent", "%", "%", describe="a share or growth rate"),
    Unit("percentage_point", "个百分点", "percentage points", "percentage point",
         describe="a difference of two percentages"),
    Unit("cny", "元", "CNY", money=True, describe="yuan"),
    Unit("cny_10k", "万元", "CNY", factor=1e4, money=True, describe="万元, CNY 10,000"),
    Unit("cny_100m", "亿元", "CNY", factor=1e8, money=True, describe="亿元, CNY 100 million"),
    Unit("cny_trillion", "万亿元", "CNY", factor=1e12, money=True,
         describe="万亿元, CNY 1 trillion"),
    Unit("cny_10k_per_mu", "万元/亩", "CNY per mu", factor=1e4, money=True,
         describe="万元/亩, CNY 10,000 per mu of land"),
    Unit("mu", "亩", "mu", describe="亩, 1/15 hectare"),
    Unit("m2", "平方米", "m²", describe="square metres"),
    Unit("m2_10k", "万平方米", "m²", factor=1e4, describe="万平方米, 10,000 m²"),
    Unit("tonnes_10k", "万吨", "tonnes", factor=1e4, describe="万吨, 10,000 tonnes"),
    Unit("enterprises", "家", "enterprises", "enterprise", describe="firms (家)"),
    Unit("people", "人", "people", "person", describe="persons (人, 名)"),
    Unit("projects", "个", "projects", "project", describe="projects (个, 项)"),
    Unit("items", "项", "items", "item", describe="items, measures, honours (项)"),
    Unit("clusters", "个", "clusters", "cluster", describe="industrial clusters"),
    Unit("parcels", "宗", "land parcels", "land parcel", describe="land parcels (宗)"),
    Unit("events", "场", "events", "event", describe="meetings, fairs (场)"),
    Unit("platforms", "个", "platforms", "platform", describe="platforms, centres, labs"),
    Unit("scenarios", "个", "scenarios", "scenario", describe="application scenarios"),
    Unit("models", "个", "models", "model", describe="AI models"),
    Unit("products", "项", "products", "product", describe="products"),
    Unit("blocks", "个", "blocks", "block", describe="industrial blocks, areas (个)"),
    Unit("months", "个月", "months", "month", describe="months"),
    Unit("years", "年", "years", "year", describe="a duration in years"),
    Unit("times", "倍", "×", describe="a multiple (倍)"),
    Unit("pflops", "PFLOPS", "PFLOPS", describe="10^15 floating-point operations per second"),
    Unit("count", "个", "", describe="a plain count"),
]

UNITS: dict[str, Unit] = {u.id: u for u in _UNITS}
