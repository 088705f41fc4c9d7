"""The trained text classifier as the service uses it: features, scores, persistence.

A fitted model (``FittedModel``) is plain data: per feature space its n-gram
vocabulary and IDF weights, per facet (department, document type) a linear head.
Scoring one text needs numpy alone, so the service never imports scikit-learn (0.6 s
and 60 MB per process); ``semantha.deciding.training`` fits the model with it.

A vocabulary is kept as sorted 64-bit hashes of its n-grams, not as a dict of
strings: 170,000 n-grams take 2 MB instead of 19 MB in every worker.

Features are TF-IDF over word 1–2-grams plus character 3–5-grams inside word
boundaries (robust to OCR errors such as "Bauantrag" read as "Bauantrug"), computed
exactly as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` does, one text at a
time and without a sparse matrix.

``save_classifier``/``load_classifier`` write and check model + manifest. The model
file is an uncompressed NumPy ``.npz`` of arrays and JSON, no pickled objects: loading
it cannot run code. Its arrays are memory-mapped, not copied: the workers of a
service share one copy in the page cache, and a worker holds only the weight rows its
documents touched. Format version and the file's sha256 must match the manifest,
otherwise ``ModelError`` says what to do.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import mmap
import re
import struct
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, Literal, get_args

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, ValidationError

from semantha.deciding.lettermemory import LetterMemory, Match
from semantha.errors import ModelError
from semantha.fsutil import atomic_write_bytes
from semantha.records import Document, Score

FORMAT_VERSION = 3  # 3: vocabularies as n-gram hashes, arrays memory-mapped
FACETS = ("department", "doctype")
UNROUTABLE = ""
"""The department label of mail no office should receive (adverts, misdirected post)."""

REBUILD_HINT = (
    "rebuild it with `make model` or `semantha train --data DIR`, "
    "or set classify.mode: rules-only in config.yaml to run without a model"
)
WORD_PATTERN = re.compile(r"(?u)\b\w\w+\b")  # TfidfVectorizer's default token_pattern
# Words that name things: letters only, four or more (not numbers, codes or "der").
CONTENT_WORD = re.compile(r"(?u)\b[^\W\d_]{4,}\b")

FloatArray = NDArray[np.float64]
FeatureKind = Literal["word", "char_wb"]
FEATURE_KINDS = get_args(FeatureKind)


def model_text(text: str, fields: Mapping[str, str] | None = None) -> str:
    """The classifier's input: extracted fields first, then the page text.

    Training rows and live documents both go through here, so both look alike to
    the model. Repeating subject and recipient weights the lines that name the matter;
    the office number found by extraction (often the Aktenzeichen's prefix) becomes one
    token, so the model learns from data how far to trust it. The sender's own reference
    ("Unser Zeichen: 32-OW-761/26") is left out: shaped like a city file number, its
    digits would count for an office that has nothing to do with the letter.
    """
    fields = fields or {}
    if fields.get("sender_reference"):
        text = text.replace(fields["sender_reference"], "")
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


def word_ngrams(tokens: Sequence[str], shortest: int, longest: int) -> list[str]:
    """Word n-grams joined by a space, as TfidfVectorizer's "word" analyzer."""
    grams: list[str] = []
    for n in range(shortest, longest + 1):
        grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return grams


def ngram_hashes(grams: Iterable[str]) -> NDArray[np.uint64]:
    """A stable 64-bit hash (BLAKE2b) of each n-gram, the same in every process and release.

    An unknown n-gram meets a known one's hash with odds of about 1 in 10^14 per
    n-gram for a vocabulary of 170,000: it would add one feature's weight, once.
    """
    return np.frombuffer(b"".join(map(_digest, grams)), dtype="<u8")


@functools.lru_cache(maxsize=100_000)  # letters share most n-grams; ~15 MB at most
def _digest(gram: str) -> bytes:
    return hashlib.blake2b(gram.encode(), digest_size=8).digest()


@dataclass(frozen=True, eq=False)  # arrays: equal only to itself
class Vocabulary:
    """One feature space of a fitted model: n-gram -> column, and each column's IDF.

    ``hashes`` are the n-grams' ``ngram_hashes`` in ascending order, ``columns`` the
    column of each; texts are lowercased.
    """

    kind: FeatureKind
    ngram_range: tuple[int, int]
    hashes: NDArray[np.uint64]
    columns: NDArray[np.int32]
    idf: FloatArray

    @classmethod
    def of_terms(
        cls,
        kind: FeatureKind,
        ngram_range: tuple[int, int],
        terms: Mapping[str, int],
        idf: FloatArray,
    ) -> Vocabulary:
        """The vocabulary of a fitted vectorizer's ``vocabulary_`` (n-gram -> column)."""
        if sorted(terms.values()) != list(range(len(idf))):
            raise ValueError("vocabulary columns are not 0..n-1")
        hashes = ngram_hashes(terms)
        order = np.argsort(hashes, kind="stable")
        hashes = hashes[order]
        if np.any(hashes[1:] == hashes[:-1]):
            raise ValueError("two n-grams of the vocabulary have the same hash")
        columns = np.fromiter(terms.values(), dtype=np.int32, count=len(terms))[order]
        return cls(kind, ngram_range, hashes, columns, idf)

    @property
    def size(self) -> int:
        return len(self.idf)

    def ids(self, text: str) -> NDArray[np.int64]:
        """The column of every n-gram of ``text`` in the vocabulary, with repeats."""
        lowered = text.lower()
        if self.kind == "word":
            grams = word_ngrams(WORD_PATTERN.findall(lowered), *self.ngram_range)
        else:
            grams = [g for word in lowered.split() for g in char_wb_ngrams(word, *self.ngram_range)]
        return self._columns_of(ngram_hashes(grams))

    def known(self, hashes: NDArray[np.uint64]) -> int:
        """How many of ``hashes`` are n-grams of this vocabulary."""
        return int(self._columns_of(hashes).size)

    def _columns_of(self, hashes: NDArray[np.uint64]) -> NDArray[np.int64]:
        if not self.size:
            return np.zeros(0, dtype=np.int64)
        slots = np.minimum(np.searchsorted(self.hashes, hashes), self.size - 1)
        known = self.hashes[slots] == hashes
        return np.asarray(self.columns[slots[known]], dtype=np.int64)


@dataclass(frozen=True, eq=False)
class FittedModel:
    """What training leaves: feature spaces side by side, and one head per facet.

    A head is None for a facet that had a single label (probability 1). ``memory``
    holds the city's learned letters by department (``semantha learn``; None before).
    """

    vocabularies: tuple[Vocabulary, ...]
    heads: tuple[LinearHead | None, ...]
    classes: tuple[tuple[str, ...], ...]
    max_chars: int
    memory: LetterMemory | None = None
    # The last text's features: one decision asks for them twice (heads, then memory).
    _last: dict[str, tuple[NDArray[np.int64], FloatArray]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def n_features(self) -> int:
        return sum(v.size for v in self.vocabularies)

    def features(self, text: str) -> tuple[NDArray[np.int64], FloatArray]:
        """Column indices and TF-IDF values of one text (what TfidfVectorizer.transform gives)."""
        found = self._last.get(text)
        if found is None:
            found = self._features(text)
            self._last.clear()
            self._last[text] = found
        return found

    def _features(self, text: str) -> tuple[NDArray[np.int64], FloatArray]:
        indices, values, offset = [], [], 0
        for vocabulary in self.vocabularies:
            ids = vocabulary.ids(text)
            if ids.size:
                index, tf = np.unique(ids, return_counts=True)
                value = (1.0 + np.log(tf)) * vocabulary.idf[index]
                indices.append(index + offset)
                values.append(value / np.linalg.norm(value))
            offset += vocabulary.size
        if not indices:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return np.concatenate(indices), np.concatenate(values)

    def familiarity(self, text: str) -> float | None:
        """The share of the text's distinct content words that training saw (None: no words).

        A letter about something the model never learned scores low, however sure its
        linear heads happen to be: their probabilities say which office is likeliest,
        not whether the letter is like anything they were trained on."""
        words = sorted(set(CONTENT_WORD.findall(text[: self.max_chars].lower())))
        vocabulary = next((v for v in self.vocabularies if v.kind == "word"), None)
        if vocabulary is None or not words:
            return None
        return vocabulary.known(ngram_hashes(words)) / len(words)

    def nearest_letter(self, text: str) -> Match | None:
        """The remembered letter most like ``text`` (None without a memory)."""
        if self.memory is None:
            return None
        return self.memory.nearest(*self.features(text[: self.max_chars]))

    def score_one(self, text: str) -> list[FloatArray]:
        """Probabilities of every facet's classes (in ``classes`` order) for one text."""
        index, values = self.features(text[: self.max_chars])
        return [np.ones(1) if head is None else head.proba(index, values) for head in self.heads]


class Manifest(BaseModel):
    """What is known about a saved model; written next to it as JSON.

    ``sklearn_version`` records what trained the model; any version (or none) reads it.
    """

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
    # Minimum confidence per facet, by label or "*" for all: chosen by `semantha learn`
    # on the city's held-back letters for classify.target_precision. Empty: config.yaml's.
    thresholds: dict[str, dict[str, float]] = {}
    # Names letters give offices that departments.yaml lacks, learned from people's
    # decisions by `semantha learn` (deciding.officenames): normalised name -> office.
    office_names: dict[str, str] = {}
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

    model: FittedModel
    manifest: Manifest

    def score_text(self, text: str) -> dict[str, FacetScores]:
        probas = self.model.score_one(text)
        return {
            facet: FacetScores(top_scores(labels, proba, k=len(labels)))
            for facet, labels, proba in zip(FACETS, self.model.classes, probas, strict=True)
        }

    def score(self, document: Document) -> dict[str, FacetScores]:
        return self.score_text(document_text(document))


def manifest_path(model_path: Path) -> Path:
    """models/classifier.npz -> models/classifier.manifest.json"""
    return model_path.with_name(model_path.stem + ".manifest.json")


def save_classifier(classifier: DocumentClassifier, path: Path) -> Manifest:
    """Write model then manifest (with the model's sha256), each atomically."""
    data = model_bytes(classifier.model)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, data)
    manifest = classifier.manifest.model_copy(
        update={"model_sha256": hashlib.sha256(data).hexdigest()}
    )
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
    if tuple(manifest.facets) != FACETS:
        raise ModelError(
            f"model {path} has facets {manifest.facets}, expected {FACETS}", REBUILD_HINT
        )


def load_classifier(path: Path) -> DocumentClassifier:
    """Load and check a saved model; ModelError says what is wrong and what to do."""
    manifest = read_manifest(path)
    _check_manifest(manifest, path)
    # Hashed and mapped through one open file: what is checked is what is used.
    with path.open("rb") as handle:
        actual = hashlib.file_digest(handle, "sha256").hexdigest()
        if actual != manifest.model_sha256:
            raise ModelError(
                f"model {path} does not match its manifest (sha256 {actual[:12]}…, manifest "
                f"says {manifest.model_sha256[:12]}…): the file is corrupt or was replaced",
                REBUILD_HINT,
            )
        try:
            model = model_from_arrays(mapped_arrays(handle))
        except (ValueError, KeyError, TypeError, struct.error, zipfile.BadZipFile) as exc:
            raise ModelError(f"model {path} cannot be read: {exc}", REBUILD_HINT) from exc
    labels = [list(manifest.labels.get(facet, [])) for facet in FACETS]
    if [list(c) for c in model.classes] != labels:
        raise ModelError(f"model {path} has other labels than its manifest", REBUILD_HINT)
    return DocumentClassifier(model, manifest)


# --- the model file: arrays and one JSON description, nothing pickled ---------------------


def model_bytes(model: FittedModel) -> bytes:
    """``model`` as an uncompressed .npz: its arrays can be mapped in place, and git
    compresses the file in its own store anyway."""
    arrays: dict[str, NDArray[Any]] = {}
    spaces = []
    for n, vocabulary in enumerate(model.vocabularies):
        arrays[f"hashes{n}"] = np.asarray(vocabulary.hashes, dtype="<u8")
        arrays[f"columns{n}"] = np.asarray(vocabulary.columns, dtype="<i4")
        arrays[f"idf{n}"] = np.asarray(vocabulary.idf, dtype="<f8")
        spaces.append({"kind": vocabulary.kind, "ngram_range": list(vocabulary.ngram_range)})
    heads: list[dict[str, Any] | None] = []
    for n, head in enumerate(model.heads):
        if head is None:
            heads.append(None)
            continue
        arrays[f"weights{n}"] = head.weights
        arrays[f"intercept{n}"] = head.intercept
        if head.platt is not None:
            arrays[f"platt{n}"] = head.platt
        heads.append({"n_classes": head.n_classes, "platt": head.platt is not None})
    memory = None
    if model.memory is not None:
        arrays["memory_starts"] = np.asarray(model.memory.starts, dtype="<i8")
        arrays["memory_rows"] = np.asarray(model.memory.rows, dtype="<u2")
        arrays["memory_values"] = np.asarray(model.memory.values, dtype="<f2")
        arrays["memory_labels"] = np.asarray(model.memory.labels, dtype="<i2")
        memory = {"classes": list(model.memory.classes)}
    about = {
        "vocabularies": spaces,
        "heads": heads,
        "classes": [list(c) for c in model.classes],
        "max_chars": model.max_chars,
        "memory": memory,
    }
    arrays["about"] = _utf8(json.dumps(about, ensure_ascii=False))
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]  # numpy's stub types **kwds as its flag
    return buffer.getvalue()


