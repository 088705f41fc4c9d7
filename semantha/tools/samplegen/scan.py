"""Scanner defects on rendered pages (Pillow + numpy), each one recorded with its parameters.

Defects run in the order things happen to paper: the incoming-mail stamp and punch
holes are on the sheet, skew and rotation come from feeding it, edge shadows,
paper tone, blur, noise and specks from the scanner, JPEG artefacts and bitonal
thresholding from saving. ``plan_defects`` picks a set for a profile ("clean" or
"degraded"); callers may also name the defects themselves.

Conventions recorded in the ground truth: ``skew.angle`` is in degrees,
counter-clockwise positive (as Pillow rotates); ``rotation`` is 0/90/180/270 degrees
clockwise: turn the page that far counter-clockwise to read it.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

from semantha.tools.samplegen.render import (
    MM_PER_PT,
    Font,
    Run,
    TextItem,
    font_families,
    text_width,
)

Profile = Literal["clean", "degraded"]
ParamValue = float | int | str
Params = dict[str, ParamValue]

_MONTHS = (
    "JAN.",
    "FEB.",
    "MÄRZ",
    "APR.",
    "MAI",
    "JUNI",
    "JULI",
    "AUG.",
    "SEP.",
    "OKT.",
    "NOV.",
    "DEZ.",
)
STAMP_OWNER = "Stadt Musterstadt"
STAMP_MM = (62.0, 30.0)  # width and height of the stamp's frame
_STAMP_LINES_MM = ((6.5, 3.0), (6.0, 12.0), (3.6, 22.0))  # font size and top of each line
# a bitonal scan keeps a light stamp only where its ink fell below the threshold; with
# less than this share of its letter pixels left, the stamp reads as specks, not text
STAMP_LEGIBLE_SHARE = 0.25


@dataclass(frozen=True)
class Defect:
    """One applied defect: its name and the parameters drawn for it."""

    name: str
    params: tuple[tuple[str, ParamValue], ...]

    def as_dict(self) -> dict[str, ParamValue]:
        return {"name": self.name, **dict(self.params)}


@dataclass(frozen=True)
class ScannedPage:
    """A page as the scanner delivered it: mode "L", or "1" after bitonal thresholding."""

    image: Image.Image
    defects: tuple[Defect, ...]
    rotation: int  # clockwise degrees: 0, 90, 180 or 270
    blank: bool = False


@dataclass(frozen=True)
class _Sheet:
    """What a defect may need besides the image."""

    dpi: int
    rotation: int
    stamp_date: date | None
    ranges: str  # a profile, or "back" for the empty back of a sheet


_Apply = Callable[[Image.Image, random.Random, _Sheet], tuple[Image.Image, Params]]


def _mm(mm: float, dpi: int) -> int:
    return max(round(mm / 25.4 * dpi), 1)


def _np_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.getrandbits(64))


def _gray(image: Image.Image) -> NDArray[np.float32]:
    return np.asarray(image, dtype=np.float32)


def _image(array: NDArray[np.float32]) -> Image.Image:
    return Image.fromarray(np.clip(array, 0, 255).astype(np.uint8), mode="L")


def stamp_text(day: date) -> tuple[str, str, str]:
    """The three lines of the incoming-mail stamp, e.g. EINGANG / 14. NOV. 2025 / Stadt ..."""
    return ("EINGANG", f"{day.day}. {_MONTHS[day.month - 1]} {day.year}", STAMP_OWNER)


def _stamp_shape(lines: Sequence[str], dpi: int, frame: bool = True) -> Image.Image:
    """Where a fully inked stamp prints (255): its frame and three lines, unrotated."""
    bold = font_families()[0].bold
    width, height = _mm(STAMP_MM[0], dpi), _mm(STAMP_MM[1], dpi)
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    if frame:
        draw.rounded_rectangle(
            (0, 0, width - 1, height - 1), radius=_mm(3, dpi), outline=255, width=_mm(0.7, dpi)
        )
    for line, (size, top) in zip(lines, _STAMP_LINES_MM, strict=True):
        font = ImageFont.truetype(str(bold), _mm(size, dpi))
        draw.text((width // 2, _mm(top, dpi)), line, fill=255, font=font, anchor="mt")
    return mask


def _stamp_mask(lines: Sequence[str], dpi: int, rng: random.Random) -> Image.Image:
    """Ink coverage (0..255) of a rubber stamp: frame and three lines, unevenly inked."""
    mask = _stamp_shape(lines, dpi)
    coverage = _np_rng(rng).uniform(0.55, 1.0, (mask.height, mask.width)).astype(np.float32)
    return _image(_gray(mask) * coverage)


def _stamp(image: Image.Image, rng: random.Random, sheet: _Sheet) -> tuple[Image.Image, Params]:
    day = sheet.stamp_date or date(2025, 11, 14)
    lines = stamp_text(day)
    angle = rng.uniform(-25.0, 25.0)
    mask = _stamp_mask(lines, sheet.dpi, rng).rotate(
        angle, expand=True, resample=Image.Resampling.BICUBIC
    )
    # upper right quarter of the page, partly over the info block, address or subject
    x = rng.randint(_mm(90, sheet.dpi), max(image.width - mask.width - _mm(5, sheet.dpi), 1))
    y = rng.randint(_mm(30, sheet.dpi), _mm(110, sheet.dpi))
    ink = rng.uniform(110.0, 175.0)
    page = _gray(image)
    alpha = _gray(mask) / 255.0
    h = min(mask.height, page.shape[0] - y)
    w = min(mask.width, page.shape[1] - x)
    region = page[y : y + h, x : x + w]
    # stamp ink darkens the paper towards its gray; text below stays darker
    page[y : y + h, x : x + w] = np.minimum(
        region, region * (1 - alpha[:h, :w]) + ink * alpha[:h, :w]
    )
    params: Params = {
        "text": " / ".join(lines),
        "angle": round(angle, 2),
        "x": x,
        "y": y,
        "gray": round(ink),
    }
    return _image(page), params


def _punch_holes(
    image: Image.Image, rng: random.Random, sheet: _Sheet
) -> tuple[Image.Image, Params]:
    """Two file holes 80 mm apart, 12 mm from the left edge (ISO 838), dark on the scan."""
    out = image.copy()
    draw = ImageDraw.Draw(out)
    radius = _mm(2.75, sheet.dpi)
    cx = _mm(rng.uniform(10.0, 13.0), sheet.dpi)
    middle = image.height // 2
    shade = rng.randint(20, 70)
    for dy in (-_mm(40, sheet.dpi), _mm(40, sheet.dpi)):
        cy = middle + dy
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=shade)
    return out, {"count": 2, "x": cx, "gray": shade}


def _skew(image: Image.Image, rng: random.Random, sheet: _Sheet) -> tuple[Image.Image, Params]:
    angle = rng.choice((-1, 1)) * rng.uniform(*_SKEW_RANGE[sheet.ranges])
    # bilinear: a third of bicubic's time on a full page, and scanners interpolate no better
    out = image.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=255)
    return out, {"angle": round(angle, 3)}


def _rotate(image: Image.Image, rng: random.Random, sheet: _Sheet) -> tuple[Image.Image, Params]:
    del rng
    turn = {
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }
    if sheet.rotation == 0:
        return image, {"degrees": 0}
    return image.transpose(turn[sheet.rotation]), {"degrees": sheet.rotation}


def _edge_shadow(
    image: Image.Image, rng: random.Random, sheet: _Sheet
) -> tuple[Image.Image, Params]:
    """A darker band fading in from one edge, as from a lid that did not close."""
    side = rng.choice(("left", "right", "top", "bottom"))
    width = _mm(rng.uniform(3.0, 12.0), sheet.dpi)
    depth = rng.uniform(0.25, 0.65)
    page = _gray(image)
    ramp = (1.0 - depth * (1.0 - np.linspace(0.0, 1.0, width, dtype=np.float32)) ** 2).astype(
        np.float32
    )
    if side == "left":
        page[:, :width] *= ramp[None, :]
    elif side == "right":
        page[:, -width:] *= ramp[None, ::-1]
    elif side == "top":
        page[:width, :] *= ramp[:, None]
    else:
        page[-width:, :] *= ramp[::-1, None]
    return _image(page), {"side": side, "width_px": width, "depth": round(depth, 3)}


def _background(
    image: Image.Image, rng: random.Random, sheet: _Sheet
) -> tuple[Image.Image, Params]:
    """Paper tone and contrast: white becomes ``paper``, black becomes ``ink``."""
    low, high = _BACKGROUND_RANGE[sheet.ranges]
    paper = rng.randint(low, high)
    ink = rng.randint(5, 25) if paper > 240 else rng.randint(20, 70)
    table = [round(ink + (paper - ink) * v / 255) for v in range(256)]
    return image.point(table), {"paper": paper, "ink": ink}


def _blur(image: Image.Image, rng: random.Random, sheet: _Sheet) -> tuple[Image.Image, Params]:
    radius = rng.uniform(0.4, 1.1) * sheet.dpi / 300
    return image.filter(ImageFilter.GaussianBlur(radius)), {"radius": round(radius, 3)}


def _noise(image: Image.Image, rng: random.Random, sheet: _Sheet) -> tuple[Image.Image, Params]:
    sigma = rng.uniform(*_NOISE_RANGE[sheet.ranges])
    page = _gray(image)
    page += _np_rng(rng).standard_normal(page.shape, dtype=np.float32) * sigma
    return _image(page), {"sigma": round(sigma, 2)}


def _speckle(image: Image.Image, rng: random.Random, sheet: _Sheet) -> tuple[Image.Image, Params]:
    """Salt-and-pepper pixels plus dust specks a few pixels wide."""
    amount = rng.uniform(0.0004, 0.003)
    page = np.asarray(image, dtype=np.uint8).copy()
    gen = _np_rng(rng)
    count = int(page.size * amount)
    ys = gen.integers(0, page.shape[0], count)
    xs = gen.integers(0, page.shape[1], count)
    page[ys, xs] = np.where(gen.random(count) < 0.5, 0, 255).astype(np.uint8)
    out = Image.fromarray(page, mode="L")
    draw = ImageDraw.Draw(out)
    dust = rng.randint(20, 150)
    for _ in range(dust):
        x, y = rng.randrange(out.width), rng.randrange(out.height)
        r = rng.uniform(0.5, 2.5) * sheet.dpi / 300
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(0, 90))
    return out, {"amount": round(amount, 5), "dust": dust}


def _jpeg(image: Image.Image, rng: random.Random, sheet: _Sheet) -> tuple[Image.Image, Params]:
    """Artefacts of a scanner that compressed hard before we saved the file."""
    del sheet
    quality = rng.randint(15, 40)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    with Image.open(buffer) as reread:
        return reread.convert("L"), {"quality": quality}


def _bitonal(image: Image.Image, rng: random.Random, sheet: _Sheet) -> tuple[Image.Image, Params]:
    """Fax / G4 mode: a global threshold to black and white."""
    del sheet
    threshold = rng.randint(110, 170)
    table = [255 if v > threshold else 0 for v in range(256)]
    return image.point(table, "1"), {"threshold": threshold}


DEFECTS: dict[str, _Apply] = {
    "stamp": _stamp,
    "punch_holes": _punch_holes,
    "skew": _skew,
    "rotate": _rotate,
    "edge_shadow": _edge_shadow,
    "background": _background,
    "noise": _noise,
    "blur": _blur,  # after the noise: scanners smooth their sensor noise
    "speckle": _speckle,
    "jpeg": _jpeg,
    "bitonal": _bitonal,
}
"""Every defect by name, in the order they are applied."""

_SKEW_RANGE = {"clean": (0.3, 1.0), "degraded": (0.5, 4.0), "back": (0.3, 1.0)}
_BACKGROUND_RANGE = {"clean": (242, 253), "degraded": (205, 240), "back": (238, 253)}
# sensor noise stays moderate: real scanners smooth it, and every unit of sigma
# costs about 60 KB per 300 dpi JPEG page
_NOISE_RANGE = {"clean": (1.0, 2.0), "degraded": (2.0, 5.0), "back": (0.5, 1.2)}
# probability of each optional defect per profile
_ODDS: dict[Profile, dict[str, float]] = {
    "clean": {"skew": 0.5, "background": 1.0, "noise": 1.0, "blur": 0.15},
    "degraded": {
        "punch_holes": 0.3,
        "skew": 1.0,
        "edge_shadow": 0.5,
        "background": 1.0,
        "blur": 0.6,
        "noise": 1.0,
        "speckle": 0.8,
        "jpeg": 0.4,
    },
}


def plan_defects(
    rng: random.Random,
    profile: Profile,
    *,
    stamp: bool = False,
    rotation: int = 0,
    bitonal: bool = False,
) -> tuple[str, ...]:
    """Names of the defects one page gets under ``profile``, in application order."""
    odds = _ODDS[profile]
    chosen = {name for name, p in odds.items() if rng.random() < p}
    if stamp:
        chosen.add("stamp")
    if rotation:
        chosen.add("rotate")
    if bitonal:
        chosen.add("bitonal")
        chosen.discard("jpeg")  # a bitonal file is never JPEG-compressed
    return tuple(name for name in DEFECTS if name in chosen)


def scan_page(
    image: Image.Image,
    rng: random.Random,
    defects: Sequence[str],
    *,
    profile: Profile = "degraded",
    dpi: int = 300,
    rotation: int = 0,
    stamp_date: date | None = None,
) -> ScannedPage:
    """Apply ``defects`` (names from DEFECTS) to a grayscale page; ranges follow ``profile``."""
    unknown = [name for name in defects if name not in DEFECTS]
    if unknown:
        raise ValueError(f"unknown scanner defects {unknown}; known: {', '.join(DEFECTS)}")
    if rotation not in (0, 90, 180, 270):
        raise ValueError(f"rotation must be 0, 90, 180 or 270, not {rotation}")
    return _scan(image, rng, defects, _Sheet(dpi, rotation, stamp_date, profile))


def _scan(
    image: Image.Image, rng: random.Random, defects: Sequence[str], sheet: _Sheet
) -> ScannedPage:
    if "rotate" not in defects:
        sheet = _Sheet(sheet.dpi, 0, sheet.stamp_date, sheet.ranges)
    applied: list[Defect] = []
    clean = current = image.convert("L")
    for name in sorted(defects, key=list(DEFECTS).index):
        current, params = DEFECTS[name](current, rng, sheet)
        applied.append(Defect(name, tuple(params.items())))
    if "stamp" in defects:
        applied = [judged_stamp(d, clean, current, applied, sheet.dpi) for d in applied]
    return ScannedPage(current, tuple(applied), sheet.rotation)


def judged_stamp(
    defect: Defect,
    clean: Image.Image,
    scanned: Image.Image,
    applied: Sequence[Defect],
    dpi: int,
) -> Defect:
    """The stamp defect with ``legible``: whether its text is still on the scanned page.

    A gray scan keeps the stamp's gray; a bitonal one keeps only the ink darker than its
    threshold, so the share of letter pixels left in the file decides (``ink_kept``).
    """
    if defect.name != "stamp":
        return defect
    params = dict(defect.params)
    if not any(d.name == "bitonal" for d in applied):
        return Defect(defect.name, (*defect.params, ("legible", True)))
    kept = _stamp_ink_kept(params, clean, _unturned(scanned, applied), dpi)
    legible = kept >= STAMP_LEGIBLE_SHARE
    return Defect(defect.name, (*defect.params, ("ink_kept", round(kept, 3)), ("legible", legible)))


def _unturned(scanned: Image.Image, applied: Sequence[Defect]) -> Image.Image:
    """The scan turned and unskewed back onto the sheet's own coordinates."""
    page = scanned.convert("L")
    back = {90: Image.Transpose.ROTATE_90, 270: Image.Transpose.ROTATE_270}
    for defect in reversed(applied):
        params = dict(defect.params)
        if defect.name == "rotate" and params["degrees"]:
            degrees = int(params["degrees"])
            page = page.transpose(back.get(degrees, Image.Transpose.ROTATE_180))
        elif defect.name == "skew":
            angle = -float(params["angle"])
            page = page.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return page


