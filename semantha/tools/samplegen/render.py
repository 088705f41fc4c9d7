"""Lay out a LetterSpec on A4 pages and draw it with Pillow.

Layout and drawing are separate: ``layout_letter`` places text, boxes and strokes in
millimetres; ``rasterize`` draws them as a grayscale image per page, and the writer
draws the same layout as vector text for born-digital PDFs. ``page_texts`` is the
ground truth: exactly the drawn lines of each page, top to bottom per block.

Layouts: DIN 5008 form B letter (citizen, company, authority, private), invoice
(items table), court letter (Geschäftsnummer), internal Hausmitteilung (routing slip)
and advert (big headline).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from semantha.errors import EnvironmentCheckError
from semantha.tools.samplegen.corpus_people import MONTHS
from semantha.tools.samplegen.spec import LetterSpec

A4_MM = (210.0, 297.0)
MM_PER_PT = 25.4 / 72.0
_MEASURE_PX = 100  # fonts are measured at this pixel size and scaled linearly

FONT_DIR = Path("/usr/share/fonts/truetype")
_FAMILIES = (
    ("DejaVu Sans", "dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    ("DejaVu Serif", "dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    (
        "Liberation Sans",
        "liberation/LiberationSans-Regular.ttf",
        "liberation/LiberationSans-Bold.ttf",
    ),
    (
        "Liberation Serif",
        "liberation/LiberationSerif-Regular.ttf",
        "liberation/LiberationSerif-Bold.ttf",
    ),
    (
        "Liberation Mono",
        "liberation/LiberationMono-Regular.ttf",
        "liberation/LiberationMono-Bold.ttf",
    ),
    ("FreeSans", "freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    ("FreeSerif", "freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
)
_BANKS = ("Sparkasse Musterstadt", "Volksbank Musterland eG", "Musterbank AG", "Landesbank Muster")
_POSTCODE = re.compile(r"^\d{5} ")
_REGISTER = re.compile(r"USt-Id|Steuernummer|HRB|HRA|Registergericht|Geschäftsführ")
_AMOUNT = re.compile(r"^-?[\d.]+(,\d{2})?( ?€| EUR)?$|^\d+([.,]\d+)? ?(%|Stk\.?|h)?$")


@dataclass(frozen=True)
class FontFamily:
    name: str
    regular: Path
    bold: Path


@dataclass(frozen=True)
class Font:
    path: Path
    size_pt: float

    @property
    def size_mm(self) -> float:
        return self.size_pt * MM_PER_PT


@dataclass(frozen=True)
class Run:
    """A piece of a line drawn from ``x`` mm (left end of the baseline)."""

    x: float
    text: str
    font: Font


@dataclass(frozen=True)
class TextItem:
    """One ground-truth line on baseline ``y`` (mm): one run, or cells of a table row.

    ``role`` names the part of the page the line belongs to ("text", "table",
    "footer", "stamp"), so that reading errors can be traced to their cause.
    """

    y: float
    runs: tuple[Run, ...]
    role: str = "text"

    @property
    def text(self) -> str:
        return " ".join(run.text for run in self.runs)


def text_item(x: float, y: float, text: str, font: Font, role: str = "text") -> TextItem:
    return TextItem(y, (Run(x, text, font),), role)


@dataclass(frozen=True)
class BoxItem:
    """A rectangle outline (x, y = top left corner, mm)."""

    x: float
    y: float
    w: float
    h: float
    line: float = 0.3


@dataclass(frozen=True)
class StrokeItem:
    """An open polyline (rules under headers, signatures, crosses), in mm."""

    points: tuple[tuple[float, float], ...]
    line: float = 0.3
    role: str = "rule"  # or "signature": a scribble, no text


Item = TextItem | BoxItem | StrokeItem


@dataclass(frozen=True)
class PageLayout:
    items: tuple[Item, ...]

    @property
    def text(self) -> str:
        return "\n".join(item.text for item in self.items if isinstance(item, TextItem))


def insert_block(page: PageLayout, block: Sequence[TextItem], centre_y: float) -> PageLayout:
    """``page`` with ``block`` read before its first line whose baseline is below ``centre_y``.

    For text added onto the sheet later (the incoming-mail stamp): the eye meets it going
    down the page. Multi-column letterheads have no single right order; line-paired CER
    (``textmetrics.cer_unordered``) does not depend on this choice.
    """
    items = list(page.items)
    at = next(
        (n for n, item in enumerate(items) if isinstance(item, TextItem) and item.y > centre_y),
        len(items),
    )
    return PageLayout((*items[:at], *block, *items[at:]))


@dataclass(frozen=True)
class LetterLayout:
    pages: tuple[PageLayout, ...]
    family: str

    @property
    def page_texts(self) -> tuple[str, ...]:
        return tuple(page.text for page in self.pages)


@dataclass(frozen=True)
class RenderedLetter:
    """Grayscale A4 pages and the exact text drawn on each, in reading order."""

    pages: tuple[Image.Image, ...]
    page_texts: tuple[str, ...]
    dpi: int = 300
    family: str = ""


@dataclass(frozen=True)
class Style:
    family: FontFamily
    size_pt: float
    leading: float  # line pitch as a multiple of the font size
    left: float  # mm
    right: float  # mm
    long_date: bool

    def font(self, size_pt: float | None = None, bold: bool = False) -> Font:
        path = self.family.bold if bold else self.family.regular
        return Font(path, size_pt if size_pt is not None else self.size_pt)

    @property
    def pitch(self) -> float:
        return self.size_pt * MM_PER_PT * self.leading

    @property
    def width(self) -> float:
        return A4_MM[0] - self.left - self.right


def font_families() -> tuple[FontFamily, ...]:
    """The installed font families samples are drawn with (at least one is required)."""
    found = tuple(
        FontFamily(name, FONT_DIR / regular, FONT_DIR / bold)
        for name, regular, bold in _FAMILIES
        if (FONT_DIR / regular).is_file() and (FONT_DIR / bold).is_file()
    )
    if not found:
        raise EnvironmentCheckError(
            f"no usable fonts under {FONT_DIR}",
            hint="install fonts-dejavu-core, fonts-liberation and fonts-freefont-ttf",
        )
    return found


@lru_cache(maxsize=64)
def _pil_font(path: Path, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size_px)


def text_width(text: str, font: Font) -> float:
    """Advance width of ``text`` in mm."""
    return _pil_font(font.path, _MEASURE_PX).getlength(text) / _MEASURE_PX * font.size_mm


def wrap(text: str, font: Font, width: float) -> list[str]:
    """Greedy word wrap to ``width`` mm; a word longer than a line stands alone."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def format_date(day: date, long: bool) -> str:
    if long:
        return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
    return day.strftime("%d.%m.%Y")


