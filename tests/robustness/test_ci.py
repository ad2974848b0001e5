"""The CI workflow is safe to copy (zizmor, offline, finds nothing), and the test command
installs system packages through `sudo -n` when it does not run as root."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO

TOKENS = ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")


def test_workflow_has_no_zizmor_findings():
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).with_name("zizmor"))
    env = {k: v for k, v in os.environ.items() if k not in TOKENS}
    done = subprocess.run([zizmor, "--offline", "--no-config", "--no-progress",
                           "--color=never", ".github/workflows/site.yml"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout, done.stdout


@pytest.fixture
def install_tools(monkeypatch):
    """tests/install_tools.py with every tool missing and the commands recorded, not run."""
    spec = importlib.util.spec_from_file_location("install_tools", REPO / "tests" /
                                                  "install_tools.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    ran: list[list[str]] = []
    monkeypatch.setattr(module.shutil, "which",
                        lambda tool: "/usr/bin/apt-get" if tool == "apt-get" else None)
    monkeypatch.setattr(module, "run", lambda cmd, **kw: ran.append(cmd))
    return module, ran


@pytest.mark.parametrize("uid, prefix", [(0, []), (1000, ["sudo", "-n"])],
                         ids=["root", "user"])
def test_apt_runs_through_sudo_when_not_root(install_tools, monkeypatch, uid, prefix):
    module, ran = install_tools
    monkeypatch.setattr(module.os, "geteuid", lambda: uid)
    module.debian_packages()
    assert [cmd[:len(prefix) + 1] for cmd in ran] == [prefix + ["apt-get"]] * 2
    assert "poppler-utils" in ran[1]


def test_ci_run_leaves_installing_to_the_test_command():
    """.ci/run runs no apt-get itself (which would need root): install_tools.py does."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "python tests/install_tools.py" in script
    assert not re.search(r"^[^#]*\bapt(-get)?\b", script, re.M)
