"""The synthetic edition generator: its output loads cleanly, charts every entity, is
deterministic, and scales to a thousand entities."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from pathlib import Path

from factsite.render.charts.plan import plan_charts, plan_comparisons
from factsite.content.loader import load_edition
from factsite.dev.synth import generate_edition, main


def digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_edition_loads_without_errors_or_warnings(tmp_path):
    counts = generate_edition(tmp_path / "content", 30)
    edition = load_edition(tmp_path / "content")  # raises ContentError on any error
    assert edition.warnings == []
    assert len(edition.entities) == counts["entities"] == 30
    kinds = Counter(edition.kinds.values())
    assert kinds == {k: counts[k] for k in ("district", "cluster", "programme")}
    assert kinds["district"] == 18 and kinds["cluster"] + kinds["programme"] == 12
    assert len(edition.sources) == counts["source_docs"] == 3
    assert sum(len(e.facts) for e in edition.entities.values()) == counts["facts"]

    roots = [e for e in edition.entities.values() if e.parent is None]
    assert len(roots) == 1 and roots[0].id == edition.site.home_entity
    for entity in edition.entities.values():
        assert 6 <= len(entity.facts) <= 12, entity.id
        assert any(f.series and 3 <= len(f.series) <= 5 for f in entity.facts), entity.id
        assert any(f.kind == "target" for f in entity.facts), entity.id
        assert any(f.text is not None for f in entity.facts), entity.id
        assert entity.charts and plan_charts(edition, entity), entity.id
    charts = sum(len(plan_charts(edition, e)) for e in edition.entities.values())
    assert charts == counts["charts"]
    units = {f.unit for e in edition.entities.values() for f in e.facts}
    assert {"percent", "cny_100m", "enterprises", "mu"} <= units
    assert any(f.qualifier for e in edition.entities.values() for f in e.facts)
    assert plan_comparisons(edition), "districts share metrics, so the compare page has charts"


def test_generation_is_deterministic(tmp_path):
    generate_edition(tmp_path / "a", 30, seed=7)
    generate_edition(tmp_path / "b", 30, seed=7)
    generate_edition(tmp_path / "c", 30, seed=8)
    first = digest(tmp_path / "a")
    assert first == digest(tmp_path / "b")
    assert first != digest(tmp_path / "c")


def test_refuses_to_write_into_a_folder_in_use(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main([str(tmp_path), "5"]) == 1
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert main([str(tmp_path / "out"), "5"]) == 0
    assert main([str(tmp_path / "out"), "5", "--force"]) == 0
    assert "entities 5" in capsys.readouterr().out


def test_a_thousand_entities(tmp_path):
    started = time.perf_counter()
    counts = generate_edition(tmp_path, 1000)
    elapsed = time.perf_counter() - started
    print(f"generated 1000 entities ({counts['facts']} facts, {counts['source_docs']} sources) "
          f"in {elapsed:.2f}s")
    files = [p for folder in ("districts", "clusters", "programmes")
             for p in (tmp_path / folder).glob("*.yaml")]
    assert len(files) == 1000
    assert counts["district"] + counts["cluster"] + counts["programme"] == 1000
    edition = load_edition(tmp_path)  # every quote and value checked, no warning
    assert len(edition.entities) == 1000 and edition.warnings == []
    assert sum(len(e.facts) for e in edition.entities.values()) == counts["facts"]
