"""Author text to safe HTML: Markdown with raw HTML shown as text, internal links made
relative to the page (in source-file form, so MkDocs validates them), glossary terms linked
on first use on a page, and the result sanitised by nh3 (ammonia).

Internal links are written by authors as site paths from the language root,
`[Yuhang](/district/yuhang/#fact-little-giants)`; the page gets
`../../district/yuhang/index.md#fact-little-giants`, which the engine hands to MkDocs.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from factsite.content.site_model import Term

ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "code", "blockquote", "br", "hr",
                "h3", "h4", "pre"}
SKIP = {"a", "code", "pre", "abbr"}  # glossary links never go inside these
SANITIZER = nh3.Cleaner(tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                        allowed_classes={"a": {"fs-term"}}, url_schemes={"http", "https"},
                        link_rel=None)  # immutable configuration, shared


def _names(term: Term, lang: str) -> list[str]:
    """Every written form of a term in running text of `lang`."""
    names = [term.term[lang]]
    if term.aliases and lang in term.aliases:
        names += [a.strip() for a in term.aliases[lang].split(",") if a.strip()]
    # a display form like '"little giant" firms (SRDI)' also matches its core words
    names += [re.sub(r"\s*[(（].*?[)）]", "", n).strip("“”\"' ") for n in names]
    return [n for n in names if len(n) >= 2]


class TermMatcher:
    """One regular expression over every form of every glossary term of a language, so a
    page's text is scanned once whatever the size of the glossary. Words match whole in
    scripts with spaces (a Latin-script form), anywhere in Chinese."""

    def __init__(self, terms: list[Term], lang: str):
        self.by_form: dict[str, Term] = {}
        for term in terms:
            for name in _names(term, lang):
                self.by_form.setdefault(name.lower(), term)
        forms = sorted(self.by_form, key=len, reverse=True)
        alternatives = [(r"\b" if f[:1].isascii() and f[:1].isalnum() else "") + re.escape(f)
                        + (r"\b" if f[-1:].isascii() and f[-1:].isalnum() else "")
                        for f in forms]
        self.pattern = re.compile("|".join(alternatives), re.IGNORECASE) if forms else None
        self.lang = lang

    def term_of(self, text: str) -> Term:
        return self.by_form[text.lower()]

    def find(self, text: str) -> set[str]:
        """Ids of the terms `text` mentions (for glossary usage)."""
        if self.pattern is None:
            return set()
        return {self.term_of(m.group(0)).id for m in self.pattern.finditer(text)}


class _Glossary(Treeprocessor):
    """Links the first use on the page of each term, outside links, code and abbreviations."""

    def __init__(self, md: markdown.Markdown, owner: TextRenderer):
        super().__init__(md)
        self.owner = owner

    def _split(self, text: str) -> list[str | etree.Element]:
        owner = self.owner
        out: list[str | etree.Element] = []
        last = 0
        for m in owner.matcher.pattern.finditer(text):
            term = owner.matcher.term_of(m.group(0))
            if term.id in owner.seen:
                continue
            link = etree.Element("a", {"class": "fs-term", "href": owner.term_href(term.id),
                                       "title": term.explain[owner.matcher.lang]})
            link.text = m.group(0)
            out += [text[last:m.start()], link]
            last = m.end()
            owner.seen.add(term.id)
        out.append(text[last:])
        return out

    def _walk(self, el: etree.Element) -> None:
        if el.text and el.tag not in SKIP:
            parts = self._split(el.text)
            el.text = parts[0]
            for i, part in enumerate(parts[1::2]):
                part.tail = parts[2 + 2 * i]
                el.insert(i, part)
        for child in list(el):
            if child.tag not in SKIP:
                self._walk(child)
            if child.tail and el.tag not in SKIP:
                parts = self._split(child.tail)
                child.tail = parts[0]
                at = list(el).index(child) + 1
                for i, part in enumerate(parts[1::2]):
                    part.tail = parts[2 + 2 * i]
                    el.insert(at + i, part)

    def run(self, root: etree.Element) -> None:
        if self.owner.matcher is not None and self.owner.matcher.pattern is not None:
            self._walk(root)


class _Links(Treeprocessor):
    """Site paths (`/district/yuhang/#x`) become links to the page's source file, relative
    to the page; anything that is not http(s), relative or an anchor becomes '#'."""

    def __init__(self, md: markdown.Markdown, owner: TextRenderer):
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        for el in root.iter("a"):
            href = el.get("href", "")
            new = self.owner.resolve(href)
            if new != href:
                self.owner.links[new] = href
            el.set("href", new)
        for el in list(root.iter("img")):  # a page loads nothing from another host
            el.tag, el.attrib = "span", {}


class _Factsite(Extension):
    def __init__(self, owner: TextRenderer):
        super().__init__()
        self.owner = owner

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_Links(md, self.owner), "factsite_links", 4)
        md.treeprocessors.register(_Glossary(md, self.owner), "factsite_glossary", 3)


def relative_src(target: str, page_src: str) -> str:
    """Link from the page whose source file is `page_src` to the source file `target`."""
    return posixpath.relpath(target, posixpath.dirname(page_src) or ".")


class TextRenderer:
    """Renders the author text of one language; `begin` starts a page (terms are linked once
    per page). One Markdown instance serves every page."""

    def __init__(self, matcher: TermMatcher | None, glossary_src: str = "glossary/index.md"):
        self.matcher, self.glossary_src = matcher, glossary_src
        self.page_src = "index.md"
        self.seen: set[str] = set()
        self.links: dict[str, str] = {}  # link as emitted -> as the author wrote it
        self._md = markdown.Markdown(extensions=["sane_lists", _Factsite(self)],
                                     output_format="html")

    def begin(self, page_src: str) -> None:
        self.page_src, self.seen, self.links = page_src, set(), {}

    def term_href(self, term_id: str) -> str:
        return f"{relative_src(self.glossary_src, self.page_src)}#{term_id}"

    def resolve(self, href: str) -> str:
        """An author's link target as the page must write it."""
        if href.startswith(("http://", "https://", "#")):
            return href
        if href.startswith("/"):
            path, _, fragment = href[1:].partition("#")
            target = posixpath.join(path, "index.md") if not path or path.endswith("/") \
                else path
            return relative_src(target, self.page_src) + (f"#{fragment}" if fragment else "")
        if href.startswith("."):
            return href
        return "#"

    def render(self, text: str) -> str:
        self._md.reset()
        out = self._md.convert(html.escape(text, quote=False))
        return SANITIZER.clean(out)


def plain_summary(text: str, limit: int = 160) -> str:
    """First sentence of Markdown text, as plain text for meta descriptions."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"[*_`#>\[\]]", "", text).strip()
    first = re.split(r"(?<=[。！？.!?])\s*", text, maxsplit=1)[0]
    return first[:limit]
