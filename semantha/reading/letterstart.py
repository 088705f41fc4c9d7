"""Does a letter begin on this page? The signals of a first page, for separating a stack
scanned without separator sheets (``separation: auto``).

- Page numbering: "Seite 1 von N" starts a letter, "Seite 3 von N" continues one, and
  after "Seite N von N" the next page begins another.
- A blank page is the back of the sheet before it (duplex), never a new letter.
- Otherwise the top of the page decides: an address block, a letter date, a subject
  line and a salutation are what a first page has and a following page has not.
  Two or more of them start a letter, none continues one, and one alone is a guess:
  the stack then goes to a person with the splits proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from semantha.reading import extract
from semantha.reading.separation import PageSignal
from semantha.records import Page

_PAGE_NUMBER = re.compile(r"\bSeite\s+(\d{1,3})\s*(?:von|/)\s*(\d{1,3})\b", re.IGNORECASE)
SURE_FEATURES = 2  # first-page features that make a start certain


@dataclass(frozen=True)
class Numbering:
    page: int
    of: int

    @property
    def last(self) -> bool:
        return self.page >= self.of


def numbering(text: str) -> Numbering | None:
    """The page's "Seite n von N", when it has one that makes sense."""
    for match in _PAGE_NUMBER.finditer(text):
        page, of = int(match.group(1)), int(match.group(2))
        if 1 <= page <= of:
            return Numbering(page, of)
    return None


def first_page_features(page: Page) -> tuple[str, ...]:
    """The features of a letter's first page found in what was read of ``page``."""
    layout = extract.page_layout(page)
    found = {
        "Anschrift": bool(extract.find_recipient(layout)),
        "Datum": extract.find_date(layout) is not None,
        "Betreff": bool(extract.find_subject(layout)),
        "Anrede": layout.salutation is not None,
    }
    return tuple(name for name, present in found.items() if present)


def page_signal(page: Page, before: Numbering | None) -> PageSignal:
    """Whether ``page`` starts a letter; ``before`` is the numbering of the last page with
    content before it (None when it had none)."""
    if page.blank:
        return PageSignal(starts=False, why="leere Seite (Rückseite)")
    number = numbering(page.text)
    if number is not None:
        return PageSignal(starts=number.page == 1, why=f"Seite {number.page} von {number.of}")
    if before is not None and not before.last:
        return PageSignal(starts=False, why=f"nach Seite {before.page} von {before.of}")
    features = first_page_features(page)
    if before is not None:  # the letter before ended with "Seite N von N"
        return PageSignal(starts=True, why=f"nach der letzten Seite; {', '.join(features)}")
    why = ", ".join(features) or "keine Merkmale einer ersten Seite"
    return PageSignal(
        starts=len(features) >= SURE_FEATURES,
        sure=len(features) != SURE_FEATURES - 1,
        why=why,
    )
