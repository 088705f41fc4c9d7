"""Born-digital test letters: one-page PDFs with a real text layer (no OCR needed)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def text_pdf(path: Path, lines: list[str]) -> Path:
    """Write ``lines`` one below the other in DejaVu Sans (umlauts and ß included)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=11)
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path
