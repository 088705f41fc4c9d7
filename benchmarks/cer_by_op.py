"""CER of each preprocessing step, on and off, on clean, degraded and turned pages.

    .venv/bin/python benchmarks/cer_by_op.py [--pages N]

Pages are German letters typeset with Pillow (tests/letterpages.py), so the truth
is exact; "degraded" adds skew, grey shaded paper, blur, noise, specks and JPEG;
"turned" is degraded and then turned by 90/180/270 degrees. Prints one row per op
set: median CER per condition and preprocessing + OCR seconds per page.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import structlog
from letterpages import FONTS, LETTERS, degrade, render_letter, rotate, truth_text

from semantha import imaging, ocr
from semantha.config import OcrSettings, PreprocessSettings
from semantha.records import GrayImage, Page
from semantha.textmetrics import cer

DPI = 300
Op = Callable[[GrayImage], GrayImage]


def _settings(**on: bool) -> PreprocessSettings:
    off = dict.fromkeys(("orientation", "deskew", "blank_pages", "binarize"), False)
    return PreprocessSettings(**{**off, **on})


def _with(settings: PreprocessSettings) -> Op:
    def run(image: GrayImage) -> GrayImage:
        page = imaging.preprocess(Page(0, image, DPI), settings, ocr.detect_orientation)
        assert page.image is not None
        return page.image

    return run


OP_SETS: dict[str, Op] = {
    "none": lambda image: image,
    "otsu": imaging.binarize,
    "flatten+otsu": lambda image: imaging.binarize(imaging.flatten(image, DPI)),
    "deskew": _with(_settings(deskew=True)),
    "orientation+deskew": _with(_settings(orientation=True, deskew=True)),
    "default (all on)": _with(PreprocessSettings()),
}


def pages(count: int) -> dict[str, list[tuple[GrayImage, str]]]:
    clean, degraded, turned = [], [], []
    skews = (2.5, -1.5, 4.0, -3.0, 0.8)
    for n in range(count):
        letter = LETTERS[n % len(LETTERS)]
        image = render_letter(letter, FONTS[n % len(FONTS)])
        truth = truth_text(letter)
        damaged = degrade(image, seed=n, skew_deg=skews[n % len(skews)])
        clean.append((image, truth))
        degraded.append((damaged, truth))
        turned.append((rotate(damaged, (90, 180, 270)[n % 3]), truth))
    return {"clean": clean, "degraded": degraded, "turned": turned}


def measure(op: Op, samples: list[tuple[GrayImage, str]]) -> tuple[float, float]:
    rates, seconds = [], []
    for image, truth in samples:
        start = time.perf_counter()
        page = ocr.recognise(Page(0, op(image), DPI), OcrSettings())
        seconds.append(time.perf_counter() - start)
        rates.append(cer(truth, page.text))
    return statistics.median(rates), statistics.mean(seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3, help="pages per condition")
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    conditions = pages(args.pages)
    header = f"{'op set':<20}" + "".join(f"{name:>11}" for name in conditions) + f"{'s/page':>9}"
    print(f"median CER over {args.pages} pages per condition, tesseract {ocr.tesseract_version()}")
    print(header)
    print("-" * len(header))
    for name, op in OP_SETS.items():
        results = [measure(op, samples) for samples in conditions.values()]
        per_page = statistics.mean(seconds for _, seconds in results)
        cells = "".join(f"{100 * rate:>10.2f}%" for rate, _ in results)
        print(f"{name:<20}{cells}{per_page:>9.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
