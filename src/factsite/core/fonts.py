"""The Chinese-capable font, from a PyPI package (Noto Sans SC, OFL): static Regular and Bold
instances derived from the variable font with fontTools and kept in the verified cache.

A variable font renders at its default weight in vl-convert and WeasyPrint, so both get the
static instances; the family name stays "Noto Sans SC" so SVG text, CSS and PDF agree. Charts
(render) and PDFs (export) both need it, so it lives here, below both.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from factsite.core.cache import Cache, digest

FAMILY = "Noto Sans SC"
WEIGHTS = {"Regular": 400, "Bold": 700}


@dataclass(frozen=True)
class Fonts:
    """The static instances: one folder holding nothing else (for vl-convert), by style."""

    folder: Path
    files: dict[str, Path]

    def font_faces(self) -> str:
        """`@font-face` rules for WeasyPrint (Regular 400 and Bold 700 of the family)."""
        return "\n".join(
            f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; '
            f'src: url("{self.files[style].as_uri()}"); }}'
            for style, weight in WEIGHTS.items())

    def fontconfig(self, path: Path, cache_dir: Path) -> Path:
        """A fonts.conf adding this folder to the system's fonts (for Chromium in tests)."""
        path.write_text(
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
            f"  <dir>{self.folder}</dir>\n"
            f"  <cachedir>{cache_dir}</cachedir>\n</fontconfig>\n", encoding="utf-8")
        return path


def variable_font() -> Path:
    """The variable Noto Sans SC shipped by the `justmytype-intl-cjk` package."""
    import justmytype_intl_cjk

    root = Path(justmytype_intl_cjk.__file__).parent / "fonts" / "ofl" / "notosanssc"
    found = sorted(root.glob("NotoSansSC*.ttf"))
    if not found:
        raise FileNotFoundError(f"Noto Sans SC not found under {root}")
    return found[0]


def _instance(source: Path, weight: int) -> bytes:
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    font = instantiateVariableFont(TTFont(source), {"wght": weight}, updateFontNames=True)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def static_fonts(cache: Cache) -> Fonts:
    """The static instances, derived on first use and verified on every later one."""
    source = variable_font()
    namespace = "fonts/" + digest(source.name, str(source.stat().st_size))[:16]
    files = {}
    for style, weight in WEIGHTS.items():
        name = f"NotoSansSC-{style}"
        if cache.get(namespace, name, ".ttf") is None:
            cache.put(namespace, name, _instance(source, weight), ".ttf")
        files[style] = cache.path(namespace, name, ".ttf")
    return Fonts(files["Regular"].parent, files)
