"""Site furniture at the root: a sitemap with hreflang alternates for both languages,
robots.txt, and a bilingual 404 page for hosts that serve /404.html."""

from __future__ import annotations

from datetime import datetime, timezone
from xml.sax.saxutils import escape

from factsite.pages import HREFLANG


def build_date() -> str:
    """The build's date (UTC), from SOURCE_DATE_EPOCH when set, so builds stay reproducible."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else \
        datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%d")


def sitemap(paths: list[str], site_url: str, lastmod: str) -> str:
    """sitemap.xml: every page in both languages, each with its hreflang alternates.

    Without a site URL the locations are relative to the site root (a preview build); pass
    `--site-url` for a sitemap search engines accept.
    """
    base = site_url.rstrip("/") + "/" if site_url else ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path in paths:
        for lang in HREFLANG:
            lines.append(f"  <url><loc>{escape(base + lang + '/' + path)}</loc>"
                         f"<lastmod>{lastmod}</lastmod>")
            for alt, code in HREFLANG.items():
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{code}" '
                             f'href="{escape(base + alt + "/" + path)}"/>')
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" '
                         f'href="{escape(base + "en/" + path)}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(site_url: str) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"
