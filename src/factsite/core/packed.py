"""Page bodies at rest, compressed: 20,000 pages' bodies are gigabytes as Python text and a
sixth of that as zlib (level 1 costs a few milliseconds a megabyte). A body is unpacked only
where it is used: by the engine as it writes the page, by the print HTML, by a preview."""

from __future__ import annotations

import zlib


def pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 1)


def unpack(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")
