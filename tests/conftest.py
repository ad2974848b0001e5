"""Shared fixtures (helpers live in helpers.py, importable from every test folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import main, make_project  # noqa: F401  (helpers puts src/ on sys.path)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The mini edition built once per session; tests copy it, never modify it."""
    project = make_project(tmp_path_factory.mktemp("mini"))
    status = main(["--project", str(project), "--quiet", "build"])
    assert status == 0
    return project / "site"
