"""Celery against the local executor: throughput, overhead per document, transfer, recovery.

    .venv/bin/python benchmarks/celery_throughput.py [--docs 16] [--rounds 3]

On a scratch station with a throwaway redis-server (no persistence), the same scanned
sample letters (real OCR) are processed with `semantha run --once`:

- local: `service.workers: 2` (two worker processes on this machine);
- celery: the same two processes as one `semantha worker --concurrency 2`;
- celery: 1 worker × 1 process and 2 workers × 1 process (scaling in workers).

The setups alternate, `--rounds` times each, and their medians are compared.

The time of a run is from the first document received to the last outcome recorded,
read from the journal, so worker start-up (the local pool's, at each run) is not
counted. Also measured: the cost of a document's bytes through Redis (base64 in the
JSON message, SET + GET) against reading the file from a folder, and how fast a task
comes back after kill -9 of a pool process and of a whole worker.
Writes benchmarks/results/celery-<stamp>.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from configs import embedded_config
from redisserver import Redis, free_port

from semantha.service.celery_app import job_message
from semantha.service.executor import Job

REPO = Path(__file__).resolve().parents[1]

SAMPLES = sorted(p for p in (REPO / "samples").iterdir() if p.name[:3].isdigit())
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(REPO)}


def semantha(config: Path, *args: str, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "semantha", "--config", str(config), *args],
        cwd=config.parent,
        env=ENV,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def station(root: Path, redis: Redis, **service: object) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    config = embedded_config(root, "dms")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["service"].update({"broker_url": redis.url, "stable_after_s": 0.2, **service})
    config.write_text(yaml.safe_dump(data), encoding="utf-8")
    return config


def span(root: Path) -> float:
    """First document received to last outcome recorded, from the journal."""
    db = sqlite3.connect(f"file:{root / 'var/work/journal.sqlite'}?mode=ro", uri=True)
    try:
        first, last = db.execute(
            "SELECT MIN(received_at), MAX(updated_at) FROM documents"
        ).fetchone()
    finally:
        db.close()
    return float(last - first)


def run_once(config: Path, docs: list[Path]) -> float:
    inbox = config.parent / "var" / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        shutil.copy(doc, inbox / doc.name)
    subprocess.run(
        [sys.executable, "-m", "semantha", "--config", str(config), "run", "--once"],
        cwd=config.parent,
        env=ENV,
        check=True,
        capture_output=True,
        timeout=1800,
    )
    return span(config.parent)


def wait_for_workers(redis: Redis, count: int) -> None:
    import redis as redis_lib

    client = redis_lib.Redis.from_url(redis.url)
    deadline = time.monotonic() + 120
    while len(list(client.scan_iter(match="semantha:worker:*"))) < count:
        if time.monotonic() > deadline:
            raise RuntimeError("the workers did not start")
        time.sleep(0.2)
    client.close()


def with_workers(
    root: Path, redis: Redis, docs: list[Path], workers: int, concurrency: int
) -> float:
    config = station(root, redis, executor="celery", workers=workers * concurrency)
    pool = [
        semantha(
            config,
            "worker",
            "--concurrency",
            str(concurrency),
            "--name",
            f"w{n}",
            log=root / f"w{n}.out",
        )
        for n in range(workers)
    ]
    try:
        wait_for_workers(redis, workers)
        return run_once(config, docs)
    finally:
        for process in pool:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=120)
        forget_workers(redis)


def forget_workers(redis: Redis) -> None:
    import redis as redis_lib

    client = redis_lib.Redis.from_url(redis.url)
    client.flushdb()  # heartbeats of stopped workers; every result was recorded
    client.close()


def transfer(redis: Redis) -> list[dict[str, float]]:
    """Milliseconds for a document's bytes through Redis and from a folder."""
    import redis as redis_lib

    client = redis_lib.Redis.from_url(redis.url)
    rows = []
    for sample in SAMPLES:
        size = sample.stat().st_size
        through, folder = [], []
        for _ in range(20):
            start = time.perf_counter()
            data = sample.read_bytes()
            folder.append(time.perf_counter() - start)
            start = time.perf_counter()
            job = Job(1, str(sample), "0" * 64)
            client.set("bench", json.dumps(job_message(job, data)))
            message = json.loads(client.get("bench") or b"{}")
            assert len(message["data"]) >= size
            through.append(time.perf_counter() - start)
        rows.append(
            {
                "mb": size / 1e6,
                "redis_ms": 1000 * statistics.median(through),
                "folder_ms": 1000 * statistics.median(folder),
            }
        )
    client.delete("bench")
    client.close()
    return rows


