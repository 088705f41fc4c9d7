"""The city's labelled examples on disk: written once per decision, read oldest first,
purged after the retention with the texts still waiting in review."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from semantha.delivering import kepttext
from semantha.records import Document, Page, Reading
from semantha.service import examples
from semantha.service.examples import Example

NOW = datetime(2027, 1, 10, 12, 0, tzinfo=UTC)


def example(sha: str, decided_at: datetime, department: str | None = "63") -> Example:
    return Example(
        sha256=sha,
        text=("Bauantrag für eine Garage", ""),
        fields={"aktenzeichen": "63-1/2027"},
        department=department,
        doctype="Antrag",
        kind="review",
        user="m.muster",
        decided_at=decided_at,
        proposed={"department": None, "doctype": "Antrag", "confidence": 0.4},
    )


def test_examples_are_read_oldest_decision_first(tmp_path: Path) -> None:
    work = tmp_path / "work"
    examples.record(work, 7, example("b" * 64, NOW))
    examples.record(work, 3, example("a" * 64, NOW - timedelta(days=1)))
    examples.record(work, 9, example("c" * 64, NOW, department=None))
    (work / "examples" / "kaputt-1.json").write_text("{")
    found = list(examples.examples(work))
    assert [e.sha256[0] for e in found] == ["a", "b", "c"]
    assert found[0] == example("a" * 64, NOW - timedelta(days=1))
    assert found[2].department is None
    written = json.loads((work / "examples" / f"{'b' * 64}-7.json").read_text(encoding="utf-8"))
    assert set(written) == {
        "sha256",
        "text",
        "fields",
        "department",
        "doctype",
        "kind",
        "user",
        "decided_at",
        "proposed",
        "returned_by",
    }


def test_writing_a_decisions_example_again_writes_the_same_file(tmp_path: Path) -> None:
    work = tmp_path / "work"
    first = examples.record(work, 4, example("a" * 64, NOW))
    again = examples.record(work, 4, example("a" * 64, NOW))
    assert first == again and len(list(examples.examples(work))) == 1


def test_old_examples_and_kept_texts_are_purged_after_the_retention(tmp_path: Path) -> None:
    work = tmp_path / "work"
    old = examples.record(work, 1, example("a" * 64, NOW - timedelta(days=800)))
    new = examples.record(work, 2, example("b" * 64, NOW))
    page = Page(0, None, 300, text="Brief", reading=Reading.OCR)
    pending = kepttext.keep(work, Document("c" * 64, tmp_path / "x.pdf", NOW, (page,)))
    stamp = (NOW - timedelta(days=731)).timestamp()
    for path in (old, pending):
        os.utime(path, (stamp, stamp))
    assert examples.purge(work, 0, NOW) == 0, "0 keeps them forever"
    assert examples.purge(work, 730, NOW) == 2
    assert not old.exists() and not pending.exists() and new.exists()
