"""The service commands: run (until stopped, or --once) and status (from the journal)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from semantha.cli.common import load_and_log
from semantha.cli.logsetup import configure_logging
from semantha.config import AppConfig, config_path, load_config
from semantha.service import journal
from semantha.service.journal import State


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = subparsers.add_parser("run", help="watch the inbox and process documents until stopped")
    run.add_argument(
        "--once",
        action="store_true",
        help="process everything in the inbox, print a summary line, then exit",
    )
    run.set_defaults(handler=run_service)

    status = subparsers.add_parser("status", help="documents per state, queue depth, last errors")
    status.add_argument("--json", action="store_true", help="one JSON object (with documents)")
    status.add_argument(
        "--documents", action="store_true", help="also list documents, newest first"
    )
    status.add_argument(
        "--limit", type=int, default=50, help="how many documents to list (0: all; default 50)"
    )
    status.set_defaults(handler=run_status)


def run_service(args: argparse.Namespace) -> int:
    from semantha.errors import DeliveryError
    from semantha.service.loop import create_service, stop_on_signals

    config = load_config(config_path(args.config))
    level = "DEBUG" if args.verbose else config.logging.level
    # --once prints only its summary line; the log file still gets everything.
    console = "DEBUG" if args.verbose else (None if args.once else level)
    configure_logging(config.logging.file, level, console_level=console)
    log_setup = partial(configure_logging, config.logging.file, level, console_level=console)
    service = create_service(config, log_setup=log_setup)
    with stop_on_signals(service):
        summary = service.run(once=args.once)
    if args.once:
        counts = summary.counts
        print(
            f"{summary.total} documents: {counts.get(State.DELIVERED, 0)} delivered, "
            f"{counts.get(State.REVIEW, 0)} review, "
            f"{counts.get(State.QUARANTINED, 0)} quarantined, "
            f"{counts.get(State.SKIPPED, 0)} skipped duplicates; "
            f"{summary.waiting} waiting for a retry"
        )
        # Documents left waiting are safe in work/; the exit code tells a script to look.
        return DeliveryError.exit_code if summary.waiting else 0
    return 0


def _iso(stamp: float | None) -> str | None:
    return (
        None if stamp is None else datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds")
    )


def run_status(args: argparse.Namespace) -> int:
    config = load_and_log(args)
    path = journal.journal_path(config)
    if not path.exists():
        report = _report(journal.Summary(dict.fromkeys(State, 0), 0, None, ()), [], [])
    else:
        db = journal.Journal(path, readonly=True)
        try:
            wanted = args.json or args.documents
            rows = db.documents(args.limit or None) if wanted else []
            report = _report(db.summary(), rows, db.ignored())
        finally:
            db.close()
    if config.service.executor == "celery":
        report["broker"] = _broker(config)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_text(report, args.documents)
    return 0


def _broker(config: AppConfig) -> dict[str, Any]:
    """The shared queue in Redis and the workers alive (``service.executor: celery``)."""
    from dataclasses import asdict

    from semantha.service.celery_app import broker_view

    view = asdict(broker_view(config))
    for worker in view["workers"]:
        worker["started_at"] = _iso(worker["started_at"])
        worker["seen_at"] = _iso(worker["seen_at"])
    return view


def _report(
    summary: journal.Summary,
    rows: list[journal.Entry],
    ignored: list[tuple[str, str, str, float]],
) -> dict[str, Any]:
    now = datetime.now(UTC).timestamp()
    oldest = summary.oldest_waiting_at
    return {
        "counts": summary.counts,
        "queue_depth": summary.queue_depth,
        "oldest_waiting": _iso(oldest),
        "oldest_waiting_s": None if oldest is None else round(now - oldest, 1),
        "last_errors": [
            {
                "id": e.id,
                "sha256": e.sha256,
                "state": e.state,
                "error": e.last_error,
                "at": _iso(e.updated_at),
            }
            for e in summary.last_errors
        ],
        "ignored": [
            {"folder": folder, "file": file, "kind": kind, "since": _iso(since)}
            for folder, file, kind, since in ignored
        ],
        "documents": [_document(e) for e in rows],
    }


def _document(entry: journal.Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "file": entry.source,
        "source_folder": entry.source_folder,
        "sha256": entry.sha256,
        "state": entry.state,
        "department": entry.department,
        "doctype": entry.doctype,
        "confidence": entry.confidence,
        "method": entry.method,
        "destinations": list(entry.destinations),
        "attempts": entry.attempts,
        "error": entry.last_error,
        "next_attempt_at": _iso(entry.next_attempt_at) if entry.state is State.RETRYING else None,
        "duplicate_of": entry.duplicate_of,
        "archived": entry.archive_path or None,
        "received_at": _iso(entry.received_at),
        "updated_at": _iso(entry.updated_at),
    }


def _print_text(report: dict[str, Any], documents: bool) -> None:
    out = sys.stdout
    counts = ", ".join(f"{state} {n}" for state, n in report["counts"].items())
    print(f"documents: {counts}", file=out)
    waiting = report["oldest_waiting"]
    since = (
        f" (oldest waiting since {waiting}, {report['oldest_waiting_s']:.0f} s)" if waiting else ""
    )
    print(f"queue depth: {report['queue_depth']}{since}", file=out)
    if "broker" in report:
        _print_broker(report["broker"])
    if report["last_errors"]:
        print("last errors:", file=out)
        for e in report["last_errors"]:
            print(f"  #{e['id']} {e['state']} {e['at']}: {e['error']}", file=out)
    if report["ignored"]:
        print("ignored (never taken; remove or replace with the real file):", file=out)
        for i in report["ignored"]:
            print(f"  {i['folder']}/{i['file']} ({i['kind']}, since {i['since']})", file=out)
    if documents:
        _print_documents(report["documents"])


def _print_broker(broker: dict[str, Any]) -> None:
    if not broker["reachable"]:
        print(f"broker {broker['broker']}: unreachable", file=sys.stdout)
        return
    workers = broker["workers"]
    print(
        f"broker {broker['broker']}: {broker['queued']} queued, {broker['unacked']} running;"
        f" workers alive: {len(workers)}",
        file=sys.stdout,
    )
    for worker in workers:
        print(
            f"  {worker['hostname']}: pool processes {worker['concurrency']}, since"
            f" {worker['started_at']}",
            file=sys.stdout,
        )


def _shown_path(path: str) -> str:
    """A destination relative to the working folder when it lies below it (shorter tables)."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def _inbox_name(document: dict[str, Any]) -> str:
    """The file as the scan station named it: inbox subfolder (the source) and name."""
    return str(Path(document["source_folder"] or "", Path(document["file"]).name))


def _print_documents(documents: list[dict[str, Any]]) -> None:
    width = max([len(_inbox_name(d)) for d in documents] + [4])
    print(f"{'file':<{width}}  {'dept':<5} {'doctype':<18} {'conf':>5}  {'state':<16} destination")
    for d in documents:
        conf = "" if d["confidence"] is None else f"{d['confidence']:.2f}"
        shown = " + ".join(_shown_path(path) for path in d["destinations"])
        print(
            f"{_inbox_name(d):<{width}}  {d['department'] or '-':<5} "
            f"{d['doctype'] or '-':<18} {conf:>5}  {d['state']:<16} {shown or d['error'] or ''}"
        )
