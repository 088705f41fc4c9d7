"""Learning the city's own mail (``semantha learn``, and the service on its own).

    work/examples/*.json ─ newest share held back ──────────────────────┐
    work/examples/delivered/*.json ─ newest share held back ────────────┤
      │ the rest (delivered: once ``learn.weak_label_days`` old)          │ judge before/after
      ▼                                                                   ▼
    models/classifier.training.jsonl.gz ──> train ──> candidate ──> no worse? ──> install

The held-back letters are the newest ones, because time order is how a city lives:
a model must do well on the letters that come after those it learned from. On them
the live model and the candidate route as the service would (rules, model, memory and
thresholds); the candidate is installed only when it delivers no more of the letters
people decided to a wrong office, its best guesses are right no less often, and it
routes no fewer letters where they belong (those people decided, plus the newest
delivered letters to where they went). Its thresholds are chosen on the same letters
for ``classify.target_precision`` (``deciding.thresholds``).

Decisions people took count: letters resolved in review, including those an office
sent back. A return alone says which office was wrong, not which was right; it becomes
an example once the returned letter is resolved. People see only the letters Semantha
was unsure of, so these are the hard ones, and learned alone they make a model unsure
of the easy ones. The letters delivered automatically and not sent back within
``learn.weak_label_days`` are therefore learned too, labelled by Semantha's own
decision (weak labels); the newest delivered letters judge that a new model still
routes them. The newest ``learn.example_letters`` letters learned from are also
remembered as they are (``deciding.lettermemory``): a later letter like one of them
goes where it went. How much more like it than like any other office's letter it must
be (``classify.example_margin``) is chosen on the held-back letters and on the memory
deciding its own newest letters from the others. The model installed remembers the
held-back letters people decided too, once they have judged it; its heads learn them
at the next learning, when newer ones judge. Letter text is never logged.
"""

from __future__ import annotations

import multiprocessing
import random
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import structlog

from semantha.config import AppConfig
from semantha.deciding import classify, officenames, rules, thresholds, versions
from semantha.deciding.lettermemory import LetterMemory
from semantha.deciding.model import (
    UNROUTABLE,
    DocumentClassifier,
    document_text,
    load_classifier,
    model_text,
)
from semantha.deciding.thresholds import Guess
from semantha.deciding.training import remembered_letters, train_classifier
from semantha.deciding.trainingset import LabelledText, read_training_data, training_data_path
from semantha.delivering import kepttext
from semantha.errors import ModelError
from semantha.records import Document, Page, RuleHit
from semantha.rulefiles.ruleset import RuleSet
from semantha.service.examples import Example, examples
from semantha.service.journal import Journal, State, journal_path

log = structlog.get_logger(__name__)

BASE_SAMPLE_SEED = 0  # the same generated letters are kept each time
LEAVE_ONE_OUT = 500  # remembered letters the memory decides from the others (~2 ms each)


@dataclass(frozen=True)
class Figures:
    """How a model routes the held-back letters (department): those people decided, and
    the newest delivered ones (routed again where they went: ``kept``)."""

    n: int
    routed: int
    correct: int  # routed to the right office
    right_guesses: int  # best guess right, routed or not
    delivered: int = 0
    kept: int = 0

    @property
    def wrong(self) -> int:
        return self.routed - self.correct

    def as_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "coverage": _ratio(self.routed, self.n),
            "precision_auto": _ratio(self.correct, self.routed),
            "accuracy": _ratio(self.right_guesses, self.n),
            "wrong": self.wrong,
            "delivered": self.delivered,
            "kept": _ratio(self.kept, self.delivered),
        }

    @property
    def merit(self) -> tuple[int, int, int]:
        """Of two models, the better: fewer wrong deliveries, then more letters routed
        where they belong, then more right guesses."""
        return (-self.wrong, self.correct + self.kept, self.right_guesses)

    def no_worse_than(self, other: Figures) -> bool:
        """No more wrong deliveries, no fewer right guesses, and no fewer letters routed
        where they belong: people's letters routed right plus delivered letters routed
        where they went. Learning from the hard letters alone makes a model unsure of
        the easy ones; such a model waits until the deliveries can be learned too."""
        return (
            self.wrong <= other.wrong
            and self.right_guesses >= other.right_guesses
            and self.correct + self.kept >= other.correct + other.kept
        )


