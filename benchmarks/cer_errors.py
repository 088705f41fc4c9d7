"""Where the reading errors on generated sample scans come from, page by page.

    .venv/bin/python benchmarks/cer_errors.py --samples samples [--cache FILE] [--filter]

Every scanned, non-blank page is read as the pipeline reads it (default preprocessing,
full-page OCR) and aligned with its truth in ``truth.jsonl``, once in reading order and
once with lines paired most-alike (``textmetrics.cer_unordered``). Each edit operation
is charged to the part of the page it happened in, found by laying the letter out again
from its seed: the incoming-mail ``stamp`` (its frame, text read or not, and letters
under it), a ``signature`` scribble, the ``footer``, an invoice ``table``, or ``other``
text. A replaced character is charged to the stronger cause of its two sides.

``--cache FILE`` keeps the OCR results (JSON), so a second run costs no OCR (one
cache per model); ``--languages`` reads with other Tesseract models (``TESSDATA_PREFIX``
says where they lie), to compare them on the same pages;
``--filter`` adds the same analysis after ``semantha.reading.wordfilter.filter_words``;
``--examples N`` prints the N commonest misreadings per cause.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import structlog
from rapidfuzz.distance import Levenshtein

from semantha.config import OcrSettings, PreprocessSettings
from semantha.fsutil import file_sha256
from semantha.reading import imaging, load, ocr
from semantha.reading.wordfilter import filter_words, text_without
from semantha.records import Page, Word
from semantha.tools.samplegen import corpus
from semantha.tools.samplegen.render import (
    PageLayout,
    StrokeItem,
    TextItem,
    layout_letter,
    text_width,
)
from semantha.tools.samplegen.scan import StampFrame
from semantha.tools.samplegen.spec import LetterSpec
from semantha.tools.samplegen.writer import curated_plans, page_truth
from semantha.tools.textmetrics import lines, normalise, pair_lines

DPI = 300
CAUSES = ("glyph", "stamp", "signature", "footer", "table", "other")
# Characters Tesseract's deu and eng models cannot write at all: their LSTM unicharsets
# (`combine_tessdata -u deu.traineddata`, tesseract-ocr-deu 4.1.0) hold no "·" (U+00B7),
# no "–" (U+2013) and no "§"; each such true character is an error whatever the scan.
UNWRITABLE = frozenset("·–§")
_RANK = {cause: rank for rank, cause in enumerate(CAUSES)}
PAD_MM = 1.5  # word boxes and layout positions agree to about a millimetre
NEAR_MM = 6.0  # a read character further than this from any true one is "other"

Point = tuple[float, float]


@dataclass(frozen=True)
class Chars:
    """A text with one page position (pixels) and one cause per character."""

    text: str
    points: tuple[Point, ...]
    causes: tuple[str, ...]


@dataclass(frozen=True)
class ReadPage:
    file: str
    page: int
    profile: str
    text: str
    words: tuple[Word, ...]
    stamp_text: str = ""  # the incoming-mail stamp, read apart from the page


@dataclass
class Tally:
    """Edit operations per cause over a set of pages, and the true characters they had."""

    chars: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    rates: list[float] = field(default_factory=list)
    examples: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, chars: int, errors: Counter[str]) -> None:
        self.chars += chars
        self.errors.update(errors)
        self.rates.append(sum(errors.values()) / max(chars, 1))


# --- reading -------------------------------------------------------------------------


def read_pages(
    folder: Path, records: Sequence[dict[str, Any]], cache: Path | None, languages: str
) -> list[ReadPage]:
    """OCR of every scanned, non-blank page, from ``cache`` when it has them."""
    stored: dict[str, Any] = {}
    if cache and cache.is_file():
        stored = json.loads(cache.read_text(encoding="utf-8"))
    pages = []
    for record in records:
        if record["format"] == "textpdf":
            continue
        digest = file_sha256(folder / record["file"])  # the scan, not its name, is read
        for index in content_pages(record):
            key = f"{digest}#{index}"
            if key not in stored:
                stored[key] = _ocr(folder / record["file"], index, languages)
                print(f"read {record['file']} page {index}", file=sys.stderr, flush=True)
            text, words = stored[key]["text"], stored[key]["words"]
            pages.append(
                ReadPage(
                    record["file"],
                    index,
                    record["profile"],
                    text,
                    tuple(Word(w[0], w[1], (w[2], w[3], w[4], w[5])) for w in words),
                    stored[key].get("stamp_text", ""),
                )
            )
    if cache:
        cache.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    return pages


def content_pages(record: dict[str, Any]) -> list[int]:
    blank = set(record["blank_pages"])
    return [i for i in range(len(record["page_texts"])) if i not in blank]


def _ocr(path: Path, index: int, languages: str) -> dict[str, Any]:
    page = next(p for p in load.load_pages(path, DPI) if p.index == index)
    page = imaging.preprocess(page, PreprocessSettings(), ocr.detect_orientation)
    read: Page = ocr.recognise(page, OcrSettings(languages=languages))
    words = [[w.text, w.confidence, *w.box] for w in read.words]
    return {"text": read.text, "words": words, "stamp_text": read.stamp_text}


# --- truth with positions --------------------------------------------------------------


def specs_by_index(records: Sequence[dict[str, Any]]) -> dict[int, LetterSpec]:
    """The letters behind the records: the curated set if it matches, else a random run."""
    seed = int(records[0]["seed"])
    curated = {plan.index: plan.spec for plan in curated_plans(seed)}
    if all(_matches(curated.get(int(r["index"])), r) for r in records):
        return curated
    count = max(int(r["index"]) for r in records)
    return dict(enumerate(corpus.generate_letters(seed, count), start=1))


def _matches(spec: LetterSpec | None, record: dict[str, Any]) -> bool:
    return spec is not None and spec.subject == record["fields"]["subject"]


def truth_pages(
    record: dict[str, Any], spec: LetterSpec, letter_only: bool = False
) -> dict[int, tuple[PageLayout, StampFrame | None]]:
    """Each content page's truth layout (stamp included as the writer records it).

    ``letter_only`` leaves the stamp's text out, as samples written before it joined
    the truth did: the same pages scored both ways show what that change did.
    """
    layout = layout_letter(spec, random.Random(f"{record['seed']}/{record['index']}"))
    pages = {}
    for sheet, index in enumerate(content_pages(record)):
        bare = layout.pages[sheet]
        # samples written before the stamp's text joined the truth hold the bare letter
        for page in (page_truth(bare, record["defects"][index], DPI), bare):
            if normalise(page.text) == normalise(record["page_texts"][index]):
                break
        else:
            raise SystemExit(f"{record['file']} page {index}: layout does not give the truth")
        page = bare if letter_only else page
        stamps = [d for d in record["defects"][index] if d["name"] == "stamp"]
        pages[index] = (page, StampFrame.of(stamps[0], DPI) if stamps else None)
    return pages


def _px(mm: float) -> float:
    return mm / 25.4 * DPI


def true_chars(page: PageLayout, stamp: StampFrame | None) -> list[Chars]:
    """One Chars per true line; a character under the stamp or a signature is theirs."""
    signatures = _signature_boxes(page)
    out = []
    for item in page.items:
        if not isinstance(item, TextItem):
            continue
        text, points = "", list[Point]()
        for n, run in enumerate(item.runs):
            if n:
                text += " "
                points.append(points[-1])
            for k, char in enumerate(run.text):
                right = text_width(run.text[: k + 1], run.font)
                centre = run.x + right - text_width(char, run.font) / 2
                points.append((_px(centre), _px(item.y - 0.3 * run.font.size_mm)))
                text += char
        causes = [_place(p, stamp, signatures) or _role(item.role) for p in points]
        out.append(_normalised(text, points, causes))
    return [line for line in out if line.text]


def _role(role: str) -> str:
    return role if role in _RANK else "other"


def _signature_boxes(page: PageLayout) -> list[tuple[float, float, float, float]]:
    """Each scribble's box in pixels, grown by 2 mm (and 2 mm more above, where it loops)."""
    boxes = []
    for item in page.items:
        if isinstance(item, StrokeItem) and item.role == "signature":
            xs = [x for x, _ in item.points]
            ys = [y for _, y in item.points]
            left, top = _px(min(xs) - 2.0), _px(min(ys) - 4.0)
            boxes.append((left, top, _px(max(xs) + 2.0), _px(max(ys) + 2.0)))
    return boxes


