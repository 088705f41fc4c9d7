"""TextClassifier conventions, DocumentClassifier scores, and checked persistence."""

from __future__ import annotations

import hashlib
import json
import mmap
import random
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
import sklearn
from imports import imported_after
from scipy import sparse
from sklearn.base import clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from semantha.deciding.model import (
    FACETS,
    WORD_PATTERN,
    DocumentClassifier,
    Vocabulary,
    char_wb_ngrams,
    document_text,
    load_classifier,
    manifest_path,
    model_text,
    save_classifier,
    word_ngrams,
)
from semantha.deciding.training import TextClassifier, calibrated_head, train_classifier
from semantha.errors import ModelError
from semantha.reading.extract import extract_fields
from semantha.records import Document, Page, frozen_map

MODEL = Path(__file__).resolve().parents[2] / "models" / "classifier.npz"

TOPICS = {
    ("63", "Antrag"): "Bauantrag Baugenehmigung Carport Garage Grundstück Bauvoranfrage Abbruch",
    ("22", "Bescheid"): "Hundesteuer Grundsteuer Gewerbesteuer Steuerbescheid Veranlagung",
    ("21", "Mahnung"): "Mahnung Zahlungserinnerung Rückstand Säumniszuschlag Vollstreckung",
    ("", ""): "Angebot Rabatt Katalog Werbung Sonderaktion Gewinnspiel Newsletter",
}


def letters(per_topic: int = 10, seed: int = 1) -> tuple[list[str], list[tuple[str, str]]]:
    """Small hand-made letters: a greeting, topic words in random order, a closing."""
    rng = random.Random(seed)
    texts, labels = [], []
    for label, words in TOPICS.items():
        vocabulary = words.split()
        for _ in range(per_topic):
            body = " ".join(rng.choice(vocabulary) for _ in range(20))
            texts.append(f"Sehr geehrte Damen und Herren,\n{body}\nMit freundlichen Grüßen")
            labels.append(label)
    return texts, labels


@pytest.fixture(scope="module")
def trained() -> DocumentClassifier:
    texts, labels = letters()
    return train_classifier(texts, labels)


def test_fit_follows_scikit_learn_conventions() -> None:
    texts, labels = letters()
    departments = [d for d, _ in labels]
    estimator = TextClassifier()
    assert estimator.fit(texts, departments) is estimator
    assert list(estimator.classes_) == sorted(set(departments))
    proba = estimator.predict_proba(texts[:3])
    assert isinstance(proba, np.ndarray)
    assert proba.shape == (3, len(set(departments)))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert list(estimator.predict(texts[:1])) == [departments[0]]
    assert clone(estimator).get_params() == estimator.get_params()


def test_two_facets_share_features_and_return_one_array_each() -> None:
    texts, labels = letters()
    estimator = TextClassifier().fit(texts, [list(row) for row in labels])
    probas = estimator.predict_proba(texts[:2])
    assert isinstance(probas, list) and len(probas) == 2
    assert isinstance(estimator.classes_, list)
    assert [len(c) for c in estimator.classes_] == [p.shape[1] for p in probas]
    assert estimator.predict(texts[:1]).tolist() == [list(labels[0])]


def test_fast_features_equal_tfidf_vectorizer_output() -> None:
    texts, labels = letters()
    estimator = TextClassifier().fit(texts, [d for d, _ in labels])
    text = "Bauantrag fur eine Garage, Bauantrug (OCR) und Rückstand! a b"
    reference = sparse.hstack([v.transform([text]) for v in estimator.vectorizers_]).toarray()[0]
    index, values = estimator.features(text)
    fast = np.zeros_like(reference, dtype=np.float64)
    fast[index] = values
    np.testing.assert_allclose(fast, reference, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("word", ["a", "ab", "Amt", "Bauantrag", "Grünflächenamt"])
def test_char_ngrams_match_scikit_learn(word: str) -> None:
    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False)
    assert char_wb_ngrams(word, 3, 5) == analyzer.build_analyzer()(word)


def test_word_ngrams_match_scikit_learn() -> None:
    analyzer = TfidfVectorizer(ngram_range=(1, 2)).build_analyzer()
    text = "Antrag auf Förderung, Az. 32.1-BG-4711/24: bitte prüfen"
    tokens = WORD_PATTERN.findall(text.lower())
    assert sorted(word_ngrams(tokens, 1, 2)) == sorted(analyzer(text))


