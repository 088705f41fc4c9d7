"""The scanned image of a PDF page, taken out of the file instead of rendered.

A scanner's PDF page is one image drawn over the whole page: a JPEG (gray or colour
scans) or a CCITT G4 bitmap (bitonal scans), nothing else. Decoding that image costs
a fifth of rendering the page with poppler at the same resolution, and gives the
scanner's own pixels. Any other page (vector text, several images, masks, transforms,
other codecs) is left to the renderer: ``scanned_image`` returns None for it.
"""

from __future__ import annotations

import cv2
import numpy as np
import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

from semantha.records import GrayImage

COVER_TOLERANCE_PT = 1.0  # scanners round the image's placement to the point or finer
_DECODE_ERRORS = (pypdf.errors.PyPdfError, OSError, ValueError, KeyError, TypeError)
_JPEG_COLOURS = {"/DeviceGray", "/DeviceRGB"}
# EXIF orientation in an embedded JPEG is ignored by PDF viewers, and so here.
_JPEG_FLAGS = cv2.IMREAD_GRAYSCALE | cv2.IMREAD_IGNORE_ORIENTATION


def scanned_image(
    page: pypdf.PageObject, size: tuple[int, int], max_pixels: int
) -> GrayImage | None:
    """The page's image as 8-bit gray at ``size`` (width, height, the page as rendered,
    its /Rotate applied), or None when the page is not a plain scan.

    An image of more than ``max_pixels`` is not decoded here: the renderer, asked for
    the page's size only, is safe from it."""
    try:
        image = _sole_image(page)
        pixels = _decoded(image, max_pixels) if image is not None else None
        rotate = int(page.get("/Rotate", 0) or 0) % 360
    except _DECODE_ERRORS:
        return None  # the renderer gets the page, and reports what is wrong with it
    if pixels is None or rotate % 90:
        return None
    upright = np.ascontiguousarray(np.rot90(pixels, k=-rotate // 90)) if rotate else pixels
    return _at_size(upright, size)


def _sole_image(page: pypdf.PageObject) -> StreamObject | None:
    """The one image the page consists of, drawn over its whole visible area."""
    contents = page.get_contents()
    if contents is None:
        return None
    operators = [(args, op) for args, op in contents.operations if op not in (b"q", b"Q")]
    if [op for _, op in operators] != [b"cm", b"Do"]:
        return None
    (matrix, _), (name, _) = operators
    if not _covers(page, [float(value) for value in matrix]):
        return None
    resources = page["/Resources"]
    xobjects = resources["/XObject"] if isinstance(resources, DictionaryObject) else None
    image = xobjects[name[0]] if isinstance(xobjects, DictionaryObject) else None
    if isinstance(image, StreamObject) and image.get("/Subtype") == NameObject("/Image"):
        return image
    return None


def _covers(page: pypdf.PageObject, matrix: list[float]) -> bool:
    """Whether ``cm`` places the unit image square exactly over the crop box, upright."""
    if len(matrix) != 6:
        return False
    a, b, c, d, e, f = matrix
    box = page.cropbox
    left, bottom = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    placed = (e - left, f - bottom, a - width, d - height)
    return b == 0 and c == 0 and all(abs(gap) <= COVER_TOLERANCE_PT for gap in placed)


def _decoded(image: StreamObject, max_pixels: int) -> GrayImage | None:
    """8-bit gray pixels of a JPEG or CCITT image without masks or a /Decode remap."""
    if any(key in image for key in ("/SMask", "/Mask", "/Decode", "/ImageMask")):
        return None
    filters = image.get("/Filter")
    codec = filters[0] if isinstance(filters, ArrayObject) and len(filters) == 1 else filters
    width, height = image.get("/Width"), image.get("/Height")
    if not (isinstance(width, int) and isinstance(height, int)) or width * height > max_pixels:
        return None
    colour = image.get("/ColorSpace")
    pixels: GrayImage | None = None
    if codec == "/DCTDecode" and colour in _JPEG_COLOURS:
        data = np.frombuffer(image.get_data(), dtype=np.uint8)
        decoded = cv2.imdecode(data, _JPEG_FLAGS)
        pixels = None if decoded is None else np.asarray(decoded, dtype=np.uint8)
    elif codec == "/CCITTFaxDecode" and colour == "/DeviceGray":
        # pypdf wraps the G4 data as a TIFF with the page's polarity (/BlackIs1).
        bitmap = image.decode_as_image()
        if bitmap is not None:
            pixels = np.asarray(bitmap.convert("L"), dtype=np.uint8)
    if pixels is None or pixels.shape != (height, width):
        return None
    return pixels


def _at_size(pixels: GrayImage, size: tuple[int, int]) -> GrayImage:
    width, height = size
    if pixels.shape == (height, width):
        return pixels
    shrink = width < pixels.shape[1]
    method = cv2.INTER_AREA if shrink else cv2.INTER_CUBIC
    return np.asarray(cv2.resize(pixels, (width, height), interpolation=method), dtype=np.uint8)
