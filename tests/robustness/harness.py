"""The harness of the robustness tests: the CLI in a subprocess (this checkout's sources, a
given cache), and a build runner that reads its progress lines as they come and notes every
process it starts, from /proc."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from helpers import REPO

EPOCH = "1800000000"  # a fixed build date: trees built at different times compare equal


def cli_env(cache: Path | None = None) -> dict[str, str]:
    """The environment of a CLI subprocess: this checkout's sources, a fixed build date, the
    cache given (else the user's)."""
    env = dict(os.environ)
    env.update(PYTHONPATH=str(REPO / "src"), SOURCE_DATE_EPOCH=EPOCH, PYTHONUNBUFFERED="1")
    if cache is not None:
        env["FACTSITE_CACHE"] = str(cache)
    return env


def cli(*args: str, cache: Path | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the CLI in a subprocess to its end."""
    return subprocess.run([sys.executable, "-m", "factsite.cli", *args], env=cli_env(cache),
                          capture_output=True, text=True, timeout=timeout)


# -- processes --------------------------------------------------------------------------------
def proc_stat(pid: int) -> tuple[str, int, int, int] | None:
    """(state, parent, process group, start time) from /proc, or None when gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return fields[0], int(fields[1]), int(fields[2]), int(fields[19])


def all_processes() -> dict[int, tuple[str, int, int, int]]:
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (info := proc_stat(int(entry))) is not None:
            found[int(entry)] = info
    return found


def alive(pid: int, started: int) -> bool:
    info = proc_stat(pid)
    return info is not None and info[0] != "Z" and info[3] == started


class Build:
    """`factsite build` in a subprocess leading its own process group; a thread reads its
    stderr line by line, another notes every descendant (pid -> start time) while it runs."""

    def __init__(self, project: Path, cache: Path, *args: str, out: Path | None = None):
        cmd = [sys.executable, "-m", "factsite.cli", "--project", str(project), "--verbose",
               *(["--out", str(out)] if out else []), *args, "build"]
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, env=cli_env(cache), stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, start_new_session=True)
        self.pid = self.proc.pid
        self.lines: list[str] = []
        self.seen: dict[int, int] = {}
        self.stdout = ""
        self.signalled = self.ended = self.exited = 0.0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._tracker = threading.Thread(target=self._track, daemon=True)
        self._tracker.start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def _track(self) -> None:
        while self.proc.poll() is None:
            procs = all_processes()
            family, grew = {self.pid}, True
            while grew:
                grew = False
                for pid, (state, parent, group, _) in procs.items():
                    if pid not in family and (parent in family or group == self.pid):
                        family.add(pid)
                        grew = True
            for pid in family - {self.pid}:
                self.seen.setdefault(pid, procs[pid][3])
            time.sleep(0.03)
        self.exited = time.monotonic()  # within 0.03 s of the real exit

    def wait_for(self, ready, what: str, timeout: float = 90) -> None:
        """Wait until `ready()` while the build runs."""
        deadline = time.monotonic() + timeout
        while not ready():
            assert self.proc.poll() is None or ready(), \
                f"the build ended before {what}:\n" + "\n".join(self.lines)
            assert time.monotonic() < deadline, f"no {what} after {timeout}s"
            time.sleep(0.01)

    def wait_for_line(self, text: str, timeout: float = 90) -> None:
        """Wait until a stderr line contains `text`."""
        self.wait_for(lambda: any(text in line for line in self.lines), repr(text), timeout)

    def wait_for_handlers(self, timeout: float = 30) -> None:
        """Wait until the build has its SIGTERM handler (the CLI's build path is running)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                status = Path(f"/proc/{self.pid}/status").read_text()
            except OSError:
                break
            caught = int(next(line for line in status.splitlines()
                              if line.startswith("SigCgt:")).split()[1], 16)
            if caught & (1 << (15 - 1)):
                return
            time.sleep(0.005)
        raise AssertionError("the build never installed its SIGTERM handler")

    def send(self, signum: int) -> None:
        self.signalled = time.monotonic()
        os.kill(self.pid, signum)

    def finish(self, timeout: float = 120) -> int:
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill_all()
            raise
        self.ended = time.monotonic()
        self._reader.join(5)
        self._tracker.join(5)
        self.stdout = self.proc.stdout.read()
        return self.proc.returncode

    def kill_all(self) -> None:
        """End the build and everything it started (a test that failed half way)."""
        for pid, started in [(self.pid, None), *self.seen.items()]:
            if started is None or alive(pid, started):
                try:
                    os.kill(pid, 9)
                except OSError:
                    pass
        self.proc.wait()

    def survivors(self) -> list[str]:
        """Every process the build started (or of its process group) still running."""
        left = [pid for pid, started in self.seen.items() if alive(pid, started)]
        left += [pid for pid, info in all_processes().items()
                 if info[2] == self.pid and info[0] != "Z" and pid not in left]
        return [f"{pid} {Path(f'/proc/{pid}/cmdline').read_bytes()[:120]!r}" for pid in left
                if proc_stat(pid)]

    def wait_for_no_survivors(self, within: float) -> list[str]:
        deadline = time.monotonic() + within
        while (left := self.survivors()) and time.monotonic() < deadline:
            time.sleep(0.05)
        return left

    @property
    def stderr(self) -> str:
        return "\n".join(self.lines)


