"""District maps: `content/maps/<id>.yaml` names a TopoJSON boundary file kept beside it and
says which of its features are atlas entities. Another region supplies its own boundary file
and sheet; factsite never downloads boundaries.

The sheet's features are checked against the file both ways (every feature of the file is
listed, every listed code is in the file), every entity it names exists, and a feature
without a page carries its own name, so that the map can say "not covered by the sources"
in every language."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import Field, model_validator

from factsite.content.diagnostics import Diagnostic
from factsite.content.model import ID_PATTERN, Strict
from factsite.content.text import Text
from factsite.content.yamlfile import Positions

MAX_BOUNDARY_BYTES = 2_000_000  # a simplified city map is tens of KB; more is a raw export


class MapFeature(Strict):
    """One area of the boundary file: an atlas entity, or a named area the sources do not
    cover."""

    entity: str | None = Field(default=None, description="Id of the entity this area is; "
                               "omit when the atlas has no page for it.")
    name: Text | None = Field(default=None, description="Official name, for an area without "
                              "an entity (an entity's own name is used otherwise).")
    short_name: Text | None = Field(default=None, description="Label drawn on the map, for an "
                                    "area without an entity.")

    @model_validator(mode="after")
    def _named(self) -> MapFeature:
        if self.entity is None and (self.name is None or self.short_name is None):
            raise ValueError("an area without `entity` needs `name` and `short_name`")
        return self


class MapSheet(Strict):
    """A map of the region's administrative areas, drawn from a TopoJSON file."""

    id: str = Field(pattern=ID_PATTERN, description="Id of the map; equals the file name stem.")
    file: str = Field(description="The TopoJSON file in `content/maps/`.")
    object: str = Field(description="The TopoJSON object holding the areas.")
    key: str = Field(default="code", description="The feature property that identifies an "
                     "area (the keys of `features`).")
    region: str = Field(description="Entity id of the whole region: its page shows the map.")
    title: Text = Field(description="Title drawn above the map.")
    credit: Text = Field(description="Short source line drawn under the title (boundary data "
                         "and its provider).")
    attribution: Text = Field(description="Full attribution of the boundary data, shown in "
                              "the caption.")
    note: Text = Field(description="What the map is and is not (an illustration of "
                       "administrative areas, not a survey map).")
    inset: list[str] = Field(default_factory=list, description="Codes of small central areas "
                             "drawn again, enlarged, beside the map.")
    features: dict[str, MapFeature] = Field(description="Every area of the file by its code.")


def read_topology(path: Path, rel: str) -> tuple[dict | None, list[Diagnostic]]:
    """The parsed TopoJSON file (which exists), or the diagnostic saying why it cannot be
    used."""
    def fail(message: str, hint: str, line: int = 1, col: int = 1):
        return None, [Diagnostic(rel, line, col, "Y108", "", message, hint)]

    if path.stat().st_size > MAX_BOUNDARY_BYTES:
        return fail(f"boundary file is larger than {MAX_BOUNDARY_BYTES // 1000} KB",
                    "simplify it (topology-preserving) before adding it to the content")
    try:
        topo = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return fail("boundary file is not UTF-8", "save it as UTF-8 JSON")
    except json.JSONDecodeError as err:
        return fail(f"boundary file is not JSON: {err.msg}", "correct the JSON or regenerate "
                    "the file",
                    err.lineno, err.colno)
    if not isinstance(topo, dict) or topo.get("type") != "Topology":
        return fail("boundary file is not a TopoJSON Topology", "convert it with the "
                    "`topojson` package (see scripts/make_district_map.py)")
    return topo, []


def feature_codes(topo: dict, sheet: MapSheet) -> list[str] | None:
    """The codes of the areas in the sheet's object, in file order (None: no such object)."""
    obj = topo.get("objects", {}).get(sheet.object)
    if not isinstance(obj, dict):
        return None
    return [str((g.get("properties") or {}).get(sheet.key)) for g in obj.get("geometries", [])]


def check_map(sheet: MapSheet, topo: dict, pos: Positions, entities: dict,
              unreadable: set[str] = frozenset()) -> list[Diagnostic]:
    """The sheet against its boundary file and the edition's entities (references to
    `unreadable` entities, whose files failed to load and are reported already, pass)."""
    entities = set(entities) | set(unreadable)
    out = []
    codes = feature_codes(topo, sheet)
    if codes is None:
        return [pos.diagnostic(("object",), "R312", f"no object {sheet.object!r} in "
                               f"{sheet.file}", "name one of: "
                               + ", ".join(sorted(topo.get("objects", {}))))]
    for code in codes:
        if code not in sheet.features:
            out.append(pos.diagnostic(("features",), "R312", f"area {code!r} of {sheet.file} "
                                      "is not listed", f"add \"{code}\": with its entity or "
                                      "its name"))
    for code, feature in sheet.features.items():
        if code not in codes:
            out.append(pos.diagnostic(("features", code), "R312", f"no area {code!r} in "
                                      f"{sheet.file}", "list the codes of the file's "
                                      f"`{sheet.key}` property", key=True))
        if feature.entity is not None and feature.entity not in entities:
            out.append(pos.diagnostic(("features", code, "entity"), "R300",
                                      f"unknown entity {feature.entity!r}"))
    for i, code in enumerate(sheet.inset):
        if code not in sheet.features:
            out.append(pos.diagnostic(("inset", i), "R312", f"inset area {code!r} is not "
                                      "among `features`"))
    if sheet.region not in entities:
        out.append(pos.diagnostic(("region",), "R300", f"unknown entity {sheet.region!r}"))
    return out
