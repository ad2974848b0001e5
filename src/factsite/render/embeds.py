"""Embeds: every chart, full map and key figure of a page has a page of its own to put in an
`<iframe>` (`<lang>/embed/<owner>/<item>/`): the picture or the figure, its title, source line,
licence and a link back; nothing else, nothing from another host. The page that shows the
item carries the copyable snippet."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup, escape

from factsite.content.edition import Edition
from factsite.content.model import Entity, Fact
from factsite.render.charts.maps import HOME, with_links
from factsite.render.charts.rows import source_line
from factsite.render.locale import Locale, shown_period, stated_period

HERO_ENTITY, HERO_HOME = 4, 6  # key figures shown on an entity page, on the home page
EMBED_SIZE = {"chart": (640, 480), "map": (720, 560), "figure": (360, 260)}


def hero_facts(edition: Edition, entity: Entity) -> list[Fact]:
    """The key figures of an entity: its first numeric facts (more for the home entity,
    whose figures lead the home page)."""
    most = HERO_HOME if entity.id == edition.site.home_entity else HERO_ENTITY
    return [f for f in entity.facts if f.text is None][:most]


def embed_path(owner: str, item: str) -> str:
    """The embed page of an item, inside a language folder."""
    return f"embed/{owner}/{item}/"


def embed_url(site_url: str, lang: str, owner: str, item: str) -> str:
    """Where a reader's page points its iframe: absolute when the site URL is known."""
    rel = f"{lang}/{embed_path(owner, item)}"
    return f"{site_url.rstrip('/')}/{rel}" if site_url else f"/{rel}"


def snippet(site_url: str, lang: str, owner: str, item: str, kind: str, title: str) -> str:
    """The `<iframe>` element a reader copies (as text)."""
    width, height = EMBED_SIZE[kind]
    title = title.replace('"', "&quot;")
    return (f'<iframe src="{embed_url(site_url, lang, owner, item)}" width="{width}" '
            f'height="{height}" title="{title}" loading="lazy" style="border:0"></iframe>')


@dataclass(frozen=True)
class EmbedPage:
    """One embed page of one language: its path in the language folder and its HTML."""

    path: str
    html: str


class EmbedRenderer:
    """Renders the embed pages of one language with the `embed.html.j2` template."""

    def __init__(self, env: Environment, edition: Edition, loc: Locale, site_url: str,
                 source_tag: str):
        self.env, self.edition, self.loc, self.site_url = env, edition, loc, site_url
        self.source_tag = source_tag  # the language tag of quotes (the source documents')
        self.template = env.get_template("embed.html.j2")

    def _page(self, owner_path: str, owner: str, item: str, title: str, body: Markup,
              source: str, kind: str) -> EmbedPage:
        path = embed_path(owner, item)
        up = "../" * (path.count("/") + 1)  # to the site root, above the language folder
        base = self.site_url.rstrip("/")
        back = f"{base}/{self.loc.code}/{owner_path}" if base else \
            f"{up}{self.loc.code}/{owner_path}"
        html = self.template.render(
            lang=self.loc.tag, title=title, body=body, source=source, kind=kind,
            site_title=self.edition.site.title[self.loc.code], t=self.loc.strings,
            license=self.edition.site.license[self.loc.code] if self.edition.site.license
            else "", back=back, canonical=back if base else "")
        return EmbedPage(path, html)

    def chart(self, owner_path: str, owner: str, chart, item) -> EmbedPage:
        return self._page(owner_path, owner, f"chart-{chart.id}", chart.title[self.loc.code],
                          Markup(f'<div class="svg" role="img" aria-label="{escape(item.alt)}">'
                                 f"{item.svg}</div>"),
                          source_line(chart, self.edition, self.loc), "chart")

    def map(self, owner_path: str, owner: str, mdef, item) -> EmbedPage:
        depth = embed_path(owner, mdef.id).count("/") + 1
        svg = with_links(item.svg, lambda p: "../" * depth + f"{self.loc.code}/{p}")
        return self._page(owner_path, owner, mdef.id, mdef.sheet.title[self.loc.code],
                          Markup(f'<div class="svg">{svg}</div>'),
                          mdef.sheet.attribution[self.loc.code], "map")

    def figure(self, owner_path: str, entity: Entity, fact: Fact) -> EmbedPage:
        loc = self.loc
        if fact.series:
            last = fact.points[-1]
            value = loc.number(last.value, fact.unit, fact.qualifier)
            period = stated_period(loc, last.period, last.period_phrase, last.period_inferred)
        else:
            value, period = loc.number(fact.value, fact.unit, fact.qualifier), \
                shown_period(loc, fact)
        src = self.edition.sources[fact.source.doc]
        title = f"{entity.name[loc.code]} · {fact.label[loc.code]}"
        body = self.env.get_template("_embed_figure.html.j2").render(
            value=value, period=period, label=fact.label[loc.code],
            entity=entity.name[loc.code], quote=fact.source.quote,
            quote_lang=self.source_tag, t=loc.strings)
        source = loc.t("chart.source_line", sources=loc.t(
            "chart.source_item", outlet=(src.publisher or src.title)[loc.code],
            date=loc.period(src.date)))
        return self._page(owner_path, entity.id, f"fact-{fact.id}", title, Markup(body),
                          source, "figure")


def render_embeds(env: Environment, edition: Edition, loc: Locale, source_tag: str,
                  site_url: str, charts: dict, maps: dict,
                  only: set[str] | None = None) -> list[EmbedPage]:
    """Every embed page of one language: each chart, each full map, each key figure (of the
    owners in `only`, when given)."""
    renderer, out = EmbedRenderer(env, edition, loc, site_url, source_tag), []

    def wanted(owner: str) -> bool:
        return only is None or owner in only

    for owner, items in charts.items():
        if not wanted(owner):
            continue
        path = f"{edition.kinds[owner]}/{owner}/" if owner in edition.entities else f"{owner}/"
        out += [renderer.chart(path, owner, chart, item) for chart, item in items]
    for owner, items in maps.items():
        if owner == HOME or not wanted(owner):
            continue  # (the region's page shows the home page's map)
        path = f"{edition.kinds[owner]}/{owner}/"
        out += [renderer.map(path, owner, mdef, item) for mdef, item in items
                if not mdef.locator]
    for entity in edition.entities.values():
        if not wanted(entity.id):
            continue
        path = f"{edition.kinds[entity.id]}/{entity.id}/"
        out += [renderer.figure(path, entity, fact) for fact in hero_facts(edition, entity)]
    return out
