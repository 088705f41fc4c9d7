"""The letters of another author (benchmarks/shifted_mail.py): reproducible, labelled right."""

from __future__ import annotations

import csv
import itertools
import re
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import shifted_mail

ROOT = Path(__file__).resolve().parents[2]
RULES = yaml.safe_load((ROOT / "rules" / "departments.yaml").read_text(encoding="utf-8"))
OFFICE_IDS = {d["id"] for d in RULES["departments"]}
FILE_NUMBER = re.compile(RULES["file_number"])


@pytest.fixture(scope="module")
def mail() -> list[shifted_mail.Letter]:
    return shifted_mail.letters(seed=3, count=400)


def test_same_seed_same_letters_other_seed_other_letters() -> None:
    assert shifted_mail.letters(11, 30) == shifted_mail.letters(11, 30)
    assert shifted_mail.letters(11, 30) != shifted_mail.letters(12, 30)
    # a longer stream starts with the shorter one
    assert shifted_mail.letters(11, 40)[:30] == shifted_mail.letters(11, 30)


def test_labels_are_offices_and_document_types_of_the_rules(
    mail: list[shifted_mail.Letter],
) -> None:
    assert set(shifted_mail.offices()) == OFFICE_IDS
    assert {m.department for m in mail} == OFFICE_IDS | {""}
    assert {m.doctype for m in mail} <= set(RULES["doctypes"])
    for m in mail:
        assert (m.department == "") == (m.clue == "unroutable"), m.text


def test_every_clue_occurs_and_content_is_the_largest_share(
    mail: list[shifted_mail.Letter],
) -> None:
    clues = [m.clue for m in mail]
    assert set(clues) == set(shifted_mail.CLUE_WEIGHTS)
    assert max(set(clues), key=clues.count) == "content"
    assert 0.35 < clues.count("content") / len(clues) < 0.55


CITY_LABELS = (
    "Ihr Zeichen",
    "Ihr Az",
    "Aktenzeichen",
    "Az",
    "Geschäftszeichen",
    "Ihr Geschäftszeichen",
    "Kassenzeichen",
)
LABEL = r"(Ihr Zeichen|Ihr Az\.?|Aktenzeichen|Az\.?|Geschäftszeichen|Kassenzeichen|Unser Zeichen):?"


def _references(text: str) -> list[tuple[str, str]]:
    """(label, value) of "Label: value" lines and of an info line's two-row table."""
    pairs = re.findall(rf"{LABEL}[ \t]+(\S+)", text)
    lines = text.splitlines()
    for head, values in itertools.pairwise(lines):
        labels = re.split(r"\s{2,}", head.strip())
        if labels[-1] == "Datum":
            pairs += zip(labels, re.split(r"\s{2,}", values.strip()), strict=True)
    return [(label.rstrip(":."), value) for label, value in pairs]


def _offices(text: str, labels: tuple[str, ...]) -> list[str]:
    """Offices of the file numbers given under one of the labels."""
    numbers = (FILE_NUMBER.match(v) for label, v in _references(text) if label in labels)
    return [m.group("office") for m in numbers if m]


def test_each_clue_is_in_the_letter_and_the_others_are_not(
    mail: list[shifted_mail.Letter],
) -> None:
    for m in mail:
        city = _offices(m.text, CITY_LABELS)
        assert city == ([m.department] if m.clue == "reference" else []), m.text
        ours = _offices(m.text, ("Unser Zeichen",))
        assert ours == ([m.decoy] if m.clue == "ours_decoy" else []), m.text
        if m.clue in ("ours_decoy", "memo"):
            assert m.decoy not in ("", m.department)
        if m.clue == "memo":
            assert m.doctype == "Hausmitteilung"


def test_halves_share_no_matter(mail: list[shifted_mail.Letter]) -> None:
    for office in shifted_mail.offices().values():
        sentences = {
            half: {s for matter in getattr(office, half) for s in matter.text} for half in "ab"
        }
        assert not sentences["a"] & sentences["b"]
    only_b = shifted_mail.letters(seed=3, count=60, part="b")
    assert {m.part for m in only_b} == {"b"}
    assert {m.part for m in mail} == {"a", "b"}


def test_each_letter_names_its_matter(mail: list[shifted_mail.Letter]) -> None:
    pools = {"content": None, "ours_decoy": None, "memo": None}  # the office's own matters
    pools |= {"address": "neutral", "reference": "neutral", "unroutable": "junk"}
    for m in mail:
        pool, _, which = m.matter.partition("/")
        assert pool == (pools[m.clue] or m.department), m.matter
        assert which[0] == m.part and which[1:].isdigit(), m.matter
    office_matters = [m for m in mail if m.clue == "content"]
    # a matter's subject is one of that matter's subjects
    for m in office_matters[:20]:
        half = m.matter.split("/")[1]
        matter = getattr(shifted_mail.offices()[m.department], half[0])[int(half[1:])]
        heads = [s.split("{")[0].strip() for s in matter.subjects]
        assert any(head and head in m.text for head in heads), m.text
    assert len({m.matter for m in office_matters}) > 40


def test_written_as_labelled_data_with_pdfs(tmp_path: Path) -> None:
    stream = shifted_mail.letters(seed=5, count=40)
    long = next(m for m in stream if m.layout == "long")
    mail = [next(m for m in stream if m.layout == "letter"), long, stream[0]]
    files = shifted_mail.write(tmp_path, mail, pdf=True)
    with (tmp_path / "labels.csv").open(encoding="utf-8", newline="") as handle:
        labels = list(csv.DictReader(handle))
    assert [(r["file"], r["department"], r["doctype"]) for r in labels] == [
        (f.name, m.department, m.doctype) for f, m in zip(files, mail, strict=True)
    ]
    with (tmp_path / "truth.csv").open(encoding="utf-8", newline="") as handle:
        truth = list(csv.DictReader(handle))
    assert [r["clue"] for r in truth] == [m.clue for m in mail]
    assert [r["matter"] for r in truth] == [m.matter for m in mail]
    first_line = mail[0].text.splitlines()[0]
    assert first_line in PdfReader(files[0]).pages[0].extract_text()
    assert len(PdfReader(files[0]).pages) == 1
    # a long letter tells the history of its matter on a second page
    second = PdfReader(files[1]).pages
    assert len(second) == 2 and "Bisheriger Verlauf" in second[1].extract_text()
