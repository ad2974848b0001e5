"""Load `content/` into an Edition: read every file, validate it against the model, collect
every error with its file:line:col, then run the reference and provenance checks."""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from factsite.diagnostics import ContentError, Diagnostic
from factsite.edition import KIND_FOLDERS, Edition
from factsite.model import Entity, Glossary, SiteConfig, SourceList
from factsite.yamlfile import Positions, YamlFileError, read_yaml

ROOT_FILES = {"site.yaml", "glossary.yaml"}


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


def _diagnose(exc: ValidationError, model: type[BaseModel], pos: Positions,
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
        elif kind == "missing" and last in ("zh", "en"):
            lang = {"zh": "Chinese ('zh')", "en": "English ('en')"}[last]
            out.append(pos.diagnostic(loc, "S202", f"missing {lang} text",
                                      "every text a reader sees needs both zh and en"))
        elif kind == "missing":
            out.append(pos.diagnostic(loc, "S201", f"missing required field {last!r}"))
        elif "is not a period" in msg or "does not exist" in msg or "range" in msg \
                or "quarter has no day" in msg or "precision" in msg or "is not a date" in msg \
                or "not plausible" in msg:
            out.append(pos.diagnostic(loc, "S204", msg,
                                      "periods look like 2022, 2022-Q3, 2024-01..05, 2023-07-31"))
        elif "not a known unit" in msg:
            out.append(pos.diagnostic(loc, "S205", msg, "see the unit table in the README"))
        elif msg.startswith(("a fact", "a numeric fact", "a `series`")):
            out.append(pos.diagnostic(loc, "S206", msg))
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


_PARSED: dict[tuple, tuple[Any, Positions | None, list[Diagnostic]]] = {}


def _load_one(path: Path, rel: str, model: type[BaseModel],
              diags: list[Diagnostic]) -> tuple[Any, Positions | None]:
    """Parse and validate one file; an unchanged file (same size and mtime) is not re-read
    within a process, so a preview server reloads only what was edited."""
    stat = path.stat()
    key = (str(path), rel, model.__name__, stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        found: list[Diagnostic] = []
        obj, pos = _parse_one(path, rel, model, found)
        _PARSED[key] = (obj, pos, found)
    obj, pos, found = _PARSED[key]
    diags.extend(found)
    return obj, pos


def _parse_one(path: Path, rel: str, model: type[BaseModel],
               diags: list[Diagnostic]) -> tuple[Any, Positions | None]:
    try:
        data, pos = read_yaml(path, rel)
    except YamlFileError as exc:
        diags.extend(exc.diagnostics)
        return None, None
    try:
        return model.model_validate(data), pos
    except ValidationError as exc:
        diags.extend(_diagnose(exc, model, pos, data))
        return None, pos


def load_edition(root: Path) -> Edition:
    """Load and check everything under `root` (the content folder); raise ContentError."""
    from factsite.provenance import check_provenance
    from factsite.references import check_references

    root = root.resolve()
    diags: list[Diagnostic] = []
    positions: dict[str, Positions] = {}

    def rel(p: Path) -> str:
        """Path as the author sees it: relative to the working folder when inside it."""
        for base in (Path.cwd(), root.parent):
            try:
                return str(p.relative_to(base))
            except ValueError:
                continue
        return str(p)

    def load(path: Path, model: type[BaseModel], key: str) -> Any:
        if not path.exists():
            diags.append(Diagnostic(rel(path), 1, 1, "Y107", "", "required file is missing",
                                    f"create {path.name} (see the README's authoring guide)"))
            return None
        obj, pos = _load_one(path, rel(path), model, diags)
        if pos is not None:
            positions[key] = pos
        return obj

    site = load(root / "site.yaml", SiteConfig, "site")
    source_list = load(root / "sources" / "sources.yaml", SourceList, "sources")
    glossary = load(root / "glossary.yaml", Glossary, "glossary")

    entities: dict[str, Entity] = {}
    kinds: dict[str, str] = {}
    broken: set[str] = set()
    for folder, kind in KIND_FOLDERS.items():
        for path in sorted((root / folder).glob("*.y*ml")):
            entity, pos = _load_one(path, rel(path), Entity, diags)
            if entity is None:
                broken.add(path.stem)  # reported already; do not report references to it
                continue
            if entity.id != path.stem:
                diags.append(pos.diagnostic(("id",), "S208", f"id {entity.id!r} does not match "
                                            f"the file name {path.name!r}",
                                            f"rename the file to {entity.id}.yaml or set "
                                            f"id: {path.stem}"))
                broken.add(path.stem)
                continue
            if entity.id in entities:
                first = positions[f"entity:{entity.id}"].file
                diags.append(pos.diagnostic(("id",), "R301", f"duplicate entity id "
                                            f"{entity.id!r} (also in {first})",
                                            "ids are unique across all folders"))
                continue
            entities[entity.id] = entity
            kinds[entity.id] = kind
            positions[f"entity:{entity.id}"] = pos
    for path in sorted(root.glob("*.y*ml")):
        if path.name not in ROOT_FILES:
            diags.append(Diagnostic(rel(path), 1, 1, "Y107", "", "unknown file in content/",
                                    "fact sheets go in " + ", ".join(f"{f}/" for f in
                                                                      KIND_FOLDERS)))

    if site is None or source_list is None or glossary is None:
        raise ContentError(diags)

    sources = {}
    texts = {}
    for i, src in enumerate(source_list.sources):
        spos = positions["sources"]
        if src.id in sources:
            diags.append(spos.diagnostic(("sources", i, "id"), "R303",
                                         f"duplicate source id {src.id!r}"))
            continue
        sources[src.id] = src
        folder = (root / "sources").resolve()
        doc = (folder / src.file).resolve()
        if doc.parent != folder and doc != folder:
            diags.append(spos.diagnostic(("sources", i, "file"), "R306",
                                         f"source document {src.file!r} is not in "
                                         "content/sources/", "give the bare file name of a "
                                         "document in content/sources/"))
            continue
        try:
            texts[src.id] = doc.read_text(encoding="utf-8")
        except (FileNotFoundError, IsADirectoryError):
            present = sorted(p.name for p in folder.glob("*.txt"))
            close = get_close_matches(src.file, present, n=1)
            diags.append(spos.diagnostic(("sources", i, "file"), "R306",
                                         f"source document {src.file!r} not found",
                                         f"did you mean {close[0]!r}?" if close else
                                         "put the plain-text document in content/sources/"))
        except UnicodeDecodeError:
            diags.append(spos.diagnostic(("sources", i, "file"), "Y105",
                                         f"source document {src.file!r} is not UTF-8"))

    terms = {}
    for i, term in enumerate(glossary.terms):
        if term.id in terms:
            diags.append(positions["glossary"].diagnostic(("terms", i, "id"), "R303",
                                                          f"duplicate term id {term.id!r}"))
            continue
        terms[term.id] = term

    edition = Edition(root, site, sources, texts, terms, entities, kinds, positions)
    diags += check_references(edition, unreadable=broken)
    diags += check_provenance(edition)
    if any(d.severity == "error" for d in diags):
        raise ContentError([d for d in diags if d.severity == "error"])
    edition.warnings = [d for d in diags if d.severity == "warning"]
    return edition


def load_strings(folder: Path) -> dict[str, dict]:
    """The UI catalogues (`templates/i18n/<lang>.yaml`); both must have the same keys."""
    diags: list[Diagnostic] = []
    out: dict[str, dict] = {}
    for lang in ("zh", "en"):
        path = folder / f"{lang}.yaml"
        try:
            out[lang], _ = read_yaml(path, str(path))
        except (YamlFileError, FileNotFoundError) as exc:
            diags += getattr(exc, "diagnostics", [Diagnostic(str(path), 1, 1, "Y107", "",
                                                             "UI catalogue missing")])
    if diags:
        raise ContentError(diags)

    def keys(d: dict, prefix: str = "") -> set[str]:
        found = set()
        for k, v in d.items():
            found.add(prefix + k)
            if isinstance(v, dict):
                found |= keys(v, prefix + k + ".")
        return found

    zh, en = keys(out["zh"]), keys(out["en"])
    for lang, missing in (("zh", en - zh), ("en", zh - en)):
        for key in sorted(missing):
            diags.append(Diagnostic(str(folder / f"{lang}.yaml"), 1, 1, "S202", key,
                                    f"UI string missing in {lang}",
                                    "every UI string needs both languages"))
    if diags:
        raise ContentError(diags)
    return out
