"""rulefiles: schema, cross-file checks with file:line:col messages, and hot reload."""

from __future__ import annotations

import os
from pathlib import Path

import pydantic
import pytest
import structlog
import yaml
from structlog.testing import capture_logs

from semantha import yamlfile
from semantha.errors import ConfigError
from semantha.rulefiles import schema
from semantha.rulefiles import store as rule_store
from semantha.rulefiles.lint import check_rules
from semantha.rulefiles.store import RuleStore, load_ruleset

REPO_RULES = Path(__file__).resolve().parents[2] / "rules"

DEPARTMENTS = """\
organisation: Stadt Musterstadt
doctypes: [Rechnung, Antrag, Sonstiges]
undecided_doctype: Sonstiges
departments:
  - id: "20"
    name: Kämmerei
  - id: "63"
    name: Baurechtsamt
    aliases: [Bauaufsicht]
  - id: "66"
    name: Tiefbauamt
"""
CLASSES = """\
rules:
  - id: recipient
    in: field:recipient
    office_name: true
    weight: 1.0
"""
ROUTES = """\
routes:
  - id: review
    when: {department: null}
    actions:
      - review: {reason: none}
  - id: deliver
    actions:
      - deliver:
"""


def write_rules(
    folder: Path,
    departments: str = DEPARTMENTS,
    classes: str = CLASSES,
    routes: str = ROUTES,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "departments.yaml").write_text(departments, encoding="utf-8")
    (folder / "classes.yaml").write_text(classes, encoding="utf-8")
    (folder / "routes.yaml").write_text(routes, encoding="utf-8")
    return folder


def messages(folder: Path) -> list[str]:
    return [str(p) for p in check_rules(folder).problems]


def test_default_rules_load_with_the_twenty_offices() -> None:
    ruleset = load_ruleset(REPO_RULES)
    assert len(ruleset.departments) == 20
    assert ruleset.department("63") is not None
    assert ruleset.department("63").delivery_folder == "63-Baurechtsamt"  # type: ignore[union-attr]
    assert "Rechnung" in ruleset.doctypes
    assert check_rules(REPO_RULES).problems == ()


def test_minimal_rules_are_valid(tmp_path: Path) -> None:
    result = check_rules(write_rules(tmp_path))
    assert result.problems == ()
    assert result.ruleset is not None
    assert [r.id for r in result.ruleset.routes] == ["review", "deliver"]


def test_unknown_action_names_line_column_and_suggestion(tmp_path: Path) -> None:
    routes = ROUTES.replace("      - deliver:\n", "      - delivr:\n")
    found = messages(write_rules(tmp_path, routes=routes))
    line = routes.splitlines().index("      - delivr:") + 1
    assert (
        f"{tmp_path / 'routes.yaml'}:{line}:9: unknown action 'delivr' — did you mean 'deliver'?"
        in found
    )


def test_unknown_condition_is_named_as_such(tmp_path: Path) -> None:
    routes = ROUTES.replace("{department: null}", "{departmnet: null}")
    found = messages(write_rules(tmp_path, routes=routes))
    assert any(
        ":3:" in m and "unknown condition 'departmnet'" in m and "'department'" in m for m in found
    )


def test_load_ruleset_raises_config_error_listing_every_problem(tmp_path: Path) -> None:
    routes = ROUTES.replace("      - deliver:\n", "      - delivr:\n")
    classes = CLASSES.replace("field:recipient", "hedaer")
    write_rules(tmp_path, classes=classes, routes=routes)
    with pytest.raises(ConfigError) as caught:
        load_ruleset(tmp_path)
    text = caught.value.message
    assert "classes.yaml:3:" in text and "unknown region 'hedaer' — did you mean 'header'?" in text
    assert "routes.yaml:" in text and "unknown action 'delivr'" in text
    assert "rules check" in caught.value.hint


def test_unknown_department_id_with_suggestion(tmp_path: Path) -> None:
    classes = """\
rules:
  - id: bau
    any: [Bauantrag]
    department: "633"
"""
    found = messages(write_rules(tmp_path, classes=classes))
    assert any(
        "classes.yaml:4:5: unknown department '633' — did you mean '63'?" in m for m in found
    )
    found = messages(write_rules(tmp_path, classes=classes.replace('"633"', '"99"')))
    assert any("unknown department '99' — known: 20, 63, 66" in m for m in found)


