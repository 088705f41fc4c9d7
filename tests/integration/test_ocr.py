"""ocr with the real tesseract: German text, word data, errors and the environment check."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import numpy as np
import pytest
from letterpages import FONTS, LETTERS, blank_back, render_letter, rotate, truth_text

from semantha.config import OcrSettings
from semantha.errors import EnvironmentCheckError, OcrError
from semantha.reading import ocr
from semantha.records import GrayImage, Page, Reading
from semantha.tools.textmetrics import cer

pytestmark = pytest.mark.integration


@cache
def _letter(n: int) -> GrayImage:
    return render_letter(LETTERS[n], FONTS[n])


def _page(image: GrayImage) -> Page:
    return Page(0, image, 300, (image.shape[1], image.shape[0]))


@pytest.mark.parametrize("letter", [0, 1])
def test_german_letter_with_umlauts_and_sharp_s(letter: int) -> None:
    page = ocr.recognise(_page(_letter(letter)), OcrSettings())
    truth = truth_text(LETTERS[letter])
    assert cer(truth, page.text) <= 0.01
    for expected in ("Grüßen", "für"):
        assert expected in page.text
    assert page.reading is Reading.OCR and page.confidence > 80
    # The text keeps tesseract's lines: every typeset line is one line of text.
    lines = [line for line in page.text.splitlines() if line.strip()]
    assert len(lines) == len(LETTERS[letter])
    # Words carry confidences and boxes inside the page.
    assert len(page.words) >= 60
    assert page.confidence == pytest.approx(np.mean([w.confidence for w in page.words]))
    width, height = page.size
    for word in page.words:
        left, top, w, h = word.box
        assert left >= 0 and top >= 0 and left + w <= width and top + h <= height
    # The image is dropped to bound memory; the size stays for region lookups.
    assert page.image is None and page.size == (_letter(letter).shape[1], _letter(letter).shape[0])


def test_blank_page_is_not_ocred() -> None:
    page = Page(1, blank_back(0), 300, (2481, 3507), ops=("blank",), blank=True)
    read = ocr.recognise(page, OcrSettings(timeout_s=0.001))  # would time out if OCRed
    assert read.image is None and read.text == "" and read.blank


def test_timeout_becomes_ocr_error() -> None:
    with pytest.raises(OcrError) as caught:
        ocr.recognise(_page(_letter(0)), OcrSettings(timeout_s=0.05))
    assert "timed out" in caught.value.message and "ocr.timeout_s" in caught.value.hint


def test_tesseract_failure_becomes_ocr_error() -> None:
    with pytest.raises(OcrError) as caught:
        ocr.recognise(_page(_letter(0)), OcrSettings(languages="xyz"))
    assert "tesseract failed" in caught.value.message and caught.value.hint


def test_installed_languages_pass_the_check() -> None:
    ocr.check_languages("deu+eng")


def test_missing_language_names_file_and_package() -> None:
    with pytest.raises(EnvironmentCheckError) as caught:
        ocr.check_languages("deu+fra")
    assert "fra.traineddata" in caught.value.message and "deu" not in caught.value.hint
    assert "apt-get install tesseract-ocr-fra" in caught.value.hint


def test_tesseract_version() -> None:
    version = ocr.tesseract_version()
    assert version[0].isdigit() and int(version.split(".")[0]) >= 4


@pytest.mark.slow
@pytest.mark.parametrize("turned_ccw", [90, 180])
def test_osd_tells_how_to_turn_a_page(turned_ccw: int) -> None:
    turned = rotate(_letter(2), turned_ccw)
    assert ocr.detect_orientation(turned, 300) == turned_ccw


def test_osd_on_a_page_without_text_is_unsure() -> None:
    assert ocr.detect_orientation(np.full((800, 600), 255, dtype=np.uint8), 300) is None


def test_header_first_then_the_rest_reads_the_whole_letter() -> None:
    page, settings = _page(_letter(0)), OcrSettings()
    rows = 1200  # below the subject line, between two lines of the typeset letter
    header = ocr.recognise_header(page, settings, rows)
    assert header.reading is Reading.HEADER and header.image is not None
    assert "Aktenzeichen" in header.text and "Grüßen" not in header.text
    assert all(w.box[1] < rows for w in header.words)
    whole = ocr.recognise(header, settings)
    assert whole.reading is Reading.OCR and whole.image is None
    assert whole.text.startswith(header.text) and whole.words[: len(header.words)] == header.words
    # The rest's words are in page coordinates, below the header.
    assert all(w.box[1] >= rows for w in whole.words[len(header.words) :])
    assert cer(truth_text(LETTERS[0]), whole.text) <= 0.01


def test_a_header_read_on_in_a_second_band_keeps_the_first() -> None:
    page, settings = _page(_letter(0)), OcrSettings()
    first = ocr.recognise_header(page, settings, 700)
    more = ocr.recognise_header(first, settings, 1200)
    assert more.header_rows == 1200 and more.reading is Reading.HEADER
    assert more.words[: len(first.words)] == first.words and more.text.startswith(first.text)
    assert all(700 <= w.box[1] < 1200 for w in more.words[len(first.words) :])
    assert "Aktenzeichen" in more.text and "Grüßen" not in more.text
    assert ocr.recognise_header(more, settings, 1000) == more  # nothing above what was read


def test_a_header_read_anew_is_the_whole_page_read_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page, settings = _page(_letter(0)), OcrSettings()
    header = ocr.recognise_header(page, settings, 700)
    engines = ocr._engine
    asked: list[str] = []
    monkeypatch.setattr(
        ocr, "_engine", lambda languages: asked.append(languages) or engines(languages)
    )
    anew = ocr.recognise(header, settings, anew=True)
    assert asked == [settings.header_languages] != [settings.languages]
    assert anew.reading is Reading.OCR and anew.image is None
    # the header's words replaced by a whole-page read, in the header's languages
    german = settings.model_copy(update={"languages": settings.header_languages})
    assert anew.words == ocr.recognise(page, german).words
    assert any(w.box[1] < 700 for w in anew.words) and any(w.box[1] >= 700 for w in anew.words)


def test_header_of_a_blank_page_is_not_read() -> None:
    page = replace(_page(blank_back(3)), blank=True)
    assert ocr.recognise_header(page, OcrSettings(), 500) == page


def test_the_ocr_budget_grows_with_the_page_area_up_to_the_timeout() -> None:
    settings = OcrSettings(timeout_s=120, seconds_per_megapixel=4)
    assert ocr.ocr_budget_s(0, settings) == ocr.MIN_OCR_BUDGET_S
    a4 = ocr.ocr_budget_s(2480 * 3508, settings)
    assert a4 == pytest.approx(ocr.MIN_OCR_BUDGET_S + 4 * 8.69984)
    assert ocr.ocr_budget_s(4 * 2480 * 3508, settings) == 120  # capped by timeout_s


def test_a_page_of_noise_runs_out_of_its_budget_while_a_letter_of_its_size_reads() -> None:
    # Blobs like letters, everywhere: the engine tries every one. These 52 M pixels took
    # 25 s here, unbounded. At 0.1 s per megapixel their budget is 10.2 s and an A4
    # letter's 5.9 s (it reads in 1 s): wide margins both ways, on a slow or a fast day.
    rng = np.random.default_rng(1)
    blobs = rng.random((1200, 1200)) < 0.3
    noise = np.where(np.kron(blobs, np.ones((6, 6), bool)), 0, 255).astype(np.uint8)
    settings = OcrSettings(seconds_per_megapixel=0.1)
    with pytest.raises(OcrError) as caught:
        ocr.recognise(_page(noise), settings)
    assert "timed out" in caught.value.message and "seconds_per_megapixel" in caught.value.hint
    letter = _letter(0)
    assert ocr.ocr_budget_s(letter.size, settings) < ocr.ocr_budget_s(noise.size, settings)
    assert ocr.recognise(_page(letter), settings).words
