"""Share cards: the Open Graph image of every page (1200 × 630 PNG), with the page's title and
its first figures in the page's language, set in the site's Noto font with Pillow, so that a
shared link shows the figures. Cached by content: an unchanged card is never drawn twice."""

from __future__ import annotations

import io
import json
import re
from dataclasses import asdict, dataclass

from factsite.content.edition import Edition
from factsite.content.model import Fact
from factsite.core.cache import Cache, digest
from factsite.core.fonts import Fonts
from factsite.render.locale import Locale, shown_period, stated_period
from factsite.render.plan import Page

WIDTH, HEIGHT, MARGIN = 1200, 630, 64
BRAND, INK, MUTED, PAPER, RULE = "#0b5d6b", "#1d2327", "#4f5a60", "#ffffff", "#d5dcdf"
FIGURES = 3
# a break is allowed after any CJK character and after a space
_TOKENS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff"
                     r"\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+\s*|\s+")


@dataclass(frozen=True)
class Card:
    """What a page's card says."""

    site: str
    title: str
    figures: tuple[tuple[str, str, str], ...]  # (label, value, period)
    footer: str


def _figure(loc: Locale, fact: Fact) -> tuple[str, str, str]:
    if fact.series:
        last = fact.points[-1]
        return (fact.label[loc.code], loc.number(last.value, fact.unit, fact.qualifier),
                stated_period(loc, last.period, last.period_phrase, last.period_inferred))
    return (fact.label[loc.code], loc.number(fact.value, fact.unit, fact.qualifier),
            shown_period(loc, fact))


def page_card(page: Page, edition: Edition, loc: Locale, title: str) -> Card:
    """The card of a page: its title and, on an entity page (or the home page, for the home
    entity), its first figures, as the page's key-figures block shows them."""
    entity_id = page.entity_id or (edition.site.home_entity if page.kind == "home" else None)
    entity = edition.entities.get(entity_id) if entity_id else None
    facts = [f for f in entity.facts if f.text is None][:FIGURES] if entity else []
    site = edition.site
    footer = loc.t("card.footer", edition=site.edition)
    return Card(site.title[loc.code], title, tuple(_figure(loc, f) for f in facts), footer)


OPENING, CLOSING = "“‘（《〈【「『([", "”’）》〉】」』)]，。、；：！？,.;:!?"


def _lines(text: str, font, width: int, most: int) -> list[str]:
    """`text` broken into lines of at most `width` px (at most `most`, the last one cut with
    an ellipsis); no line ends with an opening or starts with a closing mark."""
    lines, line = [], ""
    for token in _TOKENS.findall(text):
        if line and token[0] not in CLOSING and font.getlength((line + token).rstrip()) > width:
            carry = ""
            while line and line[-1] in OPENING:
                line, carry = line[:-1], line[-1] + carry
            lines.append(line.rstrip())
            line = carry + token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > most:
        lines = lines[:most]
        while lines[-1] and font.getlength(lines[-1] + "…") > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    return lines


class CardDrawer:
    """Draws cards with the static Noto instances; each font is opened once per size."""

    def __init__(self, files: dict[str, str]):
        self.files = files
        self._fonts: dict[tuple[str, int], object] = {}

    def _font(self, style: str, size: int):
        from PIL import ImageFont

        key = (style, size)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(self.files[style], size)
        return self._fonts[key]

    def draw(self, card: Card) -> bytes:
        from PIL import Image, ImageDraw

        image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, WIDTH, 84), fill=BRAND)
        draw.text((MARGIN, 42), card.site, font=self._font("Bold", 30), fill=PAPER, anchor="lm")
        y = 124
        title_font = self._font("Bold", 58 if card.figures else 68)
        for line in _lines(card.title, title_font, WIDTH - 2 * MARGIN, 2):
            draw.text((MARGIN, y), line, font=title_font, fill=INK)
            y += int(title_font.size * 1.25)
        if card.figures:
            y = max(y + 24, 320)
            column = (WIDTH - 2 * MARGIN) // FIGURES
            value_font, small = self._font("Bold", 40), self._font("Regular", 24)
            for i, (label, value, period) in enumerate(card.figures):
                x, top, text_width = MARGIN + i * column, y, column - 36
                draw.line((x, y, x, y + 232), fill=RULE, width=3)
                for line in _lines(value, value_font, text_width, 2):
                    draw.text((x + 20, top), line, font=value_font, fill=BRAND)
                    top += 48
                top += 8
                for line in _lines(label, small, text_width, 2):
                    draw.text((x + 20, top), line, font=small, fill=INK)
                    top += 31
                top += 4
                for line in _lines(period, small, text_width, 2):
                    draw.text((x + 20, top), line, font=small, fill=MUTED)
                    top += 31
        draw.text((MARGIN, HEIGHT - 40), card.footer, font=self._font("Regular", 24),
                  fill=MUTED, anchor="lm")
        out = io.BytesIO()
        # 64 colours (fast octree) and zlib level 6: 20 KB in 20 ms; `optimize` costs 0.25 s
        image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(out, "PNG",
                                                                       compress_level=6)
        return out.getvalue()


def _draw_batch(job: tuple[dict[str, str], list[Card]]) -> list[bytes]:
    """In a worker: one drawer (fonts opened once) for a batch of cards."""
    files, cards = job
    drawer = CardDrawer(files)
    return [drawer.draw(card) for card in cards]


class CardRenderer:
    """The cards of a build through the verified cache: an unchanged card is never drawn
    twice; many new ones (a first build: about 20 ms each) are drawn by `workers` processes."""

    PARALLEL_FROM = 64  # fewer new cards than this are drawn here (a worker costs ~0.3 s)

    def __init__(self, cache: Cache, fonts: Fonts, workers: int = 1):
        self.cache, self.fonts, self.workers = cache, fonts, workers
        self.files = {style: str(path) for style, path in fonts.files.items()}
        self.drawn = 0

    def _key(self, card: Card) -> str:
        import PIL

        return digest(json.dumps(asdict(card), ensure_ascii=False), PIL.__version__,
                      self.fonts.folder.name, "card-v2")

    def pngs(self, cards: list[Card], by_reference: bool = False) -> list:
        """The PNG of each card, from the cache when a verified entry exists (a `Stored`
        reference to it when `by_reference`)."""
        from factsite.core.workers import worker_pool

        def draw(missing: list[int]) -> list[bytes]:
            n = self.workers if len(missing) >= self.PARALLEL_FROM else 1
            batches = [missing[k::n] for k in range(n)]
            with worker_pool(n) as pool:
                drawn = pool.map(_draw_batch, [(self.files, [cards[i] for i in batch])
                                               for batch in batches])
            made = {i: data for batch, images in zip(batches, drawn)
                    for i, data in zip(batch, images)}
            return [made[i] for i in missing]

        found, n = self.cache.get_many("cards", [self._key(c) for c in cards], ".png",
                                       lambda b: b.startswith(b"\x89PNG"), draw, by_reference)
        self.drawn += n
        return found

    def png(self, card: Card) -> bytes:
        return self.pngs([card])[0]
