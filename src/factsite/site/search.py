"""Search: one Pagefind index per language (the extended build segments Chinese), built over
the main content only (`data-pagefind-body`), written into `<lang>/pagefind/`. Indexing runs
as a separate process, so it overlaps with the rest of the build."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

from factsite.core.workers import dying_with_parent


FULL = 1 << 20  # bytes free below which a disk counts as full


class SearchIndexError(RuntimeError):
    """Pagefind failed; the build stops and site/ is left as it was."""


# left out of the index, without an attribute on each of the many elements of a page
EXCLUDED = (".fs-cite-fig",  # the ready citation beside every figure
            ".fs-cite")  # the [n] markers, which would litter every result's excerpt
# Pagefind's own user interfaces, which the theme's search page does not use (it calls
# pagefind.js, the search API, and draws the results itself): not published
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")


def start_index(lang_dir: Path) -> subprocess.Popen:
    """Start indexing one language folder with the Pagefind binary from its PyPI wheel; the
    process dies with the build, even a SIGKILLed one."""
    return subprocess.Popen(dying_with_parent(
        [sys.executable, "-m", "pagefind", "--site", str(lang_dir), "--output-subdir",
         "pagefind", *(arg for s in EXCLUDED for arg in ("--exclude-selectors", s)),
         "--silent"]),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_index(proc: subprocess.Popen, lang_dir: Path) -> None:
    """Wait for an indexing process; raise SearchIndexError if it failed. Pagefind reports
    success on a full disk, having written empty files: an index with an empty file is a
    failure (a full disk when the disk is full, as it then usually is)."""
    _, err = proc.communicate()
    index = lang_dir / "pagefind"
    if proc.returncode != 0 or not (index / "pagefind.js").exists():
        raise SearchIndexError(f"pagefind failed on {lang_dir}: {err.strip()}")
    empty = next((p for p in sorted(index.rglob("*")) if p.is_file() and
                  p.stat().st_size == 0), None)
    if empty is not None:
        if shutil.disk_usage(index).free < FULL:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(empty))
        raise SearchIndexError(f"pagefind wrote an empty {empty.relative_to(lang_dir)} "
                               f"into {lang_dir}")
    for name in UNUSED:
        (index / name).unlink(missing_ok=True)
