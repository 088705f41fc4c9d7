"""The model's memory of the city's letters: the most similar one, found exactly, kept in
the model file, and heard only where no rule decided."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from semantha.config import ClassifySettings
from semantha.deciding.classify import Choice, ExampleLimits, decide, remembered
from semantha.deciding.lettermemory import Match
from semantha.deciding.model import DocumentClassifier, load_classifier, save_classifier
from semantha.deciding.training import train_classifier
from semantha.records import Document, Page, RuleHit

OFFICES = {
    "63": "Bauantrag Baugenehmigung Carport Garage Grundstück Bauvoranfrage Abbruch Dachgaube",
    "22": "Hundesteuer Grundsteuer Gewerbesteuer Steuerbescheid Veranlagung Erlass Stundung",
    "67": "Sandarium Quendelrasen Wildbienenhügel Totholzecke Blühstreifen Nistkasten Teich",
}
LIMITS = ExampleLimits(similarity=0.25, margin=0.15, confidence=0.97)
UNSURE_TIME = datetime(2026, 11, 2, tzinfo=UTC)


def letters(seed: int, per_office: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [
        (" ".join(rng.choice(words.split()) for _ in range(25)), office)
        for office, words in OFFICES.items()
        for _ in range(per_office)
    ]


@pytest.fixture(scope="module")
def remembering() -> tuple[DocumentClassifier, list[tuple[str, str]]]:
    """A model that remembers the second half of its training letters."""
    training = letters(1, 10)
    remember = [n % 2 == 1 for n in range(len(training))]
    model = train_classifier(
        [text for text, _ in training],
        [(office, "Brief") for _, office in training],
        remember=remember,
    )
    return model, [pair for pair, kept in zip(training, remember, strict=True) if kept]


def cosine(model: DocumentClassifier, a: str, b: str) -> float:
    def dense(text: str) -> np.ndarray:
        vector = np.zeros(model.model.n_features)
        index, values = model.model.features(text)
        vector[index] = values
        return vector / np.linalg.norm(vector)

    return float(dense(a) @ dense(b))


def test_the_most_similar_remembered_letter_is_found_with_the_runner_up(
    remembering: tuple[DocumentClassifier, list[tuple[str, str]]],
) -> None:
    model, kept = remembering
    assert model.model.memory is not None and model.model.memory.size == len(kept)
    query = letters(7, 1)[2][0]  # a new letter of 67
    match = model.model.nearest_letter(query)
    expected = {
        office: max(cosine(model, query, text) for text, o in kept if o == office)
        for office in OFFICES
    }
    assert match is not None
    assert match.label == max(expected, key=lambda office: expected[office]) == "67"
    assert match.similarity == pytest.approx(expected["67"], abs=2e-3)  # values are float16
    assert match.runner_up == pytest.approx(max(expected["63"], expected["22"]), abs=2e-3)


def test_a_remembered_letter_is_its_own_nearest(
    remembering: tuple[DocumentClassifier, list[tuple[str, str]]],
) -> None:
    model, kept = remembering
    for text, office in kept:
        match = model.model.nearest_letter(text)
        assert match is not None and match.label == office
        assert match.similarity == pytest.approx(1.0, abs=2e-3)


def test_the_memory_is_kept_in_the_model_file(
    remembering: tuple[DocumentClassifier, list[tuple[str, str]]], tmp_path: Path
) -> None:
    model, _ = remembering
    save_classifier(model, tmp_path / "classifier.npz")
    loaded = load_classifier(tmp_path / "classifier.npz")
    query = letters(8, 1)[0][0]
    assert loaded.model.nearest_letter(query) == model.model.nearest_letter(query)


def test_without_itself_a_remembered_letter_finds_its_nearest_neighbour(
    remembering: tuple[DocumentClassifier, list[tuple[str, str]]],
) -> None:
    model, kept = remembering
    memory = model.model.memory
    assert memory is not None
    for row, (text, office) in enumerate(kept):
        assert memory.label_of(row) == office
        others = [cosine(model, text, t) if n != row else 0.0 for n, (t, _) in enumerate(kept)]
        match = memory.nearest_to_remembered(row)
        assert match is not None
        assert match.similarity == pytest.approx(max(others), abs=2e-3)
        assert match.similarity < 0.99


def test_a_model_no_city_taught_remembers_nothing() -> None:
    training = letters(2, 4)
    model = train_classifier([t for t, _ in training], [(o, "Brief") for _, o in training])
    assert model.model.memory is None
    assert model.model.nearest_letter(training[0][0]) is None


UNSURE = Choice(None, "22", 0.55, 0.1, "none", "department: no rule decided: model unsure")
SURE = Choice("22", "22", 0.97, 0.9, "model", "department: no rule decided: model chose 22")


def test_a_letter_the_model_is_unsure_of_goes_where_the_most_similar_one_went() -> None:
    choice = remembered(UNSURE, (), Match("67", 0.71, 0.40), LIMITS)
    assert (choice.label, choice.method) == ("67", "model")
    assert choice.confidence == 0.97  # as often as such decisions were right, not the similarity
    assert "the most similar letter people decided went to 67 (similarity 0.71" in choice.reason
    assert "right 97% of the time" in choice.reason


@pytest.mark.parametrize(
    "match",
    [Match("67", 0.20, 0.0), Match("67", 0.71, 0.60), Match("", 0.9, 0.2), None],
    ids=["not similar enough", "other office nearly as close", "for no office", "no memory"],
)
def test_a_match_that_is_not_clear_leaves_the_letter_in_review(match: Match | None) -> None:
    assert remembered(UNSURE, (), match, LIMITS).label is None


def test_a_small_lead_does_when_the_heads_best_guess_is_the_same_office() -> None:
    agreeing = ExampleLimits(similarity=0.25, margin=0.15, confidence=0.97, agreeing_margin=0.05)
    close = Match("22", 0.40, 0.32)  # leads by 0.08: not enough alone
    choice = remembered(UNSURE, (), close, agreeing)  # UNSURE's best guess is 22
    assert (choice.label, choice.method) == ("22", "model")
    assert "the model's best guess too" in choice.reason
    assert remembered(UNSURE, (), Match("67", 0.40, 0.32), agreeing).label is None
    assert remembered(UNSURE, (), Match("22", 0.40, 0.37), agreeing).label is None
    assert remembered(UNSURE, (), close, LIMITS).label is None  # no agreeing margin


def test_a_remembered_letter_of_another_office_stops_a_sure_model() -> None:
    choice = remembered(SURE, (), Match("67", 0.8, 0.3), LIMITS)
    assert (choice.label, choice.method) == (None, "none")
    assert "but the most similar letter people decided went to 67" in choice.reason
    assert remembered(SURE, (), Match("22", 0.8, 0.3), LIMITS) == SURE


def hit(label: str, weight: float) -> RuleHit:
    return RuleHit(f"r-{label}", "department", label, weight, "matched")


def test_rules_and_offices_ruled_out_come_before_the_memory() -> None:
    decided = Choice("63", "63", 1.0, 1.0, "rule", "department: rule r-63 -> 63")
    assert remembered(decided, (hit("63", 1.0),), Match("67", 0.9, 0.1), LIMITS) == decided
    ruled_out = remembered(UNSURE, (hit("67", -1.0),), Match("67", 0.9, 0.1), LIMITS)
    assert ruled_out.label is None


def test_decide_routes_by_the_memory_through_the_model(
    remembering: tuple[DocumentClassifier, list[tuple[str, str]]],
) -> None:
    model, kept = remembering
    text = kept[0][0]  # a remembered letter seen again, the heads held to be unsure
    document = Document("a" * 64, Path("scan.pdf"), UNSURE_TIME, (Page(0, None, 300, text=text),))
    unsure_heads = ClassifySettings(min_confidence=1.0, min_familiarity=0.0)
    decision = decide(document, (), model, unsure_heads)
    assert (decision.department, decision.method) == (kept[0][1], "model")
    forgetful = unsure_heads.model_copy(update={"example_similarity": 1.01})  # none is so like it
    assert decide(document, (), model, forgetful).department is None


def test_ngrams_most_remembered_letters_share_are_left_out() -> None:
    training = [(f"Stadtverwaltung {text}", office) for text, office in letters(4, 20)]
    model = train_classifier(
        [t for t, _ in training], [(o, "Brief") for _, o in training], remember=[True] * 60
    )
    memory = model.model.memory
    assert memory is not None
    shared = model.model.vocabularies[0].ids("stadtverwaltung")  # in all 60 letters
    rare = model.model.vocabularies[0].ids("sandarium")  # in some of the 20 letters of 67
    assert memory.starts[shared + 1] - memory.starts[shared] == 0
    assert 0 < (memory.starts[rare + 1] - memory.starts[rare])[0] <= 20
    match = model.model.nearest_letter(training[45][0])
    assert match is not None and match.label == "67" and match.similarity > 0.9
