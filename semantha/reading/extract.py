"""Index fields from the first page of a letter: recipient, office, references, date, subject.

German letters follow DIN 5008: sender and return line top left, then the address
field, an information block (or a reference line) on the right, the date, a subject
(often without a "Betreff" label) and the salutation. Internal Hausmitteilungen carry
a routing slip ("An: Amt 63 – Baurechtsamt", "Von: Amt 20"). References are told
apart by their label: the city's own ("Ihr Zeichen", "Aktenzeichen", "Kassenzeichen")
from the sender's ("Unser Zeichen", "Mein Zeichen"). The text is OCR output, so every
pattern tolerates the usual damage: O for 0, l for 1, "A2." for "Az.", ";" for ":",
lost umlauts, and an incoming-mail stamp printed across the page.

With word boxes (OCR) the page is cut into lines and columns geometrically; a text
layer (PDF) or plain text gives lines only, and the same rules run on those.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from semantha.ocrtext import DIGIT_LOOKALIKES, DIGIT_OR_LOOKALIKE, TO_DIGIT
from semantha.records import Page, Word, frozen_map

# Characters OCR confuses with digits; translated only inside numbers.
_D = DIGIT_OR_LOOKALIKE
# in dates, postcodes and references S is read for 5 too
_LOOKALIKES_WITH_S = {**DIGIT_LOOKALIKES, "S": "5"}
_LOOKALIKE = f"[{''.join(_LOOKALIKES_WITH_S)}]"
_DD = f"[0-9{''.join(_LOOKALIKES_WITH_S)}]"
_AZ_TO_DIGIT = str.maketrans(_LOOKALIKES_WITH_S)
_ALNUM_EDGES = re.compile(r"^[^0-9A-Za-zÄÖÜäöü]+|[^0-9A-Za-zÄÖÜäöü]+$")

_SALUTATION = re.compile(
    # "Liebe Grüße aus dem Urlaub" is a subject: the informal ones must end like a salutation.
    r"^\W{0,3}(?:Seh[rt]\s*g[ec]|Seh[rt]\s+verehrt|Guten\s+(?:Tag|Morgen|Abend)\b"
    r"|(?:Liebe[rs]?|Hallo|Moin|Servus)\b.{0,60}[,!]\s*$)",
    re.IGNORECASE,
)
_STAMP = re.compile(
    r"\b(?:EINGANG|EINGEG\w*|EING\.|Posteingang|Eingangsstempel|ERHALTEN|RECEIVED)\b",
    re.IGNORECASE,
)
# A date stamp's month is in capitals ("14. NOV. 2025"), a typed letter date's is not:
# read apart from its "EINGANG" line (the stamp's lines merged into the address
# block's), the date alone still tells the stamp.
_STAMP_MONTH = re.compile(r"[A-ZÄÖÜ]{3,}")
# A postcode line, also as OCR leaves it: "34S67 Musterstadt", "i34567 Musterstadt",
# ".. 34567 ^Musterstadt", "34567Musterstadt", "34567 i Musterstadt".
_PLZ_LINE = re.compile(
    rf"^\W{{0,4}}[a-z|]?(?:D\s?-\s?)?(?P<plz>{_DD}{{5}})"
    r"(?:\s*[^\w\s]{1,2}|\s[a-z|](?=\s))?\s*[A-ZÄÖÜ][a-zäöüß]"
)
_HAS_PLZ = re.compile(rf"(?<![\w.])(?P<plz>{_D}{{5}})\s+[A-ZÄÖÜ]")
_RETURN_SEPARATOR = re.compile(r"\s[·•|∙]\s|\s[-–—]\s.*\d{5}")
_STREET = re.compile(
    r"(?i)^(?:Postfach\b.*|.*[a-zäöüß.](?:\s+(?-i:[0-9Il|]{1,4})|\d{1,4})\s?[a-z]?"
    r"(?:\s?[-–—/]\s?\d{1,4}\s?[a-z]?)?)$"
)
_OFFICE_WORD = re.compile(
    r"(?i)\b(?:A(?:m|rn)t|Fachbereich|FB|Abteilung|Referat|Dezernat|Dienststelle|Fachdienst|"
    r"Sachgebiet|Stabsstelle)\b|\bAbt\."
)
# A mailbox ("poststelle@musterstadt.example") names no office; the e-mail's header
# lines end where the office line of a mail to such a mailbox begins.
_MAILBOX = re.compile(r"^\S+@\S+\.\w+$")
_MAIL_HEADER = re.compile(
    r"(?i)^\W{0,2}(?:Von|An|Cc|Kopie|Gesendet|Datum|Betreff|From|To|Sent|Date|Subject)\s*:"
)
_VERMERK = re.compile(
    r"(?i)Einschreiben|R\S{0,2}ckschein|Pers\S{1,2}nlich|Vertraulich|\bEilt\b|"
    r"Per\s+(?:Fax|E-?Mail|Boten)|Entgelt|Frankier|Deutsche\s+Post|Infopost"
)
_SLIP = re.compile(
    # "An:", and forwarding labels: "Weitergeleitet an:", "Zur weiteren Veranlassung an:"
    # (not "Zur Kenntnis an:", a copy).
    r"^\W{0,2}(?:An|Empf\S{1,2}nger|To|(?:Weiter\w*|Abgabe|zust\S{1,2}ndigkeitshalber|"
    r"zur\s+(?:weiteren\s+)?(?!Kenntnis)\w+)(?:\s+\w+)?\s+an)\s*[:;]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
# Internal mail: its "Von:" names the sending office, which is not the recipient.
_MEMO = re.compile(
    r"(?i)\b(?:Hausmitteilung|Haus-?post|(?:Interne|Innerdienstliche)\s+Mitteilung|"
    r"Laufzettel|Weiterleitung|Weitergeleitet|zust\S{1,2}ndigkeitshalber)\b"
)
_MEMO_FROM = re.compile(
    r"(?i)^\W{0,2}(?:Von|Absender|Abs\.)(?:\s*[:;]|\s+(?=A(?:m|rn)t\s*\d))\s*(?P<value>.*)$"
)
_ATTENTION = re.compile(r"(?i)(?:\bz\.\s?H(?:d|nd)?\.|\bzu\s+H\S{1,2}nden\b|\bz\.\s?Hd\b)")
_SENDER_LINE = re.compile(
    r"(?i)^\W{0,2}(?:Von|Absender|Abs\.|From|Kopie|nachrichtlich|cc|Durchschrift|Verteiler)\b"
)
_SUBJECT_LABEL = re.compile(
    r"^\W{0,2}(?:(?:Betreff|Betr\.|Betrifft|B[eéc]tr[eéc][fl]+[ftl]?)(?![a-zäöüß])\s*[:;.]?"
    # forms and web contact forms: "Anliegen:", "Ihr Anliegen:", "Thema:", "Gegenstand:"
    r"|(?:Ihr\s+)?(?:Anliegen|Thema|Gegenstand)\s*[:;])\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_LABEL_CUT = re.compile(
    r"(?i)\s{3,}|\t|\s(?=(?:Datum|Tel\.?|Telefon|Fax|vom|Ihr[e]?|Unser[e]?|Bearbeiter\w*|"
    r"Durchwahl|E-?Mail|Zimmer|Az|A2|Aktenzeichen|Betreff|Von)\s*[.:;]?\s)"
)
_REFERENCE_LABEL = re.compile(
    r"(?i)^\W{0,2}(?:Datum|Tel|Telefon|Fax|E-?Mail|Az\b|A2\b|Aktenz|Gesch\S{0,2}ftsz|"
    r"(?:[Il1|]hr|Unser|Mein)e?\s+(?:Ze\S{2,5}|Nachricht|Schreiben|E-?Mail|Az\b|Akt|Gesch)|"
    r"(?:\w*nummer|Kassenzeichen)\s*[:;]|Ansprechp|Sachbearb|Bearbeiter|Durchwahl|Zimmer|Sprechzeit|"
    r"Internet|www\.)"
)

# "Zeichen" as OCR leaves it: "Zeicben", "Zeiche n"; "IhrAktenzeichen" lost its space.
_ZEICHEN = r"(?:Ze\S{2,5}(?-i:\s[a-z]{1,2}\b)?|A[z2]\b\.?|Akt\S{1,10}|Gesch\S{0,2}ftsz\S{0,7})"
_AZ_LABEL = re.compile(
    rf"(?i)(?P<theirs>(?<![\w|])[Il1|]hr(?:e)?\s*{_ZEICHEN})"
    rf"|(?P<ours>\b(?:Unser|Mein)(?:e)?\s*{_ZEICHEN})"
    r"|(?P<plain>\bAktenz\S{0,7}|\bAkt\.?\s?-?\s?Z\.|\bGesch\S{0,2}ftsz\S{0,6}|\bGesch\.\s?-?\s?Z\."
    r"|\bA[zZ2]\b\s?\.?)"
    r"|(?P<cash>\bKassen\s?-?\s?(?:[Zz]e\S{2,5}|[Zz]\.))"
)
# Which label's value is the letter's Aktenzeichen, and which the city's own reference.
_AZ_PRIORITY = {"theirs": 3.0, "plain": 2.0, "ours": 1.0}
_CITY_PRIORITY = {"theirs": 3.0, "plain": 2.0, "cash": 1.5}
_SENDER_PRIORITY = {"ours": 1.0}  # "Unser Zeichen": the sender's own file, not the city's
# 63-…, 32.1-…, 30.2.7-…; OCR may read the separators as ":" ("80:940:50/2025").
_OFFICE_SHAPED = re.compile(r"^\d{2}(?:[.:]\d{1,2}){0,3}\s?[-/:]")

_AMT = re.compile(
    rf"(?i)\b(?:A(?:m|rn)t|Fachbereich|FB)\s*(?:Nr\.?\s*)?({_D}{{2}})(?:[.,]\d{{1,2}})?(?!\d)"
)
_LEADING_OFFICE = re.compile(rf"^\W{{0,2}}({_D}{{2}})(?:\.\d{{1,2}})?\s*[-–—]\s*\S")

# OCR turns "." into ",", drops it, glues the year on, or leaves a speck ("®", "'", "I|").
_SPECK = r"(?:\s*(?:[^\w\s]{1,2}|[Il|]{1,2})(?=\s))?"
_NUM_DATE = re.compile(
    rf"(?<![\w.,])(?P<d>{_DD}{{1,2}})\s?[.,]\s?(?P<m>{_DD}{{1,2}})\s?[.,]\s?"
    rf"(?P<y>{_DD}{{4}}|{_DD}{{2}})(?![\w,])"
)
_TEXT_DATE = re.compile(
    rf"(?<![\w.])(?P<d>{_DD}{{1,2}})\s?[.,]?{_SPECK}\s*(?P<m>[^\W\d_]{{3,10}}(?:\s[a-zäöü]{{2,5}})?)"
    rf"\.?{_SPECK}"
    rf"\s*(?P<y>{_DD}{{4}})(?!\w)"
)
_ISO_DATE = re.compile(r"(?<![\w.])(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\w)")
_DATE_LABEL = re.compile(r"(?i)\b(?:Datu(?:m|rn)|Date)\s*[:;.]?\s*$")
_LABEL_ONLY = re.compile(r"^\W{0,2}[\w.-]+\s*[:;]\s*$")  # "Datum:", "Geburtsdatum:"
_PLACE_DEN = re.compile(r"(?i)(?:[a-zäöüß],\s*(?:den\s+)?|\bden\s+)$")
_DATE_REFERS = re.compile(
    r"(?i)\b(?:vom|seit|bis|ab|am|zum|geb\.|geboren|f\S{1,2}llig|Frist|Termin|Schreiben|"
    r"Nachricht|Rechnung|Antrag)(?:\s+(?:dem|den|zum))?\s*[:;]?\s*$"
)
_MONTH_NAMES = (
    "januar", "februar", "marz", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "dezember",
)  # fmt: skip
_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mrz": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12,
}  # fmt: skip

MAX_SUBJECT_LINES = 3
MAX_OFFICE_LINES = 3
OLDEST_LETTER_YEAR = 1990
MAX_AZ_LENGTH = 40


@dataclass(frozen=True)
class Line:
    """A run of words on one line; ``left`` is a fraction of the page width."""

    text: str
    top: float  # pixels (word boxes) or line number (plain text)
    left: float
    height: float  # pixels, or 1.0 for plain text


@dataclass(frozen=True)
class Layout:
    """Page 1 cut into lines, and the part above the salutation (the letter head)."""

    lines: tuple[Line, ...]
    head: tuple[Line, ...]
    salutation: Line | None
    geometric: bool


def extract_fields(pages: Sequence[Page]) -> Mapping[str, str]:
    """The index fields found on the first content page; keys that were not found are absent."""
    content = [p for p in pages if not p.blank and (p.text.strip() or p.words)]
    if not content:
        return frozen_map()
    layout = page_layout(content[0])
    later = tuple(line for page in content[1:2] for line in page_layout(page).lines)
    fields: dict[str, str] = {}
    recipient_lines = find_recipient(layout)
    if recipient_lines:
        fields["recipient"] = ", ".join(recipient_lines)
    references = find_references(layout, later)
    aktenzeichen = best_reference(references, _AZ_PRIORITY)
    if aktenzeichen:
        fields["aktenzeichen"] = aktenzeichen
    city_reference = best_reference(references, _CITY_PRIORITY)
    if city_reference:
        fields["city_reference"] = city_reference
    sender_reference = best_reference(references, _SENDER_PRIORITY)
    if sender_reference and sender_reference != city_reference:
        fields["sender_reference"] = sender_reference
    office = find_office(recipient_lines, layout, city_reference)
    if office:
        fields["office_number"] = office
    memo_sender = find_memo_sender(layout)
    if memo_sender:
        fields["memo_sender"] = memo_sender
    letter_date = find_date(layout, later)
    if letter_date:
        fields["date"] = letter_date.isoformat()
    subject = find_subject(layout)
    if subject:
        fields["subject"] = subject
    return frozen_map(fields)


# --- layout ----------------------------------------------------------------------------


def page_layout(page: Page) -> Layout:
    words = [w for w in page.words if w.text.strip()]
    lines = lines_from_words(words, page.size) if words else lines_from_text(page.text)
    salutation = next((line for line in lines if _SALUTATION.match(line.text)), None)
    if salutation is not None:
        head = tuple(line for line in lines if line.top < salutation.top)
    elif words:
        height = page.size[1] or max(w.box[1] + w.box[3] for w in words)
        head = tuple(line for line in lines if line.top < height * 0.5)
    else:
        head = lines[:30]
    return Layout(lines, head, salutation, bool(words))


def lines_from_words(words: Sequence[Word], size: tuple[int, int]) -> tuple[Line, ...]:
    """Group word boxes into rows, then cut rows into column segments at wide gaps."""
    width = size[0] or max(w.box[0] + w.box[2] for w in words)
    unit = statistics.median(w.box[3] for w in words)
    rows: list[list[Word]] = []
    row_centre = 0.0  # running mean of the current row's word centres
    for word in sorted(words, key=lambda w: w.box[1] + w.box[3] / 2):
        centre = word.box[1] + word.box[3] / 2
        if rows and abs(centre - row_centre) < 0.5 * unit:
            rows[-1].append(word)
            row_centre += (centre - row_centre) / len(rows[-1])
        else:
            rows.append([word])
            row_centre = centre
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda w: w.box[0])
        segment = [row[0]]
        for word in row[1:]:
            previous = segment[-1]
            if word.box[0] - (previous.box[0] + previous.box[2]) > 2.5 * unit:
                lines.append(_segment_line(segment, width))
                segment = []
            segment.append(word)
        lines.append(_segment_line(segment, width))
    # Specks (";", "|") read from dust or a stamp's frame would break the line pitch.
    lines = [line for line in lines if re.search(r"[0-9A-Za-zÄÖÜäöüß]", line.text)]
    return tuple(sorted(lines, key=lambda line: (line.top, line.left)))


def _segment_line(words: list[Word], width: int) -> Line:
    top = min(w.box[1] for w in words)
    bottom = max(w.box[1] + w.box[3] for w in words)
    text = " ".join(w.text.strip() for w in words)
    return Line(text, float(top), words[0].box[0] / max(width, 1), float(bottom - top))


def lines_from_text(text: str) -> tuple[Line, ...]:
    """Plain text: one line per row, split into columns at runs of 3+ spaces or tabs."""
    rows = text.splitlines()
    width = max(80, *(len(r) for r in rows)) if rows else 80
    lines: list[Line] = []
    for number, row in enumerate(rows):
        for match in re.finditer(r"\S+(?:(?: {1,2})\S+)*", row.expandtabs(8)):
            lines.append(Line(match.group(), float(number), match.start() / width, 1.0))
    return tuple(lines)


def blocks(lines: Sequence[Line]) -> list[list[Line]]:
    """Split lines (top to bottom) into paragraphs where the vertical gap is a blank line."""
    if not lines:
        return []
    height = statistics.median(line.height for line in lines) or 1.0
    steps = [b.top - a.top for a, b in itertools.pairwise(lines) if b.top - a.top > 0.5 * height]
    # The single line pitch, measured from the small steps (blank lines may be the
    # majority): box heights say little about the spacing a letter uses.
    small = sorted(steps)[len(steps) // 5] if steps else height
    pitch = min(max(small, height), 3.0 * height)
    result: list[list[Line]] = [[lines[0]]]
    for previous, line in itertools.pairwise(lines):
        if line.top - previous.top > 1.4 * pitch:
            result.append([])
        result[-1].append(line)
    return result


def _left_column(lines: Iterable[Line]) -> list[Line]:
    return [line for line in lines if line.left < 0.45]


# --- recipient and office ---------------------------------------------------------


def find_recipient(layout: Layout) -> list[str]:
    """Routing-slip "An:" values, else the address block after the return line; plus z. Hd."""
    slip = [
        _cut_value(m.group("value") or _beside(layout.head, index), comma=False)
        for index, line in enumerate(layout.head)
        if (m := _SLIP.match(line.text))
    ]
    names = [s for s in slip if s]
    if names and all(_MAILBOX.match(name) for name in names):
        names += _below_mail_header(layout.head)
    names = names or _address_block(layout.head)
    for line in layout.head:
        if _ATTENTION.search(line.text) and line.text.strip() not in names:
            names.append(line.text.strip())
    return names


def _below_mail_header(head: Sequence[Line]) -> list[str]:
    """The first lines below an e-mail's header, where a mail to the city's mailbox names
    the office ("– Grünflächenamt –", "Dienststelle: …", "Amt 37 (Frau Wendland)")."""
    last = max((i for i, line in enumerate(head) if _MAIL_HEADER.match(line.text)), default=None)
    if last is None:
        return []
    for block in blocks(head[last + 1 :]):
        texts = [line.text.strip() for line in block if not _REFERENCE_LABEL.match(line.text)]
        if texts:  # only the first block that is not the sender's reference
            return [t for t in texts[:MAX_OFFICE_LINES] if len(t) <= 80 and _names_someone(t)]
    return []


def _address_block(head: Sequence[Line]) -> list[str]:
    for block in reversed(blocks(_left_column(head))):
        plz = [i for i, line in enumerate(block) if _is_plz_line(line.text)]
        if not plz:
            continue
        above = block[: plz[-1]]
        # Whatever precedes the last line carrying a postcode (return line, sender) is not us.
        starts = [i + 1 for i, line in enumerate(above) if _is_return_line(line.text)]
        candidates = above[starts[-1] :] if starts else above
        names = [line.text.strip() for line in candidates if _names_someone(line.text)]
        if names:
            return names
    return []


def _is_plz_line(text: str) -> bool:
    match = _PLZ_LINE.match(text)
    return match is not None and sum(c.isdigit() for c in match.group("plz")) >= 3


def _is_return_line(text: str) -> bool:
    return bool(_HAS_PLZ.search(text) or _RETURN_SEPARATOR.search(text))


def _names_someone(text: str) -> bool:
    if not text.strip() or _STAMP.search(text) or _VERMERK.search(text):
        return False
    return not _STREET.match(text.strip()) or bool(_OFFICE_WORD.search(text))


def find_memo_sender(layout: Layout) -> str:
    """The "Von:" of internal mail (a memo, a forwarding slip); "" for other letters."""
    head = layout.head or layout.lines
    memo = any(_MEMO.search(line.text) for line in head) or (
        any(_SLIP.match(line.text) for line in head)
        and any(_MEMO_FROM.match(line.text) for line in head)
    )
    if not memo:
        return ""
    for index, line in enumerate(head):
        if match := _MEMO_FROM.match(line.text):
            return _cut_value(match.group("value") or _beside(head, index), comma=False)
    return ""


def find_office(recipient: Sequence[str], layout: Layout, city_reference: str) -> str:
    """Two-digit office number: recipient/routing slip, then the city's reference, then head."""
    for text in recipient:
        office = _office_in(text, leading=True)
        if office:
            return office
    if _OFFICE_SHAPED.match(city_reference) and 10 <= int(city_reference[:2]) <= 99:
        return city_reference[:2]
    for line in layout.head:
        if _SENDER_LINE.match(line.text) or _STAMP.search(line.text):
            continue
        office = _office_in(line.text, leading=False)
        if office:
            return office
    return ""


