"""Routing: the if-then routes of routes.yaml turned into a Plan. Pure: no I/O.

Routes are tried in order; the first whose ``when`` holds wins, unless it says
``continue: true`` (its actions are added and the next routes are tried too).
Templates are filled with the decision, the document's fields and a few built-in
values; every value is sanitised first, so that no OCR'd text can name a path
outside dms_root (``..``, absolute paths, drive letters, control characters,
reserved Windows names, overlong names). A document without a department always
ends in review.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from pathlib import PurePosixPath

import regex
import structlog

from semantha.deciding import rules
from semantha.records import PDFA, SEARCHABLE_PDF, Action, Decision, Document, Plan, frozen_map
from semantha.rulefiles.ruleset import RuleSet
from semantha.rulefiles.schema import Condition, RouteAction, labels_of
from semantha.rulefiles.templates import render_template

log = structlog.get_logger(__name__)

NO_ROUTE = "(no route)"
MAX_COMPONENT = 120
"""Characters per folder or file name: far below every file system's limit."""
MAX_COMPONENT_BYTES = 240
"""UTF-8 bytes per name: most Linux file systems allow 255."""

UNSAFE_CHARS = regex.compile(r'[\\/:*?"<>|]')
CONTROL = regex.compile(r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]")
RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{p}{n}" for p in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")]
)
FIELD_REGEX_TIMEOUT_S = 0.1


# --------------------------------------------------------------------------- conditions


def matches(
    cond: Condition,
    document: Document,
    decision: Decision,
    fields: Mapping[str, str],
    ruleset: RuleSet,
) -> bool:
    """True when every part of ``cond`` holds (an empty condition always holds)."""
    given = cond.given
    checks: tuple[tuple[str, Callable[[], bool]], ...] = (
        ("department", lambda: _label_ok(cond.department, decision.department)),
        ("doctype", lambda: _label_ok(cond.doctype, decision.doctype)),
        (
            "confidence",
            lambda: cond.confidence is None or cond.confidence.contains(decision.confidence),
        ),
        (
            "doctype_confidence",
            lambda: (
                cond.doctype_confidence is None
                or cond.doctype_confidence.contains(decision.doctype_confidence)
            ),
        ),
        ("method", lambda: cond.method is None or decision.method in cond.method),
        ("fields", lambda: _fields_ok(cond, fields, ruleset)),
        ("pages", lambda: cond.pages is None or cond.pages.contains(len(document.content_pages))),
        ("source", lambda: _label_ok(cond.source, document.source_folder)),
        (
            "all_",
            lambda: all(matches(c, document, decision, fields, ruleset) for c in cond.all_ or ()),
        ),
        (
            "any_",
            lambda: any(matches(c, document, decision, fields, ruleset) for c in cond.any_ or ()),
        ),
        (
            "not_",
            lambda: (
                cond.not_ is None or not matches(cond.not_, document, decision, fields, ruleset)
            ),
        ),
    )
    return all(check() for key, check in checks if key in given)


def _label_ok(expected: str | tuple[str, ...] | None, actual: str | None) -> bool:
    if expected is None:
        return actual is None or actual == ""
    return actual in labels_of(expected)


def _fields_ok(cond: Condition, fields: Mapping[str, str], ruleset: RuleSet) -> bool:
    for name, test in (cond.fields or {}).items():
        value = fields.get(name, "")
        if test.present is not None and bool(value.strip()) != test.present:
            return False
        if test.equals is not None and value.strip() != test.equals:
            return False
        if test.regex is not None and not _field_regex(ruleset, test.regex, value, name):
            return False
    return True


def _field_regex(ruleset: RuleSet, source: str, value: str, name: str) -> bool:
    try:
        return ruleset.pattern(source).search(value, timeout=FIELD_REGEX_TIMEOUT_S) is not None
    except TimeoutError:
        log.warning("rules.regex_timeout", field=name, hint="simplify the route's field regex")
        return False


# --------------------------------------------------------------------------- sanitising


def clean_text(value: str) -> str:
    """No control characters (NUL, newlines, bidi marks); runs of spaces become one."""
    value = unicodedata.normalize("NFC", value)
    return " ".join(str(CONTROL.sub(" ", value)).split())


def clean_value(value: str) -> str:
    """A template value that can never add a path separator or a drive letter."""
    return str(UNSAFE_CHARS.sub("-", clean_text(value)))


def clean_component(name: str) -> str:
    """One safe folder or file name: no traversal, no reserved name, not too long."""
    name = str(UNSAFE_CHARS.sub("-", clean_text(name))).strip(" .")
    if not name:
        return "_"
    stem = name.partition(".")[0]
    if stem.rstrip(" ").upper() in RESERVED:
        name = f"_{name}"
    return _shortened(name) if _too_long(name) else name


def _too_long(name: str) -> bool:
    return len(name) > MAX_COMPONENT or len(name.encode("utf-8")) > MAX_COMPONENT_BYTES


def _shortened(name: str) -> str:
    """Cut the middle of an over-long name, keeping a short extension."""
    stem, dot, suffix = name.rpartition(".")
    keep = f".{suffix}" if dot and stem and len(suffix) <= 10 else ""
    body = name[: len(name) - len(keep)]
    while body and _too_long(body + keep):
        body = body[:-1]
    return (body.rstrip(" .") or "_") + keep


