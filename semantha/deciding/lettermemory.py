"""The letters people decided, remembered: a letter like one of them goes where it went.

A city's mail repeats itself: the same forms, the same senders, the same matters. The
linear heads learn that slowly, because a few dozen city letters weigh little against
thousands of generated ones. The memory keeps every learned city letter as its feature
vector (the model's own TF-IDF, unit length) and, for a new letter the heads are unsure
of, finds the most similar one (cosine). It decides only when that letter is similar
enough (``classify.example_similarity``) and clearly closer than the most similar
letter of any other office (``classify.example_margin``); ``semantha learn`` moves the
margin on the city's held-back letters as it does the model's thresholds.

The vectors are kept by feature column (an inverted index): scoring a letter touches
only the stored entries of its own n-grams, about a millisecond for 3,000 letters, as
n-grams most letters share are left out (``training``). Values are float16 and rows
uint16: 4 bytes per stored n-gram, about 2 MB per 1,000 letters. Only offices and
feature values are kept, never text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

MAX_LETTERS = 65_535  # rows are uint16


@dataclass(frozen=True)
class Match:
    """The most similar remembered letter's office, its similarity, and that of the most
    similar letter of any other office."""

    label: str
    similarity: float
    runner_up: float

    @property
    def margin(self) -> float:
        return self.similarity - self.runner_up


@dataclass(frozen=True, eq=False)  # arrays: equal only to itself
class LetterMemory:
    """Remembered letters by feature column: the entries of column ``c`` are
    ``rows[starts[c]:starts[c + 1]]`` (which letter) and ``values[...]`` (its weight)."""

    starts: NDArray[np.int64]  # (n_features + 1,)
    rows: NDArray[np.uint16]
    values: NDArray[np.float16]
    labels: NDArray[np.int16]  # per letter, an index into ``classes``
    classes: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.labels)

    @classmethod
    def of_columns(
        cls,
        starts: NDArray[np.integer],
        rows: NDArray[np.integer],
        values: NDArray[np.floating],
        labels: Sequence[str],
    ) -> LetterMemory:
        """A memory of unit-length letter vectors stored by column (a CSC matrix's
        indptr, indices and data: letters are its rows), with each letter's office."""
        if len(labels) > MAX_LETTERS:
            raise ValueError(f"{len(labels)} letters to remember, at most {MAX_LETTERS}")
        classes = tuple(sorted(set(labels)))
        return cls(
            np.asarray(starts, dtype=np.int64),
            np.asarray(rows, dtype=np.uint16),
            np.asarray(values, dtype=np.float16),
            np.array([classes.index(label) for label in labels], dtype=np.int16),
            classes,
        )

    def similarities(
        self, index: NDArray[np.int64], values: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """Cosine similarity of the letter (columns, values) with every remembered one."""
        norm = float(np.linalg.norm(values))
        if not self.size or norm == 0:
            return np.zeros(self.size)
        first, last = self.starts[index], self.starts[index + 1]
        counts = last - first
        total = int(counts.sum())
        # Positions of every stored entry of the letter's columns, without a Python loop.
        offsets = np.repeat(first - np.cumsum(counts) + counts, counts) + np.arange(total)
        weights = self.values[offsets].astype(np.float64) * np.repeat(values / norm, counts)
        found = np.bincount(self.rows[offsets], weights=weights, minlength=self.size)
        return np.asarray(found, dtype=np.float64)

    def nearest(self, index: NDArray[np.int64], values: NDArray[np.float64]) -> Match | None:
        """The office of the most similar letter, or None for an empty memory or letter."""
        return self._best(self.similarities(index, values))

    def nearest_to_remembered(self, row: int) -> Match | None:
        """The most similar letter to remembered letter ``row`` other than itself: how the
        memory would have decided that letter had it not been remembered."""
        positions = np.flatnonzero(self.rows == row)
        columns = np.searchsorted(self.starts, positions, side="right") - 1
        similarity = self.similarities(columns, self.values[positions].astype(np.float64))
        similarity[row] = 0.0
        return self._best(similarity)

    def label_of(self, row: int) -> str:
        return self.classes[int(self.labels[row])]

    def _best(self, similarity: NDArray[np.float64]) -> Match | None:
        if not similarity.size or not similarity.any():
            return None
        best_per_class = np.zeros(len(self.classes))
        np.maximum.at(best_per_class, self.labels, similarity)
        ranked = np.argsort(-best_per_class, kind="stable")
        runner_up = float(best_per_class[ranked[1]]) if len(ranked) > 1 else 0.0
        return Match(self.classes[ranked[0]], float(best_per_class[ranked[0]]), runner_up)
