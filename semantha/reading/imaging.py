"""Clean a page image before OCR: orientation, deskew, blank-page detection, binarisation.

Pure functions on numpy arrays (OpenCV; ``pdfscan`` uses it only to decode). Every step
applied is named in ``Page.ops`` so a decision can be traced back to what was
done to the image: "rotate:N" (turned N degrees clockwise to stand upright),
"deskew:A" (turned A degrees counter-clockwise), "flatten", "stamp" (an incoming-mail
stamp cut out to be read apart, see ``stamps``), "otsu", "checkboxes:N" (N printed tick
boxes erased, see ``checkboxes``), "blank". What later stages need to know is in
fields of its own: the turns (``quarter_turns``, ``deskew_deg``) and ``binarized``.
Blank duplex backs are marked, never removed: the delivered file keeps every page.

Orientation costs almost nothing here: text-line direction comes from projection
profiles (the same search that finds the skew), and upright vs upside down from
ascender/descender statistics of the text lines (Latin script, and German with its
capitalised nouns even more, has far more ink above the x-height than below it).
Only when that signal is weak is the injected ``osd`` callback (Tesseract OSD,
1-3 s a page) asked. Both can be fooled by narrow, tall pages (receipts, slips: a
few short lines, monospaced columns). So before a page is turned, the injected
``legibility`` callback reads a strip of its text lines as scanned and as proposed
(a narrow page: every way round, even when no turn was proposed), and a page that
reads well as scanned is turned only when the turn reads clearly better. A page of
ordinary shape that needs no turn never pays for that reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import cv2
import numpy as np
import structlog
from numpy.typing import NDArray

from semantha.config import PreprocessSettings
from semantha.reading import checkboxes, stamps
from semantha.records import GrayImage, Page, Reading

log = structlog.get_logger(__name__)

Osd = Callable[[GrayImage, int], int | None]
"""Clockwise degrees (0, 90, 180, 270) that make a page upright, or None when unsure."""
Legibility = Callable[[GrayImage, int], float]
"""How well a strip of text lines reads: the characters OCR is sure of."""

ANALYSIS_DPI = 100  # enough to see text lines, cheap to project many times
DIRECTION_DPI = 150  # ascenders and descenders need a few pixels each
MIN_DESKEW_DEG = 0.1  # below this, resampling costs more sharpness than it gains
UPRIGHT_MARGIN = 0.12  # |ascender - descender| / total below this is "unsure"
MIN_LINES_FOR_DIRECTION = 3
STRIP_MM = 12.0  # a few text lines: enough to tell text from garbage, cheap to read 4 times
LEGIBLE_CHARS = 10.0  # a strip with this many sure characters reads well
CLEARLY_BETTER = 1.5  # a turn must make the strip read this many times better
NARROW_RATIO = 1.8  # long side / short side: receipts and slips (A4 is 1.41)
BLANK_MIN_GLYPHS = 3  # "Seite 2" alone is not blank
GLYPH_HEIGHT_MM = (1.2, 12.0)  # taller marks are hole punches or staples, smaller ones dust
MAX_ANALYSIS_POINTS = 250_000


@dataclass(frozen=True)
class Skew:
    """Small rotation of the text lines and whether they run across (True) or down the page."""

    angle_deg: float
    horizontal: bool


def preprocess(
    page: Page,
    settings: PreprocessSettings,
    osd: Osd | None = None,
    legibility: Legibility | None = None,
) -> Page:
    """The page cleaned for OCR; pages read from a PDF text layer pass through unchanged.

    ``osd`` is asked when the page alone does not show which way up it is; with
    ``legibility`` a turn (and the way up of a narrow page) is checked by reading."""
    if page.image is None or page.reading is Reading.TEXT_LAYER:
        return page
    image, ops = to_gray(page.image), list(page.ops)
    if settings.blank_pages and is_blank(image, page.dpi):
        log.debug("imaging.blank", page=page.index)
        return replace(page, image=image, ops=(*ops, "blank"), blank=True)
    turns, angle = 0, 0.0
    if settings.orientation or settings.deskew:
        image, turns, angle = _straighten(image, page.dpi, settings, osd, legibility)
        if angle:
            ops.append(f"deskew:{angle:.2f}")
        if turns:
            ops.append(f"rotate:{90 * turns}")
    stamp = None
    if settings.binarize:
        # Shading and grey paper defeat one global threshold unless the paper is flattened first.
        image = flatten(image, page.dpi)
        ops.append("flatten")
        if settings.stamps and (region := stamps.find(image, page.dpi)) is not None:
            stamp = stamps.cut_out(image, region, page.dpi)
            stamps.erase(image, region, page.dpi)
            ops.append("stamp")
        image = binarize(image, in_place=True)
        ops.append("otsu")
        if settings.checkboxes and (boxes := checkboxes.find(image, page.dpi)):
            checkboxes.erase(image, boxes)
            ops.append(f"checkboxes:{len(boxes)}")
    size = (image.shape[1], image.shape[0])
    return replace(
        page,
        image=image,
        ops=tuple(ops),
        size=size,
        stamp_image=stamp,
        quarter_turns=turns,
        deskew_deg=angle,
        binarized=settings.binarize,
    )


def _straighten(
    image: GrayImage,
    dpi: int,
    settings: PreprocessSettings,
    osd: Osd | None,
    legibility: Legibility | None,
) -> tuple[GrayImage, int, float]:
    """The image upright and level, the clockwise quarter turns (0-3) and the
    counter-clockwise degrees of deskew (0.0: none) that made it so."""
    scanned, limit = image, settings.max_skew_deg
    skew = estimate_skew(image, dpi, limit)
    quarter_turns = 0
    if settings.orientation and not skew.horizontal:
        # Turn the lines horizontal; which way round is decided below with the 180° test.
        image, quarter_turns = turn_clockwise(image, 1), 1
        skew = estimate_skew(image, dpi, limit)
    # An angle at the search limit means the page is skewed further than allowed: leave it.
    deskew_deg = 0.0
    if settings.deskew and skew.horizontal and MIN_DESKEW_DEG <= abs(skew.angle_deg) < limit:
        image = rotate_small(image, skew.angle_deg)
        deskew_deg = skew.angle_deg
    if not settings.orientation:
        return image, 0, deskew_deg
    line_turns, level = quarter_turns, image
    extra = _upright_turns(image, dpi, osd)
    if extra:
        image = turn_clockwise(image, extra)
        quarter_turns += extra
    proposal = quarter_turns % 4
    # Narrow pages fool the tests above most: their way up is checked even without a turn.
    narrow = max(image.shape) >= NARROW_RATIO * min(image.shape)
    if legibility is None or (proposal == 0 and not narrow):
        return image, proposal, deskew_deg

    def view(turns: int) -> tuple[GrayImage, float]:
        """The page turned ``turns`` clockwise quarters, level where its skew is known."""
        if turns == proposal:
            return image, deskew_deg
        if (turns - line_turns) % 2 == 0:  # its lines run as in ``level``: keep the deskew
            return turn_clockwise(level, turns - line_turns), deskew_deg
        return turn_clockwise(scanned, turns), 0.0

    # An ordinary page only checks the proposal against the scan as it is: half the
    # reading of all four ways, and its line analysis rarely mistakes 90 for 180 degrees.
    candidates = (0, 1, 2, 3) if narrow else (0, proposal)
    turns = _legible_turns(proposal, candidates, view, dpi, legibility)
    turned, angle = view(turns)
    return turned, turns, angle


def _legible_turns(
    proposal: int,
    candidates: tuple[int, ...],
    view: Callable[[int], tuple[GrayImage, float]],
    dpi: int,
    legibility: Legibility,
) -> int:
    """The quarter turns to make, checked by reading a strip of text lines each of the
    ``candidates`` ways round: the way that reads clearly best (on a narrow page a turn
    by 90 degrees may be the page alone's mistake for 180). When none does, a page that
    reads well as scanned stays as it is; one that reads well no way round (handwriting,
    a photo) gets the proposal of the page alone, unless it reads best as scanned."""
    reads = {turns: legibility(text_strip(view(turns)[0], dpi), dpi) for turns in candidates}
    best = max(reads, key=lambda turns: (reads[turns], turns == 0))
    rivals = max(read for turns, read in reads.items() if turns != best)
    if reads[best] >= LEGIBLE_CHARS and reads[best] >= CLEARLY_BETTER * rivals:
        chosen = best
    else:
        unread = reads[0] < LEGIBLE_CHARS and reads[proposal] > reads[0]
        chosen = proposal if unread else 0
    log.debug("imaging.turn_checked", proposal=proposal, chosen=chosen, reads=reads)
    return chosen


def text_strip(image: GrayImage, dpi: int) -> GrayImage:
    """The band of ``STRIP_MM`` with the most ink, cut to its inked columns: a few text
    lines when the lines run across the image, a cut through them when they run down it."""
    mask = ink_mask(image, dpi, ANALYSIS_DPI)
    scale = image.shape[0] / mask.shape[0]
    rows = max(1, min(mask.shape[0], round(STRIP_MM / 25.4 * ANALYSIS_DPI)))
    inked = np.concatenate(([0], np.cumsum(mask.sum(axis=1, dtype=np.int64))))
    top = int(np.argmax(inked[rows:] - inked[:-rows]))
    columns = np.nonzero(mask[top : top + rows].any(axis=0))[0]
    margin = round(2 / 25.4 * ANALYSIS_DPI)  # 2 mm: glyph edges the small map cut off
    left, right = (columns[0], columns[-1] + 1) if columns.size else (0, mask.shape[1])
    left, right = max(0, left - margin), min(mask.shape[1], right + margin)
    band = image[round(top * scale) : round((top + rows) * scale)]
    return np.ascontiguousarray(band[:, round(left * scale) : round(right * scale)])


def _upright_turns(image: GrayImage, dpi: int, osd: Osd | None) -> int:
    """Clockwise quarter turns still needed: 0 or 2 when sure, OSD's answer when not."""
    score = upright_score(image, dpi)
    if score is not None and abs(score) >= UPRIGHT_MARGIN:
        return 0 if score > 0 else 2
    if osd is None:
        return 0
    degrees = osd(image, dpi)
    log.debug("imaging.osd_fallback", score=score, osd_degrees=degrees)
    return 0 if degrees is None else (degrees // 90) % 4


_TURNS = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}


def turn_clockwise(image: GrayImage, quarters: int) -> GrayImage:
    """Exact quarter turns (no resampling); cv2 is ~3x faster than a contiguous np.rot90."""
    if quarters % 4 == 0:
        return image
    return np.asarray(cv2.rotate(image, _TURNS[quarters % 4]), dtype=np.uint8)


def to_gray(image: NDArray[np.uint8]) -> GrayImage:
    if image.ndim == 2:
        return image
    code = cv2.COLOR_BGRA2GRAY if image.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return np.asarray(cv2.cvtColor(image, code), dtype=np.uint8)


def binarize(image: GrayImage, in_place: bool = False) -> GrayImage:
    """Global Otsu threshold (adaptive thresholding measured worse on these scans).

    ``in_place`` overwrites ``image``, for an image nothing else holds.
    """
    flags = cv2.THRESH_BINARY + cv2.THRESH_OTSU
    _, binary = cv2.threshold(image, 0, 255, flags, dst=image if in_place else None)
    return np.asarray(binary, dtype=np.uint8)


def flatten(image: GrayImage, dpi: int) -> GrayImage:
    """Divide out uneven paper brightness (shading, yellowed edges) so one threshold fits all.

    The paper is estimated by a grey closing wider than any stroke, on a quarter-size copy.
    """
    quarter = cv2.resize(image, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    side = max(3, round(dpi * 0.25 / 25.4 * 3) | 1)  # 3 mm: wider than strokes of body text
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (side, side))
    paper_small = cv2.medianBlur(cv2.morphologyEx(quarter, cv2.MORPH_CLOSE, kernel), 5)
    paper = cv2.resize(
        paper_small, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_LINEAR
    )
    # In place: at 300 dpi each full-size copy is 9 MB, and pages are read side by side.
    np.maximum(paper, 1, out=paper)
    cv2.divide(image, paper, dst=paper, scale=255)
    return np.asarray(paper, dtype=np.uint8)


def rotate_small(image: GrayImage, angle_deg: float) -> GrayImage:
    """Rotate counter-clockwise by ``angle_deg`` around the centre, keeping the page size."""
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle_deg, 1.0)
    paper = int(np.percentile(image[::8, ::8], 90))  # a sample is plenty for the paper shade
    turned = cv2.warpAffine(
        image,
        matrix,
        (width, height),
        flags=cv2.INTER_LINEAR,  # cubic overshoot sharpened JPEG noise: CER 0.7% vs 0.3%
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=paper,
    )
    return np.asarray(turned, dtype=np.uint8)


