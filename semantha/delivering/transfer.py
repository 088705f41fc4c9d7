"""The transfer note (Transfervermerk): what became of a scan, so its paper may be shredded.

One note per document, in each delivered file's sidecar (``transfer``) and, written by
the service, in the audit log (event ``transfer``): which scan station scanned it and
when, its pages with their resolution and colour mode as the scanner stored them, the
checks that were done (blank pages, orientation, OCR confidence, completeness) and the
sha256 of the scan; the sidecar adds the sha256 of the file it describes.

Resolution and colour mode are read from the scanned file's own structure (image
headers, a PDF page's image dictionaries), never by decoding an image: the pipeline
works on grey images and keeps neither. A file whose structure cannot be read there
gives null values rather than no delivery: it was read before, so it is not lost.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import pypdf
import structlog
from PIL import Image, ImageSequence

from semantha.errors import InputError
from semantha.filekind import sniff
from semantha.records import PDFA, SEARCHABLE_PDF, Action, Document, Reading

log = structlog.get_logger(__name__)

ColourMode = Literal["bitonal", "gray", "colour", "none"]  # none: a page without a scanned image
POINTS_PER_INCH = 72.0
_BITONAL_FILTERS = {"/CCITTFaxDecode", "/JBIG2Decode"}
_GRAY_SPACES = {"/DeviceGray", "/CalGray"}
# Pillow and pypdf report damaged structure through many exception types.
_UNREADABLE = (
    OSError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    SyntaxError,
    EOFError,
    Image.DecompressionBombError,
    pypdf.errors.PyPdfError,
)


@dataclass(frozen=True)
class ScanPage:
    """One page as the scanner stored it: dots per inch (None when the file does not
    say) and colour mode."""

    dpi: int | None
    colour: ColourMode


@dataclass(frozen=True)
class Completeness:
    """Every page of a scanned file accounted for: ``pages_in_scan`` (a stack's page
    count) equals the pages of what was made of it, blank pages and separator sheets
    included. An unsplit file has one document (``of_document``); a stack split into
    documents passes their sums and its sheets."""

    pages_in_scan: int | None
    content_pages: int
    blank_pages: int
    separator_sheets: int = 0

    @classmethod
    def of_document(cls, document: Document, pages_in_scan: int | None) -> Completeness:
        blank = sum(1 for page in document.pages if page.blank)
        return cls(pages_in_scan, len(document.pages) - blank, blank)

    @property
    def complete(self) -> bool | None:
        if self.pages_in_scan is None:
            return None
        accounted = self.content_pages + self.blank_pages + self.separator_sheets
        return accounted == self.pages_in_scan

    def as_json(self) -> dict[str, Any]:
        return {
            "pages_in_scan": self.pages_in_scan,
            "content_pages": self.content_pages,
            "blank_pages": self.blank_pages,
            "separator_sheets": self.separator_sheets,
            "complete": self.complete,
        }


def note(document: Document, completeness: Completeness | None = None) -> dict[str, Any]:
    """The transfer note of ``document`` (JSON-ready). ``completeness`` defaults to the
    document being the whole scanned file."""
    pages = scan_pages(document.source)
    if completeness is None:
        completeness = Completeness.of_document(document, len(pages) if pages else None)
    checked = completeness.as_json()
    if document.stack is not None:
        part = document.stack
        checked["stack"] = {
            "pages_in_scan": part.stack_pages,
            "document_pages": part.document_pages,
            "dropped_pages": part.dropped_pages,
            "complete": part.stack_complete,
        }
    if completeness.complete is False or checked.get("stack", {}).get("complete") is False:
        log.warning("transfer.incomplete", doc_id=document.id[:12])
    read = [p for p in document.pages if p.reading in (Reading.HEADER, Reading.OCR)]
    looked_at = {p.index for p in read} | {p.index for p in document.pages if p.quarter_turns}
    confidences = [p.confidence for p in read if not p.blank]
    return {
        "station": document.station,
        "scanned_at": _mtime(document.source),
        "received_at": document.received_at.isoformat(timespec="seconds"),
        "pages": len(document.pages),
        "resolution_dpi": sorted({p.dpi for p in pages if p.dpi is not None}),
        "colour_modes": sorted({p.colour for p in pages}),
        "checks": {
            "blank_pages": {"found": completeness.blank_pages, "removed": 0},
            "orientation": {
                "pages_checked": len(looked_at),
                "pages_turned": sum(1 for p in document.pages if p.quarter_turns),
                "quarter_turns": [
                    p.quarter_turns if p.index in looked_at else None for p in document.pages
                ],
            },
            "ocr": {
                "pages": len(confidences),
                "mean_confidence": round(statistics.fmean(confidences), 1) if confidences else None,
            },
            "completeness": checked,
        },
        "scan_sha256": document.id,
    }


def scan_pages(path: Path) -> tuple[ScanPage, ...]:
    """Resolution and colour mode of every page of a scanned file; () when its
    structure cannot be read."""
    try:
        return _pdf_pages(path) if sniff(path) == "pdf" else _image_pages(path)
    except (*_UNREADABLE, InputError) as exc:
        log.warning("transfer.scan_unreadable", file=path.name, error=type(exc).__name__)
        return ()


def _image_pages(path: Path) -> tuple[ScanPage, ...]:
    with Image.open(path) as image:
        return tuple(_image_page(frame) for frame in ImageSequence.Iterator(image))


def _image_page(frame: Image.Image) -> ScanPage:
    dpi = frame.info.get("dpi")
    resolution = round(float(dpi[0])) if dpi and float(dpi[0]) > 1 else None
    if frame.mode == "1":
        return ScanPage(resolution, "bitonal")
    if frame.mode in ("L", "LA", "I", "I;16", "F"):
        return ScanPage(resolution, "gray")
    return ScanPage(resolution, "colour")


def _pdf_pages(path: Path) -> tuple[ScanPage, ...]:
    with path.open("rb") as handle:
        reader = pypdf.PdfReader(handle, strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        return tuple(_pdf_page(page) for page in reader.pages)


def _pdf_page(page: pypdf.PageObject) -> ScanPage:
    """The page's largest image stands for the scan; a page without one was not scanned."""
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources else None
    images = [
        x.get_object()
        for x in (xobjects.get_object().values() if xobjects else ())
        if x.get_object().get("/Subtype") == "/Image"
    ]
    if not images:
        return ScanPage(None, "none")
    image = max(images, key=lambda i: int(i.get("/Width", 0)) * int(i.get("/Height", 0)))
    box = page.mediabox
    long_side_px = max(int(image.get("/Width", 0)), int(image.get("/Height", 0)))
    long_side_in = max(abs(float(box.width)), abs(float(box.height))) / POINTS_PER_INCH
    dpi = round(long_side_px / long_side_in) if long_side_in > 0 and long_side_px > 0 else None
    return ScanPage(dpi, _pdf_colour(image))


