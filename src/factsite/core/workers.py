"""The worker processes of a build, and how they end with it.

- `worker_pool(n)`: a spawn-based process pool (spawned, never forked: vl-convert and
  WeasyPrint hang in a forked child): `with worker_pool(n) as pool: pool.map(fn, items)`.
  Each worker asks the kernel to kill it when the build dies (Linux
  `prctl(PR_SET_PDEATHSIG, SIGKILL)`), even when the build is SIGKILLed, and ignores Ctrl-C:
  the build decides when its workers stop. Leaving the `with` block on an error or an
  interruption kills the workers at once instead of waiting for queued work.
- `dying_with_parent(cmd)`: a command line for `subprocess.Popen` that runs `cmd` with the
  same parent-death signal (set by a tiny launcher, this file run as a script, which then
  execs `cmd`; nothing runs between fork and exec in the build itself).
- `interruptible()`: SIGTERM and SIGINT kill the children and raise `Interrupted`, which
  unwinds the build's cleanup like any exception, within a deadline.

Processes started some other way are the business of `children.py`. Elsewhere than Linux the
parent-death signal is skipped: workers are still killed on every exit the build lives to see.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

PR_SET_PDEATHSIG = 1


class Interrupted(BaseException):
    """The build got SIGTERM or SIGINT; a BaseException, so no `except Exception` stops it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when `parent` dies (Linux; elsewhere a no-op)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _start_worker(parent: int, initializer: Callable | None, initargs: tuple) -> None:
    die_with_parent(parent)
    # Ctrl-C at a terminal reaches the whole process group: the build decides for us. It
    # started us with SIGINT blocked, so a Ctrl-C while we were starting up is dropped here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if initializer is not None:
        initializer(*initargs)


def _serve(conn, parent: int, initializer: Callable | None, initargs: tuple) -> None:
    """A worker: run (fn, index, item) messages until told to stop or the pipe closes."""
    _start_worker(parent, initializer, initargs)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        fn, index, item = message
        try:
            conn.send((index, True, fn(item)))
        except Exception as exc:  # the error goes to the build, with this side's traceback
            import traceback

            text = traceback.format_exc()
            try:
                conn.send((index, False, (exc, text)))
            except Exception:  # the error itself does not pickle
                conn.send((index, False, (RuntimeError(f"{type(exc).__name__}: {exc}"), text)))


class WorkerDied(RuntimeError):
    """A worker process ended in the middle of its work (killed, out of memory)."""


class WorkerPool:
    """Spawned workers, each fed one item at a time over its own pipe, from the calling thread.

    Not ProcessPoolExecutor: its feeder and manager threads can hang the build for good when a
    worker is killed while a large item is in transit, and its shutdown waits for all queued
    work. Not multiprocessing.Pool: it waits forever for the result of a worker that died.
    Here nothing runs outside the calling thread, so an interruption unwinds at once and a
    dead worker is an error (WorkerDied)."""

    def __init__(self, n: int, initializer: Callable | None = None, initargs: tuple = (),
                 local: bool | None = None):
        self.workers: list[tuple] = []  # (process, connection)
        self.local = n <= 1 if local is None else local
        self.stopped = False
        if self.local:
            return
        import multiprocessing

        spawn = multiprocessing.get_context("spawn")
        masked = hasattr(signal, "pthread_sigmask")  # the workers inherit the mask
        if masked:  # the tracker's start unblocks SIGINT: start it first
            from multiprocessing import resource_tracker

            resource_tracker.ensure_running()
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if masked else None
        try:
            for _ in range(max(n, 1)):
                ours, theirs = spawn.Pipe()
                process = spawn.Process(target=_serve, daemon=True,
                                        args=(theirs, os.getpid(), initializer, initargs))
                self.workers.append((process, ours))
                process.start()
                theirs.close()
        except BaseException:
            self.kill()
            raise
        finally:
            if masked:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)

    def map(self, fn: Callable, items: Iterable) -> list:
        """fn(item) for every item, in the items' order; the first error is raised here."""
        if self.local:
            return [fn(item) for item in items]
        if self.stopped:
            raise RuntimeError("the worker pool was stopped by an earlier error")
        try:
            return self._map(fn, list(enumerate(items)))
        except BaseException:
            self.kill()  # the others' results would arrive in the next map
            self.stopped = True
            raise

    def _map(self, fn: Callable, todo: list[tuple[int, object]]) -> list:
        from multiprocessing.connection import wait

        results: dict[int, object] = {}
        busy: dict[object, tuple] = {}  # connection -> (process, index)
        todo.reverse()
        while todo or busy:
            for process, conn in self.workers:
                if todo and conn not in busy:
                    index, item = todo.pop()
                    busy[conn] = (process, index)
                    try:
                        conn.send((fn, index, item))
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the worker is gone: its sentinel says so below
            sentinels = {process.sentinel: conn for conn, (process, _) in busy.items()}
            for ready in wait([*busy, *sentinels]):
                conn = sentinels.get(ready, ready)
                if conn not in busy:
                    continue
                try:
                    index, ok, value = conn.recv()
                except (EOFError, OSError):
                    process, index = busy[conn]
                    raise WorkerDied(f"a worker ended (exit status {process.exitcode}) in "
                                     f"the middle of item {index}") from None
                del busy[conn]
                if not ok:
                    exc, text = value
                    exc.add_note(f"in a worker process:\n{text}")
                    raise exc
                results[index] = value
        return [results[i] for i in range(len(results))]

    def kill(self) -> None:
        """Kill every worker now (work in progress is dropped)."""
        for process, conn in self.workers:
            if process.pid is not None:
                process.kill()
        for process, conn in self.workers:
            if process.pid is not None:
                process.join(5)
            conn.close()
        self.workers = []

    def close(self) -> None:
        """Let every worker finish and end."""
        for process, conn in self.workers:
            try:
                conn.send(None)
            except OSError:
                pass
        for process, conn in self.workers:
            process.join(10)
        self.kill()


