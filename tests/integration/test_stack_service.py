"""Scanned stacks through the real service (`semantha run` processes): cut into documents
with their own journal rows and sidecars, exactly once across a kill -9, and on the
shred-release list only when every document is safe."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from test_service_faults import REPO, Station, assert_each_exactly_once, drop, station_at
from textpdf import wrapped_pdf

from semantha.service.journal import State
from semantha.tools.samplegen.stacks import StackTruth, write_stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]
FOLDER = "stapel"
AUTO = "hauspost"
DONE = (State.DELIVERED, State.REVIEW, State.QUARANTINED)


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    config = {
        "paths": {name: name for name in ("inbox", "work", "review", "quarantine", "archive")}
        | {"dms_root": "dms"},
        "rules_dir": str(REPO / "rules"),
        "classify": {"mode": "rules-only"},
        "separation": {FOLDER: "sheet", AUTO: "auto"},
        "service": {
            "workers": 2,
            "poll_interval_s": 0.1,
            "stable_after_s": 0.5,
            "rescan_interval_s": 1.0,
            "document_timeout_s": 300,
            "stop_grace_s": 10,
        },
        "logging": {"file": "log/semantha.jsonl", "level": "INFO"},
    }
    with station_at(tmp_path, config) as st:
        yield st


def _stack(station: Station, count: int, seed: int) -> tuple[StackTruth, str]:
    """A stack of ``count`` letters behind sheets for office 63, dropped as a scanner would."""
    staging = station.root / "staging.pdf"
    truth = write_stack(
        staging,
        seed,
        count,
        fmt="pdf",
        sheets=True,
        sheet_departments=dict.fromkeys(range(count), "63"),
    )
    target = station.inbox / FOLDER / "stapel.pdf"
    target.parent.mkdir(exist_ok=True)
    staging.rename(target)
    return truth, hashlib.sha256(target.read_bytes()).hexdigest()


def _children(station: Station) -> list[dict[str, object]]:
    return [r for r in station.rows() if r["state"] != State.SPLIT]


def _sidecars(station: Station) -> list[dict[str, object]]:
    """The sidecars in office 63's folder, where every letter of the stack goes (an invoice
    among them is copied to the Kämmerei's invoice inbox as well)."""
    office = station.root / "dms" / "63-Baurechtsamt"
    return [json.loads(p.read_text(encoding="utf-8")) for p in office.rglob("*.json")]


def _semantha(station: Station, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(station.config), *command],
        cwd=station.root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _shred_list(station: Station) -> list[dict[str, object]]:
    done = _semantha(station, "shred-list", "--date", datetime.now().date().isoformat(), "--json")
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_a_stack_becomes_documents_with_sidecars_naming_it(station: Station) -> None:
    truth, stack_sha = _stack(station, count=3, seed=21)

    done = station.run_once()
    assert done.returncode == 0, done.stderr

    rows = station.rows()
    (stack,) = [r for r in rows if r["state"] == State.SPLIT]
    assert stack["sha256"] == stack_sha
    children = _children(station)
    assert len(children) == 3 and len({r["sha256"] for r in children}) == 3
    assert all(r["state"] == State.DELIVERED and r["department"] == "63" for r in children)
    sidecars = sorted(_sidecars(station), key=lambda s: s["stack_pages"])  # type: ignore[arg-type,return-value]
    assert [tuple(s["stack_pages"]) for s in sidecars] == list(truth.parts)  # type: ignore[arg-type]
    assert {s["stack_sha256"] for s in sidecars} == {stack_sha}
    assert {s["sha256"] for s in sidecars} == {r["sha256"] for r in children}
    assert all(s["method"] == "rule" for s in sidecars)
    assert all(
        s["pages"] == last - first + 1
        for s, (first, last) in zip(sidecars, truth.parts, strict=True)
    )
    in_documents = sum(last - first + 1 for first, last in truth.parts)
    for sidecar in sidecars:
        stack_check = sidecar["transfer"]["checks"]["completeness"]["stack"]  # type: ignore[index]
        assert stack_check["complete"] is True
        assert stack_check["document_pages"] == in_documents
        assert stack_check["pages_in_scan"] == in_documents + stack_check["dropped_pages"]
        assert stack_check["dropped_pages"] >= 2  # the separator sheets between the letters
    delivered = {
        hashlib.sha256(p.read_bytes()).hexdigest() for p in (station.root / "dms").rglob("*.pdf")
    }
    assert delivered == {r["sha256"] for r in children}
    archived = [p for p in (station.root / "archive").rglob("*") if p.is_file()]
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in archived] == [stack_sha]
    assert not [p for p in (station.root / "work" / "inflight").rglob("*") if p.is_file()]

    (listed,) = _shred_list(station)
    assert (listed["stack_sha256"], listed["documents"]) == (stack_sha, 3)


