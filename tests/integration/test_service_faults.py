"""Fault injection against the real service: `semantha run` as a subprocess on real files;
its metrics, scraped over HTTP while it works.

Documents are born-digital PDFs with a text layer and the service runs rules-only,
so no OCR is needed and the suite stays fast on two cores.

"Read-only / missing target" is simulated in a way that also holds for root (chmod
does not stop root): the DMS root folder is renamed away and a regular *file* takes
its name, exactly what an unmounted share or a broken mount point looks like to the
service. Restoring the folder ends the outage.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from PIL import Image
from proctree import tree_memory_kb
from prometheus_client.parser import text_string_to_metric_families
from pypdf import PdfReader, PdfWriter
from textpdf import wrapped_pdf

from semantha.service import journal
from semantha.service.journal import State

REPO = Path(__file__).resolve().parents[2]
FINAL = (State.DELIVERED, State.REVIEW, State.QUARANTINED)
OFFICES = [
    ("Amt 63 - Baurechtsamt", "Bauantrag fuer ein Gartenhaus auf dem Grundstueck Lindenweg"),
    ("Steueramt", "Widerspruch gegen den Grundsteuerbescheid fuer das Grundstueck"),
    ("Personalamt", "Bewerbung um die ausgeschriebene Stelle als Sachbearbeitung"),
    ("Ordnungsamt", "Anhoerung zum Bussgeldverfahren wegen Falschparkens"),
]

pytestmark = pytest.mark.integration


def letter_pdf(number: int, pages: int = 1) -> bytes:
    """A born-digital letter with a text layer; ``number`` makes the bytes unique."""
    office, subject = OFFICES[number % len(OFFICES)]
    return wrapped_pdf(
        [
            f"Stadt Musterstadt\nAn: {office}\nMusterstadt, den 12.03.2025\n\n"
            f"Betreff: {subject} Nr. {number}\n\nSehr geehrte Damen und Herren,\n"
            f"hiermit wende ich mich an Sie in der Angelegenheit {number} und bitte um "
            f"Bearbeitung. Die Unterlagen liegen bei. Seite {page + 1} von {pages}.\n\n"
            "Mit freundlichen Gruessen\nErika Mustermann"
            for page in range(pages)
        ]
    )


@dataclass
class Station:
    """A scan station in a temporary folder: config, folders, and the service process."""

    root: Path
    config: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def dms(self) -> Path:
        return self.root / "dms"

    def set_workers(self, workers: int) -> None:
        """One worker starts faster where a test needs no parallelism."""
        self.set_service(workers=workers)

    def set_service(self, **settings: object) -> None:
        config = yaml.safe_load(self.config.read_text(encoding="utf-8"))
        config["service"].update(settings)
        self.config.write_text(yaml.safe_dump(config), encoding="utf-8")

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        env = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(REPO)}
        out = (self.root / "service.out").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "semantha", "--config", str(self.config), "run", *args],
            cwd=self.root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self.process

    def run_once(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "semantha", "--config", str(self.config), "run", "--once"],
            cwd=self.root,
            env={**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            timeout=300,
        )

    def states(self) -> dict[str, int]:
        path = self.root / "work" / "journal.sqlite"
        if not path.exists():
            return {}
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return dict(db.execute("SELECT state, COUNT(*) FROM documents GROUP BY state"))
        except sqlite3.OperationalError:
            return {}  # the schema is not written yet
        finally:
            db.close()

    def retrying_later(self, seconds: float) -> int:
        """Documents waiting for a retry that is more than ``seconds`` away."""
        path = self.root / "work" / "journal.sqlite"
        if not path.exists():
            return 0
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            row = db.execute(
                "SELECT COUNT(*) FROM documents WHERE state = ? AND next_attempt_at > ?",
                (State.RETRYING, time.time() + seconds),
            )
            return int(row.fetchone()[0])
        except sqlite3.OperationalError:
            return 0  # the schema is not written yet
        finally:
            db.close()

    def rows(self) -> list[dict[str, object]]:
        db = sqlite3.connect(
            f"{(self.root / 'work' / 'journal.sqlite').as_uri()}?mode=ro", uri=True
        )
        db.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in db.execute("SELECT * FROM documents ORDER BY id")]
        except sqlite3.OperationalError:
            return []  # the file is there, its schema not yet
        finally:
            db.close()

    def final(self) -> int:
        states = self.states()
        return sum(states.get(s, 0) for s in FINAL)

    def wait_for(self, condition: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(
                    f"service exited ({self.process.returncode}) before {what}\n{self.log()}"
                )
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}: {self.states()}\n{self.log()}")

    def stop(self) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)

    def log(self) -> str:
        path = self.root / "service.out"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def outputs(self) -> dict[str, dict[str, list[Path]]]:
        """sha256 -> output kind (dms/review/quarantine) -> files (sidecars left out)."""
        found: dict[str, dict[str, list[Path]]] = defaultdict(lambda: defaultdict(list))
        for kind in ("dms", "review", "quarantine"):
            for path in (self.root / kind).rglob("*"):
                if (
                    path.is_file()
                    and not path.name.endswith(".json")
                    and not path.name.startswith(".")
                ):
                    found[hashlib.sha256(path.read_bytes()).hexdigest()][kind].append(path)
        return found


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    config = {
        "paths": {name: name for name in ("inbox", "work", "review", "quarantine", "archive")}
        | {"dms_root": "dms"},
        "rules_dir": str(REPO / "rules"),
        "classify": {"mode": "rules-only"},
        "service": {
            "workers": 2,
            "poll_interval_s": 0.1,
            "stable_after_s": 0.5,
            # truncated files in the hostile corpus are taken after this long
            "incomplete_wait_s": 3.0,
            "rescan_interval_s": 1.0,
            "retry_backoff_s": 0.2,
            "delivery_attempts": 200,
            "document_timeout_s": 60,
            "stop_grace_s": 10,
        },
        "logging": {"file": "log/semantha.jsonl", "level": "INFO"},
    }
    with station_at(tmp_path, config) as st:
        yield st


@contextmanager
def station_at(root: Path, config: dict[str, object]) -> Iterator[Station]:
    """A station in ``root`` running ``config``; its service is killed if still running."""
    path = root / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    for folder in ("inbox", "dms", "review", "quarantine"):
        (root / folder).mkdir()
    st = Station(root, path)
    try:
        yield st
    finally:
        if st.process is not None and st.process.poll() is None:
            os.killpg(st.process.pid, signal.SIGKILL)
            st.process.wait()


def drop(inbox: Path, name: str, data: bytes) -> str:
    """Write like a scanner that renames a finished upload into place."""
    part = inbox / f"{name}.part"
    part.write_bytes(data)
    part.rename(inbox / name)
    return hashlib.sha256(data).hexdigest()


def assert_each_exactly_once(station: Station, expected: dict[str, str]) -> None:
    outputs = station.outputs()
    for sha, name in expected.items():
        kinds = outputs.get(sha, {})
        assert kinds, f"{name} is missing from dms/review/quarantine"
        assert len(kinds) == 1, f"{name} is in {sorted(kinds)}"
        for kind, files in kinds.items():
            folders = [f.parent for f in files]
            assert len(folders) == len(set(folders)), f"{name} twice in one {kind} folder: {files}"


@pytest.mark.slow
def test_kill_9_mid_way_loses_nothing_and_delivers_nothing_twice(station: Station) -> None:
    expected: dict[str, str] = {}
    service = station.start()
    for n in range(25):
        expected[drop(station.inbox, f"brief-{n:02d}.pdf", letter_pdf(n))] = f"brief-{n:02d}.pdf"
    station.wait_for(lambda: station.final() >= 5, 120, "the first documents")
    for n in range(25, 50):
        expected[drop(station.inbox, f"brief-{n:02d}.pdf", letter_pdf(n))] = f"brief-{n:02d}.pdf"
    station.wait_for(lambda: station.states().get(State.PROCESSING, 0) > 0, 60, "work in progress")
    os.kill(service.pid, signal.SIGKILL)
    service.wait()
    assert station.final() < 50, "the kill came too late to test anything"

    station.start()
    station.wait_for(lambda: station.final() == 50, 300, "all 50 documents")
    assert station.stop() == 0

    rows = station.rows()
    assert len(rows) == 50
    assert {r["sha256"] for r in rows} == set(expected)
    assert all(r["state"] in FINAL for r in rows)
    assert_each_exactly_once(station, expected)
    assert not [p for p in station.inbox.rglob("*") if p.is_file()]
    archived = {
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (station.root / "archive").rglob("*")
        if p.is_file()
    }
    assert archived == {r["sha256"] for r in rows if r["state"] == State.DELIVERED}
    assert not list((station.root / "work" / "inflight").rglob("*.pdf"))


def test_a_file_written_slowly_is_taken_only_when_complete(station: Station) -> None:
    data = letter_pdf(7, pages=3)
    station.set_workers(1)
    station.start()
    station.wait_for(lambda: (station.root / "work" / "journal.sqlite").exists(), 60, "start-up")
    chunks = [data[i : i + len(data) // 8 + 1] for i in range(0, len(data), len(data) // 8 + 1)]
    with (station.inbox / "slow.pdf").open("wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
            handle.flush()
            time.sleep(0.3)  # shorter than stable_after_s, longer than the poll interval
            assert station.states() == {}, "taken before it was complete"
    station.wait_for(lambda: station.final() == 1, 60, "the slow file")
    assert station.stop() == 0
    (row,) = station.rows()
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    assert row["state"] != State.QUARANTINED
    # The log tells the story with ids and hashes, never with file names.
    lines = (station.root / "log" / "semantha.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line)["event"] for line in lines]
    for event in ("service.started", "document.received", "service.stopped"):
        assert event in events
    assert f"document.{row['state']}" in events
    assert not [line for line in lines if "slow.pdf" in line]


def test_an_unusable_target_is_retried_until_it_is_back(station: Station) -> None:
    away = station.root / "dms-away"
    station.dms.rename(away)
    station.dms.write_text("not a folder: the share is gone")
    station.set_workers(1)
    station.start()
    expected = {
        drop(station.inbox, f"amt63-{n}.pdf", letter_pdf(n * 4)): f"amt63-{n}.pdf" for n in range(4)
    }
    # the first retries fall due within a second: wait until none will start before
    # `semantha status` below has read the journal
    station.wait_for(lambda: station.retrying_later(5.0) == 4, 120, "retries")
    status = subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(station.config), "status", "--json"],
        cwd=station.root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        check=True,
    )
    report = json.loads(status.stdout)
    assert report["counts"]["failed-retrying"] == 4
    assert report["queue_depth"] == 4
    assert "dms" in report["last_errors"][0]["error"]
    assert all(r["state"] == "failed-retrying" for r in report["documents"])
    assert len(list((station.root / "work" / "inflight").rglob("amt63-*.pdf"))) == 4
    time.sleep(1.0)
    station.dms.unlink()
    away.rename(station.dms)
    station.wait_for(lambda: station.final() == 4, 60, "delivery after the outage")
    assert station.stop() == 0
    rows = station.rows()
    assert all(r["state"] == State.DELIVERED for r in rows), rows
    assert all(int(str(r["attempts"])) >= 1 for r in rows)
    assert_each_exactly_once(station, expected)


# --- hostile input ------------------------------------------------------------------------------


def png_bomb() -> bytes:
    """A PNG that claims 100 000 x 100 000 pixels in a few hundred bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (100_000).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    pixels = zlib.compress(b"\0" * 200_000, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def image_bytes(size: tuple[int, int], fmt: str) -> bytes:
    out = BytesIO()
    Image.new("L", size, 255).save(out, fmt)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(letter_pdf(3))))
    writer.encrypt("geheim")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def hostile_corpus() -> dict[str, bytes]:
    long_name = ("Schreiben über Müllgebühren und Straßenreinigung " * 5)[:196] + ".pdf"
    return {
        "empty.pdf": b"",
        "truncated.pdf": letter_pdf(1)[:600],
        "encrypted.pdf": encrypted_pdf(),
        "bomb.png": png_bomb(),
        "truncated.jpg": image_bytes((400, 300), "JPEG")[:300],
        "corrupt.tif": b"II*\x00" + os.urandom(2000),
        "webpage.pdf": b"<!DOCTYPE html><html><body>Bitte melden Sie sich an</body></html>",
        "pixel.png": image_bytes((1, 1), "PNG"),
        long_name: letter_pdf(11),
        "-rf.pdf": letter_pdf(12),
        "--help.pdf": letter_pdf(13),
        "handbook-120-pages.pdf": letter_pdf(14, pages=120),
    }