def _place(
    point: Point, stamp: StampFrame | None, signatures: Sequence[tuple[float, float, float, float]]
) -> str | None:
    x, y = point
    if stamp is not None and stamp.contains(x, y, _px(PAD_MM)):
        return "stamp"
    if any(left <= x <= right and top <= y <= bottom for left, top, right, bottom in signatures):
        return "signature"
    return None


def _normalised(text: str, points: Sequence[Point], causes: Sequence[str]) -> Chars:
    """Whitespace runs collapsed to one space, as ``textmetrics.normalise`` does."""
    keep_text, keep_points, keep_causes = list[str](), list[Point](), list[str]()
    for char, point, cause in zip(text, points, causes, strict=True):
        if char.isspace():
            if not keep_text or keep_text[-1] == " ":
                continue
            char = " "
        keep_text.append(char)
        keep_points.append(point)
        keep_causes.append(cause)
    while keep_text and keep_text[-1] == " ":
        keep_text.pop(), keep_points.pop(), keep_causes.pop()
    joined = "".join(keep_text)
    assert joined == normalise(joined), "truth text must already be in NFC"
    return Chars(joined, tuple(keep_points), tuple(keep_causes))


# --- read text with positions -----------------------------------------------------------


def read_chars(
    text: str,
    words: Sequence[Word],
    offset: Point,
    stamp: StampFrame | None,
    page: PageLayout,
    truth: Sequence[Chars],
) -> list[Chars]:
    """One Chars per read line, each character placed at its word's centre on the sheet."""
    signatures = _signature_boxes(page)
    known = np.array([p for line in truth for p in line.points] or [(0.0, 0.0)])
    known_causes = [c for line in truth for c in line.causes] or ["other"]
    queue = iter(words)
    out = []
    for line in lines(text):
        chars, points, causes = list[str](), list[Point](), list[str]()
        for token in line.split(" "):
            word = next(queue)
            assert normalise(word.text) == token, (word.text, token)
            left, top, width, height = word.box
            centre = (left + width / 2 - offset[0], top + height / 2 - offset[1])
            cause = _place(centre, stamp, signatures) or _nearest(centre, known, known_causes)
            if chars:
                chars.append(" ")
                points.append(centre)
                causes.append(cause)
            chars.extend(token)
            points.extend([centre] * len(token))
            causes.extend([cause] * len(token))
        out.append(Chars("".join(chars), tuple(points), tuple(causes)))
    return out


