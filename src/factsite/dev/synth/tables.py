"""The constants and word lists of synthetic editions (the lists live in data.yaml)."""

from __future__ import annotations

from pathlib import Path

import yaml

YEAR = 2023  # the year the figures describe; the articles appear in the following year
PUB_YEAR = YEAR + 1
DOC_SIZE = 10  # entities per source article
FOLDERS = {"district": "districts", "cluster": "clusters", "programme": "programmes"}

_DATA = yaml.safe_load((Path(__file__).with_name("data.yaml")).read_text(encoding="utf-8"))


def _tuples(key: str) -> list[tuple]:
    return [tuple(item) for item in _DATA[key]]


# place-name syllables (hanzi, pinyin)
FIRST, MIDDLE, LAST = _tuples("first"), _tuples("middle"), _tuples("last")
INDUSTRIES = _tuples("industries")  # (zh, en, slug)
CHAIN = _tuples("chain")  # value-chain segments (zh, en)
PROGRAMMES = _tuples("programmes")  # (zh, en, slug)
FOCUS = _tuples("focus")  # what a programme supports (zh, en)
GLOSSARY = _tuples("glossary")  # (id, zh, en, explanation zh, explanation en)
FILLER: list[str] = list(_DATA["filler"])  # article sentences without figures
SURNAMES: str = _DATA["surnames"]
GIVEN: str = _DATA["given"]


def T(zh: str, en: str) -> dict:  # noqa: N802 - reads like the model's Text
    return {"zh": zh, "en": en}


# the shared measures every synthetic edition defines (content/metrics.yaml)
METRICS = [
    ("industrial-output", "规上工业产值", "Output of industry above designated size",
     "规模以上工业企业的总产值。", "Gross output of industrial firms above designated size.",
     "cny_100m"),
    ("industrial-growth", "规上工业增加值增速", "Growth of industrial value added",
     "规上工业增加值的同比增速。", "Year-on-year growth of industrial value added.", "percent"),
    ("srdi-firms", "专精特新中小企业", "SRDI firms", "累计培育的专精特新中小企业数量。",
     "Number of SRDI firms cultivated so far.", "enterprises"),
    ("little-giants", "国家级专精特新“小巨人”企业", 'National "little giant" firms',
     "国家级专精特新“小巨人”企业数量。", 'Number of national "little giant" firms.',
     "enterprises"),
    ("programme-coverage", "规上工业企业覆盖率", "Coverage of industrial firms above "
     "designated size", "行动覆盖的规上工业企业比例。", "Share of industrial firms above "
     "designated size a programme covers.", "percent"),
]
