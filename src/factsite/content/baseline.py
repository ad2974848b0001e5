"""Earlier editions, read back from their data packages: what each published, figure by
figure, so that this edition can say what it added, revised and withdrew.

An earlier edition is kept as its published data package (`datapackage.json` and its CSVs),
a folder or a `.zip`, in `content/editions/<edition-date>`; `site.yaml: previous_edition`
may name one elsewhere. This edition itself becomes a `Snapshot` through the very same
tables (`content/tables.py`), so both sides of a comparison are read alike.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from factsite.content.diagnostics import Diagnostic
from factsite.content.edition import Edition
from factsite.content.site_model import SiteConfig
from factsite.content.periods import parse_period
from factsite.content.tables import cell, edition_tables, period_ok
from factsite.content.text import Text
from factsite.content.yamlfile import Positions

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NEEDED = {"facts": ("entity", "fact", "kind", "value", "unit", "period", "period_inferred"),
          "series": ("entity", "fact", "period", "value"), "entities": ("id", "kind")}


class SnapshotError(Exception):
    """A data package that cannot be read back; `file` and `line` say where."""

    def __init__(self, file: str, line: int, message: str, hint: str | None = None,
                 col: int = 1):
        self.file, self.line, self.col, self.message, self.hint = file, line, col, message, hint
        super().__init__(f"{file}:{line}:{col}: {message}")


@dataclass(frozen=True)
class Point:
    period: str
    value: float
    period_inferred: bool = False


@dataclass(frozen=True)
class Figure:
    """One figure as an edition published it."""

    entity: str
    fact: str
    label: Text
    shape: str
    kind: str
    value: float | None = None
    text: Text | None = None
    unit: str | None = None
    qualifier: str | None = None
    period: str | None = None
    period_inferred: bool = False
    points: tuple[Point, ...] = ()
    where: tuple[str, int] = field(default=("", 0), compare=False)  # file and line read from

    @property
    def ref(self) -> str:
        return f"{self.entity}#{self.fact}"

    def differences(self, other: Figure, text_language: str) -> tuple[str, ...]:
        """What differs from `other` as a figure (not its wording): value, period, unit …;
        a statement counts in the language of the sources only (a translation is no
        revision)."""
        names = ("value", "points", "unit", "qualifier", "period", "period_inferred", "kind")
        out = [n for n in names if getattr(self, n) != getattr(other, n)]
        mine = self.text.get(text_language) if self.text else None
        theirs = other.text.get(text_language) if other.text else None
        return tuple(out + (["text"] if mine != theirs else []))


@dataclass(frozen=True)
class Snapshot:
    """What one edition published: its figures by (entity, fact) and its entities' names."""

    version: str  # the edition date
    source: str  # where it was read from, as the author sees it ('' for this edition)
    figures: dict[tuple[str, str], Figure]
    names: dict[str, Text] = field(default_factory=dict)

    @property
    def n_entities(self) -> int:
        return len({entity for entity, _ in self.figures} | set(self.names))


def _texts(row: dict, name: str) -> Text | None:
    found = {key[len(name) + 1:]: value for key, value in row.items()
             if key and key.startswith(name + "_") and value}
    return Text(found) if found else None


def _number(text: str, where: tuple[str, int]) -> float | None:
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        raise SnapshotError(*where, f"{text!r} is not a number") from None


def _rows(name: str, text: str, file: str) -> list[tuple[dict, tuple[str, int]]]:
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    missing = [c for c in NEEDED[name] if c not in (reader.fieldnames or [])]
    if missing:
        raise SnapshotError(file, 1, f"{name} table lacks the column(s) {', '.join(missing)}")
    out = []
    for row in reader:
        out.append((row, (file, reader.line_num)))
    return out


def _figures(tables: dict[str, list[tuple[dict, tuple[str, int]]]]) -> dict:
    points: dict[tuple[str, str], list[Point]] = {}
    for row, where in tables["series"]:
        if not period_ok(row["period"]):
            raise SnapshotError(*where, f"{row['period']!r} is not a period")
        value = _number(row["value"], where)
        if value is None:
            raise SnapshotError(*where, "a series point without a value")
        points.setdefault((row["entity"], row["fact"]), []).append(Point(
            row["period"], value, row.get("period_inferred") == "true"))
    figures = {}
    for row, where in tables["facts"]:
        key = (row["entity"], row["fact"])
        if row["period"] and not period_ok(row["period"]):
            raise SnapshotError(*where, f"{row['period']!r} is not a period")
        figures[key] = Figure(
            row["entity"], row["fact"], _texts(row, "label") or Text({"": row["fact"]}),
            row.get("shape") or ("series" if key in points else "value"), row["kind"],
            _number(row["value"], where), _texts(row, "text"), row["unit"] or None,
            row.get("qualifier") or None, row["period"] or None,
            row["period_inferred"] == "true", tuple(sorted(
                points.get(key, ()), key=lambda p: parse_period(p.period).sort_key())), where)
    return figures


def _names(rows: list[tuple[dict, tuple[str, int]]]) -> dict[str, Text]:
    return {row["id"]: _texts(row, "name") or Text({"": row["id"]}) for row, _ in rows}


