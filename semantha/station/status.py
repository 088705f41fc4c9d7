"""The status page's figures, from the journal: documents per state, today's work, errors."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from semantha.config import AppConfig
from semantha.service.journal import FINAL_STATES, Journal, State, Summary, journal_path

STATE_LABELS = {
    State.RECEIVED: "eingegangen",
    State.PROCESSING: "in Arbeit",
    State.RETRYING: "wartet auf neuen Versuch",
    State.DELIVERED: "zugestellt",
    State.REVIEW: "zur Prüfung",
    State.QUARANTINED: "in Quarantäne",
    State.SKIPPED: "übersprungen (Duplikat)",
}
ERRORS_SHOWN = 8
TIME_FORMAT = "%d.%m.%Y %H:%M"


@dataclass(frozen=True)
class StateRow:
    label: str
    total: int
    today: int | str  # "" for states that are not final


@dataclass(frozen=True)
class ErrorRow:
    id: int
    at: str
    state: str
    error: str


@dataclass(frozen=True)
class Report:
    review_waiting: int
    queue_depth: int
    oldest_waiting: str | None
    today_total: int
    today_decided: int
    states: tuple[StateRow, ...]
    errors: tuple[ErrorRow, ...]


def report(config: AppConfig, review_waiting: int) -> Report:
    path = journal_path(config)
    midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    if path.exists():
        journal = Journal(path, readonly=True)
        try:
            summary = journal.summary(ERRORS_SHOWN)
            today = journal.finished_since(midnight.timestamp())
            decided = _decided_since(journal, midnight.timestamp())
        finally:
            journal.close()
    else:  # nothing processed yet
        summary = Summary(dict.fromkeys(State, 0), 0, None, ())
        today = dict.fromkeys(FINAL_STATES, 0)
        decided = 0
    return Report(
        review_waiting=review_waiting,
        queue_depth=summary.queue_depth,
        oldest_waiting=_local(summary.oldest_waiting_at),
        today_total=sum(today.values()),
        today_decided=decided,
        states=tuple(
            StateRow(_label(state), summary.counts.get(state, 0), today.get(state, ""))
            for state in State
        ),
        errors=tuple(
            ErrorRow(e.id, _local(e.updated_at) or "", _label(e.state), e.last_error)
            for e in summary.last_errors
        ),
    )


def _decided_since(journal: Journal, since: float) -> int:
    try:
        return journal.decided_since(since)
    except sqlite3.OperationalError:  # a journal the service has not yet given decisions
        return 0


def _label(state: State) -> str:
    return STATE_LABELS.get(state, state.value)


def _local(stamp: float | None) -> str | None:
    return (
        None if stamp is None else datetime.fromtimestamp(stamp).astimezone().strftime(TIME_FORMAT)
    )
