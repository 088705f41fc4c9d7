"""Fault injection against the real service, continued: hostile files and a full share.

`semantha run` runs as a subprocess on real files, as in ``test_service_faults`` (whose
scan station it uses). The full DMS share is a real tmpfs mounted for the test, so
the service meets a real ENOSPC; mounting needs root, which CI has: without it the
test fails, it is never skipped.
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from activepdf import PROGRAM, armed_pdf
from PIL import Image
from test_service_faults import Station, drop, letter_pdf, station  # noqa: F401 (fixture)

from semantha.fsutil import TEMP_PREFIX
from semantha.service.journal import State

pytestmark = pytest.mark.integration
PAGE = 4096  # tmpfs hands out whole pages


def png_page() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (600, 800), 255).save(buffer, format="PNG")
    return buffer.getvalue()


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def unpaired(folder: Path) -> list[Path]:
    """Delivered files without their sidecar, and sidecars without their file."""
    files = files_in(folder)
    names = {p for p in files}
    lonely = [
        p
        for p in files
        if not p.name.endswith(".json") and p.with_name(p.name + ".json") not in names
    ]
    return lonely + [
        p for p in files if p.name.endswith(".json") and p.with_suffix("") not in names
    ]


@pytest.fixture
def small_share(station: Station) -> Iterator[Path]:  # noqa: F811 (the imported fixture)
    """``station.dms`` as a real 64 KiB tmpfs, unmounted after the service stopped."""
    if os.geteuid() != 0:
        pytest.fail("mounting a tmpfs needs root (CI runs as root): run this suite as root")
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(station.dms)], check=True
    )
    try:
        yield station.dms
    finally:
        if station.process is not None and station.process.poll() is None:
            station.stop()
        subprocess.run(["umount", str(station.dms)], check=True)


def fill_leaving(folder: Path, free: int) -> Path:
    """Fill the file system of ``folder`` up, then give back ``free`` bytes."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\1" * PAGE)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    size = filler.stat().st_size
    os.truncate(filler, size - free)
    return filler


def test_a_full_share_leaves_no_document_without_its_sidecar(
    station: Station,  # noqa: F811
    small_share: Path,
) -> None:
    letter = letter_pdf(0)
    assert len(letter) < PAGE  # the document fits, its sidecar does not
    filler = fill_leaving(small_share, PAGE)
    station.set_service(workers=1, delivery_attempts=3)
    station.start()
    sha = drop(station.inbox, "amt63.pdf", letter)
    station.wait_for(lambda: station.final() == 1, 120, "the letter")
    (row,) = station.rows()
    assert row["state"] == State.REVIEW and row["attempts"] >= 2  # retried, then review
    assert files_in(small_share) == [filler], "an orphan or a temporary file was left"
    (copy,) = [p for p in files_in(station.root / "review") if not p.name.endswith(".json")]
    sidecar = json.loads(copy.with_name(copy.name + ".json").read_text())
    assert sidecar["sha256"] == sha
    assert "No space left on device" in sidecar["review_reason"]

    # Space again: the next letter arrives with its sidecar, as a pair.
    filler.unlink()
    drop(station.inbox, "amt63-2.pdf", letter_pdf(4))
    station.wait_for(lambda: station.final() == 2, 120, "the second letter")
    assert station.stop() == 0
    delivered = files_in(small_share)
    assert len(delivered) == 2 and unpaired(small_share) == []
    assert not [p for p in delivered if p.name.startswith(TEMP_PREFIX)]


def test_hostile_files_end_in_quarantine_with_a_reason_or_reach_the_dms_disarmed(
    station: Station,  # noqa: F811
) -> None:
    station.set_workers(1)
    station.start()
    inner = letter_pdf(1)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as bundle:
        bundle.writestr("../../../etc/cron.d/evil", b"* * * * * root true\n")
        bundle.writestr("brief.pdf", inner)
    zip_sha = drop(station.inbox, "rechnung.pdf", archive.getvalue())
    png_sha = drop(station.inbox, "scan.pdf", png_page())
    armed = armed_pdf(letter_pdf(5))
    armed_sha = drop(station.inbox, "anhoerung.pdf", armed)
    station.wait_for(lambda: station.final() == 3, 120, "three documents")
    assert station.stop() == 0

    states = {row["sha256"]: row["state"] for row in station.rows()}
    assert states == {zip_sha: "quarantined", png_sha: "quarantined", armed_sha: "delivered"}
    quarantine = station.root / "quarantine"
    zip_reason = json.loads((quarantine / "rechnung.pdf.error.json").read_text())
    assert zip_reason["sha256"] == zip_sha and "a ZIP archive" in zip_reason["message"]
    assert zip_reason["hint"]
    png_reason = json.loads((quarantine / "scan.pdf.error.json").read_text())
    assert "named .pdf but the content is PNG" in png_reason["message"]
    assert not list(station.dms.rglob("evil")) and not list(station.root.rglob("cron.d"))

    (delivered,) = [p for p in files_in(station.dms) if not p.name.endswith(".json")]
    sidecar = json.loads(delivered.with_name(delivered.name + ".json").read_text())
    assert sidecar["sha256"] == armed_sha  # the original's hash, the document's id
    assert "/OpenAction /JavaScript" in sidecar["active_content_removed"]
    assert "/Names /EmbeddedFiles" in sidecar["active_content_removed"]
    data = delivered.read_bytes()
    assert data != armed and b"app.alert" not in data and PROGRAM not in data
    (archived,) = files_in(station.root / "archive")
    assert archived.read_bytes() == armed, "the original is archived unchanged"
