"""Commands on single documents and the environment: process, explain, check."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from semantha.cli.common import load_and_log

if TYPE_CHECKING:
    from semantha.config import AppConfig
    from semantha.records import Outcome, Plan


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    process = subparsers.add_parser(
        "process", help="run the pipeline on files and show where each one went"
    )
    process.add_argument("files", nargs="+", type=Path, metavar="FILE")
    process.add_argument("--json", action="store_true", help="one JSON object per document")
    process.add_argument("--text", action="store_true", help="add the recognised text per page")
    process.add_argument(
        "--dry-run", action="store_true", help="decide and plan, but deliver nothing"
    )
    process.set_defaults(handler=run_process)

    explain = subparsers.add_parser("explain", help="show why a document goes where it goes")
    explain.add_argument("file", type=Path, metavar="FILE")
    explain.add_argument("--json", action="store_true", help="the trace as JSON")
    explain.add_argument(
        "--stack",
        choices=("sheet", "barcode", "auto"),
        help="FILE is a scanned stack: show where it is cut, then each document's trace",
    )
    explain.set_defaults(handler=run_explain)

    check = subparsers.add_parser(
        "check", help="check tesseract, poppler, folders, rules and model before running"
    )
    check.set_defaults(handler=run_check)


def planned(plan: Plan | None) -> str | None:
    """What the routes decided: "review" when a person is to decide, else "delivered"."""
    if plan is None:
        return None
    if not plan.actions or any(a.kind == "review" for a in plan.actions):
        return "review"
    return "delivered"


def outcome_json(outcome: Outcome, with_text: bool, review: Path) -> dict[str, Any]:
    """The ``process --json`` line (docs/architecture.md §6); ``review`` is the review
    folder, where a dry run's review action would put the document."""
    decision, document = outcome.decision, outcome.document
    if outcome.status == "dry_run" and outcome.plan is not None:
        destinations = [
            str(review / a.target) if a.kind == "review" else a.target for a in outcome.plan.actions
        ]
    else:
        destinations = [str(d.destination) for d in outcome.deliveries if d.destination]
    row: dict[str, Any] = {
        "file": str(outcome.source),
        "sha256": outcome.doc_id,
        "pages": len(document.pages) if document else 0,
        "department": decision.department if decision else None,
        "doctype": decision.doctype if decision else None,
        "confidence": round(decision.confidence, 4) if decision else 0.0,
        "method": decision.method if decision else "none",
        "status": outcome.status,
        "destinations": destinations,
        "fields": dict(document.fields) if document else {},
        "reason": outcome.error or (decision.trace.reason if decision else ""),
        "planned": planned(outcome.plan),
    }
    if with_text:
        row["text"] = [p.full_text for p in document.pages] if document else []
    return row


def _print_table(rows: Iterable[dict[str, Any]]) -> None:
    header = ("file", "department", "doctype", "conf", "status", "destination")
    lines = [header]
    for row in rows:
        destination = row["destinations"][0] if row["destinations"] else row["reason"]
        lines.append(
            (
                Path(row["file"]).name,
                row["department"] or "-",
                row["doctype"] or "-",
                f"{row['confidence']:.2f}",
                row["status"],
                str(destination),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    for line in lines:
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=False)]
        print("  ".join([*cells, line[-1]]))


def run_process(args: argparse.Namespace) -> int:
    from semantha.cli.logsetup import configure_logging
    from semantha.service.batch import process_all, readers_for

    config = load_and_log(args)
    files = []
    for path in args.files:
        if path.is_file():
            files.append(path)
        else:
            print(f"semantha: {path}: no such file", file=sys.stderr)
    # Readers log as this process does (load_and_log): the same file, warnings on the console.
    verbose = getattr(args, "verbose", False)
    level = "DEBUG" if verbose else config.logging.level
    log_setup = partial(
        configure_logging, config.logging.file, level, "DEBUG" if verbose else "WARNING"
    )
    row = partial(outcome_json, with_text=args.text, review=config.paths.review)
    rows = []
    for line in process_all(
        files,
        config,
        row,
        readers_for(len(files)),
        dry_run=args.dry_run,
        full_text=args.text,
        log_setup=log_setup,
    ):
        if args.json:
            print(json.dumps(line, ensure_ascii=False), flush=True)
        rows.append(line)
    if not args.json:
        _print_table(rows)
    return 0 if len(rows) == len(args.files) else 1


def run_explain(args: argparse.Namespace) -> int:
    from semantha.explain import explanation, render_explanation
    from semantha.pipeline import process_file
    from semantha.service.worker import build_context

    config = load_and_log(args)
    if args.stack is not None:
        return _explain_stack(args, config)
    outcome = process_file(args.file, build_context(config), dry_run=True)
    report = explanation(outcome, config)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(render_explanation(report))
    return 0


def _explain_stack(args: argparse.Namespace, config: AppConfig) -> int:
    from semantha.explain import explanation, render_explanation
    from semantha.service import stacks
    from semantha.service.worker import build_context

    cut, outcomes = stacks.explain(args.file, args.stack, build_context(config))
    reports = [explanation(outcome, config) for outcome in outcomes]
    summary = {
        "documents": [[p.first, p.last] for p in cut.parts],
        "dropped": list(cut.dropped),
        "unsure": list(cut.unsure),
        "certain": cut.certain,
    }
    if args.json:
        print(json.dumps({"stack": summary, "explanations": reports}, ensure_ascii=False, indent=2))
        return 0
    state = "sicher" if cut.certain else stacks.unsure_reason(cut)
    print(f"Stapel: {cut.describe()}; Trennblätter/Rückseiten: {list(cut.dropped)}; {state}")
    for part, report in zip(cut.parts, reports, strict=True):
        print(f"\n=== Seiten {part.first}-{part.last} ===")
        print(render_explanation(report))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from semantha.service.checks import run_checks

    config = load_and_log(args)
    worst = 0
    for check in run_checks(config):
        mark = "ok  " if check.ok else "FAIL"
        print(f"[{mark}] {check.name}: {check.detail}")
        if not check.ok:
            print(f"       what to do: {check.hint}")
            worst = max(worst, check.exit_code)
    return worst
