"""Compiling the rule files: every pattern the rules and routes run, then the RuleSet.

Patterns are compiled once, with the ``regex`` module so that matching can run with
a timeout. A pattern that does not compile, or that matches the empty text and so
every document, is refused; lint reports each refusal where the pattern is written.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import regex

from semantha.rulefiles.parse import RuleFiles
from semantha.rulefiles.ruleset import RuleSet
from semantha.rulefiles.schema import ClassRule, Condition, Department

EMPTY_MATCH_PROBE_S = 0.05
"""How long the "matches the empty text" probe may take; longer counts as not matching."""


@dataclass(frozen=True)
class CompiledPatterns:
    """Every pattern source of the rule files, compiled, or refused with the reason."""

    patterns: Mapping[str, regex.Pattern[str]]
    refused: Mapping[str, str]
    """Source -> what is wrong and what to change, for lint to report."""


def term_pattern(term: str, case_sensitive: bool, whole_words: bool) -> str:
    """A regex source for a word or phrase: any run of whitespace matches a space."""
    body = r"\s+".join(regex.escape(part) for part in term.split())
    if whole_words:
        body = rf"(?<!\w){body}(?!\w)"
    return body if case_sensitive else f"(?i){body}"


def rule_patterns(rule: ClassRule) -> tuple[str, ...]:
    """The regex sources a rule runs: one per term for ``all``, one alternation otherwise."""
    if rule.regex is not None:
        return (rule.regex if rule.case_sensitive else f"(?i){rule.regex}",)
    if rule.phrase is not None:
        return (term_pattern(rule.phrase, rule.case_sensitive, rule.whole_words),)
    if rule.all is not None:
        return tuple(
            term_pattern(t, rule.case_sensitive, rule.whole_words) for t in rule.all if t.strip()
        )
    if rule.any is not None:
        terms = sorted((t for t in rule.any if t.strip()), key=len, reverse=True)
        parts = [term_pattern(t, True, rule.whole_words) for t in terms]
        body = "|".join(f"(?:{p})" for p in parts)
        return (body if rule.case_sensitive else f"(?i){body}",)
    if rule.fuzzy is not None:
        # short terms are matched exactly (see MIN_FUZZY_LENGTH)
        return tuple(
            term_pattern(t, rule.case_sensitive, rule.whole_words) for t in rule.fuzzy if t.strip()
        )
    return ()


def condition_patterns(cond: Condition) -> Iterator[str]:
    """The field regexes of a route condition, including those of nested conditions."""
    for test in (cond.fields or {}).values():
        if test.regex is not None:
            yield test.regex
    for sub in (*(cond.all_ or ()), *(cond.any_ or ())):
        yield from condition_patterns(sub)
    if cond.not_ is not None:
        yield from condition_patterns(cond.not_)


def office_pattern(department: Department) -> str:
    parts = sorted(department.names, key=len, reverse=True)
    return "(?i)" + "|".join(f"(?:{term_pattern(p, True, True)})" for p in parts)


def compile_patterns(files: RuleFiles) -> CompiledPatterns:
    """Compile the patterns of every rule and route in the files that could be read."""
    deps, classes, routes = files.departments.content, files.classes.content, files.routes.content
    sources = [deps.file_number] if deps is not None and deps.file_number is not None else []
    sources += [src for rule in (classes.rules if classes else ()) for src in rule_patterns(rule)]
    sources += [
        src for route in (routes.routes if routes else ()) for src in condition_patterns(route.when)
    ]
    patterns: dict[str, regex.Pattern[str]] = {}
    refused: dict[str, str] = {}
    for source in dict.fromkeys(sources):
        try:
            pattern = regex.compile(source)
        except regex.error as exc:
            refused[source] = (
                f"regex does not compile: {exc} — check brackets and escape . ( ) [ ] with \\"
            )
            continue
        if _matches_empty_text(pattern):
            refused[source] = (
                "regex matches the empty text and so every document — require something"
            )
            continue
        patterns[source] = pattern
    return CompiledPatterns(MappingProxyType(patterns), MappingProxyType(refused))


def _matches_empty_text(pattern: regex.Pattern[str]) -> bool:
    try:
        return pattern.fullmatch("", timeout=EMPTY_MATCH_PROBE_S) is not None
    except TimeoutError:
        return False


def compile_ruleset(files: RuleFiles, compiled: CompiledPatterns) -> RuleSet:
    """The RuleSet of rule files in which lint found no error."""
    deps, classes, routes = files.departments.content, files.classes.content, files.routes.content
    # lint reports a file that could not be read, and every refused pattern, as an error
    assert deps is not None and classes is not None and routes is not None
    return RuleSet(
        departments=deps.departments,
        doctypes=deps.doctypes,
        undecided_doctype=deps.undecided_doctype,
        organisation=deps.organisation,
        rules=classes.rules,
        routes=routes.routes,
        patterns=compiled.patterns,
        file_number=None if deps.file_number is None else compiled.patterns[deps.file_number],
        office_patterns=MappingProxyType(
            {d.id: regex.compile(office_pattern(d)) for d in deps.departments}
        ),
        compiled_rules=MappingProxyType(
            {r.id: tuple(compiled.patterns[src] for src in rule_patterns(r)) for r in classes.rules}
        ),
        fingerprint=files.fingerprint,
    )
