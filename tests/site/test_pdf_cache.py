"""The PDF cache: a build with a warm cache lays nothing out again, and a truncated or
corrupted cached PDF (a killed build, a bad disk) is made again, never published."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from helpers import make_project

pytestmark = pytest.mark.tools  # reads the published PDFs with pypdf, text with poppler


def build(project: Path, cache: Path):
    from factsite.build.pipeline import Project, build_site
    from factsite.core.context import BuildContext

    return build_site(Project.at(project / "content", project / "templates",
                                 project / "site"), BuildContext.create(cache_dir=cache))


def assert_valid(site: Path, lang: str) -> None:
    """Every published PDF opens (strictly) and holds its page's title as text."""
    from pypdf import PdfReader

    pdfs = sorted((site / lang).rglob("*.pdf"))
    assert len(pdfs) == 17  # 16 pages and the report
    for pdf in pdfs:
        reader = PdfReader(pdf, strict=True)
        text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
        web = pdf.parent / "index.html" if pdf.parent != site / lang or "home" in pdf.name \
            else None
        if web is not None:
            title = html.unescape(re.search(r"<title>([^<]*)</title>",
                                            web.read_text(encoding="utf-8")).group(1))
            assert re.sub(r"\s+", "", title.split(" · ")[0]) in text, (pdf, title)
        else:  # the report
            assert len(reader.pages) >= 8 and len(text) > 2000


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The mini edition built once with a cache of its own; tests work on copies."""
    root = tmp_path_factory.mktemp("pdf-cache")
    project, cache = make_project(root), root / "cache"
    first = build(project, cache)
    assert first.pdfs == first.pdfs_rendered == 51  # 16 pages + a report, per language
    return root


def copy_of(built: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the project on the module's cache (the print HTML names the fonts by their
    path in the cache, so a moved cache would miss); each test leaves the cache whole."""
    shutil.copytree(built / "project", tmp_path / "project", symlinks=True)
    return tmp_path / "project", built / "cache"


def test_corrupt_cached_pdfs_are_made_again(built: Path, tmp_path: Path):
    """Every cached PDF of one language cut in half, as a build killed while writing or a bad
    disk leaves it; every other one with its recorded hash forged to match, which the hash
    check alone cannot tell: all are laid out again (one report), none is published."""
    import hashlib

    project, cache = copy_of(built, tmp_path)
    assert build(project, cache).pdfs_rendered == 0  # all from the cache
    entries = sorted(p for p in (cache / "pdf").iterdir() if p.suffix == ".pdf")
    assert len(entries) == 51
    published = {p.read_bytes() for p in (project / "site" / "zh").rglob("*.pdf")}
    corrupt = [e for e in entries if e.read_bytes() in published]
    assert len(corrupt) == 17  # the zh report and its 16 pages
    for i, entry in enumerate(corrupt):
        data = entry.read_bytes()
        entry.write_bytes(data[:len(data) // 2])
        if i % 2:
            check = entry.with_name(entry.name + ".sha256")
            check.write_text(hashlib.sha256(data[:len(data) // 2]).hexdigest() + "\n")
    again = build(project, cache)
    assert again.pdfs_rendered == 17
    for lang in ("zh", "en", "zh-hant"):
        assert_valid(project / "site", lang)
    assert all(len(e.read_bytes()) > 1000 and e.read_bytes().rstrip().endswith(b"%%EOF")
               for e in corrupt)  # and the cache holds whole PDFs again


def test_one_corrupt_cut_is_made_again_alone(built: Path, tmp_path: Path):
    """A single bad cut costs one layout of its report, and only it is written anew, with
    the same bytes as when every page was cut."""
    project, cache = copy_of(built, tmp_path)
    target = project / "site" / "en" / "district" / "east-district" / "east-district-en.pdf"
    good = target.read_bytes()
    entry = next(p for p in (cache / "pdf").iterdir() if p.suffix == ".pdf"
                 and p.read_bytes() == good)
    entry.write_bytes(good[:100])
    again = build(project, cache)
    assert again.pdfs_rendered == 1
    assert target.read_bytes() == good  # the same bytes as the first time
    assert_valid(project / "site", "en")