def choose_style(rng: random.Random) -> Style:
    return Style(
        family=rng.choice(font_families()),
        size_pt=rng.choice((10.0, 10.5, 11.0, 11.5, 12.0)),
        leading=rng.uniform(1.15, 1.45),
        left=rng.uniform(20.0, 25.0),
        right=rng.uniform(15.0, 20.0),
        long_date=rng.random() < 0.35,
    )


@dataclass
class _Flow:
    """Places lines top to bottom and opens a new page when the text area is full."""

    style: Style
    y: float  # baseline of the next line, mm
    top_next: float
    bottom: float
    pages: list[list[Item]] = field(default_factory=lambda: [[]])

    def need(self, height: float) -> None:
        if self.y + height > self.bottom and self.pages[-1]:
            self.pages.append([])
            self.y = self.top_next

    def line(self, text: str, font: Font, align: str = "left") -> None:
        self.need(0.0)
        x = self.style.left
        if align == "center":
            x += (self.style.width - text_width(text, font)) / 2
        self.pages[-1].append(text_item(x, self.y, text, font))
        self.y += font.size_mm * self.style.leading

    def paragraph(self, text: str, font: Font, align: str = "left") -> None:
        for line in wrap(text, font, self.style.width):
            self.line(line, font, align)

    def gap(self, lines: float = 1.0) -> None:
        self.y += self.style.pitch * lines

    def add(self, item: Item) -> None:
        self.pages[-1].append(item)


def _hrule(style: Style, y: float, line: float = 0.25) -> StrokeItem:
    return StrokeItem(((style.left, y), (A4_MM[0] - style.right, y)), line)


