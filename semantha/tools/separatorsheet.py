"""A printable separator sheet (``semantha separator-sheet``): one A4 page with a QR code
(segno), a Code 128 bar pattern carrying the same text, and a large "TRENNBLATT".

Both codes say the same, so a sheet whose QR code was smudged or folded is still found
by its bars. With a department the codes read ``SEMANTHA:DEPT=<id>`` and the documents
after the sheet go to that office; the sheet names the office in words for the clerk.
"""

from __future__ import annotations

import io
from pathlib import Path

import segno
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from semantha.fsutil import atomic_write_bytes
from semantha.reading.separation import code_text

QR_SIZE_MM = 70.0
BAR_HEIGHT_MM = 25.0
BAR_WIDTH_MM = 0.5  # the narrowest bar: 3 pixels at 150 dpi, enough for a noisy scan


def render(out: Path, department: str | None = None, office_name: str = "") -> str:
    """Write the sheet to ``out`` (atomically); returns the text its codes carry."""
    atomic_write_bytes(out, sheet_pdf(department, office_name))
    return code_text(department)


def sheet_pdf(department: str | None = None, office_name: str = "") -> bytes:
    """The sheet as PDF bytes."""
    text = code_text(department)
    width, height = A4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle("Semantha Trennblatt")
    canvas.setFont("Helvetica-Bold", 72)
    canvas.drawCentredString(width / 2, height - 60 * mm, "TRENNBLATT")
    canvas.setFont("Helvetica", 14)
    below = "Nicht entfernen: trennt die Dokumente des Stapels."
    canvas.drawCentredString(width / 2, height - 75 * mm, below)
    if department is not None:
        canvas.setFont("Helvetica-Bold", 28)
        label = f"Amt {department}" + (f" – {office_name}" if office_name else "")
        canvas.drawCentredString(width / 2, height - 95 * mm, label)
    _draw_qr(canvas, text, width / 2 - QR_SIZE_MM * mm / 2, 110 * mm)
    bars = Code128(text, barHeight=BAR_HEIGHT_MM * mm, barWidth=BAR_WIDTH_MM * mm, quiet=True)
    bars.drawOn(canvas, (width - bars.width) / 2, 60 * mm)
    canvas.setFont("Courier", 11)
    canvas.drawCentredString(width / 2, 52 * mm, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_qr(canvas: Canvas, text: str, x: float, y: float) -> None:
    """The QR code as filled squares: vector, sharp at any printer resolution."""
    qr = segno.make_qr(text, error="h")  # high error correction: staples, stamps, folds
    matrix = qr.matrix
    modules = len(matrix) + 8  # a quiet zone of four modules on each side
    cell = QR_SIZE_MM * mm / modules
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                left = x + (col_index + 4) * cell
                top = y + QR_SIZE_MM * mm - (row_index + 4) * cell
                canvas.rect(left, top - cell, cell, cell, stroke=0, fill=1)
