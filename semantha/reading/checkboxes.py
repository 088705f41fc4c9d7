"""Find printed tick boxes on a binarised page and erase them before OCR.

An internal memo's routing line ("☐ zur Kenntnis ☒ zur Erledigung ☐ Rücksprache")
is drawn with small squares. Tesseract reads each as "[", "U]", "[J]" or "KX" and
glues it to the next word ("[zurErledigung"); those misreadings are most of what
is left of its errors on clean memos. A square is told from a letter by its shape:
about as wide as tall, every side a straight thin line of ink, its outline filling its
bounding box (a round "O" does not), paper just inside the line (a blot or a bold
letter has none), an empty or a crossed inside.
Only the inside of the box's outline is whitened: the words beside it stay as they are.

Pure functions on numpy arrays (OpenCV).
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from semantha.records import GrayImage

MM_PER_INCH = 25.4
ANALYSIS_DPI = 150  # a 0.25 mm box line still spans a pixel and a half; a quarter of the work
INK_BELOW = 230  # on the reduced copy: a thin line averages to gray, never to white
SIDE_MM = (2.5, 6.0)  # forms print 3-5 mm boxes; smaller is a letter, larger a table cell
MAX_ASPECT = 1.25
SIDE_BAND_MM = 0.3  # depth from each edge of the box where its line must run
MIN_SIDE_INK = 0.9  # share of each side covered in ink: a ruled line, not a curve
MAX_INNER_INK = 0.6  # just inside the line, along the middle of each side: paper
MIN_OUTLINE_FILL = 0.85  # outline area / bounding box: a circle reaches only 0.79

Box = tuple[int, int, int, int]
"""x, y, width, height in page pixels."""


def find(binary: GrayImage, dpi: int) -> list[Box]:
    """Tick boxes on a page whose ink is black (0) on white (255), top to bottom.

    The boxes are looked for on a copy reduced to ``ANALYSIS_DPI`` and returned in the
    page's pixels, a pixel larger all round for the rounding.
    """
    scale = min(1.0, ANALYSIS_DPI / dpi)
    small = cv2.resize(binary, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = np.asarray(small < INK_BELOW, dtype=np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    px_per_mm = dpi * scale / MM_PER_INCH
    low, high = SIDE_MM[0] * px_per_mm, SIDE_MM[1] * px_per_mm
    width, height = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    sized = (width >= low) & (width <= high) & (height >= low) & (height <= high)
    square = np.maximum(width, height) <= MAX_ASPECT * np.minimum(width, height)
    candidates = sized & square
    candidates[0] = False  # label 0 is the paper around everything
    band = max(2, round(SIDE_BAND_MM * px_per_mm))
    boxes: list[Box] = []
    for label in np.nonzero(candidates)[0]:
        x, y, w, h = (int(v) for v in stats[label, :4])
        shape = np.asarray(labels[y : y + h, x : x + w] == label, dtype=np.uint8)
        if _is_box(shape, band):
            left, top = max(0, int(x / scale) - 1), max(0, int(y / scale) - 1)
            boxes.append((left, top, int(w / scale) + 2, int(h / scale) + 2))
    return sorted(boxes, key=lambda box: (box[1], box[0]))


def _is_box(shape: NDArray[np.uint8], band: int) -> bool:
    """True for one component's pixels that draw a square outline, empty or crossed."""
    sides = (
        shape[:band].any(axis=0),
        shape[-band:].any(axis=0),
        shape[:, :band].any(axis=1),
        shape[:, -band:].any(axis=1),
    )
    if min(float(side.mean()) for side in sides) < MIN_SIDE_INK:
        return False
    # A bold letter's strokes are thick; a box's line is thin, and a cross through it
    # runs to the corners, away from the middle of the sides.
    height, width = shape.shape
    across, down = slice(width // 3, width - width // 3), slice(height // 3, height - height // 3)
    inner = (
        shape[band + 1 : 2 * band + 1, across],
        shape[height - 2 * band - 1 : height - band - 1, across],
        shape[down, band + 1 : 2 * band + 1],
        shape[down, width - 2 * band - 1 : width - band - 1],
    )
    if max(float(part.mean()) for part in inner) > MAX_INNER_INK:
        return False
    contours, _ = cv2.findContours(shape, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    outline = max(cv2.contourArea(contour) for contour in contours)
    return bool(outline >= MIN_OUTLINE_FILL * (height - 1) * (width - 1))


def erase(binary: GrayImage, boxes: list[Box]) -> None:
    """Whiten each box, frame and cross, in place; what lies beside it is not touched."""
    for x, y, w, h in boxes:
        window = binary[y : y + h, x : x + w]
        window[window < 128] = 255
