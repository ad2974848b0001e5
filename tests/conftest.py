"""Shared fixtures (helpers live in helpers.py, importable from every test folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REPO, main, make_project, run_cli  # (helpers puts src/ on sys.path)

TOOL_TESTS = ("browser/", "site/test_pdf.py")


def pytest_addoption(parser):
    parser.addoption("--no-tools", action="store_true",
                     help="deselect the tests that need Chromium, poppler, Java, vnu-jar and "
                          "axe-core (for a machine without them; the README's test command "
                          "installs them). Deselected tests are reported, never skipped "
                          "silently.")


def pytest_configure(config):
    config.addinivalue_line("markers", "tools: needs Chromium, poppler, Java, vnu-jar or "
                                       "axe-core (deselected by --no-tools)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if any(part in item.nodeid for part in TOOL_TESTS):
            item.add_marker(pytest.mark.tools)
    if config.getoption("--no-tools"):
        chosen = [i for i in items if "tools" not in i.keywords]
        dropped = [i for i in items if "tools" in i.keywords]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = chosen


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The mini edition built once per session; tests copy it, never modify it."""
    project = make_project(tmp_path_factory.mktemp("mini"))
    status = main(["--project", str(project), "--quiet", "build"])
    assert status == 0
    return project / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real edition built once per session, without PDFs (tests/site/test_pdf.py covers
    them on the mini edition)."""
    project = make_project(tmp_path_factory.mktemp("real"), REPO / "content")
    status, _, _ = run_cli(project, "--quiet", "--no-pdf", "build")
    assert status == 0
    return project / "site"
