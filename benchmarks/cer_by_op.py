"""CER of each preprocessing step, on and off, on clean, degraded and turned pages.

    .venv/bin/python benchmarks/cer_by_op.py [--pages N]
    .venv/bin/python benchmarks/cer_by_op.py --samples DIR   # from `semantha samples`
    .venv/bin/python benchmarks/cer_by_op.py --samples DIR --filter   # scribbles dropped

Without ``--samples``, pages are German letters typeset with Pillow
(tests/letterpages.py), so the truth is exact; "degraded" adds skew, grey shaded
paper, blur, noise, specks and JPEG; "turned" is degraded and then turned by
90/180/270 degrees. With ``--samples``, every scanned, non-blank page of the
generated mail is read and compared with ``page_texts`` in truth.jsonl, grouped by
the sample's profile (clean/degraded). Prints one row per op set: median CER per
condition and preprocessing + OCR seconds per page.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import structlog
from letterpages import FONTS, LETTERS, degrade, render_letter, rotate, truth_text

from semantha.config import OcrSettings, PreprocessSettings
from semantha.reading import imaging, load, ocr
from semantha.reading.wordfilter import filter_words, text_without
from semantha.records import GrayImage, Page
from semantha.tools.textmetrics import cer, cer_unordered

DPI = 300
Op = Callable[[GrayImage, int], GrayImage]
Samples = dict[str, list[tuple[GrayImage, int, str]]]


def _settings(**on: bool) -> PreprocessSettings:
    off = dict.fromkeys(("orientation", "deskew", "blank_pages", "binarize"), False)
    return PreprocessSettings(**{**off, **on})


def _with(settings: PreprocessSettings) -> Op:
    def run(image: GrayImage, dpi: int) -> GrayImage:
        page = imaging.preprocess(Page(0, image, dpi), settings, ocr.detect_orientation)
        assert page.image is not None
        return page.image

    return run


OP_SETS: dict[str, Op] = {
    "none": lambda image, dpi: image,
    "otsu": lambda image, dpi: imaging.binarize(image),
    "flatten+otsu": lambda image, dpi: imaging.binarize(imaging.flatten(image, dpi)),
    "deskew": _with(_settings(deskew=True)),
    "orientation+deskew": _with(_settings(orientation=True, deskew=True)),
    "default (all on)": _with(PreprocessSettings()),
}


def typeset_pages(count: int) -> Samples:
    clean, degraded, turned = [], [], []
    skews = (2.5, -1.5, 4.0, -3.0, 0.8)
    for n in range(count):
        letter = LETTERS[n % len(LETTERS)]
        image = render_letter(letter, FONTS[n % len(FONTS)])
        truth = truth_text(letter)
        damaged = degrade(image, seed=n, skew_deg=skews[n % len(skews)])
        clean.append((image, DPI, truth))
        degraded.append((damaged, DPI, truth))
        turned.append((rotate(damaged, (90, 180, 270)[n % 3]), DPI, truth))
    return {"clean": clean, "degraded": degraded, "turned": turned}


def sample_pages(folder: Path) -> Samples:
    """Scanned, non-blank pages of `semantha samples` output with their true text."""
    conditions: Samples = {}
    with (folder / "truth.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    for record in records:
        if record["format"] == "textpdf":
            continue
        texts, blank = record["page_texts"], set(record["blank_pages"])
        for page in load.load_pages(folder / record["file"], DPI):
            if page.index in blank or page.image is None:
                continue
            group = conditions.setdefault(record["profile"], [])
            group.append((page.image, page.dpi, texts[page.index]))
    return conditions


def measure(
    op: Op, samples: list[tuple[GrayImage, int, str]], scribbles: bool
) -> tuple[float, float, float]:
    """Median CER, median word-order-free CER, and mean seconds per page.

    Without ``scribbles`` the words ``wordfilter.filter_words`` drops are taken out of
    the text first, as the pipeline will once the filter is wired into ``ocr``.
    """
    rates, unordered, seconds = [], [], []
    for image, dpi, truth in samples:
        start = time.perf_counter()
        page = ocr.recognise(Page(0, op(image, dpi), dpi), OcrSettings())
        seconds.append(time.perf_counter() - start)
        text = page.full_text
        if not scribbles:
            text = text_without(text, page.words, filter_words(page.words))
        rates.append(cer(truth, text))
        unordered.append(cer_unordered(truth, text))
    return statistics.median(rates), statistics.median(unordered), statistics.mean(seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3, help="typeset pages per condition")
    parser.add_argument("--samples", type=Path, help="a folder written by `semantha samples`")
    parser.add_argument("--limit", type=int, default=0, help="at most N pages per condition")
    parser.add_argument(
        "--filter",
        action="store_true",
        help="drop scribbles (reading.wordfilter) before scoring",
    )
    parser.add_argument(
        "--ops", default=",".join(OP_SETS), help=f"comma-separated op sets ({', '.join(OP_SETS)})"
    )
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    conditions = sample_pages(args.samples) if args.samples else typeset_pages(args.pages)
    if args.limit:
        conditions = {name: pages[: args.limit] for name, pages in conditions.items()}
    counts = ", ".join(f"{len(pages)} {name}" for name, pages in conditions.items())
    dropped = ", scribbles dropped (wordfilter)" if args.filter else ""
    print(f"median CER over {counts} pages, tesseract {ocr.tesseract_version()}{dropped}")
    print("each cell: CER in reading order / CER with lines paired most-alike (block order free)")
    header = f"{'op set':<20}" + "".join(f"{name:>18}" for name in conditions) + f"{'s/page':>9}"
    print(header)
    print("-" * len(header))
    for name in args.ops.split(","):
        op = OP_SETS[name]
        results = [measure(op, samples, not args.filter) for samples in conditions.values()]
        per_page = statistics.mean(seconds for _, _, seconds in results)
        cells = "".join(f"{100 * a:>8.2f}% /{100 * b:>6.2f}%" for a, b, _ in results)
        print(f"{name:<20}{cells}{per_page:>9.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
