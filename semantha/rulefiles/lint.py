"""Linting the rule files: checks across keys and files, each problem at its file and line.

Errors refuse the rules (unknown office ids and doctypes, duplicate ids, refused
patterns, routes that can never be reached, unknown GUI scripts); warnings point at
rules that will misbehave (words that match nearly every letter, fuzzy terms that are
matched exactly, template values nothing sets, ...). ``check_rules`` reads, compiles
and lints a folder: it is what ``semantha rules check`` runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from semantha.rulefiles.compile import (
    CompiledPatterns,
    compile_patterns,
    compile_ruleset,
    rule_patterns,
)
from semantha.rulefiles.guiscripts import GUI_FILE
from semantha.rulefiles.parse import Problem, RuleFile, RuleFiles, Severity, read_rule_files
from semantha.rulefiles.ruleset import RuleSet
from semantha.rulefiles.schema import (
    DECIDING_WEIGHT,
    EXTRACTED_FIELDS,
    MIN_FUZZY_LENGTH,
    TEMPLATE_NAMES,
    ClassesFile,
    ClassRule,
    Condition,
    DepartmentsFile,
    GuiAction,
    Route,
    RouteAction,
    RoutesFile,
)
from semantha.rulefiles.templates import template_names
from semantha.yamlfile import did_you_mean

_BROAD = (
    "GmbH AG KG e.V. Stadt Gemeinde Herr Frau Sehr geehrte geehrter Damen Herren Grüßen "
    "freundlichen Datum Seite Betreff Straße Str. Rathaus Rathausplatz Telefon Tel Fax "
    "E-Mail Amt Stadtverwaltung Verwaltung Postfach Anlage Anlagen bitte Antrag Schreiben"
)
BROAD_WORDS = frozenset(word.casefold() for word in _BROAD.split())
"""Words found in nearly every letter: as any-word evidence they would match everything."""


@dataclass(frozen=True)
class CheckResult:
    ruleset: RuleSet | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


def check_rules(rules_dir: Path) -> CheckResult:
    """Read, compile and lint every rule file; the RuleSet is None when there are errors."""
    files = read_rule_files(rules_dir)
    compiled = compile_patterns(files)
    problems = lint(files, compiled)
    if any(p.severity == "error" for p in problems):
        return CheckResult(None, problems)
    return CheckResult(compile_ruleset(files, compiled), problems)


def lint(files: RuleFiles, compiled: CompiledPatterns) -> tuple[Problem, ...]:
    """Every problem of the rule files, file by file: those found reading it, then lint's."""
    deps_file, classes_file, routes_file = (
        _Findings(files.departments),
        _Findings(files.classes),
        _Findings(files.routes),
    )
    deps, classes, routes = files.departments.content, files.classes.content, files.routes.content
    if deps is not None:
        _check_departments(deps, deps_file, compiled)
    org_words = frozenset(w.casefold() for w in (deps.organisation.split() if deps else ()))
    if classes is not None:
        _check_rules(classes, classes_file, deps, compiled, org_words)
    if routes is not None:
        _check_routes(routes, routes_file, deps, files.gui_scripts, compiled)
        _check_templates(routes_file, routes, classes, compiled)
    return (
        *deps_file.problems,
        *classes_file.problems,
        *routes_file.problems,
        *files.gui_problems,
    )


class _Findings:
    """The problems of one rule file: those found reading it, then lint's."""

    def __init__(self, file: RuleFile[Any]) -> None:
        self._file = file
        self.problems: list[Problem] = list(file.problems)

    def at(self, loc: Sequence[str | int], message: str, severity: Severity = "error") -> None:
        self.problems.append(self._file.problem(loc, message, severity))


def _backtracking_risk(pattern: regex.Pattern[str]) -> bool:
    """True when the pattern needs >50 ms on short hostile inputs (nested repetition)."""
    probes = ("a" * 28 + "!", "1" * 28 + "!", " " * 28 + "!", "aA1 .-/" * 5 + "!")
    try:
        for probe in probes:
            pattern.search(probe, timeout=0.05)
    except TimeoutError:
        return True
    return False