def _signature(rng: random.Random, x: float, y: float) -> StrokeItem:
    """A scribbled signature: a random zigzag about 35 mm wide."""
    points = []
    px = x
    for _ in range(rng.randint(9, 16)):
        px += rng.uniform(1.5, 4.0)
        points.append((px, y + rng.uniform(-3.0, 1.0)))
    return StrokeItem(tuple(points), line=rng.uniform(0.3, 0.5), role="signature")


def _postal(sender: Sequence[str]) -> tuple[str, ...]:
    """Name, street and "PLZ Ort" of a sender block (the lines a return line shows)."""
    for i, line in enumerate(sender):
        if i >= 2 and _POSTCODE.match(line):
            return (sender[0], sender[i - 1], line)
    return tuple(sender[:3])


def _is_register(line: str) -> bool:
    """Register and tax lines belong in the footer of business paper, not the letterhead."""
    return bool(_REGISTER.search(line))


def _footer(spec: LetterSpec, style: Style, rng: random.Random) -> list[Item]:
    """Contact line and bank details at the foot of business paper."""
    font = style.font(7.5)
    iban = "DE" + "".join(str(rng.randint(0, 9)) for _ in range(20))
    iban = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    bic = "".join(rng.choice("ABCDEFGHKLMNPRSTUVWXYZ") for _ in range(6)) + "XXX"
    phone = f"Telefon 0{rng.randint(200, 9999)} {rng.randint(10000, 999999)}"
    lines = (
        " · ".join((*_postal(spec.sender), phone)),
        *(" · ".join(line for line in spec.sender if _is_register(line)),),
        f"Bankverbindung: {rng.choice(_BANKS)} · IBAN {iban} · BIC {bic}",
    )
    wrapped = [part for line in lines if line for part in wrap(line, font, style.width)]
    y = A4_MM[1] - 7.0 - 3.6 * len(wrapped)
    items: list[Item] = [_hrule(style, y - 4.0, 0.2)]
    for line in wrapped:
        items.append(text_item(style.left, y, line, font, "footer"))
        y += 3.6
    return items


def _fitting(font: Font, texts: Sequence[str], width: float, smallest: float) -> Font:
    """``font``, made smaller in half points until every text fits ``width`` mm."""
    while font.size_pt > smallest and max((text_width(t, font) for t in texts), default=0) > width:
        font = Font(font.path, font.size_pt - 0.5)
    return font


def _letterhead(spec: LetterSpec, style: Style, rng: random.Random) -> list[Item]:
    """Sender as printed business paper (bold name) or as a citizen's own block."""
    items: list[Item] = []
    if spec.kind in ("citizen", "private"):
        font = style.font()
        right = rng.random() < 0.5
        for i, line in enumerate(spec.sender):
            x = A4_MM[0] - style.right - text_width(line, font) if right else style.left
            items.append(text_item(x, 18.0 + i * style.pitch, line, font))
        return items
    name = spec.sender[0] if spec.sender else ""
    big = _fitting(style.font(rng.choice((15.0, 16.0, 18.0)), bold=True), [name], style.width, 9.0)
    centered = spec.kind == "court" or rng.random() < 0.3
    small = style.font(8.5)
    y = 22.0
    head = [name, *(line for line in spec.sender[1:] if not _is_register(line))]
    for i, line in enumerate(head):
        font = big if i == 0 else small
        x = style.left + (style.width - text_width(line, font)) / 2 if centered else style.left
        items.append(text_item(x, y, line, font))
        y += big.size_mm * 0.6 + 3.5 if i == 0 else 3.6
    return items


def _return_line(spec: LetterSpec, style: Style) -> TextItem:
    # DIN 5008 form B: the address field starts 45 mm from the top; the return line
    # closes its 17.7 mm Zusatz- und Vermerkzone directly above the recipient lines.
    return text_item(style.left, 60.5, " · ".join(_postal(spec.sender)), style.font(7.0))


def _address(spec: LetterSpec, style: Style) -> list[Item]:
    # the window of a DL envelope shows 85 mm: long office names get a smaller font
    font = _fitting(style.font(), spec.recipient, 85.0, 7.0)
    pitch = min(style.pitch, 27.3 / max(len(spec.recipient), 1))
    return [
        text_item(style.left, 62.7 + font.size_mm * 0.9 + i * pitch, line, font)
        for i, line in enumerate(spec.recipient)
    ]


