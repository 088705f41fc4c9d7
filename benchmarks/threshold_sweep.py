"""Where to set ``classify.min_confidence``: coverage and precision on mail of another author.

    .venv/bin/python benchmarks/threshold_sweep.py [--seeds 8 9 12 13 21 22] [--count 1000]
        [--thresholds 0.86 0.88 0.90 0.92 0.94 0.96] [--model PATH] [--config PATH]

Each seed's letters (``shifted_mail.letters``) are written as text rows and read back
as ``semantha train`` reads them (``read_examples``: fields extracted). Then, for every
threshold, the rules, the model and the routes decide as ``semantha process`` does after
reading (``classify.decide``, ``route.plan``). A letter counts as routed when it has an
office and no route sends it to review. Text only: no OCR, so the figures are those of
deciding alone, and a whole sweep over 6,000 letters takes minutes.

``--model`` scores a candidate model file against the same letters, so that two models
can be compared at the same precision rather than at the same threshold. Prints and
keeps (benchmarks/results/threshold-sweep-STAMP.md) per threshold: coverage, precision,
wrong deliveries, and the precision of the worst seed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import shifted_mail

from semantha.config import load_config
from semantha.deciding import classify, route, rules
from semantha.deciding.model import load_classifier
from semantha.rulefiles.store import load_ruleset
from semantha.tools.datasets import read_examples

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
SEEDS = (8, 9, 12, 13, 21, 22)
THRESHOLDS = (0.86, 0.88, 0.90, 0.92, 0.94, 0.96)


@dataclass(frozen=True)
class Outcome:
    """One letter at one threshold: its seed, its true office, the office it was routed to."""

    seed: int
    truth: str
    routed: str | None  # None: to review


@dataclass(frozen=True)
class Row:
    threshold: float
    letters: int
    routed: int
    wrong: int
    worst_seed_precision: float

    @property
    def coverage(self) -> float:
        return self.routed / self.letters if self.letters else 0.0

    @property
    def precision(self) -> float:
        return 1 - self.wrong / self.routed if self.routed else 1.0


def summarise(threshold: float, outcomes: Sequence[Outcome]) -> Row:
    routed = [o for o in outcomes if o.routed is not None]
    wrong = [o for o in routed if o.routed != o.truth]
    per_seed = []
    for seed in sorted({o.seed for o in outcomes}):
        seed_routed = sum(o.seed == seed for o in routed)
        seed_wrong = sum(o.seed == seed for o in wrong)
        per_seed.append(1 - seed_wrong / seed_routed if seed_routed else 1.0)
    return Row(threshold, len(outcomes), len(routed), len(wrong), min(per_seed, default=1.0))


def decide(
    seeds: Sequence[int], count: int, thresholds: Sequence[float], model: Path | None, config: Path
) -> dict[float, list[Outcome]]:
    app = load_config(config)
    ruleset = load_ruleset(app.rules_dir)
    classifier = load_classifier(model or app.model)
    outcomes: dict[float, list[Outcome]] = {t: [] for t in thresholds}
    for seed in seeds:
        mail = shifted_mail.letters(seed, count)
        with tempfile.TemporaryDirectory() as folder:
            shifted_mail.write(Path(folder), mail, pdf=False)
            examples = read_examples(Path(folder), app)
        for letter, example in zip(mail, examples, strict=True):
            hits = rules.evaluate(example.document, ruleset)
            for threshold in thresholds:
                at = app.classify.model_copy(update={"min_confidence": threshold})
                decision = classify.decide(example.document, hits, classifier, at, ruleset)
                plan = route.plan(example.document, decision, ruleset)
                to_review = any(action.kind == "review" for action in plan.actions)
                office = None if to_review else decision.department
                outcomes[threshold].append(Outcome(seed, letter.department, office))
        print(f"seed {seed}: {len(mail)} letters decided", file=sys.stderr)
    return outcomes


def table(rows: Sequence[Row]) -> str:
    lines = [
        "| min_confidence | letters | coverage | precision | wrong | worst seed's precision |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.threshold:.2f} | {r.letters} | {100 * r.coverage:.1f} % | "
            f"{100 * r.precision:.2f} % | {r.wrong} | {100 * r.worst_seed_precision:.2f} % |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=list(SEEDS), metavar="S", help="mail streams"
    )
    parser.add_argument("--count", type=int, default=1000, metavar="N", help="letters per seed")
    parser.add_argument(
        "--thresholds",
        type=float,
        nargs="+",
        default=list(THRESHOLDS),
        metavar="T",
        help="values of classify.min_confidence",
    )
    parser.add_argument(
        "--model", type=Path, metavar="PATH", help="model file (default: the configured one)"
    )
    parser.add_argument("--config", type=Path, default=ROOT / "config.yaml", metavar="PATH")
    args = parser.parse_args(argv)
    outcomes = decide(args.seeds, args.count, args.thresholds, args.model, args.config)
    text = table([summarise(t, outcomes[t]) for t in args.thresholds])
    print(text)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    command = " ".join(["python benchmarks/threshold_sweep.py", *(argv or sys.argv[1:])])
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"threshold-sweep-{stamp}.md").write_text(
        f"# Threshold sweep on mail of another author ({stamp})\n\n`{command}`\n\n"
        f"Text only; rules, model and routes as configured, min_confidence varied.\n\n"
        f"{text}\n",
        "utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
