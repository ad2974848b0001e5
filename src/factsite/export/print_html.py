"""Print HTML from the in-memory site: the whole report of a language (cover, contents with
page numbers, every page with ids made unique, internal links) and, for the pages the report
leaves out, each page's body alone, set with the PyPI-sourced Noto Sans SC (Regular, Bold)."""

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
IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)"')
MEDIA_PRINT = re.compile(r"@media print\s*\{")
URL_REF = re.compile(r"url\(#([^)]+)\)")
REPORT_TAIL = ("compare", "ledger", "targets", "glossary", "sources", "changes",
               "about")  # after entities


@dataclass(frozen=True)
class PrintJob:
    """One PDF to lay out: its HTML and its path in the site (`<lang>/<path>/<name>.pdf`)."""

    html: str
    target: str


@dataclass(frozen=True)
class Cut:
    """A page's PDF cut from the report: the chapter's anchor, the PDF's path, its title."""

    anchor: str
    target: str
    title: str


@dataclass(frozen=True)
class LanguagePrint:
    """One language's PDFs. The report is laid out once and each of its chapters is cut
    from it as its page's PDF; the pages it leaves out (home, kind indexes, search) are laid
    out on their own. `urls`: chapter anchor -> the page on the web (with a site URL), where
    a cut page's links to the rest of the report lead."""

    lang: str
    report: PrintJob
    cuts: tuple[Cut, ...]
    alone: tuple[PrintJob, ...]
    urls: dict[str, str]

    @property
    def n_pdfs(self) -> int:
        return 1 + len(self.cuts) + len(self.alone)


def _target(lang: str, path: str) -> str:
    return f"{lang}/{path}{pdf_name(path, lang)}"


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
        # the report is laid out from the language folder: a page's image is under its path
        body = IMG_SRC.sub(lambda m: m.group(1) + (m.group(2) if "://" in m.group(2) or
                           m.group(2).startswith("data:") else posixpath.normpath(
                               posixpath.join(posixpath.dirname(src), m.group(2)))) + '"',
                           body)

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


def without_media_print(css: str) -> str:
    """`css` without its `@media print { … }` blocks (the browser's print rules; the PDFs
    have a stylesheet of their own), every other rule kept, wherever it stands."""
    out, at = [], 0
    for match in MEDIA_PRINT.finditer(css):
        if match.start() < at:
            continue  # inside a block already dropped
        out.append(css[at:match.start()])
        depth, i = 1, match.end()
        while depth and i < len(css):
            depth += {"{": 1, "}": -1}.get(css[i], 0)
            i += 1
        at = i
    return "".join(out) + css[at:]


def print_css(templates: TemplateDirs) -> str:
    """The site stylesheet without its screen-print rules, then the print stylesheet."""
    site = templates.find("assets/factsite.css").read_text(encoding="utf-8")
    return without_media_print(site) + \
        templates.find("print/print.css").read_text(encoding="utf-8")


def _report_order(rs: RenderedSite, lang: str, pages: dict[str, RenderedPage]) -> list:
    """(part title, page paths) of the report: entities by kind, then the tail pages."""
    loc = rs.locales[lang]
    order = [(loc["kinds"][k]["many"], [f"{k}/{e.id}/" for e in rs.edition.by_kind(k)])
             for k in KIND_IDS]
    order += [(pages[f"{name}/"].meta.title,  # the page's own title heads its part
               [f"{name}/"] + ([f"sources/{doc}/" for doc in rs.edition.sources]
                               if name == "sources" else []))
              for name in REPORT_TAIL if f"{name}/" in pages]
    return [(part, [p for p in paths if p in pages]) for part, paths in order]


def print_plan(rs: RenderedSite, fonts: Fonts) -> list[LanguagePrint]:
    """Every PDF of the site, by language: the whole report, the pages cut from it, and the
    pages the report leaves out (each laid out on its own)."""
    env, css = make_environment(rs.templates), print_css(rs.templates)
    site, plans = rs.edition.site, []
    for lang, loc in rs.locales.items():
        pages = {p.page.path: p for p in rs.pages[lang]}
        common = {"html_lang": loc.tag, "site_title": site.title[lang]}
        order = [(part, paths) for part, paths in _report_order(rs, lang, pages) if paths]
        known = {p for _, paths in order for p in paths}
        parts = [(part, [(_anchor(p), pages[p].meta.title) for p in paths])
                 for part, paths in order]
        bodies = [(part, [(_anchor(p), localize_links(pages[p], known, True, rs.site_url,
                                                      lang)) for p in paths])
                  for part, paths in order]
        others = [site.title[code] for code in rs.locales if code != lang]
        report = _print_html(
            env, "print_report.html.j2", css, fonts, title=site.title[lang],
            other_titles=others, description=site.description[lang],
            edition_label=loc["edition"], edition=site.edition, contents_label=loc["contents"],
            parts=parts, bodies=bodies, page_label=loc["report_page_label"], **common)
        cuts = tuple(Cut(_anchor(p), _target(lang, p), pages[p].meta.title)
                     for _, paths in order for p in paths)
        alone = tuple(PrintJob(_print_html(
            env, "print_page.html.j2", css, fonts, title=page.meta.title,
            body=localize_links(page, set(), False, rs.site_url, lang),
            page_label=loc["page_label"], **common), _target(lang, path))
            for path, page in pages.items() if path not in known)
        base = rs.site_url.rstrip("/")
        urls = {_anchor(p): f"{base}/{lang}/{p}" for p in pages} if base else {}
        plans.append(LanguagePrint(lang, PrintJob(report, f"{lang}/{report_name(lang)}"), cuts,
                                   alone, urls))
    return plans
