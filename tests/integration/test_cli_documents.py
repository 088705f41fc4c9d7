"""`check`, `explain` and the privacy of the log, through the real command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from textpdf import text_pdf

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
pytestmark = pytest.mark.integration

SECRET_NAME = "Quirinus Schnabelmeier"
LETTER = [
    f"{SECRET_NAME}, Ahornweg 7, 71234 Musterstadt",
    "Stadt Musterstadt",
    "Baurechtsamt",
    "Rathausplatz 1",
    "71234 Musterstadt",
    "Aktenzeichen: 63-602.14/2025",
    "Musterstadt, den 12.11.2025",
    "Bauantrag für eine Garage auf Flurstück 1234/5",
    "Sehr geehrte Damen und Herren,",
    "anbei reiche ich den Bauantrag für eine Garage mit Lageplan ein.",
    "Mit freundlichen Grüßen",
    SECRET_NAME,
]


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    """A config like the default with its folders and a copy of the rules under tmp_path."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text = text.replace("model: models/", f"model: {ROOT / 'models'}/")
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    return config, text_pdf(tmp_path / "bauantrag.pdf", LETTER)


def semantha(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_check_passes_and_creates_the_folders(setup: tuple[Path, Path]) -> None:
    config, _ = setup
    result = semantha(config, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("tesseract", "poppler", "folders", "rules", "model"):
        assert f"[ok  ] {name}:" in result.stdout
    assert (config.parent / "var" / "dms").is_dir()


def test_check_names_a_broken_rule_file_and_exits_with_its_code(
    setup: tuple[Path, Path],
) -> None:
    config, _ = setup
    routes = config.parent / "rules" / "routes.yaml"
    routes.write_text(routes.read_text(encoding="utf-8") + "\nbogus: 1\n", encoding="utf-8")
    result = semantha(config, "check")
    assert result.returncode == 3
    assert "[FAIL] rules:" in result.stdout
    assert "routes.yaml:" in result.stdout
    assert "[ok  ] tesseract:" in result.stdout, "the other checks still run"


def test_explain_shows_rules_decision_and_destination(setup: tuple[Path, Path]) -> None:
    config, letter = setup
    result = semantha(config, "explain", str(letter))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Rules that fired" in out
    assert "department = 63" in out
    assert "Decision  department 63" in out
    assert "63-Baurechtsamt" in out
    report = json.loads(semantha(config, "explain", "--json", str(letter)).stdout)
    assert report["decision"]["department"] == "63"
    assert report["decision"]["method"] == "rule"
    assert any(hit["label"] == "63" for hit in report["rule_hits"])
    assert report["route"]["actions"][-1]["destination"].startswith(
        str(config.parent / "var" / "dms")
    )
    assert not (config.parent / "var" / "dms" / "63-Baurechtsamt").exists(), "explain is dry"


def test_log_has_decisions_but_no_text_or_names(setup: tuple[Path, Path]) -> None:
    config, letter = setup
    assert semantha(config, "check").returncode == 0
    result = semantha(config, "process", "--json", str(letter))
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)
    assert row["status"] == "delivered"
    log_text = (config.parent / "var" / "log" / "semantha.jsonl").read_text(encoding="utf-8")
    events = [json.loads(line) for line in log_text.splitlines()]
    processed = [e for e in events if e["event"] == "document.processed"]
    assert processed and processed[-1]["department"] == "63"
    assert row["sha256"].startswith(processed[-1]["doc_id"])
    for secret in ("Schnabelmeier", "Quirinus", "Ahornweg", "Garage", "Flurstück"):
        assert secret not in log_text


def test_documents_read_side_by_side_give_the_rows_of_the_sequential_loop(
    setup: tuple[Path, Path], tmp_path: Path
) -> None:
    from semantha.cli.documents import outcome_json
    from semantha.config import load_config
    from semantha.service.batch import process_all, readers_for

    config_path, letter = setup
    config = load_config(config_path)
    files = [letter, SAMPLES / "003-12-antrag-named-g4.tiff", SAMPLES / "005-21-antrag-named.jpg"]
    row = partial(outcome_json, with_text=True, review=config.paths.review)
    alone = list(process_all(files, config, row, readers=1, dry_run=True, full_text=True))
    together = list(process_all(files, config, row, readers=3, dry_run=True, full_text=True))
    assert [r["file"] for r in together] == [str(f) for f in files]
    assert together == alone
    assert readers_for(12, cores=2) == 2 and readers_for(1, cores=8) == 1
