"""Mail of another author: letters for measuring how Semantha learns the city's own mail.

    .venv/bin/python benchmarks/shifted_mail.py --out DIR --count N --seed S [--part a|b] [--pdf]
    .venv/bin/python benchmarks/shifted_mail.py --overlap [--count N --seed S]
    .venv/bin/python benchmarks/shifted_mail.py --check --out DIR --count 200 --seed S

Semantha's classifier is trained on its own sample generator (semantha/tools/samplegen).
These letters are written with other matters, words, senders and layouts (the prose is
in benchmarks/shifted_mail/*.yaml), for the offices of DESIGN.md §4. Each letter knows
its office ("" = for no office), its document type, and its clue: what tells the office:

- content: only what the letter is about;
- address: the address block or a "z. Hd." line names the office (the body does not);
- reference: the city's own file number ("Ihr Zeichen", "Az.", "Kassenzeichen", ...);
- ours_decoy: the sender's "Unser Zeichen" looks like another office's number (the
  decoy); the content decides;
- memo: a Hausmitteilung forwarded from one office (the decoy) to another ("An:");
- unroutable: adverts and misdirected mail, for no office.

Every office's matters come in two disjoint halves (``--part a|b``), so that a benchmark
can learn on one half and measure on the other. ``letters(seed, count)`` is the API.

Writes DIR/labels.csv (DESIGN.md §3: ``text,department,doctype``, or ``file,...`` with
``--pdf``: one PDF with a text layer per letter) and DIR/truth.csv (row, file, department, clue,
decoy, sender_kind, layout, part). ``--overlap`` prints how many of the letters' word
3-grams and content words occur in the training corpus of ``make model``, next to the
same figures for a fresh seed of the sample generator. ``--check`` runs the PDFs through
``semantha process --json --dry-run`` and prints precision and coverage per clue.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Generic, Literal, TypeVar

import yaml
from held_out_letters import process
from pydantic import BaseModel, ConfigDict, Field
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from semantha.tools.samplegen.corpus_people import MONTHS  # the calendar, not prose

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "shifted_mail"
DEPARTMENTS = ROOT / "rules" / "departments.yaml"
RESULTS = ROOT / "benchmarks" / "results"
PARTS = ("a", "b")
CLUE_WEIGHTS = {
    "content": 45,
    "address": 13,
    "reference": 15,
    "ours_decoy": 10,
    "memo": 10,
    "unroutable": 7,
}
LAYOUTS = ("letter", "infoline", "email", "form", "note", "long", "fax")
CITY_REFERENCE_LABELS = (
    "Ihr Zeichen",
    "Ihr Zeichen:",
    "Ihr Az.:",
    "Aktenzeichen:",
    "Az.:",
    "Az.",
    "Geschäftszeichen:",
    "Ihr Geschäftszeichen:",
    "Kassenzeichen:",
)
PAGE_BREAK = "\f"  # a line of its own in a letter's text
WIDTH = 86  # characters of a line: Courier 9 pt between the margins
FONT_SIZE = 9.0
LINE_PITCH = 12.0
MARGIN = 50.0
YEAR = 2026
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
T = TypeVar("T")
SenderKind = Literal["citizen", "company", "lawyer", "authority", "club", "court", "internal"]


# --------------------------------------------------------------------------- the data files


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Matter(_Data):
    type: str = "Sonstiges"
    sender_kind: SenderKind = Field(alias="from")
    senders: tuple[str, ...] = ()
    salutations: tuple[str, ...] = ()  # instead of the common ones
    subjects: tuple[str, ...]
    text: tuple[str, ...]


class Office(_Data):
    address: tuple[str, ...]
    codes: tuple[str, ...]
    a: tuple[Matter, ...]
    b: tuple[Matter, ...]


class Neutral(_Data):
    type: str
    sender_kinds: tuple[SenderKind, ...] = ("citizen", "company", "lawyer")
    subjects: tuple[str, ...]
    text: tuple[str, ...]


class Halves(_Data, Generic[T]):
    a: tuple[T, ...]
    b: tuple[T, ...]


class Common(_Data):
    first_female: tuple[str, ...]
    first_male: tuple[str, ...]
    last_names: tuple[str, ...]
    children: tuple[str, ...]
    dogs: tuple[str, ...]
    council_topics: tuple[str, ...]
    streets: tuple[str, ...]
    towns: tuple[tuple[str, str], ...]
    city_addresses: tuple[tuple[str, ...], ...]
    office_lines: tuple[str, ...]
    salutations: tuple[str, ...]
    closings: tuple[str, ...]
    roles: tuple[str, ...]
    lawyer_firms: tuple[str, ...]
    neutral: Halves[Neutral]
    memo_intro: Halves[str]
    memo_outro: tuple[str, ...]
    memo_titles: tuple[str, ...]
    memo_from: tuple[str, ...]
    memo_to: tuple[str, ...]
    unroutable: Halves[Matter]
    decoy_shapes: tuple[str, ...]
    fillers: tuple[str, ...]
    history: tuple[str, ...]
    small_after_comma: tuple[str, ...]
    function_words: tuple[str, ...]


def _yaml(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def offices() -> dict[str, Office]:
    raw = _yaml(DATA / "offices.yaml")
    assert isinstance(raw, dict)
    return {str(key): Office.model_validate(value) for key, value in raw.items()}


@cache
def common() -> Common:
    return Common.model_validate(_yaml(DATA / "common.yaml"))


@cache
def office_names() -> dict[str, str]:
    """Office id -> its official name, from rules/departments.yaml."""
    raw = _yaml(DEPARTMENTS)
    assert isinstance(raw, dict)
    return {str(d["id"]): str(d["name"]) for d in raw["departments"]}


# --------------------------------------------------------------------------- one letter


@dataclass(frozen=True)
class Letter:
    """One letter and its ground truth."""

    text: str
    department: str  # office id, "" for mail no office should get
    doctype: str
    clue: str
    sender_kind: str
    layout: str
    decoy: str = ""  # the office a decoy reference or a memo's sender points to
    part: str = "a"
    matter: str = ""  # what the text is about: "63/a3" (an office's), "neutral/b1", "junk/a0"


@dataclass(frozen=True)
class _Draft:
    """The parts of a letter before a layout sets them."""

    sender: tuple[str, ...]  # name first, then street and town
    recipient: tuple[str, ...]
    references: tuple[tuple[str, str], ...]  # (label, value)
    place: str
    day: date
    subject: str
    salutation: str
    paragraphs: tuple[str, ...]
    closing: tuple[str, ...]
    sender_kind: str
    recipient_office: str = ""  # the office line when the address names one


class _Writer:
    """Random choices and slot filling for one letter."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.data = common()
        self.day = date(YEAR, 1, 5) + timedelta(days=rng.randrange(330))

    def pick(self, items: Sequence[T]) -> T:
        return self.rng.choice(items)

    def pick_matter(self, pool: str, half: str, items: Sequence[T]) -> tuple[T, str]:
        """One of a pool's matters of one half, and its name ("63/a3")."""
        index = self.rng.randrange(len(items))  # as rng.choice draws
        return items[index], f"{pool}/{half}{index}"

    def some(self, items: Sequence[str], least: int = 2) -> list[str]:
        """The first and more of the sentences, at least ``least``, in their order."""
        if len(items) <= least:
            return list(items)
        count = self.rng.randint(least, len(items))
        keep = sorted(self.rng.sample(range(1, len(items)), count - 1))
        return [items[0], *(items[i] for i in keep)]

    def date_text(self, day: date) -> str:
        style = self.rng.randrange(3)
        if style == 0:
            return day.strftime("%d.%m.%Y")
        if style == 1:
            return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
        return f"{day.day}.{day.month}.{day.year % 100:02d}"

    def person(self) -> str:
        first = self.pick(self.data.first_female + self.data.first_male)
        return f"{first} {self.pick(self.data.last_names)}"

    def address(self) -> str:
        return f"{self.pick(self.data.streets)} {self.rng.randint(1, 140)}"

    def amount(self) -> str:
        value = self.rng.uniform(80, 48000)
        text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        return self.pick((f"{text} €", f"{text} Euro", f"EUR {text}"))

    def fill(self, template: str) -> str:
        past = self.day - timedelta(days=self.rng.randrange(5, 120))
        future = self.day + timedelta(days=self.rng.randrange(10, 150))
        values: dict[str, Callable[[], str]] = {
            "datum": lambda: self.date_text(past),
            "termin": lambda: self.date_text(future),
            "betrag": self.amount,
            "adresse": self.address,
            "nr": lambda: str(self.rng.randint(100, 98999)),
            "kind": lambda: self.pick(self.data.children),
            "hund": lambda: self.pick(self.data.dogs),
            "ratsthema": lambda: self.pick(self.data.council_topics),
            "jahr": lambda: str(YEAR),
            "person": self.person,
        }
        chosen = re.sub(r"\[([^][]*)\]", lambda m: self.pick(m.group(1).split("|")), template)
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)](), chosen)

    def sender(self, kind: str, names: Sequence[str]) -> tuple[str, ...]:
        """Sender block: name (and signer for organisations), street, town."""
        postcode, town = self.pick(self.data.towns)
        place = (self.address(), f"{postcode} {town}")
        if kind in ("citizen", "internal"):
            return (self.person(), *place)
        if kind == "lawyer":
            pattern = self.pick(self.data.lawyer_firms)
            last, other = self.rng.sample(self.data.last_names, 2)
            name = pattern.format(last=last, other=other, first_f=self.pick(self.data.first_female))
            return (name, *place)
        return (self.pick(names) if names else self.person(), *place)

    def signature(self, sender: tuple[str, ...], kind: str) -> tuple[str, ...]:
        greeting = self.pick(self.data.closings).format(town=sender[-1].split(" ", 1)[1])
        if kind in ("citizen", "internal"):
            return (greeting, "", sender[0])
        signer = self.person()
        return (greeting, sender[0], f"i. A. {signer}", self.pick(self.data.roles))

    def salutation(self) -> str:
        return self.pick(self.data.salutations).format(last=self.pick(self.data.last_names))

    def city_reference(self, office: str) -> str:
        code = self.pick(offices()[office].codes)
        n = self.rng.randint
        yy = YEAR % 100 - self.rng.randrange(2)
        shapes = (
            f"{office}-{n(100, 899)}.{n(10, 99)}/{2000 + yy}",
            f"{office}.{n(1, 4)}-{code}-{n(1000, 9999)}/{yy}",
            f"{office}/{n(1000, 9999)}/{2000 + yy}",
            f"{office}-{code}-{n(100, 999)}/{yy}",
        )
        return self.pick(shapes)

    def cash_reference(self, office: str) -> str:
        n = self.rng.randint
        return f"{office}.{n(1000, 9999)}.{n(1000, 9999)}.{n(1, 9)}"

    def decoy_reference(self, office: str) -> str:
        shape = self.pick(self.data.decoy_shapes)
        return shape.format(
            id=office,
            n4=self.rng.randint(1000, 9999),
            n3=self.rng.randint(100, 999),
            d=self.rng.randint(1, 5),
            yy=YEAR % 100,
            code=self.pick(offices()[office].codes),
            initials=self.pick(("KL", "ro", "Dr. B/mw", "ts", "HV")),
        )

    def own_reference(self) -> tuple[str, str]:
        """A sender's reference that looks like no office's number."""
        value = self.pick(
            (
                f"{self.pick(self.data.last_names)[:2].upper()}/{self.rng.choice('abcdefg')}",
                f"K-{self.rng.randint(10000, 99999)}",
                f"Kd.-Nr. {self.rng.randint(1000000, 9999999)}",
                f"M {self.rng.randint(10, 999)}/{YEAR % 100} ro",
            )
        )
        return ("Unser Zeichen:", value)


