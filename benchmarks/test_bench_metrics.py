"""One scrape of the metrics on a journal of a year of a large city's mail (budget: 5 s).

Every scrape reads every document (counts by state and office, the seconds
histogram) through the journal's documents_figures index, so its cost grows with the
journal: a million documents is about a year of 4,000 a day. The budget is half of
Prometheus' default scrape timeout (10 s).

Run: .venv/bin/pytest benchmarks/test_bench_metrics.py -p no:cacheprovider
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families
from pytest_benchmark.fixture import BenchmarkFixture

from semantha.config import AppConfig, Paths
from semantha.service import metrics
from semantha.service.journal import Journal, State

DOCUMENTS = 1_000_000
BUDGET_S = 5.0
OFFICES = ("10", "11", "20", "21", "32", "33", "50", "63", None)


def median_s(benchmark: BenchmarkFixture) -> float:
    """Median seconds per call: robust against other jobs on a shared machine."""
    assert benchmark.stats is not None
    return float(statistics.median(benchmark.stats.stats.data))


def rows(count: int) -> list[tuple[object, ...]]:
    """Finished documents as the service leaves them, with a few waiting and failed."""
    rng = random.Random(7)
    now = time.time()
    states = [State.DELIVERED] * 80 + [State.REVIEW] * 15 + [State.QUARANTINED] * 2
    states += [State.SKIPPED, State.RETRYING, State.RECEIVED]
    made = []
    for n in range(count):
        state = rng.choice(states)
        office = rng.choice(OFFICES)
        received = now - rng.uniform(0, 365 * 86400)
        worked = state in (State.DELIVERED, State.REVIEW, State.QUARANTINED)
        made.append(
            (
                f"{n:064x}",
                f"scan-{n}.pdf",
                state,
                office,
                rng.choice(("rule", "model", "none")) if office else None,
                received,
                received,
                rng.lognormvariate(1.2, 0.8) if worked else None,
                "OcrError" if state is State.QUARANTINED else None,
            )
        )
    return made


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> AppConfig:
    root = tmp_path_factory.mktemp("metrics")
    names = ("inbox", "work", "dms_root", "review", "quarantine", "archive")
    config = AppConfig(paths=Paths(**{name: root / name for name in names}))
    path = config.paths.work / "journal.sqlite"
    Journal(path).close()  # the schema, as the service writes it
    db = sqlite3.connect(path)  # a year of rows in one transaction, not a million fsyncs
    db.executemany(
        "INSERT INTO documents (sha256, source, state, department, method, received_at,"
        " updated_at, seconds, error_class) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(DOCUMENTS),
    )
    db.commit()
    db.close()
    return config


def test_scrape_a_year_of_documents(benchmark: BenchmarkFixture, config: AppConfig) -> None:
    exposition = benchmark(metrics.exposition, config)
    families = {f.name: f for f in text_string_to_metric_families(exposition.decode())}
    histogram = families["semantha_processing_seconds"].samples
    (count,) = (s.value for s in histogram if s.name.endswith("_count"))
    assert sum(s.value for s in families["semantha_documents"].samples) == DOCUMENTS
    assert 0 < count < DOCUMENTS
    assert median_s(benchmark) <= BUDGET_S
