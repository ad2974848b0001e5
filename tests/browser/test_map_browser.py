"""The district map in a browser: static and linked without JavaScript, interactive with it
on wide screens, a locator image on district pages, in every language."""

from __future__ import annotations

import pytest

LANGS = ["zh", "en", "zh-hant"]
FULL = "figure.fs-map#map-hangzhou-districts"


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_map_is_drawn_and_its_areas_are_links(browser, server, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  java_script_enabled=False)
    page = context.new_page()
    for path in ("", "district/hangzhou/"):
        page.goto(f"{server}/{lang}/{path}")
        figure = page.locator(FULL)
        assert figure.is_visible()
        box = figure.locator("svg").bounding_box()
        assert box["width"] > 500 and box["height"] > 250
        assert figure.locator("svg path").count() >= 13
    page.locator(f'{FULL} svg a[href*="xiaoshan"] text').click()  # its label
    page.wait_for_url("**/district/xiaoshan/")
    locator = page.locator("figure.fs-map--locator img")
    assert locator.is_visible()
    assert page.evaluate("document.querySelector('figure.fs-map--locator img').naturalWidth") > 0
    context.close()


def test_with_javascript_the_full_map_becomes_interactive(watched, server):
    page = watched.page
    page.goto(f"{server}/en/")
    page.locator(FULL).hover()
    page.wait_for_selector(f"{FULL}.fs-chart--live", timeout=15000)
    view = page.locator(f"{FULL} .vega-embed svg")
    assert view.count() == 1 and view.locator("path").count() >= 13
    assert watched.errors == []


def test_on_a_phone_the_map_stays_static_and_fits(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/zh/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(2500)  # past the idle time at which the bundle loads
    assert "fs-chart--live" not in page.locator(FULL).get_attribute("class")
    assert page.locator(FULL).locator("svg").bounding_box()["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