@dataclass(frozen=True)
class LearnReport:
    examples: int  # labelled city letters
    trained_on: int  # of those, in training (the rest held back)
    weak: int  # delivered letters learned as Semantha labelled them
    installed: bool
    reason: str
    before: Figures | None
    after: Figures | None
    model: str  # sha256 of the live model afterwards
    version: int | None  # its number in models/history/
    thresholds: dict[str, dict[str, float]]
    seconds: float
    office_names: dict[str, str] = field(default_factory=dict)  # learned from addresses

    def as_json(self) -> dict[str, Any]:
        return {
            "examples": self.examples,
            "installed": self.installed,
            "before": self.before.as_json() if self.before else None,
            "after": self.after.as_json() if self.after else None,
            "model": self.model,
            "version": self.version,
            "trained_on": self.trained_on,
            "weak": self.weak,
            "thresholds": self.thresholds,
            "office_names": self.office_names,
            "reason": self.reason,
            "seconds": round(self.seconds, 1),
        }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def labelled(found: Iterable[Example]) -> list[Example]:
    """People's decisions, oldest first, the last one per document."""
    latest: dict[str, Example] = {}
    for example in found:
        if example.kind == "review":
            latest.pop(example.sha256, None)  # re-inserted: ordered by its newest decision
            latest[example.sha256] = example
    return list(latest.values())


def _labels(example: Example, undecided_doctype: str) -> tuple[str, str]:
    return example.department or UNROUTABLE, example.doctype or undecided_doctype


def _document(example: Example) -> Document:
    pages = tuple(Page(i, None, 0, text=t) for i, t in enumerate(example.text))
    return Document(example.sha256, Path(example.sha256), example.decided_at, pages, example.fields)


def base_sample(rows: Sequence[LabelledText], per_label: int) -> list[LabelledText]:
    """At most ``per_label`` generated letters per office (0: all), the same each time."""
    if per_label == 0:
        return list(rows)
    by_label: dict[str, list[LabelledText]] = defaultdict(list)
    for row in rows:
        by_label[row.department].append(row)
    picker = random.Random(BASE_SAMPLE_SEED)
    kept = []
    for label in sorted(by_label):
        group = by_label[label]
        kept += picker.sample(group, per_label) if len(group) > per_label else group
    return kept


@dataclass(frozen=True)
class HeldBack:
    """A held-back letter as the pipeline would decide it: its document and rule hits
    (the same for every model, so found once)."""

    example: Example
    document: Document
    hits: tuple[RuleHit, ...]


def held_back_letters(held_back: Sequence[Example], ruleset: RuleSet) -> list[HeldBack]:
    letters = []
    for example in held_back:
        document = _document(example)
        letters.append(HeldBack(example, document, rules.evaluate(document, ruleset)))
    return letters


def model_evidence(
    held_back: Sequence[HeldBack],
    delivered: Sequence[HeldBack],
    model: DocumentClassifier | None,
    config: AppConfig,
) -> tuple[list[classify.Evidence], list[tuple[HeldBack, classify.Evidence]]]:
    """What ``model`` says of each letter: scored once, decided under any thresholds."""
    found = [classify.evidence(letter.document, model, config.classify) for letter in held_back]
    on_delivered = [
        (letter, classify.evidence(letter.document, model, config.classify)) for letter in delivered
    ]
    return found, on_delivered


@dataclass(frozen=True)
class LiveJudgement:
    """The held-back letters with their rule hits; how the live model routes them (None:
    there is no live model); the letters learned from as the live model's memory would
    keep them, and the live model's evidence on each held-back letter with that memory."""

    judged: list[HeldBack]
    judged_delivered: list[HeldBack]
    before: Figures | None
    memory: LetterMemory | None = None
    found: list[classify.Evidence] = field(default_factory=list)
    delivered_found: list[tuple[HeldBack, classify.Evidence]] = field(default_factory=list)


def judge_live(
    config: AppConfig,
    ruleset: RuleSet,
    held_back: Sequence[Example],
    recent: Sequence[Example],
    remember: Sequence[Example],
) -> LiveJudgement:
    """How the live model routes the held-back letters, and ``remember`` in its memory."""
    judged = held_back_letters(held_back, ruleset)
    judged_delivered = held_back_letters(recent, ruleset)
    live = _live(config.model)
    if live is None:
        return LiveJudgement(judged, judged_delivered, None)
    found, delivered_found = model_evidence(judged, judged_delivered, live, config)
    before = route_held_back(judged, found, delivered_found, live, config, ruleset).figures
    memory = remembered_letters(
        live.model,
        [model_text("\n".join(e.text), e.fields) for e in remember],
        [e.department or UNROUTABLE for e in remember],
    )
    if memory is None:
        return LiveJudgement(judged, judged_delivered, before)
    taught = replace(live.model, memory=memory)

    def with_match(letter: HeldBack, evidence: classify.Evidence) -> classify.Evidence:
        return replace(evidence, match=taught.nearest_letter(document_text(letter.document)))

    return LiveJudgement(
        judged,
        judged_delivered,
        before,
        memory,
        [with_match(letter, e) for letter, e in zip(judged, found, strict=True)],
        [(letter, with_match(letter, e)) for letter, e in delivered_found],
    )


