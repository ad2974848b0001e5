"""What changed since the previous edition: every figure added, revised (old → new, with
the reason from `content/corrections.yaml`) or withdrawn, per entity; and the releases of
the edition's history, for the "What changed" page and the Atom feed.

Both sides are Snapshots (`content/baseline.py`): the previous edition as read back from
its published data package, this edition through the same tables, so a figure compares
equal when the package would hold the same row for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from factsite.content.baseline import Figure, Snapshot, read_snapshot, snapshot_of
from factsite.content.corrections import Correction
from factsite.content.diagnostics import Diagnostic
from factsite.content.edition import Edition
from factsite.content.text import Text
from factsite.content.units import UNITS
from factsite.render.locale import Locale, stated_period

ChangeKind = Literal["added", "revised", "withdrawn"]
CHANGE_KINDS: tuple[str, ...] = ("revised", "added", "withdrawn")


@dataclass(frozen=True)
class Change:
    """One figure that differs between two editions."""

    kind: ChangeKind
    entity: str
    fact: str
    old: Figure | None  # as the previous edition published it (None: added)
    new: Figure | None  # as this edition publishes it (None: withdrawn)
    reason: Text | None = None  # from the corrections log
    fields: tuple[str, ...] = ()  # what differs, for a revision: value, period, unit …

    @property
    def ref(self) -> str:
        return f"{self.entity}#{self.fact}"

    @property
    def figure(self) -> Figure:
        return self.new or self.old  # type: ignore[return-value]


@dataclass(frozen=True)
class ChangeList:
    """The changes from the previous edition (`previous`, None for a first edition) to
    this one, in a stable order: by entity, then figure."""

    current: str
    previous: str | None
    changes: tuple[Change, ...] = ()
    names: dict[str, Text] = field(default_factory=dict)  # names of withdrawn entities

    @property
    def first(self) -> bool:
        return self.previous is None

    def of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    def for_entity(self, entity_id: str) -> list[Change]:
        """An entity's changes: revisions first, then new figures, then withdrawn ones."""
        return sorted((c for c in self.changes if c.entity == entity_id),
                      key=lambda c: CHANGE_KINDS.index(c.kind))

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of(kind)) for kind in CHANGE_KINDS}


@dataclass(frozen=True)
class Release:
    """One edition of the history: when, and what it changed from the one before."""

    version: str
    previous: str | None
    counts: dict[str, int]
    figures: int
    entities: int


def _reason(corrections: tuple[Correction, ...], ref: str, after: str, upto: str
            ) -> Text | None:
    """The latest correction of `ref` made after edition `after`, up to edition `upto`."""
    found = [c for c in corrections if c.fact == ref and after < c.edition <= upto]
    return max(found, key=lambda c: c.edition).reason if found else None


def compare(old: Snapshot | None, new: Snapshot, corrections: tuple[Correction, ...] = (),
            text_language: str = "") -> ChangeList:
    """The typed change list from `old` to `new` (no changes when `old` is None)."""
    if old is None:
        return ChangeList(new.version, None)
    changes = []
    for key in sorted(set(old.figures) | set(new.figures)):
        before, after = old.figures.get(key), new.figures.get(key)
        ref = f"{key[0]}#{key[1]}"
        if before is None:
            changes.append(Change("added", *key, None, after))
            continue
        reason = _reason(corrections, ref, old.version, new.version)
        if after is None:
            changes.append(Change("withdrawn", *key, before, None, reason))
        elif differs := after.differences(before, text_language):
            changes.append(Change("revised", *key, before, after, reason, differs))
    gone = {c.entity: old.names[c.entity] for c in changes
            if c.kind == "withdrawn" and c.entity in old.names and c.entity not in new.names}
    return ChangeList(new.version, old.version, tuple(changes), gone)


def list_changes(edition: Edition, current: Snapshot | None = None) -> ChangeList:
    """What this edition changed since its baseline (`content/editions/` or
    `previous_edition`)."""
    return compare(edition.baseline, current or snapshot_of(edition), edition.corrections,
                   edition.languages[0])


def changes_since(edition: Edition, package: Path) -> ChangeList:
    """What this edition changed since the edition whose data package (folder or zip) is at
    `package`. Raises content.baseline.SnapshotError when it cannot be read."""
    return compare(read_snapshot(package, str(package)), snapshot_of(edition),
                   edition.corrections, edition.languages[0])


