"""Cross-file checks: every id an entity names exists, parents form no cycle, ids are unique."""

from __future__ import annotations

from difflib import get_close_matches

from factsite.content.diagnostics import Diagnostic
from factsite.content.edition import Edition
from factsite.content.model import Entity, Fact, SourceRef

CHART_MINIMUM = {"trend": 1, "compare": 2, "composition": 2, "progress": 2, "ladder": 2}
MIN_MARKS = 3  # the chart grammar: two points are a change, not a chart


def chart_marks(facts: list[Fact]) -> int:
    """How many marks these facts make in a chart (a series counts each point)."""
    return sum(len(f.series) if f.series else 1 for f in facts)


def chart_problem(chart_type: str, facts: list[Fact]) -> str | None:
    """Why these facts cannot make a declared chart of this type, or None."""
    if any(f.value is None and not f.series for f in facts):
        return "a chart shows numeric facts only (found a `text` fact)"
    units = {f.unit for f in facts}
    if len(units) > 1:
        return f"the facts of one chart must share a unit (found {', '.join(sorted(units))})"
    need = CHART_MINIMUM[chart_type]
    if len(facts) < need:
        return f"a {chart_type} chart needs at least {need} facts"
    if chart_type == "trend" and sum(len(f.series or [1]) for f in facts) < 2:
        return "a trend chart needs at least two points"
    if chart_type == "progress" and not ({"actual", "target"} <= {f.kind for f in facts}):
        return "a progress chart needs an actual and a target fact"
    if chart_type == "progress" and (len({f.metric for f in facts}) > 1 or None in
                                     {f.metric for f in facts} or
                                     len({f.scope for f in facts}) > 1):
        return "a progress chart needs an actual and a target of the same metric and scope"
    return None


def _suggest(name: str, known) -> str | None:
    close = get_close_matches(name, list(known), n=1)
    return f"did you mean {close[0]!r}?" if close else None


def _check_source(edition: Edition, ref: SourceRef, where, loc: tuple) -> list[Diagnostic]:
    if ref.doc in edition.sources:
        return []
    return [where.diagnostic(loc + ("doc",), "R302", f"unknown source {ref.doc!r}",
                             _suggest(ref.doc, edition.sources)
                             or "sources are listed in content/sources/sources.yaml")]


def _check_entity(edition: Edition, entity: Entity, unreadable: set[str]) -> list[Diagnostic]:
    pos = edition.positions[f"entity:{entity.id}"]
    out: list[Diagnostic] = []

    def need_entity(target: str, loc: tuple) -> None:
        if target not in edition.entities and target not in unreadable:
            out.append(pos.diagnostic(loc, "R300", f"unknown entity {target!r}",
                                      _suggest(target, edition.entities)
                                      or "create its fact sheet or fix the id"))

    def need_term(term: str, loc: tuple) -> None:
        if term not in edition.terms:
            out.append(pos.diagnostic(loc, "R305", f"unknown glossary term {term!r}",
                                      _suggest(term, edition.terms)
                                      or "add it to content/glossary.yaml"))

    if entity.parent:
        need_entity(entity.parent, ("parent",))
    for i, link in enumerate(entity.links):
        need_entity(link.to, ("links", i, "to"))
        if link.to == entity.id:
            out.append(pos.diagnostic(("links", i, "to"), "R304", "an entity cannot link to "
                                      "itself"))
    for i, term in enumerate(entity.terms):
        need_term(term, ("terms", i))
    seen: dict[str, int] = {}
    for i, fact in enumerate(entity.facts):
        if fact.id in seen:
            out.append(pos.diagnostic(("facts", i, "id"), "R303",
                                      f"duplicate fact id {fact.id!r} (also facts[{seen[fact.id]}])",
                                      "fact ids are unique within an entity"))
        seen.setdefault(fact.id, i)
        out += _check_source(edition, fact.source, pos, ("facts", i, "source"))
        for j, point in enumerate(fact.series or []):
            if point.source:
                out += _check_source(edition, point.source, pos,
                                     ("facts", i, "series", j, "source"))
        for j, term in enumerate(fact.terms):
            need_term(term, ("facts", i, "terms", j))
        if fact.metric:
            metric = edition.metrics.get(fact.metric)
            if metric is None:
                out.append(pos.diagnostic(("facts", i, "metric"), "R310",
                                          f"unknown metric {fact.metric!r}",
                                          _suggest(fact.metric, edition.metrics)
                                          or "define it in content/metrics.yaml"))
            elif fact.unit != metric.unit:
                out.append(pos.diagnostic(("facts", i, "unit"), "R311",
                                          f"unit {fact.unit!r} differs from the unit of metric "
                                          f"{metric.id!r} ({metric.unit!r})",
                                          "a metric is one measure in one unit"))
        if fact.subset_of:
            total = edition.fact(fact.subset_of, entity.id)
            if total is None:
                out.append(pos.diagnostic(("facts", i, "subset_of"), "R307",
                                          f"unknown fact {fact.subset_of!r}",
                                          "write 'fact-id' or 'entity-id#fact-id'"))
            elif total[1].unit != fact.unit:
                out.append(pos.diagnostic(("facts", i, "subset_of"), "R311",
                                          f"a part in {fact.unit!r} of a total in "
                                          f"{total[1].unit!r}"))
        for j, ref in enumerate(fact.differs_from):
            if ref in (fact.id, f"{entity.id}#{fact.id}"):
                out.append(pos.diagnostic(("facts", i, "differs_from", j), "R307",
                                          "a fact cannot differ from itself"))
            elif edition.fact(ref, entity.id) is None:
                out.append(pos.diagnostic(("facts", i, "differs_from", j), "R307",
                                          f"unknown fact {ref!r}",
                                          "write 'fact-id' or 'entity-id#fact-id'"))
    for i, item in enumerate(entity.timeline):
        out += _check_source(edition, item.source, pos, ("timeline", i, "source"))
    chart_ids: set[str] = set()
    for i, chart in enumerate(entity.charts):
        if chart.id in chart_ids:
            out.append(pos.diagnostic(("charts", i, "id"), "R303",
                                      f"duplicate chart id {chart.id!r}"))
        chart_ids.add(chart.id)
        found = []
        if len(set(chart.facts)) < len(chart.facts):
            out.append(pos.diagnostic(("charts", i, "facts"), "R303",
                                      "a chart lists the same fact twice"))
        for j, ref in enumerate(chart.facts):
            resolved = edition.fact(ref, entity.id)
            if resolved is None:
                out.append(pos.diagnostic(("charts", i, "facts", j), "R307",
                                          f"unknown fact {ref!r}",
                                          "write 'fact-id' or 'entity-id#fact-id'"))
            else:
                found.append(resolved[1])
        problem = chart_problem(chart.type, found) if len(found) == len(chart.facts) else None
        if problem:
            out.append(pos.diagnostic(("charts", i), "C600", problem,
                                      "see the chart types in the README"))
        elif len(found) == len(chart.facts) and chart_marks(found) < MIN_MARKS:
            out.append(pos.diagnostic(("charts", i), "W503", f"chart {chart.id!r} has "
                                      f"{chart_marks(found)} marks: it is shown as figures, "
                                      "not drawn", "a chart needs three or more points or "
                                      "entities (two points are a change); remove it from "
                                      "charts:", severity="warning"))
    return out


