"""Field extraction on realistic German letters, clean and OCR-damaged, text and word boxes."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping

import pytest

from semantha.reading.extract import extract_fields, lines_from_words
from semantha.records import Page, Reading, Word
from semantha.rulefiles.schema import EXTRACTED_FIELDS

A4_300DPI = (2480, 3508)
CHAR_W, LINE_H, WORD_H, MARGIN = 20, 50, 36, 100


def text_page(text: str, index: int = 0, blank: bool = False) -> Page:
    return Page(index, None, 300, A4_300DPI, text=text, blank=blank, reading=Reading.TEXT_LAYER)


def word_page(layout: str, jitter: int = 0, line_h: int = LINE_H) -> Page:
    """Word boxes as OCR gives them, from a monospace layout (one char = 20 px, line = 50 px).

    ``jitter`` moves every other word up and down a little, as a slightly skewed scan does.
    """
    words: list[Word] = []
    for row, line in enumerate(layout.splitlines()):
        for n, match in enumerate(re.finditer(r"\S+", line)):
            shift = jitter if n % 2 else -jitter
            box = (
                MARGIN + match.start() * CHAR_W,
                MARGIN + row * line_h + shift,
                len(match.group()) * CHAR_W,
                WORD_H,
            )
            words.append(Word(match.group(), 91.0, box))
    text = "\n".join(" ".join(line.split()) for line in layout.splitlines())
    return Page(0, None, 300, A4_300DPI, text=text, words=tuple(words), reading=Reading.OCR)


def fields_of(text: str) -> Mapping[str, str]:
    return extract_fields([text_page(text)])


CITIZEN_DIN5008 = """\
Max Mustermann
Hauptstraße 5
12345 Musterstadt

Stadt Musterstadt
Amt 63 – Baurechtsamt
Rathausplatz 1
12345 Musterstadt

                                               Musterstadt, den 3.2.2026

Bauantrag für ein Einfamilienhaus, Flurstück 123/4
Ihr Zeichen: 63-602.14/2025

Sehr geehrte Damen und Herren,

am 12.01.2026 habe ich mit Ihrem Amt telefoniert. Anbei die Unterlagen.

Mit freundlichen Grüßen
Max Mustermann
"""

CITIZEN_OCR_DAMAGED = """\
Erika Beispiel
Lindenweg 12
l2345 Musterstadt

Stadt Musterstadt
EINGANG 14. NOV. 2025
- Amt 32 -
Ordnungsamt
Rathausplatz l
12345 Musterstadt

Musterstadt, l2.ll.2O25

A2.: 32.l-BG-47ll/24
Betreff; Anh6rung zum Bu8geldverfahren

Sehr geehrte Damen und Herren,
gegen den Bescheid vom 02.11.2025 erhebe ich Einwande.
"""

COMPANY_INVOICE = """\
Müller Bau GmbH · Industriestraße 5 · 12345 Musterstadt
Stadt Musterstadt
Kämmerei
z. Hd. Herrn Schmidt
Postfach 12 34
12340 Musterstadt
                                   Rechnungsnummer: 2025-0815
                                   Unser Zeichen: RE-2025-0815
                                   Ihr Zeichen: 20-311/2025
                                   Datum: 12. November 2025

Rechnung Nr. 2025-0815

Sehr geehrte Damen und Herren,
für die Arbeiten vom 01.10.2025 bis 31.10.2025 berechnen wir:
"""

COURT_LETTER = """\
Verwaltungsgericht Musterstadt · Justizplatz 1 · 12349 Musterstadt
Stadt Musterstadt
Rechtsamt
Rathausplatz 1
12345 Musterstadt

Aktenzeichen: 3 K 1234/25
Ihr Zeichen: 30-4711/2025
Datum: 3. Nov. 2025

In der Verwaltungsrechtssache
Meier ./. Stadt Musterstadt

Sehr geehrte Damen und Herren,
in obiger Sache wird die Klageschrift vom 20.10.2025 übersandt.
"""

HAUSMITTEILUNG = """\
Stadt Musterstadt
Hausmitteilung
Von: Amt 20 – Kämmerei
An: Amt 63 – Baurechtsamt
Datum: 12.11.2025
Az.: 20.1-902/2025
Betreff: Haushaltsmittel für die Sanierung der Schulstraße

Bitte prüfen Sie die beigefügte Kostenschätzung bis zum 30.11.2025.
"""

HAUSMITTEILUNG_OCR = """\
Stadt Musterstadt - Hausmitteilung
Von: 11 - Personalamt
An; 12 – Amt für Digitalisierung und IT
Aktenzeichen; 11-O4.2/2O25
Betreft: Zugangsrechte für neue Mitarbeiterin

Die Kollegin beginnt am 1. Dezember 2025.
"""

NO_OFFICE = """\
Hans Beispiel
Gartenstraße 9
12347 Musterstadt

Stadtverwaltung Musterstadt
Rathausplatz 1
12345 Musterstadt

Musterstadt, 20. März 2026

Beschwerde über Lärm auf dem Marktplatz

Sehr geehrte Damen und Herren,
seit dem 1. März 2026 ist es jeden Abend sehr laut.
"""

REFERENCE_LINE = """\
Stadtwerke Musterstadt GmbH, Werkstraße 1, 12346 Musterstadt
Stadt Musterstadt
Tiefbauamt
Rathausplatz 1
12345 Musterstadt

