"""Synthetic scanned pages for the reading tests and the CER benchmark.

A German letter is typeset on A4 with Pillow and then damaged the way scanners
damage paper (rotation, skew, noise, blur, grey paper, JPEG). The truth text is
known exactly, so CER can be measured without hand-labelled scans.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)

LETTERS: tuple[tuple[str, ...], ...] = (
    (
        "Stadt Musterstadt - Baurechtsamt",
        "Herrn Jürgen Weiß, Goethestraße 12, 71234 Musterstadt",
        "Aktenzeichen: 63-602.14/2025 Datum: 14.03.2025",
        "Betreff: Bauantrag für den Anbau einer Garage",
        "Sehr geehrter Herr Weiß,",
        "wir bestätigen den Eingang Ihres Bauantrags vom 3. März 2025.",
        "Für die Prüfung benötigen wir noch folgende Unterlagen:",
        "einen Lageplan im Maßstab 1:500 und die Baubeschreibung.",
        "Bitte reichen Sie die Unterlagen bis zum 30. April 2025 ein.",
        "Die Gebühr für die Prüfung beträgt voraussichtlich 245,00 Euro.",
        "Für Rückfragen erreichen Sie uns montags bis freitags.",
        "Mit freundlichen Grüßen",
        "Im Auftrag Müller",
    ),
    (
        "Familie Öztürk, Schloßallee 7, 71234 Musterstadt",
        "An die Stadtverwaltung Musterstadt, Ordnungsamt",
        "Musterstadt, den 21. Februar 2025",
        "Beschwerde über nächtlichen Lärm in der Königstraße",
        "Sehr geehrte Damen und Herren,",
        "seit mehreren Wochen stört uns jede Nacht lauter Lärm aus der",
        "Gaststätte gegenüber. Die Musik ist bis weit nach Mitternacht zu hören.",
        "Wir bitten Sie, die Einhaltung der Sperrzeit zu überprüfen und",
        "uns über das Ergebnis Ihrer Überprüfung zu informieren.",
        "Außerdem parken die Gäste regelmäßig auf dem Gehweg.",
        "Vielen Dank für Ihre Mühe im Voraus.",
        "Mit freundlichen Grüßen",
        "Ayşe und Günther Öztürk",
    ),
    (
        "Hausmitteilung",
        "An: Amt 11 - Personalamt",
        "Von: Amt 20 - Kämmerei, Frau Schäfer",
        "Datum: 07.01.2025",
        "Betreff: Urlaubsantrag und Reisekostenabrechnung",
        "Liebe Kolleginnen und Kollegen,",
        "anbei übersende ich meinen Urlaubsantrag für die Zeit vom",
        "17. bis 28. März 2025 sowie die Reisekostenabrechnung für die",
        "Fortbildung in Würzburg. Die Belege über 312,40 Euro liegen bei.",
        "Die Vertretung übernimmt Herr Größler aus dem Sachgebiet 20.1.",
        "Bitte bestätigen Sie den Antrag möglichst bald.",
        "Viele Grüße",
        "Dörte Schäfer",
    ),
)

RECEIPT = (
    "Baumarkt Hammer & Co",
    "Hauptstraße 75",
    "34567 Musterstadt",
    "",
    "Batterien AA 4x     25,74 EUR",
    "Klebeband            4,35 EUR",
    "Druckerpapier A4     2,98 EUR",
    "Schrauben 4x40      24,95 EUR",
    "Mineralwasser       27,38 EUR",
    "Kugelschreiber      14,78 EUR",
    "Kaffee 500g         31,30 EUR",
    "Diesel              23,19 EUR",
    "-----------------------------",
    "SUMME              175,67 EUR",
    "",
    "MwSt 19%   28,05",
    "24.03.2026  14:18",
    "",
    "Vielen Dank für Ihren Einkauf!",
)
MONO_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"

Gray = NDArray[np.uint8]


def render_letter(
    lines: Sequence[str], font_path: str = FONTS[0], dpi: int = 300, point_size: float = 11.0
) -> Gray:
    """A4 page at ``dpi`` with ``lines`` typeset from the upper left margin."""
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(font_path, round(point_size * dpi / 72))
    x, y = round(0.98 * dpi), round(1.2 * dpi)
    pitch = round(point_size * 1.7 * dpi / 72)
    for line in lines:
        draw.text((x, y), line, font=font, fill=0)
        y += pitch
    return np.asarray(page, dtype=np.uint8).copy()


def render_receipt(
    lines: Sequence[str] = RECEIPT, font_path: str = MONO_FONT, point_size: float = 10.0
) -> Gray:
    """A till receipt at 300 dpi: 72 mm wide, 200 mm long, monospaced columns."""
    dpi = 300
    width, height = round(72 / 25.4 * dpi), round(200 / 25.4 * dpi)
    paper = Image.new("L", (width, height), 245)
    draw = ImageDraw.Draw(paper)
    font = ImageFont.truetype(font_path, round(point_size * dpi / 72))
    x, y = round(4 / 25.4 * dpi), round(10 / 25.4 * dpi)
    for line in lines:
        draw.text((x, y), line, font=font, fill=20)
        y += round(font.size * 1.3)
    return np.asarray(paper, dtype=np.uint8).copy()


def truth_text(lines: Sequence[str]) -> str:
    return "\n".join(lines)


def rotate(image: Gray, degrees: float) -> Gray:
    """Rotate counter-clockwise by ``degrees``, filling with white paper."""
    pil = Image.fromarray(image)
    turned = pil.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return np.asarray(turned, dtype=np.uint8).copy()


def degrade(image: Gray, seed: int = 0, skew_deg: float = 2.0) -> Gray:
    """A poor office scan: skewed, grey uneven paper, blur, noise, specks, JPEG."""
    rng = np.random.default_rng(seed)
    skewed = rotate(image, skew_deg)
    blurred = Image.fromarray(skewed).filter(ImageFilter.GaussianBlur(0.9))
    page = np.asarray(blurred, dtype=np.float32)
    # Grey paper that darkens towards one edge, and faded toner.
    shade = np.linspace(0.0, 30.0, page.shape[1], dtype=np.float32)[None, :]
    page = 50.0 + page * (215.0 - 50.0) / 255.0 - shade
    page += rng.normal(0.0, 10.0, page.shape).astype(np.float32)
    specks = rng.random(page.shape) < 0.0015
    page[specks] = 30.0
    noisy = Image.fromarray(np.clip(page, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    noisy.save(buffer, format="JPEG", quality=50)
    return np.asarray(Image.open(buffer).convert("L"), dtype=np.uint8).copy()


def blank_back(seed: int = 0, size: tuple[int, int] = (2481, 3507)) -> Gray:
    """A duplex back: grey paper with scanner noise, a few specks and faint bleed-through."""
    rng = np.random.default_rng(seed)
    width, height = size
    page = np.full((height, width), 236.0, dtype=np.float32)
    page += rng.normal(0.0, 6.0, page.shape).astype(np.float32)
    bleed = Image.new("L", size, 0)
    draw = ImageDraw.Draw(bleed)
    scale = width / 2481  # positions below are for 300 dpi
    font = ImageFont.truetype(FONTS[0], round(46 * scale))
    for row, line in enumerate(LETTERS[0]):
        draw.text((300 * scale, (360 + row * 80) * scale), line[::-1], font=font, fill=18)
    page -= np.asarray(bleed, dtype=np.float32)
    for _ in range(12):
        y, x = int(rng.integers(0, height - 4)), int(rng.integers(0, width - 4))
        page[y : y + 3, x : x + 3] = 40.0
    return np.clip(page, 0, 255).astype(np.uint8)
