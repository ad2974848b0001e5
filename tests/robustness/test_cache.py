"""The cache: a corrupted or truncated entry is detected by its recorded hash and rendered
again, never published; half-written entries of dead writers are removed; the cache is
bounded by `factsite cache prune` (entries unused for N days), `cache clear`, and its size
is shown by `factsite cache` and `factsite stats`."""

from __future__ import annotations

import os
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from harness import Build, cli
from helpers import make_project, tree_digest
from factsite.core.cache import Cache, CacheChanged, Stored

DAY = 86400


def inline_svgs(html: str) -> list[str]:
    """Every outermost <svg>…</svg> of a page (nested ones stay inside their parent)."""
    found, depth, start = [], 0, 0
    for tag in re.finditer(r"<svg\b|</svg>", html):
        if tag.group() == "<svg":
            if depth == 0:
                start = tag.start()
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                found.append(html[start:tag.end()])
    assert depth == 0, "an <svg> is not closed"
    return found


def test_truncated_svgs_and_bundle_are_rendered_again(tmp_path, fresh_cache):
    project = make_project(tmp_path)
    clean = Build(project, fresh_cache, "--no-pdf", out=tmp_path / "clean")
    assert clean.finish() == 0, clean.stderr
    cached = sorted((fresh_cache / "svg").glob("*.svg")) + sorted(
        (fresh_cache / "bundle").glob("*.js"))
    assert len(cached) > 3
    for path in cached:  # a killed writer or a bad disk: the first half survives
        data = path.read_bytes()
        path.write_bytes(data[:len(data) // 2])

    again = Build(project, fresh_cache, "--no-pdf", out=tmp_path / "again")
    assert again.finish() == 0, again.stderr
    n_svgs = len([p for p in cached if p.suffix == ".svg"])
    assert f"({n_svgs} SVGs rendered, the rest cached)" in again.stdout
    assert tree_digest(tmp_path / "again") == tree_digest(tmp_path / "clean")
    pages = sorted((tmp_path / "again").rglob("*.html"))
    charts = 0
    for page in pages:
        for svg in inline_svgs(page.read_text(encoding="utf-8")):
            ET.fromstring(svg)  # well formed
            charts += 1
    assert charts >= n_svgs
    for path in cached:  # and the cache holds whole entries again
        assert Cache(fresh_cache).get(path.parent.name, path.stem, path.suffix) is not None


def test_damaged_pngs_and_share_cards_are_drawn_again(tmp_path, fresh_cache):
    """Chart PNGs and share cards stay in the cache until they are published (references,
    not bytes in memory): a damaged one is still drawn again, never copied into the site."""
    project = make_project(tmp_path)
    clean = Build(project, fresh_cache, "--no-pdf", out=tmp_path / "clean")
    assert clean.finish() == 0, clean.stderr
    cached = sorted((fresh_cache / "png").glob("*.png")) + sorted(
        (fresh_cache / "cards").glob("*.png"))
    assert len(cached) > 3
    for path in cached:
        data = path.read_bytes()
        path.write_bytes(data[:len(data) // 2])
    again = Build(project, fresh_cache, "--no-pdf", out=tmp_path / "again")
    assert again.finish() == 0, again.stderr
    assert tree_digest(tmp_path / "again") == tree_digest(tmp_path / "clean")
    assert not list((tmp_path / "again").rglob(".files-*"))  # the staged downloads moved in


def test_an_entry_kept_by_reference_is_checked_again_when_read(tmp_path):
    cache = Cache(tmp_path)
    cache.put("png", "a", b"\x89PNG first")
    made: list[list[int]] = []

    def make(missing: list[int]) -> list[bytes]:
        made.append(missing)
        return [b"\x89PNG made %d" % i for i in missing]

    found, n = cache.get_many("png", ["a", "b"], "", lambda b: b.startswith(b"\x89PNG"),
                              make, by_reference=True)
    assert n == 1 and made == [[1]]
    assert all(isinstance(entry, Stored) for entry in found)
    assert found[0].read() == b"\x89PNG first" and found[1].read() == b"\x89PNG made 1"
    found[1].path.write_bytes(b"\x89PNG changed behind the build's back")
    with pytest.raises(CacheChanged, match="changed during the build"):
        found[1].read()


def test_entries_kept_by_reference_are_made_in_bounded_batches(tmp_path, monkeypatch):
    monkeypatch.setattr("factsite.core.cache.BATCH", 3)
    batches: list[list[int]] = []

    def make(missing: list[int]) -> list[bytes]:
        batches.append(missing)
        return [b"x%d" % i for i in missing]

    keys = [f"k{i}" for i in range(7)]
    found, n = Cache(tmp_path).get_many("png", keys, "", bool, make, by_reference=True)
    assert n == 7 and batches == [[0, 1, 2], [3, 4, 5], [6]]
    assert [entry.read() for entry in found] == [b"x%d" % i for i in range(7)]
    # held in memory (the default), the entries are made in one batch
    batches.clear()
    Cache(tmp_path / "other").get_many("png", keys, "", bool, make)
    assert batches == [list(range(7))]


@pytest.mark.parametrize("namespace, suffix", [("svg", ".svg"), ("pdf", ".pdf"),
                                               ("fonts/x", ".ttf"), ("bundle", ".js")])
@pytest.mark.parametrize("damage", ["truncated", "flipped", "no hash"])
def test_a_damaged_entry_is_a_miss_and_is_discarded(tmp_path, namespace, suffix, damage):
    cache = Cache(tmp_path)
    path = cache.put(namespace, "k", b"%PDF-1.7 " + bytes(range(256)) * 8, suffix)
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "flipped":
        data = bytearray(path.read_bytes())
        data[500] ^= 1
        path.write_bytes(bytes(data))
    else:
        path.with_name(path.name + ".sha256").unlink()
    assert cache.get(namespace, "k", suffix) is None
    if damage != "no hash":
        assert not path.exists()  # discarded: the caller renders and stores it again


def test_leftovers_of_dead_writers_only_are_removed(tmp_path):
    cache = Cache(tmp_path)
    cache.put("svg", "k", b"<svg/>", ".svg")
    dead = _dead_pid()
    stale = tmp_path / "svg" / f"k2.svg.tmp-{dead}"
    stale.write_bytes(b"<sv")
    live = tmp_path / "svg" / f"k3.svg.tmp-{os.getpid()}"
    live.write_bytes(b"<sv")
    assert cache.remove_leftovers() == 1
    assert not stale.exists() and live.exists()
    assert cache.get("svg", "k", ".svg") == b"<svg/>"


def _dead_pid() -> int:
    import subprocess

    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def _aged_cache(root: Path) -> Cache:
    """Three entries: used 40 days ago, 10 days ago, and now."""
    cache = Cache(root)
    now = time.time()
    for key, age in (("old", 40), ("recent", 10), ("new", 0)):
        path = cache.put("svg", key, key.encode() * 1000, ".svg")
        check = path.with_name(path.name + ".sha256")
        os.utime(check, (now - age * DAY, now - age * DAY))
    return cache


def test_cache_prune_removes_what_no_build_used_for_n_days(tmp_path):
    cache = _aged_cache(tmp_path / "cache")
    done = cli("cache", cache=cache.root)
    assert done.stdout.strip() == f"{cache.root}: 3 entries, 0.0 MB", done.stderr
    done = cli("cache", "prune", "--days", "30", cache=cache.root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "removed 1 entries unused for 30 days (0.0 MB)"
    assert sorted(p.stem for p in (cache.root / "svg").glob("*.svg")) == ["new", "recent"]
    # a build reading an entry counts as a use: it is kept
    os.utime(cache.path("svg", "recent", ".svg.sha256"), (0, time.time() - 20 * DAY))
    assert cache.get("svg", "recent", ".svg") is not None
    done = cli("cache", "prune", "--days", "5", cache=cache.root)
    assert done.stdout.strip() == "removed 0 entries unused for 5 days (0.0 MB)"


def test_cache_clear_and_stats_show_the_size(tmp_path):
    cache = _aged_cache(tmp_path / "cache")
    project = make_project(tmp_path)
    done = cli("--project", str(project), "stats", cache=cache.root)
    assert done.returncode == 0, done.stderr
    assert f"Cache: 3 entries, 0.0 MB in {cache.root}" in done.stdout
    done = cli("cache", "clear", cache=cache.root)
    assert done.stdout.strip() == f"removed 3 entries (0.0 MB) from {cache.root}"
    assert not cache.root.exists()
    assert cli("cache", cache=cache.root).stdout.strip() == f"{cache.root}: 0 entries, 0.0 MB"
