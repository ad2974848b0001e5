"""schema.org Dataset JSON-LD on every entity page and on each language's landing page:
it parses with json.loads, names the page in its language with the others as
alternateName, covers the figures' periods as an ISO 8601 interval and the nearest place,
cites the source articles and points at the page's downloads, which exist."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from helpers import REPO, make_project, run_cli
from factsite.content.kinds import PLACE_KINDS
from factsite.content.loader import load_edition

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
ISO = r"\d{4}(-\d{2}(-\d{2})?)?"
INTERVAL = re.compile(rf"{ISO}(/{ISO})?")


def json_ld(page: Path) -> dict:
    found = SCRIPT.findall(page.read_text(encoding="utf-8"))
    assert len(found) == 1, page
    assert "<" not in found[0] and ">" not in found[0]  # escaped for a script element
    return json.loads(found[0])


def _exists(page: Path, url: str) -> bool:
    target = Path(urljoin(page.as_posix(), url.split("#")[0]))
    return (target / "index.html").exists() if url.endswith("/") else target.exists()


@pytest.mark.parametrize("lang,other", [("zh", "en"), ("en", "zh")])
def test_every_entity_page_describes_its_dataset(real_site: Path, lang: str, other: str):
    edition = load_edition(REPO / "content")
    for entity in edition.entities.values():
        kind = edition.kinds[entity.id]
        page = real_site / lang / kind / entity.id / "index.html"
        data = json_ld(page)
        assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
        assert data["name"] == entity.name[lang]
        names = data["alternateName"]  # one name, or the names of every other language
        names = names if isinstance(names, list) else [names]
        assert entity.name[other] in names and entity.name[lang] not in names
        assert data["description"]
        assert data["version"] == edition.site.edition
        assert data["creator"]["name"] == edition.site.author[lang]
        assert data["license"]["name"] == edition.site.license[lang]
        assert data["url"] == "./" or data["url"].endswith(f"/{entity.id}/")
        if any(f.period or f.series for f in entity.facts):
            assert INTERVAL.fullmatch(data["temporalCoverage"]), data["temporalCoverage"]
        else:
            assert "temporalCoverage" not in data
        place = data.get("spatialCoverage")
        if kind in PLACE_KINDS:
            assert place["@type"] == "Place" and place["name"] == entity.name[lang]
        if place:
            assert place["@type"] == "Place" and _exists(page, place["url"])
        docs = {f.source.doc for f in entity.facts} | {
            p.source.doc for f in entity.facts for p in f.points if p.source}
        assert {w["name"] for w in data["isBasedOn"]} == \
            {edition.sources[d].title[lang] for d in docs}
        for work in data["isBasedOn"]:
            assert work["@type"] == "CreativeWork" and re.fullmatch(ISO, work["datePublished"])
            assert _exists(page, work["url"])
        downloads = {d["encodingFormat"]: d["contentUrl"] for d in data["distribution"]}
        assert set(downloads) == {"text/csv", "application/json"}
        assert downloads["text/csv"].endswith(f"{entity.id}.csv")
        assert downloads["application/json"].endswith(f"{entity.id}.json")
        assert all(_exists(page, url) for url in downloads.values())


def test_the_periods_make_the_temporal_coverage(mini_site: Path):
    data = json_ld(mini_site / "en" / "district" / "east-district" / "index.html")
    assert data["temporalCoverage"] == "2018/2024"  # a five-year series to 2024 targets
    place = data["spatialCoverage"]
    assert (place["name"], place["containedInPlace"]["name"]) == ("East District",
                                                                  "River City")
    cluster = json_ld(mini_site / "en" / "cluster" / "smart-manufacturing" / "index.html")
    assert cluster["spatialCoverage"]["name"] == "East District"  # its nearest district
    assert cluster["temporalCoverage"] == "2023"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_landing_page_describes_the_edition(real_site: Path, lang: str):
    edition = load_edition(REPO / "content")
    page = real_site / lang / "index.html"
    data = json_ld(page)
    assert data["@type"] == "Dataset" and data["name"] == edition.site.title[lang]
    assert len(data["isBasedOn"]) == len(edition.sources)
    formats = {d["encodingFormat"]: d["contentUrl"] for d in data["distribution"]}
    assert set(formats) == {"application/zip", "application/json"}
    assert all(_exists(page, url) for url in formats.values())
    assert INTERVAL.fullmatch(data["temporalCoverage"])


def test_urls_are_absolute_with_a_site_url(tmp_path: Path):
    project = make_project(tmp_path)
    status, _, err = run_cli(project, "--quiet", "--no-pdf", "--site-url",
                             "https://example.org/atlas/", "build")
    assert status == 0, err
    data = json_ld(project / "site" / "zh" / "district" / "east-district" / "index.html")
    assert data["url"] == "https://example.org/atlas/zh/district/east-district/"
    assert [d["contentUrl"] for d in data["distribution"]] == [
        "https://example.org/atlas/zh/district/east-district/east-district.csv",
        "https://example.org/atlas/zh/district/east-district/east-district.json"]
    home = json_ld(project / "site" / "zh" / "index.html")
    assert home["distribution"][0]["contentUrl"] == \
        "https://example.org/atlas/data/example-atlas-2024-01-15.zip"
