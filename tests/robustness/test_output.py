"""The output folder's housekeeping, unit by unit: the swap (one atomic exchange, or two
renames where there is none), what a dead build left beside the output, a full disk named."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from factsite.build import output
from factsite.build.output import no_space, remove_stale, swap_into_place


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def tree(root: Path, text: str) -> Path:
    (root / "en").mkdir(parents=True)
    (root / "en" / "index.html").write_text(text)
    return root


@pytest.mark.parametrize("atomic", [True, False], ids=["exchange", "two-renames"])
def test_swap_puts_the_new_tree_in_place_and_removes_the_old(tmp_path, monkeypatch, atomic):
    if not atomic:
        monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    out = tree(tmp_path / "site", "old")
    new = tree(tmp_path / f".site.tmp-{os.getpid()}-x", "new")
    swap_into_place(new, out)
    assert (out / "en" / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_exchange_is_atomic_here(tmp_path):
    """On this machine's file system the swap is one renameat2(RENAME_EXCHANGE)."""
    a, b = tree(tmp_path / "a", "a"), tree(tmp_path / "b", "b")
    assert output._exchange(a, b)
    assert (a / "en" / "index.html").read_text() == "b"


def test_remove_stale_removes_dead_builds_folders_only(tmp_path):
    out = tree(tmp_path / "site", "current")
    dead = dead_pid()
    tree(tmp_path / f".site.tmp-{dead}-abc", "half")
    tree(tmp_path / f".site.old-{dead}", "older")
    tree(tmp_path / f".site.tmp-{os.getpid()}-abc", "being written")
    tree(tmp_path / ".site.tmp-notours", "not ours")
    (tmp_path / ".site.lock").touch()
    assert remove_stale(out) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([
        ".site.lock", ".site.tmp-notours", f".site.tmp-{os.getpid()}-abc", "site"])


def test_remove_stale_puts_back_a_tree_a_killed_swap_had_moved_away(tmp_path):
    """Two renames and a SIGKILL between them: site/ is gone, the previous tree is beside."""
    out = tmp_path / "site"
    dead = dead_pid()
    tree(tmp_path / f".site.old-{dead}", "previous")
    tree(tmp_path / f".site.tmp-{dead}-abc", "new, complete")
    remove_stale(out)
    assert (out / "en" / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("code, filename, shown, reason", [
    (errno.ENOSPC, "{tmp}/.site.tmp-1-x/en/index.html", "{tmp}/site", "no space left on device"),
    (errno.ENOSPC, "{tmp}/cache/pdf/k.pdf.tmp-1", "{tmp}/cache", "no space left on device"),
    (errno.ENOSPC, None, "{tmp}/site", "no space left on device"),
    (errno.EDQUOT, "{tmp}/site/x", "{tmp}/site", "disk quota exceeded"),
    (errno.EFBIG, "{tmp}/site/x", "{tmp}/site", "file size limit exceeded"),
], ids=["output", "cache", "no-file", "quota", "file-limit"])
def test_a_full_disk_is_one_line_naming_the_folder(tmp_path, code, filename, shown, reason):
    exc = OSError(code, os.strerror(code), filename.format(tmp=tmp_path) if filename else None)
    found = no_space(exc, tmp_path / "site", tmp_path / "cache")
    assert str(found) == f"{reason} while writing {shown.format(tmp=tmp_path)}"


def test_other_errors_are_not_a_full_disk(tmp_path):
    assert no_space(OSError(errno.EACCES, "denied"), tmp_path) is None
    assert no_space(ValueError("x"), tmp_path) is None
