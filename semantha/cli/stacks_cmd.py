"""``semantha separator-sheet`` and ``semantha shred-list``: batch scanning."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path

from semantha.cli.common import load_and_log
from semantha.errors import InputError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's commands to the parser."""
    sheet = subparsers.add_parser(
        "separator-sheet",
        help="a printable separator sheet for scanning stacks",
        description=(
            "Writes an A4 PDF with a QR code, a bar code and a large TRENNBLATT. Put one "
            "between the documents of a stack scanned into a folder with separation: sheet; "
            "with --department the documents after it go to that office."
        ),
    )
    sheet.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF")
    sheet.add_argument("--department", metavar="D", help="office id from rules/departments.yaml")
    sheet.set_defaults(handler=run_separator_sheet)

    shred = subparsers.add_parser(
        "shred-list",
        help="the stacks scanned on a day whose every document is delivered or resolved",
        description=(
            "A CSV of the stacks taken in on DATE (local day) whose paper may be destroyed: "
            "every document delivered or decided by a person, none in review, quarantine "
            "or waiting for a retry. A file that was not cut is a stack of one."
        ),
    )
    shred.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the day scanned")
    shred.add_argument("--json", action="store_true", help="one JSON object per stack")
    shred.set_defaults(handler=run_shred_list)


def run_separator_sheet(args: argparse.Namespace) -> int:
    from semantha.rulefiles.store import load_ruleset
    from semantha.tools.separatorsheet import render

    office_name = ""
    if args.department is not None:
        rules = load_ruleset(load_and_log(args).rules_dir)
        office = rules.department(args.department)
        if office is None:
            raise InputError(
                f"no office {args.department!r} in rules/departments.yaml",
                f"use one of: {', '.join(rules.department_ids)}",
            )
        office_name = office.name
    text = render(args.out, args.department, office_name)
    print(f"{args.out}: separator sheet, codes read {text}")
    return 0


def run_shred_list(args: argparse.Namespace) -> int:
    from semantha.service.shredlist import FIELDS, released

    try:
        day = date.fromisoformat(args.date)
    except ValueError as exc:
        raise InputError(f"--date {args.date!r} is no date", "give it as YYYY-MM-DD") from exc
    stacks = released(load_and_log(args), day)
    if args.json:
        for stack in stacks:
            print(json.dumps(stack.as_json(), ensure_ascii=False))
        return 0
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(FIELDS)
    for stack in stacks:
        writer.writerow(stack.as_json()[name] for name in FIELDS)
    return 0
