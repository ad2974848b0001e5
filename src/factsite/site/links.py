"""MkDocs' link problems placed where the author can fix them: a broken link written in a
fact sheet's text is reported at that file, line and column."""

from __future__ import annotations

from pathlib import Path

from factsite.content.diagnostics import Diagnostic
from factsite.render.site import RenderedSite
from factsite.site.engine import LanguageResult


def _locate(file: str, needle: str, root: Path) -> tuple[int, int]:
    """Line and column of the first `needle` in a content file (1, 1 when not found)."""
    path = Path(file) if Path(file).is_absolute() else Path.cwd() / file
    if not path.exists():
        path = root.parent / file
    try:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            col = line.find(needle)
            if col >= 0:
                return n, col + 1
    except OSError:
        pass
    return 1, 1


def engine_diagnostics(rs: RenderedSite, result: LanguageResult) -> list[Diagnostic]:
    """One diagnostic per broken link or anchor MkDocs found in a language's pages, and one
    per other warning it gave."""
    lang = result.lang
    by_src = {p.page.src: p for p in rs.pages[lang]}
    out = [Diagnostic(f"<mkdocs {lang}>", 1, 1, "R309", "", message) for message in
           result.messages]
    for src, link, message in result.problems:
        page = by_src.get(src)
        detail = message.split(", but ", 1)[-1].rstrip(".") if ", but " in message else \
            "it was left as is"
        authored = page.authored_links.get(link) if page else None
        if page and page.page.entity_id and authored:
            pos = rs.edition.positions[f"entity:{page.page.entity_id}"]
            line, col = _locate(pos.file, f"({authored})", rs.edition.root)
            out.append(Diagnostic(pos.file, line, col + 1, "R308", "",
                                  f"broken link '{authored}' ({lang}): {detail}",
                                  "link to a page as /<kind>/<id>/ and to a figure as "
                                  "/<kind>/<id>/#fact-<fact id>"))
        else:  # a link factsite itself wrote: a bug, reported as MkDocs says it
            out.append(Diagnostic(f"<{lang}/{src}>", 1, 1, "R309", "", message,
                                  "this link comes from a template"))
    return out
