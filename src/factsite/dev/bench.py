"""The benchmark (`python build.py bench`): factsite against a bare MkDocs + Material build of
the same pages, on this machine, in one run. Prints a table and, as its last line, one JSON
object. Not a test: it measures and reports, it never fails on a slow machine."""

from __future__ import annotations

import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

BUILD = [sys.executable, "-m", "factsite.cli"]  # the installed package, as `factsite` runs


def _run(args: list[str], env: dict | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, env={**os.environ, **(env or {})},
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode:  # say why, or a failed build of an hour leaves nothing to read
        sys.stderr.write(done.stderr.decode("utf-8", "replace")[-4000:])
        raise subprocess.CalledProcessError(done.returncode, args, stderr=done.stderr)
    return time.perf_counter() - started


def _peak_rss_mb() -> float:
    """The largest resident set of any build process waited for so far (Linux: KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _build(content: Path, templates: Path, out: Path, cache: Path, *extra: str) -> float:
    return _run([*BUILD, "--content", str(content), "--templates", str(templates), "--out",
                 str(out), "--quiet", "--no-pdf", *extra, "build"],
                {"FACTSITE_CACHE": str(cache)})


def _bare_material(content: Path, templates: Path, work: Path) -> float:
    """The same page bodies, built by a bare MkDocs + Material project (no factsite code in
    the build): one build per language, as factsite does, with the same section nav."""
    from factsite.build.pipeline import Project, render_project
    from factsite.core.context import BuildContext
    from factsite.site.publish import nav

    ctx = BuildContext.create(cache_dir=work / "bare-cache")
    rs = render_project(Project.at(content, templates, work / "unused"), ctx, pdf=False)
    configs = []
    for lang, loc in rs.locales.items():
        docs = work / f"bare-docs-{lang}"
        for rendered in rs.pages[lang]:
            target = docs / rendered.page.src
            target.parent.mkdir(parents=True, exist_ok=True)
            front = yaml.safe_dump({"title": rendered.meta.title}, allow_unicode=True)
            target.write_text(f"---\n{front}---\n\n{rendered.body}", encoding="utf-8")
        cfg = {"site_name": rs.edition.site.title[lang], "docs_dir": str(docs),
               "site_dir": str(work / "bare-site" / lang), "theme": {
                   "name": "material", "language": loc.babel.language, "font": False},
               "markdown_extensions": ["attr_list", "md_in_html", {"toc": {}}],
               "nav": nav(rs, loc), "not_in_nav": "/**\n", "plugins": []}
        path = work / f"mkdocs-{lang}.yml"
        path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
        configs.append(path)
    started = time.perf_counter()
    for path in configs:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(path)],
                       check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - started


def _incremental(content: Path, templates: Path, out: Path, cache: Path) -> tuple[float, str]:
    """Preview mode: time from saving one edited fact sheet to its page being written."""
    from factsite.build.pipeline import Project
    from factsite.build.preview import Preview
    from factsite.core.context import BuildContext

    preview = Preview(Project.at(content, templates, out), BuildContext.create(cache_dir=cache))
    preview.full()
    sheets = sorted((content / "districts").glob("*.yaml"))
    sheet = sheets[len(sheets) // 2]
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("summary:\n  zh: ", "summary:\n  zh: 【已编辑】", 1),
                     encoding="utf-8")
    started = time.perf_counter()
    what = preview.update()
    took = time.perf_counter() - started
    preview.close()
    return took, what


def _pdf_all(content: Path, templates: Path, work: Path) -> tuple[float, float, float]:
    """Every PDF of an edition (each report laid out once, its pages cut from it, the other
    pages alone), with a cold PDF cache and the fonts already derived: (seconds, MB of the
    English report, MB of every PDF)."""
    from factsite.build.pipeline import Project, render_project
    from factsite.core.cache import Cache
    from factsite.core.context import BuildContext
    from factsite.export.pdf import export_all
    from factsite.export.print_html import print_plan

    ctx = BuildContext.create(cache_dir=work / "pdf-fonts")
    rs = render_project(Project.at(content, templates, work / "pdf-site"), ctx)
    plans, out = print_plan(rs, rs.fonts), work / "pdf-out"
    started = time.perf_counter()
    export_all(plans, out, Cache(work / "pdf-cache"), ctx.workers)
    took = time.perf_counter() - started
    report = out / "en" / "report-en.pdf"
    return took, report.stat().st_size / 1e6, sum(p.stat().st_size for p in
                                                    out.rglob("*.pdf")) / 1e6


def _fresh_build(content: Path, templates: Path, work: Path) -> float:
    """`python build.py` with PDFs as a newcomer runs it: an empty cache, no derived fonts."""
    return _run([*BUILD, "--content", str(content), "--templates", str(templates), "--out",
                 str(work / "fresh-site"), "--quiet", "build"],
                {"FACTSITE_CACHE": str(work / "fresh-cache")})


def _two_languages(content: Path, work: Path) -> Path:
    """A copy of an edition's content without its derived languages (zh-hant): the same
    edition in its authored languages only."""
    copy = work / "content-two-languages"
    shutil.copytree(content, copy)
    site = copy / "site.yaml"
    data = yaml.safe_load(site.read_text(encoding="utf-8"))
    data.pop("derived_languages", None)
    site.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copy


def _budgets(site: Path) -> dict:
    """The page budgets of the theme: what a first visit to a page without charts loads
    (HTML, CSS and JS, gzip; the largest such page of the edition), and the Xiaoshan page's
    HTML (the largest language)."""
    worst, worst_page = 0, ""
    for page in site.glob("*/**/index.html"):
        if page.relative_to(site).parts[1:2] == ("embed",):
            continue
        html = page.read_text(encoding="utf-8")
        if 'class="fs-chart' in html:
            continue
        assets = [page] + [(page.parent / ref.split("?")[0]).resolve() for ref in
                           re.findall(r'(?:href|src)="([^"#]+\.(?:css|js))"', html)]
        gz = sum(len(gzip.compress(p.read_bytes())) for p in assets if p.exists())
        if gz > worst:
            worst, worst_page = gz, str(page.relative_to(site))
    xiaoshan = [p.stat().st_size for p in site.glob("*/district/xiaoshan/index.html")]
    return {"chartless_first_visit_kb": worst / 1024, "chartless_heaviest": worst_page,
            "xiaoshan_html_kb": max(xiaoshan) / 1024 if xiaoshan else 0.0}


def _weights(site: Path) -> dict:
    """Bytes of a typical district page and of what a first visit to it loads (gzip)."""
    pages = sorted(site.glob("en/district/*/index.html"))
    sizes = sorted(p.stat().st_size for p in pages)
    typical = pages[[p.stat().st_size for p in pages].index(sizes[len(sizes) // 2])]
    html = typical.read_text(encoding="utf-8")
    import re

    assets = [typical] + [
        (typical.parent / ref.split("?")[0]).resolve() for ref in
        re.findall(r'(?:href|src)="([^"#]+\.(?:css|js))"', html)]
    gz = sum(len(gzip.compress(p.read_bytes())) for p in assets if p.exists())
    without = [p for p in site.rglob("*.html") if 'class="fs-chart ' not in
               p.read_text(encoding="utf-8")]
    vega_elsewhere = sum("factsite-charts.js" in p.read_text(encoding="utf-8") for p in without)
    return {"page_kb": typical.stat().st_size / 1024, "first_visit_kb": gz / 1024,
            "typical_page": str(typical.relative_to(site)),
            "vega_only_where_needed": vega_elsewhere == 0,
            "median_district_html_kb": statistics.median(sizes) / 1024}


def run_scale(project: Path, n: int = 10_000) -> dict:
    """`bench --scale`: a synthetic edition of `n` entities, cold and warm, with the peak
    memory of the build and the time per page against n=1,000."""
    from factsite.dev.synth import generate_edition

    templates = project / "templates"
    work = Path(tempfile.mkdtemp(prefix="factsite-scale-"))
    results: dict = {}
    try:
        for size in (1000, n):
            synth = work / f"synth-{size}"
            generate_edition(synth, size)
            cache = work / f"cache-{size}"
            results[f"n{size}_cold_s"] = _build(synth, templates, work / f"s{size}", cache)
            results[f"n{size}_warm_s"] = _build(synth, templates, work / f"s{size}", cache)
            pages = sum(1 for _ in (work / f"s{size}").rglob("index.html"))
            results[f"n{size}_pages"] = pages
            results[f"per_page_ms_n{size}"] = 1000 * results[f"n{size}_cold_s"] / pages
            results[f"peak_rss_mb_n{size}"] = _peak_rss_mb()
        results["peak_rss_mb"] = results[f"peak_rss_mb_n{n}"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for key, value in results.items():
        print(f"{key:<24} {value:>12.1f}" if isinstance(value, float) else
              f"{key:<24} {value:>12}")
    print(json.dumps({k: (round(v, 3) if isinstance(v, float) else v)
                      for k, v in results.items()}, sort_keys=True))
    return results


def run_benchmark(project: Path, n: int = 1000, quick: bool = False) -> dict:
    """Run every measurement; print the table and the JSON line; return the figures."""
    from factsite.dev.synth import generate_edition

    content, templates = project / "content", project / "templates"
    work = Path(tempfile.mkdtemp(prefix="factsite-bench-"))
    results: dict = {}
    try:
        cache = work / "cache-edition"
        results["edition_cold_s"] = _build(content, templates, work / "ed", cache)
        results["edition_warm_s"] = _build(content, templates, work / "ed", cache)
        weights = {**_weights(work / "ed"), **_budgets(work / "ed")}
        two = _two_languages(content, work)
        results["three_languages_s"] = results["edition_cold_s"]
        results["two_languages_s"] = _build(two, templates, work / "ed2", work / "cache-ed2")
        results["ratio_languages"] = results["three_languages_s"] / results["two_languages_s"]
        sizes = [100, n] if not quick else [min(n, 100)]
        for size in sizes:
            synth = work / f"synth-{size}"
            generate_edition(synth, size)
            c = work / f"cache-{size}"
            results[f"n{size}_cold_s"] = _build(synth, templates, work / f"s{size}", c)
            results[f"n{size}_warm_s"] = _build(synth, templates, work / f"s{size}", c)
            results[f"n{size}_pages"] = sum(1 for _ in (work / f"s{size}").rglob("index.html"))
        big = sizes[-1]
        results[f"bare_material_n{big}_s"] = _bare_material(work / f"synth-{big}", templates,
                                                            work)
        results["ratio_cold"] = results[f"n{big}_cold_s"] / results[f"bare_material_n{big}_s"]
        results["ratio_warm"] = results[f"n{big}_warm_s"] / results[f"bare_material_n{big}_s"]
        results["incremental_edit_s"], what = _incremental(work / f"synth-{big}", templates,
                                                           work / "preview",
                                                           work / f"cache-{big}")
        results["pdf_all_s"], results["pdf_report_mb"], results["pdf_all_mb"] = \
            _pdf_all(content, templates, work)
        results["fresh_build_s"] = _fresh_build(content, templates, work)
        results.update(weights)
        if not quick:
            results["per_page_ms_n100"] = 1000 * results["n100_cold_s"] / results["n100_pages"]
            results[f"per_page_ms_n{big}"] = 1000 * results[f"n{big}_cold_s"] / \
                results[f"n{big}_pages"]
        if f"n{big}_cold_s" in results and big != 1000:  # quick runs still fill the keys
            for key in ("cold_s", "warm_s"):
                results[f"n1000_{key}"] = results[f"n{big}_{key}"]
            results["bare_material_n1000_s"] = results[f"bare_material_n{big}_s"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _print(results, what)
    return results


def _print(r: dict, what: str) -> None:
    rows = [("real edition, cold build (no PDFs)", f"{r['edition_cold_s']:.1f} s", "≤ 5 s"),
            ("real edition, warm rebuild", f"{r['edition_warm_s']:.1f} s", ""),
            ("n=1000, cold build", f"{r['n1000_cold_s']:.1f} s", ""),
            ("n=1000, warm rebuild", f"{r['n1000_warm_s']:.1f} s", ""),
            ("bare MkDocs + Material, same pages", f"{r['bare_material_n1000_s']:.1f} s", ""),
            ("ratio cold (factsite / bare)", f"{r['ratio_cold']:.2f}", "≤ 1.5"),
            ("ratio warm (factsite / bare)", f"{r['ratio_warm']:.2f}", "≤ 0.5"),
            ("incremental edit (preview)", f"{r['incremental_edit_s']:.2f} s", "≤ 0.3 s"),
            ("real edition cold, 3 languages", f"{r['three_languages_s']:.1f} s", ""),
            ("real edition cold, 2 languages (no zh-hant)", f"{r['two_languages_s']:.1f} s",
             ""),
            ("ratio 3 languages / 2", f"{r['ratio_languages']:.2f}", "≤ 1.6"),
            ("every PDF, real edition (cold, fonts derived)", f"{r['pdf_all_s']:.1f} s",
             "≤ 12 s"),
            ("  sizes: report (en), all PDFs",
             f"{r['pdf_report_mb']:.1f} MB, {r['pdf_all_mb']:.1f} MB", ""),
            ("fresh build with PDFs (empty cache)", f"{r['fresh_build_s']:.1f} s", "≤ 30 s"),
            ("typical district page HTML", f"{r['page_kb']:.0f} KB", ""),
            ("first visit (gzip)", f"{r['first_visit_kb']:.0f} KB", ""),
            ("Vega bundle only on chart pages", str(r["vega_only_where_needed"]), "True"),
            ("first visit, heaviest page without charts (gzip)",
             f"{r['chartless_first_visit_kb']:.1f} KB", "≤ 25 KB"),
            ("Xiaoshan page HTML (largest language)", f"{r['xiaoshan_html_kb']:.1f} KB",
             "≤ 120 KB")]
    if "per_page_ms_n100" in r:
        rows += [("per page, n=100 (cold)", f"{r['per_page_ms_n100']:.0f} ms", ""),
                 ("per page, n=1000 (cold)", f"{r['per_page_ms_n1000']:.0f} ms", "")]
    width = max(len(a) for a, _, _ in rows)
    print(f"{'measure':<{width}}  {'value':>18}  target")
    for a, b, c in rows:
        print(f"{a:<{width}}  {b:>18}  {c}")
    print(f"(preview: {what}; heaviest page without charts: {r['chartless_heaviest']})")
    print(json.dumps({k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()},
                     sort_keys=True))
