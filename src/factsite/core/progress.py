"""Progress of a build: a live status line (rich) on a terminal, plain one-line summaries in
CI (`CI=true`) or when output is not a terminal, nothing when quiet; verbose adds each
step's timing everywhere. Every step's time is recorded for the build report."""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager


class Progress:
    """Reports the steps of a build and records how long each took."""

    def __init__(self, quiet: bool = True, verbose: bool = False):
        self.quiet, self.verbose = quiet, verbose
        self.live = not quiet and sys.stderr.isatty() and not os.environ.get("CI")
        self.timings: list[tuple[str, float]] = []
        self._console = None
        if self.live:
            from rich.console import Console

            self._console = Console(stderr=True)

    @contextmanager
    def step(self, label: str):
        started = time.perf_counter()
        if self.live:
            with self._console.status(f"[bold]{label}…"):
                yield
        else:
            yield
        took = time.perf_counter() - started
        self.timings.append((label, took))
        if self.quiet:
            return
        if self.live:
            self._console.print(f"[green]✓[/green] {label} [dim]{took:.1f}s[/dim]")
        elif self.verbose or os.environ.get("CI"):
            print(f"factsite: {label} ({took:.1f}s)", file=sys.stderr, flush=True)

    def note(self, message: str) -> None:
        """One line about the build that is not a step (waiting for a lock), unless quiet."""
        if self.quiet:
            return
        if self.live:
            self._console.print(f"factsite: {message}", markup=False, highlight=False)
        else:
            print(f"factsite: {message}", file=sys.stderr, flush=True)
