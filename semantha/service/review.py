"""The review queue: documents waiting for a person, and a person's decision on one.

The queue's truth is the review folder: each copy with its ``<name>.json`` sidecar
(written by ``delivering.deliver``), so documents put there by ``semantha process``
count too. A decision goes through the same routes and delivery code as the service
(``deciding.route.plan``, ``delivering.deliver.execute``) with method "human";
``department=None`` ("für kein Amt") archives the document as such under
``archive/<date>/kein-amt/``. The journal records the decision with who, when, what
Semantha proposed and what was chosen; the text and the label become a labelled
example (``examples``); the audit log says who decided. The review copy then joins
the archived originals (``archive/<date>/``).

Of two people deciding the same document at once exactly one delivers it: a claim
in the journal, keyed by the review copy and the time it went into review; the other
gets ``AlreadyResolved``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

import structlog

from semantha import fsutil
from semantha.cleantext import clean_text
from semantha.config import AppConfig
from semantha.deciding import route
from semantha.deciding.model import UNROUTABLE
from semantha.delivering import deliver, kepttext
from semantha.errors import (
    AlreadyResolved,
    DocumentError,
    GuiError,
    InputError,
    ReviewNotFound,
)
from semantha.records import (
    Decision,
    Delivery,
    Document,
    Page,
    Plan,
    Reading,
    Score,
    Trace,
    frozen_map,
)
from semantha.rulefiles.ruleset import RuleSet
from semantha.service import audit, examples
from semantha.service.files import archive_folder, move_file
from semantha.service.journal import Claim, DecisionEntry, Journal, Written, journal_path

if TYPE_CHECKING:
    from semantha.pipeline import Context

__all__ = [
    "AlreadyResolved",
    "Resolution",
    "ReviewItem",
    "ReviewNotFound",
    "ReviewQueue",
]

log = structlog.get_logger(__name__)

ID_LENGTH = 12
NO_OFFICE = "kein-amt"
"""The folder below ``archive/<date>/`` for documents a person decided are for no office."""
CLAIM_STALE_S = 600.0
"""A claim unfinished this long belongs to a process that died: another may take over."""
HEX = re.compile(r"^[0-9a-fA-F]{12,64}$")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_FIELD_LENGTH = 300


@dataclass(frozen=True)
class ReviewItem:
    """A document in review as its sidecar describes it. A department suggestion with
    the label "" is the model's class of mail for no office (adverts, private post)."""

    id: str  # the review id: the first 12 hex digits of sha256
    file: Path  # the copy in review/
    sha256: str
    department: str | None  # what Semantha proposed
    doctype: str | None
    confidence: float
    reason: str
    suggestions: Mapping[str, tuple[Score, ...]]  # "department", "doctype": top 3 each
    returned_by: str | None  # the office that sent it back, or None
    queued_at: datetime  # when it went into review
    fields: Mapping[str, str]
    pages: int

    @property
    def proposes_no_office(self) -> bool:
        """Semantha's best guess is that no office should receive it."""
        ranked = self.suggestions.get("department", ())
        return self.department is None and bool(ranked) and ranked[0].label == UNROUTABLE

    def as_json(self) -> dict[str, Any]:
        """The ``review list --json`` line (docs/architecture.md §6)."""
        return {
            "id": self.id,
            "file": str(self.file),
            "sha256": self.sha256,
            "department": self.department,
            "doctype": self.doctype,
            "confidence": self.confidence,
            "reason": self.reason,
            "suggestions": {
                head: [{"label": s.label, "probability": s.probability} for s in found]
                for head, found in self.suggestions.items()
            },
            "returned_by": self.returned_by,
        }


@dataclass(frozen=True)
class Resolution:
    item: ReviewItem
    department: str | None
    doctype: str | None
    destinations: tuple[Path, ...]
    user: str
    at: datetime


