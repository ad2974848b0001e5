"""Load `content/` into an Edition: read every file, validate it against the model, collect
every error with its file:line:col, then run the reference and provenance checks."""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from factsite.content.baseline import load_history
from factsite.content.corrections import CorrectionList, check_corrections
from factsite.content.derived import with_derived_languages
from factsite.content.diagnostics import ContentError, Diagnostic
from factsite.content.edition import Edition
from factsite.content.kinds import KINDS
from factsite.content.maps import MapSheet, check_map, read_topology
from factsite.content.model import Entity
from factsite.content.site_model import Glossary, MetricList, SiteConfig, SourceList
from factsite.content.provenance import ProvenanceMemo, check_provenance
from factsite.content.references import check_references
from factsite.content.validation import diagnose
from factsite.content.yamlfile import Positions, YamlFileError, read_yaml

ROOT_FILES = {"site.yaml", "glossary.yaml", "metrics.yaml", "corrections.yaml"}
FALLBACK_LANGUAGES = ("zh", "en")  # only to keep checking other files when site.yaml is broken

Parsed = tuple[Any, Positions | None, list[Diagnostic]]


class Loader:
    """Loads one content folder, as often as asked.

    A file whose size and modification time have not changed since the last load is not
    parsed again, so a preview server that keeps its Loader reloads only what was edited.
    The memory holds the files of the last load only.
    """

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self._parsed: dict[tuple, Parsed] = {}
        self._used: dict[tuple, Parsed] = {}
        self._provenance = ProvenanceMemo()

    # -- one file --------------------------------------------------------------------------
    def _rel(self, path: Path) -> str:
        """Path as the author sees it: relative to the working folder when inside it."""
        for base in (Path.cwd(), self.root.parent):
            try:
                return str(path.relative_to(base))
            except ValueError:
                continue
        return str(path)

    def _file(self, path: Path, model: type[BaseModel], languages: tuple[str, ...],
              diags: list[Diagnostic]) -> tuple[Any, Positions | None]:
        stat = path.stat()
        key = (str(path), model.__name__, stat.st_mtime_ns, stat.st_size, languages)
        parsed = self._parsed.get(key) or _parse(path, self._rel(path), model, languages)
        self._used[key] = parsed
        obj, pos, found = parsed
        diags.extend(found)
        return obj, pos

    # -- the edition ---------------------------------------------------------------------
    def load(self) -> Edition:
        """Load and check everything; raise ContentError with every problem found."""
        self._used = {}
        try:
            return self._load()
        finally:
            self._parsed = self._used

    def _load(self) -> Edition:
        root = self.root
        diags: list[Diagnostic] = []
        positions: dict[str, Positions] = {}
        languages = _declared_languages(root / "site.yaml")

        def load(path: Path, model: type[BaseModel], key: str) -> Any:
            if not path.exists():
                diags.append(Diagnostic(self._rel(path), 1, 1, "Y107", "",
                                        "required file is missing",
                                        f"create {path.name} (see the README's authoring guide)"))
                return None
            obj, pos = self._file(path, model, languages, diags)
            if pos is not None:
                positions[key] = pos
            return obj

        site = load(root / "site.yaml", SiteConfig, "site")
        source_list = load(root / "sources" / "sources.yaml", SourceList, "sources")
        glossary = load(root / "glossary.yaml", Glossary, "glossary")
        metric_list = load(root / "metrics.yaml", MetricList, "metrics") \
            if (root / "metrics.yaml").exists() else MetricList()
        correction_list = load(root / "corrections.yaml", CorrectionList, "corrections") \
            if (root / "corrections.yaml").exists() else CorrectionList()

        entities: dict[str, Entity] = {}
        kinds: dict[str, str] = {}
        broken: set[str] = set()
        for kind in KINDS:
            for path in sorted((root / kind.folder).glob("*.y*ml")):
                entity, pos = self._file(path, Entity, languages, diags)
                if entity is None:
                    broken.add(path.stem)  # reported already; do not report references to it
                    continue
                if entity.id != path.stem:
                    diags.append(pos.diagnostic(("id",), "S208", f"id {entity.id!r} does not "
                                                f"match the file name {path.name!r}",
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
                kinds[entity.id] = kind.id
                positions[f"entity:{entity.id}"] = pos
        for path in sorted(root.glob("*.y*ml")):
            if path.name not in ROOT_FILES:
                diags.append(Diagnostic(self._rel(path), 1, 1, "Y107", "",
                                        "unknown file in content/", "fact sheets go in "
                                        + ", ".join(f"{k.folder}/" for k in KINDS)))

        if site is None or source_list is None or glossary is None:
            raise ContentError(diags)
        sources, texts = _read_sources(root, source_list, positions["sources"], diags)
        terms = {}
        for i, term in enumerate(glossary.terms):
            if term.id in terms:
                diags.append(positions["glossary"].diagnostic(
                    ("terms", i, "id"), "R303", f"duplicate term id {term.id!r}"))
                continue
            terms[term.id] = term

        metrics = {}
        for i, metric in enumerate(metric_list.metrics if metric_list else []):
            if metric.id in metrics:
                diags.append(positions["metrics"].diagnostic(
                    ("metrics", i, "id"), "R303", f"duplicate metric id {metric.id!r}"))
            metrics.setdefault(metric.id, metric)
        maps, topologies = self._maps(languages, positions, entities, broken, diags)
        history, baseline, found = load_history(root, site, positions.get("site"), self._rel)
        diags += found
        edition = Edition(root, site, sources, texts, terms, entities, kinds, positions,
                          metrics=metrics, maps=maps, topologies=topologies, history=history,
                          baseline=baseline, corrections=tuple(correction_list.corrections
                                                               if correction_list else ()))
        diags += check_references(edition, unreadable=broken)
        diags += check_corrections(edition)
        diags += check_provenance(edition, self._provenance)
        if any(d.severity == "error" for d in diags):
            raise ContentError([d for d in diags if d.severity == "error"])
        edition.warnings = [d for d in diags if d.severity == "warning"]
        with_derived_languages(edition)
        return edition


    def _maps(self, languages: tuple[str, ...], positions: dict[str, Positions],
              entities: dict, broken: set[str], diags: list[Diagnostic]) -> tuple[dict, dict]:
        """The map sheets of `content/maps/` with their boundary files, checked."""
        maps, topologies = {}, {}
        for path in sorted((self.root / "maps").glob("*.y*ml")):
            sheet, pos = self._file(path, MapSheet, languages, diags)
            if sheet is None:
                continue
            if sheet.id != path.stem:
                diags.append(pos.diagnostic(("id",), "S208", f"id {sheet.id!r} does not match "
                                            f"the file name {path.name!r}",
                                            f"rename the file to {sheet.id}.yaml"))
                continue
            boundary = path.parent / sheet.file
            if not boundary.is_file():
                diags.append(pos.diagnostic(("file",), "Y108", f"boundary file {sheet.file!r} "
                                            "is missing", "generate it (see "
                                            "scripts/make_district_map.py) or correct `file`"))
                continue
            topo, problems = read_topology(boundary, self._rel(boundary))
            diags += problems
            if topo is None:
                continue
            found = check_map(sheet, topo, pos, entities, broken)
            diags += found
            if not found:
                maps[sheet.id], topologies[sheet.id] = sheet, topo
                positions[f"map:{sheet.id}"] = pos
        return maps, topologies


def load_edition(root: Path) -> Edition:
    """Load and check the content folder `root` once; raise ContentError."""
    return Loader(root).load()


def _parse(path: Path, rel: str, model: type[BaseModel], languages: tuple[str, ...]) -> Parsed:
    diags: list[Diagnostic] = []
    try:
        data, pos = read_yaml(path, rel)
    except YamlFileError as exc:
        return None, None, exc.diagnostics
    try:
        return model.model_validate(data, context={"languages": languages}), pos, diags
    except ValidationError as exc:
        return None, pos, diagnose(exc, model, pos, data)


def _declared_languages(path: Path) -> tuple[str, ...]:
    """The `languages:` of site.yaml, read before anything is validated against them."""
    try:
        data, _ = read_yaml(path, str(path))
    except (YamlFileError, OSError):
        return FALLBACK_LANGUAGES
    found = data.get("languages")
    if isinstance(found, list) and found and all(isinstance(x, str) for x in found):
        return tuple(found)
    return FALLBACK_LANGUAGES


def _read_sources(root: Path, source_list: SourceList, spos: Positions,
                  diags: list[Diagnostic]) -> tuple[dict, dict]:
    """The source entries and the text of each document (confined to content/sources/)."""
    sources, texts = {}, {}
    folder = (root / "sources").resolve()
    for i, src in enumerate(source_list.sources):
        if src.id in sources:
            diags.append(spos.diagnostic(("sources", i, "id"), "R303",
                                         f"duplicate source id {src.id!r}"))
            continue
        sources[src.id] = src
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
    return sources, texts
