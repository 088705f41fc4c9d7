"""Compare candidate classifiers for the department facet and write a Markdown table.

Usage (see benchmarks/results/model_comparison.md for the run that chose the model):

    .venv/bin/python benchmarks/bench_models.py --write-text-set DIR SEED COUNT NOISE
    .venv/bin/python benchmarks/bench_models.py --train DIR [DIR ...] --test DIR [DIR ...] \
        [--scanned DIR ...] [--other-author DIR ...] [--out benchmarks/results/model_comparison.md]

Each DIR is a labelled folder (labels.csv); file rows are read through the production
stages, with their OCR cached as ``<file>.ocr.json``. Every candidate is scored on the
model alone (no rules) with the thresholds of config.yaml, so the figures show what
the model contributes where no office is named.
"""

from __future__ import annotations

import argparse
import csv
import pickle
import random
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline, make_union
from sklearn.svm import LinearSVC

from semantha.config import AppConfig, load_config
from semantha.deciding.model import UNROUTABLE, document_text
from semantha.deciding.training import TextClassifier
from semantha.tools.datasets import Example, read_examples
from semantha.tools.evaluation import Scored, summary
from semantha.tools.samplegen.corpus import generate_letters, ocr_noise, plain_text

ROOT = Path(__file__).resolve().parents[1]


def paperless_baseline() -> Pipeline:
    """paperless-ngx's document classifier: word 1–2-gram counts, min_df=0.01, an MLP."""
    return Pipeline(
        [
            ("counts", CountVectorizer(ngram_range=(1, 2), min_df=0.01)),
            ("mlp", MLPClassifier(tol=0.01, random_state=0)),
        ]
    )


def temperature_scaled() -> Pipeline:
    """The chosen features and SVM, calibrated by temperature scaling instead of Platt."""
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
    svm = LinearSVC(random_state=0)
    return Pipeline(
        [
            ("features", make_union(words, chars)),
            ("svm", CalibratedClassifierCV(svm, method="temperature", cv=3, ensemble=False)),
        ]
    )


CANDIDATES: dict[str, Callable[[], Any]] = {
    "paperless baseline: counts word 1-2 (min_df 0.01) + MLP": paperless_baseline,
    "tf-idf word 1-2 + linear SVM, Platt": lambda: TextClassifier(char_ngrams=None),
    "tf-idf word 1-2 + char 3-5 + logistic regression, Platt": lambda: TextClassifier(
        estimator="logreg", C=10.0
    ),
    "tf-idf word 1-2 + char 3-5 + linear SVM, temperature": temperature_scaled,
    "tf-idf word 1-2 + char 3-5 + linear SVM, Platt (chosen)": TextClassifier,
}


@dataclass(frozen=True)
class Result:
    name: str
    overall: dict[str, Any]
    no_office: dict[str, Any]
    mixed_routed: float
    fit_s: float
    ms_per_doc: float
    size_kb: float


def scored(
    classes: Sequence[str],
    proba: np.ndarray,
    truth: Sequence[str],
    groups: Sequence[str],
    config: AppConfig,
) -> list[Scored]:
    """Model-only decisions at the configured thresholds, as classify.decide_facet takes them."""
    limits = config.classify
    items = []
    for row, label, group in zip(proba, truth, groups, strict=True):
        order = np.argsort(-row)
        best = str(classes[order[0]])
        margin = float(row[order[0]] - (row[order[1]] if len(order) > 1 else 0.0))
        sure = row[order[0]] >= limits.min_confidence and margin >= limits.min_margin
        routed = best if sure and best != UNROUTABLE else None
        items.append(Scored(label, best, routed, float(row[order[0]]), margin, group))
    return items


