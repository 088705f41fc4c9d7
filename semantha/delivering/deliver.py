"""Carry out a routing plan: DMS folder + sidecar, review queue, GUI scripts, notifications.

The original scan is the only copy, so every write is atomic (``fsutil``) and nothing
here removes the original: the service archives it once the deliveries are recorded.
Delivering the same bytes to the same place twice is detected by sha256 and reported
as "already delivered", which makes retries after a crash safe.

Files written (``brief.pdf`` stands for the original's name):

- ``<dms_root>/<target>/brief.pdf`` + ``brief.pdf.json``: schema, file, source_file,
  source_folder, sha256, pages, blank_pages, department, doctype, confidence,
  doctype_confidence, method, route_id, action, fields, trace_id, trace (reason, rule
  hits, department/doctype top 3, thresholds), received_at, delivered_at. With
  ``searchable_pdf`` the file is ``brief.pdf`` built by ``semantha.delivering.searchable`` (the scan
  under an invisible layer of its OCR words) for any scan format; ``sha256`` stays the
  original scan's, the document's id. A PDF's active content (JavaScript, automatic
  actions, embedded files, ...) is removed from the delivered copy (``activecontent``),
  and the sidecar lists what in active_content_removed. The file and its sidecar are
  written as a pair: both or neither.
  A person's decision (method "human") adds decided_by.
- ``<review>/[<target>/]brief.pdf`` + ``brief.pdf.json``: the same plus review_reason and
  returned_by (the office that sent the document back, or null); the recognised text is
  kept in ``<work>/examples/pending/`` (``kepttext``) for the person who decides.
- ``set_aside``: a copy + sidecar in a folder the caller chose (a document "for no office",
  archived as such).
- ``<quarantine>/brief.pdf`` + ``brief.pdf.error.json``: error, exit_code, message,
  hint (what to do), sha256, original, quarantined_at, timings.
- ``<work>/notifications/<channel>.jsonl``: one line per document (time, doc_id,
  department, doctype, route, channel, message); at least once -- a document retried
  after a crash may appear twice, readers key on doc_id.

A name already taken by different bytes gets `` (2)``, `` (3)``, ... A name too long
for the file system with its companion's ending is shortened (``fsutil.short_name``):
its beginning, a short hash of the whole name and the extension.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import IO, Any, Protocol

import structlog

from semantha import fsutil
from semantha.cleantext import clean_values
from semantha.config import Paths
from semantha.delivering import kepttext, transfer
from semantha.errors import DeliveryError, DocumentError, GuiError
from semantha.filekind import sniff
from semantha.records import (
    PDFA,
    SEARCHABLE_PDF,
    Action,
    Decision,
    Delivery,
    Document,
    Outcome,
    Plan,
    Score,
    Status,
    Trace,
)

log = structlog.get_logger(__name__)

SIDECAR_SCHEMA = 1
# A written file's name leaves room for its companion's ending (sidecar_path, error_path).
COMPANION_ROOM = len(".error.json")
NOTIFY_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


class GuiOutcome(Protocol):
    """What a GUI script run reports (``semantha.delivering.gui.GuiResult``)."""

    @property
    def ok(self) -> bool: ...

    @property
    def detail(self) -> str: ...


class GuiPlayer(Protocol):
    """What ``deliver`` needs from ``gui.GuiRunner``: play one named script with values."""

    def run(self, script: str, values: Mapping[str, str]) -> GuiOutcome: ...


def sidecar_path(file: Path) -> Path:
    """The index file next to a delivered file: ``brief.pdf`` -> ``brief.pdf.json``."""
    return file.with_name(file.name + ".json")


def error_path(file: Path) -> Path:
    """The explanation next to a quarantined file: ``brief.pdf`` -> ``brief.pdf.error.json``."""
    return file.with_name(file.name + ".error.json")


def execute(
    plan: Plan,
    document: Document,
    paths: Paths,
    gui: GuiPlayer | None,
    decision: Decision,
) -> tuple[Delivery, ...]:
    """Run the plan's actions in order; DeliveryError when a target is unusable (retry)."""
    if not plan.actions:
        return to_review(document, decision, paths, f"route {plan.route_id!r} has no actions")
    done: list[Delivery] = []
    for action in plan.actions:
        if action.kind in ("deliver", "copy"):
            done.append(_to_dms(action, plan, document, decision, paths))
        elif action.kind == "review":
            reason = action.params.get("reason") or decision.trace.reason or "route asks for review"
            done.append(_review(action, document, decision, paths, reason, plan.route_id))
        elif action.kind == "notify":
            done.append(_notify(action, plan, document, decision, paths))
        else:
            try:
                done.append(_gui(action, gui))
            except GuiError as exc:
                # The document is not in the DMS as intended: a person takes over.
                log.warning("delivery.gui_failed", doc_id=document.id[:12], script=action.target)
                done.append(Delivery(action, False, str(exc)))
                reason = f"GUI script {action.target!r} failed: {exc}"
                done.extend(to_review(document, decision, paths, reason, plan.route_id))
                break
    return tuple(done)


