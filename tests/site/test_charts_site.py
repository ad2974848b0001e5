"""Charts in the built site: the Vega bundle only where charts are, a static SVG and a data
table in every chart figure, downloads beside the page, and no re-render on a warm build."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import make_project

BUNDLE = "assets/factsite-charts.js"


def test_bundle_only_on_pages_with_charts(mini_site: Path):
    with_charts = without = 0
    for page in mini_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        has_figure = 'class="fs-chart ' in html
        assert (BUNDLE in html) == has_figure, page
        with_charts += has_figure
        without += not has_figure
    assert with_charts >= 4 and without >= 10
    assert (mini_site / BUNDLE).stat().st_size > 500_000


def test_chart_figures_have_svg_alt_table_and_downloads(mini_site: Path):
    page = mini_site / "zh" / "district" / "east-district" / "index.html"
    html = page.read_text(encoding="utf-8")
    figure = html[html.index('<figure class="fs-chart fs-chart--ladder"'):]
    figure = figure[: figure.index("</figure>")]
    assert "<svg" in figure and "国家级“小巨人”企业" in figure
    alt = re.search(r'role="img" aria-label="([^"]+)"', figure).group(1)
    assert "梯队条形图" in alt and "12家" in alt and "45家" in alt and "120家" in alt
    assert '<table class="fs-data">' in figure and "45家" in figure
    data = json.loads((page.parent / "chart-srdi-ladder.json").read_text(encoding="utf-8"))
    assert {row["value"] for row in data} == {12, 45, 120}
    csv = (page.parent / "chart-srdi-ladder.csv").read_text(encoding="utf-8-sig")
    assert csv.splitlines()[0] == \
        "entity,metric,period,period_inferred,value,unit,kind,source,quote"
    spec = json.loads((page.parent / "chart-srdi-ladder.vl.json").read_text(encoding="utf-8"))
    assert spec["title"]["subtitle"] == ["家", "资料来源:河城日报,2024年1月"]
    assert "资料来源:河城日报,2024年1月" in figure  # the source line is inside the SVG
    sheet = json.loads((page.parent / "east-district.json").read_text(encoding="utf-8"))
    assert len(sheet["facts"]) == 7 and all(f["quote"] for f in sheet["facts"])


def test_compare_page_lines_up_a_shared_metric(mini_site: Path):
    html = (mini_site / "en" / "compare" / "index.html").read_text(encoding="utf-8")
    assert "East District" in html and "West District" in html and "River City" in html
    assert 'id="chart-compare-little-giants"' in html  # three entities lined up


def test_warm_build_renders_no_chart(tmp_path: Path):
    from factsite.build.pipeline import Project, build_site
    from factsite.core.context import BuildContext

    project = make_project(tmp_path)
    ctx = BuildContext.create(cache_dir=tmp_path / "cache")
    where = Project.at(project / "content", project / "templates", project / "site")
    cold = build_site(where, ctx, pdf=False)
    warm = build_site(where, ctx, pdf=False)
    # in 3 languages: 3 charts and the full map, each as SVG and PNG, and 2 locator maps
    assert (cold.charts, cold.svgs_rendered) == (3, 3 * (2 * 3 + 2 + 2))
    assert (warm.charts, warm.svgs_rendered) == (3, 0)
    assert warm.pages == cold.pages and set(cold.pages) == {"zh", "en", "zh-hant"}
