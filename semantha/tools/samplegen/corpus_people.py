"""Fictional people, places, companies and numbers for generated letters.

Everything here is invented: the city is Musterstadt, the towns around it,
the streets and the companies (word lists in ``data/people.yaml``) do not exist.
Every generator takes the letter's own ``random.Random`` so that a seed
reproduces a letter exactly.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import date, timedelta

from semantha.tools.samplegen.datafiles import DataFile, load

CITY = "Musterstadt"
CITY_PLZ = "34567"


class _People(DataFile):
    first_female: tuple[str, ...]
    first_male: tuple[str, ...]
    last_names: tuple[str, ...]
    titles: tuple[str, ...]  # with their trailing space; "" for none
    streets: tuple[str, ...]
    towns: tuple[tuple[str, str], ...]  # postcode, town
    far_towns: tuple[tuple[str, str], ...]
    gemarkungen: tuple[str, ...]
    trades: tuple[tuple[str, str], ...]  # word in the company name, line of business
    legal_forms: tuple[str, ...]
    invented_names: tuple[str, ...]


PEOPLE = load("people.yaml", _People)

Rng = random.Random


def pick(rng: Rng, items: tuple[str, ...] | list[str]) -> str:
    """One element of ``items``."""
    return items[rng.randrange(len(items))]


def person(rng: Rng) -> tuple[str, str, str]:
    """(gender "f"/"m", first name, last name) of a fictional person."""
    gender = "f" if rng.random() < 0.5 else "m"
    first = pick(rng, PEOPLE.first_female if gender == "f" else PEOPLE.first_male)
    return gender, first, pick(rng, PEOPLE.last_names)


def full_name(rng: Rng) -> str:
    """ "Petra Hoffmann" style name, sometimes with an academic title."""
    _, first, last = person(rng)
    return f"{pick(rng, PEOPLE.titles)}{first} {last}"


def street_address(rng: Rng) -> str:
    """A street and house number, e.g. "Lindenstraße 14a"."""
    number = str(rng.randint(1, 140))
    if rng.random() < 0.12:
        number += rng.choice("abc")
    return f"{pick(rng, PEOPLE.streets)} {number}"


def town(rng: Rng, far: float = 0.05) -> str:
    """ "34567 Musterstadt" or a town nearby, rarely one far away."""
    plz, name = rng.choice(PEOPLE.far_towns) if rng.random() < far else rng.choice(PEOPLE.towns)
    return f"{plz} {name}"


def company_name(rng: Rng, trades: tuple[str, ...] = ()) -> tuple[str, str]:
    """(company name with legal form, line of business), from ``trades`` when given."""
    pool = [t for t in PEOPLE.trades if t[0] in trades] or list(PEOPLE.trades)
    trade, business = rng.choice(pool)
    form = pick(rng, PEOPLE.legal_forms)
    style = rng.random()
    if style < 0.45:
        name = f"{trade} {pick(rng, PEOPLE.last_names)} {form}"
    elif style < 0.75:
        name = f"{pick(rng, PEOPLE.invented_names)} {trade} {form}"
    else:
        name = f"{pick(rng, PEOPLE.last_names)} & {pick(rng, PEOPLE.last_names)} {trade} {form}"
    return name, business


def money(rng: Rng, low: float, high: float) -> str:
    """An amount in German notation, e.g. "1.234,56 €"."""
    value = rng.uniform(low, high)
    text = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} €"


def digits(rng: Rng, n: int) -> str:
    """``n`` random digits, the first one not zero."""
    return str(rng.randrange(10 ** (n - 1), 10**n))


def iban(rng: Rng) -> str:
    """An IBAN-shaped number (not a valid account), grouped in fours."""
    raw = "DE" + f"{rng.randint(10, 99)}" + digits(rng, 18)
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def plate(rng: Rng) -> str:
    """A vehicle registration in the fictional district "MU"."""
    letters = "".join(rng.choice("ABCDEFGHKLMNPRSTUVWXYZ") for _ in range(rng.randint(1, 2)))
    return f"{rng.choice(('MU', 'MU', 'MU', 'BH', 'NS'))}-{letters} {rng.randint(1, 9999)}"


def flurstueck(rng: Rng) -> str:
    """A plot number, e.g. "1234/5" or "87"."""
    base = str(rng.randint(12, 4999))
    return f"{base}/{rng.randint(1, 19)}" if rng.random() < 0.7 else base


def day_between(rng: Rng, start: date, end: date) -> date:
    """A uniformly chosen day in [start, end]."""
    return start + timedelta(days=rng.randint(0, (end - start).days))


MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def format_date(day: date, style: int) -> str:
    """A date in one of the formats German letters use."""
    styles: tuple[Callable[[date], str], ...] = (
        lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
        lambda d: f"{d.day}. {MONTHS[d.month - 1]} {d.year}",
        lambda d: f"{d.day}.{d.month}.{d.year}",
        lambda d: f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
        lambda d: d.isoformat(),
    )
    return styles[style % len(styles)](day)


def _is_feminine(street: str) -> bool:
    return street.endswith(("straße", "Straße", "gasse", "Gasse", "allee", "halde"))


_OTHER_STREETS = sorted((s for s in PEOPLE.streets if not _is_feminine(s)), key=len, reverse=True)
_STREET_AFTER_ARTICLE = re.compile(
    r"\b(in der|der|die) (" + "|".join(map(re.escape, _OTHER_STREETS)) + r")\b"
)
_IN_STREET = {
    "Grüner Weg": "im Grünen Weg",
    "Marktplatz": "am Marktplatz",
    "Gewerbepark Süd": "im Gewerbepark Süd",
}


def _street_phrase(match: re.Match[str]) -> str:
    article, street = match.group(1), match.group(2)
    if article != "in der":
        return f"{article} Straße {street}"
    if street in _IN_STREET:
        return _IN_STREET[street]
    if street.split()[0] in ("Am", "Im", "Hinterm", "Zum", "Auf"):
        return street
    return f"im {street}"


_ADJECTIVE_STREET = re.compile(r"\b(der|auf der|in der) (Obere|Neue|Lange) ")


def fix_street_grammar(text: str) -> str:
    """Templates say "in der {street}"; "Mühlweg", "Am Mühlbach", "Obere …" need other words."""
    text = _ADJECTIVE_STREET.sub(lambda m: f"{m.group(1)} {m.group(2)}n ", text)
    return _STREET_AFTER_ARTICLE.sub(_street_phrase, text)
