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

While a document waits to be retried, ``failure`` says which of these it was. A
recorded outcome keeps the worker's ``seconds`` for it and, when it was quarantined,
the ``error_class`` (``InputError``, ``OcrError``): what the metrics count.

Beside the documents (tables added to older journals when the service opens them):

- ``deliveries``: every file written into the DMS, with the sha256 of the bytes written,
  so that a file an office returns is recognised; closed once returned.
- ``decisions``: what people decided -- a review resolved (``review``) or a delivery
  sent back by an office (``return``) -- with who, when, Semantha's proposal and the
  choice: the city's labelled mail.
- ``claims``: one per review item being resolved, so that of two people deciding the
  same document at once exactly one delivers it.
- ``returns``: the documents taken in from the returns folder, with the delivery they
  matched.
- ``ignored``: what lies in the inbox (or returns folder) and is never taken: symbolic
  links, FIFOs, sockets, devices; for ``semantha status``.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from semantha.config import AppConfig
from semantha.stackpart import StackPart


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
    SPLIT = "split"  # a scanned stack, cut into documents that have rows of their own


class Failure(StrEnum):
    """Why an attempt failed; the document waits in ``RETRYING`` to be tried again."""

    DELIVERY = "delivery"  # a delivery target was unusable (share missing, full, read-only)
    CRASHED = "crashed"  # the worker raised an unexpected error or died
    TIMEOUT = "timeout"  # the worker took longer than the time limit and was killed


FINAL_STATES = frozenset(
    {State.DELIVERED, State.REVIEW, State.QUARANTINED, State.SKIPPED, State.SPLIT}
)
WAITING_STATES = (State.RECEIVED, State.PROCESSING, State.RETRYING)

# "kept": no review or quarantine copy could be written, so the original stays in work/.
Original = Literal["inbox", "work", "archived", "removed", "kept"]

