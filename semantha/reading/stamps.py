"""Find the incoming-mail stamp on a flattened gray page, cut it out upright, erase it.

A rubber stamp ("EINGANG / 14. NOV. 2025 / Stadt Musterstadt") is printed across
the letter at an angle, in ink lighter than the letter's. Read as part of the page
it costs Tesseract most of its errors on clean scans: tilted lines merge into the
address block and the frame reads as "|" and "[". Here it is told apart by its ink
(mid gray, away from any dark stroke) and its shape (a framed block of stamp size),
removed from the page, and handed over upright to be read on its own.

A bitonal scan (CCITT G4) keeps no gray: its stamp cannot be told from the letter
and stays on the page. Stamps without a frame are left too (text alone is no proof).
Pure functions on numpy arrays (OpenCV).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from semantha.records import GrayImage

MM_PER_INCH = 25.4
DARK = 95  # flattened gray below this is letter ink; stamp ink lies between DARK and PAPER
PAPER = 225
LONG_SIDE_MM = (40.0, 90.0)  # inside the frame; office stamps are about 60 x 30 mm
SHORT_SIDE_MM = (18.0, 45.0)
FRAME_REACH_MM = 1.0  # letter ink this near stamp ink may hide the frame
MIN_RIM_INK = 0.6  # share of the frame drawn in stamp ink; letters crossing it hide some
HOLE_MM = 1.2  # a letter stroke and its soft edge, where it crosses a stamp letter
TEXT_INSET_MM = 1.0  # inside the frame's inner edge: only the stamp's lines are read
ERASE_MARGIN_MM = 2.5  # around the inner edge: the frame itself and its ragged ink
MAX_TILT_DEG = 45.0  # steeper, a stamp could be read either way up: it stays on the page


@dataclass(frozen=True)
class Region:
    """A stamp's rotated rectangle in page pixels: centre, (long, short) side, angle."""

    centre: tuple[float, float]
    size: tuple[float, float]
    angle_deg: float  # counter-clockwise tilt of the long side

    def scaled(self, factor: float) -> Region:
        (cx, cy), (width, height) = self.centre, self.size
        return Region((cx * factor, cy * factor), (width * factor, height * factor), self.angle_deg)

    def corners(self, margin: float = 0.0) -> NDArray[np.int32]:
        width, height = self.size
        box = cv2.boxPoints(
            (self.centre, (width + 2 * margin, height + 2 * margin), -self.angle_deg)
        )
        return np.asarray(np.round(box), dtype=np.int32)


