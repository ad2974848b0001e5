"""The site engine's plugin: MkDocs holds a marker, not each page's body, until the page is
written (a build of 20,000 pages would otherwise hold every body at once), and the page
written is the body with its links resolved, inside the theme's shell."""

from __future__ import annotations

from factsite.core.packed import pack
from factsite.site import engine
from factsite.site.engine import BODY_MARK, EnginePage, LanguageJob, build_language


def _job(site: str, staged: str = "", files: tuple[str, ...] = ()) -> LanguageJob:
    pages = (EnginePage("index.md", pack('<h2 id="a">A</h2><p><a href="b/index.md#b">to b</a>'
                                         "</p>"), (("a", "A"),), {"title": "Home"}),
             EnginePage("b/index.md", pack('<h2 id="b">B</h2><p>第二页</p>'), (("b", "B"),),
                        {"title": "B"}))
    return LanguageJob("en", site, {"site_name": "x", "theme": {"name": "mkdocs"}}, pages,
                       staged, files, keep_shells=True)


def test_mkdocs_holds_a_marker_and_the_written_page_holds_the_body(tmp_path, monkeypatch):
    held: dict[str, str] = {}
    original = engine.FactsitePlugin.on_post_page

    def spy(self, output, *, page, config):
        held[page.file.src_uri] = page.content
        return original(self, output, page=page, config=config)

    monkeypatch.setattr(engine.FactsitePlugin, "on_post_page", spy)
    result = build_language(_job(str(tmp_path / "site")))
    assert not result.problems and not result.messages
    assert held == {"index.md": BODY_MARK, "b/index.md": BODY_MARK}
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<p><a href="b/#b">to b</a></p>' in home and BODY_MARK not in home
    before, after = result.shells["b/index.md"]
    page_b = (tmp_path / "site" / "b" / "index.html").read_text(encoding="utf-8")
    assert page_b == before + '<h2 id="b">B</h2><p>第二页</p>' + after


def test_staged_files_are_moved_into_the_site(tmp_path):
    staged = tmp_path / "staged"
    (staged / "b").mkdir(parents=True)
    (staged / "b" / "data.csv").write_bytes(b"a,b\n1,2\n")
    result = build_language(_job(str(tmp_path / "site"), str(staged), ("b/data.csv",)))
    assert not result.problems and not result.messages
    assert (tmp_path / "site" / "b" / "data.csv").read_bytes() == b"a,b\n1,2\n"
    assert not (staged / "b" / "data.csv").exists()  # moved, not copied
