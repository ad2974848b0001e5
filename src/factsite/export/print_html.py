"""Print HTML from the in-memory site: each page's body set in the print template with the
PyPI-sourced Noto Sans SC (Regular and Bold), and the whole report of a language (cover,
contents with page numbers, every page with ids made unique, internal links)."""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from dataclasses import dataclass

from jinja2 import Environment

from factsite.content.kinds import KIND_IDS
from factsite.core.fonts import Fonts
from factsite.render.meta import pdf_name, report_name
from factsite.render.pages import make_environment
from factsite.render.site import RenderedPage, RenderedSite
from factsite.render.templates import TemplateDirs

SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
ID_ATTR = re.compile(r'\bid="([^"]+)"')
HREF = re.compile(r'href="([^"]*)"')
URL_REF = re.compile(r"url\(#([^)]+)\)")
REPORT_TAIL = ("compare", "ledger", "targets", "glossary", "sources", "changes",
               "about")  # after entities


@dataclass(frozen=True)
class PrintJob:
    """One PDF to make: its HTML and its path in the site (`<lang>/<path>/<name>.pdf`)."""

    html: str
    target: str


def _anchor(path: str, fragment: str = "") -> str:
    slug = "p-" + (path.strip("/").replace("/", "-") or "home")
    return f"{slug}--{fragment}" if fragment else slug


def _target_path(src: str, href: str) -> tuple[str, str] | None:
    """(page path, fragment) a source-file link leads to, or None for another file."""
    target, _, fragment = href.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src), target))
    if resolved == "index.md" or resolved.endswith("/index.md"):
        return resolved.removesuffix("index.md"), fragment
    return None


def localize_links(page: RenderedPage, known: set[str], in_report: bool, site_url: str,
                   lang: str) -> str:
    """A page body made self-contained for a PDF.

    Scripts go (the static SVG stays). In the whole report, ids get a per-page prefix and
    links to other pages of the report become internal links; other links become absolute
    when the site URL is known, and are dropped (text kept) otherwise.
    """
    body, path, src = SCRIPT.sub("", page.body), page.page.path, page.page.src
    if in_report:
        body = ID_ATTR.sub(lambda m: f'id="{_anchor(path, m.group(1))}"', body)
        body = URL_REF.sub(lambda m: f"url(#{_anchor(path, m.group(1))})", body)

    def fix(match: re.Match) -> str:
        href = html_lib.unescape(match.group(1))
        if href.startswith(("http://", "https://", "mailto:")):
            return match.group(0)
        if href.startswith("#"):
            return f'href="#{_anchor(path, href[1:])}"' if in_report else match.group(0)
        found = _target_path(src, href)
        if found and in_report and found[0] in known:
            return f'href="#{_anchor(*found)}"'
        if site_url and not href.startswith("../" * (page.page.depth + 1)):
            rel = f"{found[0]}#{found[1]}" if found else posixpath.normpath(
                posixpath.join(path or ".", href))
            return f'href="{html_lib.escape(site_url.rstrip("/"))}/{lang}/{rel.rstrip("#")}"'
        return 'data-href-dropped=""'

    return HREF.sub(fix, body)


def _print_html(env: Environment, template: str, css: str, fonts: Fonts, **context) -> str:
    return env.get_template(template).render(font_faces=fonts.font_faces(), css=css,
                                             **context)


def print_css(templates: TemplateDirs) -> str:
    """The site stylesheet without its screen-print rules, then the print stylesheet."""
    site = templates.find("assets/factsite.css").read_text(encoding="utf-8")
    return site.split("@media print")[0] + \
        templates.find("print/print.css").read_text(encoding="utf-8")


def print_jobs(rs: RenderedSite, fonts: Fonts) -> list[PrintJob]:
    """Every PDF of the site: each page of each language, and each language's whole report."""
    env, css = make_environment(rs.templates), print_css(rs.templates)
    site, jobs = rs.edition.site, []
    for lang, loc in rs.locales.items():
        pages = {p.page.path: p for p in rs.pages[lang]}
        common = {"html_lang": loc.tag, "site_title": site.title[lang],
                  "page_label": loc["page_label"]}
        for path, page in pages.items():
            body = localize_links(page, set(), False, rs.site_url, lang)
            jobs.append(PrintJob(_print_html(env, "print_page.html.j2", css, fonts,
                                             title=page.meta.title, body=body, **common),
                                 f"{lang}/{path}{pdf_name(path, lang)}"))
        order = [(loc["kinds"][k]["many"], [f"{k}/{e.id}/" for e in rs.edition.by_kind(k)])
                 for k in KIND_IDS]
        order += [(pages[f"{name}/"].meta.title,  # the page's own title heads its part
                   [f"{name}/"] + ([f"sources/{doc}/" for doc in rs.edition.sources]
                                   if name == "sources" else []))
                  for name in REPORT_TAIL if f"{name}/" in pages]
        known = {p for _, paths in order for p in paths if p in pages}
        parts, bodies = [], []
        for part, paths in order:
            present = [p for p in paths if p in pages]
            if not present:
                continue
            parts.append((part, [(_anchor(p), pages[p].meta.title) for p in present]))
            bodies.append((part, [(_anchor(p), localize_links(pages[p], known, True,
                                                               rs.site_url, lang))
                                  for p in present]))
        others = [site.title[code] for code in rs.locales if code != lang]
        jobs.append(PrintJob(_print_html(
            env, "print_report.html.j2", css, fonts, title=site.title[lang],
            other_titles=others, description=site.description[lang],
            edition_label=loc["edition"], edition=site.edition, contents_label=loc["contents"],
            parts=parts, bodies=bodies, **common), f"{lang}/{report_name(lang)}"))
    return jobs
