"""Flood benchmark: drop N documents into the inbox at once and watch the service's memory.

    .venv/bin/python benchmarks/service_flood.py [--count 1000] [--workers 2]

Starts `semantha run` on a scratch station (rules-only, born-digital PDFs with a text
layer, so the figures are about the service, not about OCR), writes all files into
the inbox in one go, samples the resident memory of the service and its workers every
half second until every document is in a final state, then stops it with SIGTERM.
Prints a JSON report and writes it to benchmarks/results/service_flood.json.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from proctree import tree_memory_kb
from textpdf import wrapped_pdf

from semantha.service.journal import State

REPO = Path(__file__).resolve().parents[1]
FINAL = (State.DELIVERED, State.REVIEW, State.QUARANTINED)
OFFICES = ("Amt 63 - Baurechtsamt", "Steueramt", "Personalamt", "Ordnungsamt", "Jugendamt")


def letter(number: int) -> bytes:
    return wrapped_pdf(
        [
            f"Stadt Musterstadt\nAn: {OFFICES[number % len(OFFICES)]}\n\n"
            f"Betreff: Antrag Nr. {number}\n\n"
            "Sehr geehrte Damen und Herren, hiermit beantrage ich die Bearbeitung meines "
            f"Anliegens mit der Nummer {number}. Die Unterlagen liegen bei.\n\n"
            "Mit freundlichen Gruessen"
        ]
    )


def final_count(journal: Path) -> int:
    if not journal.exists():
        return 0
    db = sqlite3.connect(f"{journal.as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        marks = ",".join("?" * len(FINAL))
        row = db.execute(f"SELECT COUNT(*) FROM documents WHERE state IN ({marks})", FINAL)
        return int(row.fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


def write_config(root: Path, workers: int) -> Path:
    config = {
        "paths": {n: n for n in ("inbox", "work", "review", "quarantine", "archive")}
        | {"dms_root": "dms"},
        "rules_dir": str(REPO / "rules"),
        "classify": {"mode": "rules-only"},
        "service": {"workers": workers, "poll_interval_s": 0.2, "stable_after_s": 1.0},
        "logging": {"file": "log/semantha.jsonl", "level": "INFO"},
    }
    for folder in ("inbox", "dms", "review", "quarantine"):
        (root / folder).mkdir()
    path = root / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def run(count: int, workers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="semantha-flood-") as scratch:
        root = Path(scratch)
        config = write_config(root, workers)
        documents = [letter(n) for n in range(count)]
        env = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(REPO)}
        log = (root / "service.out").open("wb")
        service = subprocess.Popen(
            [sys.executable, "-m", "semantha", "--config", str(config), "run"],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            # The flood meets a running service: wait until its workers are up.
            while "service.started" not in (root / "service.out").read_text(errors="replace"):
                if service.poll() is not None:
                    raise SystemExit(f"the service exited with {service.returncode}")
                time.sleep(0.2)
            start = time.monotonic()
            for n, data in enumerate(documents):
                (root / "inbox" / f"scan-{n:05d}.pdf").write_bytes(data)
            journal = root / "work" / "journal.sqlite"
            samples: list[dict[str, Any]] = []
            done = 0
            while done < count:
                if service.poll() is not None:
                    raise SystemExit(f"the service exited with {service.returncode}")
                done = final_count(journal)
                memory = tree_memory_kb(service.pid)
                samples.append(
                    {
                        "t": round(time.monotonic() - start, 1),
                        "done": done,
                        "main_kb": memory.get(service.pid, 0),
                        "children_kb": sorted(v for k, v in memory.items() if k != service.pid),
                    }
                )
                time.sleep(0.5)
            elapsed = time.monotonic() - start
        finally:
            service.send_signal(signal.SIGTERM)
            code = service.wait(timeout=120)
    quarter = [s for s in samples if s["done"] >= count // 4]
    return {
        "documents": count,
        "workers": workers,
        "seconds": round(elapsed, 1),
        "documents_per_s": round(count / elapsed, 2),
        "exit_code": code,
        "peak_main_rss_mb": round(max(s["main_kb"] for s in samples) / 1024, 1),
        "peak_child_rss_mb": round(
            max(max(s["children_kb"], default=0) for s in samples) / 1024, 1
        ),
        "peak_total_rss_mb": round(
            max(s["main_kb"] + sum(s["children_kb"]) for s in samples) / 1024, 1
        ),
        # Flat memory: after a quarter of the flood vs. at the end.
        "main_rss_mb_at_25_percent": round(quarter[0]["main_kb"] / 1024, 1) if quarter else None,
        "main_rss_mb_at_end": round(samples[-1]["main_kb"] / 1024, 1),
        "largest_child_rss_mb_at_25_percent": (
            round(max(quarter[0]["children_kb"], default=0) / 1024, 1) if quarter else None
        ),
        "largest_child_rss_mb_at_end": round(max(samples[-1]["children_kb"], default=0) / 1024, 1),
        "samples": len(samples),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks/results/service_flood.json")
    args = parser.parse_args()
    report = run(args.count, args.workers)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