Ihr Zeichen, Ihre Nachricht vom   Unser Zeichen   Telefon        Datum
66-12.3/2025, 03.11.2025          SW-4711         0711 123-45    10.11.2025

Aufgrabung in der Bahnhofstraße

Sehr geehrte Damen und Herren,
"""

PRIVATE_NO_FIELDS = """\
Liebe Oma,
vielen Dank für das schöne Paket!
"""


def test_din5008_citizen_letter_gives_every_field() -> None:
    fields = fields_of(CITIZEN_DIN5008)
    assert fields == {
        "recipient": "Stadt Musterstadt, Amt 63 – Baurechtsamt",
        "aktenzeichen": "63-602.14/2025",
        "city_reference": "63-602.14/2025",
        "office_number": "63",
        "date": "2026-02-03",
        "subject": "Bauantrag für ein Einfamilienhaus, Flurstück 123/4",
    }


def test_ocr_damage_is_tolerated() -> None:
    fields = fields_of(CITIZEN_OCR_DAMAGED)
    assert fields["aktenzeichen"] == "32.1-BG-4711/24"
    assert fields["office_number"] == "32"
    assert fields["date"] == "2025-11-12"  # not the stamp, not the Bescheid date in the body
    assert fields["subject"] == "Anh6rung zum Bu8geldverfahren"
    # the stamp printed across the address block is not part of the recipient
    assert fields["recipient"] == "Stadt Musterstadt, - Amt 32 -, Ordnungsamt"


def test_company_invoice_prefers_the_citys_reference_and_labelled_date() -> None:
    fields = fields_of(COMPANY_INVOICE)
    assert fields["aktenzeichen"] == "20-311/2025"  # "Ihr Zeichen" beats the firm's own
    assert fields["office_number"] == "20"
    assert fields["date"] == "2025-11-12"
    assert fields["subject"] == "Rechnung Nr. 2025-0815"
    assert fields["recipient"] == "Stadt Musterstadt, Kämmerei, z. Hd. Herrn Schmidt"


def test_court_letter_keeps_city_reference_over_court_file_number() -> None:
    fields = fields_of(COURT_LETTER)
    assert fields["aktenzeichen"] == "30-4711/2025"
    assert fields["office_number"] == "30"
    assert fields["date"] == "2025-11-03"
    assert fields["recipient"] == "Stadt Musterstadt, Rechtsamt"
    assert fields["subject"] == "In der Verwaltungsrechtssache Meier ./. Stadt Musterstadt"


def test_court_file_number_is_used_when_it_is_the_only_reference() -> None:
    text = COURT_LETTER.replace("Ihr Zeichen: 30-4711/2025\n", "")
    fields = fields_of(text)
    assert fields["aktenzeichen"] == "3 K 1234/25"
    assert "office_number" not in fields  # "3 K ..." carries no office prefix


def test_hausmitteilung_routing_slip_names_recipient_not_sender() -> None:
    fields = fields_of(HAUSMITTEILUNG)
    assert fields == {
        "recipient": "Amt 63 – Baurechtsamt",
        "office_number": "63",  # from "An:", not the sender's "Von: Amt 20" nor the Az.
        "aktenzeichen": "20.1-902/2025",
        "city_reference": "20.1-902/2025",
        "memo_sender": "Amt 20 – Kämmerei",
        "date": "2025-11-12",
        "subject": "Haushaltsmittel für die Sanierung der Schulstraße",
    }


def test_damaged_hausmitteilung_with_bare_office_number() -> None:
    fields = fields_of(HAUSMITTEILUNG_OCR)
    assert fields["recipient"] == "12 – Amt für Digitalisierung und IT"
    assert fields["office_number"] == "12"
    assert fields["aktenzeichen"] == "11-04.2/2025"
    assert fields["subject"] == "Zugangsrechte für neue Mitarbeiterin"
    assert fields["date"] == "2025-12-01"  # the only date there is


def test_letter_naming_no_office_has_no_office_or_reference() -> None:
    fields = fields_of(NO_OFFICE)
    assert "office_number" not in fields
    assert "aktenzeichen" not in fields
    assert fields["recipient"] == "Stadtverwaltung Musterstadt"
    assert fields["date"] == "2026-03-20"
    assert fields["subject"] == "Beschwerde über Lärm auf dem Marktplatz"


def test_reference_line_values_are_read_below_their_labels() -> None:
    fields = fields_of(REFERENCE_LINE)
    assert fields["aktenzeichen"] == "66-12.3/2025"
    assert fields["office_number"] == "66"
    assert fields["date"] == "2025-11-10"
    assert fields["recipient"] == "Stadt Musterstadt, Tiefbauamt"
    assert fields["subject"] == "Aufgrabung in der Bahnhofstraße"


def test_private_letter_without_any_field() -> None:
    assert dict(fields_of(PRIVATE_NO_FIELDS)) == {}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Datum: 12.11.2025", "2025-11-12"),
        ("Datum: 12. November 2025", "2025-11-12"),
        ("Musterstadt, den 3.2.2026", "2026-02-03"),
        ("Musterstadt, 3. Nov. 2025", "2025-11-03"),
        ("Datum: 3.2.26", "2026-02-03"),
        ("Musterstadt, den 12. Marz 2026", "2026-03-12"),  # umlaut lost
        ("Musterstadt, den 12. März 2026", "2026-03-12"),
        ("Datum: l2.ll.2O25", "2025-11-12"),
        ("Datum: 2025-11-12", "2025-11-12"),
        ("Musterstadt, 1. Okt. 2025", "2025-10-01"),
        # OCR damage
        ("Datum: 1, März2025", "2025-03-01"),
        ("Musterstadt, 24. Januar ® 2024", "2024-01-24"),
        ("Datum: 14.6,2025", "2025-06-14"),
        ("Datum: S.4.2026", "2026-04-05"),
        ("Beispielhausen, den 6. Novernber 2024", "2024-11-06"),
        ("Musterstadt, 28 März 2024", "2024-03-28"),
        ("Musterstadt-Nord, 26. Okfober 2025", "2025-10-26"),
        ("Datum: 28. I| Juli 2025", "2025-07-28"),
        ("Musterstadt, 2. MAI 2025", "2025-05-02"),
        ("Neudorf am See, 4. Jan uar 2024", "2024-01-04"),
        ("Mustertal, den 30. Juní 2025", "2025-06-30"),
    ],
)
def test_date_formats(line: str, expected: str) -> None:
    text = f"{line}\n\nBetreff: Test\n\nSehr geehrte Damen und Herren,\nim Text steht der 1.1.2024."
    assert fields_of(text)["date"] == expected


@pytest.mark.parametrize("phrase", ["5 Mal 2024", "3 Stück 2025", "12 Tage 2025"])
def test_counted_words_are_not_months(phrase: str) -> None:
    assert "date" not in fields_of(f"Betreff: Test\n\nSehr geehrte Damen und Herren,\n{phrase}")


def test_impossible_dates_are_ignored() -> None:
    text = "Datum: 31.02.2025\n\nSehr geehrte Damen und Herren,\nFrist bis 5.3.2025."
    assert fields_of(text)["date"] == "2025-03-05"


def test_stamp_date_only_when_the_letter_has_no_date() -> None:
    with_date = "EINGANG 14. NOV. 2025\nMusterstadt, den 10.11.2025\n\nSehr geehrte Frau Müller,"
    assert fields_of(with_date)["date"] == "2025-11-10"
    only_stamp = "EINGANG 14. NOV. 2025\n\nSehr geehrte Frau Müller,\nanbei mein Antrag."
    assert fields_of(only_stamp)["date"] == "2025-11-14"


@pytest.mark.parametrize(
    ("line", "az", "office"),
    [
        ("Az.: 32.1-BG-4711/24", "32.1-BG-4711/24", "32"),
        ("Az: 63-602.14/2025", "63-602.14/2025", "63"),
        ("Az.; 63-602.14/2025", "63-602.14/2025", "63"),
        ("A2.: 63-6O2.l4/2O25", "63-602.14/2025", "63"),
        ("Aktenzeichen; 50–12/2025 vom 3.11.2025", "50-12/2025", "50"),
        ("Unser Zeichen: 70.3-118/2025", "70.3-118/2025", ""),  # the sender's own
        ("Geschäftszeichen: 22-GrSt-0815", "22-GrSt-0815", "22"),
    ],
)
def test_aktenzeichen_variants(line: str, az: str, office: str) -> None:
    fields = fields_of(f"Stadt Musterstadt\n{line}\n\nSehr geehrte Damen und Herren,")
    assert fields["aktenzeichen"] == az
    assert fields.get("office_number", "") == office


@pytest.mark.parametrize(
    ("lines", "city"),
    [
        ("Ihr Zeichen: 63-602.14/2025", "63-602.14/2025"),
        ("lhr Zeichen: 66-711.O2/2025", "66-711.02/2025"),  # "I" read as "l", "0" as "O"
        ("Geschäftszeichen: 32.1-BG-4471/25", "32.1-BG-4471/25"),
        ("Kassenzeichen: 21-0044-7712", "21-0044-7712"),
        ("Kassen-Z.: 22.1.0815.4711", "22.1.0815.4711"),
        ("Unser Zeichen: 63-1182/26 Sch", ""),
        ("Unser Az.: 51/2213/2025\nIhr Az.: 11-PA-2214/26", "11-PA-2214/26"),
        ("Mein Zeichen: 22-99\nAktenzeichen: 61-BP-0088/25", "61-BP-0088/25"),
        ("Ihr Zeichen: 80-WF-221/26      Unser Zeichen: 33-4471", "80-WF-221/26"),
        ("Kassenzeichen: 21-0044-7712\nIhr Zeichen: 63-602.14/2025", "63-602.14/2025"),
    ],
)
def test_city_reference_is_the_citys_own_never_the_senders(lines: str, city: str) -> None:
    fields = fields_of(f"Stadt Musterstadt\n{lines}\n\nSehr geehrte Damen und Herren,")
    assert fields.get("city_reference", "") == city


def test_the_senders_reference_gives_no_office_number() -> None:
    fields = fields_of("Stadt Musterstadt\nUnser Zeichen: 63-1182/26\n\nSehr geehrte Damen,")
    assert fields["aktenzeichen"] == "63-1182/26"  # still the file name's reference
    assert fields["sender_reference"] == "63-1182/26"
    assert "office_number" not in fields
    assert "city_reference" not in fields


@pytest.mark.parametrize(
    ("lines", "sender"),
    [
        ("Unser Zeichen: 63-1182/26 Sch", "63-1182/26 Sch"),
        ("Mein Zeichen: 22-99\nAktenzeichen: 61-BP-0088/25", "22-99"),
        ("Ihr Zeichen: 80-WF-221/26      Unser Zeichen: 33-4471", "33-4471"),
        ("Ihr Zeichen: 63-602.14/2025", ""),
        ("Aktenzeichen: 50-12/2025", ""),
    ],
)
def test_the_senders_reference_is_told_apart(lines: str, sender: str) -> None:
    fields = fields_of(f"Stadt Musterstadt\n{lines}\n\nSehr geehrte Damen und Herren,")
    assert fields.get("sender_reference", "") == sender


def test_reference_line_below_its_labels_tells_theirs_from_ours() -> None:
    layout = (
        "Stadt Musterstadt\n\n"
        "Ihr Zeichen          Ihre Nachricht vom     Unser Zeichen         Datum\n"
        "22-GS-5531/25        12.02.2026             30-17                 24.02.2026\n\n"
        "Sehr geehrte Damen und Herren,"
    )
    assert fields_of(layout)["city_reference"] == "22-GS-5531/25"


FORWARDED_MEMO = """\
Stadt Musterstadt – Stadtkasse

