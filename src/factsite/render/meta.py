"""What the theme shows around a page body: title, description, the same page in every other
language, absolute alternates and Open Graph data, the search box, the PDF links."""

from __future__ import annotations

from dataclasses import dataclass

from factsite.content.edition import Edition
from factsite.render.locale import Locale
from factsite.render.pages import page_title, plain_summary
from factsite.render.plan import Page


def pdf_name(path: str, lang: str) -> str:
    """File name of a page's PDF, in the page's folder: 'xiaoshan-en.pdf', 'home-zh.pdf'."""
    return f"{path.strip('/').split('/')[-1] or 'home'}-{lang}.pdf"


def report_name(lang: str) -> str:
    return f"report-{lang}.pdf"


@dataclass(frozen=True)
class Link:
    href: str
    label: str = ""
    hreflang: str = ""


@dataclass(frozen=True)
class PageMeta:
    """Plain text values; the theme escapes them."""

    title: str
    description: str
    template: str
    lang_tag: str
    alternates: tuple[Link, ...]  # hreflang alternates, absolute when the site URL is known
    switch: tuple[Link, ...]  # the same page in each other language (relative)
    canonical: str = ""
    og_locale: str = ""
    og_locale_alternates: tuple[str, ...] = ()
    pdf: Link | None = None
    report: Link | None = None
    charts: bool = False  # the page has charts: the theme may load the interactive view
    og_image: str = ""  # the page's share card (render/cards.py), absolute with a site URL
    feed: Link | None = None  # the language's Atom feed of editions and corrections


def page_meta(page: Page, edition: Edition, locales: dict[str, Locale], site_url: str,
              pdf: bool, default_lang: str) -> PageMeta:
    """The metadata of one page."""
    loc = locales[page.lang]
    if page.entity_id:
        description = plain_summary(edition.entities[page.entity_id].summary[page.lang])
    else:
        description = edition.site.description[page.lang]
    base = site_url.rstrip("/")
    up = "../" * (page.depth + 1)

    def href(lang: str) -> str:
        return f"{base}/{lang}/{page.path}" if base else f"{up}{lang}/{page.path}"

    alternates = tuple(Link(href(code), hreflang=other.tag) for code, other in locales.items())
    alternates += (Link(href(default_lang), hreflang="x-default"),)
    switch = tuple(Link(f"{up}{code}/{page.path}", other.name, other.tag)
                   for code, other in locales.items() if code != page.lang)
    return PageMeta(
        title=page_title(page, edition, loc.strings), description=description,
        template=page.template, lang_tag=loc.tag, alternates=alternates, switch=switch,
        canonical=f"{base}/{page.lang}/{page.path}" if base else "",
        og_locale=loc.og_locale,
        og_image=f"{base}/{page.lang}/{page.path}og.png" if base else "og.png",
        og_locale_alternates=tuple(o.og_locale for c, o in locales.items() if c != page.lang),
        pdf=Link(pdf_name(page.path, page.lang), loc["pdf_page"]) if pdf else None,
        report=Link(up[3:] + report_name(page.lang), loc["pdf_report"]) if pdf else None,
        feed=Link(f"{base}/{page.lang}/feed.xml" if base else up[3:] + "feed.xml",
                  loc["feed"]),
    )
