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

TOOLS = shutil.which("pdftotext") and shutil.which("pdffonts")
if not TOOLS:  # a skip would hide a missing tool in CI: fail there, skip locally
    import os

    if os.environ.get("CI"):
        raise RuntimeError("poppler-utils (pdftotext, pdffonts) missing: .ci/run installs it")
    pytest.skip("install poppler-utils for the PDF tests", allow_module_level=True)


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
        assert "第 3 页" in text
    else:
        assert "Example Atlas" in text and "Contents" in text and f"of {pages}" in text
        assert "Page 3 of" in text
        assert "EastDistrict" not in text  # English words keep their spaces
    fonts = subprocess.run(["pdffonts", str(report)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts), fonts


def test_report_links_are_internal(mini_site: Path):
    text = (REPO / "templates" / "pages" / "print_report.html.j2").read_text(encoding="utf-8")
    assert 'href="#{{ anchor }}"' in text
    assert (mini_site / "en" / "report-en.pdf").stat().st_size > 20_000


def test_web_pages_link_their_pdfs(mini_site: Path):
    html = (mini_site / "en" / "district" / "east-district" / "index.html").read_text(
        encoding="utf-8")
    assert 'href="east-district-en.pdf"' in html and 'href="../../report-en.pdf"' in html
