"""`service.executor: celery` against a real redis-server and real `semantha worker`s.

Each test starts its own redis-server in the foreground (never daemonized) on a free
port, without persistence, so stopping it loses everything it held: the hardest case
for a station that must lose nothing. The workers are `semantha worker` processes,
each with its own `work/` (what it is running shows there), writing into the same
dms/review/quarantine folders as the station, as in a service centre.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
import redis
import yaml
from configs import embedded_config
from prometheus_client.parser import text_string_to_metric_families
from redisserver import Redis, free_port
from textpdf import wrapped_pdf

from semantha.config import AppConfig, load_config
from semantha.service import metrics
from semantha.service.celery_app import QUEUE, make_app, result_message
from semantha.service.celery_executor import CeleryExecutor
from semantha.service.executor import Job, JobResult
from semantha.service.journal import Result, State

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
FINAL = ("delivered", "review", "quarantined")
# Scanned samples: each takes a worker seconds of OCR, long enough to kill it mid-way.
SCANS = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".tiff", ".png") and "-g4" in p.name)

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[Redis]:
    server = Redis(free_port(), tmp_path / "redis.log")
    server.start()
    yield server
    server.stop()


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(REPO)}


@dataclass
class Centre:
    """A scan station and its workers in a temporary folder, on one Redis."""

    root: Path
    redis: Redis
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    workers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def config(self) -> Path:
        return self.root / "config.yaml"

    @property
    def inbox(self) -> Path:
        return self.root / "var" / "inbox"

    def configure(self, **service: object) -> None:
        config = yaml.safe_load(self.config.read_text(encoding="utf-8"))
        config["service"].update(service)
        self.config.write_text(yaml.safe_dump(config), encoding="utf-8")

    def semantha(self, config: Path, *args: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "semantha", "--config", str(config), *args],
            cwd=self.root,
            env=_env(),
            stdout=(self.root / f"{args[0]}.out").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill -9 takes its pool too
        )
        self.processes.append(process)
        return process

    def start_worker(self, name: str) -> None:
        """A worker with its own work/ folder: ``busy(name)`` sees what it is running."""
        config = yaml.safe_load(self.config.read_text(encoding="utf-8"))
        config["paths"]["work"] = str(self.root / name)
        path = self.root / f"{name}.yaml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        self.workers[name] = self.semantha(path, "worker", "--concurrency", "1", "--name", name)

    def busy(self, name: str) -> list[Path]:
        """The document a worker is running right now (its scratch copy), if any."""
        scratch = self.root / name / "celery"
        return list(scratch.glob("task-*/*")) if scratch.is_dir() else []

    def tasks(self, name: str) -> frozenset[str]:
        return frozenset(p.parent.name for p in self.busy(name))

    def pool_children(self, name: str) -> list[int]:
        parent = self.workers[name].pid
        found = []
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                try:
                    stat = (proc / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                    found.append(int(proc.name))
        return found

    def run_once(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "semantha", "--config", str(self.config), "run", "--once"],
            cwd=self.root,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=600,
        )

    def rows(self) -> list[dict[str, object]]:
        path = self.root / "var" / "work" / "journal.sqlite"
        if not path.exists():  # the station has not started yet
            return []
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        db.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in db.execute("SELECT * FROM documents ORDER BY id")]
        except sqlite3.OperationalError:
            return []
        finally:
            db.close()

    def status(self) -> dict[str, Any]:
        out = subprocess.run(
            [sys.executable, "-m", "semantha", "--config", str(self.config), "status", "--json"],
            cwd=self.root,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        report: dict[str, Any] = json.loads(out.stdout)
        return report

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


@pytest.fixture
def centre(tmp_path: Path, redis_server: Redis) -> Iterator[Centre]:
    embedded_config(tmp_path, "dms")
    site = Centre(tmp_path, redis_server)
    site.configure(executor="celery", broker_url=redis_server.url, stable_after_s=0.2)
    yield site
    site.stop_all()


def wait_for(what: str, check: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.1)


def decisions(rows: list[dict[str, object]]) -> dict[object, tuple[object, ...]]:
    return {
        r["source"]: (r["state"], r["department"], r["doctype"], r["method"], r["confidence"])
        for r in rows
    }


def test_celery_decides_the_sample_mail_as_the_local_workers_do(
    centre: Centre, tmp_path: Path
) -> None:
    local = tmp_path / "local"
    local.mkdir()
    embedded_config(local, "dms")
    local_site = Centre(local, centre.redis)
    local_site.configure(stable_after_s=0.2)
    samples = sorted(p for p in SAMPLES.iterdir() if p.name[:3].isdigit())
    for site in (local_site, centre):
        site.inbox.mkdir(parents=True, exist_ok=True)
        for sample in samples:
            shutil.copy(sample, site.inbox / sample.name)
    assert local_site.run_once().returncode == 0
    centre.start_worker("w1")
    centre.start_worker("w2")
    wait_for("two workers", lambda: len(centre.status()["broker"]["workers"]) == 2, 60)
    result = centre.run_once()
    assert result.returncode == 0, result.stdout + result.stderr

    expected, got = decisions(local_site.rows()), decisions(centre.rows())
    assert len(got) == len(samples)
    assert got == expected
    broker = centre.status()["broker"]
    assert broker["reachable"] is True
    assert broker["queued"] == 0
    assert sorted(w["hostname"] for w in broker["workers"]) == ["w1", "w2"]
    scraped = scrape(load_config(centre.config))
    assert scraped["semantha_workers_alive"] == 2
    assert scraped["semantha_worker_processes"] == 2
    assert scraped["semantha_broker_up"] == 1


def scrape(config: AppConfig) -> dict[str, float]:
    exposition = metrics.exposition(config).decode()
    return {s.name: s.value for f in text_string_to_metric_families(exposition) for s in f.samples}


def letter(number: int) -> bytes:
    return wrapped_pdf(
        [
            f"Stadt Musterstadt\nAn: Amt 63 - Baurechtsamt\nMusterstadt, den 12.03.2025\n\n"
            f"Betreff: Bauantrag fuer ein Gartenhaus Nr. {number}\n\nSehr geehrte Damen und "
            "Herren,\nanbei der Bauantrag mit allen Unterlagen.\n\nMit freundlichen Gruessen\n"
            "Erika Mustermann"
        ]
    )


def delivered_files(root: Path) -> list[Path]:
    return [p for p in (root / "var" / "dms").rglob("*") if p.is_file() and p.suffix != ".json"]


def test_a_killed_worker_and_a_restarted_redis_lose_and_duplicate_nothing(
    centre: Centre,
) -> None:
    """kill -9 a whole worker mid-document; then Redis stops (the station keeps taking
    files in) and comes back empty: every document is delivered once."""
    centre.configure(document_timeout_s=20, retry_backoff_s=0.5, workers=2)
    centre.start_worker("w1")
    centre.start_worker("w2")
    station = centre.semantha(centre.config, "run")
    centre.inbox.mkdir(parents=True, exist_ok=True)
    scans = SCANS[:4]
    for scan in scans:
        shutil.copy(scan, centre.inbox / scan.name)
    for n in range(6):
        (centre.inbox / f"brief-{n}.pdf").write_bytes(letter(n))

    wait_for("w1 mid-document", lambda: bool(centre.busy("w1")), 120)
    victim = centre.busy("w1")[0].name
    os.killpg(centre.workers["w1"].pid, signal.SIGKILL)
    centre.workers["w1"].wait(timeout=10)

    wait_for(
        "an outcome after the kill", lambda: any(r["state"] in FINAL for r in centre.rows()), 120
    )
    centre.redis.stop()
    for n in range(6, 9):
        (centre.inbox / f"brief-{n}.pdf").write_bytes(letter(n))
    # Redis is down: the watcher still takes the files in, journaled and kept in work/.
    wait_for("intake while Redis is down", lambda: len(centre.rows()) == len(scans) + 9, 60)
    assert not list(centre.inbox.iterdir())
    centre.redis.start()

    wait_for(
        "every document final",
        lambda: [r["state"] in FINAL for r in centre.rows()] == [True] * (len(scans) + 9),
        240,
    )
    assert station.poll() is None
    rows = centre.rows()
    assert {r["state"] for r in rows} <= {"delivered", "review"}
    assert [r["state"] for r in rows if r["source"] == victim] in (["delivered"], ["review"])
    # Exactly once: one file per delivered document, none twice under another name.
    files = delivered_files(centre.root)
    hashes = [hashlib.sha256(p.read_bytes()).hexdigest() for p in files]
    assert len(hashes) == len(set(hashes))
    assert len(files) == sum(1 for r in rows if r["state"] == "delivered")
    review = [p for p in (centre.root / "var" / "review").rglob("*") if p.suffix != ".json"]
    assert len([p for p in review if p.is_file()]) == sum(1 for r in rows if r["state"] == "review")
    assert not list((centre.root / "var" / "quarantine").rglob("*.error.json"))


def test_a_document_that_kills_its_worker_twice_is_quarantined(centre: Centre) -> None:
    centre.configure(retry_backoff_s=0.2, workers=1, processing_attempts=2)
    centre.start_worker("w1")
    station = centre.semantha(centre.config, "run")
    centre.inbox.mkdir(parents=True, exist_ok=True)
    poison = SCANS[0]
    shutil.copy(poison, centre.inbox / poison.name)
    killed: frozenset[str] = frozenset()
    for _ in range(2):
        # A fresh task each time (its scratch folder is new): kill the pool process on it.
        wait_for(
            "the document in a pool process",
            lambda seen=killed: bool(centre.tasks("w1") - seen),
            120,
        )
        killed |= centre.tasks("w1")
        for child in centre.pool_children("w1"):
            os.kill(child, signal.SIGKILL)
    wait_for("the document final", lambda: centre.rows()[0]["state"] in FINAL, 120)
    row = centre.rows()[0]
    assert row["state"] == "quarantined"
    assert "processing failed 2 times" in str(row["last_error"])
    reasons = list((centre.root / "var" / "quarantine").rglob("*.error.json"))
    assert len(reasons) == 1
    assert centre.workers["w1"].poll() is None, "the worker replaced its pool process"
    assert station.poll() is None


def queued_ids(client: redis.Redis) -> list[str]:
    """The ids of the tasks waiting in Redis, oldest first (kombu's messages, JSON)."""
    return [json.loads(raw)["headers"]["id"] for raw in reversed(client.lrange(QUEUE, 0, -1))]


def test_the_station_records_a_result_once_and_keeps_jobs_while_redis_is_away(
    centre: Centre,
) -> None:
    config = load_config(centre.config)
    document = centre.root / "var" / "work" / "inflight" / "1" / "brief.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(letter(1))
    job = Job(1, str(document), hashlib.sha256(document.read_bytes()).hexdigest())
    client = redis.Redis.from_url(centre.redis.url)
    executor = CeleryExecutor(config)
    executor.start()

    executor.submit(job)
    (first,) = queued_ids(client)
    message = json.loads(client.lindex(QUEUE, 0) or b"{}")
    assert "brief.pdf" in str(message) and str(document.parent) not in str(message)

    # Redis restarts without its data: the station sends the document again.
    centre.redis.stop()
    assert executor.collect(0.2) == []
    assert executor.running() == [job]
    assert scrape(config)["semantha_broker_up"] == 0
    centre.redis.start()
    client = redis.Redis.from_url(centre.redis.url)
    assert executor.collect(1.5) == []
    (second,) = queued_ids(client)
    assert second != first

    # Redis down at submit: the job waits in the station and goes out once Redis is back.
    other = replace(job, doc=2)
    centre.redis.stop()
    executor.submit(other)
    assert executor.running() == [job, other]
    centre.redis.start()
    client = redis.Redis.from_url(centre.redis.url)
    executor.collect(1.5)
    assert len(queued_ids(client)) == 2  # Redis came back empty: both sent (again)

    # A result stored twice (a task run twice) is collected once.
    app = make_app(config)
    for raw in client.lrange(QUEUE, 0, -1):
        message = json.loads(raw)
        (payload,), _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        outcome = JobResult(payload["job"]["doc"], Result(State.DELIVERED, department="63"))
        for _ in range(2):
            app.backend.store_result(message["headers"]["id"], result_message(outcome), "SUCCESS")
    client.delete(QUEUE)
    results = executor.collect(2.0) + executor.collect(0.5)
    assert sorted(r.doc for r in results) == [1, 2]
    assert executor.collect(0.3) == []
    assert executor.running() == []
    executor.shutdown(0)


def test_a_document_over_the_time_limit_is_quarantined_as_with_local_workers(
    centre: Centre,
) -> None:
    """The worker ends the task at document_timeout_s; the station counts a timeout."""
    centre.configure(document_timeout_s=0.5, retry_backoff_s=0.2, processing_attempts=2)
    centre.start_worker("w1")
    centre.inbox.mkdir(parents=True, exist_ok=True)
    centre.semantha(centre.config, "run")
    shutil.copy(SCANS[0], centre.inbox / SCANS[0].name)
    wait_for(
        "the document final", lambda: [r["state"] in FINAL for r in centre.rows()] == [True], 120
    )
    (row,) = centre.rows()
    assert row["state"] == "quarantined"
    assert "processing failed 2 times: timeout: took longer than 0.5 s" in str(row["last_error"])
    assert centre.workers["w1"].poll() is None
    shown = subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(centre.config), "status"],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "0 queued, 0 running; workers alive: 1" in shown
    assert "  w1: pool processes 1" in shown
