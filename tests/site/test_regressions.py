"""Regression tests of bugs found in v1, each failing on the code before its fix."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import make_project, run_cli


@pytest.fixture(scope="module")
def newest_first_site(tmp_path_factory) -> Path:
    """The mini edition with West District's series written newest first."""
    project = make_project(tmp_path_factory.mktemp("reversed"))
    sheet = project / "content" / "districts" / "west-district.yaml"
    text = sheet.read_text(encoding="utf-8")
    text = text.replace('      - {period: "2022", value: 5}\n      - {period: "2023", value: 8}',
                        '      - {period: "2023", value: 8}\n      - {period: "2022", value: 5}')
    assert '{period: "2023", value: 8}\n      - {period: "2022"' in text
    sheet.write_text(text, encoding="utf-8")
    status, _, err = run_cli(project, "--quiet", "--no-pdf", "build")
    assert status == 0, err
    return project / "site"


@pytest.mark.parametrize("lang, values, period", [
    ("en", ["5 enterprises", "8 enterprises"], "2022–2023"),
    ("zh", ["5家", "8家"], "2022年–2023年"),
])
def test_series_written_newest_first_reads_oldest_to_newest(newest_first_site: Path, lang,
                                                            values, period):
    html = (newest_first_site / lang / "district" / "west-district" / "index.html").read_text(
        encoding="utf-8")
    row = re.search(r'<tr id="fact-little-giants".*?</tr>', html, re.S).group(0)
    assert re.findall(r'<span class="fs-num">([^<]+)</span>', row) == values
    cell = re.search(r'<td class="fs-fact__period">(.*?)<', row, re.S).group(1)
    assert cell == period


class Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h3, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "h3"

    def handle_data(self, data):
        if self._in and data.strip():
            self.h3.append(data.strip())
            self._in = False


def test_no_two_relation_sections_share_a_heading(real_site: Path):
    for page in (real_site / "en").glob("*/*/index.html"):
        html = page.read_text(encoding="utf-8")
        if 'class="fs-relations"' not in html:
            continue
        block = html[html.index('class="fs-relations"'):]
        block = block[: block.index("</div>")]
        parser = Headings()
        parser.feed(block)
        repeated = [h for h, n in Counter(parser.h3).items() if n > 1]
        assert repeated == [], page.relative_to(real_site)


def _used_on(page: Path) -> dict[str, list[str]]:
    html = page.read_text(encoding="utf-8")
    out = {}
    for term, dd in re.findall(r'<dt id="([^"]+)">.*?</dt>\s*<dd>(.*?)</dd>', html, re.S):
        out[term] = re.findall(r'href="\.\./([a-z]+/[a-z0-9-]+)/"', dd)
    return out


def test_glossary_lists_the_same_pages_in_both_languages(real_site: Path):
    zh = _used_on(real_site / "zh" / "glossary" / "index.html")
    en = _used_on(real_site / "en" / "glossary" / "index.html")
    assert len(zh) == len(en) >= 50
    different = {t: (sorted(zh[t]), sorted(en[t])) for t in zh if sorted(zh[t]) != sorted(en[t])}
    assert different == {}
    assert sum(len(v) for v in en.values()) > 100


_PERIOD_CELL = re.compile(r'<td class="fs-fact__period">(.*?)</td>', re.S)
_CHIP_PERIOD = re.compile(r'<span class="fs-chip__period">(.*?)</span>', re.S)


def test_an_undated_figure_says_its_date_is_not_given(real_site: Path):
    """An undated figure left its period cell (and chip) blank: a reader cannot tell a blank
    from a layout slip; PAGES.md asks for the absence to be stated."""
    stated = {"en": "date not given", "zh": "未注明日期"}
    undated = Counter()
    for lang, words in stated.items():
        for page in (real_site / lang).rglob("index.html"):
            html = page.read_text(encoding="utf-8")
            for cell in _PERIOD_CELL.findall(html) + _CHIP_PERIOD.findall(html):
                text = re.sub(r"<[^>]+>", "", cell).strip()
                assert text, f"{page.relative_to(real_site)}: a figure shows no period"
                undated[lang] += words in text
    assert undated["en"] > 0 and undated["en"] == undated["zh"]
