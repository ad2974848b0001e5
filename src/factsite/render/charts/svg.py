"""Chart specs to static SVG with vl-convert, through the verified cache: an unchanged chart is
never rendered twice, a corrupt cached SVG is rendered again. Also the offline Vega bundle
that draws the interactive view where JavaScript runs."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property

from factsite.core.cache import Cache, Stored, digest
from factsite.core.fonts import Fonts

BUNDLE_SNIPPET = """
window.vegaEmbed = vegaEmbed;
function factsiteCharts() {
  document.querySelectorAll("figure.fs-chart[data-spec]").forEach(function (fig) {
    var view = fig.querySelector(".fs-chart__view");
    if (!view) return;
    var least = Number(fig.getAttribute("data-min-width") || 0);
    if (view.clientWidth < least) return;  // too narrow: the static picture scales, a view would not
    fetch(fig.getAttribute("data-spec")).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (spec) {
      if (spec.width) spec.width = Math.min(spec.width, Math.max(240, view.clientWidth - 170));
      if (!fig.classList.contains("fs-map")) spec.background = "transparent";  // as the static SVG
      return vegaEmbed(view, spec, {renderer: "svg", actions: false});
    }).then(function () {
      fig.classList.add("fs-chart--live");
    }).catch(function (err) { console.warn("chart kept static:", err); });
  });
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", factsiteCharts);
} else { factsiteCharts(); }
"""


@dataclass(frozen=True)
class RenderedChart:
    """A chart ready for a page: static SVG, the spec for the interactive view, its data."""

    svg: str
    spec_json: str
    rows: list
    alt: str
    png: bytes | Stored = b""  # the 2× PNG download (a reference to the cache in a build)


def _well_formed(svg: str) -> bool:
    return svg.lstrip().startswith("<svg") and svg.rstrip().endswith("</svg>")


def _start_engine(folder: str) -> None:
    """In a chart worker: vl-convert with this one font folder."""
    import vl_convert

    vl_convert.register_font_directory(folder)


def _svg_job(spec: dict) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(spec)


def _png_job(job: tuple[str, int]) -> bytes:
    import vl_convert

    svg, scale = job
    return vl_convert.svg_to_png(svg, scale=scale)


class SvgRenderer:
    """Renders Vega-Lite specs to SVG and PNG through the verified cache, in worker processes.

    vl-convert's font registry is process-wide and append-only: a process that registered two
    subsets of Noto Sans SC (a preview after an edit added a character, two editions in one
    test run) draws with whichever it likes. So this process never renders: spawned workers,
    started on the first cache miss and each holding only this renderer's fonts, do (two of
    them also render twice as fast, vl-convert holding the GIL and one lock per process).
    Use it as a context manager, which ends the workers."""

    def __init__(self, cache: Cache, fonts: Fonts, workers: int = 2):
        self.cache, self.fonts, self.workers = cache, fonts, workers
        self._pool = None
        self.rendered = 0

    def __enter__(self) -> SvgRenderer:
        return self

    def __exit__(self, kind, error, trace) -> None:
        self.close(killed=kind is not None)

    def close(self, killed: bool = False) -> None:
        """End the workers (at once when `killed`, after an error or an interruption)."""
        if self._pool is not None:
            self._pool.kill() if killed else self._pool.close()
            self._pool = None

    def _engine(self, misses: int):
        from factsite.core.workers import WorkerPool

        if self._pool is None:
            self._pool = WorkerPool(1 if misses < 8 else self.workers, _start_engine,
                                    (str(self.fonts.folder),), local=False)
        return self._pool

    @cached_property
    def _versions(self) -> str:
        import vl_convert

        return f"{getattr(vl_convert, '__version__', '')}{vl_convert.get_vega_version()}"

    def key(self, spec: dict) -> str:
        return digest(json.dumps(spec, sort_keys=True, ensure_ascii=False), self._versions,
                      self.fonts.folder.name)

    def _through_cache(self, namespace: str, suffix: str, keys: list[str], jobs: list,
                       job_fn, valid, by_reference: bool = False) -> list:
        def make(missing: list[int]) -> list[bytes]:
            made = self._engine(len(missing)).map(job_fn, [jobs[i] for i in missing])
            return [d.encode("utf-8") if isinstance(d, str) else d for d in made]

        found, n = self.cache.get_many(namespace, keys, suffix, valid, make, by_reference)
        self.rendered += n
        return found

    def svgs(self, specs: list[dict]) -> list[str]:
        """The SVG of each spec, from the cache when a verified entry exists."""
        found = self._through_cache("svg", ".svg", [self.key(s) for s in specs], specs,
                                    _svg_job, lambda b: _well_formed(b.decode("utf-8", "replace")))
        return [data.decode("utf-8", errors="replace") for data in found]

    def pngs(self, specs: list[dict], scale: int = 2, by_reference: bool = False) -> list:
        """The PNG of each spec at `scale` × (a download for slides and print), cached alike:
        its SVG rasterised (the same pixels as rendering the spec again, in a third of the
        time: no second Vega run); `Stored` references to the cache when `by_reference`."""
        svgs = self.svgs(specs)
        return self._through_cache("png", ".png", [digest(self.key(s), f"png{scale}")
                                                   for s in specs],
                                   [(svg, scale) for svg in svgs], _png_job,
                                   lambda b: b.startswith(b"\x89PNG"), by_reference)

    def render(self, spec: dict) -> str:
        return self.svgs([spec])[0]

    def png(self, spec: dict, scale: int = 2) -> bytes:
        return self.pngs([spec], scale)[0]

    def bundle(self) -> str:
        """The offline vega-embed bundle with factsite's loader (built once, cached)."""
        import vl_convert

        key = digest(BUNDLE_SNIPPET, vl_convert.get_vega_version(),
                     vl_convert.get_vega_embed_version())
        cached = self.cache.get("bundle", key, ".js")
        if cached is None:
            cached = vl_convert.javascript_bundle(BUNDLE_SNIPPET).encode("utf-8")
            self.cache.put("bundle", key, cached, ".js")
        return cached.decode("utf-8")


_INNER_ATTRS = re.compile(r' (?:role|aria-roledescription|aria-label|aria-hidden|'
                          r'pointer-events)="[^"]*"')
_EMPTY_PATHS = re.compile(r'<path class="(?:foreground|background)"[^>]*?(?:display="none"|'
                          r'd="M0,0h0v0h0Z")[^>]*/>')
_LONG_DECIMALS = re.compile(r"(\d+\.\d{2})\d+")


def slim_svg(svg: str) -> str:
    """The static SVG as a page shows it: one picture, described by its figure (whose
    aria-label is the alt text), so the per-mark accessibility attributes, the empty helper
    paths and coordinates beyond 1/100 px are dropped; about 40 % smaller."""
    svg = _EMPTY_PATHS.sub("", _INNER_ATTRS.sub("", svg))
    svg = _LONG_DECIMALS.sub(r"\1", svg)
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def scope_svg_ids(svg: str, prefix: str) -> str:
    """Prefix the ids inside an SVG so several charts inline on one page never collide."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    for old in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{old}"', f'id="{prefix}-{old}"')
        svg = svg.replace(f"url(#{old})", f"url(#{prefix}-{old})")
        svg = svg.replace(f'href="#{old}"', f'href="#{prefix}-{old}"')
    return svg
