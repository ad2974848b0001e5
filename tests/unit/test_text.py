"""Author text: Markdown made safe (nh3), internal links resolved to source files, glossary
terms linked once per page, never inside links, code or abbreviations."""

from __future__ import annotations

from factsite.content.site_model import Term
from factsite.render.text import TermMatcher, TextRenderer

SRDI = Term.model_validate({
    "id": "srdi", "term": {"zh": "专精特新", "en": "specialized, refined, distinctive and "
                                             "innovative (SRDI)"},
    "explain": {"zh": "说明", "en": "SRDI <firms>"}, "aliases": {"zh": "专精特新企业",
                                                              "en": "SRDI"}})
GIANT = Term.model_validate({"id": "little-giant", "term": {"zh": "小巨人", "en": "little giant"},
                             "explain": {"zh": "说明", "en": "explained"}})


def renderer(lang: str, page: str = "district/east/index.md") -> TextRenderer:
    r = TextRenderer(TermMatcher([SRDI, GIANT], lang))
    r.begin(page)
    return r


def test_first_occurrence_is_linked_once_per_page():
    r = renderer("zh")
    html = r.render("专精特新企业与小巨人,又一个专精特新")
    assert html.count('class="fs-term"') == 2 and r.seen == {"srdi", "little-giant"}
    assert ">专精特新企业</a>" in html  # the longest form wins
    assert 'href="../../glossary/index.md#srdi"' in html
    assert r.render("小巨人") == "<p>小巨人</p>"  # linked already on this page
    r.begin("index.md")
    assert 'href="glossary/index.md#little-giant"' in r.render("小巨人")  # a new page


def test_english_matches_words_case_insensitively_and_skips_links_code_and_abbr():
    r = renderer("en")
    html = r.render("[SRDI](https://example.org/) `SRDI` srdi firms; giants, Little Giant")
    assert '<a href="https://example.org/">SRDI</a> <code>SRDI</code> <a class="fs-term"' in html
    assert "giants, <a" in html and ">Little Giant</a>" in html
    assert 'title="SRDI &lt;firms&gt;"' in html
    # an <abbr> written by an author is text, and a term is never linked inside a link
    assert "&lt;abbr&gt;" in renderer("en").render("<abbr>SRDI</abbr>")
    assert renderer("en").render("[little giant firms](#x)") == \
        '<p><a href="#x">little giant firms</a></p>'


def test_markdown_is_safe():
    html = renderer("en").render("**b** <script>x</script> [a](javascript:alert(1)) "
                                 "![i](http://h/i) <img src=x onerror=alert(1)>")
    assert "<strong>b</strong>" in html and "&lt;script&gt;" in html
    assert "javascript:" not in html and "<img" not in html and "onerror=alert" not in \
        html.replace("&lt;img src=x onerror=alert(1)&gt;", "")


def test_site_paths_become_links_to_source_files():
    r = renderer("en")
    html = r.render("See [Yuhang](/district/yuhang/#fact-little-giants) and [home](/).")
    assert 'href="../yuhang/index.md#fact-little-giants"' in html
    assert 'href="../../index.md"' in html
    assert r.links["../yuhang/index.md#fact-little-giants"] == \
        "/district/yuhang/#fact-little-giants"
