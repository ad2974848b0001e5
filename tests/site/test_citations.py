"""Citations a reader can use, over the real edition: "cite this figure" beside every figure
in both languages, CSL-JSON and BibTeX per page, every source article as a page with every
quoted passage marked and reachable from its [n], the conflicts ledger and the targets
tracker with their CSVs, and one English rendering per term."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from factsite.content.loader import load_edition
from factsite.render.articles import passage_id
from factsite.render.ledgers import conflicts, targets
from helpers import REPO

EDITION = load_edition(REPO / "content")


def entity_pages():
    for entity in EDITION.entities.values():
        yield entity, f"{EDITION.kinds[entity.id]}/{entity.id}/"


@pytest.mark.parametrize("lang, style", [("zh", "[DB/OL]"), ("en", "[Data set]")])
def test_every_figure_has_a_citation(real_site: Path, lang, style):
    n = undated = 0
    for entity, path in entity_pages():
        html = (real_site / lang / path / "index.html").read_text(encoding="utf-8")
        for fact in entity.facts:
            row = re.search(rf'<tr id="fact-{fact.id}".*?</tr>', html, re.S)
            assert row, (entity.id, fact.id)
            cite = re.search(r'<details class="fs-cite-fig".*?<p>(.*?)</p>', row.group(0), re.S)
            assert cite, (entity.id, fact.id)
            text = cite.group(1)
            assert style in text and f"#fact-{fact.id}" in text and "2026-11-22" in text
            # regression: an undated figure left "…Center,  [Data set]" / "label, : value"
            assert not re.search(r"[,,]\s*[,,::\[]|\s\s", text), text
            n += 1
            undated += fact.period is None and not fact.series
    assert n == sum(len(e.facts) for e in EDITION.entities.values()) > 400
    assert undated > 0  # the edition has figures the sources do not date


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csl_json_and_bibtex_per_page(real_site: Path, lang):
    for entity, path in entity_pages():
        folder = real_site / lang / path
        items = json.loads((folder / f"{entity.id}.csl.json").read_text(encoding="utf-8"))
        assert len(items) == len(entity.facts) + 1
        assert items[0]["type"] == "dataset" and items[0]["version"] == "2026-11-22"
        assert {i["id"] for i in items[1:]} == {f"{entity.id}-{f.id}" for f in entity.facts}
        bib = (folder / f"{entity.id}.bib").read_text(encoding="utf-8")
        assert bib.count("@misc{") == len(items)
        assert bib.count("{") == bib.count("}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_article_is_a_page_with_every_quote_marked(real_site: Path, lang):
    quotes: dict[str, set[str]] = {}
    for entity in EDITION.entities.values():
        for fact in entity.facts:
            for ref in [fact.source] + [p.source for p in fact.series or [] if p.source]:
                quotes.setdefault(ref.doc, set()).add(ref.quote)
        for m in entity.timeline:
            quotes.setdefault(m.source.doc, set()).add(m.source.quote)
    assert len(EDITION.sources) == 5
    for doc in EDITION.sources:
        html = (real_site / lang / "sources" / doc / "index.html").read_text(encoding="utf-8")
        ids = set(re.findall(r'<span class="fs-anchor" id="(q-[0-9a-f]+)">', html))
        assert ids == {passage_id(doc, q) for q in quotes[doc]}, doc
        assert 'lang="zh-Hans"' in html.split('<div class="fs-article-text"')[1][:40]
        assert html.count('<mark class="fs-passage"') >= len(ids)


def test_each_citation_leads_to_its_passage(real_site: Path):
    page = real_site / "en" / "district" / "xiaoshan" / "index.html"
    html = page.read_text(encoding="utf-8")
    links = re.findall(r'<a class="fs-cite" href="([^"]+)"', html)
    assert len(links) > 30
    for href in links:
        path, _, anchor = href.partition("#")
        target = (page.parent / path / "index.html").resolve()
        assert target.parent.parent.name == "sources" and anchor.startswith("q-")
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href


def _csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_conflicts_ledger_and_targets_tracker(real_site: Path, lang):
    pairs = conflicts(EDITION)
    assert len(pairs) >= 4
    rows = _csv(real_site / lang / "ledger" / "ledger.csv")
    assert len(rows) == len(pairs)
    assert {r["reason"] for r in rows} <= {"scope", "period", "definition", "unexplained"}
    assert all(r["first_quote"] and r["second_quote"] for r in rows)
    html = (real_site / lang / "ledger" / "index.html").read_text(encoding="utf-8")
    assert html.count('<tr id="conflict-') == len(pairs)
    goals = targets(EDITION)
    rows = _csv(real_site / lang / "targets" / "targets.csv")
    assert len(rows) == len(goals) >= 20
    for row, goal in zip(rows, goals):
        # a status only where the sources give an actual of the same measure
        if goal.latest is None:
            assert row["latest_actual"] == "" and row["baseline"] == ""
        else:
            assert goal.latest.metric == goal.target.metric
    html = (real_site / lang / "targets" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="fs-fact--target"') == len(goals)


def _english_texts() -> list[str]:
    out = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "en" and isinstance(value, str):
                    out.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((REPO / "content").rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    walk(yaml.safe_load((REPO / "src/factsite/templates/i18n/en.yaml").read_text("utf-8")))
    return out


RENDERINGS = yaml.safe_load((REPO / "tests/fixtures/english-renderings.yaml").read_text("utf-8"))
ENGLISH = "\n".join(_english_texts()).lower()


@pytest.mark.parametrize("entry", RENDERINGS, ids=[e["term"] for e in RENDERINGS])
def test_one_english_rendering_per_term(entry):
    assert entry["en"].lower() in ENGLISH, f"{entry['en']!r} is used nowhere"
    for variant in entry.get("variants", []):
        assert variant.lower() not in ENGLISH, f"{variant!r}: write {entry['en']!r}"


UK = re.compile(r"\b(programmes?|centres?|organis\w+|modernis\w+|industrialis\w+|digitalis\w+|"
                r"fibres?|colours?|labour|honours?|metres?|licence|catalogues?|utilis\w+|"
                r"optimis\w+|recognis\w+|specialis\w+|revitalis\w+|standardis\w+)\b")


def test_english_uses_us_spelling():
    assert UK.findall(ENGLISH) == []
