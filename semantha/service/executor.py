"""Workers behind a small interface: submit a job, collect results, shut down.

``ProcessExecutor`` runs documents in a pool of worker processes. Each worker builds
its state (the pipeline Context) once, and is replaced when it dies, when a document
exceeds the time limit (it is killed) or after ``max_jobs`` documents (slow leaks in
native libraries stay bounded over months). One bad document never stops the others:
it comes back as a ``crashed`` or ``timeout`` failure and the service decides. A
``StartupError`` in a worker (at start or in a document: Poppler or a font missing)
stops the service with its exit code instead.

The interface is deliberately small so that a queue-based executor (Celery + Redis
for shared service centres) can take its place: ``start() / free() / submit() /
collect() / running() / shutdown()``.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, Literal, Protocol, TypeVar

import structlog

from semantha.errors import StartupError
from semantha.service.journal import Failure, Result, State
from semantha.stackpart import StackPart

log = structlog.get_logger(__name__)

MAX_FAILED_STARTS = 5
START_TIMEOUT_S = 600.0
JobMode = Literal["process", "final", "review", "quarantine", "return"]


@dataclass(frozen=True)
class Job:
    """One document for a worker. ``mode``: process normally; ``final`` = last attempt
    (a delivery failure goes to review); ``review`` / ``quarantine`` with ``reason``;
    ``return``: an office sent it back (``returned_by``, None when Semantha never
    delivered it), into review with ``reason``."""

    doc: int
    path: str
    sha256: str
    source_folder: str = ""
    mode: JobMode = "process"
    reason: str = ""
    returned_by: str | None = None
    stack: StackPart | None = None  # the document was split from a scanned stack


@dataclass(frozen=True)
class JobResult:
    """What a worker reports; small and picklable (no page images). ``outcome`` is what
    the journal records; after a ``failure`` its state is ``RETRYING`` (see ``failed``).
    A stack that was cut (state ``SPLIT``) reports the documents written in ``parts``."""

    doc: int
    outcome: Result
    failure: Failure | None = None
    parts: tuple[StackPart, ...] = ()


def failed(doc: int, failure: Failure, error: str) -> JobResult:
    """The result of an attempt that failed: the document is to be tried again."""
    return JobResult(doc, Result(State.RETRYING, error=error), failure)


def crashed(doc: int, exc: Exception) -> JobResult:
    """The result of an attempt that raised: the error and where, for the journal."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {frames[-1].name}:{frames[-1].lineno}" if frames else ""
    return failed(doc, Failure.CRASHED, f"{type(exc).__name__}: {exc}{where}")


class Executor(Protocol):
    def start(self) -> None:
        """Start the workers; a StartupError when they cannot start."""

    def free(self) -> int:
        """How many more jobs can be submitted now."""

    def submit(self, job: Job) -> None: ...

    def collect(self, timeout: float) -> list[JobResult]:
        """Results that arrived within ``timeout`` seconds (possibly none)."""

    def running(self) -> list[Job]: ...

    def shutdown(self, grace_s: float) -> list[JobResult]:
        """Finish running jobs within ``grace_s``; returns their results. Jobs still
        running afterwards are abandoned (their workers are killed)."""


WorkerStateT = TypeVar("WorkerStateT")  # what a worker builds once and keeps
Setup = Callable[[], Any]
Work = Callable[[Any, Job], JobResult]


