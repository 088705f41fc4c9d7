"""Crash-safe file writes: temp file in the target folder, fsync, ``os.replace``, fsync folder.

A reader never sees a half-written file: either the old content or the new one.
The temp file lives in the destination folder so ``os.replace`` stays on one file
system (a rename across devices would not be atomic).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

TEMP_PREFIX = ".semantha-"
TEMP_SUFFIX = ".part"
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS}


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; restored at once
    os.umask(mask)
    return mask


# mkstemp makes its file private (0600); a written file gets the mode any new file
# gets, so that the DMS import and the review team's accounts can read it.
NEW_FILE_MODE = 0o666 & ~_umask()


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB chunks (scans can be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


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
def _atomic_target(
    path: Path, exclusive: bool = False, mode: int = NEW_FILE_MODE
) -> Iterator[IO[bytes]]:
    """Yield a temp file next to ``path``; on success it becomes ``path`` atomically.

    ``exclusive`` never replaces an existing ``path`` (FileExistsError instead), even
    when another process creates it at the same moment. ``mode``: its permissions.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    tmp = Path(tmp_name)
    try:
        if hasattr(os, "fchmod"):  # POSIX; on Windows the folder's ACL decides
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            link_new(tmp, path)
        else:
            tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)


def staged(folder: Path, write: Callable[[IO[bytes]], object], mode: int = NEW_FILE_MODE) -> Path:
    """A new temporary file in ``folder`` filled by ``write`` and fsynced, for the caller
    to give its name (``link_new``, ``os.replace``) or remove; removed here on failure."""
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    tmp = Path(tmp_name)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def link_new(tmp: Path, path: Path) -> None:
    """Give ``tmp`` the name ``path`` unless that name exists (link(2) refuses atomically)."""
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # File systems without hard links (some SMB/FAT mounts): check, then rename.
        if path.exists():
            raise FileExistsError(errno.EEXIST, "file exists", str(path)) from exc
        tmp.replace(path)


def atomic_write_bytes(
    path: Path, data: bytes, exclusive: bool = False, mode: int = NEW_FILE_MODE
) -> None:
    """Write ``data`` atomically; with ``exclusive`` an existing ``path`` is FileExistsError.

    ``mode`` 0o600 keeps secrets (password hashes, keys) to the owner from the first byte."""
    with _atomic_target(path, exclusive, mode) as handle:
        handle.write(data)


def atomic_copy(src: Path, dst: Path, exclusive: bool = False) -> None:
    """Copy ``src`` to ``dst`` atomically; the modification time is kept.

    With ``exclusive`` an existing ``dst`` is never replaced: FileExistsError.
    """
    with src.open("rb") as source, _atomic_target(dst, exclusive) as handle:
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
