"""The desktop a GUI script works on: the driver it acts through, where templates are on screen.

``x11.XDriver`` is the real desktop; tests drive the runner through a recording fake.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np
from PIL import Image

from semantha.records import GrayImage

Box = tuple[int, int, int, int]  # x, y, width, height in screen pixels


@dataclass(frozen=True)
class Window:
    id: int
    title: str


class Driver(Protocol):
    """What a script needs from a desktop."""

    def screen(self) -> Image.Image: ...

    def windows(self) -> list[Window]: ...

    def focus(self, window: Window) -> bool: ...

    def launch(self, command: Sequence[str]) -> None: ...

    def click(self, x: int, y: int, button: str, clicks: int) -> None: ...

    def type_text(self, text: str) -> None: ...

    def hotkey(self, keys: Sequence[str]) -> None: ...

    def pointer(self) -> tuple[int, int]: ...

    def close(self) -> None:
        """Let go of the desktop connection (a new driver connects again)."""


def find_template(
    screen: GrayImage, template: GrayImage, confidence: float, limit: int = 10
) -> list[Box]:
    """Boxes where ``template`` appears on ``screen``, best first.

    Normalised cross-correlation scores each position in [-1, 1]; a hit clears its
    neighbourhood so that one screen element is reported once. A flat template (one
    colour) matches every flat area equally well, so it never matches at all.
    """
    height, width = template.shape[:2]
    if height > screen.shape[0] or width > screen.shape[1] or float(template.std()) == 0.0:
        return []
    scores = cv2.matchTemplate(screen, template, cv2.TM_CCOEFF_NORMED)
    scores = np.nan_to_num(scores, nan=0.0, posinf=0.0, neginf=0.0)
    boxes: list[Box] = []
    while len(boxes) < limit:
        _, best, _, (x, y) = cv2.minMaxLoc(scores)
        if best < confidence:
            break
        boxes.append((int(x), int(y), width, height))
        top, left = max(0, y - height // 2), max(0, x - width // 2)
        scores[top : y + height // 2 + 1, left : x + width // 2 + 1] = -1.0
    return boxes
