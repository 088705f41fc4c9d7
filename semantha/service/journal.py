"""The journal (work/journal.sqlite): what became of every document, durably.

One row per received file, even when the same bytes arrive twice. A row's ``state``
says where the document is in its life; ``original`` says where its original bytes
are (still in the inbox, safe in work/, archived, or removed once review/quarantine
copies were complete). Every write is its own transaction with ``synchronous=FULL``
in WAL mode: when a method returns, the fact survives a crash or power cut, which is
what lets the service remove an original only after its outcome is recorded.

    received ──> processing ──> delivered | review | quarantined | skipped
        ^             │
        └── failed-retrying (delivery target unusable, worker crashed or timed out)

While a document waits to be retried, ``failure`` says which of these it was.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal


class State(StrEnum):
    """Where a document is in its life; the value is what the journal stores and
    ``semantha status`` shows, in this order."""

    RECEIVED = "received"
    PROCESSING = "processing"
    RETRYING = "failed-retrying"
    DELIVERED = "delivered"
    REVIEW = "review"
    QUARANTINED = "quarantined"
    SKIPPED = "skipped"  # a duplicate, skipped by configuration


class Failure(StrEnum):
    """Why an attempt failed; the document waits in ``RETRYING`` to be tried again."""

    DELIVERY = "delivery"  # a delivery target was unusable (share missing, full, read-only)
    CRASHED = "crashed"  # the worker raised an unexpected error or died
    TIMEOUT = "timeout"  # the worker took longer than the time limit and was killed


FINAL_STATES = frozenset({State.DELIVERED, State.REVIEW, State.QUARANTINED, State.SKIPPED})
WAITING_STATES = (State.RECEIVED, State.PROCESSING, State.RETRYING)

Original = Literal["inbox", "work", "archived", "removed"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    source_folder TEXT NOT NULL DEFAULT '',
    work_path TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    department TEXT,
    doctype TEXT,
    confidence REAL,
    method TEXT,
    destinations TEXT NOT NULL DEFAULT '[]',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    duplicate_of INTEGER,
    original TEXT NOT NULL DEFAULT 'inbox',
    archive_path TEXT NOT NULL DEFAULT '',
    received_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    next_attempt_at REAL NOT NULL DEFAULT 0,
    failure TEXT
);
CREATE INDEX IF NOT EXISTS documents_due ON documents (state, next_attempt_at);
CREATE INDEX IF NOT EXISTS documents_sha ON documents (sha256);
CREATE INDEX IF NOT EXISTS documents_original ON documents (original);
"""


@dataclass(frozen=True)
class Entry:
    """One journal row."""

    id: int
    sha256: str
    source: str
    source_folder: str
    work_path: str
    state: State
    department: str | None
    doctype: str | None
    confidence: float | None
    method: str | None
    destinations: tuple[str, ...]
    attempts: int
    last_error: str
    duplicate_of: int | None
    original: str
    archive_path: str
    received_at: float
    updated_at: float
    next_attempt_at: float
    failure: Failure | None  # why the last attempt failed, while the document waits

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Entry:
        values: dict[str, Any] = dict(row)
        values["state"] = State(values["state"])
        values["destinations"] = tuple(json.loads(values["destinations"]))
        # .get: ``status`` may read a journal the service has not yet given the column
        values["failure"] = Failure(values["failure"]) if values.get("failure") else None
        return cls(**values)


@dataclass(frozen=True)
class Result:
    """The final facts about a document, as the service records them."""

    state: State
    department: str | None = None
    doctype: str | None = None
    confidence: float | None = None
    method: str | None = None
    destinations: tuple[str, ...] = ()
    error: str = ""


@dataclass(frozen=True)
class Summary:
    counts: dict[State, int]
    queue_depth: int
    oldest_waiting_at: float | None
    last_errors: tuple[Entry, ...]


