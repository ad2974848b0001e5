"""The locale layer: every reader-facing string, number, unit and period of one language.

Strings come from the language's UI catalogue (`templates/i18n/<code>.yaml`); numbers, compact
numbers (1.7万, 507.6 billion) and dates/periods go through Babel with the catalogue's
locale; how a unit reads after a number is catalogue data too. Adding a language is adding
a catalogue: nothing here names a language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from babel import Locale as BabelLocale
from babel.dates import format_interval, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal

from factsite.content.derived import Converter
from factsite.content.diagnostics import ContentError, Diagnostic
from factsite.content.periods import Period, Point, parse_period
from factsite.content.site_model import DerivedLanguage
from factsite.content.text import Text
from factsite.content.units import UNITS
from factsite.content.yamlfile import YamlFileError, read_yaml
from factsite.render.templates import TemplateDirs

SKELETONS = {"year": "y", "quarter": "yQQQ", "month": "yMMM", "day": "yMMMd"}


def _precision(p: Point) -> str:
    return "quarter" if p.quarter else "day" if p.day else "month" if p.month else "year"


def _as_date(p: Point) -> date:
    month = p.month or ((p.quarter - 1) * 3 + 1 if p.quarter else 1)
    return date(p.year, month, p.day or 1)


@dataclass(frozen=True)
class Locale:
    """One language of the site: its codes, its Babel locale and its UI catalogue."""

    code: str  # content key and URL folder: zh, en
    strings: dict = field(repr=False, hash=False, compare=False)
    # a derived script's conversion from its source language (zh-hant: OpenCC s2tw)
    convert: Converter | None = field(default=None, repr=False, hash=False, compare=False)

    @property
    def tag(self) -> str:
        """BCP 47 tag for `lang` and `hreflang`: zh-Hans, en."""
        return self.strings["language"]["tag"]

    @property
    def name(self) -> str:
        return self.strings["language"]["name"]

    @property
    def og_locale(self) -> str:
        return self.strings["language"]["og_locale"]

    @cached_property
    def babel(self) -> BabelLocale:
        return BabelLocale.parse(self.strings["language"]["locale"])

    # -- strings -----------------------------------------------------------------------------
    def __getitem__(self, key: str):
        return self.strings[key]

    def t(self, key: str, **values: object) -> str:
        """A catalogue string ('a.b' reaches into groups), filled with `values`."""
        node = self.strings
        for part in key.split("."):
            node = node[part]
        return node.format(**values) if values else node

    # -- numbers ---------------------------------------------------------------------------
    def decimal(self, value: float) -> str:
        """A plain number in this language's pattern: 20361 / 20,361."""
        return format_decimal(value, format=self.strings["number"]["pattern"],
                              locale=self.babel)

    def _amount(self, amount: float) -> str:
        rule = self.strings["number"]
        mode = rule.get("compact")
        if mode == "long" and abs(amount) >= rule.get("compact_from", 1e6):
            return format_compact_decimal(amount, format_type="long", fraction_digits=3,
                                          locale=self.babel)
        if mode == "exact" and abs(amount) >= rule.get("compact_from", 1e4):
            short = format_compact_decimal(amount, fraction_digits=2, locale=self.babel)
            if short == format_compact_decimal(amount, fraction_digits=6, locale=self.babel):
                return short  # 17000 -> 1.7万 as sources write, never a rounded 2万
        return self.decimal(amount)

    def number(self, value: float, unit_id: str | None, qualifier: str | None = None) -> str:
        """A figure with its unit and qualifier: 超1.7万家 / over 17,000 enterprises."""
        if unit_id is None:
            text = self.decimal(value)
        else:
            spec = self.strings["units"][unit_id]
            amount = value * UNITS[unit_id].factor if spec.get("scaled") else value
            form = spec["format"]
            if isinstance(form, dict):  # plural forms by Babel's plural rules
                form = form.get(self.babel.plural_form(abs(value)), form["other"])
            text = form.format(n=self._amount(amount)).strip()
        if qualifier:
            text = self.strings["qualifiers"][qualifier].format(value=text)
        return text

    def unit_label(self, unit_id: str | None) -> str:
        """Axis and table heading of a unit: 亿元 / CNY 100 million."""
        return self.strings["units"][unit_id]["label"] if unit_id else ""

    # -- periods ---------------------------------------------------------------------------
    def _point(self, p: Point) -> str:
        return format_skeleton(SKELETONS[_precision(p)], _as_date(p), locale=self.babel)

    def period(self, text: str | Period | None) -> str:
        """A period said in this language: '2024-01..05' -> 2024年1月 – 5月 / Jan – May 2024."""
        if not text:
            return ""
        period = parse_period(text) if isinstance(text, str) else text
        s, e = period.start, period.end
        if e is None:
            return self._point(s)
        kind = _precision(s)
        if kind == "quarter":
            if s.year == e.year:
                return self.t("periods.quarter_range", year=s.year, start=s.quarter,
                              end=e.quarter)
            return self.t("periods.range", start=self._point(s), end=self._point(e))
        return format_interval(_as_date(s), _as_date(e), SKELETONS[kind], locale=self.babel)


PER_LANGUAGE = {"units", "number"}  # shaped by each language's grammar: checked on their own


