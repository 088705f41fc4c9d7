"""The service: watch the inbox, journal every document, process it in workers.

Life of one file (the original is never without a durable record):

    inbox/a.pdf ─ ready ──> journal row "received" (original: inbox)
                ─ move ───> work/inflight/<id>/a.pdf (original: work); the pipeline reads it
                ─ worker ─> delivered | review | quarantined, recorded in the journal
                ─ then ───> delivered: original moved to archive/<date>/ (may be shredded)
                            review/quarantined: original removed, that copy is complete

A crash at any arrow is repaired at start-up (``resume``): an interrupted move is
finished, a document that was being processed is processed again (delivery
recognises bytes it already delivered by sha256, so nothing lands twice), and an
outcome that was recorded but whose original was not yet archived is archived.

Files an office drops into ``paths.returns`` take the same way (``service.returns``),
into review with the office that returned them.
"""

from __future__ import annotations

import contextlib
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from types import FrameType

import structlog

from semantha import fsutil
from semantha.config import AppConfig
from semantha.delivering import kepttext
from semantha.errors import DocumentError, InputError
from semantha.service import examples, journal, returns
from semantha.service.autolearn import AutoLearner
from semantha.service.executor import Executor, Job, JobResult, ProcessExecutor
from semantha.service.files import archive_folder, instance_lock, move_file, purge_archive
from semantha.service.journal import Failure, Journal, State, journal_path
from semantha.service.returns import ReturnsIntake
from semantha.service.watch import InboxWatcher, ReadyFile, check_layout
from semantha.service.worker import worker_run, worker_setup

log = structlog.get_logger(__name__)

INFLIGHT = "inflight"
MAX_BACKOFF_S = 3600.0
# Failures that count toward ``processing_attempts`` and end in quarantine; a failed
# delivery counts toward ``delivery_attempts`` and ends in review.
WORKER_FAILURES = frozenset({Failure.CRASHED, Failure.TIMEOUT})
INTAKE_PER_ROUND = 50  # keep collecting results while a flood of files arrives


@dataclass
class RunSummary:
    """What one run recorded, for ``run --once``'s summary line."""

    counts: dict[State, int] = field(default_factory=dict)
    waiting: int = 0

    def add(self, state: State) -> None:
        self.counts[state] = self.counts.get(state, 0) + 1

    @property
    def total(self) -> int:
        return sum(v for k, v in self.counts.items() if k in journal.FINAL_STATES)


