"""Search: one Pagefind index per language (the extended build segments Chinese), built over
the main content only (`data-pagefind-body`), written into `<lang>/pagefind/`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind failed; the build stops and site/ is left as it was."""


def index_search(lang_dir: Path) -> None:
    """Index one language folder with the Pagefind binary shipped in its PyPI wheel."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(lang_dir), "--output-subdir",
         "pagefind", "--silent"], capture_output=True, text=True)
    if result.returncode != 0 or not (lang_dir / "pagefind" / "pagefind.js").exists():
        raise SearchIndexError(f"pagefind failed on {lang_dir}: {result.stderr.strip()}")