def test_fast_calibrated_head_equals_calibrated_classifier() -> None:
    texts, labels = letters()
    departments = np.array([d for d, _ in labels])
    features = TfidfVectorizer().fit_transform(texts)
    for y in (departments, departments == "63"):  # multi-class and binary
        model = CalibratedClassifierCV(
            LinearSVC(random_state=0), method="sigmoid", cv=3, ensemble=False
        ).fit(features, y)
        head = calibrated_head(model)
        for row in range(0, len(texts), 7):
            vector = features[row]
            fast = head.proba(vector.indices.astype(np.int64), vector.data)
            np.testing.assert_allclose(fast, model.predict_proba(vector)[0], rtol=1e-5)


def test_unfitted_classifier_refuses_to_predict() -> None:
    with pytest.raises(NotFittedError):
        TextClassifier().predict_proba(["Bauantrag"])


def test_label_with_a_single_example_still_gives_probabilities() -> None:
    texts, labels = letters(per_topic=3)
    texts.append("Eheschließung Standesamt Trauung")
    departments = [d for d, _ in labels] + ["34"]
    proba = TextClassifier().fit(texts, departments).predict_proba(["Trauung Standesamt"])
    assert isinstance(proba, np.ndarray)
    assert proba.sum() == pytest.approx(1.0)


def test_clear_text_scores_its_topic_first(trained: DocumentClassifier) -> None:
    scores = trained.score_text("Bauantrag für eine Garage auf dem Grundstück")
    assert scores["department"].top()[0].label == "63"
    assert scores["doctype"].top()[0].label == "Antrag"
    assert len(scores["department"].top()) == 3


def test_ambiguous_text_gets_no_confident_probability(trained: DocumentClassifier) -> None:
    # Half building permit, half dog tax: calibrated probabilities must not claim certainty.
    mixed = trained.score_text(
        "Bauantrag Carport Grundstück Hundesteuer Veranlagung Steuerbescheid"
    )
    best, second = mixed["department"].top()[:2]
    assert best.probability < 0.8
    assert {best.label, second.label} == {"63", "22"}
    unrelated = trained.score_text("Das Wetter war gestern schön und der Himmel blau")
    assert unrelated["department"].top()[0].probability < 0.8


def test_model_text_puts_recipient_and_subject_first() -> None:
    fields = {"subject": "Bauantrag Carport", "recipient": "Amt 63", "date": "2025-01-02"}
    assert model_text("Text", fields) == "Amt 63\nBauantrag Carport\nText"
    assert model_text("Text") == "Text"
    numbered = model_text("Text", {"aktenzeichen": "22-GS-18887", "office_number": "22"})
    assert numbered == "office_number_22\nText"
    page = Page(0, None, 300, text="Seite eins")
    document = Document("ab", Path("x.pdf"), datetime.now(UTC), (page,), frozen_map(fields))
    assert document_text(document) == "Amt 63\nBauantrag Carport\nSeite eins"


def test_the_senders_reference_is_not_read_as_the_office_it_looks_like() -> None:
    rng = random.Random(3)
    fines = ["Bußgeld", "Parkverstoß", "Anhörung", "Verwarnung", "Zahlung", "Frist"]
    meadow = ["Blühwiese", "Rasen", "Teichufer", "Patenschaft", "Wildblumen", "Mahd"]
    texts = [
        f"Ihr Zeichen: 32-OW-{rng.randrange(100, 999)}/26\n{' '.join(rng.sample(fines, 4))}"
        for _ in range(12)
    ] + [" ".join(rng.sample(meadow, 4)) for _ in range(12)]
    model = train_classifier(texts, [("32", "Brief")] * 12 + [("67", "Brief")] * 12)
    letter = "Stadt Musterstadt\nUnser Zeichen: 32-OW-761/26\n\nBlühwiese statt Rasen am Teichufer"
    page = Page(0, None, 300, text=letter)
    document = Document("ab", Path("x.pdf"), datetime.now(UTC), (page,))
    document = replace(document, fields=extract_fields(document.pages))

    assert "32-OW" not in document_text(document)
    read = model.score(document)["department"].top()[0]
    unmasked = model.score_text(model_text(letter))["department"].top()[0]
    assert read.label == "67" and read.probability > unmasked.probability


def test_save_and_load_round_trip(trained: DocumentClassifier, tmp_path: Path) -> None:
    path = tmp_path / "models" / "classifier.npz"
    manifest = save_classifier(trained, path)
    written = json.loads(manifest_path(path).read_text())
    assert written["model_sha256"] == manifest.model_sha256 != ""
    assert written["sklearn_version"] == sklearn.__version__
    assert written["labels"]["department"] == ["", "21", "22", "63"]
    assert tuple(written["facets"]) == FACETS
    loaded = load_classifier(path)
    text = "Mahnung wegen Rückstand"
    assert loaded.score_text(text) == trained.score_text(text)
    assert not list(path.parent.glob(".semantha-*"))  # no temp files left behind