class Service:
    """The run loop. Everything it touches is injected, so tests can drive it step by step."""

    def __init__(
        self,
        config: AppConfig,
        executor: Executor,
        journal_db: Journal,
        watcher: InboxWatcher,
        clock: Callable[[], float] = time.time,
        returns: InboxWatcher | None = None,
        learner: AutoLearner | None = None,
    ) -> None:
        self.config = config
        self.settings = config.service
        self.executor = executor
        self.journal = journal_db
        self.watcher = watcher
        self.clock = clock
        self.returns = (
            None
            if returns is None
            else ReturnsIntake(
                returns, journal_db, config.paths.work, config.paths.work / INFLIGHT, clock
            )
        )
        self.learner = learner
        self._once = False
        self.summary = RunSummary()
        self._stop = threading.Event()
        self._purged_on: date | None = None
        self._backlog: list[ReadyFile] = []  # ready, not yet taken in (a flood arrives)
        self._ignored: dict[str, dict[str, str]] = {}  # what the journal lists, per folder

    def stop(self) -> None:
        """Ask the loop to stop after this round (safe from a signal handler)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    # -- start-up ----------------------------------------------------------------------

    def prepare(self) -> None:
        """Check the folders, finish what a crash interrupted, purge old archive days."""
        paths = self.config.paths
        for folder in (paths.inbox, paths.work, paths.review, paths.quarantine, paths.archive):
            folder.mkdir(parents=True, exist_ok=True)
        if paths.returns is not None:
            paths.returns.mkdir(parents=True, exist_ok=True)
        if not paths.dms_root.is_dir():
            # Usually an unmounted share; creating it here would fill the local disk.
            # Documents wait in work/ and are retried (`semantha check` creates it).
            log.warning("service.target_missing", folder="dms_root")
        check_layout(paths)
        self.resume()
        self.housekeeping()

    def resume(self) -> None:
        for entry in self.journal.with_original("inbox"):
            if self.returns is not None and self.journal.returned(entry.id) is not None:
                self._finish_intake(entry, self.returns.folder / entry.source)
            else:
                self._finish_intake(entry, self.watcher.inbox / entry.source)
        for entry in self.journal.in_state(State.PROCESSING):
            log.info("document.resumed", doc=entry.id)
            self.journal.requeue(entry.id)
        for entry in self.journal.with_original("work"):
            if entry.state in journal.FINAL_STATES:
                self._release_original(entry)
        # A restart usually follows a repair (share mounted again): retry at once.
        if waiting := self.journal.retry_all_now():
            log.info("service.retrying_now", documents=waiting)

    def _finish_intake(self, entry: journal.Entry, source: Path) -> None:
        work = Path(entry.work_path)
        if source.exists() and not work.exists():
            move_file(source, work)
        elif source.exists() and work.exists():
            source.unlink()  # the copy to work/ completed before the crash
        if work.exists():
            if self.journal.returned(entry.id) is not None:
                self.journal.take_return(entry.id)
            else:
                self.journal.set_original(entry.id, "work")
            return
        log.error("document.original_missing", doc=entry.id)
        self.journal.finish(
            entry.id,
            journal.Result(State.QUARANTINED, error="the original vanished before intake finished"),
        )
        self.journal.set_original(entry.id, "removed")

    def housekeeping(self) -> None:
        today = datetime.now(UTC).date()
        if self._purged_on == today:
            return
        removed = purge_archive(
            self.config.paths.archive, self.settings.archive_retention_days, today
        )
        texts = examples.purge(self.config.paths.work, self.config.review.text_retention_days)
        self._purged_on = today
        if removed:
            log.info("archive.purged", days=removed)
        if texts:
            log.info("examples.purged", files=texts)

    # -- the loop ------------------------------------------------------------------------

    def run(self, once: bool = False) -> RunSummary:
        """Run until stopped (or, with ``once``, until the inbox and the queue are empty)."""
        self._once = once  # learning on its own is for a service that keeps running
        with instance_lock(self.config.paths.work), self._metrics_served():
            self.prepare()
            try:
                self.executor.start()
                if not once:
                    self.watcher.start()
                    if self.returns is not None:
                        self.returns.watcher.start()
                log.info("service.started", workers=self.settings.workers, once=once)
                while not self._stop.is_set():
                    self.step(self.settings.poll_interval_s)
                    if once and self.idle():
                        break
            finally:
                self.watcher.stop()
                if self.returns is not None:
                    self.returns.watcher.stop()
                self._shutdown()
        self.summary.waiting = self.journal.summary().queue_depth
        log.info("service.stopped", **self.summary.counts, waiting=self.summary.waiting)
        return self.summary

    def _metrics_served(self) -> contextlib.AbstractContextManager[None]:
        """Metrics over HTTP from this process only: workers count nothing."""
        if not self.settings.metrics_port:
            return contextlib.nullcontext()
        from semantha.service import metrics  # prometheus_client takes ~0.1 s to import

        return metrics.serving(self.config)

    def step(self, wait_s: float) -> None:
        """One round: take ready files in, hand due documents to workers, record results."""
        self._backlog.extend(self.watcher.poll())
        batch, self._backlog = self._backlog[:INTAKE_PER_ROUND], self._backlog[INTAKE_PER_ROUND:]
        for candidate in batch:
            self.intake(candidate)
        if self.returns is not None:
            self.returns.take()
        self._note_ignored()
        self.dispatch()
        for result in self.executor.collect(0.0 if self._backlog else wait_s):
            self.record(result)
        self.housekeeping()
        if self.learner is not None and not self._once:
            self.learner.poll()

    def _note_ignored(self) -> None:
        """Symlinks and FIFOs in the inbox (or returns) into the journal, for ``status``."""
        watchers = {"inbox": self.watcher}
        if self.returns is not None:
            watchers["returns"] = self.returns.watcher
        for folder, watcher in watchers.items():
            special = watcher.special
            if self._ignored.get(folder) != special:
                self.journal.set_ignored(folder, special, self.clock())
                self._ignored[folder] = special

    def idle(self) -> bool:
        """Nothing in the inbox, nothing new, nothing running (``run --once`` stops here).

        Documents waiting for a delivery retry stay safe in work/ for the next run."""
        if self.watcher.pending or self._backlog or self.executor.running():
            return False
        if self.returns is not None and self.returns.watcher.pending:
            return False
        return self.journal.active() == 0

    # -- intake ----------------------------------------------------------------------------

    def intake(self, candidate: ReadyFile) -> None:
        """Record the file, then move it into work/; the journal row exists first."""
        path = candidate.path
        try:
            sha256 = fsutil.file_sha256(path, follow_symlinks=False)
        except OSError as exc:
            log.warning("document.intake_deferred", error=type(exc).__name__)
            self.watcher.defer(path)
            return
        source = path.relative_to(self.watcher.inbox).as_posix()
        entry = self.journal.add(
            sha256, source, candidate.source_folder, self.config.paths.work / INFLIGHT, self.clock()
        )
        try:
            move_file(path, Path(entry.work_path))
        except OSError as exc:
            # Locked by its writer (Windows) or gone: forget the row, take it in later.
            log.warning("document.intake_deferred", doc=entry.id, error=type(exc).__name__)
            self.journal.discard(entry.id)
            self.watcher.defer(path)
            return
        work = Path(entry.work_path)
        if not stat.S_ISREG(work.lstat().st_mode):
            # Swapped for a FIFO or a link after it was hashed: it goes back, ignored there.
            move_file(work, path)
            self.journal.discard(entry.id)
            self.watcher.defer(path)
            return
        self.journal.set_original(entry.id, "work")
        self.watcher.release(path)
        log.info("document.received", doc=entry.id, sha256=sha256[:12])
        earlier = self.journal.earlier_copy(sha256, entry.id)
        if earlier is not None:
            self._duplicate(entry.id, earlier)

    def _duplicate(self, doc: int, earlier: journal.Entry) -> None:
        self.journal.mark_duplicate(doc, earlier.id)
        policy = self.settings.duplicates
        log.info("document.duplicate", doc=doc, of=earlier.id, policy=policy)
        if policy == "skip":
            self.journal.finish(
                doc,
                journal.Result(State.SKIPPED, error=f"duplicate of document {earlier.id}"),
            )
            self.summary.add(State.SKIPPED)
            self._release_original(self.journal.get(doc))

    # -- dispatch and results ------------------------------------------------------------------

    def dispatch(self) -> None:
        free = self.executor.free()
        if free <= 0 or self._stop.is_set():
            return
        for entry in self.journal.due(self.clock(), free):
            if not Path(entry.work_path).exists():
                self._vanished(entry)
                continue
            self.journal.start(entry.id)
            self.executor.submit(self._job(entry))

    def _job(self, entry: journal.Entry) -> Job:
        stack = self.journal.stack_part(entry.id)
        job = Job(entry.id, entry.work_path, entry.sha256, entry.source_folder, stack=stack)
        if entry.failure is Failure.DELIVERY and entry.attempts >= self.settings.delivery_attempts:
            # Even the review copy could not be written (its name, a full disk): the
            # last place for it is quarantine, with the reason beside it.
            reason = f"could not be delivered or put into review in {entry.attempts} attempts"
            return replace(job, mode="quarantine", reason=f"{reason}: {entry.last_error}")
        if entry.duplicate_of is not None and self.settings.duplicates == "review":
            reason = f"duplicate of document {entry.duplicate_of} (same sha256)"
            return replace(job, mode="review", reason=reason)
        worker_failed = entry.failure in WORKER_FAILURES
        if worker_failed and entry.attempts >= self.settings.processing_attempts:
            reason = f"processing failed {entry.attempts} times: {entry.last_error}"
            return replace(job, mode="quarantine", reason=reason)
        returned = self.journal.returned(entry.id)
        if returned is not None:
            office = returned.returned_by
            return replace(job, mode="return", reason=returns.reason(office), returned_by=office)
        if not worker_failed and entry.attempts + 1 >= self.settings.delivery_attempts:
            return replace(job, mode="final")
        return job

    def record(self, result: JobResult) -> None:
        doc, outcome = result.doc, result.outcome
        state = outcome.state
        if self._changed_since_intake(self.journal.get(doc), result):
            return
        if result.failure is not None:
            self._retry(doc, result.failure, outcome.error)
            return
        if state is State.SPLIT:
            docs = self.journal.split(doc, result.parts, outcome.seconds)
            log.info("stack.split", doc=doc, documents=docs)
            self._release_original(self.journal.get(doc))
            return
        if state is State.REVIEW:
            self._keep_return_example(doc)
        self.journal.finish(doc, outcome)
        self.summary.add(state)
        entry = self.journal.get(doc)
        log.info(
            f"document.{state}",
            doc=doc,
            sha256=entry.sha256[:12],
            department=outcome.department,
            doctype=outcome.doctype,
            destinations=len(outcome.destinations),
        )
        self._release_original(entry)

    def _keep_return_example(self, doc: int) -> None:
        """A returned document's text, labelled as not for the office that returned it.

        Written before the outcome is recorded: a crash in between writes it again."""
        returned = self.journal.returned(doc)
        if returned is None or returned.decision is None:
            return
        decision = self.journal.decision(returned.decision)
        kept = kepttext.kept(self.config.paths.work, decision.sha256)
        if kept is None:
            return
        example = examples.from_decision(replace(decision, fields=kept.fields), kept.text)
        try:
            examples.record(self.config.paths.work, returned.decision, example)
        except OSError as exc:
            log.error("example.failed", doc=doc, error=type(exc).__name__)

    def _retry(self, doc: int, failure: Failure, error: str) -> None:
        entry = self.journal.get(doc)
        if failure in WORKER_FAILURES:
            error = f"{failure}: {error}"  # the delivery's own message needs no label
        if not Path(entry.work_path).exists():
            self._vanished(entry)
            return
        if self._job(entry).mode == "quarantine":
            self._give_up(entry, error)
            return
        delay = min(self.settings.retry_backoff_s * 2**entry.attempts, MAX_BACKOFF_S)
        attempts = self.journal.retry(doc, failure, error, self.clock() + delay)
        log.warning("document.retry", doc=doc, failure=failure, attempt=attempts, delay_s=delay)

    def _vanished(self, entry: journal.Entry) -> None:
        """The in-flight copy was deleted behind the service's back: nothing is left to
        process. End the document, with the reason in the journal, the log and quarantine."""
        error = InputError(
            f"the copy in work/ ({entry.work_path}) was deleted while the document was"
            " being processed; it was not delivered",
            "put the scan into the inbox again (or scan the paper again); "
            "never delete files in work/ while the service runs",
        )
        from semantha.delivering import deliver  # numpy (records): rare here, kept out of start-up

        log.error("document.vanished", doc=entry.id, sha256=entry.sha256[:12])
        try:
            deliver.explain_quarantined(
                Path(entry.source).name, entry.sha256, error, self.config.paths
            )
        except DocumentError as exc:
            log.error("document.vanished_report_failed", doc=entry.id, error=type(exc).__name__)
        self.journal.finish(
            entry.id,
            journal.Result(State.QUARANTINED, error=str(error), error_class=type(error).__name__),
            original="removed",
        )
        self.summary.add(State.QUARANTINED)

    def _give_up(self, entry: journal.Entry, error: str) -> None:
        """Quarantine itself failed: end the document anyway (nothing retries forever)
        and keep its original in work/, where the reason in the journal points."""
        log.error("document.kept", doc=entry.id, sha256=entry.sha256[:12])
        reason = (
            f"no review or quarantine copy could be written ({error}); the original is kept"
            f" at {entry.work_path}: fix the folder, then put it into the inbox again"
        )
        self.journal.finish(
            entry.id,
            journal.Result(State.QUARANTINED, error=reason, error_class="DeliveryError"),
            original="kept",
        )
        self.summary.add(State.QUARANTINED)

    def _changed_since_intake(self, entry: journal.Entry, result: JobResult) -> bool:
        """A writer that went on after the file was taken (a scanner's long pause) changed
        the copy in work/: what the worker read was partial. Its result is dropped (with
        the files it wrote) and the document is taken again with its new bytes."""
        work = Path(entry.work_path)
        try:
            if work.stat().st_mtime <= entry.received_at:
                return False  # untouched since intake (it was quiet before it)
            sha256 = fsutil.file_sha256(work)
        except OSError:
            return False  # gone: the failure path reports it
        if sha256 == entry.sha256:
            return False
        from semantha.delivering import deliver  # numpy (records): rare here, kept out of start-up

        partial = {entry.sha256, *(w.sha256 for w in result.outcome.written)}
        for destination in result.outcome.destinations:
            try:
                deliver.withdraw(Path(destination), partial)
            except DocumentError as exc:
                log.error("document.withdraw_failed", doc=entry.id, error=type(exc).__name__)
        self.journal.retake(entry.id, sha256, self.clock() + self.settings.stable_after_s)
        log.warning("document.changed", doc=entry.id, sha256=sha256[:12], was=entry.sha256[:12])
        earlier = self.journal.earlier_copy(sha256, entry.id)
        if earlier is not None:
            self._duplicate(entry.id, earlier)
        return True

    def _release_original(self, entry: journal.Entry) -> None:
        """After the outcome is recorded: archive a delivered original, drop the others.

        The archive path is recorded before the move, so a crash in between is finished
        at start-up with the same name. A failure leaves the original in work/."""
        work = Path(entry.work_path)
        # A document cut from a stack is a copy of some of its pages: the stack is archived.
        kept = entry.state in (State.DELIVERED, State.SKIPPED, State.SPLIT)
        try:
            if kept and self.journal.stack_part(entry.id) is None:
                target = (
                    Path(entry.archive_path) if entry.archive_path else self._archive_name(entry)
                )
                self.journal.set_original(entry.id, "work", str(target))
                if work.exists():
                    move_file(work, target)
                self.journal.set_original(entry.id, "archived", str(target))
            else:
                work.unlink(missing_ok=True)
                self.journal.set_original(entry.id, "removed")
        except OSError as exc:
            # e.g. archive full: the original stays safe in work/ and start-up tries again
            log.error("document.archive_failed", doc=entry.id, error=type(exc).__name__)
            return
        with contextlib.suppress(OSError):  # not empty or already gone
            work.parent.rmdir()

    def _archive_name(self, entry: journal.Entry) -> Path:
        if entry.archive_path:  # chosen before a crash interrupted the move
            return Path(entry.archive_path)
        day = archive_folder(self.config.paths.archive, datetime.now(UTC).date())
        return fsutil.unique_path(day / entry.source)

    # -- stop ----------------------------------------------------------------------------------

    def _shutdown(self) -> None:
        """Finish running documents within the grace time; the rest resume next start."""
        if self.learner is not None:
            self.learner.stop()
        for result in self.executor.shutdown(self.settings.stop_grace_s):
            self.record(result)


@contextmanager
def stop_on_signals(service: Service) -> Iterator[None]:
    """SIGTERM (systemd) and SIGINT (Ctrl-C) ask for a graceful stop."""

    def handler(signum: int, frame: FrameType | None) -> None:
        log.info("service.stopping", signal=signal.Signals(signum).name)
        service.stop()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def create_service(
    config: AppConfig,
    log_setup: Callable[[], None] | None = None,
) -> Service:
    """The production wiring: real watcher, journal and process pool on ``config``."""
    from functools import partial

    # The Context is built in the workers only: a broken rule file or model stops the
    # service from there with its own message and exit code (the main process stays small).
    settings = config.service
    executor: Executor
    if settings.executor == "celery":
        from semantha.service.celery_executor import CeleryExecutor

        executor = CeleryExecutor(config)
    else:
        executor = ProcessExecutor(
            settings.workers,
            partial(worker_setup, config, log_setup),
            worker_run,
            settings.document_timeout_s,
            settings.worker_max_documents,
            preload=("semantha.service.loop", "semantha.pipeline"),
        )

    def watcher(folder: Path) -> InboxWatcher:
        return InboxWatcher(
            folder,
            settings.stable_after_s,
            settings.rescan_interval_s,
            polling=settings.polling,
            poll_interval_s=settings.poll_interval_s,
            incomplete_wait_s=settings.incomplete_wait_s,
        )

    returned = config.paths.returns
    if returned is not None:
        returned.mkdir(parents=True, exist_ok=True)  # the watcher resolves it at once
    learns = config.classify.mode == "rules+model" and (
        config.learn.after_examples > 0 or bool(config.learn.nightly_at)
    )
    return Service(
        config,
        executor,
        Journal(journal_path(config)),
        watcher(config.paths.inbox),
        returns=None if returned is None else watcher(returned),
        learner=AutoLearner(config, log_setup) if learns else None,
    )
