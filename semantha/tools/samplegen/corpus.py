"""Realistic municipal mail for Stadt Musterstadt: ``LetterSpec`` records with ground truth.

``generate_letters`` picks an office (by how much mail it gets), one of its topics,
a sender role the topic allows, then writes the letter: sender and address block,
info block with references, subject, body from the topic's phrasings and shared
phrases, closing, an item table for invoices and a routing slip for internal mail.
The office responsible for the matter is the label (see ``corpus_topics``);
other offices named on the page are listed in ``mentions``. ``Mix`` sets the
shares (unroutable mail, letters naming the office, Aktenzeichen, cover letters,
invoices, long letters, ...); its defaults give the realistic mix.

Modules: ``corpus_org`` (offices, authorities, courts), ``corpus_people`` (names,
places, numbers), ``corpus_senders`` (who writes), ``corpus_slots`` (template
values), ``corpus_topics`` (what letters are about), ``corpus_phrases`` (shared
sentences), ``corpus_style`` (synonyms, typos, "wir"), ``corpus_ocr`` (noise).
Their words and sentences are in ``data/`` (see ``datafiles``).

``plain_text`` gives the page's text in reading order for text-only training
rows; ``ocr_noise`` degrades such text the way OCR does.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass
from datetime import date

from semantha.errors import SemanthaError
from semantha.tools.samplegen import corpus_org as org
from semantha.tools.samplegen import corpus_people as people
from semantha.tools.samplegen.corpus_ocr import ocr_noise
from semantha.tools.samplegen.corpus_phrases import PHRASES
from semantha.tools.samplegen.corpus_senders import Sender, make_sender
from semantha.tools.samplegen.corpus_slots import LetterContext, Slots
from semantha.tools.samplegen.corpus_style import citizen_typos, first_person_plural, vary_wording
from semantha.tools.samplegen.corpus_topics import COVER_TOPICS, Phrasing, Topic, topics_by_office
from semantha.tools.samplegen.spec import LetterKind, LetterSpec

__all__ = ["Mix", "generate_letters", "ocr_noise", "plain_text"]

ROLE_KIND: dict[str, LetterKind] = {
    "citizen": "citizen",
    "company": "company",
    "club": "company",
    "insurer": "company",
    "collector": "company",
    "utility": "company",
    "funeral": "company",
    "architect": "company",
    "developer": "company",
    "bank": "company",
    "taxadvisor": "company",
    "council": "company",
    "lawyer": "company",
    "authority": "authority",
    "internal": "internal",
    "invoice": "invoice",
    "court": "court",
    "advert": "advert",
    "private": "private",
}
SINGULAR_ROLES = frozenset({"citizen", "private"})
FIRST_DAY = date(2024, 1, 2)
LAST_DAY = date(2026, 11, 20)
TOPICS = topics_by_office()
# Most invoices reach the central invoice inbox (Kämmerei); some are addressed to an office.
INVOICE_TOPICS = tuple(t for ts in TOPICS.values() for t in ts if "invoice" in t.roles)
_INVOICE_CUM_WEIGHTS = tuple(
    itertools.accumulate(4 if topic.office == "20" else 1 for topic in INVOICE_TOPICS)
)
_CUM_WEIGHTS = tuple(itertools.accumulate(office.weight for office in org.OFFICES))

_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_NUMBER = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


@dataclass(frozen=True)
class Mix:
    """Distribution of the generated mail; the defaults give the realistic mix."""

    unroutable_share: float = 0.05  # adverts, private and misdirected letters
    names_office_share: float = 0.42  # external letters whose address block names the office
    internal_names_office_share: float = 0.9  # internal letters whose routing slip names it
    aktenzeichen_share: float = 0.55  # letters (other than invoices) citing the city's file number
    long_share: float = 0.12  # letters long enough to need a second page
    mention_share: float = 0.35  # letters naming another office in passing, when the topic has one
    cover_share: float = 0.12  # short letters (cover letter, reminder) any office gets
    invoice_share: float = 0.1  # invoices on top of those the office's own topics bring
    opener_share: float = 0.25  # letters that start with a general sentence before the matter
    typo_share: float = 0.2  # citizens' letters with a spelling mistake or two

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if not 0.0 <= value <= 1.0:
                raise SemanthaError(
                    f"sample mix: {name} = {value} is not a share",
                    hint="give a value between 0 and 1",
                )


class _Writer:
    """Fills templates for one letter: variants, singular/plural and slots."""

    def __init__(self, rng: random.Random, slots: Slots, plural: bool, organisation: bool) -> None:
        self.rng = rng
        self.slots = slots
        self.plural = plural
        self.organisation = organisation  # writes "wir", also where a template says "ich"

    def fill(self, template: str) -> str:
        text = _CHOICE.sub(lambda m: self.rng.choice(m.group(1).split("|")), template)
        text = _NUMBER.sub(self._number, text)
        if self.organisation:
            text = first_person_plural(text)
        return vary_wording(people.fix_street_grammar(text.format_map(self.slots)), self.rng)

    def _number(self, match: re.Match[str]) -> str:
        singular, plural = match.group(1), match.group(2)
        if plural is None:  # "<n>": a suffix only the plural has
            return match.group(1) if self.plural else ""
        return plural if self.plural else singular


def generate_letters(seed: int, count: int, mix: Mix | None = None) -> list[LetterSpec]:
    """``count`` letters, the same for the same seed; each letter has its own random stream."""
    if count < 0:
        raise SemanthaError(f"cannot generate {count} letters", hint="give a count of 0 or more")
    mix = mix or Mix()
    master = random.Random(seed)
    return [_letter(random.Random(master.getrandbits(64)), mix) for _ in range(count)]


def _choose_office(rng: random.Random, mix: Mix) -> str:
    if rng.random() < mix.unroutable_share:
        return ""
    return rng.choices(org.OFFICE_IDS, cum_weights=_CUM_WEIGHTS)[0]


def _letter(rng: random.Random, mix: Mix) -> LetterSpec:
    office = _choose_office(rng, mix)
    cover = bool(office) and rng.random() < mix.cover_share
    if office and not cover and rng.random() < mix.invoice_share:
        topic = rng.choices(INVOICE_TOPICS, cum_weights=_INVOICE_CUM_WEIGHTS)[0]
        office, role = topic.office, "invoice"
    else:
        topic = rng.choice(COVER_TOPICS if cover else TOPICS[office])
        role = rng.choice(topic.roles)
    kind = ROLE_KIND[role]
    letter_date = people.day_between(rng, FIRST_DAY, LAST_DAY)
    other = rng.choice([i for i in org.OFFICE_IDS if i != office])
    sender = make_sender(rng, role, office, other)
    ctx = LetterContext(letter_date, rng.randrange(4), sender.name, sender.female, other, office)
    plural = role not in SINGULAR_ROLES
    writer = _Writer(rng, Slots(rng, ctx), plural, organisation=plural and role != "internal")
    if role == "court":  # the case number in the text is the court's own
        writer.slots["ext_az"] = sender.references[0][1]
    names_office = _names_office(rng, mix, office, role)
    mentions: list[str] = [other] if role == "internal" else []

    phrasing = rng.choice(topic.variants)
    subject = writer.fill(rng.choice(phrasing.subjects))
    body = _body(rng, writer, _Matter(office, topic.doctype, phrasing), mix, mentions, kind)
    if role == "citizen" and rng.random() < mix.typo_share:
        body = citizen_typos(body, rng)
    if "office_other" in writer.slots and other not in mentions:
        mentions.append(other)
    # a cover letter must still show where it belongs: its matter, the address or the file number
    needs_az = cover and not names_office and "matter" not in writer.slots
    has_az = needs_az or _has_az(rng, mix, office, role)
    aktenzeichen = _aktenzeichen(rng, office, letter_date) if has_az else ""
    recipient, salutation = _recipient(rng, office, role, names_office)
    references, subject = _references(rng, writer, sender, aktenzeichen, subject, role)
    date_text = _date_text(rng, letter_date, ctx.date_style, sender, role)
    table = _table(rng, writer, office, role, topic)
    slip: tuple[str, ...] = ()
    if role == "internal":
        slip = _routing_slip(rng, office, other, names_office, date_text, subject, aktenzeichen)
        if rng.random() < 0.25:  # a copy to a third office must not be read as the recipient
            copy = rng.choice([i for i in org.OFFICE_IDS if i not in (office, other)])
            slip = (*slip, _copy_line(rng, copy))
            mentions.append(copy)
    if role in ("court",) and rng.random() < 0.6:
        salutation = ""
    if not salutation and body:
        body = (body[0][:1].upper() + body[0][1:], *body[1:])
    return LetterSpec(
        kind=kind,
        department=office,
        doctype=topic.doctype,
        names_office=names_office,
        sender=sender.lines,
        recipient=recipient,
        letter_date=letter_date,
        aktenzeichen=aktenzeichen,
        references=references,
        subject=subject,
        salutation=salutation,
        body=body,
        closing=sender.closing,
        table=table,
        routing_slip=slip,
        mentions=tuple(dict.fromkeys(m for m in mentions if m != office)),
        date_text=date_text,
    )


def _names_office(rng: random.Random, mix: Mix, office: str, role: str) -> bool:
    if not office or role in ("advert", "private"):
        return False
    if role == "invoice" and office != "20":  # unaddressed invoices belong to the Kämmerei
        return True
    share = mix.internal_names_office_share if role == "internal" else mix.names_office_share
    return rng.random() < share


def _has_az(rng: random.Random, mix: Mix, office: str, role: str) -> bool:
    if not office:
        return False
    share = mix.aktenzeichen_share * (0.35 if role == "invoice" else 1.0)
    return rng.random() < share


# ----------------------------------------------------------------------------- body


@dataclass(frozen=True)
class _Matter:
    """What the body is written from: the recipient office, the doctype and the phrasing."""

    office: str
    doctype: str
    phrasing: Phrasing


def _body(
    rng: random.Random, writer: _Writer, matter: _Matter, mix: Mix, mentions: list[str], kind: str
) -> tuple[str, ...]:
    routable = bool(matter.office)  # adverts and private letters get no office phrases
    long = routable and rng.random() < mix.long_share
    details = list(matter.phrasing.details)
    rng.shuffle(details)
    n_details = len(details) if long else rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
    chosen = [writer.fill(d) for d in details[:n_details]]

    intro = writer.fill(rng.choice(matter.phrasing.intros))
    if routable and kind in ("citizen", "company", "authority") and rng.random() < mix.opener_share:
        replies = () if matter.doctype in ("Beschwerde", "Bürgeranfrage") else PHRASES.reply_openers
        opener = writer.fill(rng.choice(PHRASES.openers + replies))
        intro = f"{opener} {intro[:1].upper()}{intro[1:]}"
    paragraphs: list[list[str]] = [[intro]]
    if chosen and rng.random() < 0.3:
        paragraphs[0].append(chosen.pop(0))
    while chosen:
        take = rng.randint(1, 3)
        paragraphs.append(chosen[:take])
        chosen = chosen[take:]
    _add_mention(rng, writer, matter, mix, mentions, kind, paragraphs)
    generic = PHRASES.by_doctype.get(matter.doctype, ())
    if routable and generic and rng.random() < (0.9 if long else 0.4):
        paragraphs[-1].append(writer.fill(rng.choice(generic)))
    if long:  # a second page: background before the details, more reasons after them
        fillers = [writer.fill(f) for f in rng.sample(PHRASES.long_fillers, rng.randint(11, 15))]
        paragraphs.insert(1, fillers[:3])
        paragraphs.insert(len(paragraphs) // 2 + 1, fillers[3:6])
        paragraphs.append(fillers[6:10])
        paragraphs.append(fillers[10:])
    closing = [writer.fill(rng.choice(matter.phrasing.asks))]
    if (
        routable
        and kind in ("citizen", "company", "authority")
        and "Dank" not in closing[0]
        and rng.random() < 0.5
    ):
        closing.append(writer.fill(rng.choice(PHRASES.closers)))
    paragraphs.append(closing)
    text = [" ".join(p) for p in paragraphs if p]
    if long or (routable and rng.random() < 0.15):
        attachments = rng.sample(PHRASES.attachments, rng.randint(1, 4))
        text.append("Anlagen: " + ", ".join(attachments))
    return tuple(text)


def _add_mention(
    rng: random.Random,
    writer: _Writer,
    matter: _Matter,
    mix: Mix,
    mentions: list[str],
    kind: str,
    paragraphs: list[list[str]],
) -> None:
    if matter.phrasing.mentions and rng.random() < mix.mention_share:
        office, sentence = rng.choice(matter.phrasing.mentions)
    elif matter.office and kind in ("citizen", "company") and rng.random() < 0.08:
        others = [i for i in org.OFFICE_IDS if i != matter.office]
        neighbours = org.OFFICE_BY_ID[matter.office].neighbours
        office = rng.choice(neighbours if rng.random() < 0.8 else others)
        named = org.OFFICE_BY_ID[office]
        sentence = rng.choice(PHRASES.generic_mentions).replace(
            "{M_nom}", named.nominative.capitalize()
        )
        sentence = sentence.replace("{m_nom}", named.nominative).replace("{m_dat}", named.dative)
    else:
        return
    mentions.append(office)
    target = paragraphs[rng.randrange(1, len(paragraphs))] if len(paragraphs) > 1 else paragraphs[0]
    target.append(writer.fill(sentence))


# ------------------------------------------------------------------- aktenzeichen


def _aktenzeichen(rng: random.Random, office: str, day: date) -> str:
    """A city file number starting with the office number ("63-602.14/2025")."""
    code = rng.choice(org.OFFICE_BY_ID[office].file_codes)
    year, yy = day.year - rng.choice((0, 0, 0, 1)), f"{day.year % 100:02d}"
    forms = (
        f"{office}-{rng.randint(100, 999)}.{rng.randint(10, 99)}/{year}",
        f"{office}.{rng.randint(1, 4)}-{code}-{rng.randint(1000, 9999)}/{yy}",
        f"{office}.{rng.randint(1, 4)}-{code}-{year}-{rng.randint(1, 9999):04d}",
        f"{office}/{code}/{rng.randint(1, 9999):04d}/{year}",
        f"{office}-{code}-{people.digits(rng, 5)}",
        f"{office}.{rng.randint(1, 4)}.{rng.randint(1, 9)}-{rng.randint(100, 999)}/{yy}",
    )
    return rng.choice(forms)


# ---------------------------------------------------------------- address, references

POSTFACH = ("Postfach 10 20 30", "34561 Musterstadt")
RATHAUS = ("Rathausplatz 1", f"{people.CITY_PLZ} {people.CITY}")


def _recipient(
    rng: random.Random, office: str, role: str, names: bool
) -> tuple[tuple[str, ...], str]:
    """Address block lines and the salutation that fits them."""
    if role == "internal":
        return _internal_recipient(rng, office, names)
    if role == "private":
        gender, first, last = people.person(rng)
        title = "Frau" if gender == "f" else "Herrn"
        greeting = f"Liebe {first}," if gender == "f" else f"Lieber {first},"
        return (
            "Stadt Musterstadt",
            f"{title} {first} {last}",
            "– persönlich –",
            *RATHAUS,
        ), greeting
    note = (
        (rng.choice(("Einschreiben", "Per Fax vorab", "Vertraulich", "Eilt!")),)
        if rng.random() < 0.07
        else ()
    )
    if names:
        block, salutation = _named_block(rng, org.OFFICE_BY_ID[office])
    else:
        block, salutation = _unnamed_block(rng)
    to_mayor = "Der Oberbürgermeister" in block or "An den Oberbürgermeister" in block
    if to_mayor and not salutation:
        salutation = rng.choice(("Sehr geehrter Herr Oberbürgermeister,", "", ""))
    return (*note, *block), salutation or _general_salutation(rng, role)


def _general_salutation(rng: random.Random, role: str) -> str:
    """Mostly the standard phrase; citizens now and then write less formally."""
    if role == "citizen" and rng.random() < 0.15:
        return rng.choice(("Guten Tag,", "Hallo,", "Sehr geehrte Damen, sehr geehrte Herren,"))
    return "Sehr geehrte Damen und Herren,"


def _street_lines(rng: random.Random, named: org.Office | None) -> tuple[str, ...]:
    if rng.random() < 0.25:
        return POSTFACH
    if named is not None and rng.random() < 0.6:
        return (named.building.split(", ")[-1], RATHAUS[1])
    return RATHAUS


def _contact(rng: random.Random) -> tuple[str, str]:
    gender, _, last = people.person(rng)
    return (
        f"z. Hd. {'Frau' if gender == 'f' else 'Herrn'} {last}",
        f"Sehr geehrte{'' if gender == 'f' else 'r'} {'Frau' if gender == 'f' else 'Herr'} {last},",
    )


def _named_block(rng: random.Random, named: org.Office) -> tuple[tuple[str, ...], str]:
    alias = rng.choice(named.aliases)
    style = rng.randrange(7)
    streets = _street_lines(rng, named)
    if style == 0:
        return ("Stadt Musterstadt", alias, *streets), ""
    if style == 1:
        return ("Stadtverwaltung Musterstadt", f"– Amt {named.id} –", *streets), ""
    if style == 2:
        return ("Stadt Musterstadt", f"Amt {named.id} – {named.name}", *streets), ""
    if style == 3:
        return ("Stadtverwaltung Musterstadt", f"z. Hd. {alias}", *streets), ""
    if style == 4:
        line, salutation = _contact(rng)
        return ("Stadt Musterstadt", alias, line, *streets), salutation
    if style == 5:
        return (f"{alias} der Stadt Musterstadt", *streets), ""
    return ("Stadt Musterstadt", "Der Oberbürgermeister", alias, *streets), ""


def _unnamed_block(rng: random.Random) -> tuple[tuple[str, ...], str]:
    streets = _street_lines(rng, None)
    style = rng.randrange(6)
    if style == 0:
        return ("Stadtverwaltung Musterstadt", *streets), ""
    if style == 1:
        return ("Stadt Musterstadt", *streets), ""
    if style == 2:
        return ("Stadt Musterstadt", "Der Oberbürgermeister", *streets), ""
    if style == 3:
        return ("An den Oberbürgermeister", "der Stadt Musterstadt", *streets), ""
    if style == 4:
        line, salutation = _contact(rng)
        return ("Stadt Musterstadt", line, *streets), salutation
    return ("Rathaus Musterstadt", "Bürgermeisteramt", *streets), ""


def _internal_recipient(
    rng: random.Random, office: str, names: bool
) -> tuple[tuple[str, ...], str]:
    gender, _, last = people.person(rng)
    person = f"{'Frau' if gender == 'f' else 'Herrn'} {last}"
    salutation = rng.choice(
        (
            "Liebe Kolleginnen und Kollegen,",
            "Sehr geehrte Damen und Herren,",
            f"{'Liebe Frau' if gender == 'f' else 'Lieber Herr'} {last},",
            "",
        )
    )
    if names:
        named = org.OFFICE_BY_ID[office]
        return ("Hauspost", f"Amt {office} – {rng.choice(named.aliases)}", person), salutation
    return ("Hauspost", person, "Rathaus"), salutation


def _references(
    rng: random.Random, writer: _Writer, sender: Sender, aktenzeichen: str, subject: str, role: str
) -> tuple[tuple[tuple[str, str], ...], str]:
    """Info-block references; the city's Aktenzeichen goes here or into the subject line."""
    refs: list[tuple[str, str]] = list(sender.references)
    slots = writer.slots
    for key, label in (
        ("kassenzeichen", "Kassenzeichen"),
        ("steuernr", "Steuernummer"),
        ("kundennr", "Kundennummer"),
        ("invoice_no", "Rechnungsnummer"),
        ("vertragsnr", "Vertragsnummer"),
        ("pnr", "Personalnummer"),
    ):
        if key in slots and rng.random() < 0.6 and label not in dict(refs):
            refs.append((label, slots[key]))
    if role == "invoice":
        for label, key in (
            ("Rechnungsnummer", "invoice_no"),
            ("Kundennummer", "kundennr"),
            ("Bestellnummer", "bestellnr"),
        ):
            if label not in dict(refs) and (label == "Rechnungsnummer" or rng.random() < 0.6):
                refs.append((label, slots[key]))
    if aktenzeichen:
        if rng.random() < 0.3 and role != "internal":
            label = rng.choice(("Az.:", "Az.", "Ihr Zeichen:", "Aktenzeichen"))
            subject = f"{subject} – {label} {aktenzeichen}"
        else:
            label = rng.choice(
                ("Ihr Zeichen", "Ihr Aktenzeichen", "Aktenzeichen", "Az.", "Ihr Az.")
            )
            refs.insert(0, (label, aktenzeichen))
            if rng.random() < 0.4:
                refs.insert(1, ("Ihr Schreiben vom", slots["date_past"]))
    if rng.random() < 0.2:
        rng.shuffle(refs)
    return tuple(refs), subject