Weitergeleitet an: Amt 22 Steueramt
Von: Amt 21

Antrag auf Stundung

Der beiliegende Antrag ist bei der Stadtkasse eingegangen.
"""


def test_forwarding_label_names_the_recipient_and_von_the_sender() -> None:
    fields = fields_of(FORWARDED_MEMO)
    assert fields["recipient"] == "Amt 22 Steueramt"
    assert fields["office_number"] == "22"
    assert fields["memo_sender"] == "Amt 21"


@pytest.mark.parametrize(
    ("slip", "sender"),
    [
        ("Hausmitteilung\nAn: Amt 51 – Jugendamt\nVon: Amt 20 – Kämmerei", "Amt 20 – Kämmerei"),
        ("HAUSPOST\nAn Amt 30 – Rechtsamt\nvon Amt 32 – Ordnungsamt", "Amt 32 – Ordnungsamt"),
        ("Interne Mitteilung\nEmpfänger: Personalamt\nAbsender: IT-Service", "IT-Service"),
        ("An: Bürgeramt\nVon: Ordnungsamt, Frau Keller", "Ordnungsamt, Frau Keller"),
        ("Laufzettel\nZur weiteren Veranlassung an: Standesamt\nAbsender: Bürgeramt", "Bürgeramt"),
    ],
)
def test_memo_sender_is_the_von_of_internal_mail(slip: str, sender: str) -> None:
    assert fields_of(f"{slip}\n\nBetreff: Vorgang\n\nHallo zusammen,")["memo_sender"] == sender


@pytest.mark.parametrize(
    "head",
    [
        "Absender: Landratsamt Musterkreis, Jugendamt\nStadt Musterstadt\n34567 Musterstadt",
        "Max Mustermann\nStadt Musterstadt\nZur Kenntnis an: Kämmerei\nVon: Amt 20",
        "Von der Kämmerei erhielt ich den Bescheid.\nStadt Musterstadt",
    ],
)
def test_a_letter_that_is_no_memo_has_no_memo_sender(head: str) -> None:
    assert "memo_sender" not in fields_of(f"{head}\n\nSehr geehrte Damen und Herren,")


def test_free_text_after_label_is_not_a_reference() -> None:
    fields = fields_of("Az.: siehe oben\n\nSehr geehrte Damen und Herren,")
    assert "aktenzeichen" not in fields


@pytest.mark.parametrize(
    ("address_line", "office"),
    [
        ("Amt 63 – Baurechtsamt", "63"),
        ("– Amt 63 –", "63"),
        ("Amt 32.1 Straßenverkehr", "32"),
        ("Arnt 51 Jugendamt", "51"),  # "m" read as "rn"
        ("Fachbereich 50 Soziales", "50"),
    ],
)
def test_office_number_from_address_block(address_line: str, office: str) -> None:
    text = (
        f"Stadt Musterstadt\n{address_line}\nRathausplatz 1\n12345 Musterstadt\n\n"
        "Sehr geehrte Damen und Herren,\nwie mit Amt 20 besprochen ..."
    )
    fields = fields_of(text)
    assert fields["office_number"] == office
    assert address_line in fields["recipient"]


def test_offices_mentioned_in_the_body_are_not_the_recipient() -> None:
    text = (
        "Stadtverwaltung Musterstadt\nRathausplatz 1\n12345 Musterstadt\n\n"
        "Sehr geehrte Damen und Herren,\ndas Amt 63 hat mich an Sie verwiesen."
    )
    assert "office_number" not in fields_of(text)


def test_blank_pages_are_ignored() -> None:
    blank = text_page("~ . ,", index=0, blank=True)
    letter = text_page(HAUSMITTEILUNG, index=1)
    fields = extract_fields([blank, letter])
    assert fields["office_number"] == "63"
    assert extract_fields([blank]) == {}
    assert extract_fields([]) == {}


def test_date_on_second_page_is_used_when_page_one_has_none() -> None:
    first = text_page("Stadt Musterstadt\nBauamt\n\nSehr geehrte Damen und Herren,\nText.")
    second = text_page("Musterstadt, den 5.12.2025\nMit freundlichen Grüßen", index=1)
    assert extract_fields([first, second])["date"] == "2025-12-05"


def test_fields_are_read_only() -> None:
    fields = fields_of(HAUSMITTEILUNG)
    with pytest.raises(TypeError):
        fields["date"] = "2000-01-01"  # type: ignore[index]


# --- word boxes: columns and regions ---------------------------------------------------

GEOMETRIC_LETTER = """\
Müller Bau GmbH · Industriestr. 5 · 12345 Musterstadt
Stadt Musterstadt                                                  Ihr Zeichen: 61-22.1/2025
Amt 61 – Stadtplanungsamt                                          Unser Zeichen: MB-4711
EINGANG 14. NOV. 2025                                              Telefon: 0711 12345
Rathausplatz 1                                                     Datum: 10.11.2025
12345 Musterstadt

