"""Citations a reader can use: every page and every figure as a CSL-JSON item, formatted in
the language's citation style (the UI catalogue's `citation` patterns: GB/T 7714-2015 for
Chinese, APA for English), and the page's items as CSL-JSON and BibTeX downloads."""

from __future__ import annotations

import json
import re

from factsite.content.edition import Edition
from factsite.content.model import Entity, Fact
from factsite.render.locale import Locale


def page_url(site_url: str, lang: str, path: str, fragment: str = "") -> str:
    """Where a page (or a figure on it) is published: absolute with a site URL."""
    rel = f"{lang}/{path}" + (f"#{fragment}" if fragment else "")
    return f"{site_url.rstrip('/')}/{rel}" if site_url else rel


def _figure_text(loc: Locale, fact: Fact, period: str) -> str:
    """'label, period: value'; without a period (an actual the sources do not date), the
    pattern that has no place for one, so no separator is left dangling."""
    undated = "" if period else "_undated"
    if fact.series:
        points = fact.points
        value = f"{loc.number(points[0].value, fact.unit)} → " \
                f"{loc.number(points[-1].value, fact.unit, fact.qualifier)}"
    elif fact.value is not None:
        value = loc.number(fact.value, fact.unit, fact.qualifier)
    else:  # a statement: its label and period name it; the citation does not repeat it
        return loc.t(f"citation.statement_title{undated}", label=fact.label[loc.code],
                     period=period)
    return loc.t(f"citation.figure_title{undated}", label=fact.label[loc.code], period=period,
                 value=value).strip()


def csl_item(edition: Edition, loc: Locale, entity: Entity, url: str, build_date: str,
             fact: Fact | None = None, period: str = "") -> dict:
    """One CSL-JSON item: the page of an entity, or one figure on it."""
    site = edition.site
    title = entity.name[loc.code]
    if fact is not None:
        title = loc.t("citation.on_page", page=title, figure=_figure_text(loc, fact, period))
    year, month, day = (int(x) for x in site.edition.split("-"))
    accessed = [int(x) for x in build_date.split("-")]
    return {
        "id": f"{entity.id}-{fact.id}" if fact else entity.id,
        "type": "dataset",
        "title": title,
        "container-title": site.title[loc.code],
        "author": [{"literal": site.author[loc.code]}],
        "issued": {"date-parts": [[year, month, day]]},
        "accessed": {"date-parts": [accessed]},
        "version": site.edition,
        "URL": url,
        "language": loc.tag,
    }


def format_citation(loc: Locale, item: dict) -> str:
    """The item in this language's citation style (a catalogue pattern)."""
    issued = item["issued"]["date-parts"][0]
    accessed = item["accessed"]["date-parts"][0]
    return loc.t("citation.style", author=item["author"][0]["literal"], title=item["title"],
                 site=item["container-title"], edition=item["version"], year=issued[0],
                 accessed="-".join(f"{n:02d}" if i else str(n) for i, n in enumerate(accessed)),
                 url=item["URL"])


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def bibtex(items: list[dict]) -> str:
    """The items as BibTeX @misc entries (biblatex reads `urldate` and `version`)."""
    out = []
    for item in items:
        issued, accessed = item["issued"]["date-parts"][0], item["accessed"]["date-parts"][0]
        key = re.sub(r"[^A-Za-z0-9-]", "", item["id"]) + f"-{issued[0]}"
        fields = {"title": item["title"], "author": item["author"][0]["literal"],
                  "howpublished": item["container-title"], "year": str(issued[0]),
                  "version": item["version"], "url": item["URL"],
                  "urldate": "-".join(f"{n:02d}" if i else str(n)
                                      for i, n in enumerate(accessed)),
                  "langid": item["language"]}
        # an institution as author is protected by a second pair of braces
        body = ",\n".join(
            f"  {k} = {{{{{_bibtex_escape(v)}}}}}" if k == "author" else
            f"  {k} = {{{_bibtex_escape(v) if k != 'url' else v}}}" for k, v in fields.items())
        out.append(f"@misc{{{key},\n{body}\n}}")
    return "\n\n".join(out) + "\n"


def csl_json(items: list[dict]) -> bytes:
    return (json.dumps(items, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
