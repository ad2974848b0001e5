"""The characters an edition can show: every text of its content, its UI catalogues and
templates, the converted reading of its quotes in each derived script, what Babel adds to
numbers and dates in each of its languages, ASCII and common punctuation. The font is subset to them (`core.fonts.static_fonts`), so it is computed here,
where the Edition and the locales are known, and handed down."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields, is_dataclass

from pydantic import BaseModel

from factsite.content.derived import Converter
from factsite.content.edition import Edition
from factsite.content.units import UNITS
from factsite.core.fonts import COMMON, printable
from factsite.render.locale import Locale
from factsite.render.templates import TemplateDirs

TEMPLATE_SUFFIXES = (".j2", ".yaml", ".yml", ".css", ".html", ".md", ".txt", ".svg")
# the parts of Babel's locale data that number and period formatting draw from
BABEL_DATA = ("number_symbols", "decimal_formats", "percent_formats", "compact_decimal_formats",
              "months", "quarters", "eras", "date_formats", "datetime_skeletons",
              "interval_formats", "unit_display_names")


def _texts(value: object, out: list[str]) -> None:
    """Add every string inside `value` (models, mappings, lists) to `out`."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _texts(getattr(value, name), out)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _texts(key, out)
            _texts(item, out)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            _texts(getattr(value, f.name), out)
    elif isinstance(value, Iterable) and not isinstance(value, (bytes, bytearray)):
        for item in value:
            _texts(item, out)
    elif value is not None and not isinstance(value, bool):
        out.append(str(value))  # patterns, numbers and the like


def chars_of(*values: object) -> frozenset[str]:
    """Every drawable character of the strings inside `values` (chart specs, cards)."""
    out: list[str] = []
    _texts(values, out)
    return printable("".join(out))


def _babel_texts(loc: Locale, out: list[str]) -> None:
    for name in BABEL_DATA:
        try:
            data = getattr(loc.babel, name)
        except (AttributeError, KeyError):
            continue
        _texts(data, out)


def edition_chars(edition: Edition, locales: Mapping[str, Locale],
                  templates: TemplateDirs) -> frozenset[str]:
    """Every character a page, chart or PDF of `edition` may show, in any of `locales`."""
    content: list[str] = []
    _texts((edition.site, edition.sources, edition.source_texts, edition.terms,
            edition.entities, edition.metrics, edition.maps), content)
    # a derived script's page shows each verbatim quote's converted reading beside it
    out = [COMMON, *content, *(Converter(spec)("\n".join(content))
                               for spec in edition.site.derived_languages)]
    _texts([u.written for u in UNITS.values()], out)
    for loc in locales.values():
        _texts(loc.strings, out)
        _babel_texts(loc, out)
    for folder in templates.dirs:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in TEMPLATE_SUFFIXES:
                out.append(path.read_text(encoding="utf-8", errors="ignore"))
    return printable("".join(out))
