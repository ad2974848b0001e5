"""Text: what a reader sees, one entry per language of the edition.

The languages are not fixed in code: `site.yaml` lists them, and the loader validates every
text against that list (pydantic's validation context carries it). Missing and unknown
languages are reported as errors whose context names the language, so the diagnostic points
at the key itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import GetCoreSchemaHandler, ValidationInfo
from pydantic_core import PydanticCustomError, core_schema

MISSING, UNKNOWN = "text_missing_language", "text_unknown_language"


def language_name(code: str) -> str:
    """An author's name for a language code, in English: 'Chinese', 'English'."""
    try:
        from babel import Locale

        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except Exception:  # an unknown code still gets a readable message
        return code


class Text(Mapping[str, str]):
    """An immutable mapping language code -> text (Markdown where the field says so)."""

    __slots__ = ("_values", "_hash")

    def __init__(self, values: Mapping[str, str] | None = None, **by_language: str):
        self._values = dict(values or {}, **by_language)
        self._hash = hash(tuple(self._values.items()))

    def __getitem__(self, lang: str) -> str:
        return self._values[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def __repr__(self) -> str:
        return f"Text({self._values!r})"

    def __getattr__(self, lang: str) -> str:
        """`text.en` reads like the YAML it came from (templates and tests use it)."""
        if lang.startswith("_"):
            raise AttributeError(lang)
        try:
            return self._values[lang]
        except KeyError:
            raise AttributeError(lang) from None

    def __reduce__(self):
        return (Text, (self._values,))

    def with_language(self, lang: str, text: str) -> Text:
        """A copy with one more (or a replaced) language: derived languages use it."""
        return Text({**self._values, lang: text})

    # -- pydantic ----------------------------------------------------------------------------
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler):
        values = core_schema.dict_schema(
            keys_schema=core_schema.str_schema(),
            values_schema=core_schema.str_schema(min_length=1, strict=True))
        checked = core_schema.with_info_after_validator_function(cls._check_languages, values)
        return core_schema.with_info_before_validator_function(
            cls._mapping, checked,
            serialization=core_schema.plain_serializer_function_ser_schema(dict))

    @staticmethod
    def _languages(info: ValidationInfo) -> tuple[str, ...] | None:
        context = info.context or {}
        found = context.get("languages") if isinstance(context, dict) else None
        return tuple(found) if found else None

    @classmethod
    def _mapping(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, Text):
            return dict(value.items())
        langs = cls._languages(info)
        if not isinstance(value, dict):
            shape = ", ".join(f"{lang}: …" for lang in langs or ("zh", "en"))
            raise PydanticCustomError("text_type", "Input should be a mapping {" + shape + "}")
        if langs is not None:  # the keys first: a stray key is named as such
            for key in value:
                if key not in langs:
                    raise PydanticCustomError(UNKNOWN, "unknown key '{lang}'", {"lang": key})
            for lang in langs:
                if lang not in value:
                    raise PydanticCustomError(
                        MISSING, "missing {name} ('{lang}') text",
                        {"lang": lang, "name": language_name(lang)})
        elif not value:
            raise PydanticCustomError(MISSING, "a text needs at least one language", {})
        return value

    @classmethod
    def _check_languages(cls, value: dict[str, str], info: ValidationInfo) -> Text:
        return cls(value)