def test_department_name_instead_of_id_says_which_id(tmp_path: Path) -> None:
    routes = ROUTES.replace("{department: null}", "{department: Baurechtsamt}")
    found = messages(write_rules(tmp_path, routes=routes))
    assert any("'Baurechtsamt' is a name; use the department id '63'" in m for m in found)


def test_unknown_doctype_in_rule(tmp_path: Path) -> None:
    classes = """\
rules:
  - id: r
    any: [Rechnungsnummer]
    doctype: Rechnug
"""
    found = messages(write_rules(tmp_path, classes=classes))
    assert any(
        "classes.yaml:4:5: unknown doctype 'Rechnug' — did you mean 'Rechnung'?" in m for m in found
    )


def test_regex_that_does_not_compile(tmp_path: Path) -> None:
    classes = """\
rules:
  - id: broken
    regex: 'Az\\.: (63'
    department: "63"
"""
    found = messages(write_rules(tmp_path, classes=classes))
    assert any("classes.yaml:3:5: regex does not compile" in m for m in found)


def test_regex_matching_the_empty_text_is_refused(tmp_path: Path) -> None:
    classes = """\
rules:
  - id: everything
    regex: '(?:Bau)*'
    department: "63"
"""
    result = check_rules(write_rules(tmp_path, classes=classes))
    assert result.ruleset is None
    assert any("matches the empty text" in str(p) for p in result.errors)


def test_catastrophic_regex_is_a_warning(tmp_path: Path) -> None:
    classes = """\
rules:
  - id: slow
    regex: '(a|aa)+$'
    department: "63"
"""
    result = check_rules(write_rules(tmp_path, classes=classes))
    assert result.ruleset is not None
    assert any("nested repetition" in str(p) for p in result.warnings)


@pytest.mark.parametrize("word", ["GmbH", "Stadt", "Musterstadt"])
def test_any_word_that_matches_far_too_much_is_warned(tmp_path: Path, word: str) -> None:
    classes = f"""\
rules:
  - id: broad
    any: [Bauantrag, {word}]
    department: "63"
    weight: 0.3
"""
    result = check_rules(write_rules(tmp_path, classes=classes))
    assert result.ruleset is not None
    warned = [str(p) for p in result.warnings]
    assert len(warned) == 1
    assert f"classes.yaml:3:22: warning: '{word}' appears in almost every letter" in warned[0]


def test_route_after_a_catch_all_is_unreachable(tmp_path: Path) -> None:
    routes = (
        ROUTES
        + """\
  - id: invoices
    when: {doctype: Rechnung}
    actions:
      - review:
"""
    )
    found = messages(write_rules(tmp_path, routes=routes))
    line = routes.splitlines().index("  - id: invoices") + 1
    assert any(
        f"routes.yaml:{line}:5: route 'invoices' can never be reached: route 'deliver'" in m
        for m in found
    )


def test_route_shadowed_by_a_more_general_earlier_route(tmp_path: Path) -> None:
    routes = """\
routes:
  - id: bau
    when: {department: "63"}
    actions: [review: {}]
  - id: bau-invoices
    when: {department: "63", doctype: Rechnung}
    actions: [deliver: {}]
  - id: rest
    actions: [deliver: {}]
"""
    found = messages(write_rules(tmp_path, routes=routes))
    assert any("route 'bau-invoices' can never be reached: route 'bau'" in m for m in found)


def test_catch_all_with_continue_shadows_nothing(tmp_path: Path) -> None:
    routes = """\
routes:
  - id: log-everything
    continue: true
    actions: [notify: {channel: all}]
  - id: rest
    actions: [deliver: {}]
"""
    assert check_rules(write_rules(tmp_path, routes=routes)).problems == ()


