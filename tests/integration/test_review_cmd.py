"""`semantha review list|resolve` through the real command line on real scans.

Samples 034-036 (an advert, a private card, a bank statement) name no office: `process`
puts them into review. A clerk then corrects one to an office with an Aktenzeichen,
approves Semantha's "for no office" for another, and the third stays waiting.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from configs import embedded_config

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CHOSEN = (
    "034-none-advert-duplex.pdf",
    "035-none-private.jpg",
    "036-none-sonstiges-rot90.pdf",
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def semantha(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def json_lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def waiting(config: Path) -> dict[str, dict[str, Any]]:
    listed = semantha(config, "review", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    return {Path(row["file"]).name: row for row in json_lines(listed.stdout)}


def test_a_dry_run_shows_a_review_plan(tmp_path: Path) -> None:
    config = embedded_config(tmp_path, "dms")
    result = semantha(config, "process", "--dry-run", "--json", str(SAMPLES / CHOSEN[1]))
    assert result.returncode == 0, result.stderr
    (row,) = json_lines(result.stdout)
    assert (row["status"], row["planned"]) == ("dry_run", "review")
    assert row["destinations"] == [str(tmp_path / "var" / "review")]
    assert not (tmp_path / "var" / "review").exists(), "a dry run writes nothing"


def test_clerks_clear_the_review_queue_from_the_command_line(tmp_path: Path) -> None:
    config = embedded_config(tmp_path, "dms")
    var = tmp_path / "var"
    processed = semantha(config, "process", "--json", *(str(SAMPLES / n) for n in CHOSEN))
    assert processed.returncode == 0, processed.stderr
    rows = json_lines(processed.stdout)
    assert [(r["status"], r["planned"]) for r in rows] == [("review", "review")] * 3

    queue = waiting(config)
    assert sorted(queue) == sorted(CHOSEN)
    statement = queue["036-none-sonstiges-rot90.pdf"]
    assert statement["id"] == statement["sha256"][:12]
    assert statement["department"] is None and statement["returned_by"] is None
    assert statement["suggestions"]["department"][0]["label"] == ""  # for no office
    assert len(statement["suggestions"]["doctype"]) == 3

    # a clerk corrects the office and the Aktenzeichen
    resolved = semantha(
        config,
        "review",
        "resolve",
        statement["id"],
        "--department",
        "21",
        "--doctype",
        "Bürgeranfrage",
        "--field",
        "aktenzeichen=21-77/2025",
        "--user",
        "k.kasse",
    )
    assert resolved.returncode == 0, resolved.stderr
    delivered = var / "dms" / "21-Stadtkasse" / "Bürgeranfrage"
    (pdf,) = delivered.glob("*.pdf")
    assert pdf.name.endswith("_21-77-2025.pdf")
    assert str(pdf) in resolved.stdout
    index = json.loads(pdf.with_name(pdf.name + ".json").read_text(encoding="utf-8"))
    assert (index["department"], index["doctype"], index["method"], index["decided_by"]) == (
        "21",
        "Bürgeranfrage",
        "human",
        "k.kasse",
    )
    assert index["fields"]["aktenzeichen"] == "21-77/2025"
    assert index["sha256"] == statement["sha256"]

    db = sqlite3.connect(f"{(var / 'work' / 'journal.sqlite').as_uri()}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    (decision,) = db.execute("SELECT * FROM decisions").fetchall()
    assert (decision["sha256"], decision["kind"], decision["user"]) == (
        statement["sha256"],
        "review",
        "k.kasse",
    )
    assert (decision["proposed_department"], decision["department"]) == (None, "21")
    (delivery,) = db.execute("SELECT * FROM deliveries").fetchall()
    assert (delivery["destination"], delivery["department"]) == (str(pdf), "21")

    (example_file,) = (var / "work" / "examples").glob(f"{statement['sha256']}-*.json")
    example = json.loads(example_file.read_text(encoding="utf-8"))
    assert (example["department"], example["doctype"], example["user"]) == (
        "21",
        "Bürgeranfrage",
        "k.kasse",
    )
    assert "Depot" in example["text"][0]

    assert sorted(waiting(config)) == sorted(CHOSEN[:2])

    # the same document again: someone was first
    again = semantha(config, "review", "resolve", statement["id"], "--department", "30")
    assert again.returncode == 15
    assert "already resolved by k.kasse" in again.stderr

    # approving Semantha's proposal for the advert, named by its path: for no office
    advert = semantha(config, "review", "resolve", str(var / "review" / CHOSEN[0]))
    assert advert.returncode == 0, advert.stderr
    today = datetime.now(UTC).date().isoformat()
    aside = var / "archive" / today / "kein-amt" / CHOSEN[0]
    assert aside.is_file()
    assert json.loads(aside.with_name(aside.name + ".json").read_text())["department"] is None

    unknown = semantha(config, "review", "resolve", "0123456789ab")
    assert unknown.returncode == 11
    assert "no document in review answers to '0123456789ab'" in unknown.stderr
    wrong_office = semantha(config, "review", "resolve", CHOSEN[1], "--department", "99")
    assert wrong_office.returncode == 11
    assert "choose one of 10, 11, 12" in wrong_office.stderr
    assert sorted(waiting(config)) == [CHOSEN[1]]

    log = (var / "log" / "semantha.jsonl").read_text(encoding="utf-8")
    assert "k.kasse" not in log and "Depot" not in log, "no names or letter text in the log"
