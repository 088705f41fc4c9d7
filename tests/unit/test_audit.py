"""The audit log: one JSON line per event, chained by the hash of the line before,
appended by several processes at once without losing or tearing a line."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from pathlib import Path

from semantha.service import audit


def chain_is_intact(path: Path) -> bool:
    prev = audit.FIRST_PREV
    for line in path.read_bytes().splitlines():
        if json.loads(line)["prev"] != prev:
            return False
        prev = hashlib.sha256(line).hexdigest()
    return True


def test_each_line_names_who_what_and_which_document_and_chains_to_the_last(
    tmp_path: Path,
) -> None:
    audit.append(tmp_path, "review.view", "anna", sha256="a" * 64)
    audit.append(tmp_path, "review.resolve", "bernd", sha256="b" * 64, department="63")
    audit.append(tmp_path, "login", "carla")
    path = audit.audit_path(tmp_path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(e["event"], e["user"], e["sha256"]) for e in lines] == [
        ("review.view", "anna", "a" * 64),
        ("review.resolve", "bernd", "b" * 64),
        ("login", "carla", None),
    ]
    assert lines[1]["department"] == "63" and "at" in lines[1]
    assert chain_is_intact(path)
    # an altered line breaks the chain at the next one
    text = path.read_text(encoding="utf-8").replace('"63"', '"30"')
    path.write_text(text, encoding="utf-8")
    assert not chain_is_intact(path)


def _append_many(work: Path, user: str) -> None:
    for n in range(40):
        audit.append(work, "review.view", user, sha256=f"{n:064x}")


def test_processes_appending_at_once_keep_the_chain(tmp_path: Path) -> None:
    mp = multiprocessing.get_context("spawn")
    writers = [mp.Process(target=_append_many, args=(tmp_path, u)) for u in ("a", "b", "c")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
    assert [w.exitcode for w in writers] == [0, 0, 0]
    path = audit.audit_path(tmp_path)
    assert len(path.read_bytes().splitlines()) == 120
    assert chain_is_intact(path)


def test_verify_walks_the_chain_and_names_the_first_bad_line(tmp_path: Path) -> None:
    path = audit.audit_path(tmp_path)
    assert audit.verify(path).intact and audit.verify(path).head.lines == 0  # none yet
    for n in range(4):
        audit.append(tmp_path, "review.view", "anna", sha256=f"{n:064x}")
    verdict = audit.verify(path)
    assert verdict.intact and verdict.head.lines == 4
    assert verdict.head.sha256 == hashlib.sha256(path.read_bytes().splitlines()[-1]).hexdigest()
    assert audit.verify(path, verdict.head).intact
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[1:]))  # the first line removed
    assert audit.verify(path).bad_line == 1
    path.write_bytes(b"".join(lines[:2]) + b"not json\n" + b"".join(lines[3:]))
    broken = audit.verify(path)
    assert broken.bad_line == 3 and "not a JSON object" in broken.reason
    assert broken.head == audit.Head(2, hashlib.sha256(lines[1].rstrip(b"\n")).hexdigest())


def test_an_append_after_a_cut_off_line_leaves_it_named(tmp_path: Path) -> None:
    audit.append(tmp_path, "login", "anna")
    path = audit.audit_path(tmp_path)
    path.write_bytes(path.read_bytes() + b'{"at": "2026-')  # a crash in the middle of a write
    audit.append(tmp_path, "login", "bernd")
    verdict = audit.verify(path)
    assert verdict.bad_line == 2 and "not a JSON object" in verdict.reason