def _date_text(rng: random.Random, day: date, style: int, sender: Sender, role: str) -> str:
    text = people.format_date(day, rng.randrange(4) if rng.random() < 0.3 else style)
    place = sender.town or "Musterstadt"
    form = rng.randrange(5)
    if role == "internal":
        return rng.choice((text, f"Musterstadt, {text}"))
    if form == 1:
        return f"{place}, {text}"
    if form == 2:
        return f"{place}, den {text}"
    if form == 3:
        return f"Datum: {text}"
    return text


# ------------------------------------------------------------------ table, routing slip


def _table(
    rng: random.Random, writer: _Writer, office: str, role: str, topic: Topic
) -> tuple[tuple[str, ...], ...]:
    if role == "invoice":
        return _invoice_table(rng, office)
    if topic.doctype == "Mahnung" and role == "company" and rng.random() < 0.6:
        rows: list[tuple[str, ...]] = [("Rechnung", "Datum", "Betrag", "fällig seit")]
        first = writer.slots["invoice_no"]
        for i in range(rng.randint(1, 3)):
            number = first if i == 0 else writer.fill("{count}") + people.digits(rng, 4)
            rows.append(
                (
                    number,
                    writer.slots["date_past2"],
                    people.money(rng, 40, 4000),
                    writer.slots["date_past"],
                )
            )
        return tuple(rows)
    return ()


