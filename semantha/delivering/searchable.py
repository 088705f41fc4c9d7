"""Searchable PDF: the original scan, unchanged, under an invisible layer of Semantha's OCR words.

No second OCR pass: the words come from the pages the pipeline has already read
(``Page.words``, boxes in the pixels of the preprocessed image). Each box is mapped
back to the original page: undo the quarter turns (``Page.quarter_turns``,
clockwise), then the small deskew (``Page.deskew_deg``, counter-clockwise about the
centre), then scale pixels to the page's crop box in points and undo the page's own
``/Rotate``. Every word is
drawn with PDF text render mode 3 (invisible), stretched to its box's width as
OCRmyPDF's renderer does, with one font size and baseline per text line, so that a
DMS viewer's search and text selection land on the ink. On a deskewed page the words
are centred on their ink but drawn level: text extractors (poppler, and DMS indexers
built on such libraries) break words apart whose glyphs climb a slope.

The scan itself is never re-encoded: a PDF keeps its pages and image streams, a
TIFF, JPEG or PNG is wrapped losslessly by img2pdf (JPEG as is, CCITT G4 stays G4).
A page that was turned upright gets the same turn in its ``/Rotate``, so the viewer
shows it the right way up. Pages that came with a PDF text layer keep it; blank
pages get no text.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Literal

import img2pdf
import pypdf
import structlog
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from semantha.errors import DeliveryError, EnvironmentCheckError, InputError
from semantha.filekind import sniff
from semantha.records import Page, Reading, Word

log = structlog.get_logger(__name__)

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_NAME = "SemanthaDejaVuSans"
INVISIBLE: Literal[3] = 3  # PDF text render mode: neither fill nor stroke
POINTS_PER_INCH = 72.0

_IMG2PDF_ERRORS = (
    img2pdf.ImageOpenError,
    img2pdf.AlphaChannelError,
    img2pdf.JpegColorspaceError,
    img2pdf.PdfTooLargeError,
    NotImplementedError,
    ValueError,
)


@dataclass(frozen=True)
class Affine:
    """``(x, y) -> (a*x + c*y + e, b*x + d*y + f)``, PDF's matrix order."""

    a: float
    b: float
    c: float
    d: float
    e: float
    f: float

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f

    def vector(self, x: float, y: float) -> tuple[float, float]:
        """The image of a direction: the linear part only."""
        return self.a * x + self.c * y, self.b * x + self.d * y

    def then(self, other: Affine) -> Affine:
        """This transform followed by ``other``."""
        return Affine(
            other.a * self.a + other.c * self.b,
            other.b * self.a + other.d * self.b,
            other.a * self.c + other.c * self.d,
            other.b * self.c + other.d * self.d,
            other.a * self.e + other.c * self.f + other.e,
            other.b * self.e + other.d * self.f + other.f,
        )


@dataclass(frozen=True)
class WordFrame:
    """Where a page's words go: ``place`` maps the preprocessed image's pixels to the
    scan page's user space, ``level`` the same without the deskew."""

    place: Affine
    level: Affine


def searchable_pdf(original: Path, pages: Sequence[Page]) -> bytes:
    """The original scan as a PDF with an invisible, searchable text layer from ``pages``.

    ``pages`` are the document's pages as the pipeline read them, every one in full
    (OCR or PDF text layer) or blank; DeliveryError otherwise, and when the scan
    cannot be wrapped losslessly.
    """
    ordered = _fully_read(original, pages)
    writer = _merged(original, ordered)
    buffer = io.BytesIO()
    writer.write(buffer)
    log.debug("searchable.built", pages=len(ordered), words=sum(len(p.words) for p in ordered))
    return buffer.getvalue()


def _merged(original: Path, pages: Sequence[Page]) -> pypdf.PdfWriter:
    """The scan's pages with their text layers merged in and their turns added."""
    scan = _scan_as_pdf(original, pages)
    if len(scan.pages) != len(pages):
        raise DeliveryError(
            f"{original.name}: the scan has {len(scan.pages)} pages, {len(pages)} were read",
            "the file changed after it was read; put it into the inbox again",
        )
    overlay = pypdf.PdfReader(io.BytesIO(_text_layers(scan, pages)))
    writer = pypdf.PdfWriter(clone_from=scan)
    scan.close()  # the writer holds its own copy of every object: a long scan is not kept twice
    for page, out, layer in zip(pages, writer.pages, overlay.pages, strict=True):
        if _drawn_words(page):
            out.merge_page(layer)
            out.compress_content_streams()
        turn = quarter_turns(page) * 90
        if turn:
            out.rotate(turn)
    return writer


# --- what was read -------------------------------------------------------------------


