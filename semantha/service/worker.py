"""The pipeline seen from a worker process: its context, one job, its result for the journal."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import structlog

from semantha.config import AppConfig
from semantha.errors import ConfigError, DeliveryError, DocumentError, InputError
from semantha.service.executor import Job, JobResult, failed
from semantha.service.journal import Failure, Result, State, Written
from semantha.service.memory import limit_address_space, tune_allocator

if TYPE_CHECKING:
    from semantha.deciding.model import DocumentClassifier
    from semantha.deciding.modelstore import ModelStore
    from semantha.delivering.deliver import GuiPlayer
    from semantha.pipeline import Context
    from semantha.reading.separation import StackPlan
    from semantha.records import Document, Outcome, Status
    from semantha.rulefiles.ruleset import RuleSet
    from semantha.rulefiles.store import RuleStore

log = structlog.get_logger(__name__)


def build_context(
    config: AppConfig,
    rules: RuleSet | None = None,
    workers: int = 1,
    classifier: DocumentClassifier | None = None,
) -> Context:
    """Load rules and classifier (unless given; no classifier when rules-only) and GUI runner.

    ``workers`` is how many processes read documents side by side on this machine."""
    from semantha.deciding import model
    from semantha.delivering import gui
    from semantha.pipeline import Context
    from semantha.rulefiles.store import load_ruleset

    rules = rules or load_ruleset(config.rules_dir)
    if classifier is None and config.classify.mode != "rules-only":
        classifier = model.load_classifier(config.model)
    runner = gui.load_runner(config.rules_dir, screenshots(config))
    # The cores are shared out among the workers, never oversubscribed: a lone process
    # reads a long document's pages on every core; two workers on two cores read one
    # page each, which keeps a busy service's memory bounded (an engine is ~25 MB and a
    # page in the making ~50 MB) at the cost of a lone long document's speed.
    threads = config.ocr.page_threads or max(1, (os.cpu_count() or 1) // workers)
    return Context(config, rules, classifier, runner, page_threads=threads)


def screenshots(config: AppConfig) -> Path:
    """Where the GUI runner keeps the screenshot of a failed step."""
    return config.paths.work / "screenshots"


@dataclass
class WorkerState:
    """What a worker process keeps between documents."""

    ctx: Context
    store: RuleStore
    models: ModelStore | None  # None: rules-only


def worker_setup(config: AppConfig, log_setup: Callable[[], None] | None = None) -> WorkerState:
    """Runs once in each worker process."""
    from semantha.deciding.modelstore import ModelStore
    from semantha.rulefiles.store import RuleStore

    if log_setup is not None:
        log_setup()
    tune_allocator()  # workers start from a fresh interpreter, not from the CLI's
    limit_address_space(config.service.worker_memory_mb)
    store = RuleStore(config.rules_dir)
    models = None if config.classify.mode == "rules-only" else ModelStore(config.model)
    ctx = build_context(
        config, store.current(), config.service.workers, models.current() if models else None
    )
    return WorkerState(ctx, store, models)


def worker_run(state: WorkerState, job: Job) -> JobResult:
    """One document in a worker: the pipeline, with the service's retry and review wishes."""
    from semantha import pipeline
    from semantha.delivering import deliver
    from semantha.service import stacks

    rules = state.store.current()  # hot reload between documents
    if rules is not state.ctx.rules:
        state.ctx = replace(state.ctx, rules=rules, gui=_reloaded_runner(state.ctx))
    classifier = state.models.current() if state.models else None  # a newly learned model
    if classifier is not state.ctx.model:
        state.ctx = replace(state.ctx, model=classifier)
    ctx, path = state.ctx, Path(job.path)
    start = time.perf_counter()
    try:
        if job.mode == "quarantine":
            error = InputError(
                job.reason, "check the file; if it is fine, put it back into the inbox"
            )
            outcome = deliver.quarantine(path, job.sha256, error, ctx.config.paths, {})
        elif job.mode in ("review", "return"):
            outcome = _to_review(path, ctx, job)
        elif (stack := _stack_plan(path, ctx, job)) is not None and not stack.certain:
            outcome = _to_review(path, ctx, replace(job, reason=stacks.unsure_reason(stack)))
        elif stack is not None and not stack.single:
            parts = stacks.write_parts(path, stack, job.sha256)
            seconds = round(time.perf_counter() - start, 3)
            return JobResult(job.doc, Result(State.SPLIT, seconds=seconds), parts=parts)
        else:
            outcome = pipeline.process_file(
                path,
                ctx,
                source_folder=job.source_folder,
                retry_delivery=job.mode != "final",
                stack=job.stack,
            )
    except DeliveryError as exc:
        return failed(job.doc, Failure.DELIVERY, str(exc))
    if outcome.document is not None:
        _record_transfer(ctx.config.paths.work, outcome.document, outcome)
    return result_of(job.doc, outcome, seconds=round(time.perf_counter() - start, 3))


