"""Shared test helpers: the repository, the mini fixture edition, a CLI runner, screenshots."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
sys.path.insert(0, str(REPO / "src"))

from factsite.cli import main  # noqa: E402
from factsite.core.cache import Cache  # noqa: E402
from factsite.core.context import default_cache_dir  # noqa: E402
from factsite.render.locale import load_locales  # noqa: E402
from factsite.render.templates import TemplateDirs  # noqa: E402

LOCALES = load_locales(TemplateDirs.for_project(None), ("zh", "en"))


def edition_fonts(content: Path = REPO / "content"):
    """The fonts subset to an edition's characters, on the user's cache (derived once per
    machine and edition)."""
    from factsite.content.loader import Loader
    from factsite.core.fonts import static_fonts
    from factsite.render.charset import edition_chars
    from factsite.render.locale import edition_locales

    edition, templates = Loader(content).load(), TemplateDirs.for_project(None)
    chars = edition_chars(edition, edition_locales(templates, edition), templates)
    return static_fonts(Cache(default_cache_dir()), chars)


def svg_renderer():
    """A chart renderer on the user's cache, with the real edition's font subset."""
    from factsite.render.charts.svg import SvgRenderer

    return SvgRenderer(Cache(default_cache_dir()), edition_fonts())


def tree_digest(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under root (for byte-identity checks)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def make_project(tmp: Path, content: Path = MINI / "content") -> Path:
    """A project folder with `content` copied in and the repository's templates linked."""
    project = tmp / "project"
    shutil.copytree(content, project / "content")
    (project / "templates").symlink_to(REPO / "templates")
    return project


def run_cli(project: Path, *args: str, capsys=None) -> tuple[int, str, str]:
    """Run the CLI in-process from inside `project`; returns (status, stdout, stderr)."""
    old = Path.cwd()
    os.chdir(project)
    try:
        status = main(["--project", str(project), *args])
    finally:
        os.chdir(old)
    out, err = capsys.readouterr() if capsys else ("", "")
    return status, out, err




def screenshot(page, name: str) -> Path:
    """Save a screenshot under artifacts/screenshots/ (kept by CI as an artifact)."""
    folder = REPO / "artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


class QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    """A static file handler that keeps test output readable."""

    def log_message(self, *args):
        pass