class Journal:
    """The service's only writer; ``status`` opens it read-only alongside."""

    def __init__(self, path: Path, readonly: bool = False) -> None:
        self.path = path
        if readonly:
            self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(SCHEMA)
            self._add_failure_column()
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA busy_timeout=5000")

    def _add_failure_column(self) -> None:
        """Journals written before failures were recorded by kind get the column."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}
        if "failure" not in columns:
            self._db.execute("ALTER TABLE documents ADD COLUMN failure TEXT")

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Entry | None:
        row = self._db.execute(sql, params).fetchone()
        return Entry.from_row(row) if row else None

    def _many(self, sql: str, params: Sequence[Any] = ()) -> list[Entry]:
        return [Entry.from_row(r) for r in self._db.execute(sql, params).fetchall()]

    def get(self, doc: int) -> Entry:
        entry = self._one("SELECT * FROM documents WHERE id = ?", (doc,))
        if entry is None:
            raise KeyError(doc)
        return entry

    # -- intake -------------------------------------------------------------------

    def add(
        self, sha256: str, source: str, source_folder: str, work_root: Path, now: float
    ) -> Entry:
        """Record a file found in the inbox, before it is moved to ``work_root/<id>/<name>``."""
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO documents (sha256, source, source_folder, state, original,"
                " received_at, updated_at) VALUES (?, ?, ?, ?, 'inbox', ?, ?)",
                (sha256, source, source_folder, State.RECEIVED, now, now),
            )
            doc = cursor.lastrowid
            assert doc is not None
            work_path = work_root / f"{doc:08d}" / Path(source).name
            db.execute("UPDATE documents SET work_path = ? WHERE id = ?", (str(work_path), doc))
        return self.get(doc)

    def discard(self, doc: int) -> None:
        """Forget a row whose file never left the inbox (it is taken in again later)."""
        with self._write() as db:
            db.execute("DELETE FROM documents WHERE id = ? AND original = 'inbox'", (doc,))

    def set_original(self, doc: int, original: Original, archive_path: str = "") -> None:
        self._update(doc, original=original, archive_path=archive_path)

    def earlier_copy(self, sha256: str, doc: int) -> Entry | None:
        """The first earlier document with the same bytes, if any."""
        return self._one(
            "SELECT * FROM documents WHERE sha256 = ? AND id < ? ORDER BY id LIMIT 1",
            (sha256, doc),
        )

    def mark_duplicate(self, doc: int, of: int) -> None:
        self._update(doc, duplicate_of=of)

    # -- work ---------------------------------------------------------------------

    def due(self, now: float, limit: int) -> list[Entry]:
        """Documents ready for a worker, oldest first; their originals are safe in work/."""
        return self._many(
            "SELECT * FROM documents WHERE state IN (?, ?) AND original = 'work'"
            " AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
            (State.RECEIVED, State.RETRYING, now, limit),
        )

    def active(self) -> int:
        """Documents received or being processed (not those waiting for a retry)."""
        row = self._db.execute(
            "SELECT COUNT(*) FROM documents WHERE state IN (?, ?)",
            (State.RECEIVED, State.PROCESSING),
        ).fetchone()
        return int(row[0])

    def start(self, doc: int) -> None:
        self._update(doc, state=State.PROCESSING)

    def retry(self, doc: int, failure: Failure, error: str, next_at: float) -> int:
        """Count a failed attempt; returns the number of failed attempts so far."""
        attempts = self.get(doc).attempts + 1
        self._update(
            doc,
            state=State.RETRYING,
            failure=failure,
            last_error=error,
            attempts=attempts,
            next_attempt_at=next_at,
        )
        return attempts

    def retry_all_now(self) -> int:
        """Make every document waiting for a retry due now; returns how many."""
        with self._write() as db:
            cursor = db.execute(
                "UPDATE documents SET next_attempt_at = 0 WHERE state = ?", (State.RETRYING,)
            )
        return cursor.rowcount

    def requeue(self, doc: int) -> None:
        """Put an interrupted document back in line; an interruption is not its fault."""
        self._update(doc, state=State.RECEIVED, next_attempt_at=0.0)

    def finish(self, doc: int, result: Result) -> None:
        self._update(
            doc,
            state=result.state,
            department=result.department,
            doctype=result.doctype,
            confidence=result.confidence,
            method=result.method,
            destinations=json.dumps(list(result.destinations)),
            last_error=result.error,
            failure=None,
        )

    # -- start-up -------------------------------------------------------------------

    def in_state(self, state: State) -> list[Entry]:
        return self._many("SELECT * FROM documents WHERE state = ? ORDER BY id", (state,))

    def with_original(self, original: Original) -> list[Entry]:
        return self._many("SELECT * FROM documents WHERE original = ? ORDER BY id", (original,))

    # -- status ---------------------------------------------------------------------

    def summary(self, errors: int = 5) -> Summary:
        counts = dict.fromkeys(State, 0)
        for state, count in self._db.execute(
            "SELECT state, COUNT(*) FROM documents GROUP BY state"
        ).fetchall():
            counts[State(state)] = count
        marks = ",".join("?" * len(WAITING_STATES))
        oldest = self._db.execute(
            f"SELECT MIN(received_at) FROM documents WHERE state IN ({marks})", WAITING_STATES
        ).fetchone()[0]
        last_errors = self._many(
            "SELECT * FROM documents WHERE last_error != '' ORDER BY updated_at DESC LIMIT ?",
            (errors,),
        )
        return Summary(
            counts=counts,
            queue_depth=sum(counts[s] for s in WAITING_STATES),
            oldest_waiting_at=None if oldest is None else float(oldest),
            last_errors=tuple(last_errors),
        )

    def finished_since(self, since: float) -> dict[State, int]:
        """Documents per final state that reached it at or after ``since`` (a day's work)."""
        counts = dict.fromkeys(FINAL_STATES, 0)
        marks = ",".join("?" * len(FINAL_STATES))
        for state, count in self._db.execute(
            f"SELECT state, COUNT(*) FROM documents WHERE state IN ({marks}) AND updated_at >= ?"
            " GROUP BY state",
            (*FINAL_STATES, since),
        ).fetchall():
            counts[State(state)] = count
        return counts

    def documents(self, limit: int | None = None) -> list[Entry]:
        """Rows, newest first."""
        return self._many("SELECT * FROM documents ORDER BY id DESC LIMIT ?", (limit or -1,))

    def _update(self, doc: int, **values: Any) -> None:
        values["updated_at"] = time.time()
        columns = ", ".join(f"{name} = ?" for name in values)
        with self._write() as db:
            db.execute(f"UPDATE documents SET {columns} WHERE id = ?", (*values.values(), doc))
