"""Learning the city's own mail (``semantha learn``, and the service on its own).

    work/examples/*.json ─ newest share held back ─────────────────────┐
      │ the rest, each counted ``learn.city_weight`` times               │ judge before/after
      ▼                                                                  ▼
    models/classifier.training.jsonl.gz ──> train ──> candidate ──> no worse? ──> install

The held-back letters are the newest ones, because time order is how a city lives:
a model must do well on the letters that come after those it learned from. On them
the live model and the candidate route as the service would (rules, model and
thresholds); the candidate is installed only when it delivers no more letters to the
wrong office and its best guesses are right no less often. Its thresholds are chosen
on the same letters for ``classify.target_precision`` (``deciding.thresholds``).

Only decisions people took count: letters resolved in review, including those an
office sent back. A return alone says which office was wrong, not which was right;
it becomes an example once the returned letter is resolved. Letter text is never logged.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import structlog

from semantha.config import AppConfig
from semantha.deciding import classify, rules, thresholds, versions
from semantha.deciding.model import (
    UNROUTABLE,
    DocumentClassifier,
    load_classifier,
    model_text,
)
from semantha.deciding.thresholds import Guess
from semantha.deciding.training import train_classifier
from semantha.deciding.trainingset import LabelledText, read_training_data, training_data_path
from semantha.errors import ModelError
from semantha.records import Document, Page
from semantha.rulefiles.ruleset import RuleSet
from semantha.service.examples import Example, examples

log = structlog.get_logger(__name__)

BASE_SAMPLE_SEED = 0  # the same generated letters are kept each time


@dataclass(frozen=True)
class Figures:
    """How a model routes the held-back letters (department)."""

    n: int
    routed: int
    correct: int  # routed to the right office
    right_guesses: int  # best guess right, routed or not

    @property
    def wrong(self) -> int:
        return self.routed - self.correct

    def as_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "coverage": _ratio(self.routed, self.n),
            "precision_auto": _ratio(self.correct, self.routed),
            "accuracy": _ratio(self.right_guesses, self.n),
            "wrong": self.wrong,
        }

    def no_worse_than(self, other: Figures) -> bool:
        return self.wrong <= other.wrong and self.right_guesses >= other.right_guesses


@dataclass(frozen=True)
class LearnReport:
    examples: int  # labelled city letters
    trained_on: int  # of those, in training (the rest held back)
    installed: bool
    reason: str
    before: Figures | None
    after: Figures | None
    model: str  # sha256 of the live model afterwards
    version: int | None  # its number in models/history/
    thresholds: dict[str, dict[str, float]]
    seconds: float

    def as_json(self) -> dict[str, Any]:
        return {
            "examples": self.examples,
            "installed": self.installed,
            "before": self.before.as_json() if self.before else None,
            "after": self.after.as_json() if self.after else None,
            "model": self.model,
            "version": self.version,
            "trained_on": self.trained_on,
            "thresholds": self.thresholds,
            "reason": self.reason,
            "seconds": round(self.seconds, 1),
        }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def labelled(found: Iterable[Example]) -> list[Example]:
    """People's decisions, oldest first, the last one per document."""
    latest: dict[str, Example] = {}
    for example in found:
        if example.kind == "review":
            latest.pop(example.sha256, None)  # re-inserted: ordered by its newest decision
            latest[example.sha256] = example
    return list(latest.values())


def _labels(example: Example, undecided_doctype: str) -> tuple[str, str]:
    return example.department or UNROUTABLE, example.doctype or undecided_doctype


def _document(example: Example) -> Document:
    pages = tuple(Page(i, None, 0, text=t) for i, t in enumerate(example.text))
    return Document(example.sha256, Path(example.sha256), example.decided_at, pages, example.fields)