JUNK = ("Thumbs.db", ".DS_Store", "desktop.ini", "~$brief.docx", "upload.pdf.part", "x.crdownload")


@pytest.mark.slow
def test_hostile_input_is_quarantined_or_processed_and_junk_ignored(station: Station) -> None:
    corpus = hostile_corpus()
    service = station.start()
    for name in JUNK:
        (station.inbox / name).write_bytes(b"junk")
    for name, data in corpus.items():
        (station.inbox / name).write_bytes(data)
    peak = 0

    def done() -> bool:
        nonlocal peak
        peak = max(peak, max(tree_memory_kb(service.pid, "VmHWM").values()))
        return station.final() == len(corpus)

    station.wait_for(done, 300, "the hostile corpus")
    assert service.poll() is None, "the service must stay alive"
    assert station.stop() == 0
    rows = {Path(str(r["source"])).name: r for r in station.rows()}
    assert set(rows) == set(corpus)
    for name in (
        "empty.pdf",
        "truncated.pdf",
        "encrypted.pdf",
        "bomb.png",
        "truncated.jpg",
        "corrupt.tif",
        "webpage.pdf",
        "pixel.png",
    ):
        assert rows[name]["state"] == State.QUARANTINED, (name, rows[name])
        assert rows[name]["last_error"], name
        reports = list((station.root / "quarantine").glob(f"{name}*.error.json"))
        assert reports, name
        assert json.loads(reports[0].read_text())["hint"], name
    for name in (
        next(n for n in corpus if n.startswith("Schreiben")),
        "-rf.pdf",
        "--help.pdf",
        "handbook-120-pages.pdf",
    ):
        assert rows[name]["state"] in (State.DELIVERED, State.REVIEW), (name, rows[name])
    assert sorted(p.name for p in station.inbox.iterdir()) == sorted(JUNK)
    assert peak < 1_500_000, f"peak RSS {peak} kB"


