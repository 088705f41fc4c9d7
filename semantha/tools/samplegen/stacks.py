"""Scanned stacks of generated letters: many letters in one PDF or multi-page TIFF (G4),
with or without separator sheets between them, and where each letter begins.

Each letter is scanned as ``writer`` scans a single one (turned sheets, duplex backs,
stamps, noise); a separator sheet is rendered from ``semantha separator-sheet``'s PDF,
rasterised and scanned with the same defects (skew, noise, specks, thresholding), and
sometimes with its blank back.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pdf2image
from PIL import Image

from semantha.tools.samplegen import corpus
from semantha.tools.samplegen.render import layout_letter
from semantha.tools.samplegen.scan import blank_back, plan_defects, scan_page
from semantha.tools.samplegen.writer import plan_documents, save_images, scan_sheets
from semantha.tools.separatorsheet import sheet_pdf

StackFormat = Literal["pdf", "tiff"]
SHEET_BACK_SHARE = 0.3  # separator sheets scanned in duplex show their blank back


@dataclass(frozen=True)
class StackTruth:
    """Where each letter of a stack begins and which pages are separator sheets (1-based)."""

    file: Path
    pages: int
    starts: tuple[int, ...]
    lasts: tuple[int, ...]
    sheets: tuple[int, ...]
    departments: tuple[str, ...]  # each letter's office

    @property
    def parts(self) -> tuple[tuple[int, int], ...]:
        return tuple(zip(self.starts, self.lasts, strict=True))


def write_stack(
    out: Path,
    seed: int,
    count: int,
    *,
    fmt: StackFormat = "pdf",
    sheets: bool = True,
    dpi: int = 200,
    sheet_departments: Mapping[int, str] | None = None,
) -> StackTruth:
    """``count`` generated letters scanned into one file ``out``; a separator sheet before
    each letter with ``sheets`` (naming the office in ``sheet_departments[i]`` for letter i)."""
    rng = random.Random(f"stack/{seed}")
    plans = plan_documents(corpus.generate_letters(seed, count), seed, formats=(fmt,))
    images: list[Image.Image] = []
    starts, lasts, sheet_pages = [], [], []
    for number, plan in enumerate(plans):
        if sheets:
            department = (sheet_departments or {}).get(number)
            for image in _scanned_sheet(rng, department, dpi, plan.bitonal):
                images.append(image)
                sheet_pages.append(len(images))
        letter_rng = random.Random(f"{plan.seed}/{plan.index}")
        layout = layout_letter(plan.spec, letter_rng)
        starts.append(len(images) + 1)
        images += [page.image for page, _ in scan_sheets(plan, layout, letter_rng, dpi)]
        lasts.append(len(images))
    save_images(out, images, fmt, dpi)
    return StackTruth(
        out,
        len(images),
        tuple(starts),
        tuple(lasts),
        tuple(sheet_pages),
        tuple(plan.spec.department for plan in plans),
    )


def _scanned_sheet(
    rng: random.Random, department: str | None, dpi: int, bitonal: bool
) -> list[Image.Image]:
    """A separator sheet as the scanner saw it, and sometimes its blank back."""
    front = pdf2image.convert_from_bytes(sheet_pdf(department), dpi=dpi)[0].convert("L")
    names = plan_defects(rng, "degraded", bitonal=bitonal)
    scanned = scan_page(front, rng, names, profile="degraded", dpi=dpi)
    pages = [scanned.image]
    if rng.random() < SHEET_BACK_SHARE:
        pages.append(blank_back(front, rng, names, dpi=dpi).image)
    return pages
