"""The edition as a Frictionless data package at the site root: `data/datapackage.json` and
its CSVs validate with `frictionless.validate` (0 errors), so does the zip; the tables hold
exactly the edition's entities, figures and series points, a text column per language; the
zip is deterministic."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import frictionless
import pytest

from helpers import MINI, REPO
from factsite.content.loader import load_edition
from factsite.content.tables import zip_name


def _valid(path: Path) -> None:
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "note"])[:20]
    assert report.stats["errors"] == 0


def _rows(data: Path, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((data / f"{name}.csv").read_text("utf-8"))))


@pytest.fixture(params=["mini", "real"])
def built(request) -> tuple[Path, Path]:
    content = MINI / "content" if request.param == "mini" else REPO / "content"
    return request.getfixturevalue(f"{request.param}_site"), content


def test_package_and_zip_validate(built):
    site, content = built
    edition = load_edition(content)
    data = site / "data"
    _valid(data / "datapackage.json")
    archive = data / zip_name(edition.site)
    assert archive.name == f"{json.loads((data / 'datapackage.json').read_text())['name']}-" \
        f"{edition.site.edition}.zip"
    _valid(archive)
    package = frictionless.Package(str(archive))  # the zip holds the same tables
    assert len(package.get_resource("facts").read_rows()) == \
        sum(len(e.facts) for e in edition.entities.values())


def test_rows_are_the_editions(built):
    site, content = built
    edition = load_edition(content)
    data = site / "data"
    facts = _rows(data, "facts")
    assert len(facts) == sum(len(e.facts) for e in edition.entities.values())
    assert len(_rows(data, "entities")) == len(edition.entities)
    assert len(_rows(data, "series")) == sum(len(f.series or []) for e in
                                             edition.entities.values() for f in e.facts)
    assert len(_rows(data, "sources")) == len(edition.sources)
    assert len(_rows(data, "glossary")) == len(edition.terms)
    assert len(_rows(data, "metrics")) == len(edition.metrics)
    assert {(r["entity"], r["fact"]) for r in facts} == {
        (e.id, f.id) for e in edition.entities.values() for f in e.facts}
    for lang in edition.languages:  # a text column per language, never hard-coded
        assert f"label_{lang}" in facts[0] and f"period_phrase_{lang}" in facts[0]
    one = next(r for r in facts if r["value"])
    entity = edition.entities[one["entity"]]
    fact = next(f for f in entity.facts if f.id == one["fact"])
    assert float(one["value"]) == fact.value and one["quote"] == fact.source.quote
    assert [one[f"label_{lang}"] for lang in edition.languages] == \
        [fact.label[lang] for lang in edition.languages]


def test_package_metadata(built):
    site, content = built
    edition = load_edition(content)
    descriptor = json.loads((site / "data" / "datapackage.json").read_text("utf-8"))
    main = edition.site.x_default
    assert descriptor["version"] == edition.site.edition
    assert descriptor["title"] == edition.site.title[main]
    assert {lang: t["title"] for lang, t in descriptor["translations"].items()} == \
        dict(edition.site.title.items())
    assert descriptor["created"].endswith("T00:00:00Z")
    assert descriptor["languages"] == list(edition.languages)
    assert [s["title"] for s in descriptor["sources"]] == \
        [edition.sources[d].title[main] for d in sorted(edition.sources)]
    if edition.site.license:
        assert descriptor["licenses"][0]["title"] == edition.site.license[main]
        text = (site / "data" / descriptor["licenses"][0]["path"]).read_text("utf-8")
        assert all(edition.site.license[lang] in text for lang in edition.languages)
    else:
        assert "licenses" not in descriptor
    facts = next(r for r in descriptor["resources"] if r["name"] == "facts")
    assert facts["schema"]["primaryKey"] == ["entity", "fact"]
    field = next(f for f in facts["schema"]["fields"] if f["name"] == f"label_{main}")
    assert set(field["translations"]) == set(edition.languages)


def test_zip_is_deterministic(mini_site: Path, tmp_path: Path):
    data = mini_site / "data"
    archive = next(data.glob("*.zip"))
    with zipfile.ZipFile(archive) as z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {(2024, 1, 15, 0, 0, 0)}  # the edition's day
        for info in infos:
            assert z.read(info) == (data / info.filename).read_bytes()
    assert set(names) == {p.name for p in data.iterdir() if p.suffix != ".zip"}
