"""Layout and drawing of sample letters: A4 pages whose ground truth is what was drawn."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from semantha.tools.samplegen.render import (
    A4_MM,
    TextItem,
    a4_pixels,
    choose_style,
    layout_letter,
    render_letter,
    text_width,
)
from semantha.tools.samplegen.spec import LetterSpec

BODY = (
    "hiermit beantrage ich die Genehmigung für den Umbau meines Wohnhauses in der "
    "Lindenstraße 12. Die Bauzeichnungen und der Lageplan liegen diesem Schreiben bei.",
    "Für Rückfragen stehe ich Ihnen gerne unter der oben genannten Anschrift zur Verfügung.",
)


def citizen_letter(**changes: object) -> LetterSpec:
    spec = LetterSpec(
        kind="citizen",
        department="63",
        doctype="Antrag",
        names_office=True,
        sender=("Erika Musterfrau", "Lindenstraße 12", "12347 Musterstadt"),
        recipient=(
            "Stadt Musterstadt",
            "Amt 63 – Baurechtsamt",
            "Rathausplatz 1",
            "12345 Musterstadt",
        ),
        letter_date=date(2025, 11, 10),
        aktenzeichen="63-602.14/2025",
        references=(),
        subject="Bauantrag für den Umbau Lindenstraße 12",
        salutation="Sehr geehrte Damen und Herren,",
        body=BODY,
        closing=("Mit freundlichen Grüßen", "Erika Musterfrau"),
    )
    return replace(spec, **changes)  # type: ignore[arg-type]


def invoice_letter() -> LetterSpec:
    return citizen_letter(
        kind="invoice",
        department="20",
        doctype="Rechnung",
        sender=("Bürobedarf Schulz GmbH", "Industriestraße 4", "54321 Beispielstadt", "HRB 4711"),
        references=(("Rechnungsnummer", "RE-2025-0815"), ("Ihr Zeichen", "20.1-K")),
        aktenzeichen="",
        subject="Rechnung Nr. RE-2025-0815",
        body=("für unsere Lieferung berechnen wir Ihnen:", "Zahlbar innerhalb von 14 Tagen."),
        table=(
            ("Pos.", "Beschreibung", "Menge", "Betrag"),
            ("1", "Kopierpapier A4, 80 g", "20", "90,00 €"),
            ("2", "Toner schwarz", "2", "159,80 €"),
            ("Gesamtbetrag", "", "", "249,80 €"),
        ),
    )


def internal_memo() -> LetterSpec:
    return citizen_letter(
        kind="internal",
        department="11",
        doctype="Hausmitteilung",
        sender=("Stadt Musterstadt", "Hauptamt"),
        recipient=("Hauspost", "Amt 11 – Personalamt"),
        aktenzeichen="",
        salutation="Liebe Kolleginnen und Kollegen,",
        subject="Urlaubsantrag Herr Muster",
        routing_slip=(
            "An: Amt 11 – Personalamt",
            "Von: Amt 10 – Hauptamt",
            "Datum: 12.11.2025",
            "Betreff: Urlaubsantrag Herr Muster",
        ),
    )


def court_letter() -> LetterSpec:
    return citizen_letter(
        kind="court",
        department="30",
        doctype="Gerichtsschreiben",
        sender=("Amtsgericht Musterstadt", "Justizstraße 1", "12345 Musterstadt"),
        aktenzeichen="3 C 1234/25",
        subject="In dem Rechtsstreit Meier ./. Stadt Musterstadt",
    )


def advert_letter() -> LetterSpec:
    return citizen_letter(
        kind="advert",
        department="",
        doctype="",
        names_office=False,
        sender=("Sonnenschein Solar GmbH", "Am Markt 3", "99999 Irgendwo"),
        aktenzeichen="",
        subject="Jetzt 30 % sparen mit Solarstrom vom Dach!",
    )


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def test_pages_are_grayscale_a4_at_the_requested_dpi() -> None:
    for dpi in (100, 300):
        letter = render_letter(citizen_letter(), random.Random(1), dpi=dpi)
        assert letter.pages[0].mode == "L"
        assert letter.pages[0].size == a4_pixels(dpi)
    assert a4_pixels(300) == (2480, 3508)


def test_ground_truth_holds_addresses_subject_and_body_in_reading_order() -> None:
    spec = citizen_letter()
    text = render_letter(spec, random.Random(2), dpi=100).page_texts[0]
    lines = lines_of(text)
    for line in (*spec.recipient, spec.subject, spec.salutation, *spec.closing):
        assert line in lines
    assert lines.index(spec.recipient[0]) < lines.index(spec.subject) < lines.index(spec.salutation)
    # wrapping keeps every word of the body, in order
    body_words = " ".join(spec.body).split()
    drawn = " ".join(text.split())
    assert " ".join(body_words) in drawn
    assert spec.aktenzeichen in text
    assert "Erika Musterfrau · Lindenstraße 12 · 12347 Musterstadt" in lines  # return line


def test_address_field_is_where_din_5008_form_b_puts_it() -> None:
    spec = citizen_letter()
    dpi = 100
    layout = layout_letter(spec, random.Random(3))
    items = [i for i in layout.pages[0].items if isinstance(i, TextItem)]
    address = [i for i in items if i.text in spec.recipient]
    assert len(address) == len(spec.recipient)
    for item in address:
        assert 62.7 < item.y < 90.0
        assert 20.0 <= item.runs[0].x <= 25.0
    page = np.asarray(render_letter(spec, random.Random(3), dpi=dpi).pages[0])
    px = dpi / 25.4
    field = page[int(63 * px) : int(90 * px), int(20 * px) : int(105 * px)]
    above = page[int(30 * px) : int(44 * px), int(20 * px) : int(105 * px)]
    assert (field < 128).sum() > 200  # ink in the address field
    assert (above < 128).sum() < (field < 128).sum()


def test_business_letter_has_info_block_bold_subject_and_bank_footer() -> None:
    spec = invoice_letter()
    layout = layout_letter(spec, random.Random(4))
    items = [i for i in layout.pages[0].items if isinstance(i, TextItem)]
    info = [i for i in items if i.text.startswith(("Rechnungsnummer:", "Ihr Zeichen:", "Datum:"))]
    assert len(info) == 3
    assert all(i.runs[0].x == 125.0 and 50.0 < i.y < 90.0 for i in info)
    subject = next(i for i in items if i.text == spec.subject)
    assert "Bold" in subject.runs[0].font.path.name
    footer = [i for i in items if i.text.startswith("Bankverbindung: ")]
    assert len(footer) == 1 and footer[0].y > A4_MM[1] - 20
    assert any("HRB 4711" in i.text and i.y > 270 for i in items)  # register line in the footer


def test_invoice_table_rows_are_lines_of_their_cells() -> None:
    spec = invoice_letter()
    lines = lines_of(render_letter(spec, random.Random(5), dpi=100).page_texts[0])
    assert "Pos. Beschreibung Menge Betrag" in lines
    assert "1 Kopierpapier A4, 80 g 20 90,00 €" in lines
    assert "Gesamtbetrag 249,80 €" in lines
    assert lines.index("für unsere Lieferung berechnen wir Ihnen:") < lines.index(
        "Pos. Beschreibung Menge Betrag"
    )


def test_amounts_are_right_aligned() -> None:
    layout = layout_letter(invoice_letter(), random.Random(6))
    rows = [i for i in layout.pages[0].items if isinstance(i, TextItem) and len(i.runs) > 1]
    ends = {
        round(run.x + text_width(run.text, run.font), 1)
        for row in rows
        for run in row.runs
        if run.text.endswith("€")
    }
    assert len(ends) == 1


def test_hausmitteilung_shows_the_routing_slip() -> None:
    spec = internal_memo()
    lines = lines_of(render_letter(spec, random.Random(7), dpi=100).page_texts[0])
    assert lines[:2] == ["Stadt Musterstadt", "Hausmitteilung"]
    for slip_line in spec.routing_slip:
        assert slip_line in lines
    assert "zur Kenntnis zur Erledigung zur Stellungnahme Rücksprache" in lines


def test_court_letter_names_its_geschaeftsnummer() -> None:
    spec = court_letter()
    text = render_letter(spec, random.Random(8), dpi=100).page_texts[0]
    assert "Geschäftsnummer: 3 C 1234/25" in lines_of(text)
    assert "Amtsgericht Musterstadt" in lines_of(text)


def test_advert_headline_is_big() -> None:
    spec = advert_letter()
    layout = layout_letter(spec, random.Random(9))
    items = [i for i in layout.pages[0].items if isinstance(i, TextItem)]
    headline = [i for i in items if i.runs[0].font.size_pt >= 22]
    assert headline
    assert " ".join(i.text for i in headline) == spec.subject


def test_printed_date_text_is_used_verbatim() -> None:
    spec = citizen_letter(date_text="Musterstadt, den 3.2.2026")
    assert "Musterstadt, den 3.2.2026" in lines_of(
        render_letter(spec, random.Random(10), dpi=100).page_texts[0]
    )


def test_long_letters_continue_on_page_two() -> None:
    spec = citizen_letter(body=BODY * 8)
    letter = render_letter(spec, random.Random(11), dpi=100)
    assert len(letter.pages) == 2
    assert lines_of(letter.page_texts[0])[-1] == "Seite 1 von 2"
    assert lines_of(letter.page_texts[1])[0].endswith("Seite 2 von 2")
    assert letter.page_texts[1].rstrip().endswith(spec.closing[-1])
    drawn = " ".join(" ".join(letter.page_texts).split())
    assert " ".join(" ".join(spec.body).split()) in drawn.replace(
        " Seite 1 von 2 Erika Musterfrau Seite 2 von 2", ""
    )


def test_same_seed_same_pixels_other_seed_other_style() -> None:
    spec = citizen_letter()
    first = render_letter(spec, random.Random(12), dpi=100)
    again = render_letter(spec, random.Random(12), dpi=100)
    assert first.pages[0].tobytes() == again.pages[0].tobytes()
    assert first.page_texts == again.page_texts
    families = {choose_style(random.Random(seed)).family.name for seed in range(40)}
    assert len(families) >= 4


@pytest.mark.parametrize("seed", range(10))
def test_styles_stay_in_the_agreed_ranges(seed: int) -> None:
    style = choose_style(random.Random(seed))
    assert 10.0 <= style.size_pt <= 12.0
    assert 20.0 <= style.left <= 25.0
    assert 1.1 <= style.leading <= 1.5


def test_long_names_are_set_smaller_to_stay_on_the_paper() -> None:
    long_office = "Amt für Digitalisierung und IT der Stadt Musterstadt"
    spec = replace(
        invoice_letter(),
        sender=(
            "Sommer & Schwarz Verkehrstechnik UG (haftungsbeschränkt)",
            "Friedhofstraße 35",
            "34569 Musterstadt-Altheim",
        ),
        recipient=("Stadt Musterstadt", long_office, "Rathausplatz 1", "12345 Musterstadt"),
    )
    for seed in range(6):
        layout = layout_letter(spec, random.Random(seed))
        items = [i for i in layout.pages[0].items if isinstance(i, TextItem)]
        address = next(i for i in items if i.text == long_office)
        assert text_width(long_office, address.runs[0].font) <= 85.0
        for item in items:
            for run in item.runs:
                assert run.x >= 15.0
                assert run.x + text_width(run.text, run.font) <= A4_MM[0] - 14.0, run.text
            assert item.y <= A4_MM[1] - 5.0
