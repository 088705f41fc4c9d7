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
from collections.abc import Iterable, Sequence
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
from semantha.fsutil import atomic_write_bytes
from semantha.records import Document, Score

FORMAT_VERSION = 1
FACETS = ("department", "doctype")
UNROUTABLE = ""
"""The department label of mail no office should receive (adverts, misdirected post)."""

REBUILD_HINT = (
    "rebuild it with `make model` or `semantha train --data DIR`, "
    "or set classify.mode: rules-only in config.yaml to run without a model"
)

FloatArray = NDArray[np.float64]
Estimator = Literal["svm", "logreg"]
Calibration = Literal["sigmoid", "temperature", "isotonic"]


def model_text(text: str, fields: dict[str, str] | None = None) -> str:
    """The classifier's input: the subject and recipient lines first, then the page text.

    Training rows and live documents both go through here, so both look alike to
    the model. Repeating subject and recipient weights the lines that name the matter.
    """
    fields = fields or {}
    head = [fields[key] for key in ("recipient", "subject") if fields.get(key)]
    return "\n".join([*head, text])


def document_text(document: Document) -> str:
    """The model input for a document read by the pipeline."""
    return model_text(document.text, dict(document.fields))


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
        calibration: Calibration = "sigmoid",
        cv: int = 3,
    ) -> None:
        self.estimator = estimator
        self.C = C
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_chars = max_chars
        self.calibration = calibration
        self.cv = cv

    def _clip(self, texts: Iterable[str]) -> list[str]:
        # The routing evidence sits at the top of a letter; long appendices only cost time.
        return [t[: self.max_chars] for t in texts]

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

    def _features(self, texts: list[str]) -> sparse.csr_matrix:
        parts = [v.transform(texts) for v in self.vectorizers_]
        return sparse.hstack(parts, format="csr") if len(parts) > 1 else parts[0]

    def _head(self, features: sparse.csr_matrix, labels: NDArray[Any]) -> Any:
        classes, counts = np.unique(labels, return_counts=True)
        if len(classes) == 1:
            return None  # a facet with one label needs no estimator: probability 1
        base: Any = (
            LinearSVC(C=self.C)
            if self.estimator == "svm"
            else LogisticRegression(C=self.C, max_iter=2000)
        )
        folds = min(self.cv, int(counts.min()))
        if folds < 2:
            # Some label has a single example, nothing to hold out for calibration:
            # logistic regression still gives probabilities. Only tiny sets end up here.
            return LogisticRegression(C=self.C, max_iter=2000).fit(features, labels)
        return CalibratedClassifierCV(base, method=self.calibration, cv=folds, ensemble=False).fit(
            features, labels
        )

    def fit(self, X: Sequence[str], y: Sequence[str] | Sequence[Sequence[str]]) -> Self:  # noqa: N803
        texts = self._clip(X)
        labels = np.asarray(y, dtype=object)
        if labels.shape[0] != len(texts):
            raise ValueError(f"{len(texts)} texts but {labels.shape[0]} labels")
        self.n_outputs_ = 1 if labels.ndim == 1 else labels.shape[1]
        columns = labels.reshape(len(texts), self.n_outputs_)
        self.vectorizers_ = [v.fit(texts) for v in self._vectorizers(len(texts))]
        features = self._features(texts)
        self.heads_ = []
        classes = []
        for col in range(self.n_outputs_):
            column = columns[:, col].astype(str)
            self.heads_.append(self._head(features, column))
            classes.append(np.unique(column).astype(object))
        self.classes_: NDArray[Any] | list[NDArray[Any]] = (
            classes[0] if labels.ndim == 1 else classes
        )
        return self

    def _head_proba(self, head: Any, features: sparse.csr_matrix) -> FloatArray:
        if head is None:
            return np.ones((features.shape[0], 1))
        proba: FloatArray = head.predict_proba(features)
        return proba

    def predict_proba(self, X: Sequence[str]) -> FloatArray | list[FloatArray]:  # noqa: N803
        check_is_fitted(self, "heads_")
        features = self._features(self._clip(X))
        probas = [self._head_proba(head, features) for head in self.heads_]
        return probas[0] if self.n_outputs_ == 1 and not isinstance(self.classes_, list) else probas

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
        probas = self.estimator.predict_proba([text])
        classes = self.estimator.classes_
        assert isinstance(probas, list) and isinstance(classes, list)
        return {
            facet: FacetScores(top_scores(labels, proba[0], k=len(labels)))
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


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


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
    if not isinstance(estimator, TextClassifier):
        raise ModelError(f"model {path} holds a {type(estimator).__name__}", REBUILD_HINT)
    return DocumentClassifier(estimator, manifest)
