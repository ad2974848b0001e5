"""What changed between editions: the mini edition's published data package kept in
`content/editions/`, then a revised edition (a value corrected, a figure added, one
withdrawn, a corrections entry) gives exactly the expected change list; the "What changed"
page and the entity page show old → new with the reason; the Atom feed of each language
parses with feedparser, ids and links absolute with --site-url and tag URIs / relative
links without; the first edition says it is the first."""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import feedparser
import pytest

from helpers import make_project, run_cli
from factsite.cli import DEFAULTS
from factsite.content.loader import load_edition
from factsite.content.text import Text
from factsite.render.changes import changes_since, list_changes

SITE_URL = "https://example.org/atlas/"
REASON = Text({"zh": "原文更正", "en": "the source corrected the figure", "zh-hant": "原文更正"})


def revise(project: Path) -> None:
    """The next edition of the mini fixture: srdi-firms 45 → 46 (with a correction),
    srdi-firms-2 new, innovative-smes withdrawn."""
    content = project / "content"
    site = content / "site.yaml"
    site.write_text(site.read_text("utf-8").replace('edition: "2024-01-15"',
                                                    'edition: "2024-06-01"'), "utf-8")
    article = content / "sources" / "article.txt"
    article.write_text(article.read_text("utf-8") + "更正后东区专精特新企业为46家。\n", "utf-8")
    sheet = content / "districts" / "east-district.yaml"
    text = sheet.read_text("utf-8")
    text = text.replace("    value: 45\n    unit: enterprises\n    period: \"2023\"\n"
                        "    terms: [srdi]\n    source: {doc: river-2024, quote: 东区集聚专精特新"
                        "企业45家}", "    value: 46\n    unit: enterprises\n    period: \"2023\"\n"
                        "    terms: [srdi]\n    source: {doc: river-2024, quote: 更正后东区专精特新"
                        "企业为46家}")
    start, end = text.index("  - id: innovative-smes"), text.index("  - id: high-tech-firms")
    text = text[:start] + text[end:]
    text = text.replace("facts: [little-giants, srdi-firms, innovative-smes]",
                        "facts: [little-giants, srdi-firms, srdi-firms-2]")
    text = text.replace("charts:\n", "  - id: srdi-firms-2\n"
                        "    label: {zh: 专精特新企业(统计口径), en: SRDI firms (as counted)}\n"
                        "    value: 45\n    unit: enterprises\n    period: \"2023\"\n"
                        "    source: {doc: river-2024, quote: 东区集聚专精特新企业45家}\n"
                        "charts:\n")
    sheet.write_text(text, "utf-8")
    (content / "corrections.yaml").write_text(
        "corrections:\n  - fact: east-district#srdi-firms\n    edition: \"2024-06-01\"\n"
        "    reason: {zh: 原文更正, en: the source corrected the figure}\n", "utf-8")


@pytest.fixture(scope="module")
def editions(tmp_path_factory, mini_site: Path) -> dict[str, Path]:
    """The revised edition with the published package of the first as its baseline, built
    with and without a site URL."""
    tmp = tmp_path_factory.mktemp("editions")
    project = make_project(tmp)
    kept = project / "content" / "editions" / "2024-01-15"
    shutil.copytree(mini_site / "data", kept, ignore=lambda d, names: [
        n for n in names if n.endswith(".zip")])  # the package exactly as published
    revise(project)
    out = {"project": project, "first_zip": next((mini_site / "data").glob("*.zip"))}
    for name, extra in (("relative", []), ("absolute", ["--site-url", SITE_URL])):
        status, _, err = run_cli(project, "--quiet", "--no-pdf", "--out",
                                 str(tmp / name), *extra, "build")
        assert status == 0, err
        out[name] = tmp / name
    return out


def _summary(changes) -> list[tuple]:
    return [(c.kind, c.ref, c.old.value if c.old else None, c.new.value if c.new else None,
             c.reason, c.fields) for c in changes.changes]


EXPECTED = [("withdrawn", "east-district#innovative-smes", 120.0, None, None, ()),
            ("revised", "east-district#srdi-firms", 45.0, 46.0, REASON, ("value",)),
            ("added", "east-district#srdi-firms-2", None, 45.0, None, ())]


def test_the_change_list_is_exactly_what_changed(editions):
    edition = load_edition(editions["project"] / "content")
    assert edition.baseline.version == "2024-01-15"
    changes = list_changes(edition)
    assert (changes.previous, changes.current) == ("2024-01-15", "2024-06-01")
    assert _summary(changes) == EXPECTED
    assert [c.kind for c in changes.for_entity("east-district")] == \
        ["revised", "added", "withdrawn"]
    assert changes.for_entity("river-city") == []
    # the same from the zip the first edition published
    assert _summary(changes_since(edition, editions["first_zip"])) == EXPECTED


