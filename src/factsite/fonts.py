"""The Chinese-capable font, from a PyPI package (Noto Sans SC, OFL): static Regular and Bold
instances derived once from the variable font with fontTools and cached, never per build.

A variable font renders at its default weight in vl-convert and WeasyPrint, so both get the
static instances; the family name stays "Noto Sans SC" so SVG text, CSS and PDF agree.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

FAMILY = "Noto Sans SC"
WEIGHTS = {"Regular": 400, "Bold": 700}


def variable_font() -> Path:
    """The variable Noto Sans SC shipped by the `justmytype-intl-cjk` package."""
    import justmytype_intl_cjk

    root = Path(justmytype_intl_cjk.__file__).parent / "fonts" / "ofl" / "notosanssc"
    found = sorted(root.glob("NotoSansSC*.ttf"))
    if not found:
        raise FileNotFoundError(f"Noto Sans SC not found under {root}")
    return found[0]


def _user_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factsite"


def cache_root() -> Path:
    """Where derived artefacts live across builds (chart SVGs, PDFs); `FACTSITE_CACHE`
    moves it (a benchmark's cold build points it at an empty folder)."""
    path = Path(os.environ["FACTSITE_CACHE"]) if os.environ.get("FACTSITE_CACHE") else \
        _user_cache()
    path.mkdir(parents=True, exist_ok=True)
    return path


def static_fonts() -> dict[str, Path]:
    """Paths of the static Regular and Bold instances, deriving them on first use (~15 s each)."""
    source = variable_font()
    key = hashlib.sha256(f"{source}:{source.stat().st_size}".encode()).hexdigest()[:12]
    folder = _user_cache() / "fonts" / key  # fonts outlive any FACTSITE_CACHE
    out = {style: folder / f"NotoSansSC-{style}.ttf" for style in WEIGHTS}
    if all(p.exists() for p in out.values()):
        return out
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    for style, weight in WEIGHTS.items():
        if out[style].exists():
            continue
        font = instantiateVariableFont(TTFont(source), {"wght": weight}, updateFontNames=True)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = out[style].with_suffix(f".{os.getpid()}.tmp")
        font.save(tmp)
        os.replace(tmp, out[style])  # atomic: a parallel build never sees half a font
    return out


def font_dir() -> Path:
    """The folder holding the static instances (for vl-convert and fontconfig)."""
    return next(iter(static_fonts().values())).parent


def fontconfig_file(path: Path) -> Path:
    """Write a fonts.conf that adds the PyPI font to the system's fonts (for Chromium)."""
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{font_dir()}</dir>\n"
        f"  <cachedir>{_user_cache() / 'fontconfig'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8")
    return path
