"""Crash-safe file writes: temp file in the target folder, fsync, ``os.replace``, fsync folder.

A reader never sees a half-written file: either the old content or the new one.
The temp file lives in the destination folder so ``os.replace`` stays on one file
system (a rename across devices would not be atomic).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

TEMP_PREFIX = ".semantha-"
TEMP_SUFFIX = ".part"


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (POSIX; no-op where folders can't be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (e.g. SMB mounts) refuse fsync on a folder
    finally:
        os.close(fd)


@contextmanager
def _atomic_target(path: Path) -> Iterator[IO[bytes]]:
    """Yield a temp file next to ``path``; on success it replaces ``path`` atomically."""
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with _atomic_target(path) as handle:
        handle.write(data)


def atomic_copy(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` atomically; the modification time is kept."""
    with src.open("rb") as source, _atomic_target(dst) as handle:
        shutil.copyfileobj(source, handle, 1 << 20)
    shutil.copystat(src, dst, follow_symlinks=True)


def atomic_write_json(path: Path, obj: Any) -> None:
    """Write ``obj`` as indented UTF-8 JSON (umlauts kept readable)."""
    text = json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False, default=str)
    atomic_write_bytes(path, (text + "\n").encode("utf-8"))


def unique_path(path: Path) -> Path:
    """``path`` if free, else ``name (2).ext``, ``name (3).ext``, ... in the same folder."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
