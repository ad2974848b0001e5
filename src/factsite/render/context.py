"""What a page template may ask about the page it renders (`c` in every template); every
method speaks the page's language.

Links between pages are written in source-file form relative to the page
(`../yuhang/index.md#fact-x`): the site engine hands them to MkDocs, which checks that each
target and anchor exists and writes the final URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from factsite.content.edition import Edition
from factsite.content.model import Entity, Fact, SeriesPoint, SourceRef
from factsite.content.text import Text
from factsite.render.articles import mark_passages, passage_id
from factsite.render.atlas import build_atlas
from factsite.render.charts.maps import HOME, MapDef, RenderedMap
from factsite.render.charts.svg import RenderedChart
from factsite.render.derive import Derived
from factsite.render.embeds import hero_facts, snippet
from factsite.render.changes import (Change, ChangeList, Release, correction_anchor,
                                     figure_period, figure_text, figure_value, in_language)
from factsite.render.charts.grammar import is_change
from factsite.render.citation import csl_item, format_citation, page_url
from factsite.render.compare import plan_comparisons
from factsite.render.jsonld import edition_dataset, entity_dataset, script_tag
from factsite.render.ledgers import conflicts, targets
from factsite.render.locale import Locale, fact_period_text, shown_period, stated_period
from factsite.render.plan import Page
from factsite.render.text import TextRenderer, relative_src


@dataclass
class Citations:
    """Numbers the quotes of one page in order of first use; every language numbers alike."""

    refs: list[SourceRef] = field(default_factory=list)
    index: dict[tuple[str, str], int] = field(default_factory=dict)

    def number(self, ref: SourceRef) -> int:
        key = (ref.doc, ref.quote)
        if key not in self.index:
            self.refs.append(ref)
            self.index[key] = len(self.refs)
        return self.index[key]

    def by_source(self) -> list[tuple[str, list[tuple[int, SourceRef]]]]:
        """The numbered quotes grouped by source document, each document once (in order of
        its first quote): a page citing one article sixty times names it once."""
        groups: dict[str, list[tuple[int, SourceRef]]] = {}
        for n, ref in enumerate(self.refs, 1):
            groups.setdefault(ref.doc, []).append((n, ref))
        return list(groups.items())


class PageContext:
    """The page, the edition and the helpers a template uses."""

    def __init__(self, page: Page, edition: Edition, derived: Derived, loc: Locale,
                 text: TextRenderer, charts: dict[str, list], others: dict[str, Locale],
                 site_url: str = "", build_date: str = "1970-01-01",
                 maps: dict[str, list] | None = None, changes: ChangeList | None = None,
                 releases: tuple[Release, ...] = ()):
        self.page, self.edition, self.derived, self.loc = page, edition, derived, loc
        self.map_index = maps or {}
        self.change_list = changes or ChangeList(edition.site.edition, None)
        self.releases = releases
        self.lang, self.t = page.lang, loc.strings
        self.text, self.chart_index = text, charts
        self.others = others  # the other languages, by code
        self.site_url, self.build_date = site_url, build_date
        self.citations = Citations()
        self.has_charts = False  # the theme loads the interactive bundle only when True
        text.begin(page.src)

    @property
    def source_tag(self) -> str:
        """Language tag of the source documents (the edition's first language): quotes and
        article texts carry it on every page, whatever the page's language."""
        code = self.edition.languages[0]
        return self.loc.tag if code == self.lang else self.others[code].tag

    # -- links -------------------------------------------------------------------------
    def url(self, path: str) -> str:
        """Link to the page at `path` ('' is the home page) of this language."""
        return relative_src(f"{path}index.md", self.page.src)

    def file_url(self, path: str) -> str:
        """URL of a file (not a page) in this language's folder, e.g. the search assets."""
        return "../" * self.page.depth + path

    def public_url(self) -> str:
        """Where this page is published: absolute with a site URL, else from the site root."""
        rel = f"{self.lang}/{self.page.path}"
        return f"{self.site_url.rstrip('/')}/{rel}" if self.site_url else rel

    def page_href(self, path: str, file: str = "") -> str:
        """A page of this language (or a file in its folder) for machine-read metadata:
        absolute with a site URL, else relative to this page."""
        if self.site_url:
            return f"{self.site_url.rstrip('/')}/{self.lang}/{path}{file}"
        return ("../" * self.page.depth + path + file) or "./"

    def root_href(self, path: str) -> str:
        """A file at the site root (the data package): absolute with a site URL."""
        if self.site_url:
            return f"{self.site_url.rstrip('/')}/{path}"
        return self.root_url(path)

    def json_ld(self, entity: Entity | None = None) -> Markup:
        """The page's schema.org Dataset as a JSON-LD script: the entity's, or on the
        landing page the whole edition's."""
        return script_tag(entity_dataset(self, entity) if entity else edition_dataset(self))

    # -- what changed ------------------------------------------------------------------
    def changes(self) -> ChangeList:
        return self.change_list

    def entity_changes(self, entity: Entity) -> list[Change]:
        return self.change_list.for_entity(entity.id)

    def change_name(self, change: Change) -> str:
        """The entity of a change, named in this language (from the previous edition when
        it was withdrawn with all its figures)."""
        entity = self.edition.entities.get(change.entity)
        return self.L(entity.name) if entity else in_language(
            self.loc, self.change_list.names.get(change.entity)) or change.entity

    def change_fields(self, change: Change) -> str:
        """What a revision changed, in words: 'value, period'."""
        names = dict.fromkeys(self.t["change_fields"][f] for f in change.fields)
        return self.t["list_separator"].join(names)

    def correction_anchor(self, entry) -> str:
        return correction_anchor(entry)

    def figure_value(self, figure) -> str:
        return figure_value(self.loc, figure)

    def figure_text(self, figure) -> str:
        return figure_text(self.loc, figure)

    def figure_period(self, figure) -> str:
        return figure_period(self.loc, figure)

    def figure_label(self, figure) -> str:
        return in_language(self.loc, figure.label)

    def cite_figure(self, entity: Entity, fact: Fact) -> str:
        """A ready citation of one figure, in this language's style, with its URL."""
        url = page_url(self.site_url, self.lang, self.page.path, f"fact-{fact.id}")
        period = fact_period_text(self.loc, fact)
        return format_citation(self.loc, csl_item(self.edition, self.loc, entity, url,
                                                  self.build_date, fact, period))

    def cite_page(self, entity: Entity) -> str:
        url = page_url(self.site_url, self.lang, self.page.path)
        return format_citation(self.loc, csl_item(self.edition, self.loc, entity, url,
                                                  self.build_date))

    def root_url(self, path: str) -> str:
        """URL of a file at the site root, outside the language folders (assets)."""
        return "../" * (self.page.depth + 1) + path

    def entity_url(self, entity: Entity | str) -> str:
        eid = entity if isinstance(entity, str) else entity.id
        return self.url(f"{self.edition.kinds[eid]}/{eid}/")

    def term_url(self, term_id: str) -> str:
        return f"{self.url('glossary/')}#{term_id}"

    # -- text ----------------------------------------------------------------------------
    def L(self, text: Text | None) -> str:  # noqa: N802 - short on purpose, used everywhere
        return "" if text is None else text[self.lang]

    def other_names(self, text: Text) -> list[tuple[str, str]]:
        """(language tag, text) in each other language, for 'also known as' lines; a script
        variant of the page's own language (zh-Hant beside zh-Hans) is not another name."""
        mine = self.loc.tag.split("-")[0]
        return [(loc.tag, text[code]) for code, loc in self.others.items()
                if code in text and loc.tag.split("-")[0] != mine]

    def converted(self, text: str) -> str | None:
        """A quote's reading in this page's derived script (zh-Hant), or None when the page's
        language is authored: quotes themselves always stay verbatim."""
        return None if self.loc.convert is None else self.loc.convert(text)

    def md(self, text: Text | None) -> Markup:
        """Author Markdown to safe HTML, glossary terms linked on first use on the page."""
        return Markup("") if text is None else Markup(self.text.render(text[self.lang]))

    def fmt(self, key: str, **values: object) -> str:
        return self.loc.t(key, **values)

    # -- figures -----------------------------------------------------------------------
    def value(self, fact: Fact, value: float | None = None) -> str:
        return self.loc.number(fact.value if value is None else value, fact.unit,
                               fact.qualifier)

    def unit(self, fact: Fact) -> str:
        return self.loc.unit_label(fact.unit)

    def period(self, period: str | None) -> str:
        return self.loc.period(period)

    def point_period(self, point: SeriesPoint) -> Markup:
        """A series point's period; one the source does not state is said in the source's
        words and marked inferred."""
        text = escape(stated_period(self.loc, point.period, point.period_phrase,
                                    point.period_inferred))
        return Markup(f'<span class="fs-inferred">{text}</span>') if point.period_inferred \
            else Markup(text)

    def is_change(self, fact: Fact) -> bool:
        """A two-point series: a from→to figure, not a chart."""
        return is_change(fact)

    def fact_period(self, fact: Fact) -> Markup:
        """Period as shown beside a figure: 'Target 2025', '2022 (article: "this year")',
        'five years earlier (inferred: 2018) → as of the article (inferred: Jul 2023)'."""
        if fact.series and (fact.points[0].period_inferred or fact.points[-1].period_inferred):
            return Markup(f"{self.point_period(fact.points[0])} → "
                          f"{self.point_period(fact.points[-1])}")
        text = escape(shown_period(self.loc, fact))
        return Markup(f'<span class="fs-inferred">{text}</span>') if fact.period_inferred \
            else Markup(text)

    def total_of(self, entity: Entity, fact: Fact) -> tuple[Entity, Fact] | None:
        """The total an "of which" figure is part of."""
        return self.edition.fact(fact.subset_of, entity.id) if fact.subset_of else None

    def cite(self, ref: SourceRef) -> Markup:
        """[n]: numbered on this page, linked to the quoted passage in its article."""
        n = self.citations.number(ref)
        return Markup(f'<a class="fs-cite" href="{self.passage_url(ref)}">[{n}]</a>')

    def passage_url(self, ref: SourceRef) -> str:
        """The quoted passage, marked in the full text of its article."""
        return f"{self.url(f'sources/{ref.doc}/')}#{passage_id(ref.doc, ref.quote)}"

    def article(self, doc: str) -> list:
        """The paragraphs of a source article, every quoted passage marked."""
        quotes = [quote for quote, _ in self.derived.quotes_by_doc.get(doc, [])]
        return mark_passages(doc, self.edition.source_texts[doc], quotes)

    def passages(self, doc: str) -> dict[str, tuple[str, list]]:
        """Anchor -> (quote, what cites it: (entity, fact id or None, label))."""
        return {passage_id(doc, quote): (quote, self.derived.quote_uses.get((doc, quote), []))
                for quote, _ in self.derived.quotes_by_doc.get(doc, [])}

    def conflicts(self):
        return conflicts(self.edition)

    def targets(self):
        return targets(self.edition)

    def charts(self, owner: Entity | str) -> list[tuple[object, RenderedChart]]:
        """[(ChartDef, RenderedChart)] of an entity (or of 'compare') in this language."""
        found = self.chart_index.get(owner if isinstance(owner, str) else owner.id, [])
        self.has_charts = self.has_charts or bool(found)
        return found

    def hero_facts(self, entity: Entity) -> list[Fact]:
        """The key figures of an entity, as its page (and the home page) lead with them."""
        return hero_facts(self.edition, entity)

    def embed_snippet(self, owner: Entity | str, item: str, kind: str, title: str) -> str:
        """The `<iframe>` a reader copies to show `item` (a chart, a map, a figure)."""
        owner = owner if isinstance(owner, str) else owner.id
        return snippet(self.site_url, self.lang, owner, item, kind, title)

    def maps(self) -> list[tuple[MapDef, RenderedMap]]:
        """[(MapDef, RenderedMap)] of this page (the home page or an entity's), links made
        relative to it; a full map is interactive where JavaScript runs."""
        owner = HOME if self.page.kind == "home" else self.page.entity_id
        found = self.map_index.get(owner, []) if owner else []
        self.has_charts = self.has_charts or any(not m.locator for m, _ in found)
        return [(m, item.with_links(self.url)) for m, item in found]

    def map_links(self, mdef: MapDef) -> list[Entity]:
        """The entities of a map's areas that have pages, in the map's order."""
        return [self.edition.entities[f.entity] for f in mdef.sheet.features.values()
                if f.entity and f.entity in self.edition.entities]

    # -- structure -----------------------------------------------------------------------
    def entity(self, entity_id: str) -> Entity:
        return self.edition.entities[entity_id]

    def kind_of(self, entity: Entity) -> str:
        return self.edition.kinds[entity.id]

    def source(self, doc: str):
        return self.edition.sources[doc]

    def compare_groups(self):
        """Each shared metric: the figures lined up like for like, the rest apart."""
        return plan_comparisons(self.edition)

    def atlas(self):
        """The landing page's district cards, cluster systems and presence matrix."""
        return build_atlas(self.edition, self.derived)

    def relation_groups(self, entity: Entity, exclude: set[str] = frozenset()
                        ) -> list[tuple[str, list[Entity]]]:
        """The entity's relations under their headings, one section per heading (two
        relations that read alike in this language share it)."""
        groups: dict[str, list[Entity]] = {}
        for rel in self.derived.related.get(entity.id, []):
            if rel.entity.id not in exclude:
                label = self.t["rel"][rel.rel][rel.direction]
                members = groups.setdefault(label, [])
                if rel.entity not in members:
                    members.append(rel.entity)
        return list(groups.items())

    def differs(self, entity: Entity, fact: Fact) -> list[tuple[Entity, Fact]]:
        out = []
        for ref in fact.differs_from:
            found = self.edition.fact(ref, entity.id)
            if found:
                out.append(found)
        return out
