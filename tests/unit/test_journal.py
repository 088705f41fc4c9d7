"""The journal: durable states, due order, duplicates, status figures, read-only access."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pytest

from semantha.service.journal import ADDED_COLUMNS, SCHEMA, Failure, Journal, Result, State


@pytest.fixture
def db(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "work" / "journal.sqlite")


def _add(db: Journal, sha: str = "a" * 64, source: str = "x.pdf", now: float = 100.0) -> int:
    entry = db.add(sha, source, "", Path("/w/inflight"), now)
    db.set_original(entry.id, "work")
    return entry.id


def test_add_records_received_with_work_path(db: Journal) -> None:
    entry = db.add("b" * 64, "Hauspost/Brief ä.pdf", "Hauspost", Path("/w/inflight"), 5.0)
    assert entry.state == State.RECEIVED
    assert entry.original == "inbox"
    assert entry.work_path == f"/w/inflight/{entry.id:08d}/Brief ä.pdf"
    assert entry.received_at == 5.0
    assert entry.source_folder == "Hauspost"


def test_journal_uses_wal_and_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    first = Journal(path)
    doc = _add(first)
    first.finish(doc, Result(State.DELIVERED, "63", "Antrag", 0.9, "rule", ("/dms/63/x.pdf",)))
    first.close()
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    again = Journal(path, readonly=True)
    entry = again.get(doc)
    assert (entry.state, entry.department, entry.destinations) == (
        State.DELIVERED,
        "63",
        ("/dms/63/x.pdf",),
    )
    with pytest.raises(sqlite3.OperationalError):
        again.start(doc)


def test_due_skips_documents_still_in_the_inbox_or_backing_off(db: Journal) -> None:
    ready = _add(db, source="ready.pdf")
    still_in_inbox = db.add("c" * 64, "moving.pdf", "", Path("/w"), 1.0).id
    later = _add(db, source="later.pdf")
    db.start(later)
    assert db.retry(later, Failure.DELIVERY, "DMS share missing", next_at=500.0) == 1
    assert [e.id for e in db.due(now=400.0, limit=10)] == [ready]
    assert [e.id for e in db.due(now=500.0, limit=10)] == [ready, later]
    assert [e.id for e in db.due(now=500.0, limit=1)] == [ready]
    assert still_in_inbox not in [e.id for e in db.due(now=1e9, limit=10)]


def test_retry_counts_attempts_and_keeps_the_error_and_its_kind(db: Journal) -> None:
    doc = _add(db)
    db.retry(doc, Failure.DELIVERY, "first", 1.0)
    assert db.retry(doc, Failure.TIMEOUT, "second", 2.0) == 2
    entry = db.get(doc)
    assert (entry.state, entry.attempts, entry.last_error, entry.failure) == (
        State.RETRYING,
        2,
        "second",
        Failure.TIMEOUT,
    )
    db.finish(doc, Result(State.QUARANTINED, error="gave up"))
    assert db.get(doc).failure is None


def schema_before(*columns: str) -> str:
    """The schema as an earlier version wrote it, without ``columns``."""
    schema = re.sub(rf",\n\s+({'|'.join(columns)}) \w+", "", SCHEMA)
    assert not any(column in schema for column in columns)
    return schema


def old_journal(path: Path, schema: str, state: State) -> None:
    """A journal an earlier version wrote, with one document in ``state``."""
    old = sqlite3.connect(path)
    old.executescript(schema)
    old.execute(
        "INSERT INTO documents (sha256, source, state, last_error, received_at, updated_at)"
        " VALUES ('a', 'x.pdf', ?, 'crashed: worker exited with code 1', 1, 1)",
        (state,),
    )
    old.commit()
    old.close()


def test_a_journal_without_the_failure_column_gets_it(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    old_journal(path, schema_before(*ADDED_COLUMNS), State.RETRYING)
    assert Journal(path, readonly=True).get(1).failure is None
    db = Journal(path)
    assert db.get(1).failure is None
    db.retry(1, Failure.CRASHED, "crashed: worker exited with code 1", 2.0)
    assert db.get(1).failure is Failure.CRASHED


def test_a_journal_without_seconds_and_error_class_gets_them(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    old_journal(path, schema_before("seconds", "error_class"), State.PROCESSING)
    entry = Journal(path, readonly=True).get(1)
    assert (entry.seconds, entry.error_class) == (None, None)
    db = Journal(path)
    db.finish(1, Result(State.QUARANTINED, error="unreadable", seconds=2.5, error_class="OcrError"))
    entry = db.get(1)
    assert (entry.state, entry.seconds, entry.error_class) == (
        State.QUARANTINED,
        2.5,
        "OcrError",
    )
    indexes = {row[1] for row in sqlite3.connect(path).execute("PRAGMA index_list(documents)")}
    assert "documents_figures" in indexes  # made once the columns it covers exist


def test_requeue_puts_interrupted_work_back_without_counting(db: Journal) -> None:
    doc = _add(db)
    db.start(doc)
    db.requeue(doc)
    entry = db.get(doc)
    assert (entry.state, entry.attempts) == (State.RECEIVED, 0)


def test_earlier_copy_finds_the_first_document_with_the_same_bytes(db: Journal) -> None:
    first = _add(db, sha="d" * 64)
    _add(db, sha="e" * 64)
    second = _add(db, sha="d" * 64)
    found = db.earlier_copy("d" * 64, second)
    assert found is not None and found.id == first
    assert db.earlier_copy("d" * 64, first) is None


def test_discard_only_forgets_rows_whose_file_never_left_the_inbox(db: Journal) -> None:
    moving = db.add("f" * 64, "a.pdf", "", Path("/w"), 1.0).id
    safe = _add(db)
    db.discard(moving)
    db.discard(safe)
    with pytest.raises(KeyError):
        db.get(moving)
    assert db.get(safe).id == safe


def test_summary_counts_states_queue_and_errors(db: Journal) -> None:
    waiting = _add(db, now=50.0)
    done = _add(db, now=10.0)
    failing = _add(db, now=70.0)
    db.finish(done, Result(State.DELIVERED))
    db.retry(failing, Failure.DELIVERY, "disk full", 1e9)
    summary = db.summary()
    assert summary.counts[State.RECEIVED] == 1
    assert summary.counts[State.DELIVERED] == 1
    assert summary.counts[State.RETRYING] == 1
    assert summary.counts[State.QUARANTINED] == 0
    assert summary.queue_depth == 2
    assert summary.oldest_waiting_at == 50.0  # the delivered one no longer waits
    assert [e.id for e in summary.last_errors] == [failing]
    assert waiting in [e.id for e in db.documents()]


def test_finished_since_counts_a_days_work_by_final_state(db: Journal) -> None:
    started = time.time()
    delivered, reviewed, waiting = _add(db), _add(db), _add(db)
    db.finish(delivered, Result(State.DELIVERED))
    db.finish(reviewed, Result(State.REVIEW))
    today = db.finished_since(started - 1)
    assert today[State.DELIVERED] == 1
    assert today[State.REVIEW] == 1
    assert today[State.QUARANTINED] == 0
    assert State.RECEIVED not in today  # still waiting: not work done
    assert waiting in [e.id for e in db.documents()]
    assert sum(db.finished_since(time.time() + 60).values()) == 0


def test_documents_lists_newest_first_with_limit(db: Journal) -> None:
    ids = [_add(db, source=f"{n}.pdf") for n in range(5)]
    assert [e.id for e in db.documents(limit=2)] == ids[:-3:-1]
    assert len(db.documents()) == 5


def test_retry_all_now_makes_waiting_documents_due(db: Journal) -> None:
    waiting = _add(db)
    db.retry(waiting, Failure.DELIVERY, "share gone", next_at=1e12)
    _add(db)
    assert db.retry_all_now() == 1
    assert waiting in [e.id for e in db.due(now=1.0, limit=10)]
    assert db.get(waiting).attempts == 1
