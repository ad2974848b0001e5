"""The content model: what a fact sheet may say, with help text that doubles as the authoring guide.

Every field's ``description`` is rendered into the README's authoring guide by
``factsite.guide``, so the documentation cannot drift from the model.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from factsite.content.periods import parse_period
from factsite.content.text import Text
from factsite.content.units import UNITS

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _year_as_text(value: object) -> object:
    """YAML reads `2022` as a number; a period is text, so accept a bare year."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _period_text(value: object) -> object:
    value = _year_as_text(value)
    if isinstance(value, str):
        parse_period(value)
    return value


def _number(value: object) -> object:
    """A figure is a number as written: not `true`, not text."""
    if isinstance(value, bool) or isinstance(value, str):
        raise ValueError("Input should be a valid number")
    return value


PeriodText = Annotated[str, BeforeValidator(_year_as_text)]
Number = Annotated[float, BeforeValidator(_number), Field(allow_inf_nan=False)]


class Strict(BaseModel):
    """Base: unknown keys are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRef(Strict):
    """Where a figure comes from: a document and the shortest verbatim passage stating it."""

    doc: str = Field(description="Id of a document listed in `content/sources/sources.yaml`.")
    quote: str = Field(
        min_length=2,
        description="Verbatim passage of the document (whitespace may differ) that states the "
        "figure; for a number, the number must occur in it.",
    )

    @field_validator("quote")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if len("".join(v.split())) < 2:
            raise ValueError("String should have at least 2 characters")
        return v


class SeriesPoint(Strict):
    """One point of a series: a value at a period."""

    period: PeriodText = Field(description="Period of this point, e.g. `2021`, `2022-Q3`, `2024-01..05`.")
    value: Number = Field(description="The number as the source gives it, in the fact's unit.")
    source: SourceRef | None = Field(
        default=None, description="Own source, when the point is not stated in the fact's quote."
    )
    period_phrase: Text | None = Field(
        default=None, description="The source's own words for this point's time when it gives no "
        "period, e.g. {zh: 五年前, en: five years earlier}; shown in place of the period.")
    period_inferred: bool = Field(
        default=False, description="True when the source states no period for this point and "
        "`period` was inferred (from the article's date and `period_phrase`): the point is drawn "
        "hollow, its segment dashed, and marked inferred in tables and downloads.")

    @field_validator("period")
    @classmethod
    def _period(cls, v: str) -> str:
        parse_period(v)
        return v

    @model_validator(mode="after")
    def _inferred_needs_words(self) -> SeriesPoint:
        if self.period_inferred and self.period_phrase is None:
            raise ValueError("an inferred point needs the source's own words in `period_phrase`")
        return self


Kind = Literal["actual", "target", "plan"]
DiffersReason = Literal["scope", "period", "definition", "unexplained"]
Qualifier = Literal["over", "about", "at_least", "nearly", "up_to"]


class Fact(Strict):
    """One figure (a value or a series) or one categorical statement, always with its source."""

    id: str = Field(pattern=ID_PATTERN, description="Kebab-case id, unique within the entity; "
                    "used as the anchor `#fact-<id>` and by charts.")
    label: Text = Field(description="What is measured, e.g. 'Industrial investment growth'.")
    metric: str | None = Field(default=None, pattern=ID_PATTERN, description="Shared metric id "
                               "(e.g. `little-giants`) when the same measure is reported for "
                               "several entities; the compare page lines these up.")
    value: Number | None = Field(default=None, description="The figure, in `unit`, as stated.")
    series: list[SeriesPoint] | None = Field(
        default=None, description="Instead of `value`: two or more points over periods.")
    text: Text | None = Field(
        default=None, description="For a categorical fact (no number): the statement itself.")
    unit: str | None = Field(
        default=None, description="Unit id from the closed registry (see the unit table).")
    qualifier: Qualifier | None = Field(
        default=None, description="How exact the source is: over (超/以上), about (约), at_least, "
        "nearly (近), up_to.")
    period: PeriodText | None = Field(
        default=None, description="When the figure holds: `2022`, `2022-Q3`, `2022-Q1..Q3`, "
        "`2024-01..05`, `2023-07-11`; for a target, its deadline (omit it when the source "
        "gives none). Required with `value` for an actual figure.")
    period_phrase: Text | None = Field(
        default=None, description="The article's own relative wording when `period` was resolved "
        "from it, e.g. {zh: 今年, en: this year}; the page then says so.")
    period_inferred: bool = Field(
        default=False, description="True when the source gives no period at all and `period` is "
        "the article's date: the page says 'as of the article' and marks it inferred.")
    kind: Kind = Field(default="actual", description="actual (measured), target (aimed for, "
                       "with a deadline), plan (announced intention).")
    scope: Text | None = Field(default=None, description="What the figure covers when not obvious "
                               "(e.g. 'industrial firms above designated size').")
    rank: Text | None = Field(default=None, description="A rank exactly as the source states it, "
                              "with its peer set, e.g. {zh: 全省第一, en: first in Zhejiang}.")
    note: Text | None = Field(default=None, description="A note for readers: a doubt, a misprint "
                              "kept verbatim, a definition.")
    differs_from: list[str] = Field(default_factory=list, description="Ids (`entity#fact` or "
                                    "`fact` on the same entity) of facts from other sources that "
                                    "give a different figure for the same thing.")
    differs_reason: DiffersReason | None = Field(
        default=None, description="Why the figures of `differs_from` differ: scope (they cover "
        "different things), period, definition (different measures), or unexplained (the "
        "sources do not say). Required with `differs_from`; the note gives the details.")
    subset_of: str | None = Field(
        default=None, description="Id (`entity#fact` or `fact`) of the total this figure is a "
        "part of ('of which', 其中): it is never lined up beside totals.")
    terms: list[str] = Field(default_factory=list, description="Glossary ids this fact uses.")
    source: SourceRef = Field(description="The quote that states it.")

    @field_validator("period")
    @classmethod
    def _period(cls, v: str | None) -> str | None:
        if v is not None:
            parse_period(v)
        return v

    @field_validator("unit")
    @classmethod
    def _unit(cls, v: str | None) -> str | None:
        if v is not None and v not in UNITS:
            close = get_close_matches(v, list(UNITS), n=1)
            maybe = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"{v!r} is not a known unit{maybe}")
        return v

    @property
    def points(self) -> list[SeriesPoint]:
        """The series in period order, whatever order the sheet lists it in."""
        return sorted(self.series or [], key=lambda p: parse_period(p.period).sort_key())

    @model_validator(mode="after")
    def _shape(self) -> Fact:
        given = [n for n in ("value", "series", "text") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError("a fact has exactly one of `value`, `series` or `text`"
                             + (f" (found {', '.join(given)})" if given else ""))
        if (self.value is not None or self.series is not None) and self.unit is None:
            raise ValueError("a numeric fact needs a `unit`")
        if self.value is not None and self.period is None and self.kind == "actual":
            raise ValueError("a fact with a `value` needs a `period` (a target or plan without "
                             "one shows 'deadline not given')")
        if self.differs_from and self.differs_reason is None:
            raise ValueError("a fact with `differs_from` needs a `differs_reason`")
        if self.period_inferred and self.period is None:
            raise ValueError("a fact with `period_inferred` needs the inferred `period`")
        if self.series is not None and len(self.series) < 2:
            raise ValueError("a `series` needs at least two points")
        return self


Relation = Literal["part_of", "located_in", "member_of", "runs", "partner_of", "related_to"]


class Link(Strict):
    """A typed relation to another entity; the page of the other entity shows it in reverse."""

    to: str = Field(pattern=ID_PATTERN, description="Id of the other entity.")
    rel: Relation = Field(description="part_of, located_in, member_of, runs, partner_of, "
                          "related_to.")
    note: Text | None = Field(default=None, description="What the relation means here.")


class Milestone(Strict):
    """A dated event for the timeline."""

    date: PeriodText | None = Field(default=None, description="Period of the event; omit when the "
                             "source gives none ('date not given').")
    date_phrase: Text | None = Field(default=None, description="The article's own relative wording "
                                     "when `date` was resolved from it (今年, 日前 …).")
    text: Text = Field(description="What happened.")
    source: SourceRef = Field(description="The quote that states it.")

    @field_validator("date")
    @classmethod
    def _date(cls, v: str | None) -> str | None:
        if v is not None:
            parse_period(v)
        return v


ChartType = Literal["trend", "compare", "composition", "progress", "ladder"]


class ChartSpec(Strict):
    """A chart declared by the author: which facts it shows and how."""

    id: str = Field(pattern=ID_PATTERN, description="Kebab-case id, unique within the entity.")
    type: ChartType = Field(description="trend, compare, composition, progress or ladder.")
    title: Text = Field(description="Chart title.")
    facts: list[str] = Field(min_length=1, description="Fact ids (`fact` or `entity#fact`).")


class Entity(Strict):
    """A place, cluster, platform, institution, company or programme: one page per language."""

    id: str = Field(pattern=ID_PATTERN, description="URL slug; must equal the file name stem.")
    type: Text = Field(description="What it is, e.g. {zh: 市辖区, en: urban district}.")
    name: Text = Field(description="Official name in both languages.")
    short_name: Text | None = Field(default=None, description="Short form used in lists.")
    aliases: list[str] = Field(default_factory=list, description="Other names readers search.")
    parent: str | None = Field(default=None, pattern=ID_PATTERN,
                               description="Entity shown in the breadcrumb above this one.")
    summary: Text = Field(description="Opening paragraph(s), Markdown, written from the facts.")
    links: list[Link] = Field(default_factory=list, description="Relations to other entities.")
    facts: list[Fact] = Field(default_factory=list, description="The fact sheet.")
    timeline: list[Milestone] = Field(default_factory=list, description="Dated milestones.")
    charts: list[ChartSpec] = Field(default_factory=list, description="Declared charts.")
    terms: list[str] = Field(default_factory=list, description="Glossary ids the page uses.")


class Source(Strict):
    """A source document: one of the articles the edition is distilled from."""

    id: str = Field(pattern=ID_PATTERN, description="Id used in `source.doc`.")
    file: str = Field(description="File name of the plain-text document in `content/sources/`.")
    title: Text = Field(description="Headline (zh verbatim, en translated).")
    publisher: Text | None = Field(default=None, description="Newspaper or outlet, when the "
                                   "text tells it.")
    byline: str | None = Field(default=None, description="Authors as printed.")
    date: PeriodText = Field(description="Publication date as far as the text tells (a period).")
    date_note: Text = Field(description="How the date was inferred from the text.")

    @field_validator("date")
    @classmethod
    def _date(cls, v: str) -> str:
        parse_period(v)
        return v


class Term(Strict):
    """A glossary entry: a policy term with its official English rendering."""

    id: str = Field(pattern=ID_PATTERN, description="Kebab-case id, the glossary anchor.")
    term: Text = Field(description="The term: Chinese as used, English as official sources "
                       "render it.")
    explain: Text = Field(description="One-line explanation.")
    aliases: Text | None = Field(default=None, description="Other forms found in page text, "
                                 "comma separated per language.")


class SiteConfig(Strict):
    """`content/site.yaml`: the edition's identity."""

    title: Text = Field(description="Site title.")
    description: Text = Field(description="One-sentence description (meta and landing page).")
    edition: str = Field(description="Edition date, `YYYY-MM-DD`.")
    author: Text = Field(description="Who publishes the edition.")
    languages: list[str] = Field(min_length=1, description="Language codes of the edition's "
                                 "text, e.g. `[zh, en]`: every text needs each of them and each "
                                 "needs a UI catalogue. The first is the language of the source "
                                 "documents.")
    sort_language: str | None = Field(default=None, description="Language whose names set the "
                                      "order of lists (alphabetical); default: the last of "
                                      "`languages`.")
    default_language: str | None = Field(default=None, description="Language of the pages "
                                         "offered to readers of any other language (hreflang "
                                         "`x-default`); default: the last of `languages`.")
    site_url: str = Field(default="", description="Public URL of the site, e.g. "
                          "`https://example.org/atlas/`; hreflang, canonical, Open Graph and the "
                          "sitemap need it (`--site-url` overrides it for previews).")
    home_entity: str | None = Field(default=None, description="Entity whose hero figures the "
                                    "landing page shows.")
    data_as_of: Text | None = Field(default=None, description="What period the data describe, "
                                    "for the landing page (e.g. 'the source articles, "
                                    "2022–2024').")
    license: Text | None = Field(default=None, description="Terms of reuse, shown in every "
                                 "page's footer.")
    previous_edition: str | None = Field(default=None, description="Path (from content/) "
                                         "of the previous edition's data package, a folder or "
                                         "`.zip`, when it is not in `content/editions/`; "
                                         "default: the newest edition there older than this.")

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, v: list[str]) -> list[str]:
        for code in v:
            if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", code):
                raise ValueError(f"{code!r} is not a language code (e.g. zh, en, zh-Hant)")
        if len(set(v)) < len(v):
            raise ValueError("a language is listed twice")
        return v

    @model_validator(mode="after")
    def _known_languages(self) -> SiteConfig:
        for name in ("sort_language", "default_language"):
            value = getattr(self, name)
            if value is not None and value not in self.languages:
                raise ValueError(f"{name} {value!r} is not one of `languages`")
        return self

    @property
    def order_language(self) -> str:
        return self.sort_language or self.languages[-1]

    @property
    def x_default(self) -> str:
        return self.default_language or self.languages[-1]

    @field_validator("edition", mode="before")
    @classmethod
    def _edition(cls, v: object) -> object:
        if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            raise ValueError(f"{v!r} is not a date (use YYYY-MM-DD)")
        parse_period(v)
        return v


class Glossary(Strict):
    """`content/glossary.yaml`."""

    terms: list[Term] = Field(description="The glossary entries.")


class Metric(Strict):
    """One measure, defined once: facts that share its id measure exactly this, so the compare
    page may line them up (when kind, scope, unit and period match too)."""

    id: str = Field(pattern=ID_PATTERN, description="Kebab-case id, used as a fact's `metric`.")
    label: Text = Field(description="What is measured.")
    definition: Text = Field(description="What counts, in one sentence: the measure's scope and "
                             "how the sources state it.")
    unit: str = Field(description="Unit id every fact of this metric uses.")

    @field_validator("unit")
    @classmethod
    def _unit(cls, v: str) -> str:
        if v not in UNITS:
            raise ValueError(f"{v!r} is not a known unit")
        return v


class MetricList(Strict):
    """`content/metrics.yaml`."""

    metrics: list[Metric] = Field(default_factory=list, description="The shared measures.")


class SourceList(Strict):
    """`content/sources/sources.yaml`."""

    sources: list[Source] = Field(description="The source documents.")
