"""Traditional Chinese (zh-hant), derived from the Simplified content with OpenCC and a locked
list: every text converted, quotes left verbatim (with the converted reading marked as
such), its own PDFs set in the embedded Noto Sans SC."""

from __future__ import annotations

import re
import shutil
from html import unescape
import subprocess
from pathlib import Path

import pytest

from factsite.content.loader import load_edition
from helpers import REPO

EDITION = load_edition(REPO / "content")


def text_of(html: str) -> str:
    html = re.sub(r"<blockquote.*?</blockquote>|<script.*?</script>|<svg.*?</svg>", "", html,
                  flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_every_text_is_converted_with_the_locked_fixes():
    assert "zh-hant" in EDITION.languages and "zh-hant" not in EDITION.authored_languages
    yuhang = EDITION.entities["yuhang"]
    assert yuhang.name["zh"] == "余杭区" and yuhang.name["zh-hant"] == "餘杭區"
    golden = EDITION.entities["yuhang-golden-68"].name["zh-hant"]
    assert "餘杭" in golden and "余杭" not in golden  # OpenCC alone keeps 余 here
    assert EDITION.entities["hangzhou-bay-information-port"].name["zh-hant"] == "杭州灣信息港"
    for entity in EDITION.entities.values():  # every fact label has its Traditional form
        assert all("zh-hant" in f.label for f in entity.facts)


def test_quotes_stay_verbatim_and_the_reading_is_marked(real_site: Path):
    html = (real_site / "zh-hant" / "district" / "xiaoshan" / "index.html").read_text("utf-8")
    assert "<h1>蕭山區</h1>" in html
    quotes = [unescape(q) for q in re.findall(
        r'<blockquote lang="zh-Hans" class="fs-quote">([^<]*)</blockquote>', html)]
    originals = {f.source.quote for e in EDITION.entities.values() for f in e.facts} | {
        m.source.quote for e in EDITION.entities.values() for m in e.timeline}
    assert quotes and set(quotes) <= originals
    # the page (lang="zh-Hant") says once that each reading under a quote is converted
    assert html.count('<p class="fs-note">引文照錄簡體原文;其下灰字是轉換後的繁體字') == 1
    readings = re.findall(r'</blockquote><p class="fs-quote__converted">([^<]*)</p>', html)
    assert len(readings) == len(quotes)
    assert any("蕭山" in r for r in readings) and not any("萧山" in r for r in readings)
    assert "萧山" not in text_of(html)  # outside the quotes, every text is Traditional


def test_the_article_is_the_original(real_site: Path):
    html = (real_site / "zh-hant" / "sources" / "xs-golden-cards-2023" / "index.html"
            ).read_text("utf-8")
    body = html.split('<div class="fs-article-text" lang="zh-Hans">')[1]
    assert "萧山" in body.split("</div>")[0]


@pytest.fixture(scope="module")
def report(mini_site: Path) -> Path:
    return mini_site / "zh-hant" / "report-zh-hant.pdf"


def test_traditional_pdfs_embed_their_font(report: Path):
    assert shutil.which("pdffonts"), "poppler-utils is missing (python tests/install_tools.py)"
    fonts = subprocess.run(["pdffonts", str(report)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts), fonts
    assert all("Noto-Sans-SC" in line for line in fonts), fonts  # no fallback face
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(report), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "東區" in text and "東区" not in text  # the locked fix, in the PDF too
    assert "\ufffd" not in text


def test_every_character_of_the_traditional_pages_has_a_glyph(real_site: Path):
    """No box, no fallback: every character the zh-hant pages show (charts and PDFs use the
    same characters) is in Noto Sans SC, whose subset the SVGs and PDFs embed."""
    from fontTools.ttLib import TTFont

    from factsite.core.fonts import variable_font

    cmap = TTFont(variable_font()).getBestCmap()
    shown = set()
    for page in (real_site / "zh-hant").rglob("*.html"):
        shown |= set(re.sub(r"<[^>]+>", " ", unescape(page.read_text("utf-8"))))
    missing = sorted(ch for ch in shown if ord(ch) > 0x7F and ord(ch) not in cmap
                     and not ch.isspace())
    assert len(shown) > 1500 and missing == []
