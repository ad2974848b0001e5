"""The corrections log, `content/corrections.yaml`: why a figure an earlier edition published
was revised or withdrawn. Its model (documented in the authoring guide) and its checks: each
entry names a figure of this edition or of an earlier one kept in `content/editions/`."""

from __future__ import annotations

from difflib import get_close_matches

from pydantic import Field, field_validator

from factsite.content.diagnostics import Diagnostic
from factsite.content.edition import Edition
from factsite.content.model import Strict
from factsite.content.site_model import edition_date
from factsite.content.text import Text

FACT_REF = r"^[a-z0-9]+(-[a-z0-9]+)*#[a-z0-9]+(-[a-z0-9]+)*$"


class Correction(Strict):
    """One entry of `content/corrections.yaml`: a published figure that an edition revised
    or withdrew, and why. The "What changed" page, the entity's page and the Atom feed give
    the reason beside the old and the new figure."""

    fact: str = Field(pattern=FACT_REF, description="The figure, as `entity#fact` (a figure "
                      "of this edition, or of the previous one when it was withdrawn).")
    edition: str = Field(description="Edition that made the correction, `YYYY-MM-DD`: this "
                         "edition's date for a correction made now; earlier entries stay as "
                         "the record.")
    reason: Text = Field(description="Why the figure changed, e.g. {zh: 原文更正, en: the "
                         "source corrected the figure}.")

    @field_validator("edition", mode="before")
    @classmethod
    def _edition(cls, v: object) -> object:
        return edition_date(v)

    @property
    def entity(self) -> str:
        return self.fact.partition("#")[0]

    @property
    def fact_id(self) -> str:
        return self.fact.partition("#")[2]


class CorrectionList(Strict):
    """`content/corrections.yaml`."""

    corrections: list[Correction] = Field(default_factory=list, description="The entries, "
                                          "oldest first.")


def check_corrections(edition: Edition) -> list[Diagnostic]:
    """Each entry names a known figure, is not dated after this edition, and is unique."""
    pos = edition.positions.get("corrections")
    if pos is None:
        return []
    known = {f"{e.id}#{f.id}" for e in edition.entities.values() for f in e.facts}
    for snapshot in edition.history:
        known |= {f"{entity}#{fact}" for entity, fact in snapshot.figures}
    out: list[Diagnostic] = []
    seen: set[tuple[str, str]] = set()
    for i, entry in enumerate(edition.corrections):
        if entry.fact not in known:
            close = get_close_matches(entry.fact, sorted(known), n=1)
            out.append(pos.diagnostic(("corrections", i, "fact"), "R307",
                                      f"unknown fact {entry.fact!r}",
                                      f"did you mean {close[0]!r}?" if close else
                                      "name a figure of this edition or of one kept in "
                                      "content/editions/, as entity#fact"))
        if entry.edition > edition.site.edition:
            out.append(pos.diagnostic(("corrections", i, "edition"), "E703",
                                      f"correction dated {entry.edition}, after this edition "
                                      f"({edition.site.edition})",
                                      "date it with the edition that makes it"))
        if (entry.fact, entry.edition) in seen:
            out.append(pos.diagnostic(("corrections", i), "R303", f"duplicate correction of "
                                      f"{entry.fact!r} in edition {entry.edition}"))
        seen.add((entry.fact, entry.edition))
    return out
