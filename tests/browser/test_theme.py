"""The factsite theme in a real browser: nothing scrolls sideways on a phone, the section menu
works by keyboard, the dark switch is remembered, and the Vega bundle is fetched only on pages
with charts and only after the page has loaded. Screenshots of every page kind, zh and en,
1280 and 360 px, light and dark, go to artifacts/screenshots/."""

from __future__ import annotations

import pytest

from browser.conftest import BACKGROUND, Watched
from helpers import screenshot

PAGE_KINDS = {"home": "", "district": "district/xiaoshan/", "cluster":
              "cluster/china-vision-valley/", "platform": "platform/xianghu/",
              "institution": "institution/xidian-hangzhou-institute/",
              "company": "company/hangxiao-steel/", "programme": "programme/xiaoshan-srdi-ladder/",
              "kind-index": "district/", "compare": "compare/", "glossary": "glossary/",
              "sources": "sources/", "article": "sources/xs-golden-cards-2023/",
              "ledger": "ledger/", "tracker": "targets/", "about": "about/", "changes": "changes/",
              "search": "search/?q=xiaoshan", "404": "404.html"}
CHARTLESS = ["district/", "district/xiaoshan/", "compare/", "glossary/", "sources/",
             "sources/xs-golden-cards-2023/", "ledger/", "targets/", "about/", "search/",
             "404.html", "company/hangxiao-steel/", "changes/"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


def test_section_menu_opens_and_closes_by_keyboard(phone, server):
    phone.goto(f"{server}/en/district/xiaoshan/")
    menu = phone.locator("details.fs-menu")
    assert phone.locator(".fs-sidebar").is_hidden()  # on a phone: the menu, not the sidebar
    summary = menu.locator("summary")
    summary.focus()
    phone.keyboard.press("Enter")
    assert menu.get_attribute("open") is not None
    link = menu.locator('a[aria-current="true"]')
    assert link.is_visible() and link.inner_text() == "Districts & cities"
    phone.keyboard.press("Tab")  # into the menu's first link
    assert phone.evaluate("document.activeElement.closest('details.fs-menu') !== null")
    phone.keyboard.press("Escape")
    assert menu.get_attribute("open") is None
    assert phone.evaluate("document.activeElement.tagName") == "SUMMARY"
    phone.keyboard.press("Space")
    assert menu.get_attribute("open") is not None
    phone.keyboard.press("Enter")
    assert menu.get_attribute("open") is None


def test_dark_switch_is_remembered_across_pages(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    page = context.new_page()
    page.goto(f"{server}/zh/district/yuhang/")
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == BACKGROUND["light"]
    toggle = page.locator("button.fs-theme-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert page.locator("html").get_attribute("data-theme") == "dark"
    assert page.evaluate(background) == BACKGROUND["dark"]
    page.goto(f"{server}/zh/glossary/")
    assert page.locator("html").get_attribute("data-theme") == "dark"
    assert page.evaluate(background) == BACKGROUND["dark"]
    assert page.locator("button.fs-theme-toggle").get_attribute("aria-pressed") == "true"
    page.locator("button.fs-theme-toggle").click()
    page.goto(f"{server}/en/")
    assert page.evaluate(background) == BACKGROUND["light"]
    context.close()


def test_pages_without_charts_never_request_the_bundle(browser, server):
    """Every chart-less page open at once, then past the idle time at which chart pages
    fetch the bundle: none of them asked for it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pages = {}
    for path in CHARTLESS:
        pages[path] = Watched(context.new_page())
        pages[path].page.goto(f"{server}/en/{path}")
    for watched in pages.values():
        watched.page.wait_for_load_state("load")
    # every page has loaded: wait once past the idle time at which chart pages fetch it
    next(iter(pages.values())).page.wait_for_timeout(2500)
    asked = [path for path, w in pages.items()
             if any("factsite-charts.js" in u for u in w.requests)]
    drawn = [path for path, w in pages.items() if w.page.locator("figure.fs-chart").count()]
    assert (asked, drawn) == ([], [])
    assert all(w.requests for w in pages.values())
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_pages_fetch_the_bundle_only_after_load(watched, server, lang):
    page = watched.page
    page.goto(f"{server}/{lang}/programme/xiaoshan-srdi-ladder/")
    page.wait_for_selector("figure.fs-chart.fs-chart--live", timeout=15000)
    timing = page.evaluate("""() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const bundle = performance.getEntriesByType('resource')
        .filter(e => e.name.endsWith('factsite-charts.js'))[0];
      return {load: nav.loadEventStart, bundle: bundle ? bundle.startTime : -1};
    }""")
    assert timing["bundle"] >= timing["load"] > 0, timing
    # the first paint needs no script: the static SVG was in the HTML
    html = page.evaluate("document.querySelector('script[src$=\"factsite-charts.js\"]')"
                         ".outerHTML")
    assert "async" in html


def test_pointing_at_a_chart_loads_it_at_once(watched, server):
    page = watched.page
    page.goto(f"{server}/en/platform/hangzhou-bay-information-port/")
    page.wait_for_load_state("domcontentloaded")
    page.locator("figure.fs-chart").first.hover()
    page.wait_for_selector("figure.fs-chart.fs-chart--live", timeout=15000)
    assert any("factsite-charts.js" in u for u in watched.requests)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots_of_every_page_kind(browser, server, lang, width, scheme):
    """A screenshot of every page kind; at 360 px, no page is wider than the phone."""
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  color_scheme=scheme)
    page = context.new_page()
    too_wide = {}
    for kind, path in PAGE_KINDS.items():
        page.goto(f"{server}/{lang}/{path}")
        page.wait_for_load_state("load")
        if kind == "search":
            page.wait_for_selector(".fs-search__link", timeout=15000)
        assert screenshot(page, f"{kind}-{lang}-{width}-{scheme}").stat().st_size > 5000
        scrolled = page.evaluate("document.documentElement.scrollWidth")
        if width == 360 and scrolled > width:
            too_wide[kind] = scrolled
    assert too_wide == {}, f"pages wider than {width} px (their width): {too_wide}"
    context.close()