def mixtures(texts: Sequence[str], labels: Sequence[str], count: int = 200) -> list[str]:
    """Letters glued from the first halves of two letters for different offices.

    Either office could be right, so a calibrated model should rarely be sure:
    the share auto-routed measures over-confidence.
    """
    glued = []
    for first, second in zip(range(len(texts)), range(1, len(texts)), strict=False):
        if labels[first] and labels[second] and labels[first] != labels[second]:
            a, b = texts[first], texts[second]
            glued.append(a[: len(a) // 2] + "\n" + b[: len(b) // 2])
        if len(glued) == count:
            break
    return glued


def evaluate(
    model: Any, name: str, examples: list[Example], config: AppConfig, timings: dict[str, float]
) -> Result:
    """Scores of a fitted candidate on one test set."""
    texts = [document_text(e.document) for e in examples]
    labels = [e.department for e in examples]
    classes = list(model.classes_)
    items = scored(classes, model.predict_proba(texts), labels, [e.group for e in examples], config)
    mixed = mixtures(texts, labels)
    blank = [""] * len(mixed)
    mixed_items = scored(classes, model.predict_proba(mixed), blank, blank, config) if mixed else []
    return Result(
        name,
        summary(items),
        summary([i for i in items if i.group == "no_office"]),
        sum(i.routed is not None for i in mixed_items) / max(1, len(mixed_items)),
        timings["fit_s"],
        timings["ms_per_doc"],
        timings["size_kb"],
    )


def measure(
    name: str,
    factory: Callable[[], Any],
    train: list[Example],
    tests: dict[str, list[Example]],
    config: AppConfig,
) -> dict[str, Result]:
    """Fit one candidate, time it, and score it on every test set."""
    start = time.perf_counter()
    model = factory().fit([document_text(e.document) for e in train], [e.department for e in train])
    timings = {"fit_s": time.perf_counter() - start}
    first = next(iter(tests.values()))
    repeats = [document_text(e.document) for e in first[:200]]
    start = time.perf_counter()
    for text in repeats:
        model.predict_proba([text])
    timings["ms_per_doc"] = 1000 * (time.perf_counter() - start) / len(repeats)
    timings["size_kb"] = len(zlib.compress(pickle.dumps(model), 3)) / 1024  # as joblib's compress=3
    return {
        test: evaluate(model, name, examples, config, timings) for test, examples in tests.items()
    }


def _pct(value: float) -> str:
    return f"{100 * value:.2f}"


def _group_cells(group: dict[str, Any]) -> str:
    """Precision and coverage of a group of letters; dashes when the set has none."""
    if not group["n"]:
        return "– | –"
    return f"{_pct(group['precision_auto'])} | {_pct(group['coverage'])}"


def table(results: Sequence[Result]) -> list[str]:
    lines = [
        "| candidate | accuracy % | macro-F1 % | coverage % | precision auto % "
        "| no-office precision auto % | no-office coverage % | mixed letters auto-routed % "
        "| fit s | ms/doc | size KB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {_pct(r.overall['accuracy'])} | {_pct(r.overall['macro_f1'])} "
            f"| {_pct(r.overall['coverage'])} | {_pct(r.overall['precision_auto'])} "
            f"| {_group_cells(r.no_office)} "
            f"| {_pct(r.mixed_routed)} "
            f"| {r.fit_s:.1f} | {r.ms_per_doc:.2f} | {r.size_kb:.0f} |"
        )
    return lines


def markdown(
    results: dict[str, list[Result]],
    sizes: dict[str, int],
    command: str,
    train_n: int,
    config: AppConfig,
) -> str:
    lines = [
        "# Model comparison (department facet, model alone)",
        "",
        f"Produced by `{command}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        f"Training documents: {train_n}. Test sets are generated with other seeds.",
        f"Thresholds from config.yaml: min_confidence {config.classify.min_confidence}, "
        f"min_margin {config.classify.min_margin}. No rules: this is what the model adds.",
        "Coverage counts auto-routed letters only; unroutable mail always goes to review.",
    ]
    for test, rows in results.items():
        lines += ["", f"## Test set: {test} ({sizes[test]} documents)", "", *table(rows)]
    return "\n".join(lines) + "\n"


def write_text_set(folder: Path, seed: int, count: int, noise: float) -> None:
    """A text-only labelled folder like ``semantha samples --text-only`` writes, plus a
    ``names_office`` column so reports can single out letters that name no office."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"noise/{seed}")
    with (folder / "labels.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["text", "department", "doctype", "names_office"])
        for spec in generate_letters(seed, count):
            text = ocr_noise(plain_text(spec), rng, noise) if noise > 0 else plain_text(spec)
            named = str(spec.names_office).lower()
            writer.writerow([text, spec.department, spec.doctype, named])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--write-text-set",
        nargs=4,
        metavar=("DIR", "SEED", "COUNT", "NOISE"),
        help="only write a text-level test set with a names_office column, then stop",
    )
    parser.add_argument("--train", type=Path, nargs="+", default=[])
    parser.add_argument("--test", type=Path, nargs="+", default=[], help="text-level set")
    parser.add_argument("--scanned", type=Path, nargs="*", default=[], help="scanned + OCR set")
    parser.add_argument(
        "--other-author",
        type=Path,
        nargs="*",
        default=[],
        help="text set of another author (benchmarks/shifted_mail.py --out DIR)",
    )
    parser.add_argument("--config", type=Path, default=ROOT / "config.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/model_comparison.md")
    parser.add_argument("--notes", type=Path, default=None, help="Markdown put below the table")
    args = parser.parse_args(argv)
    if args.write_text_set:
        folder, seed, count, noise = args.write_text_set
        write_text_set(Path(folder), int(seed), int(count), float(noise))
        return 0
    if not args.train or not args.test:
        parser.error("--train and --test are required")
    config = load_config(args.config)

    def read(folders: list[Path]) -> list[Example]:
        return [e for folder in folders for e in read_examples(folder, config)]

    train = read(args.train)
    tests = {"generated text with OCR-like noise": read(args.test)}
    if args.scanned:
        tests["scanned and OCRed with tesseract"] = read(args.scanned)
    if args.other_author:
        tests["letters of another author (benchmarks/shifted_mail.py)"] = read(args.other_author)
    results: dict[str, list[Result]] = {test: [] for test in tests}
    for name, factory in CANDIDATES.items():
        print(f"{name} ...", file=sys.stderr)
        for test, result in measure(name, factory, train, tests, config).items():
            results[test].append(result)
            print(f"  {test}: {result}", file=sys.stderr)
    given = sys.argv[1:] if argv is None else argv
    command = "python benchmarks/bench_models.py " + " ".join(given)
    sizes = {test: len(examples) for test, examples in tests.items()}
    text = markdown(results, sizes, command, len(train), config)
    if args.notes is not None:
        text += "\n" + args.notes.read_text(encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
