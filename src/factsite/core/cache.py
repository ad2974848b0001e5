"""A content-addressed cache whose entries are verified on every read.

An entry is stored under a key (a hash of everything its content depends on) together with
the SHA-256 of its content, recorded when it was written. A read that finds the content
changed (truncated by a killed build, corrupted on disk) discards the entry, so the caller
renders it again; a corrupt entry is never published. Writes go to a temporary file that is
renamed into place, so a reader never sees half an entry.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

TMP_MARK = ".tmp-"


def digest(*parts: str | bytes) -> str:
    """SHA-256 hex digest of the parts (text is UTF-8 encoded), separated unambiguously."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def pid_alive(pid: int) -> bool:
    """True while a process of this id runs (ours or another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Cache:
    """Verified entries under `root/<namespace>/<key><suffix>`, each with a `.sha256` file."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, namespace: str, key: str, suffix: str = "") -> Path:
        return self.root / namespace / f"{key}{suffix}"

    def get(self, namespace: str, key: str, suffix: str = "") -> bytes | None:
        """The entry's content, or None when it is missing or fails its hash check."""
        path = self.path(namespace, key, suffix)
        check = path.with_name(path.name + ".sha256")
        try:
            data = path.read_bytes()
            recorded = check.read_text(encoding="ascii").strip()
        except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
            return None
        if hashlib.sha256(data).hexdigest() != recorded:
            self.discard(namespace, key, suffix)
            return None
        try:
            os.utime(check)  # last use, for pruning
        except OSError:
            pass
        return data

    def put(self, namespace: str, key: str, data: bytes, suffix: str = "") -> Path:
        """Store an entry atomically; returns its path."""
        path = self.path(namespace, key, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        check = path.with_name(path.name + ".sha256")
        tag = f"{TMP_MARK}{os.getpid()}"
        tmp_data, tmp_check = path.with_name(path.name + tag), check.with_name(check.name + tag)
        tmp_data.write_bytes(data)
        tmp_check.write_text(hashlib.sha256(data).hexdigest() + "\n", encoding="ascii")
        os.replace(tmp_data, path)
        os.replace(tmp_check, check)  # the entry counts only once its hash is in place
        return path

    def get_many(self, namespace: str, keys: list[str], suffix: str,
                 valid: Callable[[bytes], bool], make: Callable[[list[int]], list[bytes]]
                 ) -> tuple[list[bytes], int]:
        """The entry of every key, verified and `valid`; the missing or invalid ones made in
        one batch (`make(indices)`, e.g. in worker processes) and stored. Returns the
        entries, in the keys' order, and how many were made."""
        out: list[bytes | None] = []
        for key in keys:
            data = self.get(namespace, key, suffix)
            out.append(data if data is not None and valid(data) else None)
        missing = [i for i, data in enumerate(out) if data is None]
        if missing:
            for i, data in zip(missing, make(missing)):
                self.put(namespace, keys[i], data, suffix)
                out[i] = data
        return out, len(missing)  # type: ignore[return-value]

    def discard(self, namespace: str, key: str, suffix: str = "") -> None:
        path = self.path(namespace, key, suffix)
        for p in (path, path.with_name(path.name + ".sha256")):
            p.unlink(missing_ok=True)

    # -- housekeeping ----------------------------------------------------------------------
    def remove_leftovers(self) -> int:
        """Delete temporary files of writers that are no longer running (a killed build)."""
        removed = 0
        if not self.root.exists():
            return 0
        for tmp in self.root.rglob(f"*{TMP_MARK}*"):
            pid = tmp.name.rsplit(TMP_MARK, 1)[-1]
            if pid.isdigit() and pid_alive(int(pid)):
                continue
            if tmp.is_dir():
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                tmp.unlink(missing_ok=True)
            removed += 1
        return removed

    def entries(self) -> list[tuple[Path, float, int]]:
        """(path, last use, bytes) of every entry."""
        out = []
        if not self.root.exists():
            return out
        for check in self.root.rglob("*.sha256"):
            data = check.with_name(check.name.removesuffix(".sha256"))
            try:
                out.append((data, check.stat().st_mtime, data.stat().st_size))
            except FileNotFoundError:
                continue
        return out

    def size(self) -> tuple[int, int]:
        """(number of entries, bytes)."""
        found = self.entries()
        return len(found), sum(size for _, _, size in found)

    def prune(self, older_than_days: float) -> tuple[int, int]:
        """Remove entries no build has used for `older_than_days`; (entries, bytes) freed."""
        limit = time.time() - older_than_days * 86400
        n = freed = 0
        for data, used, size in self.entries():
            if used < limit:
                data.unlink(missing_ok=True)
                data.with_name(data.name + ".sha256").unlink(missing_ok=True)
                n, freed = n + 1, freed + size
        return n, freed

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
