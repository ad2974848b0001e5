"""The chart grammar of PAGES.md and like-for-like comparisons, each rule checked over every
chart of the real edition and of a synthetic one (which has long series, mixed periods and
small multiples the real edition lacks)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factsite.content.loader import load_edition
from factsite.dev.synth import generate_edition
from factsite.render.charts.grammar import period_type
from factsite.render.charts.plan import plan_all
from factsite.render.charts.rows import source_line
from factsite.render.charts.specs import SpecBuilder, segment_rows
from factsite.render.compare import compare_key, figure_period, plan_comparisons
from helpers import LOCALES, REPO, make_project, run_cli


@pytest.fixture(scope="module", params=["real", "synthetic"])
def edition(request, tmp_path_factory):
    if request.param == "real":
        return load_edition(REPO / "content")
    root = tmp_path_factory.mktemp("synth") / "content"
    generate_edition(root, 60)
    return load_edition(root)


def specs(edition):
    """(owner, chart, lang, spec, rows) of every chart of the edition."""
    builder = SpecBuilder()
    for owner, chart in plan_all(edition):
        for lang in ("zh", "en"):
            spec, rows = builder.spec(chart, LOCALES[lang], source_line(chart, edition,
                                                                        LOCALES[lang]))
            yield owner, chart, lang, spec, rows


def test_rule_1_a_line_joins_one_period_type(edition):
    joined = 0
    for owner, chart, lang, spec, rows in specs(edition):
        for seg in {r["segment"] for r in segment_rows(rows)}:
            ends = [r for r in segment_rows(rows) if r["segment"] == seg]
            assert len({period_type(r["period"]) for r in ends}) == 1, (owner, chart.id)
            assert len({r["line"] for r in ends}) == 1, (owner, chart.id)
            joined += 1
    if edition.site.title.en.endswith("(synthetic)"):
        assert joined > 50  # the synthetic edition has long series: the rule is exercised


def test_rule_2_inferred_points_are_marked_everywhere(edition):
    inferred = [(e, f, p) for e in edition.entities.values() for f in e.facts
                for p in f.series or [] if p.period_inferred]
    for entity, fact, point in inferred:
        assert point.period_phrase is not None, (entity.id, fact.id)
    for owner, chart, lang, spec, rows in specs(edition):
        for row in rows:
            if row["period_inferred"]:
                assert LOCALES[lang].t("inferred") in row["period_label"]
        for seg in segment_rows(rows):
            ends = [r for r in segment_rows(rows) if r["segment"] == seg["segment"]]
            assert seg["segment_inferred"] == any(r["period_inferred"] for r in ends)
    if edition.site.title.en.endswith("Atlas"):  # the real one: the three five-year series
        assert {f.id for e, f, p in inferred if e.id == "xiaoshan"} == {
            "high-tech-enterprises", "rd-intensity", "high-tech-industry-share"}


def test_rule_3_two_points_are_a_change_not_a_chart(edition):
    for owner, chart, lang, spec, rows in specs(edition):
        assert len(rows) >= 3, (owner, chart.id)
    charted = {(e.id, f.id) for _, chart in plan_all(edition) for e, f in chart.refs}
    for entity in edition.entities.values():
        for fact in entity.facts:
            if fact.series and len(fact.series) == 2:
                assert (entity.id, fact.id) not in charted


def test_rule_3_series_of_one_unit_are_small_multiples(edition):
    for entity in edition.entities.values():
        derived = [c for c in plan_all(edition) if c[0] == entity.id and c[1].derived]
        units = [(f.unit, f.kind) for _, c in derived for _, f in c.refs]
        assert len(units) == len(set(units)) or all(c.facets for _, c in derived
                                                    if len(c.refs) > 1)
        assert len({(u, k) for u, k in units}) == len(derived)  # one chart per unit and kind


def test_rule_4_targets_are_hollow_and_never_joined(edition):
    for owner, chart, lang, spec, rows in specs(edition):
        assert all(r["kind"] == "actual" for r in segment_rows(rows))
        if chart.type == "progress":
            facts = [f for _, f in chart.refs]
            assert len({f.metric for f in facts}) == 1 and len({f.scope for f in facts}) == 1


def test_rule_6_every_chart_explains_itself(edition):
    n = 0
    for owner, chart, lang, spec, rows in specs(edition):
        title = spec["title"]
        assert title["text"] == chart.title[lang]
        assert title["subtitle"][-1] == source_line(chart, edition, LOCALES[lang])
        assert LOCALES[lang].unit_label(chart.refs[0][1].unit) in title["subtitle"][0]
        n += 1
    assert n > 0


def test_comparisons_line_up_only_like_for_like(edition):
    groups = plan_comparisons(edition)
    assert groups
    for group in groups:
        keys = {compare_key(f) for _, f in group.lined_up}
        assert len(keys) <= 1, group.id
        assert all(f.metric == group.metric.id and not f.subset_of for _, f in group.lined_up)
        if group.lined_up:
            assert len({e.id for e, _ in group.lined_up}) >= 2
        reference = group.lined_up[0][1] if group.lined_up else None
        for row in group.apart:
            if row.reason == "subset":
                assert row.fact.subset_of
            elif reference is not None:
                mine = {"kind": row.fact.kind, "unit": row.fact.unit, "scope": row.fact.scope,
                        "period": figure_period(row.fact)}
                theirs = {"kind": reference.kind, "unit": reference.unit,
                          "scope": reference.scope, "period": figure_period(reference)}
                assert mine[row.reason] != theirs[row.reason], (group.id, row.fact.id)


def test_the_cases_of_the_issue_are_apart():
    """Hangzhou's land revitalized is no longer beside land to be freed (targets), Yuhang's
    11 "of the 44" little giants never beside Xiaoshan's total of 41."""
    edition = load_edition(REPO / "content")
    groups = {g.metric.id: g for g in plan_comparisons(edition)}
    assert "industrial-land-revitalized" not in groups  # one place only: nothing to compare
    little = groups["little-giants"]
    assert little.lined_up == ()
    assert {(r.entity.id, r.reason) for r in little.apart} >= {("yuhang", "subset")}
    land = groups["industrial-land-to-free"]
    assert all(f.kind == "target" for _, f in land.lined_up + tuple(
        (r.entity, r.fact) for r in land.apart))


