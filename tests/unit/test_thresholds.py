"""Thresholds chosen on the city's held-back letters: raised on the evidence of wrong
deliveries, lowered only when enough letters prove the lower one safe."""

from __future__ import annotations

from semantha.deciding import thresholds
from semantha.deciding.thresholds import Guess, choose, threshold_for, wilson_lower


def sure_and_right(n: int, confidence: float, label: str = "63") -> list[Guess]:
    return [Guess(label, label, confidence)] * n


def test_wrong_deliveries_above_the_threshold_raise_it_past_them() -> None:
    guesses = [*sure_and_right(50, 0.97), Guess("66", "63", 0.85), Guess("66", "63", 0.9)]
    assert threshold_for(guesses, current=0.8, target=0.99) == 0.91


def test_a_few_right_letters_never_lower_the_threshold() -> None:
    guesses = sure_and_right(40, 0.6)
    assert threshold_for(guesses, current=0.8, target=0.99) == 0.8


def test_many_right_letters_lower_it_as_far_as_they_prove_safe() -> None:
    guesses = sure_and_right(600, 0.7) + sure_and_right(600, 0.5, label="66")
    # at 0.5 the 66 letters join: 1200 right of 1200 is safer still
    assert threshold_for(guesses, current=0.8, target=0.995) == 0.5
    wrong_below = sure_and_right(600, 0.7) + [Guess("66", "63", 0.55)] * 20
    assert threshold_for(wrong_below, current=0.8, target=0.995) == 0.56


def test_unroutable_guesses_are_not_deliveries() -> None:
    guesses = [Guess("63", "", 0.99)] * 10 + sure_and_right(5, 0.9)
    assert threshold_for(guesses, current=0.8, target=0.99) == 0.8


def test_no_letters_below_the_threshold_prove_nothing_about_them() -> None:
    assert threshold_for(sure_and_right(1000, 0.95), current=0.8, target=0.99) == 0.8


def test_an_office_gets_its_own_threshold_only_with_enough_letters() -> None:
    usual = sure_and_right(600, 0.85, "63")
    crowded = [*sure_and_right(thresholds.MIN_PER_LABEL, 0.95, "32"), Guess("33", "32", 0.9)]
    sparse = [*sure_and_right(5, 0.95, "51"), Guess("50", "51", 0.9)]
    chosen = choose(usual + crowded + sparse, current=0.8, target=0.99)
    assert chosen == {"*": 0.8, "32": 0.91}


def test_the_wilson_bound_is_below_the_observed_precision_and_tightens_with_letters() -> None:
    assert wilson_lower(40, 40) < 0.95
    assert wilson_lower(600, 600) > 0.995
    assert wilson_lower(0, 0) == 0.0


def test_the_memorys_margin_rises_past_its_wrong_matches() -> None:
    matches = [*sure_and_right(40, 0.3), Guess("66", "63", 0.12), Guess("66", "63", 0.17)]
    assert threshold_for(matches, 0.15, 0.995, thresholds.MARGIN_GRID) == 0.18
    assert threshold_for(sure_and_right(40, 0.3), 0.15, 0.995, thresholds.MARGIN_GRID) == 0.15


def test_the_measured_confidence_counts_one_right_and_one_wrong_more() -> None:
    matches = [*sure_and_right(18, 0.3), Guess("66", "63", 0.2), Guess("66", "63", 0.1)]
    assert thresholds.smoothed(matches, 0.15) == round(19 / 21, 3)
    assert thresholds.smoothed(matches, 0.25) == round(19 / 20, 3)
    assert thresholds.smoothed([], 0.15) == 0.5
