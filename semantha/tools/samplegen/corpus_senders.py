"""Who writes a letter: the sender block, the signature and the sender's own references.

Which authorities, courts and firms write to which office is in ``data/senders.yaml``.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from semantha.tools.samplegen import corpus_org as org
from semantha.tools.samplegen import corpus_people as people
from semantha.tools.samplegen.datafiles import DataFile, load


@dataclass(frozen=True)
class Sender:
    """The writing person or organisation as it appears on the page."""

    lines: tuple[str, ...]  # letterhead / sender block
    name: str  # used in the body ("Kontoinhaber ist …")
    female: bool
    closing: tuple[str, ...]
    references: tuple[tuple[str, str], ...]  # the sender's own: "Unser Zeichen", "Kundennummer"
    town: str  # for "Beispielhausen, den 3.2.2026"


class _Specialist(DataFile):
    names: tuple[str, ...]  # patterns: {last}, {other} last names, {invented} a made-up word
    business: str


class _Senders(DataFile):
    authority_hints: dict[str, tuple[str, ...]]  # office -> parts of authority names
    court_hints: dict[str, tuple[str, ...]]  # office -> parts of court names
    specialists: dict[str, _Specialist]  # role -> firms of that line of business
    office_trades: dict[str, tuple[str, ...]]  # office -> lines of business writing to it
    greetings: tuple[str, ...]
    clubs: tuple[str, ...]
    council_groups: tuple[str, ...]


SENDERS = load("senders.yaml", _Senders)
RATHAUS_LINES = ("Rathausplatz 1", "34567 Musterstadt")


def make_sender(rng: random.Random, role: str, office: str, other_office: str) -> Sender:
    """A sender fitting ``role``; ``other_office`` is the writing office of internal mail."""
    makers: dict[str, Callable[[random.Random, str], Sender]] = {
        "citizen": _citizen,
        "private": _citizen,
        "company": _company,
        "invoice": _company,
        "advert": _company,
        "lawyer": _lawyer,
        "authority": _authority,
        "court": _court,
    }
    if role == "internal":
        return _internal(rng, other_office)
    if role in ("club", "council"):
        return _association(rng, role)
    if role in SENDERS.specialists:
        return _company(rng, office, role)
    return makers[role](rng, office)


def _signer(rng: random.Random) -> tuple[str, bool]:
    gender, first, last = people.person(rng)
    return f"{people.pick(rng, people.PEOPLE.titles)}{first} {last}", gender == "f"


def _citizen(rng: random.Random, _office: str) -> Sender:
    name, female = _signer(rng)
    town = people.town(rng)
    lines = [name, people.street_address(rng), town]
    if rng.random() < 0.3:
        lines.append(f"Tel. 0{rng.randint(3400, 3499)} {people.digits(rng, 5)}")
    if rng.random() < 0.15:
        lines.append(f"{name.split()[-1].lower()}@example.org")
    closing = (rng.choice(SENDERS.greetings), name)
    refs: list[tuple[str, str]] = []
    if rng.random() < 0.1:
        refs.append(
            (
                "Geburtsdatum",
                people.format_date(
                    people.day_between(rng, date(1940, 1, 1), date(2005, 12, 31)), 0
                ),
            )
        )
    return Sender(tuple(lines), name, female, closing, tuple(refs), town.split(" ", 1)[1])


def _specialist(rng: random.Random, role: str) -> tuple[str, str]:
    specialist = SENDERS.specialists[role]
    names = people.PEOPLE.last_names
    last, other = people.pick(rng, names), people.pick(rng, names)
    invented = people.pick(rng, people.PEOPLE.invented_names)
    name = rng.choice(specialist.names).format(last=last, other=other, invented=invented)
    return name, specialist.business


def _company(rng: random.Random, office: str, role: str = "company") -> Sender:
    if role in SENDERS.specialists:
        company, business = _specialist(rng, role)
    else:  # mostly a firm in a line of business the office deals with
        trades = SENDERS.office_trades.get(office, ()) if rng.random() < 0.8 else ()
        company, business = people.company_name(rng, trades)
    town = people.town(rng, far=0.25)
    signer, female = _signer(rng)
    lines = [company]
    if rng.random() < 0.5:
        lines.append(business)
    lines += [people.street_address(rng), town]
    if rng.random() < 0.5:
        lines.append(f"Telefon 0{rng.randint(3400, 3499)} {people.digits(rng, 4)}-0")
    if rng.random() < 0.3:
        lines.append(f"USt-IdNr. DE{people.digits(rng, 9)}")
    if rng.random() < 0.3:
        lines.append(f"Amtsgericht Mustertal HRB {people.digits(rng, 5)}")
    role_line = rng.choice(
        (
            "Geschäftsführer" if not female else "Geschäftsführerin",
            "Buchhaltung",
            "Vertrieb",
            "Projektleitung",
            "Inhaber" if not female else "Inhaberin",
        )
    )
    prefix = rng.choice(("", "", "i. A. ", "ppa. "))
    closing = (rng.choice(SENDERS.greetings[:3]), company, f"{prefix}{signer}", role_line)
    refs: list[tuple[str, str]] = []
    if rng.random() < 0.5:
        initials = "".join(part[0] for part in signer.split()[-2:])
        refs.append(("Unser Zeichen", f"{initials}/{people.digits(rng, 3)}"))
    if rng.random() < 0.3:
        refs.append(("Ansprechpartner", signer))
    return Sender(tuple(lines), company, female, closing, tuple(refs), town.split(" ", 1)[1])


def _lawyer(rng: random.Random, _office: str) -> Sender:
    a, b = people.pick(rng, people.PEOPLE.last_names), people.pick(rng, people.PEOPLE.last_names)
    signer, female = _signer(rng)
    first = signer.split()[-2]
    firm = rng.choice(org.LAW_FIRMS).format(a=a, b=b, first=first)
    town = people.town(rng, far=0.2)
    lines = (
        firm,
        people.street_address(rng),
        town,
        f"Telefon 0{rng.randint(3400, 3499)} {people.digits(rng, 5)}",
    )
    title = "Rechtsanwältin" if female else "Rechtsanwalt"
    closing = (rng.choice(("Mit freundlichen Grüßen", "Mit kollegialen Grüßen")), signer, title)
    year = rng.randint(24, 26)
    refs = (("Unser Zeichen", f"{people.digits(rng, 3)}/{year} {signer.split()[-1][:2].upper()}"),)
    return Sender(lines, firm, female, closing, refs, town.split(" ", 1)[1])


@functools.cache
def _authority_pool(office: str) -> tuple[tuple[str, ...], ...]:
    hints = SENDERS.authority_hints.get(office, ())
    pool = tuple(a for a in org.AUTHORITIES if any(h in " ".join(a) for h in hints))
    return pool or org.AUTHORITIES


def _authority(rng: random.Random, office: str) -> Sender:
    pool = _authority_pool(office)
    name, unit, street, town = rng.choice(pool)
    signer, female = _signer(rng)
    lines = (name, unit, street, town)
    closing = (
        rng.choice(("Mit freundlichen Grüßen", "Mit freundlichen Grüßen", "Freundliche Grüße")),
        rng.choice(("Im Auftrag", "i. A.", "Im Auftrag")),
        signer,
    )
    abbreviation = "".join(word[0] for word in name.split() if word[0].isupper())[:4]
    refs = [("Unser Zeichen", f"{abbreviation}-{people.digits(rng, 4)}-{rng.randint(2024, 2026)}")]
    if rng.random() < 0.6:
        refs.append(("Bearbeitet von", signer))
    if rng.random() < 0.4:
        refs.append(
            (
                "Telefon",
                f"0{rng.randint(3400, 3499)} {people.digits(rng, 4)}-{rng.randint(100, 999)}",
            )
        )
    return Sender(lines, name, female, closing, tuple(refs), town.split(" ", 1)[1])


def _register(court: str, office: str, rng: random.Random) -> str:
    """The court register letters of a case number ("3 K 1234/25" at an administrative court)."""
    if office == "51":
        return "F"
    if "Vollstreckung" in court:
        return "M"
    registers = {
        "Verwaltungsgericht": ("K", "L"),
        "Landgericht": ("O",),
        "Sozialgericht": ("S",),
        "Arbeitsgericht": ("Ca",),
        "Amtsgericht": ("C", "IN", "M"),
    }
    return rng.choice(registers.get(court.split()[0], ("C",)))


def _court(rng: random.Random, office: str) -> Sender:
    hints = SENDERS.court_hints.get(office, ())
    pool = [c for c in org.COURTS if any(h in c[0] for h in hints)] or list(org.COURTS)
    name, street, town = rng.choice(pool)
    lines: tuple[str, ...] = (name, street, town)
    if office == "51":
        lines = (name, "– Familiengericht –", street, town)
    signer, female = _signer(rng)
    closing = rng.choice(
        (
            (
                "Mit freundlichen Grüßen",
                signer,
                "Urkundsbeamtin der Geschäftsstelle"
                if female
                else "Urkundsbeamter der Geschäftsstelle",
            ),
            ("Auf Anordnung", signer, "Justizbeschäftigte" if female else "Justizbeschäftigter"),
            (signer, f"{'Richterin' if female else 'Richter'} am {name.split()[0]}"),
            ("Beglaubigt", signer, "Justizangestellte" if female else "Justizangestellter"),
        )
    )
    year = rng.randint(24, 26)
    label = rng.choice(("Geschäftsnummer", "Geschäftsnummer", "Aktenzeichen", "Geschäftszeichen"))
    register = _register(name, office, rng)
    ref = f"{rng.randint(1, 12)} {register} {rng.randint(10, 4999)}/{year}"
    refs = ((label, ref),)
    return Sender(lines, name, female, closing, refs, town.split(" ", 1)[1])


def _internal(rng: random.Random, sender_office: str) -> Sender:
    source = org.OFFICE_BY_ID[sender_office]
    signer, female = _signer(rng)
    lines = (
        "Stadt Musterstadt",
        rng.choice(source.aliases),
        signer,
        f"Durchwahl -{rng.randint(100, 899)}",
    )
    closing = rng.choice(
        (
            ("Mit freundlichen Grüßen", signer),
            ("Viele Grüße", signer),
            ("gez.", signer, "Amtsleiterin" if female else "Amtsleiter"),
            ("Mit freundlichen Grüßen", "i. A.", signer),
        )
    )
    return Sender(lines, signer, female, closing, (), "Musterstadt")


def _association(rng: random.Random, role: str) -> Sender:
    """A club (e.V.) or a group in the city council."""
    signer, female = _signer(rng)
    if role == "council":
        name = rng.choice(SENDERS.council_groups)
        lines: tuple[str, ...] = (name, "im Gemeinderat der Stadt Musterstadt", *RATHAUS_LINES)
        function = "Fraktionsvorsitzende" if female else "Fraktionsvorsitzender"
    else:
        name = rng.choice(SENDERS.clubs)
        function = rng.choice(("1. Vorsitzende", "Kassenwart", "Schriftführer"))
        if female:
            function = function.replace("Kassenwart", "Kassenwartin").replace("führer", "führerin")
        street, town = people.street_address(rng), people.town(rng, far=0.0)
        lines = (name, f"{function}: {signer}", street, town)
    closing = (rng.choice(SENDERS.greetings[:3]), signer, function)
    return Sender(lines, name, female, closing, (), "Musterstadt")
