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
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

TEMP_PREFIX = ".semantha-"
TEMP_SUFFIX = ".part"
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS}
NAME_MAX_BYTES = 255  # one name in a folder: ext4, XFS, NTFS and SMB shares allow no more
MAX_EXTENSION_BYTES = 16  # longer "extensions" are part of the name, not a type
NAME_HASH_CHARS = 8


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; restored at once
    os.umask(mask)
    return mask


# mkstemp makes its file private (0600); a written file gets the mode any new file
# gets, so that the DMS import and the review team's accounts can read it.
NEW_FILE_MODE = 0o666 & ~_umask()


class NotRegularFileError(OSError):
    """A FIFO, socket or device where a regular file was expected."""


def open_regular(path: Path, follow_symlinks: bool = True) -> IO[bytes]:
    """Open a regular file for reading; never block on a FIFO or a device.

    ``O_NONBLOCK`` makes opening a FIFO return at once; ``fstat`` on the open file
    then tells what was really opened (a name can be swapped between a ``stat`` and an
    ``open``). Anything but a regular file is ``NotRegularFileError``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(errno.EINVAL, "not a regular file", str(path))
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)  # regular files ignore it; reads stay plain
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def short_name(name: str, room: int = 0) -> str:
    """``name`` if it and ``room`` more bytes fit into one file name (255 bytes), else
    its beginning, ``~`` and a short hash of the whole name, and its extension.

    Different long names stay different (the hash), and the extension still says the
    type. ``room`` keeps space for a companion's ending (``.json``, ``.error.json``)."""
    limit = NAME_MAX_BYTES - room
    if len(os.fsencode(name)) <= limit:
        return name
    suffix = Path(name).suffix
    if len(os.fsencode(suffix)) > MAX_EXTENSION_BYTES:
        suffix = ""
    tag = "~" + hashlib.sha256(os.fsencode(name)).hexdigest()[:NAME_HASH_CHARS]
    stem = name[: len(name) - len(suffix)] if suffix else name
    budget = limit - len(tag) - len(os.fsencode(suffix))
    while len(os.fsencode(stem)) > budget:
        stem = stem[:-1]
    return stem + tag + suffix


def file_sha256(path: Path, follow_symlinks: bool = True) -> str:
    """Hex sha256 of a regular file, read in 1 MiB chunks (scans can be large)."""
    digest = hashlib.sha256()
    with open_regular(path, follow_symlinks) as handle:
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
    with open_regular(src) as source, _atomic_target(dst, exclusive) as handle:
        shutil.copyfileobj(source, handle, 1 << 20)
    shutil.copystat(src, dst, follow_symlinks=True)


def atomic_write_json(path: Path, obj: Any) -> None:
    """Write ``obj`` as indented UTF-8 JSON (umlauts kept readable)."""
    text = json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False, default=str)
    atomic_write_bytes(path, (text + "\n").encode("utf-8"))


def unique_path(path: Path) -> Path:
    """``path`` if free, else ``name (2).ext``, ``name (3).ext``, ... in the same folder
    (shortened by ``short_name`` where the number would make the name too long)."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(short_name(f"{path.stem} ({n}){path.suffix}"))
        if not candidate.exists():
            return candidate
        n += 1