def stamp_chars(read: ReadPage, stamp: StampFrame | None) -> list[Chars]:
    """The stamp's lines as read apart from the page: each character is the stamp's."""
    centre, cause = (stamp.centre, "stamp") if stamp else ((0.0, 0.0), "other")
    return [
        Chars(line, (centre,) * len(line), (cause,) * len(line)) for line in lines(read.stamp_text)
    ]


def _nearest(point: Point, known: np.ndarray[Any, Any], causes: Sequence[str]) -> str:
    distance = np.hypot(known[:, 0] - point[0], known[:, 1] - point[1])
    best = int(distance.argmin())
    return causes[best] if distance[best] <= _px(NEAR_MM) else "other"


def fit_offset(truth: Sequence[Chars], words: Sequence[Word]) -> Point:
    """Median shift between read words and the same words on the sheet (pixels)."""
    true_words: dict[str, list[Point]] = defaultdict(list)
    for line in truth:
        start = 0
        for token in line.text.split(" "):
            points = line.points[start : start + len(token)]
            true_words[token].append(points[len(points) // 2])
            start += len(token) + 1
    shifts = []
    read_counts = Counter(normalise(w.text) for w in words)
    for word in words:
        token = normalise(word.text)
        if len(token) >= 4 and read_counts[token] == 1 and len(true_words.get(token, ())) == 1:
            (tx, ty), (left, top, width, height) = true_words[token][0], word.box
            shifts.append((left + width / 2 - tx, top + height / 2 - ty))
    if len(shifts) < 3:
        return (0.0, 0.0)
    return (statistics.median(s[0] for s in shifts), statistics.median(s[1] for s in shifts))


# --- charging edit operations ----------------------------------------------------------


def charge(truth: Chars, read: Chars, examples: dict[str, Counter[str]]) -> Counter[str]:
    """Edit operations of ``truth`` -> ``read``, counted per cause."""
    errors: Counter[str] = Counter()
    for op in Levenshtein.editops(truth.text, read.text):
        if op.tag != "insert" and truth.text[op.src_pos] in UNWRITABLE:
            cause, what = "glyph", truth.text[op.src_pos]
        elif op.tag == "delete":
            cause, what = truth.causes[op.src_pos], f"-{truth.text[op.src_pos]}"
        elif op.tag == "insert":
            cause, what = read.causes[op.dest_pos], f"+{read.text[op.dest_pos]}"
        else:
            sides = (truth.causes[op.src_pos], read.causes[op.dest_pos])
            cause = min(sides, key=_RANK.__getitem__)
            what = f"{truth.text[op.src_pos]}>{read.text[op.dest_pos]}"
        errors[cause] += 1
        examples[cause][what] += 1
    return errors


def joined(parts: Sequence[Chars]) -> Chars:
    """Lines as one text in reading order (a space between them, as ``normalise`` does)."""
    text, points, causes = list[str](), list[Point](), list[str]()
    for part in parts:
        if text:
            text.append(" ")
            points.append(part.points[0])
            causes.append(part.causes[0])
        text.extend(part.text)
        points.extend(part.points)
        causes.extend(part.causes)
    return Chars("".join(text), tuple(points), tuple(causes))


def paired_errors(
    truth: Sequence[Chars], read: Sequence[Chars], examples: dict[str, Counter[str]]
) -> Counter[str]:
    """Errors with lines grouped as ``cer_unordered`` groups them; lone lines count in full."""
    errors: Counter[str] = Counter()
    groups = pair_lines([t.text for t in truth], [r.text for r in read])
    for i, members in groups.items():
        errors += charge(truth[i], joined([read[j] for j in members]), examples)
    empty = Chars("", (), ())
    for i in set(range(len(truth))) - set(groups):
        errors += charge(truth[i], empty, examples)
    used = {j for members in groups.values() for j in members}
    for j in set(range(len(read))) - used:
        errors += charge(empty, read[j], examples)
    return errors


# --- report ----------------------------------------------------------------------------

Filter = Callable[[Sequence[Word]], Sequence[Word]]


@dataclass(frozen=True)
class PageResult:
    """One page's errors per cause; ``paired_chars`` leaves out the breaks between lines."""

    read: ReadPage
    chars: int
    paired_chars: int
    ordered: Counter[str]
    paired: Counter[str]
    examples: dict[str, Counter[str]]


def analyse(
    pages: Sequence[ReadPage],
    truths: dict[tuple[str, int], tuple[PageLayout, StampFrame | None]],
    word_filter: Filter | None,
) -> Iterator[PageResult]:
    for read in pages:
        page, stamp = truths[(read.file, read.page)]
        words, text = read.words, read.text
        if word_filter is not None:
            kept = tuple(word_filter(words))
            text, words = text_without(text, words, kept), kept
        truth = true_chars(page, stamp)
        offset = fit_offset(truth, words)
        got = read_chars(text, words, offset, stamp, page, truth) + stamp_chars(read, stamp)
        examples: dict[str, Counter[str]] = defaultdict(Counter)
        ordered = charge(joined(truth), joined(got), defaultdict(Counter))
        paired = paired_errors(truth, got, examples)
        paired_chars = sum(len(line.text) for line in truth)
        yield PageResult(read, len(joined(truth).text), paired_chars, ordered, paired, examples)


def _cells(errors: Counter[str], chars: int) -> str:
    return "".join(f"{100 * errors[c] / max(chars, 1):>9.2f}%" for c in CAUSES)


def report(title: str, results: Sequence[PageResult], per_page: bool, examples: int) -> None:
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    causes = "".join(f"{c:>10}" for c in CAUSES)
    print(f"\n== {title}")
    if per_page:
        print(f"{'page (causes: paired)':<50}{'chars':>6}{'order':>8}{'paired':>8}  {causes}")
    for result in results:
        profile = result.read.profile
        tallies[(profile, "order")].add(result.chars, result.ordered)
        tallies[(profile, "paired")].add(result.paired_chars, result.paired)
        for cause, counter in result.examples.items():
            tallies[(profile, "paired")].examples[cause].update(counter)
        if per_page:
            rate_o = 100 * sum(result.ordered.values()) / result.chars
            rate_p = 100 * sum(result.paired.values()) / result.paired_chars
            name = f"{result.read.file}#{result.read.page} {profile[:3]}"
            print(
                f"{name:<50}{result.chars:>6}{rate_o:>7.2f}%{rate_p:>7.2f}%  "
                + _cells(result.paired, result.paired_chars)
            )
    print(f"\n{'profile':<10}{'mode':<8}{'pages':>6}{'median':>8}{'pooled':>8}  {causes}")
    for (profile, mode), tally in sorted(tallies.items()):
        median = 100 * statistics.median(tally.rates)
        pooled = 100 * sum(tally.errors.values()) / tally.chars
        print(
            f"{profile:<10}{mode:<8}{len(tally.rates):>6}{median:>7.2f}%{pooled:>7.2f}%  "
            + _cells(tally.errors, tally.chars)
        )
        if examples and mode == "paired":
            for cause in CAUSES:
                common = tally.examples[cause].most_common(examples)
                if common:
                    shown = "  ".join(f"{what!r}x{n}" for what, n in common)
                    print(f"    {cause:<10} {shown}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, required=True, help="a `semantha samples` folder")
    parser.add_argument("--cache", type=Path, help="JSON file that keeps the OCR results")
    parser.add_argument(
        "--languages", default=OcrSettings().languages, help="tesseract models (ocr.languages)"
    )
    parser.add_argument("--filter", action="store_true", help="also after wordfilter")
    parser.add_argument("--pages", action="store_true", help="one row per page")
    parser.add_argument(
        "--letter-only", action="store_true", help="score without the stamp's text in the truth"
    )
    parser.add_argument("--examples", type=int, default=0, help="commonest misreadings per cause")
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    with (args.samples / "truth.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    specs = specs_by_index(records)
    truths = {}
    for record in records:
        if record["format"] != "textpdf":
            found = truth_pages(record, specs[int(record["index"])], args.letter_only)
            for index, value in found.items():
                truths[(record["file"], index)] = value
    pages = read_pages(args.samples, records, args.cache, args.languages)
    print(f"{len(pages)} pages from {args.samples}, tesseract {ocr.tesseract_version()}")
    print("CER per cause = edit operations charged to it / true characters (pooled)")
    report("as read", list(analyse(pages, truths, None)), args.pages, args.examples)
    if args.filter:
        after = list(analyse(pages, truths, filter_words))
        report("after wordfilter.filter_words", after, args.pages, args.examples)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
