"""Read a scanned file into pages: PDF, multi-page TIFF (also bitonal CCITT G4), JPEG, PNG.

The type is sniffed from the file's first bytes; a name whose extension claims another
type (an archive named ``.pdf``) is refused. Pages are produced one at a time, so a long
PDF never sits in memory as a whole. A PDF page that already carries a usable text
layer is returned as text and is not rendered for OCR; a scanner's page (one JPEG or
G4 image over the whole page) is decoded, not rendered (``pdfscan``). Every way a file can be
unreadable ends in ``InputError`` with a hint for the mailroom.
"""

from __future__ import annotations

import struct
from collections.abc import Generator
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pdf2image
import pypdf
import structlog
from pdf2image.exceptions import (
    PDFInfoNotInstalledError,
    PDFPageCountError,
    PDFPopplerTimeoutError,
    PDFSyntaxError,
)
from PIL import Image, ImageOps

from semantha.errors import EnvironmentCheckError, InputError
from semantha.filekind import RESCAN_HINT, Kind, sniff_named
from semantha.reading import pdfscan
from semantha.records import GrayImage, Page, Reading

log = structlog.get_logger(__name__)

MIN_SIDE_PX = 64  # smaller than a stamp at 150 dpi: not a scanned page
MAX_PIXELS = 80_000_000  # A3 at 600 dpi is 70 M pixels; more is a decompression bomb
PDF_RENDER_TIMEOUT_S = 120
MIN_TEXT_LAYER_LETTERS = 40  # fewer letters is a stamp or page number, not the page's text

# Pillow reports broken image data through many exception types.
_DECODER_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    IndexError,
    KeyError,
    struct.error,
    Image.DecompressionBombError,
)


def load_pages(path: Path, dpi: int, start: int = 0) -> Generator[Page, None, None]:
    """The pages of ``path`` from index ``start`` on, one at a time.

    ``dpi`` renders PDF pages and stands in for images without resolution metadata.

    Problems found in the file's header (empty, unknown type, encrypted) are raised
    at once; damage further into the file is raised when that page is reached.
    """
    kind = sniff_named(path)
    log.debug("load.sniffed", file=path.name, kind=kind)
    if kind == "pdf":
        # Read from the open file: given a path, pypdf holds the whole file in memory.
        handle = path.open("rb")
        try:
            reader = _open_pdf(path, handle)
        except BaseException:
            handle.close()
            raise
        return _pdf_pages(path, handle, reader, dpi, start)
    return _image_pages(path, kind, _open_image(path), dpi, start)


def page_image(path: Path, index: int, dpi: int) -> Page:
    """Page ``index`` with its image, for a person to look at: a page with a text layer
    is rendered too. Image files keep their own resolution (``Page.dpi`` says which)."""
    pages = load_pages(path, dpi, start=index)
    try:
        page = next(pages, None)
    finally:
        pages.close()
    if page is None:
        raise InputError(f"{path.name} has no page {index + 1}", "ask for an existing page")
    return page if page.image is not None else _rendered_page(path, index, dpi)


def page_count(path: Path) -> int:
    """How many pages ``path`` holds, without rendering or decoding any of them."""
    kind = sniff_named(path)
    if kind == "pdf":
        with path.open("rb") as handle:
            return len(_open_pdf(path, handle).pages)
    image = _open_image(path)
    try:
        return int(getattr(image, "n_frames", 1)) if kind == "tiff" else 1
    finally:
        image.close()


# --- PDF -------------------------------------------------------------------------------


def _open_pdf(path: Path, handle: BinaryIO) -> pypdf.PdfReader:
    if b"%%EOF" not in _tail(path, 2048):
        raise InputError(
            f"{path.name}: the PDF is truncated (its end marker is missing)",
            "the transfer from the scanner was probably interrupted; " + RESCAN_HINT,
        )
    try:
        reader = pypdf.PdfReader(handle, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                f"{path.name}: the PDF is password-protected",
                "remove the password and scan again",
            )
        count = len(reader.pages)
    except InputError:
        raise
    except (pypdf.errors.PyPdfError, *_DECODER_ERRORS) as exc:
        raise InputError(f"{path.name}: the PDF is damaged ({exc})", RESCAN_HINT) from exc
    if count == 0:
        raise InputError(f"{path.name}: the PDF has no pages", RESCAN_HINT)
    return reader