def find(flat: GrayImage, dpi: int) -> Region | None:
    """The largest stamp frame on the page, or None.

    A frame is a hole of stamp size in the stamp ink whose rim is drawn in stamp ink.
    Gray print without a frame (a sender line, a letterhead) encloses no such hole,
    and a table's cell is ruled in dark ink.
    """
    half = cv2.resize(flat, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    half_ink = cv2.resize(stamp_ink(flat), None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    mm = dpi / 2 / MM_PER_INCH  # pixels per millimetre at half size
    # Letters printed over the frame hide it: their ink counts as the frame's where
    # stamp ink is near, and only there, so a text line or a rule crossing the stamp
    # does not cut its inside in two.
    side = max(3, round(mm * FRAME_REACH_MM) * 2 + 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (side, side))
    near_stamp = cv2.dilate((half_ink > 0).astype(np.uint8), kernel) > 0
    hidden = ((half_ink > 0) | (near_stamp & (half <= PAPER))).astype(np.uint8)
    frame = cv2.morphologyEx(hidden, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    contours, hierarchy = cv2.findContours(frame, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return None
    rim = cv2.dilate((half_ink > 0).astype(np.uint8), np.ones((3, 3), np.uint8))
    rim_ink = np.asarray(rim, dtype=np.uint8)
    best: tuple[float, Region] | None = None
    for contour, (_, _, _, parent) in zip(contours, hierarchy[0], strict=True):
        if parent < 0:
            continue  # an outline, not a hole
        area = cv2.contourArea(contour)
        if area < LONG_SIDE_MM[0] * SHORT_SIDE_MM[0] * mm * mm / 2 or (best and area <= best[0]):
            continue
        hole = _region(cv2.minAreaRect(contour))
        if _stamp_sized(hole, mm) and _rim_share(rim_ink, hole, mm) >= MIN_RIM_INK:
            best = (area, hole)
    return None if best is None else best[1].scaled(2.0)


def _stamp_sized(hole: Region, mm: float) -> bool:
    long_mm, short_mm = hole.size[0] / mm, hole.size[1] / mm
    return (
        LONG_SIDE_MM[0] <= long_mm <= LONG_SIDE_MM[1]
        and SHORT_SIDE_MM[0] <= short_mm <= SHORT_SIDE_MM[1]
        and abs(hole.angle_deg) <= MAX_TILT_DEG
    )


def _rim_share(rim_ink: NDArray[np.uint8], hole: Region, mm: float) -> float:
    """Share of points just outside the hole's rectangle that lie on stamp ink."""
    grown = Region(hole.centre, (hole.size[0] + mm, hole.size[1] + mm), hole.angle_deg)
    corners = grown.corners().astype(np.float32)
    points = []
    for start, end in zip(corners, np.roll(corners, -1, axis=0), strict=True):
        steps = max(2, int(np.hypot(*(end - start)) / mm))  # one point per millimetre
        points.append(start + (end - start) * np.linspace(0, 1, steps, endpoint=False)[:, None])
    xy = np.round(np.concatenate(points)).astype(np.int32)
    height, width = rim_ink.shape
    inside = (xy[:, 0] >= 0) & (xy[:, 0] < width) & (xy[:, 1] >= 0) & (xy[:, 1] < height)
    xy = xy[inside]
    return float(rim_ink[xy[:, 1], xy[:, 0]].mean()) if len(xy) else 0.0


def stamp_ink(flat: GrayImage) -> NDArray[np.uint8]:
    """1 where the page is stamp-gray and not the soft edge of a dark letter stroke."""
    dark = (flat < DARK).astype(np.uint8)
    near_dark = cv2.dilate(dark, np.ones((5, 5), np.uint8))
    mid = cv2.inRange(flat, DARK, PAPER) // 255
    return np.asarray(mid, dtype=np.uint8) & (1 - np.asarray(near_dark, dtype=np.uint8))


def _region(rect: tuple[Sequence[float], Sequence[float], float]) -> Region:
    """``cv2.minAreaRect``'s answer as a Region with its long side first."""
    (cx, cy), (width, height), angle = rect
    if width < height:
        width, height, angle = height, width, angle - 90
    # OpenCV's angle turns clockwise in image coordinates; a half turn changes nothing.
    tilt = (-angle + 90) % 180 - 90
    return Region((cx, cy), (width, height), tilt)


def upright(image: NDArray[np.uint8], region: Region, border: int = 0) -> NDArray[np.uint8]:
    """The region cut out of ``image`` and turned level, ``border`` filling the outside."""
    (cx, cy), (width, height) = region.centre, region.size
    matrix = cv2.getRotationMatrix2D((cx, cy), -region.angle_deg, 1.0)
    matrix[0, 2] += width / 2 - cx
    matrix[1, 2] += height / 2 - cy
    size = (round(width), round(height))
    cut = cv2.warpAffine(
        image,
        matrix,
        size,
        flags=cv2.INTER_NEAREST,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=border,
    )
    return np.asarray(cut, dtype=np.uint8)


def cut_out(flat: GrayImage, region: Region, dpi: int) -> GrayImage:
    """The stamp's lines upright, black on white, without its frame or the letter's ink.

    Where the letter's strokes cross a stamp letter they leave holes in it: those are
    filled from the stamp ink around them, over letter ink only, never over paper.
    """
    ink = upright(stamp_ink(flat), region)
    inked = upright(flat, region, border=255) <= PAPER
    side = max(3, round(dpi * HOLE_MM / MM_PER_INCH) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))
    ink |= (cv2.morphologyEx(ink, cv2.MORPH_CLOSE, kernel) > 0) & inked
    inset = round(dpi * TEXT_INSET_MM / MM_PER_INCH)
    ink[:inset], ink[-inset:], ink[:, :inset], ink[:, -inset:] = 0, 0, 0, 0
    text = np.where(ink > 0, 0, 255).astype(np.uint8)
    return np.asarray(cv2.medianBlur(text, 3), dtype=np.uint8)


def erase(flat: GrayImage, region: Region, dpi: int) -> None:
    """Whiten the stamp's ink in ``flat`` in place; the letter's dark strokes stay."""
    margin = dpi * ERASE_MARGIN_MM / MM_PER_INCH
    inside = np.zeros(flat.shape, np.uint8)
    cv2.fillPoly(inside, [region.corners(margin)], 1)
    flat[(inside > 0) & (flat >= DARK)] = 255
