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
# A name (or a word of a unit's name) read this long may differ from a learned one by OCR
# errors or spelling (rapidfuzz ratio). Longer than departments.yaml's MIN_FUZZY_LENGTH:
# no administrator vetted these names.
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
# Words between the names in a unit's name: they name nothing.
_FILLERS = frozenset({"der", "die", "das", "des", "den", "dem", "im", "am", "zur", "zum", "vom"})
# Endings that make an office of a stem ("Standes|amt", umlauts folded as in _words),
# then what joins the stem to them ("Standes" -> "Stand"): the rest says what it is about.
_UNIT_ENDINGS = ("amtes", "amt", "behorde", "stelle", "abteilung", "verwaltung", "wesen")
_JOINTS = ("es", "s", "en", "n", "e")
MIN_STEM = 4  # letters a stem keeps when an ending is cut off
MIN_PART = 5  # letters of a stem that can be part of another word ("steuer" in "Realsteuern")
MIN_COMMON_START = 6  # letters two words may begin alike with ("Feuerwache", "Feuerwehr")
# How alike two words are: the same stem, one a compound that begins with the other
# word as it stands before its office ending, or one that ends with the other's stem or
# begins like it. An address's unit is like the offices whose names come closest.
SAME, BEGINS_WITH, PART_OF = 3, 2, 1
_FOLDED = str.maketrans({"ß": "ss", "ä": "a", "ö": "o", "ü": "u"})


def _words(name: str) -> list[str]:
    """The words of a name that say what the unit is about: lower case, umlauts folded
    ("Friedhöfe" and "Friedhofsamt"), no unit word and no article."""
    words = re.split(r"[\W_]+", name.casefold())
    return [
        w.translate(_FOLDED)
        for w in words
        if len(w) >= 2 and w not in UNIT_WORDS and w not in _FILLERS
    ]


def _cut(word: str, endings: tuple[str, ...]) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def _misspelt(a: str, b: str) -> bool:
    """The same long word, spelt or read a little differently ("Justitiariat")."""
    return min(len(a), len(b)) >= FUZZY_FROM and fuzz.ratio(a, b) >= MIN_SCORE


def _alike(a: str, b: str) -> int:
    """How alike two words of names are: SAME, BEGINS_WITH, PART_OF or 0. A compound
    begins with the other word as written before its office's ending ("Rechts" of
    "Rechtsamt" in "Rechtsangelegenheiten", but not "Standes" in "Standortmarketing"),
    and ends with its stem ("steuer" of "Steueramt" in "Realsteuern")."""
    base_a, base_b = _cut(a, _UNIT_ENDINGS), _cut(b, _UNIT_ENDINGS)
    stem_a, stem_b = _cut(base_a, _JOINTS), _cut(base_b, _JOINTS)
    if stem_a == stem_b or _misspelt(a, b):
        return SAME
    if any(len(s) >= MIN_PART and w.startswith(s) for s, w in ((base_a, b), (base_b, a))):
        return BEGINS_WITH
    if any(len(s) >= MIN_PART and t.endswith(s) for s, t in ((stem_a, stem_b), (stem_b, stem_a))):
        return PART_OF
    start = a[:MIN_COMMON_START]
    return PART_OF if len(start) == MIN_COMMON_START and b.startswith(start) else 0


def likeness(unit: str, names: Iterable[str]) -> int:
    """How alike an address's unit name ("Abteilung Bauordnung und Genehmigungen") is to
    the closest of an office's names ("Bauordnungsamt"): 0 when like none."""
    words = _words(unit)
    return max((_alike(a, b) for name in names for b in _words(name) for a in words), default=0)


def names_this_office(unit: str, names: Iterable[str]) -> bool:
    """Whether an address's unit name is like one of an office's names."""
    return likeness(unit, names) > 0


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
    """Office -> the unit in the recipient field that is like one of its ``names``, for
    the offices a unit comes closest to ("Abteilung Sicherheit und Ordnung" is the
    Ordnungsamt's, though the Bauordnungsamt's name holds "ordnung" too)."""
    found: dict[str, tuple[int, str]] = {}
    for unit in _office_units(recipient, organisation):
        for office, its_names in names.items():
            grade = likeness(unit, its_names)
            if grade > found.get(office, (0, ""))[0]:
                found[office] = (grade, unit)
    best = max((grade for grade, _ in found.values()), default=0)
    return {office: unit for office, (grade, unit) in found.items() if grade == best}