def to_review(
    document: Document,
    decision: Decision,
    paths: Paths,
    reason: str,
    route_id: str = "",
    returned_by: str | None = None,
) -> tuple[Delivery, ...]:
    """Put the original into the review queue with a sidecar that says why;
    ``returned_by`` is the office that sent the document back."""
    action = Action("review", "", {"reason": reason})
    return (_review(action, document, decision, paths, reason, route_id, returned_by),)


def set_aside(document: Document, decision: Decision, folder: Path) -> Delivery:
    """Copy the document with its sidecar into ``folder`` (chosen by the caller, never
    by a route): a document for no office, archived as such."""
    folder = _ensure_folder(folder, folder, "folder")
    dest, already = _copy_pair(
        document,
        folder / document.source.name,
        lambda d: _sidecar(document, decision, "", "archive", d),
    )
    return _delivered(Action("copy", str(folder)), document, dest, already, document.id)


def quarantine(
    path: Path,
    doc_id: str,
    error: DocumentError,
    paths: Paths,
    timings: Mapping[str, float],
) -> Outcome:
    """Copy an unreadable file into quarantine next to ``<name>.error.json`` (what to do)."""
    folder = _ensure_folder(paths.quarantine, paths.quarantine, "quarantine folder")
    dest, _ = _copy_once(path, folder / path.name, doc_id, "copy the file into quarantine")
    _write_error_report(error_path(dest), dest.name, str(path), doc_id, error, timings)
    log.warning("document.quarantined", doc_id=doc_id[:12], error=type(error).__name__)
    return Outcome(
        doc_id,
        path,
        "quarantined",
        error=str(error),
        timings=dict(timings),
        error_class=type(error).__name__,
    )


def explain_quarantined(name: str, doc_id: str, error: DocumentError, paths: Paths) -> Path:
    """Only the ``<name>.error.json`` in quarantine, for a document whose file is gone:
    the reason waits where the operator looks for quarantined documents."""
    folder = _ensure_folder(paths.quarantine, paths.quarantine, "quarantine folder")
    report = fsutil.unique_path(error_path(folder / fsutil.short_name(name, COMPANION_ROOM)))
    _write_error_report(report, None, name, doc_id, error, {})
    return report


def withdraw(dest: Path, written: set[str]) -> None:
    """Remove a file written for a partial scan (its sha256 is in ``written``) with the
    file beside it; a file holding other bytes is left alone."""
    try:
        if not dest.is_file() or fsutil.file_sha256(dest) not in written:
            return
        for companion in (sidecar_path(dest), error_path(dest)):
            companion.unlink(missing_ok=True)
        dest.unlink()
    except OSError as exc:
        raise _delivery_error(exc, "remove the partial copy", dest) from exc


def status_of(deliveries: tuple[Delivery, ...]) -> Status:
    """Delivered only when every action succeeded and none of them was a review."""
    if deliveries and all(d.ok and d.action.kind != "review" for d in deliveries):
        return "delivered"
    return "review"


# --- actions -------------------------------------------------------------------------


