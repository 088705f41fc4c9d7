"""The desktop a GUI script works on: the driver it acts through and the windows it shows.

``x11.XDriver`` is the real desktop; tests drive the runner through a recording fake.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from PIL import Image

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
