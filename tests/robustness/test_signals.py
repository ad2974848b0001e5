"""A build interrupted at any moment: SIGTERM and Ctrl-C end it (workers included) within 2 s
with one line and the shell's status for the signal; SIGKILL ends it at once. Either way
site/ is the previous tree or the complete new one, byte for byte, and no process the build
started is alive 2 s later. The next build removes what a killed one left."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from harness import Build
from helpers import tree_digest

# when to send the signal: after the progress line containing the text (None: as soon as
# the CLI's build path runs; "svg": once the first chart is in the cache), plus seconds.
# The build has a fresh cache, so every chart and PDF is rendered.
MOMENTS = {
    "starting": (None, 0.0),
    # vl-convert renders in the build. Its first call starts its engine, holding the GIL
    # for about 0.6 s (no Python code runs, signal handlers wait): the signal comes after.
    "charts": ("svg", 0.0),
    "mkdocs": ("render the embeds and share cards", 0.3),  # MkDocs workers, then Pagefind
    "pdfs": ("build the pages with MkDocs", 0.5),  # WeasyPrint workers
    "swap": ("export the PDFs", 0.0),  # the PDFs are written: the swap comes next
}
GRACE = 2.0  # seconds within which the build and every process it started have ended


def start(editions, tmp_path: Path, fresh_cache: Path, moment: str) -> tuple[Build, Path]:
    project = editions.project(tmp_path)
    build = Build(project, fresh_cache)
    line, delay = MOMENTS[moment]
    if line is None:
        build.wait_for_handlers()
    elif line == "svg":
        build.wait_for(lambda: any((fresh_cache / "svg").glob("*.svg")), "a chart")
    else:
        build.wait_for_line(line)
    time.sleep(delay)
    return build, project / "site"


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir()
                  if p.name.startswith((f".{site.name}.tmp-", f".{site.name}.old-")))


@pytest.mark.parametrize("signum, moment, group", [
    pytest.param(signal.SIGTERM, "starting", False, id="SIGTERM-starting"),
    pytest.param(signal.SIGINT, "charts", False, id="SIGINT-charts"),
    # Ctrl-C at a terminal: the whole foreground process group gets SIGINT
    pytest.param(signal.SIGINT, "mkdocs", True, id="SIGINT-mkdocs-group"),
    pytest.param(signal.SIGTERM, "pdfs", False, id="SIGTERM-pdfs"),
])
def test_interrupt_stops_the_build_and_keeps_the_site(editions, tmp_path, fresh_cache,
                                                      signum, moment, group):
    build, site = start(editions, tmp_path, fresh_cache, moment)
    if group:
        build.signalled = time.monotonic()
        os.killpg(build.pid, signum)
    else:
        build.send(signum)
    status = build.finish()
    assert status == 128 + signum, build.stderr
    assert build.ended - build.signalled < GRACE, build.ended - build.signalled
    name = signal.Signals(signum).name
    assert build.lines[-1] == f"factsite: build interrupted by {name}; {site} left as it was"
    noise = [line for line in build.lines[:-1] if not line.startswith("factsite: ")]
    assert not noise, build.stderr  # no traceback, no worker's complaint
    assert build.wait_for_no_survivors(GRACE - (build.ended - build.signalled)) == []
    assert tree_digest(site) == editions.previous_digest
    assert leftovers(site) == []  # the build removed its temporary folder itself


@pytest.mark.parametrize("moment", ["charts", "mkdocs", "pdfs", "swap"])
def test_sigkill_leaves_a_whole_site_and_no_process(editions, tmp_path, fresh_cache,
                                                    user_cache, moment):
    # just before the swap, from a warm cache: the build gets there quickly
    build, site = start(editions, tmp_path, user_cache if moment == "swap" else fresh_cache,
                        moment)
    build.send(signal.SIGKILL)
    assert build.finish() == -signal.SIGKILL
    assert build.wait_for_no_survivors(GRACE) == [], "processes outlived the killed build"
    digest = tree_digest(site)
    assert digest in (editions.previous_digest, editions.new_digest)
    if moment != "swap":
        assert digest == editions.previous_digest


def test_next_build_removes_what_a_killed_one_left(editions, tmp_path, fresh_cache):
    """SIGKILL while the site is written: the next build removes the temporary tree and the
    half-written cache entries of the killed one (and leaves a running build's alone)."""
    build, site = start(editions, tmp_path, fresh_cache, "mkdocs")
    build.send(signal.SIGKILL)
    assert build.finish() == -signal.SIGKILL
    assert build.wait_for_no_survivors(GRACE) == [], "processes outlived the killed build"
    left = leftovers(site)
    assert [n for n in left if n.startswith(f".{site.name}.tmp-{build.pid}-")], left
    # a half-written cache entry of the dead build, as a kill in the middle of a write leaves
    half = fresh_cache / "svg" / f"{'0' * 64}.svg.tmp-{build.pid}"
    half.write_bytes(b"<svg")
    # the temporary tree of a build still running (this process) is not touched
    running = site.with_name(f".{site.name}.tmp-{os.getpid()}-running")
    running.mkdir()

    again = Build(site.parent, fresh_cache, "--no-pdf")  # the charts are cached: quick
    assert again.finish() == 0, again.stderr
    got, want = tree_digest(site), editions.new_without_pdfs_digest
    assert got == want, sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
    assert leftovers(site) == [running.name]
    assert not list(fresh_cache.rglob("*.tmp-*"))


def test_sigterm_at_the_swap_says_which_tree_is_there(editions, tmp_path, user_cache):
    """Right at the swap the signal may find the previous tree or the new one in place (or
    the build done): the line says which, and it is whole either way."""
    build, site = start(editions, tmp_path, user_cache, "swap")
    build.send(signal.SIGTERM)
    status = build.finish()
    digest = tree_digest(site)
    assert digest in (editions.previous_digest, editions.new_digest)
    if status == 0:
        assert digest == editions.new_digest
        return
    assert status == 128 + signal.SIGTERM, build.stderr
    state = "left as it was" if digest == editions.previous_digest else "holds the new build"
    assert build.lines[-1] == f"factsite: build interrupted by SIGTERM; {site} {state}"
    assert build.wait_for_no_survivors(GRACE) == []