def _office_in(text: str, leading: bool) -> str:
    value = _SLIP.match(text)
    text = value.group("value") if value else text
    match = _AMT.search(text) or (_LEADING_OFFICE.match(text) if leading else None)
    if not match:
        return ""
    number = match.group(1).translate(TO_DIGIT)
    return number if number.isdigit() and 10 <= int(number) <= 99 else ""


# --- Aktenzeichen -------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """A labelled reference: which label (``theirs``, ``plain``, ``cash``, ``ours``), its value,
    and how much its place and shape make it the letter's main one."""

    label: str
    value: str
    score: float


def best_reference(references: Sequence[Reference], priority: Mapping[str, float]) -> str:
    """The value of the best reference among the labels ``priority`` ranks (the first of
    equals); "" when there is none."""
    best: tuple[float, str] | None = None
    for reference in references:
        if reference.label not in priority:
            continue
        score = priority[reference.label] + reference.score
        if best is None or score > best[0]:
            best = (score, reference.value)
    return best[1] if best else ""


def find_references(layout: Layout, later: Sequence[Line] = ()) -> list[Reference]:
    """Every labelled reference on the page, in reading order.

    A reference in the head counts more than one in the body or on page two, and one
    shaped like a city file number ("63-…") more than another.
    """
    found: list[Reference] = []
    head = set(layout.head)
    sources = (
        (layout.head, 0.0),
        (tuple(line for line in layout.lines if line not in head), -1.0),
        (tuple(later), -1.5),
    )
    for lines, bonus in sources:
        for index, line in enumerate(lines):
            for match in _AZ_LABEL.finditer(line.text):
                value = (
                    _az_value(line.text[match.end() :])
                    or _az_value(_beside(lines, index))
                    or _az_value(_below(lines, index))
                )
                if not value:
                    continue
                shape = 2.0 if _OFFICE_SHAPED.match(value) else 0.0
                found.append(Reference(match.lastgroup or "plain", value, bonus + shape))
    return found


