"""Hostile content renders as inert text: <script>, template syntax, Markdown and HTML
injection in names, summaries, labels, quotes and the site title."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import make_project, run_cli

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile"))
    content = project / "content"
    source = content / "sources" / "article.txt"
    source.write_text(source.read_text(encoding="utf-8") +
                      "攻击者写下<b>粗体</b>与{{ 7*7 }}共3次。\n", encoding="utf-8")
    east = content / "districts" / "east-district.yaml"
    text = east.read_text(encoding="utf-8")
    text = text.replace("name: {zh: 东区, en: East District}",
                        'name: {zh: "东区<script>alert(1)</script>", '
                        'en: "East {{ 7*7 }} <img src=x onerror=alert(1)>"}')
    text = text.replace("  en: East District is known for its SRDI firms.",
                        "  en: \"[click](javascript:alert(1)) <iframe src=x></iframe> "
                        "{% raw %}{{ 7*7 }} **bold** <script>alert(1)</script>\"")
    text = text.replace("facts:\n", "facts:\n"
                        "  - id: hostile\n"
                        "    label: {zh: \"</table><script>alert(1)</script>\", en: \"</td>x\"}\n"
                        "    value: 3\n    unit: count\n    period: \"2023\"\n"
                        "    source: {doc: river-2024, quote: \"攻击者写下<b>粗体</b>与{{ 7*7 }}共3次\"}\n",
                        1)
    east.write_text(text, encoding="utf-8")
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "title: {zh: 示例图集, en: Example Atlas}",
        'title: {zh: "示例<script>alert(1)</script>", en: "Example {{ 7*7 }}"}'),
        encoding="utf-8")
    status, _, err = run_cli(project, "--quiet", "--no-pdf", "build")
    assert status == 0, err
    return project / "site"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_text_is_inert(hostile_site: Path, lang: str):
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert SCRIPT not in html, page
        assert "<img src=x" not in html and "<iframe src=x" not in html, page
        assert 'href="javascript:' not in html.lower(), page
        assert "<b>粗体</b>" not in html, page
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>|<script.*?</script>|<style.*?"
                                              r"</style>", "", html, flags=re.S))
        assert not re.search(r"(?<![\d.])49(?![\d.])", text), page  # {{ 7*7 }} never ran
    page = (hostile_site / lang / "district" / "east-district" / "index.html").read_text(
        encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page
    assert "&lt;b&gt;粗体&lt;/b&gt;" in page


def test_hostile_title_is_escaped_in_head(hostile_site: Path):
    html = (hostile_site / "zh" / "district" / "east-district" / "index.html").read_text(
        encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<script>" not in title and "&lt;script&gt;" in title


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_text_stays_data_in_json_ld_and_the_feed(hostile_site: Path, lang: str):
    import json

    import feedparser

    html = (hostile_site / lang / "district" / "east-district" / "index.html").read_text(
        encoding="utf-8")
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in raw and "\\u003c" in raw  # no tag can end the script element
    data = json.loads(raw)
    assert data["name"] == ("东区<script>alert(1)</script>" if lang == "zh" else
                            "East {{ 7*7 }} <img src=x onerror=alert(1)>")
    feed = feedparser.parse((hostile_site / lang / "feed.xml").read_bytes())
    assert feed.bozo == 0
    assert feed.feed.title.startswith("示例<script>" if lang == "zh" else "Example {{ 7*7 }}")
