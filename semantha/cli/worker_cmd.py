"""``semantha worker``: a Celery worker of a shared service centre that runs the pipeline."""

from __future__ import annotations

import argparse
import os
import socket

from semantha.cli.common import load_and_log


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
    from semantha.service.celery_worker import serve

    config = load_and_log(args)
    concurrency = args.concurrency or os.cpu_count() or 1
    name = args.name or f"semantha-{os.getpid()}@{socket.gethostname()}"
    return serve(config, concurrency, name, "DEBUG" if args.verbose else config.logging.level)