def office_names(train: Sequence[Example], ruleset: RuleSet) -> dict[str, str]:
    """The names of offices the learned letters' addresses teach (deciding.officenames)."""
    known = {officenames.normalised(name) for d in ruleset.departments for name in d.names}
    letters = (
        officenames.Addressed(
            e.fields.get("recipient", ""), e.department or "", e.kind != "delivered"
        )
        for e in train
    )
    return officenames.learn_names(letters, ruleset.organisation, known.__contains__)


def with_memory(
    live: DocumentClassifier,
    judgement: LiveJudgement,
    names: dict[str, str],
    config: AppConfig,
    ruleset: RuleSet,
    ruled: frozenset[int],
) -> tuple[DocumentClassifier, Figures]:
    """The live model with the newly learned letters in its memory and the office names
    they teach (its heads kept, not trained again), its margin chosen, and how it routes
    the held-back letters."""
    assert judgement.memory is not None
    taught = replace(live.model, memory=judgement.memory)
    found, delivered_found = judgement.found, judgement.delivered_found
    manifest = live.manifest.model_copy(update={"office_names": names})
    model = DocumentClassifier(taught, manifest)
    routing = route_held_back(judgement.judged, found, delivered_found, model, config, ruleset)
    chosen = dict(live.manifest.thresholds)
    chosen["example"] = example_thresholds(model, routing, config, ruled)
    model = DocumentClassifier(taught, manifest.model_copy(update={"thresholds": chosen}))
    routed = route_held_back(judgement.judged, found, delivered_found, model, config, ruleset)
    return model, routed.figures


def example_thresholds(
    model: DocumentClassifier,
    routing: HeldBackRouting,
    config: AppConfig,
    ruled: frozenset[int],
) -> dict[str, float]:
    """The memory's margin for ``classify.target_precision`` on the held-back letters'
    matches and the memory's own letters (but the ``ruled`` ones), and how often decisions
    past it were right;
    the margin when the heads agree, on the held-back letters alone (the heads learned
    the memory's own letters: there, they would agree with it all the more)."""
    similarity = config.classify.example_similarity
    remembered = routing.remembered + alike_in_memory(model, similarity, ruled)
    target = config.classify.target_precision
    grid = thresholds.MARGIN_GRID
    margin = thresholds.threshold_for(remembered, config.classify.example_margin, target, grid)
    agreeing = thresholds.threshold_for(
        routing.agreeing, config.classify.agreeing_margin, target, grid
    )
    return {
        "margin": margin,
        "confidence": thresholds.smoothed(remembered, margin),
        "agreeing_margin": agreeing,
    }


@dataclass(frozen=True)
class HeldBackRouting:
    """How a model routes the held-back letters: its figures; the heads' guesses where no
    rule decided; the memory's (how far the most similar letter's office leads), and the
    memory's where the heads' best guess is the same office."""

    figures: Figures
    guesses: list[Guess]
    remembered: list[Guess]
    agreeing: list[Guess]


def route_held_back(
    held_back: Sequence[HeldBack],
    found: Sequence[classify.Evidence],
    delivered: Sequence[tuple[HeldBack, classify.Evidence]],
    model: DocumentClassifier | None,
    config: AppConfig,
    ruleset: RuleSet,
) -> HeldBackRouting:
    """How ``model`` (with the ``found`` evidence on each letter) routes the letters
    people decided and the ``delivered`` ones, and its guesses on the letters people
    decided (see ``HeldBackRouting``)."""
    kept = 0
    for letter, evidence in delivered:
        choice, _ = classify.decide_on(letter.hits, evidence, model, config.classify, ruleset)
        kept += choice.label is not None and choice.label == letter.example.department
    routed = correct = right = 0
    guesses, remembered, agreeing = [], [], []
    limits = classify.thresholds(config.classify, model, "department")
    for letter, evidence in zip(held_back, found, strict=True):
        truth = letter.example.department or UNROUTABLE
        choice, _ = classify.decide_on(letter.hits, evidence, model, config.classify, ruleset)
        routed += choice.label is not None
        correct += choice.label is not None and choice.label == truth
        right += choice.top == truth
        if choice.method == "rule" or "department" not in evidence.scores:
            continue
        alone = classify.decide_facet(
            "department", letter.hits, evidence.scores["department"], limits
        )
        if alone.top is not None:  # the model's own choice, before its memory is heard
            guesses.append(Guess(truth, alone.top, alone.confidence))
        match = evidence.match
        if match is not None and match.similarity >= config.classify.example_similarity:
            remembered.append(Guess(truth, match.label, match.margin))
            if alone.top == match.label:
                agreeing.append(remembered[-1])
    figures = Figures(len(held_back), routed, correct, right, len(delivered), kept)
    return HeldBackRouting(figures, guesses, remembered, agreeing)


