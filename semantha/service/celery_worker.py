"""``semantha worker``: a Celery worker whose task runs one document's bytes through the pipeline.

The worker's main process builds the ``WorkerState`` once (rules, classifier); Celery's
prefork pool forks its processes from it, so each starts ready. A thread renews the
worker's heartbeat key, which ``semantha status`` and /metrics count. A task that was
begun before (``STARTS_KEY`` counts it in Redis) was handed out again because the
process running it died: it comes back to the station as a ``crashed`` attempt, not
run again here, and the station's ``processing_attempts`` quarantines a document that
kills its worker twice, as with local workers.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import structlog

from semantha.config import AppConfig
from semantha.service.celery_app import (
    HEARTBEAT_S,
    RESULT_KEEP_S,
    STARTS_KEY,
    TASK,
    WORKER_KEY,
    heartbeat,
    job_of,
    make_app,
    redis_client,
    result_message,
)
from semantha.service.executor import crashed, failed
from semantha.service.journal import Failure
from semantha.service.worker import WorkerState, worker_run, worker_setup

if TYPE_CHECKING:
    import redis
    from celery import Task

log = structlog.get_logger(__name__)


class TaskRunner:
    """What a worker keeps: its config, the pipeline's state, a Redis client per process."""

    def __init__(self, config: AppConfig, state: WorkerState) -> None:
        self.config = config
        self.state = state
        self.scratch = config.paths.work / "celery"
        self._client: redis.Redis | None = None
        self._client_pid = 0

    def client(self) -> redis.Redis:
        # Each pool process opens its own connection: a socket shared across fork is not safe.
        if self._client is None or self._client_pid != os.getpid():
            self._client = redis_client(self.config)
            self._client_pid = os.getpid()
        return self._client

    def starts(self, task_id: str) -> int:
        key = STARTS_KEY + task_id
        client = self.client()
        count = int(client.incr(key))
        client.expire(key, RESULT_KEEP_S)
        return count

    def run(self, task_id: str, message: dict[str, Any]) -> dict[str, Any]:
        begun = self.starts(task_id)
        if begun > 1:
            doc = int(message["job"]["doc"])
            log.warning("task.worker_lost", doc=doc, starts=begun)
            reason = "the worker process died while processing it"
            return result_message(failed(doc, Failure.CRASHED, reason))
        self.scratch.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="task-", dir=self.scratch))
        try:
            job, data = job_of(message, folder)
            if hashlib.sha256(data).hexdigest() != job.sha256:
                reason = "the document's bytes arrived damaged (sha256 differs)"
                return result_message(failed(job.doc, Failure.CRASHED, reason))
            Path(job.path).write_bytes(data)
            start = time.perf_counter()
            try:
                result = worker_run(self.state, job)
            except Exception as exc:  # a bug or a library error: the station decides
                result = crashed(job.doc, exc)
            log.info("task.done", doc=job.doc, seconds=round(time.perf_counter() - start, 3))
            return result_message(result)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def serve(config: AppConfig, concurrency: int, name: str, loglevel: str) -> int:
    """Run the worker until it is stopped (SIGTERM: running documents finish first)."""
    # Built once here, before the pool forks: a broken rule file or model stops the
    # worker with its own message and exit code, and every pool process starts ready.
    sized = config.model_copy(
        update={"service": config.service.model_copy(update={"workers": concurrency})}
    )
    runner = TaskRunner(config, worker_setup(sized))
    app = make_app(config)

    def process(task: Task[Any, Any], message: dict[str, Any]) -> dict[str, Any]:
        return runner.run(str(task.request.id), message)

    app.task(name=TASK, bind=True)(process)
    stop = threading.Event()
    beating = threading.Thread(
        target=_beat, args=(config, name, concurrency, stop), name="heartbeat", daemon=True
    )
    beating.start()
    worker = app.Worker(hostname=name, concurrency=concurrency, pool="prefork", loglevel=loglevel)
    try:
        worker.start()
    finally:
        stop.set()
        beating.join(timeout=2)
    return int(worker.exitcode or 0)


def _beat(config: AppConfig, name: str, concurrency: int, stop: threading.Event) -> None:
    """Tell ``semantha status`` and /metrics that this worker is alive, every few seconds."""
    import redis

    client = redis_client(config)
    started = time.time()
    while not stop.is_set():
        # Redis down: no beat; the worker's own connection logs that and retries.
        with contextlib.suppress(redis.RedisError, OSError):
            heartbeat(client, name, concurrency, started)
        stop.wait(HEARTBEAT_S)
    with contextlib.suppress(redis.RedisError, OSError):
        client.delete(WORKER_KEY + name)