def test_kill_9_in_the_middle_of_a_stack_delivers_each_document_exactly_once(
    station: Station,
) -> None:
    truth, stack_sha = _stack(station, count=6, seed=22)
    service = station.start()
    station.wait_for(
        lambda: (
            0 < sum(r["state"] in DONE for r in _children(station)) < 6
            if (station.root / "work" / "journal.sqlite").exists()
            else False
        ),
        300,
        "the stack half delivered",
    )
    os.killpg(service.pid, signal.SIGKILL)
    service.wait()

    done = station.run_once()
    assert done.returncode == 0, done.stderr

    children = _children(station)
    assert len(children) == 6, "the stack was cut again after the kill"
    assert all(r["state"] in DONE for r in children)
    assert_each_exactly_once(station, {str(r["sha256"]): str(r["source"]) for r in children})
    assert len(_sidecars(station)) == 6
    assert len([r for r in station.rows() if r["state"] == State.SPLIT]) == 1
    listed = _shred_list(station)
    safe = all(r["state"] == State.DELIVERED for r in children)
    assert [s["stack_sha256"] for s in listed] == ([stack_sha] if safe else [])
    assert len(truth.parts) == 6


def _letter(office: str, subject: str, numbering: str = "") -> str:
    return (
        f"Bauunternehmen Stein GmbH, Hafenstr. 3, 12345 Musterstadt\n\nStadt Musterstadt\n"
        f"{office}\nMarktplatz 1\n12345 Musterstadt\n\nMusterstadt, den 12.03.2025\n\n"
        f"Betreff: {subject}\n\nSehr geehrte Damen und Herren,\nwir bitten um Bearbeitung "
        f"der Angelegenheit und senden die Unterlagen mit.\n\n{numbering}"
    )


SECOND_PAGE = (
    "Bauunternehmen Stein GmbH   Seite 2 von 2\n\nDie Pläne liegen bei. Wir bitten um eine "
    "Bestätigung des Eingangs.\n\nMit freundlichen Grüßen\nK. Stein"
)
# Only a date at the top: a first page or a following one? A guess either way.
UNSURE_PAGE = (
    "Nachtrag vom 14.03.2025\n\nwie besprochen senden wir die fehlenden Nachweise "
    "über die Statik und den Brandschutz."
)


def _drop_auto(station: Station, pages: list[str]) -> str:
    (station.inbox / AUTO).mkdir()
    return drop(station.inbox / AUTO, "hauspost.pdf", wrapped_pdf(pages))


def test_an_auto_stack_is_cut_where_letters_begin(station: Station) -> None:
    stack_sha = _drop_auto(
        station,
        [
            _letter("Baurechtsamt", "Bauantrag Lindenweg 4", "Seite 1 von 2"),
            SECOND_PAGE,
            _letter("Steueramt", "Widerspruch gegen den Grundsteuerbescheid"),
            _letter("Ordnungsamt", "Anhörung im Bußgeldverfahren"),
        ],
    )
    done = station.run_once()
    assert done.returncode == 0, done.stderr

    children = _children(station)
    assert [r["source"] for r in children] == [
        f"{AUTO}/hauspost-001-002.pdf",
        f"{AUTO}/hauspost-003-003.pdf",
        f"{AUTO}/hauspost-004-004.pdf",
    ]
    sidecars = [
        json.loads(p.read_text(encoding="utf-8"))
        for kind in ("dms", "review")
        for p in (station.root / kind).rglob("*.json")
    ]
    assert sorted(s["stack_pages"] for s in sidecars) == [[1, 2], [3, 3], [4, 4]]
    assert {s["stack_sha256"] for s in sidecars} == {stack_sha}


def test_an_auto_stack_with_an_unsure_page_goes_to_review_whole(station: Station) -> None:
    stack_sha = _drop_auto(
        station,
        [
            _letter("Baurechtsamt", "Bauantrag Lindenweg 4"),
            UNSURE_PAGE,
            _letter("Steueramt", "Widerspruch gegen den Grundsteuerbescheid"),
        ],
    )
    done = station.run_once()
    assert done.returncode == 0, done.stderr

    (row,) = station.rows()
    assert (row["sha256"], row["state"]) == (stack_sha, State.REVIEW)
    (sidecar,) = [
        json.loads(p.read_text(encoding="utf-8")) for p in (station.root / "review").rglob("*.json")
    ]
    assert sidecar["sha256"] == stack_sha
    assert "unsicher bei Seite 2" in sidecar["review_reason"]
    assert "vorgeschlagen: Seiten 1-2 | 3" in sidecar["review_reason"]
    assert _shred_list(station) == []

    # A person cuts it; the service then reads and delivers each document.
    split = _semantha(
        station, "review", "split", stack_sha[:12], "--pages", "1-2,3", "--user", "erika"
    )
    assert split.returncode == 0, split.stderr
    assert not [p for p in (station.root / "review").rglob("*") if p.is_file()]
    done = station.run_once()
    assert done.returncode == 0, done.stderr

    children = _children(station)
    assert [r["source"] for r in children] == [
        f"{AUTO}/hauspost-001-002.pdf",
        f"{AUTO}/hauspost-003-003.pdf",
    ]
    assert all(r["state"] in DONE for r in children)
    outputs = [
        json.loads(p.read_text(encoding="utf-8"))
        for kind in ("dms", "review")
        for p in (station.root / kind).rglob("*.json")
    ]
    assert sorted(s["stack_pages"] for s in outputs) == [[1, 2], [3, 3]]
    archived = [p for p in (station.root / "archive").rglob("*") if p.is_file()]
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in archived] == [stack_sha]
    again = _semantha(station, "review", "split", stack_sha[:12], "--pages", "1-2,3")
    assert again.returncode == 11  # nothing of it waits in review any more
