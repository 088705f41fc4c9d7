"""Speed of each reading stage on one generated A4 letter scan at 300 dpi.

Run: OMP_THREAD_LIMIT=1 .venv/bin/pytest benchmarks/test_bench_reading.py -p no:cacheprovider

Stages: load (render one PDF page), preprocess (orientation, deskew, flatten, Otsu),
header cut (layout analysis), OCR of the header and OCR of the whole page. The
header must cost a fraction of the whole page: that is what routing pays per document.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from semantha.config import OcrSettings, PreprocessSettings
from semantha.reading import imaging, load, ocr
from semantha.records import Page, Reading

ROOT = Path(__file__).resolve().parents[1]
DPI = 300
HEADER_SHARE_OF_PAGE = 0.6  # the header read must cost at most this share of the full read


def median_s(benchmark: BenchmarkFixture) -> float:
    """Median seconds per call: robust against other jobs on a shared machine."""
    assert benchmark.stats is not None
    return float(statistics.median(benchmark.stats.stats.data))


@pytest.fixture(scope="module")
def scan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated one-page letter scan (`semantha samples`): a real letter's layout."""
    out = tmp_path_factory.mktemp("bench")
    options = ["--count", "1", "--seed", "5", "--formats", "pdf", "--profile", "degraded"]
    command = [sys.executable, "-m", "semantha", "samples", "--out", str(out), *options]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, timeout=300)
    return next(out.glob("*.pdf"))


@pytest.fixture(scope="module")
def raw(scan_pdf: Path) -> Page:
    return next(load.load_pages(scan_pdf, DPI))


@pytest.fixture(scope="module")
def clean(raw: Page) -> Page:
    return imaging.preprocess(raw, PreprocessSettings(), ocr.detect_orientation)


@pytest.fixture(scope="module")
def seconds() -> dict[str, float]:
    return {}


def test_load(benchmark: BenchmarkFixture, scan_pdf: Path) -> None:
    page = benchmark(lambda: next(load.load_pages(scan_pdf, DPI)))
    assert page.image is not None and page.size == (page.image.shape[1], page.image.shape[0])


def test_preprocess(benchmark: BenchmarkFixture, raw: Page) -> None:
    page = benchmark(imaging.preprocess, raw, PreprocessSettings(), ocr.detect_orientation)
    assert "otsu" in page.ops


def test_header_cut(benchmark: BenchmarkFixture, clean: Page) -> None:
    assert clean.image is not None
    rows = benchmark(imaging.header_cut, clean.image, DPI, OcrSettings().header_fraction)
    assert 0.3 * clean.image.shape[0] <= rows <= 0.5 * clean.image.shape[0]


@pytest.mark.benchmark(min_rounds=3, max_time=0.5)
def test_ocr_header(benchmark: BenchmarkFixture, clean: Page, seconds: dict[str, float]) -> None:
    assert clean.image is not None
    settings = OcrSettings()
    rows = imaging.header_cut(clean.image, DPI, settings.header_fraction)
    page = benchmark(ocr.recognise_header, clean, settings, rows)
    assert page.reading is Reading.HEADER and len(page.words) >= 20
    seconds["header"] = median_s(benchmark)


@pytest.mark.benchmark(min_rounds=3, max_time=0.5)
def test_ocr_full_page(benchmark: BenchmarkFixture, clean: Page, seconds: dict[str, float]) -> None:
    page = benchmark(ocr.recognise, clean, OcrSettings())
    assert page.reading is Reading.OCR and len(page.words) >= 60
    if "header" in seconds:
        assert seconds["header"] <= HEADER_SHARE_OF_PAGE * median_s(benchmark)
