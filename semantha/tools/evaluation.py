"""Accuracy reports over labelled documents (``semantha evaluate``).

``score_examples`` takes the pipeline's department and doctype decisions for each
labelled example; the functions below turn one facet's decisions into figures.
Accuracy and macro-F1 score the top choice for every document, routed or not;
coverage is the share routed without review and ``precision_auto`` the accuracy
among those. The coverage/precision curve shows what another ``min_confidence``
would give, so an administrator can pick the threshold from data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sklearn.metrics import precision_recall_fscore_support

from semantha.config import AppConfig
from semantha.deciding import classify, rules
from semantha.deciding.classify import Choice
from semantha.deciding.model import DocumentClassifier
from semantha.records import Document, RuleHit
from semantha.rulefiles.ruleset import RuleSet
from semantha.tools.datasets import Example
from semantha.tools.progress import progress

NO_CHOICE = "(none)"
SUMMARY_KEYS = ("n", "accuracy", "coverage", "precision_auto", "macro_f1")
CURVE_THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99)


@dataclass(frozen=True)
class Scored:
    """One labelled document as the classifier saw it.

    ``top`` is the best candidate (None when there was none at all, "" for the
    unroutable label); ``routed`` the label it was auto-routed to, None for review.
    ``group`` splits the report, e.g. letters that name their office and those that don't.
    """

    truth: str
    top: str | None
    routed: str | None
    confidence: float
    margin: float
    group: str = ""


def score_examples(
    examples: Sequence[Example],
    model: DocumentClassifier | None,
    ruleset: RuleSet | None,
    config: AppConfig,
) -> tuple[list[Scored], list[Scored]]:
    """Department and doctype decisions for each example, as the pipeline would take them."""
    departments, doctypes = [], []
    for example in progress(examples, "classify", len(examples)):
        hits = _rule_hits(example.document, ruleset)
        dept, doctype, _ = classify.decide_facets(
            example.document, hits, model, config.classify, ruleset
        )
        departments.append(_scored(example.department, dept, example.group))
        doctypes.append(_scored(example.doctype, doctype, example.group))
    return departments, doctypes


def _rule_hits(document: Document, ruleset: RuleSet | None) -> tuple[RuleHit, ...]:
    return () if ruleset is None else rules.evaluate(document, ruleset)


def _scored(truth: str, choice: Choice, group: str) -> Scored:
    return Scored(truth, choice.top, choice.label, choice.confidence, choice.margin, group)


def full_report(
    examples: Sequence[Example],
    model: DocumentClassifier | None,
    ruleset: RuleSet | None,
    config: AppConfig,
) -> dict[str, Any]:
    """The ``evaluate --json`` object: department figures at top level, doctype below."""
    departments, doctypes = score_examples(examples, model, ruleset, config)
    return {
        **report(departments, config.classify.min_margin),
        "doctype": summary(doctypes),
    }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _top(item: Scored) -> str:
    return NO_CHOICE if item.top is None else item.top


def _macro_f1(truth: list[str], top: list[str]) -> float:
    if not truth:
        return 0.0
    labels = sorted(set(truth) | set(top))
    _, _, f1, _ = precision_recall_fscore_support(
        truth, top, labels=labels, average="macro", zero_division=0
    )
    return round(float(f1), 4)


def summary(items: Sequence[Scored]) -> dict[str, Any]:
    """The SUMMARY_KEYS of ``items``: n, accuracy, coverage, precision_auto, macro-F1."""
    routed = [i for i in items if i.routed is not None]
    truth = [i.truth for i in items]
    top = [_top(i) for i in items]
    return {
        "n": len(items),
        "accuracy": _ratio(sum(t == p for t, p in zip(truth, top, strict=True)), len(items)),
        "coverage": _ratio(len(routed), len(items)),
        "precision_auto": _ratio(sum(i.routed == i.truth for i in routed), len(routed)),
        "macro_f1": _macro_f1(truth, top),
    }


def per_class(items: Sequence[Scored]) -> dict[str, dict[str, float]]:
    truth = [i.truth for i in items]
    top = [_top(i) for i in items]
    labels = sorted(set(truth) | set(top))
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, top, labels=labels, zero_division=0
    )
    return {
        label: {
            "precision": round(float(p), 4),
            "recall": round(float(r), 4),
            "f1": round(float(f), 4),
            "support": int(s),
        }
        for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
    }


def confusion(items: Sequence[Scored]) -> dict[str, dict[str, int]]:
    """truth -> {top choice: count}"""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        table[item.truth][_top(item)] += 1
    return {truth: dict(sorted(row.items())) for truth, row in sorted(table.items())}


def curve(items: Sequence[Scored], min_margin: float) -> list[dict[str, float]]:
    """Coverage and precision of auto-routing if ``min_confidence`` were each threshold.

    Rule decisions carry confidence 1.0 and stay routed at every threshold.
    """
    rows = []
    for threshold in CURVE_THRESHOLDS:
        routed = [
            i
            for i in items
            if i.top not in (None, "") and i.confidence >= threshold and i.margin >= min_margin
        ]
        rows.append(
            {
                "min_confidence": threshold,
                "coverage": _ratio(len(routed), len(items)),
                "precision_auto": _ratio(sum(i.top == i.truth for i in routed), len(routed)),
            }
        )
    return rows


def report(items: Sequence[Scored], min_margin: float) -> dict[str, Any]:
    """The full report of one facet, in the ``evaluate --json`` shape."""
    groups = sorted({i.group for i in items if i.group})
    return {
        **summary(items),
        "per_class": per_class(items),
        "confusion": confusion(items),
        "curve": curve(items, min_margin),
        "groups": {g: summary([i for i in items if i.group == g]) for g in groups},
    }


def _label(label: str) -> str:
    return "(unroutable)" if label == "" else label


def _percent(value: float) -> str:
    return f"{100 * value:6.2f} %"


def format_summary(title: str, figures: dict[str, Any]) -> list[str]:
    return [
        f"{title} (n={figures['n']})",
        f"  accuracy (top choice)      {_percent(figures['accuracy'])}",
        f"  coverage (auto-routed)     {_percent(figures['coverage'])}",
        f"  precision of auto-routed   {_percent(figures['precision_auto'])}",
        f"  macro-F1                   {_percent(figures['macro_f1'])}",
    ]


def format_report(title: str, rep: dict[str, Any]) -> str:
    """A readable report: summary, groups, per-class table, confusion, threshold curve."""
    lines = format_summary(title, rep)
    for group, figures in rep["groups"].items():
        lines += format_summary(f"  group {group}", figures)
    lines += ["", f"  {'label':<14} {'precision':>9} {'recall':>7} {'f1':>6} {'n':>5}"]
    for label, row in rep["per_class"].items():
        lines.append(
            f"  {_label(label):<14} {row['precision']:9.3f} {row['recall']:7.3f}"
            f" {row['f1']:6.3f} {row['support']:5d}"
        )
    lines += ["", "  confusion (truth -> top choice, off-diagonal only)"]
    errors = [
        f"  {_label(truth):<14} -> {_label(pred)}: {count}"
        for truth, row in rep["confusion"].items()
        for pred, count in row.items()
        if pred != truth
    ]
    lines += errors or ["  none"]
    lines += ["", "  min_confidence  coverage  precision_auto"]
    lines += [
        f"  {row['min_confidence']:14.2f} {_percent(row['coverage'])}"
        f"  {_percent(row['precision_auto'])}"
        for row in rep["curve"]
    ]
    return "\n".join(lines)