def _beside(lines: Sequence[Line], index: int) -> str:
    """The segment right of a label on the same row (forms: label cell, value cell)."""
    label = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else None
    if following is None or abs(following.top - label.top) > 0.5 * label.height:
        return ""
    return following.text


def _below(lines: Sequence[Line], index: int) -> str:
    """The text under a label (reference line: labels in one row, values in the next)."""
    label = lines[index]
    for line in lines[index + 1 :]:
        if line.top - label.top > 2.5 * label.height:
            break
        if line.top > label.top and abs(line.left - label.left) < 0.08:
            return line.text
    return ""


def _az_value(rest: str) -> str:
    value = _cut_value(rest.lstrip(" .:;,"), comma=True)
    kept: list[str] = []
    for token in value.split():
        if len(re.sub(r"[^A-Za-zÄÖÜäöüß]", "", token)) >= 4 and not re.search(r"\d", token):
            break  # free text after the reference
        if _NUM_DATE.fullmatch(token):
            break  # "Ihr Zeichen, Ihre Nachricht vom" values on one line
        if re.search(r"[0-9A-Za-z]", token):  # OCR specks ("°", "'") are no part of it
            kept.append(token)
    value = _fix_digits(re.sub(r"[–—~]", "-", " ".join(_rejoin_numbers(kept))))
    value = _ALNUM_EDGES.sub("", value)
    if not re.search(r"\d", value) or len(value) < 3 or len(value) > MAX_AZ_LENGTH:
        return ""
    return value