def test_field_regexes_of_nested_conditions_are_compiled_and_checked(tmp_path: Path) -> None:
    routes = """\
routes:
  - id: not-bau
    when: {any: [{not: {fields: {aktenzeichen: {regex: '^63'}}}}]}
    actions: [review: {}]
  - id: rest
    actions: [deliver: {}]
"""
    ruleset = load_ruleset(write_rules(tmp_path, routes=routes))
    assert ruleset.pattern("^63").search("63-602") is not None
    found = messages(write_rules(tmp_path, routes=routes.replace("'^63'", "'(63'")))
    assert any("routes.yaml:3:49: regex does not compile" in m for m in found)


def test_rule_with_two_match_kinds(tmp_path: Path) -> None:
    classes = """\
rules:
  - id: two
    any: [Bauantrag]
    regex: 'Bau'
    department: "63"
"""
    found = messages(write_rules(tmp_path, classes=classes))
    assert any("classes.yaml:2:5:" in m and "exactly one of any, all" in m for m in found)


def test_template_must_stay_below_dms_root(tmp_path: Path) -> None:
    routes = ROUTES.replace(
        "      - deliver:\n", "      - deliver: {folder: '/etc/{department}'}\n"
    )
    found = messages(write_rules(tmp_path, routes=routes))
    assert any("must be relative" in m for m in found)
    routes = ROUTES.replace("      - deliver:\n", "      - deliver: {folder: 'a/../../b'}\n")
    assert any("must not contain '..'" in m for m in messages(write_rules(tmp_path, routes=routes)))


def test_unknown_template_value_is_warned_with_suggestion(tmp_path: Path) -> None:
    routes = ROUTES.replace(
        "      - deliver:\n", "      - deliver: {name: '{aktenzeichn}.{ext}'}\n"
    )
    result = check_rules(write_rules(tmp_path, routes=routes))
    assert result.ruleset is not None
    assert any(
        "'{aktenzeichn}' is never set — did you mean 'aktenzeichen'?" in str(w)
        for w in result.warnings
    )


def test_group_used_as_department_must_exist_in_the_regex(tmp_path: Path) -> None:
    classes = """\
rules:
  - id: amt
    regex: 'Amt (?P<nummer>\\d\\d)'
    department: "{office}"
"""
    found = messages(write_rules(tmp_path, classes=classes))
    assert any("'{office}' is not a named group" in m for m in found)


GUI = """\
scripts:
  dms-import:
    steps:
      - wait_window: "DMS Import"
      - type: "{aktenzeichen}"
      - hotkey: enter
"""


def test_gui_script_must_exist_in_gui_yaml(tmp_path: Path) -> None:
    routes = ROUTES.replace("      - deliver:\n", "      - gui: {script: dms-imprt}\n")
    folder = write_rules(tmp_path, routes=routes)
    (folder / "gui.yaml").write_text(GUI, encoding="utf-8")
    found = messages(folder)
    assert any("unknown GUI script 'dms-imprt' — did you mean 'dms-import'?" in m for m in found)


def test_gui_action_must_pass_every_value_the_script_types(tmp_path: Path) -> None:
    routes = ROUTES.replace("      - deliver:\n", "      - gui: {script: dms-import}\n")
    folder = write_rules(tmp_path, routes=routes)
    (folder / "gui.yaml").write_text(GUI, encoding="utf-8")
    found = messages(folder)
    assert any("GUI script 'dms-import' needs the value(s) aktenzeichen" in m for m in found)
    routes = ROUTES.replace(
        "      - deliver:\n",
        "      - gui: {script: dms-import, values: {aktenzeichen: '{aktenzeichen|sha}'}}\n",
    )
    assert check_rules(write_rules(tmp_path, routes=routes)).problems == ()


def test_problems_in_gui_yaml_are_reported_too(tmp_path: Path) -> None:
    folder = write_rules(tmp_path)
    (folder / "gui.yaml").write_text("scripts:\n  x:\n    steps: [{tipe: a}]\n", encoding="utf-8")
    result = check_rules(folder)
    assert result.ruleset is None
    assert any(str(p).startswith(f"{folder / 'gui.yaml'}:3:") for p in result.errors)