def _to_dms(
    action: Action, plan: Plan, document: Document, decision: Decision, paths: Paths
) -> Delivery:
    if not action.target.strip():
        raise DeliveryError(
            f"route {plan.route_id!r} has a {action.kind} action without a target",
            "give the action a folder below dms_root in rules/routes.yaml",
        )
    root = _existing_root(paths.dms_root)
    target = _confined(root, action.target)
    searchable = action.params.get(SEARCHABLE_PDF) == "true"
    delivered = document.source.with_suffix(".pdf") if searchable else document.source
    if _names_file(target, delivered):
        folder, name = target.parent, target.name
    else:
        folder, name = target, delivered.name
    folder = _ensure_folder(folder, root, "DMS import folder")
    made, removed = _made_pdf(action, document, decision, searchable)
    written = document.id if made is None else hashlib.sha256(made).hexdigest()

    def sidecar_for(dest: Path) -> dict[str, Any]:
        sidecar = _sidecar(document, decision, plan.route_id, action.kind, dest)
        if removed:
            sidecar["active_content_removed"] = list(removed)
        sidecar["transfer"] = transfer.delivered(document, dest, written, action)
        return sidecar

    if made is None:
        dest, already = _copy_pair(document, folder / name, sidecar_for)
    else:
        dest, already = _deliver_pair(
            lambda handle: handle.write(made),
            folder / name,
            lambda existing: _holds(existing, made),
            sidecar_for,
            "write the PDF",
        )
    return _delivered(action, document, dest, already, written)


def _made_pdf(
    action: Action, document: Document, decision: Decision, searchable: bool
) -> tuple[bytes | None, tuple[str, ...]]:
    """The PDF to deliver instead of the original, if any, and the active content
    removed from it: the searchable PDF (made anew from the page images, so it has
    none; PDF/A-2b with ``pdfa``), the original PDF without its active content, or None
    for the original."""
    # Imported here: img2pdf and pikepdf add 0.1 s to every start-up that needs neither.
    if searchable:
        from semantha.delivering.searchable import searchable_pdf

        pdf = searchable_pdf(document.source, document.pages)
        if action.params.get(PDFA) == "true":
            from semantha.delivering.pdfa import archival

            pdf = archival(pdf, document, decision)
        return pdf, ()
    if sniff(document.source) != "pdf":
        return None, ()
    from semantha.delivering.activecontent import without_active_content

    cleaned = without_active_content(document.source)
    if cleaned is None:
        return None, ()
    log.warning("delivery.active_content_removed", doc_id=document.id[:12], removed=cleaned[1])
    return cleaned


def _review(
    action: Action,
    document: Document,
    decision: Decision,
    paths: Paths,
    reason: str,
    route_id: str,
    returned_by: str | None = None,
) -> Delivery:
    # The review queue is local and must always take a document, so it is created.
    _guarded(lambda: paths.review.mkdir(parents=True, exist_ok=True), paths.review, "create it")
    root = paths.review.resolve()
    folder = _ensure_folder(_confined(root, action.target), root, "review folder")
    source = document.source
    dest, already = _copy_once(source, folder / source.name, document.id, "copy the document")
    # The text first: a review copy listed without it would be read again by OCR.
    _guarded(lambda: kepttext.keep(paths.work, document), paths.work, "keep the text")
    sidecar = _sidecar(document, decision, route_id, "review", dest)
    sidecar["review_reason"] = reason
    sidecar["returned_by"] = returned_by
    _write_sidecar(dest, sidecar)  # always: the newest reason is what the reviewer needs
    return replace(_delivered(action, document, dest, already, document.id), detail=reason)


def _write_error_report(
    report: Path,
    file: str | None,
    original: str,
    doc_id: str,
    error: DocumentError,
    timings: Mapping[str, float],
) -> None:
    content = {
        "schema": SIDECAR_SCHEMA,
        "file": file,
        "original": original,
        "sha256": doc_id,
        "error": type(error).__name__,
        "exit_code": error.exit_code,
        "message": error.message,
        "hint": error.hint,
        "quarantined_at": _now(),
        "timings": dict(timings),
    }
    _guarded(lambda: fsutil.atomic_write_bytes(report, _json(content)), report, "write error.json")


