"""Each file in cases/ is one bad-content case: it replaces (or deletes) one file of the mini
edition, and states the exact diagnostics the build must print. Every case must also exit
with status 1 and leave a previously built site/ byte-identical."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import make_project, run_cli, tree_digest

CASES = sorted((Path(__file__).parent / "cases").glob("*.case"))


def parse_case(path: Path) -> tuple[dict[str, list[str]], bytes | None]:
    """Header lines `key: value` up to a line `---`; the rest is the file's new bytes."""
    raw = path.read_bytes()
    head, sep, body = raw.partition(b"\n---\n")
    assert sep, f"{path.name}: missing '---' line"
    header: dict[str, list[str]] = {}
    for line in head.decode("utf-8").splitlines():
        key, _, value = line.partition(": ")
        header.setdefault(key, []).append(value)
    return header, (None if header.get("action") == ["delete"] else body)


def test_there_are_enough_cases():
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_content(case: Path, tmp_path: Path, mini_site: Path, capsys):
    header, body = parse_case(case)
    project = make_project(tmp_path)
    shutil.copytree(mini_site, project / "site")
    before = tree_digest(project / "site")
    target = project / "content" / header["target"][0]
    if body is None:
        target.unlink()
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)

    status, out, err = run_cli(project, "build", capsys=capsys)

    assert status == 1
    assert "Traceback" not in err
    lines = err.splitlines()
    for expected in header["expect"]:
        assert expected in lines, f"missing line:\n{expected}\n--- got:\n{err}"
    errors = [ln for ln in lines if ": error " in ln]
    assert len(errors) == len(header["expect"]), err
    assert tree_digest(project / "site") == before
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []
