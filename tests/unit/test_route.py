"""route.plan: conditions, first match + continue, actions, and safe paths from hostile values."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import pytest

from semantha.deciding import route
from semantha.records import Action, Decision, Document, Page, Plan, RuleHit, Trace, frozen_map
from semantha.rulefiles.ruleset import RuleSet
from semantha.rulefiles.schema import TEMPLATE_NAMES
from semantha.rulefiles.store import load_ruleset

REPO_RULES = Path(__file__).resolve().parents[2] / "rules"

DEPARTMENTS = """\
doctypes: [Rechnung, Antrag, Gerichtsschreiben, Sonstiges]
undecided_doctype: Sonstiges
departments:
  - {id: "20", name: Kämmerei}
  - {id: "30", name: Rechtsamt}
  - {id: "63", name: Baurechtsamt}
"""


def ruleset_with(
    tmp_path: Path, routes: str, classes: str = "", departments: str = DEPARTMENTS
) -> RuleSet:
    (tmp_path / "departments.yaml").write_text(departments, encoding="utf-8")
    (tmp_path / "classes.yaml").write_text("rules:\n" + classes, encoding="utf-8")
    (tmp_path / "routes.yaml").write_text("routes:\n" + routes, encoding="utf-8")
    return load_ruleset(tmp_path)


def document(
    fields: dict[str, str] | None = None,
    pages: int = 1,
    source_folder: str = "",
    name: str = "scan.pdf",
    text: str = "Text",
) -> Document:
    return Document(
        "0123456789abcdef" * 4,
        Path("/inbox") / name,
        datetime(2025, 6, 30, 12, 0, tzinfo=UTC),
        tuple(Page(i, None, 300, text=text) for i in range(pages)),
        frozen_map(fields),
        source_folder,
    )


def decision(
    department: str | None = "63",
    doctype: str | None = "Antrag",
    confidence: float = 1.0,
    method: str = "rule",
    hits: tuple[RuleHit, ...] = (),
) -> Decision:
    return Decision(department, doctype, confidence, method, Trace(rule_hits=hits))  # type: ignore[arg-type]


def route_of(rs: RuleSet, doc: Document, dec: Decision) -> str:
    return route.plan(doc, dec, rs).route_id


# --------------------------------------------------------------------------- conditions


def test_department_doctype_and_null(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: none, when: {department: null}, actions: [review: {}]}\n"
        "  - {id: bau, when: {department: ['63', '30'], doctype: Antrag}, actions: [deliver: {}]}\n"
        "  - {id: rest, actions: [deliver: {}]}\n",
    )
    assert route_of(rs, document(), decision(None)) == "none"
    assert route_of(rs, document(), decision("30", "Antrag")) == "bau"
    assert route_of(rs, document(), decision("63", "Rechnung")) == "rest"
    assert route_of(rs, document(), decision("63", None)) == "rest"


def test_confidence_and_method(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: low, when: {method: model, confidence: {below: 0.9}}, actions: [review: {}]}\n"
        "  - {id: rest, actions: [deliver: {}]}\n",
    )
    assert route_of(rs, document(), decision(confidence=0.85, method="model")) == "low"
    assert route_of(rs, document(), decision(confidence=0.95, method="model")) == "rest"
    assert route_of(rs, document(), decision(confidence=0.5, method="rule")) == "rest"


def test_fields_present_equal_and_regex(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: noaz, when: {fields: {aktenzeichen: {present: false}}}, actions: [review: {}]}\n"
        "  - {id: eq, when: {fields: {office_number: {equals: '63'}}}, actions: [deliver: {}]}\n"
        "  - id: re\n"
        "    when: {fields: {aktenzeichen: {regex: '^63-6\\d\\d'}}}\n"
        "    actions: [deliver: {}]\n"
        "  - {id: rest, actions: [deliver: {}]}\n",
    )
    dec = decision()
    assert route_of(rs, document({}), dec) == "noaz"
    assert route_of(rs, document({"aktenzeichen": " "}), dec) == "noaz"
    assert route_of(rs, document({"aktenzeichen": "1", "office_number": "63"}), dec) == "eq"
    assert route_of(rs, document({"aktenzeichen": "63-602.1"}), dec) == "re"
    assert route_of(rs, document({"aktenzeichen": "63-502.1"}), dec) == "rest"


def test_fields_set_by_rules_count_in_conditions(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: kd, when: {fields: {kundennummer: {present: true}}}, actions: [review: {}]}\n"
        "  - {id: rest, actions: [deliver: {}]}\n",
        classes="  - {id: kd, regex: 'KD-(?P<kundennummer>\\d+)'}\n",
    )
    assert route_of(rs, document(text="Kunde KD-4711"), decision()) == "kd"
    assert route_of(rs, document(text="Kunde"), decision()) == "rest"


def test_pages_and_source(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - {id: thick, when: {pages: {at_least: 10}}, actions: [review: {}]}\n"
        "  - {id: bau-scanner, when: {source: [scan-bau, scan-63]}, actions: [deliver: {}]}\n"
        "  - {id: rest, actions: [deliver: {}]}\n",
    )
    assert route_of(rs, document(pages=12), decision()) == "thick"
    assert route_of(rs, document(pages=9, source_folder="scan-63"), decision()) == "bau-scanner"
    assert route_of(rs, document(pages=9, source_folder="scan-20"), decision()) == "rest"


def test_all_any_not(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - id: combo\n"
        "    when:\n"
        "      all:\n"
        "        - any: [{doctype: Rechnung}, {doctype: Antrag}]\n"
        "        - not: {department: '20'}\n"
        "    actions: [review: {}]\n"
        "  - {id: rest, actions: [deliver: {}]}\n",
    )
    assert route_of(rs, document(), decision("63", "Rechnung")) == "combo"
    assert route_of(rs, document(), decision("63", "Antrag")) == "combo"
    assert route_of(rs, document(), decision("20", "Rechnung")) == "rest"
    assert route_of(rs, document(), decision("63", "Gerichtsschreiben")) == "rest"


# --------------------------------------------------------------------------- order, actions


ORDERED = """\
  - id: invoice-copy
    when: {doctype: Rechnung, not: {department: '20'}}
    continue: true
    actions:
      - copy: {folder: '20-Kämmerei/Rechnungen', name: '{date}_{department}_{sha}.{ext}'}
  - id: court
    when: {doctype: Gerichtsschreiben}
    continue: true
    actions:
      - notify: {channel: rechtsamt, message: 'Gericht: {aktenzeichen|sha}'}
      - gui: {script: dms-import, values: {az: '{aktenzeichen}', amt: '{department_name}'}}
  - id: deliver
    actions: [deliver: {}]
  - id: never
    when: {department: '63'}
    actions: [review: {}]