def _rejoin_numbers(tokens: list[str]) -> list[str]:
    """Undo spaces OCR puts into numbers ("30-9 81.41/2024"); a following date stays apart."""
    joined: list[str] = []
    for token in tokens:
        previous = joined[-1] if joined else ""
        split_number = previous[-1:].isdigit() or previous.endswith(".")
        split_dash = previous.endswith(("-", "/")) or token.startswith(("-", "/"))  # "33-PA -4696"
        if (split_number and token[:1].isdigit() and not _NUM_DATE.search(token)) or (
            previous and split_dash
        ):
            joined[-1] = previous + token
        else:
            joined.append(token)
    return joined


def _cut_value(text: str, comma: bool) -> str:
    value = _LABEL_CUT.split(text.strip(), maxsplit=1)[0]
    if comma:
        value = value.split(", ", 1)[0]
    return value.strip(" .,;:")


def _fix_digits(text: str) -> str:
    """O->0, l/I->1, S->5 where the letter sits inside a number (e.g. "6O2.l4/2O2S")."""

    def repair(match: re.Match[str]) -> str:
        left = text[match.start() - 1] if match.start() > 0 else ""
        right = text[match.end()] if match.end() < len(text) else ""
        near_digit = left.isdigit() or right.isdigit()
        fits = (not left or left.isdigit() or left in ".-/ ") and (
            not right or right.isdigit() or right in ".-/ "
        )
        between_marks = left in ".-/" and right in ".-/" and bool(left and right)  # "32.l-BG"
        repaired = fits and (near_digit or between_marks)
        return match.group().translate(_AZ_TO_DIGIT) if repaired else match.group()

    return re.sub(f"{_LOOKALIKE}+", repair, text)