def mapped_arrays(handle: BinaryIO) -> dict[str, NDArray[Any]]:
    """Every array of the uncompressed .npz open in ``handle``, read-only and mapped.

    ValueError for a member that is compressed, not an array, or holds Python objects
    (unpickling could run code)."""
    pages = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    arrays: dict[str, NDArray[Any]] = {}
    with zipfile.ZipFile(handle) as archive:
        for info in archive.infolist():
            name = info.filename.removesuffix(".npy")
            if info.compress_type != zipfile.ZIP_STORED or name == info.filename:
                raise ValueError(f"{info.filename} is not an uncompressed array")
            # The local header repeats name and extra field, with lengths of its own.
            if pages[info.header_offset : info.header_offset + 4] != b"PK\x03\x04":
                raise ValueError(f"{info.filename} has no local header")
            lengths = pages[info.header_offset + 26 : info.header_offset + 30]
            name_length, extra_length = struct.unpack("<HH", lengths)
            start = info.header_offset + 30 + name_length + extra_length
            member = io.BytesIO(pages[start : start + min(info.file_size, 65_536)])
            version = np.lib.format.read_magic(member)
            read_header = (
                np.lib.format.read_array_header_1_0
                if version == (1, 0)
                else np.lib.format.read_array_header_2_0
            )
            shape, fortran, dtype = read_header(member)
            if dtype.hasobject or fortran:
                raise ValueError(f"{info.filename} holds objects or is not in C order")
            count = int(np.prod(shape))
            flat = np.frombuffer(pages, dtype, count, start + member.tell())
            arrays[name] = flat.reshape(shape)
    return arrays


