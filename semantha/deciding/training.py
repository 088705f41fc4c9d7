"""Fitting the text classifier with scikit-learn: the only module of the service's
classifier that imports it, so that reading mail does not.

``TextClassifier`` follows scikit-learn conventions on ``list[str]``: TF-IDF over
word 1–2-grams plus character 3–5-grams inside word boundaries, a linear SVM, and
probabilities calibrated by cross-validated Platt scaling so that "0.9" means right
nine times in ten. Platt's smoothed targets keep the probabilities bounded when the
training data separate perfectly; temperature scaling then turns every guess into
certainty. A 2-D ``y`` trains one head per column on shared features (the department
and document-type facets), so a document is vectorised only once.

Fitting ends in ``model_``, the plain-data ``FittedModel`` that the service scores
with and ``save_classifier`` writes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, Literal, Self

import numpy as np
import sklearn
from numpy.typing import NDArray
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from semantha.deciding.lettermemory import LetterMemory
from semantha.deciding.model import (
    FACETS,
    FORMAT_VERSION,
    DocumentClassifier,
    FittedModel,
    FloatArray,
    LinearHead,
    Manifest,
    Vocabulary,
)
from semantha.errors import ModelError

Estimator = Literal["svm", "logreg"]


def calibrated_head(model: CalibratedClassifierCV) -> LinearHead:
    """The arrays of a CalibratedClassifierCV(ensemble=False) over a linear model."""
    (calibrated,) = model.calibrated_classifiers_
    base = calibrated.estimator
    platt = np.array([[c.a_, c.b_] for c in calibrated.calibrators], dtype=np.float64)
    weights = np.ascontiguousarray(base.coef_.T, dtype=np.float32)
    return LinearHead(
        weights, np.asarray(base.intercept_, dtype=np.float64), platt, len(base.classes_)
    )


def softmax_head(model: LogisticRegression) -> LinearHead:
    weights = np.ascontiguousarray(model.coef_.T, dtype=np.float32)
    return LinearHead(
        weights, np.asarray(model.intercept_, dtype=np.float64), None, len(model.classes_)
    )


def vocabulary_of(vectorizer: TfidfVectorizer) -> Vocabulary:
    """A fitted vectorizer's vocabulary and IDF, for the settings ``Vocabulary`` reproduces."""
    reproduced = (
        vectorizer.analyzer in ("word", "char_wb")
        and vectorizer.lowercase
        and vectorizer.strip_accents is None
        and vectorizer.preprocessor is None
        and vectorizer.tokenizer is None
        and vectorizer.stop_words is None
        and vectorizer.token_pattern == r"(?u)\b\w\w+\b"
        and vectorizer.sublinear_tf
        and vectorizer.use_idf
        and vectorizer.norm == "l2"
    )
    if not reproduced:
        raise ValueError(f"vectorizer settings the service cannot reproduce: {vectorizer}")
    terms = {str(term): int(column) for term, column in vectorizer.vocabulary_.items()}
    low, high = vectorizer.ngram_range
    idf = np.asarray(vectorizer.idf_, dtype=np.float64)
    return Vocabulary.of_terms(vectorizer.analyzer, (int(low), int(high)), terms, idf)


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
        tol: float = 1e-3,
    ) -> None:
        self.estimator = estimator
        self.C = C
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_chars = max_chars
        self.cv = cv
        # liblinear's default 1e-4 took 52 s for the department head on 7,150 letters,
        # 1e-3 36 s, with the same letters right and the same ones past min_confidence.
        self.tol = tol

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

    def _head(
        self, features: sparse.csr_matrix, labels: NDArray[Any], weights: FloatArray | None
    ) -> LinearHead | None:
        _, counts = np.unique(labels, return_counts=True)
        if len(counts) == 1:
            return None  # a facet with one label needs no estimator: probability 1
        folds = min(self.cv, int(counts.min()))
        if folds < 2:
            # Some label has a single example, nothing to hold out for calibration:
            # logistic regression still gives probabilities. Only tiny sets end up here.
            logistic = LogisticRegression(C=self.C, max_iter=2000)
            return softmax_head(logistic.fit(features, labels, sample_weight=weights))
        base: Any = (
            LinearSVC(C=self.C, tol=self.tol)
            if self.estimator == "svm"
            else LogisticRegression(C=self.C, max_iter=2000)
        )
        model = CalibratedClassifierCV(base, method="sigmoid", cv=folds, ensemble=False)
        return calibrated_head(model.fit(features, labels, sample_weight=weights))

    def fit(
        self,
        X: Sequence[str],  # noqa: N803
        y: Sequence[str] | Sequence[Sequence[str]],
        sample_weight: Sequence[float] | None = None,
        remember: Sequence[bool] | None = None,
    ) -> Self:
        """``sample_weight`` counts a text that many times (the city's own letters
        outweigh generated ones); the texts ``remember`` marks are kept, by the label
        of the first column, in the model's memory of letters (``deciding.lettermemory``)."""
        texts = [t[: self.max_chars] for t in X]
        labels = np.asarray(y, dtype=object)
        if labels.shape[0] != len(texts):
            raise ValueError(f"{len(texts)} texts but {labels.shape[0]} labels")
        self.n_outputs_ = 1 if labels.ndim == 1 else labels.shape[1]
        columns = labels.reshape(len(texts), self.n_outputs_).astype(str)
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        self.vectorizers_ = self._vectorizers(len(texts))
        matrices = [v.fit_transform(texts) for v in self.vectorizers_]  # one pass, not two
        features = sparse.hstack(matrices, format="csr")
        # liblinear lets go of the GIL while it fits: the heads are fitted side by side.
        workers = max(1, min(self.n_outputs_, os.cpu_count() or 1))
        with ThreadPoolExecutor(workers) as pool:
            heads = list(
                pool.map(
                    lambda col: self._head(features, columns[:, col], weights),
                    range(self.n_outputs_),
                )
            )
        classes = [np.unique(columns[:, col]).astype(object) for col in range(self.n_outputs_)]
        self.classes_: NDArray[Any] | list[NDArray[Any]] = (
            classes[0] if labels.ndim == 1 else classes
        )
        self.model_ = FittedModel(
            tuple(vocabulary_of(v) for v in self.vectorizers_),
            tuple(heads),
            tuple(tuple(str(label) for label in c) for c in classes),
            self.max_chars,
            None if remember is None else _memory(features, columns[:, 0], remember),
        )
        return self

    def features(self, text: str) -> tuple[NDArray[np.int64], FloatArray]:
        """Column indices and TF-IDF values of one text (what TfidfVectorizer.transform gives)."""
        check_is_fitted(self, "model_")
        return self.model_.features(text)

    def predict_proba(self, X: Sequence[str]) -> FloatArray | list[FloatArray]:  # noqa: N803
        check_is_fitted(self, "model_")
        rows = [self.model_.score_one(text) for text in X]
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