def _label_check(
    file: _Findings,
    loc: Sequence[str | int],
    value: str,
    known: Sequence[str],
    what: str,
    names: Mapping[str, str] | None = None,
) -> None:
    if "{" in value or value in known:
        return
    by_name = {n.casefold(): i for i, n in (names or {}).items()}
    if value.casefold() in by_name:
        file.at(loc, f"'{value}' is a name; use the {what} id '{by_name[value.casefold()]}'")
        return
    hint = did_you_mean(value, known) or f" — known: {', '.join(known)}"
    file.at(loc, f"unknown {what} '{value}'{hint}")


def _check_departments(
    parsed: DepartmentsFile, file: _Findings, compiled: CompiledPatterns
) -> None:
    if parsed.file_number is not None and parsed.file_number in compiled.refused:
        file.at(["file_number"], compiled.refused[parsed.file_number])
    undecided, doctypes = parsed.undecided_doctype, parsed.doctypes
    if doctypes and undecided not in doctypes:
        hint = did_you_mean(undecided, doctypes) or " — add it to doctypes or name one of them"
        file.at(
            ["undecided_doctype"],
            f"undecided_doctype '{undecided}' is not one of the doctypes{hint}",
        )
    seen: dict[str, int] = {}
    owner: dict[str, str] = {}
    for i, dep in enumerate(parsed.departments):
        if dep.id in seen:
            file.at(["departments", i, "id"], f"department id '{dep.id}' is used twice")
        seen[dep.id] = i
        for name in dep.names:
            key = name.casefold()
            if key in owner and owner[key] != dep.id:
                file.at(
                    ["departments", i],
                    f"name '{name}' belongs to both {owner[key]} and {dep.id} — keep it on one",
                )
            owner[key] = dep.id


def _check_rules(
    parsed: ClassesFile,
    file: _Findings,
    departments: DepartmentsFile | None,
    compiled: CompiledPatterns,
    organisation_words: frozenset[str],
) -> None:
    ids: set[str] = set()
    dep_ids = [d.id for d in departments.departments] if departments else []
    dep_names = {d.id: d.name for d in departments.departments} if departments else {}
    doctypes = list(departments.doctypes) if departments else []
    for i, rule in enumerate(parsed.rules):
        loc: list[str | int] = ["rules", i]
        if rule.id in ids:
            file.at([*loc, "id"], f"rule id '{rule.id}' is used twice — give each rule its own id")
        ids.add(rule.id)
        if departments and rule.department is not None:
            _label_check(
                file, [*loc, "department"], rule.department, dep_ids, "department", dep_names
            )
        if departments and rule.doctype is not None and doctypes:
            _label_check(file, [*loc, "doctype"], rule.doctype, doctypes, "doctype")
        sources = rule_patterns(rule)
        for src in sources:
            if src in compiled.refused:
                file.at([*loc, rule.kind], compiled.refused[src])
        for src in sources:
            pattern = compiled.patterns.get(src)
            if pattern is not None and rule.regex is not None and _backtracking_risk(pattern):
                file.at(
                    [*loc, "regex"],
                    "regex can take very long on some texts (nested repetition such as (a+)+) "
                    "— simplify it; at run time it is stopped after timeout_ms",
                    "warning",
                )
        first = compiled.patterns.get(sources[0]) if sources else None
        groups = set(first.groupindex) if first is not None else set()
        for key in ("department", "doctype"):
            template = getattr(rule, key)
            for name in template_names(template) if template else []:
                if name not in groups:
                    file.at([*loc, key], f"'{{{name}}}' is not a named group of this rule's regex")
        if rule.file_number:
            _check_file_number_rule(file, loc, rule, departments)
        _warn_broad(file, loc, rule, organisation_words)
        _warn_fuzzy(file, loc, rule)
        _warn_content_decides(file, loc, rule)


