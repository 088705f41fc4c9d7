"""The city's labelled mail: the recognised text of every decided document with its label.

``<work>/examples/<sha256>-<n>.json``, one per decision (``n`` is the decision's id in
the journal, so writing it again after a crash writes the same file): sha256, text (a
string per page), fields, department, doctype, kind ("review": a person resolved it;
"return": an office sent it back, ``proposed`` names that office), user, decided_at,
proposed (Semantha's department, doctype and confidence), returned_by. The text comes
from ``<work>/examples/pending/`` (``delivering.kepttext``), kept when the document
went into review. Both are purged after ``review.text_retention_days``. Training reads
them with ``examples()``. Letter text: never logged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import structlog

from semantha import fsutil
from semantha.delivering.kepttext import SHA256, delivered_folder, pending_folder
from semantha.service.journal import DecisionEntry

log = structlog.get_logger(__name__)

EXAMPLES = "examples"


@dataclass(frozen=True)
class Example:
    sha256: str
    text: tuple[str, ...]
    fields: Mapping[str, str]
    department: str | None
    doctype: str | None
    kind: str  # review | return
    user: str
    decided_at: datetime
    proposed: Mapping[str, Any]  # department, doctype, confidence
    returned_by: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "text": list(self.text),
            "fields": dict(self.fields),
            "department": self.department,
            "doctype": self.doctype,
            "kind": self.kind,
            "user": self.user,
            "decided_at": self.decided_at.isoformat(timespec="seconds"),
            "proposed": dict(self.proposed),
            "returned_by": self.returned_by,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Example:
        return cls(
            sha256=str(data["sha256"]),
            text=tuple(str(t) for t in data["text"]),
            fields={str(k): str(v) for k, v in data["fields"].items()},
            department=data["department"],
            doctype=data["doctype"],
            kind=str(data["kind"]),
            user=str(data["user"]),
            decided_at=datetime.fromisoformat(data["decided_at"]),
            proposed=dict(data["proposed"]),
            returned_by=data.get("returned_by"),
        )


def from_decision(entry: DecisionEntry, text: tuple[str, ...]) -> Example:
    """The example of a decision in the journal, with the document's text."""
    return Example(
        sha256=entry.sha256,
        text=text,
        fields=entry.fields,
        department=entry.department,
        doctype=entry.doctype,
        kind=entry.kind,
        user=entry.user,
        decided_at=datetime.fromtimestamp(entry.at, UTC),
        proposed={
            "department": entry.proposed_department,
            "doctype": entry.proposed_doctype,
            "confidence": entry.proposed_confidence,
        },
        returned_by=entry.returned_by,
    )


def examples_folder(work: Path) -> Path:
    return work / EXAMPLES


def example_path(work: Path, sha256: str, decision: int) -> Path:
    if not SHA256.match(sha256):
        raise ValueError("not a sha256")
    return examples_folder(work) / f"{sha256}-{decision}.json"


def record(work: Path, decision: int, example: Example) -> Path:
    """Write the example of journal decision ``decision`` (again: the same file)."""
    path = example_path(work, example.sha256, decision)
    path.parent.mkdir(parents=True, exist_ok=True)
    fsutil.atomic_write_json(path, example.as_json())
    log.info("example.kept", doc_id=example.sha256[:12], kind=example.kind, decision=decision)
    return path


def examples(work: Path) -> Iterator[Example]:
    """Every labelled example, oldest decision first; unreadable files are skipped."""
    found: list[tuple[datetime, int, Example]] = []
    for path in examples_folder(work).glob("*-*.json"):
        try:
            decision = int(path.stem.rpartition("-")[2])
            example = Example.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            log.warning("example.unreadable", file=path.name)
            continue
        found.append((example.decided_at, decision, example))
    found.sort(key=lambda item: (item[0], item[1]))
    for _, _, example in found:
        yield example


def purge(work: Path, retention_days: int, now: datetime | None = None) -> int:
    """Remove examples and kept texts older than ``retention_days`` (0 keeps them);
    returns how many files were removed. Their age is their file's modification time."""
    if retention_days == 0:
        return 0
    limit = ((now or datetime.now(UTC)) - timedelta(days=retention_days)).timestamp()
    removed = 0
    for folder in (examples_folder(work), pending_folder(work), delivered_folder(work)):
        if not folder.is_dir():
            continue
        for path in folder.glob("*.json"):
            try:
                if path.is_file() and path.stat().st_mtime < limit:
                    path.unlink()
                    removed += 1
            except OSError:
                continue  # gone meanwhile, or not ours to remove: tried again tomorrow
    return removed
