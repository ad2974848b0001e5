"""Periods, numbers and units said per language; the provenance matcher's accepted forms."""

from __future__ import annotations

import pytest

from factsite.content.matching import normalize, value_in_quote
from factsite.content.periods import PeriodError, parse_period
from helpers import LOCALES

THIN = "\u2009"  # CLDR sets the dash of a date range between thin spaces


@pytest.mark.parametrize("text, zh, en", [
    ("2022", "2022年", "2022"),
    ("2022-Q3", "2022年第3季度", "Q3 2022"),
    ("2024-01..05", f"2024年1月{THIN}–{THIN}5月", f"Jan{THIN}–{THIN}May 2024"),
    ("2022-Q1..Q3", "2022年第1–3季度", "Q1–Q3 2022"),
    ("2023-07-31", "2023年7月31日", "Jul 31, 2023"),
    ("2018..2022", "2018–2022年", f"2018{THIN}–{THIN}2022"),
    ("2022-Q4..2023-Q2", "2022年第4季度–2023年第2季度", f"Q4 2022{THIN}–{THIN}Q2 2023"),
])
def test_periods_per_language(text, zh, en):
    assert LOCALES["zh"].period(text) == zh
    assert LOCALES["en"].period(text) == en


@pytest.mark.parametrize("bad", ["2022-13", "22", "2022-Q5", "2024-05..03", "2022..Q3", "soon"])
def test_bad_periods_are_rejected(bad):
    with pytest.raises(PeriodError):
        parse_period(bad)


@pytest.mark.parametrize("value, unit, qualifier, zh, en", [
    (5076, "cny_100m", None, "5076亿元", "CNY 507.6 billion"),
    (11.7, "percent", None, "11.7%", "11.7%"),
    (17000, "enterprises", "over", "超1.7万家", "over 17,000 enterprises"),
    (20361, "mu", None, "20361亩", "20,361 mu"),
    (57.68, "cny_10k_per_mu", None, "57.68万元/亩", "CNY 576,800 per mu"),
    (630, "m2_10k", "over", "超630万平方米", "over 6.3 million m²"),
    (1, "enterprises", None, "1家", "1 enterprise"),
    (20300, "enterprises", None, "2.03万家", "20,300 enterprises"),  # exact: compact
    (20361, "enterprises", "at_least", "20361家以上", "at least 20,361 enterprises"),
    (123450, "cny_100m", None, "123450亿元", "CNY 12.345 trillion"),
])
def test_values_per_language(value, unit, qualifier, zh, en):
    assert LOCALES["zh"].number(value, unit, qualifier) == zh
    assert LOCALES["en"].number(value, unit, qualifier) == en


@pytest.mark.parametrize("value, unit, quote, found", [
    (11.7, "percent", "2022年3季度11.7%", True),
    (1, "percent", "2022年3季度11.7%", False),
    (17000, "enterprises", "精准服务五常街道辖内1.7万余家企业", True),
    (1200, "people", "在院学生1,200余人", True),
    (1200, "people", "在院学生１２００余人", True),
    (3, "clusters", "持续壮大三大新兴产业集群", True),
    (2, "clusters", "做优做强两大千亿级产业集群", True),
    (1, "cny_trillion", "核心产业规模力争达万亿元", True),
    (7.5, "percent", "从2021年7.5%提高到", True),
    (75, "percent", "从2021年7.5%提高到", False),
    (5, "percent", "从2021年7.5%提高到", False),
])
def test_value_in_quote(value, unit, quote, found):
    assert value_in_quote(value, unit, quote) is found


def test_normalize_ignores_whitespace_and_width():
    assert normalize("萧\n\n山 区，") == normalize("萧山区,")