def _needs_az(spec: LetterSpec, texts: Iterable[str]) -> bool:
    """True when the letter has an Aktenzeichen that none of ``texts`` shows yet."""
    return bool(spec.aktenzeichen) and not any(spec.aktenzeichen in text for text in texts)


def _references(spec: LetterSpec, style: Style) -> list[tuple[str, str]]:
    """Info block rows: the spec's references plus court number, Az. and date if missing."""
    rows = list(spec.references)
    labels = " ".join(label for label, _ in rows)
    values = [spec.subject, *(value for _, value in rows)]
    if spec.kind == "court" and "Geschäftsnummer" not in labels and spec.aktenzeichen:
        rows.insert(0, ("Geschäftsnummer", spec.aktenzeichen))
    elif _needs_az(spec, values):
        rows.append(("Aktenzeichen", spec.aktenzeichen))
    if "Datum" not in labels and not spec.date_text:
        rows.append(("Datum", format_date(spec.letter_date, style.long_date)))
    return rows


def _info_block(spec: LetterSpec, style: Style) -> tuple[list[Item], float]:
    """Right-hand info block (DIN 5008 form B, from 50 mm); returns items and bottom."""
    size = min(style.size_pt, 10.0)
    x = 125.0
    y = 50.0 + size * MM_PER_PT
    items: list[Item] = []
    rows = [f"{label}: {value}" if value else label for label, value in _references(spec, style)]
    if spec.date_text:
        rows.append(spec.date_text)
    for row in rows:
        label = row.split(":", 1)[0]
        font = style.font(size, bold=label == "Geschäftsnummer")
        lines = wrap(row, font, A4_MM[0] - style.right - x)
        for line in lines:
            items.append(text_item(x, y, line, font))
            y += size * MM_PER_PT * 1.35
        if label == "Geschäftsnummer":
            items.append(text_item(x, y, "Bitte bei allen Schreiben angeben", style.font(7.5)))
            y += 4.5
    return items, y


def _citizen_date(spec: LetterSpec, style: Style) -> tuple[list[Item], float]:
    """Citizens write "Town, date" on the right and their references on the left."""
    town = _postal(spec.sender)[-1].split(" ", 1)[-1] if spec.sender else ""
    font = style.font()
    text = spec.date_text or f"{town}, {format_date(spec.letter_date, style.long_date)}"
    y = 100.0
    items: list[Item] = [text_item(A4_MM[0] - style.right - text_width(text, font), y, text, font)]
    rows = list(spec.references)
    if _needs_az(spec, [spec.subject, *(value for _, value in rows)]):
        rows.append(("Aktenzeichen", spec.aktenzeichen))
    for label, value in rows:
        y += style.pitch
        items.append(text_item(style.left, y, f"{label}: {value}" if value else label, font))
    return items, y


def _table_font(table: Sequence[Sequence[str]], style: Style) -> tuple[Font, list[float]]:
    """The largest font (down to 7 pt) at which the table fits the text width."""
    size = style.size_pt
    columns = max(len(row) for row in table)
    while True:
        font = style.font(size)
        bold = style.font(size, bold=True)
        widths = [
            max(text_width(row[c], bold) if c < len(row) else 0.0 for row in table)
            for c in range(columns)
        ]
        if sum(widths) + 4.0 * (columns - 1) <= style.width or size <= 7.0:
            return font, widths
        size -= 0.5


def _table(flow: _Flow, table: Sequence[Sequence[str]]) -> None:
    """Invoice items: bold header over a rule, amounts right-aligned, bold total."""
    style = flow.style
    font, widths = _table_font(table, style)
    bold = style.font(font.size_pt, bold=True)
    widths[0] += max(style.width - sum(widths) - 4.0 * (len(widths) - 1), 0.0)
    lefts = [style.left + sum(widths[:c]) + 4.0 * c for c in range(len(widths))]
    pitch = font.size_mm * style.leading
    numeric = [
        c > 0 and all(_AMOUNT.match(row[c]) for row in table[1:] if c < len(row) and row[c])
        for c in range(len(widths))
    ]
    for r, row in enumerate(table):
        is_total = r == len(table) - 1 and bool(re.match(r"(?i)(gesamt|summe|total)", row[0]))
        row_font = bold if r == 0 or is_total else font
        flow.need(pitch)
        if is_total:
            flow.add(_hrule(style, flow.y - font.size_mm - 0.6))
        runs = []
        for c, cell in enumerate(row):
            x = lefts[c]
            if numeric[c]:
                x += widths[c] - text_width(cell, row_font)
            if cell:
                runs.append(Run(x, cell, row_font))
        if runs:
            flow.add(TextItem(flow.y, tuple(runs), "table"))
        if r == 0:
            flow.add(_hrule(style, flow.y + 1.4))
        flow.y += pitch


