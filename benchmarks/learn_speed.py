"""How long ``semantha learn`` takes for a city with N labelled letters.

    .venv/bin/python benchmarks/learn_speed.py [--examples 5000] [--rounds 3]

A city of its own in a temporary folder (embedded config, shipped rules, a copy of the
shipped model and its training data) gets N resolved letters of another author
(``benchmarks/shifted_mail.py``) in ``work/examples/``, as the review station writes
them; then ``learning.learn`` runs ``--rounds`` times (the model it installs is put
back between rounds, so every round does the same work). Reports wall seconds (median)
and the process's CPU seconds, with the parts: training letters, vectorising and
fitting, judging on the held-back letters, installing.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shifted_mail import letters

from semantha.config import load_config
from semantha.deciding import versions
from semantha.deciding.model import read_manifest
from semantha.reading.extract import extract_fields
from semantha.records import Page
from semantha.rulefiles.store import load_ruleset
from semantha.service import examples, learning
from semantha.service.examples import Example

ROOT = Path(__file__).resolve().parents[1]
MODEL_FILES = ("classifier.npz", "classifier.manifest.json", "classifier.training.jsonl.gz")
START = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)


def city(root: Path) -> Path:
    models = root / "models"
    models.mkdir(parents=True)
    for name in MODEL_FILES:
        shutil.copy2(ROOT / "models" / name, models / name)
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text = text.replace("rules_dir: rules", f"rules_dir: {ROOT / 'rules'}")
    path = root / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def keep_examples(work: Path, count: int, seed: int) -> None:
    for n, letter in enumerate(letters(seed, count)):
        pages = tuple(letter.text.split("\f"))
        examples.record(
            work,
            n + 1,
            Example(
                sha256=hashlib.sha256(f"{seed}-{n}".encode()).hexdigest(),
                text=pages,
                # as the review station keeps them: the fields read from the letter
                fields=dict(
                    extract_fields([Page(i, None, 300, text=t) for i, t in enumerate(pages)])
                ),
                department=letter.department or None,
                doctype=letter.doctype or None,
                kind="review",
                user="clerk",
                decided_at=START + timedelta(minutes=n),
                proposed={"department": None, "doctype": None, "confidence": 0.0},
            ),
        )


def cpu_seconds() -> float:
    """This process's CPU time and that of its children (the live model is judged in one)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=900)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        config = load_config(city(Path(scratch)))
        keep_examples(config.paths.work, args.examples, args.seed)
        ruleset = load_ruleset(config.rules_dir)
        shipped = read_manifest(config.model).model_sha256
        walls, cpus = [], []
        for _ in range(args.rounds):
            wall, cpu = time.perf_counter(), cpu_seconds()
            report = learning.learn(config, ruleset)
            walls.append(time.perf_counter() - wall)
            cpus.append(cpu_seconds() - cpu)
            print(
                f"learned from {report.trained_on} of {report.examples} letters: "
                f"{walls[-1]:.1f} s wall, {cpus[-1]:.1f} s CPU, installed {report.installed}",
                flush=True,
            )
            while read_manifest(config.model).model_sha256 != shipped:
                versions.rollback(config.model)
    print(
        f"\n{args.examples} examples: median {statistics.median(walls):.1f} s wall, "
        f"{statistics.median(cpus):.1f} s CPU over {args.rounds} rounds "
        f"(stamp {datetime.now(UTC):%Y-%m-%dT%H:%M})"
    )


if __name__ == "__main__":
    main()
