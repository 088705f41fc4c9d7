"""Tesseract's TSV turned into words and text, scribbles left out of both."""

from __future__ import annotations

from semantha.reading.ocr import _words_and_text


def _row(
    block: int, line: int, word: int, box: tuple[int, int, int, int], conf: float, text: str
) -> str:
    left, top, width, height = box
    return f"5\t1\t{block}\t1\t{line}\t{word}\t{left}\t{top}\t{width}\t{height}\t{conf}\t{text}"


def _page(*extra: str) -> str:
    words = ["Sehr", "geehrte", "Damen", "und", "Herren", "wir", "bitten", "um", "Prüfung"]
    rows = [
        _row(1, 1 + n // 4, n, (100 + 120 * (n % 4), 100 + 40 * (n // 4), 100, 30), 95.0, w)
        for n, w in enumerate(words)
    ]
    header = "4\t1\t1\t1\t1\t0\t100\t100\t480\t30\t-1\t"
    return "\n".join([header, *rows, *extra])


def test_lines_and_blocks_keep_their_breaks() -> None:
    words, text = _words_and_text(_page(_row(2, 1, 1, (100, 600, 200, 30), 91.0, "Anlage")))
    assert text.splitlines() == [
        "Sehr geehrte Damen und",
        "Herren wir bitten um",
        "Prüfung",
        "",
        "Anlage",
    ]
    assert len(words) == 10 and words[-1].box == (100, 600, 200, 30)


def test_a_signature_scribble_is_neither_a_word_nor_text() -> None:
    scribble = _row(3, 1, 1, (100, 700, 400, 60), 31.0, "NN")
    words, text = _words_and_text(_page(scribble))
    assert "NN" not in text and all(word.text != "NN" for word in words)
    assert len(words) == 9


def test_empty_and_non_word_rows_are_ignored() -> None:
    words, text = _words_and_text(_page(_row(2, 1, 1, (1, 1, 5, 5), -1.0, " "), "garbage"))
    assert len(words) == 9 and text.count("\n") == 2
