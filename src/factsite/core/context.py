"""The BuildContext: everything a build needs that is not content, created once by the CLI
(or a test) and passed down explicitly, as MkDocs passes its config."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from factsite.core.cache import Cache
from factsite.core.progress import Progress


def default_cache_dir() -> Path:
    """`FACTSITE_CACHE`, else `$XDG_CACHE_HOME/factsite`, else `~/.cache/factsite`."""
    if os.environ.get("FACTSITE_CACHE"):
        return Path(os.environ["FACTSITE_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factsite"


def default_build_date() -> str:
    """`SOURCE_DATE_EPOCH` when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch and epoch.isdigit() \
        else datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%d")


@dataclass
class BuildContext:
    """Cache, build date, workers, progress, strictness and lock wait of one build."""

    cache: Cache = field(default_factory=lambda: Cache(default_cache_dir()))
    build_date: str = field(default_factory=default_build_date)
    workers: int = field(default_factory=lambda: max(1, min(4, os.cpu_count() or 1)))
    progress: Progress = field(default_factory=Progress)
    strict: bool = False
    lock_timeout: float = 600.0  # seconds to wait for another build of the same output

    @classmethod
    def create(cls, cache_dir: Path | None = None, build_date: str | None = None,
               workers: int | None = None, progress: Progress | None = None,
               strict: bool = False, lock_timeout: float | None = None) -> BuildContext:
        ctx = cls(cache=Cache(cache_dir or default_cache_dir()),
                  progress=progress or Progress(), strict=strict)
        if lock_timeout is not None:
            ctx.lock_timeout = lock_timeout
        if build_date:
            ctx.build_date = build_date
        if workers:
            ctx.workers = workers
        return ctx
