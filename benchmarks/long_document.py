"""One long scanned PDF (120 pages by default): time and peak memory, read in full.

    .venv/bin/python benchmarks/long_document.py [--pages 120] [--seed 11]

Builds the PDF from generated scanned letters (300 dpi JPEG pages, as a scanner's
batch would be), then runs, side by side on that one file:

    process 1 thread   ``semantha process --text --dry-run`` with ocr.page_threads 1
    process 2 threads  the same with ocr.page_threads 2: two pages read at once
    service 2 workers  ``semantha run --once`` with service.workers 2, the PDF in its inbox
                       (delivered to a scratch DMS folder): with the default page_threads
                       (the 2 cores shared out: one page at a time in each worker), and
                       with page_threads 2

For each: wall seconds, core seconds, pages/s, and the peak memory of the whole
process tree, sampled every 0.2 s from /proc both as the sum of RSS (shared pages
counted in every process) and of PSS (shared pages split between them). Writes the
table to benchmarks/results/long-document-<stamp>.md with the machine description.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdf
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from proctree import tree_memory_kb
from throughput import RESULTS, ROOT, machine


def build_pdf(pages: int, seed: int, folder: Path) -> Path:
    """``pages`` pages taken in turn from generated scanned letters, as one PDF."""
    samples = folder / "samples"
    command = [sys.executable, "-m", "semantha", "samples", "--out", str(samples)]
    options = ["--count", "40", "--seed", str(seed), "--formats", "pdf", "--workers", "2"]
    subprocess.run([*command, *options], check=True, capture_output=True, cwd=ROOT)
    sources = [pypdf.PdfReader(path) for path in sorted(samples.glob("*.pdf"))]
    writer = pypdf.PdfWriter()
    while len(writer.pages) < pages:
        for reader in sources:
            for page in reader.pages:
                if len(writer.pages) < pages:
                    writer.add_page(page)
    target = folder / f"batch-{pages}p.pdf"
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def write_config(folder: Path, page_threads: int, workers: int) -> Path:
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["paths"] = {name: name for name in config["paths"]}
    config["rules_dir"] = str(ROOT / config["rules_dir"])
    config["model"] = str(ROOT / config["model"])
    config["ocr"] |= {"page_threads": page_threads, "strategy": "full"}
    config["service"] = (config.get("service") or {}) | {"workers": workers}
    config.setdefault("logging", {})["file"] = "log/semantha.jsonl"
    folder.mkdir(parents=True)
    for name in config["paths"]:
        (folder / name).mkdir()
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def measured(command: list[str], cwd: Path) -> dict[str, float]:
    """Wall and core seconds of ``command``, and its process tree's peak RSS and PSS sums."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1"}
    before = os.times()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    peaks = {"rss": 0, "pss": 0}
    cpu: dict[int, float] = {}  # per process: workers of workers are not reaped by us
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss = tree_memory_kb(process.pid)
            peaks["rss"] = max(peaks["rss"], sum(rss.values()))
            peaks["pss"] = max(peaks["pss"], sum(_pss_kb(pid) for pid in rss))
            cpu.update({pid: max(cpu.get(pid, 0.0), _cpu_s(pid)) for pid in rss})
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if code:
        raise SystemExit(f"{command[3:6]} failed with exit code {code}")
    after = os.times()
    reaped = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    core = max(reaped, sum(cpu.values()))
    return {
        "wall_s": wall,
        "core_s": core,
        "rss_mb": peaks["rss"] / 1024,
        "pss_mb": peaks["pss"] / 1024,
    }


def _cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next(
        (int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    semantha = [sys.executable, "-m", "semantha", "--config"]
    rows: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory(prefix="semantha-long-") as scratch:
        work = Path(scratch)
        pdf = build_pdf(args.pages, args.seed, work)
        size_mb = pdf.stat().st_size / 2**20
        for label, threads, workers, service in (
            ("process, 1 thread", 1, 1, False),
            ("process, 2 threads", 2, 1, False),
            ("service, 2 workers, default threads (1 each)", 0, 2, True),
            ("service, 2 workers x 2 threads", 2, 2, True),
        ):
            folder = work / label.replace(" ", "").replace(",", "-")
            config = write_config(folder, threads, workers)
            if service:
                (folder / "inbox" / pdf.name).write_bytes(pdf.read_bytes())
                command = [*semantha, str(config), "run", "--once"]
            else:
                command = [*semantha, str(config), "process", "--text", "--dry-run", str(pdf)]
            result = measured(command, folder)
            if (
                service
                and not list((folder / "dms").rglob("*.pdf"))
                and not list((folder / "review").rglob("*.pdf"))
            ):
                raise SystemExit("the service did not deliver the document")
            rows.append((label, result))
            print(label, {k: round(v, 1) for k, v in result.items()}, file=sys.stderr, flush=True)
    report(rows, args, size_mb)
    return 0


def report(rows: list[tuple[str, dict[str, float]]], args: Any, size_mb: float) -> None:
    base = rows[0][1]["wall_s"]
    lines = [
        f"# One {args.pages}-page scanned PDF read in full, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"`.venv/bin/python benchmarks/long_document.py --pages {args.pages} --seed {args.seed}`"
        f" - {size_mb:.1f} MB, 300 dpi JPEG pages",
        "",
        "| run | wall s | pages/s | core-s/page | x 1 thread | peak RSS sum MB | peak PSS sum MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, r in rows:
        lines.append(
            f"| {label} | {r['wall_s']:.0f} | {args.pages / r['wall_s']:.3f} | "
            f"{r['core_s'] / args.pages:.2f} | {base / r['wall_s']:.2f} | {r['rss_mb']:.0f} | "
            f"{r['pss_mb']:.0f} |"
        )
    info = machine()
    lines += ["", "Machine: " + ", ".join(f"{k}={v}" for k, v in info.items())]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    (RESULTS / f"long-document-{stamp}.md").write_text(text)


if __name__ == "__main__":
    sys.exit(main())
