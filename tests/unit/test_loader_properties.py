"""Property tests of the loader: whatever an entity file holds, `load_edition` either returns
an Edition or raises ContentError whose every diagnostic has a file, a 1-based line and column
and a stable code; never any other exception (which would reach the author as a traceback).

Three sources of bad files: (a) arbitrary text and bytes, (b) arbitrary YAML structures dumped
with yaml.safe_dump, (c) small mutations of the valid files of the mini fixture edition.
Each example loads its own fresh copy of the mini edition."""

from __future__ import annotations

import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsite.content.diagnostics import ContentError
from factsite.content.loader import load_edition

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini"
CODE = re.compile(r"[YSRPCW]\d{3}")
TARGET = "districts/east-district.yaml"
FIXTURE_FILES = sorted(str(p.relative_to(MINI / "content"))
                       for p in (MINI / "content").rglob("*.yaml"))

SETTINGS = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@contextmanager
def mini_copy():
    """A fresh copy of the mini edition's content folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="factsite-prop-") as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(MINI / "content", content)
        yield content


def assert_loads_or_diagnoses(content: Path) -> None:
    """The property: an Edition, or a ContentError with well-formed diagnostics."""
    try:
        load_edition(content)
    except ContentError as exc:
        assert exc.diagnostics, "ContentError without diagnostics"
        for d in exc.diagnostics:
            where = d.format()
            assert isinstance(d.file, str) and d.file, where
            assert isinstance(d.line, int) and d.line >= 1, where
            assert isinstance(d.col, int) and d.col >= 1, where
            assert isinstance(d.code, str) and CODE.fullmatch(d.code), where


def check_file(rel: str, data: bytes) -> None:
    with mini_copy() as content:
        (content / rel).write_bytes(data)
        assert_loads_or_diagnoses(content)


def fixture_text(rel: str) -> str:
    return (MINI / "content" / rel).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# (a) arbitrary text and bytes

def _splice(prefix: str, cut: int, insert: str) -> str:
    cut = min(cut, len(prefix))
    return prefix[:cut] + insert + prefix[cut:]


texts = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list(" \t\n:-[]{}#&*!|>'\"%@`,?~0129.aé东\u2028\ufeff"))),
    st.builds(_splice, st.just(fixture_text(TARGET)), st.integers(0, 2000), st.text(max_size=20)),
)


@SETTINGS
@given(texts)
def test_arbitrary_text_never_crashes(text):
    check_file(TARGET, text.encode("utf-8", errors="surrogatepass"))


def _splice_bytes(prefix: bytes, cut: int, insert: bytes) -> bytes:
    cut = min(cut, len(prefix))
    return prefix[:cut] + insert + prefix[cut:]


raw_bytes = st.one_of(
    st.binary(),
    st.builds(_splice_bytes, st.just(fixture_text(TARGET).encode()), st.integers(0, 2000),
              st.binary(min_size=1, max_size=8)),
)


@SETTINGS
@given(raw_bytes)
def test_arbitrary_bytes_never_crash(data):
    check_file(TARGET, data)


# ---------------------------------------------------------------------------------------------
# (b) arbitrary YAML structures

FIELD_NAMES = ["id", "type", "name", "short_name", "aliases", "parent", "summary", "links",
               "facts", "timeline", "charts", "terms", "zh", "en", "label", "metric", "value",
               "series", "text", "unit", "qualifier", "period", "period_phrase", "kind",
               "scope", "rank", "note", "differs_from", "source", "doc", "quote", "to", "rel",
               "date", "title"]
WORDS = ["east-district", "river-city", "west-district", "smart-manufacturing", "river-2024",
         "srdi", "little-giant", "srdi-firms", "little-giants", "enterprises", "percent",
         "2023", "2023-Q3", "2024-01..05", "related_to", "target", "ladder", "progress",
         "东区集聚专精特新企业45家", "river-city#industrial-growth"]

EDGE_TEXTS = ["", " ", ".", "..", "-", "[", "#", "~", "0", "1e400", "nan", "\u2028", "\ufeff"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.sampled_from(WORDS), st.sampled_from(EDGE_TEXTS),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.sampled_from(EDGE_TEXTS),
                 st.text(max_size=10))
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(keys, children, max_size=6)),
    max_leaves=40,
)
documents = st.one_of(structures, st.dictionaries(keys, structures, min_size=1, max_size=8))


@SETTINGS
@given(documents)
def test_arbitrary_yaml_structures_never_crash(doc):
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    check_file(TARGET, text.encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# (c) mutations of the valid fixture files

def _paths(node, prefix=()):
    """Every (path, is_mapping_key) below `node`: each mapping entry and each list item."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield prefix + (k,), True
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield prefix + (i,), False
            yield from _paths(v, prefix + (i,))


def _parent(doc, path):
    for part in path[:-1]:
        doc = doc[part]
    return doc


def _leaves(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _leaves(v)
    elif isinstance(node, list):
        for v in node:
            yield from _leaves(v)
    else:
        yield node


FIXTURE_SCALARS = sorted({repr(v): v for rel in FIXTURE_FILES
                          for v in _leaves(yaml.safe_load(fixture_text(rel)))}.values(), key=repr)


def replacements(old):
    """A new value for `old`: an edge case, another value of the fixture, anything, or (for
    text) the same text with one character changed, inserted or removed."""
    options = [st.sampled_from(EDGE_TEXTS), st.sampled_from(FIXTURE_SCALARS), scalars,
               structures]
    if isinstance(old, str) and old:
        options.append(st.builds(lambda i, new, drop: old[:i] + new + old[i + drop:],
                                 st.integers(0, len(old)), st.text(max_size=2),
                                 st.integers(0, 1)))
    return st.one_of(options)


@SETTINGS
@given(st.data())
def test_mutated_fixture_files_never_crash(data):
    rel = data.draw(st.sampled_from(FIXTURE_FILES), label="file")
    doc = yaml.safe_load(fixture_text(rel))
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        paths = list(_paths(doc))
        if not paths:
            break
        path, is_key = data.draw(st.sampled_from(paths), label="path")
        parent = _parent(doc, path)
        if is_key and data.draw(st.booleans(), label="delete"):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(replacements(parent[path[-1]]), label="new value")
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    check_file(rel, text.encode("utf-8"))
