"""imaging.preprocess on typeset German letters that were turned, skewed and damaged."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from letterpages import FONTS, LETTERS, blank_back, degrade, render_letter, rotate

from semantha.config import PreprocessSettings
from semantha.reading import imaging
from semantha.records import GrayImage, Page, Reading

DPI = 150  # half the production resolution keeps these tests fast; analysis runs at 100-150 dpi
OFF = PreprocessSettings(orientation=False, deskew=False, blank_pages=False, binarize=False)


@cache
def _letter(n: int = 0) -> GrayImage:
    image = render_letter(LETTERS[n % len(LETTERS)], FONTS[n % len(FONTS)], dpi=DPI)
    image.flags.writeable = False  # shared between tests
    return image


def _page(image: GrayImage, dpi: int = DPI) -> Page:
    return Page(0, image, dpi, (image.shape[1], image.shape[0]))


def _no_osd(image: GrayImage, dpi: int) -> int | None:
    raise AssertionError("the cheap orientation test should have been sure")


@pytest.mark.parametrize("letter", [0, 1, 2])
@pytest.mark.parametrize("turned_ccw", [90, 180, 270])
def test_turned_page_is_turned_back_exactly(letter: int, turned_ccw: int) -> None:
    original = _letter(letter)
    turned = rotate(original, turned_ccw)  # exact quarter turns: no resampling
    settings = OFF.model_copy(update={"orientation": True, "deskew": True})
    page = imaging.preprocess(_page(turned), settings, _no_osd)
    assert (page.quarter_turns, page.deskew_deg) == (turned_ccw // 90, 0.0)
    assert page.ops == (f"rotate:{turned_ccw}",)
    assert page.image is not None and np.array_equal(page.image, original)
    assert page.size == (original.shape[1], original.shape[0])


@pytest.mark.parametrize("turned_ccw", [0, 90, 180, 270])
def test_turned_degraded_page_is_found_upright(turned_ccw: int) -> None:
    damaged = degrade(_letter(1), seed=turned_ccw, skew_deg=2.0)
    page = imaging.preprocess(_page(rotate(damaged, turned_ccw)), PreprocessSettings(), _no_osd)
    expected = (f"rotate:{turned_ccw}",) if turned_ccw else ()
    assert tuple(op for op in page.ops if op.startswith("rotate")) == expected
    assert page.quarter_turns == turned_ccw // 90
    assert page.image is not None
    score = imaging.upright_score(page.image, DPI)
    assert score is not None and score > imaging.UPRIGHT_MARGIN


def test_upright_page_is_not_turned() -> None:
    page = imaging.preprocess(_page(_letter(2)), OFF.model_copy(update={"orientation": True}))
    assert page.ops == () and page.quarter_turns == 0
    assert page.image is not None and np.array_equal(page.image, _letter(2))


def test_osd_is_asked_only_when_the_cheap_test_is_unsure() -> None:
    asked: list[int] = []

    def osd(image: GrayImage, dpi: int) -> int | None:
        asked.append(dpi)
        return 180

    # Two short lines are too little for ascender/descender statistics.
    few_lines = rotate(render_letter(["Eingang 03.03.2025", "Amt 63"], dpi=DPI), 180)
    page = imaging.preprocess(_page(few_lines), OFF.model_copy(update={"orientation": True}), osd)
    assert asked == [DPI]
    assert (page.quarter_turns, page.ops) == (2, ("rotate:180",))


def test_unsure_orientation_without_osd_leaves_the_page() -> None:
    few_lines = render_letter(["Amt 63"], dpi=DPI)
    page = imaging.preprocess(_page(few_lines), OFF.model_copy(update={"orientation": True}))
    assert page.ops == ()


@pytest.mark.parametrize("angle", [-7.0, -2.3, -0.6, 1.1, 4.6, 9.0])
def test_deskew_recovers_a_known_angle(angle: float) -> None:
    skewed = rotate(_letter(0), angle)
    skew = imaging.estimate_skew(skewed, DPI, max_deg=10)
    assert skew.horizontal
    assert abs(skew.angle_deg + angle) <= 0.3
    page = imaging.preprocess(_page(skewed), OFF.model_copy(update={"deskew": True}))
    assert abs(page.deskew_deg + angle) <= 0.3 and page.quarter_turns == 0
    assert page.ops == (f"deskew:{page.deskew_deg:.2f}",)
    assert page.image is not None
    assert abs(imaging.estimate_skew(page.image, DPI, max_deg=10).angle_deg) <= 0.3


def test_deskew_on_a_degraded_page() -> None:
    damaged = degrade(_letter(2), seed=5, skew_deg=-3.4)
    assert abs(imaging.estimate_skew(damaged, DPI, max_deg=10).angle_deg - 3.4) <= 0.3


def test_skew_beyond_the_limit_is_left_alone() -> None:
    skewed = rotate(_letter(0), 6.0)
    settings = OFF.model_copy(update={"deskew": True, "max_skew_deg": 3.0})
    page = imaging.preprocess(_page(skewed), settings)
    assert (page.ops, page.deskew_deg) == ((), 0.0)


def test_straight_page_is_not_resampled() -> None:
    page = imaging.preprocess(_page(_letter(0)), OFF.model_copy(update={"deskew": True}))
    assert page.ops == ()


@pytest.mark.parametrize("seed", [0, 1])
def test_duplex_back_is_marked_blank_and_kept(seed: int) -> None:
    back = blank_back(seed, size=(1240, 1754))
    for image in (back, degrade(back, seed=seed, skew_deg=0.5)):
        page = imaging.preprocess(_page(image), PreprocessSettings())
        assert page.blank and page.ops == ("blank",)
        assert page.image is not None  # kept: the delivered file has every page


def test_page_with_little_text_is_not_blank() -> None:
    for lines in (["Seite 2"], ["Anlage"], ["i.A. Müller"]):
        little = render_letter(lines, dpi=DPI)
        assert not imaging.is_blank(little, DPI), lines
        assert not imaging.is_blank(degrade(little, seed=3, skew_deg=1.0), DPI), lines


def test_letter_is_not_blank() -> None:
    assert not imaging.is_blank(_letter(0), DPI)
    assert not imaging.is_blank(degrade(_letter(0), seed=1), DPI)


def test_blank_detection_can_be_switched_off() -> None:
    page = imaging.preprocess(_page(blank_back(0, size=(1240, 1754))), OFF)
    assert not page.blank and page.ops == ()


def test_default_settings_record_every_step_and_binarise() -> None:
    damaged = degrade(_letter(0), seed=2, skew_deg=2.5)
    page = imaging.preprocess(_page(damaged), PreprocessSettings())
    assert [op.split(":")[0] for op in page.ops] == ["deskew", "flatten", "otsu"]
    assert page.binarized and page.image is not None
    assert set(np.unique(page.image)) == {0, 255}
    # Shading is gone: the paper is white on both sides of the page.
    width = page.image.shape[1]
    for band in (page.image[:, : width // 5], page.image[:, -width // 5 :]):
        assert np.mean(band == 255) > 0.9


def test_flatten_evens_out_shaded_paper() -> None:
    shaded = _letter(1).astype(np.float32) - np.linspace(0, 60, _letter(1).shape[1])[None, :]
    flat = imaging.flatten(np.clip(shaded, 0, 255).astype(np.uint8), DPI)
    paper = flat[_letter(1) == 255]
    assert np.percentile(paper, 5) > 235


def test_colour_image_is_made_gray() -> None:
    colour = np.dstack([_letter(0)] * 3)
    gray = imaging.to_gray(colour)
    assert gray.ndim == 2 and np.array_equal(gray, _letter(0))


def test_without_binarisation_the_page_stays_gray() -> None:
    page = imaging.preprocess(_page(degrade(_letter(0), seed=2)), OFF)
    assert not page.binarized and page.image is not None
    assert len(np.unique(page.image)) > 2


def test_pdf_text_pages_pass_through() -> None:
    page = Page(0, None, DPI, (1240, 1754), text="Bescheid", reading=Reading.TEXT_LAYER)
    assert imaging.preprocess(page, PreprocessSettings()) is page


@pytest.mark.parametrize("fraction", [0.25, 0.4, 0.6])
def test_header_cut_falls_between_text_lines_near_the_fraction(fraction: float) -> None:
    image = _letter(0)
    height = image.shape[0]
    cut = imaging.header_cut(image, DPI, fraction)
    assert abs(cut - fraction * height) <= 0.1 * height
    # No line is split: the rows around the cut carry (almost) no ink.
    band = image[cut - 2 : cut + 3, image.shape[1] // 20 : -image.shape[1] // 20]
    assert int((band < 128).sum()) <= 4


def test_header_cut_of_an_empty_page_is_the_fraction() -> None:
    blank = np.full((1754, 1240), 255, dtype=np.uint8)
    assert imaging.header_cut(blank, DPI, 0.4) == round(0.4 * 1754)


def test_a_finer_scan_is_scaled_to_the_reading_resolution() -> None:
    page = Page(0, np.full((3000, 2100), 255, dtype=np.uint8), 300, (2100, 3000))
    scaled = imaging.at_most(page, 200)
    assert scaled.image is not None and scaled.image.shape == (2000, 1400)
    assert (scaled.dpi, scaled.size, scaled.ops) == (200, (1400, 2000), ("scale:200",))
    assert imaging.at_most(scaled, 200) is scaled  # never enlarged, never twice
    assert imaging.at_most(Page(1, None, 300), 200) == Page(1, None, 300)


def test_marks_taller_than_glyphs_leave_a_page_blank_wherever_they_cross() -> None:
    # Fold lines and staple shadows 30 mm long, crossing the quarter of the page that is
    # counted first: cut there, each piece is glyph-sized, but the page holds no glyph.
    page = np.full((1754, 1240), 250, np.uint8)
    quarter = 88 + (1754 - 2 * 88) // 4  # the inner page starts below a 1/20 margin
    for x in (300, 600, 900):
        page[quarter - 30 : quarter + 150, x : x + 4] = 20
    assert imaging.is_blank(page, DPI)
    page[1400:1420, 300:312] = 20  # one glyph-sized mark below: still too few
    assert imaging.is_blank(page, DPI)


def test_text_strip_is_a_few_text_lines_cut_to_their_columns() -> None:
    letter = _letter(0)
    strip = imaging.text_strip(letter, DPI)
    rows_per_mm = DPI / 25.4
    assert abs(strip.shape[0] - imaging.STRIP_MM * rows_per_mm) <= 2
    # the page is 210 mm wide, its text some 150 mm: the strip keeps the inked columns
    assert 0.5 * letter.shape[1] < strip.shape[1] < 0.9 * letter.shape[1]
    assert (strip < 128).mean() > 0.01  # text, not the margin


def test_a_page_beyond_the_pixel_budget_is_scaled_down_before_anything_else() -> None:
    huge = np.full((8900, 8900), 255, np.uint8)
    huge[::36, :] = 0  # stripes: cheap to make, expensive to read
    page = imaging.within_pixels(Page(0, huge, 300, (8900, 8900)), 20_000_000)
    assert page.image is not None
    height, width = page.image.shape
    assert width * height <= 20_000_000 and abs(width - 4472) <= 1 and width == height
    assert page.dpi == 151 and page.size == (width, height)
    assert page.ops[-1] == "pixels:20000000"


def test_a_page_within_the_pixel_budget_is_left_as_it_is() -> None:
    letter = render_letter(LETTERS[0], FONTS[0])
    page = Page(0, letter, 300, (letter.shape[1], letter.shape[0]))
    assert imaging.within_pixels(page, 20_000_000) is page
