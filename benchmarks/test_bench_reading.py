"""Speed of each reading stage on one generated A4 letter page at 300 dpi.

Run: OMP_THREAD_LIMIT=1 .venv/bin/pytest benchmarks/test_bench_reading.py -p no:cacheprovider

Stages: load (render one PDF page), preprocess (orientation, deskew, flatten, Otsu),
header cut (layout analysis), OCR of the header and OCR of the whole page. The
header must cost a fraction of the whole page: that is what routing pays per document.
"""

from __future__ import annotations

import io
import statistics
import sys
from pathlib import Path

import img2pdf
import pytest
from PIL import Image
from pytest_benchmark.fixture import BenchmarkFixture

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from letterpages import FONTS, LETTERS, degrade, render_letter

from semantha import imaging, load, ocr
from semantha.config import OcrSettings, PreprocessSettings
from semantha.records import Page

DPI = 300
HEADER_SHARE_OF_PAGE = 0.6  # the header read must cost at most this share of the full read


def median_s(benchmark: BenchmarkFixture) -> float:
    """Median seconds per call: robust against other jobs on a shared machine."""
    assert benchmark.stats is not None
    return float(statistics.median(benchmark.stats.stats.data))


@pytest.fixture(scope="module")
def scan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scan = degrade(render_letter(LETTERS[0], FONTS[1], dpi=DPI), seed=3, skew_deg=1.2)
    buffer = io.BytesIO()
    Image.fromarray(scan).save(buffer, format="PNG", dpi=(DPI, DPI))
    path = tmp_path_factory.mktemp("bench") / "scan.pdf"
    path.write_bytes(img2pdf.convert(buffer.getvalue()))
    return path


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
    assert "Aktenzeichen" in page.text
    seconds["header"] = median_s(benchmark)


@pytest.mark.benchmark(min_rounds=3, max_time=0.5)
def test_ocr_full_page(benchmark: BenchmarkFixture, clean: Page, seconds: dict[str, float]) -> None:
    page = benchmark(ocr.recognise, clean, OcrSettings())
    assert "Grüßen" in page.text
    if "header" in seconds:
        assert seconds["header"] <= HEADER_SHARE_OF_PAGE * median_s(benchmark)
