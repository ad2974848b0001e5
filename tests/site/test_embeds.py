"""Reuse: an embed page for every chart, full map and key figure (the picture or figure, its
title, source line, licence and a link back, nothing from another host), the copyable iframe
beside each, PNG (2×) and SVG downloads per chart, and a share card per page."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest

from factsite.content.loader import load_edition
from factsite.render.charts.plan import COMPARE, plan_all
from factsite.render.embeds import hero_facts
from factsite.render.plan import plan_pages
from helpers import REPO

EDITION = load_edition(REPO / "content")
LANGS = EDITION.languages
FOREIGN = re.compile(r'(?:src|href)="(?:https?:)?//', re.I)


def page_folder(site: Path, lang: str, owner: str) -> Path:
    if owner == COMPARE:
        return site / lang / "compare"
    return site / lang / EDITION.kinds[owner] / owner


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def embed_items() -> list[tuple[str, str, str]]:
    """(owner, item, kind) of every embed of the edition."""
    items = [(owner, f"chart-{chart.id}", "chart") for owner, chart in plan_all(EDITION)]
    items += [(sheet.region, f"map-{sheet.id}", "map") for sheet in EDITION.maps.values()]
    items += [(e.id, f"fact-{f.id}", "figure") for e in EDITION.entities.values()
              for f in hero_facts(EDITION, e)]
    return items


def test_there_is_something_to_embed():
    kinds = [kind for _, _, kind in embed_items()]
    assert kinds.count("chart") >= 3 and kinds.count("map") == 1 and kinds.count("figure") >= 60


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_has_an_embed_page_and_a_snippet(real_site: Path, lang: str):
    for owner, item, kind in embed_items():
        embed = real_site / lang / "embed" / owner / item / "index.html"
        html = embed.read_text("utf-8")
        assert not FOREIGN.search(html), f"{embed}: loads from another host"
        assert '<meta name="robots" content="noindex">' in html
        assert EDITION.site.license[lang] in unescape(html)  # the licence
        back = re.search(r'<footer>.*?<a href="([^"]+)">', html, re.S).group(1)
        target = (embed.parent / back / "index.html").resolve()
        assert target == (page_folder(real_site, lang, owner) / "index.html").resolve()
        if kind == "figure":
            assert '<blockquote lang="zh-Hans">' in html  # the quote, verbatim
        else:
            assert "<svg" in html
        # the page showing the item carries the snippet pointing at this embed page
        page = (target).read_text("utf-8")
        assert f"/{lang}/embed/{owner}/{item}/" in unescape(page), (owner, item)


def test_a_figure_embed_says_what_the_page_says(real_site: Path):
    html = (real_site / "en" / "embed" / "xiaoshan" / "fact-industrial-investment-jan-may-2024"
            / "index.html").read_text("utf-8")
    assert '<div class="fig-value">CNY 7.6 billion</div>' in html
    assert "Jan\u2009–\u2009May 2024" in html and "Source: " in html  # Babel's thin spaces
    assert "今年1至5月,萧山完成工业投资76亿元" in html


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_has_png_and_svg_downloads(real_site: Path, lang: str):
    for owner, chart in plan_all(EDITION):
        folder = page_folder(real_site, lang, owner)
        svg = (folder / f"chart-{chart.id}.svg").read_text("utf-8")
        root = ET.fromstring(svg.split("?>", 1)[1])  # well-formed, standalone
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        width = float(root.get("width"))
        png_w, png_h = png_size((folder / f"chart-{chart.id}.png").read_bytes())
        assert png_w == pytest.approx(2 * width, abs=2)  # 2×
        html = (folder / "index.html").read_text("utf-8")
        assert f'href="chart-{chart.id}.png"' in html and f'href="chart-{chart.id}.svg"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_its_share_card(real_site: Path, lang: str):
    for page in plan_pages(EDITION, lang):
        folder = real_site / lang / page.path
        assert png_size((folder / "og.png").read_bytes()) == (1200, 630), page.path
        html = (folder / "index.html").read_text("utf-8")
        assert '<meta property="og:image" content="og.png">' in html
        assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_cards_differ_by_page_and_language(real_site: Path):
    cards = {(lang, path): (real_site / lang / path / "og.png").read_bytes()
             for lang in LANGS for path in ("", "district/xiaoshan/", "glossary/")}
    assert len(set(cards.values())) == len(cards)


def test_a_card_shows_the_pages_first_key_figures(real_site: Path):
    from factsite.render.cards import page_card
    from factsite.render.locale import load_locales
    from factsite.render.templates import BUILT_IN, TemplateDirs

    locales = load_locales(TemplateDirs((REPO / "templates", BUILT_IN)), EDITION.languages,
                           tuple(EDITION.site.derived_languages))
    page = next(p for p in plan_pages(EDITION, "en") if p.entity_id == "xiaoshan")
    card = page_card(page, EDITION, locales["en"], "Xiaoshan District")
    html = (real_site / "en" / "district" / "xiaoshan" / "index.html").read_text("utf-8")
    shown = re.findall(r'<div class="fs-hero__figure">(.*?)</div>', html)
    assert [value for _, value, _ in card.figures] == [unescape(v) for v in shown[:3]]
    assert card.title == "Xiaoshan District" and "2026-11-22" in card.footer
