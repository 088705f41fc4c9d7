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
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import yaml
from activepdf import PROGRAM, armed_pdf
from PIL import Image
from test_service_faults import (  # noqa: F401 (station: the fixture)
    REPO,
    Station,
    drop,
    letter_pdf,
    station,
)

from semantha.fsutil import TEMP_PREFIX
from semantha.service.journal import State

pytestmark = pytest.mark.integration
PAGE = 4096  # tmpfs hands out whole pages


def png_page() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (600, 800), 255).save(buffer, format="PNG")
    return buffer.getvalue()


def stripes_png() -> bytes:
    """An 8900 x 8900 bitonal page of text-like dashes, about 130 KB as a PNG."""
    rng = np.random.default_rng(7)
    image = np.full((8900, 8900), 255, np.uint8)
    for top in range(40, 8860, 36):
        x = 40
        while x < 8700:
            width = int(rng.integers(8, 60))
            image[top : top + 18, x : x + width] = 0
            x += width + int(rng.integers(6, 20))
    buffer = io.BytesIO()
    Image.fromarray(image).convert("1").save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def semantha(at: Station, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(at.config), *args],
        cwd=at.root,
        env={**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def set_ocr(at: Station, **settings: object) -> None:
    config = yaml.safe_load(at.config.read_text(encoding="utf-8"))
    config.setdefault("ocr", {}).update(settings)
    at.config.write_text(yaml.safe_dump(config), encoding="utf-8")


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


@pytest.mark.slow
def test_a_pathological_image_is_scaled_to_the_pixel_budget_and_the_service_goes_on(
    station: Station,  # noqa: F811
) -> None:
    # 79 M pixels of text-like stripes: OCR'd at full size, minutes and gigabytes.
    station.set_service(workers=1, document_timeout_s=120)
    set_ocr(station, max_page_pixels=4_000_000)
    station.start()
    stripes = drop(station.inbox, "stripes.png", stripes_png())
    letter = drop(station.inbox, "amt63.pdf", letter_pdf(0))
    station.wait_for(lambda: station.final() == 2, 240, "the stripes and a letter")
    assert station.process is not None and station.process.poll() is None
    assert station.stop() == 0
    rows = {row["sha256"]: row for row in station.rows()}
    assert rows[letter]["state"] == State.DELIVERED
    assert rows[stripes]["state"] in (State.REVIEW, State.QUARANTINED)
    assert rows[stripes]["attempts"] <= 1 and not rows[stripes]["failure"]  # never a timeout
    log = (station.root / "log" / "semantha.jsonl").read_text(encoding="utf-8")
    scaled = [json.loads(line) for line in log.splitlines() if "scaled_to_budget" in line]
    assert scaled and scaled[0]["pixels"] == 8900 * 8900


def test_a_worker_over_its_memory_limit_quarantines_the_document_and_lives_on(
    station: Station,  # noqa: F811
) -> None:
    # A real process with a real RLIMIT_AS: room for the service's code and its engines
    # (measured at run time), not for a 79 M pixel page and its copies.
    stripes = station.root / "stripes.png"
    stripes.write_bytes(stripes_png())
    script = """
import sys
from pathlib import Path
from semantha.config import load_config
from semantha.pipeline import process_file
from semantha.service.memory import limit_address_space
from semantha.service.worker import build_context

ctx = build_context(load_config(Path(sys.argv[1])))
status = Path("/proc/self/status").read_text()
mapped_kb = int(status.split("VmSize:")[1].split()[0])
limit_address_space(mapped_kb // 1024 + 150)
huge = process_file(Path(sys.argv[2]), ctx, full_text=True)
print("RESULT", huge.status, huge.error_class, huge.error)
letter = process_file(Path(sys.argv[3]), ctx)
print("RESULT", letter.status)
"""
    letter = station.root / "amt63.pdf"
    letter.write_bytes(letter_pdf(0))
    result = subprocess.run(
        [sys.executable, "-c", script, str(station.config), str(stripes), str(letter)],
        cwd=station.root,
        env={**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    huge_line, letter_line = [line for line in result.stdout.splitlines() if line[:7] == "RESULT "]
    assert huge_line.startswith("RESULT quarantined InputError reading the document needs more")
    assert letter_line == "RESULT delivered", "the same process reads the next letter"
    reason = json.loads((station.root / "quarantine" / "stripes.png.error.json").read_text())
    assert "service.worker_memory_mb" in reason["hint"]


def test_a_document_beyond_the_page_limit_is_not_read_in_full(
    station: Station,  # noqa: F811
) -> None:
    set_ocr(station, max_pages=2)
    long_letter = station.root / "lang.pdf"
    long_letter.write_bytes(letter_pdf(0, pages=3))
    short_letter = station.root / "kurz.pdf"
    short_letter.write_bytes(letter_pdf(0, pages=2))
    result = semantha(station, "process", "--text", "--json", str(long_letter), str(short_letter))
    assert result.returncode == 0, result.stderr
    long_row, short_row = (json.loads(line) for line in result.stdout.splitlines())
    assert long_row["status"] == "quarantined"
    assert "3 pages, more than ocr.max_pages (2)" in long_row["reason"]
    reason = json.loads((station.root / "quarantine" / "lang.pdf.error.json").read_text())
    assert "raise ocr.max_pages" in reason["hint"]
    assert short_row["status"] == "delivered" and len(short_row["text"]) == 2
