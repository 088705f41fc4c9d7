"""Character and word error rates, for measuring how well pages are read.

Both compare whitespace-normalised text: line breaks and runs of spaces in OCR
output carry layout, not content, so they must not count as errors. Every other
character counts, also those Tesseract's deu and eng models cannot write at all ("·",
"–", "§" are not in their unicharsets): the page shows them, so missing them is an
error; ``benchmarks/cer_errors.py`` reports their share separately as "glyph".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein


def normalise(text: str) -> str:
    """NFC form with every run of whitespace collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def cer(truth: str, hypothesis: str) -> float:
    """Character error rate: edit distance divided by the length of the truth.

    An empty truth gives 0.0 for an empty hypothesis and 1.0 otherwise.
    """
    return _rate(normalise(truth), normalise(hypothesis))


def cer_unordered(truth: str, hypothesis: str) -> float:
    """CER with every true line compared to the read line most like it, so block order is free.

    A letterhead's sender, address and info blocks have no single right reading order;
    this measures what was read, ``cer`` also the order it was read in. Lines are paired
    most-alike first, each used once; a line left without a partner counts in full, so
    text that was missed or invented (a stamp read as words) still costs.
    """
    true_lines = lines(truth)
    read_lines = lines(hypothesis)
    total = sum(len(line) for line in true_lines)
    if not total:
        return 0.0 if not read_lines else 1.0
    errors = 0
    paired_true: set[int] = set()
    paired_read: set[int] = set()
    for i, j in pair_lines(true_lines, read_lines):
        paired_true.add(i)
        paired_read.add(j)
        errors += Levenshtein.distance(true_lines[i], read_lines[j])
    errors += sum(len(t) for i, t in enumerate(true_lines) if i not in paired_true)
    errors += sum(len(r) for j, r in enumerate(read_lines) if j not in paired_read)
    return errors / total


def pair_lines(true_lines: Sequence[str], read_lines: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (true index, read index), most-alike first, each line used at most once.

    Lines with nothing in common stay unpaired. This is the pairing ``cer_unordered``
    scores; error analysis uses it to see which read line stood for which true line.
    """
    candidates = sorted(
        (Levenshtein.normalized_distance(t, r), i, j)
        for i, t in enumerate(true_lines)
        for j, r in enumerate(read_lines)
    )
    paired_true: set[int] = set()
    paired_read: set[int] = set()
    pairs = []
    for distance, i, j in candidates:
        if distance >= 1.0 or i in paired_true or j in paired_read:
            continue
        paired_true.add(i)
        paired_read.add(j)
        pairs.append((i, j))
    return pairs


def lines(text: str) -> list[str]:
    """The non-empty lines of ``text``, each normalised."""
    return [line for line in map(normalise, text.splitlines()) if line]


def wer(truth: str, hypothesis: str) -> float:
    """Word error rate: edit distance over words divided by the number of true words."""
    return _rate(normalise(truth).split(), normalise(hypothesis).split())


def _rate(truth: str | list[str], hypothesis: str | list[str]) -> float:
    if not truth:
        return 0.0 if not hypothesis else 1.0
    return Levenshtein.distance(truth, hypothesis) / len(truth)
