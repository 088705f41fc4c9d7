"""File moves of the service: durable moves, the dated archive, the one-instance lock."""

from __future__ import annotations

import errno
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING

from semantha import fsutil
from semantha.errors import StartupError

if TYPE_CHECKING:
    pass


LOCK_NAME = "service.lock"


def move_file(src: Path, dst: Path) -> None:
    """Move durably; across file systems (an SMB inbox, a local work/) copy, fsync, then delete."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        src.replace(dst)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        fsutil.atomic_copy(src, dst)
        src.unlink()
    fsutil.fsync_dir(dst.parent)


def archive_folder(archive: Path, day: date) -> Path:
    return archive / day.isoformat()


def purge_archive(archive: Path, retention_days: int, today: date) -> int:
    """Remove day folders of archive/ older than the retention; 0 days keeps everything."""
    if retention_days == 0 or not archive.is_dir():
        return 0
    limit = today - timedelta(days=retention_days)
    removed = 0
    for folder in archive.iterdir():
        try:
            day = date.fromisoformat(folder.name)
        except ValueError:
            continue  # not ours
        if day < limit and folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder)
            removed += 1
    return removed


@contextmanager
def instance_lock(work: Path) -> Iterator[None]:
    """One service per work/ folder: two would process the same journal twice."""
    work.mkdir(parents=True, exist_ok=True)
    handle: IO[str] = (work / LOCK_NAME).open("a+")
    try:
        _lock(handle)
    except OSError as exc:
        handle.close()
        raise StartupError(
            f"another semantha service is running on {work}",
            "stop it first (systemctl stop semantha) or use a separate work folder",
        ) from exc
    try:
        yield
    finally:
        handle.close()  # closing releases the lock


def _lock(handle: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
