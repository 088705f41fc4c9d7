"""``semantha rules check|test|schema`` as an administrator runs them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from semantha.cli import main

REPO = Path(__file__).resolve().parents[2]
REPO_RULES = REPO / "rules"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command in its own process (it sets up logging for the whole process)."""
    env = {k: v for k, v in os.environ.items() if k != "SEMANTHA_CONFIG"}
    return subprocess.run(
        [sys.executable, "-m", "semantha", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def workspace(tmp_path: Path) -> Path:
    """A config.yaml in rules-only mode next to a copy of the default rules and the samples."""
    shutil.copytree(REPO_RULES, tmp_path / "rules")
    (tmp_path / "samples").symlink_to(REPO / "samples", target_is_directory=True)
    config = yaml.safe_load((REPO / "config.yaml").read_text(encoding="utf-8"))
    config["classify"]["mode"] = "rules-only"
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return tmp_path


def text_pdf(path: Path, lines: list[str]) -> None:
    """A one-page A4 PDF whose text layer holds ``lines`` (Helvetica, WinAnsi)."""

    def esc(text: str) -> bytes:
        raw = text.encode("cp1252")
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    shown = b" ".join(b"(" + esc(line) + b") Tj T*" for line in lines)
    body = b"BT /F1 11 Tf 14 TL 72 770 Td " + shown + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))


# --------------------------------------------------------------------------- check


def test_check_accepts_the_default_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "check", str(REPO_RULES)]) == 0
    out = capsys.readouterr().out
    assert "OK — 20 departments" in out
    assert "0 warning(s)" in out


def test_check_names_file_line_and_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = shutil.copytree(REPO_RULES, tmp_path / "rules")
    routes = (rules / "routes.yaml").read_text(encoding="utf-8")
    broken = routes.replace("      - deliver:\n", "      - delivr:\n")
    assert broken != routes
    (rules / "routes.yaml").write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("      - delivr:") + 1

    assert main(["rules", "check", str(rules)]) == 3
    out = capsys.readouterr().out
    assert (
        f"{rules / 'routes.yaml'}:{line}:9: unknown action 'delivr' — did you mean 'deliver'?"
        in out
    )
    assert "the rules are refused" in out


def test_check_reports_unknown_departments_and_shadowed_routes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = shutil.copytree(REPO_RULES, tmp_path / "rules")
    with (rules / "routes.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  - id: too-late\n    when: {department: '99'}\n    actions: [review: {}]\n")
    assert main(["rules", "check", str(rules)]) == 3
    out = capsys.readouterr().out
    assert "unknown department '99'" in out
    assert "route 'too-late' can never be reached: route 'deliver'" in out


def test_check_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = shutil.copytree(REPO_RULES, tmp_path / "rules")
    with (rules / "classes.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  - {id: broad, any: [GmbH], doctype: Rechnung, weight: 0.2}\n")
    assert main(["rules", "check", str(rules)]) == 0
    assert main(["rules", "check", "--strict", str(rules)]) == 1
    assert "warning: 'GmbH' appears in almost every letter" in capsys.readouterr().out


# --------------------------------------------------------------------------- schema


