"""The audit log ``<work>/audit.jsonl``: who saw or decided which document, append-only.

Each line is a JSON object: ``at``, ``user``, ``event``, ``sha256`` (or null), the
event's details, and ``prev``: the sha256 hex of the previous line's bytes (without
its newline; 64 zeros for the first line). The chain makes a removed or altered line
show. The service, the command line and the review station all append, so each
append holds an exclusive lock on the file while it reads the last line and writes.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

AUDIT_NAME = "audit.jsonl"
FIRST_PREV = "0" * 64
_TAIL_CHUNK = 4096


def audit_path(work: Path) -> Path:
    return work / AUDIT_NAME


def append(work: Path, event: str, user: str, **details: Any) -> None:
    """Append one event; ``sha256`` among ``details`` names the document."""
    path = audit_path(work)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        last = _last_line(fd)
        prev = hashlib.sha256(last).hexdigest() if last else FIRST_PREV
        entry = {
            "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "user": user,
            "event": event,
            "sha256": details.pop("sha256", None),
            **details,
            "prev": prev,
        }
        os.write(fd, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)  # closing releases the lock


def _last_line(fd: int) -> bytes:
    """The file's last line without its newline (b"" for an empty file)."""
    end = os.lseek(fd, 0, os.SEEK_END)
    tail = b""
    position = end
    while position > 0:
        step = min(_TAIL_CHUNK, position)
        position -= step
        tail = os.pread(fd, step, position) + tail
        if tail.count(b"\n") >= 2 or position == 0:
            break
    return tail.rstrip(b"\n").rpartition(b"\n")[2]