def model_from_arrays(arrays: Mapping[str, NDArray[Any]]) -> FittedModel:
    """The model ``model_bytes`` wrote; ValueError or KeyError when it is not one."""
    about = json.loads(arrays["about"].tobytes().decode("utf-8"))
    vocabularies = []
    for n, space in enumerate(about["vocabularies"]):
        hashes, columns, idf = (arrays[f"{part}{n}"] for part in ("hashes", "columns", "idf"))
        if not len(hashes) == len(columns) == len(idf) or space["kind"] not in FEATURE_KINDS:
            raise ValueError(f"feature space {n} is inconsistent")
        low, high = space["ngram_range"]
        vocabularies.append(Vocabulary(space["kind"], (low, high), hashes, columns, idf))
    heads: list[LinearHead | None] = []
    for n, head in enumerate(about["heads"]):
        if head is None:
            heads.append(None)
            continue
        platt = arrays[f"platt{n}"] if head["platt"] else None
        weights, intercept = arrays[f"weights{n}"], arrays[f"intercept{n}"]
        heads.append(LinearHead(weights, intercept, platt, int(head["n_classes"])))
    classes = tuple(tuple(str(label) for label in c) for c in about["classes"])
    model = FittedModel(tuple(vocabularies), tuple(heads), classes, int(about["max_chars"]))
    if about.get("memory") is None:  # a model no city has taught yet
        return model
    memory = LetterMemory(
        arrays["memory_starts"],
        arrays["memory_rows"],
        arrays["memory_values"],
        arrays["memory_labels"],
        tuple(str(label) for label in about["memory"]["classes"]),
    )
    sizes = (len(memory.rows), len(memory.values), int(memory.starts[-1]))
    if len(memory.starts) != model.n_features + 1 or len(set(sizes)) != 1:
        raise ValueError("the letter memory does not fit the model's features")
    if memory.labels.size and int(memory.labels.max()) >= len(memory.classes):
        raise ValueError("the letter memory names an office it does not list")
    return replace(model, memory=memory)


def _utf8(text: str) -> NDArray[np.uint8]:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
