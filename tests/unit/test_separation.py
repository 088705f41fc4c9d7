"""Where a stack is cut: separator codes, the plan from page signals, first-page signals."""

from __future__ import annotations

import pytest

from semantha.errors import InputError
from semantha.reading import letterstart
from semantha.reading.separation import Mark, PageSignal, Part, code_text, parse_code, plan_stack
from semantha.records import Page, Reading
from semantha.service.stackreview import parse_ranges


def test_codes_name_a_sheet_or_an_office_and_nothing_else() -> None:
    assert parse_code(code_text(None)) == Mark()
    assert parse_code(code_text("63")) == Mark("63")
    assert parse_code("SEMANTHA:DEPT=") == Mark()
    assert parse_code("https://example.org/invoice/4711") is None
    assert parse_code("BCD\n001\n1\nSCT") is None  # a payment QR code on an invoice


def test_sheets_are_dropped_with_their_backs_and_name_the_office_of_what_follows() -> None:
    sheet = PageSignal(starts=True, dropped=True)
    back = PageSignal(starts=False, dropped=True)
    page = PageSignal(starts=False)
    signals = [
        sheet,
        page,
        page,
        PageSignal(starts=True, dropped=True, department="63"),
        back,
        page,
        sheet,
        page,
    ]
    stack = plan_stack(signals)
    assert stack.parts == (Part(2, 3), Part(6, 6, "63"), Part(8, 8))
    assert stack.dropped == (1, 4, 5, 7)
    assert stack.certain and not stack.single
    assert stack.describe() == "Seiten 2-3 | 6 | 8"


def test_a_stack_without_marks_is_one_document_as_scanned() -> None:
    stack = plan_stack([PageSignal(starts=False)] * 3)
    assert stack.parts == (Part(1, 3),)
    assert stack.single


def test_barcode_pages_start_a_document_and_stay_in_it() -> None:
    signals = [
        PageSignal(starts=True, department="20"),
        PageSignal(starts=False),
        PageSignal(starts=True),
    ]
    assert plan_stack(signals).parts == (Part(1, 2, "20"), Part(3, 3))


def test_unsure_pages_are_named() -> None:
    signals = [PageSignal(starts=True), PageSignal(starts=False, sure=False)]
    stack = plan_stack(signals)
    assert stack.unsure == (2,)
    assert not stack.certain


def _page(text: str, blank: bool = False) -> Page:
    return Page(0, None, 300, text=text, reading=Reading.TEXT_LAYER, blank=blank)


FIRST_PAGE = """Stadtwerke Musterstadt GmbH · Hafenstraße 3 · 12345 Musterstadt
Stadt Musterstadt
Baurechtsamt
Marktplatz 1
12345 Musterstadt

Musterstadt, 12.03.2025

Betreff: Bauantrag Gartenhaus Lindenweg 4

Sehr geehrte Damen und Herren,
wir beantragen die Genehmigung."""

FOLLOWING_PAGE = """die Unterlagen zum Vorhaben liegen bei, ebenso der Lageplan.
Wir bitten um eine kurze Bestätigung des Eingangs und um Nachricht,
falls weitere Angaben benötigt werden."""


def test_page_numbering_decides_and_restarts() -> None:
    assert letterstart.numbering("Müller GmbH      Seite 2 von 3") == letterstart.Numbering(2, 3)
    assert letterstart.numbering("Seite 4 von 3") is None
    second = letterstart.page_signal(_page("Müller GmbH  Seite 2 von 3\n" + FOLLOWING_PAGE), None)
    assert (second.starts, second.sure) == (False, True)
    after_last = letterstart.page_signal(_page(FOLLOWING_PAGE), letterstart.Numbering(3, 3))
    assert after_last.starts and after_last.sure
    inside = letterstart.page_signal(_page(FIRST_PAGE), letterstart.Numbering(1, 2))
    assert not inside.starts and inside.sure


def test_first_page_features_start_a_letter_and_plain_text_continues_one() -> None:
    first = letterstart.page_signal(_page(FIRST_PAGE), None)
    assert first.starts and first.sure, first.why
    following = letterstart.page_signal(_page(FOLLOWING_PAGE), None)
    assert not following.starts and following.sure, following.why
    back = letterstart.page_signal(_page("", blank=True), None)
    assert not back.starts and back.sure


def test_a_person_names_every_page_of_a_stack_once_in_order() -> None:
    assert parse_ranges("1-2, 3,4-6", 6).parts == (Part(1, 2), Part(3, 3), Part(4, 6))
    for wrong in ("1-2,4-6", "1-3,3-6", "1-2,3", "2-1,3-6", "1-2;3-6", ""):
        with pytest.raises(InputError):
            parse_ranges(wrong, 6)
