"""PDF export with WeasyPrint, each page laid out once.

A language's report is laid out once and written; each of its chapters is then cut from that
layout (`Document.copy` of the chapter's pages, drawn again without a new layout) as its
page's own PDF. A cut keeps the report's page numbers in its running footer, so its
/PageLabels say the same (a viewer shows "12" where the footer says "Report page 12"); its
links to the rest of the report lead to the pages on the web when the site URL is known and
are dropped (text kept) otherwise, as a page's own PDF always did. The pages the report
leaves out (home, kind indexes, search) are laid out on their own.

Languages run in parallel in spawned processes, and everything goes through the verified
cache, keyed by the HTML, the cut plan and the WeasyPrint version: an unchanged PDF is never
laid out twice, a truncated or corrupt cached one is made again and never published.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from factsite.core.cache import Cache, digest
from factsite.core.workers import worker_pool
from factsite.export.print_html import Cut, LanguagePrint, PrintJob

NAMESPACE = "pdf"


def valid_pdf(data: bytes | None) -> bool:
    """A whole PDF file: its header, and the end-of-file mark near its end."""
    return data is not None and data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


def _cached(cache: Cache, key: str) -> bytes | None:
    data = cache.get(NAMESPACE, key, ".pdf")
    return data if valid_pdf(data) else None


def _write(out: Path, target: str, data: bytes) -> None:
    path = out / target
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def report_key(plan: LanguagePrint, version: str) -> str:
    """What the report and its cuts depend on: its HTML, the cuts, the link targets."""
    cuts = json.dumps([(c.anchor, c.target, c.title) for c in plan.cuts], ensure_ascii=False)
    return digest(plan.report.html, cuts, json.dumps(plan.urls, sort_keys=True), version)


def chapter_ranges(pages: list, anchors: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Page range [first, end) of each chapter: it starts on the page holding its anchor
    (chapters start on a new page) and runs to the next chapter or the end."""
    wanted, starts = set(anchors), {}
    for i, page in enumerate(pages):
        for name in page.anchors:
            if name in wanted:
                starts.setdefault(name, i)
    missing = wanted - set(starts)
    if missing:
        raise RuntimeError(f"chapters not found in the laid-out report: {sorted(missing)}")
    order = sorted(starts.items(), key=lambda item: item[1])
    ends = [start for _, start in order[1:]] + [len(pages)]
    return {name: (start, end) for (name, start), end in zip(order, ends)}


def page_labels(first: int) -> Callable:
    """A `write_pdf` finisher: the cut's pages are labeled as the report numbers them."""
    import pydyf

    def finish(document, pdf) -> None:
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(
            [0, pydyf.Dictionary({"S": "/D", "St": first + 1})])})
    return finish


def _retargeted(pages: list, urls: dict[str, str]) -> list:
    """Copies of `pages` whose links to anchors outside them lead to the web page (when
    known) or are dropped; the report's own pages are left as they are."""
    inside = {name for page in pages for name in page.anchors}
    out = []
    for page in pages:
        links = []
        for kind, target, rect, box in page.links:
            if kind == "internal" and target not in inside:
                base, _, fragment = target.partition("--")
                if base not in urls:
                    continue  # as a page's own PDF without a site URL: text kept, no link
                kind, target = "external", urls[base] + (f"#{fragment}" if fragment else "")
            links.append((kind, target, rect, box))
        page = copy.copy(page)
        page.links = links
        out.append(page)
    return out


def cut_pdf(document, first: int, end: int, title: str, urls: dict[str, str]) -> bytes:
    """Pages [first, end) of a laid-out document as a PDF of their own."""
    part = document.copy(_retargeted(document.pages[first:end], urls))
    part.metadata = copy.copy(document.metadata)
    part.metadata.title = title
    return part.write_pdf(finisher=page_labels(first))


def _export_report(plan: LanguagePrint, cache: Cache, out: Path) -> int:
    """The report and its cuts, from the cache or laid out once; how many were made anew."""
    import weasyprint

    key = report_key(plan, weasyprint.__version__)
    keys = {"report": digest(key, "report")} | {c.anchor: digest(key, c.anchor)
                                                for c in plan.cuts}
    found = {name: _cached(cache, k) for name, k in keys.items()}
    todo: list[Cut] = [c for c in plan.cuts if found[c.anchor] is None]
    made = len(todo) + (found["report"] is None)
    if made:
        document = weasyprint.HTML(string=plan.report.html, base_url=str(out / plan.lang)
                                   ).render()
        if found["report"] is None:
            found["report"] = document.write_pdf()
            cache.put(NAMESPACE, keys["report"], found["report"], ".pdf")
        ranges = chapter_ranges(document.pages, [c.anchor for c in plan.cuts])
        for c in todo:
            found[c.anchor] = cut_pdf(document, *ranges[c.anchor], c.title, plan.urls)
            cache.put(NAMESPACE, keys[c.anchor], found[c.anchor], ".pdf")
    _write(out, plan.report.target, found["report"])
    for c in plan.cuts:
        _write(out, c.target, found[c.anchor])
    return made


def _export_alone(job: PrintJob, cache: Cache, out: Path) -> bool:
    """A page laid out on its own, through the cache; True if laid out anew."""
    import weasyprint

    key = digest(job.html, weasyprint.__version__)
    data = _cached(cache, key)
    made = data is None
    if made:
        data = weasyprint.HTML(string=job.html, base_url=str((out / job.target).parent)
                               ).write_pdf()
        cache.put(NAMESPACE, key, data, ".pdf")
    _write(out, job.target, data)
    return made


def export_language(plan: LanguagePrint, cache_root: str, out: str) -> int:
    """Worker: every PDF of one language under `out`; returns how many were made anew."""
    cache, root = Cache(Path(cache_root)), Path(out)
    return _export_report(plan, cache, root) + sum(_export_alone(job, cache, root)
                                                   for job in plan.alone)


def _export_one(args: tuple[LanguagePrint, str, str]) -> int:
    return export_language(*args)


def export_all(plans: list[LanguagePrint], out: Path, cache: Cache,
               workers: int = 1) -> tuple[int, int]:
    """Write every PDF under `out`: (PDFs written, PDFs made anew; the rest came from the
    cache). One language a process, the biggest report first."""
    ordered = sorted(plans, key=lambda p: len(p.report.html), reverse=True)
    # spawned workers that die with the build (WeasyPrint hangs after a fork), handed one
    # language at a time in this order, so the biggest report starts first
    with worker_pool(min(workers, len(ordered))) as pool:
        made = pool.map(_export_one, [(p, str(cache.root), str(out)) for p in ordered])
    return sum(p.n_pdfs for p in plans), sum(made)
