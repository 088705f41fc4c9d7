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
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

from semantha.samplegen.render import font_families

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


def _stamp_mask(lines: Sequence[str], dpi: int, rng: random.Random) -> Image.Image:
    """Ink coverage (0..255) of a rubber stamp: frame and three lines, unevenly inked."""
    bold = font_families()[0].bold
    width, height = _mm(62, dpi), _mm(30, dpi)
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    draw.rounded_rectangle(
        (0, 0, width - 1, height - 1), radius=_mm(3, dpi), outline=255, width=_mm(0.7, dpi)
    )
    sizes = (_mm(6.5, dpi), _mm(6.0, dpi), _mm(3.6, dpi))
    tops = (_mm(3, dpi), _mm(12, dpi), _mm(22, dpi))
    for line, size, top in zip(lines, sizes, tops, strict=True):
        font = ImageFont.truetype(str(bold), size)
        draw.text((width // 2, top), line, fill=255, font=font, anchor="mt")
    coverage = _np_rng(rng).uniform(0.55, 1.0, (height, width)).astype(np.float32)
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
    current = image.convert("L")
    for name in sorted(defects, key=list(DEFECTS).index):
        current, params = DEFECTS[name](current, rng, sheet)
        applied.append(Defect(name, tuple(params.items())))
    return ScannedPage(current, tuple(applied), sheet.rotation)


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
