"""The administrators' rule files: schema, loading, cross-file checks and hot reload.

    rules/departments.yaml   offices (id, name, aliases, delivery folder) and document types
    rules/classes.yaml       classification rules: evidence -> department / doctype / fields
    rules/routes.yaml        if-then routes: conditions -> actions (deliver, copy, review, ...)
    rules/tests.yaml         expectation cases for ``semantha rules test``
    rules/gui.yaml           GUI scripts (another module); only their names are checked here

Every problem is reported as ``file:line:col: message — hint`` so that a person who
is not a programmer can find the spot to change. ``load_ruleset`` refuses files with
errors; ``check_rules`` also returns warnings (rules that match far too much, routes
that can never be reached, ...). Patterns are compiled once here, with the ``regex``
module so that matching can run with a timeout.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal, TypeVar

import regex
import structlog
import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from semantha.errors import ConfigError
from semantha.yamlfile import did_you_mean, key_names, locate, read_yaml

log = structlog.get_logger(__name__)

M = TypeVar("M", bound=BaseModel)

DEPARTMENTS_FILE = "departments.yaml"
CLASSES_FILE = "classes.yaml"
ROUTES_FILE = "routes.yaml"
TESTS_FILE = "tests.yaml"
GUI_FILE = "gui.yaml"
WATCHED_FILES = (DEPARTMENTS_FILE, CLASSES_FILE, ROUTES_FILE, GUI_FILE)

REGIONS: Mapping[str, str] = MappingProxyType(
    {
        "text": "text",
        "first_page": "first page",
        "header": "header",
        "subject": "subject",
        "filename": "file name",
        "source": "source folder",
    }
)
"""Where a rule looks, with the words used in hit reasons; plus ``field:NAME``."""

EXTRACTED_FIELDS = ("recipient", "office_number", "aktenzeichen", "date", "subject")
TEMPLATE_NAMES = (
    "department",
    "department_name",
    "department_folder",
    "doctype",
    "date",
    "year",
    "month",
    "sha",
    "sha256",
    "ext",
    "stem",
    "source",
    "route",
    "confidence",
    "pages",
    "received",
)
"""Values every template can use besides the document's fields (see rules/README.md)."""

MIN_FUZZY_LENGTH = 6
"""Shorter terms must match exactly: too many short words are one OCR error apart."""

_BROAD = (
    "GmbH AG KG e.V. Stadt Gemeinde Herr Frau Sehr geehrte geehrter Damen Herren Grüßen "
    "freundlichen Datum Seite Betreff Straße Str. Rathaus Rathausplatz Telefon Tel Fax "
    "E-Mail Amt Stadtverwaltung Verwaltung Postfach Anlage Anlagen bitte Antrag Schreiben"
)
BROAD_WORDS = frozenset(word.casefold() for word in _BROAD.split())
"""Words found in nearly every letter: as any-word evidence they would match everything."""

TEMPLATE_FIELD = regex.compile(r"\{([^{}]*)\}")
NAME = regex.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# --------------------------------------------------------------------------- schema


