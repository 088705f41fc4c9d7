"""Separation without sheets (``separation: auto``) on stacks of generated letters:
precision and recall of the split points, and what reaches a person.

    OMP_THREAD_LIMIT=1 .venv/bin/python benchmarks/auto_split.py [--stacks 3] [--letters 30]
        [--seed 1] [--format pdf|tiff] [--dpi 200]

Each stack is ``--letters`` letters from the sample generator (``semantha samples``),
scanned one after the other into one file as a scan station would (turned sheets,
duplex backs, stamps, noise; no separator sheets). A split point is the page where a
letter begins (page 1 of a stack is none). A stack whose cut is certain is delivered
as cut: a wrong split there is a letter delivered silently inside another one. An
uncertain stack goes to review as a whole with the splits proposed. Prints Markdown
and writes it to benchmarks/results/auto-split-<stamp>.md.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import structlog

from semantha.config import load_config
from semantha.pipeline import Context
from semantha.rulefiles.store import load_ruleset
from semantha.service import stacks
from semantha.tools.samplegen.stacks import StackFormat, write_stack

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


@dataclass(frozen=True)
class Row:
    seed: int
    pages: int
    true_splits: int
    found: int
    right: int
    certain: bool
    unsure_pages: tuple[int, ...]
    missed: tuple[int, ...]
    extra: tuple[int, ...]
    seconds: float

    @property
    def silent_error(self) -> bool:
        return self.certain and bool(self.missed or self.extra)


def measure(folder: Path, seed: int, letters: int, fmt: StackFormat, dpi: int, ctx: Context) -> Row:
    truth = write_stack(
        folder / f"auto-{seed}.{fmt}", seed, letters, fmt=fmt, sheets=False, dpi=dpi
    )
    started = time.perf_counter()
    plan = stacks.plan(truth.file, "auto", ctx)
    seconds = time.perf_counter() - started
    true = set(truth.starts[1:])
    found = {part.first for part in plan.parts[1:]}
    return Row(
        seed,
        truth.pages,
        len(true),
        len(found),
        len(true & found),
        plan.certain,
        plan.unsure,
        tuple(sorted(true - found)),
        tuple(sorted(found - true)),
        seconds,
    )


def report(rows: list[Row], args: argparse.Namespace) -> str:
    true = sum(r.true_splits for r in rows)
    found = sum(r.found for r in rows)
    right = sum(r.right for r in rows)
    pages = sum(r.pages for r in rows)
    seconds = sum(r.seconds for r in rows)
    lines = [
        f"# Auto separation, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"`benchmarks/auto_split.py --stacks {args.stacks} --letters {args.letters} "
        f"--seed {args.seed} --format {args.format} --dpi {args.dpi}`",
        "",
        f"- split points: {true} true, {found} found, {right} right",
        f"- precision {right / max(found, 1):.3f}, recall {right / max(true, 1):.3f}",
        f"- stacks certain (delivered as cut): {sum(r.certain for r in rows)} of {len(rows)};"
        " certain but wrong (a letter silently inside another):"
        f" {sum(r.silent_error for r in rows)}",
        f"- reading for the cut: {seconds / max(pages, 1):.2f} s per page ({pages} pages)",
        "",
        "| seed | pages | splits | found | right | certain | unsure pages | missed | extra | s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.seed} | {r.pages} | {r.true_splits} | {r.found} | {r.right} | {r.certain} |"
        f" {list(r.unsure_pages)} | {list(r.missed)} | {list(r.extra)} | {r.seconds:.1f} |"
        for r in rows
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stacks", type=int, default=3)
    parser.add_argument("--letters", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("pdf", "tiff"), default="pdf")
    parser.add_argument("--dpi", type=int, default=200)
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    config = load_config(ROOT / "config.yaml")
    ctx = Context(config, load_ruleset(config.rules_dir), None)
    with tempfile.TemporaryDirectory() as tmp:
        rows = [
            measure(Path(tmp), args.seed + n, args.letters, args.format, args.dpi, ctx)
            for n in range(args.stacks)
        ]
    text = report(rows, args)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"auto-split-{datetime.now(UTC):%Y%m%dT%H%M}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