def test_invalid_yaml_names_the_position(tmp_path: Path) -> None:
    found = messages(write_rules(tmp_path, classes="rules:\n  - id: x\n   any: [a]\n"))
    assert any(
        m.startswith(f"{tmp_path / 'classes.yaml'}:3:") and "not valid YAML" in m for m in found
    )


def test_a_key_given_twice_is_an_error_naming_file_and_both_lines(tmp_path: Path) -> None:
    # The second weight would silently win and change the routing of real letters.
    classes = CLASSES.replace("    weight: 1.0\n", "    weight: 0.3\n    weight: 1.0\n")
    found = messages(write_rules(tmp_path, classes=classes))
    assert found == [
        f"{tmp_path / 'classes.yaml'}:6:5: key 'weight' is given twice in the same block "
        "(first at line 5) — keep one"
    ]
    with pytest.raises(ConfigError):
        load_ruleset(tmp_path)


def test_the_same_key_in_different_blocks_is_fine(tmp_path: Path) -> None:
    classes = CLASSES + CLASSES.removeprefix("rules:\n").replace("id: recipient", "id: other")
    assert messages(write_rules(tmp_path, classes=classes)) == []


def test_a_rule_file_beyond_the_size_limit_is_refused_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_rules(tmp_path)
    monkeypatch.setattr(yamlfile, "MAX_YAML_BYTES", 4096)
    with (folder / "routes.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# generated\n" * 400)
    size = (folder / "routes.yaml").stat().st_size
    (message,) = messages(folder)
    assert message.startswith(f"{folder / 'routes.yaml'}: the file is {size:,} bytes")
    assert "limit of 4,096 bytes" in message and "remove generated or repeated" in message


def test_the_default_size_limit_leaves_room_for_a_large_city() -> None:
    shipped = sum(p.stat().st_size for p in REPO_RULES.glob("*.yaml"))
    assert 50 * shipped < yamlfile.MAX_YAML_BYTES


def test_duplicate_ids_are_errors(tmp_path: Path) -> None:
    classes = CLASSES + CLASSES.removeprefix("rules:\n")
    found = messages(write_rules(tmp_path, classes=classes))
    assert any("rule id 'recipient' is used twice" in m for m in found)


def test_name_shared_by_two_departments_is_an_error(tmp_path: Path) -> None:
    departments = DEPARTMENTS.replace("aliases: [Bauaufsicht]", "aliases: [Tiefbauamt]")
    found = messages(write_rules(tmp_path, departments=departments))
    assert any("'Tiefbauamt' belongs to both 63 and 66" in m for m in found)


def test_undecided_doctype_must_be_one_of_the_doctypes(tmp_path: Path) -> None:
    misspelt = DEPARTMENTS.replace("undecided_doctype: Sonstiges", "undecided_doctype: Sonstige")
    assert (
        f"{tmp_path / 'departments.yaml'}:3:1: undecided_doctype 'Sonstige' is not one of the "
        "doctypes — did you mean 'Sonstiges'?"
    ) in messages(write_rules(tmp_path, departments=misspelt))
    renamed = DEPARTMENTS.replace("Sonstiges]", "Allgemeines]")
    result = check_rules(write_rules(tmp_path, departments=renamed))
    assert result.ruleset is None
    assert [str(p) for p in result.problems] == [
        f"{tmp_path / 'departments.yaml'}:3:1: undecided_doctype 'Sonstiges' is not one of the "
        "doctypes — add it to doctypes or name one of them"
    ]


def test_undecided_doctype_must_be_given(tmp_path: Path) -> None:
    departments = DEPARTMENTS.replace("undecided_doctype: Sonstiges\n", "")
    assert f"{tmp_path / 'departments.yaml'}:1:1: undecided_doctype: Field required" in messages(
        write_rules(tmp_path, departments=departments)
    )


FILE_NUMBER_RULE = """\
rules:
  - id: city-reference
    in: field:city_reference
    file_number: true
    weight: 1.0
"""