def base_sample(rows: Sequence[LabelledText], per_label: int) -> list[LabelledText]:
    """At most ``per_label`` generated letters per office (0: all), the same each time."""
    if per_label == 0:
        return list(rows)
    by_label: dict[str, list[LabelledText]] = defaultdict(list)
    for row in rows:
        by_label[row.department].append(row)
    picker = random.Random(BASE_SAMPLE_SEED)
    kept = []
    for label in sorted(by_label):
        group = by_label[label]
        kept += picker.sample(group, per_label) if len(group) > per_label else group
    return kept


def route_held_back(
    held_back: Sequence[Example],
    model: DocumentClassifier | None,
    ruleset: RuleSet,
    config: AppConfig,
) -> tuple[Figures, list[Guess]]:
    """How ``model`` routes the letters, and its guesses where no rule decided."""
    routed = correct = right = 0
    guesses = []
    for example in held_back:
        document = _document(example)
        truth = example.department or UNROUTABLE
        hits = rules.evaluate(document, ruleset)
        choice, _, _ = classify.decide_facets(document, hits, model, config.classify)
        routed += choice.label is not None
        correct += choice.label is not None and choice.label == truth
        right += choice.top == truth
        if choice.method != "rule" and choice.top is not None:
            guesses.append(Guess(truth, choice.top, choice.confidence))
    return Figures(len(held_back), routed, correct, right), guesses


def learn(config: AppConfig, ruleset: RuleSet) -> LearnReport:
    """Train on the shipped data plus the city's letters; install when no worse."""
    started = time.perf_counter()
    settings = config.learn
    city = labelled(examples(config.paths.work))
    live = _live(config.model)
    live_sha = live.manifest.model_sha256 if live else ""
    if len(city) < settings.min_examples:
        reason = (
            f"{len(city)} labelled letters, {settings.min_examples} needed (learn.min_examples)"
        )
        return LearnReport(len(city), 0, False, reason, None, None, live_sha, None, {}, 0.0)
    held = max(1, round(len(city) * settings.hold_back))
    train, held_back = city[:-held], city[-held:]
    base = base_sample(
        read_training_data(training_data_path(config.model)), settings.base_per_label
    )
    undecided = ruleset.undecided_doctype
    texts = [row.text for row in base] + [model_text("\n".join(e.text), e.fields) for e in train]
    labels = [(row.department, row.doctype) for row in base] + [
        _labels(e, undecided) for e in train
    ]
    weights = [1.0] * len(base) + [settings.city_weight] * len(train)
    candidate = train_classifier(texts, labels, weights=weights)
    before = route_held_back(held_back, live, ruleset, config)[0] if live else None
    _, guesses = route_held_back(held_back, candidate, ruleset, config)
    chosen = {
        "department": thresholds.choose(
            guesses, config.classify.min_confidence, config.classify.target_precision
        )
    }
    candidate = DocumentClassifier(
        candidate.model,
        candidate.manifest.model_copy(
            update={
                "thresholds": chosen,
                "metrics": {"city_examples": len(train), "base_examples": len(base)},
            }
        ),
    )
    after, _ = route_held_back(held_back, candidate, ruleset, config)
    installed = before is None or after.no_worse_than(before)
    version = None
    if installed:
        version = versions.install(candidate, config.model, settings.keep_versions)
        live_sha = version.manifest.model_sha256
        reason = "no more wrong deliveries and no fewer right guesses on the held-back letters"
    else:
        reason = "the new model did worse on the held-back letters; the live model stays"
    report = LearnReport(
        len(city),
        len(train),
        installed,
        reason,
        before,
        after,
        live_sha,
        version.number if version else None,
        chosen,
        time.perf_counter() - started,
    )
    log.info(
        "model.learned",
        examples=report.examples,
        installed=installed,
        before=before.as_json() if before else None,
        after=after.as_json(),
        sha256=live_sha[:12],
        seconds=round(report.seconds, 1),
    )
    return report


def _live(model_path: Path) -> DocumentClassifier | None:
    try:
        return load_classifier(model_path)
    except ModelError:
        return None  # nothing to compare with: the first learned model is installed


def rollback(config: AppConfig) -> versions.Version:
    return versions.rollback(config.model)