def _check_cycles(edition: Edition) -> list[Diagnostic]:
    out = []
    for entity in edition.entities.values():
        seen = [entity.id]
        current = entity.parent
        while current and current in edition.entities:
            if current == entity.id:
                pos = edition.positions[f"entity:{entity.id}"]
                chain = " -> ".join(seen + [current])
                out.append(pos.diagnostic(("parent",), "R304", f"cyclic parents: {chain}",
                                          "a parent chain must end at an entity without parent"))
                break
            if current in seen:
                break
            seen.append(current)
            current = edition.entities[current].parent
    return out


def _check_usage(edition: Edition) -> list[Diagnostic]:
    """Warnings: glossary terms no page uses, sources no fact cites."""
    cited = set()
    used = set()
    for entity in edition.entities.values():
        used.update(entity.terms)
        for fact in entity.facts:
            cited.add(fact.source.doc)
            cited.update(p.source.doc for p in fact.series or [] if p.source)
            used.update(fact.terms)
        cited.update(m.source.doc for m in entity.timeline)
    out = []
    gpos, spos = edition.positions["glossary"], edition.positions["sources"]
    summaries = {lang: " ".join(e.summary[lang] for e in edition.entities.values())
                 for lang in edition.authored_languages}
    for i, term in enumerate(edition.terms.values()):
        if term.id not in used and not any(term.term[lang] in summaries[lang]
                                           for lang in edition.authored_languages):
            out.append(gpos.diagnostic(("terms", i), "W500", f"term {term.id!r} is used by no "
                                       "page", "reference it in a fact's `terms:` or drop it",
                                       severity="warning"))
    for i, src in enumerate(edition.sources.values()):
        if src.id not in cited:
            out.append(spos.diagnostic(("sources", i), "W501", f"source {src.id!r} is cited "
                                       "by no fact", severity="warning"))
    return out


def check_references(edition: Edition, unreadable: set[str] = frozenset()) -> list[Diagnostic]:
    """Every reference problem of the edition, as diagnostics. References to `unreadable`
    entities (files that failed to load, reported already) are not reported again."""
    out = []
    home = edition.site.home_entity
    if home and home not in edition.entities and home not in unreadable:
        out.append(edition.positions["site"].diagnostic(
            ("home_entity",), "R300", f"unknown entity {home!r}",
            _suggest(home, edition.entities) or "name the entity of the landing page"))
    for entity in edition.entities.values():
        out += _check_entity(edition, entity, unreadable)
    return out + _check_cycles(edition) + _check_usage(edition)
