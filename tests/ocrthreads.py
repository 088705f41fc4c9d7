"""What a process reports about tesseract's threads once it has read a page."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw


def _threads() -> int:
    """Threads of this process, the native ones (libgomp's) included."""
    return sum(1 for _ in Path("/proc/self/task").iterdir())


def read_a_line() -> dict[str, object]:
    """Read one printed line through ``ocr``; the process's threads before and after,
    OMP_THREAD_LIMIT and the thread limit libgomp took up when it was loaded."""
    from semantha.config import OcrSettings
    from semantha.reading import ocr
    from semantha.records import Page

    image = Image.new("L", (1200, 200), 255)
    ImageDraw.Draw(image).text((50, 50), "Sehr geehrte Damen und Herren", fill=0, font_size=40)
    before = _threads()
    page = ocr.recognise(Page(0, np.asarray(image), 300), OcrSettings())
    return {
        "text": page.text.strip(),
        "threads_added": _threads() - before,
        "environ": os.environ.get("OMP_THREAD_LIMIT"),
        "libgomp": ctypes.CDLL("libgomp.so.1").omp_get_thread_limit(),
    }
