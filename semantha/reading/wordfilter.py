"""Drop the words Tesseract invents from signatures and other scribbles.

A handwritten signature is not text, but Tesseract reads its strokes as short "words"
("NN", "mn", "~/~_—"). They share three traits that real words on the same page do
not: Tesseract is unsure of them, they are at least as tall as a line of text, and
their few characters are spread over a box far wider than those characters could fill
(a scribble is one long stroke). A word is dropped only when all three hold. A mark
without any letter or digit ("_", "|", "_—") is dropped when Tesseract is unsure of it
and it stands clearly taller than a line of text: a stroke, or a stamp's frame.

Measured with benchmarks/cer_errors.py on three generated sets (5,700, 5,500 and 4,500
words): 59, 47 and 6 words dropped, from signatures, the stamp's remains and a ticked
box; none of them a word of a letter. The thresholds were set on the first two sets
and checked on the third.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from semantha.records import Word

MAX_CONFIDENCE = 60.0  # Tesseract's word confidence (0-100); real words score higher
MIN_STRETCH = 0.9  # box width / (characters x box height); printed words stay below 0.8
MIN_HEIGHT = 1.0  # times the page's typical word height: flat dashes and dots are spared
MARK_CONFIDENCE = 80.0  # a mark without letters or digits below this ...
MARK_HEIGHT = 1.3  # ... and this much taller than a word is a stroke, not punctuation
SURE = 80.0  # words this confident set the page's typical word height
MIN_SURE_WORDS = 5  # fewer than this and the page has no typical height to compare with


def filter_words(words: Sequence[Word]) -> tuple[Word, ...]:
    """``words`` without the ones that look like a scribble read as text, in their order."""
    height = typical_height(words)
    if height is None:
        return tuple(words)
    return tuple(word for word in words if not is_scribble(word, height))


def text_without(text: str, words: Sequence[Word], kept: Sequence[Word]) -> str:
    """``text`` with the words missing from ``kept`` taken out; line breaks stay.

    ``text`` must hold ``words`` in order, one whitespace-separated token each, as
    ``ocr`` builds it; a line left empty by the filter goes, paragraph breaks stay.
    """
    remaining = iter(kept)
    wanted = next(remaining, None)
    queue = iter(words)
    out = []
    for line in text.split("\n"):
        tokens = []
        for token in line.split():
            word = next(queue, None)
            if word is None or word.text != token:
                raise ValueError(f"text and words disagree at {token!r}: pass the page's own")
            if word == wanted:
                tokens.append(token)
                wanted = next(remaining, None)
        if tokens or not line.strip():
            out.append(" ".join(tokens))
    return "\n".join(out)


def typical_height(words: Sequence[Word]) -> float | None:
    """Median box height of the words Tesseract is sure of that contain a letter."""
    heights = [
        word.box[3]
        for word in words
        if word.confidence >= SURE and any(char.isalpha() for char in word.text)
    ]
    return statistics.median(heights) if len(heights) >= MIN_SURE_WORDS else None


def is_scribble(word: Word, typical: float) -> bool:
    """True for an unsure word spread over a tall, wide box, or an unsure tall mark."""
    width, height = word.box[2], word.box[3]
    if not word.text or height < MIN_HEIGHT * typical:
        return False
    if _is_mark(word) and word.confidence < MARK_CONFIDENCE and height >= MARK_HEIGHT * typical:
        return True
    if word.confidence >= MAX_CONFIDENCE:
        return False
    return width / (len(word.text) * height) >= MIN_STRETCH


def _is_mark(word: Word) -> bool:
    return not any(char.isalnum() for char in word.text)
