"""The audit log: ``audit verify`` checks its hash chain."""

from __future__ import annotations

import argparse
import re
import sys

from semantha.cli.common import load_and_log

HEAD = re.compile(r"^(?P<lines>[0-9]+):(?P<sha256>[0-9a-f]{64})$")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("audit", help="the audit log (work/audit.jsonl)")
    sub = group.add_subparsers(dest="audit_command", required=True, metavar="COMMAND")
    verify = sub.add_parser(
        "verify",
        help="check the hash chain of the audit log: exit 0 when intact, 1 naming the first "
        "bad line",
    )
    verify.add_argument(
        "--head",
        type=_head,
        metavar="LINES:SHA256",
        help="a head printed by an earlier verify, kept elsewhere: the log must still hold "
        "that line unchanged (catches a changed last line and lines cut off the end)",
    )
    verify.set_defaults(handler=run_verify)


def _head(text: str) -> tuple[int, str]:
    match = HEAD.match(text.strip().lower())
    if not match:
        raise argparse.ArgumentTypeError(
            "give the head as LINES:SHA256, as `audit verify` prints it"
        )
    return int(match["lines"]), match["sha256"]


def run_verify(args: argparse.Namespace) -> int:
    from semantha.service import audit

    config = load_and_log(args)
    path = audit.audit_path(config.paths.work)
    kept = audit.Head(*args.head) if args.head else None
    verdict = audit.verify(path, kept)
    if not verdict.intact:
        print(f"semantha: audit log {path}: {verdict.reason}", file=sys.stderr)
        print(
            f"semantha: the chain is whole up to line {verdict.head.lines} "
            f"(head {verdict.head.lines}:{verdict.head.sha256})",
            file=sys.stderr,
        )
        return 1
    print(f"audit log {path}: intact, {verdict.head.lines} lines")
    print(f"head {verdict.head.lines}:{verdict.head.sha256}")
    return 0
