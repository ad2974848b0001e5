"""The page plan: which pages exist (the same set in both languages) and what each shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from factsite.edition import KINDS, Edition

LANGS = ("zh", "en")
HREFLANG = {"zh": "zh-Hans", "en": "en"}  # language codes in links and sitemaps


@dataclass(frozen=True)
class Page:
    """One page in one language; `path` is shared by both languages ('' is the home page)."""

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
        """Source file name MkDocs sees for this page."""
        return f"{self.path}index.md" if self.path else "index.md"


def plan_pages(edition: Edition, lang: str) -> list[Page]:
    """All pages of one language, in a stable order."""
    pages = [Page(lang, "", "home.md.j2", "home")]
    for kind in KINDS:
        entities = edition.by_kind(kind)
        if not entities:
            continue
        pages.append(Page(lang, f"{kind}/", "kind_index.md.j2", "kind-index",
                          extra={"entity_kind": kind}))
        for entity in entities:
            pages.append(Page(lang, f"{kind}/{entity.id}/", "entity.md.j2", kind, entity.id))
    pages += [
        Page(lang, "compare/", "compare.md.j2", "compare"),
        Page(lang, "glossary/", "glossary.md.j2", "glossary"),
        Page(lang, "sources/", "sources.md.j2", "sources"),
        Page(lang, "about/", "about.md.j2", "about"),
        Page(lang, "search/", "search.md.j2", "search"),
    ]
    return pages