COMMON_SHARE, COMMON_LETTERS = 0.1, 20  # n-grams in more remembered letters are left out


def _memory(
    features: sparse.csr_matrix, labels: NDArray[Any], remember: Sequence[bool]
) -> LetterMemory | None:
    """The marked rows, at unit length, stored by column: the vectors the model scores
    with, taken from the matrix it was fitted on rather than computed again."""
    mask = np.asarray(remember, dtype=bool)
    if mask.shape != (features.shape[0],):
        raise ValueError(f"remember marks {mask.size} texts of {features.shape[0]}")
    if not mask.any():
        return None
    rows = sparse.csr_matrix(features[mask], dtype=np.float64)
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    rows = sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ rows
    by_column = sparse.csc_matrix(rows)
    # An n-gram most letters share says nothing about which one a letter is like, and
    # scoring its long list of letters would take most of the time: it is left out.
    shared_by = np.diff(by_column.indptr)
    common = shared_by > max(COMMON_SHARE * by_column.shape[0], COMMON_LETTERS)
    by_column = sparse.csc_matrix(by_column @ sparse.diags((~common).astype(np.float64)))
    by_column.eliminate_zeros()
    by_column.sort_indices()
    return LetterMemory.of_columns(
        by_column.indptr, by_column.indices, by_column.data, [str(x) for x in labels[mask]]
    )


def remembered_letters(
    model: FittedModel, texts: Sequence[str], labels: Sequence[str]
) -> LetterMemory | None:
    """A memory of ``texts`` (model texts) by office, in the features of a fitted
    ``model``: for teaching a model new letters without training it again."""
    vectors = [model.features(text[: model.max_chars]) for text in texts]
    lengths = [len(index) for index, _ in vectors]
    matrix = sparse.csr_matrix(
        (
            np.concatenate([values for _, values in vectors] or [np.zeros(0)]),
            np.concatenate([index for index, _ in vectors] or [np.zeros(0, dtype=np.int64)]),
            np.concatenate([[0], np.cumsum(lengths)]),
        ),
        shape=(len(texts), model.n_features),
    )
    return _memory(matrix, np.asarray(labels, dtype=object), [True] * len(texts))


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
    weights: Sequence[float] | None = None,
    remember: Sequence[bool] | None = None,
) -> DocumentClassifier:
    """Fit both facets on model texts and (department, doctype) pairs, each text
    counted ``weights[i]`` times (once without weights); the texts ``remember`` marks
    are kept in the model's memory of letters."""
    if len(texts) < 2:
        raise ModelError(
            f"only {len(texts)} labelled document(s)", "give at least two labelled documents"
        )
    fitted = (estimator or TextClassifier()).fit(
        list(texts), [list(row) for row in labels], sample_weight=weights, remember=remember
    )
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        sklearn_version=sklearn.__version__,
        facets=FACETS,
        labels={f: list(c) for f, c in zip(FACETS, fitted.model_.classes, strict=True)},
        training_data_sha256=training_data_sha256(texts, labels),
        n_train=len(texts),
        params={k: v for k, v in fitted.get_params().items()},
        metrics=metrics or {},
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return DocumentClassifier(fitted.model_, manifest)
