"""Active content is removed from the delivered copy of a PDF; the original is untouched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pikepdf
from activepdf import PROGRAM, armed_pdf
from pypdf import PdfReader
from textpdf import wrapped_pdf

from semantha.delivering.activecontent import without_active_content

LETTER = "Stadt Musterstadt\nAn: Amt 63 - Baurechtsamt\n\nBetreff: Bauantrag Gartenhaus"


def test_every_kind_of_active_content_is_removed_and_named(tmp_path: Path) -> None:
    source = tmp_path / "brief.pdf"
    source.write_bytes(armed_pdf(wrapped_pdf([LETTER])))
    before = source.read_bytes()
    cleaned = without_active_content(source)
    assert cleaned is not None
    data, removed = cleaned
    assert removed == (
        "/A /Launch",
        "/AA",
        "/Annots /FileAttachment",
        "/Names /EmbeddedFiles",
        "/Names /JavaScript",
        "/OpenAction /JavaScript",
    )
    assert source.read_bytes() == before, "the original is never changed"
    assert b"app.alert" not in data and PROGRAM not in data and b"cmd.exe" not in data
    delivered = tmp_path / "delivered.pdf"
    delivered.write_bytes(data)
    with pikepdf.open(delivered) as pdf:
        assert "/OpenAction" not in pdf.Root
        assert not set(pdf.Root.get("/Names", {}).keys()) & {"/JavaScript", "/EmbeddedFiles"}
        (link,) = pdf.pages[0].obj.Annots  # the link stays, without its action
        assert link.Subtype == "/Link" and "/A" not in link
    # The letter itself is intact: its text layer reads as before.
    assert "Bauantrag Gartenhaus" in PdfReader(delivered).pages[0].extract_text()
    assert without_active_content(delivered) is None


def test_a_clean_pdf_is_delivered_as_it_is(tmp_path: Path) -> None:
    source = tmp_path / "brief.pdf"
    source.write_bytes(wrapped_pdf([LETTER]))
    assert without_active_content(source) is None


def test_the_cleaned_copy_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    # A retry after a crash must recognise what it delivered before.
    source = tmp_path / "brief.pdf"
    source.write_bytes(armed_pdf(wrapped_pdf([LETTER])))
    first, second = without_active_content(source), without_active_content(source)
    assert first is not None and second is not None
    assert hashlib.sha256(first[0]).digest() == hashlib.sha256(second[0]).digest()
    assert json.dumps(first[1]) == json.dumps(second[1])
