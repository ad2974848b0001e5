"""Render chart specs to static SVG with vl-convert: fonts registered once, results cached by
a hash of the spec (an unchanged chart is never re-rendered), renders run in parallel."""

from __future__ import annotations

import hashlib
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from factsite.fonts import cache_root, font_dir

_registered = False

BUNDLE_SNIPPET = """
window.vegaEmbed = vegaEmbed;
function factsiteCharts() {
  document.querySelectorAll("figure.fs-chart").forEach(function (fig) {
    var data = fig.querySelector("script.fs-chart__spec");
    var view = fig.querySelector(".fs-chart__view");
    if (!data || !view) return;
    var spec = JSON.parse(data.textContent);
    spec.width = Math.min(spec.width || 520, Math.max(240, view.clientWidth - 170));
    vegaEmbed(view, spec, {renderer: "svg", actions: false}).then(function () {
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


def _ensure_fonts() -> None:
    global _registered
    if not _registered:
        import vl_convert

        vl_convert.register_font_directory(str(font_dir()))
        _registered = True


def _spec_key(spec: dict) -> str:
    import vl_convert

    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    versions = f"{vl_convert.__version__ if hasattr(vl_convert, '__version__') else ''}" \
               f"{vl_convert.get_vega_version()}"
    return hashlib.sha256((text + versions + str(font_dir())).encode()).hexdigest()


def render_svg(spec: dict) -> tuple[str, bool]:
    """SVG for a Vega-Lite spec; (svg, came_from_cache)."""
    folder = cache_root() / "svg"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_spec_key(spec)}.svg"
    if path.exists():
        return path.read_text(encoding="utf-8"), True
    import vl_convert

    _ensure_fonts()
    svg = vl_convert.vegalite_to_svg(spec)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(svg, encoding="utf-8")
    os.replace(tmp, path)
    return svg, False


def scope_svg_ids(svg: str, prefix: str) -> str:
    """Prefix the ids inside an SVG so several charts inline on one page never collide."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    for old in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{old}"', f'id="{prefix}-{old}"')
        svg = svg.replace(f"url(#{old})", f"url(#{prefix}-{old})")
        svg = svg.replace(f'href="#{old}"', f'href="#{prefix}-{old}"')
    return svg


def render_all(specs: list[dict], workers: int = 2) -> tuple[list[str], int]:
    """Render many specs (cached ones are free); returns SVGs and how many were rendered."""
    if not specs:
        return [], 0
    _ensure_fonts()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(render_svg, specs))
    return [svg for svg, _ in results], sum(1 for _, cached in results if not cached)


def vega_bundle() -> str:
    """The offline vega-embed bundle with factsite's loader (built once, cached)."""
    import vl_convert

    key = hashlib.sha256((BUNDLE_SNIPPET + vl_convert.get_vega_version()
                          + vl_convert.get_vega_embed_version()).encode()).hexdigest()[:16]
    path = cache_root() / f"vega-bundle-{key}.js"
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(vl_convert.javascript_bundle(BUNDLE_SNIPPET), encoding="utf-8")
        os.replace(tmp, path)
    return path.read_text(encoding="utf-8")


def write_bundle(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(vega_bundle(), encoding="utf-8")
