"""Command line: the only layer that prints, sets up logging and turns errors into exit codes.

Each command group lives in its own module with ``register(subparsers)``; a command
handler takes the parsed arguments and returns an exit code. Handlers import heavy
libraries (OpenCV, scikit-learn) inside the function so that ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from semantha import __version__
from semantha.cli import (
    audit_cmd,
    documents,
    gui_cmd,
    model_cmd,
    review_cmd,
    rules_cmd,
    samples_cmd,
    service_cmd,
    stacks_cmd,
    station_cmd,
    worker_cmd,
)
from semantha.errors import SemanthaError
from semantha.service.memory import tune_allocator

COMMAND_MODULES = (
    service_cmd,
    documents,
    review_cmd,
    rules_cmd,
    model_cmd,
    samples_cmd,
    gui_cmd,
    stacks_cmd,
    station_cmd,
    worker_cmd,
    audit_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="semantha",
        description="Reads scanned mail, decides which office it is for, and delivers it.",
    )
    parser.add_argument("--version", action="version", version=f"semantha {__version__}")
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="config.yaml to use (default: $SEMANTHA_CONFIG or ./config.yaml)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG on the console")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    tune_allocator()
    try:
        code: int = args.handler(args)
    except SemanthaError as exc:
        print(f"semantha: error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"semantha: what to do: {exc.hint}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("semantha: interrupted", file=sys.stderr)
        return 130
    return code
