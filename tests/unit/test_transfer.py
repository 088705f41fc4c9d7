"""The transfer note: scan facts read from real files, completeness, and the sidecar's note."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import img2pdf
from PIL import Image

from semantha.delivering import transfer
from semantha.delivering.transfer import Completeness, ScanPage, scan_pages
from semantha.fsutil import file_sha256
from semantha.records import Document, Page, Reading

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def document(source: Path, *pages: Page) -> Document:
    return Document(file_sha256(source), source, datetime(2026, 3, 4, tzinfo=UTC), pages)


def test_a_bitonal_tiff_and_a_gray_pdf_are_told_apart_with_their_resolution(
    tmp_path: Path,
) -> None:
    tiff = tmp_path / "fax.tiff"
    Image.new("1", (1240, 1754), 1).save(tiff, compression="group4", dpi=(150, 150))
    gray = io.BytesIO()
    Image.new("L", (2480, 3508), 255).save(gray, format="PNG", dpi=(300, 300))
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(img2pdf.convert(gray.getvalue()))
    assert scan_pages(tiff) == (ScanPage(150, "bitonal"),)
    assert scan_pages(pdf) == (ScanPage(300, "gray"),)
    assert scan_pages(SAMPLES / "005-21-antrag-named.jpg")[0].colour in ("colour", "gray")
    assert [p.colour for p in scan_pages(SAMPLES / "009-33-sonstiges-named-digital.pdf")] == [
        "none"
    ]


def test_an_unreadable_scan_gives_no_facts_rather_than_no_note(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage")
    assert scan_pages(broken) == ()
    note = transfer.note(document(broken, Page(0, None, 300)))
    assert note["resolution_dpi"] == [] and note["checks"]["completeness"]["complete"] is None


def test_completeness_counts_content_blank_pages_and_sheets() -> None:
    assert Completeness(3, 2, 1).complete is True
    assert Completeness(3, 2, 0).complete is False  # a page went missing
    # a stack of 10 pages: two letters of 3 and 4 pages, one blank back, two separator sheets
    assert Completeness(10, 3 + 4, 1, separator_sheets=2).complete is True


def test_a_document_missing_a_page_of_its_file_is_noted_incomplete(tmp_path: Path) -> None:
    tiff = tmp_path / "two.tiff"
    first, second = Image.new("L", (800, 1100), 255), Image.new("L", (800, 1100), 255)
    first.save(tiff, save_all=True, append_images=[second], dpi=(200, 200))
    read = Page(0, None, 200, reading=Reading.OCR, confidence=88.0, quarter_turns=2)
    note = transfer.note(document(tiff, read))
    assert note["checks"]["completeness"] == {
        "pages_in_scan": 2,
        "content_pages": 1,
        "blank_pages": 0,
        "separator_sheets": 0,
        "complete": False,
    }
    blank = Page(1, None, 200, blank=True)
    whole = transfer.note(document(tiff, read, blank))
    checks = whole["checks"]
    assert checks["completeness"]["complete"] is True
    assert checks["blank_pages"] == {"found": 1, "removed": 0}
    assert checks["orientation"] == {
        "pages_checked": 1,
        "pages_turned": 1,
        "quarter_turns": [2, None],
    }
    assert checks["ocr"] == {"pages": 1, "mean_confidence": 88.0}
    assert whole["resolution_dpi"] == [200] and whole["colour_modes"] == ["gray"]
    json.dumps(whole)  # the note goes into JSON files as it is
