"""Celery for a shared service centre: the app's settings, the one task's message, the
broker's view for ``semantha status`` and the metrics.

Scan stations (``semantha run`` with ``service.executor: celery``) send each document
as one task to Redis; ``semantha worker`` processes on any machine run the pipeline
and store the outcome as the task's result, which the station records in its journal.

The document's bytes travel inside the task (base64 in JSON): a worker needs no share
of the stations' ``work/`` folders, and a scanned letter (0.1 to 2 MB) costs Redis
little next to the seconds its OCR takes (benchmarks/celery_throughput.py measures it).
The outputs (``dms_root``, ``review``, ``quarantine``) are written by the workers, so
their config.yaml names the same shared folders as the stations'.

Delivery is at least once and made exactly once on top:

- ``task_acks_late`` + ``task_reject_on_worker_lost``: a task is acknowledged only
  after it ran; a pool process that dies puts its task back at once.
- ``worker_prefetch_multiplier=1``: a worker reserves no more tasks than it runs.
- ``visibility_timeout`` longer than ``document_timeout_s`` (a task that is still
  running is never handed out twice), and kombu's restore sweep every second, so a
  whole worker machine that is gone gives its tasks back a second after that timeout.
- Delivery recognises bytes it already delivered (sha256 at the route's target), and
  the station records only the first result of a document: a task run twice changes
  nothing.
"""

from __future__ import annotations

import base64
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from semantha.config import AppConfig
from semantha.service.executor import Job, JobResult
from semantha.service.journal import Failure, Result, State, Written

if TYPE_CHECKING:
    import redis
    from celery import Celery

TASK = "semantha.process"
QUEUE = "semantha"
# Beyond document_timeout_s: the worker's time to end a task at the limit and store it.
VISIBILITY_MARGIN_S = 10.0
RESULT_KEEP_S = 24 * 3600  # read within a second by the running station; a restarted one sends anew
WORKER_KEY = "semantha:worker:"  # + hostname: a live worker's heartbeat
HEARTBEAT_S = 5.0
HEARTBEAT_TTL_S = 3 * HEARTBEAT_S
STARTS_KEY = "semantha:starts:"  # + task id: how often a worker began this task
CONNECT_TIMEOUT_S = 5.0


def make_app(config: AppConfig) -> Celery:
    """The Celery app of stations and workers alike, on ``service.broker_url``."""
    from celery import Celery

    settings = config.service
    visibility = settings.document_timeout_s + VISIBILITY_MARGIN_S
    app = Celery("semantha", broker=settings.broker_url, backend=settings.broker_url)
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_default_queue=QUEUE,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_time_limit=settings.document_timeout_s,
        worker_max_tasks_per_child=settings.worker_max_documents,
        broker_transport_options={
            "visibility_timeout": visibility,
            "unacked_restore_interval": 1,
            "unacked_restore_throttle": 1,
            "socket_connect_timeout": CONNECT_TIMEOUT_S,
        },
        broker_connection_retry_on_startup=True,
        # A worker that finished while Redis was down keeps its result until Redis is
        # back (it acknowledges the task only afterwards): no outcome is lost.
        result_backend_always_retry=True,
        result_expires=RESULT_KEEP_S,
        redis_socket_connect_timeout=CONNECT_TIMEOUT_S,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
    )
    return app


def redis_client(config: AppConfig) -> redis.Redis:
    import redis

    return redis.Redis.from_url(config.service.broker_url, socket_connect_timeout=CONNECT_TIMEOUT_S)


# -- the task's message ---------------------------------------------------------------------


def job_message(job: Job, data: bytes) -> dict[str, Any]:
    """What a station sends: the job (its file's name, not the station's path) and bytes."""
    fields = asdict(job)
    fields["path"] = Path(job.path).name
    return {"job": fields, "data": base64.b64encode(data).decode("ascii")}


def job_of(message: dict[str, Any], folder: Path) -> tuple[Job, bytes]:
    """The job as a worker runs it, its file to be written into ``folder``."""
    fields = dict(message["job"])
    fields["path"] = str(folder / Path(fields["path"]).name)
    return Job(**fields), base64.b64decode(message["data"])


def result_message(result: JobResult) -> dict[str, Any]:
    return asdict(result)


def result_of(message: dict[str, Any]) -> JobResult:
    outcome = dict(message["outcome"])
    outcome["state"] = State(outcome["state"])
    outcome["destinations"] = tuple(outcome["destinations"])
    outcome["written"] = tuple(Written(**w) for w in outcome["written"])
    failure = message["failure"]
    return JobResult(
        message["doc"], Result(**outcome), None if failure is None else Failure(failure)
    )


# -- what the broker shows ----------------------------------------------------------------


@dataclass(frozen=True)
class BrokerView:
    """The queue in Redis and the workers alive, for ``semantha status`` and /metrics."""

    broker: str  # host:port/db, never a password
    reachable: bool
    queued: int = 0  # tasks waiting for a worker
    unacked: int = 0  # tasks a worker has taken and not yet finished
    workers: tuple[dict[str, Any], ...] = ()


def broker_name(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or ''}:{parts.port or 6379}{parts.path or '/0'}"


def broker_view(config: AppConfig) -> BrokerView:
    import redis

    name = broker_name(config.service.broker_url)
    client = redis_client(config)
    try:
        queued = int(client.llen(QUEUE))
        unacked = int(client.hlen("unacked"))
        keys = list(client.scan_iter(match=f"{WORKER_KEY}*", count=1000))
        beats = [v for v in client.mget(keys) if v is not None] if keys else []
    except (redis.RedisError, OSError):
        return BrokerView(name, reachable=False)
    finally:
        client.close()
    workers = sorted((json.loads(beat) for beat in beats), key=lambda w: str(w["hostname"]))
    return BrokerView(name, True, queued, unacked, tuple(workers))


def heartbeat(client: redis.Redis, hostname: str, concurrency: int, started_at: float) -> None:
    """One beat of a live worker; it expires unless renewed within ``HEARTBEAT_TTL_S``."""
    beat = {
        "hostname": hostname,
        "concurrency": concurrency,
        "started_at": started_at,
        "seen_at": time.time(),
    }
    client.set(WORKER_KEY + hostname, json.dumps(beat), ex=int(HEARTBEAT_TTL_S))