def _die_with_parent() -> None:
    """A worker must not outlive a killed service and deliver behind its successor's back.

    A thread waits on the parent's sentinel (a pipe on POSIX, a handle on Windows),
    which becomes ready the moment the service process ends, however it ended."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _startup_error(exc: BaseException) -> StartupError:
    """What the service reports when a worker cannot start: the operator's message and
    exit code for configuration, environment and model errors, a generic one otherwise."""
    if isinstance(exc, StartupError):
        return exc
    return StartupError(
        f"a worker could not start: {type(exc).__name__}: {exc}",
        "run `semantha check` and fix what it reports",
    )


def worker_main(conn: Connection, setup: Setup, work: Work) -> None:
    """Entry point of a worker process."""
    # What the worker inherited from the fork server (imported modules) lives as long
    # as the worker: kept out of the collector's walks, its pages stay shared, not copied.
    gc.freeze()
    _die_with_parent()
    # Ctrl-C reaches the whole process group; the parent decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        state = setup()
    except BaseException as exc:
        conn.send(("startup_failed", _startup_error(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            result = work(state, job)
        except StartupError as exc:
            # Poppler or a font missing is no fault of the document: the service stops
            # with the start-up exit code; the document waits for the next start.
            conn.send(("startup_failed", exc))
            return
        except Exception as exc:
            # A bug or an unexpected library error: report it, keep the worker alive.
            result = crashed(job.doc, exc)
        conn.send(("result", result))


def process_context(
    preload: Sequence[str],
) -> multiprocessing.context.ForkServerContext | multiprocessing.context.SpawnContext:
    """Never plain fork: the watcher's threads may hold locks at that moment.

    On Linux a fork server that has imported ``preload`` once starts (and replaces)
    workers in milliseconds; elsewhere each worker is a fresh interpreter (spawn)."""
    if sys.platform.startswith("linux"):
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload(list(preload))
        return forkserver
    return multiprocessing.get_context("spawn")


@dataclass
class _Slot:
    process: BaseProcess
    conn: Connection
    job: Job | None = None
    started: float = 0.0
    done: int = 0
    ready: bool = False


class ProcessExecutor(Generic[WorkerStateT]):
    """A pool of worker processes; one job per worker at a time."""

    def __init__(
        self,
        workers: int,
        setup: Callable[[], WorkerStateT],
        work: Callable[[WorkerStateT, Job], JobResult],
        timeout_s: float,
        max_jobs: int = 500,
        preload: Sequence[str] = (),
    ) -> None:
        self._size = workers
        self._setup = setup
        self._work = work
        self._timeout_s = timeout_s
        self._max_jobs = max_jobs
        self._mp = process_context(preload)
        self._slots: list[_Slot] = []
        self._failed_starts = 0

    def start(self) -> None:
        """Start the workers and wait until each has built its state.

        A broken rule file, model or installation stops the service here, with the
        error's own message and exit code, before any document is touched."""
        self._slots = [self._spawn() for _ in range(self._size)]
        deadline = time.monotonic() + START_TIMEOUT_S
        while not all(slot.ready for slot in self._slots):
            if time.monotonic() > deadline:
                raise StartupError(
                    f"worker processes did not start within {START_TIMEOUT_S:g} s",
                    "check the machine's load and `semantha check`; then start again",
                )
            self.collect(0.5)

    def _spawn(self) -> _Slot:
        parent, child = self._mp.Pipe()
        process = self._mp.Process(
            target=worker_main,
            args=(child, self._setup, self._work),
            name="semantha-worker",
            daemon=True,
        )
        process.start()
        child.close()
        return _Slot(process, parent)

    def free(self) -> int:
        return sum(1 for slot in self._slots if slot.job is None)

    def running(self) -> list[Job]:
        return [slot.job for slot in self._slots if slot.job is not None]

    def submit(self, job: Job) -> None:
        slot = next(s for s in self._slots if s.job is None)
        slot.job = job
        slot.started = time.monotonic()
        with contextlib.suppress(OSError):  # a dead worker: collect() reports the job
            slot.conn.send(job)

    def collect(self, timeout: float) -> list[JobResult]:
        deadline = self._nearest_deadline()
        wait_s = max(0.0, min(timeout, deadline - time.monotonic()))
        handles: list[Any] = [s.conn for s in self._slots] + [
            s.process.sentinel for s in self._slots
        ]
        wait(handles, timeout=wait_s)
        results: list[JobResult] = []
        for index, slot in enumerate(self._slots):
            result, alive = self._read(slot)
            if result is not None:
                results.append(result)
            if not alive:
                self._count_failed_start(slot)
                results.extend(self._replace(index, Failure.CRASHED, self._exit_reason(slot)))
            elif slot.job and slot.ready and time.monotonic() - slot.started > self._timeout_s:
                log.warning("worker.timeout", doc=slot.job.doc, limit_s=self._timeout_s)
                results.extend(
                    self._replace(index, Failure.TIMEOUT, f"took longer than {self._timeout_s:g} s")
                )
            elif slot.job is None and slot.done >= self._max_jobs:
                self._replace(index, Failure.CRASHED, "")  # recycle an idle worker
        return results

    def _read(self, slot: _Slot) -> tuple[JobResult | None, bool]:
        """Drain one message from the worker; (result or None, worker still usable)."""
        try:
            if not slot.conn.poll():
                return None, slot.process.is_alive()
            kind, payload = slot.conn.recv()
        except (EOFError, OSError):
            return None, False
        if kind == "startup_failed":
            slot.job = None  # not the document's fault: it resumes at the next start
            error: StartupError = payload
            raise error
        if kind == "ready":
            slot.ready = True
            slot.started = time.monotonic()  # the time limit is for the document, not start-up
            self._failed_starts = 0
            return None, True
        slot.job = None
        slot.done += 1
        result: JobResult = payload
        return result, True

    def _count_failed_start(self, slot: _Slot) -> None:
        """Workers that die before they are ready (a broken install) would respawn forever."""
        if slot.ready:
            return
        self._failed_starts += 1
        if self._failed_starts > MAX_FAILED_STARTS:
            raise StartupError(
                f"worker processes keep dying while starting ({self._exit_reason(slot)})",
                "run `semantha check`; look for errors above this message in the log",
            )

    def _exit_reason(self, slot: _Slot) -> str:
        slot.process.join(timeout=1)
        code = slot.process.exitcode
        if code is not None and code < 0:
            return f"worker killed by signal {-code}"
        return f"worker exited with code {code}"

    def _replace(self, index: int, failure: Failure, reason: str) -> list[JobResult]:
        """Kill slot ``index`` and start a fresh worker; report its job, if any."""
        slot = self._slots[index]
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(timeout=5)
        slot.conn.close()
        self._slots[index] = self._spawn()
        if slot.job is None:
            return []
        log.warning("worker.replaced", doc=slot.job.doc, failure=failure)
        return [failed(slot.job.doc, failure, reason)]

    def _nearest_deadline(self) -> float:
        starts = [s.started for s in self._slots if s.job is not None and s.ready]
        return min(starts) + self._timeout_s if starts else float("inf")

    def shutdown(self, grace_s: float) -> list[JobResult]:
        results: list[JobResult] = []
        end = time.monotonic() + grace_s
        while self.running() and time.monotonic() < end:
            for slot in self._slots:
                result, _alive = self._read_quietly(slot)
                if result is not None:
                    results.append(result)
            if self.running():
                wait(
                    [s.conn for s in self._slots if s.job], timeout=max(0.0, end - time.monotonic())
                )
        for slot in self._slots:
            if slot.job is not None:
                log.warning("worker.abandoned", doc=slot.job.doc)
            with contextlib.suppress(OSError):
                slot.conn.send(None)
        for slot in self._slots:
            slot.process.join(timeout=2 if slot.job is None else 0)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(timeout=5)
            slot.conn.close()
        self._slots = []
        return results

    def _read_quietly(self, slot: _Slot) -> tuple[JobResult | None, bool]:
        try:
            return self._read(slot)
        except StartupError:
            return None, False