def snapshot_of(edition: Edition) -> Snapshot:
    """This edition as a Snapshot, through the same tables its data package holds."""
    tables = edition_tables(edition)
    rows = {name: [({k: cell(v) for k, v in row.items()}, ("", 0))
                   for row in tables[name].rows] for name in NEEDED}
    return Snapshot(edition.site.edition, "", _figures(rows), _names(rows["entities"]))


def read_snapshot(path: Path, rel: str) -> Snapshot:
    """An edition read back from its data package: a folder or a zip holding
    `datapackage.json` and the CSVs it lists. Raises SnapshotError."""
    if path.is_dir():
        def read(name: str) -> bytes:
            return (path / name).read_bytes()
    else:
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise SnapshotError(rel, 1, f"not a zip file ({exc})") from None

        def read(name: str) -> bytes:
            return archive.read(name)
    where = f"{rel}/datapackage.json"
    try:
        descriptor = json.loads(read("datapackage.json").decode("utf-8"))
    except (OSError, KeyError):
        raise SnapshotError(rel, 1, "no datapackage.json in the previous edition",
                            "keep the data package as the site published it "
                            "(data/datapackage.json and its CSVs)") from None
    except UnicodeDecodeError:
        raise SnapshotError(where, 1, "not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise SnapshotError(where, exc.lineno, f"not JSON: {exc.msg}", col=exc.colno) from None
    version = descriptor.get("version") if isinstance(descriptor, dict) else None
    if not isinstance(version, str) or not DATE.fullmatch(version):
        raise SnapshotError(where, 1, f"version {version!r} is not an edition date")
    paths = {r.get("name"): r.get("path") for r in descriptor.get("resources", [])
             if isinstance(r, dict)}
    tables = {}
    for name in NEEDED:
        file = paths.get(name)
        if not isinstance(file, str) or "/" in file or "\\" in file or file.startswith("."):
            raise SnapshotError(where, 1, f"no {name!r} table in the package")
        try:
            text = read(file).decode("utf-8")
        except (OSError, KeyError):
            raise SnapshotError(f"{rel}/{file}", 1, "file of the package is missing") from None
        except UnicodeDecodeError:
            raise SnapshotError(f"{rel}/{file}", 1, "not UTF-8") from None
        tables[name] = _rows(name, text, f"{rel}/{file}")
    return Snapshot(version, rel, _figures(tables), _names(tables["entities"]))


def load_history(root: Path, site: SiteConfig, site_pos: Positions | None,
                 rel: Callable[[Path], str]) -> tuple[tuple, Snapshot | None, list]:
    """(earlier editions oldest first, the baseline, diagnostics): every package in
    `content/editions/` older than this edition, and `previous_edition` when given (else the
    newest of them is the baseline)."""
    diags: list[Diagnostic] = []
    found: dict[str, Snapshot] = {}

    def read(path: Path) -> Snapshot | None:
        try:
            return read_snapshot(path, rel(path))
        except SnapshotError as exc:
            diags.append(Diagnostic(exc.file, exc.line, exc.col, "E700", "", exc.message,
                                    exc.hint))
            return None

    folder = root / "editions"
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith("."):
            continue
        name = path.name if path.is_dir() else path.stem if path.suffix == ".zip" else ""
        if not DATE.fullmatch(name):
            diags.append(Diagnostic(rel(path), 1, 1, "E702", "", "not an edition: "
                                    "content/editions/ holds data packages named by their "
                                    "edition date", "e.g. content/editions/2024-01-15/ or "
                                    "content/editions/2024-01-15.zip"))
            continue
        snapshot = read(path)
        if snapshot is None:
            continue
        if snapshot.version != name:
            diags.append(Diagnostic(rel(path), 1, 1, "E702", "", f"the package is edition "
                                    f"{snapshot.version}, its name says {name}",
                                    f"rename it to {snapshot.version}"))
        elif snapshot.version > site.edition:
            diags.append(Diagnostic(rel(path), 1, 1, "W506", "", f"edition {name} is newer "
                                    f"than this edition ({site.edition}) and is ignored",
                                    severity="warning"))
        elif snapshot.version < site.edition:
            found[snapshot.version] = snapshot
    baseline = found[max(found)] if found else None
    if site.previous_edition and site_pos is not None:
        path = (root / site.previous_edition).resolve()
        if not path.exists():
            diags.append(site_pos.diagnostic(("previous_edition",), "E700", "previous edition "
                                             f"{site.previous_edition!r} not found",
                                             "give the path of its data package (a folder "
                                             "or .zip), relative to content/"))
        elif (baseline := read(path)) is not None and baseline.version >= site.edition:
            diags.append(site_pos.diagnostic(("previous_edition",), "E701", f"the previous "
                                             f"edition ({baseline.version}) is not older than "
                                             f"this one ({site.edition})"))
            baseline = None
        elif baseline is not None:
            found.setdefault(baseline.version, baseline)
    history = tuple(found[v] for v in sorted(found))
    return history, baseline, diags
