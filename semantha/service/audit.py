"""The audit log ``<work>/audit.jsonl``: who saw or decided which document, append-only.

Each line is a JSON object: ``at``, ``user``, ``event``, ``sha256`` (or null), the
event's details, and ``prev``: the sha256 hex of the previous line's bytes (without
its newline; 64 zeros for the first line). The chain makes a removed or altered line
show. The service, the command line and the review station all append, so each
append holds an exclusive lock on the file while it reads the last line and writes.

``verify`` walks the chain. What it cannot see from the file alone: a change to the
last line, or lines cut off the end, leave a shorter chain that is still whole. A
head (line count and hash of the last line) kept elsewhere closes that gap: given
it, ``verify`` also demands that line and its hash.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from semantha.records import Delivery, Document

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


def append_transfer(
    work: Path, document: Document, deliveries: Sequence[Delivery], user: str
) -> None:
    """The transfer note (``delivering.transfer``) of a document delivered to the DMS:
    event ``transfer`` naming every file delivered with its sha256; nothing when none was."""
    from semantha.delivering import transfer

    files = [
        transfer.delivered_file(d.destination, d.sha256, d.action)
        for d in deliveries
        if d.ok and d.destination is not None and d.action.kind in ("deliver", "copy")
    ]
    if files:
        note = transfer.note(document)
        append(work, "transfer", user, sha256=document.id, **note, delivered=files)


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


@dataclass(frozen=True)
class Head:
    """Where a chain ends: its line count and the sha256 hex of its last line."""

    lines: int
    sha256: str


@dataclass(frozen=True)
class Verdict:
    """``bad_line`` (1-based) is the first line the chain does not vouch for, or None."""

    head: Head
    bad_line: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.bad_line is None


def verify(path: Path, kept: Head | None = None) -> Verdict:
    """Walk the chain of the audit log at ``path``; ``kept`` is a head recorded earlier
    that the log must still contain (an empty or missing log is an intact, empty chain)."""
    data = path.read_bytes() if path.exists() else b""
    lines = data.split(b"\n")
    complete, tail = lines[:-1], lines[-1]  # a whole file ends in a newline: tail is b""
    prev, number = FIRST_PREV, 0
    for number, line in enumerate(complete, 1):
        reason = _broken(line, prev, number)
        if reason:
            return Verdict(Head(number - 1, prev), number, reason)
        prev = hashlib.sha256(line).hexdigest()
        if kept is not None and number == kept.lines and prev != kept.sha256:
            return Verdict(
                Head(number, prev),
                number,
                f"line {number} is not the line the kept head names (its hash differs): "
                "it or a line before it was changed, inserted or removed",
            )
    head = Head(number, prev)
    if tail:
        return Verdict(
            head,
            number + 1,
            f"line {number + 1}, the last, is cut off (no newline at its end): an append "
            "was interrupted or the file was truncated",
        )
    if kept is not None and number < kept.lines:
        return Verdict(
            head,
            number + 1,
            f"the log has {number} lines, the kept head names line {kept.lines}: "
            "lines were removed from its end",
        )
    return Verdict(head)


def _broken(line: bytes, prev: str, number: int) -> str:
    """Why ``line`` (number ``number``) does not continue a chain whose last hash is ``prev``."""
    try:
        entry = json.loads(line)
    except ValueError:
        return f"line {number} is not a JSON object: it was changed or is damaged"
    if not isinstance(entry, dict) or not isinstance(entry.get("prev"), str):
        return f"line {number} has no 'prev' hash: it was changed or inserted"
    if entry["prev"] == prev:
        return ""
    if number == 1:
        return "line 1 does not start the chain (its prev is not 64 zeros): lines were removed"
    return (
        f"line {number} does not follow line {number - 1} (its prev is not the hash of line "
        f"{number - 1}): one of them was changed or inserted, or lines between them removed"
    )
