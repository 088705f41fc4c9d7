"""``semantha train`` and ``semantha evaluate`` on labelled folders (DESIGN §3).

A labelled folder holds ``labels.csv`` with ``file,department,doctype`` (``file``
relative to the folder) or ``text`` instead of ``file``. File rows are read by the
production stages (load -> preprocess -> OCR -> extract); their recognised pages are
cached next to the file as ``<file>.ocr.json`` so re-training does not re-OCR.
An optional ``names_office`` column (true/false), or the same key in the
``truth.jsonl`` that ``semantha samples`` writes, splits the report into letters
that name their office and letters whose content must decide.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from semantha.cli.common import load_and_log
from semantha.config import AppConfig
from semantha.errors import InputError
from semantha.fsutil import file_sha256

if TYPE_CHECKING:
    from semantha.deciding.classify import Choice
    from semantha.deciding.model import DocumentClassifier
    from semantha.records import Document, Page, RuleHit
    from semantha.rulefiles.ruleset import RuleSet
    from semantha.tools.evaluation import Scored

CACHE_SUFFIX = ".ocr.json"
CACHE_VERSION = 2  # raised whenever the fields of a cached Page change
TRUE = {"1", "true", "yes", "ja", "y"}
T = TypeVar("T")
SUMMARY_KEYS = ("n", "accuracy", "coverage", "precision_auto", "macro_f1")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    train = subparsers.add_parser(
        "train", help="train the classifier from a labelled folder; writes model + manifest"
    )
    train.add_argument(
        "--data", type=Path, nargs="+", required=True, metavar="DIR", help="labelled folder(s)"
    )
    train.add_argument(
        "--out", type=Path, default=None, metavar="PATH", help="model file (default: config model)"
    )
    train.add_argument("--jobs", type=int, default=1, help="OCR processes for file rows")
    train.set_defaults(handler=run_train)

    evaluate = subparsers.add_parser(
        "evaluate", help="accuracy, coverage and precision on a labelled folder"
    )
    evaluate.add_argument(
        "--data", type=Path, nargs="+", required=True, metavar="DIR", help="labelled folder(s)"
    )
    evaluate.add_argument(
        "--model", type=Path, default=None, metavar="PATH", help="model file (default: config)"
    )
    evaluate.add_argument("--json", action="store_true", help="the report as one JSON object")
    evaluate.add_argument(
        "--model-only", action="store_true", help="leave the rules out: measure the model alone"
    )
    evaluate.add_argument("--jobs", type=int, default=1, help="OCR processes for file rows")
    evaluate.set_defaults(handler=run_evaluate)


@dataclass(frozen=True)
class Row:
    """One line of labels.csv: a file to read or a text, and its labels."""

    line: int
    department: str
    doctype: str
    file: Path | None = None
    text: str = ""
    group: str = ""


@dataclass(frozen=True)
class Example:
    document: Document
    department: str
    doctype: str
    group: str


def read_labels(folder: Path) -> list[Row]:
    path = folder / "labels.csv"
    if not path.is_file():
        raise InputError(f"{path} not found", "a labelled folder needs labels.csv (DESIGN §3)")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = set(reader.fieldnames or ())
        if not {"department", "doctype"} <= columns or not columns & {"file", "text"}:
            raise InputError(
                f"{path}: header is {sorted(columns)}",
                "use the header file,department,doctype (or text instead of file)",
            )
        truth = _names_office(folder / "truth.jsonl")
        rows = []
        for number, raw in enumerate(reader, start=2):
            named = raw.get("names_office") or truth.get(raw.get("file") or "", "")
            rows.append(_row(path, number, raw, named))
        return rows


def _names_office(truth: Path) -> dict[str, str]:
    """file -> "true"/"false" from the generator's ground truth, when there is one."""
    if not truth.is_file():
        return {}
    records = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines() if line]
    return {
        r["file"]: str(r["names_office"]).lower()
        for r in records
        if "file" in r and "names_office" in r
    }


