"""Derived languages: a language generated from an authored one at build time (Traditional
Chinese from Simplified with OpenCC), never kept by hand.

Every text of the edition gets the converted form under the derived language's code; the
site's locked list (`fixes`) is applied first, through placeholders OpenCC leaves alone.
Quotes (`source.quote`) and the articles are not texts: they stay verbatim.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from factsite.content.site_model import DerivedLanguage
from factsite.content.text import Text

_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters: OpenCC passes them through


class Converter:
    """OpenCC with a locked list: `fixes` maps a source string to its converted form."""

    def __init__(self, spec: DerivedLanguage):
        import opencc

        self.spec = spec
        self._opencc = opencc.OpenCC(spec.opencc)
        self._fixes = sorted(spec.fixes.items(), key=lambda kv: len(kv[0]), reverse=True)

    def __call__(self, text: str) -> str:
        for i, (source, _) in enumerate(self._fixes):
            text = text.replace(source, f"{_OPEN}{i}{_CLOSE}")
        text = self._opencc.convert(text)
        for i, (_, target) in enumerate(self._fixes):
            text = text.replace(f"{_OPEN}{i}{_CLOSE}", target)
        return text


def _extend(node: Any, spec: DerivedLanguage, convert: Converter) -> Any:
    if isinstance(node, Text):
        return node.with_language(spec.code, convert(node[spec.source])) \
            if spec.source in node else node
    if isinstance(node, BaseModel):
        changes = {}
        for name in type(node).model_fields:
            value = getattr(node, name)
            new = _extend(value, spec, convert)
            if new is not value:
                changes[name] = new
        return node.model_copy(update=changes) if changes else node
    if isinstance(node, list):
        new = [_extend(v, spec, convert) for v in node]
        return new if any(a is not b for a, b in zip(new, node)) else node
    if isinstance(node, dict):
        new = {k: _extend(v, spec, convert) for k, v in node.items()}
        return new if any(new[k] is not node[k] for k in node) else node
    return node


def with_derived_languages(edition) -> None:
    """Add every derived language's texts to the edition, in place (at the end of loading)."""
    for spec in edition.site.derived_languages:
        convert = Converter(spec)
        edition.site = _extend(edition.site, spec, convert)
        for table in (edition.sources, edition.terms, edition.entities, edition.metrics,
                      edition.maps):
            for key, value in list(table.items()):
                table[key] = _extend(value, spec, convert)
        edition.corrections = tuple(_extend(c, spec, convert) for c in edition.corrections)