Stellungnahme zum Bebauungsplan Nr. 12
"Am Mühlbach"

Sehr geehrte Damen und Herren,
zu Ihrem Schreiben vom 02.11.2025 nehmen wir wie folgt Stellung.
"""


@pytest.mark.parametrize(("jitter", "line_h"), [(0, 50), (6, 50), (0, 42), (4, 80)])
def test_word_boxes_split_address_and_info_block(jitter: int, line_h: int) -> None:
    # line_h 42..80 px for 36 px word boxes: tight to generous line spacing
    fields = extract_fields([word_page(GEOMETRIC_LETTER, jitter=jitter, line_h=line_h)])
    assert fields == {
        "recipient": "Stadt Musterstadt, Amt 61 – Stadtplanungsamt",
        "aktenzeichen": "61-22.1/2025",
        "city_reference": "61-22.1/2025",
        "sender_reference": "MB-4711",
        "office_number": "61",
        "date": "2025-11-10",
        "subject": 'Stellungnahme zum Bebauungsplan Nr. 12 "Am Mühlbach"',
    }


def test_words_on_one_row_are_cut_into_columns_at_wide_gaps() -> None:
    page = word_page("Stadt Musterstadt" + " " * 60 + "Datum: 10.11.2025")
    lines = lines_from_words(page.words, page.size)
    assert [line.text for line in lines] == ["Stadt Musterstadt", "Datum: 10.11.2025"]
    assert lines[0].left < 0.1 < 0.4 < lines[1].left


def test_date_right_aligned_above_subject_with_word_boxes() -> None:
    layout = (
        "Max Mustermann · Hauptstraße 5 · 12345 Musterstadt\n"
        "Stadt Musterstadt\nBürgeramt\nRathausplatz 1\n12345 Musterstadt\n\n"
        + " "
        * 70
        + "Musterstadt, 3. Nov. 2025\n\n"
        "Verlust meines Personalausweises\n\n"
        "Sehr geehrte Damen und Herren,\n"
        "am 1. November 2025 habe ich meinen Ausweis verloren.\n"
    )
    fields = extract_fields([word_page(layout)])
    assert fields["date"] == "2025-11-03"
    assert fields["subject"] == "Verlust meines Personalausweises"
    assert fields["recipient"] == "Stadt Musterstadt, Bürgeramt"
    assert "office_number" not in fields


FORM_HAUSMITTEILUNG = """\
STADT MUSTERSTADT                         Hausmitteilung
Von:          Amt 21 — Stadtkasse
An:           Amt 20 — Kämmerei
Az.:          21.2-0815/2025
Datum:        l4.11.2O25
Betreff:      Niederschlagung uneinbringlicher Forderungen