def _pdf_colour(image: pypdf.generic.DictionaryObject) -> ColourMode:
    filters = image.get("/Filter")
    names = {str(f) for f in filters} if isinstance(filters, list) else {str(filters)}
    if image.get("/ImageMask") or names & _BITONAL_FILTERS or image.get("/BitsPerComponent") == 1:
        return "bitonal"
    space = image.get("/ColorSpace")
    space = space.get_object() if space is not None else None
    if isinstance(space, list) and space and space[0] == "/ICCBased":
        return "gray" if space[1].get_object().get("/N") == 1 else "colour"
    return "gray" if str(space) in _GRAY_SPACES else "colour"


def _mtime(path: Path) -> str | None:
    """When the scan station wrote the file: moves and copies keep the time."""
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds")


def delivered(document: Document, dest: Path, sha256: str, action: Action) -> dict[str, Any]:
    """The note for the sidecar of one delivered file: the document's, and the file's
    name, sha256 and format."""
    return {**note(document), "delivered": [delivered_file(dest, sha256, action)]}


def delivered_file(dest: Path, sha256: str, action: Action) -> dict[str, str]:
    if action.params.get(PDFA) == "true":
        form = "PDF/A-2b"
    elif action.params.get(SEARCHABLE_PDF) == "true":
        form = "searchable PDF"
    else:
        form = "scan"
    return {"file": dest.name, "sha256": sha256, "format": form}
