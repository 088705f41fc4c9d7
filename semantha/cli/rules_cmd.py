"""``semantha rules check|test|schema``: the administrators' tools for the rule files.

rules check [DIR]         every problem as file:line:col: message — hint; exit 3 on errors
rules test [FILE]         run the expectation cases of rules/tests.yaml; exit 1 on failures
rules schema [--out DIR]  JSON Schema for config.yaml and the rule files (editor support)
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from semantha.cli.common import load_and_log
from semantha.errors import ConfigError

if TYPE_CHECKING:
    from semantha.config import AppConfig
    from semantha.deciding.model import DocumentClassifier
    from semantha.records import Decision, Plan
    from semantha.rulefiles.ruleset import RuleSet
    from semantha.rulefiles.schema import TestCase


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rules = subparsers.add_parser("rules", help="check, test and describe the rule files")
    commands = rules.add_subparsers(dest="rules_command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate the rule files; name file:line of problems")
    check.add_argument(
        "dir", nargs="?", type=Path, default=None, help="rules folder (default: from config)"
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(handler=run_check)

    test = commands.add_parser("test", help="run the expectation cases of rules/tests.yaml")
    test.add_argument(
        "file", nargs="?", type=Path, default=None, help="cases file (default: rules/tests.yaml)"
    )
    test.add_argument(
        "--with-model",
        action="store_true",
        help="let the configured model decide where no rule does (default: rules only)",
    )
    test.set_defaults(handler=run_test)

    schema = commands.add_parser("schema", help="write JSON Schema files for editors")
    schema.add_argument("--out", type=Path, default=None, help="folder (default: <rules>/schema)")
    schema.set_defaults(handler=run_schema)


# --------------------------------------------------------------------------- check


def run_check(args: argparse.Namespace) -> int:
    from semantha.rulefiles.lint import check_rules

    rules_dir: Path = args.dir if args.dir is not None else load_and_log(args).rules_dir
    if not rules_dir.is_dir():
        raise ConfigError(f"{rules_dir}: no such folder", "give the folder that holds the rules")
    result = check_rules(rules_dir)
    for problem in result.problems:
        print(problem)
    errors, warnings = len(result.errors), len(result.warnings)
    if result.ruleset is None:
        print(f"{rules_dir}: {errors} error(s), {warnings} warning(s) — the rules are refused")
        return ConfigError.exit_code
    rs = result.ruleset
    print(
        f"{rules_dir}: OK — {len(rs.departments)} departments, {len(rs.rules)} rules, "
        f"{len(rs.routes)} routes, {warnings} warning(s)"
    )
    return 1 if args.strict and warnings else 0


# --------------------------------------------------------------------------- schema


def run_schema(args: argparse.Namespace) -> int:
    from semantha.config import AppConfig
    from semantha.rulefiles.schema import json_schemas

    out: Path = args.out if args.out is not None else load_and_log(args).rules_dir / "schema"
    out.mkdir(parents=True, exist_ok=True)
    schemas = {**json_schemas(), "config.schema.json": AppConfig.model_json_schema()}
    for name, schema in sorted(schemas.items()):
        path = out / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(path)
    return 0


# --------------------------------------------------------------------------- test


@dataclass(frozen=True)
class CaseResult:
    name: str
    expected: str
    got: str
    ok: bool
    why: str = ""


def run_test(args: argparse.Namespace) -> int:
    from semantha.rulefiles.schema import TESTS_FILE
    from semantha.rulefiles.store import load_ruleset, load_tests

    config = load_and_log(args)
    path: Path = args.file if args.file is not None else config.rules_dir / TESTS_FILE
    cases = load_tests(path).cases
    ruleset = load_ruleset(config.rules_dir)
    context = _Setup(config, ruleset, _model(config) if args.with_model else None)
    results = [_run_case(case, path.parent, context) for case in cases]
    _print_results(results, "rules + model" if args.with_model else "rules only")
    return 0 if all(r.ok for r in results) else 1


@dataclass(frozen=True)
class _Setup:
    """What the cases run with: the pipeline's Context is built only for file cases."""

    config: AppConfig
    rules: RuleSet
    model: DocumentClassifier | None