def _number_as_text(value: Any) -> Any:
    # Office ids are numbers to people: "id: 63" means "63", not an error.
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Text = Annotated[str, BeforeValidator(_number_as_text)]
"""A string that may be written as a bare number in YAML (office ids, folders)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _check_region(value: str) -> str:
    if value in REGIONS:
        return value
    if value.startswith("field:") and NAME.fullmatch(value[len("field:") :]):
        return value
    hint = did_you_mean(value, [*REGIONS, *(f"field:{f}" for f in EXTRACTED_FIELDS)])
    raise ValueError(
        f"unknown region '{value}'{hint} (use one of {', '.join(REGIONS)} or field:NAME)"
    )


def _check_template(value: str) -> str:
    for content in TEMPLATE_FIELD.findall(value):
        names = content.split("|")
        if not all(NAME.fullmatch(n.strip()) for n in names):
            raise ValueError(
                f"'{{{content}}}' is not a template value; write {{name}} or {{name|fallback}}"
            )
    if regex.search(r"(?<!\{)\{(?![^{}]*\})|(?<!\{[^{}]*)\}", value):
        raise ValueError("unbalanced '{' or '}' in template")
    return value


def render_template(
    template: str, values: Mapping[str, str], clean: Callable[[str], str] | None = None
) -> str:
    """Fill ``{name}`` and ``{name|fallback}`` from ``values`` (missing -> empty text).

    ``clean`` is applied to each value before it is inserted (route uses it so that no
    value can add a path separator).
    """

    def fill(match: regex.Match[str]) -> str:
        for name in match.group(1).split("|"):
            value = values.get(name.strip(), "")
            value = clean(value) if clean is not None else value
            if value:
                return value
        return ""

    return str(TEMPLATE_FIELD.sub(fill, template))


def template_names(value: str) -> list[str]:
    """The value names a template uses, including fallbacks: ``{a|b}`` -> a, b."""
    return [n.strip() for content in TEMPLATE_FIELD.findall(value) for n in content.split("|")]


class Department(_Strict):
    """One office. ``aliases`` are other names found in address blocks and routing slips."""

    id: Text = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    folder: str = ""

    @property
    def delivery_folder(self) -> str:
        return self.folder or f"{self.id}-{self.name}"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class DepartmentsFile(_Strict):
    organisation: str = ""
    doctypes: tuple[str, ...] = ()
    departments: tuple[Department, ...] = Field(min_length=1)


class ClassRule(_Strict):
    """Evidence -> department and/or doctype (and fields). Exactly one match kind."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    description: str = ""
    in_: tuple[str, ...] = Field(("text",), alias="in")
    any: tuple[str, ...] | None = None
    all: tuple[str, ...] | None = None
    phrase: str | None = None
    regex: str | None = None
    fuzzy: tuple[str, ...] | None = None
    office_name: bool = False
    min_score: float = Field(90.0, ge=50, le=100)
    case_sensitive: bool = False
    whole_words: bool = True
    timeout_ms: int = Field(100, ge=1, le=5000)
    department: Text | None = None
    doctype: str | None = None
    fields: Mapping[str, str] = Field(default_factory=dict)
    weight: float = Field(0.5, ge=0, le=10)
    priority: int = 0

    @field_validator("in_", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @field_validator("in_")
    @classmethod
    def _regions(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("name at least one region")
        return tuple(_check_region(v) for v in value)

    @field_validator("department", "doctype")
    @classmethod
    def _label_template(cls, value: str | None) -> str | None:
        return None if value is None else _check_template(value)

    @field_validator("fields")
    @classmethod
    def _field_templates(cls, value: Mapping[str, str]) -> Mapping[str, str]:
        for name, template in value.items():
            if not NAME.fullmatch(name):
                raise ValueError(f"field name '{name}' must be letters, digits and _")
            _check_template(template)
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> ClassRule:
        kinds = self.match_kinds
        if len(kinds) != 1:
            found = f"found {', '.join(kinds)}" if kinds else "found none"
            raise ValueError(
                f"rule '{self.id}' needs exactly one of any, all, phrase, regex, fuzzy, "
                f"office_name ({found})"
            )
        if self.office_name and self.department is not None:
            raise ValueError("office_name votes for the office it finds; remove 'department'")
        groups = self.regex is not None and "(?P<" in self.regex
        if not (self.office_name or self.department or self.doctype or self.fields or groups):
            raise ValueError(
                f"rule '{self.id}' sets nothing: add department, doctype, fields "
                "or a named group (?P<name>...) to its regex"
            )
        for terms in (self.any, self.all, self.fuzzy):
            if terms is not None and not [t for t in terms if t.strip()]:
                raise ValueError(f"rule '{self.id}' has an empty word list")
        return self

    @property
    def match_kinds(self) -> list[str]:
        values = {
            "any": self.any,
            "all": self.all,
            "phrase": self.phrase,
            "regex": self.regex,
            "fuzzy": self.fuzzy,
        }
        kinds = [k for k, v in values.items() if v is not None]
        return [*kinds, "office_name"] if self.office_name else kinds

    @property
    def kind(self) -> str:
        return self.match_kinds[0]

    @property
    def votes(self) -> bool:
        return self.office_name or self.department is not None or self.doctype is not None


class ClassesFile(_Strict):
    rules: tuple[ClassRule, ...] = ()

    @field_validator("rules", mode="before")
    @classmethod
    def _empty(cls, value: Any) -> Any:
        return () if value is None else value  # "rules:" with nothing below it


class Bounds(_Strict):
    at_least: float | None = None
    at_most: float | None = None
    below: float | None = None
    above: float | None = None

    @model_validator(mode="after")
    def _something(self) -> Bounds:
        if all(v is None for v in (self.at_least, self.at_most, self.below, self.above)):
            raise ValueError("give at least one of at_least, at_most, below, above")
        return self

    def contains(self, value: float) -> bool:
        return (
            (self.at_least is None or value >= self.at_least)
            and (self.at_most is None or value <= self.at_most)
            and (self.below is None or value < self.below)
            and (self.above is None or value > self.above)
        )


class FieldTest(_Strict):
    present: bool | None = None
    equals: Text | None = None
    regex: str | None = None

    @model_validator(mode="after")
    def _something(self) -> FieldTest:
        if self.present is None and self.equals is None and self.regex is None:
            raise ValueError("give present, equals or regex")
        return self


Labels = Text | tuple[Text, ...] | None


class Condition(_Strict):
    """All keys given must hold. ``department: null`` means "no department decided"."""

    department: Labels = None
    doctype: Labels = None
    confidence: Bounds | None = None
    doctype_confidence: Bounds | None = None
    method: tuple[Literal["rule", "model", "none"], ...] | None = None
    fields: Mapping[str, FieldTest] | None = None
    pages: Bounds | None = None
    source: Labels = None
    all_: tuple[Condition, ...] | None = Field(None, alias="all")
    any_: tuple[Condition, ...] | None = Field(None, alias="any")
    not_: Condition | None = Field(None, alias="not")

    @field_validator("method", mode="before")
    @classmethod
    def _method_list(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @property
    def given(self) -> frozenset[str]:
        """Keys the administrator wrote (None is a value for department/doctype)."""
        return frozenset(self.model_fields_set)


class DeliverAction(_Strict):
    folder: str = "{department_folder}/{doctype}"
    name: str = "{date}_{aktenzeichen|sha}.{ext}"
    searchable_pdf: bool = Field(
        False,
        description="deliver a PDF of the scan with its recognised text as an invisible, "
        "searchable layer ({ext} becomes pdf) instead of the scanned file",
    )

    @field_validator("folder", "name")
    @classmethod
    def _templates(cls, value: str) -> str:
        _check_template(value)
        if value.startswith(("/", "\\")) or regex.match(r"^[A-Za-z]:", value):
            raise ValueError(f"'{value}' must be relative: it is placed below dms_root")
        if ".." in regex.split(r"[/\\]", value):
            raise ValueError(f"'{value}' must not contain '..'")
        return value


class ReviewAction(_Strict):
    reason: str = "needs a person to decide"

    @field_validator("reason")
    @classmethod
    def _template(cls, value: str) -> str:
        return _check_template(value)


class GuiAction(_Strict):
    script: str = Field(min_length=1)
    values: Mapping[str, str] = Field(default_factory=dict)

    @field_validator("values")
    @classmethod
    def _templates(cls, value: Mapping[str, str]) -> Mapping[str, str]:
        for template in value.values():
            _check_template(template)
        return value


class NotifyAction(_Strict):
    """A line in the notification log ``<work>/notifications/<channel>.jsonl``."""

    channel: str = "notifications"
    message: str = "{route}: {department} {doctype} {sha}"

    @field_validator("channel")
    @classmethod
    def _channel(cls, value: str) -> str:
        if not regex.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}", value):
            raise ValueError(f"'{value}' must be one plain name (letters, digits, . _ -)")
        return value

    @field_validator("message")
    @classmethod
    def _template(cls, value: str) -> str:
        return _check_template(value)


class RouteAction(_Strict):
    """Exactly one of deliver, copy, review, gui, notify."""

    deliver: DeliverAction | None = None
    copy_: DeliverAction | None = Field(None, alias="copy")
    review: ReviewAction | None = None
    gui: GuiAction | None = None
    notify: NotifyAction | None = None

    @model_validator(mode="before")
    @classmethod
    def _empty_means_defaults(cls, data: Any) -> Any:
        # "- deliver:" with nothing after it means "deliver with the default layout".
        if isinstance(data, dict):
            return {k: ({} if v is None else v) for k, v in data.items()}
        return data

    @model_validator(mode="after")
    def _exactly_one(self) -> RouteAction:
        if len(self.model_fields_set) != 1:
            raise ValueError("each action is exactly one of deliver, copy, review, gui, notify")
        return self

    @property
    def kind(self) -> Literal["deliver", "copy", "review", "gui", "notify"]:
        name = next(iter(self.model_fields_set))
        return "copy" if name == "copy_" else name  # type: ignore[return-value]


class Route(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    description: str = ""
    when: Condition = Condition()
    actions: tuple[RouteAction, ...] = Field(min_length=1)
    continue_: bool = Field(False, alias="continue")

    @property
    def catch_all(self) -> bool:
        return not self.when.given


class RoutesFile(_Strict):
    routes: tuple[Route, ...] = Field(min_length=1)


class Expectation(_Strict):
    department: Text | None = None
    doctype: str | None = None
    route: str | None = None

    @property
    def given(self) -> frozenset[str]:
        return frozenset(self.model_fields_set)


class TestCase(_Strict):
    """``text`` goes through extract, rules, classify and route; ``file`` through everything."""

    __test__ = False  # not a pytest class

    name: str = Field(min_length=1)
    text: str | None = None
    file: Path | None = None
    source: str = ""
    expect: Expectation

    @model_validator(mode="after")
    def _text_or_file(self) -> TestCase:
        if (self.text is None) == (self.file is None):
            raise ValueError(f"case '{self.name}' needs either text or file")
        if not self.expect.given:
            raise ValueError(
                f"case '{self.name}' expects nothing: add department, doctype or route"
            )
        return self


class TestsFile(_Strict):
    __test__ = False

    cases: tuple[TestCase, ...] = Field(min_length=1)


SCHEMAS: Mapping[str, type[BaseModel]] = MappingProxyType(
    {
        DEPARTMENTS_FILE: DepartmentsFile,
        CLASSES_FILE: ClassesFile,
        ROUTES_FILE: RoutesFile,
        TESTS_FILE: TestsFile,
    }
)


# --------------------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """One finding, printed as ``file:line:col: message — hint``."""

    path: Path
    line: int
    column: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else str(self.path)
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}: {label}{self.message}"


@dataclass
class _File:
    """A parsed rule file with its YAML node tree, for positions."""

    path: Path
    node: yaml.Node | None
    problems: list[Problem] = field(default_factory=list)

    def at(
        self,
        loc: Sequence[str | int],
        message: str,
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        pos = locate(self.node, loc) or (0, 0)
        self.problems.append(Problem(self.path, pos[0], pos[1], message, severity))


UNION_BRANCH = regex.compile(r"^(?:str|int|float|bool|none|.*\[.*\]|function-.*)$")
"""Pydantic names the tried type in a union error's location; people need the key only."""


def _describe(file: _File, error: ValidationError, model: type[BaseModel]) -> None:
    vocabulary = key_names(model)
    seen: set[tuple[str | int, ...]] = set()
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
        file.at(loc, message)


def _parse(path: Path, model: type[M]) -> tuple[M | None, _File]:
    try:
        data, node = read_yaml(path)
    except ConfigError as exc:
        return None, _File(path, None, [_problem_from_text(path, exc.message)])
    file = _File(path, node)
    try:
        return model.model_validate(data if data is not None else {}), file
    except ValidationError as exc:
        _describe(file, exc, model)
        return None, file


def _problem_from_text(path: Path, text: str) -> Problem:
    match = regex.match(r"^.*?:(\d+):(\d+): (.*)$", text, flags=regex.S)
    if match:
        return Problem(path, int(match[1]), int(match[2]), match[3])
    return Problem(path, 0, 0, text.removeprefix(f"{path}: "))


# --------------------------------------------------------------------------- the rule set


@dataclass(frozen=True)
class RuleSet:
    """Everything the rules, classify and route stages need, validated and compiled."""

    directory: Path
    organisation: str
    departments: tuple[Department, ...]
    doctypes: tuple[str, ...]
    rules: tuple[ClassRule, ...]
    routes: tuple[Route, ...]
    gui_scripts: frozenset[str]
    patterns: Mapping[str, regex.Pattern[str]]
    office_patterns: Mapping[str, regex.Pattern[str]]
    compiled_rules: Mapping[str, tuple[regex.Pattern[str], ...]]
    fingerprint: tuple[tuple[str, int, int], ...] = ()

    def department(self, department_id: str | None) -> Department | None:
        return next((d for d in self.departments if d.id == department_id), None)

    @property
    def department_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.departments)

    def pattern(self, source: str) -> regex.Pattern[str]:
        return self.patterns[source]

    def rule_patterns(self, rule: ClassRule) -> tuple[regex.Pattern[str], ...]:
        """The compiled patterns ``rule`` runs (see ``rule_patterns``)."""
        return self.compiled_rules[rule.id]


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


def office_pattern(department: Department) -> str:
    parts = sorted(department.names, key=len, reverse=True)
    return "(?i)" + "|".join(f"(?:{term_pattern(p, True, True)})" for p in parts)


# --------------------------------------------------------------------------- checks


def _compile(file: _File, loc: Sequence[str | int], source: str) -> regex.Pattern[str] | None:
    try:
        pattern = regex.compile(source)
    except regex.error as exc:
        file.at(loc, f"regex does not compile: {exc} — check brackets and escape . ( ) [ ] with \\")
        return None
    try:
        if pattern.fullmatch("", timeout=0.05) is not None:
            file.at(loc, "regex matches the empty text and so every document — require something")
            return None
    except TimeoutError:
        pass
    return pattern


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
    file: _File,
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


def _check_departments(parsed: DepartmentsFile, file: _File) -> None:
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
    file: _File,
    departments: DepartmentsFile | None,
    patterns: dict[str, regex.Pattern[str]],
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
        compiled = [(src, _compile(file, [*loc, rule.kind], src)) for src in rule_patterns(rule)]
        for src, pattern in compiled:
            if pattern is None:
                continue
            patterns[src] = pattern
            if rule.regex is not None and _backtracking_risk(pattern):
                file.at(
                    [*loc, "regex"],
                    "regex can take very long on some texts (nested repetition such as (a+)+) "
                    "— simplify it; at run time it is stopped after timeout_ms",
                    "warning",
                )
        groups = set(patterns[compiled[0][0]].groupindex) if compiled and compiled[0][1] else set()
        for key in ("department", "doctype"):
            template = getattr(rule, key)
            for name in template_names(template) if template else []:
                if name not in groups:
                    file.at([*loc, key], f"'{{{name}}}' is not a named group of this rule's regex")
        _warn_broad(file, loc, rule, organisation_words)
        _warn_fuzzy(file, loc, rule)
        _warn_content_decides(file, loc, rule)


def _warn_broad(
    file: _File, loc: Sequence[str | int], rule: ClassRule, organisation_words: frozenset[str]
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


def _warn_content_decides(file: _File, loc: Sequence[str | int], rule: ClassRule) -> None:
    """A word anywhere in the letter deciding the office by itself is a guess."""
    content_only = set(rule.in_) <= {"text", "first_page"}
    if rule.department is not None and rule.weight >= 1.0 and content_only:
        file.at(
            [*loc, "weight"],
            f"rule '{rule.id}' decides the office from words anywhere in the letter — letters "
            "mention other offices too; give it a weight below 1.0 (evidence) or look in "
            "field:recipient or header",
            "warning",
        )


def _warn_fuzzy(file: _File, loc: Sequence[str | int], rule: ClassRule) -> None:
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
    file: _File,
    loc: list[str | int],
    cond: Condition,
    dep_ids: Sequence[str],
    dep_names: Mapping[str, str],
    doctypes: Sequence[str],
    patterns: dict[str, regex.Pattern[str]],
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
        if test.regex is not None:
            pattern = _compile(file, [*loc, "fields", name, "regex"], test.regex)
            if pattern is not None:
                patterns[test.regex] = pattern
    for key, alias in (("all_", "all"), ("any_", "any")):
        for j, sub in enumerate(getattr(cond, key) or ()):
            _check_condition(file, [*loc, alias, j], sub, dep_ids, dep_names, doctypes, patterns)
    if cond.not_ is not None:
        _check_condition(file, [*loc, "not"], cond.not_, dep_ids, dep_names, doctypes, patterns)


def _flat_constraints(cond: Condition) -> dict[str, Any] | None:
    """The conjunctive constraints of a condition, or None when it is not a simple mapping."""
    if cond.given & {"all_", "any_", "not_"}:
        return None
    return {key: getattr(cond, key) for key in cond.given}


def _check_routes(
    parsed: RoutesFile,
    file: _File,
    departments: DepartmentsFile | None,
    gui_scripts: Mapping[str, frozenset[str]] | None,
    patterns: dict[str, regex.Pattern[str]],
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
        _check_condition(file, [*loc, "when"], route.when, dep_ids, dep_names, doctypes, patterns)
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
    file: _File,
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
    file: _File, parsed: RoutesFile, rules: ClassesFile | None, patterns: Mapping[str, Any]
) -> None:
    known = set(TEMPLATE_NAMES) | set(EXTRACTED_FIELDS)
    for rule in rules.rules if rules else ():
        known |= set(rule.fields)
        for src in rule_patterns(rule):
            if src in patterns:
                known |= set(patterns[src].groupindex)
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


def _gui_scripts(rules_dir: Path) -> tuple[Mapping[str, frozenset[str]] | None, list[Problem]]:
    """Script name -> values it needs, from gui.yaml (None when there is no such file)."""
    from semantha.delivering.guiscripts import load_gui_scripts

    path = rules_dir / GUI_FILE
    if not path.is_file():
        return None, []
    try:
        scripts = load_gui_scripts(rules_dir).scripts
    except ConfigError as exc:
        # the scripts are unknown: report gui.yaml's own problems, not every use of them
        return None, [_problem_from_text(path, line) for line in exc.message.splitlines()]
    return {name: script.needs for name, script in scripts.items()}, []


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
    """Parse and cross-check every rule file; the RuleSet is None when there are errors."""
    stamp = fingerprint(rules_dir)
    deps, dep_file = _parse(rules_dir / DEPARTMENTS_FILE, DepartmentsFile)
    classes, classes_file = _parse(rules_dir / CLASSES_FILE, ClassesFile)
    routes, routes_file = _parse(rules_dir / ROUTES_FILE, RoutesFile)
    gui_scripts, gui_problems = _gui_scripts(rules_dir)
    patterns: dict[str, regex.Pattern[str]] = {}
    if deps is not None:
        _check_departments(deps, dep_file)
    org_words = frozenset(w.casefold() for w in (deps.organisation.split() if deps else ()))
    if classes is not None:
        _check_rules(classes, classes_file, deps, patterns, org_words)
    if routes is not None:
        _check_routes(routes, routes_file, deps, gui_scripts, patterns)
        _check_templates(routes_file, routes, classes, patterns)
    problems = (
        *dep_file.problems,
        *classes_file.problems,
        *routes_file.problems,
        *gui_problems,
    )
    if (
        deps is None
        or classes is None
        or routes is None
        or any(p.severity == "error" for p in problems)
    ):
        return CheckResult(None, tuple(problems))
    ruleset = RuleSet(
        directory=rules_dir,
        organisation=deps.organisation,
        departments=deps.departments,
        doctypes=deps.doctypes,
        rules=classes.rules,
        routes=routes.routes,
        gui_scripts=frozenset(gui_scripts or ()),
        patterns=MappingProxyType(patterns),
        office_patterns=MappingProxyType(
            {d.id: regex.compile(office_pattern(d)) for d in deps.departments}
        ),
        compiled_rules=MappingProxyType(
            {r.id: tuple(patterns[src] for src in rule_patterns(r)) for r in classes.rules}
        ),
        fingerprint=stamp,
    )
    return CheckResult(ruleset, tuple(problems))


def load_ruleset(rules_dir: Path) -> RuleSet:
    """Load and validate the rule files; ConfigError lists every error as file:line:col."""
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
    parsed, file = _parse(path, TestsFile)
    if parsed is None:
        raise ConfigError("\n".join(str(p) for p in file.problems), f"fix the cases in {path.name}")
    return parsed


def json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema per rule file name, for editors (yaml-language-server)."""
    return {
        name.replace(".yaml", ".schema.json"): model.model_json_schema(by_alias=True)
        for name, model in SCHEMAS.items()
    }


# --------------------------------------------------------------------------- hot reload


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


def labels_of(values: Labels) -> tuple[str, ...]:
    """Condition labels as a tuple (a single string is one label)."""
    return (values,) if isinstance(values, str) else tuple(values or ())
