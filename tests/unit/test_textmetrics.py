"""Character and word error rates."""

from __future__ import annotations

import pytest

from semantha.tools.textmetrics import cer, cer_unordered, lines, normalise, pair_lines, wer


def test_identical_text_has_no_errors() -> None:
    assert cer("Grüße aus Würzburg", "Grüße aus Würzburg") == 0.0
    assert wer("Grüße aus Würzburg", "Grüße aus Würzburg") == 0.0


def test_layout_whitespace_is_not_an_error() -> None:
    assert cer("Sehr geehrte\nDamen  und Herren,", " Sehr geehrte Damen und\n\nHerren, ") == 0.0


def test_one_wrong_character() -> None:
    truth = "Maßstab 1:500"  # 13 characters
    assert cer(truth, "Mafstab 1:500") == pytest.approx(1 / 13)
    assert wer(truth, "Mafstab 1:500") == pytest.approx(1 / 2)


def test_lost_umlaut_counts_once() -> None:
    # Decomposed "ü" (u + combining diaeresis) is the same text as the composed one.
    assert cer("Müller", "Mu\u0308ller") == 0.0
    assert cer("Müller", "Muller") == pytest.approx(1 / 6)


def test_insertions_and_deletions() -> None:
    assert cer("Amt 63", "Amt 63 Baurechtsamt") == pytest.approx(13 / 6)  # " Baurechtsamt"
    assert cer("Amt 63", "") == 1.0
    assert wer("An Amt 63", "Amt") == pytest.approx(2 / 3)


def test_empty_truth() -> None:
    assert cer("", "") == 0.0
    assert cer(" \n", "x") == 1.0
    assert wer("", "") == 0.0


def test_normalise() -> None:
    assert normalise("  a\t b\n\fc  ") == "a b c"


def test_unordered_cer_ignores_block_order_but_not_misreadings() -> None:
    truth = "Stadt Musterstadt\nAmt 63\n\nIhr Zeichen: AB-12"
    swapped = "Ihr Zeichen: AB-12\nStadt  Musterstadt\nAmt 63"
    assert cer(truth, swapped) > 0.3
    assert cer_unordered(truth, swapped) == 0.0
    # One wrong letter is one error, wherever its line ends up.
    true_chars = len("Stadt Musterstadt") + len("Amt 63") + len("Ihr Zeichen: AB-12")
    misread = swapped.replace("Amt", "Ant")
    assert cer_unordered(truth, misread) == pytest.approx(1 / true_chars)


def test_unordered_cer_counts_missed_and_invented_lines() -> None:
    truth = "Stadt Musterstadt\nAmt 63"
    with_stamp = "EINGANG 14. NOV. 2025\nAmt 63\nStadt Musterstadt"
    missed = "Stadt Musterstadt"
    true_chars = len("Stadt Musterstadt") + len("Amt 63")
    assert cer_unordered(truth, with_stamp) == pytest.approx(
        len("EINGANG 14. NOV. 2025") / true_chars
    )
    assert cer_unordered(truth, missed) == pytest.approx(len("Amt 63") / true_chars)


def test_pair_lines_pairs_most_alike_first_and_each_line_once() -> None:
    truth = ["Rathausplatz 1", "34567 Musterstadt", "EINGANG"]
    read = ["34567 Musterstadt", "Rathausplatz l", "NN", "34567 Musterstadt"]
    groups = pair_lines(truth, read)
    assert groups[0] == (1,) and groups[1] in ((0,), (3,))
    # "NN" shares a letter with "EINGANG" and is all that is left for it
    assert groups[2] == (2,)
    # the second address line read twice: the copy joins no line, it only adds errors
    assert sorted(j for members in groups.values() for j in members) in ([0, 1, 2], [1, 2, 3])
    assert pair_lines(["Amt"], ["xyz"]) == {}


def test_a_line_split_into_two_blocks_is_read_once() -> None:
    truth = "Bitte teilen Sie uns mit, ob ein früherer Beginn zulässig ist.\nBesten Dank"
    split = "Bitte teilen Sie uns mit,\nBesten Dank\n\nob ein früherer Beginn zulässig ist."
    assert pair_lines(lines(truth), lines(split)) == {0: (0, 2), 1: (1,)}
    assert cer_unordered(truth, split) == 0.0
    # the parts are joined before or after, whichever way round they read
    assert (
        cer_unordered(
            truth, "ob ein früherer Beginn zulässig ist.\nBitte teilen Sie uns mit,\nBesten Dank"
        )
        == 0.0
    )
    # a misread part still costs, and junk joins no line it does not complete
    assert cer_unordered(truth, split.replace("früherer", "fruherer")) > 0.0
    true_chars = sum(len(line) for line in lines(truth))
    with_junk = split + "\nNN mn"
    assert cer_unordered(truth, with_junk) == len("NN mn") / true_chars


def test_lines_are_normalised_and_blank_ones_dropped() -> None:
    assert lines("  Amt  63 \n\n\f Stadt\tMusterstadt\n") == ["Amt 63", "Stadt Musterstadt"]
