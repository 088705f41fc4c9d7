"""load.load_pages on real files of every supported kind and every way they break."""

from __future__ import annotations

import io
import struct
import subprocess
import tarfile
import zipfile
import zlib
from pathlib import Path

import img2pdf
import numpy as np
import pypdf
import pytest
from PIL import Image

from semantha.config import OcrSettings
from semantha.errors import EnvironmentCheckError, InputError
from semantha.filekind import sniff
from semantha.reading import load, ocr
from semantha.records import Page, Reading


def _gray_png_bytes(width: int = 600, height: int = 800, dpi: int | None = 300) -> bytes:
    image = np.full((height, width), 255, dtype=np.uint8)
    image[100:140, 50:550] = 0  # a bar of "ink" so pages are not all white
    buffer = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    Image.fromarray(image).save(buffer, format="PNG", **extra)
    return buffer.getvalue()


def _image_pdf(pages: int = 2) -> bytes:
    """A scan-like PDF: one full-page image per page, no text layer."""
    pngs = [_gray_png_bytes() for _ in range(pages)]
    data = img2pdf.convert(pngs)
    assert isinstance(data, bytes)
    return data


GS_PDF = ("gs", "-q", "-sDEVICE=pdfwrite", "-sPAPERSIZE=a4", "-dFIXEDMEDIA")


def _text_pdf(path: Path, lines: list[str]) -> Path:
    """A born-digital PDF whose page carries real text, written by ghostscript."""
    program = "/Helvetica findfont 12 scalefont setfont "
    for n, line in enumerate(lines):
        program += f"72 {720 - 16 * n} moveto ({line}) show "
    subprocess.run(
        [*GS_PDF, "-o", str(path), "-c", program + "showpage"],
        check=True,
        timeout=60,
    )
    return path


TEXT_LINES = [
    "Sehr geehrte Damen und Herren,",
    "hiermit beantrage ich die Genehmigung fuer den Anbau einer Garage.",
    "Mit freundlichen Gruessen",
]


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        list(load.load_pages(path, 300))
    assert caught.value.hint, "every InputError tells the operator what to do"
    return caught.value


def test_image_pdf_pages_are_rendered_gray_at_the_configured_dpi(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_image_pdf(pages=2))
    pages = list(load.load_pages(path, 150))
    assert [p.index for p in pages] == [0, 1]
    for page in pages:
        assert page.image is not None and page.image.ndim == 2 and page.image.dtype == np.uint8
        assert page.dpi == 150
        assert page.size == (page.image.shape[1], page.image.shape[0])
        # 600x800 px at 300 dpi is 2x2.67 inches: 300x400 px at 150 dpi.
        assert abs(page.size[0] - 300) <= 2 and abs(page.size[1] - 400) <= 2
        assert page.image.min() < 50 and page.reading is Reading.UNREAD


def test_pdf_pages_come_one_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_image_pdf(pages=3))
    pages = load.load_pages(path, 100)
    first = next(pages)
    assert first.index == 0 and first.image is not None
    assert [p.index for p in pages] == [1, 2]


def test_pdf_pages_can_start_later_and_are_counted_without_rendering(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_image_pdf(pages=3))
    assert load.page_count(path) == 3
    assert [p.index for p in load.load_pages(path, 100, start=1)] == [1, 2]
    assert list(load.load_pages(path, 100, start=3)) == []


def test_pdf_text_layer_is_used_and_not_ocred(tmp_path: Path) -> None:
    path = _text_pdf(tmp_path / "brief.pdf", TEXT_LINES)
    (page,) = load.load_pages(path, 300)
    assert page.reading is Reading.TEXT_LAYER and page.image is None
    assert "Genehmigung" in page.text and page.confidence == 100.0
    assert page.size == (2479, 3508)  # A4 (595 x 842 pt) at 300 dpi
    # OCR leaves such a page as it is: no image is needed and the text stays.
    assert ocr.recognise(page, OcrSettings()) is page


def test_a_page_to_look_at_has_its_image_even_with_a_text_layer(tmp_path: Path) -> None:
    path = _text_pdf(tmp_path / "brief.pdf", TEXT_LINES)
    page = load.page_image(path, 0, 100)
    assert page.image is not None and page.image.min() < 50  # the text, drawn
    assert abs(page.image.shape[0] - 1169) <= 1 and abs(page.image.shape[1] - 827) <= 1  # A4
    with pytest.raises(InputError):
        load.page_image(path, 1, 100)


