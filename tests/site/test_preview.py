"""Preview mode redoes only what changed: an edit to one fact sheet updates its pages in
place; a structural change (a new name) falls back to a full build."""

from __future__ import annotations

from pathlib import Path

from helpers import make_project, run_cli


def _started(tmp_path: Path):
    """A copy of the mini project and its preview after the first, full build."""
    from factsite.build.pipeline import Project
    from factsite.build.preview import Preview
    from factsite.core.context import BuildContext

    project = make_project(tmp_path)
    preview = Preview(Project.at(project / "content", project / "templates", project / "site"),
                      BuildContext.create())
    assert preview.full().startswith("full build")
    return project, preview


def test_edit_updates_only_that_page(tmp_path: Path):
    project, preview = _started(tmp_path)
    page = project / "site" / "en" / "district" / "east-district" / "index.html"
    other = project / "site" / "en" / "district" / "river-city" / "index.html"
    other_before = other.read_bytes()
    sources = project / "site" / "en" / "sources" / "index.html"
    sources_before = sources.read_bytes()
    sheet = project / "content" / "districts" / "east-district.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        "East District is known for its SRDI firms.",
        "East District is known for its many SRDI firms."), encoding="utf-8")
    report = preview.update()
    assert report.startswith("updated 3 pages of east-district"), report  # zh, en, zh-hant
    assert "known for its many" in page.read_text(encoding="utf-8")
    assert other.read_bytes() == other_before
    assert sources.read_bytes() == sources_before  # no quote changed
    assert preview.update() == "nothing changed"
    # the page updated in place is exactly what a full build of the same content writes
    full = tmp_path / "full"
    assert run_cli(project, "--quiet", "--no-pdf", "--out", str(full), "build")[0] == 0
    for lang in ("zh", "en", "zh-hant"):
        rel = f"{lang}/district/east-district/index.html"
        assert (project / "site" / rel).read_bytes() == (full / rel).read_bytes(), rel

    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        "en: East District}", "en: Eastern District}"), encoding="utf-8")
    assert preview.update().startswith("full build")
    assert "Eastern District" in other.read_text(encoding="utf-8")  # breadcrumb/children
    preview.close()


def test_an_edit_other_pages_show_is_built_in_full(tmp_path: Path):
    """Regression: a figure's new value was patched into its own page only, while the home
    page's district cards, the compare page and the tracker kept the old one."""
    project, preview = _started(tmp_path)
    sheet = project / "content" / "districts" / "east-district.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        "period: \"2023\"\n    terms: [little-giant]", "period: \"2022\"\n    terms: [little-giant]"),
        encoding="utf-8")
    try:
        assert preview.update().startswith("full build")
    finally:
        preview.close()


def test_a_summary_naming_a_term_updates_the_glossary(tmp_path: Path):
    """The glossary lists the pages that use each term: a summary that now names one puts
    its page on the list, as a full build does."""
    project, preview = _started(tmp_path)
    glossary = project / "site" / "en" / "glossary" / "index.html"
    sheet = project / "content" / "districts" / "west-district.yaml"
    text = sheet.read_text(encoding="utf-8")
    assert "专精特新" not in text
    sheet.write_text(text.replace("summary:\n  zh: ", "summary:\n  zh: 西区也有专精特新企业。", 1),
                     encoding="utf-8")
    before = glossary.read_text(encoding="utf-8")
    try:
        report = preview.update()
    finally:
        preview.close()
    assert report.startswith("updated"), report
    full = tmp_path / "full"
    assert run_cli(project, "--quiet", "--no-pdf", "--out", str(full), "build")[0] == 0
    assert glossary.read_bytes() == (full / "en" / "glossary" / "index.html").read_bytes()
    assert glossary.read_text(encoding="utf-8") != before  # west-district is now listed


def test_a_new_character_in_a_chart_grows_the_font_subset(tmp_path: Path):
    """Regression: a character the font subset lacked made every such edit a full build
    (292 s at n=1,000 in the benchmark); now the subset grows and the page is patched."""
    project, preview = _started(tmp_path)
    before = preview.state.fonts
    assert not before.covers("鑫")
    sheet = project / "content" / "districts" / "east-district.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        "专精特新梯队(2023年)", "专精特新梯队之鑫(2023年)"), encoding="utf-8")
    try:
        report = preview.update()
    finally:
        preview.close()
    assert report.startswith("updated 3 pages of east-district"), report
    assert preview.state.fonts.covers("鑫") and preview.state.fonts.folder != before.folder
    page = project / "site" / "zh" / "district" / "east-district" / "index.html"
    assert "鑫" in page.read_text(encoding="utf-8")


def test_a_new_character_in_page_text_only_keeps_the_fonts(tmp_path: Path):
    """Regression: a character new to the edition but shown only in page text (which the
    browser's fonts draw) derived the font subset again: 14.5 s of a 22 s preview update
    at n=100 in the benchmark."""
    project, preview = _started(tmp_path)
    before = preview.state.fonts
    assert not before.covers("鑫")
    sheet = project / "content" / "districts" / "east-district.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        "东区以专精特新企业见长。", "东区以专精特新企业见长,鑫字为新。"), encoding="utf-8")
    try:
        report = preview.update()
    finally:
        preview.close()
    assert report.startswith("updated 3 pages of east-district"), report
    assert preview.state.fonts == before
    page = project / "site" / "zh" / "district" / "east-district" / "index.html"
    assert "鑫字为新" in page.read_text(encoding="utf-8")