def _euro(value: float) -> str:
    text = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} €"


def _invoice_table(rng: random.Random, office: str) -> tuple[tuple[str, ...], ...]:
    pool = PHRASES.invoice_items.get(office, ()) + PHRASES.invoice_items_any
    items = rng.sample(pool, min(len(pool), rng.randint(1, 5)))
    rows: list[tuple[str, ...]] = [
        ("Pos.", "Bezeichnung", "Menge", "Einheit", "Einzelpreis", "Gesamt")
    ]
    net = 0.0
    for pos, (text, unit, low, high) in enumerate(items, start=1):
        quantity = rng.randint(1, 40) if unit not in ("pausch.",) else 1
        price = round(rng.uniform(low, high), 2)
        net += quantity * price
        rows.append((str(pos), text, str(quantity), unit, _euro(price), _euro(quantity * price)))
    vat = round(net * 0.19, 2)
    rows.append(("", "Nettobetrag", "", "", "", _euro(net)))
    rows.append(("", "zzgl. 19 % USt.", "", "", "", _euro(vat)))
    rows.append(("", "Rechnungsbetrag", "", "", "", _euro(net + vat)))
    return tuple(rows)


def _routing_slip(
    rng: random.Random,
    office: str,
    sender_office: str,
    names: bool,
    date_text: str,
    subject: str,
    aktenzeichen: str,
) -> tuple[str, ...]:
    target = org.OFFICE_BY_ID[office]
    source = org.OFFICE_BY_ID[sender_office]
    gender, _, last = people.person(rng)
    if names:
        to = rng.choice(
            (
                f"An: Amt {office} – {target.name}",
                f"An: {office} – {target.name}",
                f"An: {rng.choice(target.aliases)}",
                f"An: Amt {office}",
            )
        )
    else:
        to = f"An: {'Frau' if gender == 'f' else 'Herrn'} {last}"
    lines = [
        to,
        rng.choice(
            (
                f"Von: {sender_office} – {source.name}",
                f"Von: Amt {sender_office}",
                f"Von: {source.name}",
            )
        ),
    ]
    lines.append(f"Datum: {date_text.removeprefix('Musterstadt, ')}")
    lines.append(f"Betreff: {subject}")
    if aktenzeichen:
        lines.append(f"Az.: {aktenzeichen}")
    return tuple(lines)


