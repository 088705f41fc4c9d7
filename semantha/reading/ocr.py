"""Read page images with Tesseract.

Pages are read by a persistent Tesseract engine (tesserocr, a binding to the same
libtesseract and language data as the ``tesseract`` command): the language model is
loaded once per process and thread instead of once per call (0.2-0.4 s each), and
the page's pixels are handed over as raw bytes, with no image file in between.
Orientation detection and the environment checks use pytesseract, the CLI's wrapper;
this is the only module that imports either.

Tesseract runs with one thread (``OMP_THREAD_LIMIT=1``): its own threading makes a
page about twice as slow in wall time on small machines; pages run in parallel on
separate engines instead. Engine failures and timeouts become ``OcrError``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

# libgomp reads this when libtesseract is loaded, and pytesseract passes it to the CLI.
# Set only here: any process that reads pages (service or model worker, CLI) imports this first.
os.environ["OMP_THREAD_LIMIT"] = "1"

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import numpy as np
import pytesseract
import structlog
import tesserocr
from PIL import Image

from semantha.config import OcrSettings
from semantha.errors import EnvironmentCheckError, OcrError
from semantha.reading.wordfilter import filter_words
from semantha.records import GrayImage, Page, Reading, Word

log = structlog.get_logger(__name__)

LEPTONICA_SEVERITY_NONE = 6  # L_SEVERITY_NONE in leptonica's environ.h
OSD_MIN_CONFIDENCE = 2.0  # tesseract's orientation_conf; below this its answer is a guess
STAMP_PSM = 6  # one uniform block of text
STRIP_PSM = 6  # a strip of a few text lines is one block
SURE_CONFIDENCE = 60.0  # a word read at least this sure counts as read
MIN_OCR_BUDGET_S = 5.0  # a small band's budget: the engine's start on a page costs ~0.1 s


def recognise(page: Page, settings: OcrSettings, anew: bool = False) -> Page:
    """The page with text, words and mean word confidence; the image is dropped afterwards.

    Blank pages and pages that came with a PDF text layer are not OCRed. A page whose
    header was read by ``recognise_header`` gets only the rest of it read, or, with
    ``anew``, all of it again: Tesseract lays out a whole page better than a band cut
    from it (a stamp over the address block, a paragraph cut at the band's edge).
    A read anew is still a read for routing, in the header's languages: German alone
    costs a fifth less than deu+eng per page, its CER within 0.4 points (on the samples).
    """
    if page.reading is Reading.TEXT_LAYER:
        return page
    if page.image is None or page.blank:
        return replace(page, image=None)
    rows = page.image.shape[0]
    page = read_stamp(page, settings)
    top = page.header_rows if page.reading is Reading.HEADER and not anew else 0
    languages = settings.header_languages if anew else settings.languages
    words, text = _read_band(page, settings, top, rows, languages)
    if top:
        words, text = page.words + words, "\n\n".join(t for t in (page.text, text) if t)
    return _with_text(page, words, text, image=None, reading=Reading.OCR)


def recognise_header(page: Page, settings: OcrSettings, rows: int) -> Page:
    """The page with its first ``rows`` pixel rows read; the image is kept.

    A page whose header was read already gets only the rows below it read, so a
    header can be extended band by band. The page is ``Reading.HEADER`` until
    ``recognise`` reads the rest. Word boxes are in page coordinates, like a full read's.
    """
    if page.reading is Reading.TEXT_LAYER or page.image is None or page.blank:
        return page
    top = page.header_rows if page.reading is Reading.HEADER else 0
    if rows <= top:
        return page
    page = read_stamp(page, settings)
    words, text = _read_band(page, settings, top, rows, settings.header_languages)
    if top:
        words, text = page.words + words, "\n\n".join(t for t in (page.text, text) if t)
    marked = replace(page, header_rows=rows)
    return _with_text(marked, words, text, image=page.image, reading=Reading.HEADER)


def read_stamp(page: Page, settings: OcrSettings) -> Page:
    """The page with its cut-out stamp read (``stamp_text``) and the cut-out dropped.

    A stamp is a few short lines in one block (psm 6), in the routing languages: its
    words are German month abbreviations and the owner's name.
    """
    if page.stamp_image is None:
        return page
    stamp = np.ascontiguousarray(page.stamp_image)
    with _translated_errors(page):
        engine = _engine(settings.header_languages)
        try:
            tsv = _recognise(engine, stamp, page.dpi, True, settings, STAMP_PSM)
        finally:
            engine.Clear()
    _, text = _words_and_text(tsv)
    log.debug("ocr.stamp", page=page.index, characters=len(text))
    return replace(page, stamp_image=None, stamp_text=text)


def _read_band(
    page: Page, settings: OcrSettings, top: int, bottom: int, languages: str
) -> tuple[tuple[Word, ...], str]:
    assert page.image is not None
    band = np.ascontiguousarray(page.image[top:bottom])
    if band.shape[0] < 8:
        return (), ""
    with _translated_errors(page):
        engine = _engine(languages)
        try:
            tsv = _recognise(engine, band, page.dpi, page.binarized, settings, settings.psm)
        finally:
            engine.Clear()  # the page's image and results are not kept between pages
    words, text = _words_and_text(tsv)
    if top:
        words = tuple(replace(w, box=(w.box[0], w.box[1] + top, w.box[2], w.box[3])) for w in words)
    return words, text


def _recognise(
    engine: tesserocr.PyTessBaseAPI,
    band: GrayImage,
    dpi: int,
    binary: bool,
    settings: OcrSettings,
    psm: int,
) -> str:
    height, width = band.shape
    engine.SetPageSegMode(psm)
    # Tesseract otherwise reads every line a second time inverted when unsure of it.
    engine.SetVariable("tessedit_do_invert", "0" if settings.dark_on_light else "1")
    if binary:
        # A binarised page goes as 1 bit per pixel (1 = white, tesseract's convention):
        # an eighth of the memory, no second thresholding, the same text (measured).
        packed = np.packbits(band > 127, axis=1)
        engine.SetImageBytes(packed.tobytes(), width, height, 0, packed.shape[1])
    else:
        engine.SetImageBytes(band.tobytes(), width, height, 1, width)
    engine.SetSourceResolution(dpi)
    budget = ocr_budget_s(width * height, settings)
    start = time.monotonic()
    if not engine.Recognize(timeout=max(1, round(budget * 1000))):
        # Recognize says only "no"; the clock tells a timeout from a failure.
        if time.monotonic() - start >= budget * 0.9:
            raise TimeoutError
        raise _EngineError("the engine could not recognise the page")
    return str(engine.GetTSVText(0))


def ocr_budget_s(pixels: int, settings: OcrSettings) -> float:
    """Seconds the engine may spend on ``pixels``: proportional to the area, so a
    pathological image stops in about the time a real page of its size would take."""
    budget = MIN_OCR_BUDGET_S + settings.seconds_per_megapixel * pixels / 1e6
    return min(settings.timeout_s, budget)


_engines = threading.local()


def _engine(languages: str) -> tesserocr.PyTessBaseAPI:
    """This thread's engine for ``languages``, started on first use.

    Engines are per thread (an engine reads one page at a time) and per process: a
    forked worker starts its own instead of sharing its parent's.
    """
    if getattr(_engines, "pid", None) != os.getpid():
        _engines.pid, _engines.by_languages = os.getpid(), {}
        _silence_leptonica()
    engines: dict[str, tesserocr.PyTessBaseAPI] = _engines.by_languages
    if languages not in engines:
        engine = tesserocr.PyTessBaseAPI(lang=languages, init=True)
        engine.SetVariable("debug_file", os.devnull)  # tesseract's notes, e.g. on diacritics
        engines[languages] = engine
    return engines[languages]


def _silence_leptonica() -> None:
    """Leptonica's complaints (odd boxes on noisy scans) would reach the service's stderr.

    The tesseract command kept them to itself; in-process they are only noise, since
    tesseract copes and its result or error is what counts.
    """
    name = ctypes.util.find_library("lept") or ctypes.util.find_library("leptonica")
    if name:
        ctypes.CDLL(name).setMsgSeverity(LEPTONICA_SEVERITY_NONE)


def _with_text(
    page: Page,
    words: tuple[Word, ...],
    text: str,
    image: GrayImage | None,
    reading: Reading,
) -> Page:
    confidence = sum(w.confidence for w in words) / len(words) if words else 0.0
    log.debug("ocr.page", page=page.index, words=len(words), confidence=round(confidence, 1))
    return replace(
        page, image=image, text=text, words=words, confidence=confidence, reading=reading
    )


def strip_legibility(strip: GrayImage, dpi: int, settings: OcrSettings) -> float:
    """How well a strip of a page reads: the letters and digits of the words Tesseract
    reads at least ``SURE_CONFIDENCE`` sure. Text the wrong way round or cut across its
    lines reads as a few unsure specks; text the right way up as most of its characters.

    ``imaging`` reads a strip of a page every way round before it turns the page. A
    strip the engine cannot read counts as unreadable (0.0).
    """
    if strip.shape[0] < 8 or strip.shape[1] < 8:
        return 0.0
    engine = _engine(settings.header_languages)
    try:
        tsv = _recognise(engine, np.ascontiguousarray(strip), dpi, False, settings, STRIP_PSM)
    except (TimeoutError, _EngineError, RuntimeError) as exc:
        log.debug("ocr.strip_failed", error=str(exc)[:120])
        return 0.0
    finally:
        engine.Clear()
    words, _ = _words_and_text(tsv)
    return float(
        sum(sum(c.isalnum() for c in w.text) for w in words if w.confidence >= SURE_CONFIDENCE)
    )


def detect_orientation(image: GrayImage, dpi: int) -> int | None:
    """Clockwise degrees that make the page upright, by Tesseract OSD; None when unsure.

    Costs 1-3 s a page, so ``imaging`` asks only when its own cheap test is unsure.
    """
    try:
        osd = pytesseract.image_to_osd(
            _tiff(image),
            config=f"--psm 0 --dpi {dpi}",
            output_type=pytesseract.Output.DICT,
            timeout=60,
        )
    except (pytesseract.TesseractError, RuntimeError) as exc:
        # Too few characters, or a page OSD cannot judge: leave the page as it is.
        log.debug("ocr.osd_failed", error=str(exc)[:120])
        return None
    if float(osd.get("orientation_conf", 0.0)) < OSD_MIN_CONFIDENCE:
        return None
    return int(osd.get("rotate", 0)) % 360


def check_languages(languages: str) -> None:
    """Raise EnvironmentCheckError unless tesseract runs and has every language in ``a+b``."""
    try:
        installed = set(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as exc:
        raise EnvironmentCheckError(
            "tesseract is not installed or not on PATH", "apt-get install tesseract-ocr"
        ) from exc
    except (pytesseract.TesseractError, OSError) as exc:
        raise EnvironmentCheckError(
            f"tesseract does not run: {exc}", "reinstall with apt-get install tesseract-ocr"
        ) from exc
    missing = [lang for lang in languages.split("+") if lang and lang not in installed]
    if missing:
        files = ", ".join(f"{lang}.traineddata" for lang in missing)
        packages = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
        raise EnvironmentCheckError(
            f"tesseract language data missing: {files} (installed: "
            f"{', '.join(sorted(installed)) or 'none'})",
            f"apt-get install {packages}, or change ocr.languages in config.yaml",
        )


def tesseract_version() -> str:
    """Tesseract's version, e.g. "5.3.0"; EnvironmentCheckError when it is missing."""
    try:
        return str(pytesseract.get_tesseract_version())
    except pytesseract.TesseractNotFoundError as exc:
        raise EnvironmentCheckError(
            "tesseract is not installed or not on PATH", "apt-get install tesseract-ocr"
        ) from exc


def _tiff(image: GrayImage) -> Image.Image:
    # pytesseract saves the image in ``format`` before calling tesseract; TIFF is uncompressed.
    pil = Image.fromarray(image)
    pil.format = "TIFF"
    return pil


class _EngineError(Exception):
    """The engine gave up on a page without running out of time."""


@contextmanager
def _translated_errors(page: Page) -> Iterator[None]:
    try:
        yield
    except TimeoutError as exc:
        raise OcrError(
            f"OCR of page {page.index + 1} timed out (its budget grows with the page's area)",
            "the page may be a photo or full of noise; check the scan, or raise "
            "ocr.seconds_per_megapixel and ocr.timeout_s",
        ) from exc
    except (_EngineError, RuntimeError) as exc:  # tesserocr's errors, e.g. missing language data
        raise OcrError(
            f"tesseract failed on page {page.index + 1}: {exc}".strip(),
            "run `semantha check`; if it passes, scan the page again",
        ) from exc


def _words_and_text(tsv: str) -> tuple[tuple[Word, ...], str]:
    """Words with confidence and box, and the text with tesseract's line and block breaks.

    ``tsv`` is Tesseract's TSV without its header: level, page, block, paragraph, line,
    word, left, top, width, height, confidence, text. Only word rows (level 5) count.
    Scribbles read as words (signatures) are left out of both (``wordfilter``).
    """
    placed: list[tuple[tuple[str, str, str], Word]] = []
    for row in tsv.splitlines():
        cells = row.split("\t", 11)
        if len(cells) < 12 or cells[0] != "5":
            continue
        text, confidence = cells[11].strip(), float(cells[10])
        if not text or confidence < 0:
            continue
        left, top, width, height = (int(cell) for cell in cells[6:10])
        word = Word(text, confidence, (left, top, width, height))
        placed.append(((cells[2], cells[3], cells[4]), word))
    kept = set(filter_words([word for _, word in placed]))  # a word's box makes it unique
    placed = [(key, word) for key, word in placed if word in kept]
    lines: list[tuple[tuple[str, str, str], list[str]]] = []
    for key, word in placed:
        if not lines or lines[-1][0] != key:
            lines.append((key, []))
        lines[-1][1].append(word.text)
    parts: list[str] = []
    for n, (key, tokens) in enumerate(lines):
        if n and key[:2] != lines[n - 1][0][:2]:
            parts.append("")  # a blank line between paragraphs and blocks
        parts.append(" ".join(tokens))
    return tuple(word for _, word in placed), "\n".join(parts)
