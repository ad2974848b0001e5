"""The site engine: the only module that imports MkDocs.

Each language is one MkDocs build. Its configuration is built here in Python, and a plugin
object hands MkDocs every page in memory with `File.generated`: the page's HTML body, its
table of contents and its metadata, and the downloads beside it. The bodies are HTML
already, so MkDocs renders no Markdown; instead the plugin passes every link of a body
through MkDocs' own link resolution, which turns a source-file link
(`../yuhang/index.md#fact-x`) into its URL and reports a target that does not exist, and it
tells MkDocs each page's anchors, so MkDocs' strict anchor validation checks every
`#fragment`. Any such warning fails the build (strict mode); the problems come back as data
for the caller to place in the content files.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

from factsite.core.packed import pack, unpack
from factsite.core.workers import worker_pool

_A_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
_ID = re.compile(r'\sid="([^"]+)"')
BODY_MARK = "<!--factsite:body-->"
_LINK_PROBLEM = re.compile(r"Doc file '([^']+)' contains (?:an unrecognized relative )?"
                           r"(?:a )?link '([^']*)'")


@dataclass(frozen=True)
class EnginePage:
    """A page as the engine needs it: where it lives, its body (packed), its sections, its
    theme data."""

    src: str
    packed: bytes
    toc: tuple[tuple[str, str], ...]  # (anchor, title) of each section
    meta: dict


@dataclass(frozen=True)
class LanguageJob:
    """Everything one language's MkDocs build needs; plain data, so it crosses processes."""

    lang: str
    site_dir: str
    options: dict  # the MkDocs configuration, as a mkdocs.yml would hold it
    pages: tuple[EnginePage, ...]
    staged: str = ""  # a folder of files (downloads, assets) to move in beside the pages
    files: tuple[str, ...] = ()  # their paths, relative to `staged` and to the language root
    keep_shells: bool = False  # record the themed HTML around each body (for previews)


@dataclass
class LanguageResult:
    """What a language's build reports: MkDocs' problems, and the page shells if asked."""

    lang: str
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (src, link, message)
    messages: list[str] = field(default_factory=list)  # every other warning, verbatim
    shells: dict[str, tuple[str, str]] = field(default_factory=dict)  # src -> (before, after)
    urls: dict[str, str] = field(default_factory=dict)  # src -> URL of every page and file