def _check_file_number_rule(
    file: _Findings, loc: Sequence[str | int], rule: ClassRule, departments: DepartmentsFile | None
) -> None:
    if departments is not None and departments.file_number is None:
        file.at(
            [*loc, "file_number"],
            f"rule '{rule.id}' reads file numbers, but departments.yaml has no file_number "
            rf"pattern — add one there, e.g. file_number: '(?P<office>\d{{2}})[-/.]'",
        )
    if not all(region.startswith("field:") for region in rule.in_):
        file.at(
            [*loc, "in"],
            f"rule '{rule.id}' looks for a file number at the start of the text — let it "
            "look in a field that holds one reference, e.g. in: field:city_reference",
            "warning",
        )


def _warn_broad(
    file: _Findings, loc: Sequence[str | int], rule: ClassRule, organisation_words: frozenset[str]
) -> None:
    if rule.any is None or not rule.votes:
        return
    broad = BROAD_WORDS | organisation_words
    for j, term in enumerate(rule.any):
        folded = term.strip().casefold()
        if folded in broad or len(folded) < 4:
            file.at(
                [*loc, "any", j],
                f"'{term}' appears in almost every letter; as any-word evidence it matches far "
                "too much — use a more specific word, 'all', or a phrase",
                "warning",
            )


def _warn_content_decides(file: _Findings, loc: Sequence[str | int], rule: ClassRule) -> None:
    """A word anywhere in the letter deciding the office by itself is a guess."""
    content_only = set(rule.in_) <= {"text", "first_page"}
    if rule.department is not None and rule.weight >= DECIDING_WEIGHT and content_only:
        file.at(
            [*loc, "weight"],
            f"rule '{rule.id}' decides the office from words anywhere in the letter — letters "
            f"mention other offices too; give it a weight below {DECIDING_WEIGHT:.1f} "
            "(evidence) or look in field:recipient or header",
            "warning",
        )


def _warn_fuzzy(file: _Findings, loc: Sequence[str | int], rule: ClassRule) -> None:
    if rule.fuzzy is not None:
        for j, term in enumerate(rule.fuzzy):
            if len(term.strip()) < MIN_FUZZY_LENGTH or any(c.isdigit() for c in term):
                file.at(
                    [*loc, "fuzzy", j],
                    f"'{term}' is matched exactly: words shorter than {MIN_FUZZY_LENGTH} letters "
                    "and numbers are never guessed — move it to 'any' to say so",
                    "warning",
                )
    if (rule.fuzzy is not None or rule.office_name) and rule.min_score < 80:
        file.at(
            [*loc, "min_score"],
            f"min_score {rule.min_score:g} accepts words that merely look alike — use 85 or more",
            "warning",
        )


def _check_condition(
    file: _Findings,
    loc: list[str | int],
    cond: Condition,
    dep_ids: Sequence[str],
    dep_names: Mapping[str, str],
    doctypes: Sequence[str],
    compiled: CompiledPatterns,
) -> None:
    for key, known, names in (
        ("department", dep_ids, dep_names),
        ("doctype", doctypes, None),
    ):
        value = getattr(cond, key)
        values = (value,) if isinstance(value, str) else value or ()
        for j, label in enumerate(values):
            where = [*loc, key] if isinstance(value, str) else [*loc, key, j]
            if known:
                _label_check(file, where, label, known, key, names)
    for name, test in (cond.fields or {}).items():
        if test.regex is not None and test.regex in compiled.refused:
            file.at([*loc, "fields", name, "regex"], compiled.refused[test.regex])
    for key, alias in (("all_", "all"), ("any_", "any")):
        for j, sub in enumerate(getattr(cond, key) or ()):
            _check_condition(file, [*loc, alias, j], sub, dep_ids, dep_names, doctypes, compiled)
    if cond.not_ is not None:
        _check_condition(file, [*loc, "not"], cond.not_, dep_ids, dep_names, doctypes, compiled)


def _flat_constraints(cond: Condition) -> dict[str, Any] | None:
    """The conjunctive constraints of a condition, or None when it is not a simple mapping."""
    if cond.given & {"all_", "any_", "not_"}:
        return None
    return {key: getattr(cond, key) for key in cond.given}


