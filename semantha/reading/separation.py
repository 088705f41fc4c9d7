"""Where one document of a scanned stack ends and the next begins.

Modes (``separation:`` in config.yaml, per inbox subfolder):

- ``sheet``: a separator sheet (``semantha separator-sheet``) stands between documents;
  the sheet, and the blank back a duplex scan gives it, are dropped.
- ``barcode``: a page that carries a separator code starts a new document and stays
  in it (a code sticker on the letter's first page, like a patch code).
- ``auto``: a new document begins where a letter's first page begins (``letterstart``).

A separator code is a QR or Code 128 symbol whose text starts with ``SEMANTHA:``;
``SEMANTHA:DEPT=63`` also names the office that the documents after it are for
(a clerk's pre-sorted stack). Codes are read with zxing-cpp on the page at
``CODE_DPI``: the symbols are large, so a coarse image finds them at a fraction of
the cost of the scan's own resolution.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import zxingcpp

from semantha.reading import imaging
from semantha.records import GrayImage

CODE_PREFIX = "SEMANTHA:"
SHEET_CODE = "SEMANTHA:TRENNBLATT"
DEPARTMENT_KEY = "DEPT="
CODE_DPI = 150
_FORMATS = zxingcpp.BarcodeFormats([zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.Code128])


def code_text(department: str | None) -> str:
    """The text a separator sheet's codes carry."""
    return SHEET_CODE if department is None else f"{CODE_PREFIX}{DEPARTMENT_KEY}{department}"


@dataclass(frozen=True)
class Mark:
    """A separator code found on a page; ``department`` when the code names an office."""

    department: str | None = None


def find_mark(image: GrayImage, dpi: int) -> Mark | None:
    """The separator code on a page image, or None when the page carries none."""
    small = imaging.coarse(image, dpi, CODE_DPI)
    # The sheet's codes are large and dark on white, and its QR code is found however
    # the sheet was turned: no smaller copies, no inverted or turned search. Those
    # would cost about ten times as much on every page without a code, the common case.
    symbols = zxingcpp.read_barcodes(
        small, formats=_FORMATS, try_downscale=False, try_invert=False, try_rotate=False
    )
    for symbol in symbols:
        mark = parse_code(symbol.text)
        if mark is not None:
            return mark
    return None


def parse_code(text: str) -> Mark | None:
    """A separator code's meaning; None for any other code (a parcel label, an invoice's QR)."""
    if not text.startswith(CODE_PREFIX):
        return None
    rest = text[len(CODE_PREFIX) :]
    if rest.startswith(DEPARTMENT_KEY):
        department = rest[len(DEPARTMENT_KEY) :].strip()
        return Mark(department or None)
    return Mark()


@dataclass(frozen=True)
class PageSignal:
    """What one page of a stack says about separation.

    ``starts``: a document begins here; ``sure``: how certain that is (auto mode only
    is ever unsure); ``dropped``: the page is a separator sheet or its blank back."""

    starts: bool
    sure: bool = True
    dropped: bool = False
    department: str | None = None
    why: str = ""


@dataclass(frozen=True)
class Part:
    """One document of a stack: its pages, 1-based and inclusive, as in the sidecar."""

    first: int
    last: int
    department: str | None = None  # named by the separator sheet before it


@dataclass(frozen=True)
class StackPlan:
    parts: tuple[Part, ...]
    dropped: tuple[int, ...]  # 1-based pages in no part: sheets and their backs
    unsure: tuple[int, ...]  # 1-based pages where a split (or none) is a guess
    problem: str = ""  # why the stack could not be looked at (then it has no parts)

    @property
    def certain(self) -> bool:
        return not self.unsure and not self.problem

    @property
    def single(self) -> bool:
        """The stack is one document as scanned: nothing to split, nothing dropped."""
        return len(self.parts) == 1 and not self.dropped and self.parts[0].department is None

    def describe(self) -> str:
        """The proposed documents, for a person ("Seiten 1-2 | 3 | 4-6")."""
        ranges = (f"{p.first}" if p.first == p.last else f"{p.first}-{p.last}" for p in self.parts)
        return "Seiten " + " | ".join(ranges)


def plan_stack(signals: Sequence[PageSignal]) -> StackPlan:
    """The documents of a stack from what each page says, in page order."""
    parts: list[Part] = []
    dropped: list[int] = []
    unsure: list[int] = []
    first: int | None = None
    department: str | None = None
    pending_department: str | None = None

    def close(last: int) -> None:
        if first is not None and last >= first:
            parts.append(Part(first, last, department))

    for number, signal in enumerate(signals, start=1):
        if not signal.sure:
            unsure.append(number)
        if signal.dropped:
            close(number - 1)
            first = None
            dropped.append(number)
            if signal.department is not None:
                pending_department = signal.department
            continue
        if first is None or signal.starts:
            close(number - 1)
            first = number
            department = signal.department or pending_department
            pending_department = None
    close(len(signals))
    return StackPlan(tuple(parts), tuple(dropped), tuple(unsure))
