"""Author text: Markdown made safe, glossary terms linked once per page, outside links."""

from __future__ import annotations

from factsite.model import Term
from factsite.text import TermMatcher, link_terms, markdown_to_html

SRDI = Term.model_validate({
    "id": "srdi", "term": {"zh": "专精特新", "en": "specialized, refined, distinctive and "
                                             "innovative (SRDI)"},
    "explain": {"zh": "说明", "en": "SRDI <firms>"}, "aliases": {"zh": "专精特新企业",
                                                              "en": "SRDI"}})
GIANT = Term.model_validate({"id": "little-giant", "term": {"zh": "小巨人", "en": "little giant"},
                             "explain": {"zh": "说明", "en": "explained"}})


def href(term_id: str) -> str:
    return f"../glossary/#{term_id}"


def test_first_occurrence_is_linked_once_per_page():
    matcher = TermMatcher([SRDI, GIANT], "zh")
    html, linked = link_terms("<p>专精特新企业与小巨人,又一个专精特新</p>", matcher, href, set())
    assert html.count('class="fs-term"') == 2 and linked == {"srdi", "little-giant"}
    assert '>专精特新企业</a>' in html  # the longest form wins
    again, more = link_terms("<p>小巨人</p>", matcher, href, linked)
    assert again == "<p>小巨人</p>" and more == set()


def test_english_matches_words_case_insensitively_and_skips_links():
    matcher = TermMatcher([SRDI, GIANT], "en")
    html, _ = link_terms('<p><a href="x">SRDI</a> srdi firms; giants, Little Giant</p>',
                         matcher, href, set())
    assert '<a href="x">SRDI</a> <a class="fs-term" href="../glossary/#srdi"' in html
    assert "giants, <a" in html and ">Little Giant</a>" in html
    assert 'title="SRDI &lt;firms&gt;"' in html


def test_markdown_is_safe():
    html = markdown_to_html("**b** <script>x</script> [a](javascript:alert(1)) ![i](http://h/i)")
    assert "<strong>b</strong>" in html and "&lt;script&gt;" in html
    assert "javascript:" not in html and "<img" not in html
