"""Whether a scan file has been written to its end, judged by its format's own marks.

A scanner that pauses longer than the watcher's quiet time leaves a file that looks
finished by size and mtime. Its format says otherwise: a PDF ends with ``startxref``
and ``%%EOF``, a TIFF's chain of image directories (with the data they point to) lies
within the file, a JPEG ends with its EOI marker, a PNG with its IEND chunk. A file of
no scan type is complete as it is: the pipeline quarantines it with a reason.
"""

from __future__ import annotations

import os
import re
import struct
from pathlib import Path
from typing import IO

from semantha import filekind, fsutil

HEAD_BYTES = 1024
MAGIC_BYTES = 8  # the longest magic number (PNG's)
MAGICS = (b"%PDF-", b"II*\x00", b"MM\x00*", b"II+\x00", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
TAIL_BYTES = 2048
PADDING = b"\x00\r\n\t \x0c"  # what some writers leave after the end mark
PDF_END = re.compile(rb"startxref\s+(\d+)\s+%%EOF$")
JPEG_EOI = b"\xff\xd9"
PNG_IEND = b"IEND\xaeB`\x82"
MAX_TIFF_PAGES = 10_000
MAX_TIFF_ENTRIES = 4_096
# Bytes per value of each TIFF field type (TIFF 6.0 and BigTIFF); unknown types count 1.
TIFF_TYPE_BYTES = {3: 2, 4: 4, 5: 8, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8}
# Image data: (offsets tag, byte counts tag) for strips and for tiles.
TIFF_DATA_TAGS = ((273, 279), (324, 325))


def complete(path: Path) -> bool:
    """True when ``path`` ends as its format requires; OSError when it cannot be opened
    (``NotRegularFileError`` for anything but a regular file; symlinks are not followed)."""
    with fsutil.open_regular(path, follow_symlinks=False) as handle:
        size = os.fstat(handle.fileno()).st_size
        head = handle.read(HEAD_BYTES)
        kind = filekind.kind_of(head)
        if kind is None:
            # Nothing yet, or the first bytes of a magic number: still being written.
            return len(head) >= MAGIC_BYTES or not any(m.startswith(head) for m in MAGICS)
        if kind == "tiff":
            return _tiff_complete(handle, size)
        handle.seek(max(0, size - TAIL_BYTES))
        tail = handle.read().rstrip(PADDING)
    if kind == "pdf":
        end = PDF_END.search(tail)
        return end is not None and int(end.group(1)) < size
    if kind == "jpeg":
        return tail.endswith(JPEG_EOI)
    return tail.endswith(PNG_IEND)


def _tiff_complete(handle: IO[bytes], size: int) -> bool:
    """Every image directory in the chain, and the data it points to, lies in the file."""
    handle.seek(0)
    header = handle.read(16)
    order = "<" if header[:2] == b"II" else ">"
    big = header[2:4] in (b"+\x00", b"\x00+")
    if len(header) < (16 if big else 8):
        return False
    layout = _BigTiff if big else _Tiff
    offset = struct.unpack(order + layout.OFFSET, header[layout.FIRST_IFD])[0]
    seen: set[int] = set()
    while offset:
        if offset in seen or len(seen) >= MAX_TIFF_PAGES or offset >= size:
            return False
        seen.add(offset)
        handle.seek(offset)
        raw_count = handle.read(layout.COUNT_BYTES)
        if len(raw_count) < layout.COUNT_BYTES:
            return False
        (count,) = struct.unpack(order + layout.COUNT, raw_count)
        if count > MAX_TIFF_ENTRIES:
            return False
        entries = handle.read(count * layout.ENTRY_BYTES)
        raw_next = handle.read(layout.OFFSET_BYTES)
        if len(entries) < count * layout.ENTRY_BYTES or len(raw_next) < layout.OFFSET_BYTES:
            return False
        if not _ifd_data_within(handle, order, layout, entries, size):
            return False
        (offset,) = struct.unpack(order + layout.OFFSET, raw_next)
    return bool(seen)


class _Tiff:
    FIRST_IFD = slice(4, 8)
    COUNT, COUNT_BYTES = "H", 2
    OFFSET, OFFSET_BYTES = "I", 4
    ENTRY_BYTES = 12


class _BigTiff:
    FIRST_IFD = slice(8, 16)
    COUNT, COUNT_BYTES = "Q", 8
    OFFSET, OFFSET_BYTES = "Q", 8
    ENTRY_BYTES = 20


def _ifd_data_within(
    handle: IO[bytes], order: str, layout: type[_Tiff | _BigTiff], entries: bytes, size: int
) -> bool:
    """Each entry's values stored elsewhere in the file, and the image data, end in it."""
    fields: dict[int, tuple[int, int, bytes]] = {}
    for start in range(0, len(entries), layout.ENTRY_BYTES):
        entry = entries[start : start + layout.ENTRY_BYTES]
        tag, kind = struct.unpack(order + "HH", entry[:4])
        # An entry's value count has the width of an offset (4 bytes, 8 in BigTIFF).
        (count,) = struct.unpack(order + layout.OFFSET, entry[4 : 4 + layout.OFFSET_BYTES])
        value = entry[4 + layout.OFFSET_BYTES :]
        length = count * TIFF_TYPE_BYTES.get(kind, 1)
        if length > layout.OFFSET_BYTES:
            (where,) = struct.unpack(order + layout.OFFSET, value)
            if where + length > size:
                return False
        fields[tag] = (kind, count, value)
    for offsets_tag, counts_tag in TIFF_DATA_TAGS:
        if offsets_tag in fields and counts_tag in fields:
            offsets = _values(handle, order, layout, fields[offsets_tag])
            counts = _values(handle, order, layout, fields[counts_tag])
            if any(o + c > size for o, c in zip(offsets, counts, strict=False)):
                return False
    return True


def _values(
    handle: IO[bytes], order: str, layout: type[_Tiff | _BigTiff], field: tuple[int, int, bytes]
) -> list[int]:
    """The integers of a SHORT, LONG or LONG8 field, inline or read from the file."""
    kind, count, value = field
    code = {3: "H", 4: "I", 16: "Q"}.get(kind)
    if code is None:
        return []
    length = count * TIFF_TYPE_BYTES[kind]
    if length > layout.OFFSET_BYTES:
        (where,) = struct.unpack(order + layout.OFFSET, value)
        handle.seek(where)
        value = handle.read(length)
    return list(struct.unpack(f"{order}{count}{code}", value[:length]))