def _copy_line(rng: random.Random, office: str) -> str:
    named = org.OFFICE_BY_ID[office]
    label = rng.choice(("Kopie an", "Nachrichtlich", "Verteiler", "Zur Kenntnis"))
    return f"{label}: {rng.choice((f'Amt {office} – {named.name}', rng.choice(named.aliases)))}"


# --------------------------------------------------------------------------- plain text


def plain_text(spec: LetterSpec) -> str:
    """The letter's text in reading order, as a clean page would show it.

    Letters: sender, address block, references, date, subject, salutation, body with
    the item table after the first paragraph, closing. Internal mail is a printed
    "Hausmitteilung" form: the routing slip replaces sender, address and subject.
    """
    if spec.kind == "internal" and spec.routing_slip:
        blocks = ["Stadt Musterstadt\nHausmitteilung", "\n".join(spec.routing_slip)]
    else:
        blocks = ["\n".join(spec.sender), "\n".join(spec.recipient)]
        if spec.references:
            refs = (f"{label}: {value}" if value else label for label, value in spec.references)
            blocks.append("\n".join(refs))
        blocks += [spec.date_text or spec.letter_date.strftime("%d.%m.%Y"), spec.subject]
    blocks.append(spec.salutation)
    table = "\n".join("  ".join(cell for cell in row if cell) for row in spec.table)
    blocks += [*spec.body[:1], table, *spec.body[1:], "\n".join(spec.closing)]
    return "\n\n".join(block for block in blocks if block)
