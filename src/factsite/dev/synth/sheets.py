"""The fact sheets of a synthetic edition: per kind of entity, the facts, charts and links,
and the article sentences that state every quote."""

from __future__ import annotations

import random

from factsite.content.units import plain_number
from factsite.dev.synth.region import Node
from factsite.dev.synth.tables import CHAIN, FOCUS, YEAR, T
from factsite.render.locale import Locale, load_locales
from factsite.render.templates import BUILT_IN, TemplateDirs



def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _n(value: float) -> str:
    return plain_number(value)


def _r1(value: float) -> float:
    return round(value, 1)


def english(templates: TemplateDirs = TemplateDirs((BUILT_IN,))) -> Locale:
    """The built-in English locale, for the English text of the fact sheets."""
    return load_locales(templates, ("en",))["en"]


def _en_value(ctx: dict, value: float, unit: str, qualifier: str | None = None) -> str:
    return ctx["english"].number(value, unit, qualifier)


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
                    "period_phrase", "kind", "scope", "rank", "note", "terms", "subset_of"):
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




def place_sheet(node: Node, rng: random.Random, ctx: dict) -> None:
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
            f"above designated size produced {_en_value(ctx, output, 'cny_100m')}, and industrial "
            f"value added grew by {_n(growth)}%."),
        "links": node.extra["links"],
        "facts": sheet.facts,
        "charts": charts,
        "terms": terms,
    }


def cluster_sheet(node: Node, rng: random.Random, ctx: dict) -> None:
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
              terms=["above-size-industry"], subset_of="firms")
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
            f"The {node.en} in {node.place.en} gathers {_en_value(ctx, firms, 'enterprises', qual)} "
            f"in {ind_en}; in {YEAR} its output was "
            f"{_en_value(ctx, points[-1]['value'], 'cny_100m')}."),
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


def programme_sheet(node: Node, rng: random.Random, ctx: dict) -> None:
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
    baseline = _r1(coverage * rng.uniform(0.4, 0.8))
    target = float(min(100, int(coverage + rng.uniform(10, 30))))
    target_year = rng.choice([2025, 2026, 2027])
    sheet.add("coverage-baseline", T("规上工业企业覆盖率", "Share of industrial firms above "
                                     "designated size covered"),
              f"{YEAR - 2}年这一比例为{_n(baseline)}%", value=baseline, unit="percent",
              period=str(YEAR - 2), metric="programme-coverage")
    sheet.add("coverage", T("规上工业企业覆盖率", "Share of industrial firms above designated "
                            "size covered"),
              f"{YEAR}年{name}覆盖规上工业企业比例达{_n(coverage)}%", value=coverage,
              unit="percent", period=str(YEAR), terms=["digital-transformation"],
              metric="programme-coverage")
    sheet.add("coverage-target", T("规上工业企业覆盖率目标", "Coverage target"),
              f"到{target_year}年覆盖比例力争达到{_n(target)}%", value=target, unit="percent",
              period=str(target_year), kind="target", metric="programme-coverage",
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
            f"things and has helped {_en_value(ctx, supported, 'enterprises', 'at_least')} so far."),
        "links": node.extra["links"],
        "facts": sheet.facts,
        "timeline": [{"date": f"{year}-{month:02d}",
                      "text": T("正式启动", "Launched"),
                      "source": {"doc": node.doc, "quote": start}}],
        "charts": [{"id": "funding-trend", "type": "trend",
                    "title": T("年度投入资金", "Annual funding"), "facts": ["funding"]},
                   {"id": "coverage-progress", "type": "progress",
                    "title": T("覆盖率：实绩与目标", "Coverage: actual and target"),
                    "facts": ["coverage-baseline", "coverage", "coverage-target"]}],
        "terms": ctx["extra_terms"](rng),
    }
