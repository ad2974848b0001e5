"""Diagnostics: content problems reported compiler-style, all at once, with stable codes.

Codes (stable; documented in the README):
  Y1xx  reading a file:   Y100 YAML syntax, Y101 tab indentation, Y102 duplicate key,
                          Y103 empty file, Y104 top level is not a mapping, Y105 not UTF-8,
                          Y106 file too large or too deeply nested, Y107 unknown file,
                          Y108 a map's boundary file missing or unreadable
  S2xx  schema:           S200 unknown key, S201 missing field, S202 missing translation,
                          S203 wrong type, S204 bad period, S205 unknown unit, S206 bad fact
                          shape, S207 bad id, S208 id does not match file name, S209 bad value
  R3xx  references:       R300 unknown entity, R301 duplicate entity id, R302 unknown source,
                          R303 duplicate id, R304 cyclic parents, R305 unknown glossary term,
                          R306 source file missing, R307 unknown fact, R308 broken link
                          or anchor in a text (found by MkDocs), R309 other site warning,
                          R310 unknown metric, R311 unit differs from its metric's or total's,
                          R312 a map's areas do not match its boundary file
  P4xx  provenance:       P400 quote not in source, P401 value not in quote
  C6xx  charts:           C600 facts that cannot make the declared chart
  E7xx  editions:         E700 an earlier edition's data package cannot be read, E701 the
                          previous edition is not older than this one, E702 a package in
                          content/editions/ not named by its edition date, E703 a
                          correction dated after this edition
  W5xx  warnings:         W500 glossary term unused, W501 source never cited,
                          W502 no site URL (a build's links and feed ids stay relative or
                          local), W503 a declared chart of fewer than three marks (shown as
                          figures), W504 a figure revised or withdrawn since the previous
                          edition with no reason in corrections.yaml, W505 a correction of
                          this edition for a figure that did not change, W506 an edition in
                          content/editions/ newer than this one (ignored)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at a place in a content file."""

    file: str
    line: int
    col: int
    code: str
    path: str
    message: str
    hint: str | None = field(default=None, compare=False)
    severity: Literal["error", "warning"] = "error"

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        path = f" {self.path}:" if self.path else ""
        text = f"{where}: {self.severity} {self.code}{path} {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class ContentError(Exception):
    """Raised when content has errors; carries every diagnostic of the run."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics))
        super().__init__(self.report())

    def report(self) -> str:
        errors = [d for d in self.diagnostics if d.severity == "error"]
        lines = [d.format() for d in self.diagnostics]
        lines.append(f"{len(errors)} error(s), {len(self.diagnostics) - len(errors)} warning(s)")
        return "\n".join(lines)


def format_path(loc: tuple) -> str:
    """('facts', 3, 'unit') -> 'facts[3].unit'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
