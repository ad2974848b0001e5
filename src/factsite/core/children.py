"""The processes a build starts in ways it does not control (a plain ProcessPoolExecutor,
a command), and how they end with it.

`ChildGuard` notes the descendants the build starts (from /proc). Its watchdog, a small
process of its own session (this file run as a script, standard library only), looks at them
every tenth of a second; when the build's pipe closes without a goodbye (the build was
SIGKILLed) it kills every one of them, so none outlives the build by more than about half a
second. A build interrupted by a signal calls `kill_children()` itself. The multiprocessing
resource tracker is spared at first: it ends by itself once its clients are gone, after
removing what they leaked. Only on Linux (elsewhere the guard does nothing).
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

PROC = Path("/proc")
TRACKER = "multiprocessing.resource_tracker"
WATCH_TICK = 0.1  # seconds between the watchdog's looks at the build's descendants


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, start time) of a live process, from /proc/<pid>/stat."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    if fields[0] == "Z":
        return None  # a zombie has ended; only its parent's wait is missing
    return int(fields[1]), int(fields[19])


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in (PROC / str(pid) / "task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    except OSError:
        return []
    return found


def _scan(pid: int) -> dict[int, int]:
    """descendants() on a kernel without /proc/<pid>/task/<tid>/children: every process."""
    procs = {int(e.name): info for e in PROC.iterdir()
             if e.name.isdigit() and (info := _stat(int(e.name))) is not None}
    found: dict[int, int] = {}
    parents = {pid}
    while parents:
        parents = {p for p, (ppid, _) in procs.items() if ppid in parents and p not in found}
        found.update({p: procs[p][1] for p in parents})
    return found


def descendants(pid: int) -> dict[int, int]:
    """Every live descendant of `pid`: pid -> start time (to tell a reused pid apart)."""
    if not (PROC / str(os.getpid()) / "task" / str(os.getpid()) / "children").exists():
        return _scan(pid)
    found: dict[int, int] = {}
    todo = _children(pid)
    while todo:
        child = todo.pop()
        info = _stat(child)
        if info is not None and child not in found:
            found[child] = info[1]
            todo += _children(child)
    return found


def _cmdline(pid: int) -> str:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(
            "utf-8", "replace")
    except OSError:
        return ""


def kill_all(processes: dict[int, int], spare_tracker: bool = False) -> None:
    """SIGKILL each process still running with the recorded start time."""
    for pid, started in processes.items():
        info = _stat(pid)
        if info is None or info[1] != started or (spare_tracker and TRACKER in _cmdline(pid)):
            continue
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


class ChildGuard:
    """Kills the processes a build starts, however the build ends (see the module doc)."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.before = descendants(self.pid) if PROC.is_dir() else {}
        self.watchdog: subprocess.Popen | None = None

    def start(self) -> None:
        if not sys.platform.startswith("linux") or not PROC.is_dir():
            return
        keep = ",".join(str(p) for p in self.before) or "-"
        self.watchdog = subprocess.Popen(
            [sys.executable, "-I", "-S", __file__, "watch", str(self.pid), keep],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, start_new_session=True)

    def children(self) -> dict[int, int]:
        """The descendants started since the guard was set up, the watchdog excepted."""
        spared = set(self.before) | ({self.watchdog.pid} if self.watchdog else set())
        return {p: t for p, t in descendants(self.pid).items() if p not in spared}

    def kill_children(self) -> None:
        if PROC.is_dir():
            kill_all(self.children(), spare_tracker=True)

    def __enter__(self) -> ChildGuard:
        self.start()
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:
            self.kill_children()
        self.close()

    def close(self) -> None:
        """The build ended here, in this process: tell the watchdog to leave."""
        if self.watchdog is None:
            return
        try:
            self.watchdog.stdin.write(b"done\n")
            self.watchdog.stdin.close()
        except OSError:
            pass
        self.watchdog.wait()
        self.watchdog = None


def guard_children() -> ChildGuard:
    """`with guard_children():` kills what the block started if it fails or is killed."""
    return ChildGuard()


def _watch(build: int, keep: set[int]) -> None:
    """Note the build's new descendants until its pipe closes; without a goodbye, kill them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    me, seen = os.getpid(), {}
    while True:
        ready, _, _ = select.select([sys.stdin.buffer], [], [], WATCH_TICK)
        seen.update({p: t for p, t in descendants(build).items() if p not in keep | {me}})
        if ready:
            break
    if sys.stdin.buffer.read().startswith(b"done"):
        return
    for round_ in range(10):  # kill, then give the resource tracker a moment to end itself
        for pid in list(seen):
            seen.update({p: t for p, t in descendants(pid).items() if p != me})
        kill_all(seen, spare_tracker=round_ < 5)
        seen = {p: t for p, t in seen.items() if (_stat(p) or (0, None))[1] == t}
        if not seen:
            return
        time.sleep(WATCH_TICK)


if __name__ == "__main__":
    _watch(int(sys.argv[2]), {int(p) for p in sys.argv[3].split(",") if p.isdigit()})
