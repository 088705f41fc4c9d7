"""Born-digital test letters: PDFs with a real text layer (no OCR needed)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
BUILTIN = "Helvetica"  # one of PDF's standard fonts: nothing embedded, small files
SIZE = 11  # points
MARGIN = 10 * mm


def text_pdf(path: Path, lines: list[str]) -> Path:
    """Write ``lines`` one below the other in DejaVu Sans (umlauts and ß included)."""
    path.write_bytes(_pdf([lines], "DejaVuSans", leading=8 * mm))
    return path


def wrapped_pdf(pages: Sequence[str]) -> bytes:
    """One page per text in Helvetica, each line wrapped to the width between the margins."""
    return _pdf([_wrapped(text, A4[0] - 2 * MARGIN) for text in pages], BUILTIN, leading=6 * mm)


def _wrapped(text: str, width: float) -> list[str]:
    """The lines of ``text`` wrapped to ``width``; empty ones stay, as gaps."""
    return [
        part
        for line in text.split("\n")
        for part in simpleSplit(line, BUILTIN, SIZE, width) or [""]
    ]


def _pdf(pages: Sequence[Sequence[str]], font: str, leading: float) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for lines in pages:
        text = canvas.beginText(MARGIN, A4[1] - MARGIN - leading)
        text.setFont(font, SIZE, leading)
        text.textLines(list(lines))
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