def test_schema_writes_every_schema_and_the_shipped_ones_are_current(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "schema", "--out", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [
        "classes.schema.json",
        "config.schema.json",
        "departments.schema.json",
        "routes.schema.json",
        "tests.schema.json",
    ]
    for name in written:
        schema = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        assert schema["type"] == "object"
        shipped = REPO_RULES / "schema" / name
        assert shipped.read_text(encoding="utf-8") == (tmp_path / name).read_text(
            encoding="utf-8"
        ), f"rules/schema/{name} is stale: run `semantha rules schema`"


@pytest.mark.parametrize("name", ["departments", "classes", "routes", "tests"])
def test_rule_files_point_editors_at_their_schema(name: str) -> None:
    first = (REPO_RULES / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=./schema/{name}.schema.json"


# --------------------------------------------------------------------------- test


def test_rules_test_passes_on_the_default_cases(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    cases = yaml.safe_load((root / "rules" / "tests.yaml").read_text(encoding="utf-8"))["cases"]
    done = run_cli("rules", "test", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(cases)} passed, 0 failed" in done.stdout
    assert done.stdout.splitlines()[0].split()[:4] == ["result", "case", "expected", "got"]


def test_rules_test_fails_on_a_wrong_expectation(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    cases = root / "wrong.yaml"
    cases.write_text(
        "cases:\n"
        "  - name: right\n"
        "    text: |\n"
        "      Stadt Musterstadt\n"
        "      Tiefbauamt\n"
        "      Gerberstraße 20\n"
        "      34567 Musterstadt\n"
        "      Betreff: Straßenschaden Lindenweg\n"
        "    expect: {department: '66', route: deliver}\n"
        "  - name: wrong office\n"
        "    text: |\n"
        "      Stadt Musterstadt\n"
        "      Tiefbauamt\n"
        "      Gerberstraße 20\n"
        "      34567 Musterstadt\n"
        "    expect: {department: '63'}\n"
        "  - name: missing sample\n"
        "    file: samples/none.pdf\n"
        "    expect: {department: null}\n",
        encoding="utf-8",
    )
    done = run_cli("rules", "test", str(cases), cwd=root)
    assert done.returncode == 1
    rows = {re.split(r"\s{2,}", line)[1]: line for line in done.stdout.splitlines()[1:4]}
    assert rows["right"].startswith("PASS")
    assert rows["wrong office"].startswith("FAIL")
    assert "dept 66" in rows["wrong office"]
    assert "FAIL wrong office: wrong department" in done.stdout
    assert "recipient-names-office" in done.stdout  # the hits say why
    assert "sample file" in done.stdout and "not found" in done.stdout
    assert "1 passed, 2 failed" in done.stdout


def test_rules_test_reports_a_broken_cases_file(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    cases = root / "bad.yaml"
    cases.write_text("cases:\n  - name: x\n    text: hi\n    expct: {department: '63'}\n")
    done = run_cli("rules", "test", str(cases), cwd=root)
    assert done.returncode == 3
    assert "bad.yaml:4:5: unknown key 'expct' — did you mean 'expect'?" in done.stderr


@pytest.mark.integration
def test_rules_test_runs_file_cases_through_the_whole_pipeline(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "samples").unlink()
    (root / "samples").mkdir()
    letter = [
        "Architekturbüro Lange · Lindenallee 4 · 34567 Musterstadt",
        "",
        "Stadt Musterstadt",
        "Baurechtsamt",
        "Gerberstraße 20",
        "34567 Musterstadt",
        "",
        "Datum: 03.03.2025",
        "",
        "Betreff: Bauantrag für das Grundstück Lindenweg 3",
        "",
        "Sehr geehrte Damen und Herren,",
        "anbei übersenden wir den Bauantrag.",
    ]
    text_pdf(root / "samples" / "bauantrag.pdf", letter)
    cases = root / "files.yaml"
    cases.write_text(
        "cases:\n"
        "  - name: scanned Bauantrag\n"
        "    file: samples/bauantrag.pdf\n"
        "    expect: {department: '63', doctype: Antrag, route: deliver}\n"
        "  - name: scanned Bauantrag, wrong expectation\n"
        "    file: samples/bauantrag.pdf\n"
        "    source: scan-kaemmerei\n"
        "    expect: {department: '20'}\n",
        encoding="utf-8",
    )
    done = run_cli("rules", "test", str(cases), cwd=root)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[1].startswith("PASS") and "dept 63, Antrag, route deliver" in lines[1]
    assert lines[2].startswith("FAIL")
    assert "1 passed, 1 failed" in done.stdout
    assert not list((root / "var").glob("dms/**/*.pdf"))  # a dry run delivers nothing