def _write_sidecar(dest: Path, sidecar: dict[str, Any]) -> None:
    index = sidecar_path(dest)
    _guarded(lambda: fsutil.atomic_write_bytes(index, _json(sidecar)), index, "write the sidecar")


def _json(report: dict[str, Any]) -> bytes:
    """A sidecar's bytes: values read from a scan lose control and bidi characters
    (``cleantext``), as file names do, so no DMS import or viewer is misled by them."""
    text = json.dumps(clean_values(report), ensure_ascii=False, indent=2, default=str)
    return (text + "\n").encode("utf-8")


def _delivered(
    action: Action, document: Document, dest: Path, already: bool, written: str
) -> Delivery:
    log.info("delivery.written", doc_id=document.id[:12], kind=action.kind, already=already)
    log.debug("delivery.destination", doc_id=document.id[:12], destination=str(dest))
    detail = "already delivered" if already else "delivered"
    return Delivery(action, True, detail, dest, written)


def _notify(
    action: Action, plan: Plan, document: Document, decision: Decision, paths: Paths
) -> Delivery:
    if not NOTIFY_NAME.match(action.target):
        raise DeliveryError(
            f"notification channel {action.target!r} is not a plain name",
            "use letters, digits, '.', '_' or '-' for notify targets in rules/routes.yaml",
        )
    folder = paths.work / "notifications"
    _guarded(lambda: folder.mkdir(parents=True, exist_ok=True), folder, "create the folder")
    line = {
        "time": _now(),
        "doc_id": document.id,
        "department": decision.department,
        "doctype": decision.doctype,
        "route": plan.route_id,
        "channel": action.target,
        # Only what the administrator's template in routes.yaml puts there; no OCR text.
        "message": action.params.get("message", ""),
    }
    dest = folder / f"{action.target}.jsonl"
    _guarded(
        lambda: _append_line(dest, json.dumps(line, ensure_ascii=False) + "\n"),
        dest,
        "append the notification",
    )
    log.info("delivery.notified", doc_id=document.id[:12], channel=action.target)
    return Delivery(action, True, "notified", dest)


def _gui(action: Action, gui: GuiPlayer | None) -> Delivery:
    if gui is None:
        raise DeliveryError(
            f"route wants GUI script {action.target!r} but no GUI runner is available",
            "run the service with a display (DISPLAY) or drop the gui action from the route",
        )
    result = gui.run(action.target, action.params)
    if not result.ok:
        raise GuiError(
            f"GUI script {action.target!r} reported failure: {result.detail}",
            "check the DMS client and the script in rules/gui.yaml",
        )
    return Delivery(action, True, result.detail or f"GUI script {action.target} finished")


# --- sidecar -------------------------------------------------------------------------


def _sidecar(
    document: Document, decision: Decision, route_id: str, kind: str, dest: Path
) -> dict[str, Any]:
    sidecar: dict[str, Any] = {
        "schema": SIDECAR_SCHEMA,
        "file": dest.name,
        "source_file": document.source.name,
        "source_folder": document.source_folder,
        "sha256": document.id,
        "pages": len(document.pages),
        "blank_pages": [p.index for p in document.pages if p.blank],
        "department": decision.department,
        "doctype": decision.doctype,
        "confidence": round(decision.confidence, 4),
        "doctype_confidence": round(decision.doctype_confidence, 4),
        "method": decision.method,
        "route_id": route_id,
        "action": kind,
        "fields": dict(document.fields),
        "trace_id": trace_id(document),
        "trace": _trace_summary(decision.trace),
        "received_at": document.received_at.isoformat(),
        "delivered_at": _now(),
    }
    if decision.method == "human":
        sidecar["decided_by"] = decision.decided_by
    if document.stack is not None:
        sidecar["stack_sha256"] = document.stack.stack_sha256
        sidecar["stack_pages"] = [document.stack.first, document.stack.last]
    return sidecar


