"""``semantha worker``: a Celery worker of a shared service centre that runs the pipeline."""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import threading
import time
from typing import TYPE_CHECKING, Any

from semantha.cli.common import load_and_log
from semantha.config import AppConfig

if TYPE_CHECKING:
    from celery import Task


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    worker = subparsers.add_parser(
        "worker",
        help="run documents sent by scan stations with service.executor: celery",
    )
    worker.add_argument(
        "--concurrency",
        type=int,
        default=0,
        help="documents processed at once (default: one per core)",
    )
    worker.add_argument(
        "--name",
        default="",
        help="this worker's name in `semantha status` (default: semantha-<pid>@<host>)",
    )
    worker.set_defaults(handler=run_worker)


def run_worker(args: argparse.Namespace) -> int:
    from semantha.service.celery_app import TASK, make_app
    from semantha.service.celery_task import TaskRunner
    from semantha.service.worker import worker_setup

    config = load_and_log(args)
    concurrency = args.concurrency or os.cpu_count() or 1
    name = args.name or f"semantha-{os.getpid()}@{socket.gethostname()}"
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
    worker = app.Worker(
        hostname=name,
        concurrency=concurrency,
        pool="prefork",
        loglevel="DEBUG" if args.verbose else config.logging.level,
    )
    try:
        worker.start()
    finally:
        stop.set()
        beating.join(timeout=2)
    return int(worker.exitcode or 0)


def _beat(config: AppConfig, name: str, concurrency: int, stop: threading.Event) -> None:
    """Tell ``semantha status`` and /metrics that this worker is alive, every few seconds."""
    import redis

    from semantha.service.celery_app import HEARTBEAT_S, WORKER_KEY, heartbeat, redis_client

    client = redis_client(config)
    started = time.time()
    while not stop.is_set():
        # Redis down: no beat; the worker's own connection logs that and retries.
        with contextlib.suppress(redis.RedisError, OSError):
            heartbeat(client, name, concurrency, started)
        stop.wait(HEARTBEAT_S)
    with contextlib.suppress(redis.RedisError, OSError):
        client.delete(WORKER_KEY + name)