def test_svgs_carry_their_source_line(mini_site: Path):
    html = (mini_site / "en" / "district" / "river-city" / "index.html").read_text("utf-8")
    figure = html[html.index('id="chart-investment"'):]
    svg = figure[figure.index("<svg"):figure.index("</svg>")]
    assert "Source: River City Daily, Jan 2024" in svg
    spec = json.loads((mini_site / "en" / "district" / "river-city" /
                       "chart-investment.vl.json").read_text("utf-8"))
    values = spec["data"]["values"]
    jan_may = [v for v in values if v["period"] == "2024-01..05"]
    assert jan_may and all(v["role"] == "point" for v in jan_may)  # never on the annual line


@pytest.mark.parametrize("lang, words", [("en", "five years earlier (inferred: 2018)"),
                                         ("zh", "五年前(推定:2018年)")])
def test_inferred_periods_in_pages_and_downloads(real_site: Path, lang, words):
    page = real_site / lang / "district" / "xiaoshan"
    html = (page / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="fact-high-tech-enterprises".*?</tr>', html, re.S).group(0)
    assert words in row and 'class="fs-inferred"' in row and "→" in row
    csv = (page / "xiaoshan.csv").read_text(encoding="utf-8-sig").splitlines()
    header = csv[0].split(",")
    inferred = [line for line in csv if line.startswith("xiaoshan,high-tech-enterprises,")]
    assert len(inferred) == 2
    assert all(line.split(",")[header.index("period_inferred")] == "True" for line in inferred)


def test_a_target_without_deadline_says_so(real_site: Path):
    html = (real_site / "en" / "platform" / "qiantang-smart-city-north-park" /
            "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="fact-new-industrial-space".*?</tr>', html, re.S).group(0)
    period = re.search(r'<td class="fs-fact__period">(.*?)</td>', row, re.S).group(1)
    assert period.startswith("deadline not given") and not re.search(r"\d{4}", period)


def test_declared_two_point_chart_warns_and_is_not_drawn(tmp_path: Path, capsys):
    project = make_project(tmp_path)
    sheet = project / "content" / "districts" / "east-district.yaml"
    text = sheet.read_text(encoding="utf-8").replace(
        "facts: [little-giants, srdi-firms, innovative-smes]", "facts: [little-giants, srdi-firms]")
    sheet.write_text(text, encoding="utf-8")
    status, _, err = run_cli(project, "--no-pdf", "check", capsys=capsys)
    assert status == 0
    assert "warning W503 charts[0]: chart 'srdi-ladder' has 2 marks: it is shown as figures, " \
           "not drawn" in err
    assert run_cli(project, "--no-pdf", "--quiet", "build")[0] == 0
    html = (project / "site" / "en" / "district" / "east-district" / "index.html").read_text(
        encoding="utf-8")
    assert 'id="chart-srdi-ladder"' not in html and 'id="fact-srdi-firms"' in html