Die Liste der Forderungen liegt bei.
"""


def test_form_cells_label_left_value_right_with_word_boxes() -> None:
    fields = extract_fields([word_page(FORM_HAUSMITTEILUNG, jitter=4)])
    assert fields == {
        "recipient": "Amt 20 — Kämmerei",
        "office_number": "20",
        "aktenzeichen": "21.2-0815/2025",
        "city_reference": "21.2-0815/2025",
        "memo_sender": "Amt 21 — Stadtkasse",
        "date": "2025-11-14",
        "subject": "Niederschlagung uneinbringlicher Forderungen",
    }


AUTHORITY_LETTER = """\
Landratsamt Musterkreis · Postfach 10 01 · 12300 Musterkreis
Stadt Musterstadt
Amt für Klimaschutz und Umwelt
Am Markt 2
12345 Musterstadt
                                         Geschäftszeichen: 4.2-106.12/25
                                         Bearbeiterin: Frau Weber
                                         Telefon: 07000 123-456
                                         Musterkreis, 7. Okt. 2025

Altlastenverdachtsfläche Gewerbegebiet Nord
hier: Ergebnis der orientierenden Untersuchung

Sehr geehrte Damen und Herren,
die Untersuchung vom 15.09.2025 hat ergeben ...
"""

EMAIL_PRINTOUT = """\
Von: Petra Schmitt <p.schmitt@mail.example>
Gesendet: Mittwoch, 12. November 2025 10:15
An: poststelle@musterstadt.example
Betreff: Frage zur Hundesteuer für zwei Hunde

