"""The text classifier: features, estimator, the two facets, and safe persistence.

``TextClassifier`` follows scikit-learn conventions on ``list[str]``: TF-IDF over
word 1–2-grams plus character 3–5-grams inside word boundaries (robust to OCR
errors such as "Bauantrag" read as "Bauantrug"), a linear SVM, and probabilities
calibrated by cross-validated Platt scaling so that "0.9" means right nine times in
ten. Platt's smoothed targets keep the probabilities bounded when the training data
separate perfectly; temperature scaling then turns every guess into certainty.
A 2-D ``y`` trains one head per column on shared features (the department and
document-type facets), so a document is vectorised only once.

``DocumentClassifier`` bundles the fitted estimator with its manifest.
``save_classifier``/``load_classifier`` write and check model + manifest: format
version, scikit-learn version and the model file's sha256 must match, otherwise
``ModelError`` says what to do.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Self

import joblib
import numpy as np
import sklearn
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, ValidationError
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from semantha.errors import ModelError
from semantha.fsutil import atomic_write_bytes, file_sha256
from semantha.records import Document, Score

FORMAT_VERSION = 1
FACETS = ("department", "doctype")
WORD_CACHE_SIZE = 200_000
UNROUTABLE = ""
"""The department label of mail no office should receive (adverts, misdirected post)."""

REBUILD_HINT = (
    "rebuild it with `make model` or `semantha train --data DIR`, "
    "or set classify.mode: rules-only in config.yaml to run without a model"
)

FloatArray = NDArray[np.float64]
Estimator = Literal["svm", "logreg"]


def model_text(text: str, fields: Mapping[str, str] | None = None) -> str:
    """The classifier's input: extracted fields first, then the page text.

    Training rows and live documents both go through here, so both look alike to
    the model. Repeating subject and recipient weights the lines that name the matter;
    the office number found by extraction (often the Aktenzeichen's prefix) becomes one
    token, so the model learns from data how far to trust it.
    """
    fields = fields or {}
    head = [fields[key] for key in ("recipient", "subject") if fields.get(key)]
    if fields.get("office_number"):
        head.append(f"office_number_{fields['office_number']}")
    return "\n".join([*head, text])


def document_text(document: Document) -> str:
    """The model input for a document read by the pipeline."""
    return model_text(document.text, document.fields)


@dataclass(frozen=True)
class LinearHead:
    """One facet's fitted linear model, kept as plain arrays for fast scoring.

    ``platt`` holds one (a, b) pair per decision column: probability
    ``1 / (1 + exp(a * d + b))`` for decision value ``d``, normalised over the
    classes (scikit-learn's CalibratedClassifierCV with ``ensemble=False``,
    computed without its per-call input validation). Without ``platt`` the
    decision values are turned into probabilities by softmax (logistic regression).
    """

    weights: NDArray[np.float32]  # (n_features, n_columns); one column when binary
    intercept: FloatArray  # (n_columns,)
    platt: FloatArray | None  # (n_columns, 2) or None
    n_classes: int

    @classmethod
    def calibrated(cls, model: CalibratedClassifierCV) -> LinearHead:
        (calibrated,) = model.calibrated_classifiers_
        base = calibrated.estimator
        platt = np.array([[c.a_, c.b_] for c in calibrated.calibrators], dtype=np.float64)
        weights = np.ascontiguousarray(base.coef_.T, dtype=np.float32)
        return cls(
            weights, np.asarray(base.intercept_, dtype=np.float64), platt, len(base.classes_)
        )

    @classmethod
    def softmax(cls, model: LogisticRegression) -> LinearHead:
        weights = np.ascontiguousarray(model.coef_.T, dtype=np.float32)
        return cls(
            weights, np.asarray(model.intercept_, dtype=np.float64), None, len(model.classes_)
        )

    def proba(self, index: NDArray[np.int64], values: FloatArray) -> FloatArray:
        decision = values @ self.weights[index] + self.intercept
        if self.platt is None:
            if self.n_classes == 2:
                decision = np.array([0.0, decision[0]])
            exp = np.exp(decision - decision.max())
            return exp / exp.sum()  # type: ignore[no-any-return]
        calibrated = 1.0 / (1.0 + np.exp(self.platt[:, 0] * decision + self.platt[:, 1]))
        if self.n_classes == 2:
            return np.array([1.0 - calibrated[0], calibrated[0]])
        total = calibrated.sum()
        if total == 0:
            return np.full(self.n_classes, 1.0 / self.n_classes)
        return calibrated / total  # type: ignore[no-any-return]


def char_wb_ngrams(word: str, shortest: int, longest: int) -> list[str]:
    """Character n-grams of one word padded with spaces, as TfidfVectorizer's "char_wb"."""
    padded = f" {word} "
    grams = []
    for n in range(shortest, longest + 1):
        grams += [padded[i : i + n] for i in range(max(1, len(padded) - n + 1))]
        if len(padded) <= n:
            break  # a short word counts once, not once per n
    return grams


class _Vocabulary:
    """Feature ids of one fitted TfidfVectorizer for a text (rebuilt after loading).

    Word-bounded character n-grams depend on the word alone, so they are looked up
    once per distinct word and cached: most words of a letter were seen before.
    """

    def __init__(self, vectorizer: TfidfVectorizer, offset: int) -> None:
        self.index: dict[str, int] = vectorizer.vocabulary_
        self.idf: FloatArray = vectorizer.idf_
        self.offset = offset
        self.by_word = vectorizer.analyzer == "char_wb"
        self.ngram_range: tuple[int, int] = vectorizer.ngram_range
        self.analyze: Callable[[str], Any] = (
            vectorizer.build_preprocessor() if self.by_word else vectorizer.build_analyzer()
        )
        self.words: dict[str, NDArray[np.int64]] = {}

    def ids(self, text: str) -> NDArray[np.int64]:
        """The feature id of every n-gram of ``text`` in the vocabulary, with repeats."""
        if not self.by_word:
            found = [i for i in map(self.index.get, self.analyze(text)) if i is not None]
            return np.array(found, dtype=np.int64)
        parts = [self._word_ids(word) for word in self.analyze(text).split()]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def _word_ids(self, word: str) -> NDArray[np.int64]:
        ids = self.words.get(word)
        if ids is None:
            if len(self.words) >= WORD_CACHE_SIZE:
                self.words.clear()
            grams = char_wb_ngrams(word, *self.ngram_range)
            ids = np.array([i for i in map(self.index.get, grams) if i is not None], dtype=np.int64)
            self.words[word] = ids
        return ids


class TextClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Calibrated linear text classifier on word and character n-grams.

    ``y`` may be 1-D (one facet) or 2-D (one column per facet, shared features);
    then ``classes_`` and ``predict_proba`` return one entry per column, as
    scikit-learn's multi-output classifiers do.
    """

    def __init__(
        self,
        estimator: Estimator = "svm",
        C: float = 1.0,  # noqa: N803 (scikit-learn's name)
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] | None = (3, 5),
        min_df: int = 2,
        max_chars: int = 4000,
        cv: int = 3,
    ) -> None:
        self.estimator = estimator
        self.C = C
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_chars = max_chars
        self.cv = cv

    def _vectorizers(self, n_docs: int) -> list[TfidfVectorizer]:
        min_df = self.min_df if n_docs > 4 * self.min_df else 1
        vectorizers = [
            TfidfVectorizer(
                ngram_range=self.word_ngrams, min_df=min_df, sublinear_tf=True, dtype=np.float32
            )
        ]
        if self.char_ngrams is not None:
            vectorizers.append(
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=self.char_ngrams,
                    min_df=min_df,
                    sublinear_tf=True,
                    dtype=np.float32,
                )
            )
        return vectorizers

    def _head(self, features: sparse.csr_matrix, labels: NDArray[Any]) -> LinearHead | None:
        _, counts = np.unique(labels, return_counts=True)
        if len(counts) == 1:
            return None  # a facet with one label needs no estimator: probability 1
        folds = min(self.cv, int(counts.min()))
        if folds < 2:
            # Some label has a single example, nothing to hold out for calibration:
            # logistic regression still gives probabilities. Only tiny sets end up here.
            return LinearHead.softmax(
                LogisticRegression(C=self.C, max_iter=2000).fit(features, labels)
            )
        base: Any = (
            LinearSVC(C=self.C)
            if self.estimator == "svm"
            else LogisticRegression(C=self.C, max_iter=2000)
        )
        model = CalibratedClassifierCV(base, method="sigmoid", cv=folds, ensemble=False)
        return LinearHead.calibrated(model.fit(features, labels))

    def fit(self, X: Sequence[str], y: Sequence[str] | Sequence[Sequence[str]]) -> Self:  # noqa: N803
        texts = [t[: self.max_chars] for t in X]
        labels = np.asarray(y, dtype=object)
        if labels.shape[0] != len(texts):
            raise ValueError(f"{len(texts)} texts but {labels.shape[0]} labels")
        self.n_outputs_ = 1 if labels.ndim == 1 else labels.shape[1]
        columns = labels.reshape(len(texts), self.n_outputs_).astype(str)
        self.vectorizers_ = [v.fit(texts) for v in self._vectorizers(len(texts))]
        features = sparse.hstack([v.transform(texts) for v in self.vectorizers_], format="csr")
        self.heads_ = [self._head(features, columns[:, col]) for col in range(self.n_outputs_)]
        classes = [np.unique(columns[:, col]).astype(object) for col in range(self.n_outputs_)]
        self.classes_: NDArray[Any] | list[NDArray[Any]] = (
            classes[0] if labels.ndim == 1 else classes
        )
        return self

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_vocabulary_cache", None)  # analyzers are closures: rebuilt on first use
        return state

    def _vocabularies(self) -> list[_Vocabulary]:
        cached: list[_Vocabulary] | None = self.__dict__.get("_vocabulary_cache")
        if cached is None:
            cached, offset = [], 0
            for vectorizer in self.vectorizers_:
                cached.append(_Vocabulary(vectorizer, offset))
                offset += len(vectorizer.vocabulary_)
            self.__dict__["_vocabulary_cache"] = cached
        return cached

    def features(self, text: str) -> tuple[NDArray[np.int64], FloatArray]:
        """Column indices and TF-IDF values of one text (what TfidfVectorizer.transform gives)."""
        indices, values = [], []
        for vocabulary in self._vocabularies():
            ids = vocabulary.ids(text)
            if not ids.size:
                continue
            index, tf = np.unique(ids, return_counts=True)
            value = (1.0 + np.log(tf)) * vocabulary.idf[index]
            indices.append(index + vocabulary.offset)
            values.append(value / np.linalg.norm(value))
        if not indices:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return np.concatenate(indices), np.concatenate(values)

    def _proba_one(self, text: str) -> list[FloatArray]:
        index, values = self.features(text[: self.max_chars])
        return [np.ones(1) if head is None else head.proba(index, values) for head in self.heads_]

    def predict_proba(self, X: Sequence[str]) -> FloatArray | list[FloatArray]:  # noqa: N803
        check_is_fitted(self, "heads_")
        rows = [self._proba_one(text) for text in X]
        probas = [np.vstack([row[col] for row in rows]) for col in range(self.n_outputs_)]
        return probas if isinstance(self.classes_, list) else probas[0]

    def predict(self, X: Sequence[str]) -> NDArray[Any]:  # noqa: N803
        probas = self.predict_proba(X)
        if isinstance(probas, list):
            assert isinstance(self.classes_, list)
            return np.column_stack(
                [c[p.argmax(axis=1)] for c, p in zip(self.classes_, probas, strict=True)]
            )
        classes = self.classes_
        assert not isinstance(classes, list)
        return classes[probas.argmax(axis=1)]  # type: ignore[no-any-return]

    def score_one(self, text: str) -> list[FloatArray]:
        """Probabilities of every facet for one text: the fast path of classification."""
        check_is_fitted(self, "heads_")
        return self._proba_one(text)


class Manifest(BaseModel):
    """What is known about a saved model; written next to it as JSON."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: int
    sklearn_version: str
    facets: tuple[str, ...]
    labels: dict[str, list[str]]
    training_data_sha256: str
    n_train: int
    params: dict[str, Any]
    metrics: dict[str, Any]
    created: str
    model_sha256: str = ""


def top_scores(
    classes: Sequence[str] | NDArray[Any], proba: FloatArray, k: int = 3
) -> tuple[Score, ...]:
    order = np.argsort(-proba, kind="stable")[:k]
    return tuple(Score(str(classes[i]), float(proba[i])) for i in order)


@dataclass(frozen=True)
class FacetScores:
    """All labels of one facet with their probabilities, best first."""

    scores: tuple[Score, ...]

    def top(self, k: int = 3) -> tuple[Score, ...]:
        return self.scores[:k]

    def among(self, labels: Iterable[str]) -> tuple[Score, ...]:
        wanted = set(labels)
        return tuple(s for s in self.scores if s.label in wanted)


@dataclass(frozen=True)
class DocumentClassifier:
    """The department and document-type facets of one trained model, with its manifest."""

    estimator: TextClassifier
    manifest: Manifest

    def score_text(self, text: str) -> dict[str, FacetScores]:
        probas = self.estimator.score_one(text)
        classes = self.estimator.classes_
        assert isinstance(classes, list)
        return {
            facet: FacetScores(top_scores(labels, proba, k=len(labels)))
            for facet, labels, proba in zip(FACETS, classes, probas, strict=True)
        }

    def score(self, document: Document) -> dict[str, FacetScores]:
        return self.score_text(document_text(document))


def training_data_sha256(texts: Sequence[str], labels: Sequence[Sequence[str]]) -> str:
    digest = hashlib.sha256()
    for text, row in zip(texts, labels, strict=True):
        digest.update(json.dumps([text, *row], ensure_ascii=False).encode())
    return digest.hexdigest()


def train_classifier(
    texts: Sequence[str],
    labels: Sequence[tuple[str, str]],
    metrics: dict[str, Any] | None = None,
    estimator: TextClassifier | None = None,
) -> DocumentClassifier:
    """Fit both facets on model texts and (department, doctype) pairs."""
    if len(texts) < 2:
        raise ModelError(
            f"only {len(texts)} labelled document(s)", "give at least two labelled documents"
        )
    fitted = (estimator or TextClassifier()).fit(list(texts), [list(row) for row in labels])
    classes = fitted.classes_
    assert isinstance(classes, list)
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        sklearn_version=sklearn.__version__,
        facets=FACETS,
        labels={f: [str(c) for c in cls] for f, cls in zip(FACETS, classes, strict=True)},
        training_data_sha256=training_data_sha256(texts, labels),
        n_train=len(texts),
        params={k: v for k, v in fitted.get_params().items()},
        metrics=metrics or {},
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return DocumentClassifier(fitted, manifest)


def manifest_path(model_path: Path) -> Path:
    """models/classifier.joblib -> models/classifier.manifest.json"""
    return model_path.with_name(model_path.stem + ".manifest.json")


def save_classifier(classifier: DocumentClassifier, path: Path) -> Manifest:
    """Write model then manifest (with the model's sha256), each atomically."""
    buffer = io.BytesIO()
    joblib.dump(classifier.estimator, buffer, compress=3)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, buffer.getvalue())
    manifest = classifier.manifest.model_copy(update={"model_sha256": file_sha256(path)})
    atomic_write_bytes(manifest_path(path), (manifest.model_dump_json(indent=2) + "\n").encode())
    return manifest


