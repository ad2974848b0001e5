"""The worker module: a pool whose workers die with their build (the kernel's parent-death
signal, even for a SIGKILLed build), commands that do the same, and a guard whose watchdog
kills what a killed build started some other way (a plain ProcessPoolExecutor)."""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from harness import alive, cli_env, proc_stat
from factsite.core.children import ChildGuard
from factsite.core.workers import WorkerDied, worker_pool

SCRIPTS = {
    # a build that starts two pool workers busy for a minute, and says their pids
    "pool": """
        import os, time
        from factsite.core.workers import worker_pool
        with worker_pool(2) as pool:
            print(*[p.pid for p, _ in pool.workers], flush=True)
            pool.map(time.sleep, [60, 60])
    """,
    # a build whose workers come from a plain ProcessPoolExecutor, under the guard
    "guarded-executor": """
        import multiprocessing, time
        from concurrent.futures import ProcessPoolExecutor
        from factsite.core.children import guard_children
        with guard_children():
            with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as ex:
                futures = [ex.submit(time.sleep, 60) for _ in range(2)]
                while len(ex._processes) < 2:
                    time.sleep(0.05)
                time.sleep(1)
                print(*ex._processes, flush=True)
                futures[0].result()
    """,
    # a command started as Pagefind is
    "command": """
        import subprocess
        from factsite.core.workers import dying_with_parent
        proc = subprocess.Popen(dying_with_parent(["sleep", "60"]))
        print(proc.pid, flush=True)
        proc.wait()
    """,
}


@pytest.mark.parametrize("script", SCRIPTS)
def test_children_die_with_a_killed_build(script):
    build = subprocess.Popen([sys.executable, "-c", textwrap.dedent(SCRIPTS[script])],
                             env=cli_env(), stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in build.stdout.readline().split()]
        assert pids, f"{script} printed no pids"
        time.sleep(0.5)  # the command has been exec'ed, the workers are at work
        children = {pid: proc_stat(pid)[3] for pid in pids}
        assert all(proc_stat(pid)[1] == build.pid for pid in pids)
        build.kill()
        build.wait()
        deadline = time.monotonic() + 2
        while any(alive(p, t) for p, t in children.items()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [p for p, t in children.items() if alive(p, t)]
    finally:
        build.kill()
        build.wait()


def test_pool_maps_in_order_and_raises_a_workers_error():
    with worker_pool(2) as pool:
        assert pool.map(math.factorial, range(8)) == [math.factorial(n) for n in range(8)]
        with pytest.raises(ValueError) as raised:
            pool.map(math.sqrt, [4.0, -1.0, 9.0])
        assert pool.workers == []  # the error killed the workers; none is left behind
        with pytest.raises(RuntimeError, match="stopped by an earlier error"):
            pool.map(abs, [1])
    assert "in a worker process" in "".join(raised.value.__notes__)


def test_a_worker_that_dies_is_an_error_not_a_hang():
    with pytest.raises(WorkerDied):
        with worker_pool(2) as pool:
            pool.map(os._exit, [3])


def test_ctrl_c_while_workers_start_is_the_builds_business(tmp_path):
    """Ctrl-C reaches the whole process group, workers still importing included: they
    ignore it (it was blocked until they could), the build gets it."""
    script = tmp_path / "build.py"  # spawned workers import the main module: a file
    script.write_text(textwrap.dedent("""
        import os, signal, time
        from factsite.core.workers import worker_pool
        if __name__ == "__main__":
            got = []
            signal.signal(signal.SIGINT, lambda *a: got.append(1))
            with worker_pool(2) as pool:
                os.killpg(0, signal.SIGINT)
                time.sleep(0.2)
                print(pool.map(abs, [-1, -2, -3]), got, flush=True)
    """))
    done = subprocess.run([sys.executable, str(script)], env=cli_env(), capture_output=True,
                          text=True, timeout=60, start_new_session=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[1, 2, 3] [1]\n"
    assert done.stderr == ""


def test_one_worker_means_this_process():
    with worker_pool(1) as pool:
        assert pool.map(abs, [-2]) == [2]
        assert pool.workers == []


def test_the_guard_spares_what_was_running_before_it():
    before = subprocess.Popen(["sleep", "30"])
    try:
        with ChildGuard() as guard:
            during = subprocess.Popen(["sleep", "30"])
            assert set(guard.children()) == {during.pid}
            guard.kill_children()
            assert during.wait(5) == -signal.SIGKILL
        assert before.poll() is None
    finally:
        before.kill()
        before.wait()


def test_a_stuck_cleanup_still_ends_within_the_deadline():
    """The unwinding after a signal waits on something that never comes (as a
    ProcessPoolExecutor can, for a killed worker's half-sent item): the deadline ends it."""
    script = textwrap.dedent("""
        import time
        from factsite.core.workers import Interrupted, interruptible
        with interruptible(lambda: None, lambda signum: print("overdue", signum, flush=True)):
            try:
                print("ready", flush=True)  # inside the try: the signal may come at once
                time.sleep(60)
            except Interrupted:
                time.sleep(60)  # stuck
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], env=cli_env(),
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "ready\n"
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 128 + signal.SIGTERM
        assert 1.0 < time.monotonic() - sent < 2.0
        assert proc.stdout.read() == f"overdue {int(signal.SIGTERM)}\n"
    finally:
        proc.kill()
        proc.wait()


def test_an_interruption_a_library_turned_into_its_own_error_is_still_one():
    """SIGTERM while a C extension is imported (OpenCC, as a build starts): the import system
    turns the handler's Interrupted into an ImportError. The build still ends as interrupted
    (one line and status 143), not with a traceback."""
    from factsite.core.workers import Interrupted, interruptible

    with pytest.raises(Interrupted) as caught:
        with interruptible(lambda: None):
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(1)
            except Interrupted as exc:  # what `import opencc` makes of it
                raise ImportError("initialization failed") from exc
    assert caught.value.signum == signal.SIGTERM
    with pytest.raises(ImportError):  # an error with no signal behind it stays what it is
        with interruptible(lambda: None):
            raise ImportError("no such module")
