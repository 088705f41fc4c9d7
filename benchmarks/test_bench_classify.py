"""Classification speed of one document's text with the shipped model (budget: 2 ms).

Run: .venv/bin/pytest benchmarks/test_bench_classify.py -p no:cacheprovider
"""

from __future__ import annotations

import random
import statistics
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from semantha.cli.logsetup import configure_logging
from semantha.config import ClassifySettings
from semantha.deciding.classify import decide
from semantha.deciding.model import DocumentClassifier, load_classifier
from semantha.records import Document, Page
from semantha.tools.samplegen.corpus import generate_letters, ocr_noise, plain_text

ROOT = Path(__file__).resolve().parents[1]
BUDGET_S = 0.002


def median_s(benchmark: BenchmarkFixture) -> float:
    """Median seconds per call: robust against other jobs on a shared machine."""
    assert benchmark.stats is not None
    return float(statistics.median(benchmark.stats.stats.data))


@pytest.fixture(scope="module")
def classifier() -> DocumentClassifier:
    configure_logging(None, "INFO", console_level=None)  # as the service runs
    return load_classifier(ROOT / "models" / "classifier.npz")


@pytest.fixture(scope="module")
def letter() -> str:
    """A letter of median length from the generator, with OCR-like noise."""
    texts = sorted((plain_text(spec) for spec in generate_letters(4242, 41)), key=len)
    return ocr_noise(texts[len(texts) // 2], random.Random(1), 0.02)


def test_score_one_document_text(
    benchmark: BenchmarkFixture, classifier: DocumentClassifier, letter: str
) -> None:
    scores = benchmark(classifier.score_text, letter)
    assert set(scores) == {"department", "doctype"}
    assert median_s(benchmark) <= BUDGET_S


def test_decide_one_document(
    benchmark: BenchmarkFixture, classifier: DocumentClassifier, letter: str
) -> None:
    page = Page(0, None, 300, text=letter)
    document = Document("0" * 64, Path("letter.pdf"), datetime.now(UTC), (page,))
    decision = benchmark(decide, document, (), classifier, ClassifySettings())
    assert len(decision.trace.department_scores) == 3
    assert median_s(benchmark) <= BUDGET_S