def _stamp_ink_kept(params: Params, clean: Image.Image, page: Image.Image, dpi: int) -> float:
    """Share of the stamp's letter pixels (away from the letter's own ink) still dark."""
    lines = str(params["text"]).split(" / ")
    shape = _stamp_shape(lines, dpi, frame=False).rotate(
        float(params["angle"]), expand=True, resample=Image.Resampling.BICUBIC
    )
    x, y = int(params["x"]), int(params["y"])
    box = (x, y, min(x + shape.width, page.width), min(y + shape.height, page.height))
    glyphs = _gray(shape)[: box[3] - y, : box[2] - x] > 128
    # the letter's own text under the stamp stays dark whatever became of the stamp
    text = _gray(clean.crop(box).filter(ImageFilter.MinFilter(5))) < 192
    letters = glyphs & ~text
    if not letters.any():
        return 0.0
    return float((_gray(page.crop(box))[letters] < 128).mean())


def stamp_items(params: Mapping[str, ParamValue], dpi: int) -> tuple[TextItem, ...]:
    """The stamp's lines as ground-truth text at its place on the sheet (mm, unturned)."""
    frame = StampFrame.of(params, dpi)
    centre_x, centre_y = (v * 25.4 / dpi for v in frame.centre)
    top = centre_y - STAMP_MM[1] / 2
    bold = font_families()[0].bold
    items = []
    for line, (size_mm, line_top) in zip(
        str(params["text"]).split(" / "), _STAMP_LINES_MM, strict=True
    ):
        font = Font(bold, size_mm / MM_PER_PT)
        x = centre_x - text_width(line, font) / 2
        items.append(TextItem(top + line_top + size_mm * 0.75, (Run(x, line, font),), "stamp"))
    return tuple(items)


