"""Site furniture at the root: a sitemap with hreflang alternates for every language, and
robots.txt."""

from __future__ import annotations

from xml.sax.saxutils import escape


def sitemap(paths: list[str], tags: dict[str, str], default_lang: str, site_url: str,
            lastmod: str) -> str:
    """sitemap.xml: every page in every language, each with its hreflang alternates.

    `tags` maps each language folder to its hreflang. Without a site URL the locations are
    relative to the site root (a preview build); search engines need `site_url`.
    """
    base = site_url.rstrip("/") + "/" if site_url else ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path in paths:
        for lang in tags:
            lines.append(f"  <url><loc>{escape(base + lang + '/' + path)}</loc>"
                         f"<lastmod>{lastmod}</lastmod>")
            for alt, code in tags.items():
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{code}" '
                             f'href="{escape(base + alt + "/" + path)}"/>')
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" '
                         f'href="{escape(base + default_lang + "/" + path)}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(site_url: str) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"
