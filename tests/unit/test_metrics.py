"""The metrics: a real journal with documents in every state, read as Prometheus does."""

from __future__ import annotations

import secrets
import socket
import sqlite3
import urllib.request
from pathlib import Path

import pytest
import structlog
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from semantha.config import AppConfig, Paths, ServiceSettings
from semantha.service import metrics
from semantha.service.journal import SCHEMA, Failure, Journal, Result, State
from semantha.service.metrics import BUCKETS_S, JournalCollector

NOW = 10_000.0
Samples = dict[str, dict[tuple[tuple[str, str], ...], float]]


def make_config(tmp_path: Path, **service: object) -> AppConfig:
    names = ("inbox", "work", "dms_root", "review", "quarantine", "archive")
    paths = Paths(**{name: tmp_path / name for name in names})
    return AppConfig(paths=paths, service=ServiceSettings.model_validate(service))


def samples(exposition: bytes) -> Samples:
    """Sample name -> sorted labels -> value, with every family's HELP text checked."""
    found: Samples = {}
    for family in text_string_to_metric_families(exposition.decode()):
        assert family.name.startswith("semantha_") and family.documentation
        for sample in family.samples:
            labels = tuple(sorted(sample.labels.items()))
            found.setdefault(sample.name, {})[labels] = sample.value
    return found


def scrape(path: Path) -> Samples:
    registry = CollectorRegistry()
    registry.register(JournalCollector(path, clock=lambda: NOW))
    return samples(generate_latest(registry))


def document(
    db: Journal, result: Result | None = None, received_at: float = NOW, state: State | None = None
) -> int:
    """A document taken in at ``received_at``, then brought to ``result`` or ``state``."""
    doc = db.add(secrets.token_hex(32), "x.pdf", "", Path("/w/inflight"), received_at).id
    db.set_original(doc, "work")
    if state is State.PROCESSING:
        db.start(doc)
    if result is not None:
        db.finish(doc, result)
    return doc


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    """A journal with documents in every state."""
    path = tmp_path / "journal.sqlite"
    db = Journal(path)
    document(db)  # received
    document(db, state=State.PROCESSING)
    retrying = document(db)
    db.retry(retrying, Failure.DELIVERY, "DMS share missing", NOW + 60)
    crashed = document(db)
    db.retry(crashed, Failure.CRASHED, "crashed: worker exited", NOW + 60)
    db.retry(crashed, Failure.CRASHED, "crashed: worker exited", NOW + 60)
    for seconds in (0.4, 1.5, 1.5):
        document(db, Result(State.DELIVERED, "63", "Antrag", 0.9, "rule", ("/d/x",), "", seconds))
    document(db, Result(State.DELIVERED, "20", None, 0.85, "model", ("/d/y",), "", 7.0))
    document(db, Result(State.REVIEW, "63", None, 0.5, "model", (), "", 45.0), NOW - 3600)
    document(db, Result(State.REVIEW, None, None, 0.2, "none", (), "", 700.0), NOW - 60)
    document(db, Result(State.QUARANTINED, error="unreadable", seconds=0.2, error_class="OcrError"))
    document(db, Result(State.QUARANTINED, error="empty", seconds=0.1, error_class="InputError"))
    document(db, Result(State.QUARANTINED, error="the original vanished"))
    document(db, Result(State.SKIPPED, error="duplicate of document 5"))
    db.close()
    return path


def test_documents_are_counted_by_state_department_and_method(journal_file: Path) -> None:
    documents = scrape(journal_file)["semantha_documents"]
    assert documents == {
        (("department", ""), ("method", ""), ("state", "received")): 1,
        (("department", ""), ("method", ""), ("state", "processing")): 1,
        (("department", ""), ("method", ""), ("state", "failed-retrying")): 2,
        (("department", "63"), ("method", "rule"), ("state", "delivered")): 3,
        (("department", "20"), ("method", "model"), ("state", "delivered")): 1,
        (("department", "63"), ("method", "model"), ("state", "review")): 1,
        (("department", ""), ("method", "none"), ("state", "review")): 1,
        (("department", ""), ("method", ""), ("state", "quarantined")): 3,
        (("department", ""), ("method", ""), ("state", "skipped")): 1,
        (("department", ""), ("method", ""), ("state", "split")): 0,
    }