@dataclass(frozen=True)
class StampFrame:
    """Where a stamp sits on the sheet (pixels, before skew and turn), as recorded."""

    centre: tuple[float, float]
    size: tuple[float, float]
    angle: float  # counter-clockwise degrees

    @classmethod
    def of(cls, params: Mapping[str, ParamValue], dpi: int) -> StampFrame:
        width, height = _mm(STAMP_MM[0], dpi), _mm(STAMP_MM[1], dpi)
        turn = math.radians(float(params["angle"]))
        # Pillow's rotate(expand=True) grows the image to the turned frame's bounds
        outer_w = abs(width * math.cos(turn)) + abs(height * math.sin(turn))
        outer_h = abs(width * math.sin(turn)) + abs(height * math.cos(turn))
        centre = (int(params["x"]) + outer_w / 2, int(params["y"]) + outer_h / 2)
        return cls(centre, (float(width), float(height)), float(params["angle"]))

    def contains(self, x: float, y: float, pad: float = 0.0) -> bool:
        """True when (x, y) lies inside the frame grown by ``pad`` pixels on each side."""
        dx, dy = x - self.centre[0], y - self.centre[1]
        turn = math.radians(self.angle)
        # into the stamp's own axes (y down): undo the counter-clockwise turn
        across = dx * math.cos(turn) - dy * math.sin(turn)
        down = dx * math.sin(turn) + dy * math.cos(turn)
        return abs(across) <= self.size[0] / 2 + pad and abs(down) <= self.size[1] / 2 + pad


def blank_back(
    front: Image.Image,
    rng: random.Random,
    defects: Sequence[str],
    *,
    dpi: int = 300,
    rotation: int = 0,
) -> ScannedPage:
    """The empty back of a sheet scanned in duplex: near-white with faint bleed-through."""
    depth = rng.uniform(3.0, 14.0)
    radius = rng.uniform(3.0, 7.0) * dpi / 300
    # blurred at quarter size: the ghost has no detail worth a full-resolution blur
    small = ImageOps.mirror(front.convert("L")).reduce(4)
    ghost = small.filter(ImageFilter.GaussianBlur(radius / 4)).resize(front.size)
    table = [round(255 - depth * (255 - v) / 255) for v in range(256)]
    bleed = Defect("bleed_through", (("depth", round(depth, 2)), ("radius", round(radius, 2))))
    # the back shares the sheet's turn and output mode; its noise is light, as the
    # scanner's blank-page JPEGs are small
    kept = ("skew", "rotate", "background", "noise", "bitonal")
    physical = [name for name in defects if name in kept]
    scanned = _scan(ghost.point(table), rng, physical, _Sheet(dpi, rotation, None, "back"))
    return ScannedPage(scanned.image, (bleed, *scanned.defects), scanned.rotation, blank=True)