def alike_in_memory(
    model: DocumentClassifier, similarity: float, ruled: frozenset[int]
) -> list[Guess]:
    """How the memory decides each of its newest ``LEAVE_ONE_OUT`` letters from the
    others (leave one out): evidence for its margin beside the held-back letters. Not the
    ``ruled`` rows: letters whose office a rule decides never ask the memory, and a
    reference's letter often shares its words with letters to other offices."""
    memory = model.model.memory
    if memory is None:
        return []
    found = []
    for row in range(max(0, memory.size - LEAVE_ONE_OUT), memory.size):
        if row in ruled:
            continue
        match = memory.nearest_to_remembered(row)
        if match is not None and match.similarity >= similarity:
            found.append(Guess(memory.label_of(row), match.label, match.margin))
    return found


def remembering(
    model: DocumentClassifier, letters: Sequence[Example], most: int
) -> DocumentClassifier:
    """``model`` remembering the newest ``most`` of ``letters``. Once they have judged it,
    the held-back letters are remembered too: they are people's newest decisions, the
    letters most like tomorrow's mail, and would otherwise wait a learning round. The
    memory is built anew, so that the n-grams most letters share are left out of all its
    letters alike."""
    newest = sorted(letters, key=lambda e: e.decided_at)[max(0, len(letters) - most) :]
    memory = remembered_letters(
        model.model,
        [model_text("\n".join(e.text), e.fields) for e in newest],
        [e.department or UNROUTABLE for e in newest],
    )
    return DocumentClassifier(replace(model.model, memory=memory), model.manifest)


def ruled_rows(remembered: Sequence[Example], ruleset: RuleSet) -> frozenset[int]:
    """Which of the newest ``LEAVE_ONE_OUT`` remembered letters (their rows in the memory)
    a rule decides the office of."""
    first = max(0, len(remembered) - LEAVE_ONE_OUT)
    return frozenset(
        row
        for row in range(first, len(remembered))
        if classify.decided_by_rule(rules.evaluate(_document(remembered[row]), ruleset))
    )