def _city_block(w: _Writer, office_line: str = "") -> tuple[str, ...]:
    lines = list(w.pick(w.data.city_addresses))
    if office_line:
        lines.insert(1, office_line)
    return tuple(lines)


def _office_line(w: _Writer, office: str) -> str:
    form = w.pick(offices()[office].address)
    return w.pick(w.data.office_lines).format(office=form, last=w.pick(w.data.last_names))


def _draft(
    w: _Writer,
    sender_kind: str,
    senders: Sequence[str],
    subject: str,
    sentences: Sequence[str],
    references: Sequence[tuple[str, str]],
    office_line: str = "",
    salutations: Sequence[str] = (),
) -> _Draft:
    sender = w.sender(sender_kind, senders)
    body = [w.fill(s) for s in sentences]
    paragraphs = [_after_comma(body[0])]
    if len(body) > 1:
        paragraphs += _paragraphs(w, body[1:])
    return _Draft(
        sender=sender,
        recipient=_city_block(w, office_line),
        references=tuple(references),
        place=sender[-1].split(" ", 1)[1],
        day=w.day,
        subject=w.fill(subject),
        salutation=w.pick(salutations) if salutations else w.salutation(),
        paragraphs=tuple(paragraphs),
        closing=w.signature(sender, sender_kind),
        sender_kind=sender_kind,
        recipient_office=office_line,
    )