def _body(flow: _Flow, spec: LetterSpec, rng: random.Random) -> None:
    """Salutation, paragraphs (an invoice table after the first), closing."""
    font = flow.style.font()
    if spec.salutation:
        flow.line(spec.salutation, font)
        flow.gap(0.6)
    table_done = not spec.table
    for paragraph in spec.body:
        flow.paragraph(paragraph, font)
        flow.gap(0.6)
        if not table_done:
            _table(flow, spec.table)
            flow.gap(0.8)
            table_done = True
    if not table_done:
        _table(flow, spec.table)
        flow.gap(0.8)
    for i, line in enumerate(spec.closing):
        flow.line(line, font)
        # "gez." marks an unsigned copy: no scribble there
        if i == 0 and len(spec.closing) > 1 and line != "gez.":
            flow.need(flow.style.pitch * 2.6)
            flow.add(_signature(rng, flow.style.left, flow.y + flow.style.pitch * 0.3))
            flow.gap(1.6)


def _din_letter(spec: LetterSpec, style: Style, rng: random.Random) -> _Flow:
    """DIN 5008 form B: letterhead, address field, info block, subject, body, closing.

    Adverts use the same paper with the subject as a big centred headline.
    """
    top: list[Item] = [*_letterhead(spec, style, rng), _return_line(spec, style)]
    top += _address(spec, style)
    if spec.kind in ("citizen", "private"):
        info, info_bottom = _citizen_date(spec, style)
    else:
        info, info_bottom = _info_block(spec, style)
    top += info
    flow = _Flow(style, y=max(103.4, info_bottom + style.pitch * 1.5), top_next=30.0, bottom=262.0)
    flow.pages[0].extend(top)
    if spec.kind == "advert":
        flow.gap(0.5)
        flow.paragraph(
            spec.subject, style.font(rng.choice((22.0, 26.0, 30.0)), bold=True), "center"
        )
    else:
        flow.paragraph(spec.subject, style.font(bold=True))
    flow.gap(1.0)
    _body(flow, spec, rng)
    return flow


def _routing_lines(spec: LetterSpec, style: Style) -> list[str]:
    if spec.routing_slip:
        return list(spec.routing_slip)
    return [
        f"An: {', '.join(spec.recipient)}",
        f"Von: {spec.sender[0] if spec.sender else ''}",
        f"Datum: {format_date(spec.letter_date, style.long_date)}",
        f"Betreff: {spec.subject}",
    ]


def _tick_boxes(style: Style, y: float, rng: random.Random) -> list[Item]:
    """The printed form's "zur Kenntnis / zur Erledigung ..." boxes, one crossed."""
    font = style.font(9.0)
    options = ("zur Kenntnis", "zur Erledigung", "zur Stellungnahme", "Rücksprache")
    ticked = rng.randrange(len(options))
    items: list[Item] = []
    runs = []
    x = style.left
    for i, option in enumerate(options):
        items.append(BoxItem(x, y - 3.0, 3.2, 3.2, 0.25))
        if i == ticked:
            items.append(StrokeItem(((x, y - 3.0), (x + 3.2, y + 0.2)), 0.35))
            items.append(StrokeItem(((x + 3.2, y - 3.0), (x, y + 0.2)), 0.35))
        runs.append(Run(x + 4.5, option, font))
        x += 4.5 + text_width(option, font) + 7.0
    return [TextItem(y, tuple(runs)), *items]


