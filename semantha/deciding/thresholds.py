"""Thresholds that hold a precision target on the city's own letters.

``choose`` looks at how sure the model was of its best label on letters whose truth a
person gave (held back from training) and moves the minimum confidence:

- up, to the lowest threshold whose precision reaches the target on those letters,
  whenever the current one falls short: being wrong is what the threshold prevents,
  and a few wrong deliveries are evidence enough;
- down only when the letters prove the lower threshold safe: the one-sided 95 %
  Wilson lower bound of its precision must reach the target (for 0.995 that needs
  about 540 routed letters without an error), and at least ``MIN_PER_LABEL`` letters
  between the two thresholds must reach it too, so that a threshold never drops where
  no letter was seen. A city's first weeks keep the conservative threshold of
  config.yaml.

The same is done per label where at least ``MIN_PER_LABEL`` letters had it as their
best guess; a label keeps the facet's threshold otherwise. The memory's margin
(``classify.example_margin``) is chosen the same way on ``MARGIN_GRID``, with how far
the most similar letter's office led as the "confidence".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from semantha.deciding.model import UNROUTABLE

GRID = (*(round(0.5 + 0.01 * i, 2) for i in range(50)), 0.995, 0.999)
MARGIN_GRID = tuple(round(0.05 + 0.01 * i, 2) for i in range(46))  # 0.05 .. 0.50
MIN_PER_LABEL = 30
Z_95 = 1.645  # one-sided 95 %


@dataclass(frozen=True)
class Guess:
    """The model's best label for one held-back letter, how sure it was, and the truth."""

    truth: str
    top: str
    confidence: float


def wilson_lower(correct: int, total: int, z: float = Z_95) -> float:
    """Lower bound of the precision ``correct / total`` (Wilson score interval)."""
    if total == 0:
        return 0.0
    p = correct / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return (centre - spread) / (1 + z * z / total)


def _precision(guesses: Sequence[Guess], threshold: float, below: float = 2.0) -> tuple[int, int]:
    """Right and routed among guesses with ``threshold`` <= confidence < ``below``."""
    routed = [g for g in guesses if threshold <= g.confidence < below and g.top != UNROUTABLE]
    return sum(g.top == g.truth for g in routed), len(routed)


def threshold_for(
    guesses: Sequence[Guess], current: float, target: float, grid: Sequence[float] = GRID
) -> float:
    """The minimum confidence for ``guesses`` (see the module's docstring)."""
    correct, routed = _precision(guesses, current)
    if routed and correct / routed < target:
        for t in (t for t in grid if t > current):
            correct, routed = _precision(guesses, t)
            if not routed or correct / routed >= target:
                return t
        return grid[-1]
    for t in (t for t in grid if t < current):  # lowest first
        correct, routed = _precision(guesses, t)
        band_correct, band = _precision(guesses, t, below=current)
        if (
            wilson_lower(correct, routed) >= target
            and band >= MIN_PER_LABEL
            and band_correct / band >= target
        ):
            return t
    return current


def smoothed(guesses: Sequence[Guess], threshold: float) -> float:
    """How often the guesses at or above ``threshold`` were right, counting one right and
    one wrong more (Laplace): a few right guesses are not yet certainty."""
    correct, routed = _precision(guesses, threshold)
    return round((correct + 1) / (routed + 2), 3)


def choose(guesses: Sequence[Guess], current: float, target: float) -> dict[str, float]:
    """``{"*": facet threshold, label: threshold, ...}``; labels only where they differ."""
    chosen = {"*": threshold_for(guesses, current, target)}
    for label in sorted({g.top for g in guesses} - {UNROUTABLE}):
        own = [g for g in guesses if g.top == label]
        if len(own) >= MIN_PER_LABEL:
            threshold = threshold_for(own, chosen["*"], target)
            if threshold != chosen["*"]:
                chosen[label] = threshold
    return chosen
