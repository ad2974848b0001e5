"""Validators users and hosts trust: the Nu HTML Checker over every page, axe-core on one
page of each kind in both languages. In CI a missing tool fails (see browser/conftest.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from browser.conftest import BACKGROUND, require
from helpers import REPO

TOOLS = Path(os.environ.get("FACTSITE_NODE_TOOLS", REPO / ".ci-tools" / "node_modules"))
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "axe-core" / "axe.min.js"

def test_nu_html_checker_finds_no_errors(real_site: Path):
    require(VNU.exists(), "vnu-jar (npm install --prefix .ci-tools vnu-jar)")
    require(shutil.which("java") is not None, "a Java runtime (apt-get install "
            "default-jre-headless)")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html",
                             "--format", "json", str(real_site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    pages = {str(p) for p in real_site.rglob("*.html")}
    # every message counts: errors and the checker's own failures to read a document
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    assert errors == [], "\n".join(f"{m.get('url')}:{m.get('lastLine')}: {m['message']}"
                                   for m in errors[:20])
    assert len(pages) >= 140
    print(f"vnu: {len(pages)} pages validated, no message")


PAGES = ["", "district/xiaoshan/", "cluster/china-vision-valley/", "platform/xianghu/",
         "institution/xidian-hangzhou-institute/", "company/hangxiao-steel/",
         "programme/xiaoshan-srdi-ladder/", "district/", "compare/", "glossary/", "sources/",
         "about/", "search/?q=xiaoshan", "404.html", "sources/xs-roundtable-2022/", "ledger/",
         "targets/"]


AXE_RUN = "async () => await axe.run(document, {resultTypes: ['violations']})"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violations(browser, server, lang, path):
    """axe-core over the page in the light scheme, then over the same page switched to the
    dark one (one load: the scheme changes only colours, every rule runs in both)."""
    require(AXE.exists(), "axe-core (npm install --prefix .ci-tools axe-core)")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.goto(f"{server}/{lang}/{path}")
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))
    found = {}
    for scheme, background in BACKGROUND.items():
        page.emulate_media(color_scheme=scheme)
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background
        result = page.evaluate(AXE_RUN)
        found[scheme] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                         for v in result["violations"] if v["impact"] in ("serious", "critical")]
        rules = len(result["passes"]) + len(result["violations"]) + \
            len(result["incomplete"]) + len(result["inapplicable"])
        assert rules > 50, scheme
    assert found == {"light": [], "dark": []}
    context.close()