def _check_routes(
    parsed: RoutesFile,
    file: _Findings,
    departments: DepartmentsFile | None,
    gui_scripts: Mapping[str, frozenset[str]] | None,
    compiled: CompiledPatterns,
) -> None:
    dep_ids = [d.id for d in departments.departments] if departments else []
    dep_names = {d.id: d.name for d in departments.departments} if departments else {}
    doctypes = list(departments.doctypes) if departments else []
    ids: set[str] = set()
    earlier: list[tuple[int, Route]] = []
    for i, route in enumerate(parsed.routes):
        loc: list[str | int] = ["routes", i]
        if route.id in ids:
            file.at([*loc, "id"], f"route id '{route.id}' is used twice — give each its own id")
        ids.add(route.id)
        _check_condition(file, [*loc, "when"], route.when, dep_ids, dep_names, doctypes, compiled)
        for j, action in enumerate(route.actions):
            if action.gui is not None and gui_scripts is not None:
                _check_gui(file, [*loc, "actions", j, "gui"], action.gui, gui_scripts)
        shadow = _shadowed_by(route, earlier)
        if shadow is not None:
            j, by = shadow
            file.at(
                loc,
                f"route '{route.id}' can never be reached: route '{by.id}' (routes[{j}]) "
                "matches everything it matches and does not 'continue' — move it up or "
                "narrow the earlier route",
            )
        earlier.append((i, route))
    if not any(r.catch_all and not r.continue_ for r in parsed.routes):
        file.at(
            ["routes"],
            "no final route without 'when': documents matching no route go to review — "
            "add a last route without conditions to make that explicit",
            "warning",
        )


def _check_gui(
    file: _Findings,
    loc: list[str | int],
    action: GuiAction,
    gui_scripts: Mapping[str, frozenset[str]],
) -> None:
    needs = gui_scripts.get(action.script)
    if needs is None:
        file.at(
            [*loc, "script"],
            f"unknown GUI script '{action.script}'{did_you_mean(action.script, gui_scripts)}"
            f" — scripts are defined in {GUI_FILE}",
        )
        return
    missing = sorted(needs - set(action.values))
    if missing:
        file.at(
            loc,
            f"GUI script '{action.script}' needs the value(s) {', '.join(missing)} — "
            f"add them under 'values:', e.g. {missing[0]}: \"{{{missing[0]}}}\"",
        )


def _shadowed_by(route: Route, earlier: Sequence[tuple[int, Route]]) -> tuple[int, Route] | None:
    mine = _flat_constraints(route.when)
    for j, other in earlier:
        if other.continue_:
            continue
        if other.catch_all:
            return j, other
        theirs = _flat_constraints(other.when)
        if mine is None or theirs is None:
            continue
        if all(key in mine and mine[key] == value for key, value in theirs.items()):
            return j, other
    return None


def _check_templates(
    file: _Findings, parsed: RoutesFile, rules: ClassesFile | None, compiled: CompiledPatterns
) -> None:
    known = set(TEMPLATE_NAMES) | set(EXTRACTED_FIELDS)
    for rule in rules.rules if rules else ():
        known |= set(rule.fields)
        for src in rule_patterns(rule):
            if src in compiled.patterns:
                known |= set(compiled.patterns[src].groupindex)
    for i, route in enumerate(parsed.routes):
        for j, action in enumerate(route.actions):
            for key, template in _action_templates(action):
                for name in template_names(template):
                    if name not in known:
                        file.at(
                            ["routes", i, "actions", j, action.kind, key],
                            f"template value '{{{name}}}' is never set{did_you_mean(name, known)}"
                            " — it renders as empty text",
                            "warning",
                        )


def _action_templates(action: RouteAction) -> list[tuple[str, str]]:
    target = action.deliver or action.copy_
    if target is not None:
        return [("folder", target.folder), ("name", target.name)]
    if action.review is not None:
        return [("reason", action.review.reason)]
    if action.gui is not None:
        return list(action.gui.values.items())
    if action.notify is not None:
        return [("message", action.notify.message)]
    return []
