"""The task's message between a station and a worker: JSON that carries everything."""

from __future__ import annotations

import json
from pathlib import Path

from semantha.service.celery_app import (
    broker_name,
    job_message,
    job_of,
    result_message,
    result_of,
)
from semantha.service.executor import Job, JobResult, failed
from semantha.service.journal import Failure, Result, State, Written


def test_a_job_reaches_the_worker_whole_with_its_bytes_under_its_own_name(tmp_path: Path) -> None:
    job = Job(
        7,
        "/station/work/inflight/7/Brief (2).pdf",
        "ab" * 32,
        "stapel",
        "return",
        "zurückgegeben von Amt 63",
        "63",
    )
    data = bytes(range(256)) * 10
    message = json.loads(json.dumps(job_message(job, data)))
    assert "/station" not in json.dumps(message)

    got, got_data = job_of(message, tmp_path)
    assert got_data == data
    assert got.path == str(tmp_path / "Brief (2).pdf")
    assert (got.doc, got.sha256, got.source_folder, got.mode, got.reason, got.returned_by) == (
        7,
        "ab" * 32,
        "stapel",
        "return",
        "zurückgegeben von Amt 63",
        "63",
    )


def test_results_come_back_as_the_journal_records_them() -> None:
    delivered = JobResult(
        3,
        Result(
            State.DELIVERED,
            department="63",
            doctype="Antrag",
            confidence=0.93,
            method="rule",
            destinations=("/dms/63/a.pdf",),
            seconds=1.25,
            written=(Written("cd" * 32, "/dms/63/a.pdf", "deliver"),),
        ),
    )
    retry = failed(4, Failure.TIMEOUT, "took longer than 600 s")
    for result in (delivered, retry):
        assert result_of(json.loads(json.dumps(result_message(result)))) == result


def test_the_broker_is_shown_without_its_password() -> None:
    assert broker_name("redis://:geheim@queue.example:6380/2") == "queue.example:6380/2"
    assert broker_name("redis://127.0.0.1") == "127.0.0.1:6379/0"
