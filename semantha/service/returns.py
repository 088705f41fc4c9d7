"""Intake of ``paths.returns``: an office drops a document that reached it by mistake.

The office drops the file as delivered, with or without its sidecar. Semantha knows it
by the sha256 of the bytes it delivered (the journal's ``deliveries``; for a searchable
PDF that is the PDF's hash, not the scan's). As at the inbox, the journal records the
file before it is touched:

    returns/a.pdf ─ ready ─> journal row "received" + the delivery it matched (original: inbox)
                  ─ move ──> work/inflight/<id>/a.pdf; in one transaction: original "work",
                             the delivery closed, the office's return recorded as a decision
                  ─ worker > into review with returned_by (``zurückgegeben von Amt X``)

A file Semantha never delivered goes into review as a new document (returned_by null).
A ``<name>.json`` in the folder is a sidecar: removed with its file, or alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import structlog

from semantha import fsutil
from semantha.service import audit
from semantha.service.files import move_file
from semantha.service.journal import Journal
from semantha.service.watch import InboxWatcher

log = structlog.get_logger(__name__)

SIDECAR_SUFFIX = ".json"


def reason(returned_by: str | None) -> str:
    """The review reason of a returned document (German: the review station shows it)."""
    if returned_by is None:
        return "im Rückgabeordner abgelegt, von Semantha nie zugestellt"
    return f"zurückgegeben von Amt {returned_by}"


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


class ReturnsIntake:
    """Takes the files of the returns folder into the journal and work/."""

    def __init__(
        self,
        watcher: InboxWatcher,
        journal: Journal,
        work: Path,
        inflight: Path,
        clock: Callable[[], float],
    ) -> None:
        self.watcher = watcher
        self.folder = watcher.inbox
        self.journal = journal
        self.work = work
        self.inflight = inflight
        self.clock = clock

    def take(self) -> int:
        """Take in every returned file that is ready; returns how many."""
        taken = 0
        for ready in self.watcher.poll():
            if is_sidecar(ready.path):
                self._sidecar(ready.path)
            elif self.intake(ready.path):
                taken += 1
        return taken

    def intake(self, path: Path) -> bool:
        try:
            sha256 = fsutil.file_sha256(path)
        except OSError as exc:
            log.warning("returns.intake_deferred", error=type(exc).__name__)
            self.watcher.defer(path)
            return False
        delivery = self.journal.open_delivery(sha256)
        source = path.relative_to(self.folder).as_posix()
        entry = self.journal.add_return(
            sha256, source, self.inflight, self.clock(), delivery.id if delivery else None
        )
        try:
            move_file(path, Path(entry.work_path))
        except OSError as exc:
            log.warning("returns.intake_deferred", doc=entry.id, error=type(exc).__name__)
            self.journal.discard(entry.id)
            self.watcher.defer(path)
            return False
        self.journal.take_return(entry.id)
        self.watcher.release(path)
        sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
        sidecar.unlink(missing_ok=True)
        self.watcher.release(sidecar)
        returned_by = delivery.department if delivery else None
        audit.append(
            self.work,
            "document.returned",
            f"office:{returned_by}" if returned_by else "returns",
            sha256=sha256,
            returned_by=returned_by,
        )
        log.info("document.returned", doc=entry.id, sha256=sha256[:12], returned_by=returned_by)
        return True

    def _sidecar(self, path: Path) -> None:
        """A sidecar waits for its file, which removes it; alone, it is removed now."""
        if path.with_name(path.name[: -len(SIDECAR_SUFFIX)]).exists():
            return
        path.unlink(missing_ok=True)
        self.watcher.release(path)
        log.info("returns.sidecar_removed")
