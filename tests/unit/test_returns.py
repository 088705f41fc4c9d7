"""Returns through the service loop: journal first, the delivery recognised by the hash of
the bytes written, the office's return recorded, into review with ``returned_by``.

The pipeline stands behind ``InlineExecutor`` (see test_service.py); journal, intake,
files and the labelled example are real.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from test_service import Clock, InlineExecutor, make_config

from semantha.delivering import kepttext
from semantha.records import Document, Page, Reading, frozen_map
from semantha.service import examples
from semantha.service.audit import audit_path
from semantha.service.executor import Job, JobResult
from semantha.service.journal import Journal, Result, State, Written, journal_path
from semantha.service.loop import Service
from semantha.service.watch import InboxWatcher

SCAN = b"%PDF the scanned letter"
SCAN_SHA = hashlib.sha256(SCAN).hexdigest()


class Pipeline:
    """Delivers inbox documents to office 63 (writing ``written`` bytes there) and puts
    returned ones into review, keeping their text as the real review path does."""

    def __init__(self, work: Path, written: bytes = SCAN) -> None:
        self.work = work
        self.written = written
        self.jobs: list[Job] = []

    def __call__(self, job: Job) -> JobResult:
        self.jobs.append(job)
        if job.mode == "return":
            page = Page(0, None, 300, text="Sehr geehrte Damen und Herren", reading=Reading.OCR)
            document = Document(
                job.sha256,
                Path(job.path),
                datetime.now(UTC),
                (page,),
                frozen_map({"subject": "Bauantrag"}),
            )
            kepttext.keep(self.work, document)
            return JobResult(
                job.doc, Result(State.REVIEW, None, None, 0.0, "none", ("/review/a.pdf",))
            )
        sha = hashlib.sha256(self.written).hexdigest()
        written = (Written(sha, "/dms/63-Baurechtsamt/a.pdf", "deliver"),)
        return JobResult(
            job.doc,
            Result(State.DELIVERED, "63", "Antrag", 0.93, "rule", ("/dms/a.pdf",), written=written),
        )


def make_service(tmp_path: Path, written: bytes = SCAN) -> tuple[Service, Pipeline, Clock]:
    config = make_config(tmp_path)
    config = config.model_copy(
        update={"paths": config.paths.model_copy(update={"returns": tmp_path / "returns"})}
    )
    pipeline = Pipeline(config.paths.work, written)
    clock = Clock()
    for folder in (config.paths.inbox, tmp_path / "returns"):
        folder.mkdir(parents=True, exist_ok=True)
    service = Service(
        config,
        InlineExecutor(pipeline),
        Journal(journal_path(config)),
        InboxWatcher(config.paths.inbox, 0.0, 3600.0, clock=clock, incomplete_wait_s=0.0),
        clock,
        returns=InboxWatcher(tmp_path / "returns", 0.0, 3600.0, clock=clock, incomplete_wait_s=0.0),
    )
    return service, pipeline, clock


def deliver_one(service: Service) -> None:
    (service.config.paths.inbox / "a.pdf").write_bytes(SCAN)
    service.run(once=True)


def test_every_delivered_file_is_journaled_with_the_hash_of_its_bytes(tmp_path: Path) -> None:
    service, _, _ = make_service(tmp_path, written=b"%PDF with a text layer")
    deliver_one(service)
    (delivery,) = service.journal.deliveries()
    doc = service.journal.documents()[0]
    assert (delivery.doc, delivery.document_sha256, delivery.department) == (doc.id, SCAN_SHA, "63")
    assert delivery.sha256 == hashlib.sha256(b"%PDF with a text layer").hexdigest()
    assert (delivery.action, delivery.closed_at) == ("deliver", None)


def test_a_returned_file_goes_into_review_with_the_office_that_returned_it(
    tmp_path: Path,
) -> None:
    service, pipeline, clock = make_service(tmp_path)
    deliver_one(service)
    returns = tmp_path / "returns"
    (returns / "2025-03-12_az.pdf").write_bytes(SCAN)
    (returns / "2025-03-12_az.pdf.json").write_text('{"department": "63"}')
    clock.now += 3600  # the periodic rescan finds it
    service.run(once=True)

    job = pipeline.jobs[-1]
    assert (job.mode, job.returned_by, job.reason) == ("return", "63", "zurückgegeben von Amt 63")
    assert not any(returns.iterdir()), "the file and its sidecar were taken"
    journal = service.journal
    returned = journal.documents()[0]
    assert (returned.state, returned.original, returned.sha256) == (
        State.REVIEW,
        "removed",
        SCAN_SHA,
    )
    (delivery,) = journal.deliveries()
    assert delivery.closed_reason == "returned" and delivery.closed_at is not None
    (decision,) = journal.decisions(SCAN_SHA)
    assert (decision.kind, decision.returned_by, decision.user, decision.doc) == (
        "return",
        "63",
        "office:63",
        returned.id,
    )
    assert (decision.proposed_department, decision.proposed_doctype) == ("63", "Antrag")
    (example,) = examples.examples(service.config.paths.work)
    assert (example.kind, example.department, example.returned_by) == ("return", None, "63")
    assert example.proposed["department"] == "63"
    assert example.text == ("Sehr geehrte Damen und Herren",)
    assert example.fields == {"subject": "Bauantrag"}
    audit = json.loads(audit_path(service.config.paths.work).read_text(encoding="utf-8"))
    assert (audit["event"], audit["returned_by"], audit["sha256"]) == (
        "document.returned",
        "63",
        SCAN_SHA,
    )


def test_a_file_returned_twice_matches_its_delivery_only_once(tmp_path: Path) -> None:
    service, pipeline, clock = make_service(tmp_path)
    deliver_one(service)
    for _ in range(2):
        (tmp_path / "returns" / "a.pdf").write_bytes(SCAN)
        clock.now += 3600  # the periodic rescan finds the second one
        service.run(once=True)
    assert [j.returned_by for j in pipeline.jobs if j.mode == "return"] == ["63", None]
    assert len(service.journal.decisions(SCAN_SHA)) == 1


def test_a_file_semantha_never_delivered_goes_into_review_as_a_new_document(
    tmp_path: Path,
) -> None:
    service, pipeline, _ = make_service(tmp_path)
    (tmp_path / "returns" / "fremd.pdf").write_bytes(b"%PDF from elsewhere")
    service.run(once=True)
    (job,) = pipeline.jobs
    assert (job.mode, job.returned_by) == ("return", None)
    assert job.reason == "im Rückgabeordner abgelegt, von Semantha nie zugestellt"
    assert service.journal.decisions() == []
    assert [e.state for e in service.journal.documents()] == [State.REVIEW]


def test_a_sidecar_alone_is_removed_and_one_with_its_file_waits_for_it(tmp_path: Path) -> None:
    service, pipeline, _ = make_service(tmp_path)
    returns = tmp_path / "returns"
    (returns / "allein.pdf.json").write_text("{}")
    (returns / "mit.pdf.json").write_text("{}")
    (returns / "mit.pdf").write_bytes(b"%PDF")
    service.step(0)
    with (returns / "mit.pdf").open("ab") as still_written:
        still_written.write(b" more")
    service.step(0)  # the sidecars are quiet, the file is not
    assert (returns / "mit.pdf.json").exists()
    assert not (returns / "allein.pdf.json").exists()
    assert pipeline.jobs == []
    service.step(0)  # now the file is quiet too
    assert not any(returns.iterdir())
    assert [j.mode for j in pipeline.jobs] == ["return"]


def test_start_up_finishes_a_return_whose_move_a_crash_interrupted(tmp_path: Path) -> None:
    service, pipeline, clock = make_service(tmp_path)
    deliver_one(service)
    journal = service.journal
    (delivery,) = journal.deliveries()
    (tmp_path / "returns" / "a.pdf").write_bytes(SCAN)
    # the row and its match were journaled, then the service died before the move
    journal.add_return(SCAN_SHA, "a.pdf", service.config.paths.work / "inflight", 5.0, delivery.id)
    clock.now += 3600
    service.run(once=True)
    assert [j.returned_by for j in pipeline.jobs if j.mode == "return"] == ["63"]
    assert [d.kind for d in journal.decisions(SCAN_SHA)] == ["return"]
    assert journal.deliveries()[0].closed_reason == "returned"
    assert not any((tmp_path / "returns").iterdir())


def test_housekeeping_purges_texts_and_examples_past_their_retention(tmp_path: Path) -> None:
    service, _, _ = make_service(tmp_path)
    work = service.config.paths.work
    old = examples.example_path(work, SCAN_SHA, 1)
    old.parent.mkdir(parents=True)
    old.write_text("{}")
    kept = examples.example_path(work, SCAN_SHA, 2)
    kept.write_text("{}")
    two_years_ago = datetime.now(UTC).timestamp() - 731 * 86400
    os.utime(old, (two_years_ago, two_years_ago))
    service.prepare()
    assert not old.exists() and kept.exists()
