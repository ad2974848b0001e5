"""The site engine seam: every MkDocs-specific call lives here, so a successor engine can
replace this one module. One MkDocs build per language (its own theme language, nav and
search), each into `<out>/<lang>/`."""

from __future__ import annotations

import io
import json
import logging
import os
from pathlib import Path

import yaml

from factsite.pages import Page

log = logging.getLogger("factsite")


def _front_matter(meta: dict) -> str:
    """YAML front matter; JSON-quoted values are valid YAML and never need escaping."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def write_docs(docs_dir: Path, pages: list[tuple[Page, dict, str]]) -> None:
    """Write each page body as a Markdown source file for MkDocs."""
    for page, meta, body in pages:
        target = docs_dir / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_front_matter(meta) + body, encoding="utf-8")


def mkdocs_config(lang: str, docs_dir: Path, site_dir: Path, templates: Path, strings: dict,
                  site_name: str, site_url: str, nav: list, extra_css: list[str]) -> dict:
    """The MkDocs configuration of one language's build."""
    return {
        "site_name": site_name,
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
        "markdown_extensions": ["attr_list", "md_in_html", {"toc": {"permalink": False}}],
        "extra_css": extra_css,
        "extra": {
            # a non-empty list makes Material show its language button; the links themselves
            # come from each page's own metadata (templates/overrides/partials/alternate.html)
            "alternate": [{"name": strings["lang_name"], "lang": lang, "link": "./"}],
            "generator": False,
        },
        "nav": nav,
        "not_in_nav": "/**\n",
        "validation": {"nav": {"omitted_files": "ignore"},
                       "links": {"not_found": "warn", "anchors": "warn"}},
    }


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
    build(cfg)
