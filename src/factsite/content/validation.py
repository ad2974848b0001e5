"""Pydantic's validation errors turned into compiler-style diagnostics: the location of the
value in the file, a stable code, and a hint where one helps."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any

from pydantic import BaseModel, ValidationError

from factsite.content.diagnostics import Diagnostic
from factsite.content.text import MISSING, UNKNOWN
from factsite.content.yamlfile import Positions


def _fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The allowed keys at `loc` of `model`, to suggest a fix for an unknown key."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = info.annotation
        for arg in getattr(current, "__args__", ()) or ():
            if hasattr(arg, "model_fields"):
                current = arg
                break
            for inner in getattr(arg, "__args__", ()) or ():
                if hasattr(inner, "model_fields"):
                    current = inner
    return list(getattr(current, "model_fields", {}))


_FRIENDLY = {"str": "text", "dict": "a mapping", "list": "a list", "NoneType": "nothing",
             "int": "a number", "float": "a number", "bool": "true/false"}


def _data_loc(loc: tuple, data: Any) -> tuple:
    """Pydantic's error location without its internal steps (union members, validators):
    keep exactly the parts that exist in the data, plus a final missing or unknown key."""
    out: list = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            out.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            out.append(part)
            current = current[part]
        elif i == len(loc) - 1 and isinstance(part, str) and "[" not in part:
            out.append(part)  # a missing field
        elif isinstance(current, dict) and isinstance(part, str) and part in current:
            out.append(part)
    return tuple(out)


def diagnose(exc: ValidationError, model: type[BaseModel], pos: Positions,
              data: Any) -> list[Diagnostic]:
    """Turn pydantic errors into compiler-style diagnostics with stable codes."""
    out = []
    for err in exc.errors(include_url=False):
        loc = _data_loc(tuple(err["loc"]), data)
        kind, msg = err["type"], err["msg"].removeprefix("Value error, ")
        last = loc[-1] if loc else ""
        got = _FRIENDLY.get(type(err.get("input")).__name__, type(err.get("input")).__name__)
        if kind == "extra_forbidden":
            allowed = _fields(model, tuple(p for p in loc[:-1]))
            close = get_close_matches(str(last), allowed, n=1)
            hint = (f"did you mean {close[0]!r}? " if close else "") + (
                f"allowed keys: {', '.join(allowed)}" if allowed else "")
            out.append(pos.diagnostic(loc, "S200", f"unknown key {last!r}", hint or None,
                                      key=True))
        elif kind == MISSING:
            loc += (err["ctx"]["lang"],) if err.get("ctx", {}).get("lang") else ()
            out.append(pos.diagnostic(loc, "S202", msg, "every text a reader sees needs each "
                                      "language of the edition (site.yaml: languages)"))
        elif kind == UNKNOWN:
            loc += (err["ctx"]["lang"],)
            out.append(pos.diagnostic(loc, "S200", msg, "the languages of this edition are "
                                      "listed in site.yaml (languages:)", key=True))
        elif kind == "missing":
            out.append(pos.diagnostic(loc, "S201", f"missing required field {last!r}"))
        elif "is not a period" in msg or "does not exist" in msg or "range" in msg \
                or "quarter has no day" in msg or "precision" in msg or "is not a date" in msg \
                or "not plausible" in msg:
            out.append(pos.diagnostic(loc, "S204", msg,
                                      "periods look like 2022, 2022-Q3, 2024-01..05, 2023-07-31"))
        elif "not a known unit" in msg:
            out.append(pos.diagnostic(loc, "S205", msg, "see the unit table in the README"))
        elif msg.startswith(("a fact", "a numeric fact", "a `series`", "an inferred point")):
            out.append(pos.diagnostic(loc, "S206", msg))
        elif kind == "string_pattern_mismatch" and last == "fact":
            out.append(pos.diagnostic(loc, "S207", f"{err['input']!r} is not a fact reference",
                                      "name the figure as entity#fact, e.g. "
                                      "'some-district#some-figure'"))
        elif kind == "string_pattern_mismatch" and last in ("id", "to", "parent", "metric"):
            out.append(pos.diagnostic(loc, "S207", f"{err['input']!r} is not a valid id",
                                      "ids are lowercase ASCII words joined by '-', e.g. "
                                      "'china-vision-valley'"))
        elif kind in ("string_too_short", "too_short", "finite_number") or \
                "at least 2 characters" in msg:
            out.append(pos.diagnostic(loc, "S209", msg))
        elif kind == "literal_error":
            out.append(pos.diagnostic(loc, "S209", f"{err['input']!r}: {msg}"))
        else:
            out.append(pos.diagnostic(loc, "S203", f"{msg} (got {got})",
                                      "put quotes around text that looks like a number or date"
                                      if got in ("a number", "true/false") else None))
    return out
