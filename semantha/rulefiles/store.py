"""Loading the rules: a checked RuleSet, the test cases, and hot reload for the service."""

from __future__ import annotations

import threading
from pathlib import Path

import structlog

from semantha.errors import ConfigError
from semantha.rulefiles.lint import check_rules
from semantha.rulefiles.parse import fingerprint, parse_rule_file
from semantha.rulefiles.ruleset import RuleSet
from semantha.rulefiles.schema import TestsFile

log = structlog.get_logger(__name__)


def load_ruleset(rules_dir: Path) -> RuleSet:
    """The checked and compiled rules; ConfigError lists every error as file:line:col."""
    result = check_rules(rules_dir)
    if result.ruleset is None:
        errors = result.errors
        raise ConfigError(
            "\n".join(str(p) for p in errors),
            f"fix {len(errors)} problem(s) in {rules_dir}; `semantha rules check` shows them all",
        )
    return result.ruleset


def load_tests(path: Path) -> TestsFile:
    """Parse rules/tests.yaml; ConfigError lists every problem with its position."""
    file = parse_rule_file(path, TestsFile)
    if file.content is None:
        raise ConfigError("\n".join(str(p) for p in file.problems), f"fix the cases in {path.name}")
    return file.content


class RuleStore:
    """The current RuleSet; reloads when a rule file changed, keeps the last good one on errors.

    The service calls ``current()`` between documents. The first load must succeed
    (a service never starts on broken rules); later broken edits are logged as
    ``rules.reload_failed`` and the previous rules keep serving.
    """

    def __init__(self, rules_dir: Path) -> None:
        self._dir = rules_dir
        self._lock = threading.Lock()
        self._ruleset = load_ruleset(rules_dir)
        self._seen = self._ruleset.fingerprint

    def current(self) -> RuleSet:
        with self._lock:
            stamp = fingerprint(self._dir)
            if stamp != self._seen:
                self._seen = stamp
                self._reload()
            return self._ruleset

    def _reload(self) -> None:
        try:
            ruleset = load_ruleset(self._dir)
        except ConfigError as exc:
            log.error(
                "rules.reload_failed",
                rules_dir=str(self._dir),
                error=exc.message,
                hint="the previous rules stay in use until the files are fixed",
            )
            return
        self._ruleset = ruleset
        # the files may have changed again while loading; compare with what was loaded
        self._seen = ruleset.fingerprint
        log.info(
            "rules.reloaded",
            rules_dir=str(self._dir),
            rules=len(ruleset.rules),
            routes=len(ruleset.routes),
            departments=len(ruleset.departments),
        )
