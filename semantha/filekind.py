"""What kind of file a scan is, from its first bytes, never from its name.

Scan stations and mail programs get extensions wrong, so reading and delivering both
ask this module, which sits below the stages. A name that claims a kind the content
is not (an archive named ``.pdf``) is refused by ``sniff_named``: a lenient reader
would otherwise find a PDF inside the archive and deliver the archive as that PDF.
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


# Formats that are never a scan but may carry one inside (an archive holding a PDF
# shows "%PDF-" in its first KiB): refused before the PDF header is searched for.
_NOT_SCANS: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"PK\x07\x08", "a ZIP archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"BZh", "a bzip2 archive"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office document"),
)

# The kind a file's extension claims; other extensions (or none) claim nothing.
_EXTENSIONS: dict[str, Kind] = {
    ".pdf": "pdf",
    ".tif": "tiff",
    ".tiff": "tiff",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".jpe": "jpeg",
    ".png": "png",
}


def sniff_named(path: Path) -> Kind:
    """``sniff``, and an InputError when the name's extension claims another kind."""
    kind = sniff(path)
    claimed = _EXTENSIONS.get(path.suffix.lower())
    if claimed is not None and claimed != kind:
        raise InputError(
            f"{path.name}: named {path.suffix} but the content is {kind.upper()}",
            "check where the file came from; if it is a scan, save it with the right "
            "extension and put it into the inbox again",
        )
    return kind


def sniff(path: Path) -> Kind:
    """The file type from its magic bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise InputError(f"{path.name}: cannot be read ({exc.strerror})", RESCAN_HINT) from exc
    if not head:
        raise InputError(f"{path.name}: the file is empty (0 bytes)", RESCAN_HINT)
    for magic, what in (*_NOT_SCANS, *_tar(head)):
        if head.startswith(magic):
            raise InputError(
                f"{path.name}: not a scan - the content is {what}",
                "do not open it; if it came from the scanner, configure the scanner to "
                "save PDF, TIFF, JPEG or PNG",
            )
    kind = kind_of(head)
    if kind is not None:
        return kind
    looks = "text or HTML" if _looks_like_text(head) else "an unknown format"
    raise InputError(
        f"{path.name}: not a scan - the content is {looks}, not PDF, TIFF, JPEG or PNG",
        "configure the scanner to save PDF, TIFF, JPEG or PNG; the file name's extension "
        "does not matter",
    )


def _tar(head: bytes) -> tuple[tuple[bytes, str], ...]:
    """A tar archive's magic sits at offset 257, after its first member's name."""
    return ((b"", "a tar archive"),) if head[257:262] == b"ustar" else ()


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
