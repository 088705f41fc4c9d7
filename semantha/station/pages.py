"""Pages of review copies as JPEG images at screen resolution, the last few kept.

The review copy is read with the reading stage's loader (a scanner's PDF page is
decoded, a PDF with a text layer rendered), scaled to about ``SCREEN_DPI``, turned
upright as the reading found it, and encoded once; a clerk going back and forth gets
the kept bytes.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from semantha.reading.imaging import turn_clockwise
from semantha.reading.load import page_image

SCREEN_DPI = 100  # an A4 page is 827 px wide: the width of half a 1366 px screen and more
JPEG_QUALITY = 85  # letters stay crisp; a page is 50-200 kB
KEPT_PAGES = 32


class PageImages:
    """JPEG bytes of a page by (sha256, page index, turns); thread-safe."""

    def __init__(self, dpi: int = SCREEN_DPI, kept: int = KEPT_PAGES) -> None:
        self.dpi = dpi
        self.kept = kept
        self._cache: OrderedDict[tuple[str, int, int], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def jpeg(self, file: Path, sha256: str, index: int, turns: int = 0) -> bytes:
        """Page ``index`` of ``file`` turned clockwise by ``turns`` quarter turns."""
        key = (sha256, index, turns)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        data = self._encoded(file, index, turns)
        with self._lock:
            self._cache[key] = data
            while len(self._cache) > self.kept:
                self._cache.popitem(last=False)
        return data

    def _encoded(self, file: Path, index: int, turns: int) -> bytes:
        page = page_image(file, index, self.dpi)
        image = page.image
        assert image is not None  # page_image renders what has no image
        if page.dpi > self.dpi:
            scale = self.dpi / page.dpi
            image = np.asarray(
                cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
            )
        out = io.BytesIO()
        Image.fromarray(turn_clockwise(image, turns)).save(out, "JPEG", quality=JPEG_QUALITY)
        return out.getvalue()
