"""The page plan: which pages exist (the same set in every language) and what each shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from factsite.content.edition import Edition
from factsite.content.kinds import KIND_IDS


@dataclass(frozen=True)
class Page:
    """One page in one language; `path` is shared by every language ('' is the home page)."""

    lang: str
    path: str
    template: str
    kind: str
    entity_id: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def depth(self) -> int:
        return self.path.count("/")

    @property
    def src(self) -> str:
        """The source file name MkDocs knows this page by."""
        return f"{self.path}index.md"


# pages every edition has, after its entities: (path, template, kind)
FIXED_PAGES = (("compare/", "compare.md.j2", "compare"),
               ("ledger/", "ledger.md.j2", "ledger"),
               ("targets/", "targets.md.j2", "tracker"),
               ("glossary/", "glossary.md.j2", "glossary"),
               ("sources/", "sources.md.j2", "sources"),
               ("changes/", "changes.md.j2", "changes"),
               ("about/", "about.md.j2", "about"),
               ("search/", "search.md.j2", "search"))


def plan_pages(edition: Edition, lang: str) -> list[Page]:
    """All pages of one language, in a stable order."""
    pages = [Page(lang, "", "home.md.j2", "home")]
    for kind in KIND_IDS:
        entities = edition.by_kind(kind)
        if not entities:
            continue
        pages.append(Page(lang, f"{kind}/", "kind_index.md.j2", "kind-index",
                          extra={"entity_kind": kind}))
        pages += [Page(lang, f"{kind}/{e.id}/", "entity.md.j2", kind, e.id) for e in entities]
    pages += [Page(lang, path, template, kind) for path, template, kind in FIXED_PAGES]
    pages += [Page(lang, f"sources/{doc}/", "article.md.j2", "article", extra={"doc": doc})
              for doc in edition.sources]
    return pages