def _fully_read(original: Path, pages: Sequence[Page]) -> tuple[Page, ...]:
    ordered = tuple(sorted(pages, key=lambda p: p.index))
    if [p.index for p in ordered] != list(range(len(ordered))):
        raise DeliveryError(
            f"{original.name}: pages {[p.index + 1 for p in ordered]} do not make a whole document",
            "a searchable PDF needs every page of the scan; report this as a bug",
        )
    unread = [p.index + 1 for p in ordered if not p.read_in_full]
    if unread:
        raise DeliveryError(
            f"{original.name}: page(s) {unread} were not read in full, "
            "their text layer would be incomplete",
            "a route with searchable_pdf needs every page read before delivery "
            "(Plan.needs_full_text); report this as a bug",
        )
    unsized = [p.index + 1 for p in ordered if _drawn_words(p) and min(p.size) <= 0]
    if unsized:
        raise DeliveryError(
            f"{original.name}: page(s) {unsized} have words but no image size to place them",
            "pages must keep their size when their image is dropped; report this as a bug",
        )
    return ordered


def _drawn_words(page: Page) -> tuple[Word, ...]:
    """Words to draw: OCR'd words only (a PDF text layer is already there)."""
    if page.blank or page.reading is not Reading.OCR:
        return ()
    return tuple(w for w in page.words if _visible(w.text) and w.box[2] > 0 and w.box[3] > 0)


def _visible(text: str) -> bool:
    """At least one character that shows (no spaces, zero-width or control characters only)."""
    return any(ch.isprintable() and not ch.isspace() for ch in text)


def quarter_turns(page: Page) -> int:
    """Clockwise quarter turns that made the page upright."""
    return page.quarter_turns


def deskew_degrees(page: Page) -> float:
    """Counter-clockwise degrees the page image was turned to level its lines."""
    return page.deskew_deg


# --- the scan as PDF -------------------------------------------------------------------


def _scan_as_pdf(original: Path, pages: Sequence[Page]) -> pypdf.PdfReader:
    try:
        if sniff(original) == "pdf":
            return pypdf.PdfReader(original)
        # no creation date: the same scan gives the same bytes, which is how a redelivery
        # is recognised
        wrapped = img2pdf.convert(
            str(original),
            layout_fun=_page_layout(pages),
            engine=img2pdf.Engine.internal,
            nodate=True,
        )
        return pypdf.PdfReader(io.BytesIO(wrapped))
    except (InputError, OSError) as exc:
        raise DeliveryError(
            f"{original.name}: the scan could not be read again ({exc})",
            "the original vanished or changed after it was read; check the work folder "
            "and the disk, the document is retried",
        ) from exc
    except (pypdf.errors.PyPdfError, *_IMG2PDF_ERRORS) as exc:
        raise DeliveryError(
            f"{original.name}: the scan cannot be wrapped into a PDF without loss ({exc})",
            "deliver this scanner's files without searchable_pdf, or let the scanner save "
            "PDF, or TIFF, JPEG or PNG with 8 bits per colour",
        ) from exc


def _page_layout(pages: Sequence[Page]) -> img2pdf.LayoutFun:
    """img2pdf sizes each image page at the resolution Semantha read it with."""
    resolutions: Iterator[int] = iter([p.dpi for p in pages])

    def layout(
        width_px: int, height_px: int, _metadata_dpi: tuple[float, float]
    ) -> tuple[float, float, float, float]:
        dpi = next(resolutions, pages[-1].dpi)
        width, height = width_px * POINTS_PER_INCH / dpi, height_px * POINTS_PER_INCH / dpi
        return width, height, width, height

    return layout


# --- the text layer ----------------------------------------------------------------------


def _text_layers(scan: pypdf.PdfReader, pages: Sequence[Page]) -> bytes:
    """One overlay page per scan page, in the scan page's own user space."""
    buffer = io.BytesIO()
    font = _font()
    # The embedded font from the start: reportlab's default, Helvetica, is set on every
    # page and not embedded, which no PDF/A may contain.
    canvas = Canvas(
        buffer,
        invariant=True,
        pageCompression=True,
        initialFontName=FONT_NAME,  # type: ignore[arg-type]  # types-reportlab says float
        initialFontSize=1,
    )
    for page, scan_page in zip(pages, scan.pages, strict=True):
        box = scan_page.mediabox
        canvas.setPageSize((float(box.right), float(box.top)))
        words = _drawn_words(page)
        if words:
            frame = WordFrame(
                page_transform(page, scan_page), page_transform(page, scan_page, deskew=False)
            )
            for line in text_lines(words):
                _draw_line(canvas, font, line, frame)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@dataclass(frozen=True)
class Line:
    """Words read on one text line, and the line's top and bottom pixel rows."""

    words: tuple[Word, ...]
    top: int
    bottom: int


def text_lines(words: Sequence[Word]) -> list[Line]:
    """Words grouped into lines, top to bottom, each left to right: a word whose middle
    lies within a line's rows joins it.

    The words of a line share one font size and baseline, as Tesseract's own PDF and
    OCRmyPDF draw them; a size per word ("ein" is x-height tall, "Größe" has dots)
    makes extractors break the line apart.
    """
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.box[1] + w.box[3] / 2, w.box[0])):
        top, bottom = word.box[1], word.box[1] + word.box[3]
        if lines and lines[-1].top <= (top + bottom) / 2 <= lines[-1].bottom:
            last = lines[-1]
            lines[-1] = Line((*last.words, word), min(last.top, top), max(last.bottom, bottom))
        else:
            lines.append(Line((word,), top, bottom))
    return [replace(line, words=tuple(sorted(line.words, key=_left))) for line in lines]


