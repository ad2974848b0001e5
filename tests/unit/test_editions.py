"""Editions compared figure by figure: a package read back reports a bad row at its line;
a translation is no revision, a new unit is; ISO 8601 coverage of periods; the package
name."""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from helpers import MINI
from factsite.content.baseline import Figure, Snapshot, SnapshotError, read_snapshot
from factsite.content.loader import load_edition
from factsite.content.site_model import SiteConfig
from factsite.content.periods import iso_date, iso_interval
from factsite.content.tables import edition_tables, package_name
from factsite.content.text import Text
from factsite.render.changes import compare


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    """The mini edition's tables written as a bare package (datapackage.json + CSVs)."""
    from factsite.render.locale import edition_locales
    from factsite.render.templates import TemplateDirs
    from factsite.site.datapackage import write_snapshot

    edition = load_edition(MINI / "content")
    folder = tmp_path_factory.mktemp("pkg") / "2024-01-15"
    write_snapshot(edition, edition_locales(TemplateDirs.for_project(None), edition),
                   "", "2024-02-01", folder)
    return folder


def test_a_package_reads_back_as_the_edition(package: Path):
    from factsite.content.baseline import snapshot_of

    snapshot = read_snapshot(package, "kept")
    assert snapshot.version == "2024-01-15"
    assert snapshot.figures == snapshot_of(load_edition(MINI / "content")).figures
    assert snapshot.figures[("east-district", "srdi-firms")].where == ("kept/facts.csv", 7)


@pytest.mark.parametrize("column,bad,message", [
    ("value", "many", "'many' is not a number"),
    ("period", "2023-13", "'2023-13' is not a period")], ids=["value", "period"])
def test_a_bad_row_is_reported_at_its_line(package: Path, tmp_path: Path, column, bad, message):
    folder = tmp_path / "2024-01-15"
    shutil.copytree(package, folder)
    facts = folder / "facts.csv"
    rows = list(csv.reader(io.StringIO(facts.read_text("utf-8"))))
    rows[2][rows[0].index(column)] = bad  # the second figure, on line 3
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    facts.write_text(buf.getvalue(), "utf-8")
    with pytest.raises(SnapshotError) as found:
        read_snapshot(folder, "kept")
    assert (found.value.file, found.value.line, found.value.message) == \
        ("kept/facts.csv", 3, message)


def _figure(**kw) -> Figure:
    base = dict(entity="e", fact="f", label=Text({"zh": "企业", "en": "Firms"}), shape="value",
                kind="actual", value=45.0, unit="enterprises", period="2023")
    return Figure(**{**base, **kw})


@pytest.mark.parametrize("new,fields", [
    (dict(label=Text({"zh": "企业", "en": "Enterprises"})), ()),
    (dict(shape="text", value=None, unit=None, text=Text({"zh": "是", "en": "yes"})), None),
    (dict(unit="count"), ("unit",)),
    (dict(value=46.0, period="2024"), ("value", "period"))],
    ids=["relabelled", "now-a-statement", "unit", "value-and-period"])
def test_what_counts_as_a_revision(new, fields):
    old = Snapshot("2024-01-15", "", {("e", "f"): _figure()})
    after = Snapshot("2024-06-01", "", {("e", "f"): replace(_figure(), **new)})
    changes = compare(old, after, (), "zh").changes
    if fields == ():
        assert changes == ()
    elif fields is None:
        assert [c.kind for c in changes] == ["revised"] and "text" in changes[0].fields
    else:
        assert [(c.kind, c.fields) for c in changes] == [("revised", fields)]


def test_a_first_edition_has_no_changes():
    assert compare(None, Snapshot("2024-01-15", "", {("e", "f"): _figure()})).first


@pytest.mark.parametrize("periods,expected", [
    (["2018", "2024-07"], "2018/2024-07"), (["2023"], "2023"), (["2022-Q3"], "2022-07/2022-09"),
    (["2024-01..05", "2023-07-11"], "2023-07-11/2024-05"), (["2024", "2024-03"], "2024"),
    ([], None)])
def test_iso_interval(periods, expected):
    assert iso_interval(periods) == expected


def test_iso_date_of_a_quarter_is_its_year():
    assert (iso_date("2023-Q3"), iso_date("2024-01"), iso_date("2023-07-11")) == \
        ("2023", "2024-01", "2023-07-11")


def test_package_name_is_a_slug_of_a_latin_title():
    site = SiteConfig.model_validate({
        "title": {"zh": "示例", "en": "Example Atlas: 2024!"}, "description": {"zh": "x",
                                                                             "en": "x"},
        "edition": "2024-01-15", "author": {"zh": "x", "en": "x"}, "languages": ["zh", "en"]})
    assert package_name(site) == "example-atlas-2024"
    only_zh = site.model_copy(update={"title": Text({"zh": "示例", "en": "示例"})})
    assert package_name(only_zh) == "edition"


def test_text_columns_follow_the_languages():
    edition = load_edition(MINI / "content")
    names = edition_tables(edition)["facts"].names
    assert [n for n in names if n.startswith("label_")] == \
        [f"label_{lang}" for lang in edition.languages]
