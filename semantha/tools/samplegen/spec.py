"""The content of one generated letter, before it is laid out and scanned.

``corpus`` produces LetterSpec records; ``render`` lays them out on A4 pages;
``scan`` adds scanner defects; ``writer`` saves files, labels.csv and ground truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

LetterKind = Literal[
    "citizen",  # DIN 5008 letter from a citizen
    "company",  # DIN 5008 business letter (often an invoice or reminder)
    "authority",  # letter from another authority or a court
    "internal",  # Hausmitteilung with a routing slip ("An: Amt 63")
    "invoice",  # invoice with a table of items
    "court",  # court letter (Gerichtsschreiben)
    "advert",  # advertising, no department
    "private",  # private letter that reached the city by mistake
]


@dataclass(frozen=True)
class LetterSpec:
    """Ground truth and content of one letter; labels come from here, never from OCR."""

    kind: LetterKind
    department: str  # office id, e.g. "63"; "" for unroutable mail
    doctype: str  # e.g. "Antrag"; "" when none applies
    names_office: bool  # True when the address block or routing slip names the office
    sender: tuple[str, ...]  # sender block lines (name, street, town)
    recipient: tuple[str, ...]  # address block lines (may name an office or not)
    letter_date: date
    aktenzeichen: str  # "" when the letter carries none
    references: tuple[tuple[str, str], ...]  # info block / reference line: (label, value)
    subject: str
    salutation: str
    body: tuple[str, ...]  # paragraphs
    closing: tuple[str, ...]  # greeting and signature lines
    table: tuple[tuple[str, ...], ...] = ()  # invoice rows, first row is the header
    routing_slip: tuple[str, ...] = ()  # internal mail: "An: Amt 63 – Baurechtsamt", ...
    mentions: tuple[str, ...] = ()  # office ids named in passing (not the recipient)
    date_text: str = ""  # the date line as printed ("Musterstadt, den 3.2.2026"); "" = dd.mm.yyyy
