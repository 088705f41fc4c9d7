"""The shred-release list: the stacks scanned on a day whose paper may be destroyed.

A stack is safe when every document cut from it (or the file itself, when it was one
document) is delivered, a person's decision in review included; one document still in
review, quarantine, waiting for a retry or not yet processed keeps the whole stack off
the list. A day is the local calendar day on which the service took the file in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from semantha.config import AppConfig
from semantha.service.journal import Journal, journal_path

FIELDS = ("stack_sha256", "file", "received_at", "documents", "archive_path")


@dataclass(frozen=True)
class Released:
    """One stack whose paper may be shredded."""

    stack_sha256: str
    file: str
    received_at: str
    documents: int
    archive_path: str

    def as_json(self) -> dict[str, str | int]:
        return {name: getattr(self, name) for name in FIELDS}


def released(config: AppConfig, day: date) -> list[Released]:
    """The safe stacks taken in on ``day``, in the order they were scanned."""
    start = datetime.combine(day, time()).astimezone()
    end = start + timedelta(days=1)
    journal = Journal(journal_path(config))
    try:
        stacks = journal.stacks(start.timestamp(), end.timestamp())
    finally:
        journal.close()
    return [
        Released(
            stack.scan.sha256,
            stack.scan.source,
            datetime.fromtimestamp(stack.scan.received_at).astimezone().isoformat("T", "seconds"),
            len(stack.documents),
            stack.scan.archive_path,
        )
        for stack in stacks
        if stack.safe
    ]
