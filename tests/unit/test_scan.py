"""Scanner defects: applied to the pixels and recorded with their parameters."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest
from PIL import Image, ImageDraw

from semantha.tools.samplegen.scan import (
    DEFECTS,
    Defect,
    StampFrame,
    blank_back,
    judged_stamp,
    plan_defects,
    scan_page,
    stamp_items,
    stamp_text,
)

DPI = 100


def page() -> Image.Image:
    """A white A4 page at 100 dpi with black bars where text would be."""
    image = Image.new("L", (827, 1169), 255)
    draw = ImageDraw.Draw(image)
    for row in range(10):
        top = 200 + row * 40
        draw.rectangle((90, top, 90 + 300 + row * 20, top + 12), fill=0)
    return image


def dark(image: Image.Image) -> int:
    return int((np.asarray(image.convert("L")) < 128).sum())


def test_each_applied_defect_is_recorded_in_order_with_parameters() -> None:
    names = ("skew", "background", "noise", "speckle", "jpeg")
    scanned = scan_page(page(), random.Random(1), names, dpi=DPI)
    assert tuple(d.name for d in scanned.defects) == names
    recorded = {d.name: d.as_dict() for d in scanned.defects}
    assert 0.5 <= abs(float(recorded["skew"]["angle"])) <= 4.0
    assert 15 <= int(recorded["jpeg"]["quality"]) <= 40
    assert float(recorded["noise"]["sigma"]) > 0


def test_defects_change_the_pixels() -> None:
    original = page()
    for name in ("skew", "background", "noise", "speckle", "blur", "edge_shadow", "punch_holes"):
        scanned = scan_page(original, random.Random(2), [name], dpi=DPI)
        assert scanned.image.tobytes() != original.tobytes(), name


@pytest.mark.parametrize("turn", [90, 270])
def test_quarter_turns_swap_the_page_dimensions(turn: int) -> None:
    scanned = scan_page(page(), random.Random(3), ["rotate"], dpi=DPI, rotation=turn)
    assert scanned.image.size == (1169, 827)
    assert scanned.rotation == turn
    # turning back counter-clockwise restores the page exactly
    assert scanned.image.rotate(turn, expand=True).tobytes() == page().tobytes()


def test_half_turn_puts_the_text_at_the_bottom() -> None:
    scanned = scan_page(page(), random.Random(4), ["rotate"], dpi=DPI, rotation=180)
    pixels = np.asarray(scanned.image)
    assert scanned.image.size == page().size
    assert (pixels[:580] < 128).sum() == 0
    assert (pixels[580:] < 128).sum() == dark(page())


def test_rotation_without_the_rotate_defect_is_not_recorded() -> None:
    scanned = scan_page(page(), random.Random(5), ["noise"], dpi=DPI, rotation=90)
    assert scanned.rotation == 0
    assert scanned.image.size == page().size


def test_bitonal_pages_are_black_and_white() -> None:
    scanned = scan_page(page(), random.Random(6), ["noise", "bitonal"], dpi=DPI)
    assert scanned.image.mode == "1"
    assert set(np.unique(np.asarray(scanned.image.convert("L")))) <= {0, 255}


def test_incoming_stamp_is_light_gray_in_the_upper_right() -> None:
    scanned = scan_page(page(), random.Random(7), ["stamp"], dpi=DPI, stamp_date=date(2025, 11, 14))
    params = scanned.defects[0].as_dict()
    assert params["text"] == "EINGANG / 14. NOV. 2025 / Stadt Musterstadt"
    x, y = int(params["x"]), int(params["y"])
    assert x > 827 // 3 and y < 1169 // 2
    changed = np.asarray(scanned.image).astype(int) - np.asarray(page()).astype(int)
    assert (changed < 0).sum() > 500  # stamp ink darkened the paper
    assert (changed > 0).sum() == 0  # and never lightened the text
    stamped = np.asarray(scanned.image)[changed < 0]
    assert stamped.min() >= 100  # light gray ink, never black


def test_stamp_text_uses_german_month_abbreviations() -> None:
    assert stamp_text(date(2026, 3, 2)) == ("EINGANG", "2. MÄRZ 2026", "Stadt Musterstadt")


def test_blank_back_is_near_white_with_faint_bleed_through() -> None:
    front = page()
    back = blank_back(front, random.Random(8), ["skew", "noise", "stamp"], dpi=DPI)
    pixels = np.asarray(back.image).astype(float)
    assert back.blank
    assert pixels.mean() > 230
    assert dark(back.image) < 50
    assert back.defects[0].name == "bleed_through"
    assert "stamp" not in [d.name for d in back.defects]  # the stamp is on the front only
    # the ghost is the mirror image: darker where the front's text is, seen from behind
    ghost = np.asarray(front)[:, ::-1] < 128
    assert pixels[ghost].mean() < pixels[~ghost].mean()


def test_blank_back_follows_the_sheet_into_bitonal_mode() -> None:
    back = blank_back(page(), random.Random(9), ["rotate", "bitonal"], dpi=DPI, rotation=90)
    assert back.image.mode == "1"
    assert back.image.size == (1169, 827)
    assert dark(back.image) < 50


def test_profiles_choose_plausible_defects() -> None:
    rng = random.Random(10)
    clean = [plan_defects(rng, "clean") for _ in range(50)]
    degraded = [plan_defects(rng, "degraded") for _ in range(50)]
    assert not any({"speckle", "jpeg", "punch_holes", "edge_shadow"} & set(p) for p in clean)
    assert all("skew" in p and "noise" in p for p in degraded)
    assert sum("speckle" in p for p in degraded) > 25
    assert all(list(p) == sorted(p, key=list(DEFECTS).index) for p in degraded)


def test_plan_adds_stamp_rotation_and_bitonal_and_drops_jpeg_for_bitonal() -> None:
    rng = random.Random(11)
    plans = [
        plan_defects(rng, "degraded", stamp=True, rotation=180, bitonal=True) for _ in range(30)
    ]
    assert all({"stamp", "rotate", "bitonal"} <= set(p) for p in plans)
    assert not any("jpeg" in p for p in plans)


def test_clean_profile_is_gentler_than_degraded() -> None:
    names = ["skew", "background", "noise"]
    clean = scan_page(page(), random.Random(12), names, profile="clean", dpi=DPI)
    worse = scan_page(page(), random.Random(12), names, profile="degraded", dpi=DPI)
    sigma = {d.name: d.as_dict() for d in clean.defects}["noise"]["sigma"]
    assert float(sigma) <= 2.0
    white = np.asarray(page()) == 255
    assert np.asarray(clean.image)[white].mean() > np.asarray(worse.image)[white].mean()


def test_same_seed_same_scan() -> None:
    names = list(DEFECTS)
    first = scan_page(page(), random.Random(13), names, dpi=DPI, rotation=90)
    again = scan_page(page(), random.Random(13), names, dpi=DPI, rotation=90)
    assert first.image.tobytes() == again.image.tobytes()
    assert first.defects == again.defects


def test_unknown_defects_and_rotations_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown scanner defects"):
        scan_page(page(), random.Random(14), ["coffee"], dpi=DPI)
    with pytest.raises(ValueError, match="rotation"):
        scan_page(page(), random.Random(14), ["rotate"], dpi=DPI, rotation=45)


def test_stamp_on_a_gray_scan_is_legible_and_its_frame_is_where_it_was_printed() -> None:
    scanned = scan_page(page(), random.Random(15), ["stamp", "noise"], dpi=DPI)
    params = scanned.defects[0].as_dict()
    assert params["legible"] is True
    assert "ink_kept" not in params  # nothing but a threshold can take a gray stamp away
    frame = StampFrame.of(params, DPI)
    before, after = np.asarray(page()).astype(int), np.asarray(scanned.image).astype(int)
    changed = np.argwhere(after < before - 40)
    inside = [frame.contains(float(x), float(y), pad=2.0) for y, x in changed[::25]]
    assert inside and all(inside)  # every stamped pixel lies in the recorded frame
    assert not frame.contains(frame.centre[0] + 250, frame.centre[1])


def test_bitonal_scan_keeps_a_dark_stamp_and_loses_a_light_one() -> None:
    def stamp_on_bitonal(ink_threshold: int) -> dict[str, float | int | str]:
        # a stamp drawn by a seed whose ink is fixed below; the threshold decides
        rng = random.Random(16)
        scanned = scan_page(page(), rng, ["stamp"], dpi=DPI)
        table = [255 if v > ink_threshold else 0 for v in range(256)]
        bitonal = scanned.image.point(table, "1")
        applied = [*scanned.defects, Defect("bitonal", (("threshold", ink_threshold),))]
        return judged_stamp(scanned.defects[0], page(), bitonal, applied, DPI).as_dict()

    kept, lost = stamp_on_bitonal(200), stamp_on_bitonal(90)
    assert kept["legible"] is True and float(kept["ink_kept"]) > 0.9
    assert lost["legible"] is False and float(lost["ink_kept"]) < 0.05


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_legibility_is_judged_on_the_sheet_after_skew_and_turn(turn: int) -> None:
    scanned = scan_page(
        page(), random.Random(17), ["stamp", "skew", "rotate"], dpi=DPI, rotation=turn
    )
    # a threshold above the stamp's gray: every letter pixel is black in the file, so
    # the check finds them all only if it undid the skew and the turn correctly
    bitonal = scanned.image.point([255 if v > 200 else 0 for v in range(256)], "1")
    applied = [*scanned.defects, Defect("bitonal", (("threshold", 200),))]
    judged = judged_stamp(scanned.defects[0], page(), bitonal, applied, DPI).as_dict()
    assert float(judged["ink_kept"]) > 0.8


def test_stamp_items_are_the_stamp_lines_at_the_stamp() -> None:
    scanned = scan_page(page(), random.Random(21), ["stamp"], dpi=DPI, stamp_date=date(2026, 3, 2))
    params = scanned.defects[0].as_dict()
    items = stamp_items(params, DPI)
    assert [item.text for item in items] == ["EINGANG", "2. MÄRZ 2026", "Stadt Musterstadt"]
    assert {item.role for item in items} == {"stamp"}
    frame = StampFrame.of(params, DPI)
    for item in items:
        y = item.y / 25.4 * DPI
        x = (item.runs[0].x + 5.0) / 25.4 * DPI
        assert frame.contains(x, y, pad=3.0)
    assert [item.y for item in items] == sorted(item.y for item in items)
