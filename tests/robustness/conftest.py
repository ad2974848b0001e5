"""Robustness tests drive real builds: `factsite` runs in a subprocess of its own session (as a
shell runs a job), gets real signals, writes real (sometimes full) disks (harness.py). Here:
fresh caches, and the reference trees of the mini edition to compare an output folder with,
byte for byte."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness import cli
from helpers import MINI, edition_fonts, make_project, tree_digest

EDIT = ("East District is known for its SRDI firms.",
        "East District is known for its many SRDI firms.")


# -- trees and caches ----------------------------------------------------------------------
@pytest.fixture(scope="session")
def font_folder() -> Path:
    """The mini edition's font subset in the user's cache (derived once per machine)."""
    return edition_fonts(MINI / "content").folder


@pytest.fixture(scope="session")
def user_cache(font_folder) -> Path:
    """The user's cache, which the other tests warm too: for builds that should be quick."""
    from factsite.core.context import default_cache_dir

    return default_cache_dir()


@pytest.fixture
def fresh_cache(tmp_path: Path, font_folder: Path) -> Path:
    """An empty cache but for the fonts (linked): every chart and PDF is rendered anew, so
    a build takes long enough to be interrupted in each of its steps."""
    cache = tmp_path / "cache"
    (cache / "fonts").mkdir(parents=True)
    (cache / "fonts" / font_folder.name).symlink_to(font_folder)
    return cache


@dataclass(frozen=True)
class Editions:
    """The mini edition as a project, and trees of its output: `previous` (built from an
    earlier version of one sheet, without PDFs) and `new` (the current content; its digest
    also without PDFs)."""

    content: Path
    previous: Path
    new: Path
    previous_digest: dict
    new_digest: dict
    new_without_pdfs_digest: dict

    def project(self, tmp_path: Path) -> Path:
        """A project of the current content whose site/ is the previous tree."""
        project = make_project(tmp_path, self.content)
        shutil.copytree(self.previous, project / "site", symlinks=True)
        return project


@pytest.fixture(scope="session")
def editions(tmp_path_factory, user_cache) -> Editions:
    root = tmp_path_factory.mktemp("editions")
    old = make_project(root / "old")
    sheet = old / "content" / "districts" / "east-district.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
    done = cli("--project", str(old), "--quiet", "--no-pdf", "build", cache=user_cache)
    assert done.returncode == 0, done.stderr
    new = make_project(root / "new")
    done = cli("--project", str(new), "--quiet", "--no-pdf", "--out", str(root / "nopdf"),
               "build", cache=user_cache)
    assert done.returncode == 0, done.stderr
    done = cli("--project", str(new), "--quiet", "build", cache=user_cache)
    assert done.returncode == 0, done.stderr
    editions = Editions(new / "content", old / "site", new / "site",
                        tree_digest(old / "site"), tree_digest(new / "site"),
                        tree_digest(root / "nopdf"))
    assert editions.previous_digest != editions.new_digest
    return editions
