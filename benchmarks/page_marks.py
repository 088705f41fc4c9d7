"""How well incoming-mail stamps and tick boxes are found on generated sample scans.

    .venv/bin/python benchmarks/page_marks.py --samples samples [--limit N]

Every scanned, non-blank page of a folder written by `semantha samples` is cleaned as
the pipeline cleans it; ``truth.jsonl`` says whether a stamp is still legible on it
(a bitonal scan keeps no gray, so its stamp cannot be told from the letter and is not
expected to be found), and an internal memo's first page carries the four tick boxes
of its routing line. Reported: stamps found, missed and found where there is none,
the CER of each found stamp's text read apart; tick boxes found on memos and found
elsewhere; the time ``stamps.find`` and ``checkboxes.find`` take.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import structlog

from semantha.config import OcrSettings, PreprocessSettings
from semantha.reading import checkboxes, imaging, load, ocr, stamps
from semantha.records import GrayImage, Page
from semantha.tools.textmetrics import cer

MEMO_BOXES = 4  # "zur Kenntnis", "zur Erledigung", "zur Stellungnahme", "Rücksprache"


def expected_stamp(defects: list[dict[str, Any]]) -> str | None:
    """The stamp's true text when a gray scan still shows it, else None."""
    if any(d["name"] == "bitonal" for d in defects):
        return None
    found = [d for d in defects if d["name"] == "stamp" and d.get("legible")]
    return str(found[0]["text"]).replace(" / ", "\n") if found else None


@dataclass
class Tally:
    stamps: Counter[str] = field(default_factory=Counter)
    boxes: Counter[str] = field(default_factory=Counter)
    stamp_cer: list[float] = field(default_factory=list)
    stamp_seconds: list[float] = field(default_factory=list)
    box_seconds: list[float] = field(default_factory=list)


def count_stamp(tally: Tally, flat: GrayImage, dpi: int, truth: str | None, where: str) -> None:
    """Find the page's stamp; a found one is read apart and scored against ``truth``."""
    start = time.perf_counter()
    region = stamps.find(flat, dpi)
    tally.stamp_seconds.append(time.perf_counter() - start)
    if region is None:
        tally.stamps["none" if truth is None else "missed"] += 1
        return
    if truth is None:
        tally.stamps["false"] += 1
        print(f"stamp found where there is none: {where}")
    else:
        tally.stamps["found"] += 1
        cut = Page(0, None, dpi, stamp_image=stamps.cut_out(flat, region, dpi))
        tally.stamp_cer.append(cer(truth, ocr.read_stamp(cut, OcrSettings()).stamp_text))
    stamps.erase(flat, region, dpi)  # as the pipeline does before binarising


def count_boxes(tally: Tally, binary: GrayImage, dpi: int, memo: bool, where: str) -> None:
    start = time.perf_counter()
    found = len(checkboxes.find(binary, dpi))
    tally.box_seconds.append(time.perf_counter() - start)
    expected = MEMO_BOXES if memo else 0
    tally.boxes["found"] += min(found, expected)
    tally.boxes["missed"] += max(0, expected - found)
    tally.boxes["false"] += max(0, found - expected)
    if found > expected:
        print(f"{found - expected} tick boxes found where there are none: {where}")


def report(tally: Tally) -> None:
    marks = tally.stamps
    print(
        f"pages with a legible stamp: {marks['found'] + marks['missed']}, found "
        f"{marks['found']}, missed {marks['missed']}; pages without one: "
        f"{marks['none'] + marks['false']}, a stamp found on {marks['false']}"
    )
    if tally.stamp_cer:
        print(
            f"stamp text CER: median {statistics.median(tally.stamp_cer) * 100:.2f} %, "
            f"mean {statistics.mean(tally.stamp_cer) * 100:.2f} % over {len(tally.stamp_cer)}"
        )
    boxes = tally.boxes
    print(
        f"tick boxes on memos: {boxes['found'] + boxes['missed']}, found {boxes['found']}, "
        f"missed {boxes['missed']}; found where there is none: {boxes['false']}"
    )
    for name, seconds in (("stamps", tally.stamp_seconds), ("checkboxes", tally.box_seconds)):
        if seconds:
            print(f"{name}.find: median {statistics.median(seconds) * 1000:.0f} ms per page")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=0, help="at most N documents")
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    settings = PreprocessSettings(binarize=False)  # straightened; flattened below
    tally = Tally()
    lines = (args.samples / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    for record in [json.loads(line) for line in lines][: args.limit or None]:
        if record["format"] == "textpdf":
            continue
        for page in load.load_pages(args.samples / record["file"], 300):
            if page.index in record["blank_pages"]:
                continue
            where = f"{record['file']} page {page.index}"
            clean = imaging.preprocess(page, settings, ocr.detect_orientation)
            assert clean.image is not None
            flat = imaging.flatten(clean.image, clean.dpi)
            truth = expected_stamp(record["defects"][page.index])
            count_stamp(tally, flat, clean.dpi, truth, where)
            memo = record["kind"] == "internal" and page.index == 0
            count_boxes(tally, imaging.binarize(flat, in_place=True), clean.dpi, memo, where)
    report(tally)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