class ReviewQueue:
    """The review folder as a queue, oldest first, and the decisions taken on it."""

    def __init__(self, config: AppConfig) -> None:
        self.config = config
        self.root = config.paths.review.resolve()
        self.work = config.paths.work

    # -- reading the queue --------------------------------------------------------------

    def items(self) -> list[ReviewItem]:
        """Documents waiting for a person, oldest first."""
        resolved = {claim.key: claim for claim in self._resolved_claims()}
        waiting = []
        for item in self._scan():
            claim = resolved.get(claim_key(item, self.root))
            if claim is None:
                waiting.append(item)
            elif claim.decision is not None and claim.claimed_at < time.time() - CLAIM_STALE_S:
                self._finish_interrupted(item, claim.decision)
        return sorted(waiting, key=lambda item: (item.queued_at, str(item.file)))

    def find(self, key: str) -> ReviewItem:
        """The item named by its review id, its sha256 (or a prefix of at least 12 hex
        digits), or the path of its file in review/ (absolute or relative to it)."""
        key = key.strip()
        items = self.items()
        found = []
        if HEX.match(key):
            found = [item for item in items if item.sha256.startswith(key.lower())]
        if not found and key:
            path = self._in_review(key)
            found = [item for item in items if path in (item.file, deliver.sidecar_path(item.file))]
        if len(found) > 1:
            files = ", ".join(str(item.file.relative_to(self.root)) for item in found)
            raise InputError(
                f"{key!r} names {len(found)} documents in review: {files}",
                "give the file's path in the review folder instead",
            )
        if not found:
            self._raise_if_resolved(key)
            raise ReviewNotFound(
                f"no document in review answers to {key!r}",
                "`semantha review list` shows the documents waiting (id, sha256 or file)",
            )
        return found[0]

    def text(self, item: ReviewItem) -> tuple[str, ...]:
        """The recognised text per page, as kept when the document went into review
        (empty for pages not read, and for documents put there before texts were kept)."""
        kept = kepttext.kept(self.work, item.sha256)
        return kept.text if kept is not None else ("",) * item.pages

    def turns(self, item: ReviewItem) -> tuple[int, ...]:
        """Clockwise quarter turns that stand each page upright, as found when it was
        read (0 for pages not read, and where nothing was kept)."""
        kept = kepttext.kept(self.work, item.sha256)
        found = kept is not None and len(kept.turns) == item.pages
        return kept.turns if kept is not None and found else (0,) * item.pages

    # -- deciding -------------------------------------------------------------------------

    def resolve(
        self,
        key: str,
        *,
        department: str | None,
        doctype: str | None,
        fields: Mapping[str, str],
        user: str,
        ctx: Context,
    ) -> Resolution:
        """A person's decision on the item named by ``key``: delivered through the routes
        as if decided so; ``department`` None archives it as for no office.

        Raises AlreadyResolved when someone else resolved it first (or is doing so)."""
        item = self.find(key)
        _check_choice(department, doctype, ctx.rules)
        corrected = checked_fields(fields)
        if not user.strip():
            raise InputError("a decision needs the name of who decided", "give --user NAME")
        journal = Journal(journal_path(self.config))
        try:
            key = claim_key(item, self.root)
            claimed_at = time.time()
            holder = journal.claim(key, item.sha256, user, claimed_at, CLAIM_STALE_S)
            if holder is not None:
                raise already_resolved(item.id, holder)
            try:
                return self._decide(item, department, doctype, corrected, user, ctx, journal, key)
            except BaseException:
                journal.release(key, claimed_at)
                raise
        finally:
            journal.close()

    def _decide(
        self,
        item: ReviewItem,
        department: str | None,
        doctype: str | None,
        corrected: Mapping[str, str],
        user: str,
        ctx: Context,
        journal: Journal,
        key: str,
    ) -> Resolution:
        if fsutil.file_sha256(item.file) != item.sha256:
            raise InputError(
                f"{item.file} in review is not the document its sidecar describes",
                "put the document back into the inbox to have it read anew",
            )
        document = self._document(item, corrected, ctx)
        decision = Decision(
            department,
            doctype,
            1.0,
            "human",
            Trace(reason=f"decided in review by {user}"),
            doctype_confidence=1.0 if doctype else 0.0,
            decided_by=user,
        )
        day = archive_folder(self.config.paths.archive, datetime.now(UTC).date())
        written: tuple[Written, ...] = ()
        if department is None:
            aside = deliver.set_aside(document, decision, day / NO_OFFICE)
            deliveries: tuple[Delivery, ...] = (aside,)
            archived = aside.destination  # the archived copy is the document's original
        else:
            document, deliveries = self._deliver(document, decision, corrected, ctx)
            written = tuple(
                Written(d.sha256, str(d.destination), d.action.kind)
                for d in deliveries
                if d.action.kind in ("deliver", "copy") and d.destination
            )
            archived = fsutil.unique_path(day / item.file.name)
        destinations = tuple(d.destination for d in deliveries if d.destination)
        now = datetime.now(UTC)
        entry = DecisionEntry(
            sha256=item.sha256,
            kind="review",
            user=user,
            at=now.timestamp(),
            proposed_department=item.department,
            proposed_doctype=item.doctype,
            proposed_confidence=item.confidence,
            department=department,
            doctype=doctype,
            fields=dict(document.fields),
            returned_by=item.returned_by,
        )
        decision_id = journal.resolve(
            key, entry, written, [str(d) for d in destinations], str(archived or "")
        )
        # The decision stands from here on: what fails now is logged, not raised.
        try:
            audit.append(
                self.work,
                "review.resolve",
                user,
                sha256=item.sha256,
                proposed={"department": item.department, "doctype": item.doctype},
                department=department,
                doctype=doctype,
                returned_by=item.returned_by,
                destinations=[str(d) for d in destinations],
            )
            audit.append_transfer(self.work, document, deliveries, user)
        except OSError as exc:
            log.error("audit.failed", doc_id=item.id, error=type(exc).__name__)
        text = tuple(page.full_text for page in document.pages)
        try:
            self._finish(item, decision_id, entry, text, None if department is None else archived)
        except OSError as exc:  # ``items`` finishes it later
            log.warning("review.finish_deferred", doc_id=item.id, error=type(exc).__name__)
        log.info(
            "review.resolved",
            doc_id=item.id,
            department=department,
            doctype=doctype,
            proposed=item.department,
            destinations=len(destinations),
        )
        return Resolution(item, department, doctype, destinations, user, now)

    def _deliver(
        self,
        document: Document,
        decision: Decision,
        corrected: Mapping[str, str],
        ctx: Context,
    ) -> tuple[Document, tuple[Delivery, ...]]:
        plan = _no_review(route.plan(document, decision, ctx.rules, corrected), decision)
        if plan.needs_full_text:  # a searchable PDF needs every word with its box
            document = replace(document, pages=without_images_of(document.source, ctx))
            plan = _no_review(route.plan(document, decision, ctx.rules, corrected), decision)
        deliveries = deliver.execute(plan, document, self.config.paths, ctx.gui, decision)
        if deliver.status_of(deliveries) != "delivered":
            failed = next((d.detail for d in deliveries if not d.ok), "")
            raise GuiError(
                f"the delivery did not finish: {failed}",
                "the document is back in review with the reason; check the DMS client",
            )
        return document, deliveries

    def _document(self, item: ReviewItem, corrected: Mapping[str, str], ctx: Context) -> Document:
        """The document as it went into review: its kept text, or the copy read anew."""
        sidecar = self._sidecar(item.file)
        kept = kepttext.kept(self.work, item.sha256)
        readings = {r.value for r in Reading}
        if kept is not None and len(kept.text) == item.pages and set(kept.reading) <= readings:
            blank = set(sidecar.get("blank_pages") or ())
            pages: tuple[Page, ...] = tuple(
                Page(
                    i, None, ctx.config.ocr.dpi, text=text, reading=Reading(read), blank=i in blank
                )
                for i, (text, read) in enumerate(zip(kept.text, kept.reading, strict=True))
            )
            fields = dict(kept.fields)
        else:
            from semantha.reading import extract

            pages = without_images_of(item.file, ctx)
            fields = dict(extract.extract_fields(pages))
        for name, value in corrected.items():
            if value:
                fields[name] = value
            else:
                fields.pop(name, None)
        return Document(
            item.sha256,
            item.file,
            _timestamp(sidecar.get("received_at"), item.queued_at),
            pages,
            frozen_map(fields),
            str(sidecar.get("source_folder") or ""),
            station=self.config.transfer.station,
        )

    def _finish(
        self,
        item: ReviewItem,
        decision_id: int,
        entry: DecisionEntry,
        text: tuple[str, ...],
        archive_to: Path | None,
    ) -> None:
        """After the journal recorded the decision: the labelled example, then the review
        copy into the archive (or away, when it was set aside), its sidecar and kept text
        removed. Repeatable."""
        examples.record(self.work, decision_id, examples.from_decision(entry, text))
        if archive_to is None:
            item.file.unlink(missing_ok=True)
        elif item.file.exists():
            move_file(item.file, archive_to)
        deliver.sidecar_path(item.file).unlink(missing_ok=True)
        if not any(other.sha256 == item.sha256 for other in self._scan()):
            kepttext.forget(self.work, item.sha256)  # no second copy of it waits

    def _finish_interrupted(self, item: ReviewItem, decision_id: int) -> None:
        """A resolution recorded whose review copy was not yet cleared (a crash)."""
        journal = Journal(journal_path(self.config))
        try:
            entry = journal.decision(decision_id)
            archive_to = None
            if entry.department is not None:
                day = archive_folder(self.config.paths.archive, datetime.now(UTC).date())
                archive_to = fsutil.unique_path(day / item.file.name)
            self._finish(item, decision_id, entry, self.text(item), archive_to)
        except OSError as exc:
            log.warning("review.finish_failed", doc_id=item.id, error=type(exc).__name__)
        finally:
            journal.close()

    # -- the folder -------------------------------------------------------------------------

    def _scan(self) -> Iterator[ReviewItem]:
        if not self.root.is_dir():
            return
        for folder, dirs, files in os.walk(self.root):
            here = Path(folder)
            dirs[:] = [d for d in dirs if not d.startswith(".") and not (here / d).is_symlink()]
            names = set(files)
            for name in files:
                file = here / name
                if name.startswith(".") or name.endswith(".json") or file.is_symlink():
                    continue
                if f"{name}.json" not in names:
                    continue  # its sidecar is being written
                item = self._item(file)
                if item is not None:
                    yield item

    def _item(self, file: Path) -> ReviewItem | None:
        try:
            data = self._sidecar(file)
            sha256 = str(data["sha256"])
            if not kepttext.SHA256.match(sha256):
                raise ValueError("sha256")
            trace = data.get("trace") or {}
            return ReviewItem(
                id=sha256[:ID_LENGTH],
                file=file,
                sha256=sha256,
                department=_label(data.get("department")),
                doctype=_label(data.get("doctype")),
                confidence=float(data.get("confidence") or 0.0),
                reason=str(data.get("review_reason") or ""),
                suggestions={
                    "department": _suggestions(trace.get("department_top3")),
                    "doctype": _suggestions(trace.get("doctype_top3")),
                },
                returned_by=_label(data.get("returned_by")),
                queued_at=_timestamp(data.get("delivered_at"), _mtime(file)),
                fields=frozen_map({str(k): str(v) for k, v in (data.get("fields") or {}).items()}),
                pages=int(data.get("pages") or 0),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            log.warning("review.sidecar_unreadable", file=file.name)
            return None

    @staticmethod
    def _sidecar(file: Path) -> dict[str, Any]:
        data = json.loads(deliver.sidecar_path(file).read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("a sidecar is a JSON object")
        return data

    def _in_review(self, key: str) -> Path:
        """``key`` as a path inside the review folder; InputError for any other path."""
        given = PurePath(key)
        if ".." in given.parts:
            raise InputError(f"{key!r} leaves the review folder", "give a path inside it")
        path = (Path(given) if given.is_absolute() else self.root / given).resolve()
        if not path.is_relative_to(self.root):
            raise InputError(
                f"{key!r} is not in the review folder {self.root}",
                "give the review id, the sha256 or a file in the review folder",
            )
        return path

    # -- claims ---------------------------------------------------------------------------------

    def _resolved_claims(self, sha256_prefix: str = "") -> list[Claim]:
        path = journal_path(self.config)
        if not path.exists():
            return []
        journal = Journal(path, readonly=True)
        try:
            return journal.resolved_claims(sha256_prefix)
        except sqlite3.OperationalError:  # a journal from before claims were kept
            return []
        finally:
            journal.close()

    def _raise_if_resolved(self, key: str) -> None:
        claims = self._resolved_claims(key.lower()) if HEX.match(key) else []
        if not claims and not HEX.match(key):
            with contextlib.suppress(InputError):
                path = self._in_review(key)
                claims = [c for c in self._resolved_claims() if self._claimed_file(c) == path]
        if claims:
            raise already_resolved(claims[0].sha256[:ID_LENGTH], claims[0])

    def _claimed_file(self, claim: Claim) -> Path:
        return self.root / str(json.loads(claim.key)[1])


def claim_key(item: ReviewItem, root: Path) -> str:
    """One key per stay in review: the same copy back in review later is a new item."""
    relative = item.file.relative_to(root).as_posix()
    return json.dumps([item.sha256, relative, item.queued_at.isoformat()])


def checked_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """A person's field corrections, checked: plain names, a date as YYYY-MM-DD."""
    checked: dict[str, str] = {}
    for name, value in fields.items():
        if not FIELD_NAME.match(name):
            raise InputError(
                f"field name {name!r} is not a plain name",
                "use lower-case letters, digits and '_', e.g. aktenzeichen, date, subject",
            )
        value = clean_text(value)
        if len(value) > MAX_FIELD_LENGTH:
            raise InputError(f"field {name} is longer than {MAX_FIELD_LENGTH} characters", "")
        if name == "date" and value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise InputError(
                    f"date {value!r} is not a date", "write it as YYYY-MM-DD, e.g. 2025-11-12"
                ) from None
        checked[name] = value
    return checked


def without_images_of(file: Path, ctx: Context) -> tuple[Page, ...]:
    """Every page of ``file`` read in full, through the pipeline's reading."""
    # Imported here: reading loads OpenCV and the OCR engine, which listing never needs.
    from semantha.pipeline import read_pages, without_images

    document = Document("", file, datetime.now(UTC), read_pages(file, ctx))
    return without_images(document).pages


def _no_review(plan: Plan, decision: Decision) -> Plan:
    """The plan, unless it would send a person's decision back to review (a loop)."""
    if not plan.actions or any(a.kind == "review" for a in plan.actions):
        raise DocumentError(
            f"the routes send a person's decision (office {decision.department}, "
            f"{decision.doctype or 'no type'}) back to review (route {plan.route_id})",
            "choose another office, or give rules/routes.yaml a route for it "
            "(`when: {method: human}` matches people's decisions)",
        )
    return plan


def _check_choice(department: str | None, doctype: str | None, rules: RuleSet) -> None:
    if department is not None and department not in rules.department_ids:
        raise InputError(
            f"unknown department {department!r}",
            f"choose one of {', '.join(rules.department_ids)} (rules/departments.yaml) or none",
        )
    if doctype is not None and doctype not in rules.doctypes:
        raise InputError(
            f"unknown document type {doctype!r}",
            f"choose one of {', '.join(rules.doctypes)} (rules/departments.yaml)",
        )


def already_resolved(review_id: str, claim: Claim) -> AlreadyResolved:
    at = datetime.fromtimestamp(claim.claimed_at, UTC).isoformat(timespec="seconds")
    if claim.decision is None:
        return AlreadyResolved(
            f"document {review_id} is being resolved by {claim.user} (since {at})",
            "leave it to them; `semantha review list` shows what is still waiting",
        )
    return AlreadyResolved(
        f"document {review_id} was already resolved by {claim.user} ({at})",
        "`semantha review list` shows what is still waiting",
    )


def _label(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _suggestions(scores: object) -> tuple[Score, ...]:
    if not isinstance(scores, list):
        return ()
    return tuple(Score(str(s["label"]), float(s["probability"])) for s in scores[:3])


def _timestamp(value: object, fallback: datetime) -> datetime:
    try:
        stamp = datetime.fromisoformat(str(value))
    except ValueError:
        return fallback
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _mtime(file: Path) -> datetime:
    return datetime.fromtimestamp(file.stat().st_mtime, UTC)