def _left(word: Word) -> int:
    return word.box[0]


def _draw_line(canvas: Canvas, font: TTFont, line: Line, frame: WordFrame) -> None:
    """A line's words in reading order, in one text object, a space after each but the
    last: extractors that follow the content stream get words in order, and spaces."""
    obj = canvas.beginText()
    obj.setTextRenderMode(INVISIBLE)
    obj.setFont(FONT_NAME, 1.0)
    texts = [(" ".join(w.text.split()), w) for w in line.words]
    # a word of zero-width characters only has no width to stretch
    words = [(t, w, a) for t, w in texts if (a := pdfmetrics.stringWidth(t, FONT_NAME, 1.0)) > 0]
    for number, (text, word, advance) in enumerate(words, 1):
        obj.setTextTransform(*_word_matrix(font, word, line, frame, advance))
        obj.textOut(text if number == len(words) else text + " ")
    canvas.drawText(obj)


def _word_matrix(
    font: TTFont, word: Word, line: Line, frame: WordFrame, advance: float
) -> tuple[float, float, float, float, float, float]:
    """The text matrix that stretches a word's glyphs (``advance`` wide at size 1) over its
    box's width and the line's descent-to-ascent over the line's height."""
    left, _, width, _ = word.box
    centre = frame.place(left + width / 2, (line.top + line.bottom) / 2)
    along = frame.level.vector(width, 0)
    up = frame.level.vector(0, line.top - line.bottom)
    ascent, descent = font.face.ascent / 1000.0, font.face.descent / 1000.0
    scale_x, scale_y = 1.0 / advance, 1.0 / (ascent - descent)
    # the text origin lies on the baseline, |descent| above the line's bottom edge
    depth = -descent * scale_y
    origin_x = centre[0] - along[0] / 2 - up[0] / 2 + depth * up[0]
    origin_y = centre[1] - along[1] / 2 - up[1] / 2 + depth * up[1]
    return (
        along[0] * scale_x,
        along[1] * scale_x,
        up[0] * scale_y,
        up[1] * scale_y,
        origin_x,
        origin_y,
    )


@cache
def _font() -> TTFont:
    if not FONT_PATH.is_file():
        raise EnvironmentCheckError(
            f"the font for searchable PDFs is missing: {FONT_PATH}",
            "apt-get install fonts-dejavu-core",
        )
    font = TTFont(FONT_NAME, str(FONT_PATH))
    pdfmetrics.registerFont(font)
    return font


# --- coordinates ---------------------------------------------------------------------


def page_transform(page: Page, scan_page: pypdf.PageObject, deskew: bool = True) -> Affine:
    """Pixels of the preprocessed page image -> user space (points) of the scan's page."""
    turns = quarter_turns(page)
    width, height = page.size
    if turns % 2:
        width, height = height, width  # the original's pixel size, before the turns
    return (
        _unturn(turns, width, height)
        .then(_unskew(deskew_degrees(page) if deskew else 0.0, width, height))
        .then(_pixels_to_page(scan_page, width, height))
    )


def _unturn(turns: int, width: float, height: float) -> Affine:
    """Undo ``turns`` clockwise quarter turns of an image that was ``width`` x ``height``."""
    transform = Affine(1, 0, 0, 1, 0, 0)
    heights = (height, width)  # before an odd turn the image stood as it was, then lay sideways
    for turn in range(turns, 0, -1):
        # a clockwise turn took (x, y) of an image h pixels high to (h - y, x); undo the last first
        transform = transform.then(Affine(0, -1, 1, 0, 0, heights[(turn - 1) % 2]))
    return transform


def _unskew(degrees: float, width: float, height: float) -> Affine:
    """Undo a counter-clockwise turn by ``degrees`` about the image centre (y points down)."""
    if not degrees:
        return Affine(1, 0, 0, 1, 0, 0)
    cos, sin = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    cx, cy = width / 2, height / 2
    # the inverse of cv2.getRotationMatrix2D(centre, degrees, 1): rotate by -degrees
    return Affine(cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy)


def _pixels_to_page(scan_page: pypdf.PageObject, width: float, height: float) -> Affine:
    """Original pixels (as displayed, y down) -> the page's user space (y up)."""
    box = scan_page.cropbox
    left, bottom = float(box.left), float(box.bottom)
    right, top = float(box.right), float(box.top)
    rotate = (scan_page.rotation or 0) % 360
    shown_w, shown_h = (
        (top - bottom, right - left) if rotate in (90, 270) else (right - left, top - bottom)
    )
    sx, sy = shown_w / width, shown_h / height
    # displayed (xd, yd) from the top-left corner -> user space, per /Rotate
    if rotate == 90:
        return Affine(0, sx, sy, 0, left, bottom)
    if rotate == 180:
        return Affine(-sx, 0, 0, sy, right, bottom)
    if rotate == 270:
        return Affine(0, -sx, -sy, 0, right, top)
    return Affine(sx, 0, 0, -sy, left, top)
