"""Two builds into one output folder: the second waits for the first (saying so), or gives up
after --wait seconds with one line; neither corrupts the other's tree."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import textwrap
import time

from harness import Build, cli_env
from helpers import tree_digest


def test_a_second_build_waits_for_the_first(editions, tmp_path, user_cache):
    project = editions.project(tmp_path)
    site = project / "site"
    first = Build(project, user_cache)
    first.wait_for(lambda: any(site.parent.glob(f".site.tmp-{first.pid}-*")),
                   "its temporary tree")  # it holds the lock and writes
    os.killpg(first.pid, signal.SIGSTOP)  # and stays in the middle of it, for the test
    try:
        second = Build(project, user_cache)
        second.wait_for_line("waiting for another build")
        time.sleep(1)
        assert second.proc.poll() is None  # it keeps waiting
        assert not any(site.parent.glob(f".site.tmp-{second.pid}-*"))
        assert tree_digest(site) == editions.previous_digest
    finally:
        os.killpg(first.pid, signal.SIGCONT)
    assert first.finish() == 0, first.stderr
    assert second.finish() == 0, second.stderr
    assert second.lines.count(f"factsite: waiting for another build of {site}") == 1
    assert "waiting" not in first.stderr
    assert second.exited > first.exited
    assert tree_digest(site) == editions.new_digest
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site")] == []


def test_a_build_gives_up_after_its_wait(editions, tmp_path, user_cache):
    project = editions.project(tmp_path)
    site = project / "site"
    with open(site.with_name(".site.lock"), "a+b") as held:  # another build holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        build = Build(project, user_cache, "--no-pdf", "--wait", "1")
        assert build.finish() == 1, build.stderr
    assert f"factsite: waiting for another build of {site}" in build.lines
    assert build.lines[-1] == (f"factsite: error: another build of {site} is still running "
                               "after 1s; try again when it has finished, or pass --wait "
                               "SECONDS")
    assert "Traceback" not in build.stderr
    assert tree_digest(site) == editions.previous_digest


def test_the_lock_admits_one_holder_at_a_time(tmp_path):
    """Four processes taking the lock 10 times each (the file is removed at every release):
    never two inside at once, and no lock file left."""
    log = tmp_path / "log"
    script = textwrap.dedent(f"""
        import os, time
        from pathlib import Path
        from factsite.build.output import output_lock
        for _ in range(10):
            with output_lock(Path({str(tmp_path / "site")!r}), 60, lambda m: None):
                with open({str(log)!r}, "a") as f:
                    f.write(f"{{os.getpid()}} in\\n")
                time.sleep(0.002)
                with open({str(log)!r}, "a") as f:
                    f.write(f"{{os.getpid()}} out\\n")
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script], env=cli_env()) for _ in range(4)]
    assert [p.wait(60) for p in procs] == [0] * 4
    lines = log.read_text().splitlines()
    assert len(lines) == 4 * 10 * 2
    for entered, left in zip(lines[::2], lines[1::2]):
        assert entered.split()[0] == left.split()[0] and (entered.split()[1], left.split()[1]) \
            == ("in", "out"), lines
    assert not (tmp_path / ".site.lock").exists()