def _row(path: Path, number: int, raw: dict[str, str], named: str) -> Row:
    group = ""
    if named:
        group = "names_office" if named.strip().lower() in TRUE else "no_office"
    labels = {
        "line": number,
        "department": (raw.get("department") or "").strip(),
        "doctype": (raw.get("doctype") or "").strip(),
        "group": group,
    }
    if raw.get("file"):
        file = path.parent / raw["file"]
        if not file.is_file():
            raise InputError(f"{path}:{number}: {file} not found", "fix the file column")
        return Row(file=file, **labels)  # type: ignore[arg-type]
    if raw.get("text"):
        return Row(text=raw["text"], **labels)  # type: ignore[arg-type]
    raise InputError(f"{path}:{number}: neither file nor text given", "fill one of the two")


def _page_json(page: Page) -> dict[str, Any]:
    row = asdict(replace(page, image=None, stamp_image=None))
    row["words"] = [[w.text, w.confidence, list(w.box)] for w in page.words]
    return row


def _page_from_json(row: dict[str, Any]) -> Page:
    from semantha.records import Page, Reading, Word

    words = tuple(Word(t, c, (b[0], b[1], b[2], b[3])) for t, c, b in row.pop("words"))
    return Page(
        **{
            **row,
            "size": tuple(row["size"]),
            "ops": tuple(row["ops"]),
            "words": words,
            "reading": Reading(row["reading"]),
        }
    )


def _cached_pages(file: Path) -> tuple[Page, ...] | None:
    cache = file.with_name(file.name + CACHE_SUFFIX)
    if not cache.is_file():
        return None
    data = json.loads(cache.read_text(encoding="utf-8"))
    if data.get("version") != CACHE_VERSION or data.get("sha256") != file_sha256(file):
        return None
    return tuple(_page_from_json(row) for row in data["pages"])


_worker_context: list[Any] = []


def _init_worker(config: AppConfig) -> None:
    from semantha.pipeline import Context
    from semantha.rulefiles.store import load_ruleset

    _worker_context.append(Context(config, load_ruleset(config.rules_dir), None))


def _ocr_file(file: Path) -> tuple[Page, ...]:
    """Read a file through the production stages and cache its pages (runs in a worker)."""
    from semantha.fsutil import atomic_write_json
    from semantha.pipeline import read_pages

    pages = tuple(replace(p, image=None) for p in read_pages(file, _worker_context[0]))
    cache = {
        "version": CACHE_VERSION,
        "sha256": file_sha256(file),
        "pages": [_page_json(p) for p in pages],
    }
    atomic_write_json(file.with_name(file.name + CACHE_SUFFIX), cache)
    return pages


def _progress(items: Iterable[T], what: str, total: int) -> Iterator[T]:
    """Items as they come, with a progress bar on stderr for long runs."""
    from tqdm import tqdm

    return iter(
        tqdm(items, desc=what, total=total, unit="doc", file=sys.stderr, disable=total < 20)
    )


def read_examples(folder: Path, config: AppConfig, jobs: int = 1) -> list[Example]:
    """Every labelled row as a Document the way the pipeline builds it, with its labels."""
    from semantha.reading import extract
    from semantha.records import Document, Page

    rows = read_labels(folder)
    pages: dict[int, tuple[Page, ...]] = {}
    to_read = []
    for row in rows:
        if row.file is not None:
            cached = _cached_pages(row.file)
            if cached is None:
                to_read.append(row)
            else:
                pages[row.line] = cached
    if to_read:
        files = [row.file for row in to_read]
        with ProcessPoolExecutor(
            max(1, jobs), initializer=_init_worker, initargs=(config,)
        ) as pool:
            results = _progress(pool.map(_ocr_file, files), "OCR", len(files))
            for row, result in zip(to_read, results, strict=True):
                pages[row.line] = result
    examples = []
    for row in rows:
        doc_pages = pages.get(row.line) or (Page(0, None, config.ocr.dpi, text=row.text),)
        source = row.file or folder / "labels.csv"
        doc_id = (
            file_sha256(row.file) if row.file else hashlib.sha256(row.text.encode()).hexdigest()
        )
        document = Document(doc_id, source, datetime.now(UTC), doc_pages)
        document = replace(document, fields=extract.extract_fields(document.pages))
        examples.append(Example(document, row.department, row.doctype, row.group))
    return examples


