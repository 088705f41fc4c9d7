"""The learning curve's breakdown by kind of letter (benchmarks/learning_curve.py)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import shifted_mail
from learning_curve import KINDS, Routed, by_kind, kind


def _letter(clue: str, department: str, matter: str) -> shifted_mail.Letter:
    return shifted_mail.Letter(
        "text", department, "Antrag", clue, "citizen", "letter", "", "a", matter
    )


def test_content_letters_are_told_apart_by_whether_their_matter_came_before() -> None:
    seen = {"63/a1"}
    assert kind(_letter("content", "63", "63/a1"), seen) == "content, matter seen"
    assert kind(_letter("content", "63", "63/a2"), seen) == "content, new matter"
    assert kind(_letter("ours_decoy", "63", "63/a2"), seen) == "decoy reference, new matter"
    assert kind(_letter("unroutable", "", "junk/a0"), seen) == "for no office"
    assert kind(_letter("address", "63", "neutral/a0"), seen) == "address"
    assert {kind(_letter(c, "63", "x"), seen) for c in shifted_mail.CLUE_WEIGHTS} <= set(KINDS)


def test_a_row_counts_routed_and_wrong_per_kind_and_covers_the_letters_for_an_office() -> None:
    seen = {"63/a1"}
    content = _letter("content", "63", "63/a1")
    routed = [
        Routed(content, "63"),
        Routed(content, "66"),  # wrong
        Routed(replace(content, matter="63/a2"), None),
        Routed(_letter("unroutable", "", "junk/a0"), None),
    ]
    cells = by_kind(2, routed, seen).strip("| ").split(" | ")
    assert cells[0] == "2"
    assert cells[1 + KINDS.index("content, matter seen")] == "2/2 (1 wrong)"
    assert cells[1 + KINDS.index("content, new matter")] == "0/1"
    assert cells[1 + KINDS.index("for no office")] == "0/1"
    assert cells[1 + KINDS.index("address")] == "0/0"
    assert cells[-1] == "66.7 %"  # 2 of the 3 letters for an office routed