# --- date ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _DateHit:
    value: date
    score: float
    order: int


def find_date(layout: Layout, later: Sequence[Line] = ()) -> date | None:
    """The letter date: "Datum:"/"Ort, den" and lone dates beat info-block, body and stamps."""
    hits: list[_DateHit] = []
    head = set(layout.head)
    for order, line in enumerate((*layout.lines, *later)):
        for value, start, end in _dates_in(line.text):
            score = _date_score(line, start, end, line in head, layout)
            if order >= len(layout.lines):
                score -= 1.0
            if value.year < OLDEST_LETTER_YEAR:
                score = min(score, 0.3)  # a birth date or a historic one, not this letter's
            hits.append(_DateHit(value, score, order))
    if not hits:
        return None
    return max(hits, key=lambda h: (h.score, -h.order)).value


def _date_score(line: Line, start: int, end: int, in_head: bool, layout: Layout) -> float:
    text = line.text
    before, after = text[:start], text[end:].strip(" .,;")
    if _STAMP.search(text) or _STAMP_MONTH.search(text, start, end):
        return 1.2  # received stamp: below any letter date, above dates in the body
    if _DATE_LABEL.search(before):
        return 6.0
    if _DATE_REFERS.search(before) or _LABEL_ONLY.match(before):
        return 0.5  # "Ihr Schreiben vom ...", "Geburtsdatum: ..."
    if _PLACE_DEN.search(before) and not after:
        return 6.0
    if not before.strip() and not after:
        return 5.0 if in_head else 2.0
    if not in_head:
        return 1.0
    top_right = layout.geometric and line.left > 0.5
    return 3.0 + (1.0 if top_right else 0.0)


