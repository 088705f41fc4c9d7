"""Header-first reading against full-page reading: the same decisions on the same scans?

    .venv/bin/python benchmarks/roi_accuracy.py --data DIR [--jobs 2]

DIR is a labelled folder from ``semantha samples``. Full-page reading is what
``semantha evaluate --data DIR`` scores (its OCR cached next to each file as
``<file>.ocr.json``, made on the first run); header-first reading runs every file
through ``process_file`` with ``ocr.strategy: roi_first``, exactly as the service
routes (page one's header, the rest of the page only when the header does not
decide). Both are then scored by the same code as ``semantha evaluate``: department
and document-type accuracy, coverage and precision of what is routed without
review, split by letters that name their office and those that do not, and the
index fields (office number, Aktenzeichen, date, subject) against the generator's
truth. Prints Markdown tables and writes them to benchmarks/results/roi-accuracy-<stamp>.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import structlog

from semantha.config import AppConfig, config_path, load_config
from semantha.pipeline import Context, process_file
from semantha.reading import extract
from semantha.records import Document, Page
from semantha.service.worker import build_context
from semantha.tools.datasets import Example, read_examples
from semantha.tools.evaluation import Scored, score_examples, summary
from semantha.tools.samplegen.truth import read_truth
from semantha.tools.textmetrics import normalise

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

_CONTEXT: list[Context] = []  # built once before the workers fork, as the service does


def _core_s() -> float:
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _header_first(path: Path) -> tuple[tuple[Page, ...], bool, float]:
    start = _core_s()
    outcome = process_file(path, _CONTEXT[0], dry_run=True)
    if outcome.document is None:
        raise SystemExit(f"{path.name}: {outcome.error}")
    return outcome.document.pages, "read_rest" in outcome.timings, _core_s() - start


def read_header_first(examples: list[Example], jobs: int) -> tuple[list[Example], int, float]:
    """The examples as header-first reading sees them, how many needed the rest of
    page one, and the core-seconds per page it took (start-up excluded)."""
    files = [example.document.source for example in examples]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        results = list(pool.map(_header_first, files, chunksize=4))
    read: list[Example] = []
    for example, (pages, _, _) in zip(examples, results, strict=True):
        document = Document(example.document.id, example.document.source, datetime.now(UTC), pages)
        document = replace(document, fields=extract.extract_fields(pages))
        read.append(replace(example, document=document))
    page_count = sum(len(pages) for pages, _, _ in results)
    core = sum(seconds for _, _, seconds in results)
    return read, sum(rest for _, rest, _ in results), core / page_count


def figures(items: list[Scored]) -> dict[str, Any]:
    groups = sorted({item.group for item in items})
    out = {"all": summary(items)}
    for group in groups:
        out[group or "-"] = summary([item for item in items if item.group == group])
    return out


# truth.jsonl's field name -> extract's field name
FIELDS = {
    "recipient_office": "office_number",
    "aktenzeichen": "aktenzeichen",
    "date": "date",
    "subject": "subject",
}
# Characters Tesseract's German model cannot write ("·", dashes) would make every subject
# with one a miss whatever else was read; the comparison is of what could be read.
_SAME = str.maketrans({"–": "-", "—": "-", "·": " "})


def _comparable(value: str) -> str:
    return normalise(value.translate(_SAME)).casefold()


def field_accuracy(examples: list[Example], truth: dict[str, dict[str, str]]) -> dict[str, str]:
    """Per field: extracted value equal to the truth, over the documents that have one."""
    out = {}
    for true_name, field in FIELDS.items():
        pairs = [
            (truth[e.document.source.name][true_name], e.document.fields.get(field, ""))
            for e in examples
            if truth[e.document.source.name][true_name]
        ]
        same = sum(_comparable(want) == _comparable(got) for want, got in pairs)
        out[field] = f"{_pct(same / len(pairs))} (n={len(pairs)})" if pairs else "-"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(30))
    config: AppConfig = load_config(config_path(None))
    roi = config.model_copy(update={"ocr": config.ocr.model_copy(update={"strategy": "roi_first"})})
    _CONTEXT.append(build_context(roi))
    ctx = _CONTEXT[0]
    full_examples = read_examples(args.data, config, args.jobs)
    scans = [e for e in full_examples if e.document.source.name != "labels.csv"]
    roi_examples, rest, core = read_header_first(scans, args.jobs)
    truth = {name: record["fields"] for name, record in read_truth(args.data).items()}
    rows = []
    for name, examples in (("full page", scans), ("header first", roi_examples)):
        departments, doctypes = score_examples(examples, ctx.model, ctx.rules, config)
        fields = field_accuracy(examples, truth)
        rows.append((name, figures(departments), summary(doctypes), fields))
    report(rows, args, len(scans), rest, core)
    return 0


def _pct(value: float) -> str:
    return f"{100 * value:.2f} %"


Row = tuple[str, dict[str, Any], dict[str, Any], dict[str, str]]


def report(rows: list[Row], args: Any, n: int, rest: int, core: float) -> None:
    groups = [g for g in rows[0][1] if g != "all"]
    ocr = _CONTEXT[0].config.ocr
    lines = [
        f"# Header-first vs full-page reading, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"`.venv/bin/python benchmarks/roi_accuracy.py --data {args.data} --jobs {args.jobs}`"
        f" - {n} scanned documents; header-first read the rest of page one for {rest}, "
        f"{core:.2f} core-s per page (start-up excluded); header_fraction "
        f"{ocr.header_fraction}, header_extra_fraction {ocr.header_extra_fraction}, "
        f"header_dpi {ocr.header_dpi}, header_languages {ocr.header_languages}; "
        f"full page: dpi {ocr.dpi}, languages {ocr.languages}",
        "",
        "| reading | dept. accuracy | coverage | precision auto | "
        + " | ".join(f"{g}: accuracy / coverage / precision" for g in groups)
        + " | doctype accuracy |",
        "|---|---|---|---|" + "---|" * len(groups) + "---|",
    ]
    for name, dept, doctype, _ in rows:
        whole = dept["all"]
        cells = [
            name,
            _pct(whole["accuracy"]),
            _pct(whole["coverage"]),
            _pct(whole["precision_auto"]),
            *(
                f"{_pct(dept[g]['accuracy'])} / {_pct(dept[g]['coverage'])} / "
                f"{_pct(dept[g]['precision_auto'])} (n={dept[g]['n']})"
                for g in groups
            ),
            _pct(doctype["accuracy"]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "Index fields equal to the truth (dashes and middle dots compared as read):",
        "",
        "| reading | " + " | ".join(FIELDS.values()) + " |",
        "|---|" + "---|" * len(FIELDS),
        *("| " + " | ".join([name, *fields.values()]) + " |" for name, _, _, fields in rows),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    (RESULTS / f"roi-accuracy-{stamp}.md").write_text(text)


if __name__ == "__main__":
    sys.exit(main())
