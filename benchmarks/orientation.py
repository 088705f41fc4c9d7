"""Orientation on narrow, tall pages (receipts, slips) and on the shipped samples.

    .venv/bin/python benchmarks/orientation.py [--receipts 40] [--samples samples] [--seed 7]

Receipts and slips are drawn with Pillow: 58-80 mm wide and two to four times as
tall, monospaced or proportional type of 7-11 pt, a grey paper, a little blur and
skew. Each is read as scanned upright and turned by 90, 180 and 270 degrees. The
shipped samples (`semantha samples`) give each page's turn in truth.jsonl.

Every page goes through ``imaging.preprocess`` twice: with orientation found from the
page alone (line profiles, ascenders against descenders, Tesseract OSD when unsure),
and with the turn checked by OCR on a strip of text lines (``ocr.strip_legibility``).
A page counts as wrong when it does not end upright; a page taken for blank is not
turned at all and is counted apart. Prints Markdown and writes it to
benchmarks/results/orientation-<stamp>.md.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import structlog
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from semantha.config import OcrSettings, PreprocessSettings
from semantha.reading import imaging, load, ocr
from semantha.records import GrayImage, Page

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
DPI = 300
FONTS = Path("/usr/share/fonts/truetype")
MONO = (
    "dejavu/DejaVuSansMono.ttf",
    "freefont/FreeMono.ttf",
    "liberation/LiberationMono-Regular.ttf",
)
SANS = ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSansCondensed.ttf", "freefont/FreeSans.ttf")
SHOPS = (
    "Bäckerei Kornblume", "Baumarkt Hammer & Co", "Apotheke am Markt", "Schreibwaren Feder",
    "Tankstelle Nord", "Getränke Quelle", "Café Rathauseck", "Elektro Funke GmbH",
)  # fmt: skip
ITEMS = (
    "Druckerpapier A4", "Kaffee 500g", "Brötchen", "Kugelschreiber", "Ordner breit",
    "Batterien AA 4x", "Mineralwasser", "Schrauben 4x40", "Diesel", "Briefumschläge C4",
    "Kabelbinder", "Klebeband", "Milch 1l", "Tee Pfefferminz", "USB-Stick 32GB",
)  # fmt: skip
SLIPS = (
    ("EINLIEFERUNGSBELEG", "Einschreiben Einwurf", "Sendungsnummer", "RR 1234 5678 9DE"),
    ("PARKSCHEIN", "Parkhaus Rathaus", "Einfahrt 08:14", "Ausfahrt 11:52"),
    ("QUITTUNG", "Betrag erhalten", "Verwaltungsgebühr", "Stadtkasse Musterstadt"),
)


def _font(rng: random.Random, lines: list[str], width: int) -> ImageFont.FreeTypeFont:
    """A type of 7-11 pt, smaller where the longest line would not fit the paper."""
    name = str(FONTS / rng.choice(MONO + SANS))
    points = rng.uniform(7.0, 11.0)
    font = ImageFont.truetype(name, round(points / 72 * DPI))
    longest = max(font.getlength(line) for line in lines)
    if longest > 0.88 * width:
        font = ImageFont.truetype(name, int(font.size * 0.88 * width / longest))
    return font


def _receipt_lines(rng: random.Random) -> list[str]:
    if rng.random() < 0.25:
        slip = rng.choice(SLIPS)
        lines = [
            slip[0],
            "",
            *slip[1:],
            "",
            f"Datum {rng.randint(1, 28):02d}.0{rng.randint(1, 9)}.2026",
        ]
        return [*lines, f"Nr. {rng.randint(1000, 9999)}", "", "Bitte aufbewahren"]
    lines = [rng.choice(SHOPS), "Hauptstraße " + str(rng.randint(1, 90)), "34567 Musterstadt", ""]
    total = 0.0
    for _ in range(rng.randint(3, 12)):
        price = rng.uniform(0.5, 40.0)
        total += price
        lines.append(f"{rng.choice(ITEMS):<18}{price:>7.2f} EUR".replace(".", ","))
    lines += ["-" * 26, f"{'SUMME':<18}{total:>7.2f} EUR".replace(".", ","), ""]
    lines += [f"MwSt 19%  {total * 0.19 / 1.19:>7.2f}".replace(".", ",")]
    lines += [
        f"{rng.randint(1, 28):02d}.03.2026  {rng.randint(7, 19):02d}:{rng.randint(0, 59):02d}"
    ]
    return [*lines, "", "Vielen Dank für Ihren Einkauf!"]


def receipt(rng: random.Random) -> GrayImage:
    """A narrow, tall slip of paper scanned upright at 300 dpi (grey, slightly skewed)."""
    width = round(rng.uniform(58.0, 80.0) / 25.4 * DPI)
    lines = _receipt_lines(rng)
    font = _font(rng, lines, width)
    pitch = round(font.size * rng.uniform(1.15, 1.5))
    height = max(round(width * rng.uniform(2.0, 4.0)), pitch * (len(lines) + 6))
    paper = Image.new("L", (width, height), rng.randint(225, 250))
    draw = ImageDraw.Draw(paper)
    margin = round(width * 0.06)
    y = pitch * rng.randint(1, 4)
    for line in lines:
        if line:
            centred = rng.random() < 0.3 and len(line) < 22
            x = (width - draw.textlength(line, font=font)) / 2 if centred else margin
            draw.text((x, y), line, fill=rng.randint(0, 70), font=font)
        y += pitch
    paper = paper.rotate(rng.uniform(-1.0, 1.0), fillcolor=240, resample=Image.Resampling.BILINEAR)
    paper = paper.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    return np.asarray(paper, dtype=np.uint8)


Check = Callable[[GrayImage, int], float] | None
CHECK = functools.partial(ocr.strip_legibility, settings=OcrSettings())


@dataclass(frozen=True)
class Case:
    kind: str  # "receipt" or "sample"
    name: str
    image: GrayImage
    dpi: int
    turned: int  # clockwise quarter turns the page was scanned with


def receipt_cases(count: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    cases = []
    for n in range(count):
        upright = receipt(rng)
        for turned in range(4):
            image = np.ascontiguousarray(np.rot90(upright, -turned))  # clockwise
            cases.append(Case("receipt", f"receipt-{n:02d}", image, DPI, turned))
    return cases


def sample_cases(folder: Path) -> list[Case]:
    """Every written page of the samples, turned as truth.jsonl says (clockwise degrees)."""
    records = [
        json.loads(line) for line in (folder / "truth.jsonl").read_text("utf-8").splitlines()
    ]
    cases = []
    for record in sorted(records, key=lambda r: str(r["file"])):
        for page in load.load_pages(folder / record["file"], DPI):
            if page.image is not None and page.index not in record["blank_pages"]:
                label = f"{record['file']} p{page.index + 1}"
                turned = record["rotation"][page.index] // 90
                cases.append(Case("sample", label, page.image, page.dpi, turned))
    return cases


def outcome(case: Case, check: Check) -> tuple[str, float]:
    """ "upright", "wrong" or "blank", and the seconds preprocess took."""
    page = Page(0, case.image, case.dpi)
    start = time.perf_counter()
    done = imaging.preprocess(page, PreprocessSettings(), ocr.detect_orientation, check)
    seconds = time.perf_counter() - start
    if done.blank:
        return "blank", seconds
    return ("upright" if (case.turned + done.quarter_turns) % 4 == 0 else "wrong"), seconds


def measure(cases: list[Case]) -> str:
    rows = [
        "| pages | scanned turned | pages | wrong, page alone | wrong, checked by OCR "
        "| taken for blank |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    found: dict[tuple[str, int, bool], Counter[str]] = {}
    seconds = {False: 0.0, True: 0.0}
    mistakes = []
    for case in cases:
        for checked in (False, True):
            result, spent = outcome(case, CHECK if checked else None)
            seconds[checked] += spent
            found.setdefault((case.kind, case.turned, checked), Counter())[result] += 1
            if result == "wrong":
                mistakes.append(f"{case.name} turned {90 * case.turned}° (checked: {checked})")
    for kind, turned, checked in sorted(found):
        if checked:
            continue
        alone, with_check = found[(kind, turned, False)], found[(kind, turned, True)]
        rows.append(
            f"| {kind} | {90 * turned}° | {alone.total()} | {alone['wrong']} | "
            f"{with_check['wrong']} | {with_check['blank']} |"
        )
    n = max(1, len(cases))
    rows += [
        "",
        f"preprocess per page: {1000 * seconds[False] / n:.0f} ms page alone, "
        f"{1000 * seconds[True] / n:.0f} ms checked by OCR (mean over {len(cases)} pages)",
        "",
        *(f"- wrong: {m}" for m in mistakes),
    ]
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--receipts", type=int, default=40, help="receipts to draw (x4 turns)")
    parser.add_argument(
        "--samples", type=Path, help="samples with truth.jsonl (`semantha samples`)"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    cases = receipt_cases(args.receipts, args.seed)
    if args.samples is not None:
        cases += sample_cases(args.samples)
    text = measure(cases)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    RESULTS.mkdir(exist_ok=True)
    command = "python benchmarks/orientation.py " + " ".join(
        f"--{k} {v}" for k, v in vars(args).items() if v is not None
    )
    title = f"# Orientation ({stamp})\n\n`{command}`\n\n"
    (RESULTS / f"orientation-{stamp}.md").write_text(title + text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
