"""A scan file is complete only when its format's end is there: real files, cut short."""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from textpdf import wrapped_pdf

from semantha import fsutil
from semantha.filecomplete import complete


def _image(fmt: str, pages: int = 1, mode: str = "L", **options: object) -> bytes:
    frames = [Image.new(mode, (320, 240), 200 + n) for n in range(pages)]
    out = BytesIO()
    frames[0].save(out, fmt, save_all=pages > 1, append_images=frames[1:], **options)
    return out.getvalue()


SCANS = {
    "letter.pdf": lambda: wrapped_pdf(["Stadt Musterstadt\nAn: Steueramt\nBetreff: Grundsteuer"]),
    "three-pages.tif": lambda: _image("TIFF", pages=3),
    "g4.tif": lambda: _image("TIFF", pages=2, mode="1", compression="group4"),
    "bigtiff.tif": lambda: _image("TIFF", pages=2, big_tiff=True),
    "photo.jpg": lambda: _image("JPEG", quality=80),
    "page.png": lambda: _image("PNG"),
}


@pytest.mark.parametrize("name", sorted(SCANS))
def test_a_whole_scan_is_complete_and_its_beginning_is_not(tmp_path: Path, name: str) -> None:
    data = SCANS[name]()
    whole = tmp_path / name
    whole.write_bytes(data)
    assert complete(whole)
    part = tmp_path / f"part-{name}"
    # Cut anywhere before the last page's data ends: a scanner still writing.
    for cut in range(0, len(data) // 2, max(1, len(data) // 40)):
        part.write_bytes(data[:cut])
        assert not complete(part), (name, cut, len(data))


def test_trailing_padding_after_the_end_mark_is_complete(tmp_path: Path) -> None:
    path = tmp_path / "padded.pdf"
    path.write_bytes(SCANS["letter.pdf"]() + b"\r\n\x00\x00")
    assert complete(path)


def test_a_file_of_no_scan_type_is_complete_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "webpage.pdf"
    path.write_bytes(b"<!DOCTYPE html><html><body>Anmeldung</body></html>")
    assert complete(path)


def test_a_tiff_whose_directory_points_beyond_its_end_is_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.tif"
    path.write_bytes(b"II*\x00" + (10_000_000).to_bytes(4, "little") + os.urandom(200))
    assert not complete(path)


def test_a_fifo_or_symlink_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.pdf")
    with pytest.raises(fsutil.NotRegularFileError):
        complete(tmp_path / "pipe.pdf")
    (tmp_path / "real.pdf").write_bytes(SCANS["letter.pdf"]())
    (tmp_path / "link.pdf").symlink_to(tmp_path / "real.pdf")
    with pytest.raises(OSError):
        complete(tmp_path / "link.pdf")
