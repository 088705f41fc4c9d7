"""The scribble filter: signature strokes read as words go, printed words stay."""

from __future__ import annotations

import pytest

from semantha.reading.wordfilter import filter_words, is_scribble, text_without, typical_height
from semantha.records import Word


def word(text: str, confidence: float, width: int, height: int, left: int = 300) -> Word:
    return Word(text, confidence, (left, 1000, width, height))


def letter_words() -> list[Word]:
    """A closing as Tesseract reads it at 300 dpi: sure words about 35 px tall."""
    return [
        word("Mit", 96.8, 52, 32),
        word("freundlichen", 95.8, 225, 33),
        word("Grüßen", 96.6, 138, 36),
        word("Stadtkasse", 93.1, 190, 34),
        word("Musterstadt", 91.0, 212, 35),
        word("i.", 90.2, 18, 33),
        word("A.", 92.4, 30, 33),
    ]


def test_signature_strokes_are_dropped_and_the_letter_kept_in_order() -> None:
    closing = letter_words()
    scribbles = [
        word("NN", 0.0, 217, 54),  # wide, tall and unsure: a zigzag
        word("mn", 24.8, 514, 56),
        word("~/~_—", 41.0, 278, 45),
    ]
    mixed = [closing[0], scribbles[0], *closing[1:4], scribbles[1], scribbles[2], *closing[4:]]
    assert filter_words(mixed) == tuple(closing)


def test_unsure_printed_words_are_kept() -> None:
    # real words Tesseract doubted, as measured on degraded sample pages
    doubted = [
        word("bisherige", 1.2, 256, 48),
        word("Die", 38.0, 115, 51),
        word("Elektro", 22.4, 232, 49),
    ]
    assert filter_words([*letter_words(), *doubted]) == (*letter_words(), *doubted)


def test_each_condition_alone_is_not_enough() -> None:
    typical = 34.0
    assert not is_scribble(word("NN", 75.0, 217, 54), typical)  # Tesseract is sure
    assert not is_scribble(word("—", 20.0, 60, 4), typical)  # flat: a dash, not a stroke
    assert not is_scribble(word("NN", 20.0, 60, 54), typical)  # letters fill their box
    assert is_scribble(word("NN", 20.0, 217, 54), typical)


def test_pages_with_too_few_sure_words_are_left_alone() -> None:
    few = [word("Amt", 95.0, 60, 34), word("NN", 0.0, 217, 54)]
    assert typical_height(few) is None
    assert filter_words(few) == tuple(few)
    assert filter_words([]) == ()


def test_typical_height_ignores_unsure_words_and_words_without_letters() -> None:
    words = [*letter_words(), word("2026", 97.0, 80, 90), word("Xx", 10.0, 40, 90)]
    assert typical_height(words) == 33


def test_text_without_takes_dropped_words_out_and_keeps_the_layout() -> None:
    words = [
        word("Mit", 96.0, 52, 32),
        word("freundlichen", 95.0, 225, 33),
        word("Grüßen", 96.0, 138, 36),
        word("NN", 0.0, 217, 54),
        word("Anna", 94.0, 80, 34),
        word("mn", 20.0, 300, 50),
        word("Roth", 93.0, 82, 34),
    ]
    text = "Mit freundlichen Grüßen\n\nNN\nAnna mn Roth"
    kept = [w for w in words if w.text not in ("NN", "mn")]
    assert text_without(text, words, kept) == "Mit freundlichen Grüßen\n\nAnna Roth"
    assert text_without(text, words, words) == text


def test_text_without_refuses_text_of_other_words() -> None:
    words = [word("Amt", 95.0, 60, 34)]
    with pytest.raises(ValueError, match="disagree"):
        text_without("Amt 63", words, words)


def test_tall_unsure_marks_are_strokes_and_printed_punctuation_stays() -> None:
    typical = 34.0
    assert is_scribble(word("_", 0.0, 33, 55), typical)  # a stroke's tail
    assert is_scribble(word("|", 49.2, 16, 52), typical)  # a stamp's frame
    assert not is_scribble(word("&", 93.1, 30, 48), typical)  # sure: printed
    assert not is_scribble(word("(", 55.0, 12, 40), typical)  # no taller than text
    assert not is_scribble(word("-", 30.0, 20, 5), typical)  # flat: a dash
