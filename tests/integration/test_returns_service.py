"""Returns against the real service: `semantha run` as a subprocess, real files, real journal.

An office drops a delivered letter (with its sidecar) into the returns folder; the
service recognises it by the hash it delivered and puts it into review with
``returned_by``. A clerk resolves it from the command line while the service runs.
A file Semantha never delivered goes into review as a new document.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_service_faults import REPO, Station, drop, letter_pdf

pytestmark = pytest.mark.integration


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    config = {
        "paths": {name: name for name in ("inbox", "work", "review", "quarantine", "archive")}
        | {"dms_root": "dms", "returns": "returns"},
        "rules_dir": str(REPO / "rules"),
        "classify": {"mode": "rules-only"},
        "service": {
            "workers": 1,
            "poll_interval_s": 0.1,
            "stable_after_s": 0.5,
            "rescan_interval_s": 1.0,
            "retry_backoff_s": 0.2,
            "document_timeout_s": 60,
            "stop_grace_s": 10,
        },
        "logging": {"file": "log/semantha.jsonl", "level": "INFO"},
    }
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    for folder in ("inbox", "dms"):
        (tmp_path / folder).mkdir()
    st = Station(tmp_path, path)
    yield st
    if st.process is not None and st.process.poll() is None:
        os.killpg(st.process.pid, signal.SIGKILL)
        st.process.wait()


def query(station: Station, sql: str) -> list[dict[str, Any]]:
    path = station.root / "work" / "journal.sqlite"
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute(sql)]
    finally:
        db.close()


def in_review(station: Station) -> dict[str, dict[str, Any]]:
    """Review copies by name with their sidecars (once the sidecar is complete)."""
    found = {}
    for sidecar in (station.root / "review").glob("*.json"):
        try:
            found[sidecar.name.removesuffix(".json")] = json.loads(sidecar.read_text())
        except ValueError:
            continue  # being written
    return found


def semantha(station: Station, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(station.config), *args],
        env={**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_an_office_returns_a_letter_and_a_clerk_redirects_it_while_the_service_runs(
    station: Station,
) -> None:
    station.start()
    sha = drop(station.inbox, "bauantrag.pdf", letter_pdf(0))  # to the Baurechtsamt
    station.wait_for(lambda: station.states().get("delivered") == 1, 120, "the delivery")
    (delivered,) = (station.dms / "63-Baurechtsamt").rglob("*.pdf")

    # the Baurechtsamt drops it, with its sidecar, into the returns folder
    returns = station.root / "returns"
    shutil.move(delivered.with_name(delivered.name + ".json"), returns)
    shutil.move(delivered, returns)
    station.wait_for(lambda: delivered.name in in_review(station), 120, "the return in review")
    sidecar = in_review(station)[delivered.name]
    assert (sidecar["returned_by"], sidecar["review_reason"]) == (
        "63",
        "zurückgegeben von Amt 63",
    )
    assert sidecar["sha256"] == sha
    station.wait_for(lambda: not any(returns.iterdir()), 30, "the returns folder emptied")
    (delivery,) = query(station, "SELECT * FROM deliveries")
    assert (delivery["department"], delivery["closed_reason"]) == ("63", "returned")
    (returned,) = query(station, "SELECT * FROM decisions")
    assert (returned["kind"], returned["returned_by"], returned["sha256"]) == ("return", "63", sha)

    listed = semantha(station, "review", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    (item,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (item["id"], item["returned_by"]) == (sha[:12], "63")

    # a clerk sends it to the Rechtsamt while the service keeps running
    resolved = semantha(station, "review", "resolve", sha[:12], "--department", "30", "--user", "r")
    assert resolved.returncode == 0, resolved.stderr
    assert list((station.dms / "30-Rechtsamt").rglob("*.pdf"))
    rows = query(station, "SELECT state, method, department FROM documents ORDER BY id")
    assert rows == [
        {"state": "delivered", "method": "rule", "department": "63"},
        {"state": "delivered", "method": "human", "department": "30"},
    ]
    decisions = query(station, "SELECT kind, department, returned_by FROM decisions ORDER BY id")
    assert decisions[1] == {"kind": "review", "department": "30", "returned_by": "63"}
    examples = sorted(p.name for p in (station.root / "work" / "examples").glob("*.json"))
    assert examples == [f"{sha}-1.json", f"{sha}-2.json"]

    # a file Semantha never delivered
    stranger = drop(returns, "fremd.pdf", letter_pdf(99))
    station.wait_for(lambda: "fremd.pdf" in in_review(station), 120, "the stranger in review")
    assert in_review(station)["fremd.pdf"]["returned_by"] is None
    assert in_review(station)["fremd.pdf"]["sha256"] == stranger
    assert station.stop() == 0
