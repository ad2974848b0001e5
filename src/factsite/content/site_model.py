"""The models of the edition-wide files: `site.yaml` (with its languages, authored and
derived), `sources/sources.yaml`, `glossary.yaml` and `metrics.yaml`. Their field
descriptions are the authoring guide, as the fact sheets' are (model.py)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from factsite.content.model import ID_PATTERN, PeriodText, Strict
from factsite.content.periods import parse_period
from factsite.content.text import Text
from factsite.content.units import UNITS



def edition_date(v: object) -> object:
    """An edition's date as written, YYYY-MM-DD and a real day (the edition field of
    site.yaml and of each correction)."""
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        raise ValueError(f"{v!r} is not a date (use YYYY-MM-DD)")
    parse_period(v)
    return v

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


OpenccConfig = Literal["s2t", "s2tw", "s2hk", "s2twp"]


class DerivedLanguage(Strict):
    """A language generated at build time from another (zh-hant from zh with OpenCC): no
    fact sheet carries it; quotes stay verbatim in the source language."""

    code: str = Field(pattern=r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$", description="Content key and URL "
                      "folder, lower case (e.g. `zh-hant`); its UI catalogue "
                      "`templates/i18n/<code>.yaml` holds only what differs from the converted "
                      "catalogue of `source` (its name, tag, locale).")
    source: str = Field(description="The authored language it is converted from, e.g. `zh`.")
    opencc: OpenccConfig = Field(description="OpenCC configuration: `s2t` (OpenCC standard "
                                 "characters), `s2tw` (Taiwan standard characters), `s2hk`, or "
                                 "`s2twp` (which also rewrites vocabulary, and so proper names).")
    fixes: dict[str, str] = Field(default_factory=dict, description="Locked conversions: source "
                                  "text -> its form in this language, applied before OpenCC "
                                  "(a name mapped to itself is kept as it is).")


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
    derived_languages: list[DerivedLanguage] = Field(
        default_factory=list, description="Languages generated from an authored one at build "
        "time, e.g. Traditional Chinese from Simplified with OpenCC.")
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
        for derived in self.derived_languages:
            if derived.source not in self.languages:
                raise ValueError(f"derived language {derived.code!r}: source {derived.source!r} "
                                 "is not one of `languages`")
            if derived.code in self.languages:
                raise ValueError(f"derived language {derived.code!r} is also authored")
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
        return edition_date(v)


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
