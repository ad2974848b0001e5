"""Render page bodies (Markdown with HTML blocks) from Jinja templates; pure functions of
(edition, page). One Jinja environment per build, templates compiled once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from factsite.derive import Derived
from factsite.edition import Edition
from factsite.model import Entity, Fact, SourceRef, Text
from factsite.numbers import format_value, unit_label
from factsite.pages import Page
from factsite.periods import format_period, parse_period
from factsite.text import link_terms, markdown_to_html


_SERIES: dict[int, list] = {}


def _sorted_series(fact: Fact) -> list:
    """A fact's points in period order (facts are immutable: computed once per fact)."""
    key = id(fact)
    if key not in _SERIES or _SERIES[key][0] is not fact:
        _SERIES[key] = (fact, sorted(fact.series or [],
                                     key=lambda p: parse_period(p.period).sort_key()))
    return _SERIES[key][1]


@dataclass
class Citations:
    """Numbers the quotes of one page in order of first use; zh and en number alike."""

    refs: list[SourceRef] = field(default_factory=list)
    index: dict[tuple[str, str], int] = field(default_factory=dict)

    def number(self, ref: SourceRef) -> int:
        key = (ref.doc, ref.quote)
        if key not in self.index:
            self.refs.append(ref)
            self.index[key] = len(self.refs)
        return self.index[key]


def make_environment(templates: Path) -> Environment:
    """The one Jinja environment of a build."""
    env = Environment(loader=FileSystemLoader(str(templates / "pages")), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["tojson_attr"] = lambda v: json.dumps(v, ensure_ascii=False)
    return env


class PageContext:
    """What a template may ask about the page it renders; every method is language-aware."""

    def __init__(self, page: Page, edition: Edition, derived: Derived, strings: dict,
                 build_info: dict):
        self.page, self.edition, self.derived = page, edition, derived
        self.lang, self.t, self.build = page.lang, strings, build_info
        self.citations = Citations()
        self.linked_terms: set[str] = set()
        self.other_lang = "en" if page.lang == "zh" else "zh"

    # -- links -------------------------------------------------------------------------
    def url(self, path: str) -> str:
        """Relative URL from this page to `path` (same language)."""
        return "../" * self.page.depth + path if (path or self.page.depth) else "./"

    def root_url(self, path: str) -> str:
        """Relative URL to a path at the site root (outside the language folders)."""
        return "../" * (self.page.depth + 1) + path

    def entity_url(self, entity: Entity | str) -> str:
        eid = entity if isinstance(entity, str) else entity.id
        return self.url(f"{self.edition.kinds[eid]}/{eid}/")

    def alt_url(self) -> str:
        """The same page in the other language."""
        return self.root_url(f"{self.other_lang}/{self.page.path}")

    def term_url(self, term_id: str) -> str:
        return self.url(f"glossary/#{term_id}")

    # -- text ----------------------------------------------------------------------------
    def L(self, text: Text | None) -> str:  # noqa: N802 - short on purpose, used everywhere
        return "" if text is None else text[self.lang]

    def md(self, text: Text | None) -> Markup:
        """Author Markdown to HTML, glossary terms linked on first use on the page."""
        if text is None:
            return Markup("")
        html = markdown_to_html(text[self.lang])
        html, linked = link_terms(html, self.build["terms"], self.term_url, self.linked_terms)
        self.linked_terms |= linked
        return Markup(html)

    def fmt(self, key: str, **values: object) -> str:
        return self.t[key].format(**values)

    # -- figures -----------------------------------------------------------------------
    def value(self, fact: Fact, value: float | None = None) -> str:
        return format_value(fact.value if value is None else value, fact.unit, self.lang,
                            fact.qualifier)

    def unit(self, fact: Fact) -> str:
        return unit_label(fact.unit, self.lang)

    def period(self, period: str | None) -> str:
        return format_period(period, self.lang) if period else ""

    def fact_period(self, fact: Fact) -> str:
        """Period as shown on a chip: 'Target 2025', '2022 (article: "this year")'."""
        if fact.series:
            first, last = fact.series[0].period, fact.series[-1].period
            text = f"{self.period(first)}–{self.period(last)}"
        else:
            text = self.period(fact.period)
        if fact.kind == "target" and text:
            text = f"{self.t['target_prefix']} {text}" if self.lang == "en" else \
                f"{text}{self.t['target_prefix']}"
        if fact.period_phrase:
            text += f" ({self.fmt('article_phrase', phrase=self.L(fact.period_phrase))})"
        return text

    def cite(self, ref: SourceRef) -> Markup:
        n = self.citations.number(ref)
        title = escape(ref.quote[:200])
        return Markup(f'<a class="fs-cite" href="#cite-{n}" title="{title}">[{n}]</a>')

    def sorted_series(self, fact: Fact):
        return _sorted_series(fact)

    def charts(self, owner: Entity | str) -> list:
        """[(ChartDef, RenderedChart)] of an entity (or of 'compare') in this language."""
        key = owner if isinstance(owner, str) else owner.id
        return self.build.get("charts", {}).get(key, [])

    # -- structure -----------------------------------------------------------------------
    def entity(self, entity_id: str) -> Entity:
        return self.edition.entities[entity_id]

    def kind_of(self, entity: Entity) -> str:
        return self.edition.kinds[entity.id]

    def source(self, doc: str):
        return self.edition.sources[doc]

    def differs(self, entity: Entity, fact: Fact) -> list[tuple[Entity, Fact]]:
        out = []
        for ref in fact.differs_from:
            found = self.edition.fact(ref, entity.id)
            if found:
                out.append(found)
        return out


def render_page(env: Environment, page: Page, edition: Edition, derived: Derived,
                strings: dict, build_info: dict) -> tuple[str, PageContext]:
    """Render the Markdown body of `page`; returns it with the context (for its citations)."""
    ctx = PageContext(page, edition, derived, strings, build_info)
    entity = edition.entities[page.entity_id] if page.entity_id else None
    body = env.get_template(page.template).render(c=ctx, t=strings, page=page, entity=entity,
                                                   edition=edition, site=edition.site,
                                                   **page.extra)
    return body, ctx