def _hausmitteilung(spec: LetterSpec, style: Style, rng: random.Random) -> _Flow:
    """Internal memo: city header, "Hausmitteilung", routing slip box, tick boxes, text."""
    items: list[Item] = [
        text_item(style.left, 20.0, "Stadt Musterstadt", style.font(12.0, bold=True)),
        text_item(style.left, 31.0, "Hausmitteilung", style.font(rng.choice((18.0, 20.0)), True)),
    ]
    font = style.font()
    lines = _routing_lines(spec, style)
    pitch = style.pitch * 1.15
    box_top = 40.0
    y = box_top + 3.0 + font.size_mm
    for line in lines:
        for part in wrap(line, font, style.width - 6.0):
            items.append(text_item(style.left + 3.0, y, part, font))
            y += pitch
    box_bottom = y - pitch + 4.0
    items.append(BoxItem(style.left, box_top, style.width, box_bottom - box_top, 0.4))
    items += _tick_boxes(style, box_bottom + 8.0, rng)
    flow = _Flow(style, y=box_bottom + 20.0, top_next=30.0, bottom=275.0)
    flow.pages[0].extend(items)
    if not any(line.startswith("Betreff") for line in lines):
        flow.paragraph(spec.subject, style.font(bold=True))
        flow.gap(0.8)
    _body(flow, spec, rng)
    return flow


def _numbered(pages: list[list[Item]], spec: LetterSpec, style: Style) -> list[list[Item]]:
    """Add "Seite n von N": at the foot of page 1, as a header on the following pages."""
    total = len(pages)
    if total == 1:
        return pages
    font = style.font(9.0)
    first = f"Seite 1 von {total}"
    numbered = [
        [*pages[0], text_item(A4_MM[0] - style.right - text_width(first, font), 268.0, first, font)]
    ]
    name = spec.sender[0] if spec.sender and spec.kind != "internal" else "Hausmitteilung"
    for n, page in enumerate(pages[1:], start=2):
        label = f"Seite {n} von {total}"
        runs = (
            Run(style.left, name, font),
            Run(A4_MM[0] - style.right - text_width(label, font), label, font),
        )
        numbered.append([TextItem(15.0, runs), _hrule(style, 17.5, 0.2), *page])
    return numbered


def layout_letter(spec: LetterSpec, rng: random.Random) -> LetterLayout:
    """Place the letter's content on A4 pages (mm); the style is drawn from ``rng``."""
    style = choose_style(rng)
    flow = _hausmitteilung(spec, style, rng) if spec.kind == "internal" else None
    if flow is None:
        flow = _din_letter(spec, style, rng)
    pages = _numbered(flow.pages, spec, style)
    if spec.kind in ("company", "authority", "invoice", "court", "advert"):
        pages[0] = [*pages[0], *_footer(spec, style, rng)]
    return LetterLayout(tuple(PageLayout(tuple(page)) for page in pages), style.family.name)


def _px(mm: float, dpi: int) -> int:
    return round(mm / 25.4 * dpi)


def a4_pixels(dpi: int) -> tuple[int, int]:
    return _px(A4_MM[0], dpi), _px(A4_MM[1], dpi)


def draw_page(page: PageLayout, dpi: int, ink: int = 0) -> Image.Image:
    """Draw one laid-out page as a white grayscale A4 image."""
    image = Image.new("L", a4_pixels(dpi), 255)
    draw = ImageDraw.Draw(image)
    for item in page.items:
        if isinstance(item, TextItem):
            for run in item.runs:
                font = _pil_font(run.font.path, max(_px(run.font.size_mm, dpi), 1))
                draw.text(
                    (_px(run.x, dpi), _px(item.y, dpi)), run.text, fill=ink, font=font, anchor="ls"
                )
        elif isinstance(item, BoxItem):
            box = (
                _px(item.x, dpi),
                _px(item.y, dpi),
                _px(item.x + item.w, dpi),
                _px(item.y + item.h, dpi),
            )
            draw.rectangle(box, outline=ink, width=max(_px(item.line, dpi), 1))
        else:
            points = [(_px(x, dpi), _px(y, dpi)) for x, y in item.points]
            draw.line(points, fill=ink, width=max(_px(item.line, dpi), 1), joint="curve")
    return image


def rasterize(layout: LetterLayout, dpi: int = 300) -> RenderedLetter:
    pages = tuple(draw_page(page, dpi) for page in layout.pages)
    return RenderedLetter(pages, layout.page_texts, dpi, layout.family)


def render_letter(spec: LetterSpec, rng: random.Random, dpi: int = 300) -> RenderedLetter:
    """Lay out and draw ``spec``: grayscale A4 pages at ``dpi`` and their exact text."""
    return rasterize(layout_letter(spec, rng), dpi)
