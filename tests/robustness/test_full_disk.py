"""A disk that fills up while the site is written: one line naming the folder, status 1, the
previous site untouched and nothing left beside it. The output lives on a small tmpfs
mounted for the test (root only); where mounting is not permitted the build runs under an
RLIMIT_FSIZE instead, which makes large writes fail with EFBIG."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness import cli_env
from helpers import tree_digest


def _size_kb(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) // 1024


@pytest.fixture
def small_disk(tmp_path, editions):
    """A folder on a tmpfs holding the previous site with about 1.5 MB to spare; or, if
    mounting is not permitted, a plain folder and the file size limit to build under."""
    disk = tmp_path / "disk"
    disk.mkdir()
    size = _size_kb(editions.previous) * 5 // 4 + 1500  # room for the tree, some to spare
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}k", "tmpfs",
                              str(disk)], capture_output=True).returncode == 0
    shutil.copytree(editions.previous, disk / "site")
    yield disk, (None if mounted else 512 * 1024)
    if mounted:
        subprocess.run(["umount", str(disk)], check=False)
        if os.path.ismount(disk):
            subprocess.run(["umount", "-l", str(disk)], check=False)


def test_full_disk_fails_cleanly_and_keeps_the_site(editions, tmp_path, small_disk,
                                                    user_cache):
    disk, file_limit = small_disk
    site = disk / "site"
    project = editions.project(tmp_path / "p")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    done = subprocess.run(
        [sys.executable, "-m", "factsite.cli", "--project", str(project), "--out", str(site),
         "--quiet", "build"], env=cli_env(user_cache), capture_output=True, text=True,
        timeout=300, preexec_fn=limit if file_limit else None)
    assert done.returncode == 1, done.stderr
    reason = "file size limit exceeded" if file_limit else "no space left on device"
    assert done.stderr.strip().splitlines()[-1] == \
        f"factsite: error: {reason} while writing {site}"
    assert "Traceback" not in done.stderr
    assert tree_digest(site) == editions.previous_digest
    assert sorted(p.name for p in disk.iterdir()) == ["site"]