def score_examples(
    examples: Sequence[Example],
    model: DocumentClassifier | None,
    ruleset: RuleSet | None,
    config: AppConfig,
) -> tuple[list[Scored], list[Scored]]:
    """Department and doctype decisions for each example, as the pipeline would take them."""
    from semantha.deciding import classify

    departments, doctypes = [], []
    for example in _progress(examples, "classify", len(examples)):
        hits = _rule_hits(example.document, ruleset)
        dept, doctype, _ = classify.decide_facets(example.document, hits, model, config.classify)
        departments.append(_scored(example.department, dept, example.group))
        doctypes.append(_scored(example.doctype, doctype, example.group))
    return departments, doctypes


def _rule_hits(document: Document, ruleset: RuleSet | None) -> tuple[RuleHit, ...]:
    if ruleset is None:
        return ()
    from semantha.deciding import rules

    return rules.evaluate(document, ruleset)


def _scored(truth: str, choice: Choice, group: str) -> Scored:
    from semantha.tools.evaluation import Scored

    return Scored(truth, choice.top, choice.label, choice.confidence, choice.margin, group)


def full_report(
    examples: Sequence[Example],
    model: DocumentClassifier | None,
    ruleset: RuleSet | None,
    config: AppConfig,
) -> dict[str, Any]:
    """The ``evaluate --json`` object: department figures at top level, doctype below."""
    from semantha.tools.evaluation import report, summary

    departments, doctypes = score_examples(examples, model, ruleset, config)
    return {
        **report(departments, config.classify.min_margin),
        "doctype": summary(doctypes),
    }


def _print_report(title: str, rep: dict[str, Any]) -> None:
    from semantha.tools.evaluation import format_report, format_summary

    print(format_report(f"department — {title}", rep))
    print()
    print("\n".join(format_summary("document type", rep["doctype"])))


def run_train(args: argparse.Namespace) -> int:
    from sklearn.model_selection import train_test_split

    from semantha.deciding.model import document_text, save_classifier
    from semantha.deciding.training import train_classifier

    config = load_and_log(args)
    out: Path = args.out or config.model
    examples = [e for folder in args.data for e in read_examples(folder, config, args.jobs)]
    train, held_out = _split(examples, train_test_split)
    print(
        f"training on {len(train)} documents, checking on {len(held_out)} held out", file=sys.stderr
    )
    check_model = train_classifier(
        [document_text(e.document) for e in train], [(e.department, e.doctype) for e in train]
    )
    metrics = full_report(held_out, check_model, None, config)
    final = train_classifier(
        [document_text(e.document) for e in examples],
        [(e.department, e.doctype) for e in examples],
        metrics={
            k: metrics[k] for k in ("n", "accuracy", "coverage", "precision_auto", "macro_f1")
        },
    )
    manifest = save_classifier(final, out)
    _print_report(f"model alone on {len(held_out)} held-out documents", metrics)
    print(f"\nmodel written to {out} (sha256 {manifest.model_sha256[:12]}…)")
    return 0


def _split(
    examples: list[Example], splitter: Callable[..., Any]
) -> tuple[list[Example], list[Example]]:
    """80/20, stratified by department when every department has at least two examples."""
    labels = [e.department for e in examples]
    stratify = labels if min(labels.count(label) for label in set(labels)) >= 2 else None
    train, held_out = splitter(examples, test_size=0.2, random_state=0, stratify=stratify)
    return list(train), list(held_out)


def run_evaluate(args: argparse.Namespace) -> int:
    from semantha.deciding.model import load_classifier
    from semantha.rulefiles.store import load_ruleset

    config = load_and_log(args)
    use_model = args.model is not None or config.classify.mode == "rules+model"
    model = load_classifier(args.model or config.model) if use_model else None
    ruleset = None if args.model_only else load_ruleset(config.rules_dir)
    examples = [e for folder in args.data for e in read_examples(folder, config, args.jobs)]
    rep = full_report(examples, model, ruleset, config)
    if args.json:
        print(json.dumps(rep, ensure_ascii=False))
    else:
        what = "model alone" if args.model_only else "rules + model" if model else "rules only"
        _print_report(f"{what} on {', '.join(map(str, args.data))}", rep)
    return 0
