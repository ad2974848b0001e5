"""The source articles as pages: the full text as published, split into its paragraphs, with
every quoted passage marked. Quotes match the text whitespace-insensitively and up to
NFKC forms (as the provenance check does), so the marks are placed through a map from the
normalised text back to the original characters."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from factsite.content.matching import normalize
from factsite.core.cache import digest


def passage_id(doc: str, quote: str) -> str:
    """The stable anchor of a quoted passage on its article's page."""
    return "q-" + digest(doc, normalize(quote))[:10]


@dataclass(frozen=True)
class Paragraph:
    html: str  # the paragraph with its marked passages
    passages: tuple[str, ...]  # anchors of the passages that start in it


def _normal_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the original index."""
    chars, where = [], []
    for i, ch in enumerate(text):
        for n in unicodedata.normalize("NFKC", ch):
            if not n.isspace():
                chars.append(n)
                where.append(i)
    return "".join(chars), where


def mark_passages(doc: str, text: str, quotes: list[str]) -> list[Paragraph]:
    """The article's paragraphs with every quote marked (overlapping quotes nest as
    consecutive marks); each passage's first mark carries its anchor."""
    norm, where = _normal_map(text)
    spans = []
    for quote in quotes:
        q = normalize(quote)
        at = norm.find(q)
        if at < 0 or not q:
            continue  # the provenance check reports it
        spans.append((where[at], where[at + len(q) - 1] + 1, passage_id(doc, quote)))
    cuts = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    paragraphs, current, starts = [], [], []
    anchored: set[str] = set()
    for a, b in zip(cuts, cuts[1:]):
        covering = [pid for s, e, pid in spans if s <= a and b <= e]
        for part in re.split(r"(\n\s*\n)", text[a:b]):
            if re.fullmatch(r"\n\s*\n", part):
                if current:
                    paragraphs.append(Paragraph("".join(current).strip(), tuple(starts)))
                current, starts = [], []
                continue
            if not part:
                continue
            piece = html.escape(part.replace("\n", " "))
            if covering and part.strip():
                new = [pid for pid in covering if pid not in anchored]
                anchored.update(new)
                starts += new
                ids = " ".join(covering)
                # every passage that starts here gets its anchor (passages may share a start)
                anchors = "".join(f'<span class="fs-anchor" id="{pid}"></span>' for pid in new)
                piece = f'{anchors}<mark class="fs-passage" data-passages="{ids}">{piece}</mark>'
            current.append(piece)
    if current:
        paragraphs.append(Paragraph("".join(current).strip(), tuple(starts)))
    return [p for p in paragraphs if p.html]
