"""Metrics of the evaluate report on hand-counted examples."""

from __future__ import annotations

import json

import pytest

from semantha.tools.evaluation import (
    NO_CHOICE,
    Scored,
    confusion,
    curve,
    format_report,
    per_class,
    report,
    summary,
)

# truth, top choice, routed, confidence, margin, group
ITEMS = [
    Scored("63", "63", "63", 0.95, 0.9, "no_office"),  # routed, right
    Scored("63", "63", "63", 1.0, 1.0, "names_office"),  # rule, right
    Scored("63", "22", "22", 0.85, 0.7, "no_office"),  # routed, wrong
    Scored("22", "22", None, 0.70, 0.5, "no_office"),  # review, top right
    Scored("22", "63", None, 0.50, 0.1, "no_office"),  # review, top wrong
    Scored("", "", None, 0.90, 0.8, "no_office"),  # unroutable, recognised: review
    Scored("21", None, None, 0.0, 0.0, "no_office"),  # nothing at all
    Scored("21", "21", "21", 0.99, 0.98, "names_office"),  # routed, right
]


def test_summary_counts_top_choice_coverage_and_precision() -> None:
    figures = summary(ITEMS)
    assert figures["n"] == 8
    assert figures["accuracy"] == pytest.approx(5 / 8, abs=1e-4)  # rows 1, 2, 4, 6, 8
    assert figures["coverage"] == pytest.approx(4 / 8)
    assert figures["precision_auto"] == pytest.approx(3 / 4)


def test_macro_f1_averages_over_every_label() -> None:
    rows = per_class(ITEMS)
    assert set(rows) == {"", "21", "22", "63", NO_CHOICE}
    assert rows["63"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert rows["63"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert rows["21"]["recall"] == pytest.approx(0.5)
    assert rows["21"]["support"] == 2
    mean_f1 = sum(r["f1"] for r in rows.values()) / len(rows)
    assert summary(ITEMS)["macro_f1"] == pytest.approx(mean_f1, abs=1e-3)


def test_confusion_maps_truth_to_top_choice() -> None:
    table = confusion(ITEMS)
    assert table["63"] == {"22": 1, "63": 2}
    assert table["21"] == {NO_CHOICE: 1, "21": 1}
    assert sum(sum(row.values()) for row in table.values()) == len(ITEMS)


def test_curve_trades_coverage_for_precision() -> None:
    rows = curve(ITEMS, min_margin=0.2)
    at = {row["min_confidence"]: row for row in rows}
    # At 0.8: rows 1, 2, 3, 8 (row 6 is unroutable, row 4 below 0.8).
    assert at[0.8]["coverage"] == pytest.approx(4 / 8)
    assert at[0.8]["precision_auto"] == pytest.approx(3 / 4)
    # At 0.6 row 4 joins; row 5 stays out on its margin of 0.1.
    assert at[0.6]["coverage"] == pytest.approx(5 / 8)
    # At 0.9 the wrong 0.85 call drops out.
    assert at[0.9]["precision_auto"] == 1.0
    coverages = [row["coverage"] for row in rows]
    assert coverages == sorted(coverages, reverse=True)


def test_report_has_the_json_contract_and_groups() -> None:
    rep = report(ITEMS, min_margin=0.2)
    assert {
        "n",
        "accuracy",
        "coverage",
        "precision_auto",
        "macro_f1",
        "per_class",
        "confusion",
    } <= set(rep)
    json.dumps(rep)  # serialisable as is
    assert rep["groups"]["names_office"]["precision_auto"] == 1.0
    assert rep["groups"]["no_office"]["n"] == 6
    assert rep["groups"]["no_office"]["precision_auto"] == pytest.approx(1 / 2)


def test_readable_report_names_the_figures_and_errors() -> None:
    text = format_report("department", report(ITEMS, min_margin=0.2))
    assert "precision of auto-routed" in text
    assert "63             -> 22: 1" in text
    assert "(unroutable)" in text
    assert "min_confidence" in text


def test_empty_input_gives_zeros() -> None:
    assert summary([]) == {
        "n": 0,
        "accuracy": 0.0,
        "coverage": 0.0,
        "precision_auto": 0.0,
        "macro_f1": 0.0,
    }