def test_run_once_processes_the_inbox_and_prints_one_summary_line(station: Station) -> None:
    letters = [letter_pdf(n) for n in range(3)]
    expected = {}
    for n, data in enumerate(letters):
        expected[drop(station.inbox, f"brief-{n}.pdf", data)] = f"brief-{n}.pdf"
    (station.inbox / "Thumbs.db").write_bytes(b"junk")
    station.set_workers(1)
    done = station.run_once()
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1
    assert done.stdout.startswith("3 documents: ")
    assert station.final() == 3
    assert_each_exactly_once(station, expected)
    assert [p.name for p in station.inbox.iterdir()] == ["Thumbs.db"]

    # The same paper scanned again: by default a person looks at it (duplicates: review).
    again = drop(station.inbox, "nochmal.pdf", letters[0])
    done = station.run_once()
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 documents: 0 delivered, 1 review")
    second = station.rows()[-1]
    assert (second["sha256"], second["state"], second["duplicate_of"]) == (again, State.REVIEW, 1)
    (sidecar,) = (station.root / "review").rglob("nochmal.pdf.json")
    assert "duplicate of document 1" in json.loads(sidecar.read_text())["review_reason"]


def test_broken_rules_stop_the_service_with_the_configuration_exit_code(
    station: Station, tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "classes.yaml").write_text("rules:\n  - id: x\n    wen: nothing\n", encoding="utf-8")
    config = yaml.safe_load(station.config.read_text(encoding="utf-8"))
    config["rules_dir"] = str(rules)
    station.config.write_text(yaml.safe_dump(config), encoding="utf-8")
    station.set_workers(1)
    done = station.run_once()
    assert done.returncode == 3, done.stderr
    assert "semantha: error:" in done.stderr
    assert "what to do:" in done.stderr