class _Collect(logging.Handler):
    """Keeps every warning MkDocs logs during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


class _Staged(File):
    """A file written beforehand outside the site folder: moved into place, not copied (a
    rename on the same disk), so no download is held in memory or written twice."""

    def copy_file(self, dirty: bool = False) -> None:
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        os.replace(self.abs_src_path, self.abs_dest_path)


class FactsitePlugin(BasePlugin):
    """Hands one language's pages and files to MkDocs, in memory."""

    def __init__(self, job: LanguageJob):
        super().__init__()
        self.job = job
        self.by_src = {p.src: p for p in job.pages}
        self.bodies: dict[str, bytes] = {}  # src -> its body with links resolved, packed
        self.result = LanguageResult(job.lang)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # one sitemap for every language is written beside them: MkDocs' own is not rendered
        # (discarded here, after MkDocs has listed the theme's static files without it)
        config.theme.static_templates.discard("sitemap.xml")
        for page in self.job.pages:
            files.append(File.generated(config, page.src, content=""))  # see on_page_content
        for rel in self.job.files:
            files.append(_Staged.generated(config, rel,
                                           abs_src_path=os.path.join(self.job.staged, rel)))
        self.result.urls = {f.src_uri: f.url for f in files}
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        page.meta = dict(self.by_src[page.file.src_uri].meta)
        return ""  # the body is HTML already: nothing for Markdown to do

    def on_page_content(self, html_: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        doc = self.by_src[page.file.src_uri]
        resolver = _RelativePathTreeprocessor(page.file, files, config)

        def resolve(match: re.Match) -> str:
            url = html.unescape(match.group(2))
            return match.group(1) + html.escape(resolver.path_to_url(url)) + match.group(3)

        source = unpack(doc.packed)
        page.links_to_anchors = resolver.links_to_anchors
        page.present_anchor_ids = set(_ID.findall(source))
        page.toc = get_toc([{"level": 2, "id": anchor, "name": title, "children": []}
                            for anchor, title in doc.toc])
        self.bodies[page.file.src_uri] = pack(_A_HREF.sub(resolve, source))
        # MkDocs holds every page's content until the last page is written: it holds a
        # marker, and the body goes in when the page is written (on_post_page)
        return BODY_MARK

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        before, found, after = output.partition(BODY_MARK)
        if not found:  # a theme override without the page's content
            return output
        if self.job.keep_shells:
            self.result.shells[page.file.src_uri] = (before, after)
        return before + unpack(self.bodies.pop(page.file.src_uri)) + after


def _config(job: LanguageJob, plugin: FactsitePlugin, docs_dir: str) -> MkDocsConfig:
    cfg = MkDocsConfig(config_file_path=str(Path(docs_dir).parent / "mkdocs.yml"))
    cfg.load_dict({**job.options, "docs_dir": docs_dir, "site_dir": job.site_dir,
                   "strict": True, "plugins": [], "use_directory_urls": True})
    errors, warnings = cfg.validate()
    if errors or warnings:
        raise MkDocsException("; ".join(f"{k}: {v}" for k, v in errors + warnings))
    cfg.plugins["factsite"] = plugin
    return cfg


def build_language(job: LanguageJob) -> LanguageResult:
    """Build one language with MkDocs into `job.site_dir`; never raises on link problems:
    they come back in the result (a non-empty `problems` or `messages` means failure)."""
    plugin = FactsitePlugin(job)
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # the caller reports the problems, in content terms
    try:
        with tempfile.TemporaryDirectory(prefix="factsite-docs-") as work:
            docs_dir = Path(work) / "docs"  # empty: every page and file comes from the plugin
            docs_dir.mkdir()
            try:
                mkdocs_build(_config(job, plugin, str(docs_dir)))
            except Abort:
                pass  # strict mode counted warnings: they are in `collect`
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
        logger.propagate = propagate
    result = plugin.result
    for message in collect.records:
        found = _LINK_PROBLEM.match(message)
        if found:
            result.problems.append((found.group(1), found.group(2), message))
        else:
            result.messages.append(message)
    return result


def build_languages(jobs: list[LanguageJob], workers: int = 1) -> list[LanguageResult]:
    """Every language's build: side by side in spawned processes that die with the build
    when `workers` > 1 (the work is passed explicitly; nothing depends on a forked parent),
    else one after another."""
    with worker_pool(min(workers, len(jobs))) as pool:
        return pool.map(build_language, jobs)


def url_of(src: str) -> str:
    """The URL (relative to the language root) MkDocs gives a page source file."""
    return "" if src == "index.md" else src.removesuffix("index.md")


class BodyLinks:
    """Resolves a body's source-file links as MkDocs writes them, for a page rebuilt alone
    (preview): the same resolution as a full build, against the file list of that build
    (made once: 40,000 files at n=1,000 take 0.3 s)."""

    def __init__(self, urls: dict[str, str]):
        self.files = Files([File(src, src_dir=None, dest_dir="/", use_directory_urls=True)
                            for src in urls])
        self.config = MkDocsConfig()
        self.config.load_dict({"site_name": "x", "use_directory_urls": True})
        self.config.validate()

    def resolve(self, body: str, src: str) -> str:
        resolver = _RelativePathTreeprocessor(self.files.get_file_from_path(src), self.files,
                                              self.config)
        return _A_HREF.sub(lambda m: m.group(1) + html.escape(resolver.path_to_url(
            html.unescape(m.group(2)))) + m.group(3), body)


def inside_root(root: Path, app):
    """A WSGI guard in front of `app`: a request whose path leads outside `root` (through
    `..`, an encoded `%2e%2e`, a NUL byte or a symlink out of the site) gets 404 and never
    reaches the file. MkDocs' server normalises `..` away but follows symlinks."""
    real_root = os.path.realpath(root)

    def guarded(environ, start_response):
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
        rel = posixpath.normpath("/" + path).lstrip("/")
        target = os.path.realpath(os.path.join(real_root, rel)) if "\0" not in rel else ""
        if target != real_root and not target.startswith(real_root + os.sep):
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"404 Not Found"]
        return app(environ, start_response)

    return guarded


def serve_live(root: Path, host: str, port: int, rebuild, watch: list[Path]) -> None:
    """Serve `root` with MkDocs' live-reload server (the one behind `mkdocs serve`), nothing
    outside it: the browser reloads after each `rebuild()`, which runs when a watched path
    changes."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(root))
    server.set_app(inside_root(root, server.serve_request))
    for path in watch:
        server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
