"""Character and word error rates, for measuring how well pages are read.

Both compare whitespace-normalised text: line breaks and runs of spaces in OCR
output carry layout, not content, so they must not count as errors.
"""

from __future__ import annotations

import unicodedata

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
    """CER with the lines of both texts sorted first, so the order of blocks does not count.

    A letterhead's sender, address and info blocks have no single right reading order;
    this measures what was read, ``cer`` also the order it was read in. Lines, not
    words, are sorted: a misread word would move in a sorted word list and count twice.
    """
    return _rate(_sorted_lines(truth), _sorted_lines(hypothesis))


def _sorted_lines(text: str) -> str:
    lines = (normalise(line) for line in text.splitlines())
    return " ".join(sorted(line for line in lines if line))


def wer(truth: str, hypothesis: str) -> float:
    """Word error rate: edit distance over words divided by the number of true words."""
    return _rate(normalise(truth).split(), normalise(hypothesis).split())


def _rate(truth: str | list[str], hypothesis: str | list[str]) -> float:
    if not truth:
        return 0.0 if not hypothesis else 1.0
    return Levenshtein.distance(truth, hypothesis) / len(truth)
