"""What kind of file a scan is, from its first bytes, never from its name.

Scan stations and mail programs get extensions wrong, so reading and delivering both
ask this module, which sits below the stages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from semantha.errors import InputError

Kind = Literal["pdf", "tiff", "jpeg", "png"]

RESCAN_HINT = "scan the paper again and put the new file into the inbox"

_MAGIC: tuple[tuple[bytes, Kind], ...] = (
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),  # BigTIFF
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
)


def sniff(path: Path) -> Kind:
    """The file type from its magic bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise InputError(f"{path.name}: cannot be read ({exc.strerror})", RESCAN_HINT) from exc
    if not head:
        raise InputError(f"{path.name}: the file is empty (0 bytes)", RESCAN_HINT)
    kind = kind_of(head)
    if kind is not None:
        return kind
    looks = "text or HTML" if _looks_like_text(head) else "an unknown format"
    raise InputError(
        f"{path.name}: not a scan - the content is {looks}, not PDF, TIFF, JPEG or PNG",
        "configure the scanner to save PDF, TIFF, JPEG or PNG; the file name's extension "
        "does not matter",
    )


def kind_of(head: bytes) -> Kind | None:
    """The scan type the first KiB of a file shows, or None when it is none of them."""
    # The PDF header may follow some junk bytes; readers accept it within the first KiB.
    if b"%PDF-" in head:
        return "pdf"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
