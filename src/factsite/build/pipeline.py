"""The build, in two phases: load and render everything in memory, then publish it into a
temporary folder beside the output and swap that into place only when every step succeeded.
On any error the previous output is left exactly as it was."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from factsite.build.output import no_space, output_lock, remove_stale, swap_into_place, temp_dir
from factsite.content.diagnostics import ContentError, Diagnostic
from factsite.content.loader import Loader
from factsite.core.context import BuildContext
from factsite.export.pdf import export_all
from factsite.export.print_html import print_plan
from factsite.render.changes import change_warnings
from factsite.render.site import RenderedSite, Reusable, render_site
from factsite.render.templates import TemplateDirs
from factsite.site.publish import Published, publish


@dataclass(frozen=True)
class Project:
    """Where a build reads and writes: the content, the template overrides, the output."""

    content: Path
    templates: TemplateDirs
    out: Path

    @classmethod
    def at(cls, content: Path, templates: Path | None, out: Path) -> Project:
        return cls(Path(content).resolve(), TemplateDirs.for_project(templates),
                   Path(out).resolve())


@dataclass
class BuildReport:
    """What a build did, for the CLI to print and the tests to read."""

    out: Path
    pages: dict[str, int] = field(default_factory=dict)  # per language
    charts: int = 0
    svgs_rendered: int = 0
    pdfs: int = 0
    pdfs_rendered: int = 0
    warnings: list[Diagnostic] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total_pages(self) -> int:
        return sum(self.pages.values())

    def summary(self) -> str:
        langs = ", ".join(f"{n} {lang}" for lang, n in self.pages.items())
        text = (f"built {self.total_pages} pages ({langs}), {self.charts} charts "
                f"({self.svgs_rendered} SVGs rendered, the rest cached)")
        if self.pdfs:
            text += f" and {self.pdfs} PDFs ({self.pdfs_rendered} exported, the rest cached)"
        return text + f" into {self.out} in {self.seconds:.1f}s"


def strict(warnings: list[Diagnostic]) -> list[Diagnostic]:
    """--strict: every warning is an error."""
    return [replace(d, severity="error") for d in warnings]


def render_project(project: Project, ctx: BuildContext, loader: Loader | None = None,
                   site_url: str | None = None, pdf: bool = True,
                   reuse: Reusable | None = None) -> RenderedSite:
    """Phase one: load, check and render every page and chart in memory."""
    ctx.cache.remove_leftovers()  # half-written entries of builds that were killed
    with ctx.progress.step("load and check the content"):
        edition = (loader or Loader(project.content)).load()
    if ctx.strict and edition.warnings:
        raise ContentError(strict(edition.warnings))
    return render_site(edition, project.templates, ctx, site_url, pdf, reuse)


def write_site(rs: RenderedSite, out: Path, ctx: BuildContext,
               keep_shells: bool = False) -> tuple[int, int, Published]:
    """Phase two, holding the output's lock: remove what interrupted builds left, publish
    `rs` (and its PDFs) into a temporary folder, then swap it into `out`. Returns (PDFs,
    PDFs rendered anew, what publishing reported). A full disk is one line (OutputError)."""
    try:
        with output_lock(out, ctx.lock_timeout, ctx.progress.note):
            remove_stale(out)
            tmp = temp_dir(out)
            try:
                published = publish(rs, tmp, ctx, keep_shells)
                n_pdf = n_rendered = 0
                if rs.pdf:
                    with ctx.progress.step("export the PDFs"):
                        n_pdf, n_rendered = export_all(print_plan(rs, rs.fonts), tmp,
                                                       ctx.cache, ctx.workers)
                os.chmod(tmp, 0o755)
                swap_into_place(tmp, out)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
    except OSError as exc:
        full = no_space(exc, out, ctx.cache.root)
        if full is not None:
            raise full from exc
        raise
    return n_pdf, n_rendered, published


def site_url_warning(rs: RenderedSite) -> list[Diagnostic]:
    """Search engines ignore relative hreflang and sitemap links: say so once."""
    if rs.site_url:
        return []
    pos = rs.edition.positions["site"]
    return [Diagnostic(pos.file, 1, 1, "W502", "site_url", "no site URL: hreflang, canonical, "
                       "Open Graph, sitemap and feed links stay relative and feed ids local, "
                       "which search engines and feed readers ignore",
                       "set site_url in site.yaml, or pass --site-url", severity="warning")]


def build_site(project: Project, ctx: BuildContext, site_url: str | None = None,
               pdf: bool = True) -> BuildReport:
    """Build the whole site into `project.out`; on any error it is left untouched."""
    started = time.perf_counter()
    try:
        rs = render_project(project, ctx, site_url=site_url, pdf=pdf)
    except OSError as exc:  # the cache's disk is full
        full = no_space(exc, ctx.cache.root)
        if full is not None:
            raise full from exc
        raise
    warnings = list(rs.edition.warnings) + change_warnings(rs.edition, rs.changes) + \
        site_url_warning(rs)
    if ctx.strict and warnings:
        raise ContentError(strict(warnings))
    n_pdf, n_rendered, _ = write_site(rs, project.out, ctx)
    return BuildReport(
        out=project.out, pages={lang: len(pages) for lang, pages in rs.pages.items()},
        charts=rs.n_charts, svgs_rendered=rs.n_rendered, pdfs=n_pdf,
        pdfs_rendered=n_rendered, warnings=warnings,
        timings=list(ctx.progress.timings), seconds=time.perf_counter() - started)
