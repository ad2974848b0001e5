"""Full builds: the mini fixture edition always, the real edition too. Both languages hold
the same pages, each page has hreflang alternates and a switcher to its counterpart, nothing
is loaded from another host, and two builds in a row are byte-identical."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from helpers import REPO, make_project, run_cli, tree_digest

LOADING_ATTRS = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                 ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
                 ("object", "data")}


class Tags(HTMLParser):
    """Collects (tag, attrs) of every start tag."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(path: Path) -> list[tuple[str, dict]]:
    p = Tags()
    p.feed(path.read_text(encoding="utf-8"))
    return p.tags


def pages(site: Path, lang: str) -> set[str]:
    """The pages of a language (the embed pages, for iframes elsewhere, are not among them)."""
    return {str(p.relative_to(site / lang)) for p in (site / lang).rglob("*.html")
            if not p.relative_to(site / lang).parts[0] == "embed"}


def resolve(page: Path, href: str) -> Path:
    """The file a relative link of `page` leads to."""
    target = urljoin(page.as_posix(), urlparse(href).path)
    path = Path(target)
    return path / "index.html" if href.split("#")[0].endswith("/") or path.is_dir() else path


@pytest.fixture(params=["mini", "real"])
def site(request) -> Path:
    return request.getfixturevalue(f"{request.param}_site")


LANGS = {"zh": "zh-Hans", "en": "en", "zh-hant": "zh-Hant"}  # folder -> hreflang


def test_same_pages_in_every_language(site: Path):
    zh, en, hant = pages(site, "zh"), pages(site, "en"), pages(site, "zh-hant")
    assert zh == en == hant
    assert len(zh) >= 9
    assert (site / "index.html").exists()


def test_every_page_has_hreflang_and_a_working_switch(site: Path):
    for lang, tag in LANGS.items():
        for rel in pages(site, lang):
            if rel == "404.html":
                continue
            page = site / lang / rel
            tags = parse(page)
            assert tags[0][1].get("lang") == tag, rel  # <html lang>
            alternates = {a.get("hreflang"): a.get("href") for t, a in tags
                          if t == "link" and a.get("rel") == "alternate" and "type" not in a}
            assert set(alternates) == set(LANGS.values()) | {"x-default"}, rel
            switch = {a["hreflang"]: a["href"] for t, a in tags
                      if t == "a" and "fs-lang-switch" in a.get("class", "")}
            assert set(switch) == set(LANGS.values()) - {tag}, rel  # every other language
            for other, other_tag in LANGS.items():
                if other != lang:
                    assert resolve(page, switch[other_tag]) == site / other / rel, rel


def test_sitemap_lists_every_page_with_its_alternates(site: Path):
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    n = len(pages(site, "en")) - 1  # not the 404
    assert xml.count("<url>") == 3 * n
    for tag in LANGS.values():
        assert xml.count(f'hreflang="{tag}"') == 3 * n
    assert xml.count('hreflang="x-default"') == 3 * n


def test_nothing_is_loaded_from_another_host(site: Path):
    for page in site.rglob("*.html"):
        for tag, attrs in parse(page):
            if (tag, "href" if tag == "link" else "src") in LOADING_ATTRS or tag == "object":
                for attr in ("src", "href", "data"):
                    url = attrs.get(attr)
                    if url and (tag, attr) in LOADING_ATTRS and tag != "a":
                        if tag == "link" and attrs.get("rel") in ("alternate", "canonical"):
                            continue
                        assert not urlparse(url).netloc, f"{page}: {tag} {attr}={url}"
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//", text), css
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css


def test_internal_links_and_anchors_resolve(site: Path):
    """Every internal href/src leads to a file, and every #fragment to an id in that file."""
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {a["id"] for _, a in parse(path) if "id" in a} if path.suffix == \
                ".html" else set()
        return ids[path]

    broken, checked = [], 0
    # 404.html is served for any missing path, so MkDocs writes it with root-absolute links
    for page in (p for p in site.rglob("*.html") if p.name != "404.html"):
        for tag, attrs in parse(page):
            for attr in ("href", "src"):
                url = attrs.get(attr)
                if not url or urlparse(url).scheme or urlparse(url).netloc:
                    continue
                checked += 1
                target = page if url.startswith("#") else resolve(page, url)
                fragment = urlparse(url).fragment
                if not target.exists():
                    broken.append(f"{page.relative_to(site)} -> {url}")
                elif fragment and fragment not in ids_of(target):
                    broken.append(f"{page.relative_to(site)} -> {url} (no such anchor)")
    assert broken == []
    assert checked > 100


def test_two_builds_are_byte_identical(tmp_path: Path):
    project = make_project(tmp_path)
    assert run_cli(project, "--quiet", "build")[0] == 0
    first = tree_digest(project / "site")
    assert run_cli(project, "--quiet", "build")[0] == 0
    assert tree_digest(project / "site") == first


def test_real_edition_checks_without_warnings(capsys):
    status, out, err = run_cli(REPO, "--strict", "check", capsys=capsys)
    assert status == 0, err
    assert "0 errors, 0 warning(s)" in out


def test_a_build_without_site_url_warns_once_and_strict_fails(tmp_path: Path, capsys):
    project = make_project(tmp_path)
    status, _, err = run_cli(project, "--no-pdf", "build", capsys=capsys)
    assert status == 0
    warnings = [line for line in err.splitlines() if " warning W502 " in line]
    assert warnings == ["content/site.yaml:1:1: warning W502 site_url: no site URL: hreflang, "
                        "canonical, Open Graph, sitemap and feed links stay relative and feed "
                        "ids local, which search engines and feed readers ignore"]
    before = tree_digest(project / "site")
    status, _, err = run_cli(project, "--no-pdf", "--strict", "build", capsys=capsys)
    assert status == 1 and "error W502" in err
    assert tree_digest(project / "site") == before  # the failed build changed nothing
    status, _, err = run_cli(project, "--no-pdf", "--strict", "--site-url",
                             "https://example.org/atlas/", "build", capsys=capsys)
    assert status == 0 and "W502" not in err
    html = (project / "site" / "en" / "district" / "east-district" / "index.html").read_text(
        encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/atlas/en/district/east-district/">' \
        in html
    assert 'hreflang="zh-Hans" href="https://example.org/atlas/zh/district/east-district/"' in html
    assert '<meta property="og:url" content="https://example.org/atlas/en/district/' \
        'east-district/">' in html
