"""The task a ``semantha worker`` runs: one document's bytes through the pipeline.

The worker's main process builds the ``WorkerState`` once (rules, classifier); Celery's
prefork pool forks its processes from it, so each starts ready. A task that was
begun before (``STARTS_KEY`` counts it in Redis) was handed out again because the
process running it died: it comes back to the station as a ``crashed`` attempt, not
run again here, and the station's ``processing_attempts`` quarantines a document that
kills its worker twice, as with local workers.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import structlog

from semantha.config import AppConfig
from semantha.service.celery_app import (
    RESULT_KEEP_S,
    STARTS_KEY,
    job_of,
    redis_client,
    result_message,
)
from semantha.service.executor import crashed, failed
from semantha.service.journal import Failure
from semantha.service.worker import WorkerState, worker_run

if TYPE_CHECKING:
    import redis

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
        import os

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
