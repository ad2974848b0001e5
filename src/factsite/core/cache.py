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
from dataclasses import dataclass
from pathlib import Path

TMP_MARK = ".tmp-"
BATCH = 1024  # entries made at once when they are kept by reference (bounded memory)


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


class CacheChanged(OSError):
    """A verified entry changed on disk between its check and its use."""


@dataclass(frozen=True)
class Stored:
    """A verified entry by reference: its bytes stay on disk until they are written out, so
    a build of 20,000 pages does not hold every picture in memory. Reading checks the hash
    recorded at write time once more."""

    path: Path
    sha256: str

    def read(self) -> bytes:
        data = self.path.read_bytes()
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise CacheChanged(f"{self.path}: cache entry changed during the build; "
                               "run the build again")
        return data


def as_bytes(data: bytes | Stored) -> bytes:
    return data.read() if isinstance(data, Stored) else data


class Cache:
    """Verified entries under `root/<namespace>/<key><suffix>`, each with a `.sha256` file."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, namespace: str, key: str, suffix: str = "") -> Path:
        return self.root / namespace / f"{key}{suffix}"

    def get(self, namespace: str, key: str, suffix: str = "") -> bytes | None:
        """The entry's content, or None when it is missing or fails its hash check."""
        found = self._read(namespace, key, suffix)
        return None if found is None else found[0]

    def _read(self, namespace: str, key: str, suffix: str) -> tuple[bytes, str] | None:
        """(content, recorded hash) of a verified entry, or None (a bad entry is removed)."""
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
        return data, recorded

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
                 valid: Callable[[bytes], bool], make: Callable[[list[int]], list[bytes]],
                 by_reference: bool = False) -> tuple[list, int]:
        """The entry of every key, verified and `valid`; the missing or invalid ones made in
        one batch (`make(indices)`, e.g. in worker processes) and stored. Returns the
        entries (their bytes, or `Stored` references when `by_reference`), in the keys'
        order, and how many were made."""
        def kept(key: str, data: bytes, sha: str | None = None) -> bytes | Stored:
            if not by_reference:
                return data
            return Stored(self.path(namespace, key, suffix),
                          sha or hashlib.sha256(data).hexdigest())

        out: list = []
        for key in keys:
            found = self._read(namespace, key, suffix)
            out.append(kept(key, *found) if found is not None and valid(found[0]) else None)
        missing = [i for i, entry in enumerate(out) if entry is None]
        step = BATCH if by_reference else max(len(missing), 1)  # by reference: never all
        for start in range(0, len(missing), step):
            batch = missing[start:start + step]
            for i, data in zip(batch, make(batch)):
                self.put(namespace, keys[i], data, suffix)
                out[i] = kept(keys[i], data)
        return out, len(missing)

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