def test_file_number_pattern_is_compiled_into_the_ruleset(tmp_path: Path) -> None:
    departments = DEPARTMENTS.replace(
        "undecided_doctype: Sonstiges\n",
        "undecided_doctype: Sonstiges\nfile_number: '(?P<office>\\d{2})(?:\\.\\d)?[-/.]'\n",
    )
    result = check_rules(write_rules(tmp_path, departments, FILE_NUMBER_RULE))
    assert result.problems == ()
    assert result.ruleset is not None and result.ruleset.file_number is not None
    assert result.ruleset.file_number.match("51.3-UV-6016/26")["office"] == "51"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("'\\d{2}[-/.]'", "file_number: file_number needs the group (?P<office>...)"),
        ("'(?P<office>\\d{2}'", "regex does not compile"),
        ("'(?P<office>\\d*)'", "regex matches the empty text"),
    ],
)
def test_a_bad_file_number_pattern_is_named_at_its_line(
    tmp_path: Path, pattern: str, message: str
) -> None:
    departments = DEPARTMENTS.replace(
        "undecided_doctype: Sonstiges\n", f"undecided_doctype: Sonstiges\nfile_number: {pattern}\n"
    )
    result = check_rules(write_rules(tmp_path, departments, FILE_NUMBER_RULE))
    assert result.ruleset is None
    first = str(result.errors[0])
    assert first.startswith(f"{tmp_path / 'departments.yaml'}:4:")
    assert message in first


def test_a_file_number_rule_needs_the_pattern_in_departments_yaml(tmp_path: Path) -> None:
    result = check_rules(write_rules(tmp_path, classes=FILE_NUMBER_RULE))
    assert result.ruleset is None
    assert [str(p) for p in result.errors] == [
        f"{tmp_path / 'classes.yaml'}:4:5: rule 'city-reference' reads file numbers, but "
        "departments.yaml has no file_number pattern — add one there, e.g. "
        "file_number: '(?P<office>\\d{2})[-/.]'"
    ]


def test_a_file_number_rule_outside_a_field_is_warned(tmp_path: Path) -> None:
    departments = DEPARTMENTS + "file_number: '(?P<office>\\d{2})[-/.]'\n"
    classes = FILE_NUMBER_RULE.replace("field:city_reference", "first_page")
    result = check_rules(write_rules(tmp_path, departments, classes))
    assert result.ruleset is not None
    assert "look in a field that holds one reference" in str(result.warnings[0])


def test_a_file_number_rule_finds_its_office_and_names_none(tmp_path: Path) -> None:
    departments = DEPARTMENTS + "file_number: '(?P<office>\\d{2})[-/.]'\n"
    classes = FILE_NUMBER_RULE + '    department: "63"\n'
    found = messages(write_rules(tmp_path, departments, classes))
    assert any("file_number votes for the office it finds; remove 'department'" in m for m in found)


def test_json_schemas_describe_every_rule_file() -> None:
    schemas = schema.json_schemas()
    assert set(schemas) == {
        "departments.schema.json",
        "classes.schema.json",
        "routes.schema.json",
        "tests.schema.json",
    }
    rule = schemas["classes.schema.json"]["$defs"]["ClassRule"]
    assert "in" in rule["properties"] and rule["additionalProperties"] is False


# --------------------------------------------------------------------------- hot reload


