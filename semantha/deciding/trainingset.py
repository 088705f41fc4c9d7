"""The texts a model was trained from, kept beside it so that ``learn`` can train again.

``models/classifier.npz`` -> ``models/classifier.training.jsonl.gz``: one JSON object
per line, ``{"text", "department", "doctype"}``, the model input (``model_text``) of
every training document. Learning adds the city's own letters to these; without them
it would forget what the shipped model knew. The file holds generated letters only,
never a city's mail (the city's examples live in ``work/examples/``).
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from semantha.errors import ModelError
from semantha.fsutil import atomic_write_bytes


@dataclass(frozen=True)
class LabelledText:
    text: str
    department: str
    doctype: str


def training_data_path(model_path: Path) -> Path:
    return model_path.with_name(model_path.stem + ".training.jsonl.gz")


def write_training_data(path: Path, rows: Sequence[LabelledText]) -> None:
    """Write ``rows`` atomically; the same rows give the same bytes (no time stamp)."""
    lines = "".join(
        json.dumps(
            {"text": r.text, "department": r.department, "doctype": r.doctype},
            ensure_ascii=False,
        )
        + "\n"
        for r in rows
    )
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as packed:
        packed.write(lines.encode("utf-8"))
    atomic_write_bytes(path, buffer.getvalue())


def read_training_data(path: Path) -> list[LabelledText]:
    """The rows ``write_training_data`` wrote; ModelError says what to do when it cannot."""
    hint = "train the model again with `semantha train` (or `make model`), which writes it"
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            return [
                LabelledText(str(row["text"]), str(row["department"]), str(row["doctype"]))
                for row in map(json.loads, lines)
            ]
    except FileNotFoundError as exc:
        raise ModelError(f"the model's training data {path} is missing", hint) from exc
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"the model's training data {path} cannot be read: {exc}", hint) from exc