def _tail(path: Path, size: int) -> bytes:
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - size))
        return handle.read()


def _pdf_pages(
    path: Path, handle: BinaryIO, reader: pypdf.PdfReader, dpi: int, start: int
) -> Generator[Page, None, None]:
    with handle:
        for index in range(start, len(reader.pages)):
            # No local name for the page: a suspended generator would keep its image alive.
            yield _pdf_page(path, reader, index, dpi)


def _pdf_page(path: Path, reader: pypdf.PdfReader, index: int, dpi: int) -> Page:
    pdf_page = reader.pages[index]
    size = _pdf_page_size(path, index, pdf_page, dpi)
    text = _text_layer(pdf_page)
    scan = None if text is not None else pdfscan.scanned_image(pdf_page, size, MAX_PIXELS)
    # pypdf keeps every object it parsed, the page's image data too (0.3 MB a scanned
    # page, 36 MB over 120 pages); none is needed again once the page is read.
    reader.resolved_objects.clear()
    if text is not None:
        log.debug("load.text_layer", file=path.name, page=index, letters=_letters(text))
        return Page(index, None, dpi, size, text=text, confidence=100.0, reading=Reading.TEXT_LAYER)
    if scan is not None:
        return Page(index, scan, dpi, size)
    return _rendered_page(path, index, dpi)


def _rendered_page(path: Path, index: int, dpi: int) -> Page:
    image = _render_pdf_page(path, index, dpi)
    return Page(index, image, dpi, (image.shape[1], image.shape[0]))


def _pdf_page_size(path: Path, index: int, pdf_page: pypdf.PageObject, dpi: int) -> tuple[int, int]:
    try:
        box = pdf_page.cropbox
        width_pt, height_pt = abs(float(box.width)), abs(float(box.height))
        rotated = int(pdf_page.get("/Rotate", 0) or 0) % 180 == 90
    except (pypdf.errors.PyPdfError, *_DECODER_ERRORS) as exc:
        raise InputError(f"{path.name}: page {index + 1} is damaged ({exc})", RESCAN_HINT) from exc
    width, height = round(width_pt * dpi / 72), round(height_pt * dpi / 72)
    if rotated:
        width, height = height, width
    _check_dimensions(path, width, height, f"page {index + 1}")
    return width, height


def _text_layer(pdf_page: pypdf.PageObject) -> str | None:
    """The page's own text when it is usable: enough letters and little garbage."""
    try:
        text = pdf_page.extract_text() or ""
    except (pypdf.errors.PyPdfError, *_DECODER_ERRORS):
        return None  # an unreadable text layer is no reason to refuse the page: OCR it
    visible = [ch for ch in text if not ch.isspace()]
    letters = _letters(text)
    if letters < MIN_TEXT_LAYER_LETTERS:
        return None
    # Fonts without a Unicode map extract as replacement characters or symbols.
    garbage = sum(1 for ch in visible if ch == "\ufffd" or not ch.isprintable())
    if letters < 0.5 * len(visible) or garbage > 0.02 * len(visible):
        return None
    return text.strip()


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _render_pdf_page(path: Path, index: int, dpi: int) -> GrayImage:
    try:
        images = pdf2image.convert_from_path(
            path,
            dpi=dpi,
            first_page=index + 1,
            last_page=index + 1,
            grayscale=True,
            timeout=PDF_RENDER_TIMEOUT_S,
        )
    except (PDFInfoNotInstalledError, FileNotFoundError) as exc:
        # Not this document's fault: stop rather than quarantine every PDF.
        raise EnvironmentCheckError(
            "poppler (pdftoppm) is not installed, PDFs cannot be read",
            "apt-get install poppler-utils",
        ) from exc
    except PDFPopplerTimeoutError as exc:
        raise InputError(
            f"{path.name}: page {index + 1} took more than {PDF_RENDER_TIMEOUT_S} s to render",
            "the page is probably a huge vector drawing, not a scan; check it by hand",
        ) from exc
    except (PDFPageCountError, PDFSyntaxError, *_DECODER_ERRORS) as exc:
        raise InputError(
            f"{path.name}: page {index + 1} cannot be rendered ({exc})", RESCAN_HINT
        ) from exc
    if not images:
        raise InputError(f"{path.name}: page {index + 1} cannot be rendered", RESCAN_HINT)
    return _gray_array(images[0])


