"""Read one YAML file into plain data plus the line:column of every key and value.

PyYAML's composer keeps node marks; we walk the node tree ourselves so that every later
error (schema, reference, provenance) can point at the exact place in the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from factsite.content.diagnostics import Diagnostic, format_path

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
Loc = tuple
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()


MAX_NODES = 200_000  # aliases can multiply a small file into billions of nodes
_STANDARD_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class Positions:
    """Where each path of a document sits: value positions and key positions (1-based)."""

    file: str
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    line_starts: list[int] = field(default_factory=lambda: [0])

    def at(self, index: int) -> tuple[int, int]:
        """1-based line and column of a character index; only \\n ends a line (PyYAML
        also breaks lines at U+2028 and friends, which editors do not)."""
        line = bisect_right(self.line_starts, index)
        return line, index - self.line_starts[line - 1] + 1

    def of(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """Position of `loc`, or of its nearest ancestor that exists in the file."""
        table = self.keys if key else self.values
        loc = tuple(loc)
        while loc:
            if loc in table:
                return table[loc]
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def diagnostic(self, loc: Loc, code: str, message: str, hint: str | None = None,
                   key: bool = False, severity: str = "error") -> Diagnostic:
        line, col = self.of(loc, key=key)
        return Diagnostic(self.file, line, col, code, format_path(loc), message, hint, severity)


class YamlFileError(Exception):
    """A file that cannot be read as YAML; carries its diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("; ".join(d.format() for d in diagnostics))


def _mark(node: yaml.Node, pos: Positions) -> tuple[int, int]:
    return pos.at(node.start_mark.index)


def _scalar(node: yaml.ScalarNode, loc: Loc, pos: Positions) -> object:
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # keep dates as written: periods are strings
    build = _constructor.yaml_constructors.get(node.tag)
    if build is None:
        raise YamlFileError([pos.diagnostic(loc, "Y100", f"unsupported YAML tag {node.tag!r}",
                                            "remove the tag; fact sheets use plain values")])
    return build(_constructor, node)


def _walk(node: yaml.Node, loc: Loc, pos: Positions, errors: list[Diagnostic],
          active: set[int], budget: list[int]) -> object:
    pos.values[loc] = _mark(node, pos)
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlFileError([pos.diagnostic(loc, "Y106", f"more than {MAX_NODES:,} values "
                                            "(aliases expanding?)", "fact sheets are small; "
                                            "avoid nested YAML aliases")])
    if len(loc) > MAX_DEPTH:
        raise YamlFileError([pos.diagnostic(loc, "Y106", f"nesting deeper than {MAX_DEPTH} "
                                            "levels", "fact sheets are shallow; check indentation")])
    if id(node) in active:
        raise YamlFileError([pos.diagnostic(loc, "Y100", "recursive YAML alias",
                                            "remove the alias that refers to itself")])
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, loc, pos)
    active = active | {id(node)}
    if node.tag not in _STANDARD_TAGS:
        raise YamlFileError([pos.diagnostic(loc, "Y100", f"unsupported YAML tag {node.tag!r}",
                                            "remove the tag; fact sheets use plain values")])
    if isinstance(node, yaml.SequenceNode):
        return [_walk(child, loc + (i,), pos, errors, active, budget)
                for i, child in enumerate(node.value)]
    out: dict = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            errors.append(Diagnostic(pos.file, *_mark(key_node, pos), "Y100",
                                     format_path(loc), "a key must be a plain word"))
            continue
        key = key_node.value
        if key in out:
            first = pos.keys[loc + (key,)]
            errors.append(Diagnostic(pos.file, *_mark(key_node, pos), "Y102",
                                     format_path(loc + (key,)),
                                     f"duplicate key {key!r} (first at line {first[0]})",
                                     "keep one of them; YAML would silently drop the first"))
            continue
        pos.keys[loc + (key,)] = _mark(key_node, pos)
        out[key] = _walk(value_node, loc + (key,), pos, errors, active, budget)
    return out


def _decode(data: bytes, rel: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        raise YamlFileError([Diagnostic(rel, line, col, "Y105", "",
                                        f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                                        "save the file as UTF-8")]) from None


def read_yaml(path: Path, rel: str) -> tuple[dict, Positions]:
    """Parse `path` into (mapping, positions); raise YamlFileError with diagnostics."""
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise YamlFileError([Diagnostic(rel, 1, 1, "Y106", "",
                                        f"file is {len(data):,} bytes (limit {MAX_BYTES:,})",
                                        "split it into one file per entity")])
    text = _decode(data, rel)
    if text.startswith("\ufeff"):
        text = text[1:]
    pos = Positions(rel, line_starts=[0] + [m.end() for m in re.finditer("\n", text)])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line, col = pos.at(found if found >= 0 else 0)  # libyaml counts bytes, not characters
        raise YamlFileError([Diagnostic(rel, line, col, "Y100", "",
                                        f"control character U+{exc.character:04X} is not "
                                        "allowed", "delete it (it is invisible in most "
                                        "editors)")]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = pos.at(mark.index) if mark else (1, 1)
        problem = exc.problem or "syntax error"
        lines = text.splitlines()
        bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
        indent = bad_line[: len(bad_line) - len(bad_line.lstrip())]
        if "\t" in indent or "\t" in problem:
            raise YamlFileError([Diagnostic(rel, line, col, "Y101", "",
                                            "tab character used for indentation",
                                            "indent with spaces, never tabs")]) from None
        context = f" ({exc.context})" if exc.context else ""
        raise YamlFileError([Diagnostic(rel, line, col, "Y100", "",
                                        f"YAML syntax error: {problem}{context}",
                                        "check indentation and quoting on this line; text "
                                        "with ': ' or '#' needs quotes")]) from None
    except yaml.YAMLError as exc:
        raise YamlFileError([Diagnostic(rel, 1, 1, "Y100", "", f"YAML error: {exc}")]) from None
    except RecursionError:
        raise YamlFileError([Diagnostic(rel, 1, 1, "Y106", "", "file nested too deeply")]) from None
    if node is None:
        raise YamlFileError([Diagnostic(rel, 1, 1, "Y103", "", "file is empty",
                                        "fill it in or delete it")])
    errors: list[Diagnostic] = []
    data_obj = _walk(node, (), pos, errors, set(), [MAX_NODES])
    if not isinstance(data_obj, dict):
        errors.append(Diagnostic(rel, *pos.of(()), "Y104", "",
                                 "the file must be a mapping of keys (id:, name:, …)"))
    if errors:
        raise YamlFileError(errors)
    return data_obj, pos
