"""The benchmark's building blocks run (the full `bench` takes 15 minutes and is not a test:
it prints figures and fails on nothing). Regression: after the move into stage packages its
build command pointed at a `src/build.py` that does not exist, and `bench` died at once."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import MINI


def test_the_build_command_of_the_benchmark_builds(tmp_path: Path):
    from factsite.dev.bench import BUILD, _budgets, _build

    assert subprocess.run([*BUILD, "--help"], capture_output=True).returncode == 0
    seconds = _build(MINI / "content", MINI / "templates", tmp_path / "site", tmp_path / "cache")
    assert seconds > 0 and (tmp_path / "site" / "en" / "index.html").is_file()
    budgets = _budgets(tmp_path / "site")
    assert 0 < budgets["chartless_first_visit_kb"] < 200
    assert not budgets["chartless_heaviest"].startswith(("zh/embed", "en/embed"))


def test_bench_says_at_once_when_its_baseline_is_missing(monkeypatch, capsys):
    """Regression: without Material for MkDocs the benchmark ran ten minutes of builds, then
    died with a traceback from `mkdocs build`."""
    import importlib.util

    from factsite.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "material" else real(name, *a))
    assert main(["--project", str(MINI), "bench"]) == 2
    err = capsys.readouterr().err
    assert "Material for MkDocs, which is not installed" in err and ".[bench]" in err
