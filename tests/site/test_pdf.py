"""PDFs: every figure and citation of a web page is in its PDF's text, Chinese extracts as
Chinese (no Kangxi-radical look-alikes), every font is embedded, and the whole report has a
cover, contents and the running page labels in each language."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import REPO

pytestmark = pytest.mark.tools  # needs poppler-utils (pdftotext, pdffonts)


@pytest.fixture(autouse=True, scope="module")
def poppler():
    if not (shutil.which("pdftotext") and shutil.which("pdffonts")):
        pytest.fail("poppler-utils (pdftotext, pdffonts) is missing: the README's test "
                    "command installs it (python tests/install_tools.py), or run pytest "
                    "--no-tools")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def web_figures(page: Path) -> tuple[list[str], set[int]]:
    """Figure strings (hero and table values) and citation numbers of a built page."""
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    figures = re.findall(r'class="fs-(?:num|hero__figure)">([^<]+)<', article)
    cites = {int(n) for n in re.findall(r'class="fs-cite"[^>]*>\[(\d+)\]', article)}
    return [html_lib.unescape(f) for f in figures], cites


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["district/east-district/", "district/west-district/",
                                  "cluster/smart-manufacturing/", "compare/"])
def test_every_figure_and_citation_is_in_the_pdf(mini_site: Path, lang: str, page: str):
    folder = mini_site / lang / page
    figures, cites = web_figures(folder / "index.html")
    assert figures and cites
    pdf = folder / f"{page.strip('/').split('/')[-1]}-{lang}.pdf"
    text = squash(pdf_text(pdf))
    for figure in figures:
        assert squash(figure) in text, figure
    for n in cites:
        assert f"[{n}]" in text, n


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_whole_report(mini_site: Path, lang: str):
    report = mini_site / lang / f"report-{lang}.pdf"
    text = pdf_text(report)
    assert not re.search("[\u2f00-\u2fdf\u2e80-\u2eff]", text), "Kangxi radical look-alikes"
    pages = text.count("\f")
    assert pages >= 8
    if lang == "zh":
        assert "示例图集" in text and "目录" in text and f"共 {pages} 页" in text
        assert "报告第 3 页" in text
    else:
        assert "Example Atlas" in text and "Contents" in text and f"of {pages}" in text
        assert "Report page 3 of" in text
        assert "EastDistrict" not in text  # English words keep their spaces
    fonts = subprocess.run(["pdffonts", str(report)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts), fonts


def pdf_links(path: Path) -> tuple[list[str], list[str]]:
    """(internal destinations, external URIs) of every link annotation in a PDF."""
    from pypdf import PdfReader

    internal, external = [], []
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and action.get_object().get("/S") == "/URI":
                external.append(str(action.get_object()["/URI"]))
            elif "/Dest" in annot or action is not None:
                internal.append(str(annot.get("/Dest") or action.get_object().get("/D")))
    return internal, external


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_links_are_internal_and_resolve(mini_site: Path, lang: str):
    from pypdf import PdfReader

    report = mini_site / lang / f"report-{lang}.pdf"
    internal, external = pdf_links(report)
    names = set(PdfReader(report).named_destinations)
    assert len(internal) >= 20
    assert set(internal) <= names  # every internal link has its destination
    # every chapter of the contents is a link target; no link points at a relative file
    assert {"p-district-east-district", "p-cluster-smart-manufacturing", "p-glossary"} <= \
        set(internal)
    assert all(uri.startswith(("http://", "https://", "mailto:")) for uri in external)


def test_web_pages_link_their_pdfs(mini_site: Path):
    html = (mini_site / "en" / "district" / "east-district" / "index.html").read_text(
        encoding="utf-8")
    assert 'href="east-district-en.pdf"' in html and 'href="../../report-en.pdf"' in html


def chapter_starts(report: Path) -> dict[str, int]:
    """First page (0-based) of every chapter of a report, from its named destinations."""
    from pypdf import PdfReader

    reader = PdfReader(report)
    return {name: reader.get_destination_page_number(dest)
            for name, dest in reader.named_destinations.items()
            if re.fullmatch(r"p-[a-z0-9-]+", name) and "--" not in name}


# Noto Sans SC draws ·, • and ・ with one glyph, and a PDF maps each glyph back to one
# character: which one depends on what else the file draws, so the text compares as one.
SAME_GLYPH = str.maketrans({"•": "·", "・": "·"})


def page_text(path: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page),
                           str(path), "-"], check=True, capture_output=True, text=True
                          ).stdout.translate(SAME_GLYPH)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["district/east-district/", "cluster/smart-manufacturing/",
                                  "compare/", "sources/river-2024/", "about/"])
def test_page_pdfs_are_cut_from_the_report(mini_site: Path, lang: str, page: str):
    """A page of the report is its chapter of the laid-out report: the same pages, the same
    text, numbered as the report numbers them, fonts embedded, its own title."""
    from pypdf import PdfReader

    report = mini_site / lang / f"report-{lang}.pdf"
    starts = chapter_starts(report)
    first = starts["p-" + page.strip("/").replace("/", "-")]
    end = min([s for s in starts.values() if s > first] or [len(PdfReader(report).pages)])
    pdf = mini_site / lang / page / f"{page.strip('/').split('/')[-1]}-{lang}.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == end - first
    assert [reader.page_labels[i] for i in range(len(reader.pages))] == \
        [str(n + 1) for n in range(first, end)]  # the viewer's numbers match the footer
    for i in range(len(reader.pages)):
        assert page_text(pdf, i + 1) == page_text(report, first + i + 1), i
    label = f"报告第 {first + 1} 页" if lang == "zh" else f"Report page {first + 1} of"
    assert label in page_text(pdf, 1)
    web = (mini_site / lang / page / "index.html").read_text(encoding="utf-8")
    title = html_lib.unescape(re.search(r"<title>([^<]*)</title>", web).group(1))
    assert reader.metadata.title and title.startswith(reader.metadata.title)  # the page's
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts), fonts


@pytest.mark.parametrize("lang", ["zh", "en", "zh-hant"])
def test_every_page_pdf_links_resolve(mini_site: Path, lang: str):
    """No page's PDF has a link to a destination it lacks, or to a relative file; pages the
    report leaves out are laid out alone, numbered from 1."""
    from pypdf import PdfReader

    folders = sorted(p.parent for p in (mini_site / lang).rglob("index.html")
                     if "embed" not in p.relative_to(mini_site / lang).parts)  # not printed
    pdfs = [f / f"{'home' if f == mini_site / lang else f.name}-{lang}.pdf" for f in folders]
    assert len(pdfs) >= 15 and all(p.is_file() for p in pdfs)
    for pdf in pdfs:
        internal, external = pdf_links(pdf)
        assert set(internal) <= set(PdfReader(pdf).named_destinations), pdf
        assert all(uri.startswith(("http://", "https://", "mailto:")) for uri in external)
    home = PdfReader(mini_site / lang / f"home-{lang}.pdf")
    assert home.page_labels[0] == "1"
    assert "p-home" not in chapter_starts(mini_site / lang / f"report-{lang}.pdf")


def test_cut_pages_link_to_the_web_with_a_site_url(tmp_path: Path):
    """With a site URL, a cut page's links to other chapters lead to those pages online."""
    from helpers import make_project, run_cli

    project = make_project(tmp_path)
    url = "https://example.org/atlas"
    assert run_cli(project, "--quiet", "--site-url", url, "build")[0] == 0
    internal, external = pdf_links(project / "site" / "en" / "district" / "east-district" /
                                   "east-district-en.pdf")
    assert f"{url}/en/district/river-city/" in external  # its parent, another chapter
    assert "p-district-river-city" not in internal
    report_internal, _ = pdf_links(project / "site" / "en" / "report-en.pdf")
    assert "p-district-river-city" in report_internal  # the same link inside the report