def _stack_plan(path: Path, ctx: Context, job: Job) -> StackPlan | None:
    """Where a scanned stack is cut, when its inbox folder scans stacks; None otherwise.

    A stack that cannot be looked at page by page is never read as one letter: it goes
    to a person (or, unreadable as a whole, to quarantine)."""
    from semantha.reading import separation
    from semantha.service import stacks

    mode = ctx.config.separation_for(job.source_folder)
    if mode == "none" or job.stack is not None:
        return None
    try:
        return stacks.plan(path, mode, ctx)
    except DocumentError as exc:
        return separation.StackPlan((), (), (), problem=exc.message)


def _record_transfer(work: Path, document: Document, outcome: Outcome) -> None:
    """The transfer note into the audit log; the delivery stands when that fails (it is
    logged), and a document delivered again after a crash is noted again."""
    from semantha.service import audit

    try:
        audit.append_transfer(work, document, outcome.deliveries, "service")
    except OSError as exc:
        log.error("audit.failed", doc_id=document.id[:12], error=type(exc).__name__)


def _reloaded_runner(ctx: Context) -> GuiPlayer | None:
    """The GUI runner for the rules just reloaded: gui.yaml is one of them, so a script
    added with the routes that use it is there when they are. A template image that
    cannot be read keeps the previous runner (the rules check passed gui.yaml itself)."""
    from semantha.delivering import gui

    config = ctx.config
    try:
        return gui.load_runner(config.rules_dir, screenshots(config))
    except ConfigError as exc:
        log.error(
            "gui.reload_failed",
            error=exc.message,
            hint="the previous GUI scripts stay in use until the templates are fixed",
        )
        return ctx.gui


def _to_review(path: Path, ctx: Context, job: Job) -> Outcome:
    """Read and decide as usual, then put the document into review for ``job.reason``."""
    from semantha import pipeline
    from semantha.delivering import deliver

    planned = pipeline.process_file(path, ctx, dry_run=True, source_folder=job.source_folder)
    if planned.document is None or planned.decision is None:
        return pipeline.process_file(path, ctx, source_folder=job.source_folder)  # quarantine
    deliveries = deliver.to_review(
        planned.document,
        planned.decision,
        ctx.config.paths,
        job.reason,
        returned_by=job.returned_by,
    )
    return replace(planned, status="review", deliveries=deliveries)


OUTCOME_STATES: dict[Status, State] = {
    "delivered": State.DELIVERED,
    "review": State.REVIEW,
    "quarantined": State.QUARANTINED,
}


def result_of(doc: int, outcome: Outcome, seconds: float) -> JobResult:
    if outcome.status == "dry_run":
        raise ValueError("a dry run is no result for the journal")
    decision = outcome.decision
    return JobResult(
        doc,
        Result(
            OUTCOME_STATES[outcome.status],
            department=decision.department if decision else None,
            doctype=decision.doctype if decision else None,
            confidence=decision.confidence if decision else None,
            method=decision.method if decision else None,
            destinations=tuple(str(d.destination) for d in outcome.deliveries if d.destination),
            error=outcome.error,
            seconds=seconds,
            error_class=outcome.error_class,
            written=tuple(
                Written(d.sha256, str(d.destination), d.action.kind)
                for d in outcome.deliveries
                if d.ok and d.destination and d.action.kind in ("deliver", "copy")
            ),
        ),
    )
