"""Shared fixtures (helpers live in helpers.py, importable from every test folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REPO, main, make_project, run_cli  # (helpers puts src/ on sys.path)


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
