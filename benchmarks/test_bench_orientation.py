"""What checking a turn by OCR costs: preprocess with and without reading a strip.

Run: OMP_THREAD_LIMIT=1 .venv/bin/pytest benchmarks/test_bench_orientation.py -p no:cacheprovider

A page that needs no turn and is not narrow costs nothing extra: no strip is read. A
page that is to be turned (here a generated A4 letter scanned upside down and a
quarter turn clockwise) has a strip read twice, as scanned and turned. A narrow page
(a receipt) has its strips read even upright. The effect (wrong turns before and
after) is measured by benchmarks/orientation.py.
"""

from __future__ import annotations

import functools
import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from orientation import receipt
from pytest_benchmark.fixture import BenchmarkFixture

from semantha.config import OcrSettings, PreprocessSettings
from semantha.reading import imaging, load, ocr
from semantha.records import Page

ROOT = Path(__file__).resolve().parents[1]
DPI = 300
CHECK = functools.partial(ocr.strip_legibility, settings=OcrSettings())


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> Page:
    """Page one of a generated letter scan (`semantha samples`), stood upright by its truth."""
    out = tmp_path_factory.mktemp("bench")
    options = ["--count", "1", "--seed", "5", "--formats", "pdf", "--profile", "clean"]
    command = [sys.executable, "-m", "semantha", "samples", "--out", str(out), *options]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, timeout=300)
    truth = json.loads((out / "truth.jsonl").read_text(encoding="utf-8").splitlines()[0])
    page = next(load.load_pages(out / truth["file"], DPI))
    assert page.image is not None
    upright = np.rot90(page.image, truth["rotation"][0] // 90)  # undo its clockwise turns
    return Page(0, np.ascontiguousarray(upright), DPI)


def turned(page: Page, quarters: int) -> Page:
    assert page.image is not None
    return Page(0, np.ascontiguousarray(np.rot90(page.image, -quarters)), page.dpi)


@pytest.mark.parametrize("check", [None, CHECK], ids=["page-alone", "checked"])
@pytest.mark.parametrize("quarters", [0, 1, 2])
def test_letter(benchmark: BenchmarkFixture, letter: Page, quarters: int, check: object) -> None:
    page = turned(letter, quarters)
    done = benchmark(imaging.preprocess, page, PreprocessSettings(), ocr.detect_orientation, check)
    assert (quarters + done.quarter_turns) % 4 == 0


@pytest.mark.parametrize("check", [None, CHECK], ids=["page-alone", "checked"])
def test_upright_receipt(benchmark: BenchmarkFixture, check: object) -> None:
    page = Page(0, receipt(random.Random(2)), DPI)
    done = benchmark(imaging.preprocess, page, PreprocessSettings(), ocr.detect_orientation, check)
    assert not done.blank


def test_one_strip(benchmark: BenchmarkFixture, letter: Page) -> None:
    assert letter.image is not None
    strip = imaging.text_strip(letter.image, DPI)
    assert benchmark(CHECK, strip, DPI) >= imaging.LEGIBLE_CHARS
