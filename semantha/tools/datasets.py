"""Labelled folders read as the pipeline reads mail (``semantha train`` and ``evaluate``).

A labelled folder holds ``labels.csv`` with ``file,department,doctype`` (``file``
relative to the folder) or ``text`` instead of ``file``. File rows are read by the
production stages (load -> preprocess -> OCR -> extract); their recognised pages are
cached next to the file as ``<file>.ocr.json`` so re-training does not re-OCR.
An optional ``names_office`` column (true/false), or the same key in the
``truth.jsonl`` that ``semantha samples`` writes, puts each row into a group:
letters that name their office and letters whose content must decide.
"""

from __future__ import annotations

import csv
import hashlib
import json
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from semantha.config import AppConfig
from semantha.errors import InputError
from semantha.fsutil import atomic_write_json, file_sha256
from semantha.pipeline import Context, read_pages
from semantha.reading import extract
from semantha.records import Document, Page, Reading, Word
from semantha.rulefiles.store import load_ruleset
from semantha.tools.progress import progress

CACHE_SUFFIX = ".ocr.json"
CACHE_VERSION = 2  # raised whenever the fields of a cached Page change
TRUE = {"1", "true", "yes", "ja", "y"}
HELD_OUT_SHARE = 0.2


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
    """A labelled row as the pipeline would see it: its Document and the true labels."""

    document: Document
    department: str
    doctype: str
    group: str


def read_labels(folder: Path) -> list[Row]:
    """The rows of ``folder/labels.csv``; a missing file named in a row is an error."""
    path = folder / "labels.csv"
    if not path.is_file():
        raise InputError(f"{path} not found", "a labelled folder needs labels.csv")
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
    department = (raw.get("department") or "").strip()
    doctype = (raw.get("doctype") or "").strip()
    if raw.get("file"):
        file = path.parent / raw["file"]
        if not file.is_file():
            raise InputError(f"{path}:{number}: {file} not found", "fix the file column")
        return Row(number, department, doctype, file=file, group=group)
    if raw.get("text"):
        return Row(number, department, doctype, text=raw["text"], group=group)
    raise InputError(f"{path}:{number}: neither file nor text given", "fill one of the two")


# ---------------------------------------------------------------------- OCR cache


def _page_json(page: Page) -> dict[str, Any]:
    row = asdict(replace(page, image=None, stamp_image=None))
    row["words"] = [[w.text, w.confidence, list(w.box)] for w in page.words]
    return row


def _page_from_json(row: dict[str, Any]) -> Page:
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


def _cache_path(file: Path) -> Path:
    return file.with_name(file.name + CACHE_SUFFIX)


def _cached_pages(file: Path) -> tuple[Page, ...] | None:
    """The pages read earlier, unless the file changed since or the cache is of another version."""
    cache = _cache_path(file)
    if not cache.is_file():
        return None
    data = json.loads(cache.read_text(encoding="utf-8"))
    if data.get("version") != CACHE_VERSION or data.get("sha256") != file_sha256(file):
        return None
    return tuple(_page_from_json(row) for row in data["pages"])


_worker_context: list[Context] = []


def _init_worker(config: AppConfig) -> None:
    _worker_context.append(Context(config, load_ruleset(config.rules_dir), None))


def _ocr_file(file: Path) -> tuple[Page, ...]:
    """Read a file through the production stages and cache its pages (runs in a worker)."""
    pages = tuple(replace(p, image=None) for p in read_pages(file, _worker_context[0]))
    cache = {
        "version": CACHE_VERSION,
        "sha256": file_sha256(file),
        "pages": [_page_json(p) for p in pages],
    }
    atomic_write_json(_cache_path(file), cache)
    return pages


# ---------------------------------------------------------------------- examples


def read_examples(folder: Path, config: AppConfig, jobs: int = 1) -> list[Example]:
    """Every labelled row as a Document the way the pipeline builds it, with its labels."""
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
            results = progress(pool.map(_ocr_file, files), "OCR", len(files))
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


def split_held_out(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """(train, held out) 80/20, stratified by department when each has two examples or more."""
    from sklearn.model_selection import train_test_split

    labels = [e.department for e in examples]
    stratify = labels if min(labels.count(label) for label in set(labels)) >= 2 else None
    train, held_out = train_test_split(
        examples, test_size=HELD_OUT_SHARE, random_state=0, stratify=stratify
    )
    return list(train), list(held_out)
