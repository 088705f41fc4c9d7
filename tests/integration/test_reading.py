"""Files on disk through load -> preprocess -> OCR, composed as the pipeline does it."""

from __future__ import annotations

import functools
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import img2pdf
import pytest
from letterpages import (
    FONTS,
    LETTERS,
    blank_back,
    degrade,
    render_letter,
    render_receipt,
    rotate,
    truth_text,
)
from PIL import Image

from semantha.config import OcrSettings, PreprocessSettings
from semantha.reading import extract, imaging, load, ocr
from semantha.records import GrayImage, Page
from semantha.tools.textmetrics import cer, cer_unordered

pytestmark = pytest.mark.integration


def _read(path: Path) -> list[Page]:
    settings = OcrSettings()
    return [
        ocr.recognise(
            imaging.preprocess(page, PreprocessSettings(), ocr.detect_orientation), settings
        )
        for page in load.load_pages(path, settings.dpi)
    ]


def _png(image: GrayImage) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG", dpi=(300, 300))
    return buffer.getvalue()


@pytest.mark.slow
def test_turned_degraded_letter_in_a_pdf_is_read(tmp_path: Path) -> None:
    letter = LETTERS[1]
    scan = rotate(degrade(render_letter(letter, FONTS[1]), seed=4, skew_deg=-1.8), 180)
    path = tmp_path / "eingang.pdf"
    path.write_bytes(img2pdf.convert(_png(scan)))
    (page,) = _read(path)
    assert page.quarter_turns == 2 and "rotate:180" in page.ops
    assert page.deskew_deg and f"deskew:{page.deskew_deg:.2f}" in page.ops
    assert cer(truth_text(letter), page.text) <= 0.03
    assert "Öztürk" in page.text and page.image is None


CHECKED = functools.partial(ocr.strip_legibility, settings=OcrSettings())


def test_an_upright_receipt_that_reads_well_is_never_turned() -> None:
    receipt = Page(0, render_receipt(), 300)
    # Its monospaced columns make the page alone look like lines running down the page.
    alone = imaging.preprocess(receipt, PreprocessSettings(), ocr.detect_orientation)
    assert alone.quarter_turns != 0
    checked = imaging.preprocess(receipt, PreprocessSettings(), ocr.detect_orientation, CHECKED)
    assert checked.quarter_turns == 0 and not any(op.startswith("rotate") for op in checked.ops)


@pytest.mark.parametrize("turned_ccw", [90, 180, 270])
def test_a_turned_receipt_is_turned_upright(turned_ccw: int) -> None:
    receipt = Page(0, rotate(render_receipt(), turned_ccw), 300)
    page = imaging.preprocess(receipt, PreprocessSettings(), ocr.detect_orientation, CHECKED)
    assert page.quarter_turns == turned_ccw // 90
    assert "Vielen Dank" in ocr.recognise(page, OcrSettings()).text


@pytest.mark.slow
def test_duplex_tiff_keeps_the_blank_back(tmp_path: Path) -> None:
    front = render_letter(LETTERS[0], FONTS[3])
    sideways = rotate(front, 90)
    frames = [Image.fromarray(image) for image in (sideways, blank_back(1), front)]
    path = tmp_path / "duplex.tif"
    frames[0].save(
        path, save_all=True, append_images=frames[1:], compression="tiff_lzw", dpi=(300, 300)
    )
    pages = _read(path)
    assert [p.blank for p in pages] == [False, True, False]
    assert [p.quarter_turns for p in pages] == [1, 0, 0] and "rotate:90" in pages[0].ops
    assert pages[1].text == "" and pages[1].ops == ("blank",)
    for page in (pages[0], pages[2]):
        assert cer(truth_text(LETTERS[0]), page.text) <= 0.01
    assert all(p.image is None for p in pages)


@pytest.mark.slow
def test_generated_scans_are_turned_upright_and_blank_backs_found(tmp_path: Path) -> None:
    """Cross-check with `semantha samples`: its truth says how each page was turned."""
    out = tmp_path / "samples"
    options = ["--count", "8", "--seed", "21", "--formats", "pdf,tiff,jpeg,png", "--workers", "1"]
    subprocess.run(
        [sys.executable, "-m", "semantha", "samples", "--out", str(out), *options],
        check=True,
        timeout=600,
        capture_output=True,
    )
    checked = 0
    for line in (out / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        for page in load.load_pages(out / truth["file"], 300):
            cleaned = imaging.preprocess(page, PreprocessSettings(), ocr.detect_orientation)
            assert cleaned.blank == (page.index in truth["blank_pages"]), truth["file"]
            if cleaned.blank:
                continue
            # The generator records how far the page was turned clockwise; turning it
            # back is the rest of the full circle.
            expected = (360 - truth["rotation"][page.index]) % 360
            assert cleaned.quarter_turns * 90 == expected, (truth["file"], cleaned.ops)
            checked += 1
    assert checked >= 8


SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _sample_read_both_ways(name: str, step: str) -> tuple[dict[str, Any], Page, Page]:
    """A shipped one-page sample's truth, and its page read with ``step`` on and off."""
    lines = (SAMPLES / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    record = next(row for row in map(json.loads, lines) if row["file"] == name)
    (page,) = load.load_pages(SAMPLES / name, 300)
    on, off = (
        ocr.recognise(
            imaging.preprocess(page, PreprocessSettings(**{step: enabled}), ocr.detect_orientation),
            OcrSettings(),
        )
        for enabled in (True, False)
    )
    return record, on, off


def test_a_stamp_is_read_apart_and_the_page_reads_better_for_it() -> None:
    # a gray scan, its stamp tilted by 22° over the address
    record, apart, left_on = _sample_read_both_ways("035-none-private.jpg", "stamps")
    (stamp,) = [d for d in record["defects"][0] if d["name"] == "stamp"]
    assert "stamp" in apart.ops and "stamp" not in left_on.ops
    assert apart.stamp_image is None and left_on.stamp_text == ""
    assert cer(stamp["text"].replace(" / ", "\n"), apart.stamp_text) <= 0.1
    assert "EINGANG" not in apart.text  # erased from the page, read only once
    truth = record["page_texts"][0]
    assert cer_unordered(truth, apart.full_text) < cer_unordered(truth, left_on.full_text)
    # the stamp's date is when the city got the letter, not when it was written
    assert extract.extract_fields([apart]).get("date") == record["fields"]["date"]


def test_tick_boxes_are_erased_and_the_routing_line_reads_as_printed() -> None:
    # a memo: "☐ zur Kenntnis ☐ zur Erledigung ..."
    record, erased, left_on = _sample_read_both_ways(
        "001-10-hausmitteilung-named.pdf", "checkboxes"
    )
    routing = next(line for line in record["page_texts"][0].splitlines() if "Kenntnis" in line)
    assert "checkboxes:4" in erased.ops and not any("checkboxes" in op for op in left_on.ops)
    assert routing in erased.text.splitlines() and routing not in left_on.text.splitlines()
    truth = record["page_texts"][0]
    assert cer_unordered(truth, erased.text) < cer_unordered(truth, left_on.text)
