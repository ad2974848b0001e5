"""Synthetic editions: a complete, valid content folder of any size, for scale tests and benchmarks.

``generate_edition(root, n, seed)`` writes a made-up region of `n` entities: a prefecture-level
city at the top, urban districts under it and towns under those (together about 60 %),
industrial clusters (about 25 %) and programmes (about 15 %), each hanging off a place. Every
fact is quoted from a generated Chinese plain-text article (one article per ~10 entities), and
every value occurs in its quote, so the edition loads with no error and no warning. Every
entity declares at least one chart. The output is a pure function of `(n, seed)`: two runs
write byte-identical files. The region is made in `region`, the fact sheets in `sheets`, the
articles in `articles`; the word lists are in `data.yaml`.

    python -m factsite.dev.synth OUT N [--seed S] [--force]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

import yaml

from factsite.dev.synth.articles import write_article
from factsite.dev.synth.region import build_region, split
from factsite.dev.synth.sheets import cluster_sheet, english, place_sheet, programme_sheet
from factsite.dev.synth.tables import (DOC_SIZE, FIRST, FOLDERS, GLOSSARY, LAST, METRICS,
                                       MIDDLE, PUB_YEAR, T)


def to_yaml(data: dict) -> str:
    """YAML text of plain data, key order kept, Chinese as written (byte-stable)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def _drop_none(data: dict) -> dict:
    return {k: v for k, v in data.items() if v is not None and v != []}


def generate_edition(root: Path, n: int, seed: int = 0, overwrite: bool = False) -> dict:
    """Write a valid content folder of `n` synthetic entities under `root`; return counts.

    `root` must be empty or missing; with `overwrite`, the files and folders this function
    writes (and only those) are removed first.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    root = Path(root)
    managed = ["site.yaml", "glossary.yaml", "metrics.yaml", "sources", *FOLDERS.values()]
    if root.exists() and any(root.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{root} is not empty (use overwrite=True / --force)")
        for name in managed:
            target = root / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    capacity = len(FIRST) * len(LAST) * (1 + len(MIDDLE))  # upper bound; pinyin may clash
    if split(n)[0] > capacity * 0.9:
        raise ValueError(f"n={n} needs more place names than the syllable lists give")
    rng = random.Random(f"factsite-synth:{n}:{seed}")
    city, order = build_region(n, rng)

    # source documents: consecutive groups of ~10 entities in reporting order
    n_docs = -(-n // DOC_SIZE)
    dates, doc_year = [], {}
    for k in range(n_docs):
        month = 1 + (k * 12) // n_docs
        date = f"{PUB_YEAR}-{month:02d}-{1 + (k * 7) % 28:02d}"
        dates.append(date)
    for i, node in enumerate(order):
        k = i * n_docs // n
        node.doc = f"{city.slug}-report-{k + 1:03d}"
        doc_year[node.doc] = dates[k][:4]

    glossary_ids = [g[0] for g in GLOSSARY]
    optional_terms = ["future-factory", "industrial-internet", "green-factory",
                      "smart-manufacturing", "output-per-mu", "new-productive-forces",
                      "tech-sme", "standard-land", "digital-transformation"]

    def extra_terms(r: random.Random) -> list[str]:
        return sorted(r.sample(optional_terms, r.randint(1, 2)),
                      key=glossary_ids.index)

    ctx = {"city": city, "doc_year": doc_year, "extra_terms": extra_terms,
           "english": english()}
    builders = {"district": place_sheet, "cluster": cluster_sheet,
                "programme": programme_sheet}
    for node in order:
        builders[node.kind](node, rng, ctx)

    # every glossary term used somewhere (an unused term is a warning): the city lists the rest
    used = {t for node in order for t in node.data["terms"]}
    used |= {t for node in order for f in node.data["facts"] for t in f.get("terms", [])}
    city_node = order[0]
    city_node.data["terms"] = sorted(set(city_node.data["terms"]) |
                                     (set(glossary_ids) - used), key=glossary_ids.index)

    counts = {"entities": n, "district": 0, "cluster": 0, "programme": 0, "facts": 0,
              "series_facts": 0, "declared_charts": 0, "charts": 0, "source_docs": n_docs,
              "terms": len(GLOSSARY)}
    for node in order:
        data = _drop_none(node.data)
        _write(root / FOLDERS[node.kind] / f"{node.id}.yaml", to_yaml(data))
        counts[node.kind] += 1
        counts["facts"] += len(data["facts"])
        series = [f["id"] for f in data["facts"] if "series" in f]
        counts["series_facts"] += len(series)
        counts["declared_charts"] += len(data["charts"])
        charted = {ref for c in data["charts"] for ref in c["facts"]}
        counts["charts"] += len(data["charts"]) + sum(1 for s in series if s not in charted)
    for folder in FOLDERS.values():  # an empty kind still has its folder
        (root / folder).mkdir(parents=True, exist_ok=True)

    entries = []
    for k in range(n_docs):
        doc_id = f"{city.slug}-report-{k + 1:03d}"
        items = [node for node in order if node.doc == doc_id]
        text, entry = write_article(doc_id, k + 1, items, city, rng, dates[k])
        _write(root / "sources" / entry["file"], text)
        entries.append(entry)
    _write(root / "sources" / "sources.yaml", to_yaml({"sources": entries}))

    _write(root / "metrics.yaml", to_yaml({"metrics": [
        {"id": mid, "label": T(zh, en), "definition": T(dzh, den), "unit": unit}
        for mid, zh, en, dzh, den, unit in METRICS]}))
    _write(root / "glossary.yaml", to_yaml({"terms": [
        {"id": gid, "term": T(zh, en), "explain": T(ezh, een)}
        for gid, zh, en, ezh, een in GLOSSARY]}))
    _write(root / "site.yaml", to_yaml({
        "title": T(f"{city.zh}产业图集（合成数据）", f"{city.en} Industry Atlas (synthetic)"),
        "description": T(f"由程序生成的{n}个实体的合成版本，用于测试和性能评估。",
                         f"A generated edition of {n} synthetic entities, for tests and "
                         "benchmarks."),
        "edition": f"{PUB_YEAR + 1}-01-15",
        "author": T("factsite 合成数据生成器", "factsite synthetic data generator"),
        "home_entity": city.id,
        "languages": ["zh", "en"],
    }))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factsite.dev.synth",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="content folder to write (empty or missing)")
    parser.add_argument("n", type=int, help="number of entities")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--force", action="store_true",
                        help="replace a previously generated edition in OUT")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        counts = generate_edition(args.out, args.n, args.seed, overwrite=args.force)
    except (FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(", ".join(f"{k} {v}" for k, v in counts.items()) + f" -> {args.out} in {elapsed:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
