"""Real-browser tests against the built real edition: landing, language switch, search in
both languages, interactive charts, no console errors, no request off the loopback host."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from helpers import screenshot


def assert_clean(watched, base: str) -> None:
    hosts = {urlparse(u).netloc for u in watched.requests if urlparse(u).scheme in
             ("http", "https")}
    assert hosts == {urlparse(base).netloc}, hosts
    assert watched.errors == []


@pytest.mark.parametrize("lang, title", [("zh", "杭州新型工业化图集"),
                                         ("en", "Hangzhou New Industrialization Atlas")])
def test_landing_page_in_both_languages(watched, server, lang, title):
    page = watched.page
    page.goto(server + "/")
    page.click(f'a[hreflang="{"zh-Hans" if lang == "zh" else "en"}"].enter')
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/{lang}/")
    assert page.locator("h1").first.inner_text() == title
    assert page.locator("html").get_attribute("lang") == ("zh-Hans" if lang == "zh" else "en")
    screenshot(page, f"home-{lang}")
    assert_clean(watched, server)


@pytest.mark.parametrize("start, other", [("zh", "en"), ("en", "zh")])
def test_language_switch_keeps_the_page(watched, server, start, other):
    page = watched.page
    page.goto(f"{server}/{start}/district/xiaoshan/")
    page.click("a.fs-lang-switch")
    page.wait_for_load_state("load")
    assert page.url == f"{server}/{other}/district/xiaoshan/"
    assert page.locator("header.fs-header").get_attribute("data-entity") == "xiaoshan"
    assert_clean(watched, server)


@pytest.mark.parametrize("lang, query, expected", [
    ("zh", "中国视谷", "中国视谷"),
    ("zh", "视谷", "中国视谷"),
    ("en", "little giant", "SRDI"),
    ("en", "China Vision Valley", "China Vision Valley"),
])
def test_search_finds_in_its_language(watched, server, lang, query, expected):
    page = watched.page
    page.goto(f"{server}/{lang}/search/?q={query}")
    page.wait_for_selector(".fs-search__link", timeout=15000)
    titles = page.locator(".fs-search__link").all_inner_texts()
    urls = page.locator(".fs-search__link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    assert any(expected in t for t in titles), titles
    assert all(f"/{lang}/" in u for u in urls), urls  # never the other language
    screenshot(page, f"search-{lang}-{query.replace(' ', '-')}")
    assert_clean(watched, server)


def test_header_search_box_leads_to_results(watched, server):
    page = watched.page
    page.goto(f"{server}/en/")
    page.fill(".fs-header-search input", "Xiaoshan")
    page.press(".fs-header-search input", "Enter")
    page.wait_for_selector(".fs-search__link", timeout=15000)
    assert "/en/search/" in page.url
    assert_clean(watched, server)


def test_the_search_page_loads_pagefind_with_the_first_query_only(watched, server):
    """A first visit to the search page loads the theme's own small script, not Pagefind's
    13 KB-gzip search API nor its 30 KB UI; the API comes with the first query, by keyboard."""
    page = watched.page
    page.goto(f"{server}/en/search/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in watched.requests if "/pagefind/" in u], watched.requests
    page.focus("#fs-search-q")
    page.keyboard.type("Yuhang")
    page.keyboard.press("Enter")
    page.wait_for_selector(".fs-search__link", timeout=15000)
    assert any(u.endswith("/en/pagefind/pagefind.js") for u in watched.requests)
    assert not any("pagefind-ui" in u for u in watched.requests)
    status = page.locator("#fs-search-status")
    assert status.get_attribute("role") == "status" and "Yuhang" in status.inner_text()
    assert "q=Yuhang" in page.url  # the query is in the address, to share or go back to
    assert page.locator(".fs-search__excerpt mark").count() >= 1
    excerpts = " ".join(page.locator(".fs-search__excerpt").all_inner_texts())
    assert "Yuhang" in excerpts and "[1]" not in excerpts and "[2]" not in excerpts  # no [n]
    assert_clean(watched, server)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_interactive_chart_draws(watched, server, lang):
    page = watched.page
    page.goto(f"{server}/{lang}/programme/xiaoshan-srdi-ladder/")
    page.wait_for_selector("figure.fs-chart.fs-chart--live .vega-embed svg", timeout=15000)
    marks = page.locator("figure.fs-chart--live .vega-embed svg .mark-rect path").count()
    assert marks >= 3  # the three tiers of the ladder
    page.locator("figure.fs-chart").first.scroll_into_view_if_needed()
    screenshot(page, f"chart-{lang}-js")
    assert_clean(watched, server)


def test_charts_are_static_svg_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/zh/programme/xiaoshan-srdi-ladder/")
    svg = page.locator("figure.fs-chart .fs-chart__view > svg").first
    assert svg.is_visible()
    texts = svg.locator("text").evaluate_all("els => els.map(e => e.textContent)")
    assert any("年" in t for t in texts), texts  # Chinese period labels drawn as SVG text
    page.locator("figure.fs-chart").first.scroll_into_view_if_needed()
    screenshot(page, "chart-zh-nojs")
    context.close()


def test_pages_without_charts_do_not_load_vega(watched, server):
    page = watched.page
    page.goto(f"{server}/en/glossary/")
    assert not any("factsite-charts.js" in u for u in watched.requests)
    assert_clean(watched, server)


def test_a_traditional_query_finds_traditional_pages(watched, server):
    page = watched.page
    page.goto(f"{server}/zh-hant/search/?q=中國視谷")
    page.wait_for_selector(".fs-search__link", timeout=15000)
    titles = page.locator(".fs-search__link").all_inner_texts()
    urls = page.locator(".fs-search__link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    assert "中國視谷" in titles, titles
    assert all("/zh-hant/" in u for u in urls), urls
    screenshot(page, "search-zh-hant")
    assert_clean(watched, server)
