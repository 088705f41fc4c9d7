"""The inbox watcher: readiness, junk, subfolders, symlinks, events and polling."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import structlog

from semantha.config import Paths
from semantha.errors import ConfigError
from semantha.service.watch import (
    InboxWatcher,
    StabilityTracker,
    check_layout,
    is_junk,
    source_folder,
)

PDF_END = b"\nstartxref\n9\n%%EOF\n"  # the end a complete PDF has


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    "name",
    [
        ".DS_Store",
        "Thumbs.db",
        "desktop.ini",
        "~$brief.docx",
        ".hidden.pdf",
        "scan.pdf.part",
        "scan.TMP",
        "scan.pdf.crdownload",
        "scan.pdf.filepart",
    ],
)
def test_junk_is_recognised(name: str) -> None:
    assert is_junk(name)


@pytest.mark.parametrize("name", ["scan.pdf", "-rf.pdf", "Brief an Amt 63 äöü.tif", "a.tmp.pdf"])
def test_real_documents_are_not_junk(name: str) -> None:
    assert not is_junk(name)


def test_source_folder_is_relative_posix(tmp_path: Path) -> None:
    assert source_folder(tmp_path / "a.pdf", tmp_path) == ""
    nested = tmp_path / "Hauspost" / "Etage 2" / "a.pdf"
    assert source_folder(nested, tmp_path) == "Hauspost/Etage 2"


def test_tracker_waits_until_size_and_mtime_are_quiet(tmp_path: Path) -> None:
    clock = Clock()
    tracker = StabilityTracker(2.0, clock)
    file = tmp_path / "scan.pdf"
    file.write_bytes(b"%PDF-1.4 part one")
    tracker.observe(file)
    assert tracker.stable() == []  # first look records size and mtime
    clock.now += 1.5
    with file.open("ab") as handle:
        handle.write(b" part two" + PDF_END)
    assert tracker.stable() == []  # it grew: the quiet period starts again
    clock.now += 1.9
    assert tracker.stable() == []
    clock.now += 0.2
    assert tracker.stable() == [file]
    assert tracker.stable() == []  # reported once


def test_tracker_forgets_files_that_vanish(tmp_path: Path) -> None:
    clock = Clock()
    tracker = StabilityTracker(0.0, clock)
    file = tmp_path / "gone.pdf"
    file.write_bytes(b"x")
    tracker.observe(file)
    file.unlink()
    assert tracker.stable() == []
    assert len(tracker) == 0


def _drain(watcher: InboxWatcher, clock: Clock, rounds: int = 3) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for _ in range(rounds):
        found += [
            (c.path.relative_to(watcher.inbox).as_posix(), c.source_folder) for c in watcher.poll()
        ]
        clock.now += 5
    return sorted(found)


def test_scan_finds_documents_in_subfolders_and_skips_junk(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "Hauspost" / "Etage 2").mkdir(parents=True)
    (inbox / ".Trash-0").mkdir()
    (inbox / "a.pdf").write_bytes(b"a")
    (inbox / "Hauspost" / "Etage 2" / "b.tif").write_bytes(b"b")
    (inbox / ".Trash-0" / "c.pdf").write_bytes(b"c")
    for junk in ("Thumbs.db", ".DS_Store", "d.pdf.part", "~$e.docx"):
        (inbox / junk).write_bytes(b"junk")
    clock = Clock()
    watcher = InboxWatcher(inbox, 2.0, 60.0, clock=clock)
    assert _drain(watcher, clock) == [("Hauspost/Etage 2/b.tif", "Hauspost/Etage 2"), ("a.pdf", "")]


def test_symlinks_are_not_followed_out_of_the_inbox(tmp_path: Path) -> None:
    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    inbox.mkdir()
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"s")
    (inbox / "link.pdf").symlink_to(outside / "secret.pdf")
    (inbox / "linkdir").symlink_to(outside, target_is_directory=True)
    (inbox / "real.pdf").write_bytes(b"r")
    clock = Clock()
    watcher = InboxWatcher(inbox, 0.0, 60.0, clock=clock)
    assert _drain(watcher, clock) == [("real.pdf", "")]


def test_a_queued_file_is_reported_once_until_released(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.pdf").write_bytes(b"a")
    clock = Clock()
    watcher = InboxWatcher(inbox, 0.0, 1.0, clock=clock)
    assert _drain(watcher, clock) == [("a.pdf", "")]
    assert _drain(watcher, clock) == []  # rescans do not report it again
    watcher.release(inbox / "a.pdf")  # e.g. intake failed: it is taken in again later
    assert _drain(watcher, clock) == [("a.pdf", "")]


@pytest.mark.parametrize("polling", [False, True])
def test_files_arriving_later_are_reported_via_events_or_polling(
    tmp_path: Path, polling: bool
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    # The rescan interval is long: only events (or the polling observer) can find the file.
    watcher = InboxWatcher(inbox, 0.2, 3600.0, polling=polling, poll_interval_s=0.1)
    watcher.poll()
    watcher.start()
    try:
        (inbox / "Hauspost").mkdir()
        (inbox / "Hauspost" / "late.pdf").write_bytes(b"%PDF late" + PDF_END)
        found: list[str] = []
        deadline = time.monotonic() + 10
        while not found and time.monotonic() < deadline:
            found = [c.source_folder for c in watcher.poll()]
            time.sleep(0.05)
    finally:
        watcher.stop()
    assert found == ["Hauspost"]


def test_check_layout_refuses_an_output_symlinked_into_the_inbox(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (tmp_path / "review").symlink_to(inbox / "sub", target_is_directory=True)
    paths = Paths(
        inbox=inbox,
        review=tmp_path / "review",
        work=tmp_path / "work",
        dms_root=tmp_path / "dms",
        quarantine=tmp_path / "quarantine",
        archive=tmp_path / "archive",
    )
    with pytest.raises(ConfigError, match=r"paths\.review"):
        check_layout(paths)
    check_layout(paths.model_copy(update={"review": tmp_path / "real-review"}))


def test_a_fifo_swapped_in_under_a_tracked_name_is_never_opened(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "swap.pdf").write_bytes(b"hello")
    clock = Clock()
    watcher = InboxWatcher(inbox, 1.0, 3600.0, clock=clock, incomplete_wait_s=0.0)
    assert watcher.poll() == []  # tracked, not yet quiet
    os.mkfifo(tmp_path / "f")
    (tmp_path / "f").rename(inbox / "swap.pdf")
    clock.now += 5
    # A blocking open of the FIFO would hang here (no writer ever comes).
    assert watcher.poll() == []
    assert watcher.special == {"swap.pdf": "fifo"}
    assert watcher.pending == 0


def test_symlinks_and_fifos_are_listed_once_and_forgotten_when_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "Hauspost").mkdir(parents=True)
    (inbox / "link.pdf").symlink_to(tmp_path / "elsewhere.pdf")
    os.mkfifo(inbox / "Hauspost" / "pipe.pdf")
    clock = Clock()
    watcher = InboxWatcher(inbox, 0.0, 1.0, clock=clock)
    with structlog.testing.capture_logs() as logs:
        for _ in range(3):
            watcher.poll()
            clock.now += 2
    assert watcher.special == {"link.pdf": "symlink", "Hauspost/pipe.pdf": "fifo"}
    ignored = [e for e in logs if e["event"] == "watch.ignored"]
    assert sorted(e["kind"] for e in ignored) == ["fifo", "symlink"]  # once each
    assert not [e for e in ignored if "pipe.pdf" in str(e) or "link.pdf" in str(e)]  # no names
    (inbox / "link.pdf").unlink()
    watcher.poll()
    assert watcher.special == {"Hauspost/pipe.pdf": "fifo"}


def test_an_incomplete_scan_waits_until_complete_or_long_quiet(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    scan = inbox / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 first pages")
    clock = Clock()
    watcher = InboxWatcher(inbox, 1.0, 1.0, clock=clock, incomplete_wait_s=30.0)
    watcher.poll()
    clock.now += 5
    assert watcher.poll() == []  # quiet, but the PDF's end is missing: the scanner pauses
    with scan.open("ab") as handle:
        handle.write(b" last page" + PDF_END)
    watcher.poll()
    clock.now += 2
    assert [c.path for c in watcher.poll()] == [scan]

    stuck = inbox / "stuck.pdf"
    stuck.write_bytes(b"%PDF-1.4 a transfer that never ends")
    clock.now += 2
    watcher.poll()  # seen at the next rescan
    clock.now += 20
    assert watcher.poll() == []
    clock.now += 11
    assert [c.path for c in watcher.poll()] == [stuck]  # taken as it is: quarantined later
