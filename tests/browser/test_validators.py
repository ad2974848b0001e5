"""Validators users and hosts trust: the Nu HTML Checker over every page, axe-core on one
page of each kind in both languages. In CI a missing tool fails (see browser/conftest.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from browser.conftest import require
from helpers import REPO

TOOLS = Path(os.environ.get("FACTSITE_NODE_TOOLS", REPO / ".ci-tools" / "node_modules"))
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "axe-core" / "axe.min.js"

# Messages about markup of Material for MkDocs itself, not of factsite; each with its reason.
VNU_FILTERED = {
    "Attribute “autocomplete” is only allowed when the input type is":
        "Material's drawer/search toggles are checkboxes with autocomplete=off, kept so that "
        "Firefox does not restore their state on reload; harmless",
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden":
        "Material's navigation labels point at its CSS-only toggles (__drawer, __toc)",
}


def test_nu_html_checker_finds_no_errors(real_site: Path):
    require(VNU.exists(), "vnu-jar (npm install --prefix .ci-tools vnu-jar)")
    require(shutil.which("java") is not None, "a Java runtime (apt-get install "
            "default-jre-headless)")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html",
                             "--format", "json", str(real_site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    pages = {str(p) for p in real_site.rglob("*.html")}
    errors = [m for m in messages if m.get("type") == "error"
              and not any(m.get("message", "").startswith(f) for f in VNU_FILTERED)]
    assert errors == [], "\n".join(f"{m.get('url')}:{m.get('lastLine')}: {m['message']}"
                                   for m in errors[:20])
    assert len(pages) >= 140
    print(f"vnu: {len(pages)} pages validated, {len(messages) - len(errors)} filtered messages")


PAGES = ["", "district/xiaoshan/", "cluster/china-vision-valley/", "platform/xianghu/",
         "institution/xidian-hangzhou-institute/", "company/hangxiao-steel/",
         "programme/xiaoshan-srdi-ladder/", "district/", "compare/", "glossary/", "sources/",
         "about/", "search/?q=xiaoshan"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violations(watched, server, lang, path):
    require(AXE.exists(), "axe-core (npm install --prefix .ci-tools axe-core)")
    page = watched.page
    page.goto(f"{server}/{lang}/{path}")
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    rules = len(result["passes"]) + len(result["violations"]) + len(result["incomplete"]) + \
        len(result["inapplicable"])
    assert rules > 50
