"""The schema of the rule files in rules/: what each key means and which values it takes.

    departments.yaml   offices (id, name, aliases, delivery folder) and document types
    classes.yaml       classification rules: evidence -> department / doctype / fields
    routes.yaml        if-then routes: conditions -> actions (deliver, copy, review, ...)
    tests.yaml         expectation cases for ``semantha rules test``

gui.yaml has its own schema (guiscripts). Checks that need more than one key or
file (unknown office ids, unreachable routes, ...) are in lint.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal

import regex
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from semantha.rulefiles.templates import NAME, check_template
from semantha.yamlfile import did_you_mean

DEPARTMENTS_FILE = "departments.yaml"
CLASSES_FILE = "classes.yaml"
ROUTES_FILE = "routes.yaml"
TESTS_FILE = "tests.yaml"

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

EXTRACTED_FIELDS = (
    "recipient",
    "office_number",
    "aktenzeichen",
    "city_reference",
    "memo_sender",
    "date",
    "subject",
)
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
    "file",
    "source",
    "route",
    "confidence",
    "pages",
    "received",
)
"""Values every template can use besides the document's fields (see rules/README.md)."""

DECIDING_WEIGHT = 1.0
"""Summed weight of the votes for one label at which rules decide it; less is evidence.
The same sum below zero (-1.0 or less) rules the label out."""

OFFICE_GROUP = "office"
"""The named group of departments.yaml's ``file_number`` that holds the office id."""

MIN_FUZZY_LENGTH = 6
"""Shorter terms must match exactly: too many short words are one OCR error apart."""


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
    undecided_doctype: str = Field(
        min_length=1,
        description="what {doctype} is for a letter whose type is not decided; one of "
        "doctypes. A header deciding only this type counts as undecided and is read on",
    )
    file_number: str | None = Field(
        None,
        description="regex of the organisation's own file numbers (Aktenplan), matched at "
        "the start of a reference; its group (?P<office>...) is the office id, e.g. "
        r"'(?P<office>\d{2})(?:\.\d)?[-/.]' for 63-602.14/2025. Rules with "
        "file_number: true use it",
    )
    departments: tuple[Department, ...] = Field(min_length=1)

    @field_validator("file_number")
    @classmethod
    def _office_group(cls, value: str | None) -> str | None:
        if value is not None and f"(?P<{OFFICE_GROUP}>" not in value:
            raise ValueError(
                f"file_number needs the group (?P<{OFFICE_GROUP}>...) around the office id, "
                rf"e.g. '(?P<{OFFICE_GROUP}>\d{{2}})[-/.]'"
            )
        return value


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
    file_number: bool = False
    min_score: float = Field(90.0, ge=50, le=100)
    case_sensitive: bool = False
    whole_words: bool = True
    timeout_ms: int = Field(100, ge=1, le=5000)
    department: Text | None = None
    doctype: str | None = None
    fields: Mapping[str, str] = Field(default_factory=dict)
    weight: float = Field(0.5, ge=-10, le=10)
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
        return None if value is None else check_template(value)

    @field_validator("fields")
    @classmethod
    def _field_templates(cls, value: Mapping[str, str]) -> Mapping[str, str]:
        for name, template in value.items():
            if not NAME.fullmatch(name):
                raise ValueError(f"field name '{name}' must be letters, digits and _")
            check_template(template)
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> ClassRule:
        kinds = self.match_kinds
        if len(kinds) != 1:
            found = f"found {', '.join(kinds)}" if kinds else "found none"
            raise ValueError(
                f"rule '{self.id}' needs exactly one of any, all, phrase, regex, fuzzy, "
                f"office_name, file_number ({found})"
            )
        if self.finds_office and self.department is not None:
            raise ValueError(f"{self.kind} votes for the office it finds; remove 'department'")
        groups = self.regex is not None and "(?P<" in self.regex
        if not (self.finds_office or self.department or self.doctype or self.fields or groups):
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
        flags = {"office_name": self.office_name, "file_number": self.file_number}
        return [*kinds, *(k for k, on in flags.items() if on)]

    @property
    def kind(self) -> str:
        return self.match_kinds[0]

    @property
    def finds_office(self) -> bool:
        """The rule votes for the office its evidence names (office_name, file_number)."""
        return self.office_name or self.file_number

    @property
    def votes(self) -> bool:
        return self.finds_office or self.department is not None or self.doctype is not None


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
    method: tuple[Literal["rule", "model", "none", "human"], ...] | None = None
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
    pdfa: bool = Field(
        False,
        description="deliver the searchable PDF as PDF/A-2b for the eAkte: sRGB output intent, "
        "XMP metadata with the index data ({ext} becomes pdf; implies searchable_pdf)",
    )

    @field_validator("folder", "name")
    @classmethod
    def _templates(cls, value: str) -> str:
        check_template(value)
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
        return check_template(value)


class GuiAction(_Strict):
    script: str = Field(min_length=1)
    values: Mapping[str, str] = Field(default_factory=dict)

    @field_validator("values")
    @classmethod
    def _templates(cls, value: Mapping[str, str]) -> Mapping[str, str]:
        for template in value.values():
            check_template(template)
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
        return check_template(value)


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


def json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema per rule file name, for editors (yaml-language-server)."""
    return {
        name.replace(".yaml", ".schema.json"): model.model_json_schema(by_alias=True)
        for name, model in SCHEMAS.items()
    }


def labels_of(values: Labels) -> tuple[str, ...]:
    """Condition labels as a tuple (a single string is one label)."""
    return (values,) if isinstance(values, str) else tuple(values or ())
