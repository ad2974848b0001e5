"""The font subset covers the edition: every character a page body, a chart or a PDF of the
real edition shows, and that Noto Sans SC has, is in the derived Regular and Bold instances
(so nothing is drawn as .notdef or in a fallback font by accident)."""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

import pytest

from helpers import REPO


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from factsite.build.pipeline import Project, render_project
    from factsite.core.context import BuildContext

    project = Project.at(REPO / "content", REPO / "templates",
                         tmp_path_factory.mktemp("fonts") / "site")
    return render_project(project, BuildContext.create())


def shown(rs) -> set[str]:
    """Every character of every page body (charts inline), of the landing page and of
    every print HTML (report cover, contents, running labels)."""
    from factsite.export.print_html import print_plan

    texts = [p.body for pages in rs.pages.values() for p in pages] + [rs.landing]
    for plan in print_plan(rs, rs.fonts):
        texts += [plan.report.html] + [job.html for job in plan.alone]
    return {c for text in texts for c in html.unescape(text)
            if unicodedata.category(c) not in ("Cc", "Cs")}


def test_the_subset_covers_every_character_shown(rendered):
    from fontTools.ttLib import TTFont

    from factsite.core.fonts import variable_font

    full = TTFont(variable_font()).getBestCmap()
    chars = shown(rendered)
    assert len(chars) > 1000 and {"杭", "州", "亿", "A", "%"} <= chars
    for style, path in rendered.fonts.files.items():
        font = TTFont(path)
        cmap = font.getBestCmap()
        missing = sorted(c for c in chars if ord(c) in full and ord(c) not in cmap)
        assert not missing, (style, missing)
        notdef = sorted(c for c in chars if cmap.get(ord(c)) == ".notdef")
        assert not notdef, (style, notdef)
        assert font["name"].getDebugName(1) == "Noto Sans SC"
        assert font["name"].getDebugName(2) == style
        assert "fvar" not in font and font["OS/2"].usWeightClass == {"Regular": 400,
                                                                      "Bold": 700}[style]
        assert path.stat().st_size < 2_000_000  # a subset, not the 10 MB instance
    # what Noto Sans SC lacks (▸, a thin space) falls back to a system font, as expected:
    # symbols and spaces only, never a letter or an ideograph
    outside = sorted(c for c in chars if ord(c) not in full)
    assert all(unicodedata.category(c)[0] in "SZ" for c in outside), outside
    assert rendered.fonts.covers(c for c in chars if ord(c) in full)  # computed, not luck


def test_the_subset_is_keyed_by_the_characters(tmp_path: Path):
    """Another character set derives other instances; the same set finds them again,
    and a truncated instance is derived anew."""
    from factsite.core.cache import Cache
    from factsite.core.fonts import static_fonts

    cache = Cache(tmp_path / "cache")
    one = static_fonts(cache, "杭州 Hangzhou")
    assert static_fonts(cache, "州杭 Hangzhou") == one  # the set, not the order
    two = static_fonts(cache, "杭州 Hangzhou 亿")
    assert two.folder != one.folder and two.covers("亿") and not one.covers("亿")
    regular = one.files["Regular"]
    good = regular.read_bytes()
    regular.write_bytes(good[: len(good) // 3])
    assert static_fonts(cache, "杭州 Hangzhou") == one
    assert regular.read_bytes() == good  # the same bytes: derived again, deterministically
