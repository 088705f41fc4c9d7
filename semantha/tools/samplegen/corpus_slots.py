"""Slot values for letter templates, generated on first use and then kept for the letter.

A letter that says "Flurstück {flst}" twice names the same plot twice: ``Slots``
caches every value it generates. The word lists are in ``data/slots.yaml``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from semantha.tools.samplegen import corpus_people as people
from semantha.tools.samplegen.corpus_org import OFFICE_BY_ID
from semantha.tools.samplegen.datafiles import DataFile, load


@dataclass(frozen=True)
class LetterContext:
    """What slot generators need to know about the letter being written."""

    letter_date: date
    date_style: int
    sender: str  # name of the writing person or organisation
    female: bool  # the writing person is a woman (for "Vermieterin")
    other_office: str  # an office id other than the recipient, for "{office_other}"
    office: str = ""  # the recipient office, for "{matter}"


class _WordLists(DataFile):
    schools: tuple[str, ...]
    kitas: tuple[str, ...]
    parks: tuple[str, ...]
    cemeteries: tuple[str, ...]
    trees: tuple[str, ...]
    jobs: tuple[str, ...]
    software: tuple[str, ...]
    businesses: tuple[str, ...]
    events: tuple[str, ...]
    building_projects: tuple[str, ...]  # {n} is a number of flats
    development_plans: tuple[str, ...]
    children: tuple[str, ...]
    dogs: tuple[str, ...]
    budget_products: tuple[str, ...]


WORDS = load("slots.yaml", _WordLists)

Generator = Callable[[random.Random, LetterContext], str]


def _days(ctx: LetterContext, rng: random.Random, low: int, high: int) -> str:
    return people.format_date(
        ctx.letter_date + timedelta(days=rng.randint(low, high)), ctx.date_style
    )


def _birth(rng: random.Random, ctx: LetterContext, low: int, high: int) -> str:
    day = ctx.letter_date - timedelta(days=rng.randint(low, high))
    return people.format_date(day, ctx.date_style)


def _child(rng: random.Random, ctx: LetterContext) -> str:
    last = ctx.sender.split()[-1] if ctx.sender else ""
    if last not in people.PEOPLE.last_names:  # an organisation writes: the child has its own family
        last = people.pick(rng, people.PEOPLE.last_names)
    return f"{people.pick(rng, WORDS.children)} {last}"


def _vorhaben(rng: random.Random, _ctx: LetterContext) -> str:
    return people.pick(rng, WORDS.building_projects).replace("{n}", str(rng.randint(3, 24)))


def _bplan(rng: random.Random, _ctx: LetterContext) -> str:
    return f"Nr. {rng.randint(12, 140)} „{people.pick(rng, WORDS.development_plans)}“"


def _ext_az(rng: random.Random, ctx: LetterContext) -> str:
    year = ctx.letter_date.year % 100
    return rng.choice(
        (
            f"{rng.randint(1, 12)} K {rng.randint(100, 4999)}/{year}",
            f"{rng.randint(1, 9)} C {rng.randint(10, 999)}/{year}",
            f"{rng.randint(10, 99)} M {rng.randint(1000, 99999)}/{year}",
            f"{rng.randint(1, 9)} F {rng.randint(100, 999)}/{year}",
            f"{rng.randint(1, 9)} IN {rng.randint(10, 999)}/{year}",
        )
    )


def _month_year(rng: random.Random, ctx: LetterContext) -> str:
    day = ctx.letter_date - timedelta(days=rng.randint(20, 80))
    return f"{people.MONTHS[day.month - 1]} {day.year}"


def _phone(rng: random.Random, _ctx: LetterContext) -> str:
    if rng.random() < 0.4:
        return f"01{rng.randint(51, 79)} {people.digits(rng, 7)}"
    return f"0{rng.randint(3400, 3499)} {people.digits(rng, rng.randint(4, 6))}"


def _email(rng: random.Random, ctx: LetterContext) -> str:
    name = (ctx.sender or "post").split()[-1].lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("ı", "i")):
        name = name.replace(umlaut, plain)
    return (
        f"{name}{rng.randint(1, 99)}@{rng.choice(('example.org', 'mail.example', 'web.example'))}"
    )


GENERATORS: dict[str, Generator] = {
    "addr": lambda r, c: people.street_address(r),
    "street": lambda r, c: people.pick(r, people.PEOPLE.streets),
    "street2": lambda r, c: f"{people.street_address(r)}, {people.town(r, far=0.4)}",
    "far_town": lambda r, c: r.choice(people.PEOPLE.far_towns)[1],
    "person": lambda r, c: people.full_name(r),
    "employee": lambda r, c: people.full_name(r),
    "company": lambda r, c: people.company_name(r)[0],
    "sender": lambda r, c: c.sender,
    "in": lambda r, c: "in" if c.female else "",
    "office_other": lambda r, c: c.other_office,
    "matter": lambda r, c: people.pick(r, OFFICE_BY_ID[c.office].matters),
    "child": _child,
    "date_past": lambda r, c: _days(c, r, -120, -3),
    "date_past2": lambda r, c: _days(c, r, -420, -121),
    "date_future": lambda r, c: _days(c, r, 14, 180),
    "date_future2": lambda r, c: _days(c, r, 185, 260),
    "date_short": lambda r, c: _days(c, r, 7, 21),
    "birth": lambda r, c: _birth(r, c, 18 * 365, 85 * 365),
    "birth_child": lambda r, c: _birth(r, c, 300, 10 * 365),
    "birth_new": lambda r, c: _birth(r, c, 1, 10),
    "year": lambda r, c: str(c.letter_date.year),
    "last_year": lambda r, c: str(c.letter_date.year - 1),
    "next_year": lambda r, c: str(c.letter_date.year + 1),
    "later_year": lambda r, c: str(c.letter_date.year + 4),
    "next_year_short": lambda r, c: f"{(c.letter_date.year + 1) % 100:02d}",
    "month_year": _month_year,
    "time": lambda r, c: f"{r.randint(7, 19)}:{r.choice(('00', '15', '30', '45'))}",
    "amount": lambda r, c: people.money(r, 40, 2500),
    "amount_small": lambda r, c: people.money(r, 5, 120),
    "amount_large": lambda r, c: people.money(r, 5_000, 950_000),
    "count": lambda r, c: str(r.randint(2, 60)),
    "percent": lambda r, c: str(r.randint(3, 45)),
    "hours": lambda r, c: str(r.choice((20, 25, 30, 35, 39, 45))),
    "km": lambda r, c: str(r.randint(3, 25)),
    "m2": lambda r, c: str(r.randint(12, 4800)),
    "trunk": lambda r, c: str(r.randint(80, 320)),
    "flst": lambda r, c: people.flurstueck(r),
    "gemarkung": lambda r, c: people.pick(r, people.PEOPLE.gemarkungen),
    "plate": lambda r, c: people.plate(r),
    "iban": lambda r, c: people.iban(r),
    "invoice_no": lambda r, c: r.choice(
        (
            f"RE-{c.letter_date.year}-{people.digits(r, 5)}",
            f"{people.digits(r, 7)}",
            f"R{c.letter_date.year % 100:02d}{people.digits(r, 4)}",
            f"{people.digits(r, 4)}/{c.letter_date.year}",
        )
    ),
    "kassenzeichen": lambda r, c: (
        f"{people.digits(r, 1)}.{people.digits(r, 4)}.{people.digits(r, 6)}.{r.randint(0, 9)}"
    ),
    "steuernr": lambda r, c: f"{r.randint(10, 99)}/{people.digits(r, 3)}/{people.digits(r, 5)}",
    "steuerid": lambda r, c: " ".join(people.digits(r, 11)[i : i + 3] for i in range(0, 11, 3)),
    "kundennr": lambda r, c: r.choice(
        (
            f"KD-{people.digits(r, 6)}",
            people.digits(r, 8),
            f"{people.digits(r, 5)}-{r.randint(10, 99)}",
        )
    ),
    "vertragsnr": lambda r, c: f"V-{c.letter_date.year}-{people.digits(r, 4)}",
    "bestellnr": lambda r, c: f"B{c.letter_date.year % 100:02d}-{people.digits(r, 5)}",
    "vorgang": lambda r, c: f"{r.choice(('VG', 'SN', 'BG', 'AZ', 'LRA'))}-{people.digits(r, 6)}",
    "versnr": lambda r, c: f"{r.choice('ABCDEFGHKLMNPRSTWZ')}{people.digits(r, 9)}",
    "foerderkz": lambda r, c: f"FKZ {r.randint(10, 99)}.{people.digits(r, 4)}-{c.letter_date.year}",
    "ext_az": _ext_az,
    "pnr": lambda r, c: people.digits(r, 6),
    "kennziffer": lambda r, c: f"{r.randint(1, 80)}/{c.letter_date.year % 100:02d}",
    "stellennr": lambda r, c: f"{r.randint(10, 80)}.{people.digits(r, 3)}",
    "vorlage": lambda r, c: f"{r.randint(1, 320)}/{c.letter_date.year}",
    "produkt": lambda r, c: people.pick(r, WORDS.budget_products),
    "ticket": lambda r, c: f"INC-{people.digits(r, 6)}",
    "inventar": lambda r, c: f"INV-{people.digits(r, 5)}",
    "durchwahl": lambda r, c: f"-{r.randint(100, 899)}",
    "room": lambda r, c: (
        f"{r.choice(('', '', 'A ', 'B '))}{r.randint(0, 3)}.{r.randint(1, 40):02d}"
    ),
    "ausweis": lambda r, c: "".join(r.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(9)),
    "grave": lambda r, c: (
        f"Feld {r.randint(1, 24)}, Reihe {r.randint(1, 30)}, Nr. {r.randint(1, 60)}"
    ),
    "job": lambda r, c: people.pick(r, WORDS.jobs),
    "school": lambda r, c: people.pick(r, WORDS.schools),
    "kita": lambda r, c: people.pick(r, WORDS.kitas),
    "kita2": lambda r, c: people.pick(r, WORDS.kitas),
    "park": lambda r, c: people.pick(r, WORDS.parks),
    "cemetery": lambda r, c: people.pick(r, WORDS.cemeteries),
    "tree": lambda r, c: people.pick(r, WORDS.trees),
    "software": lambda r, c: people.pick(r, WORDS.software),
    "business": lambda r, c: people.pick(r, WORDS.businesses),
    "event": lambda r, c: people.pick(r, WORDS.events),
    "vorhaben": _vorhaben,
    "bplan": _bplan,
    "dog_name": lambda r, c: people.pick(r, WORDS.dogs),
    "phone": _phone,
    "email": _email,
}


class Slots(dict[str, str]):
    """Slot values of one letter; a missing key is generated once and then kept."""

    def __init__(self, rng: random.Random, ctx: LetterContext) -> None:
        super().__init__()
        self._rng = rng
        self._ctx = ctx

    def __missing__(self, key: str) -> str:
        if key == "child_first":  # the same child as "{child}" when a letter names both
            value = self["child"].split()[0]
            self[key] = value
            return value
        generator = GENERATORS.get(key)
        if generator is None:
            raise KeyError(key)
        value = generator(self._rng, self._ctx)
        self[key] = value
        return value