def trace_id(document: Document) -> str:
    """Ties a sidecar to the ``document.processed`` log event: short sha + receive time."""
    return f"{document.id[:12]}-{document.received_at.strftime('%Y%m%dT%H%M%S')}"


def _trace_summary(trace: Trace) -> dict[str, Any]:
    def top3(scores: tuple[Score, ...]) -> list[dict[str, Any]]:
        best = sorted(scores, key=lambda s: s.probability, reverse=True)[:3]
        return [{"label": s.label, "probability": round(s.probability, 4)} for s in best]

    return {
        "reason": trace.reason,
        "rule_hits": [
            {"rule_id": h.rule_id, "facet": h.facet, "label": h.label, "reason": h.reason}
            for h in trace.rule_hits
        ],
        "department_top3": top3(trace.department_scores),
        "doctype_top3": top3(trace.doctype_scores),
        "min_confidence": trace.min_confidence,
        "min_margin": trace.min_margin,
    }


# --- file system -------------------------------------------------------------------


def _existing_root(root: Path) -> Path:
    # A missing root usually means an unmounted share: creating it would fill the local disk.
    if not root.is_dir():
        raise DeliveryError(
            f"target root {root} does not exist or is not a folder",
            "mount the share or create the folder (see `semantha check`); the document is retried",
        )
    return root.resolve()


def _confined(root: Path, target: str) -> Path:
    """``root / target``, refusing anything that would land outside ``root``."""
    relative = PurePath(target)
    if relative.is_absolute() or ".." in relative.parts or "\\" in target:
        raise DeliveryError(
            f"route target {target!r} leaves the target folder",
            "use a relative path without '..' in rules/routes.yaml",
        )
    resolved = (root / relative).resolve()
    if not resolved.is_relative_to(root):  # e.g. a symlink inside root pointing elsewhere
        raise DeliveryError(
            f"route target {target!r} resolves outside {root}",
            "remove the symbolic link below the target folder or change the route",
        )
    return resolved


def _names_file(target: Path, source: Path) -> bool:
    """A target ending in the original's extension names the file; otherwise a folder."""
    return bool(source.suffix) and target.suffix.lower() == source.suffix.lower()


def _ensure_folder(folder: Path, root: Path, what: str) -> Path:
    _guarded(lambda: folder.mkdir(parents=True, exist_ok=True), folder, f"create the {what}")
    if not folder.resolve().is_relative_to(root.resolve()):
        raise DeliveryError(f"{what} {folder} lies outside {root}", "check symbolic links")
    return folder


def _copy_once(source: Path, wanted: Path, sha256: str, what: str) -> tuple[Path, bool]:
    """Copy ``source`` to ``wanted`` or the first free ``wanted (n)``; never overwrite.

    Returns (path, True) without copying when identical bytes are already there.
    """
    for candidate in _candidates(wanted):
        if candidate.exists():
            if candidate.is_file() and _same_content(candidate, source, sha256):
                return candidate, True
            continue
        try:
            fsutil.atomic_copy(source, candidate, exclusive=True)
        except FileExistsError:
            # Another worker took this name a moment ago: it may hold the same bytes.
            if candidate.is_file() and _same_content(candidate, source, sha256):
                return candidate, True
            continue
        except OSError as exc:
            raise _delivery_error(exc, what, candidate) from exc
        return candidate, False
    raise AssertionError("unreachable: _candidates is endless")


def _copy_pair(
    document: Document, wanted: Path, sidecar_for: Callable[[Path], dict[str, Any]]
) -> tuple[Path, bool]:
    """The original and its sidecar as a pair (``_deliver_pair``); its mtime is kept."""
    source = document.source

    def copy(handle: IO[bytes]) -> None:
        with source.open("rb") as original:
            shutil.copyfileobj(original, handle, 1 << 20)

    return _deliver_pair(
        copy,
        wanted,
        lambda existing: _same_content(existing, source, document.id),
        sidecar_for,
        "copy the document",
        mtime_from=source,
    )


