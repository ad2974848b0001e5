"""Chart specs to static SVG with vl-convert, through the verified cache: an unchanged chart is
never rendered twice, a corrupt cached SVG is rendered again. Also the offline Vega bundle
that draws the interactive view where JavaScript runs."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from factsite.core.cache import Cache, digest
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
    png: bytes = b""  # the 2× PNG download


def _well_formed(svg: str) -> bool:
    return svg.lstrip().startswith("<svg") and svg.rstrip().endswith("</svg>")


class SvgRenderer:
    """Renders Vega-Lite specs to SVG in this process, fonts registered on first use."""

    def __init__(self, cache: Cache, fonts: Fonts):
        self.cache, self.fonts = cache, fonts
        self._registered = False
        self.rendered = 0

    def _versions(self) -> str:
        import vl_convert

        return f"{getattr(vl_convert, '__version__', '')}{vl_convert.get_vega_version()}"

    def key(self, spec: dict) -> str:
        return digest(json.dumps(spec, sort_keys=True, ensure_ascii=False), self._versions(),
                      str(self.fonts.folder))

    def _vl_convert(self):
        import vl_convert

        if not self._registered:
            vl_convert.register_font_directory(str(self.fonts.folder))
            self._registered = True
        return vl_convert

    def render(self, spec: dict) -> str:
        """The SVG of a spec, from the cache when a verified entry exists."""
        key = self.key(spec)
        cached = self.cache.get("svg", key, ".svg")
        if cached is not None:
            svg = cached.decode("utf-8", errors="replace")
            if _well_formed(svg):
                return svg
        svg = self._vl_convert().vegalite_to_svg(spec)
        self.cache.put("svg", key, svg.encode("utf-8"), ".svg")
        self.rendered += 1
        return svg

    def png(self, spec: dict, scale: int = 2) -> bytes:
        """The PNG of a spec at `scale` × (a download for slides and print), cached alike."""
        key = digest(self.key(spec), f"png{scale}")
        cached = self.cache.get("png", key, ".png")
        if cached is not None and cached.startswith(b"\x89PNG"):
            return cached
        data = self._vl_convert().vegalite_to_png(spec, scale=scale)
        self.cache.put("png", key, data, ".png")
        self.rendered += 1
        return data

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