@contextmanager
def worker_pool(n: int, initializer: Callable | None = None,
                initargs: tuple = (), local: bool | None = None) -> Iterator[WorkerPool]:
    """`n` spawned workers that die with the build; `n` <= 1 runs everything in this process
    unless `local` is False (work that must not run here). `fn` and the items must be
    picklable (module-level functions, plain data)."""
    pool = WorkerPool(n, initializer, initargs, local)
    try:
        yield pool
    except BaseException:
        pool.kill()
        raise
    pool.close()


def dying_with_parent(cmd: list[str]) -> list[str]:
    """`cmd` for subprocess.Popen, run so that it dies with this process (Linux)."""
    if not sys.platform.startswith("linux"):
        return list(cmd)
    return [sys.executable, "-I", "-S", __file__, "exec", str(os.getpid()), "--", *cmd]


@contextmanager
def interruptible(on_signal: Callable[[], None],
                  on_overdue: Callable[[int], None] | None = None, deadline: float = 1.5,
                  signals: tuple[int, ...] = (signal.SIGTERM, signal.SIGINT)) -> Iterator[None]:
    """Within the block, the first of `signals` calls `on_signal()` (kill the children) and
    raises Interrupted. If the block has not been left `deadline` seconds later (a library
    stuck waiting for a killed child), `on_overdue(signum)` runs in a helper thread and the
    process exits with the signal's status; so does a second signal, at once (the next build
    removes what is left). Only in the main thread; elsewhere the block runs unguarded."""
    import threading

    fired: list[int] = []
    timers: list[threading.Timer] = []

    def overdue(signum: int) -> None:
        on_signal()
        if on_overdue is not None:
            on_overdue(signum)
        os._exit(128 + signum)

    def handle(signum: int, frame) -> None:
        on_signal()
        if fired:
            overdue(fired[0])
        fired.append(signum)
        timer = threading.Timer(deadline, overdue, (signum,))
        timer.daemon = True
        timer.start()
        timers.append(timer)
        raise Interrupted(signum)

    try:
        previous = {s: signal.signal(s, handle) for s in signals}
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    except Exception as exc:
        if fired:  # a library turned the interruption into an error of its own (an import
            raise Interrupted(fired[0]) from exc  # of a C extension: ImportError)
        raise
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        for timer in timers:
            timer.cancel()


# -- run as a script: the launcher ------------------------------------------------------------
def _exec(parent: int, cmd: list[str]) -> None:
    die_with_parent(parent)
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    _exec(int(sys.argv[2]), sys.argv[4:])
