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
    """CER with every true line compared to the read lines like it, so block order is free.

    A letterhead's sender, address and info blocks have no single right reading order;
    this measures what was read, ``cer`` also the order it was read in. Lines are paired
    as ``pair_lines`` pairs them; a line left without a partner counts in full, so text
    that was missed or invented (a stamp read as words) still costs. A line Tesseract
    split into two blocks is scored once, as its two parts joined: counting the part
    read elsewhere as missed here and invented there charged correct text twice.
    """
    true_lines = lines(truth)
    read_lines = lines(hypothesis)
    total = sum(len(line) for line in true_lines)
    if not total:
        return 0.0 if not read_lines else 1.0
    groups = pair_lines(true_lines, read_lines)
    used = {j for members in groups.values() for j in members}
    errors = sum(_group_distance(true_lines[i], read_lines, m) for i, m in groups.items())
    errors += sum(len(t) for i, t in enumerate(true_lines) if i not in groups)
    errors += sum(len(r) for j, r in enumerate(read_lines) if j not in used)
    return errors / total


def pair_lines(true_lines: Sequence[str], read_lines: Sequence[str]) -> dict[int, tuple[int, ...]]:
    """The read lines that stand for each true line, in the order they are joined.

    Lines are paired most-alike first, each used once; lines with nothing in common stay
    unpaired. Then a read line left over joins the true line it completes best, before
    or after what that line has, when that cuts the line's errors by at least half the
    read line's length: the second half of a line split into two blocks. This is the
    pairing ``cer_unordered`` scores; error analysis uses it to see which read text
    stood for which true line.
    """
    groups = _most_alike(true_lines, read_lines)
    used = {j for members in groups.values() for j in members}
    left = [j for j in range(len(read_lines)) if j not in used]
    while left:
        best: tuple[int, int, tuple[int, ...], int] | None = None
        for i, members in groups.items():
            now = _group_distance(true_lines[i], read_lines, members)
            for j in left:
                for joined in ((*members, j), (j, *members)):
                    after = _group_distance(true_lines[i], read_lines, joined)
                    # a part read elsewhere fills about its own length of what the line
                    # lacks; an invented line matches a few characters by chance only
                    if 2 * (now - after) < len(read_lines[j]):
                        continue
                    gain = now + len(read_lines[j]) - after
                    if best is None or gain > best[0]:
                        best = (gain, i, joined, j)
        if best is None:
            break
        _, i, joined, j = best
        groups[i] = joined
        left.remove(j)
    return groups


def _most_alike(true_lines: Sequence[str], read_lines: Sequence[str]) -> dict[int, tuple[int, ...]]:
    candidates = sorted(
        (Levenshtein.normalized_distance(t, r), i, j)
        for i, t in enumerate(true_lines)
        for j, r in enumerate(read_lines)
    )
    groups: dict[int, tuple[int, ...]] = {}
    paired_read: set[int] = set()
    for distance, i, j in candidates:
        if distance >= 1.0 or i in groups or j in paired_read:
            continue
        groups[i] = (j,)
        paired_read.add(j)
    return groups


def _group_distance(true_line: str, read_lines: Sequence[str], members: Sequence[int]) -> int:
    return Levenshtein.distance(true_line, " ".join(read_lines[j] for j in members))


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