def touch_later(path: Path, text: str) -> None:
    """Write and move the mtime forward, so that the change is seen on coarse clocks."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def test_store_reloads_a_good_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_rules(tmp_path)
    store = RuleStore(folder)
    first = store.current()
    assert store.current() is first  # unchanged files: same object, no reload
    with capture_logs() as logs:
        monkeypatch.setattr(rule_store, "log", structlog.get_logger("semantha.rulefiles.store"))
        touch_later(folder / "routes.yaml", ROUTES.replace("id: deliver", "id: deliver-all"))
        second = store.current()
    assert second is not first
    assert [r.id for r in second.routes] == ["review", "deliver-all"]
    assert [e["event"] for e in logs] == ["rules.reloaded"]


def test_store_keeps_last_good_rules_on_a_bad_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_rules(tmp_path)
    store = RuleStore(folder)
    good = store.current()
    with capture_logs() as logs:
        monkeypatch.setattr(rule_store, "log", structlog.get_logger("semantha.rulefiles.store"))
        touch_later(folder / "routes.yaml", ROUTES.replace("- deliver:", "- delivr:"))
        assert store.current() is good
        assert store.current() is good  # not retried until the files change again
    assert [e["event"] for e in logs] == ["rules.reload_failed"]
    assert "unknown action 'delivr'" in logs[0]["error"]
    touch_later(folder / "routes.yaml", ROUTES)
    assert store.current() is not good


def test_store_refuses_to_start_on_broken_rules(tmp_path: Path) -> None:
    folder = write_rules(tmp_path, classes="rules: [{id: x}]\n")
    with pytest.raises(ConfigError):
        RuleStore(folder)


# --------------------------------------------------------------------------- the README


def readme_blocks() -> list[str]:
    text = (REPO_RULES / "README.md").read_text(encoding="utf-8")
    return [b.split("```", 1)[0] for b in text.split("```yaml\n")[1:]]


@pytest.mark.parametrize("block", readme_blocks())
def test_every_readme_example_is_valid(block: str) -> None:
    """The examples administrators copy must pass validation."""
    first = block.lstrip().split(":", 1)[0]
    data = yaml.safe_load(block)
    if first.startswith("#"):
        assert data is None  # the schema line on its own
        return
    if first == "- id":
        data = {"rules": data}
        first = "rules"
    models: dict[str, type[pydantic.BaseModel]] = {
        "organisation": schema.DepartmentsFile,
        "rules": schema.ClassesFile,
        "routes": schema.RoutesFile,
        "cases": schema.TestsFile,
        "when": schema.Condition,
        "actions": schema.Route,
    }
    if first == "when":
        data = data["when"]
    if first == "actions":
        data = {"id": "example", **data}
    models[first].model_validate(data)


def test_office_ids_may_be_written_as_numbers(tmp_path: Path) -> None:
    departments = DEPARTMENTS.replace('id: "63"', "id: 63")
    classes = "rules:\n  - {id: bau, any: [Bauantrag], department: 63}\n"
    routes = ROUTES.replace("{department: null}", "{department: [63, 66]}")
    result = check_rules(write_rules(tmp_path, departments, classes, routes))
    assert result.problems == ()
    assert result.ruleset is not None
    assert result.ruleset.rules[0].department == "63"
    assert result.ruleset.routes[0].when.department == ("63", "66")


def test_a_wrong_type_is_reported_once_at_its_key(tmp_path: Path) -> None:
    routes = ROUTES.replace("{department: null}", "{department: {id: 63}}")
    found = messages(write_rules(tmp_path, routes=routes))
    assert found == [
        f"{tmp_path / 'routes.yaml'}:3:12: routes.0.when.department: Input should be a valid string"
    ]


def test_fuzzy_terms_that_are_matched_exactly_and_loose_scores_are_warned(tmp_path: Path) -> None:
    classes = """\
rules:
  - id: f
    fuzzy: [Baurechtsamt, Kasse, Amt 63]
    min_score: 70
    department: "63"
"""
    result = check_rules(write_rules(tmp_path, classes=classes))
    warned = [str(w) for w in result.warnings]
    assert any("classes.yaml:3:27: warning: 'Kasse' is matched exactly" in w for w in warned)
    assert any("'Amt 63' is matched exactly" in w for w in warned)
    assert any("classes.yaml:4:5: warning: min_score 70 accepts words" in w for w in warned)
    assert not any("'Baurechtsamt'" in w for w in warned)


def test_office_decided_by_a_word_anywhere_in_the_letter_is_warned(tmp_path: Path) -> None:
    classes = """\
rules:
  - {id: text-decides, any: [Bauvoranfrage], department: "63", weight: 1.0}
  - {id: evidence, any: [Bauvoranfrage], department: "63", weight: 0.4}
  - {id: recipient, in: field:recipient, any: [Bauamt], department: "63", weight: 1.0}
"""
    warned = [str(w) for w in check_rules(write_rules(tmp_path, classes=classes)).warnings]
    assert len(warned) == 1
    assert "classes.yaml:2:" in warned[0] and "rule 'text-decides' decides the office" in warned[0]
    assert "give it a weight below 1.0 (evidence)" in warned[0]
