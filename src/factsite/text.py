"""Author text to safe HTML: Markdown with raw HTML escaped, glossary terms linked once."""

from __future__ import annotations

import html
import re

import markdown

from factsite.model import Term

_md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
_TAG = re.compile(r"(<[^>]+>)")


_UNSAFE_HREF = re.compile(r'href="(?!https?://|#|\.|/)[^"]*"', re.IGNORECASE)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def markdown_to_html(text: str) -> str:
    """Markdown to HTML with every raw tag shown as text (`<script>` stays inert).

    Links keep only web, relative and anchor targets (no `javascript:`); images are dropped,
    since a page must load nothing from another host.
    """
    _md.reset()
    out = _md.convert(html.escape(text, quote=False))
    return _IMG.sub("", _UNSAFE_HREF.sub('href="#"', out))


def _patterns(term: Term, lang: str) -> list[str]:
    names = [term.term[lang]]
    if term.aliases:
        names += [a.strip() for a in term.aliases[lang].split(",") if a.strip()]
    # a display form like '"little giant" firms (SRDI)' also matches its core words
    names += [re.sub(r"\s*[(（].*?[)）]", "", n).strip("“”\"' ") for n in names]
    return sorted({n for n in names if len(n) >= 2}, key=len, reverse=True)


def _link_first(fragment: str, pattern: re.Pattern, make) -> str | None:
    """Replace the first match of `pattern` in text outside tags and links; None if none."""
    parts = _TAG.split(fragment)
    in_link = 0
    for i, part in enumerate(parts):
        if part.startswith("<"):
            in_link += part.startswith("<a") - part.startswith("</a")
            continue
        if in_link > 0:
            continue
        m = pattern.search(part)
        if m:
            parts[i] = part[: m.start()] + make(m.group(0)) + part[m.end():]
            return "".join(parts)
    return None


def link_terms(fragment: str, terms: list[Term], lang: str, href,
               seen: set[str]) -> tuple[str, set[str]]:
    """Link the first occurrence on the page of each glossary term in an HTML fragment.

    Only text outside tags and outside links is touched; `seen` holds the terms already
    linked on this page. Returns the new fragment and the ids linked in it.
    """
    linked: set[str] = set()
    for term in terms:
        if term.id in seen:
            continue
        tip = html.escape(term.explain[lang])

        def make(text: str, term=term, tip=tip) -> str:
            return f'<a class="fs-term" href="{href(term.id)}" title="{tip}">{text}</a>'

        for name in _patterns(term, lang):
            escaped = re.escape(html.escape(name, quote=False))
            if lang == "en":
                escaped = (r"\b" if name[:1].isalnum() else "") + escaped + (
                    r"\b" if name[-1:].isalnum() else "")
            pattern = re.compile(escaped, re.IGNORECASE if lang == "en" else 0)
            result = _link_first(fragment, pattern, make)
            if result is not None:
                fragment = result
                linked.add(term.id)
                break
    return fragment, linked
