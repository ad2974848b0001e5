"""The one registry of entity kinds: the folder a fact sheet lives in gives its kind, and the
kind is part of every page URL (`/<lang>/<kind>/<id>/`) and names its catalogue strings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One kind of entity: its id (URL segment, catalogue key) and its content folder."""

    id: str
    folder: str
    place: bool = False  # a place on a map: the spatial coverage of what lies within it


KINDS: tuple[Kind, ...] = (
    Kind("district", "districts", place=True),
    Kind("cluster", "clusters"),
    Kind("platform", "platforms"),
    Kind("institution", "institutions"),
    Kind("company", "companies"),
    Kind("programme", "programmes"),
)
KIND_IDS: tuple[str, ...] = tuple(k.id for k in KINDS)
BY_FOLDER: dict[str, Kind] = {k.folder: k for k in KINDS}
PLACE_KINDS: frozenset[str] = frozenset(k.id for k in KINDS if k.place)