def test_a_page_to_look_at_of_an_image_file_keeps_its_resolution(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(_gray_png_bytes(dpi=300))
    page = load.page_image(path, 0, 100)
    assert page.dpi == 300 and page.image is not None and page.image.shape == (800, 600)


def test_pdf_with_a_page_number_only_is_rendered_for_ocr(tmp_path: Path) -> None:
    path = _text_pdf(tmp_path / "fast-leer.pdf", ["Seite 2"])
    (page,) = load.load_pages(path, 100)
    assert page.reading is Reading.UNREAD and page.image is not None


def test_mixed_pdf_uses_text_layer_per_page(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter()
    for source in (
        pypdf.PdfReader(_text_pdf(tmp_path / "t.pdf", TEXT_LINES)),
        pypdf.PdfReader(io.BytesIO(_image_pdf(pages=1))),
    ):
        writer.append(source)
    path = tmp_path / "mixed.pdf"
    writer.write(path)
    pages = list(load.load_pages(path, 100))
    assert [p.reading for p in pages] == [Reading.TEXT_LAYER, Reading.UNREAD]
    assert pages[0].image is None and pages[1].image is not None


def test_type_comes_from_content_and_a_name_without_a_known_extension_claims_none(
    tmp_path: Path,
) -> None:
    pdf_named_dat = tmp_path / "scan.dat"
    pdf_named_dat.write_bytes(_image_pdf(pages=1))
    png_without_extension = tmp_path / "scan"
    png_without_extension.write_bytes(_gray_png_bytes())
    assert sniff(pdf_named_dat) == "pdf"
    assert sniff(png_without_extension) == "png"
    assert len(list(load.load_pages(pdf_named_dat, 100))) == 1
    assert len(list(load.load_pages(png_without_extension, 300))) == 1


def test_a_scan_named_as_another_kind_is_refused(tmp_path: Path) -> None:
    pdf_named_tif = tmp_path / "scan.TIF"
    pdf_named_tif.write_bytes(_image_pdf(pages=1))
    png_named_pdf = tmp_path / "scan.pdf"
    png_named_pdf.write_bytes(_gray_png_bytes())
    assert sniff(png_named_pdf) == "png"  # sniff alone still tells the content
    assert _error(pdf_named_tif).message == "scan.TIF: named .TIF but the content is PDF"
    assert _error(png_named_pdf).message == "scan.pdf: named .pdf but the content is PNG"
    with pytest.raises(InputError):
        load.page_count(png_named_pdf)


def test_an_archive_holding_a_pdf_is_refused_though_the_pdf_shows_in_its_first_kib(
    tmp_path: Path,
) -> None:
    # Stored (not deflated), the member's "%PDF-" header sits right after the ZIP's
    # local header, where a lenient search for a PDF header would find it.
    inner = _image_pdf(pages=1)
    archive = tmp_path / "brief.pdf"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as bundle:
        bundle.writestr("../../evil.pdf", inner)
    assert b"%PDF-" in archive.read_bytes()[:1024]
    assert "a ZIP archive" in _error(archive).message
    packed = tmp_path / "packed.pdf"
    with tarfile.open(packed, "w") as bundle:
        member = tarfile.TarInfo("brief.pdf")
        member.size = len(inner)
        bundle.addfile(member, io.BytesIO(inner))
    assert "a tar archive" in _error(packed).message


def test_html_renamed_to_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rechnung.pdf"
    path.write_text("<!DOCTYPE html><html><body>Ihre Rechnung</body></html>", encoding="utf-8")
    error = _error(path)
    assert "HTML" in error.message and "rechnung.pdf" in error.message


def test_unknown_binary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(range(256)) * 4)
    assert "unknown format" in _error(path).message


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"")
    assert "empty" in _error(path).message


def test_truncated_pdf(tmp_path: Path) -> None:
    data = _image_pdf(pages=2)
    path = tmp_path / "scan.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert "truncated" in _error(path).message


def test_encrypted_pdf_asks_to_remove_the_password(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(_image_pdf(pages=1))))
    writer.encrypt(user_password="geheim", owner_password="geheim", algorithm="AES-128")
    path = tmp_path / "scan.pdf"
    writer.write(path)
    error = _error(path)
    assert "password" in error.message
    assert error.hint == "remove the password and scan again"


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(_image_pdf(pages=1))))
    writer.encrypt(user_password="", owner_password="admin", algorithm="AES-128")
    path = tmp_path / "scan.pdf"
    writer.write(path)
    (page,) = load.load_pages(path, 100)
    assert page.image is not None


def test_pdf_without_pages(tmp_path: Path) -> None:
    path = tmp_path / "leer.pdf"
    pypdf.PdfWriter().write(path)
    assert "no pages" in _error(path).message


