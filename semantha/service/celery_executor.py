"""The station's side of Celery: the ``Executor`` that hands documents to the broker.

Documents stay safe in the station's ``work/`` with their journal rows while they are
out; this executor only sends them and waits for their results. When Redis cannot be
reached, jobs wait here (the journal keeps them ``processing``) and are sent once it
answers again; the watcher goes on taking files in meanwhile. When Redis comes back
empty (restarted without its data: the station's marker key is gone), every document
still out is sent anew: a task that survived after all only runs twice, and the first
result recorded wins (delivery recognises its own bytes).
"""

from __future__ import annotations

import contextlib
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import structlog

from semantha.config import AppConfig
from semantha.service.celery_app import (
    QUEUE,
    RESULT_KEEP_S,
    TASK,
    broker_name,
    job_message,
    make_app,
    redis_client,
    result_of,
)
from semantha.service.executor import Job, JobResult, failed
from semantha.service.journal import Failure

if TYPE_CHECKING:
    import redis
    from redis.client import PubSub

log = structlog.get_logger(__name__)

MARKER_KEY = "semantha:station:"  # + this run's id: present while Redis kept its data
CHECK_EVERY_S = 1.0


def _broker_errors() -> tuple[type[BaseException], ...]:
    import redis
    from kombu.exceptions import OperationalError

    return (redis.RedisError, OperationalError, OSError)


