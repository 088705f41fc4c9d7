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
from difflib import SequenceMatcher

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
# Whole words: "Familie Meyer" is a person, "Soziale Dienste für Familien" an office.
_PERSON = re.compile(r"(?i)\b(?:Herrn?|Frau|Dr\.|Prof\.|Familie|Fam\.)(?!\w)")
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


# Words of office names that say what kind of unit, not which: they match anything.
UNIT_WORDS = frozenset(
    {
        "abt", "abteilung", "amt", "amtes", "bereich", "behörde", "büro", "center", "dienst",
        "dienste", "dienststelle", "fachbereich", "fachdienst", "fachgebiet", "leitung",
        "referat", "sachgebiet", "service", "servicecenter", "stabsstelle", "stelle", "team",
        "untere", "obere", "verwaltung", "zentrum", "für", "und", "mitte",
    }
)  # fmt: skip
# A piece of an address that names a building, not an office ("Verwaltungszentrum").
_BUILDING = re.compile(r"(?:zentrum|gebäude|haus)$")
MIN_SHARED = 5  # letters two names' words must share to name the same office


def _words(name: str) -> set[str]:
    return {w for w in re.split(r"[\W_]+", name.casefold()) if len(w) >= 2} - UNIT_WORDS


def _shared(a: str, b: str) -> bool:
    """The same word, or a stem of MIN_SHARED or more letters in both ("standes" in
    "Standesbeamtin" and "Standesamt") that is no unit word."""
    if a == b:
        return True
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match()
    longest = a[match.a : match.a + match.size]
    return match.size >= MIN_SHARED and not any(longest in word for word in UNIT_WORDS)


def names_this_office(unit: str, names: Iterable[str]) -> bool:
    """Whether an address's unit name ("Abteilung Bauordnung und Genehmigungen") is like
    one of an office's names ("Bauordnungsamt")."""
    words = _words(unit)
    return any(_shared(a, b) for name in names for b in _words(name) for a in words)


def _office_units(recipient: str, organisation: str) -> list[str]:
    """The names of units the recipient field gives, the organisation's own words left
    out ("Straßenverkehrsbehörde Musterstadt" names an office too), buildings not."""
    if organisation.split():
        own = "|".join(re.escape(word) for word in organisation.split())
        recipient = re.sub(rf"(?i)\b(?:{own})\b", " ", recipient)
    return [
        unit
        for unit in unit_names(recipient, organisation)
        if not _BUILDING.search(unit) and _words(unit)
    ]


def other_unit(recipient: str, organisation: str, names: Iterable[str]) -> str | None:
    """The first office-like name in the recipient field that is like none of ``names``
    (one office's): the letter is addressed to a unit Semantha does not know as that
    office. None when there is no such name."""
    known = tuple(names)
    return next(
        (u for u in _office_units(recipient, organisation) if not names_this_office(u, known)),
        None,
    )


def offices_like(
    recipient: str, organisation: str, names: Mapping[str, Iterable[str]]
) -> dict[str, str]:
    """Office -> the unit in the recipient field that is like one of its ``names``."""
    found: dict[str, str] = {}
    for unit in _office_units(recipient, organisation):
        for office, its_names in names.items():
            if names_this_office(unit, its_names):
                found.setdefault(office, unit)
    return found
