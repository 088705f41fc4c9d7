"""The service loop with a fake pipeline at the executor seam, and the real process pool.

``InlineExecutor`` stands where production puts the process pool: the service's
journal, intake, retries, duplicates, resume and archive run for real on disk.
The pool itself is tested with real worker processes (crash, hang, recycle).
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from imports import imported_after
from prometheus_client.parser import text_string_to_metric_families

from semantha.cli import main
from semantha.config import AppConfig, Paths, ServiceSettings
from semantha.errors import ConfigError, StartupError
from semantha.rulefiles.store import RuleStore
from semantha.service import journal
from semantha.service.executor import Job, JobResult, ProcessExecutor, failed
from semantha.service.files import instance_lock, move_file, purge_archive
from semantha.service.journal import Failure, Journal, Result, State, journal_path
from semantha.service.loop import Service
from semantha.service.watch import InboxWatcher
from semantha.service.worker import WorkerState, build_context, worker_run

ROOT = Path(__file__).resolve().parents[2]

Work = Callable[[Job], JobResult]


class InlineExecutor:
    """Runs each job in this process when results are collected."""

    def __init__(self, work: Work, slots: int = 2) -> None:
        self.work = work
        self.slots = slots
        self.jobs: list[Job] = []
        self.seen: list[Job] = []

    def start(self) -> None:
        pass

    def free(self) -> int:
        return self.slots - len(self.jobs)

    def submit(self, job: Job) -> None:
        self.jobs.append(job)
        self.seen.append(job)

    def running(self) -> list[Job]:
        return list(self.jobs)

    def collect(self, timeout: float) -> list[JobResult]:
        jobs, self.jobs = self.jobs, []
        return [self.work(job) for job in jobs]

    def shutdown(self, grace_s: float) -> list[JobResult]:
        return self.collect(0)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def make_config(tmp_path: Path, **service: object) -> AppConfig:
    names = ("inbox", "work", "dms_root", "review", "quarantine", "archive")
    paths = Paths(**{name: tmp_path / name for name in names})
    settings = ServiceSettings.model_validate(
        {"poll_interval_s": 0.01, "stable_after_s": 0.0, **service}
    )
    return AppConfig(paths=paths, service=settings)


def make_service(
    tmp_path: Path, work: Work, **service: object
) -> tuple[Service, InlineExecutor, Clock]:
    config = make_config(tmp_path, **service)
    clock = Clock()
    executor = InlineExecutor(work)
    config.paths.inbox.mkdir(parents=True, exist_ok=True)
    watcher = InboxWatcher(config.paths.inbox, 0.0, 3600.0, clock=clock)
    return Service(config, executor, Journal(journal_path(config)), watcher, clock), executor, clock


def delivered(job: Job) -> JobResult:
    return JobResult(
        job.doc, Result(State.DELIVERED, "63", "Antrag", 0.93, "rule", (f"/dms/63/{job.doc}",))
    )


def archived_files(config: AppConfig) -> dict[str, bytes]:
    day = config.paths.archive / datetime.now(UTC).date().isoformat()
    return {p.relative_to(day).as_posix(): p.read_bytes() for p in day.rglob("*") if p.is_file()}


def states(service: Service) -> list[State]:
    return [e.state for e in reversed(service.journal.documents())]


def test_once_processes_the_inbox_and_archives_delivered_originals(tmp_path: Path) -> None:
    service, executor, _ = make_service(tmp_path, delivered)
    inbox = service.config.paths.inbox
    (inbox / "Hauspost").mkdir()
    (inbox / "a.pdf").write_bytes(b"%PDF a")
    (inbox / "Hauspost" / "b.pdf").write_bytes(b"%PDF b")
    (inbox / "Thumbs.db").write_bytes(b"junk")
    summary = service.run(once=True)
    assert summary.counts == {State.DELIVERED: 2}
    assert sorted(j.source_folder for j in executor.seen) == ["", "Hauspost"]
    assert archived_files(service.config) == {"a.pdf": b"%PDF a", "Hauspost/b.pdf": b"%PDF b"}
    assert sorted(p.name for p in inbox.rglob("*") if p.is_file()) == ["Thumbs.db"]
    assert not any((service.config.paths.work / "inflight").iterdir())
    entry = service.journal.documents()[0]
    assert (entry.department, entry.doctype, entry.original) == ("63", "Antrag", "archived")
    assert Path(entry.archive_path).is_file()


def test_the_worker_reads_the_copy_in_work_while_the_inbox_is_already_empty(tmp_path: Path) -> None:
    seen: list[tuple[bool, bytes]] = []

    def work(job: Job) -> JobResult:
        seen.append((any(inbox.iterdir()), Path(job.path).read_bytes()))
        return delivered(job)

    service, _, _ = make_service(tmp_path, work)
    inbox = service.config.paths.inbox
    (inbox / "scan.pdf").write_bytes(b"%PDF scan")
    service.run(once=True)
    assert seen == [(False, b"%PDF scan")]


@pytest.mark.parametrize("state", [State.REVIEW, State.QUARANTINED])
def test_review_and_quarantine_remove_the_original_once_recorded(
    tmp_path: Path, state: State
) -> None:
    def work(job: Job) -> JobResult:
        return JobResult(
            job.doc, Result(state, error="unreadable" if state is State.QUARANTINED else "")
        )

    service, _, _ = make_service(tmp_path, work)
    (service.config.paths.inbox / "x.pdf").write_bytes(b"x")
    service.run(once=True)
    entry = service.journal.documents()[0]
    assert (entry.state, entry.original) == (state, "removed")
    assert archived_files(service.config) == {}
    assert not Path(entry.work_path).exists()


def test_delivery_failures_back_off_then_succeed_without_losing_the_document(
    tmp_path: Path,
) -> None:
    failures = [2]

    def work(job: Job) -> JobResult:
        if failures[0]:
            failures[0] -= 1
            return failed(job.doc, Failure.DELIVERY, "dms_root is not a folder")
        return delivered(job)

    service, executor, clock = make_service(tmp_path, work, retry_backoff_s=10.0)
    (service.config.paths.inbox / "a.pdf").write_bytes(b"a")
    for _ in range(3):
        service.step(0)
    entry = service.journal.documents()[0]
    assert (entry.state, entry.attempts, entry.last_error) == (
        State.RETRYING,
        1,
        "dms_root is not a folder",
    )
    assert Path(entry.work_path).read_bytes() == b"a"  # safe in work/ meanwhile
    service.step(0)
    assert len(executor.seen) == 1  # backing off
    clock.now += 10
    service.step(0)
    assert service.journal.get(entry.id).attempts == 2
    clock.now += 19
    service.step(0)
    assert len(executor.seen) == 2  # the second wait is twice as long
    clock.now += 1
    service.step(0)
    assert states(service) == [State.DELIVERED]
    assert [j.mode for j in executor.seen] == ["process", "process", "process"]


def test_a_restart_retries_waiting_documents_at_once(tmp_path: Path) -> None:
    outage = [True]

    def work(job: Job) -> JobResult:
        if outage[0]:
            return failed(job.doc, Failure.DELIVERY, "dms_root is not a folder")
        return delivered(job)

    service, _, _ = make_service(tmp_path, work, retry_backoff_s=3600.0)
    (service.config.paths.inbox / "a.pdf").write_bytes(b"a")
    service.run(once=True)
    assert states(service) == [State.RETRYING]
    assert service.summary.waiting == 1
    outage[0] = False  # the share is mounted again; the operator runs it again
    service.run(once=True)
    assert states(service) == [State.DELIVERED]


def test_after_the_last_delivery_attempt_the_document_goes_to_review(tmp_path: Path) -> None:
    def work(job: Job) -> JobResult:
        if job.mode == "final":
            return JobResult(job.doc, Result(State.REVIEW, destinations=("/review/a.pdf",)))
        return failed(job.doc, Failure.DELIVERY, "disk full")

    service, executor, clock = make_service(
        tmp_path, work, delivery_attempts=3, retry_backoff_s=0.0
    )
    (service.config.paths.inbox / "a.pdf").write_bytes(b"a")
    for _ in range(8):
        service.step(0)
        clock.now += 1
    assert [j.mode for j in executor.seen] == ["process", "process", "final"]
    assert states(service) == [State.REVIEW]


def test_a_document_that_keeps_crashing_workers_is_quarantined(tmp_path: Path) -> None:
    def work(job: Job) -> JobResult:
        if job.mode == "quarantine":
            assert job.reason == "processing failed 2 times: crashed: worker killed by signal 9"
            return JobResult(job.doc, Result(State.QUARANTINED, error=job.reason))
        return failed(job.doc, Failure.CRASHED, "worker killed by signal 9")

    service, executor, clock = make_service(
        tmp_path, work, processing_attempts=2, retry_backoff_s=0.0
    )
    (service.config.paths.inbox / "bomb.png").write_bytes(b"png")
    (service.config.paths.inbox / "fine.pdf").write_bytes(b"pdf")
    for _ in range(8):
        service.step(0)
        clock.now += 1
    modes = [j.mode for j in executor.seen if j.path.endswith("bomb.png")]
    assert modes == ["process", "process", "quarantine"]
    assert sorted(states(service)) == [State.QUARANTINED, State.QUARANTINED]


def test_a_delivery_failure_goes_to_review_whatever_its_message_says(tmp_path: Path) -> None:
    def work(job: Job) -> JobResult:
        if job.mode == "final":
            return JobResult(job.doc, Result(State.REVIEW, destinations=("/review/a.pdf",)))
        return failed(job.doc, Failure.DELIVERY, "timeout: the share did not answer")

    service, executor, clock = make_service(
        tmp_path, work, delivery_attempts=2, processing_attempts=2, retry_backoff_s=0.0
    )
    (service.config.paths.inbox / "a.pdf").write_bytes(b"a")
    for _ in range(6):
        service.step(0)
        clock.now += 1
    assert [j.mode for j in executor.seen] == ["process", "final"]
    assert states(service) == [State.REVIEW]


@pytest.mark.parametrize(
    ("policy", "second_state", "second_mode"),
    [
        ("skip", State.SKIPPED, None),
        ("review", State.DELIVERED, "review"),
        ("deliver", State.DELIVERED, "process"),
    ],
)
def test_duplicates_follow_the_configured_policy(
    tmp_path: Path, policy: str, second_state: State, second_mode: str | None
) -> None:
    service, executor, clock = make_service(tmp_path, delivered, duplicates=policy)
    inbox = service.config.paths.inbox
    (inbox / "first.pdf").write_bytes(b"same bytes")
    service.run(once=True)
    (inbox / "again.pdf").write_bytes(b"same bytes")
    clock.now += 3600  # the next periodic rescan finds it
    service.run(once=True)
    first, second = reversed(service.journal.documents())
    assert second.duplicate_of == first.id
    assert second.state == second_state
    modes = [j.mode for j in executor.seen if j.doc == second.id]
    assert modes == ([] if second_mode is None else [second_mode])
    if second_mode == "review":
        assert str(first.id) in executor.seen[-1].reason
    assert "again.pdf" in archived_files(service.config)  # nothing vanishes


def test_start_up_finishes_what_a_crash_interrupted(tmp_path: Path) -> None:
    service, executor, _ = make_service(tmp_path, delivered)
    paths = service.config.paths
    db = service.journal
    inflight = paths.work / "inflight"
    # 1. crashed between journal row and move: the file is still in the inbox
    (paths.inbox / "a.pdf").write_bytes(b"a")
    moving = db.add("1" * 64, "a.pdf", "", inflight, 1.0)
    # 2. crashed while a worker processed it
    busy = db.add("2" * 64, "b.pdf", "", inflight, 2.0)
    Path(busy.work_path).parent.mkdir(parents=True)
    Path(busy.work_path).write_bytes(b"b")
    db.set_original(busy.id, "work")
    db.start(busy.id)
    # 3. crashed after recording the delivery, before archiving the original
    done = db.add("3" * 64, "c.pdf", "", inflight, 3.0)
    Path(done.work_path).parent.mkdir(parents=True)
    Path(done.work_path).write_bytes(b"c")
    db.set_original(done.id, "work")
    db.finish(done.id, journal.Result(State.DELIVERED, destinations=("/dms/c.pdf",)))
    # 4. crashed after choosing the archive name, before the move
    half = db.add("4" * 64, "d.pdf", "", inflight, 4.0)
    Path(half.work_path).parent.mkdir(parents=True)
    Path(half.work_path).write_bytes(b"d")
    db.finish(half.id, journal.Result(State.DELIVERED))
    chosen = paths.archive / datetime.now(UTC).date().isoformat() / "d (2).pdf"
    db.set_original(half.id, "work", str(chosen))
    service.run(once=True)
    assert sorted(j.doc for j in executor.seen) == [moving.id, busy.id]
    assert states(service) == [State.DELIVERED] * 4
    assert archived_files(service.config) == {
        "a.pdf": b"a",
        "b.pdf": b"b",
        "c.pdf": b"c",
        "d (2).pdf": b"d",
    }
    assert db.get(half.id).original == "archived"
    assert not any(paths.inbox.iterdir())


def test_a_file_that_cannot_be_moved_stays_in_the_inbox_for_later(tmp_path: Path) -> None:
    service, _, _ = make_service(tmp_path, delivered)
    paths = service.config.paths
    (paths.inbox / "a.pdf").write_bytes(b"a")
    (paths.work / "inflight").parent.mkdir(parents=True, exist_ok=True)
    (paths.work / "inflight").write_bytes(b"a file where a folder belongs")
    service.step(0)
    service.step(0)
    assert (paths.inbox / "a.pdf").exists()
    assert service.journal.documents() == []
    (paths.work / "inflight").unlink()
    service.step(0)
    service.step(0)
    service.step(0)
    assert states(service) == [State.DELIVERED]


def test_stop_ends_the_loop(tmp_path: Path) -> None:
    def work(job: Job) -> JobResult:
        service.stop()
        return delivered(job)

    service, _, _ = make_service(tmp_path, work)
    (service.config.paths.inbox / "a.pdf").write_bytes(b"a")
    service.run()
    assert service.stopping
    assert states(service) == [State.DELIVERED]


def test_the_journal_keeps_the_workers_seconds_and_the_error_class(tmp_path: Path) -> None:
    def work(job: Job) -> JobResult:
        return JobResult(
            job.doc,
            Result(State.QUARANTINED, error="unreadable", seconds=2.5, error_class="OcrError"),
        )

    service, _, _ = make_service(tmp_path, work)
    (service.config.paths.inbox / "a.pdf").write_bytes(b"a")
    service.run(once=True)
    entry = service.journal.documents()[0]
    assert (entry.state, entry.seconds, entry.error_class) == (State.QUARANTINED, 2.5, "OcrError")


def test_a_worker_reports_its_seconds_and_why_it_quarantined(tmp_path: Path) -> None:
    config = make_config(tmp_path).model_copy(update={"rules_dir": ROOT / "rules"})
    classify = config.classify.model_copy(update={"mode": "rules-only"})
    config = config.model_copy(update={"classify": classify})
    state = WorkerState(build_context(config), RuleStore(config.rules_dir), None)
    junk = tmp_path / "scan.pdf"
    junk.write_bytes(b"not a PDF at all")
    result = worker_run(state, Job(1, str(junk), "0" * 64))
    assert (result.outcome.state, result.outcome.error_class) == (State.QUARANTINED, "InputError")
    assert result.outcome.seconds is not None and result.outcome.seconds >= 0


def test_the_service_serves_metrics_while_it_runs_and_frees_the_port(tmp_path: Path) -> None:
    scraped: list[bytes] = []

    def work(job: Job) -> JobResult:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
            scraped.append(response.read())
        return delivered(job)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    service, _, _ = make_service(tmp_path, work, metrics_port=port)
    (service.config.paths.inbox / "a.pdf").write_bytes(b"a")
    service.run(once=True)
    processing = [
        s.value
        for family in text_string_to_metric_families(scraped[0].decode())
        for s in family.samples
        if s.name == "semantha_documents" and s.labels["state"] == "processing"
    ]
    assert processing == [1]
    with pytest.raises(OSError):  # the server ends with the run
        urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10)


def test_purge_archive_keeps_the_retention_period(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    for day in ("2026-01-01", "2026-03-01", "2026-03-30", "notes"):
        (archive / day).mkdir(parents=True)
        (archive / day / "x.pdf").write_bytes(b"x")
    assert purge_archive(archive, 0, date(2026, 4, 1)) == 0
    assert purge_archive(archive, 30, date(2026, 4, 1)) == 2
    assert sorted(p.name for p in archive.iterdir()) == ["2026-03-30", "notes"]


def test_only_one_service_per_work_folder(tmp_path: Path) -> None:
    with (
        instance_lock(tmp_path),
        pytest.raises(StartupError, match="another semantha service"),
        instance_lock(tmp_path),
    ):
        pass
    with instance_lock(tmp_path):
        pass  # released again


# --- the real process pool -------------------------------------------------------------------


def pool_setup() -> dict[str, str]:
    return {"pid": str(os.getpid()), "omp": os.environ.get("OMP_THREAD_LIMIT", "")}


def pool_work(state: dict[str, str] | None, job: Job) -> JobResult:
    assert state is not None
    if job.path == "crash":
        os._exit(3)
    if job.path == "hang":
        time.sleep(60)
    if job.path == "raise":
        raise RuntimeError("bug in a stage")
    if job.path == "slow":
        time.sleep(0.5)
    return JobResult(job.doc, Result(State.DELIVERED, method=state["pid"], error=state["omp"]))


def failing_setup() -> None:
    raise RuntimeError("model file is corrupt")


def collect_all(pool: ProcessExecutor[dict[str, str]], n: int) -> dict[int, JobResult]:
    results: dict[int, JobResult] = {}
    deadline = time.monotonic() + 60
    while len(results) < n and time.monotonic() < deadline:
        results.update((r.doc, r) for r in pool.collect(0.5))
    return results


def test_pool_survives_crashing_hanging_and_raising_documents() -> None:
    pool = ProcessExecutor(2, pool_setup, pool_work, timeout_s=3.0)
    pool.start()
    try:
        for doc, kind in enumerate(["crash", "hang"], start=1):
            pool.submit(Job(doc, kind, "0" * 64))
        assert pool.free() == 0
        results = collect_all(pool, 2)
        pool.submit(Job(3, "raise", "0" * 64))
        pool.submit(Job(4, "ok", "0" * 64))
        results.update(collect_all(pool, 2))
    finally:
        pool.shutdown(1.0)
    assert results[1].failure is Failure.CRASHED and "code 3" in results[1].outcome.error
    assert results[2].failure is Failure.TIMEOUT
    assert (
        results[3].failure is Failure.CRASHED
        and "RuntimeError: bug in a stage" in results[3].outcome.error
    )
    assert (results[4].outcome.state, results[4].outcome.error) == (
        State.DELIVERED,
        "1",
    )  # OMP_THREAD_LIMIT=1


def test_pool_replaces_a_worker_after_max_jobs() -> None:
    pool = ProcessExecutor(1, pool_setup, pool_work, timeout_s=30.0, max_jobs=2)
    pool.start()
    pids = []
    try:
        for doc in range(1, 4):
            pool.submit(Job(doc, "ok", "0" * 64))
            pids.append(collect_all(pool, 1)[doc].outcome.method)
    finally:
        pool.shutdown(1.0)
    assert pids[0] == pids[1] != pids[2]


def test_pool_reports_a_worker_that_cannot_start() -> None:
    pool: ProcessExecutor[None] = ProcessExecutor(1, failing_setup, pool_work, timeout_s=30.0)
    try:
        with pytest.raises(StartupError, match="model file is corrupt"):
            pool.start()
    finally:
        pool.shutdown(0)


def test_pool_shutdown_waits_for_running_documents_within_the_grace_time() -> None:
    pool = ProcessExecutor(2, pool_setup, pool_work, timeout_s=30.0)
    pool.start()
    pool.submit(Job(10, "ok", "0" * 64))
    pool.submit(Job(11, "ok", "0" * 64))
    collect_all(pool, 2)  # both workers are up: the grace time is all for the documents
    pool.submit(Job(1, "slow", "0" * 64))
    pool.submit(Job(2, "hang", "0" * 64))
    started = time.monotonic()
    results = pool.shutdown(3.0)
    assert [r.doc for r in results] == [1]  # finished; the hanging one is abandoned
    assert time.monotonic() - started < 10
    assert pool.running() == []


def dying_setup() -> None:
    os._exit(7)  # e.g. a native library that cannot load


def test_pool_gives_up_when_workers_die_while_starting() -> None:
    pool: ProcessExecutor[None] = ProcessExecutor(1, dying_setup, pool_work, timeout_s=30.0)
    try:
        with pytest.raises(StartupError, match="keep dying while starting"):
            pool.start()
    finally:
        pool.shutdown(0)


# --- semantha status ---------------------------------------------------------------------------


def write_config_file(tmp_path: Path) -> Path:
    names = ("inbox", "work", "dms_root", "review", "quarantine", "archive")
    lines = ["paths:", *(f"  {n}: {n}" for n in names), "logging:", "  file: log/s.jsonl"]
    path = tmp_path / "config.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rows_by_file(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["file"]: d for d in report["documents"]}


def test_status_without_a_journal_reports_an_empty_queue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config_file(tmp_path)
    assert main(["--config", str(config), "status", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["queue_depth"] == 0
    assert report["documents"] == []
    assert set(report["counts"]) == set(State)


def test_status_reports_states_errors_and_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config_file(tmp_path)
    db = Journal(tmp_path / "work" / "journal.sqlite")
    done = db.add("a" * 64, "Hauspost/brief.pdf", "Hauspost", tmp_path / "work" / "inflight", 1.0)
    db.set_original(done.id, "work")
    db.finish(done.id, journal.Result(State.DELIVERED, "63", "Antrag", 0.91, "rule", ("/d/x",)))
    waiting = db.add("b" * 64, "scan.pdf", "", tmp_path / "work" / "inflight", time.time() - 90)
    db.set_original(waiting.id, "work")
    db.retry(waiting.id, Failure.DELIVERY, "target root dms does not exist", time.time() + 60)
    db.close()

    assert main(["--config", str(config), "status", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["delivered"] == 1
    assert report["counts"]["failed-retrying"] == 1
    assert report["queue_depth"] == 1
    assert report["oldest_waiting_s"] >= 90
    assert report["last_errors"][0]["error"] == "target root dms does not exist"
    assert rows_by_file(report)["scan.pdf"]["next_attempt_at"] is not None
    rows = rows_by_file(report)
    assert rows["Hauspost/brief.pdf"] | {"updated_at": None, "received_at": None} == {
        "id": done.id,
        "file": "Hauspost/brief.pdf",
        "source_folder": "Hauspost",
        "sha256": "a" * 64,
        "state": "delivered",
        "department": "63",
        "doctype": "Antrag",
        "confidence": 0.91,
        "method": "rule",
        "destinations": ["/d/x"],
        "attempts": 0,
        "error": "",
        "next_attempt_at": None,
        "duplicate_of": None,
        "archived": None,
        "received_at": None,
        "updated_at": None,
    }

    assert main(["--config", str(config), "status", "--documents"]) == 0
    text = capsys.readouterr().out
    assert "failed-retrying 1" in text
    assert "queue depth: 1 (oldest waiting since" in text
    assert "target root dms does not exist" in text
    assert "Hauspost/brief.pdf" in text and "Antrag" in text


def test_move_file_across_file_systems_copies_then_deletes(tmp_path: Path) -> None:
    with tempfile.TemporaryDirectory(dir="/dev/shm") as other:
        source = Path(other) / "scan.pdf"
        source.write_bytes(b"%PDF on a share")
        assert Path(other).stat().st_dev != tmp_path.stat().st_dev
        target = tmp_path / "work" / "inflight" / "1" / "scan.pdf"
        move_file(source, target)
        assert target.read_bytes() == b"%PDF on a share"
        assert not source.exists()


def config_error_setup() -> None:
    raise ConfigError("rules/classes.yaml:3:5: unknown key 'wen'", "write 'when'")


def test_a_worker_start_up_error_keeps_its_class_and_hint() -> None:
    pool: ProcessExecutor[None] = ProcessExecutor(1, config_error_setup, pool_work, timeout_s=30.0)
    try:
        with pytest.raises(ConfigError) as caught:
            pool.start()
    finally:
        pool.shutdown(0)
    assert caught.value.exit_code == 3
    assert caught.value.hint == "write 'when'"


def test_the_cores_are_shared_out_among_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    config = make_config(tmp_path).model_copy(update={"rules_dir": ROOT / "rules"})
    classify = config.classify.model_copy(update={"mode": "rules-only"})
    config = config.model_copy(update={"classify": classify})
    assert build_context(config).page_threads == 4  # `semantha process`: every core
    assert build_context(config, workers=2).page_threads == 2
    assert build_context(config, workers=8).page_threads == 1
    fixed = config.model_copy(update={"ocr": config.ocr.model_copy(update={"page_threads": 3})})
    assert build_context(fixed, workers=2).page_threads == 3


def test_the_service_process_leaves_page_and_model_libraries_to_its_workers() -> None:
    # The watcher process runs for months: numpy, OpenCV and Tesseract cost it ~15-60 MB
    # each and are needed only where documents are read.
    code = (
        "from pathlib import Path\n"
        "from semantha.cli import main\n"
        "from semantha.config import load_config\n"
        "from semantha.service.loop import create_service\n"
        f"create_service(load_config(Path({str(ROOT / 'config.yaml')!r})))\n"
    )
    assert imported_after(code, ("numpy", "cv2", "tesserocr", "pypdf", "PIL")) == []
