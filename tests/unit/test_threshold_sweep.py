"""The threshold sweep's figures (benchmarks/threshold_sweep.py): coverage, precision, worst."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from threshold_sweep import Outcome, summarise, table


def test_coverage_precision_and_the_worst_seed() -> None:
    outcomes = [
        Outcome(1, "63", "63"),
        Outcome(1, "66", "63"),  # wrong
        Outcome(1, "", None),  # to review
        Outcome(2, "51", "51"),
        Outcome(2, "50", "50"),
        Outcome(2, "50", None),
    ]
    row = summarise(0.9, outcomes)
    assert (row.letters, row.routed, row.wrong) == (6, 4, 1)
    assert row.coverage == pytest.approx(4 / 6)
    assert row.precision == pytest.approx(3 / 4)
    assert row.worst_seed_precision == pytest.approx(1 / 2)  # seed 1: one of two wrong


def test_nothing_routed_is_not_a_wrong_delivery() -> None:
    row = summarise(0.99, [Outcome(1, "63", None), Outcome(2, "", None)])
    assert (row.routed, row.wrong, row.coverage) == (0, 0, 0.0)
    assert row.precision == 1.0 and row.worst_seed_precision == 1.0


def test_table_has_one_line_per_threshold() -> None:
    rows = [summarise(t, [Outcome(1, "63", "63" if t < 0.95 else None)]) for t in (0.9, 0.95)]
    lines = table(rows).splitlines()
    assert len(lines) == 4
    assert lines[2].startswith("| 0.90 | 1 | 100.0 % | 100.00 % | 0 |")
    assert lines[3].startswith("| 0.95 | 1 | 0.0 % |")