def test_pdf_with_a_giant_page_is_refused_before_rendering(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=14400, height=14400)  # 200 x 200 inches
    writer.add_page(writer.pages[0])
    path = tmp_path / "plakat.pdf"
    writer.write(path)
    assert "decompression bomb" in _error(path).message


def test_multipage_g4_tiff(tmp_path: Path) -> None:
    frames = []
    for n in range(3):
        sheet = np.full((1100, 850), 255, dtype=np.uint8)
        sheet[200 + 100 * n : 260 + 100 * n, 100:700] = 0
        frames.append(Image.fromarray(sheet).convert("1"))
    path = tmp_path / "fax.tiff"
    frames[0].save(
        path, save_all=True, append_images=frames[1:], compression="group4", dpi=(200, 200)
    )
    assert Image.open(path).info["compression"] == "group4"
    pages = list(load.load_pages(path, 300))
    assert [p.index for p in pages] == [0, 1, 2]
    for n, page in enumerate(pages):
        assert page.image is not None and page.image.dtype == np.uint8
        assert set(np.unique(page.image)) == {0, 255}
        assert page.dpi == 200 and page.size == (850, 1100)
        assert page.image[230 + 100 * n, 400] == 0 and page.image[100, 400] == 255


def test_tiff_pages_can_start_later_and_are_counted(tmp_path: Path) -> None:
    frames = [
        Image.fromarray(np.full((400, 300), shade, dtype=np.uint8)) for shade in (0, 128, 255)
    ]
    path = tmp_path / "three.tiff"
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(300, 300))
    assert load.page_count(path) == 3
    later = list(load.load_pages(path, 300, start=2))
    assert [p.index for p in later] == [2] and later[0].image is not None
    assert int(later[0].image[0, 0]) == 255


def test_single_images_count_one_page(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(_gray_png_bytes())
    assert load.page_count(path) == 1


def test_corrupt_tiff(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    path.write_bytes(b"II*\x00" + struct.pack("<I", 8) + b"\xff" * 200)
    assert "damaged" in _error(path).message


def test_jpeg_exif_orientation_is_honoured(tmp_path: Path) -> None:
    image = Image.new("L", (400, 300), 255)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: display rotated 90° clockwise
    path = tmp_path / "foto.jpg"
    image.save(path, format="JPEG", exif=exif.tobytes(), dpi=(200, 200))
    (page,) = load.load_pages(path, 300)
    assert page.size == (300, 400) and page.dpi == 200


def test_truncated_jpeg(tmp_path: Path) -> None:
    noise = np.random.default_rng(1).integers(0, 255, (600, 500), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise).save(buffer, format="JPEG", quality=90)
    path = tmp_path / "scan.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    assert "truncated" in _error(path).message


def test_png_without_dpi_uses_the_configured_dpi(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(_gray_png_bytes(dpi=None))
    (page,) = load.load_pages(path, 240)
    assert page.dpi == 240 and page.size == (600, 800)


def test_one_pixel_image(tmp_path: Path) -> None:
    path = tmp_path / "pixel.png"
    Image.new("L", (1, 1), 255).save(path)
    assert "1x1" in _error(path).message


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = struct.pack(">I", zlib.crc32(kind + payload))
    return struct.pack(">I", len(payload)) + kind + payload + crc


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    # A few hundred bytes that claim 100 000 x 100 000 pixels.
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + _png_chunk(b"IEND", b"")
    )
    path = tmp_path / "bomb.png"
    path.write_bytes(data)
    assert "decompression bomb" in _error(path).message


def test_unreadable_file(tmp_path: Path) -> None:
    assert "cannot be read" in _error(tmp_path / "missing.pdf").message


def test_pages_are_page_records(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(_gray_png_bytes())
    (page,) = load.load_pages(path, 300)
    assert isinstance(page, Page) and page.index == 0 and page.ops == ()


def test_sixteen_bit_scan_keeps_its_ink(tmp_path: Path) -> None:
    wide = np.full((300, 400), 60000, dtype=np.uint16)
    wide[100:120, 50:350] = 2000
    path = tmp_path / "scan16.png"
    Image.fromarray(wide).save(path)
    assert Image.open(path).mode.startswith("I")
    (page,) = load.load_pages(path, 300)
    assert page.image is not None
    assert page.image[110, 200] < 20 and page.image[10, 10] > 220


def test_missing_poppler_stops_instead_of_quarantining(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_image_pdf(pages=1))
    monkeypatch.setenv("PATH", str(tmp_path))  # no pdfinfo/pdftoppm on it
    with pytest.raises(EnvironmentCheckError) as caught:
        list(load.load_pages(path, 100))
    assert "poppler-utils" in caught.value.hint