JOURNAL_NAME = "journal.sqlite"

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
    failure TEXT,
    seconds REAL,
    error_class TEXT
);
CREATE INDEX IF NOT EXISTS documents_due ON documents (state, next_attempt_at);
CREATE INDEX IF NOT EXISTS documents_sha ON documents (sha256);
CREATE INDEX IF NOT EXISTS documents_original ON documents (original);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc INTEGER,
    document_sha256 TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    destination TEXT NOT NULL,
    department TEXT,
    action TEXT NOT NULL,
    delivered_at REAL NOT NULL,
    closed_at REAL,
    closed_reason TEXT,
    UNIQUE (destination, sha256)
);
CREATE INDEX IF NOT EXISTS deliveries_sha ON deliveries (sha256);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc INTEGER,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    user TEXT NOT NULL,
    at REAL NOT NULL,
    proposed_department TEXT,
    proposed_doctype TEXT,
    proposed_confidence REAL,
    department TEXT,
    doctype TEXT,
    fields TEXT NOT NULL DEFAULT '{}',
    returned_by TEXT
);
CREATE INDEX IF NOT EXISTS decisions_sha ON decisions (sha256);
CREATE TABLE IF NOT EXISTS claims (
    key TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    user TEXT NOT NULL,
    claimed_at REAL NOT NULL,
    decision INTEGER
);
CREATE INDEX IF NOT EXISTS claims_sha ON claims (sha256);
CREATE TABLE IF NOT EXISTS returns (
    doc INTEGER PRIMARY KEY,
    delivery INTEGER,
    decision INTEGER
);
CREATE TABLE IF NOT EXISTS ignored (
    folder TEXT NOT NULL,
    path TEXT NOT NULL,
    kind TEXT NOT NULL,
    seen_at REAL NOT NULL,
    PRIMARY KEY (folder, path)
);
CREATE TABLE IF NOT EXISTS stack_parts (
    doc INTEGER PRIMARY KEY,
    stack INTEGER NOT NULL,
    stack_sha256 TEXT NOT NULL,
    first_page INTEGER NOT NULL,
    last_page INTEGER NOT NULL,
    department TEXT,
    stack_pages INTEGER NOT NULL DEFAULT 0,
    document_pages INTEGER NOT NULL DEFAULT 0,
    dropped_pages INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS stack_parts_stack ON stack_parts (stack);
"""
# Columns added after the first release: older journals get them when the service opens them.
ADDED_COLUMNS = {"failure": "TEXT", "seconds": "REAL", "error_class": "TEXT"}
# The metrics read every document at each scrape: through this index in its order, a
# million documents take a fraction of the time the table and a sort would.
FIGURES_INDEX = (
    "CREATE INDEX IF NOT EXISTS documents_figures ON documents"
    " (state, department, method, error_class, failure, seconds, attempts, received_at)"
)


def journal_path(config: AppConfig) -> Path:
    return config.paths.work / JOURNAL_NAME


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
    seconds: float | None  # how long the worker took for the recorded outcome
    error_class: str | None  # the error's class, when the document was quarantined

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Entry:
        values: dict[str, Any] = dict(row)
        values["state"] = State(values["state"])
        values["destinations"] = tuple(json.loads(values["destinations"]))
        # .get: ``status`` may read a journal the service has not yet given the columns
        values["failure"] = Failure(values["failure"]) if values.get("failure") else None
        values["seconds"] = values.get("seconds")
        values["error_class"] = values.get("error_class")
        return cls(**values)


@dataclass(frozen=True)
class Written:
    """A file written into the DMS: the sha256 of its bytes, where, by which action."""

    sha256: str
    destination: str
    action: str  # deliver | copy


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
    seconds: float | None = None
    error_class: str | None = None
    written: tuple[Written, ...] = ()


@dataclass(frozen=True)
class DeliveryEntry:
    """One row of ``deliveries``."""

    id: int
    doc: int | None
    document_sha256: str
    sha256: str
    destination: str
    department: str | None
    action: str
    delivered_at: float
    closed_at: float | None
    closed_reason: str | None


DecisionKind = Literal["review", "return"]


@dataclass(frozen=True)
class DecisionEntry:
    """A person's decision: what Semantha proposed and what was chosen (``id`` 0: not
    yet recorded)."""

    sha256: str
    kind: DecisionKind
    user: str
    at: float
    proposed_department: str | None
    proposed_doctype: str | None
    proposed_confidence: float | None
    department: str | None
    doctype: str | None
    fields: Mapping[str, str]
    returned_by: str | None = None
    doc: int | None = None
    id: int = 0

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> DecisionEntry:
        values: dict[str, Any] = dict(row)
        values["fields"] = json.loads(values["fields"])
        return cls(**values)


@dataclass(frozen=True)
class Claim:
    """Someone resolving a review item; ``decision`` is set once it is resolved."""

    key: str
    sha256: str
    user: str
    claimed_at: float
    decision: int | None


@dataclass(frozen=True)
class ReturnEntry:
    """A document taken in from the returns folder and the delivery it matched."""

    doc: int
    delivery: DeliveryEntry | None
    decision: int | None  # the "return" decision, recorded when it was taken in

    @property
    def returned_by(self) -> str | None:
        return self.delivery.department if self.delivery else None


@dataclass(frozen=True)
class StackEntry:
    """A scanned file and its documents: those cut from it, or the file itself."""

    scan: Entry
    documents: tuple[Entry, ...]

    @property
    def safe(self) -> bool:
        """Every document delivered (a person's decision included): the paper may go."""
        return all(d.state is State.DELIVERED for d in self.documents)


@dataclass(frozen=True)
class Summary:
    counts: dict[State, int]
    queue_depth: int
    oldest_waiting_at: float | None
    last_errors: tuple[Entry, ...]


@dataclass(frozen=True)
class Figures:
    """The journal's figures for the metrics."""

    documents: dict[tuple[State, str | None, str | None], int]  # by state, department, method
    errors: dict[tuple[State, str | None], int]  # quarantined by error class, retrying by failure
    failed_attempts: int
    oldest_review_at: float | None  # when the oldest document now in review was received
    seconds_at_most: tuple[int, ...]  # outcomes that took at most each bound, in that order
    seconds_count: int
    seconds_sum: float


BUSY_TIMEOUT_S = 5.0  # how long a writer waits for another one to let go of the journal


class Journal:
    """The service's only writer; ``status`` opens it read-only alongside."""

    def __init__(self, path: Path, readonly: bool = False) -> None:
        self.path = path
        # timeout: how long a statement waits for a lock another process holds
        if readonly:
            uri = f"{path.resolve().as_uri()}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
            self._set_up()
        self._db.row_factory = sqlite3.Row

    def _set_up(self) -> None:
        """WAL mode and the schema. Switching the journal mode takes a lock that SQLite
        does not wait for: while another process opens the journal at the same moment
        (two clerks resolving at once), it fails at once with "database is locked", and
        is tried again until BUSY_TIMEOUT_S has passed."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)
        self._add_columns()
        self._db.execute(FIGURES_INDEX)

    def _add_columns(self) -> None:
        """Journals written by an earlier version get the columns added since."""
        for name, kind in ADDED_COLUMNS.items():
            if name not in self.columns():
                self._db.execute(f"ALTER TABLE documents ADD COLUMN {name} {kind}")

    def columns(self) -> frozenset[str]:
        """The documents table's columns (a read-only journal may lack the newest)."""
        return frozenset(row[1] for row in self._db.execute("PRAGMA table_info(documents)"))

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
            doc = self._insert(db, sha256, source, source_folder, work_root, now)
        return self.get(doc)

    def add_return(
        self, sha256: str, source: str, work_root: Path, now: float, delivery: int | None
    ) -> Entry:
        """Like ``add``, for a file found in the returns folder (``source`` relative to it)
        and the delivery it matched, if any."""
        with self._write() as db:
            doc = self._insert(db, sha256, source, "", work_root, now)
            db.execute("INSERT INTO returns (doc, delivery) VALUES (?, ?)", (doc, delivery))
        return self.get(doc)

    def _insert(
        self,
        db: sqlite3.Connection,
        sha256: str,
        source: str,
        source_folder: str,
        work_root: Path,
        now: float,
    ) -> int:
        cursor = db.execute(
            "INSERT INTO documents (sha256, source, source_folder, state, original,"
            " received_at, updated_at) VALUES (?, ?, ?, ?, 'inbox', ?, ?)",
            (sha256, source, source_folder, State.RECEIVED, now, now),
        )
        doc = cursor.lastrowid
        assert doc is not None
        work_path = work_root / f"{doc:08d}" / Path(source).name
        db.execute("UPDATE documents SET work_path = ? WHERE id = ?", (str(work_path), doc))
        return doc

    def discard(self, doc: int) -> None:
        """Forget a row whose file never left the inbox (it is taken in again later)."""
        with self._write() as db:
            cursor = db.execute("DELETE FROM documents WHERE id = ? AND original = 'inbox'", (doc,))
            if cursor.rowcount:
                db.execute("DELETE FROM returns WHERE doc = ?", (doc,))

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

    def retake(self, doc: int, sha256: str, next_at: float) -> None:
        """The file changed after it was taken: take it again as new, with its new hash."""
        self._update(
            doc,
            sha256=sha256,
            state=State.RECEIVED,
            attempts=0,
            failure=None,
            last_error="",
            duplicate_of=None,
            next_attempt_at=next_at,
        )

    def finish(self, doc: int, result: Result, original: Original | None = None) -> None:
        """Record the outcome and, in the same transaction, the files written (and,
        when given, where the original now is)."""
        where = {} if original is None else {"original": original}
        with self._write() as db:
            self._set(
                db,
                doc,
                **where,
                state=result.state,
                department=result.department,
                doctype=result.doctype,
                confidence=result.confidence,
                method=result.method,
                destinations=json.dumps(list(result.destinations)),
                last_error=result.error,
                failure=None,
                seconds=result.seconds,
                error_class=result.error_class,
            )
            sha256 = self.get(doc).sha256
            self._record_written(db, doc, sha256, result.department, result.written)

    def _record_written(
        self,
        db: sqlite3.Connection,
        doc: int | None,
        document_sha256: str,
        department: str | None,
        written: Sequence[Written],
    ) -> None:
        # The same file written anew (delivered again after it was returned) is open again.
        for w in written:
            db.execute(
                "INSERT INTO deliveries (doc, document_sha256, sha256, destination, department,"
                " action, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (destination, sha256) DO UPDATE SET doc = excluded.doc,"
                " department = excluded.department, action = excluded.action,"
                " delivered_at = excluded.delivered_at, closed_at = NULL, closed_reason = NULL",
                (doc, document_sha256, w.sha256, w.destination, department, w.action, time.time()),
            )

    # -- deliveries and returns ---------------------------------------------------------

    def open_delivery(self, sha256: str) -> DeliveryEntry | None:
        """The newest delivery of these bytes not yet returned; a ``deliver`` before a ``copy``."""
        row = self._db.execute(
            "SELECT * FROM deliveries WHERE sha256 = ? AND closed_at IS NULL"
            " ORDER BY action = 'deliver' DESC, id DESC LIMIT 1",
            (sha256,),
        ).fetchone()
        return DeliveryEntry(**dict(row)) if row else None

    def deliveries(self, sha256: str | None = None) -> list[DeliveryEntry]:
        """Delivered files, oldest first (of ``sha256``, the bytes written, when given)."""
        where = "" if sha256 is None else " WHERE sha256 = ?"
        params = () if sha256 is None else (sha256,)
        rows = self._db.execute(f"SELECT * FROM deliveries{where} ORDER BY id", params)
        return [DeliveryEntry(**dict(r)) for r in rows]

    def returned(self, doc: int) -> ReturnEntry | None:
        """The returns record of ``doc``, or None for a document from the inbox."""
        row = self._db.execute("SELECT * FROM returns WHERE doc = ?", (doc,)).fetchone()
        if row is None:
            return None
        delivery = None
        if row["delivery"] is not None:
            found = self._db.execute(
                "SELECT * FROM deliveries WHERE id = ?", (row["delivery"],)
            ).fetchone()
            delivery = DeliveryEntry(**dict(found)) if found else None
        return ReturnEntry(doc, delivery, row["decision"])

    # -- stacks -------------------------------------------------------------------

    def split(self, stack: int, parts: Sequence[StackPart], seconds: float | None) -> list[int]:
        """Record a scanned stack cut into ``parts`` (their files already in work/): a row
        per document, received when the stack was, and the stack ``split``, at once."""
        entry = self.get(stack)
        docs = []
        with self._write() as db:
            for part in parts:
                source = PurePosixPath(entry.source).with_name(Path(part.path).name)
                cursor = db.execute(
                    "INSERT INTO documents (sha256, source, source_folder, work_path, state,"
                    " original, received_at, updated_at) VALUES (?, ?, ?, ?, ?, 'work', ?, ?)",
                    (
                        part.sha256,
                        str(source),
                        entry.source_folder,
                        part.path,
                        State.RECEIVED,
                        entry.received_at,
                        time.time(),
                    ),
                )
                doc = cursor.lastrowid
                assert doc is not None
                db.execute(
                    "INSERT INTO stack_parts (doc, stack, stack_sha256, first_page, last_page,"
                    " department, stack_pages, document_pages, dropped_pages)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        doc,
                        stack,
                        part.stack_sha256,
                        part.first,
                        part.last,
                        part.department,
                        part.stack_pages,
                        part.document_pages,
                        part.dropped_pages,
                    ),
                )
                docs.append(doc)
            self._set(db, stack, state=State.SPLIT, failure=None, last_error="", seconds=seconds)
        return docs

    def latest(self, sha256: str) -> Entry | None:
        """The newest document with these bytes."""
        return self._one(
            "SELECT * FROM documents WHERE sha256 = ? ORDER BY id DESC LIMIT 1", (sha256,)
        )

    def stack_part(self, doc: int) -> StackPart | None:
        """What a document split from a stack needs to know of it; None for any other."""
        row = self._db.execute(
            "SELECT d.work_path, d.sha256, p.stack_sha256, p.first_page, p.last_page,"
            " p.department, p.stack_pages, p.document_pages, p.dropped_pages"
            " FROM stack_parts p JOIN documents d ON d.id = p.doc WHERE p.doc = ?",
            (doc,),
        ).fetchone()
        return None if row is None else StackPart(*row)

    def stacks(self, start: float, end: float) -> list[StackEntry]:
        """The files scanned in ``[start, end)`` with their documents, oldest first; files
        an office returned were not scanned here and are left out."""
        scans = self._many(
            "SELECT * FROM documents WHERE received_at >= ? AND received_at < ?"
            " AND id NOT IN (SELECT doc FROM stack_parts)"
            " AND id NOT IN (SELECT doc FROM returns) ORDER BY id",
            (start, end),
        )
        stacks = []
        for scan in scans:
            documents: tuple[Entry, ...] = (scan,)
            if scan.state is State.SPLIT:
                documents = tuple(
                    self._many(
                        "SELECT d.* FROM documents d JOIN stack_parts p ON p.doc = d.id"
                        " WHERE p.stack = ? ORDER BY p.first_page",
                        (scan.id,),
                    )
                )
            stacks.append(StackEntry(scan, documents))
        return stacks

    def take_return(self, doc: int) -> None:
        """The returned file is safe in work/: in one transaction, mark it so, close the
        delivery it matched and record that the office was the wrong one (the decision's
        user is ``office:<id>``). Repeatable."""
        with self._write() as db:
            returned = self.returned(doc)
            self._set(db, doc, original="work")
            if returned is None or returned.delivery is None or returned.decision is not None:
                return
            delivery = returned.delivery
            db.execute(
                "UPDATE deliveries SET closed_at = ?, closed_reason = 'returned' WHERE id = ?",
                (time.time(), delivery.id),
            )
            earlier = self._one("SELECT * FROM documents WHERE id = ?", (delivery.doc,))
            decision = self._insert_decision(
                db,
                DecisionEntry(
                    sha256=self.get(doc).sha256,
                    kind="return",
                    user=f"office:{delivery.department}",
                    at=time.time(),
                    proposed_department=delivery.department,
                    proposed_doctype=earlier.doctype if earlier else None,
                    proposed_confidence=earlier.confidence if earlier else None,
                    department=None,
                    doctype=None,
                    fields={},
                    returned_by=delivery.department,
                    doc=doc,
                ),
            )
            db.execute("UPDATE returns SET decision = ? WHERE doc = ?", (decision, doc))

    # -- people's decisions ----------------------------------------------------------------

    def _insert_decision(self, db: sqlite3.Connection, d: DecisionEntry) -> int:
        cursor = db.execute(
            "INSERT INTO decisions (doc, sha256, kind, user, at, proposed_department,"
            " proposed_doctype, proposed_confidence, department, doctype, fields, returned_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                d.doc,
                d.sha256,
                d.kind,
                d.user,
                d.at,
                d.proposed_department,
                d.proposed_doctype,
                d.proposed_confidence,
                d.department,
                d.doctype,
                json.dumps(dict(d.fields), ensure_ascii=False),
                d.returned_by,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def decision(self, decision: int) -> DecisionEntry:
        row = self._db.execute("SELECT * FROM decisions WHERE id = ?", (decision,)).fetchone()
        if row is None:
            raise KeyError(decision)
        return DecisionEntry.from_row(row)

    def decisions(self, sha256: str | None = None) -> list[DecisionEntry]:
        """People's decisions, oldest first (of ``sha256`` when given)."""
        where = "" if sha256 is None else " WHERE sha256 = ?"
        params = () if sha256 is None else (sha256,)
        rows = self._db.execute(f"SELECT * FROM decisions{where} ORDER BY id", params).fetchall()
        return [DecisionEntry.from_row(r) for r in rows]

    def claim(
        self, key: str, sha256: str, user: str, now: float, stale_after_s: float
    ) -> Claim | None:
        """Claim review item ``key`` for ``user``: None when the claim is ours, else the
        claim that holds (someone else's, in progress or resolved).

        Exactly one caller gets the claim: the first, or one that takes over a claim
        left unfinished for ``stale_after_s`` (its process died mid-way; delivering
        again is safe, delivery recognises what it already wrote)."""
        with self._write() as db:
            row = db.execute("SELECT * FROM claims WHERE key = ?", (key,)).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO claims (key, sha256, user, claimed_at) VALUES (?, ?, ?, ?)",
                    (key, sha256, user, now),
                )
            elif row["decision"] is None and row["claimed_at"] <= now - stale_after_s:
                db.execute(
                    "UPDATE claims SET user = ?, claimed_at = ? WHERE key = ?", (user, now, key)
                )
            else:
                return Claim(**dict(row))
        return None

    def release(self, key: str, claimed_at: float) -> None:
        """Give up an unfinished claim (the delivery failed; someone may try again)."""
        with self._write() as db:
            db.execute(
                "DELETE FROM claims WHERE key = ? AND claimed_at = ? AND decision IS NULL",
                (key, claimed_at),
            )

    def resolved_claims(self, sha256_prefix: str = "") -> list[Claim]:
        """Claims of resolved review items, newest first (of sha256s with this prefix)."""
        rows = self._db.execute(
            "SELECT * FROM claims WHERE decision IS NOT NULL AND substr(sha256, 1, ?) = ?"
            " ORDER BY claimed_at DESC",
            (len(sha256_prefix), sha256_prefix),
        ).fetchall()
        return [Claim(**dict(r)) for r in rows]

    def resolve(
        self,
        key: str,
        decision: DecisionEntry,
        written: Sequence[Written],
        destinations: Sequence[str],
        archived: str,
    ) -> int:
        """Record a resolved review item in one transaction: the decision, the files
        written, the document's row (the newest in review with this sha256, if any)
        delivered by method "human", and the claim done. Returns the decision's id."""
        with self._write() as db:
            row = db.execute(
                "SELECT id FROM documents WHERE sha256 = ? AND state = ? ORDER BY id DESC LIMIT 1",
                (decision.sha256, State.REVIEW),
            ).fetchone()
            doc = int(row["id"]) if row else None
            decision_id = self._insert_decision(db, replace(decision, doc=doc))
            self._record_written(db, doc, decision.sha256, decision.department, written)
            if doc is not None:
                self._set(
                    db,
                    doc,
                    state=State.DELIVERED,
                    department=decision.department,
                    doctype=decision.doctype,
                    confidence=1.0,
                    method="human",
                    destinations=json.dumps(list(destinations)),
                    last_error="",
                    original="archived" if archived else "removed",
                    archive_path=archived,
                )
            db.execute("UPDATE claims SET decision = ? WHERE key = ?", (decision_id, key))
        return decision_id

    # -- start-up -------------------------------------------------------------------

    def in_state(self, state: State) -> list[Entry]:
        return self._many("SELECT * FROM documents WHERE state = ? ORDER BY id", (state,))

    def with_original(self, original: Original) -> list[Entry]:
        return self._many("SELECT * FROM documents WHERE original = ? ORDER BY id", (original,))

    # -- what the watchers ignore ----------------------------------------------------

    def set_ignored(self, folder: str, entries: Mapping[str, str], now: float) -> None:
        """The entries of ``folder`` never taken (relative path -> kind); ones seen before
        keep the time they were first seen."""
        with self._write() as db:
            known = {
                row[0] for row in db.execute("SELECT path FROM ignored WHERE folder = ?", (folder,))
            }
            for path in known - set(entries):
                db.execute("DELETE FROM ignored WHERE folder = ? AND path = ?", (folder, path))
            for path, kind in entries.items():
                db.execute(
                    "INSERT INTO ignored (folder, path, kind, seen_at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (folder, path) DO UPDATE SET kind = excluded.kind",
                    (folder, path, kind, now),
                )

    def ignored(self) -> list[tuple[str, str, str, float]]:
        """(folder, path, kind, first seen) of what the watchers ignore; none in a journal
        written before the table existed (opened read-only)."""
        try:
            rows = self._db.execute(
                "SELECT folder, path, kind, seen_at FROM ignored ORDER BY folder, path"
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [(r[0], r[1], r[2], float(r[3])) for r in rows]

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

    def decided_since(self, since: float) -> int:
        """People's decisions (review and returns) taken at or after ``since``."""
        row = self._db.execute("SELECT COUNT(*) FROM decisions WHERE at >= ?", (since,)).fetchone()
        return int(row[0])

    def documents(self, limit: int | None = None) -> list[Entry]:
        """Rows, newest first."""
        return self._many("SELECT * FROM documents ORDER BY id DESC LIMIT ?", (limit or -1,))

    def figures(self, bounds: Sequence[float]) -> Figures:
        """Counts by state and errors, and the worker seconds per outcome against
        ``bounds``: one scan of ``documents_figures``, so the figures agree."""
        have = self.columns()
        error_class, failure, seconds = (
            name if name in have else "NULL" for name in ("error_class", "failure", "seconds")
        )
        at_most = "".join(f", TOTAL({seconds} <= ?)" for _ in bounds)
        groups = self._db.execute(
            f"SELECT state, department, method, {error_class}, {failure}, COUNT(*),"
            f" TOTAL(attempts), MIN(received_at), COUNT({seconds}), TOTAL({seconds}){at_most}"
            f" FROM documents GROUP BY state, department, method, {error_class}, {failure}",
            bounds,
        ).fetchall()
        documents: Counter[tuple[State, str | None, str | None]] = Counter()
        errors: Counter[tuple[State, str | None]] = Counter()
        failed_attempts, oldest_review, count, total = 0, None, 0, 0.0
        cumulative = [0] * len(bounds)
        for state, department, method, error, failed, n, attempts, received, *timed in groups:
            state = State(state)
            documents[state, department, method] += n
            if state is State.QUARANTINED:
                errors[state, error] += n
            elif state is State.RETRYING:
                errors[state, failed] += n
            failed_attempts += int(attempts)
            if state is State.REVIEW:
                oldest_review = received if oldest_review is None else min(received, oldest_review)
            count, total = count + timed[0], total + timed[1]
            cumulative = [c + int(t) for c, t in zip(cumulative, timed[2:], strict=True)]
        return Figures(
            dict(documents),
            dict(errors),
            failed_attempts,
            oldest_review,
            tuple(cumulative),
            count,
            total,
        )

    def _update(self, doc: int, **values: Any) -> None:
        with self._write() as db:
            self._set(db, doc, **values)

    def _set(self, db: sqlite3.Connection, doc: int, **values: Any) -> None:
        values["updated_at"] = time.time()
        columns = ", ".join(f"{name} = ?" for name in values)
        db.execute(f"UPDATE documents SET {columns} WHERE id = ?", (*values.values(), doc))
