"""Incoming-mail stamps: found by their frame and gray ink, cut out upright, erased."""

from __future__ import annotations

import math
import random

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from semantha.reading import imaging, stamps
from semantha.records import GrayImage
from semantha.tools.samplegen.scan import STAMP_MM, StampFrame, scan_page

DPI = 300
MM = DPI / 25.4
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


LINE = "Wir bitten um Prüfung des Antrags vom 3. März 2025 und um Rückmeldung bis Ende April."


def letter(rule_y: int | None = None) -> Image.Image:
    """A white A4 page of dark 11 pt text lines, some under the stamp; ``rule_y``: and
    a hairline across the page at that row, as a table's would be."""
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, round(3.9 * MM))
    for row in range(40):
        draw.text((240, 300 + row * 60), LINE[: 40 + row % 7 * 7], fill=20, font=font)
    if rule_y is not None:
        draw.line((240, rule_y, 2300, rule_y), fill=20, width=round(0.3 * MM))
    return image


def stamped(seed: int, rule: bool = False) -> tuple[GrayImage, StampFrame, float]:
    """A scan with a stamp; ``rule``: a hairline runs through the stamp's middle."""
    scanned = scan_page(letter(), random.Random(seed), ["stamp", "noise"], dpi=DPI)
    params = scanned.defects[0].as_dict()
    if rule:  # the same seed stamps the same place
        rule_y = round(StampFrame.of(params, DPI).centre[1])
        scanned = scan_page(letter(rule_y), random.Random(seed), ["stamp", "noise"], dpi=DPI)
    flat = imaging.flatten(np.asarray(scanned.image, dtype=np.uint8), DPI)
    return flat, StampFrame.of(params, DPI), float(params["angle"])


@pytest.mark.parametrize(("seed", "rule"), [(1, False), (2, False), (3, False), (4, True)])
def test_a_stamp_is_found_where_and_as_it_was_printed(seed: int, rule: bool) -> None:
    flat, frame, angle = stamped(seed, rule)
    region = stamps.find(flat, DPI)
    assert region is not None
    assert math.dist(region.centre, frame.centre) < 2 * MM
    assert abs(region.angle_deg - angle) < 1.5
    # the hole inside the frame: the stamp's size less its 0.7 mm line on each side
    assert abs(region.size[0] / MM - (STAMP_MM[0] - 1.4)) < 2.5
    assert abs(region.size[1] / MM - (STAMP_MM[1] - 1.4)) < 2.5


def test_a_page_without_a_stamp_has_none() -> None:
    assert stamps.find(imaging.flatten(np.asarray(letter()), DPI), DPI) is None


def test_gray_print_without_a_frame_is_not_a_stamp() -> None:
    page = letter()
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, round(6 * MM))
    for n, line in enumerate(("EINGANG", "14. NOV. 2025", "Stadt Musterstadt")):
        draw.text((1300, 500 + n * round(9 * MM)), line, fill=150, font=font)
    assert stamps.find(imaging.flatten(np.asarray(page), DPI), DPI) is None


def test_a_dark_ruled_box_of_stamp_size_is_not_a_stamp() -> None:
    page = letter()
    box = (1300, 500, 1300 + round(60 * MM), 500 + round(28 * MM))
    ImageDraw.Draw(page).rectangle(box, outline=20, width=round(0.7 * MM))
    assert stamps.find(imaging.flatten(np.asarray(page), DPI), DPI) is None


def test_erasing_whitens_the_stamp_and_keeps_the_letter_under_it() -> None:
    flat, _, _ = stamped(2)
    region = stamps.find(flat, DPI)
    assert region is not None
    inside = np.zeros(flat.shape, np.uint8)
    cv2.fillPoly(inside, [region.corners(MM)], 1)
    dark_before = int(((flat < stamps.DARK) & (inside > 0)).sum())
    assert stamps.stamp_ink(flat)[inside > 0].sum() > 1000
    erased = flat.copy()
    stamps.erase(erased, region, DPI)
    assert stamps.stamp_ink(erased)[inside > 0].sum() == 0
    assert int(((erased < stamps.DARK) & (inside > 0)).sum()) == dark_before


def test_the_cut_out_is_upright_text_without_the_frame() -> None:
    flat, _, _ = stamped(3)
    region = stamps.find(flat, DPI)
    assert region is not None
    cut = stamps.cut_out(flat, region, DPI)
    assert cut.shape == (round(region.size[1]), round(region.size[0]))
    ink = cut < 128
    edge = round(stamps.TEXT_INSET_MM * MM)
    assert not ink[:edge].any() and not ink[:, :edge].any()  # no frame left
    # three level lines of text: rows with ink come in three runs
    rows = ink.sum(axis=1) > 5
    runs = int(rows[0]) + int(np.count_nonzero(rows[1:] & ~rows[:-1]))
    assert runs == 3