def stated_period(loc: Locale, period: str | None, phrase: Text | None = None,
                  inferred: bool = False) -> str:
    """A period as the page states it: a period the source does not give is said in the
    source's own words and marked inferred ('five years earlier (inferred: 2018)')."""
    text = loc.period(period)
    if not inferred:
        return text
    words = phrase[loc.code] if phrase else loc.t("as_of_article")
    return loc.t("inferred_period", phrase=words, period=text)


def fact_period_text(loc: Locale, fact) -> str:
    """A figure's period in words: its series' span, 'Target 2025', 'deadline not given',
    '2022 (article: "this year")', or the source's words when the period is inferred."""
    if fact.series:
        first, last = fact.points[0], fact.points[-1]
        if first.period_inferred or last.period_inferred:
            return (f"{stated_period(loc, first.period, first.period_phrase, True)} → "
                    f"{stated_period(loc, last.period, last.period_phrase, last.period_inferred)}")
        return f"{loc.period(first.period)}–{loc.period(last.period)}"
    if fact.period is None:
        text = loc["deadline_not_given"] if fact.kind != "actual" else ""
    elif fact.period_inferred:
        return stated_period(loc, fact.period, fact.period_phrase, True)
    else:
        text = loc.period(fact.period)
    if fact.kind == "target" and fact.period:
        text = loc.t("target_period", period=text)
    if fact.period_phrase:  # the article's words, beside a period or, undated, alone
        phrase = loc.t("article_phrase", phrase=fact.period_phrase[loc.code])
        text = f"{text} ({phrase})" if text else phrase
    return text


def shown_period(loc: Locale, fact) -> str:
    """The period shown beside a figure on a page, card or embed: an undated figure says so
    ('date not given') instead of leaving the place blank, as a reader cannot tell a blank
    from a layout slip (PAGES.md: missing data is stated)."""
    return fact_period_text(loc, fact) or loc["date_not_given"]


def _keys(d: dict, prefix: str = "") -> set[str]:
    found = set()
    for k, v in d.items():
        found.add(prefix + k)
        if isinstance(v, dict) and (prefix + k) not in PER_LANGUAGE:
            found |= _keys(v, prefix + k + ".")
    return found


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) \
            else v
    return out


def _convert_all(node, convert):
    if isinstance(node, str):
        return convert(node)
    if isinstance(node, dict):
        return {k: _convert_all(v, convert) for k, v in node.items()}
    if isinstance(node, list):
        return [_convert_all(v, convert) for v in node]
    return node


def load_locales(templates: TemplateDirs, languages: tuple[str, ...],
                 derived: tuple[DerivedLanguage, ...] = ()) -> dict[str, Locale]:
    """The catalogue of every language, checked: each exists and all have the same keys. A
    derived language's catalogue is its source's, converted, under its own overrides."""
    diags: list[Diagnostic] = []
    catalogues: dict[str, dict] = {}
    specs = {d.code: d for d in derived}
    for lang in languages:
        paths = templates.all(f"i18n/{lang}.yaml")
        if not paths and lang in specs:
            continue  # derived below, from its source's catalogue
        if not paths:
            diags.append(Diagnostic(f"templates/i18n/{lang}.yaml", 1, 1, "Y107", "",
                                    f"no UI catalogue for language {lang!r}",
                                    "copy templates/i18n/en.yaml and translate it"))
            continue
        merged: dict = {}
        for path in reversed(paths):  # built-in first, the project's keys on top
            try:
                data, _ = read_yaml(path, str(path))
            except YamlFileError as exc:
                diags += exc.diagnostics
                continue
            merged = _merge(merged, data)
        catalogues[lang] = merged
    converters = {lang: Converter(spec) for lang, spec in specs.items() if lang in languages}
    for lang, spec in specs.items():
        if lang in converters and spec.source in catalogues:
            converted = _convert_all(catalogues[spec.source], converters[lang])
            catalogues[lang] = _merge(converted, catalogues.get(lang, {}))
    if diags:
        raise ContentError(diags)
    reference = languages[0]
    for lang in languages[1:]:
        a, b = _keys(catalogues[reference]), _keys(catalogues[lang])
        for missing_in, missing in ((lang, a - b), (reference, b - a)):
            for key in sorted(missing):
                diags.append(Diagnostic(f"templates/i18n/{missing_in}.yaml", 1, 1, "S202", key,
                                        f"UI string missing in {missing_in}",
                                        "every UI string needs every language"))
    for lang, data in catalogues.items():
        units = data.get("units", {})
        unknown = [u for u in UNITS if not isinstance(units.get(u), dict)
                   or not {"format", "label"} <= set(units[u])]
        for unit in unknown:
            diags.append(Diagnostic(f"templates/i18n/{lang}.yaml", 1, 1, "S202",
                                    f"units.{unit}", f"unit {unit!r} has no display in {lang}",
                                    "add it under units:"))
    if diags:
        raise ContentError(diags)
    return {lang: Locale(lang, catalogues[lang], converters.get(lang)) for lang in languages}


def edition_locales(templates: TemplateDirs, edition) -> dict[str, Locale]:
    """The locales of every language of an edition, authored and derived."""
    return load_locales(templates, edition.languages, tuple(edition.site.derived_languages))
