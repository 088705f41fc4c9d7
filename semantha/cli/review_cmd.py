"""``semantha review list|resolve``: the review queue from the command line.

review list [--json]                 documents waiting for a person, oldest first
review resolve ID [--department D|none] [--doctype T] [--field K=V]... [--user NAME]
                                     a person's decision; without --department and
                                     --doctype it approves Semantha's proposal (which
                                     may be: for no office)
"""

from __future__ import annotations

import argparse
import getpass
import json
from typing import TYPE_CHECKING

from semantha.cli.common import load_and_log
from semantha.errors import InputError

if TYPE_CHECKING:
    from semantha.service.review import ReviewItem

NO_OFFICE = "none"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    review = subparsers.add_parser("review", help="documents waiting for a person, and decisions")
    commands = review.add_subparsers(dest="review_command", required=True, metavar="COMMAND")

    listing = commands.add_parser("list", help="documents waiting for a person, oldest first")
    listing.add_argument("--json", action="store_true", help="one JSON object per document")
    listing.set_defaults(handler=run_list)

    resolve = commands.add_parser(
        "resolve",
        help="decide a document: deliver it through the routes, or archive it for no office",
    )
    resolve.add_argument("id", metavar="ID", help="review id, sha256 (or 12+ digits) or file")
    resolve.add_argument(
        "--department",
        metavar="D",
        help="the office's id from rules/departments.yaml, or 'none' for no office "
        "(default: what Semantha proposed)",
    )
    resolve.add_argument(
        "--doctype", metavar="T", help="the document type (default: what Semantha proposed)"
    )
    resolve.add_argument(
        "--field",
        metavar="K=V",
        action="append",
        default=[],
        help="a corrected field, e.g. aktenzeichen=63-602/2025, date=2025-11-12, subject=...; "
        "repeatable; an empty value removes the field",
    )
    resolve.add_argument("--user", help="who decides (default: the login name)")
    resolve.set_defaults(handler=run_resolve)

    split = commands.add_parser(
        "split",
        help="cut a scanned stack waiting in review into its documents",
        description=(
            "The documents of a stack as page ranges, every page once and in order; "
            "the service then reads, decides and delivers each of them."
        ),
    )
    split.add_argument("id", metavar="ID", help="review id, sha256 (or 12+ digits) or file")
    split.add_argument("--pages", required=True, metavar="RANGES", help="e.g. 1-2,3,4-6")
    split.add_argument("--user", help="who decides (default: the login name)")
    split.set_defaults(handler=run_split)


def run_split(args: argparse.Namespace) -> int:
    from semantha.service.stackreview import split_in_review

    cut = split_in_review(load_and_log(args), args.id, args.pages, args.user or getpass.getuser())
    print(
        f"{cut.stack.id}: {len(cut.documents)} documents for the service; stack -> {cut.archived}"
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    from semantha.service.review import ReviewQueue

    items = ReviewQueue(load_and_log(args)).items()
    if args.json:
        for item in items:
            print(json.dumps(item.as_json(), ensure_ascii=False))
        return 0
    _print_table(items)
    return 0


def _print_table(items: list[ReviewItem]) -> None:
    if not items:
        print("no documents waiting for review")
        return
    header = ("id", "dept", "doctype", "conf", "returned", "waiting since", "reason")
    rows = [header] + [
        (
            item.id,
            item.department or "-",
            item.doctype or "-",
            f"{item.confidence:.2f}",
            item.returned_by or "-",
            item.queued_at.isoformat(timespec="minutes"),
            item.reason,
        )
        for item in items
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    for row in rows:
        print("  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]]))


def parse_fields(pairs: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals:
            raise InputError(f"--field {pair!r} has no '='", "write it as NAME=VALUE")
        fields[name.strip()] = value
    return fields


def run_resolve(args: argparse.Namespace) -> int:
    from semantha.service.review import ReviewQueue
    from semantha.service.worker import build_context

    config = load_and_log(args)
    queue = ReviewQueue(config)
    item = queue.find(args.id)
    if args.department is None and item.department is None and not item.proposes_no_office:
        raise InputError(
            f"Semantha could not decide an office for {item.id}",
            "give --department with an office's id, or --department none for no office",
        )
    department = item.department if args.department is None else args.department
    department = None if department == NO_OFFICE else department
    doctype = item.doctype if args.doctype is None else args.doctype
    # A person's decision needs the rules and routes, not the classifier.
    classify = config.classify.model_copy(update={"mode": "rules-only"})
    ctx = build_context(config.model_copy(update={"classify": classify}))
    resolution = queue.resolve(
        args.id,
        department=department,
        doctype=doctype,
        fields=parse_fields(args.field),
        user=args.user or getpass.getuser(),
        ctx=ctx,
    )
    where = ", ".join(str(d) for d in resolution.destinations)
    office = resolution.department or "no office"
    print(f"{item.id}: {office}, {resolution.doctype or '-'} -> {where}")
    return 0
