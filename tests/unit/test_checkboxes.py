"""Printed tick boxes: found by their square outline, erased without touching the words."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from semantha.reading import checkboxes, imaging
from semantha.records import GrayImage
from semantha.tools.samplegen.scan import scan_page

DPI = 300
MM = DPI / 25.4
FONTS = "/usr/share/fonts/truetype/dejavu/"
OPTIONS = ("zur Kenntnis", "zur Erledigung", "zur Stellungnahme", "Rücksprache")
TICKED = 2


def routing_line() -> tuple[Image.Image, list[tuple[int, int, int, int]]]:
    """A page with a memo's four 3.2 mm boxes, the third crossed, each before its words;
    the words' rectangles are returned."""
    image = Image.new("L", (2480, 1200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONTS + "DejaVuSans.ttf", round(3.2 * MM))
    side, x, y = round(3.2 * MM), 300, 600
    words = []
    for n, option in enumerate(OPTIONS):
        draw.rectangle((x, y, x + side, y + side), outline=20, width=round(0.25 * MM))
        if n == TICKED:
            draw.line((x, y, x + side, y + side), fill=20, width=round(0.35 * MM))
            draw.line((x + side, y, x, y + side), fill=20, width=round(0.35 * MM))
        left = x + round(1.3 * MM) + side
        box = draw.textbbox((left, y - round(0.4 * MM)), option, font=font)
        draw.text((left, y - round(0.4 * MM)), option, fill=20, font=font)
        words.append((box[0], box[1], box[2], box[3]))
        x = box[2] + round(7 * MM)
    return image, words


def binary(image: Image.Image, seed: int = 0, defects: tuple[str, ...] = ()) -> GrayImage:
    """``image`` as the pipeline hands it to ``find``: scanned with ``defects``, flattened,
    binarised."""
    if defects:
        image = scan_page(image, random.Random(seed), list(defects), dpi=DPI).image
    gray = np.asarray(image, dtype=np.uint8)
    return imaging.binarize(imaging.flatten(gray, DPI))


@pytest.mark.parametrize(
    ("seed", "defects"), [(0, ()), (1, ("noise",)), (2, ("blur", "noise")), (3, ("noise",))]
)
def test_every_box_of_a_routing_line_is_found_crossed_or_not(
    seed: int, defects: tuple[str, ...]
) -> None:
    page, words = routing_line()
    found = checkboxes.find(binary(page, seed, defects), DPI)
    assert len(found) == len(OPTIONS)
    for (x, _, w, h), (word_left, *_) in zip(sorted(found), words, strict=True):
        assert abs(w / MM - 3.2) < 0.6 and abs(h / MM - 3.2) < 0.6
        assert 0 < word_left - (x + w) < 2 * MM  # each box just before its own words


def test_erasing_the_boxes_whitens_them_and_keeps_every_word() -> None:
    image, words = routing_line()
    page = binary(image)
    before = [int((page[t:b, left:r] < 128).sum()) for left, t, r, b in words]
    found = checkboxes.find(page, DPI)
    checkboxes.erase(page, found)
    assert all((page[y : y + h, x : x + w] == 255).all() for x, y, w, h in found)
    assert [int((page[t:b, left:r] < 128).sum()) for left, t, r, b in words] == before
    assert checkboxes.find(page, DPI) == []


@pytest.mark.parametrize("defects", [(), ("blur", "noise")])
@pytest.mark.parametrize(
    "font",
    ["DejaVuSans.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSans-Bold.ttf"],
)
def test_letters_and_digits_are_never_boxes(font: str, defects: tuple[str, ...]) -> None:
    page = Image.new("L", (2480, 1800), 255)
    draw = ImageDraw.Draw(page)
    text = "O0QDobdpq8%@#&ÖÄÜßäöü eaeaege ABCDEFGHIJKLMNOPRSTUVWXYZ 1234567890 () [] {} |"
    for row, points in enumerate((8, 10, 12, 14, 16, 18, 22)):
        face = ImageFont.truetype(FONTS + font, round(points * 0.3528 * MM))
        draw.text((150, 150 + row * 220), text, fill=20, font=face)
    assert checkboxes.find(binary(page, 5, defects), DPI) == []


def test_table_cells_and_frames_are_not_boxes() -> None:
    page = Image.new("L", (2480, 1400), 255)
    draw = ImageDraw.Draw(page)
    line = round(0.25 * MM)
    for column in range(6):  # a ruled table: its cells are one grid, wider than a box
        for row in range(4):
            left, top = 200 + column * round(25 * MM), 200 + row * round(5 * MM)
            draw.rectangle((left, top, left + round(25 * MM), top + round(5 * MM)), None, 20, line)
    draw.rectangle((800, 900, 800 + round(40 * MM), 900 + round(20 * MM)), None, 20, line)
    assert checkboxes.find(binary(page), DPI) == []


def test_a_filled_square_is_not_a_box() -> None:
    page = Image.new("L", (600, 600), 255)
    side = round(3.2 * MM)
    ImageDraw.Draw(page).rectangle((300, 300, 300 + side, 300 + side), fill=20)
    # unflattened: the paper estimate would take a blot this wide for paper
    assert checkboxes.find(imaging.binarize(np.asarray(page)), DPI) == []
