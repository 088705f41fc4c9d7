"""Atomic writes leave either the old or the new file, never a half-written one or litter."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from semantha import fsutil


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{fsutil.TEMP_PREFIX}*"))


def test_atomic_write_bytes_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "index.dat"
    fsutil.atomic_write_bytes(target, b"first")
    fsutil.atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert leftovers(tmp_path) == []


def test_failed_copy_keeps_old_content_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")
    with pytest.raises(FileNotFoundError):
        fsutil.atomic_copy(tmp_path / "missing.pdf", target)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_write_interrupted_inside_the_temp_file_is_rolled_back(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    target.write_text("{}")
    with pytest.raises(TypeError):
        fsutil.atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_text() == "{}"
    assert leftovers(tmp_path) == []


def test_atomic_copy_keeps_bytes_and_mtime(tmp_path: Path) -> None:
    source = tmp_path / "scan.tif"
    source.write_bytes(os.urandom(3 * (1 << 20) + 17))  # several copy chunks
    os.utime(source, (1_700_000_000, 1_700_000_000))
    target = tmp_path / "out" / "scan.tif"
    target.parent.mkdir()
    fsutil.atomic_copy(source, target)
    assert target.read_bytes() == source.read_bytes()
    assert target.stat().st_mtime == pytest.approx(1_700_000_000)
    assert leftovers(target.parent) == []


def test_atomic_write_json_keeps_umlauts_readable(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf.json"
    fsutil.atomic_write_json(target, {"subject": "Anhörung Bußgeld", "pages": 2})
    text = target.read_text(encoding="utf-8")
    assert "Anhörung Bußgeld" in text
    assert json.loads(text) == {"subject": "Anhörung Bußgeld", "pages": 2}


def test_unique_path_counts_up(tmp_path: Path) -> None:
    wanted = tmp_path / "brief.pdf"
    assert fsutil.unique_path(wanted) == wanted
    wanted.write_bytes(b"1")
    assert fsutil.unique_path(wanted) == tmp_path / "brief (2).pdf"
    (tmp_path / "brief (2).pdf").write_bytes(b"2")
    assert fsutil.unique_path(wanted) == tmp_path / "brief (3).pdf"


def test_missing_folder_is_an_error_not_a_silent_create(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        fsutil.atomic_write_bytes(tmp_path / "absent" / "x", b"data")
    assert not (tmp_path / "absent").exists()


def test_exclusive_copy_never_replaces(tmp_path: Path) -> None:
    source = tmp_path / "new.pdf"
    source.write_bytes(b"new")
    target = tmp_path / "taken.pdf"
    target.write_bytes(b"old")
    with pytest.raises(FileExistsError):
        fsutil.atomic_copy(source, target, exclusive=True)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []
    fresh = tmp_path / "fresh.pdf"
    fsutil.atomic_copy(source, fresh, exclusive=True)
    assert fresh.read_bytes() == b"new"


def test_written_files_get_the_mode_of_any_new_file(tmp_path: Path) -> None:
    # Not mkstemp's private 0600: the DMS import runs under another account.
    plain = tmp_path / "plain"
    plain.write_bytes(b"x")
    written = tmp_path / "index.json"
    fsutil.atomic_write_json(written, {"department": "63"})
    assert stat.S_IMODE(written.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)


def test_a_secret_is_private_from_its_first_byte(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    fsutil.atomic_write_bytes(secret, b"key", mode=0o600)
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert secret.read_bytes() == b"key"


def test_short_names_stay_and_long_ones_keep_beginning_extension_and_a_hash() -> None:
    assert fsutil.short_name("brief.pdf", room=11) == "brief.pdf"
    long = "ü" * 123 + "z.pdf"  # 251 bytes: fits alone, not with ".json"
    assert fsutil.short_name(long) == long
    short = fsutil.short_name(long, room=len(".error.json"))
    assert len((short + ".error.json").encode()) <= fsutil.NAME_MAX_BYTES
    assert short.startswith("üüü") and short.endswith(".pdf") and "~" in short
    other = fsutil.short_name("ü" * 123 + "y.pdf", room=len(".error.json"))
    assert other != short  # the hash keeps different names apart
    assert fsutil.short_name("x" * 300).startswith("x" * 200)  # no extension
    raw = os.fsdecode(b"\xff" * 300 + b".tif")  # a name that is not UTF-8
    assert len(os.fsencode(fsutil.short_name(raw))) <= fsutil.NAME_MAX_BYTES


def test_unique_path_keeps_a_counted_name_within_the_limit(tmp_path: Path) -> None:
    wanted = tmp_path / ("ä" * 125 + ".pdf")  # 254 bytes
    wanted.write_bytes(b"1")
    counted = fsutil.unique_path(wanted)
    counted.write_bytes(b"2")  # would be ENAMETOOLONG with " (2)" appended whole
    assert counted.suffix == ".pdf"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.pdf")
    with pytest.raises(fsutil.NotRegularFileError):
        fsutil.file_sha256(tmp_path / "pipe.pdf")
    (tmp_path / "real.pdf").write_bytes(b"r")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "real.pdf")
    assert fsutil.file_sha256(tmp_path / "link.pdf") == fsutil.file_sha256(tmp_path / "real.pdf")
    with pytest.raises(OSError):
        fsutil.file_sha256(tmp_path / "link.pdf", follow_symlinks=False)
