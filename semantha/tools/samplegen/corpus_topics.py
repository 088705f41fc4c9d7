"""Topics of municipal mail: what a letter is about, which office handles it, and phrasings.

The tables in ``data/topics/*.txt`` are written in a small line notation so that
administrative prose stays readable and easy to extend::

    == 63 | Antrag | citizen company | Bauantrag         office | doctype | sender roles | title
    S: subject line                                       one of these is the subject
    I: opening sentence                                   one opens the body
    D: detail sentence                                    some of these follow
    A: request or closing sentence                        one ends the body
    M: 66 sentence that names office 66 in passing        optional, recorded in ``mentions``
    I2: opening sentence of variant 2                     numbered lines go only with the
    S2: subject of variant 2                              same number; unnumbered ones with all

Office "-" marks unroutable mail (department ""); "*" a short letter any office
gets. Inside a sentence ``{slot}`` is filled from ``corpus_slots``, ``[a|b|c]``
picks one variant, ``<sg|pl>`` picks by whether one person or an organisation
writes, and ``<n>`` is a plural-only suffix.

Which office is right when a letter names several: the office responsible for the
matter the letter asks to be decided or paid. A Bauantrag that encloses the
Tiefbauamt's opinion goes to the Baurechtsamt; a claim for damages caused by a
pothole goes to the Rechtsamt, a report of the pothole to the Tiefbauamt.
Invoices go to the office they are addressed to (it checks the delivery); an
invoice addressed only to the city goes to the Kämmerei, which runs the central
invoice inbox, even when its text names the ordering office ("Besteller:
Feuerwehr"). Reminders about unpaid invoices go to the Stadtkasse.
A Widerspruch or a reply to an Anhörung goes to the office whose decision it
concerns; when a lawyer writes, it goes to the Rechtsamt. Court mail goes to the
Rechtsamt, except the family court (Jugendamt), insolvency and enforcement courts
(Stadtkasse) and garnishment of an employee's pay (Personalamt). Noise from
neighbours and pubs is the Ordnungsamt's, noise from installations (heat pumps,
plants) the Amt für Klimaschutz und Umwelt's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from semantha.tools.samplegen.corpus_org import DOCTYPES, OFFICE_IDS
from semantha.tools.samplegen.datafiles import read_text

# In this order: the generator draws from the topics by position.
TOPIC_FILES = (
    "topics/offices-10-34.txt",
    "topics/offices-37-80.txt",
    "topics/offices-more-a.txt",
    "topics/offices-more-b.txt",
    "topics/offices-more-c.txt",
    "topics/offices-more-d.txt",
    "topics/offices-more-e.txt",
    "topics/offices-more-f.txt",
    "topics/offices-more-g.txt",
    "topics/offices-more-h.txt",
    "topics/offices-more-i.txt",
    "topics/internal-hearings-courts.txt",
    "topics/near-misses.txt",
)
COVER_FILE = "topics/cover-letters.txt"
ROLES = (
    "council",
    "insurer",
    "collector",
    "utility",
    "funeral",
    "architect",
    "developer",
    "bank",
    "taxadvisor",
    "club",
    "citizen",
    "company",
    "lawyer",
    "authority",
    "internal",
    "invoice",
    "court",
    "advert",
    "private",
)


@dataclass(frozen=True)
class Phrasing:
    """Sentences that fit together: one variant of a topic."""

    subjects: tuple[str, ...]
    intros: tuple[str, ...]
    details: tuple[str, ...]
    asks: tuple[str, ...]
    mentions: tuple[tuple[str, str], ...]  # (office id, sentence naming it)


@dataclass(frozen=True)
class Topic:
    """One kind of matter an office receives mail about, with its phrasings."""

    office: str  # office id, "" for unroutable mail, "*" for any office
    doctype: str
    roles: tuple[str, ...]
    title: str
    variants: tuple[Phrasing, ...]


Lines = dict[str, list[tuple[int, str]]]  # line kind -> (variant number, text); 0 = shared


def _parse_header(line: str, lineno: int) -> tuple[str, str, tuple[str, ...], str]:
    parts = [part.strip() for part in line[2:].split("|")]
    if len(parts) != 4:
        raise ValueError(f"topic table line {lineno}: expected 4 fields in {line!r}")
    office, doctype, roles_text, title = parts
    office = "" if office == "-" else office
    roles = tuple(roles_text.split())
    if office not in (*OFFICE_IDS, "", "*"):
        raise ValueError(f"topic table line {lineno}: unknown office {office!r}")
    if doctype not in DOCTYPES or not roles or not set(roles) <= set(ROLES):
        raise ValueError(f"topic table line {lineno}: bad doctype or roles in {line!r}")
    return office, doctype, roles, title


def _phrasing(title: str, office: str, lines: Lines, variant: int) -> Phrasing:
    def pick(kind: str) -> tuple[str, ...]:
        return tuple(text for number, text in lines[kind] if number in (0, variant))

    mentions: list[tuple[str, str]] = []
    for text in pick("M"):
        mentioned, sentence = text.split(" ", 1)
        if mentioned not in OFFICE_IDS or mentioned == office:
            raise ValueError(f"topic {title!r}: bad mentioned office {mentioned!r}")
        mentions.append((mentioned, sentence))
    phrasing = Phrasing(pick("S"), pick("I"), pick("D"), pick("A"), tuple(mentions))
    if not (phrasing.subjects and phrasing.intros and phrasing.details and phrasing.asks):
        raise ValueError(f"topic {title!r} variant {variant}: needs S, I, D and A lines")
    return phrasing


def _build(header: tuple[str, str, tuple[str, ...], str], lines: Lines) -> Topic:
    office, doctype, roles, title = header
    numbers = sorted({number for kind in lines.values() for number, _ in kind if number}) or [0]
    variants = tuple(_phrasing(title, office, lines, number) for number in numbers)
    return Topic(office, doctype, roles, title, variants)


_LINE = re.compile(r"^([SIDAM])(\d?):\s*(.+)$")


def parse_topics(table: str) -> tuple[Topic, ...]:
    """Parse the line notation described in the module docstring."""
    topics: list[Topic] = []
    header: tuple[str, str, tuple[str, ...], str] | None = None
    lines: Lines = {key: [] for key in "SIDAM"}
    for lineno, raw in enumerate(table.splitlines(), start=1):
        line = raw.strip()
        match = _LINE.match(line)
        if not line or line.startswith("#"):
            continue
        if line.startswith("=="):
            if header is not None:
                topics.append(_build(header, lines))
            header = _parse_header(line, lineno)
            lines = {key: [] for key in "SIDAM"}
        elif header is not None and match:
            kind, number, text = match.groups()
            lines[kind].append((int(number or 0), text))
        else:
            raise ValueError(f"topic table line {lineno}: cannot read {line!r}")
    if header is not None:
        topics.append(_build(header, lines))
    return tuple(topics)


def _read_topics(name: str) -> tuple[Topic, ...]:
    try:
        return parse_topics(read_text(name))
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from exc


TOPICS: tuple[Topic, ...] = tuple(topic for name in TOPIC_FILES for topic in _read_topics(name))
COVER_TOPICS: tuple[Topic, ...] = _read_topics(COVER_FILE)


def topics_by_office() -> dict[str, tuple[Topic, ...]]:
    """Topics grouped by office id ("" for unroutable mail)."""
    grouped: dict[str, list[Topic]] = {}
    for topic in TOPICS:
        grouped.setdefault(topic.office, []).append(topic)
    return {office: tuple(items) for office, items in grouped.items()}
