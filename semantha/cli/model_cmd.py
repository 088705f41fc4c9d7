"""``semantha train`` and ``semantha evaluate`` on labelled folders; ``semantha learn``.

A labelled folder holds ``labels.csv`` with ``file,department,doctype`` or ``text``
instead of ``file`` (see ``semantha.tools.datasets``); scanned files are read once
and their OCR cached next to them as ``<file>.ocr.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from semantha.cli.common import load_and_log


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    train = subparsers.add_parser(
        "train", help="train the classifier from a labelled folder; writes model + manifest"
    )
    train.add_argument(
        "--data", type=Path, nargs="+", required=True, metavar="DIR", help="labelled folder(s)"
    )
    train.add_argument(
        "--out", type=Path, default=None, metavar="PATH", help="model file (default: config model)"
    )
    train.add_argument("--jobs", type=int, default=1, help="OCR processes for file rows")
    train.set_defaults(handler=run_train)

    evaluate = subparsers.add_parser(
        "evaluate", help="accuracy, coverage and precision on a labelled folder"
    )
    evaluate.add_argument(
        "--data", type=Path, nargs="+", required=True, metavar="DIR", help="labelled folder(s)"
    )
    evaluate.add_argument(
        "--model", type=Path, default=None, metavar="PATH", help="model file (default: config)"
    )
    evaluate.add_argument("--json", action="store_true", help="the report as one JSON object")
    evaluate.add_argument(
        "--model-only", action="store_true", help="leave the rules out: measure the model alone"
    )
    evaluate.add_argument("--jobs", type=int, default=1, help="OCR processes for file rows")
    evaluate.set_defaults(handler=run_evaluate)

    learn = subparsers.add_parser(
        "learn",
        help="retrain on the shipped data plus the city's resolved letters; install the "
        "new model only if it is no worse on the newest of them",
    )
    learn.add_argument("--json", action="store_true", help="the outcome as one JSON object")
    learn.add_argument(
        "--rollback", action="store_true", help="go back to the model installed before this one"
    )
    learn.set_defaults(handler=run_learn)


def _print_report(title: str, rep: dict[str, Any]) -> None:
    from semantha.tools.evaluation import format_report, format_summary

    print(format_report(f"department — {title}", rep))
    print()
    print("\n".join(format_summary("document type", rep["doctype"])))


def run_train(args: argparse.Namespace) -> int:
    from semantha.deciding.model import document_text, save_classifier
    from semantha.deciding.training import train_classifier
    from semantha.deciding.trainingset import (
        LabelledText,
        training_data_path,
        write_training_data,
    )
    from semantha.tools.datasets import read_examples, split_held_out
    from semantha.tools.evaluation import SUMMARY_KEYS, full_report

    config = load_and_log(args)
    out: Path = args.out or config.model
    examples = [e for folder in args.data for e in read_examples(folder, config, args.jobs)]
    train, held_out = split_held_out(examples)
    print(
        f"training on {len(train)} documents, checking on {len(held_out)} held out", file=sys.stderr
    )
    check_model = train_classifier(
        [document_text(e.document) for e in train], [(e.department, e.doctype) for e in train]
    )
    metrics = full_report(held_out, check_model, None, config)
    final = train_classifier(
        [document_text(e.document) for e in examples],
        [(e.department, e.doctype) for e in examples],
        metrics={key: metrics[key] for key in SUMMARY_KEYS},
    )
    manifest = save_classifier(final, out)
    write_training_data(
        training_data_path(out),
        [LabelledText(document_text(e.document), e.department, e.doctype) for e in examples],
    )
    _print_report(f"model alone on {len(held_out)} held-out documents", metrics)
    print(f"\nmodel written to {out} (sha256 {manifest.model_sha256[:12]}…)")
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    from semantha.deciding.model import load_classifier
    from semantha.rulefiles.store import load_ruleset
    from semantha.tools.datasets import read_examples
    from semantha.tools.evaluation import full_report

    config = load_and_log(args)
    use_model = args.model is not None or config.classify.mode == "rules+model"
    model = load_classifier(args.model or config.model) if use_model else None
    ruleset = None if args.model_only else load_ruleset(config.rules_dir)
    examples = [e for folder in args.data for e in read_examples(folder, config, args.jobs)]
    rep = full_report(examples, model, ruleset, config)
    if args.json:
        print(json.dumps(rep, ensure_ascii=False))
    else:
        what = "model alone" if args.model_only else "rules + model" if model else "rules only"
        _print_report(f"{what} on {', '.join(map(str, args.data))}", rep)
    return 0


def run_learn(args: argparse.Namespace) -> int:
    from semantha.rulefiles.store import load_ruleset
    from semantha.service import learning

    config = load_and_log(args)
    if args.rollback:
        version = learning.rollback(config)
        sha256 = version.manifest.model_sha256
        if args.json:
            print(json.dumps({"rolled_back": True, "model": sha256, "version": version.number}))
        else:
            print(f"model version {version.number} (sha256 {sha256[:12]}…) is live again")
        return 0
    report = learning.learn(config, load_ruleset(config.rules_dir))
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
        return 0
    print(
        f"{report.examples} labelled letters of the city, {report.trained_on} learned from, "
        f"and {report.weak} delivered letters not sent back"
    )
    for name, figures in (("before", report.before), ("after", report.after)):
        if figures is not None:
            f = figures.as_json()
            delivered = (
                f"; of the {f['delivered']} newest delivered, {f['kept']:.1%} routed there again"
                if f["delivered"]
                else ""
            )
            print(
                f"  {name:6}  held back {f['n']}: routed {f['coverage']:.1%}, "
                f"precision {f['precision_auto']:.1%}, wrong {f['wrong']}, "
                f"best guess right {f['accuracy']:.1%}{delivered}"
            )
    if report.office_names:
        count = len(report.office_names)
        # The names live in the new model's manifest: not installed, they are not used.
        learned = (
            "learned from addresses"
            if report.installed
            else "found in addresses, not in use as no model was installed"
        )
        print(
            f"  {count} office name{'' if count == 1 else 's'} {learned} "
            "(departments.yaml may take them as aliases):"
        )
        for office, name in sorted((o, n) for n, o in report.office_names.items()):
            print(f"    {office:>6}  {name}")
    state = "installed" if report.installed else "not installed"
    print(f"{state}: {report.reason} (model {report.model[:12]}…, {report.seconds:.0f} s)")
    return 0