def downscale(image: GrayImage, dpi: int, target_dpi: int) -> tuple[GrayImage, int]:
    """A copy at about ``target_dpi`` (never enlarged) and its resolution."""
    scale = min(1.0, target_dpi / dpi)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return np.asarray(small, dtype=np.uint8), round(dpi * scale)


def coarse(image: GrayImage, dpi: int, target_dpi: int) -> GrayImage:
    """A cheap copy at about ``target_dpi`` (never enlarged) for finding large marks such
    as a separator sheet's codes: bilinear costs a third of ``downscale``'s area average,
    whose smoothness only text needs."""
    scale = min(1.0, target_dpi / dpi)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
    return np.asarray(small, dtype=np.uint8)


def at_most(page: Page, dpi: int) -> Page:
    """``page`` resampled to ``dpi`` when it was scanned finer (recorded as "scale:<dpi>")."""
    if page.image is None or page.dpi <= dpi:
        return page
    image, scaled_dpi = downscale(page.image, page.dpi, dpi)
    size = (image.shape[1], image.shape[0])
    return replace(page, image=image, dpi=scaled_dpi, size=size, ops=(*page.ops, f"scale:{dpi}"))


def within_pixels(page: Page, max_pixels: int) -> Page:
    """``page`` scaled down to at most ``max_pixels`` (recorded as "pixels:<max>"): an
    enormous image would take minutes and gigabytes in every later step."""
    if page.image is None:
        return page
    height, width = page.image.shape[:2]
    if width * height <= max_pixels:
        return page
    scale = (max_pixels / (width * height)) ** 0.5
    size = (max(1, int(width * scale)), max(1, int(height * scale)))
    image = np.asarray(cv2.resize(page.image, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
    log.info("imaging.scaled_to_budget", page=page.index, pixels=width * height)
    return replace(
        page,
        image=image,
        dpi=max(1, round(page.dpi * scale)),
        size=size,
        ops=(*page.ops, f"pixels:{max_pixels}"),
    )


def ink_mask(image: GrayImage, dpi: int, target_dpi: int) -> NDArray[np.uint8]:
    """Ink = 1, paper = 0, at ``target_dpi``; dark scanner borders are cut off."""
    small, small_dpi = downscale(image, dpi, target_dpi)
    flat = flatten(small, small_dpi)
    _, mask = cv2.threshold(flat, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    margin_y, margin_x = mask.shape[0] // 40, mask.shape[1] // 40
    mask[:margin_y], mask[-margin_y:], mask[:, :margin_x], mask[:, -margin_x:] = 0, 0, 0, 0
    return np.asarray(mask, dtype=np.uint8)


def estimate_skew(image: GrayImage, dpi: int, max_deg: float) -> Skew:
    """Skew angle and line direction by projection-profile search on a small ink map.

    Aligned text lines give the sharpest profile; the axis whose best profile is
    sharper is the direction the lines run.
    """
    ys, xs = np.nonzero(ink_mask(image, dpi, ANALYSIS_DPI))
    if ys.size < 50:
        return Skew(0.0, True)
    step = max(1, ys.size // MAX_ANALYSIS_POINTS)
    ys_f = ys[::step].astype(np.float64) - ys.mean()
    xs_f = xs[::step].astype(np.float64) - xs.mean()
    # Across the lines the profile is sharper at every angle near theirs, so the coarse
    # search tells the direction; only that direction's angle is refined.
    across_h, across_v = (ys_f, xs_f), (xs_f, -ys_f)
    coarse_h, coarse_v = (_coarse_angle(*axes, max_deg) for axes in (across_h, across_v))
    if coarse_h[1] >= coarse_v[1]:
        return Skew(_refined_angle(*across_h, coarse_h[0], max_deg), True)
    return Skew(_refined_angle(*across_v, coarse_v[0], max_deg), False)


def _coarse_angle(
    across: NDArray[np.float64], along: NDArray[np.float64], max_deg: float
) -> tuple[float, float]:
    """(angle, sharpness) of the best profile on a 0.5° grid."""
    coarse = np.arange(-max_deg, max_deg + 1e-9, 0.5) if max_deg >= 0.5 else np.array([0.0])
    return _best(across, along, coarse)


def _refined_angle(
    across: NDArray[np.float64], along: NDArray[np.float64], angle: float, max_deg: float
) -> float:
    """The best angle in 0.05° steps within 0.5° of ``angle``."""
    fine = np.arange(angle - 0.5, angle + 0.5 + 1e-9, 0.05)
    return round(_best(across, along, fine[np.abs(fine) <= max_deg + 1e-9])[0], 2)


def _best(
    across: NDArray[np.float64], along: NDArray[np.float64], angles: NDArray[np.float64]
) -> tuple[float, float]:
    best_angle, best_sharp = 0.0, -1.0
    for angle in angles:
        theta = np.deg2rad(angle)
        # Position of each ink pixel across the lines after rotating the page by ``angle``.
        position = across * np.cos(theta) - along * np.sin(theta)
        profile = np.bincount((position - position.min()).astype(np.int64))
        sharp = float(np.square(np.diff(profile.astype(np.float64))).sum())
        if sharp > best_sharp:
            best_angle, best_sharp = float(angle), sharp
    return best_angle, best_sharp


def upright_score(image: GrayImage, dpi: int) -> float | None:
    """(ink above the x-height band - ink below it) / both, over all text lines.

    Positive for upright Latin text, negative upside down; None with too few lines.
    """
    mask = ink_mask(image, dpi, DIRECTION_DPI)
    # Scanner specks between the lines would count as ascenders or descenders.
    mask = np.asarray(cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)))
    rows = mask.sum(axis=1).astype(np.float64)
    bands = [
        (top, bottom)
        for top, bottom in _bands(rows > max(2.0, 0.002 * mask.shape[1]))
        if bottom - top >= 6
    ]
    if len(bands) < MIN_LINES_FOR_DIRECTION:
        return None
    # Stamps, signatures and touching lines make bands much taller than a text line.
    usual = float(np.median([bottom - top for top, bottom in bands]))
    above = below = 0.0
    for top, bottom in bands:
        if bottom - top > 1.6 * usual:
            continue
        profile = rows[top:bottom]
        core = np.nonzero(profile >= 0.5 * profile.max())[0]
        above += float(profile[: core[0]].sum())
        below += float(profile[core[-1] + 1 :].sum())
    if above + below == 0:
        return None
    return (above - below) / (above + below)


def _bands(on: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Runs of True as (start, end) index pairs."""
    padded = np.concatenate(([False], on, [False])).astype(np.int8)
    edges = np.diff(padded)
    return list(zip(np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0], strict=True))


def is_blank(image: GrayImage, dpi: int) -> bool:
    """True for a page without writing: paper, scanner noise, specks, faint bleed-through.

    Counts glyph-sized marks clearly darker than the paper; a few letters are enough
    to keep a page. A letter shows them in its top quarter already, so that is counted
    first (a quarter of the work); the whole page only when it has too few there.
    """
    small, small_dpi = downscale(image, dpi, ANALYSIS_DPI)
    ink = (flatten(small, small_dpi) < 150).astype(np.uint8)  # bleed-through stays lighter
    margin_y, margin_x = ink.shape[0] // 20, ink.shape[1] // 20
    inner = ink[margin_y:-margin_y, margin_x:-margin_x]
    px_per_mm = small_dpi / 25.4
    low, high = (mm * px_per_mm for mm in GLYPH_HEIGHT_MM)
    if _glyphs(inner[: inner.shape[0] // 4], low, high, cut_below=True) >= BLANK_MIN_GLYPHS:
        return False
    return _glyphs(inner, low, high) < BLANK_MIN_GLYPHS


def _glyphs(ink: NDArray[np.uint8], low: float, high: float, cut_below: bool = False) -> int:
    """Marks of ``ink`` between ``low`` and ``high`` pixels tall. With ``cut_below`` (``ink``
    is the top of a page) a mark touching the last row may go on below: it is not counted."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(np.ascontiguousarray(ink), connectivity=8)
    heights = stats[1:count, cv2.CC_STAT_HEIGHT]
    glyph = (heights >= low) & (heights <= high)
    if cut_below:
        glyph &= stats[1:count, cv2.CC_STAT_TOP] + heights < ink.shape[0]
    return int(np.count_nonzero(glyph))


def header_cut(image: GrayImage, dpi: int, fraction: float) -> int:
    """The pixel row, near ``fraction`` of the page height, where the page header ends.

    Layout analysis on a small ink map: the cut lies in the empty band between text
    lines closest to ``fraction``, so that no line is split between the header and
    the rest of the page (each part is then read on its own).
    """
    height = int(image.shape[0])
    mask = ink_mask(image, dpi, ANALYSIS_DPI)
    scale = height / mask.shape[0]
    target = round(height * fraction / scale)
    empty = mask.sum(axis=1) <= 2  # a speck or two of noise does not fill a gap
    # Inside a gap: the row nearest the target, one row clear of the ink on each side.
    cuts = [
        min(max(target, int(top) + 1), int(bottom) - 2)
        for top, bottom in _bands(empty)
        if bottom - top >= 3
    ]
    best = min(cuts, key=lambda row: abs(row - target), default=target)
    # A cut far from the target would read most of the page, or almost nothing, first.
    if abs(best - target) > 0.1 * mask.shape[0]:
        best = target
    return int(best * scale + 0.5)