def _deliver_pair(
    write: Callable[[IO[bytes]], object],
    wanted: Path,
    same: Callable[[Path], bool],
    sidecar_for: Callable[[Path], dict[str, Any]],
    what: str,
    mtime_from: Path | None = None,
) -> tuple[Path, bool]:
    """Deliver a document and its sidecar together to ``wanted`` or the first free
    ``wanted (n)``; never overwrite. Returns (path, True) when identical bytes are there.

    Both are written under temporary names in the target folder and fsynced before
    either gets its name, so a full or failing share leaves neither behind: the
    document is named first (which claims the name), then its sidecar; if the sidecar
    cannot be named, the document is removed again. A document found already
    delivered without its sidecar (a crash between the two renames) gets it now.
    """
    try:
        document = fsutil.staged(wanted.parent, write)
        if mtime_from is not None:
            shutil.copystat(mtime_from, document)
    except OSError as exc:
        raise _delivery_error(exc, what, wanted) from exc
    try:
        for candidate in _candidates(wanted):
            if not candidate.exists() and _name_pair(document, candidate, sidecar_for(candidate)):
                return candidate, False
            if candidate.is_file() and same(candidate):
                # An index the DMS may already have imported is left alone.
                if not sidecar_path(candidate).exists():
                    _write_sidecar(candidate, sidecar_for(candidate))
                return candidate, True
        raise AssertionError("unreachable: _candidates is endless")
    finally:
        document.unlink(missing_ok=True)


def _name_pair(document: Path, dest: Path, sidecar: dict[str, Any]) -> bool:
    """Give the staged ``document`` the name ``dest`` and its sidecar beside it; False
    when another worker took ``dest`` first. DeliveryError with nothing left behind."""
    index = sidecar_path(dest)
    try:
        staged_index = fsutil.staged(dest.parent, lambda handle: handle.write(_json(sidecar)))
    except OSError as exc:
        raise _delivery_error(exc, "write the sidecar", index) from exc
    try:
        try:
            fsutil.link_new(document, dest)
        except FileExistsError:
            return False
        try:
            staged_index.replace(index)
        except OSError:
            dest.unlink(missing_ok=True)  # no document in the DMS without its index
            raise
    except OSError as exc:
        raise _delivery_error(exc, "deliver the document with its sidecar", dest) from exc
    finally:
        staged_index.unlink(missing_ok=True)
    fsutil.fsync_dir(dest.parent)
    return True


def _holds(existing: Path, data: bytes) -> bool:
    try:
        return existing.stat().st_size == len(data) and existing.read_bytes() == data
    except OSError:
        return False


def _candidates(wanted: Path) -> Iterator[Path]:
    """``wanted``, then ``wanted (2)``, ...; each short enough for its companion file."""
    yield wanted.with_name(fsutil.short_name(wanted.name, COMPANION_ROOM))
    n = 2
    while True:
        name = f"{wanted.stem} ({n}){wanted.suffix}"
        yield wanted.with_name(fsutil.short_name(name, COMPANION_ROOM))
        n += 1


def _same_content(existing: Path, source: Path, sha256: str) -> bool:
    try:
        if existing.stat().st_size != source.stat().st_size:
            return False
        return fsutil.file_sha256(existing) == sha256
    except OSError:
        return False


def _append_line(path: Path, line: str) -> None:
    # O_APPEND makes one write() of a short line land whole, even with several workers.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def _guarded(step: Callable[[], object], where: Path, what: str) -> None:
    """Run a file-system step; OSError becomes a DeliveryError with a hint (retryable)."""
    try:
        step()
    except OSError as exc:
        raise _delivery_error(exc, what, where) from exc


def _delivery_error(exc: OSError, what: str, where: Path) -> DeliveryError:
    return DeliveryError(f"could not {what} at {where}: {exc.strerror or exc}", _hint(exc))


def _hint(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "free disk space on the target; the document is retried"
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return "give the service account write permission on the target; the document is retried"
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return "a file is in the way of the target folder path; move it away"
    if isinstance(exc, FileNotFoundError):
        return "the original or the target folder vanished; check the share and the inbox"
    return "check the target folder; the document is retried"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
