"""Searchable PDFs from words already read: real PDFs, TIFFs, JPEGs and PNGs, checked with poppler.

The pages here carry words whose boxes are known because the test drew them; no OCR
runs. Positions are checked with ``pdftotext -bbox``, which applies the page's
``/Rotate`` itself: on a page turned upright, its boxes must be the words' boxes in
the upright (preprocessed) image.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import math
import re
import subprocess
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

import img2pdf
import numpy as np
import pypdf
import pytest
from PIL import Image, ImageDraw, ImageFont
from textpdf import text_pdf

from semantha.config import Paths
from semantha.deciding import route
from semantha.delivering import deliver, searchable
from semantha.delivering.searchable import searchable_pdf
from semantha.errors import DeliveryError, EnvironmentCheckError
from semantha.records import (
    SEARCHABLE_PDF,
    Action,
    Decision,
    Document,
    Page,
    Plan,
    Reading,
    Word,
    frozen_map,
)
from semantha.rulefiles.lint import check_rules
from semantha.rulefiles.ruleset import RuleSet
from semantha.rulefiles.store import load_ruleset

DPI = 150
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PT = 72 / DPI
LINES = (
    ("Stadt Musterstadt Baurechtsamt", 150, 160),
    ("Aktenzeichen 63-602.14/2025", 150, 260),
    ("Größe Bürger Straße Gebühr 245,00 €", 150, 360),
    ("Öffentliche Bekanntmachung über Änderungen", 150, 900),
)


# --------------------------------------------------------------------------- fixtures


def upright_page() -> tuple[Image.Image, tuple[Word, ...], list[tuple[int, int, int, int]]]:
    """An A4 page at 150 dpi with the LINES drawn, each word with its drawn box, and where
    each word's text should be found: its own left and right, its line's top and bottom."""
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 32)
    words: list[Word] = []
    edges: list[tuple[int, int, int, int]] = []
    for line, x, y in LINES:
        boxes: list[tuple[int, ...]] = []
        for text in line.split():
            box = tuple(round(v) for v in draw.textbbox((x, y), text, font=font))
            draw.text((x, y), text, font=font, fill=0)
            words.append(Word(text, 93.0, (box[0], box[1], box[2] - box[0], box[3] - box[1])))
            boxes.append(box)
            x = box[2] + 20
        top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
        edges += [(b[0], top, b[2], bottom) for b in boxes]
    return image, tuple(words), edges


def read_page(
    index: int,
    image: Image.Image,
    words: tuple[Word, ...],
    quarter_turns: int = 0,
    deskew_deg: float = 0.0,
) -> Page:
    """The page as the pipeline hands it on: read, image dropped, size kept."""
    return Page(
        index,
        None,
        DPI,
        size=image.size,
        quarter_turns=quarter_turns,
        deskew_deg=deskew_deg,
        text=" ".join(w.text for w in words),
        confidence=93.0,
        words=words,
        reading=Reading.OCR,
    )


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(DPI, DPI))
    return buffer.getvalue()


def image_pdf(path: Path, images: Sequence[Image.Image], rotate: int = 0) -> Path:
    data = img2pdf.convert([png_bytes(i) for i in images])
    if rotate:
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
        for page in writer.pages:
            page.rotate(rotate)
        buffer = io.BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
    path.write_bytes(data)
    return path


def turned_back(image: Image.Image, quarter_turns: int) -> Image.Image:
    """The scan as it came: the upright image turned back by ``quarter_turns`` clockwise turns."""
    return image.rotate(90 * quarter_turns, expand=True)  # PIL turns counter-clockwise


# --------------------------------------------------------------------------- poppler


def pdftotext_words(pdf: bytes, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', xml
    )
    return [(unescape(t), float(a), float(b), float(c), float(d)) for a, b, c, d, t in found]


def pdftotext(pdf: bytes) -> str:
    run = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return run.stdout.decode("utf-8")


def assert_boxes_at(
    pdf: bytes,
    words: Sequence[Word],
    expected_px: Sequence[tuple[float, float, float, float]],
    page: int = 1,
    tolerance_pt: float = 1.0,
) -> None:
    """Each word is found by pdftotext as one word, at its expected box (pixels, y down)."""
    found = pdftotext_words(pdf, page)
    assert len(found) == len(words)
    for word, (left, top, right, bottom) in zip(words, expected_px, strict=True):
        same = [f for f in found if f[0] == word.text]
        assert same, f"{word.text!r} not in the text layer"
        best = min(same, key=lambda f: abs(f[1] - left * PT) + abs(f[2] - top * PT))
        for got, want in zip(best[1:], (left, top, right, bottom), strict=True):
            assert got == pytest.approx(want * PT, abs=tolerance_pt), word.text


def image_streams(pdf: bytes) -> list[tuple[str, bytes]]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    streams = []
    for page in reader.pages:
        for xobject in page["/Resources"]["/XObject"].values():  # type: ignore[index]
            obj = xobject.get_object()
            kind = obj["/Filter"]
            streams.append((str(kind[0] if isinstance(kind, list) else kind), obj._data))
    return streams


# --------------------------------------------------------------------------- tests


def test_words_are_invisible_text_at_their_boxes(tmp_path: Path) -> None:
    image, words, edges = upright_page()
    pdf = searchable_pdf(image_pdf(tmp_path / "scan.pdf", [image]), [read_page(0, image, words)])
    assert_boxes_at(pdf, words, edges)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    content = page.get_contents()
    assert content is not None and b"3 Tr" in content.get_data()


def test_umlauts_sharp_s_and_euro_survive_search_and_copy(tmp_path: Path) -> None:
    image, words, _edges = upright_page()
    pdf = searchable_pdf(image_pdf(tmp_path / "scan.pdf", [image]), [read_page(0, image, words)])
    text = pdftotext(pdf)
    for line, _, _ in LINES:
        assert line in text


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_a_turned_scan_shows_upright_with_its_text_in_place(tmp_path: Path, turns: int) -> None:
    image, words, edges = upright_page()
    scan = image_pdf(tmp_path / "scan.pdf", [turned_back(image, turns)])
    page = read_page(0, image, words, quarter_turns=turns)
    pdf = searchable_pdf(scan, [page])
    out = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert out.rotation == 90 * turns
    # pdftotext shows the page as a viewer does: the words stand where they stand upright
    assert_boxes_at(pdf, words, edges)


@pytest.mark.parametrize("own_rotate", [90, 180, 270])
def test_a_pdf_page_with_its_own_rotate_keeps_it(tmp_path: Path, own_rotate: int) -> None:
    image, words, edges = upright_page()
    # stored turned back, displayed upright by the page's /Rotate: the image load renders
    scan = image_pdf(tmp_path / "scan.pdf", [turned_back(image, own_rotate // 90)], own_rotate)
    pdf = searchable_pdf(scan, [read_page(0, image, words)])
    assert pypdf.PdfReader(io.BytesIO(pdf)).pages[0].rotation == own_rotate
    assert_boxes_at(pdf, words, edges)


def test_own_rotate_and_a_turn_add_up(tmp_path: Path) -> None:
    image, words, edges = upright_page()
    scan = image_pdf(tmp_path / "scan.pdf", [turned_back(image, 3)], rotate=90)  # shown sideways
    page = read_page(0, image, words, quarter_turns=2)
    pdf = searchable_pdf(scan, [page])
    assert pypdf.PdfReader(io.BytesIO(pdf)).pages[0].rotation == 270
    assert_boxes_at(pdf, words, edges)


@pytest.mark.parametrize("degrees", [2.5, -1.5])
def test_deskewed_words_sit_on_the_skewed_ink(tmp_path: Path, degrees: float) -> None:
    image, words, edges = upright_page()
    # the scan is skewed clockwise by `degrees`; preprocess turned it back counter-clockwise
    skewed = image.rotate(-degrees, resample=Image.Resampling.BILINEAR, fillcolor=255)
    page = read_page(0, image, words, deskew_deg=degrees)
    pdf = searchable_pdf(image_pdf(tmp_path / "scan.pdf", [skewed]), [page])
    found = pdftotext_words(pdf)
    assert sorted(f[0] for f in found) == sorted(w.text for w in words)
    theta = math.radians(-degrees)  # where the skew took each word's centre
    cx, cy = image.width / 2, image.height / 2
    for word, (left, top, right, bottom) in zip(words, edges, strict=True):
        width = right - left
        x, y = (left + right) / 2 - cx, (top + bottom) / 2 - cy
        want = (
            cx + x * math.cos(theta) + y * math.sin(theta),
            cy - x * math.sin(theta) + y * math.cos(theta),
        )
        got = next(f for f in found if f[0] == word.text)
        assert (got[1] + got[3]) / 2 == pytest.approx(want[0] * PT, abs=1.0)
        assert (got[2] + got[4]) / 2 == pytest.approx(want[1] * PT, abs=1.0)
        # level and as long as the word: extractors keep it whole
        assert got[3] - got[1] == pytest.approx(width * PT, abs=1.0)


def test_pdf_pages_and_image_streams_are_unchanged(tmp_path: Path) -> None:
    image, words, _edges = upright_page()
    scan = image_pdf(tmp_path / "scan.pdf", [image, turned_back(image, 2)])
    pages = [read_page(0, image, words), read_page(1, image, words, quarter_turns=2)]
    pdf = searchable_pdf(scan, pages)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 2
    assert image_streams(pdf) == image_streams(scan.read_bytes())


def test_multipage_g4_tiff_stays_g4_and_lossless(tmp_path: Path) -> None:
    image, words, edges = upright_page()
    bitonal = [image.convert("1"), turned_back(image, 2).convert("1")]
    tiff = tmp_path / "fax.tiff"
    bitonal[0].save(
        tiff, "TIFF", compression="group4", save_all=True, append_images=bitonal[1:], dpi=(DPI, DPI)
    )
    pages = [read_page(0, image, words), read_page(1, image, words, quarter_turns=2)]
    pdf = searchable_pdf(tiff, pages)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert [f for f, _ in image_streams(pdf)] == ["/CCITTFaxDecode"] * 2
    for page, original in zip(reader.pages, bitonal, strict=True):
        decoded = page.images[0].image
        assert decoded is not None
        assert decoded.convert("1").tobytes() == original.tobytes()
    # the page is A4 at the scan's resolution, and the turned page shows upright
    assert float(reader.pages[0].mediabox.width) == pytest.approx(1240 * PT, abs=0.1)
    assert reader.pages[1].rotation == 180
    assert_boxes_at(pdf, words, edges, page=2)


def test_jpeg_is_embedded_as_is(tmp_path: Path) -> None:
    image, words, edges = upright_page()
    jpeg = tmp_path / "photo.jpg"
    image.save(jpeg, "JPEG", quality=80, dpi=(DPI, DPI))
    pdf = searchable_pdf(jpeg, [read_page(0, image, words)])
    [(kind, data)] = image_streams(pdf)
    assert kind == "/DCTDecode" and data == jpeg.read_bytes()
    assert_boxes_at(pdf, words, edges)


def test_png_without_resolution_is_sized_at_the_dpi_it_was_read_with(tmp_path: Path) -> None:
    image, words, edges = upright_page()
    png = tmp_path / "scan.png"
    image.save(png, "PNG")  # no pHYs: load assumed the configured dpi
    pdf = searchable_pdf(png, [read_page(0, image, words)])
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((1240 * PT, 1754 * PT), abs=0.1)
    assert_boxes_at(pdf, words, edges)


def test_blank_and_text_layer_pages_are_kept_without_new_text(tmp_path: Path) -> None:
    born_digital = text_pdf(
        tmp_path / "digital.pdf", ["Widerspruch gegen den Bescheid vom 3. März"]
    )
    page = Page(0, None, 300, (2480, 3508), text="Widerspruch", reading=Reading.TEXT_LAYER)
    pdf = searchable_pdf(born_digital, [page])
    before = pypdf.PdfReader(born_digital).pages[0].get_contents()
    after = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].get_contents()
    assert before is not None and after is not None
    assert after.get_data() == before.get_data()
    assert pdftotext(pdf).split() == pdftotext(born_digital.read_bytes()).split()

    image, words, _edges = upright_page()
    blank = Image.new("L", image.size, 255)
    scan = image_pdf(tmp_path / "duplex.pdf", [image, blank])
    back = Page(1, None, DPI, blank.size, ops=("blank",), blank=True)
    pdf = searchable_pdf(scan, [read_page(0, image, words), back])
    assert pdftotext_words(pdf, page=2) == []
    assert len(pdftotext_words(pdf, page=1)) == len(words)


@pytest.mark.parametrize("reading", [Reading.HEADER, Reading.UNREAD])
def test_pages_not_read_in_full_are_refused(tmp_path: Path, reading: Reading) -> None:
    image, words, _edges = upright_page()
    scan = image_pdf(tmp_path / "scan.pdf", [image, image])
    header = replace(read_page(0, image, words), reading=reading)
    with pytest.raises(DeliveryError) as raised:
        searchable_pdf(scan, [header, read_page(1, image, words)])
    assert "page(s) [1]" in raised.value.message and "needs_full_text" in raised.value.hint


def test_a_page_count_that_does_not_match_the_scan_is_refused(tmp_path: Path) -> None:
    image, words, _edges = upright_page()
    scan = image_pdf(tmp_path / "scan.pdf", [image, image])
    with pytest.raises(DeliveryError, match="2 pages, 1 were read"):
        searchable_pdf(scan, [read_page(0, image, words)])
    with pytest.raises(DeliveryError, match="whole document"):
        searchable_pdf(scan, [read_page(1, image, words), read_page(2, image, words)])


def test_a_scan_that_cannot_be_wrapped_losslessly_is_refused(tmp_path: Path) -> None:
    image, words, _ = upright_page()
    deep = tmp_path / "scan16.tiff"
    Image.fromarray(np.asarray(image, dtype=np.uint16) * 257).save(deep, "TIFF")  # 16 bits
    with pytest.raises(DeliveryError, match="without loss") as raised:
        searchable_pdf(deep, [read_page(0, image, words)])
    assert "searchable_pdf" in raised.value.hint


def test_missing_font_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    image, words, _edges = upright_page()
    scan = image_pdf(tmp_path / "scan.pdf", [image])
    monkeypatch.setattr(searchable, "FONT_PATH", tmp_path / "gone.ttf")
    searchable._font.cache_clear()
    try:
        with pytest.raises(EnvironmentCheckError) as raised:
            searchable_pdf(scan, [read_page(0, image, words)])
    finally:
        searchable._font.cache_clear()
    assert "fonts-dejavu-core" in raised.value.hint


def test_the_same_pages_give_the_same_bytes(tmp_path: Path) -> None:
    # a redelivery is recognised by identical bytes
    image, words, _edges = upright_page()
    scan = image_pdf(tmp_path / "scan.pdf", [image])
    pages = [read_page(0, image, words, deskew_deg=0.80)]
    assert searchable_pdf(scan, pages) == searchable_pdf(scan, pages)
    fax = tmp_path / "fax.tiff"
    image.convert("1").save(fax, "TIFF", compression="group4", dpi=(DPI, DPI))
    # no clock in the bytes: a retry a second later must find its own file
    assert b"/CreationDate" not in searchable_pdf(fax, pages)


def test_searchable_never_reads_text_itself() -> None:
    # the text layer comes from the pipeline's one OCR pass, never from a second one
    tree = ast.parse(Path(searchable.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {
        f"{node.module}.{alias.name}" if node.module else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert not {n for n in imported if re.search(r"ocr|tess|pdf2image|cv2", n)}


def test_plan_needs_full_text_only_for_a_searchable_pdf() -> None:
    plain = Action("deliver", "63/Antrag/a.pdf")
    searchable_copy = Action("copy", "20/a.pdf", frozen_map({SEARCHABLE_PDF: "true"}))
    assert not Plan("r", (plain, Action("review", "", frozen_map({"reason": "x"})))).needs_full_text
    assert Plan("r", (plain, searchable_copy)).needs_full_text
    assert not Plan("r", ()).needs_full_text


# --------------------------------------------------------------------------- route and delivery

DEPARTMENTS = """\
doctypes: [Antrag, Rechnung, Sonstiges]
undecided_doctype: Sonstiges
departments:
  - {id: "63", name: Baurechtsamt}
