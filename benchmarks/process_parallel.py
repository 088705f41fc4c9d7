"""`semantha process` on a batch: documents side by side against one after the other.

    .venv/bin/python benchmarks/process_parallel.py [--files 12] [--rounds 3]

The first ``--files`` scanned PDFs of samples/ go through ``process_all`` with
``--dry-run`` (routing reads, as `semantha process --dry-run` does) twice per round,
each time in a fresh process so that neither inherits the other's warm engines:
once sequentially (one reader, its pages on every core: the loop `process` ran
before) and once with one reader per core. The order alternates between rounds.
Prints pages/s per run, the medians and their ratio, and the machine's load average
(a shared machine flattens the ratio), and writes the Markdown to
benchmarks/results/process-parallel-<stamp>.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

ONE_RUN = """
import json, sys, time
from functools import partial
from pathlib import Path
from semantha.cli.documents import outcome_json
from semantha.config import load_config
from semantha.service.batch import process_all

config = load_config(Path(sys.argv[1]))
readers, files = int(sys.argv[2]), [Path(f) for f in sys.argv[3:]]
row = partial(outcome_json, with_text=False, review=config.paths.review)
start = time.perf_counter()
pages = sum(r["pages"] for r in process_all(files, config, row, readers, dry_run=True))
print(json.dumps({"pages": pages, "seconds": time.perf_counter() - start}))
"""


def run(readers: int, files: list[Path]) -> dict[str, float]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", ONE_RUN, str(ROOT / "config.yaml"), str(readers)]
    done = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, check=True, env=env
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = sorted((ROOT / "samples").glob("*.pdf"))[: args.files]
    cores = os.cpu_count() or 1
    modes = {"sequential (1 reader)": 1, f"side by side ({cores} readers)": cores}
    rates: dict[str, list[float]] = {name: [] for name in modes}
    load_before = os.getloadavg()[0]
    lines = []
    for n in range(args.rounds):
        order = list(modes.items()) if n % 2 == 0 else list(reversed(modes.items()))
        for name, readers in order:
            result = run(readers, files)
            rate = result["pages"] / result["seconds"]
            rates[name].append(rate)
            line = (
                f"round {n + 1}: {name}: {result['pages']:.0f} pages in {result['seconds']:.1f} s"
            )
            lines.append(f"{line} = {rate:.2f} pages/s")
            print(lines[-1], flush=True)
    medians = {name: statistics.median(values) for name, values in rates.items()}
    sequential, parallel = medians.values()
    report = [
        f"# `semantha process --dry-run`: {len(files)} sample PDFs, {cores} cores",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {args.rounds} rounds, order alternating, "
        "each run a fresh process (`benchmarks/process_parallel.py`).",
        "",
        "| mode | median pages/s |",
        "|---|---|",
        *(f"| {name} | {median:.2f} |" for name, median in medians.items()),
        "",
        f"Ratio side by side / sequential: {parallel / sequential:.2f}",
        "",
        f"Load average (1 min) before / after: {load_before:.1f} / {os.getloadavg()[0]:.1f} "
        "(other work on the machine shares the cores and flattens any ratio).",
        "",
        "Runs:",
        "",
        *(f"- {line}" for line in lines),
    ]
    text = "\n".join(report) + "\n"
    print(text)
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M", time.gmtime())
    (RESULTS / f"process-parallel-{stamp}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