def comeback(root: Path, redis: Redis, whole_worker: bool) -> float:
    """Seconds from kill -9 (of the pool process, or of the whole worker) until a worker
    has taken the document's task again (the station records the crashed attempt)."""
    timeout_s = 20
    config = station(root, redis, executor="celery", workers=1, document_timeout_s=timeout_s)
    scans = [p for p in SAMPLES if "-g4" in p.name]
    pool = {}
    for name in ("a", "b"):
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        data["paths"]["work"] = str(root / name)
        worker_config = root / f"{name}.yaml"
        worker_config.write_text(yaml.safe_dump(data), encoding="utf-8")
        pool[name] = semantha(
            worker_config, "worker", "--concurrency", "1", "--name", name, log=root / f"{name}.out"
        )
    wait_for_workers(redis, 2)
    station_process = semantha(config, "run", log=root / "station.out")
    inbox = root / "var" / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    shutil.copy(scans[0], inbox / scans[0].name)
    try:
        busy = {name: root / name / "celery" for name in pool}
        while not any(list(folder.glob("task-*/*")) for folder in busy.values() if folder.exists()):
            time.sleep(0.05)
        victim = next(n for n, f in busy.items() if f.exists() and list(f.glob("task-*/*")))
        killed_at = time.monotonic()
        if whole_worker:
            os.killpg(pool[victim].pid, signal.SIGKILL)
        else:
            children = subprocess.run(
                ["pgrep", "-P", str(pool[victim].pid)], capture_output=True, text=True
            ).stdout.split()
            for child in children:
                os.kill(int(child), signal.SIGKILL)
        # Back: a worker took the task again and it was recorded as a crashed attempt.
        while attempts(root) == 0:
            if time.monotonic() - killed_at > 300:
                raise RuntimeError("the task did not come back")
            time.sleep(0.05)
        return time.monotonic() - killed_at
    finally:
        for process in [*pool.values(), station_process]:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
        forget_workers(redis)


def attempts(root: Path) -> int:
    db = sqlite3.connect(f"file:{root / 'var/work/journal.sqlite'}?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT COALESCE(SUM(attempts), 0) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


LOCAL = "local, 2 worker processes"
CELERY = "celery, 1 worker x 2 processes"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    docs = SAMPLES[: args.docs]
    scratch = Path(tempfile.mkdtemp(prefix="celery-bench-"))
    redis = Redis(free_port(), scratch / "redis.log")
    redis.start()
    where = scratch / "s"
    setups: dict[str, Callable[[], float]] = {
        LOCAL: lambda: run_once(station(where, redis, workers=2), docs),
        CELERY: lambda: with_workers(where, redis, docs, workers=1, concurrency=2),
        "celery, 1 worker x 1 process": lambda: with_workers(where, redis, docs, 1, 1),
        "celery, 2 workers x 1 process": lambda: with_workers(where, redis, docs, 2, 1),
    }
    times: dict[str, list[float]] = {name: [] for name in setups}
    try:
        for _ in range(args.rounds):  # alternating: the machine's load falls on all alike
            for name, run in setups.items():
                times[name].append(run())
                print(f"{name}: {times[name][-1]:.1f} s", flush=True)
        moved = transfer(redis)
        child = comeback(scratch / "k", redis, whole_worker=False)
        whole = comeback(scratch / "k", redis, whole_worker=True)
        print(f"comeback: pool process {child:.1f} s, whole worker {whole:.1f} s", flush=True)
    finally:
        redis.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    report(args.docs, times, moved, child, whole)


def report(
    n: int,
    times: dict[str, list[float]],
    moved: list[dict[str, float]],
    child: float,
    whole: float,
) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    lm, cm = medians[LOCAL], medians[CELERY]
    pairs = list(zip(times[LOCAL], times[CELERY], strict=True))  # the same round's runs
    mb = sum(r["mb"] for r in moved)
    redis_ms = sum(r["redis_ms"] for r in moved)
    folder_ms = sum(r["folder_ms"] for r in moved)
    biggest = max(moved, key=lambda r: r["mb"])
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"# Celery executor against local workers ({stamp})",
        "",
        f"`python benchmarks/celery_throughput.py --docs {n} --rounds {len(times[LOCAL])}` on"
        f" this machine ({os.cpu_count()} cores, shared; load average at the end {load}),"
        f" the first {n} files of samples/ (real OCR). Setups alternate in every round.",
        "Time: first document received to last outcome recorded (journal).",
        "",
        "| setup | runs (s) | median (s) | docs/s | per doc (s) |",
        "|---|---|---|---|---|",
        *(
            f"| {name} | {', '.join(f'{x:.1f}' for x in runs)} | {medians[name]:.1f}"
            f" | {n / medians[name]:.2f} | {medians[name] / n:.2f} |"
            for name, runs in times.items()
        ),
        "",
        f"Overhead of celery against local (medians, same two processes):"
        f" {100 * (cm / lm - 1):+.1f} % ({(cm - lm) / n * 1000:+.0f} ms per document);"
        f" round by round {', '.join(f'{100 * (c / x - 1):+.1f} %' for x, c in pairs)},"
        f" median {100 * (statistics.median(c / x for x, c in pairs) - 1):+.1f} %.",
        "",
        f"Bytes through Redis (base64 in JSON, SET + GET, median of 20) for the {len(moved)}"
        f" samples ({mb:.1f} MB): {redis_ms:.1f} ms in all, {redis_ms / mb:.1f} ms per MB;"
        f" from a folder: {folder_ms:.1f} ms. Largest sample {biggest['mb']:.2f} MB:"
        f" {biggest['redis_ms']:.1f} ms through Redis.",
        "",
        f"Task back after kill -9: of the pool process {child:.1f} s (requeued at once, recorded"
        f" as a crashed attempt); of the whole worker {whole:.1f} s (document_timeout_s 20 +"
        " 10 s margin = visibility_timeout, restore sweep every 1 s).",
    ]
    out = REPO / "benchmarks" / "results" / f"celery-{stamp}.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"written to {out}")


if __name__ == "__main__":
    main()
