"""PDF export with WeasyPrint: one PDF per page per language and one whole report per
language, in parallel spawned processes, through the verified cache (keyed by the HTML), so
an unchanged page is never exported twice and a corrupt cached PDF never published."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from factsite.core.cache import Cache, digest
from factsite.export.print_html import PrintJob


def _export(job: PrintJob, cache_root: str, out: str) -> bool:
    """Worker: HTML -> PDF at `out/job.target`, through the cache; True if rendered anew."""
    import weasyprint

    cache = Cache(Path(cache_root))
    key = digest(job.html, weasyprint.__version__)
    data = cache.get("pdf", key, ".pdf")
    rendered = data is None or not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]
    if rendered:
        target = Path(out) / job.target
        data = weasyprint.HTML(string=job.html, base_url=str(target.parent)).write_pdf()
        cache.put("pdf", key, data, ".pdf")
    target = Path(out) / job.target
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return rendered


def _export_packed(args: tuple[PrintJob, str, str]) -> bool:
    return _export(*args)


def export_all(jobs: list[PrintJob], out: Path, cache: Cache, workers: int = 1) -> int:
    """Write every PDF under `out`; returns how many were rendered anew (the rest came from
    the cache)."""
    if not jobs:
        return 0
    args = [(job, str(cache.root), str(out)) for job in
            sorted(jobs, key=lambda j: len(j.html), reverse=True)]  # the reports first
    if workers <= 1:
        return sum(_export_packed(a) for a in args)
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=spawn) as pool:
        return sum(pool.map(_export_packed, args, chunksize=1))
