"""What looking for a separator code costs per page, at the 150 dpi it is read at.

Run: OMP_THREAD_LIMIT=1 .venv/bin/pytest benchmarks/test_bench_separation.py -p no:cacheprovider

Pages are real scans of a generated stack (`semantha.tools.samplegen.stacks`, 200 dpi,
skewed and noised): a letter page (no code: the common case, zxing searches the whole
page) and a separator sheet. ``find_mark`` is timed on the page as loaded, which
includes scaling it down to 150 dpi; loading the page itself is the pipeline's cost
anyway. The budget is 30 ms per page. The baseline is zxing-cpp's default search
(smaller copies, inverted and turned codes too) on an area-averaged copy.

On a busy machine, time CPU rather than wall clock: ``--benchmark-timer time.process_time``.
"""

from __future__ import annotations

import pytest
import zxingcpp
from pytest_benchmark.fixture import BenchmarkFixture

from semantha.reading import imaging, load
from semantha.reading.separation import CODE_DPI, Mark, find_mark, parse_code
from semantha.records import GrayImage, Page
from semantha.tools.samplegen.stacks import StackTruth, write_stack

SCAN_DPI = 200


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> StackTruth:
    out = tmp_path_factory.mktemp("bench") / "stack.pdf"
    return write_stack(out, seed=11, count=3, fmt="pdf", sheets=True, dpi=SCAN_DPI)


def _page(stack: StackTruth, number: int) -> Page:
    return next(load.load_pages(stack.file, SCAN_DPI, start=number - 1))


def default_search(image: GrayImage, dpi: int) -> Mark | None:
    """The baseline: zxing-cpp's every search on a smooth copy."""
    small, _ = imaging.downscale(image, dpi, CODE_DPI)
    marks = (parse_code(symbol.text) for symbol in zxingcpp.read_barcodes(small))
    return next((mark for mark in marks if mark is not None), None)


@pytest.mark.parametrize("search", [find_mark, default_search], ids=["find_mark", "baseline"])
@pytest.mark.parametrize("kind", ["letter", "sheet"])
def test_find_mark(
    benchmark: BenchmarkFixture, stack: StackTruth, kind: str, search: object
) -> None:
    page = _page(stack, stack.starts[0] if kind == "letter" else stack.sheets[0])
    assert page.image is not None and callable(search)
    mark = benchmark(search, page.image, page.dpi)
    assert (mark is None) == (kind == "letter")
