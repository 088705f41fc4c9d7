"""Hostile ground at the inbox, against the real service (`semantha run` as a subprocess):
a FIFO swapped in, symlinks, names too long for a sidecar, unwritable review and
quarantine folders, an in-flight copy deleted, a scanner pausing mid-file, a file that
changes after it was taken, and Poppler missing inside a worker.

Each ends with nothing lost, nothing twice, the service alive (or stopped with the
start-up exit code) and stoppable by SIGTERM, and the reason in `status` or quarantine.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import test_service_faults
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from test_service_faults import REPO, Station, assert_each_exactly_once, drop, letter_pdf
from textpdf import wrapped_pdf

from semantha.service.journal import State

pytestmark = pytest.mark.integration
station = test_service_faults.station  # the fixture: a scan station in a temporary folder

NAME_MAX = 255


def semantha(
    station: Station, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(station.config), *args],
        cwd=station.root,
        env=env or {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def status(station: Station) -> dict[str, Any]:
    done = semantha(station, "status", "--json")
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def events(station: Station, name: str) -> list[dict[str, Any]]:
    lines = (station.root / "log" / "semantha.jsonl").read_text(encoding="utf-8").splitlines()
    return [e for e in map(json.loads, lines) if e["event"] == name]


def started(station: Station) -> None:
    station.wait_for(lambda: bool(events_or_none(station, "service.started")), 60, "start-up")


def events_or_none(station: Station, name: str) -> list[dict[str, Any]]:
    try:
        return events(station, name)
    except (OSError, ValueError):
        return []


def break_folder(folder: Path) -> Path:
    """A regular file where the folder was (an unmounted share); the folder is kept aside."""
    away = folder.with_name(folder.name + "-away")
    folder.rename(away)
    folder.write_text("not a folder")
    return away


def restore_folder(folder: Path, away: Path) -> None:
    folder.unlink()
    away.rename(folder)


# --- 1 and (f): a FIFO swapped in, a symlink beside it ------------------------------------------


def test_a_fifo_swapped_into_the_inbox_blocks_nothing_and_status_lists_it(
    station: Station,
) -> None:
    # Quiet time longer than the swap below, so the FIFO takes a name the watcher tracks.
    station.set_service(workers=1, stable_after_s=2.0)
    station.start()
    started(station)
    swap = station.inbox / "swap.pdf"
    swap.write_bytes(b"hello\n")
    time.sleep(1.2)
    fifo = station.root / "f"
    os.mkfifo(fifo)
    fifo.rename(swap)
    outside = station.root / "outside.pdf"
    elsewhere = letter_pdf(5)
    outside.write_bytes(elsewhere)
    (station.inbox / "link.pdf").symlink_to(outside)
    expected = {drop(station.inbox, "brief.pdf", letter_pdf(1)): "brief.pdf"}
    station.wait_for(lambda: station.final() == 1, 60, "the letter after the FIFO")
    time.sleep(2.5)  # more rescans: each entry is still logged only once

    report = status(station)
    assert {(i["folder"], i["file"], i["kind"]) for i in report["ignored"]} == {
        ("inbox", "swap.pdf", "fifo"),
        ("inbox", "link.pdf", "symlink"),
    }
    text = semantha(station, "status").stdout
    assert "inbox/swap.pdf (fifo" in text
    assert station.stop() == 0  # SIGTERM still stops it
    assert sorted(e["kind"] for e in events(station, "watch.ignored")) == ["fifo", "symlink"]
    assert_each_exactly_once(station, expected)
    assert stat.S_ISFIFO(swap.lstat().st_mode)  # left where it was, never opened
    assert outside.read_bytes() == elsewhere  # never followed
    assert [Path(str(r["source"])).name for r in station.rows()] == ["brief.pdf"]


# --- 2: names too long for a sidecar; review and quarantine that cannot be written ----------------


def test_names_too_long_for_their_sidecars_are_shortened(station: Station) -> None:
    station.set_service(workers=1, delivery_attempts=3)
    letter = "ü" * 123 + "z.pdf"
    bad = "ü" * 123 + "y.pdf"
    assert len(letter.encode()) == 251
    advert = "Sonderangebot: Druckerpatronen und Toner zum halben Preis, nur diese Woche."
    # For no office: review keeps the scan's own (long) name; so does quarantine.
    contents = {letter: wrapped_pdf([advert]), bad: b"<html><body>not a scan</body></html>"}
    for name, data in contents.items():
        (station.inbox / name).write_bytes(data)  # no .part first: that name would be too long
    expected = {hashlib.sha256(data).hexdigest(): name for name, data in contents.items()}
    done = station.run_once()
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("2 documents:")
    states = {Path(str(r["source"])).name: r["state"] for r in station.rows()}
    assert states[letter] == State.REVIEW
    assert states[bad] == State.QUARANTINED
    assert_each_exactly_once(station, expected)
    written = [
        p for kind in ("dms", "review", "quarantine") for p in (station.root / kind).rglob("*")
    ]
    assert all(len(p.name.encode()) <= NAME_MAX for p in written)
    for copy in (p for p in written if p.suffix == ".pdf"):
        companion = ".error.json" if "quarantine" in copy.parts else ".json"
        assert copy.with_name(copy.name + companion).is_file(), copy
        assert "~" in copy.name  # shortened: beginning, hash, extension
    assert not list((station.root / "work" / "inflight").rglob("*.pdf"))


def test_unwritable_review_and_quarantine_end_within_delivery_attempts(station: Station) -> None:
    station.set_service(workers=1, delivery_attempts=2)
    station.start()
    started(station)  # the service has created its folders
    dms, review = break_folder(station.dms), break_folder(station.root / "review")
    first = drop(station.inbox, "erster.pdf", letter_pdf(3))
    station.wait_for(lambda: station.final() == 1, 60, "the letter review could not take")
    (report,) = (station.root / "quarantine").glob("erster.pdf.error.json")
    assert (
        "could not be delivered or put into review in 2 attempts"
        in json.loads(report.read_text())["message"]
    )

    quarantine = break_folder(station.root / "quarantine")
    second = drop(station.inbox, "zweiter.pdf", letter_pdf(4))
    station.wait_for(lambda: station.final() == 2, 60, "the letter nothing could take")
    rows = {Path(str(r["source"])).name: r for r in station.rows()}
    assert rows["zweiter.pdf"]["state"] == State.QUARANTINED
    assert rows["zweiter.pdf"]["original"] == "kept"
    kept = Path(str(rows["zweiter.pdf"]["work_path"]))
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == second  # nothing lost
    assert "the original is kept at" in status(station)["last_errors"][0]["error"]
    assert station.stop() == 0
    assert station.states().get(State.RETRYING, 0) == 0
    for folder, away in ((station.dms, dms), (station.root / "review", review)):
        restore_folder(folder, away)
    restore_folder(station.root / "quarantine", quarantine)
    assert station.run_once().returncode == 0  # a restart leaves the kept original alone
    assert kept.is_file()
    assert_each_exactly_once(station, {first: "erster.pdf"})


# --- 3: the in-flight copy deleted ---------------------------------------------------------------


def test_an_in_flight_copy_deleted_ends_the_document_with_the_reason(station: Station) -> None:
    station.set_workers(1)
    dms = break_folder(station.dms)
    station.start()
    drop(station.inbox, "brief.pdf", letter_pdf(6))
    station.wait_for(lambda: station.states().get(State.RETRYING, 0) == 1, 60, "a retry")
    (copy,) = (station.root / "work" / "inflight").rglob("brief.pdf")
    copy.unlink()
    station.wait_for(lambda: station.final() == 1, 60, "the vanished document")
    (row,) = station.rows()
    assert row["state"] == State.QUARANTINED
    assert "was deleted while the document was being processed" in str(row["last_error"])
    (report,) = (station.root / "quarantine").glob("brief.pdf.error.json")
    assert json.loads(report.read_text())["file"] is None
    assert "deleted" in status(station)["last_errors"][0]["error"]
    assert len(events(station, "document.vanished")) == 1

    restore_folder(station.dms, dms)
    expected = {drop(station.inbox, "danach.pdf", letter_pdf(7)): "danach.pdf"}
    station.wait_for(lambda: station.final() == 2, 60, "the next letter")
    assert station.stop() == 0
    assert_each_exactly_once(station, expected)


# --- 9: a scanner that pauses, a file that changes after it was taken -----------------------------


def test_a_scanner_pausing_longer_than_the_quiet_time_is_waited_for(station: Station) -> None:
    station.set_service(workers=1, incomplete_wait_s=60)
    station.start()
    started(station)
    data = letter_pdf(8, pages=3)
    step = len(data) // 4 + 1
    with (station.inbox / "langsam.pdf").open("wb") as handle:
        for start in range(0, len(data), step):
            handle.write(data[start : start + step])
            handle.flush()
            time.sleep(1.5)  # three times the quiet time
            if start + step < len(data):
                assert station.states() == {}, "taken before it was complete"
    station.wait_for(lambda: station.final() == 1, 60, "the paused file")
    assert station.stop() == 0
    (row,) = station.rows()
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    assert row["state"] in (State.DELIVERED, State.REVIEW)
    assert not any((station.root / "quarantine").iterdir())
    assert_each_exactly_once(station, {row["sha256"]: "langsam.pdf"})


def incremental_update(data: bytes) -> bytes:
    """``data`` and an appended revision of it (a scanner adding a page, an editor saving)."""
    writer = PdfWriter(PdfReader(io.BytesIO(data)), incremental=True)
    writer.add_metadata({"/Title": "Nachtrag"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_file_that_changes_after_it_was_taken_is_taken_again(station: Station) -> None:
    station.set_workers(1)
    dms = break_folder(station.dms)
    station.start()
    first = letter_pdf(9)
    whole = incremental_update(first)
    assert whole.startswith(first)
    # The writer keeps the file open; the service moves it into work/ (same inode).
    with (station.inbox / "brief.pdf").open("wb") as handle:
        handle.write(first)
        handle.flush()
        station.wait_for(lambda: station.states().get(State.RETRYING, 0) == 1, 60, "intake")
        handle.write(whole[len(first) :])
    station.wait_for(lambda: bool(events_or_none(station, "document.changed")), 60, "the change")
    restore_folder(station.dms, dms)
    station.wait_for(lambda: station.final() == 1, 60, "delivery of the whole file")
    assert station.stop() == 0
    (row,) = station.rows()
    assert row["sha256"] == hashlib.sha256(whole).hexdigest()
    assert row["state"] == State.DELIVERED
    outputs = station.outputs()
    assert hashlib.sha256(first).hexdigest() not in outputs  # the partial is no result
    assert_each_exactly_once(station, {row["sha256"]: "brief.pdf"})


# --- (a): Poppler missing inside a worker -------------------------------------------------------


def drawing_pdf() -> bytes:
    """A page of lines and no text: it must be rendered (Poppler) to be read."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for n in range(20):
        canvas.line(50, 100 + 30 * n, 500, 100 + 30 * n)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_poppler_missing_in_a_worker_stops_the_service_and_keeps_the_document(
    station: Station,
) -> None:
    station.set_workers(1)
    tools = station.root / "bin"
    tools.mkdir()
    tesseract = shutil.which("tesseract")
    assert tesseract is not None
    (tools / "tesseract").symlink_to(tesseract)  # Tesseract there, Poppler not
    sha = drop(station.inbox, "zeichnung.pdf", drawing_pdf())
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(REPO), "PATH": str(tools)}
    done = semantha(station, "run", "--once", env=env)
    assert done.returncode == 4, done.stdout + done.stderr  # EnvironmentCheckError
    assert "poppler" in done.stderr
    (row,) = station.rows()
    assert row["state"] != State.QUARANTINED
    assert row["attempts"] == 0
    assert not any((station.root / "quarantine").iterdir())
    # Installed again: the document is read at the next start, not quarantined.
    done = station.run_once()
    assert done.returncode == 0, done.stderr
    (row,) = station.rows()
    assert row["state"] in (State.DELIVERED, State.REVIEW), row
    assert_each_exactly_once(station, {sha: "zeichnung.pdf"})
