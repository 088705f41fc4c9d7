"""Reading the rule files: each file parsed against its schema, problems with line and column.

Every problem is a ``Problem``, printed as ``file:line:col: message — hint`` so that a
person who is not a programmer can find the spot to change. Checks across keys and
files come later (lint); here each file is read on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Generic, Literal, TypeVar

import regex
import yaml
from pydantic import BaseModel, ValidationError

from semantha.errors import ConfigError
from semantha.rulefiles.guiscripts import GUI_FILE, load_gui_scripts
from semantha.rulefiles.schema import (
    CLASSES_FILE,
    DEPARTMENTS_FILE,
    ROUTES_FILE,
    ClassesFile,
    DepartmentsFile,
    RoutesFile,
)
from semantha.yamlfile import did_you_mean, key_names, locate, read_yaml

M = TypeVar("M", bound=BaseModel)

WATCHED_FILES = (DEPARTMENTS_FILE, CLASSES_FILE, ROUTES_FILE, GUI_FILE)
"""The files a RuleSet is made of: a change to any of them means reloading."""

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding, printed as ``file:line:col: message — hint``."""

    path: Path
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else str(self.path)
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}: {label}{self.message}"


@dataclass(frozen=True)
class RuleFile(Generic[M]):
    """One rule file: its content (None when it could not be read) and its YAML nodes."""

    path: Path
    node: yaml.Node | None
    content: M | None
    problems: tuple[Problem, ...]

    def problem(
        self, loc: Sequence[str | int], message: str, severity: Severity = "error"
    ) -> Problem:
        """A problem at the key path ``loc`` (or the nearest part of it that exists)."""
        pos = locate(self.node, loc) or (0, 0)
        return Problem(self.path, pos[0], pos[1], message, severity)


@dataclass(frozen=True)
class RuleFiles:
    """The rule files of one folder as read, before any check across them."""

    departments: RuleFile[DepartmentsFile]
    classes: RuleFile[ClassesFile]
    routes: RuleFile[RoutesFile]
    gui_scripts: Mapping[str, frozenset[str]] | None
    """Script name -> the values it needs; None without a readable gui.yaml."""
    gui_problems: tuple[Problem, ...]
    fingerprint: tuple[tuple[str, int, int], ...]
    """The watched files as they were just before reading (see ``fingerprint``)."""


def read_rule_files(rules_dir: Path) -> RuleFiles:
    """Every rule file of ``rules_dir``, each parsed on its own."""
    # taken first: a file changed while being read then differs from this stamp
    stamp = fingerprint(rules_dir)
    gui_scripts, gui_problems = _gui_scripts(rules_dir)
    return RuleFiles(
        departments=parse_rule_file(rules_dir / DEPARTMENTS_FILE, DepartmentsFile),
        classes=parse_rule_file(rules_dir / CLASSES_FILE, ClassesFile),
        routes=parse_rule_file(rules_dir / ROUTES_FILE, RoutesFile),
        gui_scripts=gui_scripts,
        gui_problems=gui_problems,
        fingerprint=stamp,
    )


def fingerprint(rules_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, mtime_ns, size) of every watched rule file that exists."""
    result = []
    for name in WATCHED_FILES:
        try:
            st = (rules_dir / name).stat()
        except OSError:
            continue
        result.append((name, st.st_mtime_ns, st.st_size))
    return tuple(result)


def parse_rule_file(path: Path, model: type[M]) -> RuleFile[M]:
    """Read ``path`` and validate it against ``model``; every problem names its position."""
    try:
        data, node = read_yaml(path)
    except ConfigError as exc:
        problems = tuple(problem_from_text(path, line) for line in exc.message.splitlines())
        return RuleFile(path, None, None, problems)
    try:
        return RuleFile(path, node, model.model_validate(data if data is not None else {}), ())
    except ValidationError as exc:
        unread: RuleFile[M] = RuleFile(path, node, None, ())
        return replace(unread, problems=_describe(unread, exc, model))


UNION_BRANCH = regex.compile(r"^(?:str|int|float|bool|none|.*\[.*\]|function-.*)$")
"""Pydantic names the tried type in a union error's location; people need the key only."""


def _describe(
    file: RuleFile[M], error: ValidationError, model: type[BaseModel]
) -> tuple[Problem, ...]:
    vocabulary = key_names(model)
    seen: set[tuple[str | int, ...]] = set()
    problems = []
    for item in error.errors():
        loc = [
            p
            for p in item["loc"]
            if isinstance(p, int) or (isinstance(p, str) and not UNION_BRANCH.match(p))
        ]
        if tuple(loc) in seen:
            continue  # one message per spot: the first alternative's
        seen.add(tuple(loc))
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "extra_forbidden" and loc:
            key = str(loc[-1])
            parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), "")
            what = {"actions": "action", "when": "condition", "not": "condition"}.get(parent, "key")
            if parent in ("all", "any") and "when" in loc:
                what = "condition"
            message = f"unknown {what} '{key}'{did_you_mean(key, vocabulary)}"
            if not did_you_mean(key, vocabulary):
                message += " — remove it or check its spelling"
        elif loc:
            message = f"{'.'.join(str(p) for p in loc)}: {message}"
        problems.append(file.problem(loc, message))
    return tuple(problems)


def problem_from_text(path: Path, text: str) -> Problem:
    """A Problem from a ``file:line:col: message`` line (YAML errors, gui.yaml errors)."""
    match = regex.match(r"^.*?:(\d+):(\d+): (.*)$", text, flags=regex.S)
    if match:
        return Problem(path, int(match[1]), int(match[2]), match[3])
    return Problem(path, 0, 0, text.removeprefix(f"{path}: "))


def _gui_scripts(
    rules_dir: Path,
) -> tuple[Mapping[str, frozenset[str]] | None, tuple[Problem, ...]]:
    """Script name -> values it needs, from gui.yaml (None when there is no such file)."""
    path = rules_dir / GUI_FILE
    if not path.is_file():
        return None, ()
    try:
        scripts = load_gui_scripts(rules_dir).scripts
    except ConfigError as exc:
        # the scripts are unknown: report gui.yaml's own problems, not every use of them
        return None, tuple(problem_from_text(path, line) for line in exc.message.splitlines())
    return {name: script.needs for name, script in scripts.items()}, ()