class CeleryExecutor:
    """Up to ``service.workers`` documents of this station out at the broker at once."""

    def __init__(self, config: AppConfig) -> None:
        self._config = config
        self._limit = config.service.workers
        self._app = make_app(config)
        self._redis: redis.Redis = redis_client(config)
        self._pubsub: PubSub | None = None
        self._errors = _broker_errors()
        self._marker = MARKER_KEY + uuid.uuid4().hex
        self._out: dict[str, Job] = {}  # task id -> job sent
        self._unsent: list[Job] = []
        self._results: list[JobResult] = []  # results for jobs that could not be sent
        self._reachable = True
        self._checked = 0.0

    # -- Executor --------------------------------------------------------------------------

    def start(self) -> None:
        """Nothing to start here: the workers run elsewhere. An unreachable broker is
        logged; the station takes files in and sends them once it answers."""
        self._check_broker()
        log.info("celery.station", broker=broker_name(self._config.service.broker_url))

    def free(self) -> int:
        return self._limit - len(self.running())

    def running(self) -> list[Job]:
        return [*self._out.values(), *self._unsent]

    def submit(self, job: Job) -> None:
        self._unsent.append(job)
        self._send()

    def collect(self, timeout: float) -> list[JobResult]:
        deadline = time.monotonic() + timeout
        self._check_broker()
        self._send()
        results = self._take_results()
        while not results and time.monotonic() < deadline:
            self._wait(deadline - time.monotonic())
            self._check_broker()
            self._send()
            results = self._take_results()
        return results

    def shutdown(self, grace_s: float) -> list[JobResult]:
        """Wait ``grace_s`` for the documents out. The rest stay ``processing`` in the
        journal and are sent anew at the next start; a task of theirs still in Redis may
        run as well, unread, and its delivery is recognised as already done."""
        results: list[JobResult] = []
        end = time.monotonic() + grace_s
        while self.running() and time.monotonic() < end:
            results.extend(self.collect(min(1.0, max(0.0, end - time.monotonic()))))
        for job in self.running():
            log.warning("celery.abandoned", doc=job.doc)
        self._out.clear()
        self._unsent.clear()
        self._close_pubsub()
        self._redis.close()
        return results

    # -- the broker ------------------------------------------------------------------------

    def _check_broker(self) -> None:
        """About once a second: is Redis there, and does it still hold our marker?"""
        now = time.monotonic()
        if now - self._checked < CHECK_EVERY_S:
            return
        self._checked = now
        try:
            kept = bool(self._redis.exists(self._marker))
            self._redis.set(self._marker, "1", ex=RESULT_KEEP_S)
        except self._errors as exc:
            self._unreachable(exc)
            return
        if not self._reachable:
            log.info("celery.broker_back", out=len(self._out), unsent=len(self._unsent))
            self._reachable = True
        if self._out and not kept:
            log.warning("celery.broker_lost_tasks", documents=len(self._out))
            self._unsent.extend(self._out.values())
            self._out.clear()
            self._close_pubsub()

    def _unreachable(self, exc: BaseException) -> None:
        if self._reachable:
            log.error(
                "celery.broker_unreachable",
                broker=broker_name(self._config.service.broker_url),
                error=type(exc).__name__,
                waiting=len(self.running()),
            )
        self._reachable = False
        self._close_pubsub()

    def _subscriber(self) -> PubSub:
        """Results are published on their key's channel as they are stored: a station
        wakes up when one arrives instead of polling every task."""
        if self._pubsub is None:
            self._pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
            channels = [self._key(task_id) for task_id in self._out]
            if channels:
                self._pubsub.subscribe(*channels)
        return self._pubsub

    def _close_pubsub(self) -> None:
        if self._pubsub is not None:
            with contextlib.suppress(*self._errors):
                self._pubsub.close()
            self._pubsub = None

    def _key(self, task_id: str) -> str:
        return str(self._app.backend.get_key_for_task(task_id).decode())

    def _send(self) -> None:
        if not self._reachable:
            return
        while self._unsent:
            job = self._unsent[0]
            try:
                data = Path(job.path).read_bytes()
            except OSError as exc:
                self._unsent.pop(0)
                reason = f"cannot read the document in work/: {type(exc).__name__}"
                self._results.append(failed(job.doc, Failure.CRASHED, reason))
                continue
            task_id = uuid.uuid4().hex
            try:
                # Subscribed before it is sent, so its result cannot slip by.
                self._subscriber().subscribe(self._key(task_id))
                self._app.send_task(
                    TASK, args=[job_message(job, data)], task_id=task_id, queue=QUEUE, retry=False
                )
            except self._errors as exc:
                self._unreachable(exc)
                return
            self._unsent.pop(0)
            self._out[task_id] = job
            log.debug("celery.sent", doc=job.doc, task=task_id)

    def _wait(self, seconds: float) -> None:
        if not self._reachable or not self._out:
            time.sleep(max(0.0, min(seconds, CHECK_EVERY_S)))
            return
        try:
            self._subscriber().get_message(timeout=max(0.0, min(seconds, CHECK_EVERY_S)))
        except self._errors as exc:
            self._unreachable(exc)

    def _take_results(self) -> list[JobResult]:
        results, self._results = self._results, []
        if not self._out or not self._reachable:
            return results
        ids = list(self._out)
        try:
            stored = self._redis.mget([self._key(task_id) for task_id in ids])
        except self._errors as exc:
            self._unreachable(exc)
            return results
        for task_id, value in zip(ids, stored, strict=True):
            if value is None:
                continue
            job = self._out.pop(task_id)
            results.append(self._result(job, self._app.backend.decode_result(value)))
            if self._pubsub is not None:
                try:
                    self._pubsub.unsubscribe(self._key(task_id))  # type: ignore[no-untyped-call]
                except self._errors as exc:
                    self._unreachable(exc)
        return results

    def _result(self, job: Job, meta: dict[str, Any]) -> JobResult:
        """A task's stored result; a task that raised (time limit, a bug) is a failure."""
        if meta["status"] == "SUCCESS":
            result = result_of(meta["result"])
            if result.doc == job.doc:
                return result
            return failed(job.doc, Failure.CRASHED, "a result for another document arrived")
        error = meta["result"]
        if type(error).__name__ == "TimeLimitExceeded":
            limit = self._config.service.document_timeout_s
            return failed(job.doc, Failure.TIMEOUT, f"took longer than {limit:g} s")
        return failed(job.doc, Failure.CRASHED, f"{type(error).__name__}: {error}")
