"""Names the city's mail gives its offices that departments.yaml lacks, learned from
people's decisions.

A letter addressed "z. Hd. Servicedesk IT" that a person sent to office 12 teaches that
"Servicedesk IT" is a name of office 12: the next letter so addressed goes there, as if
departments.yaml listed the name. A name is learned only when every learned letter that
carries it went to the same office, and never when it is the organisation's own address
("Stadtverwaltung Musterstadt", "An die Stadtverwaltung"), a mailbox or a person.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# What precedes the name on an address line: a label, "z. Hd.", "Abt.", a dash.
_MARKERS = re.compile(
    r"(?i)^(?:\W|An\s*:|Empf\S{1,2}nger\s*:|Dienststelle\s*:|z\.\s?H(?:d|nd)?\.?|"
    r"zu\s+H\S{1,2}nden|Abt\.|An\s+die\b|An\s+den\b|An\s+das\b|\s)+"
)
_TRAILING = re.compile(r"[\W_]+$")
_PARENTHESIS = re.compile(r"\([^)]*\)")
_PIECES = re.compile(r",\s|\s/\s")
_SENTENCE = re.compile(r"[.!?;:]\s")
_PERSON = re.compile(r"(?i)\b(?:Herr|Herrn|Frau|Dr\.|Prof\.|Familie|Fam\.)")
# Words that name the organisation as a whole, not one of its offices.
GENERIC_WORDS = frozenset(
    {
        "stadt", "stadtverwaltung", "verwaltung", "rathaus", "magistrat", "gemeinde",
        "gemeindeverwaltung", "kreisverwaltung", "landratsamt", "bürgermeister",
        "oberbürgermeister", "bürgermeisterin", "oberbürgermeisterin", "poststelle",
        "der", "die", "das", "des", "den", "dem", "an", "und",
    }
)  # fmt: skip
MIN_LETTERS = 4
MAX_WORDS = 6
# A name read this long may differ from a learned one by OCR errors (rapidfuzz ratio).
# Longer than departments.yaml's MIN_FUZZY_LENGTH: no administrator vetted these names.
FUZZY_FROM, MIN_SCORE = 10, 90


def normalised(name: str) -> str:
    """Lower case, single spaces: how names are compared."""
    return " ".join(name.split()).casefold()


def unit_names(recipient: str, organisation: str = "") -> list[str]:
    """The names of offices a letter's recipient field may hold, normalised: its pieces
    without labels, dashes and persons in brackets; none that only name the organisation
    (``organisation`` is departments.yaml's, e.g. "Stadt Musterstadt"), a mailbox or a
    person."""
    own = {normalised(word) for word in organisation.split()}
    names = []
    for piece in _PIECES.split(_PARENTHESIS.sub(" ", recipient)):
        raw = _TRAILING.sub("", _MARKERS.sub("", piece))
        if not _looks_like_a_name(raw):
            continue
        name = normalised(raw)
        words = name.split()
        if sum(c.isalpha() for c in name) < MIN_LETTERS or "@" in name or _PERSON.search(name):
            continue
        if any(word in own for word in words) or all(word in GENERIC_WORDS for word in words):
            continue
        if any(c.isdigit() for c in name):  # a street, a postcode, "Amt 63": not learned
            continue
        names.append(name)
    return names


def _looks_like_a_name(text: str) -> bool:
    """A name, not a sentence read as an address: a few words, most of them capitalised
    (German nouns are), no sentence's end inside."""
    words = text.split()
    capitalised = sum(w[0].isupper() for w in words if len(w) > 3)
    long = sum(len(w) > 3 for w in words)
    return (
        0 < len(words) <= MAX_WORDS
        and text[0].isupper()
        and 2 * capitalised >= long
        and not _SENTENCE.search(text)
    )


def _resembled(candidate: str, names: Mapping[str, str]) -> str | None:
    if len(candidate) < FUZZY_FROM:
        return None
    best = process.extractOne(candidate, names.keys(), scorer=fuzz.ratio, score_cutoff=MIN_SCORE)
    return None if best is None else str(best[0])


@dataclass(frozen=True)
class Addressed:
    """A learned letter's recipient field, the office it went to, and whether a person
    decided it (only people's decisions teach a name; every letter can contradict one)."""

    recipient: str
    office: str
    by_people: bool


def learn_names(
    letters: Iterable[Addressed], organisation: str, known: Callable[[str], bool]
) -> dict[str, str]:
    """Name -> office for the names people's decisions teach: every letter with the name
    went to that one office, and ``known(name)`` (departments.yaml names an office so) is
    false."""
    offices: dict[str, set[str]] = defaultdict(set)
    taught: set[str] = set()
    for letter in letters:
        for name in unit_names(letter.recipient, organisation):
            offices[name].add(letter.office)
            if letter.by_people:
                taught.add(name)
    return {
        name: next(iter(offices[name]))
        for name in sorted(taught)
        if len(offices[name]) == 1 and next(iter(offices[name])) and not known(name)
    }


def named_office(recipient: str, names: Mapping[str, str]) -> tuple[str, str] | None:
    """(office, name) when the recipient field holds learned names of exactly one office,
    as written or as OCR may damage a longer one ("servicedesk lt")."""
    found = {}
    for candidate in unit_names(recipient):
        name = candidate if candidate in names else _resembled(candidate, names)
        if name is not None:
            found[names[name]] = name
    if len(found) != 1:
        return None
    office, name = next(iter(found.items()))
    return office, name