def test_queue_depth_and_the_age_of_the_oldest_review(journal_file: Path) -> None:
    found = scrape(journal_file)
    assert found["semantha_queue_depth"] == {(): 4}
    assert found["semantha_review_oldest_age_seconds"] == {(): 3600}


def test_processing_seconds_form_a_cumulative_histogram(journal_file: Path) -> None:
    found = scrape(journal_file)
    recorded = (0.4, 1.5, 1.5, 7.0, 45.0, 700.0, 0.2, 0.1)
    buckets = found["semantha_processing_seconds_bucket"]
    for bound in BUCKETS_S:
        assert buckets[(("le", str(bound)),)] == sum(s <= bound for s in recorded)
    assert buckets[(("le", "+Inf"),)] == len(recorded)
    assert found["semantha_processing_seconds_count"] == {(): len(recorded)}
    assert found["semantha_processing_seconds_sum"] == {(): pytest.approx(sum(recorded))}


def test_errors_by_kind_and_failed_attempts(journal_file: Path) -> None:
    found = scrape(journal_file)
    assert found["semantha_errors"] == {
        (("kind", "OcrError"), ("state", "quarantined")): 1,
        (("kind", "InputError"), ("state", "quarantined")): 1,
        (("kind", "unknown"), ("state", "quarantined")): 1,
        (("kind", "delivery"), ("state", "failed-retrying")): 1,
        (("kind", "crashed"), ("state", "failed-retrying")): 1,
    }
    assert found["semantha_failed_attempts_total"] == {(): 3}


def test_without_a_journal_every_figure_is_zero(tmp_path: Path) -> None:
    found = samples(metrics.exposition(make_config(tmp_path)))
    assert set(found["semantha_documents"].values()) == {0}
    assert len(found["semantha_documents"]) == len(State)
    assert found["semantha_queue_depth"] == {(): 0}
    assert found["semantha_review_oldest_age_seconds"] == {(): 0}
    assert found["semantha_processing_seconds_count"] == {(): 0}
    assert "semantha_errors" not in found
    assert found["semantha_failed_attempts_total"] == {(): 0}


def test_a_journal_from_before_seconds_and_error_classes_is_read(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    old = sqlite3.connect(path)
    old.executescript(SCHEMA.replace(",\n    seconds REAL,\n    error_class TEXT", ""))
    old.execute(
        "INSERT INTO documents (sha256, source, state, received_at, updated_at)"
        " VALUES ('a', 'x.pdf', 'quarantined', 1, 1)"
    )
    old.commit()
    old.close()
    found = scrape(path)  # read-only: the columns are not added
    assert found["semantha_errors"] == {(("kind", "unknown"), ("state", "quarantined")): 1}
    assert found["semantha_processing_seconds_count"] == {(): 0}
    assert "seconds" not in Journal(path, readonly=True).columns()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serving_answers_over_http_until_the_block_ends(journal_file: Path, tmp_path: Path) -> None:
    port = free_port()
    config = make_config(tmp_path, metrics_port=port)
    config.paths.work.mkdir()
    journal_file.rename(config.paths.work / "journal.sqlite")
    url = f"http://127.0.0.1:{port}/metrics"
    with metrics.serving(config), urllib.request.urlopen(url, timeout=10) as response:
        assert response.headers["Content-Type"] == metrics.CONTENT_TYPE
        assert samples(response.read())["semantha_queue_depth"] == {(): 4}
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=10)


def test_a_taken_port_is_logged_and_serving_goes_on_without(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = make_config(tmp_path, metrics_port=port)
        ran = False
        with structlog.testing.capture_logs() as logs, metrics.serving(config):
            ran = True
    assert ran
    assert [(e["event"], e["log_level"], e["port"]) for e in logs] == [
        ("metrics.unavailable", "error", port)
    ]
