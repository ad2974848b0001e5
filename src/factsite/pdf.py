"""PDF export with WeasyPrint: one PDF per page per language and one whole report per
language, in parallel on all cores, cached by a hash of the HTML so an unchanged page is never
exported twice."""

from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from factsite.fonts import cache_root, static_fonts


def _export(job: tuple[str, str]) -> str:
    """Worker: HTML -> PDF at a path, through the cache."""
    html, target = job
    import weasyprint

    key = hashlib.sha256((html + weasyprint.__version__).encode()).hexdigest()
    cached = cache_root() / "pdf" / f"{key}.pdf"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        weasyprint.HTML(string=html, base_url=str(Path(target).parent)).write_pdf(tmp)
        os.replace(tmp, cached)
        rendered = "rendered"
    else:
        rendered = "cached"
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)
    return rendered


def export_all(jobs: list[tuple[str, str]], workers: int | None = None) -> int:
    """Run every (html, target) export, in parallel; returns how many were rendered anew."""
    if not jobs:
        return 0
    static_fonts()  # derive the fonts once, before the workers start
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    if workers == 1:
        return sum(_export(job) == "rendered" for job in jobs)
    # big jobs first, so the report does not start last
    ordered = sorted(jobs, key=lambda j: len(j[0]), reverse=True)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return sum(r == "rendered" for r in pool.map(_export, ordered, chunksize=1))
