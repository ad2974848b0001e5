"""Search: one Pagefind index per language (the extended build segments Chinese), built over
the main content only (`data-pagefind-body`), written into `<lang>/pagefind/`. Indexing runs
as a separate process, so it overlaps with the rest of the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind failed; the build stops and site/ is left as it was."""


# left out of the index, without an attribute on each of the many elements of a page
EXCLUDED = ".fs-cite-fig"  # the ready citation beside every figure


def start_index(lang_dir: Path) -> subprocess.Popen:
    """Start indexing one language folder with the Pagefind binary from its PyPI wheel."""
    return subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(lang_dir), "--output-subdir",
         "pagefind", "--exclude-selectors", EXCLUDED, "--silent"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_index(proc: subprocess.Popen, lang_dir: Path) -> None:
    """Wait for an indexing process; raise SearchIndexError if it failed."""
    _, err = proc.communicate()
    if proc.returncode != 0 or not (lang_dir / "pagefind" / "pagefind.js").exists():
        raise SearchIndexError(f"pagefind failed on {lang_dir}: {err.strip()}")