@pytest.mark.parametrize("pdf", ["east-district-en.pdf", "report-en.pdf"])
def test_print_draws_the_pictures_and_leaves_out_the_disclosures(mini_site: Path, pdf: str):
    """Regressions: the report is laid out from the language folder, so a page's locator map
    (an <img> beside the page) was missing and its alternative text printed instead; and the
    print stylesheet kept only the rules before the site's first `@media print`, so every
    figure's "Cite" disclosure printed open, a citation under each figure (308 report pages
    instead of about 200 in the real edition)."""
    path = mini_site / "en" / ("district/east-district/" if "east" in pdf else "") / pdf
    text = re.sub(r"\s+", " ", pdf_text(path))
    # the caption says it once; an image that failed to load would add its alt text
    assert text.count("Locator map: East District within River City.") == 1
    # "Cite this page" keeps one ready citation per page; no figure adds its own
    pages = 1 if "east" in pdf else len(list((mini_site / "en").glob("*/*/index.html")))
    assert 1 <= text.count("[Data set]") <= pages
    assert "Cite The factsite" not in text


def test_print_css_keeps_every_rule_but_the_browsers_print_rules():
    from factsite.export.print_html import print_css, without_media_print
    from factsite.render.templates import TemplateDirs

    css = ("a { color: red }\n@media print { .x { display: none } @page { margin: 0 } }\n"
           ".after { color: blue }\n@media print { details.y { display: none; } }\n.end {}")
    assert without_media_print(css) == "a { color: red }\n\n.after { color: blue }\n\n.end {}"
    full = print_css(TemplateDirs.for_project(None))
    assert "@media print" not in full
    site = (REPO / "src/factsite/templates/assets/factsite.css").read_text("utf-8")
    last_rule = site.rstrip().rsplit("\n", 1)[-1].split("{")[0].strip()
    assert last_rule in full  # a rule after the site's print rules reaches the PDFs
    assert re.search(r"details\.fs-cite-fig[^{]*\{ display: none", full)
