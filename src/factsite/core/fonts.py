"""The Chinese-capable font, from a PyPI package (Noto Sans SC, OFL): static Regular and Bold
instances derived from the variable font with fontTools and kept in the verified cache.

A variable font renders at its default weight in vl-convert and WeasyPrint, so both get the
static instances; the family name stays "Noto Sans SC" so SVG text, CSS and PDF agree. Charts
(render) and PDFs (export) both need it, so it lives here, below both.

The variable font is first subset to the characters the edition uses, then instanced: about
3 s instead of 40 s, 0.4 MB per instance instead of 10.6 MB, and vl-convert measures text
faster in small files. Glyph outlines and metrics are those of the full font, so charts and
PDFs come out the same; a character outside the subset falls back to a system font.
"""

from __future__ import annotations

import hashlib
import io
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from factsite.core.cache import Cache, digest

FAMILY = "Noto Sans SC"
WEIGHTS = {"Regular": 400, "Bold": 700}
FORMAT = "subset-then-instance-1"  # bump when the derivation changes
# What a page, chart or PDF may show besides the text of its content and catalogues: ASCII,
# and the punctuation, symbols and spaces typography and number formatting add.
COMMON = (string.printable + "，。、；：？！“”‘’（）《》〈〉【】「」『』—–‒…·・％＋－×÷＝＜＞〜～"
          "°²³µ±‰€£¥©®™•→←↑↓−≈≤≥▲▼■□●○◆ \u00a0\u2009\u200b\u202f\u3000")


def printable(chars: Iterable[str]) -> frozenset[str]:
    """The characters of `chars` a font can draw (no control characters, no surrogates)."""
    return frozenset(c for c in chars if unicodedata.category(c) not in ("Cc", "Cs"))


@dataclass(frozen=True)
class Fonts:
    """The static instances: one folder holding nothing else (for vl-convert), by style, and
    the characters they were subset to."""

    folder: Path
    files: dict[str, Path]
    chars: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def covers(self, chars: Iterable[str]) -> bool:
        """True when every drawable character of `chars` was asked for in the subset."""
        return printable(chars) <= self.chars

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


def subset_font(source: Path, chars: Iterable[str]) -> bytes:
    """The variable font cut down to `chars`, every layout feature, name and variation table
    kept (the instancer needs fvar, gvar, HVAR and STAT; `vert` and `locl` stay usable)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs, options.name_languages, options.name_legacy = ["*"], ["*"], True
    options.notdef_outline = True  # a visible box, should a character slip through
    options.drop_tables = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    font = TTFont(source, recalcTimestamp=False)  # the same bytes on every machine
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def instance_font(variable: bytes, weight: int) -> bytes:
    """A static instance of a variable font at `weight`, named after it (Regular, Bold)."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    font = instantiateVariableFont(TTFont(io.BytesIO(variable), recalcTimestamp=False),
                                   {"wght": weight}, updateFontNames=True)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def font_key(source: Path, chars: frozenset[str]) -> str:
    """The cache key of the instances: the source font's bytes, the sorted characters, the
    fontTools version and the way they are derived."""
    import fontTools

    source_hash = hashlib.sha256(source.read_bytes()).hexdigest()
    return digest(source_hash, "".join(sorted(chars)), fontTools.version, FORMAT)


def static_fonts(cache: Cache, chars: Iterable[str]) -> Fonts:
    """The static instances subset to `chars`, derived on first use and verified on every
    later one (a truncated or corrupt instance is derived again)."""
    source, wanted = variable_font(), printable(chars)
    namespace = "fonts/" + font_key(source, wanted)[:20]
    names = {style: f"NotoSansSC-{style}" for style in WEIGHTS}
    if any(cache.get(namespace, name, ".ttf") is None for name in names.values()):
        variable = subset_font(source, wanted)
        for style, weight in WEIGHTS.items():
            cache.put(namespace, names[style], instance_font(variable, weight), ".ttf")
    files = {style: cache.path(namespace, name, ".ttf") for style, name in names.items()}
    return Fonts(files["Regular"].parent, files, wanted)