"""
ROUTES = """\
routes:
  - id: invoices
    when: {doctype: Rechnung}
    continue: true
    actions:
      - copy: {folder: "Rechnungen", name: "{sha}.{ext}", searchable_pdf: true}
  - id: deliver
    actions:
      - deliver: {folder: "{department_folder}", name: "{date}_{aktenzeichen|sha}.{ext}"}
"""
RECEIVED = datetime(2025, 11, 14, 8, 30, 5, tzinfo=UTC)


def ruleset(tmp_path: Path) -> RuleSet:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "departments.yaml").write_text(DEPARTMENTS, encoding="utf-8")
    (rules / "classes.yaml").write_text("rules:\n", encoding="utf-8")
    (rules / "routes.yaml").write_text(ROUTES, encoding="utf-8")
    return load_ruleset(rules)


def scanned_document(tmp_path: Path, pages: Sequence[Page] | None = None) -> Document:
    image, words, _ = upright_page()
    fax = tmp_path / "inbox" / "fax 0001.tiff"
    fax.parent.mkdir(parents=True, exist_ok=True)
    image.convert("1").save(fax, "TIFF", compression="group4", dpi=(DPI, DPI))
    read = tuple(pages) if pages is not None else (read_page(0, image, words),)
    sha = hashlib.sha256(fax.read_bytes()).hexdigest()
    return Document(sha, fax, RECEIVED, read, frozen_map({"aktenzeichen": "63-602.14/2025"}))


def dms_paths(tmp_path: Path) -> Paths:
    root = tmp_path / "srv"
    paths = Paths(
        inbox=tmp_path / "inbox",
        work=root / "work",
        dms_root=root / "dms",
        review=root / "review",
        quarantine=root / "quarantine",
        archive=root / "archive",
    )
    paths.dms_root.mkdir(parents=True)
    return paths


def test_a_searchable_route_names_a_pdf_and_asks_for_full_text(tmp_path: Path) -> None:
    rules, document = ruleset(tmp_path), scanned_document(tmp_path)
    invoice = Decision("63", "Rechnung", 0.95, "rule")
    plan = route.plan(document, invoice, rules)
    copy, deliver_action = plan.actions
    assert copy.target == f"Rechnungen/{document.id[:12]}.pdf"
    assert copy.params[SEARCHABLE_PDF] == "true"
    # the plain delivery keeps the scan's own format
    assert deliver_action.target.endswith(".tiff") and SEARCHABLE_PDF not in deliver_action.params
    assert plan.needs_full_text
    assert not route.plan(document, Decision("63", "Antrag", 0.95, "rule"), rules).needs_full_text


def test_the_route_option_is_checked_like_every_other_key(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "departments.yaml").write_text(DEPARTMENTS, encoding="utf-8")
    (rules / "classes.yaml").write_text("rules:\n", encoding="utf-8")
    bad = ROUTES.replace("searchable_pdf: true", "searchable_pdf: perhaps")
    (rules / "routes.yaml").write_text(bad, encoding="utf-8")
    problems = check_rules(rules).errors
    assert problems[0].line == 6
    assert "searchable_pdf" in str(problems[0]) and "boolean" in str(problems[0])


def test_searchable_delivery_writes_a_pdf_and_its_sidecar(tmp_path: Path) -> None:
    paths, document = dms_paths(tmp_path), scanned_document(tmp_path)
    action = Action("deliver", "63-Baurechtsamt/Antrag/2025-03-04_63-602.14-2025.pdf")
    searchable_action = replace(action, params=frozen_map({SEARCHABLE_PDF: "true"}))
    decision = Decision("63", "Antrag", 0.95, "rule")
    [delivery] = deliver.execute(Plan("r", (searchable_action,)), document, paths, None, decision)
    assert delivery.ok and delivery.destination is not None
    dest = delivery.destination
    assert dest.name == "2025-03-04_63-602.14-2025.pdf"
    assert sorted(p.name for p in dest.parent.iterdir()) == [dest.name, dest.name + ".json"]
    sidecar = json.loads(deliver.sidecar_path(dest).read_text(encoding="utf-8"))
    assert sidecar["file"] == dest.name and sidecar["source_file"] == "fax 0001.tiff"
    assert sidecar["sha256"] == document.id and sidecar["pages"] == 1
    assert "Aktenzeichen 63-602.14/2025" in pdftotext(dest.read_bytes())
    assert image_streams(dest.read_bytes())[0][0] == "/CCITTFaxDecode"
    # an office returning the PDF is known by the PDF's hash, not the scan's
    assert delivery.sha256 == hashlib.sha256(dest.read_bytes()).hexdigest() != document.id
    # a retry finds its own PDF; a different file under the name gets a new name
    [again] = deliver.execute(Plan("r", (searchable_action,)), document, paths, None, decision)
    assert again.destination == dest and again.detail == "already delivered"
    assert again.sha256 == delivery.sha256
    dest.write_bytes(b"%PDF-1.4 someone else's file\n%%EOF\n")
    [other] = deliver.execute(Plan("r", (searchable_action,)), document, paths, None, decision)
    assert other.destination == dest.with_name("2025-03-04_63-602.14-2025 (2).pdf")


def test_a_target_folder_gets_the_scan_name_with_pdf(tmp_path: Path) -> None:
    paths, document = dms_paths(tmp_path), scanned_document(tmp_path)
    action = Action("copy", "Rechnungen", frozen_map({SEARCHABLE_PDF: "true"}))
    decision = Decision("63", "Rechnung", 0.95, "rule")
    [delivery] = deliver.execute(Plan("r", (action,)), document, paths, None, decision)
    assert delivery.destination == paths.dms_root.resolve() / "Rechnungen" / "fax 0001.pdf"


def test_a_half_read_document_is_not_delivered_searchable(tmp_path: Path) -> None:
    paths = dms_paths(tmp_path)
    image, words, _ = upright_page()
    header = replace(read_page(0, image, words), reading=Reading.HEADER)
    document = scanned_document(tmp_path, [header])
    action = Action("deliver", "63/a.pdf", frozen_map({SEARCHABLE_PDF: "true"}))
    with pytest.raises(DeliveryError):
        deliver.execute(
            Plan("r", (action,)), document, paths, None, Decision("63", None, 1, "rule")
        )
    assert [p for p in paths.dms_root.rglob("*") if p.is_file()] == []


def test_a_photo_turned_by_its_exif_tag_shows_as_it_was_read(tmp_path: Path) -> None:
    image, words, edges = upright_page()
    photo = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90 degrees clockwise to show
    turned_back(image, 1).save(photo, "JPEG", quality=90, dpi=(DPI, DPI), exif=exif)
    # load applies the tag: the page was read upright, with no turn of its own
    pdf = searchable_pdf(photo, [read_page(0, image, words)])
    assert pypdf.PdfReader(io.BytesIO(pdf)).pages[0].rotation == 90
    assert_boxes_at(pdf, words, edges)


def test_words_without_a_page_size_cannot_be_placed(tmp_path: Path) -> None:
    image, words, _ = upright_page()
    scan = image_pdf(tmp_path / "scan.pdf", [image])
    with pytest.raises(DeliveryError, match="no image size"):
        searchable_pdf(scan, [replace(read_page(0, image, words), size=(0, 0))])


def test_a_scan_gone_before_delivery_is_retried_not_quarantined(tmp_path: Path) -> None:
    image, words, _ = upright_page()
    gone = tmp_path / "scan.pdf"
    with pytest.raises(DeliveryError, match="could not be read again") as raised:
        searchable_pdf(gone, [read_page(0, image, words)])
    assert "retried" in raised.value.hint


def test_extractors_that_follow_the_content_stream_get_lines_with_spaces(tmp_path: Path) -> None:
    image, words, _ = upright_page()
    shuffled = tuple(sorted(words, key=lambda w: w.text))  # OCR order is no reading order
    scan = image_pdf(tmp_path / "scan.pdf", [image])
    pdf = searchable_pdf(scan, [read_page(0, image, shuffled, deskew_deg=1.20)])
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert [line.strip() for line in text.splitlines() if line.strip()] == [row[0] for row in LINES]


def test_words_of_one_line_share_its_height_and_lines_stay_apart() -> None:
    # "ein" is x-height tall, "Größe" reaches above the capitals, "Tag" below the baseline
    words = (
        Word("Tag", 90, (400, 108, 60, 40)),
        Word("ein", 90, (100, 110, 50, 22)),
        Word("Größe", 90, (200, 96, 120, 36)),
        Word("Zeile", 90, (100, 170, 90, 32)),
    )
    lines = searchable.text_lines(words)
    assert [[w.text for w in line.words] for line in lines] == [["ein", "Größe", "Tag"], ["Zeile"]]
    assert (lines[0].top, lines[0].bottom) == (96, 148)
    assert (lines[1].top, lines[1].bottom) == (170, 202)


def test_empty_and_zero_width_words_are_left_out(tmp_path: Path) -> None:
    image, words, edges = upright_page()
    odd = (Word("\u200b", 10, (600, 160, 20, 30)), Word("  ", 10, (700, 160, 20, 30)))
    scan = image_pdf(tmp_path / "scan.pdf", [image])
    pdf = searchable_pdf(scan, [read_page(0, image, words + odd)])
    assert_boxes_at(pdf, words, edges)


def render(pdf: bytes, dpi: int = 50) -> np.typing.NDArray[np.uint8]:
    png = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout
    return np.asarray(Image.open(io.BytesIO(png)), dtype=np.uint8)


def test_the_text_layer_shows_nothing(tmp_path: Path) -> None:
    image, words, _ = upright_page()
    scan = image_pdf(tmp_path / "scan.pdf", [image])
    pdf = searchable_pdf(scan, [read_page(0, image, words, deskew_deg=0.50)])
    assert pdftotext_words(pdf)  # the words are there, and they show nothing
    assert np.array_equal(render(pdf), render(scan.read_bytes()))


def test_a_pdf_with_only_an_owner_password_gets_its_text_layer(tmp_path: Path) -> None:
    image, words, edges = upright_page()
    plain = image_pdf(tmp_path / "plain.pdf", [image])
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(plain))
    writer.encrypt(user_password="", owner_password="scanner", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    writer.write(locked)
    pdf = searchable_pdf(locked, [read_page(0, image, words)])
    assert not pypdf.PdfReader(io.BytesIO(pdf)).is_encrypted
    assert_boxes_at(pdf, words, edges)
    assert image_streams(pdf) == image_streams(plain.read_bytes())