def releases(edition: Edition, changes: ChangeList, current: Snapshot | None = None
             ) -> tuple[Release, ...]:
    """Every edition of the history up to this one, newest first, each with its counts."""
    current = current or snapshot_of(edition)
    upto = changes.previous or ""
    chain = [s for s in edition.history if s.version <= upto]
    out = [Release(current.version, changes.previous, changes.counts(), len(current.figures),
                   current.n_entities)]
    for i, snap in enumerate(chain):
        before = chain[i - 1] if i else None
        diff = compare(before, snap, edition.corrections, edition.languages[0])
        out.append(Release(snap.version, diff.previous, diff.counts(), len(snap.figures),
                           snap.n_entities))
    return tuple(sorted(out, key=lambda r: r.version, reverse=True))


def change_warnings(edition: Edition, changes: ChangeList) -> list[Diagnostic]:
    """W504: a figure revised or withdrawn with no reason in the corrections log; W505: a
    correction of this edition for a figure that did not change."""
    out = []
    hint = ("add {fact: %s, edition: \"" + changes.current + "\", reason: {...}} to "
            "content/corrections.yaml")
    for change in changes.changes:
        if change.kind == "added" or change.reason is not None:
            continue
        message = (f"{change.ref}: {change.kind} since the edition of {changes.previous}, "
                   "with no reason in corrections.yaml")
        pos = edition.positions.get(f"entity:{change.entity}")
        entity = edition.entities.get(change.entity)
        if change.new is not None and pos is not None and entity is not None:
            index = next(i for i, f in enumerate(entity.facts) if f.id == change.fact)
            out.append(pos.diagnostic(("facts", index, "id"), "W504", message,
                                      hint % change.ref, severity="warning"))
        else:
            file, line = change.old.where if change.old else ("", 0)
            out.append(Diagnostic(file or edition.positions["site"].file, line or 1, 1, "W504",
                                  "", message, hint % change.ref, severity="warning"))
    changed = {c.ref for c in changes.changes if c.kind != "added"}
    pos = edition.positions.get("corrections")
    for i, entry in enumerate(edition.corrections):
        if pos is not None and entry.edition == changes.current and entry.fact not in changed:
            since = (f"since the edition of {changes.previous}" if changes.previous else
                     "(this is the first edition: there is no previous one to compare with)")
            out.append(pos.diagnostic(("corrections", i, "fact"), "W505", f"{entry.fact} was "
                                      f"not revised or withdrawn {since}",
                                      severity="warning"))
    return out


def correction_anchor(entry: Correction) -> str:
    """The id of a correction on the "What changed" page (the feed links to it)."""
    return f"correction-{entry.entity}--{entry.fact_id}--{entry.edition}"


# -- saying a figure of either edition ----------------------------------------------------
def in_language(loc: Locale, text: Text | None) -> str:
    """A text in the page's language, else in the first language it has (an earlier
    edition may lack a language added since)."""
    if not text:
        return ""
    return text.get(loc.code) or next(iter(text.values()))


def _number(loc: Locale, value: float, fig: Figure) -> str:
    unit = fig.unit if fig.unit in UNITS and fig.unit in loc["units"] else None
    text = loc.number(value, unit, fig.qualifier if fig.qualifier in loc["qualifiers"]
                      else None)
    return text if unit or not fig.unit else f"{text} {fig.unit}"


def figure_value(loc: Locale, fig: Figure) -> str:
    """The figure: '45 enterprises', '20 → 60 enterprises', or the statement."""
    if fig.points:
        return f"{_number(loc, fig.points[0].value, fig)} → " \
               f"{_number(loc, fig.points[-1].value, fig)}"
    if fig.value is not None:
        return _number(loc, fig.value, fig)
    return in_language(loc, fig.text)


def figure_period(loc: Locale, fig: Figure) -> str:
    """Its period: '2023', '2018 – 2024', 'Target 2025', 'deadline not given' …"""
    if fig.points:
        first, last = fig.points[0], fig.points[-1]
        return f"{stated_period(loc, first.period, None, first.period_inferred)} → " \
               f"{stated_period(loc, last.period, None, last.period_inferred)}"
    if fig.period is None:
        return loc["deadline_not_given"] if fig.kind != "actual" else ""
    text = stated_period(loc, fig.period, None, fig.period_inferred)
    return loc.t("target_period", period=text) if fig.kind == "target" else text


def figure_text(loc: Locale, fig: Figure) -> str:
    """The figure with its period: '45 enterprises, 2023' / '45家(2023年)'."""
    value, period = figure_value(loc, fig), figure_period(loc, fig)
    return loc.t("figure_at", value=value, period=period) if period else value