def _dates_in(text: str) -> list[tuple[date, int, int]]:
    found: list[tuple[date, int, int]] = []
    for pattern in (_NUM_DATE, _TEXT_DATE, _ISO_DATE):
        for match in pattern.finditer(text):
            if sum(c.isdigit() for c in match.group()) < 3:
                continue
            value = _to_date(match.group("d"), match.group("m"), match.group("y"))
            if value is not None:
                found.append((value, match.start(), match.end()))
    return found


def _to_date(day: str, month: str, year: str) -> date | None:
    day_n = day.translate(_AZ_TO_DIGIT)
    year_n = year.translate(_AZ_TO_DIGIT)
    month_digits = month.translate(_AZ_TO_DIGIT)
    month_n = int(month_digits) if month_digits.isdigit() else _month_number(month)
    if not (day_n.isdigit() and year_n.isdigit() and month_n):
        return None
    full_year = int(year_n) + (2000 if len(year_n) == 2 and int(year_n) < 70 else 0)
    full_year += 1900 if len(year_n) == 2 and int(year_n) >= 70 else 0
    if not 1900 <= full_year <= 2100:
        return None
    try:
        return date(full_year, month_n, int(day_n))
    except ValueError:
        return None


def _month_number(name: str) -> int | None:
    """A German month name or abbreviation as OCR leaves it ("Novernber", "Okfober", "Marz")."""
    decomposed = unicodedata.normalize("NFKD", name.lower().replace(" ", ""))
    word = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("rn", "m")
    if word in _MONTH_ABBREVIATIONS:
        return _MONTH_ABBREVIATIONS[word]
    if re.fullmatch(r"m\S{1,2}rz", word):
        return 3  # März with a lost umlaut
    if re.fullmatch(r"j\S{1,2}nner", word):
        return 1  # Jänner
    if len(word) < 5:
        return _MONTH_NAMES.index(word) + 1 if word in _MONTH_NAMES else None
    best = process.extractOne(word, _MONTH_NAMES, scorer=fuzz.ratio, score_cutoff=80)
    return best[2] + 1 if best else None


