"""Prometheus metrics, read from the journal when they are scraped.

The main process records every outcome in the journal and the workers count nothing,
so figures read from the journal at scrape time are right across worker processes
and restarts by construction. The collector opens the journal read-only, as
``semantha status`` does. The review station serves ``exposition`` at /metrics; the
service serves the same from a thread of its main process when
``service.metrics_port`` is set.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import structlog
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.exposition import start_http_server

from semantha.config import AppConfig
from semantha.service.journal import WAITING_STATES, Figures, Journal, State, journal_path

log = structlog.get_logger(__name__)

# A born-digital letter takes about a second, a scanned page several, a long scan minutes.
BUCKETS_S = (0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0, 600.0)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"  # the format generate_latest writes
UNKNOWN = "unknown"  # an error kind the journal does not know (rows from before it did)


class JournalCollector:
    """The journal's figures as metric families, read anew at every scrape."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock

    def collect(self) -> Iterator[Metric]:
        figures = self._read()
        yield _documents(figures)
        counts = figures.documents.items()
        waiting = sum(n for (state, _, _), n in counts if state in WAITING_STATES)
        yield GaugeMetricFamily(
            "semantha_queue_depth",
            "Documents waiting: received, being processed or waiting for a retry.",
            value=waiting,
        )
        oldest = figures.oldest_review_at
        yield GaugeMetricFamily(
            "semantha_review_oldest_age_seconds",
            "Seconds since the oldest document in review was received; 0 when none is.",
            value=0.0 if oldest is None else max(0.0, self.clock() - oldest),
        )
        yield _processing_seconds(figures)
        yield _errors(figures)
        yield CounterMetricFamily(
            "semantha_failed_attempts",
            "Attempts that failed and were tried again: delivery target unusable,"
            " worker crashed or timed out.",
            value=figures.failed_attempts,
        )

    def _read(self) -> Figures:
        if not self.path.exists():  # the service has not run yet
            return Figures({}, {}, 0, None, (0,) * len(BUCKETS_S), 0, 0.0)
        db = Journal(self.path, readonly=True)
        try:
            return db.figures(BUCKETS_S)
        finally:
            db.close()


def _documents(figures: Figures) -> GaugeMetricFamily:
    family = GaugeMetricFamily(
        "semantha_documents",
        "Documents in the journal by state, department and method"
        " (department and method are empty while undecided).",
        labels=["state", "department", "method"],
    )
    for (state, department, method), count in figures.documents.items():
        family.add_metric([state, department or "", method or ""], count)
    seen = {state for state, _, _ in figures.documents}
    for state in State:  # every state is shown, as `semantha status` does
        if state not in seen:
            family.add_metric([state, "", ""], 0)
    return family


def _processing_seconds(figures: Figures) -> HistogramMetricFamily:
    buckets = [(str(bound), n) for bound, n in zip(BUCKETS_S, figures.seconds_at_most, strict=True)]
    return HistogramMetricFamily(
        "semantha_processing_seconds",
        "Seconds a worker took for a document, by the outcomes in the journal"
        " (the last attempt of each).",
        buckets=[*buckets, ("+Inf", figures.seconds_count)],
        sum_value=figures.seconds_sum,
    )


def _errors(figures: Figures) -> GaugeMetricFamily:
    family = GaugeMetricFamily(
        "semantha_errors",
        "Documents whose last attempt failed: quarantined by error class (InputError,"
        " OcrError), waiting for a retry by failure (delivery, crashed, timeout).",
        labels=["state", "kind"],
    )
    for (state, kind), count in figures.errors.items():
        family.add_metric([state, kind or UNKNOWN], count)
    return family


class BrokerCollector:
    """The shared queue and the workers alive in Redis (``service.executor: celery``).

    The workers' documents reach the figures above as every document does: a worker
    stores its outcome (with its seconds) as the task's result and the station records
    it in its journal. What only Redis knows is read here at scrape time."""

    def __init__(self, config: AppConfig) -> None:
        self.config = config

    def collect(self) -> Iterator[Metric]:
        from semantha.service.celery_app import broker_view

        view = broker_view(self.config)
        yield GaugeMetricFamily(
            "semantha_broker_up", "1 when Redis answered this scrape.", value=int(view.reachable)
        )
        yield GaugeMetricFamily(
            "semantha_broker_queued", "Tasks in Redis waiting for a worker.", value=view.queued
        )
        yield GaugeMetricFamily(
            "semantha_broker_running",
            "Tasks a worker has taken and not finished.",
            value=view.unacked,
        )
        yield GaugeMetricFamily(
            "semantha_workers_alive",
            "Celery workers whose heartbeat is in Redis.",
            value=len(view.workers),
        )
        yield GaugeMetricFamily(
            "semantha_worker_processes",
            "Pool processes of the workers alive: documents they can run at once.",
            value=sum(int(w["concurrency"]) for w in view.workers),
        )


def registry(config: AppConfig) -> CollectorRegistry:
    """A registry with the journal's metrics and nothing else (no process metrics: the
    station and the service would each show their own); with Celery, the broker's too."""
    metrics = CollectorRegistry()
    metrics.register(JournalCollector(journal_path(config)))
    if config.service.executor == "celery":
        metrics.register(BrokerCollector(config))
    return metrics


def exposition(config: AppConfig) -> bytes:
    """The metrics in Prometheus' text format, for an HTTP response of ``CONTENT_TYPE``."""
    return generate_latest(registry(config))


@contextmanager
def serving(config: AppConfig) -> Iterator[None]:
    """Serve the metrics over HTTP from a daemon thread while the block runs.

    The service must go on when the port is taken or the host is wrong: that is
    logged as an error and nothing is served."""
    host, port = config.service.metrics_host, config.service.metrics_port
    try:
        server, thread = start_http_server(port, host, registry(config))
    except OSError as exc:
        log.error("metrics.unavailable", host=host, port=port, error=str(exc))
        yield
        return
    log.info("metrics.serving", host=host, port=server.server_port)
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