def _after_comma(sentence: str) -> str:
    """The body's first sentence follows the salutation's comma: small, unless a noun."""
    first = sentence.split(" ", 1)[0]
    if first.lower() in common().small_after_comma:
        return sentence[:1].lower() + sentence[1:]
    return sentence


def _paragraphs(w: _Writer, sentences: Sequence[str]) -> list[str]:
    """Sentences joined into one or two paragraphs."""
    if len(sentences) > 2 and w.rng.random() < 0.5:
        cut = w.rng.randint(1, len(sentences) - 1)
        return [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
    return [" ".join(sentences)]


# --------------------------------------------------------------------------- layouts


def _wrap(paragraph: str) -> list[str]:
    return textwrap.wrap(paragraph, WIDTH) or [""]


def _body(draft: _Draft) -> list[str]:
    lines = [draft.salutation, ""]
    for paragraph in draft.paragraphs:
        lines += [*_wrap(paragraph), ""]
    return lines + list(draft.closing)


def _capital(text: str) -> str:
    """A body without a salutation before it starts with a capital."""
    return text[:1].upper() + text[1:]


def _right(text: str) -> str:
    return " " * 48 + text


def _layout_letter(w: _Writer, d: _Draft) -> list[str]:
    lines = [" · ".join(d.sender), "", *d.recipient, ""]
    lines += [_right(f"{label} {value}") for label, value in d.references]
    lines += [_right(f"{d.place}, {w.date_text(d.day)}"), "", "", d.subject, ""]
    return lines + _body(d)


def _layout_infoline(w: _Writer, d: _Draft) -> list[str]:
    phone = f"0{w.rng.randint(3000, 9999)} {w.rng.randint(1000, 99999)}"
    head = [d.sender[0].upper(), f"{d.sender[1]} | {d.sender[2]} | Tel. {phone}"]
    lines = [*head, "", "", *d.recipient, "", ""]
    columns = [(label.rstrip(":"), value) for label, value in d.references]
    columns.append(("Datum", d.day.strftime("%d.%m.%Y")))
    widths = [max(len(label), len(value)) + 3 for label, value in columns]
    lines.append("".join(label.ljust(n) for (label, _), n in zip(columns, widths, strict=True)))
    lines.append("".join(value.ljust(n) for (_, value), n in zip(columns, widths, strict=True)))
    return [*lines, "", f"Betreff: {d.subject}", "", *_body(d)]


def _layout_email(w: _Writer, d: _Draft) -> list[str]:
    local = re.sub(r"[^a-z]+", ".", d.sender[0].lower()).strip(".")
    domain = "musterstadt.example" if d.sender_kind == "internal" else "example.net"
    weekday = WEEKDAYS[d.day.weekday()]
    lines = [
        f"Von: {d.sender[0]} <{local}@{domain}>",
        "An: info@musterstadt.example",
        f"Gesendet: {weekday}, {d.day.day}. {MONTHS[d.day.month - 1]} {d.day.year} "
        f"{w.rng.randint(7, 21):02d}:{w.rng.randint(0, 59):02d}",
        f"Betreff: {d.subject}",
        "",
    ]
    if d.recipient_office:
        lines += [d.recipient_office, ""]
    lines += [f"{label} {value}" for label, value in d.references]
    if d.references:
        lines.append("")
    return lines + _body(d)


def _layout_form(w: _Writer, d: _Draft) -> list[str]:
    fields = [
        ("Name", d.sender[0]),
        ("Anschrift", f"{d.sender[1]}, {d.sender[2]}"),
        ("Empfänger", ", ".join(d.recipient[:2])),
        *((label.rstrip(":"), value) for label, value in d.references),
        ("Anliegen", d.subject),
        ("Datum", d.day.strftime("%d.%m.%Y")),
    ]
    lines = [
        w.pick(("EINGABE AN DIE STADTVERWALTUNG", "Formular: Mitteilung", "KONTAKTFORMULAR")),
        "",
    ]
    lines += [f"{label}: {value}" for label, value in fields]
    lines += [
        "",
        "Beschreibung:",
        *_wrap(_capital(" ".join(d.paragraphs))),
        "",
        f"Unterschrift: {d.closing[-1]}",
    ]
    return lines


def _layout_note(w: _Writer, d: _Draft) -> list[str]:
    lines = [f"An: {' / '.join(d.recipient[:2])}", ""]
    lines += [f"{label} {value}" for label, value in d.references]
    lines += [f"Betr.: {d.subject}", "", *_wrap(_capital(d.paragraphs[0])), ""]
    return [*lines, f"{d.sender[0]}, {w.date_text(d.day)}"]


def _layout_long(w: _Writer, d: _Draft) -> list[str]:
    """A letter with more to say, and a second page: the history of the matter."""
    lines = _layout_letter(w, d)
    closing = len(d.closing)
    # the fillers speak as a person does
    extra = w.some(w.data.fillers, least=3) if d.sender_kind == "citizen" else []
    events = w.some(w.data.history, least=3)
    start = d.day - timedelta(days=20 * len(events))
    history = [
        f"{(start + timedelta(days=20 * i)).strftime('%d.%m.%Y')}   {event}"
        for i, event in enumerate(events)
    ]
    second_page = [PAGE_BREAK, f"{d.sender[0]} – Seite 2", "", "Bisheriger Verlauf", "", *history]
    more = [*_wrap(" ".join(extra)), ""] if extra else []
    return [*lines[:-closing], *more, *lines[-closing:], *second_page]


def _layout_fax(w: _Writer, d: _Draft) -> list[str]:
    lines = [
        "T E L E F A X",
        "",
        f"An:      {', '.join(d.recipient[:-1])}",
        f"Fax:     0345 {w.rng.randint(1000, 9999)}-{w.rng.randint(10, 99)}",
        f"Von:     {d.sender[0]}",
        f"Seiten:  {w.rng.randint(1, 3)} (einschl. Deckblatt)",
        f"Datum:   {d.day.strftime('%d.%m.%Y')}",
        "",
    ]
    lines += [f"{label} {value}" for label, value in d.references]
    return [*lines, "", f"Betreff: {d.subject}", "", *_body(d)]


LAYOUT_FUNCTIONS: dict[str, Callable[[_Writer, _Draft], list[str]]] = {
    "letter": _layout_letter,
    "infoline": _layout_infoline,
    "email": _layout_email,
    "form": _layout_form,
    "note": _layout_note,
    "long": _layout_long,
    "fax": _layout_fax,
}


def _memo(w: _Writer, sender: str, receiver: str, matter: Matter, part: str) -> list[str]:
    """A Hausmitteilung from one office to another, with the letter it passes on."""
    names = office_names()

    def field(template: str, office: str) -> str:
        form = w.pick(offices()[office].address)
        return template.format(office=form, id=office, name=names[office])

    intro = w.pick(getattr(w.data.memo_intro, part)).format(**{"from": names[sender]})
    quoted = " ".join(w.fill(s) for s in w.some(matter.text))
    lines = [
        "Stadt Musterstadt",
        w.pick(w.data.memo_titles),
        "",
        field(w.pick(w.data.memo_from), sender),
        field(w.pick(w.data.memo_to), receiver),
        f"Datum: {w.day.strftime('%d.%m.%Y')}",
        "",
        f"Betreff: {w.fill(w.pick(matter.subjects))}",
        "",
        *_wrap(intro),
        "",
        *_wrap(f"Auszug aus der Eingabe: „{quoted}“"),
        "",
        *_wrap(w.pick(w.data.memo_outro)),
        "",
        f"i. A. {w.person()}",
    ]
    return lines


# --------------------------------------------------------------------------- the stream


def _choose(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _layout_for(w: _Writer, sender_kind: str) -> str:
    if sender_kind == "internal":
        return "email"
    if sender_kind in ("court", "authority"):
        return w.pick(("letter", "infoline", "fax", "long"))
    return w.pick(LAYOUTS)


def letter(seed: int, index: int, part: str | None = None) -> Letter:
    """Letter ``index`` of the stream ``seed``; the same arguments give the same letter."""
    rng = random.Random(f"shifted-mail/{seed}/{index}")
    w = _Writer(rng)
    half = part or w.pick(PARTS)
    clue = _choose(rng, CLUE_WEIGHTS)
    office = w.pick(sorted(offices()))
    decoy = w.pick([o for o in sorted(offices()) if o != office])
    matter, about = w.pick_matter(office, half, getattr(offices()[office], half))
    if clue == "memo":
        text = "\n".join(_memo(w, decoy, office, matter, half))
        return Letter(text, office, "Hausmitteilung", clue, "internal", "memo", decoy, half, about)
    references: list[tuple[str, str]] = []
    office_line = ""
    department, doctype, kind, senders = office, matter.type, matter.sender_kind, matter.senders
    subject, sentences = w.pick(matter.subjects), w.some(matter.text)
    salutations = matter.salutations
    if clue in ("address", "reference"):
        neutral, about = w.pick_matter("neutral", half, getattr(w.data.neutral, half))
        doctype, subject, sentences = neutral.type, w.pick(neutral.subjects), list(neutral.text)
        kind = w.pick(("citizen", *neutral.sender_kinds))
        senders, salutations = (), ()
        if clue == "address":
            office_line = _office_line(w, office)
        else:
            label = w.pick(CITY_REFERENCE_LABELS)
            number = w.cash_reference if label == "Kassenzeichen:" else w.city_reference
            references.append((label, number(office)))
    elif clue == "unroutable":
        junk, about = w.pick_matter("junk", half, getattr(w.data.unroutable, half))
        department, doctype, kind, senders = "", "Sonstiges", junk.sender_kind, junk.senders
        subject, sentences = w.pick(junk.subjects), w.some(junk.text)
        salutations = junk.salutations
    if clue == "ours_decoy":
        references.append(("Unser Zeichen:", w.decoy_reference(decoy)))
    elif kind != "citizen" and rng.random() < 0.4:
        references.append(w.own_reference())
    if references and rng.random() < 0.3:
        past = w.day - timedelta(days=rng.randrange(7, 60))
        references.append(("Ihre Nachricht vom", past.strftime("%d.%m.%Y")))
    layout = _layout_for(w, kind)
    draft = _draft(w, kind, senders, subject, sentences, references, office_line, salutations)
    text = "\n".join(LAYOUT_FUNCTIONS[layout](w, draft))
    decoy = decoy if clue == "ours_decoy" else ""
    return Letter(text, department, doctype, clue, kind, layout, decoy, half, about)


def letters(seed: int, count: int, part: str | None = None) -> list[Letter]:
    """``count`` letters of the stream ``seed``; ``part`` "a" or "b" takes one half only."""
    return [letter(seed, index, part) for index in range(count)]


# --------------------------------------------------------------------------- files


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def set_as_pdf(text: str, pdf: Path) -> None:
    """The letter in Courier with a text layer; a new page when one is full."""
    page = canvas.Canvas(str(pdf), pagesize=A4)
    page.setFont("Courier", FONT_SIZE)
    y = A4[1] - MARGIN
    for line in text.split("\n"):
        if line == PAGE_BREAK:
            y = 0.0  # the next line starts a page
            continue
        if y < MARGIN:
            page.showPage()
            page.setFont("Courier", FONT_SIZE)
            y = A4[1] - MARGIN
        page.drawString(MARGIN, y, line)
        y -= LINE_PITCH
    page.save()


def write(out: Path, mail: Sequence[Letter], pdf: bool) -> list[Path]:
    """labels.csv and truth.csv in ``out`` (and a PDF per letter with ``pdf``)."""
    out.mkdir(parents=True, exist_ok=True)
    files = [out / f"letter-{i:04d}.pdf" for i in range(len(mail))] if pdf else []
    for item, file in zip(mail, files, strict=False):
        set_as_pdf(item.text, file)
    first = [f.name for f in files] if pdf else [m.text for m in mail]
    _write_csv(
        out / "labels.csv",
        ("file" if pdf else "text", "department", "doctype"),
        ((key, m.department, m.doctype) for key, m in zip(first, mail, strict=True)),
    )
    _write_csv(
        out / "truth.csv",
        ("row", "file", "department", "clue", "decoy", "sender_kind", "layout", "part", "matter"),
        (
            (
                str(i),
                f.name if pdf else "",
                m.department,
                m.clue,
                m.decoy,
                m.sender_kind,
                m.layout,
                m.part,
                m.matter,
            )
            for i, (m, f) in enumerate(zip(mail, files or [Path()] * len(mail), strict=True), 1)
        ),
    )
    return files


# --------------------------------------------------------------------------- overlap


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]+", text)]


def _ngrams(words: Sequence[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@dataclass(frozen=True)
class Overlap:
    trigrams: float  # share of the distinct word 3-grams also in the reference corpus
    content_words: float  # share of the distinct content words also in it


def overlap(texts: Iterable[str], reference: Iterable[str]) -> Overlap:
    known_grams: set[tuple[str, ...]] = set()
    known_words: set[str] = set()
    for text in reference:
        words = _words(text)
        known_grams |= _ngrams(words)
        known_words.update(words)
    grams: set[tuple[str, ...]] = set()
    content: set[str] = set()
    for text in texts:
        words = _words(text)
        grams |= _ngrams(words)
        function_words = set(common().function_words)
        content.update(w for w in words if len(w) > 3 and w not in function_words)
    return Overlap(len(grams & known_grams) / len(grams), len(content & known_words) / len(content))


def training_texts() -> list[str]:
    """The clean text of the letters ``make model`` trains on (seeds 101 to 104).

    The noisy copies (seeds 102, 103) are taken clean: OCR noise only removes n-grams.
    """
    from semantha.tools.samplegen import corpus

    runs = ((101, 2000), (102, 2000), (103, 2000), (104, 200))
    return [
        corpus.plain_text(s) for seed, count in runs for s in corpus.generate_letters(seed, count)
    ]


def sample_texts(seed: int, count: int) -> list[str]:
    from semantha.tools.samplegen import corpus

    return [corpus.plain_text(s) for s in corpus.generate_letters(seed, count)]


def overlap_report(mail: Sequence[Letter], seed: int) -> str:
    training = training_texts()
    rows = [
        "| letters | word 3-grams in the training corpus | content words in it |",
        "|---|---:|---:|",
    ]
    for name, texts in (
        (f"shifted mail, seed {seed}", [m.text for m in mail]),
        *((f"shifted mail, part {p}", [m.text for m in mail if m.part == p]) for p in PARTS),
        (f"sample generator, seed {seed + 9000}", sample_texts(seed + 9000, len(mail))),
    ):
        found = overlap(texts, training)
        rows.append(
            f"| {name} | {100 * found.trigrams:.1f} % | {100 * found.content_words:.1f} % |"
        )
    return "\n".join(rows)


# --------------------------------------------------------------------------- check


def check_report(mail: Sequence[Letter], files: Sequence[Path], config: Path | None) -> str:
    """Precision of the auto-routed letters and coverage, per clue."""
    decided = process(list(files), config)
    groups: dict[str, list[tuple[Letter, str | None]]] = defaultdict(list)
    for item, file in zip(mail, files, strict=True):
        line = decided[file.name]
        delivered = line.get("planned") == "delivered"
        department = str(line.get("department") or "") if delivered else None
        groups[item.clue].append((item, department))
        groups["all"].append((item, department))
    rows = [
        "| clue | letters | routed | right | precision | coverage | to the decoy |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for clue in [*CLUE_WEIGHTS, "all"]:
        items = groups.get(clue, [])
        routed = [(m, d) for m, d in items if d is not None]
        right = sum(d == m.department for m, d in routed)
        decoy = sum(bool(m.decoy) and d == m.decoy for m, d in routed)
        rows.append(
            f"| {clue} | {len(items)} | {len(routed)} | {right} | {_percent(right, len(routed))} | "
            f"{_percent(len(routed), len(items))} | {decoy} |"
        )
    return "\n".join(rows)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write labels.csv and truth.csv here")
    parser.add_argument("--count", type=int, default=200, metavar="N")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument("--part", choices=PARTS, help="only this half of the vocabulary")
    parser.add_argument("--pdf", action="store_true", help="one PDF with a text layer per letter")
    parser.add_argument("--overlap", action="store_true", help="compare with the training corpus")
    parser.add_argument("--check", action="store_true", help="run semantha process on the PDFs")
    parser.add_argument("--config", type=Path, help="config.yaml for --check")
    args = parser.parse_args(argv)
    if (args.check or args.pdf) and args.out is None:
        parser.error("--pdf and --check need --out DIR")
    mail = letters(args.seed, args.count, args.part)
    sections = []
    if args.out is not None:
        files = write(args.out, mail, pdf=args.pdf or args.check)
        print(f"{len(mail)} letters in {args.out}")
        if args.check:
            sections.append(check_report(mail, files, args.config))
    if args.overlap:
        sections.append(overlap_report(mail, args.seed))
    if sections:
        text = "\n\n".join(sections)
        print(text)
        _keep(text, args.seed, argv if argv is not None else sys.argv[1:])
    return 0


def _keep(text: str, seed: int, argv: Sequence[str]) -> None:
    """The figures in benchmarks/results/, with the command that produced them."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    command = " ".join(["python benchmarks/shifted_mail.py", *argv])
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"shifted-mail-seed{seed}-{stamp}.md"
    path.write_text(f"# Mail of another author ({stamp})\n\n`{command}`\n\n{text}\n", "utf-8")


if __name__ == "__main__":
    sys.exit(main())
