"""The recognised text of a document in review, kept until a person decides.

``<work>/examples/pending/<sha256>.json``: sha256, text (a string per page, the letter's
and its stamp's), reading (how far each page was read: ``records.Reading``), turns
(clockwise quarter turns that stood each page upright), fields, kept_at. The review
queue shows it beside the pages (turned upright) and builds the person's decision on it
without reading the scan again; once decided it becomes a labelled example
(``semantha.service.examples``). Letter text: never logged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from semantha import fsutil

if TYPE_CHECKING:  # records loads numpy, which the service's main process does without
    from semantha.records import Document

PENDING = Path("examples") / "pending"
DELIVERED = Path("examples") / "delivered"
SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class KeptText:
    sha256: str
    text: tuple[str, ...]  # per page; "" for a page not read
    reading: tuple[str, ...]  # per page: a ``records.Reading`` value
    fields: Mapping[str, str]
    kept_at: datetime
    turns: tuple[int, ...]  # per page; 0 for a page not read (or kept before turns were)


def pending_folder(work: Path) -> Path:
    return work / PENDING


def pending_path(work: Path, sha256: str) -> Path:
    """The file for ``sha256``; a ValueError for anything but 64 hex digits."""
    if not SHA256.match(sha256):
        raise ValueError("not a sha256")
    return pending_folder(work) / f"{sha256}.json"


def delivered_folder(work: Path) -> Path:
    """Texts of delivered documents, kept as weak labels (``learn.weak_label_days``)."""
    return work / DELIVERED


def keep(work: Path, document: Document, folder: Path | None = None) -> Path:
    """Keep the text of ``document`` in the pending folder (or ``folder``)."""
    path = pending_path(work, document.id)
    if folder is not None:
        path = folder / path.name
    path.parent.mkdir(parents=True, exist_ok=True)
    fsutil.atomic_write_json(
        path,
        {
            "sha256": document.id,
            "text": [page.full_text for page in document.pages],
            "reading": [page.reading.value for page in document.pages],
            "turns": [page.quarter_turns for page in document.pages],
            "fields": dict(document.fields),
            "kept_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )
    return path


def kept(work: Path, sha256: str, folder: Path | None = None) -> KeptText | None:
    """The text kept for ``sha256`` (in the pending folder or ``folder``); None when
    there is none (or it is unreadable)."""
    path = pending_path(work, sha256)
    if folder is not None:
        path = folder / path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = tuple(str(t) for t in data["text"])
        reading = tuple(str(r) for r in data["reading"])
        turns = tuple(int(t) % 4 for t in data.get("turns") or [0] * len(text))
        if not len(reading) == len(turns) == len(text):
            return None
        return KeptText(
            sha256,
            text,
            reading,
            MappingProxyType({str(k): str(v) for k, v in data["fields"].items()}),
            datetime.fromisoformat(data["kept_at"]),
            turns,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def forget(work: Path, sha256: str) -> None:
    pending_path(work, sha256).unlink(missing_ok=True)
