"""The output folder, kept whole: one build writes it at a time (a lock file beside it), a new
tree is written into a temporary folder beside it and exchanged with the old one in a single
step, and what an interrupted build left beside it is removed by the next one.

Beside `site/` live, all hidden: `.site.lock` (the lock, while a build writes),
`.site.tmp-<pid>-*` (a tree being written by build <pid>) and `.site.old-<pid>` (the previous
tree, on systems without an atomic exchange, between the two renames). The pid in a name
tells a running build's folder from a dead one's.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from factsite.core.cache import pid_alive

FULL_DISK = {errno.ENOSPC: "no space left on device", errno.EDQUOT: "disk quota exceeded",
             errno.EFBIG: "file size limit exceeded"}
RENAME_EXCHANGE = 2  # renameat2 flag (Linux 3.15+)
AT_FDCWD = -100


class OutputError(Exception):
    """The output cannot be written (disk full, another build holding it); one line."""


def lock_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.lock")


def _locked(path: Path, deadline: float, note: Callable[[], None]):
    """An open handle on `path` holding its flock, once the file at `path` is the one locked
    (a holder removes it before it lets go: a lock on a removed file does not count)."""
    import fcntl

    while True:
        handle = open(path, "a+b")
        try:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    note()
                    if time.monotonic() >= deadline:
                        raise
                    time.sleep(0.05)
            held = os.fstat(handle.fileno())
            try:
                now = os.stat(path)
            except FileNotFoundError:
                now = None
        except BaseException:
            handle.close()
            raise
        if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
            return handle
        handle.close()


@contextmanager
def output_lock(out: Path, timeout: float, note: Callable[[str], None]) -> Iterator[None]:
    """Hold the output's lock file while the block runs (flock: the kernel releases it however
    the build ends), waiting for another build up to `timeout` seconds and saying so once.
    The file is removed when the build is done with it."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    said: list[bool] = []

    def waiting() -> None:
        if not said:
            note(f"waiting for another build of {out}")
            said.append(True)

    try:
        handle = _locked(path, time.monotonic() + timeout, waiting)
    except BlockingIOError:
        raise OutputError(f"another build of {out} is still running after {timeout:g}s; "
                          "try again when it has finished, or pass --wait SECONDS") from None
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # still holding it: a waiting build sees it went away
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def temp_dir(out: Path) -> Path:
    """A fresh folder beside `out` for the next tree, named after this process."""
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-{os.getpid()}-", dir=out.parent))


def _owner(name: str, out: Path) -> int | None:
    """The pid in a leftover's name, or None if the name is not one of ours."""
    for mark in (f".{out.name}.tmp-", f".{out.name}.old-"):
        if name.startswith(mark):
            pid = name[len(mark):].split("-", 1)[0]
            return int(pid) if pid.isdigit() else None
    return None


def remove_stale(out: Path) -> int:
    """Remove the temporary and old trees of builds that are no longer running; first put a
    previous tree back if a build died between the two renames of a swap. Returns how many
    folders were removed."""
    if not out.parent.is_dir():
        return 0
    stale = sorted(p for p in out.parent.iterdir() if p.is_dir() and
                   (pid := _owner(p.name, out)) is not None and not pid_alive(pid))
    removed = 0
    for path in stale:
        if not out.exists() and path.name.startswith(f".{out.name}.old-"):
            os.rename(path, out)
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed += 1
    return removed


def remove_own(out: Path) -> None:
    """Remove this process's temporary tree beside `out` (and put the previous tree back if
    this process is between the two renames of a swap): for an exit that cannot unwind."""
    if not out.exists():
        for old in out.parent.glob(f".{out.name}.old-{os.getpid()}"):
            os.rename(old, out)
    for tmp in out.parent.glob(f".{out.name}.tmp-{os.getpid()}-*"):
        shutil.rmtree(tmp, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def swap_into_place(tmp: Path, out: Path) -> None:
    """Put the tree `tmp` at `out`. With an atomic exchange, `out` is at every moment the old
    tree or the new one, even if the build is killed; without, two renames (a build killed
    between them is repaired by the next one's `remove_stale`). The old tree is removed."""
    if out.exists() and _exchange(tmp, out):
        shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the old tree
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        os.rename(out, old)
    try:
        os.rename(tmp, out)
    except BaseException:
        if old.exists() and not out.exists():
            os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def no_space(exc: BaseException, folder: Path, *others: Path) -> OutputError | None:
    """A full disk (or a file size limit) as one line naming the folder being written: the
    innermost of `others` that holds the failing file, else `folder` (the output, whose
    temporary tree is beside it). None if `exc` is something else."""
    if not isinstance(exc, OSError) or exc.errno not in FULL_DISK:
        return None
    failed = Path(exc.filename) if isinstance(exc.filename, str) else None
    holding = [o for o in others if failed is not None and failed.is_relative_to(o)]
    shown = max(holding, key=lambda o: len(o.parts)) if holding else folder
    return OutputError(f"{FULL_DISK[exc.errno]} while writing {shown}")