def _model(config: AppConfig) -> DocumentClassifier | None:
    if config.classify.mode == "rules-only":
        return None
    from semantha.deciding.model import load_classifier

    return load_classifier(config.model)


def _run_case(case: TestCase, base: Path, context: _Setup) -> CaseResult:
    if case.text is not None:
        decision, plan = _text_case(case, case.text, context)
    else:
        assert case.file is not None  # TestCase holds text or file
        found = _file_case(case, base / case.file, context)
        if isinstance(found, str):
            return CaseResult(case.name, _expected(case), "-", False, found)
        decision, plan = found
    return _compare(case, decision, plan)


def _text_case(case: TestCase, text: str, context: _Setup) -> tuple[Decision, Plan]:
    from datetime import UTC, datetime
    from hashlib import sha256

    from semantha.deciding import classify, route, rules
    from semantha.reading import extract
    from semantha.records import Document, Page, Reading

    pages = (Page(0, None, 300, text=text, reading=Reading.TEXT_LAYER),)
    digest = sha256(text.encode("utf-8")).hexdigest()
    source = Path(f"{case.name}.pdf")
    document = Document(
        digest, source, datetime.now(UTC), pages, extract.extract_fields(pages), case.source
    )
    hits = rules.evaluate(document, context.rules)
    decision = classify.decide(
        document, hits, context.model, context.config.classify, context.rules
    )
    return decision, route.plan(document, decision, context.rules)


def _file_case(case: TestCase, path: Path, setup: _Setup) -> tuple[Decision, Plan] | str:
    if not path.is_file():
        return f"sample file {path} not found"
    from semantha.pipeline import Context, process_file

    context = Context(setup.config, setup.rules, setup.model, None)
    outcome = process_file(path, context, dry_run=True, source_folder=case.source)
    if outcome.decision is None or outcome.plan is None:
        return f"unreadable: {outcome.error}"
    return outcome.decision, outcome.plan


def _expected(case: TestCase) -> str:
    exp = case.expect
    parts = []
    if "department" in exp.given:
        parts.append(f"dept {exp.department or 'none'}")
    if "doctype" in exp.given:
        parts.append(exp.doctype or "no doctype")
    if "route" in exp.given:
        parts.append(f"route {exp.route}")
    return ", ".join(parts)


def _compare(case: TestCase, decision: Decision, plan: Plan) -> CaseResult:
    exp = case.expect
    routes = plan.route_id.split("+")
    wrong = []
    if "department" in exp.given and exp.department != decision.department:
        wrong.append("department")
    if "doctype" in exp.given and exp.doctype != decision.doctype:
        wrong.append("doctype")
    if "route" in exp.given and exp.route not in routes:
        wrong.append("route")
    got = f"dept {decision.department or 'none'}, {decision.doctype or 'no doctype'}"
    got += f", route {plan.route_id}"
    why = ""
    if wrong:
        hits = "; ".join(
            f"{h.rule_id}→{h.label} ({h.weight:g}): {h.reason}" for h in decision.trace.rule_hits
        )
        why = f"wrong {', '.join(wrong)}. {decision.trace.reason}. Rule hits: {hits or 'none'}"
    return CaseResult(case.name, _expected(case), got, not wrong, why)


def _print_results(results: list[CaseResult], mode: str) -> None:
    rows = [("result", "case", "expected", "got")]
    rows += [("PASS" if r.ok else "FAIL", r.name, r.expected, r.got) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print(
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[3]
        )
    for r in results:
        if not r.ok:
            print(f"\nFAIL {r.name}: {r.why}", file=sys.stdout)
    passed = sum(r.ok for r in results)
    print(f"\n({mode}) {passed} passed, {len(results) - passed} failed")