def test_a_withdrawal_without_reason_warns_at_its_row(editions, capsys):
    status, _, err = run_cli(editions["project"], "check", capsys=capsys)
    assert status == 0
    assert ("content/editions/2024-01-15/facts.csv:5:1: warning W504 "
            "east-district#innovative-smes: withdrawn since the edition of 2024-01-15, with no "
            "reason in corrections.yaml") in err.splitlines()


def test_the_changes_page_shows_old_and_new(editions):
    for lang, old, new, reason in (("en", "45 enterprises", "46 enterprises", REASON.en),
                                   ("zh", "45家", "46家", REASON.zh)):
        page = (editions["relative"] / lang / "changes" / "index.html").read_text("utf-8")
        row = re.search(r'<tr id="change-east-district--srdi-firms">(.*?)</tr>', page,
                        re.S).group(1)
        assert re.search(rf'<del class="fs-change__old"><span class="fs-num">{old}</span>', row)
        assert re.search(rf'<ins class="fs-change__new"><span class="fs-num">{new}</span>', row)
        assert reason in row
        assert 'id="change-east-district--srdi-firms-2"' in page
        assert 'id="change-east-district--innovative-smes"' in page
        assert 'id="correction-east-district--srdi-firms--2024-06-01"' in page
        entity = (editions["relative"] / lang / "district" / "east-district" /
                  "index.html").read_text("utf-8")
        section = entity.split('<h2 id="changes">')[1].split("<h2 ")[0]
        assert f"{old}" in section and f"{new}" in section and reason in section


def test_the_first_edition_says_so(mini_site: Path):
    page = (mini_site / "en" / "changes" / "index.html").read_text("utf-8")
    assert "This is the first edition" in page
    assert 'id="changes"' not in (mini_site / "en" / "district" / "east-district" /
                                  "index.html").read_text("utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_feed_is_valid_atom_with_absolute_ids(editions, lang):
    base = f"{SITE_URL}{lang}/"
    feed = feedparser.parse((editions["absolute"] / lang / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id == f"{base}feed.xml"
    assert feed.feed.updated == "2024-06-01T00:00:00Z"
    assert feed.feed.author
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": f"{base}feed.xml", "alternate": f"{base}changes/"}
    assert [e.id for e in feed.entries] == [
        f"{base}changes/#edition-2024-06-01",
        f"{base}changes/#correction-east-district--srdi-firms--2024-06-01",
        f"{base}changes/#edition-2024-01-15"]
    assert [e.updated for e in feed.entries] == ["2024-06-01T00:00:00Z"] * 2 + \
        ["2024-01-15T00:00:00Z"]
    assert [e.link for e in feed.entries] == [e.id for e in feed.entries]
    assert REASON[lang] in feed.entries[1].summary
    page = (editions["absolute"] / lang / "district" / "east-district" / "index.html"
            ).read_text("utf-8")
    assert f'<link rel="alternate" type="application/atom+xml" title="' in page
    assert f'href="{base}feed.xml">' in page


def test_without_a_site_url_ids_are_tag_uris_and_links_relative(editions):
    feed = feedparser.parse((editions["relative"] / "en" / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.id == "tag:factsite.invalid,2024-01-15:example-atlas/en/feed"
    assert feed.entries[0].id == "tag:factsite.invalid,2024-06-01:example-atlas/en/edition/" \
        "2024-06-01"
    assert feed.entries[0].link == "changes/#edition-2024-06-01"
    assert all(e.id.startswith("tag:") for e in feed.entries)
    page = (editions["relative"] / "en" / "changes" / "index.html").read_text("utf-8")
    assert 'href="../feed.xml">' in page  # the head link, relative to the page


def test_snapshot_keeps_the_edition_as_the_next_baseline(tmp_path: Path):
    from factsite.dev.commands import SNAPSHOT

    project = make_project(tmp_path)
    args = argparse.Namespace(**{**DEFAULTS, "project": str(project), "to": None})
    assert SNAPSHOT.run(args) == 0
    kept = project / "content" / "editions" / "2024-01-15"
    assert (kept / "datapackage.json").exists() and (kept / "facts.csv").exists()
    assert load_edition(project / "content").baseline is None  # not older than itself
    revise(project)
    edition = load_edition(project / "content")
    assert _summary(list_changes(edition)) == EXPECTED
