"""The service learns on its own (``learn.after_examples``, ``learn.nightly_at``).

When enough new labelled letters have come in since the last time, or at the night's
time, ``semantha learn`` runs in a process of its own at low priority, so that the
intake never waits for it. A model it installs reaches the workers between documents
(``ModelStore``). Stopping the service ends a learning run: nothing is installed
half-way, because installing is the run's last step and atomic per file.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from datetime import date, datetime
from multiprocessing.process import BaseProcess

import structlog

from semantha.config import AppConfig
from semantha.service.examples import examples_folder

log = structlog.get_logger(__name__)

CHECK_EVERY_S = 60.0  # counting the examples folder costs a directory listing
NICENESS = 10


def count_examples(config: AppConfig) -> int:
    folder = examples_folder(config.paths.work)
    return sum(1 for _ in folder.glob("*-*.json")) if folder.is_dir() else 0


def _learn_in_background(config: AppConfig, log_setup: Callable[[], None] | None) -> None:
    from semantha.rulefiles.store import load_ruleset
    from semantha.service import learning

    os.nice(NICENESS)
    if log_setup is not None:
        log_setup()
    try:
        learning.learn(config, load_ruleset(config.rules_dir))
    except Exception as exc:  # reported; the service goes on with the model it has
        log.error("model.learn_failed", error=f"{type(exc).__name__}: {exc}")
        raise SystemExit(1) from exc


class AutoLearner:
    """Decides when to learn and runs it; ``poll`` is called every round of the loop."""

    def __init__(
        self,
        config: AppConfig,
        log_setup: Callable[[], None] | None = None,
        now: Callable[[], datetime] = datetime.now,
        monotonic: Callable[[], float] | None = None,
    ) -> None:
        self._config = config
        self._log_setup = log_setup
        self._now = now
        self._monotonic = monotonic or time.monotonic
        self._counted = count_examples(config)  # learned on at the last run, or found at start
        started = now()
        # Started after tonight's time: the first nightly run is the next night's.
        past = (
            bool(config.learn.nightly_at) and started.strftime("%H:%M") >= config.learn.nightly_at
        )
        self._learned_night: date | None = started.date() if past else None
        self._next_check = 0.0
        self._process: BaseProcess | None = None

    def poll(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                return
            log.info("model.learn_ended", exit_code=self._process.exitcode)
            self._process = None
        if self._monotonic() < self._next_check:
            return
        self._next_check = self._monotonic() + CHECK_EVERY_S
        why = self._due()
        if why:
            self.start(why)

    def _due(self) -> str:
        settings = self._config.learn
        found = count_examples(self._config)
        if settings.after_examples and found - self._counted >= settings.after_examples:
            return f"{found - self._counted} new labelled letters"
        if settings.nightly_at:
            now = self._now()
            if now.strftime("%H:%M") >= settings.nightly_at and self._learned_night != now.date():
                self._learned_night = now.date()
                return f"nightly at {settings.nightly_at}"
        return ""

    def start(self, why: str) -> None:
        self._counted = count_examples(self._config)
        context = multiprocessing.get_context("spawn")  # a fresh interpreter, not the loop's
        self._process = context.Process(
            target=_learn_in_background,
            args=(self._config, self._log_setup),
            name="semantha-learn",
            daemon=True,
        )
        self._process.start()
        log.info("model.learn_started", why=why, examples=self._counted)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join(10)
            log.info("model.learn_stopped")
        self._process = None
