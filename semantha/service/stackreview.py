"""A person cuts a stack waiting in review into its documents (``semantha review split``).

An ``auto`` stack whose cut was uncertain waits in review as a whole, its reason naming
the proposed documents. A person names the documents as page ranges ("1-2,3,4-6"):
every page in exactly one of them, in order. Each document is written to work/ as the
service writes the documents of a stack, journaled like them (the service then reads,
decides and delivers them), and the review copy of the stack goes to the archive.

Of two people working on the same item exactly one gets it (the review claim). A crash
after the journal recorded the cut but before the review copy was moved is finished
by the next ``review split`` of the same item.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import structlog

from semantha import fsutil
from semantha.config import AppConfig
from semantha.delivering import deliver, kepttext
from semantha.errors import InputError, ReviewNotFound
from semantha.reading.separation import Part, StackPlan
from semantha.service import audit, stacks
from semantha.service.files import archive_folder, move_file
from semantha.service.journal import Journal, State, journal_path
from semantha.service.loop import INFLIGHT
from semantha.service.review import (
    CLAIM_STALE_S,
    ReviewItem,
    ReviewQueue,
    already_resolved,
    claim_key,
)

log = structlog.get_logger(__name__)

_RANGE = re.compile(r"^(\d{1,4})(?:-(\d{1,4}))?$")
_PROPOSED = re.compile(r"vorgeschlagen: Seiten ([\d |-]+)")
RANGES_HINT = "name every page once, in order, e.g. 1-2,3,4-6"


@dataclass(frozen=True)
class Cut:
    stack: ReviewItem
    documents: tuple[int, ...]  # the journal ids of the documents cut from it
    archived: Path


def proposed_ranges(reason: str) -> str:
    """The documents a review reason proposes ("1-2,3"), as a person would type them;
    "" when it proposes none."""
    match = _PROPOSED.search(reason)
    return "" if match is None else match.group(1).strip().replace(" | ", ",")


def parse_ranges(text: str, pages: int) -> StackPlan:
    """Page ranges ("1-2,3,4-6") as the documents of a stack of ``pages`` pages."""
    parts = []
    expected = 1
    for chunk in (c.strip() for c in text.split(",")):
        match = _RANGE.match(chunk)
        if match is None:
            raise InputError(f"{chunk!r} is no page range", RANGES_HINT)
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if first != expected or last < first:
            raise InputError(f"{chunk!r}: the next document begins on page {expected}", RANGES_HINT)
        parts.append(Part(first, last))
        expected = last + 1
    if expected != pages + 1:
        raise InputError(
            f"the stack has {pages} pages, the ranges end at {expected - 1}", RANGES_HINT
        )
    return StackPlan(tuple(parts), (), ())


def split_in_review(config: AppConfig, key: str, ranges: str, user: str) -> Cut:
    """Cut the stack named by ``key`` (as for ``review resolve``) into ``ranges``."""
    if not user.strip():
        raise InputError("a decision needs the name of who decided", "give --user NAME")
    queue = ReviewQueue(config)
    item = queue.find(key)
    plan = parse_ranges(ranges, item.pages)
    journal = Journal(journal_path(config))
    try:
        entry = journal.latest(item.sha256)
        if entry is None or entry.state not in (State.REVIEW, State.SPLIT):
            raise ReviewNotFound(
                f"the service's journal has no document {item.id} in review",
                "only stacks the service put into review can be cut; resolve it instead",
            )
        holder = journal.claim(
            claim_key(item, queue.root), item.sha256, user, time.time(), CLAIM_STALE_S
        )
        if holder is not None and holder.user != user:
            raise already_resolved(item.id, holder)
        day = archive_folder(config.paths.archive, datetime.now(UTC).date())
        archived = (
            Path(entry.archive_path)
            if entry.archive_path
            else fsutil.unique_path(day / item.file.name)
        )
        documents: tuple[int, ...] = ()
        if entry.state is State.REVIEW:
            folder = config.paths.work / INFLIGHT / f"{entry.id:08d}{stacks.PARTS_SUFFIX}"
            parts = stacks.write_parts(item.file, plan, item.sha256, folder)
            documents = tuple(journal.split(entry.id, parts, None))
            journal.set_original(entry.id, "removed", str(archived))
        _archive(item, archived)
        journal.set_original(entry.id, "archived", str(archived))
        kepttext.forget(config.paths.work, item.sha256)
    finally:
        journal.close()
    try:
        audit.append(config.paths.work, "review.split", user, sha256=item.sha256, documents=ranges)
    except OSError as exc:
        log.error("audit.failed", doc_id=item.id, error=type(exc).__name__)
    log.info("review.split", doc_id=item.id, documents=len(documents))
    return Cut(item, documents, archived)


def _archive(item: ReviewItem, archived: Path) -> None:
    """The review copy into the archive (the scan, as the service archives a stack)."""
    if item.file.exists():
        move_file(item.file, archived)
    deliver.sidecar_path(item.file).unlink(missing_ok=True)
