"""The service learns on its own: after enough new labelled letters, or each night, in a
process of its own that the loop never waits for."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from semantha.config import AppConfig, LearnSettings, Paths
from semantha.service import autolearn
from semantha.service.autolearn import AutoLearner

ROOT = Path(__file__).resolve().parents[2]


def config_with(tmp_path: Path, **learn: object) -> AppConfig:
    names = ("inbox", "work", "dms_root", "review", "quarantine", "archive")
    return AppConfig(
        paths=Paths(**{name: tmp_path / name for name in names}),
        rules_dir=ROOT / "rules",
        model=tmp_path / "models" / "classifier.npz",
        learn=LearnSettings.model_validate(learn),
    )


def add_examples(config: AppConfig, count: int, first: int = 1) -> None:
    folder = config.paths.work / "examples"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(first, first + count):
        (folder / f"{n:064x}-{n}.json").write_text("{}")


class Clock:
    def __init__(self, at: str) -> None:
        self.at = datetime.fromisoformat(at)
        self.seconds = 0.0

    def now(self) -> datetime:
        return self.at

    def monotonic(self) -> float:
        return self.seconds


def learner(config: AppConfig, clock: Clock) -> AutoLearner:
    return AutoLearner(config, now=clock.now, monotonic=clock.monotonic)


def wait_until_ended(learning: AutoLearner) -> None:
    deadline = time.monotonic() + 120
    while learning.running and time.monotonic() < deadline:
        time.sleep(0.1)
    learning.poll()


def test_enough_new_letters_start_a_learning_run_that_ends_on_its_own(tmp_path: Path) -> None:
    config = config_with(tmp_path, after_examples=3, min_examples=1000)
    add_examples(config, 5)  # there before the service started: not new
    clock = Clock("2027-03-01T10:00")
    learning = learner(config, clock)
    add_examples(config, 2, first=10)
    learning.poll()
    assert not learning.running
    add_examples(config, 1, first=20)
    learning.poll()
    assert not learning.running  # counted once a minute, not every round
    clock.seconds += autolearn.CHECK_EVERY_S
    learning.poll()
    assert learning.running
    wait_until_ended(learning)
    assert not learning.running
    clock.seconds += autolearn.CHECK_EVERY_S
    learning.poll()
    assert not learning.running  # nothing new since that run


def test_nightly_learning_runs_once_a_night_and_not_at_start_up(tmp_path: Path) -> None:
    config = config_with(tmp_path, after_examples=0, nightly_at="02:30", min_examples=1000)
    clock = Clock("2027-03-01T10:00")  # started after tonight's time
    learning = learner(config, clock)
    learning.poll()
    assert not learning.running
    clock.at = datetime.fromisoformat("2027-03-02T02:31")
    clock.seconds += autolearn.CHECK_EVERY_S
    learning.poll()
    assert learning.running
    wait_until_ended(learning)
    clock.at = datetime.fromisoformat("2027-03-02T03:40")
    clock.seconds += autolearn.CHECK_EVERY_S
    learning.poll()
    assert not learning.running


def test_stopping_ends_a_learning_run(tmp_path: Path) -> None:
    config = config_with(tmp_path, min_examples=1000)
    learning = learner(config, Clock("2027-03-01T10:00"))
    learning.start("asked")
    assert learning.running
    learning.stop()
    assert not learning.running
