"""Synthetic editions: a complete, valid content folder of any size, for scale tests and benchmarks.

``generate_edition(root, n, seed)`` writes a made-up region of `n` entities: a prefecture-level
city at the top, urban districts under it and towns under those (together about 60 %),
industrial clusters (about 25 %) and programmes (about 15 %), each hanging off a place. Every
fact is quoted from a generated Chinese plain-text article (one article per ~10 entities), and
every value occurs in its quote, so the edition loads with no error and no warning. Every
entity declares at least one chart. The output is a pure function of `(n, seed)`: two runs
write byte-identical files.

    python -m factsite.synth OUT N [--seed S] [--force]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

from factsite.numbers import format_value
from factsite.provenance import format_number

YEAR = 2023  # the year the figures describe; the articles appear in the following year
PUB_YEAR = YEAR + 1
DOC_SIZE = 10  # entities per source article
FOLDERS = {"district": "districts", "cluster": "clusters", "programme": "programmes"}

# Syllables of the pseudo-Chinese place names: (hanzi, pinyin).
FIRST = [("东", "dong"), ("西", "xi"), ("南", "nan"), ("北", "bei"), ("青", "qing"),
         ("云", "yun"), ("河", "he"), ("山", "shan"), ("金", "jin"), ("龙", "long"),
         ("凤", "feng"), ("临", "lin"), ("长", "chang"), ("平", "ping"), ("永", "yong"),
         ("新", "xin"), ("兴", "xing"), ("嘉", "jia"), ("华", "hua"), ("桐", "tong"),
         ("瑞", "rui"), ("松", "song"), ("柳", "liu"), ("白", "bai")]
MIDDLE = [("石", "shi"), ("沙", "sha"), ("梅", "mei"), ("桂", "gui"), ("德", "de"),
          ("文", "wen"), ("广", "guang"), ("丰", "feng"), ("明", "ming"), ("富", "fu"),
          ("黄", "huang"), ("玉", "yu")]
LAST = [("湖", "hu"), ("川", "chuan"), ("安", "an"), ("宁", "ning"), ("城", "cheng"),
        ("江", "jiang"), ("阳", "yang"), ("溪", "xi"), ("海", "hai"), ("泉", "quan"),
        ("源", "yuan"), ("桥", "qiao"), ("塘", "tang"), ("浦", "pu"), ("林", "lin"),
        ("峰", "feng"), ("州", "zhou"), ("田", "tian"), ("口", "kou"), ("港", "gang"),
        ("坪", "ping"), ("岭", "ling"), ("门", "men"), ("滨", "bin")]

# (zh, en, slug) of the industries clusters and districts specialise in.
INDUSTRIES = [
    ("新能源汽车", "new energy vehicles", "nev"), ("高端装备", "high-end equipment", "equipment"),
    ("集成电路", "integrated circuits", "chips"), ("生物医药", "biomedicine", "biomed"),
    ("新材料", "new materials", "materials"), ("智能家居", "smart home", "smart-home"),
    ("数字安防", "digital security", "security"), ("节能环保", "energy saving", "green-tech"),
    ("现代纺织", "modern textiles", "textiles"), ("光伏", "photovoltaics", "solar"),
    ("航空航天", "aerospace", "aerospace"), ("软件信息", "software", "software"),
    ("绿色化工", "green chemicals", "chemicals"), ("智能传感", "smart sensors", "sensors"),
    ("工业机器人", "industrial robots", "robots"), ("时尚服装", "fashion apparel", "apparel"),
]
CHAIN = [("研发设计", "R&D and design"), ("核心零部件", "core components"),
         ("整机制造", "final assembly"), ("检测认证", "testing and certification"),
         ("系统集成", "system integration"), ("关键材料", "key materials"),
         ("应用服务", "application services"), ("回收利用", "recycling")]
# (zh, en, slug) of programmes; a programme is named after the place that runs it.
PROGRAMMES = [
    ("专精特新培育行动", "SRDI cultivation programme", "srdi"),
    ("数字化改造专项行动", "digital transformation programme", "digital"),
    ("低效用地再开发行动", "inefficient land redevelopment programme", "land"),
    ("未来工厂建设计划", "future factory programme", "future-factory"),
    ("产业人才引育工程", "industrial talent programme", "talent"),
    ("产业链提升工程", "industrial chain upgrading programme", "chain"),
    ("工业互联网推广计划", "industrial internet programme", "industrial-internet"),
    ("绿色制造行动", "green manufacturing programme", "green"),
    ("科技企业孵化计划", "tech incubation programme", "incubation"),
    ("招商引资攻坚行动", "investment promotion campaign", "investment"),
]
FOCUS = [("设备更新", "equipment renewal"), ("工艺改造", "process upgrading"),
         ("数据上云", "moving data to the cloud"), ("人才培训", "staff training"),
         ("研发攻关", "joint research"), ("标准厂房建设", "standard factory buildings"),
         ("融资对接", "access to finance"), ("品牌培育", "brand building")]

# The glossary: id, zh, en, explanation zh, explanation en.
GLOSSARY = [
    ("srdi", "专精特新", "specialized, refined, distinctive and innovative (SRDI)",
     "专业化、精细化、特色化、新颖化的中小企业。",
     "Small and medium firms that are specialized, refined, distinctive and innovative."),
    ("little-giant", "小巨人", "little giant", "国家级专精特新重点企业。",
     "National-level SRDI firms."),
    ("innovative-sme", "创新型中小企业", "innovative SME", "专精特新梯队的入门一级。",
     "The entry tier of the SRDI ladder."),
    ("high-tech-enterprise", "高新技术企业", "high-tech enterprise",
     "经认定享受税收优惠的科技企业。", "Certified technology firms with a reduced tax rate."),
    ("above-size-industry", "规上工业", "industry above designated size",
     "年主营业务收入2000万元及以上的工业企业。",
     "Industrial firms with annual revenue of CNY 20 million or more."),
    ("digital-economy-core", "数字经济核心产业", "core digital economy industries",
     "数字产品制造、数字技术应用等产业。",
     "Digital product manufacturing, digital technology services and related industries."),
    ("inefficient-land", "低效用地", "inefficiently used land",
     "产出低于标准、可再开发的工业用地。",
     "Industrial land whose output is below standard and can be redeveloped."),
    ("advanced-cluster", "先进制造业集群", "advanced manufacturing cluster",
     "同一产业链上高度集聚的企业群。", "A dense group of firms along one industrial chain."),
    ("industrial-chain", "产业链", "industrial chain", "从原料到应用的上下游环节。",
     "The upstream and downstream stages from materials to applications."),
    ("rd-intensity", "研发投入强度", "R&D intensity", "研发经费占营业收入的比重。",
     "R&D spending as a share of revenue."),
    ("special-fund", "专项资金", "special fund", "财政为特定政策目标安排的资金。",
     "Public money set aside for one policy goal."),
    ("future-factory", "未来工厂", "future factory", "深度应用数字技术的标杆工厂。",
     "A benchmark factory that applies digital technology throughout."),
    ("industrial-internet", "工业互联网", "industrial internet",
     "连接设备、系统和企业的网络平台。", "Networks that connect machines, systems and firms."),
    ("green-factory", "绿色工厂", "green factory", "达到节能减排标准的工厂。",
     "A factory that meets energy-saving and emission standards."),
    ("smart-manufacturing", "智能制造", "smart manufacturing",
     "以数字技术贯穿生产全过程的制造方式。", "Manufacturing run on digital technology end to end."),
    ("output-per-mu", "亩均效益", "output per mu", "单位土地面积的产出和税收。",
     "Output and tax per unit of land."),
    ("standard-land", "标准地", "standard land", "带有投资和产出标准出让的工业用地。",
     "Industrial land sold with set investment and output standards."),
    ("new-productive-forces", "新质生产力", "new quality productive forces",
     "以创新为主导的先进生产力。", "Advanced productive forces driven by innovation."),
    ("digital-transformation", "数字化改造", "digital transformation",
     "企业以数字技术改造生产和管理。", "Firms rebuilding production and management digitally."),
    ("tech-sme", "科技型中小企业", "technology-based SME", "以科技人员为主体的中小企业。",
     "Small and medium firms staffed mainly by scientists and engineers."),
]

FILLER = [
    "记者近日走进{name}，厂房里机器轰鸣，一派繁忙景象。",
    "“我们把服务企业作为头等大事来抓。”{name}经信部门负责人介绍。",
    "在一家精密制造企业的车间里，自动化生产线正在满负荷运转。",
    "业内人士认为，这得益于近年来持续推进的营商环境优化。",
    "下一步，{name}将继续聚焦主导产业，加快补链延链强链。",
    "与此同时，一批重大项目相继落地，为经济增长注入新动能。",
    "企业负责人表示，政策兑现速度明显加快，企业发展信心更足了。",
    "从园区规划到项目招引，各环节协同推进，效率大幅提升。",
    "当地还建立了企业服务专员制度，点对点帮助企业解决难题。",
    "数字化改造让不少传统企业焕发新生，生产效率普遍提高。",
    "围绕产业链关键环节，{name}组织开展了多场供需对接活动。",
    "人才是创新的第一资源，{name}出台了一系列引才育才举措。",
    "在政策引导下，越来越多的企业加大研发投入，向价值链高端攀升。",
    "随着一批标志性项目建成投产，产业集聚效应进一步显现。",
    "不少企业负责人坦言，过去的用地难、融资难问题正在逐步缓解。",
    "走进园区，新建的标准厂房整齐排列，配套道路和管网已全部贯通。",
    "一位在此深耕多年的企业家说，这里的产业配套越来越齐全了。",
    "相关部门定期召开企业座谈会，收集问题清单并限时办结。",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "晓明华丽建国海燕文静志强雪梅伟红宇飞佳欣浩然"


@dataclass
class Place:
    """A city, district or town: its names and id."""

    id: str
    zh: str
    en: str
    level: int  # 0 city, 1 district, 2 town
    parent: Place | None = None
    slug: str = ""
    children: list = field(default_factory=list)


@dataclass
class Node:
    """One entity to write: kind, place it hangs off, its id and names, its source document."""

    kind: str
    id: str
    zh: str
    en: str
    place: Place
    doc: str = ""
    extra: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    sentences: list[str] = field(default_factory=list)


# --- YAML, written by hand so the files read like the hand-made ones and stay byte-stable ----

_KEYWORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}'\"]*")


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    text = str(value)
    ascii_word = re.fullmatch(r"[A-Za-z][A-Za-z0-9 _.()/-]*", text)
    if (_PLAIN.fullmatch(text) and text == text.strip() and text.lower() not in _KEYWORDS
            and (ascii_word or not text.isascii())):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: object) -> str | None:
    """One-line form of a scalar, a mapping of scalars or a list of scalars; None if nested."""
    if isinstance(value, dict):
        if any(isinstance(v, (dict, list)) for v in value.values()):
            return None
        return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        if any(isinstance(v, (dict, list)) for v in value):
            return None
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return _scalar(value)


def _block(data: dict, indent: int, out: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for i, (key, value) in enumerate(data.items()):
        lead = first_prefix if (i == 0 and first_prefix is not None) else pad
        flat = _flow(value)
        if flat is not None and len(lead) + len(key) + len(flat) <= 110:
            out.append(f"{lead}{key}: {flat}")
        elif isinstance(value, dict):
            out.append(f"{lead}{key}:")
            _block(value, indent + 2, out)
        elif isinstance(value, list):
            out.append(f"{lead}{key}:")
            for item in value:
                item_flat = _flow(item)
                if isinstance(item, dict) and (item_flat is None or
                                               indent + 4 + len(item_flat) > 110):
                    _block(item, indent + 4, out, first_prefix=" " * (indent + 2) + "- ")
                else:
                    out.append(f"{pad}  - {item_flat}")
        else:
            out.append(f"{lead}{key}: {flat}")


def to_yaml(data: dict) -> str:
    """YAML text of nested dicts/lists of strings and numbers (key order kept)."""
    out: list[str] = []
    _block(data, 0, out)
    return "\n".join(out) + "\n"


# --- names --------------------------------------------------------------------------------


def _roman(syllables: list[tuple[str, str]]) -> tuple[str, str]:
    """(English name, slug): pinyin with an apostrophe before a vowel syllable (Dong'an)."""
    parts = [p for _, p in syllables]
    en = parts[0]
    for p in parts[1:]:
        en += ("'" if p[0] in "aeo" else "") + p
    return en[0].upper() + en[1:], "".join(parts)


def _place_names(rng: random.Random):
    """Unique (zh stem, English stem, slug) names: two syllables first, then three."""
    seen: set[str] = set()
    two = list(product(FIRST, LAST))
    rng.shuffle(two)
    three = list(product(FIRST, MIDDLE, LAST))
    rng.shuffle(three)
    for combo in two + three:
        en, slug = _roman(list(combo))
        if slug in seen:
            continue
        seen.add(slug)
        yield "".join(z for z, _ in combo), en, slug


# --- helpers ------------------------------------------------------------------------------


def T(zh: str, en: str) -> dict:  # noqa: N802 - reads like the model's Text
    return {"zh": zh, "en": en}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _n(value: float) -> str:
    return format_number(value)


def _r1(value: float) -> float:
    return round(value, 1)


def _en_value(value: float, unit: str, qualifier: str | None = None) -> str:
    return format_value(value, unit, "en", qualifier)


QUAL_ZH = {"over": ("超", ""), "about": ("约", ""), "nearly": ("近", ""),
           "at_least": ("", "以上")}


def _q(value: float, qualifier: str | None, suffix: str) -> str:
    """A number as the article writes it, with its qualifier: 超1200亩, 300家以上."""
    before, after = QUAL_ZH.get(qualifier or "", ("", ""))
    return f"{before}{_n(value)}{suffix}{after}"


class Sheet:
    """Collects an entity's facts and the article sentences that state them."""

    def __init__(self, node: Node):
        self.node = node
        self.facts: list[dict] = []

    def add(self, fid: str, label: dict, quote: str, *, sentence: str | None = None,
            **fields) -> dict:
        fact = {"id": fid, "label": label}
        for key in ("metric", "value", "series", "text", "unit", "qualifier", "period",
                    "period_phrase", "kind", "scope", "rank", "note", "terms"):
            if fields.get(key) is not None:
                fact[key] = fields[key]
        fact["source"] = {"doc": self.node.doc, "quote": quote}
        self.facts.append(fact)
        if sentence != "":  # "" when an earlier sentence states this quote as well
            self.node.sentences.append(sentence or f"{quote}。")
        return fact


def _series(rng: random.Random, start: float, years: int) -> list[dict]:
    value, points = start, []
    for year in range(YEAR - years + 1, YEAR + 1):
        points.append({"period": str(year), "value": _r1(value)})
        value *= rng.uniform(1.04, 1.22)
    return points


def _series_text(points: list[dict], suffix: str) -> str:
    parts = [f"{p['period']}年为{_n(p['value'])}{suffix}" for p in points[:-1]]
    last = points[-1]
    return "，".join(parts + [f"{last['period']}年达到{_n(last['value'])}{suffix}"])


# --- fact sheets per kind -----------------------------------------------------------------


def _place_sheet(node: Node, rng: random.Random, ctx: dict) -> None:
    """A city, district or town: output, growth, investment series, firm tiers, a target."""
    place: Place = node.place
    name, level = node.zh, place.level
    sheet = Sheet(node)
    shared = level == 1  # districts line up on the compare page
    output = node.extra["output"]
    inds = node.extra["industries"]
    charts, terms = [], []

    qual = "over" if rng.random() < 0.2 else None
    output = float(int(output)) if qual else output
    rank = None
    quote = f"{YEAR}年，{name}实现规上工业产值{_q(output, qual, '亿元')}"
    if level == 1 and node.extra.get("top"):
        quote += "，总量居全市首位"
        rank = T("全市第一", f"first in {ctx['city'].en}")
    sheet.add("industrial-output", T("规上工业产值", "Output of industry above designated size"),
              quote, metric="industrial-output" if shared else None, value=output,
              unit="cny_100m", qualifier=qual, period=str(YEAR), rank=rank,
              scope=T("规模以上工业企业", "industrial firms above designated size"),
              terms=["above-size-industry"])
    growth = _r1(rng.uniform(3.0, 14.0))
    sheet.add("industrial-growth", T("规上工业增加值增速", "Growth of industrial value added"),
              f"{name}规上工业增加值同比增长{_n(growth)}%",
              metric="industrial-growth" if shared else None, value=growth, unit="percent",
              period=str(YEAR))
    points = _series(rng, output * rng.uniform(0.08, 0.2), rng.randint(3, 5))
    sheet.add("industrial-investment", T("工业投资", "Industrial investment"),
              f"{name}工业投资{_series_text(points, '亿元')}",
              sentence=f"{name}工业投资{_series_text(points, '亿元')}，连续多年保持增长。",
              series=points, unit="cny_100m")

    scale = {0: 6.0, 1: 1.5, 2: 0.4}[level]
    srdi = int(rng.uniform(40, 160) * scale)
    giants = max(2, int(srdi * rng.uniform(0.08, 0.2)))
    sheet.add("srdi-firms", T("专精特新中小企业", "SRDI firms"),
              f"{name}累计培育专精特新中小企业{srdi}家",
              sentence=f"{name}累计培育专精特新中小企业{srdi}家，"
                       f"其中国家级专精特新“小巨人”企业{giants}家。",
              metric="srdi-firms" if shared else None, value=srdi, unit="enterprises",
              period=str(YEAR), terms=["srdi"])
    sheet.add("little-giants", T("国家级专精特新“小巨人”企业", 'National "little giant" firms'),
              f"其中国家级专精特新“小巨人”企业{giants}家",
              metric="little-giants" if shared else None, value=giants, unit="enterprises",
              period=str(YEAR), terms=["little-giant"], sentence="")

    both = level < 2
    ladder = both or rng.random() < 0.5
    if ladder:
        smes = int(srdi * rng.uniform(2.5, 5))
        sheet.add("innovative-smes", T("创新型中小企业", "Innovative SMEs"),
                  f"{name}创新型中小企业达{smes}家", value=smes, unit="enterprises",
                  period=str(YEAR), terms=["innovative-sme"])
        charts.append({"id": "firm-ladder", "type": "ladder",
                       "title": T(f"优质企业梯队（{YEAR}年）", f"The ladder of quality firms "
                                  f"({YEAR})"),
                       "facts": ["little-giants", "srdi-firms", "innovative-smes"]})
    if both or not ladder:
        part_a = _r1(output * rng.uniform(0.15, 0.35))
        part_b = _r1(output * rng.uniform(0.08, 0.2))
        (a_zh, a_en, a_slug), (b_zh, b_en, b_slug) = inds[0], inds[1]
        sheet.add(f"output-{a_slug}", T(f"{a_zh}产业产值", f"Output of {a_en}"),
                  f"{a_zh}产业产值{_n(part_a)}亿元", value=part_a, unit="cny_100m",
                  period=str(YEAR),
                  sentence=f"分行业看，{a_zh}产业产值{_n(part_a)}亿元，"
                           f"{b_zh}产业产值{_n(part_b)}亿元。")
        sheet.add(f"output-{b_slug}", T(f"{b_zh}产业产值", f"Output of {b_en}"),
                  f"{b_zh}产业产值{_n(part_b)}亿元", value=part_b, unit="cny_100m",
                  period=str(YEAR), sentence="")
        charts.append({"id": "output-composition", "type": "composition",
                       "title": T(f"规上工业产值及主导产业（{YEAR}年）",
                                  f"Industrial output and its leading industries ({YEAR})"),
                       "facts": ["industrial-output", f"output-{a_slug}", f"output-{b_slug}"]})

    if rng.random() < 0.5:
        high_tech = int(srdi * rng.uniform(1.2, 3)) // 10 * 10 + 10
        sheet.add("high-tech-firms", T("高新技术企业", "High-tech enterprises"),
                  f"{name}高新技术企业总数{_q(high_tech, 'nearly', '家')}", value=high_tech,
                  unit="enterprises", qualifier="nearly", period=str(YEAR),
                  terms=["high-tech-enterprise"])
    if rng.random() < 0.6:
        land = int(rng.uniform(200, 3000) * scale / 2) // 50 * 50 + 50
        qual = rng.choice(["over", "about", None])
        sheet.add("land-redeveloped", T("盘活低效工业用地", "Inefficient industrial land "
                                        "redeveloped"),
                  f"{YEAR}年，{name}盘活低效工业用地{_q(land, qual, '亩')}", value=land,
                  unit="mu", qualifier=qual, period=str(YEAR), terms=["inefficient-land"])

    share = _r1(rng.uniform(8, 30))
    if rng.random() < 0.3:
        sheet.add("digital-core-target", T("数字经济核心产业增加值占GDP比重",
                                           "Core digital economy industries, share of GDP"),
                  f"今年，{name}力争数字经济核心产业增加值占GDP比重达到{_n(share)}%",
                  value=share, unit="percent", period=ctx["doc_year"][node.doc],
                  period_phrase=T("今年", "this year"), kind="target",
                  terms=["digital-economy-core"])
    else:
        year = rng.choice([2025, 2026, 2027])
        sheet.add("digital-core-target", T("数字经济核心产业增加值占GDP比重",
                                           "Core digital economy industries, share of GDP"),
                  f"到{year}年，{name}数字经济核心产业增加值占GDP比重力争达到{_n(share)}%",
                  value=share, unit="percent", period=str(year), kind="target",
                  terms=["digital-economy-core"])
    sheet.add("leading-industries", T("主导产业", "Leading industries"),
              f"{name}已形成以{inds[0][0]}、{inds[1][0]}为主导的产业体系",
              text=T(f"{inds[0][0]}、{inds[1][0]}", f"{_cap(inds[0][1])}; {inds[1][1]}"),
              terms=["industrial-chain"])

    if level == 0:
        kind_zh, kind_en = "地级市", "prefecture-level city"
        where_zh, where_en = "", ""
    elif level == 1:
        kind_zh, kind_en = "市辖区", "urban district"
        where_zh, where_en = f"{place.parent.zh}下辖的", f" of {place.parent.en}"
    else:
        kind_zh, kind_en = "建制镇", "town"
        where_zh, where_en = f"{place.parent.zh}下辖的", f" in {place.parent.en}"
    terms += ctx["extra_terms"](rng)
    node.data = {
        "id": node.id,
        "type": T(kind_zh, kind_en),
        "name": T(node.zh, node.en),
        "parent": place.parent.id if place.parent else None,
        "summary": T(
            f"{name}是{where_zh}{kind_zh}，已形成以{inds[0][0]}和{inds[1][0]}为主导的产业体系。"
            f"{YEAR}年，全{name[-1]}规上工业产值{_q(output, None, '亿元')}，"
            f"工业增加值同比增长{_n(growth)}%。",
            f"{node.en} is a{'n' if kind_en[0] in 'aeiou' else ''} {kind_en}{where_en} whose "
            f"leading industries are {inds[0][1]} and {inds[1][1]}. In {YEAR} its industry "
            f"above designated size produced {_en_value(output, 'cny_100m')}, and industrial "
            f"value added grew by {_n(growth)}%."),
        "links": node.extra["links"],
        "facts": sheet.facts,
        "charts": charts,
        "terms": terms,
    }


def _cluster_sheet(node: Node, rng: random.Random, ctx: dict) -> None:
    """A cluster: an output series with a target (trend), firm counts, R&D, land, its chain."""
    name = node.zh
    ind_zh, ind_en, _ = node.extra["industry"]
    sheet = Sheet(node)
    points = _series(rng, rng.uniform(20, 400), rng.randint(3, 5))
    sheet.add("output", T("集群产值", "Cluster output"), f"{name}产值{_series_text(points, '亿元')}",
              series=points, unit="cny_100m")
    target_year = rng.choice([2025, 2026, 2027])
    target = float(int(points[-1]["value"] * rng.uniform(1.3, 2.0)) // 10 * 10 + 10)
    sheet.add("output-target", T("集群产值目标", "Cluster output target"),
              f"力争到{target_year}年{name}产值突破{_n(target)}亿元", value=target,
              unit="cny_100m", qualifier="over", period=str(target_year), kind="target")
    growth = _r1(rng.uniform(4, 25))
    sheet.add("output-growth", T("集群产值增速", "Growth of cluster output"),
              f"{YEAR}年{name}产值同比增长{_n(growth)}%", value=growth, unit="percent",
              period=str(YEAR))
    firms = int(rng.uniform(40, 600))
    qual = "over" if rng.random() < 0.3 else None
    firms = firms // 10 * 10 if qual else firms
    above = max(3, int(firms * rng.uniform(0.2, 0.5)))
    sheet.add("firms", T("集聚企业", "Firms in the cluster"),
              f"{name}集聚上下游企业{_q(firms, qual, '家')}", value=firms, unit="enterprises",
              qualifier=qual, period=str(YEAR), terms=["advanced-cluster"])
    sheet.add("above-size-firms", T("规上工业企业", "Firms above designated size"),
              f"其中规上工业企业{above}家", value=above, unit="enterprises", period=str(YEAR),
              terms=["above-size-industry"])
    rd = _r1(rng.uniform(1.5, 6.5))
    sheet.add("rd-intensity", T("研发投入强度", "R&D intensity"),
              f"集群企业研发投入占营业收入比重达{_n(rd)}%", value=rd, unit="percent",
              period=str(YEAR), terms=["rd-intensity"],
              sentence=f"{name}创新活跃，集群企业研发投入占营业收入比重达{_n(rd)}%。")
    if rng.random() < 0.7:
        land = int(rng.uniform(300, 8000)) // 100 * 100
        sheet.add("planned-land", T("规划用地", "Planned land"),
                  f"{name}规划用地约{_n(land)}亩", value=land, unit="mu", qualifier="about",
                  period=str(YEAR), terms=["standard-land"])
    links = rng.sample(CHAIN, 3)
    sheet.add("chain-segments", T("产业链环节", "Chain segments covered"),
              f"{name}已覆盖{links[0][0]}、{links[1][0]}、{links[2][0]}等环节",
              text=T("、".join(z for z, _ in links), _cap("; ".join(e for _, e in links))),
              terms=["industrial-chain"])
    charts = [{"id": "output-trend", "type": "trend",
               "title": T("集群产值走势与目标", "Cluster output: trend and target"),
               "facts": ["output", "output-target"]}]
    if rng.random() < 0.5:
        charts.append({"id": "firm-composition", "type": "composition",
                       "title": T(f"集聚企业构成（{YEAR}年）", f"Firms in the cluster ({YEAR})"),
                       "facts": ["firms", "above-size-firms"]})
    month = rng.randint(1, 12)
    year = rng.randint(2019, YEAR)
    milestone = f"{year}年{month}月，{name}入选省级先进制造业集群培育名单"
    node.sentences.append(milestone + "。")
    node.data = {
        "id": node.id,
        "type": T("先进制造业集群", "advanced manufacturing cluster"),
        "name": T(node.zh, node.en),
        "parent": node.place.id,
        "summary": T(
            f"{name}位于{node.place.zh}，以{ind_zh}为主业，集聚上下游企业{_q(firms, qual, '家')}，"
            f"{YEAR}年产值{_n(points[-1]['value'])}亿元。",
            f"The {node.en} in {node.place.en} gathers {_en_value(firms, 'enterprises', qual)} "
            f"in {ind_en}; in {YEAR} its output was "
            f"{_en_value(points[-1]['value'], 'cny_100m')}."),
        "links": node.extra["links"],
        "facts": sheet.facts,
        "timeline": [{"date": f"{year}-{month:02d}",
                      "text": T("入选省级先进制造业集群培育名单",
                                "Listed among the province's advanced manufacturing "
                                "clusters to be fostered"),
                      "source": {"doc": node.doc, "quote": milestone}}],
        "charts": charts,
        "terms": ["advanced-cluster"] + ctx["extra_terms"](rng),
    }


def _programme_sheet(node: Node, rng: random.Random, ctx: dict) -> None:
    """A programme: funds over time (trend), coverage against its target (progress)."""
    name = node.zh
    sheet = Sheet(node)
    points = _series(rng, rng.uniform(0.5, 8), rng.randint(3, 5))
    sheet.add("funding", T("年度投入资金", "Annual funding"),
              f"{name}年度投入资金{_series_text(points, '亿元')}", series=points,
              unit="cny_100m", terms=["special-fund"],
              sentence=f"{name}实施以来，年度投入资金稳步增加：{name}年度投入资金"
                       f"{_series_text(points, '亿元')}。")
    plan = float(int(sum(p["value"] for p in points) * rng.uniform(0.6, 1.2)) + 1)
    sheet.add("planned-funds", T("计划安排专项资金", "Special funds planned"),
              f"{YEAR}—2025年计划累计安排专项资金{_n(plan)}亿元", value=plan, unit="cny_100m",
              period=f"{YEAR}..2025", kind="plan", terms=["special-fund"],
              sentence=f"按照部署，{name}{YEAR}—2025年计划累计安排专项资金{_n(plan)}亿元。")
    supported = int(rng.uniform(30, 900)) // 10 * 10 + 10
    sheet.add("firms-supported", T("累计支持企业", "Firms supported so far"),
              f"{name}累计支持企业{_q(supported, 'at_least', '家')}", value=supported,
              unit="enterprises", qualifier="at_least", period=str(YEAR))
    projects = int(rng.uniform(8, 120))
    sheet.add("projects", T("重点项目", "Key projects"),
              f"推动实施重点项目{projects}个", value=projects, unit="projects",
              period=str(YEAR))
    if rng.random() < 0.6:
        land = int(rng.uniform(100, 3000)) // 10 * 10
        sheet.add("land-secured", T("保障项目用地", "Land secured for projects"),
                  f"{name}为项目保障用地{_n(land)}亩", value=land, unit="mu",
                  period=str(YEAR), terms=["output-per-mu"])
    coverage = _r1(rng.uniform(20, 70))
    target = float(min(100, int(coverage + rng.uniform(10, 30))))
    target_year = rng.choice([2025, 2026, 2027])
    sheet.add("coverage", T("规上工业企业覆盖率", "Share of industrial firms above designated "
                            "size covered"),
              f"{YEAR}年{name}覆盖规上工业企业比例达{_n(coverage)}%", value=coverage,
              unit="percent", period=str(YEAR), terms=["digital-transformation"])
    sheet.add("coverage-target", T("规上工业企业覆盖率目标", "Coverage target"),
              f"到{target_year}年覆盖比例力争达到{_n(target)}%", value=target, unit="percent",
              period=str(target_year), kind="target",
              sentence=f"{name}提出，到{target_year}年覆盖比例力争达到{_n(target)}%。")
    focus = rng.sample(FOCUS, 3)
    sheet.add("focus", T("支持重点", "What it supports"),
              f"{name}重点支持{focus[0][0]}、{focus[1][0]}和{focus[2][0]}",
              text=T("、".join(z for z, _ in focus),
                     _cap("; ".join(e for _, e in focus))))
    month = rng.randint(1, 12)
    year = rng.randint(2020, YEAR)
    start = f"{year}年{month}月，{node.place.zh}正式启动{node.extra['programme'][0]}"
    node.sentences.append(start + "。")
    node.data = {
        "id": node.id,
        "type": T("专项行动", "special programme"),
        "name": T(node.zh, node.en),
        "parent": node.place.id,
        "summary": T(
            f"{name}由{node.place.zh}组织实施，重点支持{focus[0][0]}等方向，"
            f"已累计支持企业{_q(supported, 'at_least', '家')}。",
            f"The {node.en} is run by {node.place.en}. It supports {focus[0][1]} among other "
            f"things and has helped {_en_value(supported, 'enterprises', 'at_least')} so far."),
        "links": node.extra["links"],
        "facts": sheet.facts,
        "timeline": [{"date": f"{year}-{month:02d}",
                      "text": T("正式启动", "Launched"),
                      "source": {"doc": node.doc, "quote": start}}],
        "charts": [{"id": "funding-trend", "type": "trend",
                    "title": T("年度投入资金", "Annual funding"), "facts": ["funding"]},
                   {"id": "coverage-progress", "type": "progress",
                    "title": T("覆盖率：实绩与目标", "Coverage: actual and target"),
                    "facts": ["coverage", "coverage-target"]}],
        "terms": ctx["extra_terms"](rng),
    }


# --- the region ---------------------------------------------------------------------------


def _split(n: int) -> tuple[int, int, int]:
    """(districts incl. city and towns, clusters, programmes) for n entities."""
    programmes = round(0.15 * n)
    clusters = round(0.25 * n)
    return n - clusters - programmes, clusters, programmes


def _region(n: int, rng: random.Random) -> tuple[Place, list[Node]]:
    """The tree of places, clusters and programmes, in reporting order (no facts yet)."""
    n_places, n_clusters, n_programmes = _split(n)
    names = _place_names(rng)
    zh, en, slug = next(names)
    city = Place(f"{slug}-city", zh + "市", en + " City", 0, slug=slug)
    n_districts = max(0, min(n_places - 1, round((n_places - 1) ** 0.5)))
    districts = []
    for _ in range(n_districts):
        zh, en, slug = next(names)
        d = Place(f"{slug}-district", zh + "区", en + " District", 1, city, slug)
        city.children.append(d)
        districts.append(d)
    towns = []
    for i in range(n_places - 1 - n_districts):
        zh, en, slug = next(names)
        parent = districts[i % len(districts)]
        t = Place(f"{slug}-town", zh + "镇", en + " Town", 2, parent, slug)
        parent.children.append(t)
        towns.append(t)
    places = [city] + districts + towns

    nodes: dict[str, list[Node]] = {p.id: [] for p in places}  # per owning district/city

    def home(place: Place) -> str:
        return place.id if place.level < 2 else place.parent.id

    place_nodes = {}
    for p in places:
        node = Node("district", p.id, p.zh, p.en, p)
        place_nodes[p.id] = node
        nodes[home(p)].append(node)

    owners = (districts + towns) or [city]
    rng.shuffle(owners)
    used: dict[str, list] = {}
    clusters = []
    for i in range(n_clusters):
        owner = owners[i % len(owners)]
        taken = used.setdefault(owner.id, [])
        free = [ind for ind in INDUSTRIES if ind not in taken] or INDUSTRIES
        ind = rng.choice(free)
        taken.append(ind)
        cid = f"{owner.slug}-{ind[2]}-cluster"
        if sum(1 for t in taken if t == ind) > 1:
            cid = f"{owner.slug}-{ind[2]}-cluster-{len(taken)}"
        owner_en = owner.en
        node = Node("cluster", cid, f"{owner.zh}{ind[0]}产业集群",
                    f"{owner_en} {ind[1]} cluster", owner, extra={"industry": ind})
        clusters.append(node)
        nodes[home(owner)].append(node)

    prog_owners = [city] + districts + [o for o in owners if o.level == 2]  # towns last
    programmes = []
    used_p: dict[str, list] = {}
    for i in range(n_programmes):
        owner = prog_owners[i % len(prog_owners)]
        taken = used_p.setdefault(owner.id, [])
        free = [p for p in PROGRAMMES if p not in taken] or PROGRAMMES
        prog = rng.choice(free)
        taken.append(prog)
        pid = f"{owner.slug}-{prog[2]}-programme"
        if sum(1 for t in taken if t == prog) > 1:
            pid = f"{owner.slug}-{prog[2]}-programme-{len(taken)}"
        node = Node("programme", pid, f"{owner.zh}{prog[0]}", f"{owner.en} {prog[1]}", owner,
                    extra={"programme": prog})
        programmes.append(node)
        nodes[home(owner)].append(node)

    # links: a few per entity, all to entities that exist
    by_owner: dict[str, list[Node]] = {}
    for c in clusters:
        by_owner.setdefault(c.place.id, []).append(c)
    prog_by_owner: dict[str, list[Node]] = {}
    for p in programmes:
        prog_by_owner.setdefault(p.place.id, []).append(p)
    for p in places:
        node, links = place_nodes[p.id], []
        siblings = p.parent.children if p.parent else []
        if len(siblings) > 1:
            nxt = siblings[(siblings.index(p) + 1) % len(siblings)]
            links.append({"to": nxt.id, "rel": "partner_of",
                          "note": T("相邻地区，产业协作", "Neighbours that work together "
                                    "on industry")})
        for c in by_owner.get(p.id, [])[:2]:
            links.append({"to": c.id, "rel": "related_to"})
        node.extra["links"] = links
    for c in clusters:
        links = [{"to": c.place.id, "rel": "located_in"}]
        progs = prog_by_owner.get(c.place.id) or prog_by_owner.get(
            c.place.parent.id if c.place.parent else "", [])
        if progs:
            links.append({"to": rng.choice(progs).id, "rel": "member_of"})
        same = [o for o in clusters if o.extra["industry"] == c.extra["industry"] and o is not c]
        if same:
            links.append({"to": rng.choice(same).id, "rel": "partner_of",
                          "note": T("同一产业链上的集群", "A cluster on the same chain")})
        c.extra["links"] = links
    for p in programmes:
        links = []
        targets = by_owner.get(p.place.id, []) + [c for t in p.place.children
                                                   for c in by_owner.get(t.id, [])]
        for c in targets[:2]:
            links.append({"to": c.id, "rel": "related_to",
                          "note": T("本行动支持的集群", "A cluster this programme supports")})
        if not links and clusters:
            links.append({"to": clusters[len(p.id) % len(clusters)].id, "rel": "related_to"})
        p.extra["links"] = links

    # industries of places and outputs (the top district gets a rank)
    for p in places:
        node = place_nodes[p.id]
        node.extra["industries"] = rng.sample(INDUSTRIES, 2)
        lo, hi = {0: (3000, 9000), 1: (300, 2500), 2: (20, 300)}[p.level]
        node.extra["output"] = _r1(rng.uniform(lo, hi))
    if districts:
        top = max(districts, key=lambda d: place_nodes[d.id].extra["output"])
        place_nodes[top.id].extra["top"] = True

    order = nodes[city.id] + [x for d in districts for x in nodes[d.id]]
    return city, order


def _article(doc_id: str, k: int, items: list[Node], city: Place, rng: random.Random,
             date: str) -> tuple[str, dict]:
    """A Chinese news article stating every quote of `items`, and its sources.yaml entry."""
    first = items[0].place  # the article is datelined from the place of its first story
    title_zh = f"{first.zh}等地加快推进新型工业化调查（之{k}）"
    title_en = f"How {first.en} and its neighbours push new industrialisation (part {k})"
    reporters = ["".join(rng.sample(SURNAMES, 1) + rng.sample(GIVEN, 2)) for _ in range(2)]
    byline = f"记者 {reporters[0]} 通讯员 {reporters[1]}"
    month, day = int(date[5:7]), int(date[8:10])
    lines = [title_zh, "", f"{city.zh}日报 {byline}", "",
             f"本报讯 {PUB_YEAR}年{month}月{day}日，记者从{city.zh}经济和信息化局获悉，"
             f"全市坚持把制造业作为立市之本，以新质生产力为引领，持续推进新型工业化。"
             f"记者近日深入{first.zh}等地采访，看到的是一幅产业提质升级的生动图景。", ""]
    for node in items:
        sentences = list(node.sentences)
        fill = [s.format(name=node.place.zh) for s in rng.sample(FILLER, 3)]
        body = [fill[0]] + sentences[: len(sentences) // 2] + [fill[1]] + \
            sentences[len(sentences) // 2:] + [fill[2]]
        lines += ["".join(body), ""]
    lines += [f"{city.zh}经济和信息化局有关负责人表示，下一步将以更大力度推进产业基础高级化和"
              f"产业链现代化，推动制造业高质量发展再上新台阶。", ""]
    entry = {
        "id": doc_id,
        "file": f"{doc_id}.txt",
        "title": T(title_zh, title_en),
        "publisher": T(f"{city.zh}日报", f"{city.en} Daily"),
        "byline": byline,
        "date": date,
        "date_note": T("文首电头注明日期。", "The dateline gives the date."),
    }
    return "\n".join(lines), entry


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def _drop_none(data: dict) -> dict:
    return {k: v for k, v in data.items() if v is not None and v != []}


def generate_edition(root: Path, n: int, seed: int = 0, overwrite: bool = False) -> dict:
    """Write a valid content folder of `n` synthetic entities under `root`; return counts.

    `root` must be empty or missing; with `overwrite`, the files and folders this function
    writes (and only those) are removed first.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    root = Path(root)
    managed = ["site.yaml", "glossary.yaml", "sources", *FOLDERS.values()]
    if root.exists() and any(root.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{root} is not empty (use overwrite=True / --force)")
        for name in managed:
            target = root / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    capacity = len(FIRST) * len(LAST) * (1 + len(MIDDLE))  # upper bound; pinyin may clash
    if _split(n)[0] > capacity * 0.9:
        raise ValueError(f"n={n} needs more place names than the syllable lists give")
    rng = random.Random(f"factsite-synth:{n}:{seed}")
    city, order = _region(n, rng)

    # source documents: consecutive groups of ~10 entities in reporting order
    n_docs = -(-n // DOC_SIZE)
    dates, doc_year = [], {}
    for k in range(n_docs):
        month = 1 + (k * 12) // n_docs
        date = f"{PUB_YEAR}-{month:02d}-{1 + (k * 7) % 28:02d}"
        dates.append(date)
    for i, node in enumerate(order):
        k = i * n_docs // n
        node.doc = f"{city.slug}-report-{k + 1:03d}"
        doc_year[node.doc] = dates[k][:4]

    glossary_ids = [g[0] for g in GLOSSARY]
    optional_terms = ["future-factory", "industrial-internet", "green-factory",
                      "smart-manufacturing", "output-per-mu", "new-productive-forces",
                      "tech-sme", "standard-land", "digital-transformation"]

    def extra_terms(r: random.Random) -> list[str]:
        return sorted(r.sample(optional_terms, r.randint(1, 2)),
                      key=glossary_ids.index)

    ctx = {"city": city, "doc_year": doc_year, "extra_terms": extra_terms}
    builders = {"district": _place_sheet, "cluster": _cluster_sheet,
                "programme": _programme_sheet}
    for node in order:
        builders[node.kind](node, rng, ctx)

    # every glossary term used somewhere (an unused term is a warning): the city lists the rest
    used = {t for node in order for t in node.data["terms"]}
    used |= {t for node in order for f in node.data["facts"] for t in f.get("terms", [])}
    city_node = order[0]
    city_node.data["terms"] = sorted(set(city_node.data["terms"]) |
                                     (set(glossary_ids) - used), key=glossary_ids.index)

    counts = {"entities": n, "district": 0, "cluster": 0, "programme": 0, "facts": 0,
              "series_facts": 0, "declared_charts": 0, "charts": 0, "source_docs": n_docs,
              "terms": len(GLOSSARY)}
    for node in order:
        data = _drop_none(node.data)
        _write(root / FOLDERS[node.kind] / f"{node.id}.yaml", to_yaml(data))
        counts[node.kind] += 1
        counts["facts"] += len(data["facts"])
        series = [f["id"] for f in data["facts"] if "series" in f]
        counts["series_facts"] += len(series)
        counts["declared_charts"] += len(data["charts"])
        charted = {ref for c in data["charts"] for ref in c["facts"]}
        counts["charts"] += len(data["charts"]) + sum(1 for s in series if s not in charted)
    for folder in FOLDERS.values():  # an empty kind still has its folder
        (root / folder).mkdir(parents=True, exist_ok=True)

    entries = []
    for k in range(n_docs):
        doc_id = f"{city.slug}-report-{k + 1:03d}"
        items = [node for node in order if node.doc == doc_id]
        text, entry = _article(doc_id, k + 1, items, city, rng, dates[k])
        _write(root / "sources" / entry["file"], text)
        entries.append(entry)
    _write(root / "sources" / "sources.yaml", to_yaml({"sources": entries}))

    _write(root / "glossary.yaml", to_yaml({"terms": [
        {"id": gid, "term": T(zh, en), "explain": T(ezh, een)}
        for gid, zh, en, ezh, een in GLOSSARY]}))
    _write(root / "site.yaml", to_yaml({
        "title": T(f"{city.zh}产业图集（合成数据）", f"{city.en} Industry Atlas (synthetic)"),
        "description": T(f"由程序生成的{n}个实体的合成版本，用于测试和性能评估。",
                         f"A generated edition of {n} synthetic entities, for tests and "
                         "benchmarks."),
        "edition": f"{PUB_YEAR + 1}-01-15",
        "author": T("factsite 合成数据生成器", "factsite synthetic data generator"),
        "home_entity": city.id,
    }))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factsite.synth",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="content folder to write (empty or missing)")
    parser.add_argument("n", type=int, help="number of entities")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--force", action="store_true",
                        help="replace a previously generated edition in OUT")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        counts = generate_edition(args.out, args.n, args.seed, overwrite=args.force)
    except (FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(", ".join(f"{k} {v}" for k, v in counts.items()) + f" -> {args.out} in {elapsed:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