def test_sigterm_finishes_documents_in_progress_and_the_rest_waits_safely(
    station: Station,
) -> None:
    station.set_workers(1)
    service = station.start()
    letters = {f"brief-{n}.pdf": letter_pdf(n) for n in range(10)}
    expected = {}
    for name in list(letters)[:5]:
        expected[drop(station.inbox, name, letters[name])] = name
    station.wait_for(lambda: station.final() >= 1, 120, "the first document")
    for name in list(letters)[5:]:  # not quiet long enough yet when the stop comes
        expected[drop(station.inbox, name, letters[name])] = name
    assert station.stop() == 0
    states = station.states()
    assert states.get(State.PROCESSING, 0) == 0, states  # finished within stop_grace_s
    assert station.final() < 10
    assert "service.stopped" in station.log()
    done = station.run_once()
    assert done.returncode == 0, done.stderr
    assert station.final() == 10
    assert_each_exactly_once(station, expected)
    assert service.returncode == 0


# --- metrics ------------------------------------------------------------------------------------

SAMPLES = REPO / "samples"
# Scanned with OCR (image PDF, JPEG), born-digital, and an advert for no office (review).
METRICS_SAMPLES = (
    "001-10-hausmitteilung-named.pdf",
    "005-21-antrag-named.jpg",
    "009-33-sonstiges-named-digital.pdf",
    "034-none-advert-duplex.pdf",
)
Scrape = dict[str, list[tuple[dict[str, str], float]]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def scrape(port: int) -> Scrape | None:
    """Sample name -> (labels, value), as Prometheus reads them; None while nothing listens."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
            text = response.read().decode()
    except urllib.error.URLError:
        return None
    found: Scrape = defaultdict(list)
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[sample.name].append((sample.labels, sample.value))
    return found


def value(found: Scrape, name: str, **labels: str) -> float:
    """The sum of ``name``'s samples that carry ``labels``."""
    return sum(v for have, v in found[name] if labels.items() <= have.items())


def test_metrics_over_http_agree_with_the_journal_while_samples_are_processed(
    station: Station,
) -> None:
    port = free_port()
    station.set_service(metrics_port=port)
    station.start()
    station.wait_for(lambda: scrape(port) is not None, 60, "the metrics server")
    for name in METRICS_SAMPLES:
        drop(station.inbox, name, (SAMPLES / name).read_bytes())
    drop(station.inbox, "abgeschnitten.pdf", letter_pdf(1)[:300])  # cut off: InputError
    scrapes: list[Scrape] = []

    def all_final() -> bool:
        found = scrape(port)
        assert found is not None
        scrapes.append(found)
        return station.final() == len(METRICS_SAMPLES) + 1

    station.wait_for(all_final, 300, "the samples")
    for found in scrapes:  # each scrape is one snapshot of the journal: its figures agree
        waiting = sum(value(found, "semantha_documents", state=s) for s in journal.WAITING_STATES)
        assert value(found, "semantha_queue_depth") == waiting
        outcomes = sum(value(found, "semantha_documents", state=s) for s in FINAL)
        assert value(found, "semantha_processing_seconds_count") == outcomes
    before = time.time()
    found = scrape(port)
    after = time.time()
    assert found is not None
    assert station.stop() == 0

    rows = station.rows()
    documents = Counter((r["state"], r["department"] or "", r["method"] or "") for r in rows)
    assert {
        (labels["state"], labels["department"], labels["method"]): v
        for labels, v in found["semantha_documents"]
        if v
    } == documents
    assert value(found, "semantha_queue_depth") == 0
    seconds = [float(str(r["seconds"])) for r in rows]
    assert all(s > 0 for s in seconds)
    assert value(found, "semantha_processing_seconds_count") == len(rows)
    assert value(found, "semantha_processing_seconds_sum") == pytest.approx(sum(seconds))
    assert value(found, "semantha_processing_seconds_bucket", le="+Inf") == len(rows)
    assert [(labels, v) for labels, v in found["semantha_errors"]] == [
        ({"state": "quarantined", "kind": "InputError"}, 1)
    ]
    received = [float(str(r["received_at"])) for r in rows if r["state"] == State.REVIEW]
    age = value(found, "semantha_review_oldest_age_seconds")
    if received:
        assert before - min(received) <= age <= after - min(received)
    else:
        assert age == 0


def test_a_taken_metrics_port_does_not_stop_the_service(station: Station) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        station.set_service(workers=1, metrics_port=taken.getsockname()[1])
        for n in range(2):
            drop(station.inbox, f"brief-{n}.pdf", letter_pdf(n))
        done = station.run_once()
    assert done.returncode == 0, done.stderr
    assert station.final() == 2
    lines = (station.root / "log" / "semantha.jsonl").read_text(encoding="utf-8").splitlines()
    events = [(e["event"], e["level"]) for e in map(json.loads, lines)]
    assert ("metrics.unavailable", "error") in events