def read_manifest(path: Path) -> Manifest:
    """The manifest of the model at ``path``; ModelError when missing or unreadable."""
    where = manifest_path(path)
    if not path.is_file():
        raise ModelError(f"model file {path} not found", REBUILD_HINT)
    try:
        return Manifest.model_validate_json(where.read_bytes())
    except FileNotFoundError as exc:
        raise ModelError(f"model manifest {where} not found", REBUILD_HINT) from exc
    except ValidationError as exc:
        raise ModelError(f"model manifest {where} is not valid: {exc}", REBUILD_HINT) from exc


def _check_manifest(manifest: Manifest, path: Path) -> None:
    if manifest.format_version != FORMAT_VERSION:
        raise ModelError(
            f"model {path} has format version {manifest.format_version}, "
            f"this Semantha reads version {FORMAT_VERSION}",
            REBUILD_HINT,
        )
    if manifest.sklearn_version != sklearn.__version__:
        # Pickled estimators are only guaranteed to work with the version that wrote them.
        raise ModelError(
            f"model {path} was trained with scikit-learn {manifest.sklearn_version}, "
            f"installed is {sklearn.__version__}",
            REBUILD_HINT,
        )
    if tuple(manifest.facets) != FACETS:
        raise ModelError(
            f"model {path} has facets {manifest.facets}, expected {FACETS}", REBUILD_HINT
        )
    actual = file_sha256(path)
    if actual != manifest.model_sha256:
        raise ModelError(
            f"model {path} does not match its manifest (sha256 {actual[:12]}…, "
            f"manifest says {manifest.model_sha256[:12]}…): the file is corrupt or was replaced",
            REBUILD_HINT,
        )


def load_classifier(path: Path) -> DocumentClassifier:
    """Load and check a saved model; ModelError says what is wrong and what to do."""
    manifest = read_manifest(path)
    _check_manifest(manifest, path)
    try:
        estimator = joblib.load(path)
    except Exception as exc:  # joblib/pickle raise many types for a damaged file
        raise ModelError(f"model {path} cannot be read: {exc}", REBUILD_HINT) from exc
    if not isinstance(estimator, TextClassifier) or not all(
        head is None or isinstance(head, LinearHead) for head in getattr(estimator, "heads_", [0])
    ):
        raise ModelError(f"model {path} is not a classifier this Semantha can use", REBUILD_HINT)
    return DocumentClassifier(estimator, manifest)
