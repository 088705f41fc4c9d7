"""Pages of review copies as JPEG images at screen resolution, the last few kept.

The review copy is read with the reading stage's loader (a scanner's PDF page is
decoded, a PDF with a text layer rendered), scaled to about ``SCREEN_DPI``, turned
upright as the reading found it, and encoded once; a clerk going back and forth gets
the kept bytes. While a clerk reads one document, the first page of the next one is
made in the background (``warm``), so that it shows at once after the decision.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from semantha.reading.imaging import turn_clockwise
from semantha.reading.load import page_image

SCREEN_DPI = 100  # an A4 page is 827 px wide: the width of half a 1366 px screen and more
JPEG_QUALITY = 85  # letters stay crisp; a page is 50-200 kB
KEPT_PAGES = 32

Key = tuple[str, int, int]  # sha256, page index, quarter turns


class PageImages:
    """JPEG bytes of a page by (sha256, page index, turns); thread-safe. A page asked for
    twice at once is made once."""

    def __init__(self, dpi: int = SCREEN_DPI, kept: int = KEPT_PAGES) -> None:
        self.dpi = dpi
        self.kept = kept
        self._pages: OrderedDict[Key, Future[bytes]] = OrderedDict()
        self._lock = threading.Lock()
        # One thread: warming must never take the cores from the pages asked for now.
        self._warmer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="station-pages")

    def jpeg(self, file: Path, sha256: str, index: int, turns: int = 0) -> bytes:
        """Page ``index`` of ``file`` turned clockwise by ``turns`` quarter turns."""
        future, new = self._claim((sha256, index, turns))
        if new:
            self._make(future, (sha256, index, turns), file)
        return future.result()

    def warm(self, file: Path, sha256: str, index: int, turns: int = 0) -> None:
        """Make the page in the background, unless it is kept or being made."""
        future, new = self._claim((sha256, index, turns))
        if new:
            self._warmer.submit(self._make, future, (sha256, index, turns), file)

    def _claim(self, key: Key) -> tuple[Future[bytes], bool]:
        """The page's future, and whether the caller is to make it."""
        with self._lock:
            future = self._pages.get(key)
            if future is not None:
                self._pages.move_to_end(key)
                return future, False
            future = Future()
            self._pages[key] = future
            while len(self._pages) > self.kept:
                self._pages.popitem(last=False)
            return future, True

    def _make(self, future: Future[bytes], key: Key, file: Path) -> None:
        try:
            future.set_result(self._encoded(file, key[1], key[2]))
        except BaseException as exc:
            with self._lock:  # not kept: the next request tries again
                if self._pages.get(key) is future:
                    del self._pages[key]
            future.set_exception(exc)

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