# --- TIFF, JPEG, PNG ---------------------------------------------------------------------


def _open_image(path: Path) -> Image.Image:
    try:
        image = Image.open(path)
    except Image.DecompressionBombError as exc:
        raise _bomb(path, exc) from exc
    except _DECODER_ERRORS as exc:
        raise InputError(f"{path.name}: the image is damaged ({exc})", RESCAN_HINT) from exc
    width, height = image.size
    try:
        _check_dimensions(path, width, height, "the image")
    except InputError:
        image.close()
        raise
    return image


def _image_pages(
    path: Path, kind: Kind, image: Image.Image, default_dpi: int, start: int
) -> Generator[Page, None, None]:
    # Only TIFF holds pages; other frames (MPO previews, APNG) are not pages.
    frames = getattr(image, "n_frames", 1) if kind == "tiff" else 1
    try:
        for index in range(start, frames):
            yield _image_page(path, image, index, default_dpi)
    finally:
        image.close()


def _image_page(path: Path, image: Image.Image, index: int, default_dpi: int) -> Page:
    where = f"page {index + 1}" if index else "the image"
    try:
        image.seek(index)
        _check_dimensions(path, image.width, image.height, where)
        upright = ImageOps.exif_transpose(image)  # phones and some scanners store rotation in EXIF
        gray = _gray_array(upright)
        dpi = _metadata_dpi(image, default_dpi)
    except InputError:
        raise
    except Image.DecompressionBombError as exc:
        raise _bomb(path, exc) from exc
    except _DECODER_ERRORS as exc:
        raise InputError(
            f"{path.name}: {where} is damaged or truncated ({exc})", RESCAN_HINT
        ) from exc
    return Page(index, gray, dpi, (gray.shape[1], gray.shape[0]))


def _metadata_dpi(image: Image.Image, default_dpi: int) -> int:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    # 1 or 72 dpi are placeholders written by software that did not know the resolution.
    return value if 100 <= value <= 1200 else default_dpi


def _gray_array(image: Image.Image) -> GrayImage:
    if image.mode in ("I", "I;16", "I;16B", "I;16L"):
        # 16-bit scans: Pillow's convert("L") clips instead of scaling, giving a white page.
        wide = np.asarray(image, dtype=np.int64)
        return np.asarray(np.clip(wide >> 8, 0, 255), dtype=np.uint8)
    gray = image if image.mode == "L" else image.convert("L")
    return np.asarray(gray, dtype=np.uint8).copy()


def _check_dimensions(path: Path, width: int, height: int, where: str) -> None:
    if width < MIN_SIDE_PX or height < MIN_SIDE_PX:
        raise InputError(
            f"{path.name}: {where} is only {width}x{height} pixels, too small to be a scanned page",
            "check the scanner's resolution setting and " + RESCAN_HINT,
        )
    if width * height > MAX_PIXELS:
        raise InputError(
            f"{path.name}: {where} claims {width}x{height} pixels, more than any scanned "
            f"page ({MAX_PIXELS:,} max); refusing a possible decompression bomb",
            "scan at 300 dpi; if the file did not come from the scanner, do not open it",
        )


def _bomb(path: Path, exc: Exception) -> InputError:
    return InputError(
        f"{path.name}: refusing a possible decompression bomb ({exc})",
        "scan at 300 dpi; if the file did not come from the scanner, do not open it",
    )