Guten Tag,
ich habe seit dem 1.10.2025 einen zweiten Hund.
"""

ADVERT = """\
SUPER-ANGEBOT NUR BIS 30.11.2025!
Büromöbel zu Bestpreisen – jetzt 30 % sparen
Besuchen Sie unseren Ausstellungsraum in der Industriestraße 7.
"""


def test_authority_letter_with_geschaeftszeichen_and_two_line_subject() -> None:
    fields = fields_of(AUTHORITY_LETTER)
    assert fields["aktenzeichen"] == "4.2-106.12/25"
    assert "office_number" not in fields  # "4.2-..." is the district's numbering
    assert fields["date"] == "2025-10-07"
    assert fields["recipient"] == "Stadt Musterstadt, Amt für Klimaschutz und Umwelt"
    assert fields["subject"] == (
        "Altlastenverdachtsfläche Gewerbegebiet Nord hier: Ergebnis der orientierenden Untersuchung"
    )


def test_printed_email_uses_header_fields() -> None:
    fields = fields_of(EMAIL_PRINTOUT)
    assert fields["recipient"] == "poststelle@musterstadt.example"
    assert fields["subject"] == "Frage zur Hundesteuer für zwei Hunde"
    assert fields["date"] == "2025-11-12"
    assert "aktenzeichen" not in fields and "office_number" not in fields


def test_advert_gives_no_recipient_office_or_reference() -> None:
    fields = fields_of(ADVERT)
    assert set(fields) <= {"date"}  # a deadline is all there is


def test_garbage_never_raises_and_values_are_well_formed() -> None:
    rng = random.Random(7)
    alphabet = "AaZz0123456789Ol|.:;,-–/ \n\tÄäÖöÜüß·•EINGANGBetreff Az Amt den "
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        fields = fields_of(text) if rng.random() < 0.5 else extract_fields([word_page(text)])
        assert set(fields) <= set(EXTRACTED_FIELDS)
        if "office_number" in fields:
            assert re.fullmatch(r"[1-9]\d", fields["office_number"])
        if "date" in fields:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["date"])
        assert all(value.strip() == value and value for value in fields.values())


@pytest.mark.parametrize(
    ("line", "az"),
    [
        ("Ihr Zeiche n: 63-631.15/2023", "63-631.15/2023"),
        ("Ihr Zeicben: 34-874.97/2026°", "34-874.97/2026"),
        ("IhrAktenzeichen: 22/GW/1257/2025", "22/GW/1257/2025"),
        ("Az.: 66-AG~28530", "66-AG-28530"),
        ("Az.: 66.3-SB-6056/2S", "66.3-SB-6056/25"),
        ("Unser Zeichen LM-1280-2026", "LM-1280-2026"),
    ],
)
def test_damaged_reference_labels_and_values(line: str, az: str) -> None:
    assert fields_of(f"{line}\n\nSehr geehrte Damen und Herren,")["aktenzeichen"] == az


def test_blank_lines_between_every_block() -> None:
    # Text layers often separate every block by a blank line: paragraphs must still split.
    text = (
        "Ahmet Möller\nWaldstraße 117\n34575 Kleinmusterbach\n\n"
        "Ordnungsamt – Gewerbeangelegenheiten der Stadt Musterstadt\nBahnhofstraße 12\n"
        "34567 Musterstadt\n\nIhr Zeichen: 32.1.8-512/24\n\nKleinmusterbach, den 26.01.2024\n\n"
        "Anfrage zu Taubenfütterung\n\nSehr geehrte Damen und Herren,\n\nich möchte wissen ..."
    )
    fields = fields_of(text)
    assert fields["subject"] == "Anfrage zu Taubenfütterung"
    assert fields["office_number"] == "32"
    assert fields["recipient"] == "Ordnungsamt – Gewerbeangelegenheiten der Stadt Musterstadt"


def test_court_letter_without_salutation_takes_the_line_after_the_date() -> None:
    text = (
        "Sozialgericht Mustertal\nGerichtsallee 7\n34500 Mustertal\n\n"
        "Stadt Musterstadt\nDer Oberbürgermeister\nRathausplatz 1\n34567 Musterstadt\n\n"
        "Az.: 10 C 3944/26\n\nMustertal, 05.07.25\n\nKlage wegen Erschließungsbeitrag\n\n"
        "In der Verwaltungsstreitsache Hanna Ludwig gegen die Stadt Musterstadt wird Ihnen "
        "die Klageschrift vom 16.03.25 zugestellt.\n"
    )
    fields = fields_of(text)
    assert fields["subject"] == "Klage wegen Erschließungsbeitrag"
    assert fields["date"] == "2025-07-05"
    assert fields["aktenzeichen"] == "10 C 3944/26"


def test_informal_subject_is_not_taken_for_a_salutation() -> None:
    text = (
        "Stadt Musterstadt\nHerrn Thomas Hartmann\n– persönlich –\nRathausplatz 1\n"
        "34567 Musterstadt\n\n27. Mai 2024\n\nLiebe Grüße aus dem Urlaub\n\nLieber Thomas,\n\n"
        "wir laden dich herzlich ein."
    )
    fields = fields_of(text)
    assert fields["subject"] == "Liebe Grüße aus dem Urlaub"
    assert fields["recipient"] == "Stadt Musterstadt, Herrn Thomas Hartmann"


def test_reference_sentence_as_subject_is_kept() -> None:
    text = (
        "Stadt Musterstadt\nStadtkasse\nRathausplatz 1\n34567 Musterstadt\n\n"
        "Musterstadt, 10.01.2026\n\n"
        "Ihre Mahnung vom 04.01.2026 – Kassenzeichen 7.3693.183372.0\n\n"
        "Sehr geehrte Damen und Herren,\n"
    )
    assert fields_of(text)["subject"] == (
        "Ihre Mahnung vom 04.01.2026 – Kassenzeichen 7.3693.183372.0"
    )


def test_accented_betreff_label() -> None:
    text = "Betréff: Mittelbereitstellung für Gutachten\n\nSehr geehrte Damen und Herren,"
    assert fields_of(text)["subject"] == "Mittelbereitstellung für Gutachten"


def test_damaged_labels_and_salutation() -> None:
    text = (
        "Stadt Musterstadt\nBürgeramt\nRathausplatz 1\n34567 Musterstadt\n\n"
        "Daturn: 3.2.2026\nBetrefl: Ummeldung\n\nSehr gcehrte Damen und Herren,\n"
        "am 1.2.2026 bin ich umgezogen."
    )
    fields = fields_of(text)
    assert fields["date"] == "2026-02-03"
    assert fields["subject"] == "Ummeldung"


CONTACT_FORM = """\
KONTAKTFORMULAR