# --- subject -------------------------------------------------------------------------


def find_subject(layout: Layout) -> str:
    """The "Betreff:" line, else the line(s) right above the salutation (DIN 5008)."""
    search = layout.head or layout.lines
    for index, line in enumerate(search):
        match = _SUBJECT_LABEL.match(line.text)
        if not match:
            continue
        value = match.group("value").strip()
        if not value and index + 1 < len(search):
            following = search[index + 1]
            value = "" if _SALUTATION.match(following.text) else following.text.strip()
        if value:
            return _clean_subject(value)
    parts = blocks(_left_column(layout.head))
    if layout.salutation is not None:
        # DIN 5008: the subject is the paragraph right above the salutation.
        return _subject_of(parts[-1] if parts else [], strict=False)
    # No salutation (courts, forms): the short paragraph after the address and the date.
    anchors = [i for i, block in enumerate(parts) if any(_is_anchor(line.text) for line in block)]
    after = parts[anchors[-1] + 1 :] if anchors else []
    block = next((b for b in after if not all(_is_header_line(line.text) for line in b)), [])
    return _subject_of(block, strict=True)


def _is_anchor(text: str) -> bool:
    """A line the subject follows: the address's postcode line or the letter date."""
    return _is_plz_line(text) or bool(_dates_in(text) and _is_header_line(text))