"""


@pytest.fixture
def ordered(tmp_path: Path) -> RuleSet:
    gui = "scripts:\n  dms-import:\n    steps: [{type: '{az} {amt}'}]\n"
    (tmp_path / "gui.yaml").write_text(gui, encoding="utf-8")
    routes = ORDERED.replace(
        "  - id: never\n    when: {department: '63'}\n    actions: [review: {}]\n", ""
    )
    return ruleset_with(tmp_path, routes)


def test_first_match_wins_and_continue_adds(ordered: RuleSet) -> None:
    doc = document({"date": "2025-03-04"})
    plan = route.plan(doc, decision("63", "Rechnung"), ordered)
    assert plan == Plan(
        "invoice-copy+deliver",
        (
            Action("copy", "20-Kämmerei/Rechnungen/2025-03-04_63_0123456789ab.pdf"),
            Action("deliver", "63-Baurechtsamt/Rechnung/2025-03-04_0123456789ab.pdf"),
        ),
    )
    own = route.plan(doc, decision("20", "Rechnung"), ordered)
    assert own.route_id == "deliver"
    assert [a.kind for a in own.actions] == ["deliver"]


def test_notify_and_gui_actions_render_values(ordered: RuleSet) -> None:
    doc = document({"aktenzeichen": "3 K 12/25"})
    plan = route.plan(doc, decision("30", "Gerichtsschreiben"), ordered)
    assert plan.route_id == "court+deliver"
    notify, gui, deliver = plan.actions
    assert (notify.kind, notify.target, dict(notify.params)) == (
        "notify",
        "rechtsamt",
        {"message": "Gericht: 3 K 12/25"},
    )
    assert (gui.kind, gui.target, dict(gui.params)) == (
        "gui",
        "dms-import",
        {"az": "3 K 12/25", "amt": "Rechtsamt"},
    )
    assert deliver.target == "30-Rechtsamt/Gerichtsschreiben/2025-06-30_3 K 12-25.pdf"


def test_no_matching_route_means_review(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path, "  - {id: only-63, when: {department: '63'}, actions: [deliver: {}]}\n"
    )
    plan = route.plan(document(), decision("30"), rs)
    assert plan.route_id == route.NO_ROUTE
    assert [a.kind for a in plan.actions] == ["review"]


def test_undecided_department_always_goes_to_review(ordered: RuleSet) -> None:
    dec = Decision(None, "Rechnung", 0.4, "none", Trace(reason="model unsure"))
    plan = route.plan(document(), dec, ordered)
    assert [a.kind for a in plan.actions] == ["review"]
    assert plan.actions[0].params["reason"] == "model unsure"


def test_review_action_renders_its_reason(tmp_path: Path) -> None:
    rs = ruleset_with(
        tmp_path, "  - {id: r, actions: [review: {reason: 'prüfen: {doctype} für {department}'}]}\n"
    )
    plan = route.plan(document(), decision("63", None), rs)
    assert plan.actions == (
        Action("review", "", frozen_map({"reason": "prüfen: Sonstiges für 63"})),
    )


def test_default_layout_with_aktenzeichen_and_fallback_to_sha(tmp_path: Path) -> None:
    rs = ruleset_with(tmp_path, "  - {id: d, actions: [deliver: {}]}\n")
    with_az = document({"aktenzeichen": "63-602.14/2025", "date": "2025-03-04"})
    assert route.plan(with_az, decision(), rs).actions[0].target == (
        "63-Baurechtsamt/Antrag/2025-03-04_63-602.14-2025.pdf"
    )
    without = document(name="Scan 7.TIF")
    assert route.plan(without, decision(doctype=None), rs).actions[0].target == (
        "63-Baurechtsamt/Sonstiges/2025-06-30_0123456789ab.tif"
    )


def test_an_undecided_doctype_is_the_one_departments_yaml_names(tmp_path: Path) -> None:
    renamed = DEPARTMENTS.replace("Sonstiges", "Allgemeines")
    rs = ruleset_with(tmp_path, "  - {id: d, actions: [deliver: {}]}\n", departments=renamed)
    assert route.plan(document(), decision(doctype=None), rs).actions[0].target == (
        "63-Baurechtsamt/Allgemeines/2025-06-30_0123456789ab.pdf"
    )


def test_fields_of_supporting_rule_hits_fill_templates(tmp_path: Path) -> None:
    rs = ruleset_with(tmp_path, "  - {id: d, actions: [deliver: {name: '{vorgang}.{ext}'}]}\n")
    agree = RuleHit("r", "department", "63", 1.0, "x", frozen_map({"vorgang": "V-12"}))
    other = RuleHit("s", "department", "30", 0.2, "y", frozen_map({"vorgang": "FALSCH"}))
    plan = route.plan(document(), decision(hits=(other, agree)), rs)
    assert plan.actions[0].target == "63-Baurechtsamt/Antrag/V-12.pdf"


def test_extension_is_added_when_the_name_template_forgets_it(tmp_path: Path) -> None:
    rs = ruleset_with(tmp_path, "  - {id: d, actions: [deliver: {name: '{sha}'}]}\n")
    assert route.plan(document(), decision(), rs).actions[0].target.endswith("/0123456789ab.pdf")


# --------------------------------------------------------------------------- sanitising

HOSTILE = [
    "../../etc/x",
    "../..",
    "/etc/passwd",
    "C:\\Windows\\System32\\x",
    "\\\\server\\share\\x",
    "a\x00b\x1fc\nd",
    "CON",
    "nul.txt",
    "LPT1",
    "x" * 500,
    "ü" * 300 + ".pdf",
    "\U0001f4e8" * 100,
    "..",
    ".",
    " . ",
    "\u202etxt.exe",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_no_value_can_leave_dms_root(tmp_path: Path, value: str) -> None:
    rs = ruleset_with(
        tmp_path,
        "  - id: d\n"
        "    actions:\n"
        "      - deliver: {folder: '{department_folder}/{aktenzeichen}', name: '{aktenzeichen}'}\n"
        "      - copy: {folder: '{aktenzeichen}/{subject}', name: '{date}_{subject}.{ext}'}\n",
    )
    doc = document({"aktenzeichen": value, "subject": value, "date": value})
    root = tmp_path / "dms"
    for action in route.plan(doc, decision(), rs).actions:
        path = PurePosixPath(action.target)
        assert not path.is_absolute()
        assert ".." not in path.parts
        for part in path.parts:
            assert part not in ("", ".")
            assert len(part) <= route.MAX_COMPONENT
            assert len(part.encode("utf-8")) <= route.MAX_COMPONENT_BYTES
            assert not any(ord(c) < 32 or c in '\\:*?"<>|' for c in part)
            assert part.split(".")[0].upper() not in route.RESERVED
            assert not part.endswith((" ", "."))
        assert (root / action.target).resolve().is_relative_to(root.resolve())
        assert action.target.endswith(".pdf")


def test_sanitising_keeps_readable_values() -> None:
    assert route.clean_value("63-602.14/2025") == "63-602.14-2025"
    assert route.clean_component("Müller  &  Söhne") == "Müller & Söhne"
    assert route.clean_component("CON.pdf") == "_CON.pdf"
    long = route.clean_component("a" * 300 + ".pdf")
    assert len(long) == route.MAX_COMPONENT and long.endswith(".pdf")
    assert route.safe_relative("a/../b/./c") == "a/b/c"


# --------------------------------------------------------------------------- default routes


def test_default_routes(tmp_path: Path) -> None:
    rs = load_ruleset(REPO_RULES)
    invoice = route.plan(document({"date": "2025-03-04"}), decision("66", "Rechnung"), rs)
    assert invoice.route_id == "invoice-copy-kaemmerei+deliver"
    assert invoice.actions[0].target.startswith("20-Kämmerei/Rechnungseingang/2025/")
    assert invoice.actions[1].target.startswith("66-Tiefbauamt/Rechnung/2025-03-04_")
    low = route.plan(document(), decision("63", confidence=0.6, method="model"), rs)
    assert low.route_id == "review-low-confidence"
    none = route.plan(document(), Decision(None, None, 0.0, "none"), rs)
    assert none.route_id == "review-undecided"


def test_templates_can_name_the_scan_for_gui_scripts() -> None:
    document = Document(
        "ab" * 32, Path("/srv/work/inflight/brief.pdf"), datetime.now(UTC), (Page(0, None, 300),)
    )
    decision = Decision("63", "Antrag", 1.0, "rule")
    values = route.template_values(document, decision, load_ruleset(REPO_RULES), "deliver", {})
    assert values["file"] == "/srv/work/inflight/brief.pdf"


def test_rules_check_knows_every_built_in_template_value() -> None:
    document = Document("ab" * 32, Path("/inbox/brief.pdf"), datetime.now(UTC), ())
    decision = Decision("63", "Antrag", 1.0, "rule")
    values = route.template_values(document, decision, load_ruleset(REPO_RULES), "deliver", {})
    assert set(values) == set(TEMPLATE_NAMES)