def learn(config: AppConfig, ruleset: RuleSet) -> LearnReport:
    """Train on the shipped data plus the city's letters; install when no worse."""
    started = time.perf_counter()
    settings = config.learn
    city = labelled(examples(config.paths.work))
    live = _live(config.model)
    live_sha = live.manifest.model_sha256 if live else ""
    if len(city) < settings.min_examples:
        reason = (
            f"{len(city)} labelled letters, {settings.min_examples} needed (learn.min_examples)"
        )
        return LearnReport(len(city), 0, 0, False, reason, None, None, live_sha, None, {}, 0.0)
    held = max(1, round(len(city) * settings.hold_back))
    train, held_back = city[:-held], city[-held:]
    delivered = delivered_examples(config, {e.sha256 for e in city})
    recent = delivered[len(delivered) - round(len(delivered) * settings.hold_back) :]
    weak = weak_labels(delivered[: len(delivered) - len(recent)], settings.weak_label_days)
    train = sorted([*train, *weak], key=lambda e: e.decided_at)
    names = office_names(train, ruleset)
    base = base_sample(
        read_training_data(training_data_path(config.model)), settings.base_per_label
    )
    undecided = ruleset.undecided_doctype
    texts = [row.text for row in base] + [model_text("\n".join(e.text), e.fields) for e in train]
    labels = [(row.department, row.doctype) for row in base] + [
        _labels(e, undecided) for e in train
    ]
    weights = [1.0] * len(base) + [settings.city_weight] * len(train)
    newest = len(train) - settings.example_letters
    remember = [False] * len(base) + [n >= newest for n in range(len(train))]
    remembered_train = train[max(0, newest) :]
    ruled = ruled_rows(remembered_train, ruleset)
    # Training spends a third of its time in one thread (vectorising): the live model is
    # judged meanwhile in a process of its own.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as judge:
        judging = judge.submit(judge_live, config, ruleset, held_back, recent, remembered_train)
        candidate = train_classifier(texts, labels, weights=weights, remember=remember)
        judgement = judging.result()
    judged, before = judgement.judged, judgement.before
    candidate = DocumentClassifier(
        candidate.model, candidate.manifest.model_copy(update={"office_names": names})
    )
    found, delivered_found = model_evidence(judged, judgement.judged_delivered, candidate, config)
    routing = route_held_back(judged, found, delivered_found, candidate, config, ruleset)
    chosen = {
        "department": thresholds.choose(
            routing.guesses, config.classify.min_confidence, config.classify.target_precision
        ),
        "example": example_thresholds(candidate, routing, config, ruled),
    }
    candidate = DocumentClassifier(
        candidate.model,
        candidate.manifest.model_copy(
            update={
                "thresholds": chosen,
                "metrics": {"city_examples": len(train), "base_examples": len(base)},
            }
        ),
    )
    after = route_held_back(judged, found, delivered_found, candidate, config, ruleset).figures
    options = [(candidate, after, "the model trained again")]
    if live is not None and judgement.memory is not None:
        taught, taught_after = with_memory(live, judgement, names, config, ruleset, ruled)
        options.append((taught, taught_after, "the live model, remembering the new letters"))
    good = [o for o in options if before is None or o[1].no_worse_than(before)]
    installed = bool(good)
    version = None
    if good:
        candidate, after, which = max(good, key=lambda o: o[1].merit)
        candidate = remembering(candidate, [*train, *held_back], settings.example_letters)
        chosen = dict(candidate.manifest.thresholds)
        version = versions.install(candidate, config.model, settings.keep_versions)
        live_sha = version.manifest.model_sha256
        reason = f"{which}: no worse on the held-back letters"
    else:
        reason = "a new model did worse on the held-back letters; the live model stays"
    report = LearnReport(
        len(city),
        len(train) - len(weak),
        len(weak),
        installed,
        reason,
        before,
        after,
        live_sha,
        version.number if version else None,
        chosen,
        time.perf_counter() - started,
        names,
    )
    log.info(
        "model.learned",
        examples=report.examples,
        installed=installed,
        before=before.as_json() if before else None,
        after=after.as_json(),
        sha256=live_sha[:12],
        office_names=len(names),
        seconds=round(report.seconds, 1),
    )
    return report


def delivered_examples(config: AppConfig, labelled_sha256: set[str]) -> list[Example]:
    """The newest ``learn.weak_label_letters`` delivered letters not sent back, labelled
    as delivered, oldest first; none when their text is not kept (weak labels off)."""
    folder = kepttext.delivered_folder(config.paths.work)
    if config.learn.weak_label_days is None or not folder.is_dir():
        return []
    if not journal_path(config).is_file():
        return []
    journal = Journal(journal_path(config), readonly=True)
    try:
        returned = {d.doc for d in journal.deliveries() if d.closed_reason == "returned"}
        delivered = {
            e.sha256: e
            for e in reversed(journal.documents())  # oldest first: the newest row wins
            if e.state == State.DELIVERED and e.id not in returned
        }
    finally:
        journal.close()
    found = []
    for path in _newest(folder.glob("*.json"), config.learn.weak_label_letters):
        entry = delivered.get(path.stem)
        if entry is None or path.stem in labelled_sha256:
            continue
        kept = kepttext.kept(config.paths.work, path.stem, folder)
        if kept is None:
            continue
        found.append(
            Example(
                sha256=kept.sha256,
                text=kept.text,
                fields=kept.fields,
                department=entry.department,
                doctype=entry.doctype,
                kind="delivered",
                user="semantha",
                decided_at=kept.kept_at,
                proposed={},
            )
        )
    return sorted(found, key=lambda e: e.decided_at)


def _newest(paths: Iterable[Path], count: int) -> list[Path]:
    """The ``count`` files written last (a city's deliveries of years are not all read)."""
    dated = []
    for path in paths:
        try:
            dated.append((path.stat().st_mtime, path))
        except OSError:
            continue  # purged meanwhile
    return [path for _, path in sorted(dated)[-count:]] if count else []


def weak_labels(
    delivered: Sequence[Example], days: int | None, now: datetime | None = None
) -> list[Example]:
    """The delivered letters that were not sent back within ``days`` (weak labels)."""
    if days is None:
        return []
    limit = (now or datetime.now(UTC)) - timedelta(days=days)
    return [e for e in delivered if e.decided_at <= limit]


def _live(model_path: Path) -> DocumentClassifier | None:
    try:
        return load_classifier(model_path)
    except ModelError:
        return None  # nothing to compare with: the first learned model is installed


def rollback(config: AppConfig) -> versions.Version:
    return versions.rollback(config.model)
