"""The authoring guide, generated from the model's field descriptions, the unit registry and
the diagnostic codes, so the README cannot drift from the code (a test compares them)."""

from __future__ import annotations

import typing

from pydantic import BaseModel

from factsite.content import corrections, diagnostics, maps, model, site_model
from factsite.content.kinds import KINDS
from factsite.content.units import UNITS

START, END = "<!-- authoring-guide:start -->", "<!-- authoring-guide:end -->"
MODELS = [model.Entity, model.Fact, model.SeriesPoint, model.SourceRef, model.Link,
          model.Milestone, model.ChartSpec, site_model.SiteConfig, site_model.DerivedLanguage,
          site_model.Source, site_model.Term, site_model.Metric, maps.MapSheet,
          maps.MapFeature, corrections.Correction]


def _type_name(annotation: object) -> str:
    """A reader's name for a field type: 'Text', 'list of Fact', 'one of a, b', 'period'."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return "period" if args[0] is str else _type_name(args[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return " or ".join(_type_name(a) for a in args if a is not type(None))
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {_type_name(args[0])}"
    names = {str: "text", float: "number", int: "integer", bool: "yes/no"}
    return names.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _model_table(cls: type[BaseModel]) -> str:
    rows = [f"### `{cls.__name__}`", "", (cls.__doc__ or "").strip(), "",
            "| field | type | required | meaning |", "|---|---|---|---|"]
    hints = typing.get_type_hints(cls, include_extras=True)
    for name, info in cls.model_fields.items():
        kind = _type_name(hints.get(name, info.annotation))
        required = "yes" if info.is_required() else "no"
        rows.append(f"| `{name}` | {kind} | {required} | {info.description or ''} |")
    return "\n".join(rows)


def authoring_guide() -> str:
    """The guide as Markdown (without the surrounding markers)."""
    parts = ["## Authoring guide (generated from the content model)", "",
             "Each entity is one YAML file `content/<folder>/<id>.yaml`; the folder gives its "
             "kind: " + ", ".join(f"`{k.folder}/` → {k.id}" for k in KINDS)
             + ". Unknown keys are errors.", "",
             "A **Text** is a mapping with one entry per language listed in `site.yaml` "
             "(`languages:`), e.g. `{zh: 萧山区, en: Xiaoshan District}`; a missing or "
             "unknown language is an error. Text that is Markdown may link to another page "
             "as `[Yuhang](/district/yuhang/)` and to a figure as "
             "`[…](/district/yuhang/#fact-little-giants)`; the build checks every such link.",
             ""]
    parts += [_model_table(cls) + "\n" for cls in MODELS]
    parts += ["### Units", "", "How each language shows a unit is in its UI catalogue "
              "(`units:`).", "", "| id | as the sources write it | meaning |", "|---|---|---|"]
    parts += [f"| `{u.id}` | {u.written} | {u.describe} |" for u in UNITS.values()]
    parts += ["", "### Diagnostic codes", "", "```text",
              diagnostics.__doc__.split("Codes (stable; documented in the README):")[1].strip(
                  "\n"), "```"]
    return "\n".join(parts)


def replace_guide(readme: str) -> str:
    """README text with the generated guide between the markers."""
    before, _, rest = readme.partition(START)
    _, _, after = rest.partition(END)
    return f"{before}{START}\n{authoring_guide()}\n{END}{after}"