def _saved(trained: DocumentClassifier, tmp_path: Path) -> Path:
    path = tmp_path / "classifier.npz"
    save_classifier(trained, path)
    return path


def _edit_manifest(path: Path, **changes: object) -> None:
    where = manifest_path(path)
    data = json.loads(where.read_text())
    data.update(changes)
    where.write_text(json.dumps(data))


def test_corrupt_model_file_is_refused(trained: DocumentClassifier, tmp_path: Path) -> None:
    path = _saved(trained, tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="corrupt") as info:
        load_classifier(path)
    assert "semantha train" in info.value.hint and "rules-only" in info.value.hint


def test_a_model_trained_with_another_scikit_learn_still_loads(
    trained: DocumentClassifier, tmp_path: Path
) -> None:
    # The file holds arrays, not pickled estimators: the training library's version
    # is a record, not a condition.
    path = _saved(trained, tmp_path)
    _edit_manifest(path, sklearn_version="0.24.2")
    text = "Mahnung wegen Rückstand"
    assert load_classifier(path).score_text(text) == trained.score_text(text)


def test_the_model_file_holds_no_pickled_objects(
    trained: DocumentClassifier, tmp_path: Path
) -> None:
    path = _saved(trained, tmp_path)
    with np.load(path, allow_pickle=False) as arrays:
        assert all(arrays[name].dtype != object for name in arrays.files)
    # A file with a pickled object in it is refused, even with a matching checksum.
    np.savez(path, about=np.array([{"vocabularies": []}], dtype=object))
    _reseal(path)
    with pytest.raises(ModelError, match="cannot be read"):
        load_classifier(path)


def _reseal(path: Path) -> None:
    """Give the manifest the file's checksum, so that only the content is wrong."""
    _edit_manifest(path, model_sha256=hashlib.sha256(path.read_bytes()).hexdigest())


def test_loaded_arrays_are_mapped_from_the_file_not_copied(
    trained: DocumentClassifier, tmp_path: Path
) -> None:
    loaded = load_classifier(_saved(trained, tmp_path))
    arrays = [loaded.model.vocabularies[0].hashes, loaded.model.heads[0].weights]  # type: ignore[union-attr]
    for array in arrays:
        owner = array
        while isinstance(owner, np.ndarray):  # views of views: the last base owns the bytes
            owner = owner.base
        owner = owner.obj if isinstance(owner, memoryview) else owner
        assert isinstance(owner, mmap.mmap) and not array.flags.writeable


def test_a_compressed_model_file_is_refused(trained: DocumentClassifier, tmp_path: Path) -> None:
    path = _saved(trained, tmp_path)
    with np.load(path) as arrays:
        members = {name: arrays[name] for name in arrays.files}
    np.savez_compressed(path, **members)
    _reseal(path)
    with pytest.raises(ModelError, match="not an uncompressed array"):
        load_classifier(path)


def test_vocabulary_hashes_find_exactly_the_known_ngrams() -> None:
    terms = {"amt": 2, "bauantrag": 0, "garage": 1}
    vocabulary = Vocabulary.of_terms("word", (1, 1), terms, np.ones(3))
    assert list(vocabulary.ids("Garage Amt Garage Carport")) == [1, 2, 1]
    with pytest.raises(ValueError, match="columns"):
        Vocabulary.of_terms("word", (1, 1), {"amt": 0, "garage": 2}, np.ones(2))


def test_scoring_does_not_import_scikit_learn() -> None:
    code = (
        "from pathlib import Path\n"
        "from semantha.deciding.model import load_classifier\n"
        "from semantha.pipeline import process_file\n"
        f"model = load_classifier(Path({str(MODEL)!r}))\n"
        "model.score_text('Bauantrag für eine Garage')\n"
    )
    assert imported_after(code, ("sklearn", "scipy")) == []


def test_other_format_version_is_refused(trained: DocumentClassifier, tmp_path: Path) -> None:
    path = _saved(trained, tmp_path)
    _edit_manifest(path, format_version=99)
    with pytest.raises(ModelError, match="format version 99"):
        load_classifier(path)


def test_missing_or_broken_manifest_is_refused(trained: DocumentClassifier, tmp_path: Path) -> None:
    path = _saved(trained, tmp_path)
    manifest_path(path).write_text("{not json")
    with pytest.raises(ModelError, match="not valid"):
        load_classifier(path)
    manifest_path(path).unlink()
    with pytest.raises(ModelError, match=r"manifest .* not found"):
        load_classifier(path)


def test_missing_model_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        load_classifier(tmp_path / "none.npz")


def test_training_needs_at_least_two_documents() -> None:
    with pytest.raises(ModelError):
        train_classifier(["Bauantrag"], [("63", "Antrag")])
