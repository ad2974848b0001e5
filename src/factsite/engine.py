"""The site engine seam: every MkDocs-specific call lives here, so a successor engine can
replace this one module. One MkDocs build per language (its own theme language, nav and
search), each into `<out>/<lang>/`."""

from __future__ import annotations

import html
import io
import json
import logging
import os
import re
from pathlib import Path

import yaml

from factsite.pages import Page

log = logging.getLogger("factsite")


def _front_matter(meta: dict) -> str:
    """YAML front matter; JSON-quoted values are valid YAML and never need escaping."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


# Page bodies are HTML already; MkDocs gets only their headings as Markdown (for its table of
# contents) and the hook in mkdocs_hooks.py puts the body back: Markdown never re-parses it.
BODIES: dict[tuple[str, str], str] = {}
BODY_START, BODY_END = "<!-- fs:body -->", "<!-- /fs:body -->"
_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


def toc_markdown(body: str) -> str:
    """The page's h2 headings as Markdown headings with the same ids."""
    lines = []
    for anchor, inner in _H2.findall(body):
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
        escaped = _MD_SPECIAL.sub(r"\\\1", text)
        lines.append(f"## {escaped} {{#{anchor}}}\n")
    return "\n".join(lines)


def page_body(docs_dir: str, src_uri: str) -> str | None:
    return BODIES.get((str(Path(docs_dir)), src_uri))


def write_plain_docs(docs_dir: Path, pages: list[tuple[Page, dict, str]]) -> None:
    """The same pages as plain Markdown files with their whole bodies, for a bare MkDocs
    project (the benchmark's baseline)."""
    for page, meta, body in pages:
        target = docs_dir / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_front_matter(meta) + body, encoding="utf-8")


def write_docs(docs_dir: Path, pages: list[tuple[Page, dict, str]],
               files: dict[str, bytes] | None = None) -> None:
    """Write each page as a Markdown source file (front matter and headings), keep its HTML
    body for the hook, and write the static files beside the pages (MkDocs copies every
    non-Markdown file of docs_dir into the site as it is)."""
    for page, meta, body in pages:
        target = docs_dir / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_front_matter(meta) + toc_markdown(body), encoding="utf-8")
        BODIES[(str(docs_dir), page.src)] = body
    for rel, data in (files or {}).items():
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def mkdocs_config(lang: str, docs_dir: Path, site_dir: Path, templates: Path, strings: dict,
                  site_name: str, site_url: str, nav: list, extra_css: list[str],
                  footer: dict) -> dict:
    """The MkDocs configuration of one language's build."""
    return {
        "site_name": html.escape(site_name),  # themes print it unescaped
        "site_url": f"{site_url.rstrip('/')}/{lang}/" if site_url else None,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "strict": True,
        "theme": {
            "name": "material",
            "custom_dir": str(templates / "overrides"),
            "language": lang,
            "font": False,
            "favicon": "assets/favicon.svg",
            "logo": "assets/favicon.svg",
            "features": ["navigation.top", "toc.follow"],
            "palette": [
                {"media": "(prefers-color-scheme: light)", "scheme": "default",
                 "primary": "custom", "accent": "custom",
                 "toggle": {"icon": "material/weather-night", "name": strings["dark_mode"]}},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                 "primary": "custom", "accent": "custom",
                 "toggle": {"icon": "material/weather-sunny", "name": strings["light_mode"]}},
            ],
        },
        "plugins": [],
        "hooks": [str(Path(__file__).with_name("mkdocs_hooks.py"))],
        "markdown_extensions": ["attr_list", "md_in_html", {"toc": {"permalink": False}}],
        "extra_css": extra_css,
        "copyright": strings["copyright"],
        "extra": {
            "generator": False,
            "fs_footer": footer,
            "fs_404": {"title": strings["not_found_title"], "text": strings["not_found_text"],
                       "home": f"{site_url.rstrip('/')}/{lang}/" if site_url else f"/{lang}/",
                       "home_label": strings["back_home"]},
        },
        "nav": nav,
        "not_in_nav": "/**\n",
        "validation": {"nav": {"omitted_files": "ignore"},
                       "links": {"not_found": "warn", "anchors": "warn"}},
    }


_ALTERNATE_PROBE = re.compile(
    r'function (\w+)\(\{document\$:\w+\}\)\{let \w+=new Map;\w+\.pipe\(\w+\(\(\)=>'
    r'\w+\("link\[rel=alternate\]"\)\)')


def patch_material_bundle(site_dir: Path) -> bool:
    """Stop Material's script from fetching `sitemap.xml` beside every hreflang alternate.

    Material preloads the sitemap of each `<link rel=alternate>` target for instant language
    switching (which factsite does not use); with per-page alternates that request fails on
    every page and logs a console error. Returns whether the call was found and removed.
    """
    changed = False
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.min.js"):
        text = bundle.read_text(encoding="utf-8")
        found = _ALTERNATE_PROBE.search(text)
        if found:
            call = f"{found.group(1)}({{document$:"
            start = text.find(call, found.end())
            end = text.find("});", start)
            if start > 0 and end > 0:
                bundle.write_text(text[:start] + text[end + 3:], encoding="utf-8")
                changed = True
    return changed


class MkDocsBuildError(RuntimeError):
    """A language's MkDocs build failed (its own messages were printed above)."""


def run_mkdocs_async(config: dict):
    """Start one language's MkDocs build in a forked process (it inherits the page bodies);
    on a system without fork, build right away."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        run_mkdocs(config)
        return None
    proc = multiprocessing.get_context("fork").Process(target=run_mkdocs, args=(config,))
    proc.start()
    return proc


def wait_mkdocs(proc) -> None:
    if proc is None:
        return
    proc.join()
    if proc.exitcode != 0:
        raise MkDocsBuildError(f"MkDocs failed (exit status {proc.exitcode})")


def run_mkdocs(config: dict) -> None:
    """Build one language with MkDocs; any MkDocs warning aborts (strict mode)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    text = yaml.safe_dump({k: v for k, v in config.items() if v is not None},
                          allow_unicode=True, sort_keys=False)
    cfg = load_config(io.BytesIO(text.encode("utf-8")),
                      config_file_path=str(Path(config["docs_dir"]).parent / "mkdocs.yml"))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        build(cfg)
    finally:
        for key in [k for k in BODIES if k[0] == str(Path(config["docs_dir"]))]:
            del BODIES[key]
    for name in ("sitemap.xml", "sitemap.xml.gz"):  # one sitemap for both languages: furniture
        (Path(config["site_dir"]) / name).unlink(missing_ok=True)
    if not patch_material_bundle(Path(config["site_dir"])):
        log.warning("Material's alternate-sitemap probe not found; language links may log 404s")
