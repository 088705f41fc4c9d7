"""Stacks in the journal: the documents cut from a stack, and which stacks are safe to shred."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from semantha.service.journal import Failure, Journal, Result, State
from semantha.stackpart import StackPart


@pytest.fixture
def db(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "journal.sqlite")


def _scan(db: Journal, tmp_path: Path, name: str, now: float) -> int:
    entry = db.add(name * 64, f"stapel/{name}.pdf", "stapel", tmp_path / "inflight", now)
    db.set_original(entry.id, "work")
    return entry.id


def _parts(tmp_path: Path, stack_sha: str, count: int) -> list[StackPart]:
    return [
        StackPart(str(tmp_path / f"s-{n}.pdf"), f"{n}" * 64, stack_sha, 2 * n + 1, 2 * n + 2, "63")
        for n in range(count)
    ]


def test_a_split_stack_has_a_row_per_document_that_knows_its_pages(
    db: Journal, tmp_path: Path
) -> None:
    stack = _scan(db, tmp_path, "a", now=100.0)
    docs = db.split(stack, _parts(tmp_path, "a" * 64, 3), seconds=1.5)

    assert db.get(stack).state is State.SPLIT
    assert [db.get(doc).state for doc in docs] == [State.RECEIVED] * 3
    assert [db.get(doc).received_at for doc in docs] == [100.0] * 3
    assert [e.id for e in db.due(time.time(), 10)] == docs
    part = db.stack_part(docs[1])
    assert part == StackPart(str(tmp_path / "s-1.pdf"), "1" * 64, "a" * 64, 3, 4, "63")
    assert db.get(docs[1]).source == "stapel/s-1.pdf"
    assert db.stack_part(stack) is None


def test_only_stacks_whose_every_document_is_delivered_are_safe(
    db: Journal, tmp_path: Path
) -> None:
    delivered = Result(State.DELIVERED, department="63")
    whole = _scan(db, tmp_path, "a", now=100.0)
    waiting = _scan(db, tmp_path, "b", now=101.0)
    single = _scan(db, tmp_path, "c", now=102.0)
    in_review = _scan(db, tmp_path, "d", now=103.0)
    other_day = _scan(db, tmp_path, "e", now=100_000.0)
    for doc in db.split(whole, _parts(tmp_path, "a" * 64, 2), None):
        db.finish(doc, delivered)
    first, second = db.split(waiting, _parts(tmp_path, "b" * 64, 2), None)
    db.finish(first, delivered)
    db.retry(second, Failure.DELIVERY, "share gone", next_at=0.0)
    db.finish(single, delivered)
    db.finish(in_review, Result(State.REVIEW))
    db.finish(other_day, delivered)

    stacks = db.stacks(0.0, 1000.0)

    assert [s.scan.id for s in stacks] == [whole, waiting, single, in_review]
    assert [s.safe for s in stacks] == [True, False, True, False]
    assert [len(s.documents) for s in stacks] == [2, 2, 1, 1]
