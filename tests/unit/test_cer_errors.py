"""The error analysis charges each edit operation to the part of the page it happened in."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from cer_errors import (
    charge,
    fit_offset,
    paired_errors,
    read_chars,
    true_chars,
)

from semantha.records import Word
from semantha.tools.samplegen.render import (
    Font,
    PageLayout,
    StrokeItem,
    font_families,
    text_item,
)
from semantha.tools.samplegen.scan import StampFrame

DPI = 300


def px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def page() -> PageLayout:
    font = Font(font_families()[0].regular, 11.0)
    return PageLayout(
        (
            text_item(25.0, 120.0, "Sehr geehrte Damen und Herren", font),
            text_item(25.0, 200.0, "Mit freundlichen Grüßen", font),
            StrokeItem(((25.0, 210.0), (45.0, 208.0), (60.0, 211.0)), role="signature"),
            text_item(25.0, 220.0, "Anna Roth", font),
            text_item(25.0, 285.0, "Musterbank · IBAN DE12", Font(font.path, 7.5), "footer"),
        )
    )


def words_at(text: str, x_mm: float, y_mm: float, shift: tuple[int, int] = (0, 0)) -> list[Word]:
    """Words of one line laid side by side from x_mm, centred on y_mm (pixels + shift)."""
    words, x = [], px(x_mm)
    for token in text.split():
        width = 20 * len(token)
        words.append(Word(token, 95.0, (x + shift[0], px(y_mm) - 15 + shift[1], width, 30)))
        x += width + 12
    return words


def test_junk_in_the_signature_and_a_misread_footer_are_charged_to_them() -> None:
    layout = page()
    truth = true_chars(layout, None)
    lines = [
        ("Sehr geehrte Damen und Herren", 120.0),
        ("Mit freundlichen Grüßen", 200.0),
        ("NN mn", 209.0),
        ("Anna Roth", 220.0),
        ("Musterbank - IBAN DE12", 285.0),
    ]
    words = [w for text, y in lines for w in words_at(text, 25.0, y - 1.0, shift=(40, -25))]
    text = "\n".join(text for text, _ in lines)
    offset = fit_offset(truth, words)
    assert abs(offset[0] - 40) < 60 and abs(offset[1] + 25) < 15
    got = read_chars(text, words, offset, None, layout, truth)
    errors = paired_errors(truth, got, defaultdict(Counter))
    # "NN mn" (5 characters) is invented in the scribble's box; "·" read as "-" is a
    # glyph the OCR models cannot write
    assert errors == Counter({"signature": 5, "glyph": 1})


def test_letters_under_the_stamp_are_the_stamps() -> None:
    layout = page()
    stamp = StampFrame((px(60.0), px(119.0)), (px(62.0), px(30.0)), 0.0)
    truth = true_chars(layout, stamp)
    read = [w for w in words_at("Sehr geehrte Dainen und Herren", 25.0, 119.0)]
    got = read_chars("Sehr geehrte Dainen und Herren", read, (0.0, 0.0), stamp, layout, truth)
    errors = charge(truth[0], got[0], defaultdict(Counter))
    assert errors == Counter({"stamp": 2})  # "m" read as "in", inside the frame