def safe_relative(rendered: str) -> str:
    """Join the template's own '/' separators into a path that stays below its root."""
    parts = [clean_component(p) for p in rendered.split("/") if p.strip(" .")]
    path = PurePosixPath(*parts) if parts else PurePosixPath("_")
    # guaranteed by clean_component; kept as a last line of defence
    if path.is_absolute() or ".." in path.parts:
        raise ValueError(f"unsafe path {path}")
    return str(path)


# --------------------------------------------------------------------------- values


def template_values(
    document: Document,
    decision: Decision,
    ruleset: RuleSet,
    route_id: str,
    fields: Mapping[str, str],
) -> dict[str, str]:
    """The fields (see ``merged_fields``) plus the built-in values."""
    department = ruleset.department(decision.department)
    date = fields.get("date", "") or document.received_at.date().isoformat()
    ext = document.source.suffix.lstrip(".").lower()
    return {
        **fields,
        "department": decision.department or "",
        "department_name": department.name if department else "",
        "department_folder": department.delivery_folder if department else "",
        "doctype": decision.doctype or ruleset.undecided_doctype,
        "date": date,
        "year": date[:4],
        "month": date[5:7],
        "sha": document.id[:12],
        "sha256": document.id,
        "ext": ext,
        "stem": document.source.stem,
        # for GUI scripts that attach the scan in a DMS dialog; sanitised in paths like any value
        "file": str(document.source),
        "source": document.source_folder,
        "route": route_id,
        "confidence": f"{decision.confidence:.2f}",
        "pages": str(len(document.content_pages)),
        "received": document.received_at.date().isoformat(),
    }


def merged_fields(
    document: Document,
    decision: Decision,
    ruleset: RuleSet,
    corrected: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Document fields, then fields of rule hits that agree with the decision, then field
    rules, then the fields a person ``corrected`` (they win; an empty one is removed)."""
    fields = dict(document.fields)
    chosen = {"department": decision.department, "doctype": decision.doctype}
    for hit in decision.trace.rule_hits:
        if chosen.get(hit.facet) == hit.label:
            fields.update(hit.fields)
    fields.update(rules.rule_fields(document, ruleset))
    for name, value in (corrected or {}).items():
        if value:
            fields[name] = value
        else:  # a person emptied it: the template's fallback applies
            fields.pop(name, None)
    return fields


# --------------------------------------------------------------------------- plan


def _render(action: RouteAction, values: Mapping[str, str]) -> Action:
    kind = action.kind
    target = action.deliver or action.copy_
    if target is not None:
        searchable = target.searchable_pdf or target.pdfa  # a PDF/A is a searchable PDF
        if searchable:
            values = {**values, "ext": "pdf"}  # the delivered file is a PDF whatever was scanned
        folder = render_template(target.folder, values, clean_value)
        name = clean_component(render_template(target.name, values, clean_value))
        ext = values.get("ext", "")
        if ext and not name.lower().endswith(f".{ext}"):
            name = clean_component(f"{name}.{ext}")
        params = {SEARCHABLE_PDF: "true"} if searchable else {}
        if target.pdfa:
            params[PDFA] = "true"
        return Action(kind, safe_relative(f"{folder}/{name}"), frozen_map(params))
    if action.review is not None:
        reason = clean_text(render_template(action.review.reason, values))
        return Action("review", "", frozen_map({"reason": reason}))
    if action.gui is not None:
        params = {k: clean_text(render_template(v, values)) for k, v in action.gui.values.items()}
        return Action("gui", action.gui.script, frozen_map(params))
    assert action.notify is not None  # RouteAction holds exactly one kind
    message = clean_text(render_template(action.notify.message, values))
    return Action("notify", action.notify.channel, frozen_map({"message": message}))


def plan(
    document: Document,
    decision: Decision,
    ruleset: RuleSet,
    corrected: Mapping[str, str] | None = None,
) -> Plan:
    """The actions for this document: first matching route wins, ``continue`` adds on.
    ``corrected``: fields a person set, which win over what was read."""
    fields = merged_fields(document, decision, ruleset, corrected)
    matched: list[str] = []
    actions: list[Action] = []
    for route in ruleset.routes:
        if not matches(route.when, document, decision, fields, ruleset):
            continue
        matched.append(route.id)
        values = template_values(document, decision, ruleset, route.id, fields)
        actions += [_render(a, values) for a in route.actions]
        if not route.continue_:
            break
    if not matched:
        review = Action("review", "", frozen_map({"reason": "no route matched"}))
        return Plan(NO_ROUTE, (review,))
    return Plan("+".join(matched), _review_if_undecided(decision, tuple(actions)))


def _review_if_undecided(decision: Decision, actions: tuple[Action, ...]) -> tuple[Action, ...]:
    """Without a department nothing is delivered: a person decides."""
    if decision.department is not None:
        return actions
    kept = tuple(a for a in actions if a.kind in ("review", "notify"))
    if any(a.kind == "review" for a in kept):
        return kept
    reason = decision.trace.reason or "no department decided"
    return (Action("review", "", frozen_map({"reason": reason})), *kept)
