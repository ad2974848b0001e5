"""An Atom feed (RFC 4287) per language, `<lang>/feed.xml`: one entry per edition released
and one per correction, each leading to its place on the "What changed" page.

With a site URL every id and link is absolute (ids are the entries' URLs). Without one the
links stay relative (Atom resolves them against the feed's own URL) and the ids are tag
URIs (RFC 4151) under the reserved name `factsite.invalid`: unique and stable, but only a
site URL makes them global, which the build's W502 warning says.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from factsite.content.tables import package_name
from factsite.render.changes import ChangeList, correction_anchor, figure_text, in_language
from factsite.render.locale import Locale
from factsite.render.site import RenderedSite

ATOM = "http://www.w3.org/2005/Atom"
TAG_AUTHORITY = "factsite.invalid"
FEED_FILE = "feed.xml"


@dataclass(frozen=True)
class Entry:
    key: str  # unique within the feed: edition/<date> or correction/<entity>/<fact>/<date>
    title: str
    summary: str
    updated: str  # an edition date
    fragment: str  # the entry's anchor on the "What changed" page


def timestamp(date: str) -> str:
    """An edition date as an RFC 3339 date-time: the start of that day, UTC."""
    return f"{date}T00:00:00Z"


def _label(rs: RenderedSite, ref: str, loc: Locale) -> tuple[str, str]:
    """(entity name, figure label) of `entity#fact`, from this edition or an earlier one."""
    edition = rs.edition
    entity_id, _, fact_id = ref.partition("#")
    found = edition.fact(ref, "")
    if found:
        return found[0].name[loc.code], found[1].label[loc.code]
    for snapshot in reversed(edition.history):
        figure = snapshot.figures.get((entity_id, fact_id))
        if figure:
            name = edition.entities[entity_id].name[loc.code] if entity_id in \
                edition.entities else in_language(loc, snapshot.names.get(entity_id))
            return name or entity_id, in_language(loc, figure.label)
    return entity_id, fact_id


def entries(rs: RenderedSite, loc: Locale) -> list[Entry]:
    """The feed's entries, newest first (an edition before its own corrections)."""
    out = []
    for release in rs.releases:
        if release.previous:
            summary = loc.t("edition_summary", previous=loc.period(release.previous),
                            counts=loc.t("changes_counts", **release.counts),
                            figures=release.figures, entities=release.entities)
        else:
            summary = loc.t("edition_first", figures=release.figures,
                            entities=release.entities)
        out.append(Entry(f"edition/{release.version}", loc.t(
            "edition_title", date=loc.period(release.version)), summary, release.version,
            f"edition-{release.version}"))
    changes = rs.changes or ChangeList(rs.edition.site.edition, None)
    changed = {c.ref: c for c in changes.changes}
    for entry in rs.edition.corrections:
        name, label = _label(rs, entry.fact, loc)
        summary = entry.reason[loc.code]
        change = changed.get(entry.fact) if entry.edition == changes.current else None
        if change and change.old and change.new:
            summary = loc.t("correction_summary", reason=summary,
                            old=figure_text(loc, change.old), new=figure_text(loc, change.new))
        out.append(Entry(f"correction/{entry.entity}/{entry.fact_id}/{entry.edition}",
                         loc.t("correction_title", entity=name, figure=label), summary,
                         entry.edition, correction_anchor(entry)))
    return sorted(out, key=lambda e: (e.updated, e.key.startswith("edition/"), e.key),
                  reverse=True)


def atom_feed(rs: RenderedSite, lang: str) -> bytes:
    """The Atom feed of one language, as UTF-8 XML."""
    loc, site = rs.locales[lang], rs.edition.site
    base = rs.site_url.rstrip("/")
    root = f"{base}/{lang}/" if base else ""  # links relative to the feed when no site URL
    name = package_name(site)
    items = entries(rs, loc)
    first = min((e.updated for e in items), default=site.edition)

    def ident(key: str, date: str, url: str) -> str:
        return url if base else f"tag:{TAG_AUTHORITY},{date}:{name}/{lang}/{key}"

    changes_url = f"{root}changes/"
    updated = max((e.updated for e in items), default=site.edition)
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="{ATOM}" xml:lang={quoteattr(loc.tag)}>',
             f"  <id>{escape(ident('feed', first, root + FEED_FILE))}</id>",
             f"  <title>{escape(loc.t('feed_title', site=site.title[lang]))}</title>",
             f"  <subtitle>{escape(site.description[lang])}</subtitle>",
             f"  <updated>{timestamp(updated)}</updated>",
             f"  <author><name>{escape(site.author[lang])}</name></author>",
             f'  <link rel="self" type="application/atom+xml" '
             f"href={quoteattr(root + FEED_FILE)}/>",
             f'  <link rel="alternate" type="text/html" hreflang={quoteattr(loc.tag)} '
             f"href={quoteattr(changes_url)}/>"]
    if site.license:
        lines.append(f"  <rights>{escape(site.license[lang])}</rights>")
    lines.append("  <generator>factsite</generator>")
    for item in items:
        url = f"{changes_url}#{item.fragment}"
        lines += ["  <entry>",
                  f"    <id>{escape(ident(item.key, item.updated, url))}</id>",
                  f"    <title>{escape(item.title)}</title>",
                  f"    <updated>{timestamp(item.updated)}</updated>",
                  f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
                  f"    <summary>{escape(item.summary)}</summary>",
                  "  </entry>"]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")
