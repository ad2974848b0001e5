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


def _names(term: Term, lang: str) -> list[str]:
    """Every written form of a term in running text of `lang`."""
    names = [term.term[lang]]
    if term.aliases:
        names += [a.strip() for a in term.aliases[lang].split(",") if a.strip()]
    # a display form like '"little giant" firms (SRDI)' also matches its core words
    names += [re.sub(r"\s*[(（].*?[)）]", "", n).strip("“”\"' ") for n in names]
    return [n for n in names if len(n) >= 2]


class TermMatcher:
    """One regular expression over every form of every glossary term of a language, so a
    page's text is scanned once whatever the size of the glossary."""

    def __init__(self, terms: list[Term], lang: str):
        self.by_form: dict[str, Term] = {}
        for term in terms:
            for name in _names(term, lang):
                key = html.escape(name, quote=False)
                self.by_form.setdefault(key.lower() if lang == "en" else key, term)
        forms = sorted(self.by_form, key=len, reverse=True)
        if lang == "en":
            alternatives = [(r"\b" if f[:1].isalnum() else "") + re.escape(f) +
                            (r"\b" if f[-1:].isalnum() else "") for f in forms]
            self.pattern = re.compile("|".join(alternatives), re.IGNORECASE) if forms else None
        else:
            self.pattern = re.compile("|".join(map(re.escape, forms))) if forms else None
        self.lang = lang

    def term_of(self, text: str) -> Term:
        return self.by_form[text.lower() if self.lang == "en" else text]


def link_terms(fragment: str, matcher: TermMatcher, href,
               seen: set[str]) -> tuple[str, set[str]]:
    """Link the first occurrence on the page of each glossary term in an HTML fragment.

    Only text outside tags and outside links is touched; `seen` holds the terms already
    linked on this page. Returns the new fragment and the ids linked in it.
    """
    if matcher.pattern is None:
        return fragment, set()
    linked: set[str] = set()
    parts = _TAG.split(fragment)
    in_link = 0
    for i, part in enumerate(parts):
        if part.startswith("<"):
            in_link += part.startswith("<a") - part.startswith("</a")
            continue
        if in_link > 0 or not part:
            continue
        pieces, last = [], 0
        for m in matcher.pattern.finditer(part):
            term = matcher.term_of(m.group(0))
            if term.id in seen or term.id in linked:
                continue
            tip = html.escape(term.explain[matcher.lang])
            pieces.append(part[last:m.start()])
            pieces.append(f'<a class="fs-term" href="{href(term.id)}" title="{tip}">'
                          f"{m.group(0)}</a>")
            last = m.end()
            linked.add(term.id)
        if pieces:
            parts[i] = "".join(pieces) + part[last:]
    return "".join(parts), linked
