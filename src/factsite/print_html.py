"""Print HTML, from the built site: the article of each built page, set in a print template
with the PyPI-sourced Noto Sans SC (Regular and Bold); and the whole report of a language
(cover, contents with page numbers, every page with ids made unique, internal links)."""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from factsite.fonts import static_fonts

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
ID_ATTR = re.compile(r'\bid="([^"]+)"')
HREF = re.compile(r'href="([^"]*)"')
URL_REF = re.compile(r"url\(#([^)]+)\)")


@dataclass(frozen=True)
class PrintPage:
    """A built page prepared for print: its path in the language folder and its body."""

    path: str  # e.g. "district/xiaoshan/" ("" for the home page)
    title: str
    body: str


def extract_article(html: str) -> str:
    """The page's article element without scripts (the static SVG stays)."""
    found = ARTICLE.search(html)
    body = found.group(1) if found else ""
    body = SCRIPT.sub("", body)
    return re.sub(r'<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>', "", body, flags=re.S)


def _title(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "", found.group(1)).strip()) if found else ""


def read_pages(lang_dir: Path) -> dict[str, PrintPage]:
    """Every built page of one language, by path."""
    pages = {}
    for index in sorted(lang_dir.rglob("index.html")):
        rel = index.parent.relative_to(lang_dir).as_posix()
        path = "" if rel == "." else rel + "/"
        html = index.read_text(encoding="utf-8")
        body = extract_article(html)
        pages[path] = PrintPage(path, _title(body), body)
    return pages


def _anchor(path: str, fragment: str = "") -> str:
    slug = "p-" + (path.strip("/").replace("/", "-") or "home")
    return f"{slug}--{fragment}" if fragment else slug


def localize_links(page: PrintPage, known: set[str], in_report: bool,
                   site_url: str, lang: str) -> str:
    """Make a page body self-contained in a PDF.

    In the whole report, ids get a per-page prefix and links to other pages of the report
    become internal links; links elsewhere become absolute when the site URL is known, and
    are dropped (text kept) otherwise.
    """
    body = page.body
    if in_report:
        body = ID_ATTR.sub(lambda m: f'id="{_anchor(page.path, m.group(1))}"', body)
        body = URL_REF.sub(lambda m: f"url(#{_anchor(page.path, m.group(1))})", body)

    def fix(match: re.Match) -> str:
        href = match.group(1)
        if href.startswith(("http://", "https://", "mailto:")):
            return match.group(0)
        target, _, fragment = href.partition("#")
        if not target:
            return f'href="#{_anchor(page.path, fragment)}"' if in_report else match.group(0)
        resolved = posixpath.normpath(posixpath.join(page.path or ".", target))
        resolved = "" if resolved == "." else resolved.strip("/") + "/"
        if in_report and resolved in known:
            return f'href="#{_anchor(resolved, fragment)}"'
        if site_url and not resolved.startswith(".."):
            return f'href="{site_url.rstrip("/")}/{lang}/{resolved}' + (
                f"#{fragment}" if fragment else "") + '"'
        return 'data-href-dropped=""'

    return HREF.sub(fix, body)


def _font_faces() -> str:
    fonts = static_fonts()
    return "\n".join(
        f'@font-face {{ font-family: "Noto Sans SC"; font-weight: {weight}; '
        f'src: url("{fonts[style].as_uri()}"); }}'
        for style, weight in (("Regular", 400), ("Bold", 700)))


def print_html(env: Environment, template: str, css: str, **context) -> str:
    """The complete HTML of one PDF."""
    return env.get_template(template).render(font_faces=_font_faces(), css=css, **context)




REPORT_KINDS = ("district", "cluster", "platform", "institution", "company", "programme")


def print_css(templates: Path) -> str:
    """The site stylesheet without its screen-print rules, then the print stylesheet."""
    site = (templates / "assets" / "factsite.css").read_text(encoding="utf-8")
    return site.split("@media print")[0] + \
        (templates / "print" / "print.css").read_text(encoding="utf-8")


def pdf_name(path: str, lang: str) -> str:
    """File name of a page's PDF, in the page's folder: 'xiaoshan-en.pdf', 'home-zh.pdf'."""
    return f"{path.strip('/').split('/')[-1] or 'home'}-{lang}.pdf"


def report_name(lang: str) -> str:
    return f"report-{lang}.pdf"


def print_jobs(site_dir: Path, env: Environment, edition, strings: dict, css: str,
               site_url: str) -> list[tuple[str, str]]:
    """(html, target) of every PDF: each page of each language, and each whole report."""
    jobs = []
    for lang, t in strings.items():
        pages = read_pages(site_dir / lang)
        common = {"html_lang": t["html_lang"], "site_title": edition.site.title[lang],
                  "page_label": t["page_label"]}
        for path, page in pages.items():
            body = localize_links(page, set(), False, site_url, lang)
            html = print_html(env, "print_page.html.j2", css, title=page.title, body=body,
                              **common)
            jobs.append((html, str(site_dir / lang / path / pdf_name(path, lang))))
        order = [(t["kinds"][k]["many"], [f"{k}/{e.id}/" for e in edition.by_kind(k)])
                 for k in REPORT_KINDS]
        order += [(t["compare"], ["compare/"]), (t["glossary"], ["glossary/"]),
                  (t["sources"], ["sources/"]), (t["about"], ["about/"])]
        known = {p for _, paths in order for p in paths if p in pages}
        parts, bodies = [], []
        for part, paths in order:
            present = [p for p in paths if p in pages]
            if not present:
                continue
            parts.append((part, [(_anchor(p), pages[p].title) for p in present]))
            bodies.append((part, [(_anchor(p), localize_links(pages[p], known, True,
                                                               site_url, lang))
                                  for p in present]))
        other = "en" if lang == "zh" else "zh"
        html = print_html(env, "print_report.html.j2", css, title=edition.site.title[lang],
                          other_title=edition.site.title[other],
                          description=edition.site.description[lang],
                          edition_label=t["edition"], edition=edition.site.edition,
                          contents_label=t["contents"], parts=parts, bodies=bodies, **common)
        jobs.append((html, str(site_dir / lang / report_name(lang))))
    return jobs