Name: Dilara Kessler
Anschrift: Reiherstieg 68, 34585 Wolfsfelden
Empfänger: Stadt Musterstadt, Postfach 11 04 20
{label} Gemeinsames Sorgerecht ohne Trauschein
Datum: 20.11.2026

Beschreibung:
Wir sind nicht verheiratet und möchten beide das Sorgerecht ausüben.
"""


@pytest.mark.parametrize("label", ["Anliegen:", "Ihr Anliegen:", "Thema:", "Gegenstand:"])
def test_a_forms_matter_is_its_subject(label: str) -> None:
    fields = fields_of(CONTACT_FORM.format(label=label))
    assert fields["subject"] == "Gemeinsames Sorgerecht ohne Trauschein"
    assert fields["date"] == "2026-11-20"


def test_a_sentence_about_a_matter_is_no_subject_label() -> None:
    text = (
        "Stadt Musterstadt\n\nThema der Sitzung war die Schulwegsicherung.\n\nSehr geehrte Damen,"
    )
    assert fields_of(text).get("subject", "") != "der Sitzung war die Schulwegsicherung."


@pytest.mark.parametrize(
    "subject", ["Ihr Eintrag im Behördenverzeichnis 2025", "Versicherungsnummer G215623708"]
)
def test_subjects_that_look_like_info_block_labels(subject: str) -> None:
    text = (
        "Stadt Musterstadt\nz. Hd. Herrn Meyer\nPostfach 10 20 30\n34561 Musterstadt\n\n"
        "Unser Zeichen: JE/157\nAnsprechpartner: Jonas Ebersbach\n\n"
        f"Musterstadt, den 3.12.2024\n\n{subject}\n\nSehr geehrter Herr Meyer,\n"
    )
    fields = fields_of(text)
    assert fields["subject"] == subject
    assert fields["aktenzeichen"] == "JE/157"
    assert fields["recipient"] == "Stadt Musterstadt, z. Hd. Herrn Meyer"


@pytest.mark.parametrize(
    ("line", "az"),
    [
        ("Az.: 61. 3.5-733/26", "61.3.5-733/26"),
        ("Az.: 30-9 81.41/2024", "30-981.41/2024"),
        ("Ihr Zeichen: 63-602.14/2025 03.11.2025", "63-602.14/2025"),
        ("Aktenzeichen: 12 M 3766/25", "12 M 3766/25"),
    ],
)
def test_spaces_inside_references(line: str, az: str) -> None:
    assert fields_of(f"{line}\n\nSehr geehrte Damen und Herren,")["aktenzeichen"] == az


@pytest.mark.parametrize(
    "plz_line",
    ["34S67 ^Musterstadt", ".. 34567 Musterstadt", "34567Musterstadt", "34567 i Musterstadt"],
)
def test_damaged_postcode_lines_still_end_the_address(plz_line: str) -> None:
    text = (
        "Statistisches Landesamt Musterland\nReferat Bevölkerung\nDatenweg 3\n34500 Mustertal\n\n"
        f"An den Oberbürgermeister\nder Stadt Musterstadt\nRathausplatz 1\n{plz_line}\n\n"
        "Sehr geehrte Damen und Herren,\n"
    )
    assert fields_of(text)["recipient"] == "An den Oberbürgermeister, der Stadt Musterstadt"


def test_damaged_postcode_and_glued_house_number_in_the_address() -> None:
    text = (
        "Sanitär Winkler UG (haftungsbeschränkt)\nSanitär- und Heizungstechnik\n"
        "Uhlandstraße 138\n34571 Beispielhausen\n\n"
        "Stadt Musterstadt\nDer Oberbürgermeister\nKämmerei\nRathausplatz1\n34S67 Musterstadt\n\n"
        "Rechnung 4767392\n\nSehr geehrte Damen und Herren,\n"
    )
    assert fields_of(text)["recipient"] == ("Stadt Musterstadt, Der Oberbürgermeister, Kämmerei")


COURT_WITHOUT_SALUTATION = (
    " " * 28
    + "Amtsgericht Musterstadt\n"
    + " " * 28
    + "Justizplatz 1\n"
    + " " * 28
    + "34567 Musterstadt\n\n\n"
    + " " * 70
    + "Geschäftsnummer: 9 M 1780/25\n"
    + "Amtsgericht Musterstadt · Justizplatz 1 · 34567 Musterstadt"
    + " " * 11
    + "5. August 2024\n"
    + "Stadt Musterstadt\nz. Hd. Frau Horn\nRathausplatz 1\n34567 Musterstadt\n\n\n\n"
    + "Kündigungsschutzklage Petra Vogel ./. Stadt Musterstadt – Az. 11-358.70/2024\n\n"
    + "In dem Rechtsstreit Petra Vogel gegen die Stadt Musterstadt wird Termin zur\n"
    + "Güteverhandlung bestimmt auf den 18. November 2024, 11:00 Uhr.\n"
)


def test_court_letter_with_word_boxes_and_no_salutation() -> None:
    fields = extract_fields([word_page(COURT_WITHOUT_SALUTATION)])
    assert fields == {
        "recipient": "Stadt Musterstadt, z. Hd. Frau Horn",
        "aktenzeichen": "11-358.70/2024",
        "city_reference": "11-358.70/2024",
        "office_number": "11",
        "date": "2024-08-05",
        "subject": "Kündigungsschutzklage Petra Vogel ./. Stadt Musterstadt – Az. 11-358.70/2024",
    }


def test_text_layer_without_blank_lines() -> None:
    # pypdf gives the lines of a digital letter without any blank line between blocks.
    text = (
        "Dipl.-Ing. Doris Herrmann\nKleiststraße 67a\n34571 Beispielhausen\n"
        "Dipl.-Ing. Doris Herrmann · Kleiststraße 67a · 34571 Beispielhausen\n"
        "Stadt Musterstadt\nz. Hd. Herrn Koch\nRathausplatz 1\n34567 Musterstadt\n30.08.2024\n"
        "Frage zu meinem Grundsteuerbescheid 2024\nSehr geehrter Herr Koch,\n"
        "ich wende mich mit folgendem Anliegen an Sie.\n"
    )
    assert fields_of(text) == {
        "recipient": "Stadt Musterstadt, z. Hd. Herrn Koch",
        "date": "2024-08-30",
        "subject": "Frage zu meinem Grundsteuerbescheid 2024",
    }


def test_ocr_space_before_a_hyphen_in_the_reference() -> None:
    assert fields_of("Az.: 33-PA -46967\n\nSehr geehrte Damen,")["aktenzeichen"] == "33-PA-46967"


def test_a_stamp_date_read_into_the_address_block_is_not_the_letter_date() -> None:
    # The stamp's "EINGANG" line went elsewhere; its date stuck to a line of the address,
    # and the letter date, right of the address on the page, was read after the salutation.
    text = (
        "Stadtverwaltung Musterstadt\nz. Hd. Herrn Krämer 11. SEP. 2025\nRathausplatz 1\n"
        "34567 Musterstadt\n\nAnfrage\n\nSehr geehrte Damen und Herren,\n10.9.2025\n"
    )
    assert fields_of(text)["date"] == "2025-09-10"
    typed = text.replace("11. SEP. 2025", "11. Sep. 2025")  # typed, not stamped: the date
    assert fields_of(typed)["date"] == "2025-09-11"


def test_without_a_letter_date_the_stamp_beats_dates_in_the_body() -> None:
    text = (
        "Stadtverwaltung Musterstadt\nRathausplatz 1\n34567 Musterstadt\n\n"
        "EINGANG 16. JAN. 2025\n\nArbeitsunfähigkeit\n\nSehr geehrte Damen und Herren,\n"
        "Frau Fischer ist ab dem 8. November 2024 arbeitsunfähig, geb. 5. April 1942.\n"
    )
    assert fields_of(text)["date"] == "2025-01-16"


def test_birth_date_line_is_neither_subject_nor_letter_date() -> None:
    text = (
        "Stadtverwaltung Musterstadt\nz. Hd. Stadtkämmerei\nRathausplatz 1\n34567 Musterstadt\n\n"
        "Geburtsdatum: 15.07.1975\nImmer noch keine Entscheidung\n\n"
        "Sehr geehrte Damen und Herren,\n"
    )
    fields = fields_of(text)
    assert fields["subject"] == "Immer noch keine Entscheidung"
    assert fields["date"] == "1975-07-15"  # the only date there is, kept as a last resort
    dated = text.replace("34567 Musterstadt\n", "34567 Musterstadt\nDate: 3.2.2026\n")
    assert fields_of(dated)["date"] == "2026-02-03"


def test_an_email_to_the_city_mailbox_names_the_office_in_the_line_below_its_header() -> None:
    text = (
        "Von: Greta Jaschke <greta.jaschke@example.net>\n"
        "An: info@musterstadt.example\n"
        "Gesendet: Sonntag, 5. April 2026 21:22\n"
        "Betreff: Ihre Anfrage\n\n"
        "– Grünflächenamt –\n\n"
        "Unser Zeichen: M 241/26\n\n"
        "Guten Morgen,\n\nwie gewünscht schicke ich Ihnen die fehlenden Seiten.\n"
    )
    assert fields_of(text)["recipient"] == "info@musterstadt.example, – Grünflächenamt –"
    reference_first = text.replace("– Grünflächenamt –\n\nUnser", "Unser").replace(
        "M 241/26\n\n", "M 241/26\n\nAmt 37 (Frau Wendland)\n\n"
    )
    assert fields_of(reference_first)["recipient"] == (
        "info@musterstadt.example, Amt 37 (Frau Wendland)"
    )
    assert fields_of(reference_first)["office_number"] == "37"


@pytest.mark.parametrize("line", ["Dienststelle: Servicedesk IT", "Abt. Servicedesk IT"])
def test_an_office_line_in_the_address_block_is_no_street(line: str) -> None:
    text = (
        "Carola Fenske · Kranichweg 56 · 69117 Heidelberg\n\n"
        f"Magistrat der Stadt Musterstadt\n{line}\nPostfach 11 04 20\n34560 Musterstadt\n\n"
        "Neue Anschrift\n\nGuten Tag,\n\nbitte beachten Sie meine neue Anschrift.\n"
    )
    assert fields_of(text)["recipient"] == f"Magistrat der Stadt Musterstadt, {line}"