def _subject_of(block: Sequence[Line], strict: bool) -> str:
    # Text layers often have no blank lines: what precedes the address's postcode line
    # or the date line in the same paragraph is letter head, not subject.
    anchors = [i for i, line in enumerate(block) if _is_anchor(line.text)]
    block = block[anchors[-1] + 1 :] if anchors else block
    kept = [line.text.strip() for line in block if not _is_header_line(line.text)]
    if not kept or (strict and (len(kept) > MAX_SUBJECT_LINES or kept[-1].endswith("."))):
        return ""  # nothing left, or a body paragraph
    return _clean_subject(" ".join(kept[-MAX_SUBJECT_LINES:]))


def _is_header_line(text: str) -> bool:
    stripped = text.strip()
    if not stripped or _STAMP.search(stripped):
        return True
    if _REFERENCE_LABEL.match(stripped) and len(stripped.split()) <= 6 and " – " not in stripped:
        return True  # "Ihr Zeichen: ...", but not "Ihre Mahnung vom 4.1.2026 – Kassenzeichen ..."
    # A date alone, "Datum: ...", or "Musterstadt, den 3.2.2026" -- not a subject.
    return any(
        not stripped[end:].strip(" .,;")
        and (
            not stripped[:start].strip()
            or _PLACE_DEN.search(stripped[:start])
            or _LABEL_ONLY.match(stripped[:start])
        )
        for _, start, end in _dates_in(stripped)
    )


def _clean_subject(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" :;")
