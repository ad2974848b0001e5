"""Page bodies from Jinja templates: pure functions of (edition, page, language). One Jinja
environment per build, templates compiled once; each body says which template made it."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from jinja2 import Environment, StrictUndefined

from factsite.content.edition import Edition
from factsite.content.kinds import KIND_IDS
from factsite.render.context import PageContext
from factsite.render.templates import TemplateDirs
from factsite.render.text import plain_summary  # noqa: F401 - where page metadata finds it

_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class TocEntry:
    """One section of a page: its anchor and its heading as plain text."""

    id: str
    title: str


def make_environment(templates: TemplateDirs) -> Environment:
    """The one Jinja environment of a build (page templates, project overrides first)."""
    env = Environment(loader=templates.loader("pages"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["tojson_attr"] = lambda v: json.dumps(v, ensure_ascii=False)
    return env


def render_body(env: Environment, ctx: PageContext) -> str:
    """The HTML body of `ctx.page`."""
    page, edition = ctx.page, ctx.edition
    entity = edition.entities[page.entity_id] if page.entity_id else None
    return env.get_template(page.template).render(
        c=ctx, t=ctx.t, page=page, entity=entity, edition=edition, site=edition.site,
        kinds=KIND_IDS, **page.extra)


AFTER_HEADER = "<!-- fs:after-header -->"  # where a page's sections strip goes


def with_sections_strip(env: Environment, body: str, toc: list[TocEntry], t: dict) -> str:
    """The body with its compact in-page navigation after the page header (when it has
    more than two sections and its template marks the place)."""
    if len(toc) <= 2 or AFTER_HEADER not in body:
        return body.replace(AFTER_HEADER, "")
    strip = env.get_template("_sections.md.j2").render(toc=toc, t=t)
    return body.replace(AFTER_HEADER, strip.strip(), 1)


def table_of_contents(body: str) -> list[TocEntry]:
    """The page's sections: its h2 headings with their ids (the templates give every h2 one)."""
    return [TocEntry(anchor, html.unescape(_TAG.sub("", inner)).strip())
            for anchor, inner in _H2.findall(body)]


def page_title(page, edition: Edition, t: dict) -> str:
    """The title of a page in its language."""
    if page.entity_id:
        return edition.entities[page.entity_id].name[page.lang]
    if page.kind == "kind-index":
        return t["kinds"][page.extra["entity_kind"]]["many"]
    if page.kind == "home":
        return edition.site.title[page.lang]
    if page.kind == "article":
        return edition.sources[page.extra["doc"]].title[page.lang]
    return t[page.kind]
