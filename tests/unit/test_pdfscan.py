"""pdfscan: a scanner's page image is decoded as poppler would render it, or not at all."""

from __future__ import annotations

import io
from pathlib import Path

import img2pdf
import numpy as np
import pdf2image
import pypdf
import pytest
from PIL import Image
from pypdf.generic import BooleanObject, NameObject

from semantha.reading import load, pdfscan
from semantha.reading.load import MAX_PIXELS

DPI = 150


def _letter(width: int = 1240, height: int = 1754) -> np.ndarray:
    """A page with bars of ink whose positions tell any turn or mirror apart."""
    page = np.full((height, width), 250, dtype=np.uint8)
    page[100:140, 80:700] = 20  # a header line at the top left
    page[300:1500:60, 120:1100] = 40  # text lines
    page[1600:1700, 1000:1150] = 0  # a block at the bottom right
    return page


def _jpeg(pixels: np.ndarray, mode: str = "L", exif: Image.Exif | None = None) -> bytes:
    buffer = io.BytesIO()
    extra = {"exif": exif} if exif is not None else {}
    Image.fromarray(pixels).convert(mode).save(buffer, "JPEG", quality=90, dpi=(DPI, DPI), **extra)
    return buffer.getvalue()


def _g4(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    bitonal = Image.fromarray(pixels).convert("1", dither=Image.Dither.NONE)
    bitonal.save(buffer, "TIFF", compression="group4", dpi=(DPI, DPI))
    return buffer.getvalue()


def _pdf(tmp_path: Path, image: bytes, **options: object) -> Path:
    path = tmp_path / "scan.pdf"
    path.write_bytes(img2pdf.convert(image, **options))  # type: ignore[arg-type]
    return path


def _edited(path: Path, edit: object) -> Path:
    """``path`` rewritten by pypdf after ``edit(page)`` changed its one page."""
    writer = pypdf.PdfWriter(clone_from=str(path))
    edit(writer.pages[0])  # type: ignore[operator]
    edited = path.with_name("edited.pdf")
    with edited.open("wb") as handle:
        writer.write(handle)
    return edited


def _extracted(path: Path, dpi: int) -> np.ndarray | None:
    with path.open("rb") as handle:
        page = pypdf.PdfReader(handle).pages[0]
        size = load._pdf_page_size(path, 0, page, dpi)
        return pdfscan.scanned_image(page, size, MAX_PIXELS)


def _rendered(path: Path, dpi: int) -> np.ndarray:
    image = pdf2image.convert_from_path(path, dpi=dpi, grayscale=True)[0]
    return np.asarray(image, dtype=np.uint8)


def _assert_like_poppler(path: Path, dpi: int, tolerance: float = 3.0) -> None:
    extracted, rendered = _extracted(path, dpi), _rendered(path, dpi)
    assert extracted is not None, "a plain scan page is decoded, not rendered"
    assert abs(extracted.shape[0] - rendered.shape[0]) <= 1
    assert abs(extracted.shape[1] - rendered.shape[1]) <= 1
    rows, cols = np.minimum(extracted.shape, rendered.shape)
    difference = np.abs(extracted[:rows, :cols].astype(int) - rendered[:rows, :cols])
    assert difference.mean() < tolerance


@pytest.mark.parametrize("dpi", [DPI, 100, 300])
def test_gray_jpeg_scan_matches_the_rendered_page_at_any_dpi(tmp_path: Path, dpi: int) -> None:
    _assert_like_poppler(_pdf(tmp_path, _jpeg(_letter())), dpi)


def test_colour_jpeg_scan_comes_out_gray(tmp_path: Path) -> None:
    path = _pdf(tmp_path, _jpeg(_letter(), mode="RGB"))
    extracted = _extracted(path, DPI)
    assert extracted is not None and extracted.ndim == 2
    _assert_like_poppler(path, DPI)


def test_jpeg_orientation_tag_is_ignored_as_pdf_viewers_do(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    # The JPEG goes in as it is, tag included (img2pdf would turn the page by it).
    path = _pdf(tmp_path, _jpeg(_letter(), exif=exif), rotation=img2pdf.Rotation.none)
    with path.open("rb") as handle:
        image = pypdf.PdfReader(handle).pages[0]["/Resources"]["/XObject"]["/Im0"]
        assert b"Exif" in image.get_data()[:64]  # type: ignore[attr-defined]
    _assert_like_poppler(path, DPI)


@pytest.mark.parametrize("black_is_1", [True, False])
def test_g4_scan_keeps_its_polarity(tmp_path: Path, black_is_1: bool) -> None:
    def polarity(page: pypdf.PageObject) -> None:
        image = page["/Resources"]["/XObject"]["/Im0"].get_object()  # type: ignore[index]
        parms = image["/DecodeParms"]
        parms = parms[0] if isinstance(parms, list) else parms
        parms.get_object()[NameObject("/BlackIs1")] = BooleanObject(black_is_1)

    path = _edited(_pdf(tmp_path, _g4(_letter())), polarity)
    _assert_like_poppler(path, DPI, tolerance=6.0)  # poppler smooths bitonal edges
    extracted = _extracted(path, DPI)
    assert extracted is not None
    mostly_white = extracted.mean() > 127
    assert mostly_white == black_is_1  # the same page, inverted by the flag alone


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_page_rotation_is_applied(tmp_path: Path, degrees: int) -> None:
    path = _edited(_pdf(tmp_path, _jpeg(_letter())), lambda page: page.rotate(degrees))
    _assert_like_poppler(path, DPI)


def test_image_with_a_margin_is_left_to_the_renderer(tmp_path: Path) -> None:
    layout = img2pdf.get_layout_fun(border=(img2pdf.mm_to_pt(10), img2pdf.mm_to_pt(10)))
    assert _extracted(_pdf(tmp_path, _jpeg(_letter()), layout_fun=layout), DPI) is None


def test_lossless_image_is_left_to_the_renderer(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.fromarray(_letter()).save(buffer, "PNG", dpi=(DPI, DPI))
    assert _extracted(_pdf(tmp_path, buffer.getvalue()), DPI) is None


def test_page_with_more_than_its_image_is_left_to_the_renderer(tmp_path: Path) -> None:
    def stamp_text(page: pypdf.PageObject) -> None:
        stream = page.get_contents()
        assert stream is not None
        stream.set_data(stream.get_data() + b"\nBT /F1 12 Tf 72 72 Td (EINGANG) Tj ET")
        page.replace_contents(stream)

    assert _extracted(_edited(_pdf(tmp_path, _jpeg(_letter())), stamp_text), DPI) is None


def test_oversized_image_is_not_decoded(tmp_path: Path) -> None:
    path = _pdf(tmp_path, _jpeg(_letter()))
    with path.open("rb") as handle:
        page = pypdf.PdfReader(handle).pages[0]
        assert pdfscan.scanned_image(page, (400, 560), max_pixels=1000) is None


def test_scanned_pdf_loads_without_the_renderer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _pdf(tmp_path, _jpeg(_letter()))
    monkeypatch.setenv("PATH", str(tmp_path))  # no pdftoppm: decoding must not need it
    (page,) = load.load_pages(path, 100)
    assert page.image is not None and page.dpi == 100
    assert page.size == (page.image.shape[1], page.image.shape[0]) == (827, 1169)
