"""The RuleSet: the rule files validated and their patterns compiled, ready to run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import regex

from semantha.rulefiles.schema import ClassRule, Department, Route


@dataclass(frozen=True)
class RuleSet:
    """Everything the rules, classify and route stages need, validated and compiled."""

    departments: tuple[Department, ...]
    doctypes: tuple[str, ...]
    undecided_doctype: str
    rules: tuple[ClassRule, ...]
    routes: tuple[Route, ...]
    patterns: Mapping[str, regex.Pattern[str]]
    office_patterns: Mapping[str, regex.Pattern[str]]
    compiled_rules: Mapping[str, tuple[regex.Pattern[str], ...]]
    file_number: regex.Pattern[str] | None = None
    """departments.yaml's pattern of the organisation's file numbers (group ``office``)."""
    fingerprint: tuple[tuple[str, int, int], ...] = ()
    organisation: str = ""
    """departments.yaml's organisation ("Stadt Musterstadt")."""

    def department(self, department_id: str | None) -> Department | None:
        return next((d for d in self.departments if d.id == department_id), None)

    @property
    def department_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.departments)

    def pattern(self, source: str) -> regex.Pattern[str]:
        return self.patterns[source]

    def rule_patterns(self, rule: ClassRule) -> tuple[regex.Pattern[str], ...]:
        """The compiled patterns ``rule`` runs (see ``compile.rule_patterns``)."""
        return self.compiled_rules[rule.id]
